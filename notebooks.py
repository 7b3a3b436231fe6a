"""Chapter notebooks: one per chapter and language, made from the chapter page and its snippets.

    python notebooks.py           write docs/<language>/notebooks/<chapter>.ipynb
    python notebooks.py --check   list the notebooks that differ from what would be written

A chapter is a page that shows snippets. Its notebook keeps the page's prose, in the page's
language, and turns each snippet it shows into a `%%writefile <name>.py` cell holding the
file byte for byte, so the code cannot drift from `snippets/`. Snippets that a chapter's
snippets import come first, written the same way, so that the notebook runs on its own in
any Jupyter kernel that has NumPy and Matplotlib.

The notebooks are committed because Colab opens notebooks from the repository on GitHub;
tests/test_notebooks.py proves they are what this file makes, and runs each of them in a
Jupyter kernel. The build does not read them: it makes the same notebooks, fills in their
outputs from the snippets' one run per build, and has mkdocs-jupyter render them (see the
MkDocs events at the end of this file).
"""

from __future__ import annotations

import functools
import html
import json
import logging
import re
import sys
import textwrap
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import hooks  # the same module MkDocs loaded from hooks.py, which registers it under this name
from hooks import DOCS, FRONT_MATTER, ROOT, SNIPPETS

NBFORMAT_MINOR = 5  # the first version with cell ids; they are numbered, for stable files

INCLUDE = re.compile(r'^```python title="snippets/(\w+)\.py"\n--8<-- "[^"]+"\n```$', re.M)
EXEC_BLOCK = re.compile(r'^```python exec="on"[^\n]*\bid="(\w+)"\n.*?^```$', re.M | re.S)
FIGURE = re.compile(
    r"^<figure[^>]*>\s*!\[(?P<alt>[^\]]*)\]\(\.\./figures/(?P<name>\w+)\.svg\)\s*"
    r"<figcaption>(?P<caption>.*?)</figcaption>\s*</figure>$",
    re.M | re.S,
)
DOWNLOAD_LINK = re.compile(r"^\[[^\n]*\]\(\.\./snippets/\w+\.py\)\{ download=[^}]*\}$", re.M)
BLOCK = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern.pattern})"
        for kind, pattern in [
            ("include", INCLUDE),
            ("exec", EXEC_BLOCK),
            ("figure", FIGURE),
            ("download", DOWNLOAD_LINK),
        ]
    ),
    re.M | re.S,
)
HEADING_ID = re.compile(r"^(#+ .*?)\s*\{ *#[\w-]+ *\}$", re.M)
INLINE_MATH = re.compile(r"\\\((.+?)\\\)", re.S)
PAGE_LINK = re.compile(r"\]\(([\w-]+)\.md(#[\w-]+)?\)")
# A block of pymdownx.details: ??? kind "title" (???+ for one shown open), then its lines,
# indented by 4 spaces.
COLLAPSED = re.compile(
    r'^\?\?\?(\+?) \w+ "([^"]*)"\n((?:(?: {4}[^\n]*)?\n)*(?: {4}[^\n]*$)?)', re.M
)
# Libraries a chapter's snippets may need besides NumPy and Matplotlib: the module a snippet
# imports, and how the notebook text that names what it needs is called (extra.notebook in
# mkdocs.yml: requirements_scikit_learn instead of requirements).
EXTRA_LIBRARIES = {"sklearn": "scikit_learn"}


# ---------------------------------------------------------------- what the notebooks are made of


@functools.cache
def settings() -> dict:
    """From mkdocs.yml: the site's address, the repository, the pages and each language's texts."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if "i18n" in plugin)
    languages = [language["locale"] for language in i18n["languages"]]
    texts = {
        language["locale"]: {
            **config["extra"]["notebook"],
            **language.get("extra", {}).get("notebook", {}),
        }
        for language in i18n["languages"]
    }
    return {
        "site_url": config["site_url"],
        "repository": config["extra"]["repository"],
        "branch": config["extra"]["branch"],
        "languages": languages,
        "pages": [Path(page).stem for page in config["nav"] if isinstance(page, str)],
        "texts": texts,
    }


def page_source(language: str, page: str) -> str:
    """A page's Markdown in a language, or the English one where there is no translation yet."""
    path = DOCS / language / f"{page}.md"
    if not path.is_file():
        path = DOCS / settings()["languages"][0] / f"{page}.md"
    return FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))


