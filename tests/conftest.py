"""Shared fixtures: the repository's paths and a site built once per test session."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = sorted(path.stem for path in (ROOT / "snippets").glob("*.py"))
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_project(destination: Path) -> Path:
    """A copy of what the build reads, without .cache/, so that every snippet really runs."""
    for name in ("mkdocs.yml", "hooks.py"):
        shutil.copy2(ROOT / name, destination / name)
    for folder in ("docs", "snippets"):
        shutil.copytree(
            ROOT / folder,
            destination / folder,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    return destination


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder into `site`, with its log captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built from a fresh copy of the repository: (site folder, build log)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = tmp_path_factory.mktemp("site")
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site, result.stderr
