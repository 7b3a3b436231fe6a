"""Shared fixtures: the repository's paths and a site built once per test session.

Tests are grouped by subject in the folders beside this file. Two markers set apart the slow
ones: `browser` (Chromium) and `kernel` (Jupyter kernels); `pytest -m "not browser and not
kernel"` is the authors' fast loop.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import settings
from hypothesis import settings as hypothesis_settings

# Property tests check values, not speed: Hypothesis's default 200 ms deadline per example
# failed them on a loaded machine. Speed is the benchmark's job.
hypothesis_settings.register_profile("values-not-speed", deadline=None)
hypothesis_settings.load_profile("values-not-speed")

ROOT = settings.ROOT
SNIPPETS = sorted(path.stem for path in (ROOT / "snippets").glob("*.py"))
LANGUAGES = list(settings.languages())  # the default one first
SITE_PATH = urlsplit(settings.site_url()).path


def importers(name: str) -> list[str]:
    """Snippet `name` and the snippets that import it, directly or not: those whose result
    depends on it."""
    import snippet_runs

    return [snippet for snippet in SNIPPETS if name in snippet_runs.local_imports(snippet)]


def page_address(language: str, page: str) -> str:
    """Where a page of the docs is published, relative to the site: e.g. 'ja/gradient/'."""
    prefix = "" if language == LANGUAGES[0] else f"{language}/"
    return prefix if page == "index" else f"{prefix}{page}/"


MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_project(destination: Path, cache_from: Path | None = None) -> Path:
    """A copy of what the build reads. Without `cache_from`, no .cache/, so that every snippet
    really runs; with it, that project's .cache/, which is keyed by content and so safe to
    share: whatever a test edits is made afresh."""
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    folders = {"docs": ROOT / "docs", "snippets": ROOT / "snippets"}
    if cache_from is not None:
        folders[".cache"] = cache_from / ".cache"
    for name, folder in folders.items():
        shutil.copytree(folder, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def build(project: Path, site: Path, command=MKDOCS, **env) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder into `site`, with its log captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        [*command, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def built_project(tmp_path_factory):
    """A fresh copy of the repository, built once: (project, site folder, build log)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = tmp_path_factory.mktemp("site")
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, result.stderr


@pytest.fixture(scope="session")
def built_site(built_project):
    """The site built from a fresh copy of the repository: (site folder, build log)."""
    _, site, log = built_project
    return site, log


@pytest.fixture
def warm_project(built_project, tmp_path):
    """A fresh copy of the repository with the caches of the session's build."""
    project = tmp_path / "project"
    project.mkdir()
    return copy_project(project, cache_from=built_project[0])


def snippet_results(project: Path, expression: str) -> tuple[object, str]:
    """`expression`, over each snippet's `name`, evaluated by `snippet_runs` in a fresh process in
    `project`: a dict from name to value, and what the process logged."""
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, snippet_runs\n"
            f"print(json.dumps({{name: {expression} for name in snippet_runs.snippet_names()}}))",
        ],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "docs" / "plugins")},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout), run.stderr


@pytest.fixture(scope="session")
def stored_outputs(built_project):
    """What the session's build stored as each snippet's output, read back without running any."""
    project, _, _ = built_project
    outputs, log = snippet_results(project, "snippet_runs.result_of(name).output")
    assert "ran snippets/" not in log, "the build's results must come from the store"
    return outputs


@pytest.fixture(scope="session")
def site_url(built_site, tmp_path_factory):
    """The built site served over HTTP from a sub-path, as GitHub Pages serves a project."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    site, _ = built_site
    root = tmp_path_factory.mktemp("served")
    (root / SITE_PATH.strip("/")).symlink_to(site, target_is_directory=True)

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=root)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright: Debian's build where CHROMIUM names it, else Playwright's."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM") or None
    # The closed network here refuses Chromium's own background connections: turn them off.
    flags = [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-gpu",
        "--no-sandbox",
    ]
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=flags)
        yield chromium
        chromium.close()
