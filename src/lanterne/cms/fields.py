"""The article form: one Decap field per front-matter key the editor manages, its rules read from the schema."""

from __future__ import annotations

from typing import Any

from lanterne.cms import shapes
from lanterne.cms.site import EditedSite
from lanterne.content.schema import ArticleMeta
from lanterne.views import strings

# The keys the form shows, in the order an author fills them; every other key of a file is kept as written.
MANAGED = (
    *("title", "description", "author", "audience", "tags", "keywords"),
    *("related", "order", "owner", "review_by", "review_every", "aliases"),
)
# A translation writes only what it translates; the rest comes from its source (TranslationMeta inherits it).
TRANSLATED = {"title", "description", "tags", "keywords"}
SINGULAR = {"tags": "tag", "keywords": "keyword", "aliases": "alias"}
PATTERN_MESSAGES = {"review_by": "cms.pattern.date", "review_every": "cms.pattern.period", "aliases": "cms.pattern.alias"}


def article_fields(site: EditedSite) -> list[dict[str, Any]]:
    """The form of an article in the site's default language, with its translations' fields marked."""
    lang = site.settings.default_language
    fields = [_field(site, name, lang) for name in MANAGED]
    body = {"name": "body", "label": strings.text(lang, "cms.field.body"), "widget": "markdown", "i18n": True}
    return [*fields, body]


def _field(site: EditedSite, name: str, lang: str) -> dict[str, Any]:
    """One key's field: its widget from the schema's type, its choices from the site, its limits from the schema."""
    shape = shapes.of(ArticleMeta, name)
    field: dict[str, Any] = {"name": name, "label": strings.text(lang, f"cms.field.{name}"), "required": shape.required}
    field["i18n"] = name in TRANSLATED  # false: the key lives in the default language's file only
    hint = f"cms.hint.{name}"
    if hint in strings.table(lang):
        field["hint"] = strings.text(lang, hint)
    field.update(_widget(site, name, shape, lang))
    return field


def _widget(site: EditedSite, name: str, shape: shapes.Shape, lang: str) -> dict[str, Any]:
    """Choose the widget: a choice among the site's authors or articles, a list, a number, a date or a text."""
    if name in ("author", "owner"):
        return {"widget": "select", "options": [{"label": label, "value": value} for value, label in site.authors]}
    if name == "related":
        options = [{"label": f"{title} ({path})", "value": path} for path, title in site.articles]
        return {"widget": "select", "multiple": True, "options": options, **_count(shape, lang)}
    if shape.kind == "choice":
        options = [{"label": strings.text(lang, f"cms.{name}.{choice}"), "value": choice} for choice in shape.choices]
        return {"widget": "select", "options": options, "default": shape.choices[0]}
    if shape.kind == "list":
        assert shape.item is not None
        singular = SINGULAR[name]
        item = {"name": singular, "label": strings.text(lang, f"cms.field.{singular}"), "widget": "string"}
        item.update(_text_rules(name, shape.item, lang))
        return {"widget": "list", "field": item, "collapsed": False, **_count(shape, lang)}
    if shape.kind == "number":
        return {"widget": "number", "value_type": "int"}
    if shape.kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": True}
    return {"widget": "string", **_text_rules(name, shape, lang)}


def _text_rules(name: str, shape: shapes.Shape, lang: str) -> dict[str, Any]:
    """A text's pattern: the schema's own, or one that caps its length, with a message in the site's language."""
    if shape.pattern is not None:
        return {"pattern": [shape.pattern.pattern, strings.text(lang, PATTERN_MESSAGES.get(name, "cms.pattern.date"))]}
    if shape.max_length is not None:
        return {"pattern": [f"^[\\s\\S]{{0,{shape.max_length}}}$", strings.text(lang, "cms.too_long", count=shape.max_length)]}
    return {}


def _count(shape: shapes.Shape, lang: str) -> dict[str, Any]:
    """A list's maximum number of items, as the schema caps it."""
    return {"max": shape.max_length} if shape.max_length is not None else {}
