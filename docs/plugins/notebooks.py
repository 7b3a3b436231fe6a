"""Chapter notebooks: one per chapter and language, made from the chapter page and its snippets.

    python docs/plugins/notebooks.py           write docs/<language>/notebooks/<chapter>.ipynb
    python docs/plugins/notebooks.py --check   list the notebooks that differ from what would be
                                               written (exit status 1 if any)

A chapter is a page that shows snippets. Its notebook keeps the page's prose, in the page's
language, and turns each snippet it shows into a `%%writefile <name>.py` cell holding the whole
file byte for byte, so the code cannot drift from `snippets/`. Snippets that a chapter's
snippets import come first, written the same way, so that the notebook runs on its own in any
Jupyter kernel that has NumPy and Matplotlib.

The notebooks are committed because Colab opens notebooks from the repository on GitHub; the
tests prove they are what this file makes, and run each of them in a Jupyter kernel. The build
does not read them: it makes the same notebooks afresh (notebook_pages.py).
"""

from __future__ import annotations

import html
import json
import re
import sys
import textwrap
from pathlib import Path

import grammar
import settings
from settings import DOCS, ROOT, SNIPPETS
from snippet_runs import imported_names, local_imports, snippet_imports
from store import read_bytes

NBFORMAT_MINOR = 5  # the first version with cell ids; they are numbered, for stable files
# Libraries a chapter's snippets may need besides NumPy and Matplotlib: the module a snippet
# imports, and the name of the notebook text that says what the notebook needs
# (extra.notebook in mkdocs.yml: requirements_scikit_learn instead of requirements).
EXTRA_LIBRARIES = {"sklearn": "scikit_learn"}


def page_source(language: str, page: str) -> str:
    """A page's Markdown in a language, or the English one where there is no translation yet."""
    path = DOCS / language / f"{page}.md"
    if not path.is_file():
        path = DOCS / settings.default_language() / f"{page}.md"
    return read_bytes(path).decode("utf-8")


def shown_snippets(page: str) -> list[str]:
    """The snippets a page shows, in order."""
    return grammar.shown_snippets(page_source(settings.default_language(), page))


def chapters() -> list[str]:
    """The pages that show snippets, in the order of the site's navigation."""
    return [page for page in settings.pages() if shown_snippets(page)]


def chapter_of(snippet: str) -> str:
    return next(page for page in chapters() if snippet in shown_snippets(page))


def title(language: str, page: str) -> str:
    return grammar.title(page_source(language, page))


def notebook_path(language: str, chapter: str) -> Path:
    return DOCS / language / "notebooks" / f"{chapter}.ipynb"


def colab_url(language: str, chapter: str) -> str:
    """Colab opens a notebook straight from the repository on GitHub."""
    path = notebook_path(language, chapter).relative_to(ROOT).as_posix()
    return (
        f"https://colab.research.google.com/github/{settings.repository()}"
        f"/blob/{settings.branch()}/{path}"
    )


# ---------------------------------------------------------------- cells


def markdown_cell(language: str, text: str) -> dict:
    """Page Markdown as notebook Markdown: no heading ids, $…$ math, links to the site."""
    text = grammar.HEADING.sub(lambda heading: f"{heading[1]} {heading[2]}", text)
    text = grammar.COLLAPSED.sub(details, text)
    text = grammar.INLINE_FORMULA.sub(lambda match: f"${match[1]}$", text)
    text = grammar.PAGE_LINK.sub(
        lambda match: f"]({settings.page_url(language, match[1], match[2] or '')})", text
    )
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip()}


def details(block: re.Match) -> str:
    """A collapsed block as HTML <details>, which Jupyter and Colab show collapsed (or open) too;
    as Markdown, its indented lines would show as code."""
    tag = "<details open>" if block["open"] else "<details>"
    body = textwrap.dedent(block["body"]).strip()
    summary = html.escape(block["title"] or "")
    return f"{tag}\n<summary>{summary}</summary>\n\n{body}\n\n</details>\n\n"


def code_cell(source: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source,
    }


def writefile_cell(snippet: str) -> dict:
    """The snippet file itself, saved next to the notebook when the cell runs."""
    source = read_bytes(SNIPPETS / f"{snippet}.py").decode("utf-8")
    return code_cell(f"%%writefile {snippet}.py\n{source}")


def report_cell(snippet: str) -> dict:
    return code_cell(f"import {snippet}\n\n{snippet}.report()")


def draw_cell(snippet: str) -> dict:
    return code_cell(f"{snippet}.draw()")


