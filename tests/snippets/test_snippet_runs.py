"""The build's snippet runner: in-process rendering, warnings as failures, result keys."""

import warnings

import snippet_runs
import pytest
from conftest import SNIPPETS


@pytest.mark.parametrize("name", SNIPPETS)
def test_every_snippet_renders_in_process_without_a_warning(name):
    result = snippet_runs.execute(name)
    assert result.error == ""
    assert result.output.strip()
    assert result.svg.startswith("<?xml") and result.svg.rstrip().endswith("</svg>")
    assert (
        "<dc:date>" not in result.svg
    )  # no date: identical from one build to the next


def test_a_missing_glyph_fails_the_snippet_instead_of_drawing_boxes(
    tmp_path, monkeypatch
):
    (tmp_path / "cjk_label.py").write_text(
        "from matplotlib.figure import Figure\n"
        "def report():\n    print('ok')\n"
        "def draw():\n"
        "    fig = Figure()\n"
        "    fig.add_subplot().set_title('勾配')\n"
        "    return fig\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(snippet_runs, "SNIPPETS", tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore"
        )  # as in mkdocs, unlike under pytest's filterwarnings
        result = snippet_runs.execute("cjk_label")
    assert "Glyph" in result.error and "missing" in result.error


def test_the_cache_key_covers_the_snippet_and_what_it_imports(tmp_path, monkeypatch):
    for name, text in {
        "base.py": "VALUE = 1\n",
        "user.py": "from base import VALUE\n",
        "other.py": "X = 2\n",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(snippet_runs, "SNIPPETS", tmp_path)
    assert snippet_runs.local_imports("user") == ["base", "user"]
    snippet_runs.result_key.cache_clear()
    before = {name: snippet_runs.result_key(name) for name in ("user", "other")}
    (tmp_path / "base.py").write_text("VALUE = 2\n", encoding="utf-8")
    assert snippet_runs.result_key("user") == before["user"]  # kept for the rest of a build
    snippet_runs.result_key.cache_clear()  # as every build starts (start_workers)
    assert snippet_runs.result_key("user") != before["user"]
    assert snippet_runs.result_key("other") == before["other"]
    snippet_runs.result_key.cache_clear()  # no key of these files for later tests


def test_the_cache_key_leaves_out_comments_but_not_code_or_strings(tmp_path, monkeypatch):
    source = 'def report():\n    """Print it."""\n    print(f"{1 + 1 = }")\n'
    edits = {
        "a comment and blank lines": ("# new comment\n\n" + source, True),
        "a trailing comment": (source.replace(")\n", ")  # why\n"), True),
        "the code": (source.replace("1 + 1", "1 + 2"), False),
        "a docstring": (source.replace("Print it.", "Print that."), False),
        "the text of a debug f-string": (source.replace("1 + 1 =", "1+1 ="), False),
    }
    monkeypatch.setattr(snippet_runs, "SNIPPETS", tmp_path)
    snippet = tmp_path / "edited.py"
    for edit, (text, same) in edits.items():
        snippet_runs.result_key.cache_clear()
        snippet.write_text(source, encoding="utf-8")
        before = snippet_runs.result_key("edited")
        snippet_runs.result_key.cache_clear()
        snippet.write_text(text, encoding="utf-8")
        assert (snippet_runs.result_key("edited") == before) is same, edit
    snippet_runs.result_key.cache_clear()