def shown_snippets(page: str) -> list[str]:
    """The snippets a page shows, in order."""
    return INCLUDE.findall(page_source(settings()["languages"][0], page))


def chapters() -> list[str]:
    """The pages that show snippets, in the order of the site's navigation."""
    return [page for page in settings()["pages"] if shown_snippets(page)]


def chapter_of(snippet: str) -> str:
    return next(page for page in chapters() if snippet in shown_snippets(page))


def snippet_imports(snippet: str) -> list[str]:
    """The other snippets a snippet imports directly, by name."""
    imported = hooks.imported_names((SNIPPETS / f"{snippet}.py").read_bytes())
    return sorted(name for name in imported if (SNIPPETS / f"{name}.py").is_file())


def title(language: str, page: str) -> str:
    heading = re.search(r"^# (.*)$", HEADING_ID.sub(r"\1", page_source(language, page)), re.M)
    return heading.group(1)


def language_prefix(language: str) -> str:
    """Where a language's edition starts on the site: at its root for the default language."""
    return "" if language == settings()["languages"][0] else f"{language}/"


def page_url(language: str, page: str, anchor: str = "") -> str:
    """A page's address on the published site, e.g. https://…/gradients/ja/gradient/."""
    path = "" if page == "index" else f"{page}/"
    return settings()["site_url"] + language_prefix(language) + path + anchor


def notebook_path(language: str, chapter: str) -> Path:
    return DOCS / language / "notebooks" / f"{chapter}.ipynb"


def colab_url(language: str, chapter: str) -> str:
    """Colab opens a notebook straight from the repository on GitHub."""
    path = notebook_path(language, chapter).relative_to(ROOT).as_posix()
    repository, branch = settings()["repository"], settings()["branch"]
    return f"https://colab.research.google.com/github/{repository}/blob/{branch}/{path}"


# ---------------------------------------------------------------- making a notebook


def markdown_cell(language: str, text: str) -> dict:
    """Page Markdown as notebook Markdown: no heading ids, $…$ math, links to the site."""
    text = HEADING_ID.sub(r"\1", text)
    text = COLLAPSED.sub(details, text)
    text = INLINE_MATH.sub(lambda match: f"${match.group(1)}$", text)
    text = PAGE_LINK.sub(
        lambda match: f"]({page_url(language, match.group(1), match.group(2) or '')})", text
    )
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip()}


def details(block: re.Match) -> str:
    """A details block as HTML, which Jupyter and Colab show collapsed (or open) too."""
    tag = "<details open>" if block[1] else "<details>"
    body = textwrap.dedent(block[3]).strip()
    return f"{tag}\n<summary>{html.escape(block[2])}</summary>\n\n{body}\n\n</details>\n"


def extra_libraries(chapter: str) -> list[str]:
    """The libraries of EXTRA_LIBRARIES that a chapter's snippets import, directly or not."""
    modules = set()
    for snippet in shown_snippets(chapter):
        for name in hooks.local_imports(snippet):
            imported = hooks.imported_names((SNIPPETS / f"{name}.py").read_bytes())
            modules |= {module.split(".")[0] for module in imported}
    return sorted(modules & EXTRA_LIBRARIES.keys())


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
    source = (SNIPPETS / f"{snippet}.py").read_text(encoding="utf-8")
    return code_cell(f"%%writefile {snippet}.py\n{source}")


def report_cell(snippet: str) -> dict:
    return code_cell(f"import {snippet}\n\n{snippet}.report()")


def draw_cell(snippet: str) -> dict:
    return code_cell(f"{snippet}.draw()")