def extra_libraries(chapter: str) -> list[str]:
    """The libraries of EXTRA_LIBRARIES that a chapter's snippets import, directly or not."""
    modules = set()
    for snippet in shown_snippets(chapter):
        for name in local_imports(snippet):
            imported = imported_names(read_bytes(SNIPPETS / f"{name}.py"))
            modules |= {module.split(".")[0] for module in imported}
    return sorted(modules & EXTRA_LIBRARIES.keys())


def intro_cells(language: str, chapter: str) -> list[dict]:
    texts = settings.texts(language, "notebook")
    heading = title(language, chapter)
    needs = "requirements" + "".join(f"_{EXTRA_LIBRARIES[x]}" for x in extra_libraries(chapter))
    intro = texts["intro"].format(
        title=heading, url=settings.page_url(language, chapter), requirements=texts[needs]
    )
    # Figures appear under the cells that draw them; snippets use Matplotlib's Figure API,
    # whose figures Jupyter shows only once the inline backend is on.
    return [
        markdown_cell(language, f"# {heading}\n\n{intro}"),
        code_cell("%matplotlib inline"),
    ]


def snippet_cells(language: str, chapter: str, snippet: str, written: set[str]) -> list[dict]:
    """The snippet's file, after the files it imports that the notebook has not saved yet."""
    cells = []
    for dependency in snippet_imports(snippet):
        if dependency in written:
            continue
        cells += snippet_cells(language, chapter, dependency, written)
        home = chapter_of(dependency)
        text = "dependency_below" if home == chapter else "dependency"
        explanation = settings.texts(language, "notebook")[text].format(
            snippet=snippet,
            dependency=dependency,
            title=title(language, home),
            url=settings.page_url(language, home),
        )
        cells.insert(-1, markdown_cell(language, explanation))
    written.add(snippet)
    return [*cells, writefile_cell(snippet)]


def prose_cells(language: str, text: str) -> list[dict]:
    """A cell per section of prose."""
    parts = re.split(r"^(?=#+ )", text, flags=re.M)
    return [markdown_cell(language, part) for part in parts if part.strip()]


def notebook_cells(language: str, chapter: str) -> list[dict]:
    """The page, block by block: prose as Markdown, each snippet block as the code it stands for.

    The first block that shows a snippet's code (on a page, its core section) saves the whole
    file; later ones (the whole file in its collapsed block, another section) add nothing. A
    download link has nothing to do in a notebook.
    """
    source = grammar.body(page_source(language, chapter))
    first_heading = re.search(r"^# .*\n", source, re.M)
    cells, written, shown = intro_cells(language, chapter), set(), set()
    for block in grammar.blocks(source[first_heading.end() if first_heading else 0 :]):
        if block.kind == "prose":
            cells += prose_cells(language, block.text)
        elif block.kind in ("code", "whole") and block.snippet not in shown:
            shown.add(block.snippet)
            cells += snippet_cells(language, chapter, block.snippet, written)
        elif block.kind == "report":
            if not block.snippet:
                raise ValueError(f"{language}/{chapter}: an exec block that reports no snippet")
            cells.append(report_cell(block.snippet))
        elif block.kind == "figure":
            cells.append(draw_cell(block.snippet))
            cells.append(markdown_cell(language, f"*{html.unescape(block.caption.strip())}*"))
    return cells


# ---------------------------------------------------------------- notebooks


def make_notebook(language: str, chapter: str) -> dict:
    cells = notebook_cells(language, chapter)
    for number, cell in enumerate(cells, start=1):
        cell["id"] = f"cell-{number}"  # fixed, so that the file changes only when its text does
        cell["source"] = cell["source"].splitlines(keepends=True)
    return {
        "cells": [dict(sorted(cell.items())) for cell in cells],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": NBFORMAT_MINOR,
    }


def notebook_text(notebook: dict) -> str:
    """JSON as Jupyter writes it (indent 1, non-ASCII kept), so that saving it changes nothing."""
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def stale_notebooks() -> list[Path]:
    """The committed notebooks that are missing or differ from what the pages and snippets make."""
    stale = []
    for language in settings.languages():
        for chapter in chapters():
            path = notebook_path(language, chapter)
            wanted = notebook_text(make_notebook(language, chapter))
            if not path.is_file() or path.read_text(encoding="utf-8") != wanted:
                stale.append(path)
    return stale


def write_notebooks() -> list[Path]:
    written = []
    for path in stale_notebooks():
        language, chapter = path.parent.parent.name, path.stem
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(notebook_text(make_notebook(language, chapter)), encoding="utf-8")
        written.append(path)
    return written


def main(arguments: list[str]) -> int:
    if arguments == ["--check"]:
        stale = stale_notebooks()
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python docs/plugins/notebooks.py")
        return 1 if stale else 0
    if arguments:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    for path in write_notebooks():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
