"""The site as readers see it: Chromium over the built site, served from a sub-path.

Every page of every edition loads with no request to another host, no failed request, no
console error, typeset formulas and visible figures, and no serious accessibility problem.
On failure a screenshot is saved to test-artifacts/ and the message names page and language.
"""

import contextlib
import io
import re
from pathlib import Path
from urllib.parse import urljoin

import grammar
import numpy as np
import pytest
from playwright.sync_api import Error as PlaywrightError
from conftest import LANGUAGES, ROOT, page_address

import notebooks

pytestmark = pytest.mark.browser

PAGES = sorted(path.stem for path in (ROOT / "docs" / "en").glob("*.md"))
ARTIFACTS = ROOT / "test-artifacts"


class Visit:
    """One browser tab on one page, recording what it requests and what it logs."""

    def __init__(self, browser, site_url: str, language: str, page: str, scheme="light"):
        self.name = f"{language}/{page}"
        self.origin = urljoin(site_url, "/")
        self.context = browser.new_context(locale=language, color_scheme=scheme)
        self.tab = self.context.new_page()
        self.requests, self.failures, self.errors = [], [], []
        self.tab.on("request", lambda request: self.requests.append(request.url))
        self.tab.on("response", self.record_response)
        self.tab.on(
            "console", lambda m: m.type == "error" and self.errors.append(m.text)
        )
        self.tab.on("pageerror", lambda error: self.errors.append(str(error)))
        self.tab.goto(
            urljoin(site_url, page_address(language, page)), wait_until="networkidle"
        )

    def record_response(self, response):
        if response.status >= 400:
            self.failures.append(f"{response.status} {response.url}")

    def screenshot(self) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.name.replace('/', '-')}.png"
        self.tab.screenshot(path=path, full_page=True)
        return path


@contextlib.contextmanager
def visit(browser, site_url, language, page, scheme="light"):
    """Open a page; on a failed check, save a screenshot and name the page in the error."""
    tab = Visit(browser, site_url, language, page, scheme)
    try:
        yield tab
    except (AssertionError, PlaywrightError) as error:
        raise AssertionError(
            f"{tab.name}: {error} (screenshot: {tab.screenshot()})"
        ) from None
    finally:
        tab.context.close()


def markdown_of(language: str, page: str) -> str:
    return (ROOT / "docs" / language / f"{page}.md").read_text(encoding="utf-8")


def count_formulas(markdown: str) -> int:
    """Inline and display formulas, as the page grammar finds them in the page's prose."""
    prose = grammar.prose_only(markdown)
    return len(grammar.INLINE_FORMULA.findall(prose)) + len(grammar.DISPLAY_FORMULA.findall(prose))


