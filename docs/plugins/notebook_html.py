"""nbconvert's HTML of a notebook, as the rest of the site is written.

mkdocs-jupyter renders a notebook as a whole JupyterLab page meant to stand alone: 600 KB of
CSS, scripts from CDNs, hidden copies of each cell's code. notebook_pages.py gives page_html()
what mkdocs-jupyter made, and gets back a page in the site's look: Material's code blocks and
copy buttons, each cell that saves a whole file closed, the chapter page's anchors on the
headings, links within this copy of the site, and a table of contents.
"""

from __future__ import annotations

import functools
import re

import grammar
import notebook_stand_ins
from mkdocs.utils import get_relative_url

# What mkdocs-jupyter puts into a page that the site does without: its 600 KB of CSS and its
# scripts (MathJax and Mermaid from CDNs, a copy button) give way to Material's own styles,
# copy buttons and MathML; the hidden copy of each cell's source goes too. (A style or script
# is matched up to its end tag a run of non-"<" characters at a time: 4 times faster than .*?
# over the 600 KB of CSS.)
NOT_NEEDED = re.compile(
    r"<(?:(style|script)\b[^>]*>[^<]*(?:<(?!/\1>)[^<]*)*</\1>"
    r"|!--.*?-->"
    r'|div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|div class="clipboard-copy-txt"[^>]*>.*?</div>)\s*',
    re.S,
)
CODE = re.compile(r'<div class="highlight-ipynb[^"]*"><pre><span></span>(.*?)</pre></div>', re.S)
HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="headerlink" href="#[^"]*">', re.S)
TOC_HEADING = re.compile(r'<h([2-6]) id="([^"]+)">(.*?)<a class="headerlink"', re.S)
WRITEFILE = re.compile(
    r'<div class="highlight"><pre><code><span class="o">%%</span><span class="n">writefile</span>'
    r"(?P<name>[^\n]*)\n.*?</code></pre></div>",
    re.S,
)


def closed_files(content: str) -> str:
    """Each cell that saves a whole snippet file, closed under its first line, as a chapter
    page shows a whole file; opened, it is the cell as it was, with its copy button.

    Open, the files made a notebook page about 7,000 elements long, and a phone styles them all
    again each time Material's script changes the page while it loads: Lighthouse's phone
    counted 0.5 to 0.7 s of blocked time. Closed, they are not styled until opened.
    """

    def closed(cell: re.Match) -> str:
        name = re.sub(r"<[^>]+>", "", cell["name"]).strip()
        return (
            f'<details class="note notebook-file"><summary><code>%%writefile {name}</code>'
            f"</summary>{cell[0]}</details>"
        )

    return WRITEFILE.sub(closed, content)


def site_look(content: str) -> str:
    """Notebook HTML as the rest of the site is written: Material's code blocks and anchors."""
    content = CODE.sub(r'<div class="highlight"><pre><code>\1</code></pre></div>', content)
    content = closed_files(content)
    content = content.replace('class="anchor-link"', 'class="headerlink"')
    # nbconvert's cell ids, "cell-id=cell-3", are no CSS selectors: Material's copy button
    # finds its code block by the id of the cell around it.
    content = re.sub(r'id="cell-id=([\w-]+)"', r'id="\1"', content)
    return content.replace(
        '<div class="jp-Cell-inputWrapper" tabindex="0">', '<div class="jp-Cell-inputWrapper">'
    )


# Remembered for mkdocs serve: every rebuild asks again for all 28 pages, of which an edit
# changes one or a few, and making one takes 3 to 5 ms (0.1 s of a 1.5 s rebuild).
@functools.lru_cache(maxsize=64)
def page_html(
    html_content: str, url: str, site_url: str, page: str, fillings: tuple, links: str
) -> str:
    """A notebook page's HTML, from mkdocs-jupyter's, at address `url` of the site at
    `site_url`, for the chapter page whose Markdown is `page`, with `fillings` for the
    stand-ins and the notebook `links`."""
    content = NOT_NEEDED.sub("", html_content)  # first: what is left is a third as long
    content = site_look(notebook_stand_ins.filled(content, fillings))
    # The notebook links to the published site; here, a link stays within this copy of it.
    content = re.sub(
        f'href="{re.escape(site_url)}([^"]*)"',
        lambda link: f'href="{get_relative_url(link[1] or ".", url)}"',
        content,
    )
    content = with_page_anchors(content, page)
    return content.replace("</h1>", f"</h1>\n{links}", 1)


def with_page_anchors(content: str, page: str) -> str:
    """The chapter page's anchors on the notebook's headings, which are the page's, in order.

    Jupyter derives an anchor from a heading's words, and none at all from Korean, Japanese
    or Chinese ones; the page's own anchors are the same in every language.
    """
    anchors = [anchor for _, anchor in grammar.heading_anchors(page)]
    if len(HEADING.findall(content)) != len(anchors):
        raise ValueError("a notebook's headings are not its page's")
    anchors = iter(anchors)

    def anchored(heading):
        anchor = next(anchors)
        return f'<h{heading[1]} id="{anchor}">{heading[2]}<a class="headerlink" href="#{anchor}">'

    return HEADING.sub(anchored, content)


def table_of_contents(content: str):
    """The page's sections, as on every other page; mkdocs-jupyter's own list drops any
    heading that is code, such as `numerical_gradient`."""
    from mkdocs.structure.toc import get_toc

    tokens, open_sections = [], []
    for level, anchor, name in TOC_HEADING.findall(content):
        token = {
            "level": int(level),
            "id": anchor,
            "name": re.sub(r"<[^>]+>", "", name),
            "children": [],
        }
        while open_sections and open_sections[-1]["level"] >= token["level"]:
            open_sections.pop()
        (open_sections[-1]["children"] if open_sections else tokens).append(token)
        open_sections.append(token)
    return get_toc(tokens)
