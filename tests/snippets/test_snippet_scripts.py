"""Every snippet runs as a reader runs it: `python snippets/<file>.py`, in a subprocess."""

import subprocess
import sys

import pytest
from conftest import ROOT, SNIPPETS


@pytest.mark.parametrize("name", SNIPPETS)
def test_snippet_runs_as_a_script_and_writes_its_figure(name, tmp_path, stored_outputs):
    """And prints what the page prints: the build's workers run with one BLAS thread, a
    reader's Python with all the cores, and the numbers must not differ."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "snippets" / f"{name}.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    figure = tmp_path / f"{name}.svg"
    assert figure.is_file()
    assert figure.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert result.stdout.rstrip().endswith(f"saved {name}.svg")
    assert len(result.stdout.splitlines()) >= 2, (
        "a snippet prints its numbers before saving its figure"
    )
    assert result.stdout.removesuffix(f"saved {name}.svg\n") == stored_outputs[name]


@pytest.mark.parametrize("name", SNIPPETS)
def test_importing_a_snippet_does_no_work(name):
    result = subprocess.run(
        [sys.executable, "-c", f"import {name}"],
        cwd=ROOT / "snippets",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert not (ROOT / "snippets" / f"{name}.svg").exists()


@pytest.mark.parametrize("name", SNIPPETS)
def test_snippet_lines_fit_the_page_without_scrolling(name):
    lines = (ROOT / "snippets" / f"{name}.py").read_text(encoding="utf-8").splitlines()
    too_long = [number for number, line in enumerate(lines, 1) if len(line) > 79]
    assert not too_long, (
        f"snippets/{name}.py lines {too_long} are longer than 79 characters"
    )
