"""MkDocs hooks: the build's own logic, for every page and language alike.

- Snippets: each runs once per build and publishes its figure (figures/<name>.svg), its
  output (for the exec blocks) and its source (snippets/<name>.py). The site is built once
  per language (mkdocs-static-i18n), so every event here runs four times; results go
  through a cache keyed by the content of the snippet and of every snippet it imports.
- Formulas: turned into MathML at build time.
- Rebuilds: a page's rendered HTML and its search entries are cached under a hash of all they
  are made from, and the theme's files are listed once per build, not once per language.
- Translations: a notice on pages whose translation is missing or stale.
- Fixes to what Material and mkdocs-static-i18n produce together: relative language
  links, no failing sitemap requests, search that splits Chinese and Japanese correctly,
  an accessible name for the search dialog, the site's CSS inlined.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import html
import importlib
import io
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
import traceback
import warnings
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
SITE_CSS = DOCS / "assets" / "site.css"  # inlined into every page, not published as a file
DEFAULT_LANGUAGE = "en"
CACHE = ROOT / ".cache" / "snippets"
# Bump when the way results are rendered changes, so that old cache entries are not reused.
RENDER_VERSION = "1"

log = logging.getLogger("mkdocs.plugins.gradients")

# Exec blocks in the pages import this module as `site_hooks`, and notebooks.py as `hooks`:
# MkDocs registers hooks under their file name ("hooks.py"), which an import statement
# cannot spell, and a second copy of this module would start with empty caches.
sys.modules["site_hooks"] = sys.modules[__name__]
sys.modules.setdefault("hooks", sys.modules[__name__])


@dataclass(frozen=True)
class SnippetResult:
    """What a snippet gives the site: its printed numbers, its figure, or why it failed."""

    output: str = ""
    svg: str = ""
    error: str = ""


# Cache key -> result, for the life of the process.
_results: dict[str, SnippetResult] = {}


def snippet_names() -> list[str]:
    return sorted(path.stem for path in SNIPPETS.glob("*.py"))


@functools.cache
def imported_names(source: bytes) -> frozenset[str]:
    """Every module name a piece of Python source imports (remembered per source text)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return frozenset(names)


def local_imports(name: str) -> list[str]:
    """The snippets that snippet `name` imports, directly or not, itself included."""
    seen: set[str] = set()
    pending = {name}
    while pending:
        current = pending.pop()
        seen.add(current)
        imported = imported_names((SNIPPETS / f"{current}.py").read_bytes())
        pending |= {module for module in imported if (SNIPPETS / f"{module}.py").is_file()} - seen
    return sorted(seen)


@functools.cache
def environment() -> str:
    """Python, NumPy, Matplotlib and scikit-learn versions (whose digits the training chapter
    uses): a snippet's result depends on them too.

    Read from package metadata, since importing matplotlib would cost half a second.
    """
    return f"{RENDER_VERSION} {sys.version} {versions('numpy', 'matplotlib', 'scikit-learn')}"


@functools.cache
def versions(*libraries: str) -> str:
    return " ".join(version(library) for library in libraries)


def hash_of(parts, length: int = 24) -> str:
    """A short hash of a sequence of texts or bytes, each part kept apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part.encode() if isinstance(part, str) else part) + b"\0")
    return digest.hexdigest()[:length]


def cache_key(name: str) -> str:
    """A hash of everything a snippet's result depends on."""
    parts = [environment()]
    for module in local_imports(name):
        parts += [module, (SNIPPETS / f"{module}.py").read_bytes()]
    return hash_of(parts, length=20)


def render_svg(figure, name: str) -> str:
    """SVG that is identical from one build to the next: no date, ids salted by the name."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": name, "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def short_traceback(error: BaseException) -> str:
    """The failing lines inside snippets/, with paths relative to the repository."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).parent == SNIPPETS
    ]
    lines = [
        f"snippets/{Path(frame.filename).name}, line {frame.lineno}, in {frame.name}"
        for frame in frames
    ]
    return "; ".join([*lines, f"{type(error).__name__}: {error}"])


