"""Figures for both palettes: each figure of a page has a dark twin, drawn from the same run,
and a page with the figures of either palette stays light to load."""

import gzip
import re
from pathlib import Path

import dark_style
import numpy as np
import pytest
from conftest import LANGUAGES, ROOT, SNIPPETS, page_address
from matplotlib.figure import Figure

PAGES = sorted(path.stem for path in (ROOT / "docs" / "en").glob("*.md"))
IMAGE = re.compile(r"<img [^>]*>")
LIMIT = 100 * 1024  # gzip bytes of a page with its figures, in one palette


def images(html: str) -> list[dict]:
    return [dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag)) for tag in IMAGE.findall(html)]


def page_html(site: Path, language: str, page: str) -> Path:
    return site / page_address(language, page) / "index.html"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_figure_is_followed_by_its_dark_twin(built_site, language):
    site, _ = built_site
    for page in PAGES:
        shown = [
            image for image in images(page_html(site, language, page).read_text("utf-8"))
            if "figures" in image.get("src", "")
        ]
        light, dark = shown[0::2], shown[1::2]
        assert len(light) == len(dark), page
        for first, second in zip(light, dark):
            assert re.fullmatch(r"(\.\./)+figures/\w+\.svg", first["src"]), first["src"]
            assert second["src"] == first["src"].replace("figures/", "figures-dark/")
            assert (first["class"], second["class"]) == ("figure-light", "figure-dark")
            assert first["alt"] == second["alt"], page
            assert first["loading"] == second["loading"] == "lazy", page


def test_dark_figures_are_published_on_the_dark_background(built_site):
    site, _ = built_site
    assert sorted(path.stem for path in (site / "figures-dark").glob("*.svg")) == SNIPPETS
    for name in SNIPPETS:
        light = (site / "figures" / f"{name}.svg").read_text("utf-8")
        dark = (site / "figures-dark" / f"{name}.svg").read_text("utf-8")
        assert dark_style.BACKGROUND in dark and dark_style.BACKGROUND not in light, name
        # The same drawing: as many paths (lines, glyphs, markers), other colours.
        assert dark.count("<path") == light.count("<path"), name


def weight(paths: list[Path]) -> int:
    return sum(len(gzip.compress(path.read_bytes())) for path in paths)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_with_the_figures_of_either_palette_is_at_most_100_kb_gzip(
    built_site, language
):
    """A reader's browser fetches the figures of its palette only (they load lazily, and the
    other palette's are never shown): the page, its script and one palette's figures."""
    site, _ = built_site
    for page in PAGES:
        html_file = page_html(site, language, page)
        html = html_file.read_text("utf-8")
        scripts = [
            html_file.parent / src
            for src in re.findall(r'<script src="([^"]+)"', html)
            if "assets/javascripts/" not in src  # the theme's own, cached from page to page
        ]
        for folder in ("figures", "figures-dark"):
            figures = [
                html_file.parent / image["src"] for image in images(html)
                if f"{folder}/" in image.get("src", "")
            ]
            total = weight([html_file, *scripts, *figures])
            assert total <= LIMIT, f"{language}/{page} in {folder}: {total} bytes"


def test_black_ink_is_made_light_and_named_colours_are_kept():
    def draw():
        figure = Figure()
        axes = figure.add_subplot()
        axes.plot([0, 1], [0, 1], color="black")
        axes.plot([0, 1], [1, 0], color="tab:blue")
        axes.quiver([0], [0], [1], [1])  # matplotlib's own black
        axes.set_title("title")
        pictures = figure.add_subplot()
        pictures.imshow([[0, 1]], cmap="gray_r")
        pictures.text(0, 0, "on the image")
        return figure

    figure = dark_style.drawn_dark(draw)
    axes, pictures = figure.axes
    black, blue = axes.lines
    assert black.get_color() == (*dark_style_ink(), 1.0)
    assert blue.get_color() == "tab:blue"
    assert np.allclose(axes.collections[0].get_facecolor()[0][:3], dark_style_ink())
    assert axes.title.get_color() == dark_style.INK
    assert figure.get_facecolor()[:3] == pytest.approx(rgb(dark_style.BACKGROUND))
    assert pictures.images[0].get_cmap().name == "gray"
    assert pictures.texts[0].get_color() == "black"


def dark_style_ink():
    return rgb(dark_style.INK)


def rgb(colour: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(colour)
