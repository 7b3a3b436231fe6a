"""A chapter printed to PDF by Chromium: the content alone, every code line whole, figures
within the paper's width, and the answers to exercises closed as on the screen.

The PDF's text (pypdf) shows what was printed; the page laid out for print at the paper's
width (the same CSS) shows where things are. Text is compared without its white space, which
PDF text extraction puts back only approximately.
"""

import io
import re
import unicodedata
from urllib.parse import urljoin

import pytest
from conftest import LANGUAGES, page_address

pytestmark = pytest.mark.browser

MARGIN = "15mm"
PAPER = {"format": "A4", "margin": dict.fromkeys(("top", "bottom", "left", "right"), MARGIN)}
PRINTABLE_WIDTH = round((210 - 2 * 15) / 25.4 * 96)  # A4 less the margins, in CSS pixels
PRINTED = [
    (language, page)
    for language in LANGUAGES
    for page in ("loss-functions", "training", "notebooks/training")
]

# What only the page's frame says: the header (site name, search, languages), the navigation,
# the table of contents and the footer, as the page's own DOM has them.
FRAME_TEXTS = """() => {
    const article = document.querySelector("article").textContent.replace(/\\s+/g, "");
    const texts = [];
    const selectors = [
        ".md-sidebar .md-nav__link", ".md-footer__title", ".md-copyright",
        ".md-select__link", ".md-nav__title", ".md-skip",
    ];
    for (const element of document.querySelectorAll(selectors.join(","))) {
        const text = element.textContent.trim();
        if (text.length >= 4 && !article.includes(text.replace(/\\s+/g, ""))) texts.push(text);
    }
    texts.push(document.querySelector("input.md-search__input").placeholder);
    return [...new Set(texts)];
}"""

CODE_LINES = """() => [...document.querySelectorAll("article pre code")]
    .filter((code) => !code.closest("details:not([open])"))
    .flatMap((code) => code.textContent.split("\\n"))
    .map((line) => line.trim()).filter((line) => line.length > 0)"""

# The longest run of each closed answer's words (not its formulas, whose
# text a PDF holds differently), to look for in the printed text. Answers are the
# "??? success" blocks; "The whole file" blocks are closed too, but their code's title
# repeats the title of the section shown above them, which is printed.
CLOSED_ANSWERS = """() => [...document.querySelectorAll("article details.success:not([open])")]
  .map((details) => {
    const body = [...details.children].filter((child) => child.tagName !== "SUMMARY");
    const text = body.map((child) => {
        const copy = child.cloneNode(true);
        copy.querySelectorAll("math, code, pre").forEach((part) => part.replaceWith("\\n"));
        return copy.textContent;
    }).join("\\n");
    const runs = text.split("\\n").map((run) => run.trim()).filter((run) => run.length >= 8);
    return runs.sort((a, b) => b.length - a.length)[0] || "";
})"""


