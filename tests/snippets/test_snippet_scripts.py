"""Every snippet runs as a reader runs it: `python snippets/<file>.py`, in a subprocess."""

import ast
import re
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


# A section marker: pymdownx.snippets leaves these lines out of a file a page shows whole.
MARKER = re.compile(r"^[ \t]*# -+8<-+ \[(?P<end>start|end):(?P<name>[\w-]+)\][ \t]*$")


def marker_problems(source: str) -> list[str]:
    """What keeps a snippet's `core` section from being shown, and its copy without the marker
    lines from being the same program: unpaired markers, or markers that are not comments of
    their own line (in a string, or after code, removing the line would change the program)."""
    lines = source.splitlines(keepends=True)
    markers = [(n, m) for n, line in enumerate(lines) if (m := MARKER.match(line.rstrip("\n")))]
    kept = "".join(line for n, line in enumerate(lines) if n not in dict(markers))
    problems = []
    if [(m["end"], m["name"]) for _, m in markers] != [("start", "core"), ("end", "core")]:
        problems.append(f"markers {[m[0].strip() for _, m in markers]}, not one core section")
    if any("8<-" in line for n, line in enumerate(lines) if n not in dict(markers)):
        problems.append("a marker that is not a comment line of its own")
    if ast.dump(ast.parse(kept)) != ast.dump(ast.parse(source)):
        problems.append("the file without its marker lines is another program")
    return problems


@pytest.mark.parametrize("name", SNIPPETS)
def test_the_copy_without_marker_lines_is_the_same_program(name):
    """The page's copy button copies the file without its marker lines, the download link gives
    the file itself (which runs: test above); both must be the same program."""
    source = (ROOT / "snippets" / f"{name}.py").read_text(encoding="utf-8")
    assert marker_problems(source) == []


def test_the_marker_check_fails_on_a_marker_in_a_string_or_a_missing_end():
    source = (ROOT / "snippets" / "gradient.py").read_text(encoding="utf-8")
    in_docstring = source.replace('"""The gradient by', '"""\n# --8<-- [start:x]\nThe gradient by')
    assert "the file without its marker lines is another program" in marker_problems(in_docstring)
    no_end = source.replace("# --8<-- [end:core]\n", "")
    assert marker_problems(no_end) != []
    after_code = source.replace("# --8<-- [end:core]\n", "x = 1  # --8<-- [end:core]\n")
    assert marker_problems(after_code) != []
