"""Hook: fixes to what Material for MkDocs and mkdocs-static-i18n produce together on this site.

Each fix says what upstream does wrong, so that it can be deleted when upstream changes; the
table in README.md beside this file lists them with the other touches of packages' internals.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority


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


@event_priority(50)  # after mkdocs-static-i18n has set this page's links (also at 50, earlier)
def on_page_context(context, page, config, nav):
    """Make every language-selector link lead to the same page, relative to it.

    mkdocs-static-i18n points the home pages' selector at site_url's absolute path, which
    breaks the site when it is served from any other path (a fork, a preview, a folder).
    """
    # mkdocs-static-i18n sets an attribute, not a key; the template reads it first.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])
    for alternate in alternates:
        translation = getattr(page.file, "alternates", {}).get(alternate["lang"])
        if translation is not None:
            alternate["link"] = translation.url or "./"
    return context


def on_post_page(output, page, config):
    import jieba
    import material.plugins.search.plugin as search_plugin

    search_plugin.jieba = jieba  # as the plugin expects when it next loads its dictionaries
    return name_the_search_dialog(drop_head_alternates(output))


HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_head_alternates(output: str) -> str:
    """Drop the <link rel="alternate" hreflang> tags from <head>.

    Material's JavaScript fetches sitemap.xml next to each of them, to find the same page
    in another language. Under mkdocs-static-i18n they point at pages, not at language
    roots, so every page load made one failing request per language. The selector's own
    links already lead to the same page in each language.
    """
    head, end, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + end + body


def name_the_search_dialog(output: str) -> str:
    """Give Material's search dialog an accessible name: the label of its own search box.

    axe reports the dialog role without a name as a serious violation.
    """
    label = re.search(r'class="md-search__input"[^>]*aria-label="([^"]*)"', output)
    dialog = '<div class="md-search" data-md-component="search" role="dialog"'
    return output.replace(dialog, f'{dialog} aria-label="{label.group(1)}"') if label else output
