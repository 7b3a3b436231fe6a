"""The site's settings, read once from mkdocs.yml: paths, languages, addresses, pages and texts.

Every other module asks here rather than reading mkdocs.yml itself, so the build, the notebook
maker, the translation checker and the tests agree on one reading of it.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository: docs/plugins/ is two levels down
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
CACHE = ROOT / ".cache"
CONFIG_FILE = ROOT / "mkdocs.yml"
# GRADIENTS_SPEED=off builds without the optional speed-ups (speed.py, notebook_stand_ins.py)
SPEED_UPS_OFF = os.environ.get("GRADIENTS_SPEED") == "off"


@functools.cache
def config() -> dict:
    """mkdocs.yml as MkDocs reads it (!ENV tags included), without loading any plugin."""
    return _load(environment=True)


@functools.cache
def defaults() -> dict:
    """mkdocs.yml with every !ENV tag at its default, whatever the environment says: the
    upstream site and repository, which the committed notebooks name."""
    return _load(environment=False)


def _load(environment: bool) -> dict:
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    loader = get_yaml_loader()
    if not environment:
        loader = type("DefaultsLoader", (loader,), {})
        loader.add_constructor("!ENV", _env_default)
    with CONFIG_FILE.open(encoding="utf-8") as file:
        return yaml.load(file, Loader=loader)  # noqa: S506 -- MkDocs' own safe loader


def _env_default(loader, node):
    """An !ENV tag's default: the last item of `!ENV [NAME, …, default]` (None if it has none)."""
    import yaml

    if isinstance(node, yaml.SequenceNode) and len(node.value) > 1:
        return loader.construct_object(node.value[-1])
    return None


def _i18n_languages() -> list[dict]:
    i18n = next(plugin["i18n"] for plugin in config()["plugins"] if "i18n" in plugin)
    return i18n["languages"]


@functools.cache
def languages() -> tuple[str, ...]:
    """The editions' locales, the default one first."""
    entries = sorted(_i18n_languages(), key=lambda entry: not entry.get("default", False))
    return tuple(entry["locale"] for entry in entries)


def default_language() -> str:
    return languages()[0]


def site_description(language: str) -> str:
    """What the edition says it is (its <meta name="description">): its own, or the site's."""
    own = next(entry for entry in _i18n_languages() if entry["locale"] == language)
    return own.get("site_description") or config()["site_description"]


def site_url() -> str:
    """Where this build is published (GRADIENTS_SITE_URL, else upstream's), ending in "/" as
    MkDocs makes it; actions/configure-pages gives it without the "/"."""
    return _directory(config()["site_url"] or defaults()["site_url"])


def upstream_site_url() -> str:
    """Where upstream publishes the site: the address the committed notebooks link to."""
    return _directory(defaults()["site_url"])


def _directory(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def repository() -> str:
    """The GitHub repository, "owner/name" (GRADIENTS_REPOSITORY, else upstream's)."""
    return config()["extra"]["repository"] or defaults()["extra"]["repository"]


def branch() -> str:
    return config()["extra"]["branch"] or defaults()["extra"]["branch"]


def repository_url() -> str:
    return f"https://github.com/{repository()}"


def pages() -> list[str]:
    """The Markdown pages of the navigation, in order, by name (e.g. 'gradient')."""
    return [Path(page).stem for page in config()["nav"] if isinstance(page, str)]


@functools.cache
def texts(language: str, group: str) -> dict[str, str]:
    """A group of texts from extra: (e.g. 'notebook'), with the language's own over the default."""
    own = next(entry for entry in _i18n_languages() if entry["locale"] == language)
    return {**config()["extra"].get(group, {}), **own.get("extra", {}).get(group, {})}


def language_prefix(language: str) -> str:
    """Where an edition starts on the site: at its root for the default language."""
    return "" if language == default_language() else f"{language}/"


def page_url(language: str, page: str, anchor: str = "", site: str | None = None) -> str:
    """A page's address on the published site (or on `site`): https://…/gradients/ja/gradient/."""
    path = "" if page == "index" else f"{page}/"
    return (site or site_url()) + language_prefix(language) + path + anchor
