"""One content-keyed store for every cache of the build: .cache/<kind>/<key>.json.

A key is a hash of everything an entry is made from, and always of the source of the code that
made it: edit that code and its old entries are simply never asked for again, with no version
number to bump by hand. Entries are kept in memory too, for the life of the process.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from settings import CACHE


def hash_of(parts, length: int = 24) -> str:
    """A short hash of a sequence of texts or bytes, each part kept apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part.encode() if isinstance(part, str) else part) + b"\0")
    return digest.hexdigest()[:length]


def read_bytes(path: Path) -> bytes:
    """A file's bytes, read again only when it has changed: the build asks for the same pages
    and snippets for every page of every language."""
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _read(path: Path, modified: int, size: int) -> bytes:
    return path.read_bytes()


class Store:
    """Entries of one kind (snippet results, rendered pages, …), as JSON under a hash key."""

    def __init__(self, kind: str, *code: str | Path):
        """`code`: the files whose source makes the entries; it is part of every key."""
        self.folder = CACHE / kind
        self.code = hash_of(Path(path).read_bytes() for path in code)
        self.memory: dict[str, object] = {}

    def key(self, parts) -> str:
        return hash_of([self.code, *parts])

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        return key in self.memory or self.path(key).is_file()

    def get(self, key: str):
        """The entry stored under `key`, or None."""
        if key not in self.memory:
            path = self.path(key)
            if not path.is_file():
                return None
            self.memory[key] = json.loads(path.read_text(encoding="utf-8"))
        return self.memory[key]

    def put(self, key: str, value) -> None:
        self.memory[key] = value
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path(key).write_text(json.dumps(value), encoding="utf-8")
