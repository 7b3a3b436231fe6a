"""Hook: fixes to what Material for MkDocs and mkdocs-static-i18n produce together on this site.

Each fix says what upstream does wrong, so that it can be deleted when upstream changes; the
table in README.md beside this file lists them with the other touches of packages' internals.
"""

from __future__ import annotations



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
