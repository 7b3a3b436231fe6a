"""Hook: every formula becomes MathML at build time; browsers draw it with no script or font.

On Markdown pages, pymdownx.arithmatex marks each formula as
<span|div class="arithmatex">\\(…\\)</…>; on notebook pages, they are still $…$ and $$…$$ in
the prose (never in code or its output).
"""

from __future__ import annotations

import functools
import html
import re

ARITHMATEX = re.compile(
    r'<(span|div) class="arithmatex">(?:\\\(|\\\[)(.*?)(?:\\\)|\\\])</\1>', re.DOTALL
)
DOLLARS = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)


@functools.cache
def mathml(latex: str, display: str) -> str:
    """Every formula appears in four languages: convert each once."""
    from latex2mathml.converter import convert

    return convert(latex, display=display)


def from_arithmatex(match: re.Match) -> str:
    display = "block" if match[1] == "div" else "inline"
    return mathml(html.unescape(match[2]).strip(), display)


def from_dollars(match: re.Match) -> str:
    latex, display = (match[1], "block") if match[1] is not None else (match[2], "inline")
    return mathml(html.unescape(latex).strip(), display)


def on_page_content(html_content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return ARITHMATEX.sub(from_arithmatex, html_content)
    parts = PRE.split(html_content)  # a $ in code or in printed output stays as it is
    return "".join(
        part if part.startswith("<pre") else DOLLARS.sub(from_dollars, part) for part in parts
    )
