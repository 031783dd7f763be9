"""The leak check: no internal article and no internal note text in any public file, compressed or not."""

from __future__ import annotations

import gzip
import json

import pytest

from lanterne.check import internal, leaks
from lanterne.check.internal import Secret

from .conftest import NOTE

# Columns: Markdown source, the phrases of its internal notes that the check looks for.
NOTES = [
    ("Texte.\n\n!!! internal\n    Une phrase interne assez longue.\n", ["Une phrase interne assez longue."]),
    (
        '??? internal "Titre"\n    Voir **Console zorglub > Journaux d\'envoi** puis\n    relancer.\n',
        ["Console zorglub", "Journaux d'envoi", "puis relancer."],
    ),
    (
        "!!! internal\n    - Première étape du support.\n    - [Le lien caché](https://x.example/secret) ici.\n",
        ["Première étape du support.", "Le lien caché"],
    ),
    (
        "!!! internal\n    Premier paragraphe du support.\n\n    Second paragraphe du support.\n",
        ["Premier paragraphe du support.", "Second paragraphe du support."],
    ),
    ("!!! internal\n    Court.\n\nTexte public après la note.\n", []),
    ("```\n!!! internal\n    Dans un bloc de code.\n```\n", []),
    ("!!! note\n    Une note publique, pas interne.\n", []),
]


@pytest.mark.parametrize(("markdown", "expected"), NOTES)
def test_note_phrases(markdown, expected):
    assert internal.note_phrases(markdown) == expected


def test_secrets_leave_out_what_public_text_also_says(checked):
    context = checked.context
    found = {secret.text: secret.origin for secret in internal.secrets(context.texts, context.internal, known_public="Console zorglub")}
    assert found == {
        NOTE: "internal note in docs/factures/relancer.md",
        "factures/procedure/": "URL of internal article docs/factures/procedure.md",
        "factures/procedure": "id of internal article docs/factures/procedure.md",
        "Procédure interne de remboursement": "title of internal article docs/factures/procedure.md",
        'class="admonition internal': "internal note markup",
        '<details class="internal': "internal note markup",
    }


# Columns: a file's bytes, the text the check reads in it.
READABLE = [
    (b"<p>Caf&eacute;</p>", "<p>Caf&eacute;</p>"),
    (gzip.compress(b"<url>x</url>"), "<url>x</url>"),
    (gzip.compress(b'pagefind_dcd{"url": "/x/", "content": "Bonjour"}'), "url\n/x/\ncontent\nBonjour"),
    (b'{"a": ["\\u00e9t\\u00e9"]}', "a\nété"),
    (b"\x1f\x8bnot gzip", "\x1f\ufffdnot gzip"),
]


@pytest.mark.parametrize(("data", "text"), READABLE)
def test_readable(data, text):
    assert leaks.readable(data) == text


def test_a_secret_is_found_whole_in_text_or_file_names_only():
    secrets = [Secret("factures/procedure", "id"), Secret("Console zorglub", "note")]
    outputs = {
        "factures/procedure-publique/index.html": "<a href='../procedure-publique/'>",
        "a.json": "id\nfactures/procedure",
        "factures/procedure/index.html": "",
        "b.html": "<strong>Console\n  zorglub</strong>",
    }
    assert leaks.find_leaks(outputs, secrets) == [
        "a.json: 'factures/procedure' (id)",
        "factures/procedure/index.html: 'factures/procedure' (id)",
        "b.html: 'Console zorglub' (note)",
    ]


def test_the_fixture_public_build_leaks_nothing_and_its_internal_build_has_every_secret(checked):
    secrets = checked.context.secrets()
    assert leaks.find_leaks(leaks.read_outputs(checked.public.site), secrets) == []
    internal_text = internal.normalise("\n".join(leaks.read_outputs(checked.internal.site).values()))
    missing = [secret.text for secret in secrets if not internal.contains(internal_text, secret.text)]
    assert missing == ['<details class="internal'], "the fixture has no collapsible (???) internal note"


def test_a_note_in_the_search_index_an_api_document_and_a_page_is_reported(altered):
    context = altered()
    site = context.public.site
    fragment = next((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
    record["content"] += " " + NOTE
    fragment.write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(record).encode()))
    document = site / "api" / "articles" / "factures" / "relancer.json"
    document.write_text(document.read_text(encoding="utf-8").replace("Programmez", "Console zorglub. Programmez"), encoding="utf-8")
    (site / "factures" / "procedure").mkdir()
    (site / "factures" / "procedure" / "index.html").write_text("<h1>Procédure interne de remboursement</h1>", encoding="utf-8")
    found = leaks.find_leaks(leaks.read_outputs(site), context.secrets())
    assert found == [
        "api/articles/factures/relancer.json: 'Console zorglub' (internal note in docs/factures/relancer.md)",
        "factures/procedure/index.html: 'factures/procedure/' (URL of internal article docs/factures/procedure.md)",
        "factures/procedure/index.html: 'factures/procedure' (id of internal article docs/factures/procedure.md)",
        "factures/procedure/index.html: 'Procédure interne de remboursement' (title of internal article docs/factures/procedure.md)",
        f"pagefind/fragment/{fragment.name}: {NOTE!r} (internal note in docs/factures/relancer.md)",
    ]
