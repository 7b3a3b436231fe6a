"""The READMEs stay true: the two commands, the benchmark table, and the build's module list."""

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


def test_the_build_readme_lists_every_module_of_the_build_and_each_is_small():
    """One small module per job (at most 300 lines), each with its row in the build's README."""
    readme = (ROOT / "docs" / "plugins" / "README.md").read_text(encoding="utf-8")
    for module in sorted((ROOT / "docs" / "plugins").glob("*.py")):
        assert f"\n| `{module.name}` |" in readme, f"{module.name} has no row in the README"
        lines = len(module.read_text(encoding="utf-8").splitlines())
        assert lines <= 300, f"{module.name}: {lines} lines"
