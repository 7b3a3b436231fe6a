"""The explorers and the dark figures as readers get them, in Chromium, in every edition.

A slider moved with the keyboard redraws the plots and shows exactly what the snippets
compute; nothing is requested from another host; axe finds no serious problem; at phone
width nothing overflows; in the dark palette every figure is dark, measured on its pixels.
"""

import io
from urllib.parse import urljoin

import difference_error
import learning_rate
import numpy as np
import pytest
from conftest import LANGUAGES, ROOT, page_address
from test_browser import serious_violations, visit

pytestmark = pytest.mark.browser

CHAPTERS = sorted(path.stem for path in (ROOT / "docs" / "en").glob("*.md"))


def drawing(tab, explorer: str) -> str:
    """Everything the explorer has drawn, as SVG markup: it changes when the drawing does."""
    return tab.tab.locator(f".explorer[data-explorer={explorer}] .explorer__plots").inner_html()


def check_clean(tab):
    foreign = [url for url in tab.requests if not url.startswith(tab.origin)]
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not tab.failures and not tab.errors, (tab.failures, tab.errors)


def labels_of(tab, explorer: str) -> dict:
    return tab.tab.evaluate(
        "name => JSON.parse(document.querySelector(`.explorer[data-explorer=${name}] script`)"
        ".textContent).labels",
        explorer,
    )


def check_learning_rate(tab, lr: float, factor_label: str):
    """The explorer shows what learning_rate.py computes for `lr`."""
    root = tab.tab.locator(".explorer[data-explorer=learning_rate]")
    shown_factor = root.locator(".explorer__numbers").inner_text()
    prefix = f"η = {lr:g}, {factor_label} = "
    assert shown_factor.startswith(prefix), shown_factor
    assert float(shown_factor[len(prefix):]) == pytest.approx(
        learning_rate.step_factor(lr), rel=1e-11, abs=1e-15
    )
    assert root.locator("pre").inner_text() == learning_rate.outcome(lr)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_learning_rate_slider_moves_by_keyboard_and_shows_the_snippets_numbers(
    browser, site_url, language, scheme
):
    with visit(browser, site_url, language, "gradient-descent", scheme) as tab:
        labels = labels_of(tab, "learning_rate")
        slider = tab.tab.get_by_role("slider", name=labels["slider"])
        check_learning_rate(tab, 0.1, labels["factor"])
        before = drawing(tab, "learning_rate")
        slider.focus()
        for key, lr in (("ArrowRight", 0.125), ("End", 1.1), ("ArrowLeft", 1.0), ("Home", 0.001)):
            tab.tab.keyboard.press(key)
            check_learning_rate(tab, lr, labels["factor"])
            assert f"η = {lr:g}" in slider.get_attribute("aria-valuetext")
            after = drawing(tab, "learning_rate")
            assert after != before, f"{key} did not redraw"
            before = after
        # η = 1.1 diverges until numerical_gradient refuses; the book's 10 sooner.
        book = tab.tab.get_by_role("button", name="η = 10", exact=True)
        book.focus()
        tab.tab.keyboard.press("Enter")
        assert book.get_attribute("aria-pressed") == "true"
        check_learning_rate(tab, 10.0, labels["factor"])
        assert drawing(tab, "learning_rate") != before
        check_clean(tab)
        serious = serious_violations(tab)
        assert not serious, serious


def check_step(tab, h: float):
    """The explorer's table shows what difference_error.py computes for `h`."""
    rows = tab.tab.locator(".explorer[data-explorer=difference_error] tbody tr")
    for index, difference in enumerate(
        (difference_error.forward_difference, difference_error.central_difference)
    ):
        slope, error = rows.nth(index).locator("td").all_inner_texts()
        assert slope == repr(float(difference(np.exp, difference_error.X, h)))
        assert error == f"{difference_error.error_at(difference, h):.2e}"
    assert rows.nth(2).locator("td").first.inner_text() == repr(float(np.exp(1.0)))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_step_slider_moves_by_keyboard_and_shows_the_snippets_numbers(
    browser, site_url, language, scheme
):
    with visit(browser, site_url, language, "numerical-differentiation", scheme) as tab:
        labels = labels_of(tab, "difference_error")
        slider = tab.tab.get_by_role("slider", name=labels["slider"])
        check_step(tab, 1e-4)
        before = drawing(tab, "difference_error")
        slider.focus()
        for key, h in (("ArrowLeft", 5e-5), ("Home", 1e-16), ("PageUp", None), ("End", 0.1)):
            tab.tab.keyboard.press(key)
            h = h if h is not None else float(slider.get_attribute("aria-valuetext")[4:].split(",")[0])
            check_step(tab, h)
            assert slider.get_attribute("aria-valuetext").startswith(f"h = {h:g}, ")
            after = drawing(tab, "difference_error")
            assert after != before, f"{key} did not redraw"
            before = after
        check_clean(tab)
        serious = serious_violations(tab)
        assert not serious, serious