def execute(name: str) -> SnippetResult:
    """Import snippet `name` afresh, capture what report() prints and render draw()."""
    import matplotlib

    matplotlib.use("Agg")
    started = time.perf_counter()
    for module in snippet_names():  # so that an edited snippet is not reused from sys.modules
        sys.modules.pop(module, None)
    sys.path.insert(0, str(SNIPPETS))
    printed = io.StringIO()
    try:
        # A warning fails the snippet: matplotlib's "Glyph ... missing" is only a warning,
        # and would otherwise publish a figure with empty boxes for the missing characters.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            module = importlib.import_module(name)
            with contextlib.redirect_stdout(printed):
                module.report()
            svg = render_svg(module.draw(), name)
        result = SnippetResult(output=printed.getvalue(), svg=svg)
    except Exception as error:  # reported with the page that shows the snippet
        result = SnippetResult(error=short_traceback(error))
    finally:
        sys.path.remove(str(SNIPPETS))
    # The tests and the benchmark count these lines: one per snippet per build.
    log.info(f"ran snippets/{name}.py in {time.perf_counter() - started:.2f} s")
    return result


# GRADIENTS_SNIPPETS=off builds the site without running any snippet: pages and notebooks show
# a placeholder instead of their outputs. It is the benchmark's floor.
EXECUTION_OFF = os.environ.get("GRADIENTS_SNIPPETS") == "off"
PLACEHOLDER = SnippetResult(
    output="(not run: GRADIENTS_SNIPPETS=off)\n",
    svg='<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"/>',
)


def run_snippet(name: str) -> SnippetResult:
    """The result of snippet `name`, from memory, from .cache/, or by running it."""
    if EXECUTION_OFF:
        return PLACEHOLDER
    key = cache_key(name)
    if key in _results:
        return _results[key]
    stored = stored_result(name, key)
    if stored.is_file():
        result = SnippetResult(**json.loads(stored.read_text(encoding="utf-8")))
    else:
        result = execute(name)
        if not result.error:  # a failure is retried on the next build
            CACHE.mkdir(parents=True, exist_ok=True)
            stored.write_text(json.dumps(asdict(result)), encoding="utf-8")
    _results[key] = result
    return result


def stored_result(name: str, key: str) -> Path:
    return CACHE / f"{name}-{key}.json"


def is_cached(name: str) -> bool:
    return stored_result(name, cache_key(name)).is_file()


_workers: list[subprocess.Popen] = []


def on_startup(command, dirty):
    """Start running the snippets missing from the cache in other processes, at once.

    On a first build, running them costs more than all the rest of the first language's
    setup; other cores run them while this process sets MkDocs up, and on_files waits.
    """
    missing = [] if EXECUTION_OFF else [name for name in snippet_names() if not is_cached(name)]
    shares = min(len(missing), os.cpu_count() or 1, 2)
    for share in range(shares):
        _workers.append(subprocess.Popen([sys.executable, __file__, *missing[share::shares]]))


def wait_for_workers() -> None:
    while _workers:
        _workers.pop().wait()


def snippet_output(name: str) -> str:
    """What the exec blocks print: the snippet's numbers, or a one-line note of its failure."""
    result = run_snippet(name)
    return result.output if not result.error else f"{name} failed: {result.error}\n"


# ---------------------------------------------------------------- MkDocs events


@event_priority(-200)  # after mkdocs-static-i18n has rebuilt the file list for this language
def on_files(files, config):
    """Publish every snippet's figure at figures/<name>.svg and its source at snippets/<name>.py."""
    wait_for_workers()  # their results are in the cache now; a failure is run again here
    for name in snippet_names():
        result = run_snippet(name)
        if result.svg:
            files.append(File.generated(config, f"figures/{name}.svg", content=result.svg))
        files.append(
            File.generated(
                config,
                f"snippets/{name}.py",
                content=(SNIPPETS / f"{name}.py").read_bytes(),
            )
        )
    return files


