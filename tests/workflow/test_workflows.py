"""The GitHub workflows: valid against the published schema, and clean under zizmor's audit."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_is_a_workflow():
    assert WORKFLOWS


def run(tool: str, *arguments) -> str:
    """Run a tool installed beside this Python; fail with its output unless it succeeds."""
    result = subprocess.run([BIN / tool, *arguments], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_the_schema(workflow):
    run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflow)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_zizmor_finds_nothing_even_when_pedantic(workflow):
    output = run("zizmor", "--offline", "--persona", "pedantic", "--no-progress", workflow)
    assert "No findings to report" in output


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version(workflow):
    for line in workflow.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            reference = line.split("uses:")[1].strip()
            assert (
                reference.split("@")[1][:40].isalnum()
                and len(reference.split("@")[1].split()[0]) == 40
            ), line
            assert "# v" in reference, line
