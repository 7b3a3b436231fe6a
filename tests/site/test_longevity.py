"""Life after Material 9 and MkDocs 1.6: the site builds the same with ProperDocs, the
maintained fork of MkDocs 1.x, and the same without the optional speed-ups."""

import re
import sys
from pathlib import Path

from conftest import build

PROPERDOCS = [sys.executable, "-m", "properdocs"]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def differing_files(one: Path, other: Path, ignore=None) -> list[str]:
    """The files that are not the same in two sites (after removing `ignore` from each)."""
    names = sorted(path.relative_to(one) for path in one.rglob("*") if path.is_file())
    assert names == sorted(path.relative_to(other) for path in other.rglob("*") if path.is_file())

    def content(path: Path) -> bytes:
        data = path.read_bytes()
        return ignore.sub(b"", data) if ignore else data

    return [str(name) for name in names if content(one / name) != content(other / name)]


def test_properdocs_builds_the_same_site_but_for_the_generator_tag(warm_project, tmp_path):
    with_mkdocs = build(warm_project, tmp_path / "mkdocs")
    assert with_mkdocs.returncode == 0, with_mkdocs.stderr
    with_properdocs = build(warm_project, tmp_path / "properdocs", command=PROPERDOCS)
    assert with_properdocs.returncode == 0, with_properdocs.stderr
    page = (tmp_path / "properdocs" / "gradient" / "index.html").read_bytes()
    assert b'<meta name="generator" content="mkdocs-ProperDocs ' in page, "not built by ProperDocs"
    assert differing_files(tmp_path / "mkdocs", tmp_path / "properdocs", GENERATOR) == []


def test_the_speed_ups_change_nothing_in_the_site(warm_project, tmp_path):
    for run in ("fill", "recall"):  # the second build takes every page from the store
        fast = build(warm_project, tmp_path / run)
        assert fast.returncode == 0, fast.stderr
    plain = build(warm_project, tmp_path / "plain", GRADIENTS_SPEED="off")
    assert plain.returncode == 0, plain.stderr
    assert differing_files(tmp_path / "recall", tmp_path / "plain") == []
