"""The explorers' data: what the pages ship is what the snippets compute, once per build."""

import json
import re

import difference_error
import explorers
import learning_rate
import numpy as np
import pytest
from conftest import LANGUAGES, page_address

EXPLORED = {"learning_rate": "gradient-descent", "difference_error": "numerical-differentiation"}
SHIPPED = re.compile(
    r'<div class="explorer" data-explorer="(\w+)" data-search-exclude hidden>'
    r'<script type="application/json">(.*?)</script></div>',
    re.S,
)


def shipped(site, language, page) -> dict:
    html = (site / page_address(language, page) / "index.html").read_text("utf-8")
    return {name: json.loads(payload) for name, payload in SHIPPED.findall(html)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_learning_rate_explorer_ships_what_the_snippet_computes(built_site, language):
    site, _ = built_site
    data = shipped(site, language, "gradient-descent")["learning_rate"]["data"]
    rates = [*explorers.LEARNING_RATES, *explorers.BOOK_RATES]
    assert [rate["lr"] for rate in data["rates"]] == [f"{lr:g}" for lr in rates]
    for lr, rate in zip(rates, data["rates"]):
        assert rate["outcome"] == learning_rate.outcome(lr)
        assert float(rate["factor"]) == pytest.approx(learning_rate.step_factor(lr), rel=1e-11)
        history, refusal = learning_rate.descend_until_refused(lr)
        assert len(rate["distance"]) == len(history)
        assert rate["path"][0] == [-3.0, 4.0]
    # The cases the page describes are all there: converging from one side, one step,
    # zig-zagging, bouncing, diverging, and the book's three rates.
    factors = [float(rate["factor"]) for rate in data["rates"]]
    assert 0.8 in factors and 0 in factors and -0.6 in factors and -1 in factors
    assert -1.2 in factors and -19 in factors
    assert data["rates"][data["first"]]["lr"] == "0.1"
    assert "stopped at step" in data["rates"][-2]["outcome"]  # lr = 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_step_explorer_ships_what_the_snippet_computes(built_site, language):
    site, _ = built_site
    data = shipped(site, language, "numerical-differentiation")["difference_error"]["data"]
    assert [stop["h"] for stop in data["stops"]] == [f"{h:g}" for h in explorers.STEPS]
    assert explorers.STEPS[0] == 1e-16 and explorers.STEPS[-1] == 0.1
    for h, stop in zip(explorers.STEPS, data["stops"]):
        for difference in (difference_error.forward_difference, difference_error.central_difference):
            value = difference(np.exp, difference_error.X, h)
            assert stop[difference.__name__]["slope"] == repr(float(value))
            error = difference_error.error_at(difference, h)
            assert stop[difference.__name__]["error"] == f"{error:.2e}"
    first = data["stops"][data["first"]]
    assert first["h"] == "0.0001"
    # The numbers the page prints for h = 1e-4 are the explorer's first.
    assert first["forward_difference"]["error"] == "1.36e-04"
    assert first["central_difference"]["error"] == "4.53e-09"
    assert data["exact"] == repr(float(np.exp(1.0)))


def test_explorers_are_computed_once_per_build_and_only_on_their_pages(built_site):
    site, log = built_site
    for name, page in EXPLORED.items():
        assert log.count(f"computed the explorer of snippets/{name}.py") == 1, name
    for html_file in site.rglob("*.html"):
        text = html_file.read_text("utf-8")
        has_explorer = 'class="explorer"' in text
        assert has_explorer == ("explorers.js" in text), html_file
    for language in LANGUAGES:
        for name, page in EXPLORED.items():
            assert list(shipped(site, language, page)) == [name]


def test_explorers_are_labelled_in_every_language_and_kept_out_of_search(built_site):
    site, _ = built_site
    index = (site / "search" / "search_index.json").read_text("utf-8")
    titles = set()
    for language in LANGUAGES:
        for name, page in EXPLORED.items():
            labels = shipped(site, language, page)[name]["labels"]
            assert labels.keys() == shipped(site, "en", page)[name]["labels"].keys()
            assert all(labels.values())
            titles.add(labels["title"])
            assert labels["title"] not in index
    assert len(titles) == 2 * len(LANGUAGES), "each language has its own words"
    assert "lr = 0.00125" not in index and "figures-dark" not in index


def test_the_script_asks_nothing_of_another_host(built_site):
    site, _ = built_site
    script = (site / "assets" / "explorers.js").read_text("utf-8")
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", script)
    assert "fetch(" not in script and "XMLHttpRequest" not in script
