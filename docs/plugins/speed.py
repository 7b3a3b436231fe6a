"""Hook: fast rebuilds. Everything here is optional: GRADIENTS_SPEED=off builds without it,
and a test finds the two sites byte for byte the same.

MkDocs redoes everything for every page of every language on every `mkdocs serve` rebuild,
whatever was edited. Here a page's rendered HTML and its search entries come from the store
when nothing they are made from has changed, the theme's files are listed and its templates
compiled once, and `mkdocs serve` notices an edit sooner. Each touch of another package's
internals is listed, with why, in README.md beside this file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from pathlib import Path

import grammar
import settings
import snippet_runs
from mkdocs.plugins import event_priority
from settings import CACHE, ROOT
from store import Store, read_bytes

OFF = settings.SPEED_UPS_OFF
RENDERING_LIBRARIES = (
    "mkdocs",
    "markdown",
    "pymdown-extensions",
    "markdown-exec",
    "mkdocs-material",
    "pygments",
)
pages = Store("pages", __file__)
search_entries = Store("search", __file__)


# ---------------------------------------------------------------- the theme


def on_config(config):
    """List the theme's files once per build, not once per language.

    Each language's build lists every file under the theme's folders to find the assets to
    publish; Material's hold 14,500 files, 14,400 of them icons in its hidden .icons folder,
    and listing and filtering them took a third of each language's rebuild in `mkdocs serve`.
    The list leaves out hidden files and folders, which MkDocs never publishes (its filter
    drops ".*" and "*/.*"). The next build (a new configuration) lists them again.
    """
    if OFF:
        return config
    theme = config.theme
    get_env = theme.get_env
    listing: list[str] = []

    def get_env_listing_once():
        env = get_env()
        if not listing:
            listing.extend(
                name
                for name in env.loader.list_templates()
                if not any(part.startswith(".") for part in name.split("/"))
            )
        env.loader.list_templates = lambda: list(listing)
        return env

    theme.get_env = get_env_listing_once
    return config


def on_env(env, config, files):
    """Compile the theme's templates once, not once per language: a quarter of every build.

    Jinja keys its bytecode cache by each template's source, so an edited template is
    compiled again.
    """
    if OFF:
        return env
    from jinja2 import FileSystemBytecodeCache

    (CACHE / "jinja").mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(CACHE / "jinja"))
    return env


# ---------------------------------------------------------------- rendered pages


def on_pre_page(page, config, files):
    """Give a Markdown page a render() that recalls its last result when nothing changed."""
    if OFF or not page.file.src_uri.endswith(".md"):
        return page  # notebooks: mkdocs-jupyter renders them, with a cache of its own
    render = page.render

    def render_or_recall(config, files):
        key = render_key(page, config, files)
        stored = pages.get(key) if key else None
        if stored is not None:
            recall(page, files, stored)
            return
        with logged() as records:
            render(config, files)
        if key:
            pages.put(key, rendered(page, records))

    page.render = render_or_recall
    return page


def render_key(page, config, files) -> str | None:
    """A hash of everything a page's HTML is made from, or None if that cannot be known.

    That is its Markdown as the page events left it, its address, the site's settings, the
    files its links can point to, the files it includes (whole, whatever section it shows),
    the snippets whose output it prints and the versions of the libraries that render it. An
    exec block that does more than print a snippet's report could depend on anything, and a
    failed snippet runs again in the next build: such pages are always rendered.
    """
    markdown = page.markdown
    reported = grammar.reported_snippets(markdown)
    if not grammar.only_reports(markdown) or any(
        snippet_runs.result_of(name).error for name in reported
    ):
        return None
    return pages.key(
        [
            snippet_runs.versions(*RENDERING_LIBRARIES),
            "snippets off" if snippet_runs.EXECUTION_OFF else "snippets on",
            Path(config.config_file_path).read_text(encoding="utf-8"),
            config.theme["language"],
            config.site_url or "",
            page.file.src_uri,
            page.url,
            "\n".join(sorted(f"{file.src_uri} {file.url}" for file in files)),
            markdown,
            *(snippet_runs.result_key(name) for name in reported),
            *(
                part
                for path in grammar.included_files(markdown, ROOT)
                for part in (str(path), read_bytes(path))
            ),
        ]
    )


@contextlib.contextmanager
def logged():
    """Collect what this thread logs meanwhile, as (logger, level, message).

    Only this thread's records: under `mkdocs serve`, another thread reports file changes.
    """
    records: list[tuple[str, int, str]] = []
    handler = logging.Handler(logging.INFO)
    thread = threading.get_ident()

    def emit(record):
        if record.thread == thread:
            records.append((record.name, record.levelno, record.getMessage()))

    handler.emit = emit
    # MkDocs' loggers do not propagate to the root logger; Markdown extensions' loggers do.
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield records
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def rendered(page, records) -> dict:
    """What render() gave a page, as JSON."""
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": toc_tokens(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {f.src_uri: to for f, to in links.items()},
        "log": records,
    }


def toc_tokens(items) -> list[dict]:
    """A table of contents as the tokens MkDocs makes it from."""
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "children": toc_tokens(item.children),
        }
        for item in items
    ]


def recall(page, files, stored: dict) -> None:
    """Set a page up as render() did, and log again what its rendering logged."""
    from mkdocs.structure.toc import get_toc

    page.content = stored["content"]
    page.toc = get_toc(stored["toc"])
    page._title_from_render = stored["title"]
    page.present_anchor_ids = set(stored["anchors"])
    if stored["links"] is not None:
        page.links_to_anchors = {
            files.get_file_from_path(uri): to for uri, to in stored["links"].items()
        }
    for name, level, message in stored["log"]:
        logging.getLogger(name).log(level, message)


# ---------------------------------------------------------------- search entries


@event_priority(50)  # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    """Have the search plugin recall the entries of a page it has indexed before."""
    if not OFF:
        search_with_memory(config)
    return context


def search_with_memory(config) -> None:
    """Wrap the search index's add_entry_from_context() with the store, once per index."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if index is None or getattr(index.add_entry_from_context, "recalls", False):
        return
    add = index.add_entry_from_context

    def add_or_recall(page):
        key = search_key(page, plugin)
        stored = search_entries.get(key)
        if stored is not None:
            index.entries.extend(stored)
            return
        before = len(index.entries)
        add(page)
        search_entries.put(key, index.entries[before:])

    add_or_recall.recalls = True
    index.add_entry_from_context = add_or_recall


