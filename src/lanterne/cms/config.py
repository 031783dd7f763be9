"""The Decap CMS configuration of a site: one entry list per collection and sub-collection, the article form, the languages."""

from __future__ import annotations

from typing import Any

from lanterne.cms.fields import article_fields
from lanterne.cms.site import EditedSite, Folder
from lanterne.views import strings

# Decap's interface languages that Lanterne's sites use; any other falls back to English.
INTERFACE = {"fr", "en", "de", "es", "it", "nl", "pt"}
FORMAT = "lanterne-frontmatter"  # registered by lanterne-cms.js: keeps the keys and the lines the form does not change


def decap_config(site: EditedSite, *, backend: dict[str, Any], local_proxy: str | None = None) -> dict[str, Any]:
    """The whole configuration: backend, interface language, i18n as Lanterne names files, and the collections."""
    lang = site.settings.default_language
    config: dict[str, Any] = {
        "backend": backend,
        "locale": lang if lang in INTERFACE else "en",
        "site_url": "/",
        "display_url": "/",
        "logo_url": "",
        "media_folder": f"{site.docs}/assets",
        "public_folder": "/assets",
        "i18n": {"structure": "multiple_files", "locales": list(site.settings.languages), "default_locale": lang},
        "collections": [_collection(site, folder) for folder in site.folders],
    }
    if local_proxy:
        config["local_backend"] = {"url": local_proxy, "allowed_hosts": ["127.0.0.1", "localhost"]}
    return config


def _collection(site: EditedSite, folder: Folder) -> dict[str, Any]:
    """One entry list: the articles of one folder, written beside each other, their images beside them."""
    parent = next((f for f in site.folders if "/" in folder.path and f.path == folder.path.rsplit("/", 1)[0]), None)
    label = f"{parent.title} \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} {folder.title}" if parent else folder.title
    return {
        "name": folder.path.replace("/", "__"),
        "label": label,
        "label_singular": strings.text(site.settings.default_language, "cms.article"),
        "description": folder.path + "/",
        "folder": f"{site.docs}/{folder.path}",
        "extension": "md",
        "format": FORMAT,
        "create": True,
        "delete": True,
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "sortable_fields": ["title", "order"],
        # Uploaded images go beside the article, and its Markdown links them by their name alone.
        "media_folder": "",
        "public_folder": "",
        "i18n": True,
        "fields": article_fields(site),
    }
