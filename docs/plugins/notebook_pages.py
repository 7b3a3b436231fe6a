"""Hook: the chapter notebooks as pages of the site, with the outputs of the snippets' one run.

In each language's build, the notebooks mkdocs-static-i18n found under docs/ give way to
notebooks made afresh from the pages and snippets (notebooks.py), with the outputs a run from
top to bottom gives. Those are known without a Jupyter kernel: the code cells save snippet
files and call their report() and draw(), whose results snippet_runs.py has. The tests run every
notebook in a real kernel and check that it prints exactly these outputs.

mkdocs-jupyter renders the pages; notebook_html.py gives them the site's look (Material's code
blocks, no inline CSS or CDN scripts) and the chapter page's anchors; this hook adds the links
to the .ipynb and Colab.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import grammar
import notebook_html
import notebook_stand_ins
import notebooks
import settings
import snippet_runs
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from settings import CACHE, ROOT

log = logging.getLogger("mkdocs.plugins.gradients.notebooks")


# ---------------------------------------------------------------- outputs


def stream(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text}


def drawn(snippet: str) -> dict:
    """A draw cell's figure, until with_outputs() puts in the SVG the site publishes."""
    return {"output_type": "display_data", "data": {}, "metadata": {"drawn": snippet}}


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
        return [stream(snippet_runs.report_of(match[1]))]
    if match := re.fullmatch(r"(\w+)\.draw\(\)", source):
        return [drawn(match[1])]
    raise ValueError(f"no known output for the code cell {source.splitlines()[0]!r}")


def figure_output(language: str, chapter: str, snippet: str, notebook_url: str) -> dict:
    """The figure a draw cell makes, as the published SVG, with the page's alt text."""
    page = notebooks.page_source(language, chapter)
    alt = {figure.snippet: figure.alt for figure in grammar.figures(page)}.get(snippet, "")
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


# ---------------------------------------------------------------- files


def rendered_copy(language: str, chapter: str, notebook: dict) -> Path:
    """Where mkdocs-jupyter reads the notebook; rewritten only when it changes, for its cache."""
    path = CACHE / "notebook-pages" / language / f"{chapter}.ipynb"
    text = notebooks.notebook_text(notebook)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def notebook_page(config, found: File, rendered: Path) -> File:
    """A page that mkdocs-jupyter renders from `rendered`, where mkdocs-static-i18n put `found`.

    mkdocs-static-i18n turns every file it finds into a plain File, which MkDocs would copy
    as it is: the notebook's JSON would be published as its page (ultrabug/mkdocs-static-i18n
    #198). mkdocs-jupyter's NotebookFile makes it a page again; it is given the address and
    language that mkdocs-static-i18n gave the file.
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
            dest_uri=f"{settings.language_prefix(language)}notebooks/{chapter}/index.html",
        )
        for language in settings.languages()
    }


def download_file(config, found: File, notebook: dict) -> File:
    """The notebook without outputs, as in the repository (its links to this site), next to
    its page: <chapter>.ipynb."""
    text = notebooks.notebook_text(notebook)
    download = File.generated(config, f"{found.src_uri}.download", content=text)
    download.dest_uri = found.dest_uri.removesuffix("/index.html") + ".ipynb"
    return download


def check_committed(language: str, chapter: str, notebook: dict) -> bool:
    """Whether the repository has the notebook, for Colab; a warning if not.

    An out-of-date one is only noted: the site shows the new notebook, and the tests fail
    until `python docs/plugins/notebooks.py` has updated the committed one.
    """
    committed = notebooks.notebook_path(language, chapter)
    where = committed.relative_to(ROOT)
    if not committed.is_file():
        log.warning(f"{where} is missing: run python docs/plugins/notebooks.py")
        return False
    if committed.read_text(encoding="utf-8") != notebooks.notebook_text(notebook):
        log.info(
            f"{where} is out of date (the site shows the new one): "
            "run python docs/plugins/notebooks.py"
        )
    return True


# (language, chapter) -> the addresses of the notebook's page and of its .ipynb file
_published: dict[tuple[str, str], tuple[str, str]] = {}


@event_priority(-300)  # after mkdocs-static-i18n (-100) has made this language's file list
def on_files(files, config):
    language = config.plugins["i18n"].current_language
    # mkdocs-jupyter's cache forgets, after each build, what that build did not use; each
    # language is a build of its own, so each gets its own folder.
    jupyter = config.plugins["mkdocs-jupyter"]
    jupyter.config["cache_dir"] = str(CACHE / "mkdocs-jupyter" / language)
    found = {}
    for file in [file for file in files if file.src_uri.endswith(".ipynb")]:
        files.remove(file)
        found[Path(file.src_uri).stem] = file
    for name in sorted(set(found) - set(notebooks.chapters())):
        log.warning(f"docs/{found[name].src_uri}: no chapter shows snippets under this name")
    for chapter in notebooks.chapters():
        notebook = notebooks.make_notebook(language, chapter)
        if check_committed(language, chapter, notebook) and chapter in found:
            # The committed notebook links to upstream's site; the published copies, to this one.
            notebook = notebooks.retarget(notebook, settings.site_url())
            place = found[chapter]
            download = download_file(config, place, notebook)
            notebook = with_outputs(language, chapter, notebook, place.url)
            notebook = notebook_stand_ins.with_stand_ins(language, chapter, notebook)
            page = notebook_page(config, place, rendered_copy(language, chapter, notebook))
            files.append(download)
            files.append(page)
            _published[language, chapter] = (page.url, download.url)
    return files


# ---------------------------------------------------------------- links


def notebook_links(language: str, chapter: str, page_url: str) -> str:
    """Links to a chapter's notebook page, its .ipynb and Colab, in the page's language."""
    if (language, chapter) not in _published:
        return ""
    texts = settings.texts(language, "notebook")
    notebook, download = _published[language, chapter]
    colab = notebooks.colab_url(language, chapter)
    links = [
        f'<a href="{get_relative_url(download, page_url)}" download>{texts["download"]}</a>',
        f'<a href="{colab}">{texts["colab"]}</a>',
    ]
    if notebook != page_url:
        links.insert(0, f'<a href="{get_relative_url(notebook, page_url)}">{texts["page"]}</a>')
    return f'<p class="notebook-links">{texts["lead"]} {" · ".join(links)}</p>'


def on_page_markdown(markdown, page, config, files):
    """Under a chapter's title, the links to its notebook."""
    chapter = Path(page.file.src_uri).stem
    if page.file.src_uri.endswith(".ipynb") or chapter not in notebooks.chapters():
        return markdown
    links = notebook_links(config.plugins["i18n"].current_language, chapter, page.url)
    return re.sub(r"^# .*\n", lambda title: f"{title[0]}\n{links}\n", markdown, count=1, flags=re.M)


# ---------------------------------------------------------------- the page


def on_page_content(html_content, page, config, files):
    """A notebook page: light, in the site's style, its links relative, out of the search index.

    formulas.py turns its $…$ into MathML afterwards, as on every page.
    """
    if not page.file.src_uri.endswith(".ipynb"):
        return html_content
    page.meta["search"] = {"exclude": True}  # the chapter page is the one to find
    language = config.plugins["i18n"].current_language
    chapter = Path(page.file.src_uri).stem
    content = notebook_html.page_html(
        html_content,
        page.url,
        settings.site_url(),
        notebooks.page_source(language, chapter),
        notebook_stand_ins.fillings(language, chapter),
        notebook_links(language, chapter, page.url),
    )
    page.toc = notebook_html.table_of_contents(content)
    return content