def search_key(page, plugin) -> str:
    """A hash of everything the search plugin makes a page's entries from."""
    import material.plugins.search.plugin as search_plugin

    settings = plugin.config
    dictionaries = [settings.jieba_dict, settings.jieba_dict_user]
    return search_entries.key(
        [
            snippet_runs.versions("mkdocs-material", "jieba"),
            json.dumps(dict(settings), default=str, sort_keys=True),
            *(Path(path).read_text(encoding="utf-8") for path in dictionaries if path),
            "segmented" if search_plugin.jieba else "not segmented",  # upstream_fixes.py
            page.url,
            str(page.meta.get("title", page.title)),
            json.dumps([page.meta.get("tags"), page.meta.get("search")], default=str),
            json.dumps(toc_tokens(page.toc)),
            page.content,
        ]
    )


# ---------------------------------------------------------------- mkdocs serve


def on_serve(server, config, builder):
    """Notice an edit within 0.1 s, not 0.5 s: poll the docs and mkdocs.yml more often.

    MkDocs polls for changes rather than waiting for the system to report them; at its
    default interval a fifth of the rebuild time after an edit went on noticing it.
    """
    if OFF:
        return server
    from watchdog.observers.polling import PollingObserver

    watched = []
    for path in [config.docs_dir, config.config_file_path, *config.theme.dirs]:
        with contextlib.suppress(KeyError):  # theme folders only with --watch-theme
            server.unwatch(path)
            watched.append(path)
    server.observer = PollingObserver(timeout=0.1)
    for path in watched:
        server.watch(path)
    return server
