"""Hook: one zip file per edition, to use the code offline: every snippet and that edition's
notebooks, at <edition>/gradients-from-scratch.zip, linked from the edition's home page.

One per edition rather than one for all: a reader wants the notebooks whose prose is in their
language (the snippets are the same in every edition), and a quarter of the bytes.

    gradients-from-scratch/snippets/<name>.py         every file of snippets/, byte for byte
    gradients-from-scratch/notebooks/<chapter>.ipynb  the .ipynb files this edition publishes

The bytes are the same from one build to the next: entries in a fixed order, with a fixed
date, permissions and compression level.
"""

from __future__ import annotations

import functools
import io
import zipfile

import notebooks
import settings
import snippet_runs
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from settings import SNIPPETS
from store import read_bytes

NAME = "gradients-from-scratch"
FOLDER = f"{NAME}/"  # the zip's one top-level folder, so that unpacking it makes one folder
DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip file can hold
FILE_MODE = 0o100644  # a regular file, readable by all, as Unix tools expect


@event_priority(-400)  # after notebook_pages.py (-300) has added this edition's .ipynb files
def on_files(files, config):
    language = config.plugins["i18n"].current_language
    prefix = settings.language_prefix(language)
    entries = tuple(snippet_entries() + notebook_entries(files, language))
    archive = File.generated(config, f"{language}/{NAME}.zip", content=zip_bytes(entries))
    archive.dest_uri = f"{prefix}{NAME}.zip"
    files.append(archive)
    return files


def snippet_entries() -> list[tuple[str, bytes]]:
    return [
        (f"{FOLDER}snippets/{name}.py", read_bytes(SNIPPETS / f"{name}.py"))
        for name in sorted(snippet_runs.snippet_names())
    ]


def notebook_entries(files, language: str) -> list[tuple[str, bytes]]:
    """The .ipynb files as this edition publishes them beside their pages (notebook_pages.py)."""
    published = {file.dest_uri: file for file in files}
    prefix = settings.language_prefix(language)
    entries = []
    for chapter in notebooks.chapters():
        file = published.get(f"{prefix}notebooks/{chapter}.ipynb")
        if file is not None:  # a notebook missing from the repository is warned about there
            entries.append((f"{FOLDER}notebooks/{chapter}.ipynb", file.content_bytes))
    return entries


@functools.lru_cache(maxsize=8)  # for mkdocs serve: the same 4 zips, rebuild after rebuild
def zip_bytes(entries: tuple[tuple[str, bytes], ...]) -> bytes:
    """A zip of (name, bytes) entries, in the order given, with nothing that varies by build."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it, so that the mode counts
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()
