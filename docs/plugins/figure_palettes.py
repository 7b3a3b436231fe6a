"""Hook: every figure of a chapter page in both palettes, each shown in its own.

publish_snippets.py publishes figures/<name>.svg (drawn for the light palette) and
figures-dark/<name>.svg (the same draw() under snippet_runs.DARK_STYLE). Here each figure's
image on a page is followed by its dark twin; the site's CSS (overrides/partials/style.html)
shows the one that matches the palette, and the browser fetches only that one (both are
loaded lazily, and a hidden image is never in view). Without JavaScript Material keeps the light palette,
and the light figure shows. Notebook pages keep their light figures on a light card, as
Jupyter shows them.
"""

from __future__ import annotations

import grammar


def twin_images(figure) -> str:
    """A figure block whose image is followed by the same image for the dark palette."""
    image = f"![{figure['alt']}](../figures/{figure['name']}.svg)"
    dark = f"![{figure['alt']}](../figures-dark/{figure['name']}.svg)"
    # Lazy: a browser does not fetch the image hidden in the reader's palette.
    twins = f"{image}{{ .figure-light loading=lazy }}{dark}{{ .figure-dark loading=lazy }}"
    return figure[0].replace(image, twins, 1)


def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return markdown
    return grammar.FIGURE.sub(twin_images, markdown)
