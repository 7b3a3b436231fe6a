"""The zip file of each edition: every snippet and the edition's notebooks, byte for byte, the
same bytes in every build, every snippet in it runs, and the home page links to it."""

import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from urllib.parse import urljoin

import downloads
import notebooks
import pytest
from conftest import LANGUAGES, ROOT, SNIPPETS, page_address

ZIP = f"{downloads.NAME}.zip"


def archive_path(site, language):
    return site / page_address(language, "index") / ZIP


def expected_entries(language) -> list[tuple[str, bytes]]:
    """What the zip holds, from the repository itself: snippets/ and the committed notebooks
    (the build publishes them unchanged when it is built for upstream's site)."""
    snippets = [
        (
            f"gradients-from-scratch/snippets/{name}.py",
            (ROOT / "snippets" / f"{name}.py").read_bytes(),
        )
        for name in SNIPPETS
    ]
    chapters = [
        (
            f"gradients-from-scratch/notebooks/{chapter}.ipynb",
            notebooks.notebook_path(language, chapter).read_bytes(),
        )
        for chapter in notebooks.chapters()
    ]
    return snippets + chapters


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_zip_holds_exactly_every_snippet_and_the_editions_notebooks(built_site, language):
    site, _ = built_site
    with zipfile.ZipFile(archive_path(site, language)) as archive:
        found = [(info.filename, archive.read(info)) for info in archive.infolist()]
        assert archive.testzip() is None
    expected = expected_entries(language)
    assert [name for name, _ in found] == [name for name, _ in expected]
    for (name, content), (_, wanted) in zip(found, expected):
        assert content == wanted, f"{language}: {name} differs from the repository's file"
    # The notebooks are the ones beside their pages on this edition's site.
    for name, content in found:
        if name.endswith(".ipynb"):
            published = site / page_address(language, "index") / "notebooks" / name.split("/")[-1]
            assert content == published.read_bytes(), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_zip_is_the_same_bytes_in_every_build(built_site, language):
    """Made again here, in another process at another time, it is the same file."""
    site, _ = built_site
    published = archive_path(site, language).read_bytes()
    assert published == downloads.zip_bytes(tuple(expected_entries(language)))
    with zipfile.ZipFile(archive_path(site, language)) as archive:
        assert {info.date_time for info in archive.infolist()} == {downloads.DATE}


def test_every_snippet_in_the_zip_runs_where_it_was_unpacked(built_site, tmp_path):
    site, _ = built_site
    with zipfile.ZipFile(archive_path(site, LANGUAGES[0])) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / "gradients-from-scratch"
    for name in SNIPPETS:
        result = subprocess.run(
            [sys.executable, f"snippets/{name}.py"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"
        assert result.stdout.rstrip().endswith(f"saved {name}.svg"), name
        assert (folder / f"{name}.svg").is_file(), name


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_links_to_its_editions_zip(built_site, language):
    site, _ = built_site
    home = site / page_address(language, "index") / "index.html"
    parser = Links()
    parser.feed(home.read_text(encoding="utf-8"))
    zips = [href for href in parser.hrefs if href.endswith(".zip")]
    assert zips, f"{language}: no link to the zip file"
    base = "https://example.org/" + page_address(language, "index")
    for href in zips:
        target = urljoin(base, href).removeprefix("https://example.org/")
        assert re.fullmatch(r"([a-z]{2}/)?gradients-from-scratch\.zip", target), target
        assert (site / target) == archive_path(site, language), target
        assert (site / target).is_file(), target