PROSE_TEXT = """() => {
    const article = document.querySelector("article").cloneNode(true);
    article.querySelectorAll("pre, code").forEach((element) => element.remove());
    return article.innerText;
}"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_is_private_clean_typeset_and_shows_its_figures(
    browser, site_url, language, page
):
    with visit(browser, site_url, language, page) as tab:
        foreign = [url for url in tab.requests if not url.startswith(tab.origin)]
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not tab.failures, f"failed requests: {tab.failures}"
        assert not tab.errors, f"console errors: {tab.errors}"

        prose = tab.tab.evaluate(PROSE_TEXT)
        assert "\\(" not in prose and "$$" not in prose, "a formula was left as raw TeX"
        # Answers to exercises are collapsed: open them, as a reader would, to see their formulas.
        tab.tab.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
        formulas = tab.tab.locator("article math")
        assert formulas.count() == count_formulas(markdown_of(language, page))
        for index in range(formulas.count()):
            box = formulas.nth(index).bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, (
                f"formula {index} has no size"
            )

        figures = tab.tab.locator('article img[src*="figures/"]')
        assert figures.count() == len(grammar.figures(markdown_of(language, page)))
        for index in range(figures.count()):
            figure = figures.nth(index)
            assert figure.is_visible(), f"figure {index} is hidden"
            figure.scroll_into_view_if_needed()
            # Figures load lazily (figure_palettes.py), once scrolled to.
            tab.tab.wait_for_function(
                "img => img.complete && img.naturalWidth > 0",
                arg=figure.element_handle(),
                timeout=10_000,
            )
            box = figure.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 100, (
                f"figure {index} too small"
            )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_violation(browser, site_url, language, page, scheme):
    with visit(browser, site_url, language, page, scheme) as tab:
        serious = serious_violations(tab)
        assert not serious, serious


def serious_violations(tab) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(tab.tab).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", notebooks.chapters())
def test_notebook_page_is_private_clean_typeset_and_accessible(
    browser, site_url, language, chapter, scheme
):
    with visit(browser, site_url, language, f"notebooks/{chapter}", scheme) as tab:
        foreign = [url for url in tab.requests if not url.startswith(tab.origin)]
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not tab.failures, f"failed requests: {tab.failures}"
        assert not tab.errors, f"console errors: {tab.errors}"
        assert "$" not in tab.tab.evaluate(PROSE_TEXT), "a formula was left as raw TeX"
        tab.tab.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
        formulas = tab.tab.locator("article math")
        assert formulas.count() > 0
        for index in range(formulas.count()):
            box = formulas.nth(index).bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, f"formula {index}"
        figures = tab.tab.locator('article img[src*="figures/"]')
        assert figures.count() == len(notebooks.shown_snippets(chapter))
        for index in range(figures.count()):
            # Figures load lazily, once scrolled to.
            figures.nth(index).scroll_into_view_if_needed()
            tab.tab.wait_for_function(
                "img => img.complete && img.naturalWidth > 100",
                arg=figures.nth(index).element_handle(),
                timeout=10_000,
            )
        cells = tab.tab.locator("article .jp-CodeCell .highlight")
        copy_buttons = tab.tab.locator("article .jp-CodeCell button[data-md-type=copy]")
        assert cells.count() > 0 and copy_buttons.count() == cells.count()
        serious = serious_violations(tab)
        assert not serious, serious


def test_copy_button_on_a_notebook_cell_yields_the_cell(browser, site_url):
    with visit(browser, site_url, "en", "notebooks/gradient") as tab:
        tab.context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=tab.origin
        )
        # The cell that saves a whole file is closed under its first line (notebook_html.py).
        summary = tab.tab.locator("article details summary", has_text="%%writefile gradient.py")
        summary.click()
        cell = tab.tab.locator(
            "article .jp-CodeCell .highlight", has_text="%%writefile gradient.py"
        )
        cell.hover()
        cell.locator("button[data-md-type=copy]").click()
        copied = tab.tab.evaluate("navigator.clipboard.readText()")
        source = (ROOT / "snippets" / "gradient.py").read_text(encoding="utf-8")
        assert copied.rstrip("\n") + "\n" == f"%%writefile gradient.py\n{source}"


@pytest.mark.parametrize(
    ("start", "target"), [("en", "ja"), ("ja", "ko"), ("ko", "zh"), ("zh", "en")]
)
@pytest.mark.parametrize("page", ["index", "gradient-descent"])
def test_language_switcher_leads_to_the_same_page(
    browser, site_url, start, target, page
):
    with visit(browser, site_url, start, page) as tab:
        tab.tab.locator(".md-header__option .md-select").hover()
        tab.tab.locator(f'.md-select__link[hreflang="{target}"]').click()
        tab.tab.wait_for_load_state("networkidle")
        assert tab.tab.url == urljoin(site_url, page_address(target, page))
        assert tab.tab.locator("html").get_attribute("lang") == target
        assert not tab.failures, f"failed requests: {tab.failures}"


# The figures in the dark palette: tests/browser/test_explorers.py.


SEARCHES = [
    ("en", "gradient", "gradient"),
    ("en", "learning rate", "gradient-descent"),
    ("en", "partial derivative", "partial-derivatives"),
    # "softmax" and 学習率/学习率 are as frequent on the training chapter: each query names the
    # topic of one page.
    ("en", "simpleNet", "neural-network-gradient"),
    ("en", "cross-entropy", "loss-functions"),
    ("en", "overfitting", "loss-functions"),
    ("en", "handwritten digits", "training"),
    ("ja", "勾配", "gradient"),
    ("ja", "勾配降下法", "gradient-descent"),
    ("ja", "偏微分", "partial-derivatives"),
    ("ja", "損失関数", "loss-functions"),
    ("ja", "エポック", "training"),
    # Kanji and kana: split into words like the index's text by the site's search worker.
    ("ja", "手書き数字", "training"),
    ("ko", "기울기", "gradient"),
    ("ko", "학습률", "gradient-descent"),
    ("ko", "편미분", "partial-derivatives"),
    ("ko", "손실 함수", "loss-functions"),
    ("ko", "손글씨 숫자", "training"),
    ("zh", "梯度", "gradient"),
    ("zh", "梯度下降法", "gradient-descent"),
    ("zh", "偏导数", "partial-derivatives"),
    ("zh", "损失函数", "loss-functions"),
    ("zh", "手写数字", "training"),
]


@pytest.mark.parametrize(("language", "query", "expected"), SEARCHES)
def test_search_box_shows_the_expected_page_first(
    browser, site_url, language, query, expected
):
    with visit(browser, site_url, language, "index") as tab:
        search = tab.tab.locator("input.md-search__input")
        search.click()
        search.fill(query)
        search.press("End")  # a key event: Material searches on keyup, which fill() lacks
        first = tab.tab.locator(".md-search-result__list > li a").first
        first.wait_for(timeout=10_000)
        found = urljoin(tab.tab.url, first.get_attribute("href")).split("#")[0].split("?")[0]
        assert found == urljoin(site_url, page_address(language, expected)), (
            f"{query!r} found {found} first"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_and_downloads_only_its_own_edition(browser, site_url, language):
    """NumPy is named in every edition: found only in the reader's, from its index alone."""

    def edition_of(url: str) -> str:
        folder = url.removeprefix(site_url).split("/")[0]
        return folder if folder in LANGUAGES[1:] else LANGUAGES[0]

    with visit(browser, site_url, language, "gradient") as tab:
        search = tab.tab.locator("input.md-search__input")
        search.click()
        search.fill("NumPy")
        search.press("End")
        results = tab.tab.locator(".md-search-result__list > li > a")
        results.first.wait_for(timeout=10_000)
        found = results.evaluate_all("links => links.map(link => link.href)")
        assert len(found) >= 3 and all(url.startswith(site_url) for url in found), found
        assert {edition_of(url) for url in found} == {language}, found
        indexes = [url for url in tab.requests if url.endswith("search_index.json")]
        root = urljoin(site_url, page_address(language, "index"))
        assert indexes == [urljoin(root, "search/search_index.json")], indexes