def squeeze(text: str) -> str:
    """Text without white space, in compatibility form: the PDF's text has CJK radicals such
    as ⽹ (U+2F79) where the page has 网 (U+7F51), the same glyph in the font."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class Printout:
    """A page printed to PDF, with what its DOM says should and should not be on paper."""

    def __init__(self, browser, site_url, language, page, before=None):
        from pypdf import PdfReader

        context = browser.new_context(locale=language)
        tab = context.new_page()
        try:
            tab.goto(urljoin(site_url, page_address(language, page)), wait_until="networkidle")
            # Figures load lazily: load them all, as for a reader who scrolled through.
            tab.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
            tab.wait_for_function(
                "[...document.images].every((image) => image.complete)", timeout=60_000
            )
            if before:
                tab.evaluate(before)
            reader = PdfReader(io.BytesIO(tab.pdf(**PAPER)))
            if before:
                tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = false)")
            self.sheets = [(float(s.mediabox.width), float(s.mediabox.height))
                           for s in reader.pages]
            self.text = squeeze("\n".join(sheet.extract_text() for sheet in reader.pages))
            self.title = tab.locator("article h1").first.text_content().replace("¶", "")
            self.frame = tab.evaluate(FRAME_TEXTS)
            self.code_lines = tab.evaluate(CODE_LINES)
            self.answers = tab.evaluate(CLOSED_ANSWERS)
        finally:
            context.close()

    def printed(self, text: str) -> bool:
        return squeeze(text) in self.text


@pytest.fixture(scope="module")
def printout(browser, site_url):
    """Each page printed once for the tests of this module."""
    printouts = {}

    def printout_of(language, page):
        if (language, page) not in printouts:
            printouts[language, page] = Printout(browser, site_url, language, page)
        return printouts[language, page]

    return printout_of


@pytest.mark.parametrize(("language", "page"), PRINTED)
def test_a_printed_chapter_is_on_a4_with_its_title(printout, language, page):
    printed = printout(language, page)
    assert len(printed.sheets) >= 2
    for width, height in printed.sheets:  # A4 is 595.3 by 841.9 points; Chromium rounds
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, (width, height)
    assert printed.printed(printed.title), "the chapter's title is not printed"


@pytest.mark.parametrize(("language", "page"), PRINTED)
def test_a_printed_chapter_leaves_out_header_navigation_search_and_footer(printout, language, page):
    printed = printout(language, page)
    assert len(printed.frame) >= 5, printed.frame
    shown = [piece for piece in printed.frame if printed.printed(piece)]
    assert not shown, f"the page's frame is printed: {shown}"


@pytest.mark.parametrize(("language", "page"), PRINTED)
def test_a_printed_chapter_has_every_code_line_whole(printout, language, page):
    printed = printout(language, page)
    assert printed.code_lines
    missing = [line for line in printed.code_lines if not printed.printed(line)]
    assert not missing, f"code lines not printed whole: {missing[:3]}"


@pytest.mark.parametrize(("language", "page"), PRINTED)
def test_a_printed_chapter_keeps_the_answers_closed(printout, language, page):
    printed = printout(language, page)
    if not page.startswith("notebooks/"):
        assert printed.answers and all(printed.answers), "the chapter's answers to look for"
    opened = [answer for answer in printed.answers if printed.printed(answer)]
    assert not opened, f"answers printed open: {opened}"


def test_an_answer_the_reader_opened_is_printed(browser, site_url):
    """The other side of the check above: its search for an answer's words finds them."""
    printed = Printout(
        browser, site_url, "en", "loss-functions",
        before="document.querySelector('article details.success').open = true",
    )
    assert printed.answers[0] and printed.printed(printed.answers[0])
    assert not any(printed.printed(answer) for answer in printed.answers[1:])


@pytest.fixture
def print_layout(browser, site_url):
    """A page laid out with the print style at the printable width of A4."""
    contexts = []

    def layout(language, page):
        context = browser.new_context(
            locale=language, viewport={"width": PRINTABLE_WIDTH, "height": 1000}
        )
        contexts.append(context)
        tab = context.new_page()
        tab.goto(urljoin(site_url, page_address(language, page)), wait_until="networkidle")
        tab.emulate_media(media="print")
        assert tab.evaluate("document.documentElement.clientWidth") == PRINTABLE_WIDTH
        return tab

    yield layout
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("language", "page"), PRINTED)
def test_printed_code_stays_within_the_papers_width(print_layout, language, page):
    tab = print_layout(language, page)
    overflowing = tab.evaluate(
        """(width) => [...document.querySelectorAll("article pre, article pre code")]
            .filter((block) => block.scrollWidth > block.clientWidth + 1
                               || block.getBoundingClientRect().right > width + 1)
            .map((block) => block.textContent.slice(0, 60))""",
        PRINTABLE_WIDTH,
    )
    assert tab.evaluate("document.querySelectorAll('article pre').length") > 0
    assert not overflowing, f"code wider than the paper: {overflowing[:3]}"


@pytest.mark.parametrize(("language", "page"), PRINTED)
def test_printed_figures_stay_within_the_papers_width(print_layout, language, page):
    tab = print_layout(language, page)
    figures = tab.evaluate(
        """() => [...document.querySelectorAll('article img[src*="figures/"]')]
            .map((image) => image.getBoundingClientRect())
            .map((box) => [box.left, box.right])"""
    )
    assert figures, "the chapter has figures"
    outside = [box for box in figures if box[0] < -1 or box[1] > PRINTABLE_WIDTH + 1]
    assert not outside, f"figures beyond the paper's width: {outside}"
