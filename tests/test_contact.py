"""`extra.lanterne.contact` is checked, with messages that name the key, the value and what is expected."""

from __future__ import annotations

import pytest

from lanterne.views import contact

# columns: the setting as written in mkdocs.yml, the problems reported
CASES = [
    (None, []),
    ({"url": "https://example.com/contact", "label": "Écrire"}, []),
    ({"url": "mailto:support@example.com", "label": {"fr": "Écrire", "en": "Write"}}, []),
    ({"url": "/contact/"}, []),
    (
        {"label": "Écrire"},
        ["mkdocs.yml: extra.lanterne.contact.url: required key is missing; expected a link, for example url: https://example.com/contact"],
    ),
    (
        {"url": "contact page"},
        [
            "mkdocs.yml: extra.lanterne.contact.url: 'contact page' is not a link; "
            "expected https://..., mailto:support@example.com or /a/path/"
        ],
    ),
    (
        {"url": "/c/", "lable": "x"},
        ["mkdocs.yml: extra.lanterne.contact.lable: unknown key (did you mean 'label'?); expected one of: url, label"],
    ),
    (
        "https://example.com",
        ["mkdocs.yml: extra.lanterne.contact: got 'https://example.com' (text); expected a mapping with url and label"],
    ),
]


@pytest.mark.parametrize(("setting", "problems"), CASES)
def test_contact_setting_is_validated(setting, problems):
    assert contact.parse(setting)[1] == problems


def test_contact_block_picks_the_label_of_the_page_language():
    settings, _ = contact.parse({"url": "/c/", "label": {"fr": "Écrire au support"}})
    assert contact.block(settings, "fr")["label"] == "Écrire au support"
    assert contact.block(settings, "en") == {
        "title": "Still need help?",
        "text": "Our support team is here to answer you.",
        "url": "/c/",
        "label": "Contact support",
    }
    assert contact.block(None, "fr") is None


def test_invalid_contact_fails_the_strict_build(make_site):
    built = make_site(extra={"contact": {"url": "contact page"}})
    assert not built.ok
    assert any(message.startswith("mkdocs.yml: extra.lanterne.contact.url: 'contact page'") for message in built.errors())
