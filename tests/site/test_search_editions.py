"""Each edition has its own search index, and its pages look for that one.

The browser tests (tests/browser/) search in each edition and watch what is downloaded; these
check the files behind that: where each index is, what it holds, and what each page's
`__config` tells Material's script.
"""

import json
import re
from urllib.parse import urljoin

import pytest
from conftest import LANGUAGES

INDEX = "search/search_index.json"


def edition_folder(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def index_of(site, language: str) -> dict:
    return json.loads((site / edition_folder(language) / INDEX).read_text(encoding="utf-8"))


def pages_of(site, language: str) -> set[str]:
    """The addresses of an edition's pages, relative to its root ('', 'gradient/', …)."""
    root = site / edition_folder(language)
    pages = set()
    for html_file in root.rglob("index.html"):
        address = html_file.parent.relative_to(root).as_posix()
        if language == LANGUAGES[0] and address.split("/")[0] in LANGUAGES[1:]:
            continue  # another edition's folder inside the default one's
        pages.add("" if address == "." else f"{address}/")
    # Notebook pages are left out of search (notebook_pages.py): the chapter is the one to find.
    return {page for page in pages if not page.startswith("notebooks/")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_edition_has_an_index_of_exactly_its_own_pages(built_site, language):
    site, _ = built_site
    index = index_of(site, language)
    found = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert found == pages_of(site, language)
    # The text is the edition's own: the title of its home page, in its language. (Material
    # puts U+200B between the words it finds in Chinese.)
    home = next(doc for doc in index["docs"] if doc["location"] == "")
    page = (site / edition_folder(language) / "index.html").read_text(encoding="utf-8")
    assert f"<title>{home['title'].replace(chr(0x200B), '')}" in page


def test_no_index_holds_another_editions_pages(built_site):
    site, _ = built_site
    texts = {language: {doc["text"] for doc in index_of(site, language)["docs"]} for language in LANGUAGES}
    for language in LANGUAGES:
        for other in LANGUAGES:
            if other != language:
                shared = {text for text in texts[language] & texts[other] if len(text) > 200}
                assert not shared, f"{language} and {other} share {sorted(shared)[:1]}"


CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def test_every_page_looks_for_its_own_editions_index(built_site):
    """Material's script fetches `search/search_index.json` relative to `base` in __config."""
    site, _ = built_site
    for html_file in sorted(site.rglob("index.html")):
        page = html_file.relative_to(site).as_posix()
        language = page.split("/")[0] if page.split("/")[0] in LANGUAGES[1:] else LANGUAGES[0]
        config = json.loads(CONFIG.search(html_file.read_text(encoding="utf-8")).group(1))
        base = urljoin(f"https://example.org/site/{page}", config["base"])
        fetched = urljoin(base, INDEX)
        expected = f"https://example.org/site/{edition_folder(language)}{INDEX}"
        assert fetched == expected, f"{page} would fetch {fetched}"