@pytest.mark.parametrize("page", ["gradient-descent", "numerical-differentiation"])
def test_explorer_fits_a_phone(browser, site_url, page):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    try:
        tab = context.new_page()
        tab.goto(urljoin(site_url, page_address("ja", page)), wait_until="networkidle")
        explorer = tab.locator(".explorer")
        assert explorer.is_visible()
        widths = explorer.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert widths[0] <= widths[1], widths
        box = explorer.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        for svg in explorer.locator("svg[role=img]").all():
            box = svg.bounding_box()
            assert box["width"] > 250, box
    finally:
        context.close()


def test_without_javascript_the_static_figure_stays(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(urljoin(site_url, page_address("en", "gradient-descent")))
        assert not tab.locator(".explorer").is_visible()
        for figure in tab.locator("article img.figure-light").all():
            assert figure.is_visible()
    finally:
        context.close()


CONTENT_BOX = """img => {
    const box = img.getBoundingClientRect(), style = getComputedStyle(img);
    const side = (name) => parseFloat(style[`padding${name}`]) + parseFloat(style[`border${name}Width`]);
    return {x: box.left + side("Left") + window.scrollX, y: box.top + side("Top") + window.scrollY,
            width: box.width - side("Left") - side("Right"), height: box.height - side("Top") - side("Bottom")};
}"""


def figure_pixels(tab, image) -> np.ndarray:
    """The grey levels of what the figure itself shows, without the padding around it."""
    from PIL import Image

    image.scroll_into_view_if_needed()
    tab.tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    clip = image.evaluate(CONTENT_BOX)
    shot = tab.tab.screenshot(clip=clip, full_page=True)
    return np.asarray(Image.open(io.BytesIO(shot)).convert("L"))


def frame_and_ink(pixels: np.ndarray, width: int = 4) -> tuple[float, float, float]:
    """The mean grey of the figure's outer frame (its background), and the shares of light and of
    dark pixels in the whole figure."""
    frame = np.concatenate(
        [pixels[:width].ravel(), pixels[-width:].ravel(), pixels[:, :width].ravel(), pixels[:, -width:].ravel()]
    )
    return frame.mean(), (pixels > 170).mean(), (pixels < 90).mean()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", CHAPTERS)
def test_in_the_dark_palette_every_figure_is_dark(browser, site_url, language, page):
    with visit(browser, site_url, language, page, "dark") as tab:
        assert tab.tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
        figures = [
            image for image in tab.tab.locator("article img").all()
            if "figures" in (image.get_attribute("src") or "") and image.is_visible()
        ]
        expected = tab.tab.locator("article img.figure-light").count()
        assert len(figures) == expected
        for figure in figures:
            background, light, dark = frame_and_ink(figure_pixels(tab, figure))
            # A dark background, mostly dark, with light lines and labels on it.
            assert background < 50 and dark > 0.4 and light > 0.005, (
                f"{figure.get_attribute('src')}: background {background:.0f}, "
                f"light {light:.3f}, dark {dark:.3f}"
            )
        # Only the dark palette's figures were fetched, on this first visit too (main.html).
        assert not [url for url in tab.requests if "/figures/" in url]
        check_clean(tab)


@pytest.mark.parametrize("page", ["gradient", "training"])
def test_in_the_light_palette_every_figure_is_light(browser, site_url, page):
    with visit(browser, site_url, "ko", page, "light") as tab:
        figures = tab.tab.locator("article img.figure-light").all()
        assert figures and not tab.tab.locator("article img.figure-dark").first.is_visible()
        for figure in figures:
            background, light, dark = frame_and_ink(figure_pixels(tab, figure))
            assert background > 230 and light > 0.4 and dark > 0.005, (background, light, dark)
        assert not [url for url in tab.requests if "/figures-dark/" in url]
