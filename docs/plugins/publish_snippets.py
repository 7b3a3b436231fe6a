"""Hook: publish every snippet's figure and file; fail the build for a page whose snippet failed.

Each snippet runs once per build (snippet_runs.py, on other cores: snippet_workers.py); this
hook runs in every language's build and publishes the same results each time:
figures/<name>.svg, its twin for the dark palette figures-dark/<name>.svg, and
snippets/<name>.py.
"""

from __future__ import annotations

import logging

import grammar
import snippet_runs
import snippet_workers
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from settings import SNIPPETS
from store import read_bytes

log = logging.getLogger("mkdocs.plugins.gradients")


def on_startup(command, dirty):
    """Run the snippets whose results are missing on other cores while MkDocs sets up: from
    here, before the plugins are configured, rather than from on_pre_build. Under
    `mkdocs serve`, the workers stay for the rebuilds."""
    snippet_workers.start_workers(stay=command == "serve")


def on_pre_build(config):
    """The same at the start of every build, for `mkdocs serve`'s rebuilds: every language's
    build starts here; after the first, nothing is missing."""
    snippet_workers.start_workers()


@event_priority(-200)  # after mkdocs-static-i18n has rebuilt the file list for this language
def on_files(files, config):
    """Publish every snippet's figure at figures/<name>.svg and its source at snippets/<name>.py."""
    snippet_workers.wait_for_workers()
    for name in snippet_runs.snippet_names():
        result = snippet_runs.result_of(name)
        if result.svg:
            files.append(File.generated(config, f"figures/{name}.svg", content=result.svg))
            dark = f"figures-dark/{name}.svg"  # shown in the dark palette (figure_palettes.py)
            files.append(File.generated(config, dark, content=result.svg_dark))
        source = read_bytes(SNIPPETS / f"{name}.py")
        files.append(File.generated(config, f"snippets/{name}.py", content=source))
    return files


def on_page_markdown(markdown, page, config, files):
    """Fail the build for a page that names a missing snippet or one that failed."""
    if not page.file.src_uri.endswith(".md"):
        return markdown
    for name in sorted(grammar.referenced_snippets(markdown)):
        if not (SNIPPETS / f"{name}.py").is_file():
            log.error(
                f"docs/{page.file.src_uri}: refers to snippets/{name}.py, which does not exist"
            )
        elif error := snippet_runs.result_of(name).error:
            log.error(f"docs/{page.file.src_uri}: snippet snippets/{name}.py failed: {error}")
    return markdown
