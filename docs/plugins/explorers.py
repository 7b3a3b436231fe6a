"""Hook: the explorers, where readers move a slider and the page redraws what the snippets computed.

An explorer follows the figure of the snippet it explores. Its data are computed here, at
build time, by the snippet's own functions, once per build (kept in the store under the
snippet's result key, like its run), and shipped in the page as JSON inside the explorer's
element. docs/assets/explorers.js, loaded only on pages with an explorer, draws them; without
JavaScript the element stays empty and hidden, and the page keeps its static figure.

    python docs/plugins/explorers.py NAME   print an explorer's data as the page ships them
"""

from __future__ import annotations

import importlib
import json
import logging
import math
import sys

import grammar
import snippet_runs
from store import Store

log = logging.getLogger("mkdocs.plugins.gradients")
explorer_data = Store("explorers", __file__)

# Learning rates on the slider: from 0.001 to 1.1 in steps of about a quarter of a decade (the
# Renard series R10 of preferred numbers, so that every stop is a round number and 0.1 and
# 0.5 are stops), then 1 and 1.1, where descent on x0² + x1² bounces and diverges. The book's
# 10 and 1e-10 lie outside that range and are buttons.
RENARD = (1.0, 1.25, 1.6, 2.0, 2.5, 3.15, 4.0, 5.0, 6.3, 8.0)
LEARNING_RATES = tuple(
    float(f"{mantissa}e{exponent}") for exponent in (-3, -2, -1) for mantissa in RENARD
) + (1.0, 1.1)
BOOK_RATES = (10.0, 1e-10)
FIRST_RATE = 0.1
# Steps h on the slider: 1, 2 and 5 in every decade from 1e-16 to 1e-1.
STEPS = tuple(
    float(f"{mantissa}e{exponent}") for exponent in range(-16, -1) for mantissa in (1, 2, 5)
) + (0.1,)
FIRST_STEP = 1e-4
DRAWN_DIGITS = 4  # coordinates that are only drawn, never printed, are rounded to these
# A path is drawn until it comes this close to the minimum (a fraction of a pixel on the
# page) or leaves this far: the rest would be drawn on the same pixels, or off the plot.
PATH_END_NEAR, PATH_END_FAR = 0.01, 100.0


def drawn(value: float) -> float | None:
    """A coordinate rounded for drawing; None where there is nothing to draw (0 on a log axis)."""
    return float(f"{value:.{DRAWN_DIGITS}g}") if math.isfinite(value) else None


def log10_drawn(value: float) -> float | None:
    return round(math.log10(value), 3) if value > 0 else None


def import_snippet(name: str):
    """Snippet `name` freshly imported, as snippet_runs imports it to run it."""
    with snippet_runs.fresh_snippets():
        return importlib.import_module(name)


def drawn_path(history) -> list[list[float | None]]:
    """The points of a descent path that can be told apart on the plot."""
    path = []
    for x0, x1 in history.tolist():
        path.append([drawn(x0), drawn(x1)])
        if not PATH_END_NEAR < math.hypot(x0, x1) < PATH_END_FAR:
            break
    return path


def learning_rate_data() -> dict:
    """For every learning rate: its path, its distance from the minimum after each step, its
    step factor and where it ends, all from snippets/learning_rate.py."""
    snippet = import_snippet("learning_rate")
    rates = []
    for lr in (*LEARNING_RATES, *BOOK_RATES):
        history, _ = snippet.descend_until_refused(lr)
        rates.append(
            {
                "lr": f"{lr:g}",
                "factor": f"{snippet.step_factor(lr):.12g}",  # 1 - 2e-10 shows as 0.9999999998
                "outcome": snippet.outcome(lr),
                "path": drawn_path(history),
                "distance": [log10_drawn(math.hypot(x0, x1)) for x0, x1 in history.tolist()],
            }
        )
    return {
        "rates": rates,
        "slider": len(LEARNING_RATES),  # the first entries are the slider's stops
        "first": LEARNING_RATES.index(FIRST_RATE),
        "steps": snippet.STEP_NUM,
        # The contour lines of the page's figure: x0² + x1² = level, circles of radius √level.
        "radii": [drawn(math.sqrt(level)) for level in (1, 2, 4, 8, 16, 25)],
    }


def difference_data() -> dict:
    """For every step h: both differences of exp at X and their errors, and the error curves of
    the page's figure, all from snippets/difference_error.py."""
    snippet = import_snippet("difference_error")
    import numpy as np

    curves = {
        difference.__name__: [log10_drawn(error) for error in snippet.errors(difference).tolist()]
        for difference in (snippet.forward_difference, snippet.central_difference)
    }
    x = snippet.X
    stops = []
    for h in STEPS:
        stop = {"h": f"{h:g}", "log10h": round(math.log10(h), 3)}
        for difference in (snippet.forward_difference, snippet.central_difference):
            error = snippet.error_at(difference, h)
            stop[difference.__name__] = {
                "slope": repr(float(difference(np.exp, x, h))),
                "error": f"{error:.2e}",
                "log10error": log10_drawn(float(error)),
            }
        # Where the secants start: (x, f(x)) for the forward one, (x - h, f(x - h)) for the
        # central one.
        stop["central_start"] = [drawn(x - h), drawn(float(np.exp(x - h)))]
        stops.append(stop)
    curve_x = np.linspace(0.0, 2.0, 41)
    return {
        "x": repr(x),
        "exact": repr(float(np.exp(x))),
        "fx": drawn(float(np.exp(x))),
        "curve": [[drawn(t), drawn(y)] for t, y in zip(curve_x.tolist(), np.exp(curve_x).tolist())],
        "log10steps": [round(v, 3) for v in np.log10(snippet.STEPS).tolist()],
        "errors": curves,
        "stops": stops,
        "first": STEPS.index(FIRST_STEP),
    }


# The snippet whose figure an explorer follows, and what computes its data.
EXPLORERS = {"learning_rate": learning_rate_data, "difference_error": difference_data}


def data_of(name: str) -> dict:
    """An explorer's data: from the store, or computed once and stored."""
    key = snippet_runs.result_key(name)
    stored = explorer_data.get(key)
    if stored is None:
        stored = EXPLORERS[name]()
        explorer_data.put(key, stored)
        log.info(f"computed the explorer of snippets/{name}.py")
    return stored


def explorer_html(name: str, labels: dict) -> str:
    """The explorer's element: empty until the script fills it, out of the search index."""
    payload = json.dumps({"labels": labels, "data": data_of(name)}, ensure_ascii=False)
    # In a <script> element only "</" could end it early; JSON allows "<\/" for it.
    payload = payload.replace("</", "<\\/")
    return (
        f'<div class="explorer" data-explorer="{name}" data-search-exclude hidden>'
        f'<script type="application/json">{payload}</script></div>'
    )


def on_page_markdown(markdown, page, config, files):
    """After the figure of each explored snippet, its explorer; the page then loads the script."""
    if not page.file.src_uri.endswith(".md") or snippet_runs.EXECUTION_OFF:
        return markdown
    texts = config.extra.get("explorer", {})
    for figure in grammar.figures(markdown):
        if figure.snippet in EXPLORERS and not snippet_runs.result_of(figure.snippet).error:
            block = explorer_html(figure.snippet, texts[figure.snippet])
            markdown = markdown.replace(figure.text, f"{figure.text}\n\n{block}\n", 1)
            page.meta["explorer"] = True
    return markdown


if __name__ == "__main__":
    for snippet_name in sys.argv[1:]:
        print(json.dumps(EXPLORERS[snippet_name](), indent=1))
