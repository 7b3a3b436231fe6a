"""The grammar of a page: one parser for the build, the notebooks, the translation checker
and the tests.

A chapter page is Markdown with a few kinds of block that stand for a snippet:

    ```python title="snippets/gradient.py"          the code: a named section of the file
    --8<-- "snippets/gradient.py:core"               (pymdownx.snippets), or the whole file
    ```

    ```python exec="on" result="text" id="gradient"  what its report() printed in this build
    from snippet_runs import report_of
    print(report_of("gradient"), end="")
    ```

    <figure markdown="span">                          the figure its draw() returned
      ![alt text](../figures/gradient.svg)
      <figcaption>caption</figcaption>
    </figure>

    ??? note "The whole file"                         the whole file, collapsed, with its
                                                      download link: a "whole" block
        ```python title="snippets/gradient.py"
        --8<-- "snippets/gradient.py"
        ```

        [Download `gradient.py`](../snippets/gradient.py){ download="gradient.py" }

Any of them may be indented (inside an admonition or a collapsed block). Between them is prose,
with headings that carry their anchors ({ #anchor }), formulas (\\( … \\) inline, $$ … $$ on
lines of their own) and links.
"""

from __future__ import annotations

import functools
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
FENCE = re.compile(r"^([ \t]*)(`{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.S | re.M)
HEADING = re.compile(r"^(#+) (.*?)\s*\{ *#([\w-]+) *\}$", re.M)
DISPLAY_FORMULA = re.compile(r"^\$\$\n.*?\n\$\$$", re.S | re.M)
INLINE_FORMULA = re.compile(r"\\\((.+?)\\\)", re.S)
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
PAGE_LINK = re.compile(r"\]\(([\w-]+)\.md(#[\w-]+)?\)")
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")

# pymdownx.snippets: `--8<-- "path"` on a line of its own, or a block of paths between two
# `--8<--` lines. A path may end in :section or in line ranges such as :1:5.
INCLUDE_LINE = re.compile(r'^[ \t]*-+8<-+[ \t]+"([^"\n]+)"[ \t]*$', re.M)
INCLUDE_BLOCK = re.compile(r"^[ \t]*-+8<-+[ \t]*\n(.*?)^[ \t]*-+8<-+[ \t]*$", re.S | re.M)
INCLUDE_TARGET = re.compile(
    r"^(?P<path>.*?)(?::(?P<section>[a-z][-\w]*)|(?::-?\d*){1,2}(?:,.*)?)?$", re.I
)

SNIPPET_CODE = re.compile(
    r'^(?P<indent>[ \t]*)```python title="snippets/(?P<name>\w+)\.py"\n'
    r'(?P=indent)--8<-- "snippets/(?P=name)\.py(?::(?P<section>[a-z][-\w]*))?"\n'
    r"(?P=indent)```[ \t]*$",
    re.M,
)
EXEC = re.compile(
    r'^(?P<indent>[ \t]*)(?P<ticks>`{3,})[^\n]*\bexec="on"[^\n]*\n'
    r"(?P<code>.*?)^(?P=indent)(?P=ticks)[ \t]*$",
    re.M | re.S,
)
REPORT_CODE = 'from snippet_runs import report_of\nprint(report_of("{name}"), end="")\n'
REPORTED = re.compile(r'\breport_of\("(\w+)"\)')
FIGURE = re.compile(
    r"^[ \t]*<figure[^>]*>\s*!\[(?P<alt>[^\]]*)\]\(\.\./figures/(?P<name>\w+)\.svg\)\s*"
    r"<figcaption>(?P<caption>.*?)</figcaption>\s*</figure>[ \t]*$",
    re.M | re.S,
)
DOWNLOAD = re.compile(
    r"^[ \t]*\[[^\n]*\]\(\.\./snippets/(?P<name>\w+)\.py\)\{ download=[^}]*\}[ \t]*$", re.M
)
# A block of pymdownx.details: ??? kind "title" (???+ for one shown open), then its lines,
# indented by four spaces, blank lines between them included.
COLLAPSED = re.compile(
    r'^\?\?\?(?P<open>\+?) (?P<kind>\w+)(?: "(?P<title>[^"]*)")?\n'
    r"(?P<body>(?:(?: {4}[^\n]*)?\n)*(?: {4}[^\n]*$)?)",
    re.M,
)
FIGURE_LINK = re.compile(r"\]\((\.\./figures/[\w.]+)\)")
SNIPPET_FILE_LINK = re.compile(r"\.\./snippets/(\w+)\.py\b")


@dataclass(frozen=True)
class Block:
    """A piece of a page: prose, or one of the blocks that stand for a snippet."""

    kind: str  # "prose", "code", "report", "figure", "download" or "whole"
    text: str
    snippet: str = ""
    section: str = ""  # "code": the named section shown, "" for the whole file
    alt: str = ""  # "figure": its alt text and caption
    caption: str = ""
    title: str = ""  # "whole": the title of its collapsed block


BLOCK_KINDS = {"code": SNIPPET_CODE, "report": EXEC, "figure": FIGURE, "download": DOWNLOAD}


def body(markdown: str) -> str:
    """A page without its front matter."""
    return FRONT_MATTER.sub("", markdown)


def front_matter_lines(markdown: str) -> list[str]:
    meta = FRONT_MATTER.match(markdown)
    return meta.group(1).splitlines() if meta else []


def whole_file(collapsed: re.Match) -> Block | None:
    """A collapsed block that holds a snippet's whole file and nothing else but its download
    link, as a "whole" block; None for any other collapsed block."""
    inner = [
        block for block in blocks(textwrap.dedent(collapsed["body"]))
        if block.kind != "prose" or block.text.strip()
    ]
    if collapsed["open"] or not inner or inner[0].kind != "code" or inner[0].section:
        return None
    name = inner[0].snippet
    if [(block.kind, block.snippet) for block in inner[1:]] not in ([], [("download", name)]):
        return None
    return Block("whole", collapsed[0], name, title=collapsed["title"] or "")


def block_of(kind: str, match: re.Match) -> Block:
    if kind == "whole":
        return whole_file(match)
    if kind == "report":
        names = REPORTED.findall(match["code"])
        return Block(kind, match[0], snippet=names[0] if len(names) == 1 else "")
    if kind == "figure":
        return Block(kind, match[0], match["name"], alt=match["alt"], caption=match["caption"])
    if kind == "code":
        return Block(kind, match[0], match["name"], section=match["section"] or "")
    return Block(kind, match[0], match["name"])


@functools.lru_cache(maxsize=512)
def blocks(markdown: str) -> tuple[Block, ...]:
    """A page's body, in order: prose, and the blocks that stand for snippets.

    Remembered per text: the build asks again for every page of every language.
    """
    text = body(markdown)
    matches = [
        (match.start(), match.end(), kind, match)
        for kind, pattern in BLOCK_KINDS.items()
        for match in pattern.finditer(text)
    ]
    matches += [
        (match.start(), match.end(), "whole", match)
        for match in COLLAPSED.finditer(text)
        if whole_file(match)
    ]
    matches.sort(key=lambda found: found[:2])  # by position
    found, position = [], 0
    for start, end, kind, match in matches:
        if start < position:
            continue  # inside a block already found
        if start > position:
            found.append(Block("prose", text[position:start]))
        found.append(block_of(kind, match))
        position = end
    if position < len(text):
        found.append(Block("prose", text[position:]))
    return tuple(found)


def shown_snippets(markdown: str) -> list[str]:
    """The snippets whose code a page shows (whole or by sections), in order, each once."""
    shown = (b.snippet for b in blocks(markdown) if b.kind in ("code", "whole"))
    return list(dict.fromkeys(shown))


def reported_snippets(markdown: str) -> list[str]:
    """The snippets whose report() output a page prints, each once."""
    return sorted(set(REPORTED.findall(markdown)))


def figures(markdown: str) -> list[Block]:
    return [block for block in blocks(markdown) if block.kind == "figure"]


def referenced_snippets(markdown: str) -> set[str]:
    """Every snippet a page names: by its output, its figure or its file."""
    names = set(REPORTED.findall(markdown))
    names |= {match["name"] for match in FIGURE.finditer(markdown)}
    names |= set(SNIPPET_FILE_LINK.findall(markdown))
    names |= {match["name"] for match in SNIPPET_CODE.finditer(markdown)}
    return names


def exec_blocks(markdown: str) -> list[str]:
    """The code of every markdown-exec block on a page, dedented."""
    return [textwrap.dedent(match["code"]) for match in EXEC.finditer(markdown)]


def only_reports(markdown: str) -> bool:
    """Whether every exec block on a page does nothing but print a snippet's report."""
    for code in exec_blocks(markdown):
        names = REPORTED.findall(code)
        if len(names) != 1 or code != REPORT_CODE.format(name=names[0]):
            return False
    return True


def include_targets(text: str) -> list[tuple[str, str]]:
    """Every pymdownx.snippets include in a text, as (path, section); section "" for none."""
    paths = INCLUDE_LINE.findall(text)
    for block in INCLUDE_BLOCK.findall(text):
        paths += [line.strip() for line in block.splitlines() if line.strip()]
    targets = []
    for path in paths:
        match = INCLUDE_TARGET.match(path)
        targets.append((match["path"], match["section"] or ""))
    return targets


def included_files(markdown: str, base: Path) -> list[Path]:
    """The files pymdownx.snippets puts into a page (paths from `base`), nested ones too."""
    found: list[Path] = []
    pending = [path for path, _ in include_targets(markdown)]
    while pending:
        path = base / pending.pop(0)
        if path.is_file() and path not in found:
            found.append(path)
            text = path.read_text(encoding="utf-8", errors="replace")
            pending += [nested for nested, _ in include_targets(text)]
    return found


def heading_anchors(markdown: str) -> list[tuple[str, str]]:
    """(level marks, anchor) of every heading, in order, outside code blocks."""
    return [(match[1], match[3]) for match in HEADING.finditer(prose_only(markdown))]


def title(markdown: str) -> str:
    """The text of a page's first-level heading, without its anchor."""
    for match in HEADING.finditer(prose_only(markdown)):
        if match[1] == "#":
            return match[2]
    plain = re.search(r"^# (.*)$", body(markdown), re.M)
    return plain[1] if plain else ""


def prose_only(markdown: str) -> str:
    """A page's body with its code blocks taken out."""
    return FENCE.sub("", body(markdown))
