"""The caches never hide a change: an edited snippet changes its figure and its chapter's
notebook in the next build and in `mkdocs serve`, and so does an edit to a snippet it imports."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import build, importers




EDIT = ('ax.plot(t, function_1(t), color="black"', 'ax.plot(t, function_1(t), color="red"')


def edit_numerical_diff(project):
    snippet = project / "snippets" / "numerical_diff.py"
    text = snippet.read_text(encoding="utf-8")
    assert EDIT[0] in text
    snippet.write_text(text.replace(*EDIT), encoding="utf-8")


def test_editing_a_snippet_changes_its_figure_in_the_next_build(warm_project, tmp_path):
    project = warm_project
    first = build(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    again = build(project, tmp_path / "again")
    assert "ran snippets/" not in again.stderr, "unchanged snippets come from the cache"
    # Pages, search entries and notebook pages from the caches: the very same site.
    assert same_files(tmp_path / "first", tmp_path / "again")

    simple_net = project / "snippets" / "simple_net.py"
    edited_text = simple_net.read_text().replace('"RdBu_r"', '"PuOr"')
    edited_text = edited_text.replace('print(f"argmax = ', 'print(f"arg max = ')
    simple_net.write_text(edited_text, encoding="utf-8")
    edited_site = tmp_path / "edited"
    edited = build(project, edited_site)
    assert edited.returncode == 0, edited.stderr
    assert ran(edited) == importers("simple_net"), "only it and the snippets importing it run"
    assert ran(edited) == ["simple_net"]
    # The notebooks mkdocs-jupyter reads hold stand-ins for code and outputs: none is
    # converted again (notebook_stand_ins.py), and yet the notebook page shows the edit.
    assert "Converting notebook" not in edited.stderr
    figure = "figures/simple_net.svg"
    assert (tmp_path / "edited" / figure).read_bytes() != (tmp_path / "first" / figure).read_bytes()
    notebook_page = (
        edited_site / "notebooks" / "neural-network-gradient" / "index.html"
    ).read_text(encoding="utf-8")
    chapter_page = (edited_site / "neural-network-gradient" / "index.html").read_text(
        encoding="utf-8"
    )
    # The notebook page shows the edited code, not the notebook committed before the edit,
    assert "PuOr" in notebook_page
    # and both pages, and the search index, show what the edited code prints.
    index = (edited_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for text in (notebook_page, chapter_page, index):
        assert re.search(r"arg max = \d", text) and not re.search(r"argmax = \d", text)

    # Editing numerical_diff runs again exactly the snippets that import it, directly or not:
    # not those of the loss functions chapter, which comes before it, nor the digits.
    assert "simple_net" in importers("numerical_diff")
    assert "loss_functions" not in importers("numerical_diff")
    edit_numerical_diff(project)
    edited = build(project, tmp_path / "edited-import")
    assert edited.returncode == 0, edited.stderr
    assert ran(edited) == importers("numerical_diff")
    figure = "figures/numerical_diff.svg"
    assert "#ff0000" in (tmp_path / "edited-import" / figure).read_text(encoding="utf-8")


def test_a_comment_edited_in_a_snippet_shows_on_its_pages_and_runs_nothing(warm_project, tmp_path):
    snippet = warm_project / "snippets" / "gradient.py"
    comment = "# A comment added after the cache was filled."
    snippet.write_text(f"{comment}\n{snippet.read_text(encoding='utf-8')}", encoding="utf-8")
    edited = build(warm_project, tmp_path / "site")
    assert edited.returncode == 0, edited.stderr
    assert ran(edited) == [], "a comment changes no snippet's output: nothing runs again"
    for page in ("gradient", "notebooks/gradient", "ja/gradient", "ja/notebooks/gradient"):
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        assert "A comment added after the cache was filled." in html, page


def ran(build_result) -> list[str]:
    """The snippets a build ran, by name."""
    return sorted(re.findall(r"ran snippets/(\w+)\.py ", build_result.stderr))



def same_files(one, other) -> bool:
    files = sorted(path.relative_to(one) for path in one.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(other) for path in other.rglob("*") if path.is_file())
    differ = [
        str(path) for path in files if (one / path).read_bytes() != (other / path).read_bytes()
    ]
    assert not differ, f"differ: {differ}"
    return True


def test_a_page_from_the_cache_still_warns_and_shows_what_it_includes_anew(warm_project, tmp_path):
    project = warm_project
    page = project / "docs" / "en" / "gradient.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nSee [nowhere](no-such-page.md).\n", encoding="utf-8")
    for run in ("first", "cached"):
        result = build(project, tmp_path / run)
        assert result.returncode != 0, f"{run}: the broken link must fail the strict build"
        warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
        assert any("no-such-page.md" in line for line in warnings), (run, result.stderr[-2000:])

    page.write_text(text, encoding="utf-8")
    included = project / "docs" / "includes" / "benchmark.md"
    included.write_text(included.read_text(encoding="utf-8") + "\nEdited after the cache.\n")
    result = build(project, tmp_path / "edited")
    assert result.returncode == 0, result.stderr
    for prefix in ("", "ja/", "ko/", "zh/"):
        built = tmp_path / "edited" / prefix / "how-this-site-is-built" / "index.html"
        assert "Edited after the cache." in built.read_text(encoding="utf-8"), prefix


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_when(url: str, condition, timeout: float = 120) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read()
            if condition(body):
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def test_editing_a_snippet_changes_its_figure_in_mkdocs_serve(warm_project, tmp_path):
    project = warm_project
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        # A snippet no other imports, so that the rebuild runs one snippet.
        url = f"http://127.0.0.1:{port}/gradients/figures/difference_error.svg"
        before = fetch_when(url, lambda body: b"</svg>" in body)
        assert b"#ff0000" not in before
        snippet = project / "snippets" / "difference_error.py"
        text = snippet.read_text(encoding="utf-8")
        assert 'color="gray"' in text
        for colour, hex_code in (("red", b"#ff0000"), ("blue", b"#0000ff")):
            snippet.write_text(text.replace('color="gray"', f'color="{colour}"'), encoding="utf-8")
            fetch_when(url, lambda body, hex_code=hex_code: hex_code in body)
        # Both rebuilds ran it in the one worker that stays (snippet_workers.py).
        assert log.read_text().count("ran snippets/difference_error.py ") == 2
        started = re.findall(r"started a snippet worker that stays, process (\d+)", log.read_text())
        assert len(started) == 1, log.read_text()[-3000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
    # With the server gone, its worker ends too: its input has closed.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and Path(f"/proc/{started[0]}").exists():
        time.sleep(0.2)
    assert not Path(f"/proc/{started[0]}").exists(), "the staying worker outlived the server"


def test_a_page_shows_an_edit_to_a_section_it_includes(warm_project, tmp_path):
    """A section (`file:name`) or a block of includes counts as including the whole file."""
    project = warm_project
    part = project / "docs" / "includes" / "part.md"
    part.write_text(
        "<!-- --8<-- [start:shown] -->\nThe first words.\n<!-- --8<-- [end:shown] -->\n"
        "Never shown.\n",
        encoding="utf-8",
    )
    page = project / "docs" / "en" / "gradient.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n--8<-- "docs/includes/part.md:shown"\n\n--8<--\ndocs/includes/other.md\n--8<--\n',
        encoding="utf-8",
    )
    other = project / "docs" / "includes" / "other.md"
    other.write_text("Another include.\n", encoding="utf-8")
    for run in ("first", "again"):  # the second from the store
        result = build(project, tmp_path / run)
        assert result.returncode == 0, result.stderr
        html = (tmp_path / run / "gradient" / "index.html").read_text(encoding="utf-8")
        assert "The first words." in html and "Another include." in html
        assert "Never shown." not in html
    # One edit at a time: each must reach the page on its own.
    edits = {
        "section": (part, "The first words.", "The edited words."),
        "block": (other, "Another include.", "Another edit."),
    }
    for run, (file, old, new) in edits.items():
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        result = build(project, tmp_path / run)
        assert result.returncode == 0, result.stderr
        html = (tmp_path / run / "gradient" / "index.html").read_text(encoding="utf-8")
        assert new in html, f"an edit to {file.name} did not reach the page"
