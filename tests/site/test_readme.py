"""The README stays true: its two commands, and the benchmark table it shows."""

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_serve_and_the_test_command():
    assert "mkdocs serve" in README
    assert "bash .ci/run" in README
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet --disable-pip-version-check -r requirements.txt" in run
    assert run.rstrip().endswith('python -m pytest "$@"')


def test_readme_shows_the_latest_benchmark_table():
    block = re.search(r"<!-- benchmark -->\n(.*?)<!-- /benchmark -->", README, re.S).group(1)
    assert block == (ROOT / "docs" / "includes" / "benchmark.md").read_text(encoding="utf-8")
    assert "| Executions per snippet per build |" in block


def test_every_requirement_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), line