def on_config(config):
    """List the theme's files once per build, not once per language.

    Each language's build lists every file under the theme's folders to find the assets to
    publish; Material's hold 14,500 files, 14,400 of them icons in its hidden .icons folder,
    and listing and filtering them took a third of each language's rebuild in `mkdocs serve`.
    The list leaves out hidden files and folders, which MkDocs never publishes (its filter
    drops ".*" and "*/.*"). The theme's files do not change during a build; the next build
    (a new configuration) lists them again.
    """
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
    """Compile the theme's templates once, not once per language.

    Each language is a build of its own with a fresh Jinja environment, and compiling
    Material's templates took a quarter of every build. Jinja keys this cache by each
    template's source, so an edited template is compiled again.
    """
    from jinja2 import FileSystemBytecodeCache

    (CACHE.parent / "jinja").mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(CACHE.parent / "jinja"))
    return env


SNIPPET_REFERENCE = re.compile(
    r"""snippet_output\("(\w+)"\)|figures/(\w+)\.svg|snippets/(\w+)\.py"""
)


def on_page_markdown(markdown, page, config, files):
    """Fail the build for a page that shows a failed snippet; flag stale or missing translations."""
    if page.file.src_uri.endswith(".ipynb"):
        return markdown  # a notebook's JSON: notebooks.py and mkdocs-jupyter make its page
    names = {
        name for match in SNIPPET_REFERENCE.finditer(markdown) for name in match.groups() if name
    }
    for name in sorted(names):
        if not (SNIPPETS / f"{name}.py").is_file():
            log.error(
                f"docs/{page.file.src_uri}: refers to snippets/{name}.py, which does not exist"
            )
        elif error := run_snippet(name).error:
            log.error(f"docs/{page.file.src_uri}: snippet snippets/{name}.py failed: {error}")
    segment_chinese_only_on_chinese_pages(page)
    return translation_notice(page, config) + markdown


def segment_chinese_only_on_chinese_pages(page) -> None:
    """Let Material's search plugin split text into words with jieba on Chinese pages only.

    The plugin runs jieba over every run of Han characters when jieba is installed, and
    jieba's Chinese dictionary cuts Japanese words apart (勾配 into 勾 and 配), so that
    Japanese queries no longer match. Japanese is split in the browser instead, by the
    TinySegmenter that Material loads for it. The plugin indexes a page after this event.
    """
    import material.plugins.search.plugin as search_plugin

    if getattr(page.file, "locale", None) != "zh":
        search_plugin.jieba = None


def restore_jieba() -> None:
    """Give the search plugin jieba back, as it expects when it next loads its dictionaries."""
    import jieba
    import material.plugins.search.plugin as search_plugin

    search_plugin.jieba = jieba


# ---------------------------------------------------------------- rendered pages
#
# Turning a page's Markdown into HTML is the largest part of a build that MkDocs repeats for
# every page of every language on every `mkdocs serve` rebuild, whatever was edited. A page is
# rendered again only when something it is made from has changed; otherwise its HTML, table
# of contents, anchors and the warnings its rendering logged come from .cache/pages/.

PAGES_CACHE = CACHE.parent / "pages"
# Bump when what is stored for a page changes, so that old entries are not reused.
PAGES_VERSION = "1"
EXEC_FENCE = re.compile(r"^(`{3,})[^\n]*\bexec=[^\n]*\n(.*?)^\1$", re.M | re.S)
SNIPPET_EXEC = re.compile(
    r'from site_hooks import snippet_output\nprint\(snippet_output\("\w+"\), end=""\)\n'
)
INCLUDE_LINE = re.compile(r'^[ \t]*--8<-- "([^"]+)"', re.M)
RENDERING_LIBRARIES = (
    "mkdocs",
    "markdown",
    "pymdown-extensions",
    "markdown-exec",
    "mkdocs-material",
    "pygments",
)


def on_pre_page(page, config, files):
    """Give a Markdown page a render() that recalls its last result when nothing changed."""
    if not page.file.src_uri.endswith(".md"):
        return page  # notebooks: mkdocs-jupyter renders them, with a cache of its own
    render = page.render

    def render_or_recall(config, files):
        key = render_key(page, config, files)
        if key is None:
            render(config, files)
            return
        stored = PAGES_CACHE / f"{key}.json"
        if stored.is_file():
            recall(page, files, json.loads(stored.read_text(encoding="utf-8")))
            return
        with logged() as records:
            render(config, files)
        PAGES_CACHE.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(rendered(page, records)), encoding="utf-8")

    page.render = render_or_recall
    return page


