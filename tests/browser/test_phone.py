"""The site on a phone: every chapter page of every edition at 390 CSS pixels wide.

Figures keep their text at 60% of its size or more, nothing reaches past the screen's edge or
is cut off, what a snippet printed wraps in view, and Korean lines break between words.
"""

import pytest
from conftest import LANGUAGES
from test_browser import PAGES, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}  # an iPhone 12 to 15 held upright, in CSS pixels
# A figure drawn smaller than this share of its natural size shrinks its text below 60% of the
# size it was drawn at (10 pt), under 8 CSS pixels.
SMALLEST_SCALE = 0.6


def at_phone_width(tab):
    """Reload the page in a phone-sized viewport, as a phone would first lay it out."""
    tab.tab.set_viewport_size(PHONE)
    tab.tab.reload(wait_until="networkidle")


FIGURE_SCALES = """() => [...document.querySelectorAll('article img[src*="figures/"]')].map(img => {
    const style = getComputedStyle(img);
    const drawn = img.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {name: img.src.split("/").pop(), natural: img.naturalWidth, drawn};
})"""

# Every element of the article whose box reaches past the box that clips it: the screen, or an
# ancestor with overflow hidden or clip. Inside a scrolling ancestor it can be scrolled to.
CLIPPED = """() => {
    const clipped = [];
    for (const element of document.querySelectorAll("article *")) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        // Shapes inside an inline <svg> (the explorers' plots) are cut to the drawing by its own
        // clip paths, on purpose; the <svg> element itself is checked like any other.
        if (element.ownerSVGElement) continue;
        let clip = {left: 0, right: window.innerWidth}, ancestor = element.parentElement;
        let scrolls = false;
        for (; ancestor; ancestor = ancestor.parentElement) {
            const overflow = getComputedStyle(ancestor).overflowX;
            if (overflow === "auto" || overflow === "scroll") { scrolls = true; break; }
            if (overflow !== "visible") { clip = ancestor.getBoundingClientRect(); break; }
        }
        if (scrolls) continue;
        if (box.left < clip.left - 1 || box.right > clip.right + 1) {
            const text = (element.textContent || "").trim().slice(0, 40);
            clipped.push(`<${element.tagName.toLowerCase()}> ${Math.round(box.left)}..` +
                         `${Math.round(box.right)} px "${text}"`);
        }
    }
    return clipped;
}"""

# What the exec blocks printed (Pygments' language "text") and the code listings.
BLOCKS = """() => [...document.querySelectorAll("article .highlight pre > code")].map(code => ({
    printed: code.closest(".language-text") !== null,
    overflow: getComputedStyle(code).overflowX,
    hidden: code.scrollWidth - code.clientWidth,
    start: code.textContent.slice(0, 30),
}))"""


def figure_problems(tab) -> list[str]:
    figures = tab.tab.locator('article img[src*="figures/"]')
    for index in range(figures.count()):  # figures load lazily, once scrolled to
        figures.nth(index).scroll_into_view_if_needed()
        tab.tab.wait_for_function(
            "img => img.complete && img.naturalWidth > 0",
            arg=figures.nth(index).element_handle(),
            timeout=10_000,
        )
    return [
        f"{f['name']} drawn {f['drawn']:.0f} px wide, {f['drawn'] / f['natural']:.2f} of its "
        f"{f['natural']} px"
        for f in tab.tab.evaluate(FIGURE_SCALES)
        if f["drawn"] < SMALLEST_SCALE * f["natural"]
    ]


def block_problems(tab) -> list[str]:
    problems = []
    for block in tab.tab.evaluate(BLOCKS):
        if block["printed"] and block["hidden"] > 0:
            problems.append(f"printed output {block['start']!r} hides {block['hidden']} px")
        if not block["printed"] and block["hidden"] > 0 and block["overflow"] not in (
            "auto",
            "scroll",
        ):
            problems.append(f"code {block['start']!r} is cut off, overflow {block['overflow']}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_phone_shows_legible_figures_and_nothing_past_the_edge(
    browser, site_url, language, page
):
    with visit(browser, site_url, language, page) as tab:
        at_phone_width(tab)
        problems = figure_problems(tab)
        width = tab.tab.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"the page is {width} px wide, wider than the screen")
        problems += [f"cut off: {element}" for element in tab.tab.evaluate(CLIPPED)[:5]]
        problems += block_problems(tab)
        assert not problems, "\n".join(problems)


# For every two neighbouring letters or digits of a Korean word (one of them Hangul), the lines
# their characters are laid out on. Text is walked per block, across inline elements such as
# <strong> and <a>; code, formulas and nested blocks interrupt a word.
KOREAN_BREAKS = r"""() => {
    const blocks = "p, li, figcaption, td, th, h1, h2, h3, h4, h5, h6, dt, dd, summary";
    const interrupts = "code, pre, math, kbd, script, style, .headerlink, " + blocks;
    const letter = /[\p{L}\p{N}]/u, hangul = /\p{Script=Hangul}/u;
    let pairs = 0, multiline = 0;
    const inside = [];
    for (const block of document.querySelectorAll(`article :is(${blocks})`)) {
        const lineHeight = parseFloat(getComputedStyle(block).lineHeight) || 20;
        if (block.getBoundingClientRect().height > 1.5 * lineHeight) multiline++;
        let previous = null;  // [text node, offset] of the character before
        const walker = document.createTreeWalker(
            block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {acceptNode(node) {
                if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
                if (!node.matches(interrupts)) return NodeFilter.FILTER_SKIP;
                previous = null;  // a word does not run through code or a formula
                return NodeFilter.FILTER_REJECT;
            }});
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.data;
            for (let offset = 0; offset < text.length; offset++) {
                const character = text[offset];
                if (!letter.test(character)) { previous = null; continue; }
                if (previous) {
                    const before = previous[0].data[previous[1]];
                    if (hangul.test(before) || hangul.test(character)) {
                        pairs++;
                        const range = document.createRange();
                        range.setStart(previous[0], previous[1]);
                        range.setEnd(node, offset + 1);
                        const tops = [...range.getClientRects()]
                            .filter(rect => rect.width > 0)
                            .map(rect => rect.top);
                        if (Math.max(...tops) - Math.min(...tops) > lineHeight / 2) {
                            inside.push(before + character + " in: " + block.textContent.trim().slice(0, 50));
                        }
                    }
                }
                previous = [node, offset];
            }
        }
    }
    return {pairs, multiline, inside};
}"""


@pytest.mark.parametrize("page", PAGES)
def test_korean_lines_break_between_words_not_inside_them(browser, site_url, page):
    with visit(browser, site_url, "ko", page) as tab:
        at_phone_width(tab)
        found = tab.tab.evaluate(KOREAN_BREAKS)
        # The check means something only if there is Korean text and it wraps.
        assert found["pairs"] > 200 and found["multiline"] >= 3, found
        assert not found["inside"], "line breaks inside words:\n" + "\n".join(found["inside"][:10])
