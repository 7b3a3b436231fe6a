"""Hook: one search index per edition, so that a reader searches, and downloads, only their own.

Material's search plugin writes one `search/search_index.json`, and mkdocs-static-i18n gathers
every language's entries into it: every page loaded all four editions' text, and a search
found pages of every edition. Here each language's build keeps the entries that the plugin
made for it and writes them as that edition's own index, at `<edition>/search/search_index.json`
with addresses relative to the edition's root (`search/search_index.json` for the default
edition, written again after mkdocs-static-i18n has put the combined index there). Each
page's `__config` names its edition's root as `base` (`overrides/main.html`), which is where
Material's script fetches the index from and resolves the results' addresses against.

It also publishes the site's search worker, `search-words.js` beside this file, which splits
Japanese queries into words as the index's text is split, and hands them to Material's.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import write_file
from store import read_bytes

INDEX = "search/search_index.json"
WORKER = Path(__file__).with_name("search-words.js")

# The site is built once per language, one after the other: each edition's index as built so
# far in this run, by its folder on the site ("" for the default edition, "ja/", …).
indexes: dict[str, str] = {}


# ---------------------------------------------------------------- events


@event_priority(-200)  # after mkdocs-static-i18n has rebuilt the file list for this language
def on_files(files, config):
    """Publish the search worker, which overrides/main.html names in each page's __config.

    Not a theme file in overrides/: mkdocs-static-i18n would look for it under docs/.
    """
    worker = File.generated(config, f"assets/javascripts/workers/{WORKER.name}", content=read_bytes(WORKER))
    files.append(worker)
    return files



@event_priority(-50)  # after Material's search plugin (0), before mkdocs-static-i18n (-100)
def _keep_this_edition(config):
    i18n = config.plugins["i18n"]
    language = i18n.current_language
    root = edition_root(i18n, language)
    if not root:  # the default edition is built first: a new build of the site
        indexes.clear()
    entries = config.plugins["material/search"].search_index.entries
    indexes[root] = render_index(config, relative_to(root, entries))
    write_indexes(config)


@event_priority(-150)  # after mkdocs-static-i18n wrote the combined index over the default one
def _write_again(config):
    write_indexes(config)


on_post_build = CombinedEvent(_keep_this_edition, _write_again)


# ---------------------------------------------------------------- helpers


def edition_root(i18n, language: str) -> str:
    """An edition's folder on the site as mkdocs-static-i18n places it: '' or e.g. 'ja/'."""
    link = next(entry.link for entry in i18n.config.languages if entry.locale == language)
    folder = link.strip("/")
    return f"{folder}/" if folder else ""


def relative_to(root: str, entries: list[dict]) -> list[dict]:
    """The entries with their addresses relative to the edition's root."""
    outside = [entry["location"] for entry in entries if not entry["location"].startswith(root)]
    if outside:
        raise PluginError(f"search entries outside the edition {root!r}: {outside[:3]}")
    return [{**entry, "location": entry["location"][len(root) :]} for entry in entries]


def render_index(config, entries: list[dict]) -> str:
    """The index as Material's search plugin writes it, with this edition's entries alone.

    Its settings stay the plugin's, `lang` included, which lists every edition's language
    (mkdocs-static-i18n adds them): the browser then splits words as it did with one index
    (TinySegmenter for Japanese, as soon as Japanese is listed), and every page has code and
    names in English among its own language.
    """
    settings = config.plugins["material/search"].search_index.config
    index_config = {key: settings[key] for key in ("lang", "separator", "pipeline", "fields")}
    return json.dumps(
        {"config": index_config, "docs": entries},
        separators=(",", ":"),
        default=str,
        ensure_ascii=False,  # CJK text as UTF-8, half the bytes of \u escapes
    )


def write_indexes(config) -> None:
    for root, data in indexes.items():
        write_file(data.encode("utf-8"), str(Path(config.site_dir) / root / INDEX))
