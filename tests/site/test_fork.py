"""A fork deploys with zero edits: built with a made-up fork's variables, every link that names
a site or a repository names the fork, and every page links to its own source file."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import notebooks
import pytest
import settings
from conftest import LANGUAGES, ROOT, build, copy_project, page_address

FORK_SITE = "https://someone.github.io/fork-name/"
FORK_REPOSITORY = "someone/fork-name"
# What the workflow hands the build: actions/configure-pages gives base_url without the "/".
FORK_ENVIRONMENT = {
    "GRADIENTS_SITE_URL": FORK_SITE.rstrip("/"),
    "GRADIENTS_REPOSITORY": FORK_REPOSITORY,
}
UPSTREAM_SITE = settings.upstream_site_url()
UPSTREAM_OWNER = settings.defaults()["extra"]["repository"].split("/")[0]

# Addresses that name a site or a repository of this project: GitHub (and Colab's view of it)
# and GitHub Pages. Material's own credits (squidfunk.github.io, fontawesome.com) name neither.
PROJECT_LINK = re.compile(
    r"https://(?:github\.com/|colab\.research\.google\.com/github/|[\w-]+\.github\.io/)"
    r"[^\s\"'<>)\\]*"
)
THEME_CREDITS = ("https://squidfunk.github.io/mkdocs-material/",)
EDIT_LINK = re.compile(
    r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">'
)


@pytest.fixture(scope="module")
def fork_site(built_project, tmp_path_factory):
    """The site built as a fork's workflow builds it, from a copy with the session's caches."""
    project = copy_project(tmp_path_factory.mktemp("fork"), cache_from=built_project[0])
    site = tmp_path_factory.mktemp("fork-site")
    result = build(project, site, **FORK_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    return site


def published_files(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".ipynb", ".xml", ".json", ".py", ".txt"):
            yield path


def test_every_link_to_a_site_or_repository_names_the_fork(fork_site):
    seen = set()
    for path in published_files(fork_site):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(fork_site)
        assert UPSTREAM_SITE not in text and f"/{UPSTREAM_OWNER}/" not in text, where
        for link in PROJECT_LINK.findall(text):
            if link.startswith(THEME_CREDITS):
                continue
            seen.add(link)
            assert link.startswith(
                (
                    FORK_SITE,
                    f"https://github.com/{FORK_REPOSITORY}",
                    f"https://colab.research.google.com/github/{FORK_REPOSITORY}/blob/main/",
                )
            ), f"{link} in {where}"
    # The header, the source links, Colab, the sitemap and the notebooks all name the fork.
    assert any(link.startswith(FORK_SITE) for link in seen)
    assert any("/colab.research.google.com/" in link for link in seen)
    assert any(link.startswith(f"https://github.com/{FORK_REPOSITORY}/edit/") for link in seen)


def test_the_published_notebooks_link_to_the_forks_pages(fork_site):
    for language in LANGUAGES:
        for chapter in notebooks.chapters():
            prefix = "" if language == LANGUAGES[0] else f"{language}/"
            published = fork_site / prefix / "notebooks" / f"{chapter}.ipynb"
            notebook = json.loads(published.read_text(encoding="utf-8"))
            text = "".join("".join(cell["source"]) for cell in notebook["cells"])
            links = re.findall(r"\]\((https?://[^)\s]+)\)", text)
            assert links, (language, chapter)
            for link in links:
                assert link.startswith(FORK_SITE), link
                page = urlsplit(link).path.removeprefix(urlsplit(FORK_SITE).path)
                assert (fork_site / page / "index.html").is_file(), link


def expected_source(address: str) -> str:
    """The file under docs/ that a page's address comes from: 'ja/gradient/' -> 'ja/gradient.md'."""
    parts = address.strip("/").split("/") if address.strip("/") else []
    language = parts.pop(0) if parts and parts[0] in LANGUAGES else LANGUAGES[0]
    if parts[:1] == ["notebooks"]:
        return f"{language}/notebooks/{parts[1]}.ipynb"
    return f"{language}/{parts[0] if parts else 'index'}.md"


def page_addresses():
    english = sorted(path.stem for path in (ROOT / "docs" / "en").glob("*.md"))
    chapters = [f"notebooks/{chapter}" for chapter in notebooks.chapters()]
    return [(language, page) for language in LANGUAGES for page in english + chapters]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_to_its_own_source_in_its_own_language(fork_site, language):
    checked = 0
    for page_language, page in page_addresses():
        if page_language != language:
            continue
        address = page_address(language, page)
        html = (fork_site / address / "index.html").read_text(encoding="utf-8")
        links = EDIT_LINK.findall(html)
        source = expected_source(address)
        assert links == [f"https://github.com/{FORK_REPOSITORY}/edit/main/docs/{source}"], address
        assert (ROOT / "docs" / source).is_file(), source
        checked += 1
    assert checked == len(page_addresses()) // len(LANGUAGES)


def test_the_header_links_to_the_forks_repository_without_asking_githubs_api(fork_site):
    html = (fork_site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="https://github.com/{FORK_REPOSITORY}" title=' in html
    # With data-md-component="source", Material's script would fetch api.github.com.
    assert 'data-md-component="source"' not in html


def test_the_committed_notebooks_name_upstreams_site_deliberately(built_site):
    """Colab opens a fork's notebooks from the fork's repository: they link to upstream's pages,
    which exist (README.md, Forks), and to pages this site has too."""
    site, _ = built_site
    for language in LANGUAGES:
        for chapter in notebooks.chapters():
            text = notebooks.notebook_path(language, chapter).read_text(encoding="utf-8")
            links = re.findall(r"\]\((https?://[^)\s\"]+)\)", text)
            assert links, (language, chapter)
            for link in links:
                assert link.startswith(UPSTREAM_SITE), link
                page = link.removeprefix(UPSTREAM_SITE).split("#")[0]
                assert (site / page / "index.html").is_file(), link
