"""The chapter notebooks: what docs/plugins/notebooks.py makes, committed as made, and run in
a fresh kernel.

Every notebook is executed with nbclient in a new Jupyter kernel, in an empty folder, with
errors not allowed; what it shows must be what the site shows under its cells, which the
build takes from the snippets' own run instead of starting a kernel.
"""

import ast
import contextlib
import html
import importlib
import io
import re
import subprocess
import sys

import nbformat
import pytest
from conftest import LANGUAGES, ROOT, build, page_address
from nbclient import NotebookClient

import notebook_pages
import notebooks
import settings

CHAPTERS = notebooks.chapters()
NOTEBOOKS = [(language, chapter) for language in LANGUAGES for chapter in CHAPTERS]
WRITEFILE = re.compile(r"%%writefile (\w+)\.py\n")


def cells(language, chapter, kind="code"):
    notebook = nbformat.read(notebooks.notebook_path(language, chapter), as_version=4)
    return [cell for cell in notebook.cells if cell.cell_type == kind]


def test_every_chapter_has_a_notebook_in_every_language_and_in_the_navigation():
    assert CHAPTERS == [
        "loss-functions",
        "numerical-differentiation",
        "partial-derivatives",
        "gradient",
        "gradient-descent",
        "neural-network-gradient",
        "training",
    ]
    navigation = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for language, chapter in NOTEBOOKS:
        path = notebooks.notebook_path(language, chapter)
        nbformat.validate(nbformat.read(path, as_version=4))  # raises if it is not valid
    for chapter in CHAPTERS:
        assert f"- notebooks/{chapter}.ipynb\n" in navigation, chapter


def test_committed_notebooks_are_what_the_pages_and_snippets_make():
    stale = [str(path.relative_to(ROOT)) for path in notebooks.stale_notebooks()]
    assert not stale, f"out of date (run python docs/plugins/notebooks.py): {stale}"


def test_notebooks_hold_the_snippet_files_byte_for_byte():
    for language, chapter in NOTEBOOKS:
        written = {}
        for cell in cells(language, chapter):
            if match := WRITEFILE.match(cell.source):
                written[match[1]] = cell.source[match.end() :]
        for name, source in written.items():
            snippet = (ROOT / "snippets" / f"{name}.py").read_text(encoding="utf-8")
            assert source == snippet, f"{language}/{chapter}: {name}.py differs"
        assert set(notebooks.shown_snippets(chapter)) <= set(written), (language, chapter)


def test_the_collapsed_whole_file_adds_nothing_to_a_notebook(monkeypatch):
    """A page shows a snippet's core section and, collapsed, its whole file. The notebook saves
    the whole file where the core section is (test above), and the collapsed block adds no
    cell, no copy and no text: without it, every notebook comes out the same."""
    page_source = notebooks.page_source
    removed = []

    def without_whole_files(language, page):
        blocks = notebooks.grammar.blocks(page_source(language, page))
        removed.extend(block for block in blocks if block.kind == "whole")
        return "".join(block.text for block in blocks if block.kind != "whole")

    made = {key: notebooks.make_notebook(*key) for key in NOTEBOOKS}
    monkeypatch.setattr(notebooks, "page_source", without_whole_files)
    for language, chapter in NOTEBOOKS:
        assert notebooks.make_notebook(language, chapter) == made[language, chapter], (
            language,
            chapter,
        )
    assert len(removed) >= len(NOTEBOOKS), "every chapter shows its snippets whole, collapsed"


def test_each_shown_snippet_is_reported_and_drawn():
    for language, chapter in NOTEBOOKS:
        sources = [cell.source for cell in cells(language, chapter)]
        for name in notebooks.shown_snippets(chapter):
            assert f"import {name}\n\n{name}.report()" in sources, (language, chapter, name)
            assert f"{name}.draw()" in sources, (language, chapter, name)


def test_code_is_the_same_in_every_language_and_prose_is_translated():
    for chapter in CHAPTERS:
        code = {language: [c.source for c in cells(language, chapter)] for language in LANGUAGES}
        prose = {
            language: "".join(c.source for c in cells(language, chapter, "markdown"))
            for language in LANGUAGES
        }
        for language in LANGUAGES[1:]:
            assert code[language] == code[LANGUAGES[0]], (language, chapter)
            assert prose[language] != prose[LANGUAGES[0]], (language, chapter)
            title = notebooks.title(language, chapter)
            assert prose[language].startswith(f"# {title}\n"), (language, chapter)