def render_key(page, config, files) -> str | None:
    """A hash of everything a page's HTML is made from, or None if that cannot be known.

    That is its Markdown as the page events left it, its address, the site's settings, the
    files its links can point to, the files it includes, the snippets whose output it prints
    and the versions of the libraries that render it. An exec block that does more than print
    a snippet's output could depend on anything, and a failed snippet runs again in the next
    build: such pages are always rendered.
    """
    markdown = page.markdown
    if any(not SNIPPET_EXEC.fullmatch(code) for _, code in EXEC_FENCE.findall(markdown)):
        return None
    printed = sorted(set(re.findall(r'snippet_output\("(\w+)"\)', markdown)))
    if any(run_snippet(name).error for name in printed):
        return None
    return hash_of(
        [
            PAGES_VERSION,
            versions(*RENDERING_LIBRARIES),
            "snippets off" if EXECUTION_OFF else "snippets on",
            Path(config.config_file_path).read_text(encoding="utf-8"),
            config.theme["language"],
            config.site_url or "",
            page.file.src_uri,
            page.url,
            "\n".join(sorted(f"{file.src_uri} {file.url}" for file in files)),
            markdown,
            *(cache_key(name) for name in printed),
            *(part for path in included_files(markdown) for part in (str(path), path.read_bytes())),
        ]
    )


def included_files(markdown: str) -> list[Path]:
    """The files pymdownx.snippets puts into a page (base path: the repository), nested too."""
    found: list[Path] = []
    pending = INCLUDE_LINE.findall(markdown)
    while pending:
        path = ROOT / pending.pop()
        if path.is_file() and path not in found:
            found.append(path)
            pending += INCLUDE_LINE.findall(path.read_text(encoding="utf-8", errors="replace"))
    return found


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
#
# Material's search plugin parses every page's HTML into sections on every build. The
# sections of a page whose HTML, address, title, table of contents and search settings are
# those of an earlier build are taken from .cache/search/ instead.

SEARCH_CACHE = CACHE.parent / "search"
# Bump when what is stored for a page changes, so that old entries are not reused.
SEARCH_VERSION = "1"


def search_with_memory(config) -> None:
    """Wrap the search index's add_entry_from_context() with a cache, once per index."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if index is None or getattr(index.add_entry_from_context, "recalls", False):
        return
    add = index.add_entry_from_context

    def add_or_recall(page):
        stored = SEARCH_CACHE / f"{search_key(page, plugin)}.json"
        if stored.is_file():
            index.entries.extend(json.loads(stored.read_text(encoding="utf-8")))
            return
        before = len(index.entries)
        add(page)
        SEARCH_CACHE.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(index.entries[before:]), encoding="utf-8")

    add_or_recall.recalls = True
    index.add_entry_from_context = add_or_recall


def search_key(page, plugin) -> str:
    """A hash of everything the search plugin makes a page's entries from."""
    import material.plugins.search.plugin as search_plugin

    settings = plugin.config
    dictionaries = [settings.jieba_dict, settings.jieba_dict_user]
    return hash_of(
        [
            SEARCH_VERSION,
            versions("mkdocs-material", "jieba"),
            json.dumps(dict(settings), default=str, sort_keys=True),
            *(Path(path).read_text(encoding="utf-8") for path in dictionaries if path),
            "segmented" if search_plugin.jieba else "not segmented",  # see the page events
            page.url,
            str(page.meta.get("title", page.title)),
            json.dumps([page.meta.get("tags"), page.meta.get("search")], default=str),
            json.dumps(toc_tokens(page.toc)),
            page.content,
        ]
    )


# ---------------------------------------------------------------- translations


FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def source_hash(page_path: str) -> str:
    """What a translation records as `translation_of`: a hash of the English text it follows."""
    english = (DOCS / DEFAULT_LANGUAGE / page_path).read_text(encoding="utf-8")
    return hashlib.sha256(FRONT_MATTER.sub("", english).encode()).hexdigest()[:12]


