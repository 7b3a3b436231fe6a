"""The idea before the armour: a chapter shows first the lines of a snippet that do the
mathematics (its `core` section), then its output and figure, and then the whole file in a
collapsed block, with its download link."""

import re
from html.parser import HTMLParser
from pathlib import Path

import grammar
import notebooks
import pytest
from conftest import LANGUAGES, ROOT, page_address

CHAPTERS = notebooks.chapters()  # the pages that show snippets, in navigation order
FIRST_BLOCK_LINES = 25  # the most lines the first code block a reader meets may have
# A line that pymdownx.snippets leaves out of a file it includes: a section marker.
MARKER = re.compile(r"^[ \t]*# -+8<-+ \[(start|end):[\w-]+\][ \t]*\n", re.M)


class CodeBlocks(HTMLParser):
    """The code blocks of a page's article, in order: file name (or None for an output),
    text, and whether the block lies in a <details> and whether that one is open."""

    def __init__(self):
        super().__init__()
        self.blocks, self.details, self.in_article, self.in_pre = [], [], False, False
        self.filename = self.text = self.part = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "article":
            self.in_article = True
        elif not self.in_article:
            return
        if tag == "details":
            self.details.append("open" in attrs)
        elif tag == "div" and "highlight" in classes:
            self.filename, self.text = None, None
        elif tag == "span" and "filename" in classes:
            self.part, self.filename = "filename", ""
        elif tag == "pre":
            self.in_pre = True
        elif tag == "code" and self.in_pre:
            self.part, self.text = "code", ""

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        elif tag == "details" and self.details:
            self.details.pop()
        elif tag == "span" and self.part == "filename":
            self.part = None
        elif tag == "pre":
            self.in_pre = False
        elif tag == "code" and self.part == "code":
            details = bool(self.details)
            self.blocks.append((self.filename, self.text, details, details and self.details[-1]))
            self.part, self.text = None, None

    def handle_data(self, data):
        if self.part == "filename":
            self.filename += data
        elif self.part == "code":
            self.text += data


def code_blocks(html: str) -> list[tuple]:
    parser = CodeBlocks()
    parser.feed(html)
    return parser.blocks


def markdown_of(language: str, page: str) -> str:
    return (ROOT / "docs" / language / f"{page}.md").read_text(encoding="utf-8")


def html_of(site: Path, language: str, page: str) -> str:
    return (site / page_address(language, page) / "index.html").read_text(encoding="utf-8")


def snippet_text(name: str) -> str:
    return (ROOT / "snippets" / f"{name}.py").read_text(encoding="utf-8")


def without_markers(source: str) -> str:
    """A snippet file as a page shows it whole: without its section marker lines."""
    return MARKER.sub("", source)


def section_text(source: str, section: str) -> str:
    """The lines between a section's two markers."""
    match = re.search(
        rf"^[ \t]*# -+8<-+ \[start:{section}\][ \t]*\n(.*?)^[ \t]*# -+8<-+ \[end:{section}\]",
        source,
        re.M | re.S,
    )
    assert match, f"no section {section}"
    return MARKER.sub("", match[1])