def test_every_language_has_every_notebook_text_with_the_same_blanks():
    english = settings.texts(LANGUAGES[0], "notebook")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("            notebook:\n") == len(LANGUAGES) - 1
    for language in LANGUAGES[1:]:
        texts = settings.texts(language, "notebook")
        for key, text in english.items():
            blanks = set(re.findall(r"\{\w+\}", text))
            assert set(re.findall(r"\{\w+\}", texts[key])) == blanks, (language, key)
            assert texts[key] != text, f"{language}: {key} is not translated"


# The one chapter that needs a library besides NumPy and Matplotlib: its handwritten digits
# come from scikit-learn (which Colab has too), and its notebook says so at the top.
ALSO_NEEDED = {"training": {"sklearn"}}


def test_notebooks_need_only_numpy_matplotlib_and_the_files_they_write():
    for language, chapter in NOTEBOOKS:
        allowed = set(sys.stdlib_module_names) | {"numpy", "matplotlib"}
        allowed |= ALSO_NEEDED.get(chapter, set())
        written = set()
        for cell in cells(language, chapter):
            source = cell.source
            if match := WRITEFILE.match(source):
                source = source[match.end() :]
            elif source.startswith("%"):
                continue  # an IPython magic such as %matplotlib inline
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    assert top in allowed | written, f"{language}/{chapter} imports {module}"
            if match:
                written.add(match[1])


def test_a_notebook_that_needs_more_than_numpy_and_matplotlib_says_so_first():
    for language, chapter in NOTEBOOKS:
        intro = cells(language, chapter, "markdown")[0].source
        needs_more = chapter in ALSO_NEEDED
        assert notebooks.extra_libraries(chapter) == sorted(ALSO_NEEDED.get(chapter, ()))
        assert ("scikit-learn" in intro) == needs_more, (language, chapter)
        key = "requirements_scikit_learn" if needs_more else "requirements"
        assert settings.texts(language, "notebook")[key] in intro, (language, chapter)


