"""Hook: fixes to what Material for MkDocs and mkdocs-static-i18n produce together on this site.

Each fix says what upstream does wrong, so that it can be deleted when upstream changes; the
table in README.md beside this file lists them with the other touches of packages' internals.
"""

from __future__ import annotations

import settings


def on_page_markdown(markdown, page, config, files):
    """Let Material's search plugin split text into words with jieba on Chinese pages only.

    The plugin runs jieba over every run of Han characters when jieba is installed, and
    jieba's Chinese dictionary cuts Japanese words apart (勾配 into 勾 and 配), so that
    Japanese queries no longer match. Japanese is split in the browser instead, by the
    TinySegmenter that Material loads for it. The plugin indexes a page after this event;
    on_post_page gives jieba back. (Material has no setting for this: the module-level name
    `jieba` is the switch.)
    """
    import material.plugins.search.plugin as search_plugin

    if getattr(page.file, "locale", None) != "zh":
        search_plugin.jieba = None
    return markdown


def on_post_page(output, page, config):
    import jieba
    import material.plugins.search.plugin as search_plugin

    search_plugin.jieba = jieba  # as the plugin expects when it next loads its dictionaries
    return output


def on_post_template(output, template_name, config):
    """Keep the default edition's 404 page at the site's root, where servers look for it.

    mkdocs-static-i18n builds the site once per language into the same folder, and every
    build writes the theme's 404.html to the root: the last language's (Chinese) won, in the
    wrong language for the root. MkDocs skips writing a template whose output is empty.
    """
    language = config.plugins["i18n"].current_language
    if template_name == "404.html" and language != settings.default_language():
        return ""
    return output
