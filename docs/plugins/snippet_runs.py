"""Snippet runs: each snippet runs once per build, and its result is kept in the store.

A result is what a snippet gives the site: what its report() printed, the SVG of the figure its
draw() returned, or why it failed. Pages print the output with an exec block:

    from snippet_runs import report_of
    print(report_of("gradient"), end="")

The site is built once per language (mkdocs-static-i18n) and every page asks again, so results
are kept under a hash of the snippet's code, of that of every snippet it imports, of the
Python, NumPy, Matplotlib and scikit-learn versions and of this file: nothing else makes a
snippet run again. A snippet's code is its syntax tree, without comments or layout, so an
edit of a comment alone runs nothing again.

    python docs/plugins/snippet_runs.py NAME …   run snippets and store their results

The build runs the missing ones on other cores first (snippet_workers.py).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import io
import logging
import os
import sys
import time
import traceback
import warnings
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

import dark_style
from settings import SNIPPETS
from store import Store, read_bytes

log = logging.getLogger("mkdocs.plugins.gradients")
results = Store("snippets", __file__, dark_style.__file__)  # the dark figures too

# GRADIENTS_SNIPPETS=off builds the site without running any snippet: pages and notebooks show
# a placeholder instead of their outputs. It is the benchmark's floor.
EXECUTION_OFF = os.environ.get("GRADIENTS_SNIPPETS") == "off"


@dataclass(frozen=True)
class SnippetResult:
    """What a snippet gives the site: its printed numbers, its figure, or why it failed."""

    output: str = ""
    svg: str = ""
    svg_dark: str = ""  # the same figure drawn again for the dark palette
    error: str = ""


PLACEHOLDER = SnippetResult(
    output="(not run: GRADIENTS_SNIPPETS=off)\n",
    svg='<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"/>',
    svg_dark='<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"/>',
)


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


def snippet_imports(name: str) -> list[str]:
    """The other snippets that snippet `name` imports directly."""
    imported = imported_names(read_bytes(SNIPPETS / f"{name}.py"))
    return sorted(module for module in imported if (SNIPPETS / f"{module}.py").is_file())


def local_imports(name: str) -> list[str]:
    """The snippets that snippet `name` imports, directly or not, itself included."""
    seen: set[str] = set()
    pending = {name}
    while pending:
        current = pending.pop()
        seen.add(current)
        pending |= set(snippet_imports(current)) - seen
    return sorted(seen)


@functools.cache
def versions(*libraries: str) -> str:
    return " ".join(version(library) for library in libraries)


@functools.cache
def result_key(name: str) -> str:
    """A hash of everything a snippet's result depends on: its code and that of the snippets
    it imports (code_of), and the versions of Python and of the libraries whose numbers and
    data it uses (scikit-learn ships the digits of the training chapter).

    Versions are read from package metadata: importing matplotlib would cost half a second.
    Kept for the length of a build (each build starts by forgetting them, in start_workers):
    every page asks, in every language.
    """
    parts = [sys.version, versions("numpy", "matplotlib", "scikit-learn")]
    for module in local_imports(name):
        parts += [module, code_of(read_bytes(SNIPPETS / f"{module}.py"))]
    return results.key(parts)


@functools.cache
def code_of(source: bytes) -> bytes:
    """What a snippet's result can depend on in its source: its syntax tree, which leaves out
    comments, blank lines and line numbers (docstrings and every string stay in).

    A comment cannot change what report() prints or draw() draws: no snippet reads its own
    source or prints a line number, and a warning, whose message names a line, fails the run,
    and a failure is never stored.
    Source that does not parse is taken as it is; its run fails with the SyntaxError.
    """
    try:
        return ast.dump(ast.parse(source)).encode()
    except SyntaxError:
        return source


def render_svg(figure, name: str) -> str:
    """SVG that is identical from one build to the next: no date, ids salted by the name."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": name, "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def short_traceback(error: BaseException) -> str:
    """The failing lines inside snippets/, with paths relative to the repository."""
    lines = [
        f"snippets/{Path(frame.filename).name}, line {frame.lineno}, in {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).parent == SNIPPETS
    ]
    return "; ".join([*lines, f"{type(error).__name__}: {error}"])


@contextlib.contextmanager
def fresh_snippets():
    """Snippets importable by name, each imported afresh meanwhile, and every warning an error.

    Afresh, so that an edited snippet is not reused from sys.modules. A warning fails a
    snippet: matplotlib's "Glyph ... missing" is only a warning, and would otherwise publish a
    figure with empty boxes for the missing characters.
    """
    for module in snippet_names():
        sys.modules.pop(module, None)
    sys.path.insert(0, str(SNIPPETS))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            yield
    finally:
        sys.path.remove(str(SNIPPETS))


def execute(name: str) -> SnippetResult:
    """Import snippet `name` afresh, capture what report() prints and render draw()."""
    import matplotlib

    matplotlib.use("Agg")
    started = time.perf_counter()
    printed = io.StringIO()
    try:
        with fresh_snippets():
            module = importlib.import_module(name)
            with contextlib.redirect_stdout(printed):
                module.report()
            svg = render_svg(module.draw(), name)
            # draw() again, in the same run: a figure takes its colours when it is drawn.
            svg_dark = render_svg(dark_style.drawn_dark(module.draw), name)
        result = SnippetResult(output=printed.getvalue(), svg=svg, svg_dark=svg_dark)
    except Exception as error:  # reported with the page that shows the snippet
        result = SnippetResult(error=short_traceback(error))
    # The tests and the benchmark count these lines: one per snippet per build.
    log.info(f"ran snippets/{name}.py in {time.perf_counter() - started:.2f} s")
    return result


def result_of(name: str) -> SnippetResult:
    """The result of snippet `name`: from the store, or by running it."""
    if EXECUTION_OFF:
        return PLACEHOLDER
    key = result_key(name)
    stored = results.get(key)
    if stored is not None:
        return SnippetResult(**stored)
    result = execute(name)
    if result.error:
        results.memory[key] = asdict(result)  # this build only: a failure runs again next time
    else:
        results.put(key, asdict(result))
    return result


def report_of(name: str) -> str:
    """What the exec blocks print: the snippet's numbers, or a one-line note of its failure."""
    result = result_of(name)
    return result.output if not result.error else f"{name} failed: {result.error}\n"


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    for snippet in sys.argv[1:]:
        result_of(snippet)