MARKER_LINE = re.compile(r"^[ \t]*# -+8<-+ \[(start|end):[\w-]+\][ \t]*\n", re.M)


def copied_text(tab, block) -> str:
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    return tab.tab.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_buttons_yield_the_core_section_and_the_whole_file(browser, site_url, language):
    """The first block copies the core section; the one in the collapsed block, once opened,
    the whole file without its marker lines (a test finds it the same program)."""
    with visit(browser, site_url, language, "gradient") as tab:
        tab.context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=tab.origin
        )
        blocks = tab.tab.locator(
            "div.highlight",
            has=tab.tab.locator("span.filename", has_text="snippets/gradient.py"),
        )
        assert blocks.count() == 2
        source = (ROOT / "snippets" / "gradient.py").read_text(encoding="utf-8")
        core = source.split("[start:core]\n")[1].split("# --8<-- [end:core]")[0]
        # A code block does not keep the text's final line break; everything else is equal.
        assert copied_text(tab, blocks.nth(0)) + "\n" == core
        whole = blocks.nth(1)
        assert not whole.is_visible(), "the whole file starts collapsed"
        filename = tab.tab.locator("span.filename", has_text="snippets/gradient.py")
        tab.tab.locator("details", has=filename).locator("summary").click()
        assert copied_text(tab, whole) + "\n" == MARKER_LINE.sub("", source)
