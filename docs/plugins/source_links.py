"""Hook: the links to the repository: in the header, and from every page to its own source file.

repo_url and edit_uri are not written in mkdocs.yml but made here from extra.repository and
extra.branch, which come from GRADIENTS_REPOSITORY and GRADIENTS_BRANCH (upstream's by
default), so that a fork's site links to the fork without any edit.

MkDocs makes a page's edit link from the file it read: for a Japanese page, docs/ja/….md; for a
page shown in English until it is translated, the English file; for a notebook page, nothing,
since the build makes it afresh (notebook_pages.py). Here each page links to the file a reader
would change: the page's own Markdown, or the committed .ipynb of a notebook page.
"""

from __future__ import annotations

from pathlib import Path

import notebooks
import settings
from settings import ROOT


def on_config(config):
    config.site_url = settings.site_url()  # an empty GRADIENTS_SITE_URL means upstream's
    config.repo_url = settings.repository_url()
    config.repo_name = settings.repository()
    config.edit_uri = f"edit/{settings.branch()}/docs/"
    return config


def on_page_context(context, page, config, nav):
    page.edit_url = f"{config.repo_url}/{config.edit_uri}{source_file(page, config)}"
    return context


def source_file(page, config) -> str:
    """The page's source under docs/, e.g. 'ja/gradient.md' or 'ja/notebooks/gradient.ipynb'."""
    if page.file.src_uri.endswith(".ipynb"):
        language = config.plugins["i18n"].current_language
        path = notebooks.notebook_path(language, Path(page.file.src_uri).stem)
    else:
        path = Path(page.file.abs_src_path).resolve()
    return path.relative_to(ROOT / "docs").as_posix()