def test_colab_links_open_committed_notebooks():
    tracked = subprocess.run(
        ["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    repository = settings.repository()
    for language, chapter in NOTEBOOKS:
        url = notebooks.colab_url(language, chapter)
        prefix = f"https://colab.research.google.com/github/{repository}/blob/main/"
        assert url.startswith(prefix), url
        assert url.removeprefix(prefix) in tracked, f"{url} names no committed file"


def report_of(snippet: str) -> str:
    """What a snippet's report() prints, run here, in the test's own process."""
    module = importlib.import_module(snippet)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        module.report()
    return printed.getvalue()


def shown(outputs) -> list[tuple[str, str]]:
    """Outputs as a reader sees them: printed text, run together per stream, or a figure."""
    seen = []
    for output in outputs:
        if output["output_type"] == "stream":
            if seen and seen[-1][0] == output["name"]:
                seen[-1] = (output["name"], seen[-1][1] + output["text"])
            else:
                seen.append((output["name"], output["text"]))
        elif output.get("metadata", {}).get("drawn") or any(
            kind.startswith("image/") for kind in output.get("data", {})
        ):
            seen.append(("figure", ""))
        else:
            seen.append((output["output_type"], str(output.get("data"))))
    return seen


@pytest.mark.kernel
@pytest.mark.parametrize(("language", "chapter"), NOTEBOOKS)
def test_notebook_runs_clean_in_a_fresh_kernel_and_shows_what_the_site_shows(
    language, chapter, tmp_path
):
    notebook = nbformat.read(notebooks.notebook_path(language, chapter), as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    first = notebooks.shown_snippets(chapter)[0]
    # Afterwards, ask where the notebook's modules came from: the folder it ran in.
    notebook.cells.append(nbformat.v4.new_code_cell(f"import {first}\nprint({first}.__file__)"))
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute(stderr=subprocess.DEVNULL)  # raises CellExecutionError on any error

    written = set()
    for cell in code:
        site = shown(notebook_pages.cell_outputs(cell.source, written))
        assert shown(cell.outputs) == site, cell.source.splitlines()[0]
    for name in notebooks.shown_snippets(chapter):
        by_source = {cell.source: cell for cell in code}
        report = shown(by_source[f"import {name}\n\n{name}.report()"].outputs)
        assert report == [("stdout", report_of(name))], name
        assert shown(by_source[f"{name}.draw()"].outputs) == [("figure", "")], name
    assert notebook.cells[-1].outputs[0]["text"].strip() == str(tmp_path / f"{first}.py")


# ---------------------------------------------------------------- in the built site


def notebook_page(site, language, chapter):
    return site / page_address(language, f"notebooks/{chapter}") / "index.html"


@pytest.mark.parametrize(("language", "chapter"), NOTEBOOKS)
def test_notebook_page_is_light_html_in_its_language_with_the_outputs(
    built_site, language, chapter
):
    site, _ = built_site
    page = notebook_page(site, language, chapter)
    text = page.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>"), "not an HTML page"
    assert f'<html lang="{language}"' in text
    assert '"cell_type"' not in text and '"nbformat"' not in text, "notebook JSON in the page"
    assert f"<title>{html.escape(notebooks.title(language, chapter))} - " in text
    # Light: mkdocs-jupyter's 600 KB of CSS and its scripts are gone. The code itself (a
    # notebook saves every file it needs, whole) is what it is, so it is not counted.
    besides_code = len(re.sub(r"<pre\b.*?</pre>", "", text, flags=re.S).encode())
    assert besides_code <= 100_000, f"{besides_code} bytes of HTML besides the code"
    chapter_page = (site / page_address(language, chapter) / "index.html").read_text(
        encoding="utf-8"
    )
    for element in ("<style", "<script", '<link rel="stylesheet"'):
        assert text.count(element) == chapter_page.count(element), f"an extra {element}"
    assert "$" not in re.sub(r"<pre\b.*?</pre>", "", text, flags=re.S), "raw TeX left"
    assert re.findall(r'<h\d id="([^"]+)"', text) == re.findall(
        r'<h\d id="([^"]+)"', chapter_page
    ), "not the chapter page's anchors"
    for name in notebooks.shown_snippets(chapter):
        for line in report_of(name).splitlines():
            assert html.escape(line, quote=False) in text, f"{name} printed {line!r}"
        figure = re.search(rf'<img alt="[^"]+" loading="lazy" src="([^"]*{name}\.svg)"', text)
        assert figure and (page.parent / figure[1]).resolve().is_file(), name


def test_chapter_and_notebook_pages_link_to_the_notebook_its_file_and_colab(built_site):
    site, _ = built_site
    for language, chapter in NOTEBOOKS:
        committed = notebooks.notebook_path(language, chapter).read_text(encoding="utf-8")
        chapter_page = site / page_address(language, chapter) / "index.html"
        for page in (chapter_page, notebook_page(site, language, chapter)):
            bar = re.search(
                r'<p class="notebook-links">(.*?)</p>', page.read_text(encoding="utf-8")
            )
            assert bar, f"no notebook links on {page.relative_to(site)}"
            links = re.findall(r'<a href="([^"]+)"( download)?>', bar[1])
            *local, (colab, _) = links
            assert colab == notebooks.colab_url(language, chapter)
            download = next(href for href, attribute in local if attribute)
            assert (page.parent / download).resolve().read_text(encoding="utf-8") == committed
            if page == chapter_page:
                reading = next(href for href, attribute in local if not attribute)
                target = (page.parent / reading / "index.html").resolve()
                assert target == notebook_page(site, language, chapter)


def test_a_missing_notebook_fails_the_build_and_says_how_to_make_it(warm_project, tmp_path):
    project = warm_project
    (project / "docs" / "ko" / "notebooks" / "gradient.ipynb").unlink()
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/ko/notebooks/gradient.ipynb is missing: run python docs/plugins/notebooks.py" in result.stderr


def test_collapsed_answers_stay_collapsed_in_the_notebooks():
    page = '### Q { #q }\n\nWhy?\n\n??? success "Answer"\n\n    Because \\(x\\).\n\n    Really.\n\nAfter.\n'
    text = notebooks.markdown_cell("en", page)["source"]
    assert text == (
        "### Q\n\nWhy?\n\n<details>\n<summary>Answer</summary>\n\n"
        "Because $x$.\n\nReally.\n\n</details>\n\nAfter."
    )
    for language in LANGUAGES:
        source = "".join(c.source for c in cells(language, "loss-functions", "markdown"))
        assert "???" not in source and source.count("<details>") == 3, language