def translation_state(language: str, page_path: str) -> str:
    """'current', 'stale' (the English page changed since) or 'missing'."""
    translation = DOCS / language / page_path
    if not translation.is_file():
        return "missing"
    recorded = re.search(r"^translation_of: *(\w+)", translation.read_text(encoding="utf-8"), re.M)
    return "current" if recorded and recorded.group(1) == source_hash(page_path) else "stale"


def translation_notice(page, config) -> str:
    """An admonition, in the reader's language, on a page whose translation is missing or stale."""
    # The edition being built; page.file.locale is the language of the file shown.
    language = getattr(page.file, "locale_alternate_of", DEFAULT_LANGUAGE)
    if language == DEFAULT_LANGUAGE:
        return ""
    state = translation_state(language, page.file.norm_src_uri)
    if state == "current":
        return ""
    texts = config.extra["translation_notice"]
    english = get_relative_url(page.url.removeprefix(f"{language}/") or ".", page.url)
    return (
        f'!!! warning "{texts["title"]}"\n\n'
        f'    {texts[state]} <a href="{english}" hreflang="en">{texts["link"]}</a>\n\n'
    )


@event_priority(50)  # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    """Make every language-selector link relative, so that the site works from any sub-path.

    mkdocs-static-i18n points the home pages' selector at site_url's absolute path. Also
    have the search plugin recall the entries of a page it has indexed before.
    """
    search_with_memory(config)
    # Looked up as the template does: mkdocs-static-i18n sets an attribute, not a key.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])
    for alternate in alternates:
        translation = getattr(page.file, "alternates", {}).get(alternate["lang"])
        if translation is not None:
            alternate["link"] = translation.url or "./"
    return context


def on_post_page(output, page, config):
    restore_jieba()  # the page has been indexed by now
    return name_the_search_dialog(drop_head_alternates(inline_site_css(output)))


def inline_site_css(output: str) -> str:
    """The site's own CSS is small: inlined, it costs no request that blocks rendering."""
    css = SITE_CSS.read_text(encoding="utf-8")
    return output.replace("</head>", f"<style>{css}</style></head>", 1)


HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_head_alternates(output: str) -> str:
    """Drop the <link rel="alternate" hreflang> tags from <head>.

    Material's JavaScript fetches sitemap.xml next to each of them, to find the same page
    in another language. Under mkdocs-static-i18n they point at pages, not at language
    roots, so every page load made one failing request per language. The selector's own
    links already lead to the same page in each language.
    """
    head, end, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + end + body


def name_the_search_dialog(output: str) -> str:
    """Give Material's search dialog an accessible name: the label of its own search box."""
    label = re.search(r'class="md-search__input"[^>]*aria-label="([^"]*)"', output)
    dialog = '<div class="md-search" data-md-component="search" role="dialog"'
    return output.replace(dialog, f'{dialog} aria-label="{label.group(1)}"') if label else output


MATH = re.compile(r'<(span|div) class="arithmatex">(?:\\\(|\\\[)(.*?)(?:\\\)|\\\])</\1>', re.DOTALL)


def on_page_content(html_content, page, config, files):
    """Turn the formulas marked by pymdownx.arithmatex into MathML, which browsers draw natively."""

    def to_mathml(match):
        display = "block" if match.group(1) == "div" else "inline"
        return mathml(html.unescape(match.group(2)).strip(), display)

    return MATH.sub(to_mathml, html_content)


@functools.cache
def mathml(latex: str, display: str) -> str:
    """Every formula appears in four languages: convert each once."""
    from latex2mathml.converter import convert

    return convert(latex, display=display)


def on_serve(server, config, builder):
    """Notice an edit within 0.1 s, not 0.5 s: poll the docs and mkdocs.yml more often.

    MkDocs polls for changes rather than waiting for the system to report them; at its
    default interval a fifth of the rebuild time after an edit went on noticing it.
    """
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


if __name__ == "__main__":
    # A worker started by on_startup: run the named snippets and store their results.
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    for snippet in sys.argv[1:]:
        run_snippet(snippet)
