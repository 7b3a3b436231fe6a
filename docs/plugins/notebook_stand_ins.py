"""Speed: notebook pages from mkdocs-jupyter's cache after an edit of a snippet.

mkdocs-jupyter converts a notebook again whenever its file changes (about 0.4 s a notebook
here), and a chapter's notebook holds the whole of every snippet it saves and the numbers
they print: one edit of gradient.py changed 16 of the 28 notebooks. So the notebook it reads
has a stand-in for each code cell and each printed output, and the page gets them back,
highlighted and escaped as nbconvert writes them, from filled(). After a snippet edit, every
notebook mkdocs-jupyter reads is as it was, and its cache answers (unless the edit changed what
the snippet imports, and so the files a notebook saves). A snippet's code is highlighted once
and kept in the store, not once per language.

Part of the optional speed-ups: with GRADIENTS_SPEED=off, mkdocs-jupyter converts the whole
notebooks, and a test finds the two sites byte for byte the same.
"""

from __future__ import annotations

import copy
import html
import re

from settings import SPEED_UPS_OFF as OFF
from snippet_runs import versions
from store import Store

# (language, chapter) -> each stand-in's name and the HTML it stands for
_fillings: dict[tuple[str, str], dict[str, str]] = {}
code_html = Store("notebook-code", __file__)
# A code cell's stand-in is a name that Pygments puts in a span of its own; an output's is bare.
STAND_IN = re.compile(r'<span class="n">(gradients_code_\d{4})</span>\n|(gradients_output_\d{4})')


def with_stand_ins(language: str, chapter: str, notebook: dict) -> dict:
    """A copy of the notebook whose code cells and printed outputs are stand-ins; their HTML
    is kept for filled()."""
    if OFF:
        return notebook
    notebook = copy.deepcopy(notebook)
    fillings = _fillings[language, chapter] = {}
    code_language = notebook["metadata"]["kernelspec"]["language"]
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        name = f"gradients_code_{len(fillings):04}"  # one length: none begins another
        fillings[name] = highlighted("".join(cell["source"]), code_language)
        cell["source"] = [name]
        for output in cell["outputs"]:
            if output["output_type"] == "stream":
                name = f"gradients_output_{len(fillings):04}"
                fillings[name] = html.escape(output["text"], quote=False)
                output["text"] = name
    return notebook


def fillings(language: str, chapter: str) -> tuple[tuple[str, str], ...]:
    """The stand-ins of a notebook page and the HTML of each, for filled()."""
    return () if OFF else tuple(_fillings[language, chapter].items())


def filled(content: str, fillings: tuple[tuple[str, str], ...]) -> str:
    """The HTML of a notebook with stand-ins, with its code and outputs back (called once
    mkdocs-jupyter's CSS is gone: a third as much to search). With the speed-ups off there are
    none, in fillings as in the HTML."""
    html_of = dict(fillings)
    found = STAND_IN.findall(content)
    if sorted(code or output for code, output in found) != sorted(html_of):
        raise ValueError("nbconvert's HTML does not hold each stand-in of the notebook once")
    return STAND_IN.sub(lambda stand_in: html_of[stand_in[1] or stand_in[2]], content)


def highlighted(source: str, code_language: str) -> str:
    """A code cell's source as nbconvert's HTML page has it inside <pre>, from the store."""
    key = code_html.key([versions("pygments", "beautifulsoup4"), code_language, source])
    stored = code_html.get(key)
    if stored is None:
        stored = highlighted_afresh(source, code_language)
        code_html.put(key, stored)
    return stored


def highlighted_afresh(source: str, code_language: str) -> str:
    """Pygments' spans for the kernel's language (nbconvert's choice of lexer), parsed and
    written out again by BeautifulSoup, as nbconvert's HTML exporter does with the whole page
    (&quot; becomes ")."""
    from bs4 import BeautifulSoup
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    spans = highlight(source, get_lexer_by_name(code_language), HtmlFormatter(nowrap=True))
    # Inside <pre>, as on the page: elsewhere BeautifulSoup trims the indentation between tags.
    return BeautifulSoup(f"<pre>{spans}</pre>", features="html.parser").pre.decode_contents()
