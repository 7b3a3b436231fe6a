"""The built site: strict build, figures on every chapter, nothing leaked, reproducible."""

import html
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import grammar
import pytest
from conftest import (
    LANGUAGES,
    ROOT,
    SITE_PATH,
    SNIPPETS,
    build,
    page_address,
    snippet_results,
)

PAGES = sorted(
    path.relative_to(ROOT / "docs" / "en")
    for path in (ROOT / "docs" / "en").rglob("*.md")
)


class Tags(HTMLParser):
    """Collects every tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html_file: Path):
    parser = Tags()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.tags


def html_of(site: Path, page: Path, language: str = "en") -> Path:
    return site / page_address(language, page.with_suffix("").as_posix()) / "index.html"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_page_shows_the_figures_its_markdown_names(built_site, page, language):
    site, _ = built_site
    markdown = (ROOT / "docs" / language / page).read_text(encoding="utf-8")
    expected = [figure.snippet for figure in grammar.figures(markdown)]
    html_file = html_of(site, page, language)
    assert f'<html lang="{language}"' in html_file.read_text(encoding="utf-8")
    images = [
        attrs
        for tag, attrs in tags_of(html_file)
        if tag == "img" and "figures/" in attrs.get("src", "")
    ]
    assert [Path(image["src"]).stem for image in images] == expected
    for image in images:
        assert len(image.get("alt", "")) > 40, "a figure needs real alt text"
        figure = (html_file.parent / image["src"]).resolve()
        assert figure.is_file(), image["src"]
        assert figure.read_text(encoding="utf-8").rstrip().endswith("</svg>")


def test_every_page_with_a_snippet_has_a_figure_and_every_snippet_is_shown(built_site):
    site, _ = built_site
    shown = set()
    for page in PAGES:
        markdown = (ROOT / "docs" / "en" / page).read_text(encoding="utf-8")
        drawn = {figure.snippet for figure in grammar.figures(markdown)}
        shown |= drawn
        if grammar.shown_snippets(markdown):
            assert drawn, f"{page} shows a snippet but no figure"
    assert shown == set(SNIPPETS)
    assert {path.stem for path in (site / "figures").glob("*.svg")} == set(SNIPPETS)


def test_snippets_are_published_for_download_unchanged(built_site):
    site, _ = built_site
    for name in SNIPPETS:
        assert (site / "snippets" / f"{name}.py").read_bytes() == (
            ROOT / "snippets" / f"{name}.py"
        ).read_bytes()


def test_pages_print_the_snippets_numbers(built_site):
    site, _ = built_site
    text = (site / "numerical-differentiation" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "numerical_diff(function_1, 5) = 0.1999999999990898" in text
    text = (site / "neural-network-gradient" / "index.html").read_text(encoding="utf-8")
    assert "0.21924763" in text and "-0.54421514" in text
    text = (site / "loss-functions" / "index.html").read_text(encoding="utf-8")
    for printed in (
        "cross_entropy_error = 0.5108256237659907",
        "book's, with 1e-7   = 0.510825457099338",
        "y2: mean_squared_error  = 0.5975",
        "repeats an example: 0.0792",
        "highest accuracy 0.8667 for W[0, 0] from -2.38 to -0.25",
    ):
        assert printed in text, printed


def expected_output(snippet: str) -> str:
    """The exact output that tests/snippets/test_<snippet>.py expects from report()."""
    path = ROOT / "tests" / "snippets" / f"test_{snippet}.py"
    spec = importlib.util.spec_from_file_location(f"expected_{snippet}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PRINTED


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("snippet", ["book_pitfalls", "narrow_valley"])
def test_every_edition_prints_the_exact_output_of(built_site, snippet, language):
    site, _ = built_site
    page = html_of(site, Path("gradient-descent.md"), language)
    assert expected_output(snippet) in html.unescape(page.read_text(encoding="utf-8"))


LEAKS = [
    "Traceback (most recent call last)",
    "site-packages",
    str(ROOT),
    "/root/",
    "/home/",
    "/tmp/",
    "failed:",
]


def test_no_traceback_or_absolute_path_in_any_html(built_site):
    site, _ = built_site
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for leak in LEAKS:
            assert leak not in text, f"{leak!r} in {html_file.relative_to(site)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_formulas_are_rendered_as_mathml_at_build_time(built_site, language):
    site, _ = built_site
    for page in PAGES:
        text = html_of(site, page, language).read_text(encoding="utf-8")
        assert "arithmatex" not in text and "\\(" not in text and "$$" not in text, page
        if "$$" in (ROOT / "docs" / "en" / page).read_text(encoding="utf-8"):
            assert (
                '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">'
                in text
            ), page


def test_no_asset_from_another_host_and_no_root_relative_links(built_site):
    """Nothing loads from another host, and every link works from a sub-path such as /gradients/."""
    site, _ = built_site
    for html_file in site.rglob("*.html"):
        for tag, attrs in tags_of(html_file):
            for attribute in ("src", "href"):
                value = attrs.get(attribute) or ""
                if (
                    tag in ("script", "img", "link", "iframe", "source")
                    and attribute in attrs
                ):
                    if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                        continue  # not fetched by the browser
                    assert not re.match(r"(https?:)?//", value), (
                        f"{tag} {value} in {html_file.relative_to(site)}"
                    )
                if value.startswith("/") and not value.startswith("//"):
                    # 404.html is served at any address, so it alone links from site_url's path.
                    assert html_file.name == "404.html" and value.startswith(
                        SITE_PATH
                    ), f"{value} in {html_file}"
        assert "fonts.googleapis" not in html_file.read_text(encoding="utf-8")


def test_figures_are_not_in_the_search_index(built_site):
    site, _ = built_site
    indexes = sorted(site.rglob("search_index.json"))
    assert len(indexes) == len(LANGUAGES)  # one per edition
    for path in indexes:
        index = path.read_text(encoding="utf-8")
        assert "Matplotlib v" not in index and "<svg" not in index and "clipPath" not in index


def test_each_snippet_runs_once_per_build(built_project):
    project, _, log = built_project
    for name in SNIPPETS:
        assert log.count(f"ran snippets/{name}.py ") == 1, name
    # The workers' claims (snippet_workers.claimed) last only as long as the build.
    assert not (project / ".cache" / "snippet-claims").exists()


def test_a_snippet_is_claimed_by_one_worker_only(tmp_path, monkeypatch):
    import snippet_workers

    monkeypatch.setattr(snippet_workers, "CLAIMS", tmp_path / "claims")
    assert snippet_workers.claimed("gradient") and snippet_workers.claimed("gradient_descent")
    assert not snippet_workers.claimed("gradient")


def test_a_second_run_in_a_fresh_process_gives_identical_figures(built_site):
    """No date, no random ids: a snippet's figures, in both palettes, are the same from one
    build to the next."""
    site, _ = built_site
    both_palettes = "(lambda result: (result.svg, result.svg_dark))"
    figures, _ = snippet_results(ROOT, f"{both_palettes}(snippet_runs.execute(name))")
    assert sorted(figures) == SNIPPETS
    for name, (svg, svg_dark) in figures.items():
        assert svg.encode() == (site / "figures" / f"{name}.svg").read_bytes(), name
        assert svg_dark.encode() == (site / "figures-dark" / f"{name}.svg").read_bytes(), name


def test_a_raising_snippet_fails_the_build_naming_page_and_file(warm_project, tmp_path):
    project = warm_project
    snippet = project / "snippets" / "gradient.py"
    snippet.write_text(
        snippet.read_text().replace("def report():\n", "def report():\n    1 / 0\n")
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/en/gradient.md: snippet snippets/gradient.py failed" in result.stderr
    assert "ZeroDivisionError" in result.stderr


def test_a_missing_include_fails_the_build_naming_page_and_file(warm_project, tmp_path):
    project = warm_project
    page = project / "docs" / "en" / "gradient.md"
    page.write_text(
        page.read_text() + '\n```python\n--8<-- "snippets/no_such_file.py"\n```\n'
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "en/gradient.md" in result.stderr
        and "snippets/no_such_file.py" in result.stderr
    )


@pytest.mark.parametrize("page", [Path("gradient-descent.md"), Path("notebooks/gradient.ipynb")])
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_leads_to_the_same_page(built_site, language, page):
    site, _ = built_site
    html_file = html_of(site, page, language)
    links = {
        a["hreflang"]: a["href"]
        for tag, a in tags_of(html_file)
        if tag == "a" and "hreflang" in a
    }
    assert set(links) == set(LANGUAGES)
    for other, href in links.items():
        assert (html_file.parent / href / "index.html").resolve() == html_of(
            site, page, other
        ).resolve()


def test_current_translations_show_no_notice(built_site):
    site, _ = built_site
    for language in LANGUAGES:
        for page in PAGES:
            assert "admonition warning" not in html_of(site, page, language).read_text(
                encoding="utf-8"
            )


def test_missing_and_stale_translations_show_a_notice_in_the_readers_language(
    warm_project, tmp_path
):
    project = warm_project
    gradient = project / "snippets" / "gradient.py"  # its code edited, so that it must run once
    gradient.write_text(gradient.read_text(encoding="utf-8") + "EDITED = True\n", encoding="utf-8")
    (project / "docs" / "ja" / "gradient.md").unlink()
    english = project / "docs" / "en" / "partial-derivatives.md"
    english.write_text(
        english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    missing = html_of(tmp_path / "site", Path("gradient.md"), "ja").read_text(
        encoding="utf-8"
    )
    assert (
        "このページはまだ翻訳されていません" in missing
        and 'href="../../gradient/"' in missing
    )
    for language, words in (("ko", "오래되어"), ("zh", "已过时"), ("ja", "古く")):
        stale = html_of(
            tmp_path / "site", Path("partial-derivatives.md"), language
        ).read_text(encoding="utf-8")
        assert words in stale and 'href="../../partial-derivatives/"' in stale, language
    assert result.stderr.count("ran snippets/gradient.py ") == 1, (
        "a fallback page must not run snippets again"
    )


def test_nothing_blocks_rendering_but_the_themes_own_css(built_site):
    site, _ = built_site
    for html_file in site.rglob("*.html"):
        head = html_file.read_text(encoding="utf-8").split("</head>")[0]
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
        assert all(re.search(r"assets/stylesheets/(main|palette)\.\w+\.min\.css$", s) for s in sheets), sheets
        assert not re.search(r"<script[^>]+src=", head), f"a script loads in <head> of {html_file}"
