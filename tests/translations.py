"""Keep the four editions in step.

    python tests/translations.py              list missing and stale translations
    python tests/translations.py --stamp ja/gradient.md ...
                                              record that these translations follow the
                                              current English page (after reviewing them)

A translation is stale when the English text changed after it was stamped; the site then
shows a notice on it, in the reader's language, with a link to the English page.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import LANGUAGES  # noqa: E402
from hooks import (  # noqa: E402
    DEFAULT_LANGUAGE,
    DOCS,
    FRONT_MATTER,
    source_hash,
    translation_state,
)

TRANSLATIONS = [language for language in LANGUAGES if language != DEFAULT_LANGUAGE]
PAGES = sorted(
    path.relative_to(DOCS / DEFAULT_LANGUAGE).as_posix()
    for path in (DOCS / DEFAULT_LANGUAGE).rglob("*.md")
)
STAMP = "translation_of:"

FENCE = re.compile(r"^```.*?^```$", re.S | re.M)
STRUCTURE = {
    # kind: what must be the same, in the same order, in every language
    "heading anchors": re.compile(r"^(#+) .*?\{ *#([\w-]+) *\}$", re.M),
    "code blocks": FENCE,
    "display formulas": re.compile(r"^\$\$\n.*?\n\$\$$", re.S | re.M),
    "inline formulas": re.compile(r"\\\(.*?\\\)", re.S),
    "figures": re.compile(r"\]\((\.\./figures/[\w.]+)\)"),
    "link targets": re.compile(r"\]\(([^)\s]+)\)"),
    "inline code": re.compile(r"(?<!`)`([^`\n]+)`(?!`)"),
}
# Grammar moves and repeats identifiers: for these only the set must match, not the order.
UNORDERED = {"inline code"}


def settings(markdown: str) -> list[str]:
    """The front matter's lines, without the translation stamp."""
    meta = FRONT_MATTER.match(markdown)
    lines = meta.group(1).splitlines() if meta else []
    return [line for line in lines if not line.startswith(STAMP)]


def structure(markdown: str) -> dict[str, list]:
    """Everything a translation must keep from its English page, kind by kind, in order."""
    body = FRONT_MATTER.sub("", markdown)
    prose = FENCE.sub("", body)  # code blocks are compared whole, not searched inside
    found = {"front matter": settings(markdown)}
    for kind, pattern in STRUCTURE.items():
        text = body if kind == "code blocks" else prose
        items = [match.groups() or match.group(0) for match in pattern.finditer(text)]
        found[kind] = sorted(set(items)) if kind in UNORDERED else items
    return found


def differences(language: str, page: str) -> list[str]:
    """What differs between a translation and its English page, as readable lines."""
    english = structure((DOCS / DEFAULT_LANGUAGE / page).read_text(encoding="utf-8"))
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
    front = "\n".join([*settings(text), f"{STAMP} {source_hash(page)}"])
    file.write_text(f"---\n{front}\n---\n{FRONT_MATTER.sub('', text)}", encoding="utf-8")


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["--stamp"]:
        for path in arguments[1:]:
            stamp(path)
        return 0
    outdated = [
        f"{translation_state(language, page):8} docs/{language}/{page}"
        for language in TRANSLATIONS
        for page in PAGES
        if translation_state(language, page) != "current"
    ]
    languages = ", ".join(TRANSLATIONS)
    print("\n".join(outdated) or f"All {len(PAGES)} pages are current in {languages}.")
    return 1 if outdated else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