def lines(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


def first_block_problems(blocks: list[tuple]) -> list[str]:
    if not blocks:
        return ["no code block"]
    count = lines(blocks[0][1])
    return [f"the first code block has {count} lines"] * (count > FIRST_BLOCK_LINES)


def layout_problems(blocks: list[tuple], name: str) -> list[str]:
    """What is wrong with how a page shows one snippet: its core section first, outside any
    <details>, then an output, then the whole file (minus marker lines) in a collapsed one."""
    title = f"snippets/{name}.py"
    source = snippet_text(name)
    core = [i for i, b in enumerate(blocks) if b[0] == title and not b[2]]
    whole = [i for i, b in enumerate(blocks) if b[0] == title and b[2]]
    if len(core) != 1 or len(whole) != 1:
        return [f"{name}: {len(core)} blocks outside <details>, {len(whole)} inside"]
    core, whole = core[0], whole[0]
    problems = []
    if blocks[core][1].rstrip("\n") != section_text(source, "core").rstrip("\n"):
        problems.append(f"{name}: the first block is not its core section")
    if blocks[whole][1].rstrip("\n") != without_markers(source).rstrip("\n"):
        problems.append(f"{name}: the block in <details> is not the file minus marker lines")
    if blocks[whole][3]:
        problems.append(f"{name}: the whole file's <details> is open")
    if not any(b[0] is None for b in blocks[core + 1 : whole]):
        problems.append(f"{name}: no output between the core section and the whole file")
    return problems


def markdown_problems(markdown: str) -> list[str]:
    """The same order in the page's Markdown: core include, then report, then whole block."""
    problems = []
    found = [b for b in grammar.blocks(markdown) if b.kind in ("code", "report", "whole")]
    for name in grammar.shown_snippets(markdown):
        kinds = [(b.kind, b.section) for b in found if b.snippet == name]
        if kinds != [("code", "core"), ("report", ""), ("whole", "")]:
            problems.append(f"{name}: {kinds}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", CHAPTERS)
def test_first_code_block_is_short(built_site, language, page):
    site, _ = built_site
    assert first_block_problems(code_blocks(html_of(site, language, page))) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", CHAPTERS)
def test_core_then_output_then_the_whole_file_collapsed(built_site, language, page):
    site, _ = built_site
    markdown = markdown_of(language, page)
    shown = grammar.shown_snippets(markdown)
    assert shown, f"{language}/{page} shows no snippet"
    assert markdown_problems(markdown) == []
    blocks = code_blocks(html_of(site, language, page))
    assert [problem for name in shown for problem in layout_problems(blocks, name)] == []


def test_every_chapter_and_every_snippet_is_covered():
    shown = {name for page in CHAPTERS for name in grammar.shown_snippets(markdown_of("en", page))}
    assert shown == {path.stem for path in (ROOT / "snippets").glob("*.py")}
    pages = {path.stem for path in (ROOT / "docs" / "en").glob("*.md")}
    assert {page for page in pages if grammar.shown_snippets(markdown_of("en", page))} == set(
        CHAPTERS
    )


def test_the_checks_fail_on_a_long_first_block_a_wrong_order_and_an_open_block(built_site):
    """Each check above, given a page that breaks it, says what is wrong."""
    site, _ = built_site
    blocks = code_blocks(html_of(site, "en", "gradient"))
    name, long_text = "gradient", "x\n" * (FIRST_BLOCK_LINES + 1)
    assert first_block_problems([(None, long_text, False, False), *blocks]) != []
    core = next(i for i, b in enumerate(blocks) if b[0] == "snippets/gradient.py")
    whole = next(i for i, b in enumerate(blocks) if b[2])
    swapped = list(blocks)
    swapped[core], swapped[whole] = (*blocks[whole][:2], False, False), (*blocks[core][:2], True, False)
    assert layout_problems(swapped, name) != []
    opened = [*blocks[:whole], (*blocks[whole][:3], True), *blocks[whole + 1 :]]
    assert layout_problems(opened, name) == [f"{name}: the whole file's <details> is open"]
    no_output = [b for b in blocks if b[0] is not None]
    assert layout_problems(no_output, name) != []
    with_markers = [*blocks[:whole], ("snippets/gradient.py", snippet_text(name), True, False)]
    assert layout_problems(with_markers, name) != []
    markdown = markdown_of("en", "gradient")
    reordered = markdown.replace('"snippets/gradient.py:core"', '"snippets/gradient.py"')
    assert markdown_problems(reordered) != []


def notebook_file_problems(blocks: list[tuple]) -> list[str]:
    """A notebook page shows each cell that saves a whole file closed, and every other cell
    open (notebook_html.closed_files)."""
    problems = []
    for _, text, in_details, is_open in blocks:
        first = text.split("\n", 1)[0]
        saves_a_file = first.startswith("%%writefile ")
        if saves_a_file and (not in_details or is_open):
            problems.append(f"{first}: not in a closed <details>")
        if not saves_a_file and in_details:
            problems.append(f"{first}: in a <details>, but saves no file")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_notebook_page_shows_the_files_it_saves_closed(built_site, language):
    site, _ = built_site
    for chapter in CHAPTERS:
        blocks = code_blocks(html_of(site, language, f"notebooks/{chapter}"))
        assert any(b[1].startswith("%%writefile ") for b in blocks), chapter
        assert notebook_file_problems(blocks) == [], chapter
    opened = [(None, "%%writefile gradient.py\n", True, True), (None, "import gradient\n", False, False)]
    assert notebook_file_problems(opened) == ["%%writefile gradient.py: not in a closed <details>"]
