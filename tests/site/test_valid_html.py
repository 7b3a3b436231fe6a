"""Every built page is valid HTML, and each edition describes itself in its own language.

The validity check runs the Nu Html Checker (npm `vnu-jar`, pinned in .ci/package.json) with
Java, both installed by .ci/run, once over all the site's pages in one Java process: it takes
about ten seconds to start. It is marked `validator`, so that the fast loop can leave it out.
"""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import settings
from conftest import LANGUAGES, ROOT

VNU_JAR = ROOT / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Markup that Material for MkDocs writes itself, which we leave as it is: (the checker's
# message, a piece of the reported line, why). Each is matched on both, so that the same
# mistake in our own markup is still reported.
MATERIAL_EXCEPTIONS = [
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        '<input class="md-toggle" data-md-toggle=',
        "Material's base.html gives its hidden drawer and search toggles (checkboxes) "
        'autocomplete="off", so that Firefox does not restore them open on back navigation; '
        "they are outside every template block, and the attribute is harmless.",
    ),
]

# 'page:line.column-line.column: error: message', the page as a quoted file: URL.
GNU_LINE = re.compile(
    r'^"file:(?P<file>[^"]+)":(?:(?P<line>\d+)\.\d+(?:-\d+\.\d+)?)?: error: (?P<message>.*)$'
)


@pytest.fixture(scope="session")
def validator_errors(built_site) -> list[str]:
    """The checker's errors over every HTML file of the site, as 'page:line: message'."""
    site, _ = built_site
    java = shutil.which("java")
    assert java and VNU_JAR.is_file(), (
        "the Nu Html Checker needs Java and .ci/node_modules: run `bash .ci/run`, or "
        "`npm ci --prefix .ci --ignore-scripts` and install Java (Debian: default-jre-headless)"
    )
    pages = sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu", *pages],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    errors = [located(site, line) for line in lines]
    assert result.returncode == 0 or errors, f"the checker failed: {result.stderr[-2000:]}"
    return errors


def located(site: Path, line: str) -> tuple[str, str, str]:
    """(page, the page's source line, message) of one line of the checker's report."""
    match = GNU_LINE.match(line)
    assert match, f"unexpected line from the checker: {line}"
    page = Path(match["file"]).resolve().relative_to(site.resolve()).as_posix()
    lines = (site / page).read_text(encoding="utf-8").splitlines()
    source = lines[int(match["line"]) - 1] if match["line"] else ""
    return page, source.strip(), match["message"]


def excepted(source: str, message: str) -> bool:
    return any(
        message.startswith(expected) and piece in source
        for expected, piece, _ in MATERIAL_EXCEPTIONS
    )


@pytest.mark.validator
def test_every_page_is_valid_html(validator_errors):
    errors = [
        f"{page}: {message}\n    {source[:160]}"
        for page, source, message in validator_errors
        if not excepted(source, message)
    ]
    assert not errors, f"{len(errors)} errors, the first ones:\n" + "\n".join(errors[:20])


@pytest.mark.validator
def test_each_exception_is_still_needed(validator_errors):
    """An exception that no longer matches anything is removed, not kept for later."""
    for expected, piece, _ in MATERIAL_EXCEPTIONS:
        assert any(
            message.startswith(expected) and piece in source
            for _, source, message in validator_errors
        ), f"no longer reported, remove the exception: {expected}"


# ---------------------------------------------------------------- descriptions

# What the writing of each language has that the others' lack.
SCRIPTS = {
    "en": re.compile(r"^[\x20-\x7e]+$"),  # ASCII
    "ja": re.compile(r"[\u3040-\u30ff]"),  # kana
    "ko": re.compile(r"[\uac00-\ud7a3]"),  # Hangul
    "zh": re.compile(r"^[^\u3040-\u30ff\uac00-\ud7a3]*[\u4e00-\u9fff][^\u3040-\u30ff\uac00-\ud7a3]*$"),
}


class Head(HTMLParser):
    """The page's language and its description, as a browser or a search engine reads them."""

    def __init__(self):
        super().__init__()
        self.language, self.descriptions = None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.language = attrs.get("lang")
        if tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_edition_describes_itself_in_its_own_language(language):
    text = settings.site_description(language)
    assert SCRIPTS[language].search(text), f"{language}: {text}"
    others = [settings.site_description(other) for other in LANGUAGES if other != language]
    assert text not in others, f"{language} shares its description with another edition"


def test_every_page_carries_its_editions_description_whole(built_site):
    """Read as HTML, not as text: Material writes the description unescaped, and a quote in
    it used to end the attribute and turn the rest of the sentence into attributes."""
    site, _ = built_site
    for html_file in sorted(site.rglob("*.html")):
        head = Head()
        head.feed(html_file.read_text(encoding="utf-8"))
        page = html_file.relative_to(site).as_posix()
        assert head.language in LANGUAGES, f"{page}: lang={head.language}"
        edition = page.split("/")[0] if page.split("/")[0] in LANGUAGES[1:] else LANGUAGES[0]
        assert head.language == edition, f"{page} is in the {edition} edition"
        assert head.descriptions == [settings.site_description(edition)], f"{page}: {head.descriptions}"
