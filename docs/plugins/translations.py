"""Translations: their state, the notice on a missing or stale one, the stamp and the checker.

    python docs/plugins/translations.py              list missing and stale translations
    python docs/plugins/translations.py --stamp ja/gradient.md …
                                                     record that these translations follow
                                                     the current English page (after review)

A translation records in its front matter (translation_of:) a hash of the English text it
follows. When the English page changes, the translation is stale, and the site shows a notice
on it, in the reader's language, with a link to the English page. A translation keeps the
English page's structure, kind by kind (structure()); the tests compare them.
"""

from __future__ import annotations

import hashlib
import re
import sys

import grammar
import settings
from mkdocs.utils import get_relative_url
from settings import DOCS
from store import read_bytes

STAMP = "translation_of:"

# What a translation keeps from its English page, kind by kind, in the same order.
STRUCTURE = {
    "heading anchors": grammar.HEADING,
    "code blocks": grammar.FENCE,
    "display formulas": grammar.DISPLAY_FORMULA,
    "inline formulas": grammar.INLINE_FORMULA,
    "figures": grammar.FIGURE_LINK,
    "link targets": grammar.LINK_TARGET,
    "inline code": grammar.INLINE_CODE,
    "collapsed blocks": grammar.COLLAPSED,
}
# Kinds compared on the whole body: the code blocks, and the collapsed blocks with the code
# blocks inside them. The others are searched in the prose alone.
WHOLE_BODY = {"code blocks", "collapsed blocks"}
# Grammar moves and repeats identifiers: for these only the set must match, not the order.
UNORDERED = {"inline code"}


def english_pages() -> list[str]:
    english = DOCS / settings.default_language()
    return sorted(path.relative_to(english).as_posix() for path in english.rglob("*.md"))


def source_hash(page: str) -> str:
    """What a translation records as translation_of: a hash of the English text it follows."""
    english = read_bytes(DOCS / settings.default_language() / page).decode("utf-8")
    return hashlib.sha256(grammar.body(english).encode()).hexdigest()[:12]


def translation_state(language: str, page: str) -> str:
    """'current', 'stale' (the English page changed since) or 'missing'."""
    translation = DOCS / language / page
    if not translation.is_file():
        return "missing"
    recorded = re.search(rf"^{STAMP} *(\w+)", read_bytes(translation).decode("utf-8"), re.M)
    return "current" if recorded and recorded.group(1) == source_hash(page) else "stale"


def settings_lines(markdown: str) -> list[str]:
    """The front matter's lines, without the translation stamp."""
    return [line for line in grammar.front_matter_lines(markdown) if not line.startswith(STAMP)]


def structure(markdown: str) -> dict[str, list]:
    """Everything a translation must keep from its English page, kind by kind, in order."""
    body = grammar.body(markdown)
    prose = grammar.prose_only(markdown)  # code blocks are compared whole, not searched inside
    found = {"front matter": settings_lines(markdown)}
    for kind, pattern in STRUCTURE.items():
        items = list(structure_items(kind, pattern, body if kind in WHOLE_BODY else prose))
        found[kind] = sorted(set(items)) if kind in UNORDERED else items
    return found


def structure_items(kind: str, pattern: re.Pattern, text: str):
    for match in pattern.finditer(text):
        if kind == "heading anchors":
            yield match[1], match[3]  # the level and the anchor, not the translated title
        elif kind == "collapsed blocks":
            # Open or not, its kind and its code blocks; its title and prose are translated.
            code = tuple(fence[0] for fence in grammar.FENCE.finditer(match["body"]))
            yield match["open"], match["kind"], code
        elif kind == "code blocks" or not pattern.groups:
            yield match[0]
        else:
            yield match.groups()


def differences(language: str, page: str) -> list[str]:
    """What differs between a translation and its English page, as readable lines."""
    english = structure((DOCS / settings.default_language() / page).read_text(encoding="utf-8"))
    translated = structure((DOCS / language / page).read_text(encoding="utf-8"))
    lines = []
    for kind, expected in english.items():
        if expected != translated[kind]:
            lacking = [item for item in expected if item not in translated[kind]]
            extra = [item for item in translated[kind] if item not in expected]
            detail = "; ".join(
                [f"lacks {lacking}"] * bool(lacking) + [f"has extra {extra}"] * bool(extra)
            )
            lines.append(f"docs/{language}/{page}: {kind} differ: {detail or 'order differs'}")
    return lines


def stamp(path: str) -> None:
    """Record in a translation's front matter the hash of the English text it now follows."""
    language, page = path.split("/", 1)
    file = DOCS / language / page
    text = file.read_text(encoding="utf-8")
    front = "\n".join([*settings_lines(text), f"{STAMP} {source_hash(page)}"])
    file.write_text(f"---\n{front}\n---\n{grammar.body(text)}", encoding="utf-8")


# ---------------------------------------------------------------- the hook


def on_page_markdown(markdown, page, config, files):
    """An admonition, in the reader's language, on a page whose translation is missing or stale."""
    # The edition being built; page.file.locale is the language of the file shown.
    language = getattr(page.file, "locale_alternate_of", settings.default_language())
    if language == settings.default_language() or not page.file.src_uri.endswith(".md"):
        return markdown
    state = translation_state(language, page.file.norm_src_uri)
    if state == "current":
        return markdown
    texts = settings.texts(language, "translation_notice")
    english = get_relative_url(page.url.removeprefix(f"{language}/") or ".", page.url)
    return (
        f'!!! warning "{texts["title"]}"\n\n'
        f'    {texts[state]} <a href="{english}" hreflang="en">{texts["link"]}</a>\n\n'
    ) + markdown


# ---------------------------------------------------------------- the command


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--stamp"]:
        for path in arguments[1:]:
            stamp(path)
        return 0
    translations = settings.languages()[1:]
    outdated = [
        f"{translation_state(language, page):8} docs/{language}/{page}"
        for language in translations
        for page in english_pages()
        if translation_state(language, page) != "current"
    ]
    pages = len(english_pages())
    print("\n".join(outdated) or f"All {pages} pages are current in {', '.join(translations)}.")
    return 1 if outdated else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
