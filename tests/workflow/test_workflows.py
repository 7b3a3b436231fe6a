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


DEPENDABOT = ROOT / ".github" / "dependabot.yml"


def test_dependabot_matches_the_schema():
    run("check-jsonschema", "--builtin-schema", "vendor.dependabot", DEPENDABOT)


def test_dependabot_updates_the_requirements_and_the_actions():
    import yaml

    updates = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))["updates"]
    ecosystems = {update["package-ecosystem"]: update["directory"] for update in updates}
    assert ecosystems == {"pip": "/", "github-actions": "/"}
    assert (ROOT / "requirements.txt").is_file()


def build_step() -> tuple[list, dict]:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    steps = workflow["jobs"]["test-and-build"]["steps"]
    return steps, next(step for step in steps if step.get("name") == "Build")


def test_the_build_is_given_this_repositorys_pages_address_and_name():
    """What makes a fork's site link to the fork: mkdocs.yml reads these two variables."""
    steps, build = build_step()
    pages = next(step for step in steps if step.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@")
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["GRADIENTS_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert build["env"]["GRADIENTS_REPOSITORY"] == "${{ github.repository }}"
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("GRADIENTS_SITE_URL", "GRADIENTS_REPOSITORY"):
        assert f"!ENV [{name}, " in mkdocs_yml, name
