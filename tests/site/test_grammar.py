"""The page grammar's "whole" block: a snippet's whole file, collapsed, after its core section."""

import grammar

CORE = '```python title="snippets/gradient.py"\n--8<-- "snippets/gradient.py:core"\n```\n\n'
WHOLE = (
    '??? note "The whole file"\n\n'
    '    ```python title="snippets/gradient.py"\n'
    '    --8<-- "snippets/gradient.py"\n'
    "    ```\n\n"
    '    [Download `gradient.py`](../snippets/gradient.py){ download="gradient.py" }\n'
)


def kinds(markdown):
    return [(block.kind, block.snippet, block.section) for block in grammar.blocks(markdown)]


def test_a_collapsed_whole_file_is_one_whole_block_after_the_core_section():
    markdown = f"Before.\n\n{CORE}{WHOLE}\nAfter.\n"
    assert kinds(markdown) == [
        ("prose", "", ""),
        ("code", "gradient", "core"),
        ("prose", "", ""),
        ("whole", "gradient", ""),
        ("prose", "", ""),
    ]
    whole = grammar.blocks(markdown)[3]
    assert whole.title == "The whole file" and "Download" in whole.text
    assert grammar.shown_snippets(markdown) == ["gradient"]
    assert grammar.shown_snippets(WHOLE) == ["gradient"]  # the whole file alone shows it too
    assert kinds(WHOLE.replace("    [Download", "    Some words.\n\n    [Download"))[0][0] == "prose"


def test_other_collapsed_blocks_are_prose_around_their_blocks():
    """An open block, a section, another file's link or prose inside: not a whole-file block."""
    for changed in (
        WHOLE.replace("??? note", "???+ note"),
        WHOLE.replace('gradient.py"\n    ```', 'gradient.py:core"\n    ```'),
        WHOLE.replace("../snippets/gradient.py)", "../snippets/gradient_descent.py)"),
        WHOLE + "    An answer in prose.\n",
        '??? success "Answer"\n\n    Because \\(x\\).\n',
    ):
        assert "whole" not in [kind for kind, _, _ in kinds(changed)], changed