def intro_cells(language: str, chapter: str) -> list[dict]:
    texts = settings()["texts"][language]
    # What the notebook needs: NumPy and Matplotlib, and any other library its snippets import
    requirements = "requirements" + "".join(
        f"_{EXTRA_LIBRARIES[library]}" for library in extra_libraries(chapter)
    )
    intro = texts["intro"].format(
        title=title(language, chapter),
        url=page_url(language, chapter),
        requirements=texts[requirements],
    )
    # Figures appear under the cells that draw them; snippets use Matplotlib's Figure API,
    # whose figures Jupyter shows only once the inline backend is on.
    return [
        markdown_cell(language, f"# {title(language, chapter)}\n\n{intro}"),
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
        explanation = settings()["texts"][language][text].format(
            snippet=snippet,
            dependency=dependency,
            title=title(language, home),
            url=page_url(language, home),
        )
        cells.insert(-1, markdown_cell(language, explanation))
    written.add(snippet)
    return [*cells, writefile_cell(snippet)]


def notebook_cells(language: str, chapter: str) -> list[dict]:
    """The page, block by block: prose as Markdown, each snippet block as the code it stands for."""
    source = page_source(language, chapter)
    cells, written = intro_cells(language, chapter), set()
    first_heading = re.search(r"^# .*\n", source, re.M)
    position = first_heading.end() if first_heading else 0

    def prose(text: str) -> None:
        for part in re.split(r"^(?=#+ )", text, flags=re.M):  # a cell per section
            if part.strip():
                cells.append(markdown_cell(language, part))

    for block in BLOCK.finditer(source, position):
        prose(source[position : block.start()])
        position = block.end()
        if block["include"]:
            cells.extend(snippet_cells(language, chapter, INCLUDE.match(block[0])[1], written))
        elif block["exec"]:
            cells.append(report_cell(EXEC_BLOCK.match(block[0])[1]))
        elif block["figure"]:
            figure = FIGURE.match(block[0])
            cells.append(draw_cell(figure["name"]))
            caption = html.unescape(figure["caption"].strip())
            cells.append(markdown_cell(language, f"*{caption}*"))
    prose(source[position:])
    return cells


def make_notebook(language: str, chapter: str) -> dict:
    cells = notebook_cells(language, chapter)
    for number, cell in enumerate(cells, start=1):
        cell["id"] = f"cell-{number}"  # fixed, so that the file changes only when its text does
        cell["source"] = cell["source"].splitlines(keepends=True)
    return notebook_of([dict(sorted(cell.items())) for cell in cells])


def notebook_of(cells: list[dict]) -> dict:
    return {
        "cells": cells,
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
    for language in settings()["languages"]:
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


# ---------------------------------------------------------------- MkDocs events
#
# mkdocs.yml lists this file under hooks:, after hooks.py, which it imports. In each language's
# build they replace the notebooks mkdocs-static-i18n found in docs/ with notebooks made
# afresh, carrying the outputs a run from top to bottom gives.
#
# Those outputs are known without starting a Jupyter kernel: the code cells save snippet
# files and call their report() and draw(), whose results hooks.py has from its one run of
# each snippet per build. So a snippet runs once per build, notebooks included.
# tests/test_notebooks.py runs every notebook in a real kernel and checks that it prints
# exactly these outputs.

CACHE = ROOT / ".cache" / "notebooks"

log = logging.getLogger("mkdocs.plugins.gradients.notebooks")


def drawn(snippet: str) -> dict:
    """A draw cell's figure, until with_outputs() puts in the SVG the site publishes."""
    return {"output_type": "display_data", "data": {}, "metadata": {"drawn": snippet}}


def stream(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text}


def cell_outputs(source: str, written: set[str]) -> list[dict]:
    """What a code cell of a chapter notebook shows when run in a fresh kernel, after the
    cells above it, which saved the files in `written` (updated here)."""
    if source == "%matplotlib inline":
        return []
    if match := re.match(r"%%writefile (\w+\.py)\n", source):
        # IPython's words for a new file and for one that an earlier cell saved
        saying = "Overwriting" if match[1] in written else "Writing"
        written.add(match[1])
        return [stream(f"{saying} {match[1]}\n")]
    if match := re.fullmatch(r"import (\w+)\n\n\1\.report\(\)", source):
        return [stream(hooks.snippet_output(match[1]))]
    if match := re.fullmatch(r"(\w+)\.draw\(\)", source):
        return [drawn(match[1])]
    raise ValueError(f"no known output for the code cell {source.splitlines()[0]!r}")


def figure_output(language: str, chapter: str, snippet: str, notebook_url: str) -> dict:
    """The figure a draw cell makes, as the published SVG, with the page's alt text."""
    alt = {
        figure["name"]: figure["alt"] for figure in FIGURE.finditer(page_source(language, chapter))
    }.get(snippet, "")
    src = get_relative_url(f"figures/{snippet}.svg", notebook_url)
    image = f'<img src="{src}" alt="{html.escape(alt)}" loading="lazy">'
    return {"output_type": "display_data", "data": {"text/html": image}, "metadata": {}}


def with_outputs(language: str, chapter: str, notebook: dict, notebook_url: str) -> dict:
    """The notebook with the outputs of a run in place; figures as the published SVGs."""
    written: set[str] = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        cell["outputs"] = [
            figure_output(language, chapter, snippet, notebook_url)
            if (snippet := output.get("metadata", {}).get("drawn"))
            else output
            for output in cell_outputs("".join(cell["source"]), written)
        ]
    return notebook


def rendered_copy(language: str, chapter: str, notebook: dict) -> Path:
    """Where mkdocs-jupyter reads the notebook; rewritten only when it changes, for its cache."""
    path = CACHE / "pages" / language / f"{chapter}.ipynb"
    text = notebook_text(notebook)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def notebook_page(config, found: File, rendered: Path) -> File:
    """A page that mkdocs-jupyter renders from `rendered`, where mkdocs-static-i18n put `found`.

    mkdocs-static-i18n turns every file it finds into a plain File, which MkDocs would copy
    as it is: the notebook's JSON would be published as its page. mkdocs-jupyter's
    NotebookFile makes it a page again; it is given the address and language that
    mkdocs-static-i18n gave the file.
    """
    from mkdocs_jupyter.plugin import NotebookFile

    source = File.generated(config, found.src_uri, abs_src_path=str(rendered))
    for attribute in ("locale", "locale_alternate_of", "norm_src_uri"):
        if hasattr(found, attribute):
            setattr(source, attribute, getattr(found, attribute))
    source.alternates = notebook_in_every_language(config, Path(found.src_uri).stem)
    page = NotebookFile(source, **config)
    page.dest_path, page.url = found.dest_uri, found.url
    page.abs_dest_path = found.abs_dest_path
    page.abs_src_path = str(rendered)  # File's own property would hide the wrapped file's
    return page


def notebook_in_every_language(config, chapter: str) -> dict[str, File]:
    """Where the language selector leads from a notebook page: the same notebook.

    mkdocs-static-i18n finds the translations of pages, but not of notebooks.
    """
    return {
        language: File(
            f"{language}/notebooks/{chapter}.ipynb",
            src_dir=None,
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
            dest_uri=f"{language_prefix(language)}notebooks/{chapter}/index.html",
        )
        for language in settings()["languages"]
    }


def download_file(config, found: File, notebook: dict) -> File:
    """The notebook without outputs, as in the repository, next to its page: <chapter>.ipynb."""
    download = File.generated(config, f"{found.src_uri}.download", content=notebook_text(notebook))
    download.dest_uri = found.dest_uri.removesuffix("/index.html") + ".ipynb"
    return download


@event_priority(-300)  # after mkdocs-static-i18n (-100) has made this language's file list
def on_files(files, config):
    language = config.plugins["i18n"].current_language
    # mkdocs-jupyter's cache forgets, after each build, what that build did not use; each
    # language is a build of its own, so each gets its own folder.
    jupyter = config.plugins["mkdocs-jupyter"]
    jupyter.config["cache_dir"] = str(ROOT / ".cache" / "mkdocs-jupyter" / language)
    found = {}
    for file in [file for file in files if file.src_uri.endswith(".ipynb")]:
        files.remove(file)
        found[Path(file.src_uri).stem] = file
    for name in sorted(set(found) - set(chapters())):
        log.warning(f"docs/{found[name].src_uri}: no chapter shows snippets under this name")
    for chapter in chapters():
        notebook = make_notebook(language, chapter)
        if check_committed(language, chapter, notebook) and chapter in found:
            place = found[chapter]
            download = download_file(config, place, notebook)
            notebook = with_outputs(language, chapter, notebook, place.url)
            page = notebook_page(config, place, rendered_copy(language, chapter, notebook))
            files.append(download)
            files.append(page)
            _published[language, chapter] = (page.url, download.url)
    return files


# (language, chapter) -> the addresses of the notebook's page and of its .ipynb file
_published: dict[tuple[str, str], tuple[str, str]] = {}


def check_committed(language: str, chapter: str, notebook: dict) -> bool:
    """Whether the repository has the notebook, for Colab; a warning if not.

    An out-of-date one is only noted: the site shows the new notebook, and the tests fail
    until `python notebooks.py` has updated the committed one.
    """
    committed = notebook_path(language, chapter)
    where = committed.relative_to(ROOT)
    if not committed.is_file():
        log.warning(f"{where} is missing: run python notebooks.py")
        return False
    if committed.read_text(encoding="utf-8") != notebook_text(notebook):
        log.info(f"{where} is out of date (the site shows the new one): run python notebooks.py")
    return True


def notebook_links(language: str, chapter: str, page_url: str) -> str:
    """Links to a chapter's notebook page, its .ipynb and Colab, in the page's language."""
    if (language, chapter) not in _published:
        return ""
    texts = settings()["texts"][language]
    notebook, download = _published[language, chapter]
    links = [
        f'<a href="{get_relative_url(download, page_url)}" download>{texts["download"]}</a>',
        f'<a href="{colab_url(language, chapter)}">{texts["colab"]}</a>',
    ]
    if notebook != page_url:
        links.insert(0, f'<a href="{get_relative_url(notebook, page_url)}">{texts["page"]}</a>')
    return f'<p class="notebook-links">{texts["lead"]} {" · ".join(links)}</p>'


def on_page_markdown(markdown, page, config, files):
    """Under a chapter's title, the links to its notebook."""
    chapter = Path(page.file.src_uri).stem
    if page.file.src_uri.endswith(".ipynb") or chapter not in chapters():
        return markdown
    language = config.plugins["i18n"].current_language
    links = notebook_links(language, chapter, page.url)
    return re.sub(r"^# .*\n", lambda title: f"{title[0]}\n{links}\n", markdown, count=1, flags=re.M)


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
PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
NOTEBOOK_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


def site_look(content: str) -> str:
    """Notebook HTML as the rest of the site is written: Material's code blocks, MathML."""
    content = NOT_NEEDED.sub("", content)
    content = CODE.sub(r'<div class="highlight"><pre><code>\1</code></pre></div>', content)
    content = content.replace('class="anchor-link"', 'class="headerlink"')
    # nbconvert's cell ids, "cell-id=cell-3", are no CSS selectors: Material's copy button
    # finds its code block by the id of the cell around it.
    content = re.sub(r'id="cell-id=([\w-]+)"', r'id="\1"', content)
    content = content.replace(
        '<div class="jp-Cell-inputWrapper" tabindex="0">', '<div class="jp-Cell-inputWrapper">'
    )

    def to_mathml(match):
        latex, display = (match[1], "block") if match[1] is not None else (match[2], "inline")
        return hooks.mathml(html.unescape(latex).strip(), display)

    # Math only in prose: a $ in code or in printed output stays as it is.
    parts = PRE.split(content)
    return "".join(
        part if part.startswith("<pre") else NOTEBOOK_MATH.sub(to_mathml, part) for part in parts
    )


def on_page_content(html_content, page, config, files):
    """A notebook page: light, in the site's style, its links relative, out of the search index."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html_content
    page.meta["search"] = {"exclude": True}  # the chapter page is the one to find
    language = config.plugins["i18n"].current_language
    chapter = Path(page.file.src_uri).stem
    content = site_look(html_content)
    # The notebook links to the published site; here, a link stays within this copy of it.
    site_url = settings()["site_url"]
    content = re.sub(
        f'href="{re.escape(site_url)}([^"]*)"',
        lambda link: f'href="{get_relative_url(link[1] or ".", page.url)}"',
        content,
    )
    content = with_page_anchors(content, page_source(language, chapter))
    page.toc = table_of_contents(content)
    links = notebook_links(language, chapter, page.url)
    return content.replace("</h1>", f"</h1>\n{links}", 1)


HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="headerlink" href="#[^"]*">', re.S)
PAGE_ANCHOR = re.compile(r"^#+ .*?\{ *#([\w-]+) *\}$", re.M)


def with_page_anchors(content: str, page: str) -> str:
    """The chapter page's anchors on the notebook's headings, which are the page's, in order.

    Jupyter derives an anchor from a heading's words, and none at all from Korean, Japanese
    or Chinese ones; the page's own anchors are the same in every language.
    """
    anchors = PAGE_ANCHOR.findall(page)
    if len(HEADING.findall(content)) != len(anchors):
        raise ValueError("a notebook's headings are not its page's")
    anchors = iter(anchors)

    def anchored(heading):
        anchor = next(anchors)
        return f'<h{heading[1]} id="{anchor}">{heading[2]}<a class="headerlink" href="#{anchor}">'

    return HEADING.sub(anchored, content)


TOC_HEADING = re.compile(r'<h([2-6]) id="([^"]+)">(.*?)<a class="headerlink"', re.S)


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


def main(arguments: list[str]) -> int:
    if arguments == ["--check"]:
        stale = stale_notebooks()
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python notebooks.py")
        return 1 if stale else 0
    if arguments:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    for path in write_notebooks():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
