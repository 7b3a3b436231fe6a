"""The four editions stay in step: same pages, same structure, stamped translations."""

import grammar
import pytest
import settings
from settings import DOCS
from translations import differences, english_pages, structure, translation_state

PAGES = english_pages()
TRANSLATIONS = list(settings.languages()[1:])


def test_there_are_three_translations_of_every_page():
    assert TRANSLATIONS == ["ja", "ko", "zh"]
    for language in TRANSLATIONS:
        pages = sorted(
            p.relative_to(DOCS / language).as_posix()
            for p in (DOCS / language).rglob("*.md")
        )
        assert pages == PAGES, f"docs/{language}/ has other pages than docs/en/"


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("page", PAGES)
def test_translation_keeps_the_structure_of_the_english_page(language, page):
    assert differences(language, page) == []


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("page", PAGES)
def test_translation_is_stamped_with_the_current_english_page(language, page):
    assert translation_state(language, page) == "current", (
        f"docs/{language}/{page} is {translation_state(language, page)}: review it against "
        f"docs/en/{page}, then run: python docs/plugins/translations.py --stamp {language}/{page}"
    )


def test_the_checker_notices_a_missing_anchor_a_changed_formula_and_a_changed_include():
    english = (DOCS / "en" / "gradient.md").read_text(encoding="utf-8")
    broken = (
        english.replace("{ #gradient-field }", "{ #field }")
        .replace(r"\nabla f = ", r"\nabla g = ")
        .replace('--8<-- "snippets/gradient.py"', '--8<-- "snippets/numerical_diff.py"')
    )
    before, after = structure(english), structure(broken)
    for kind in ("heading anchors", "display formulas", "code blocks"):
        assert before[kind] != after[kind], kind


def whole_file_titles(language: str) -> dict[str, set[str]]:
    """The titles of the collapsed whole-file blocks, page by page."""
    titles = {}
    for page in PAGES:
        markdown = (DOCS / language / page).read_text(encoding="utf-8")
        found = {block.title for block in grammar.blocks(markdown) if block.kind == "whole"}
        if found:
            titles[page] = found
    return titles


@pytest.mark.parametrize("language", settings.languages())
def test_the_whole_file_has_one_title_in_each_edition(language):
    titles = whole_file_titles(language)
    assert sorted(titles) == sorted(whole_file_titles("en")), "pages with a whole-file block"
    terms = set().union(*titles.values())
    assert len(terms) == 1, f"docs/{language}/ calls the whole file {sorted(terms)}"
    if language != "en":
        assert terms != set().union(*whole_file_titles("en").values()), "not translated"


def test_the_checker_notices_a_changed_collapsed_block():
    english = (DOCS / "en" / "gradient.md").read_text(encoding="utf-8")
    whole = next(b for b in grammar.blocks(english) if b.kind == "whole")
    before = structure(english)["collapsed blocks"]
    opened = english.replace('??? note "The whole file"', '???+ note "The whole file"')
    without_code = english.replace(whole.text, whole.text.split("    ```python")[0])
    for broken in (opened, without_code):
        assert structure(broken)["collapsed blocks"] != before
