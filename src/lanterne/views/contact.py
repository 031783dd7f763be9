"""The "Still need help?" block: where readers reach a human, from `extra.lanterne.contact`."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from lanterne.views import strings

WHERE = "mkdocs.yml: extra.lanterne.contact"
_URL = re.compile(r"^(https?://[^\s/]+|mailto:[^\s@]+@[^\s@]+|/)\S*$")


def is_link(value: str) -> bool:
    """Tell whether a text is a link the block can use: an absolute http(s) URL, a mailto: address or a site path."""
    return bool(_URL.match(value))


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
        return None, [_message(detail) for detail in error.errors()]


def _message(detail: dict) -> str:
    """One problem, naming the key, the value given and what is expected."""
    key = ".".join(str(part) for part in detail["loc"])
    where = f"{WHERE}.{key}" if key else WHERE
    if detail["type"] == "missing":
        return f"{where}: required key is missing; expected a link, for example url: https://example.com/contact"
    if detail["type"] == "extra_forbidden":
        return f"{where}: unknown key; expected url and label"
    if detail["type"] == "value_error":
        return f"{where}: {detail['ctx']['error']}"
    if key.startswith("label"):
        return f"{where}: got {detail.get('input')!r}; expected a text, or a mapping of language to text (fr: ..., en: ...)"
    return f"{where}: got {detail.get('input')!r}; expected {'a mapping with url and label' if not key else 'a text'}"


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
