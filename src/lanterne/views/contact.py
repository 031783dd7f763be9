"""The "Still need help?" block: where readers reach a human, from `extra.lanterne.contact`."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from lanterne.content import safe_text, wording
from lanterne.views import strings

WHERE = "mkdocs.yml: extra.lanterne.contact"
_MAILTO = re.compile(r"mailto:[^\s@\"'<>\\]+@[^\s@\"'<>\\]+")


def is_link(value: str) -> bool:
    """Tell whether a text is a link the block can use: an absolute http(s) URL, a mailto: address or a path of the site.

    A path never starts with // or /\\, which browsers read as another host."""
    return safe_text.is_web_url(value) or bool(_MAILTO.fullmatch(value) or safe_text.SITE_PATH.fullmatch(value))


def _check_url(value: object) -> object:
    """Accept an absolute http(s) URL, a mailto: address or a site-absolute path."""
    if isinstance(value, str) and not is_link(value):
        raise ValueError(f"{value!r} is not a link; expected https://..., mailto:support@example.com or /a/path/")
    return value


class Contact(BaseModel):
    """`extra.lanterne.contact`: a URL and a label, one text or one per language."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    url: Annotated[str, BeforeValidator(_check_url)]
    label: str | dict[str, str] | None = None


def parse(options: object) -> tuple[Contact | None, list[str]]:
    """Validate the contact settings; return them, or the problems as `mkdocs.yml: key: message` lines."""
    if options is None:
        return None, []
    try:
        return Contact.model_validate(options), []
    except ValidationError as error:
        # A label that is neither a text nor a mapping fails both forms of the union: one mistake, one message.
        return None, list(dict.fromkeys(_message(detail) for detail in error.errors()))


def _message(detail: dict) -> str:
    """One problem, naming the key, the value given and what is expected (lanterne.content.wording)."""
    loc = detail["loc"]
    key = wording.key_of(loc[:1] if loc[:1] == ("label",) else loc)
    where = f"{WHERE}.{key}" if key else WHERE
    expected = {
        "url": "a link, for example url: https://example.com/contact",
        "label": "a text, or a mapping of language to text (fr: ..., en: ...)",
        "": "a mapping with url and label",
    }
    return f"{where}: {wording.explain(detail, keys=list(Contact.model_fields), expected=expected.get(key.split('.')[0]))}"


def block(contact: Contact | None, lang: str) -> dict[str, str] | None:
    """The block's text in one language, with the configured link; None when no contact is configured."""
    if contact is None:
        return None
    label = contact.label.get(lang) if isinstance(contact.label, dict) else contact.label
    return {
        "title": strings.text(lang, "contact.title"),
        "text": strings.text(lang, "contact.text"),
        "url": contact.url,
        "label": label or strings.text(lang, "contact.label"),
    }
