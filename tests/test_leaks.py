"""The public build never contains internal content; the internal build contains all of it.

Every internal thing in the fixture carries a unique marker. The test scans every file the public build
wrote (file names too, gzip data decompressed whatever its extension) and requires zero markers, then
requires every marker somewhere in the internal build, so it cannot pass by publishing nothing.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from bs4 import BeautifulSoup

AUTHORS = """\
authors:
  sophie:
    name: Sophie Martin
    avatar: assets/authors/sophie.svg
  lea:
    name: Léa Dubois
  zqxagent:
    name: Zqxagentname Support
"""

# Each marker names where it hides; all are lowercase so that case-folding indexes still match.
MARKERS = {
    "zqxslug": "an internal article's file name, hence its URL and id",
    "zqxtitle": "an internal article's title",
    "zqxdescription": "an internal article's description",
    "zqxbody": "an internal article's body",
    "zqxenglish": "an internal article's English translation",
    "zqxtag": "a tag used only by internal articles",
    "zqxkeyword": "an internal article's keyword",
    "zqxcontext": "an internal article's context (app paths for in-app suggestions)",
    "zqxagentname": "an author who writes only internal articles",
    "zqxnotetitle": "the title of an internal note in a public article",
    "zqxnotebody": "the body of an internal note in a public article",
    "zqxfolded": "a folded ??? internal note",
    "zqxopen": "an open ???+ internal note",
    "zqxnested": "an internal note nested in a list item",
    "zqxnoteen": "an internal note in a public translation",
    "zqxpagenote": "an internal note in a standalone page",
    "zqxasset": "an image only an internal article shows (name and content)",
    "zqxnoteimage": "an image only an internal note shows (name and content)",
}

FILES = {
    ".authors.yml": AUTHORS,
    "factures/zqxslug-deverrouiller.md": """\
        ---
        title: Procédure zqxtitle
        description: Déverrouiller une facture zqxdescription
        author: zqxagent
        updated: 2024-09-01
        tags: [zqxtag, email]
        keywords: [zqxkeyword]
        context: [/zqxcontext/*]
        audience: internal
        ---

        Étapes zqxbody dans la console.

        ![Console](zqxasset-console.svg)
        """,
    "factures/zqxslug-deverrouiller.en.md": """\
        ---
        title: Unlock procedure
        updated: 2024-09-02
        ---

        Steps zqxenglish in the console.
        """,
    "factures/zqxasset-console.svg": '<svg xmlns="http://www.w3.org/2000/svg"><title>zqxasset</title></svg>',
    "assets/zqxnoteimage.svg": '<svg xmlns="http://www.w3.org/2000/svg"><title>zqxnoteimage</title></svg>',
    "factures/relancer.md": """\
        ---
        title: Relancer un client
        description: Les relances
        author: sophie
        updated: 2024-09-12
        tags: [email]
        related: [factures/zqxslug-deverrouiller.md, factures/envoyer.md]
        ---

        Texte public.

        !!! internal "Support zqxnotetitle"
            Vérifier zqxnotebody.

            ![capture](../assets/zqxnoteimage.svg)

        ??? internal
            Replié zqxfolded.

        ???+ internal "Ouvert"
            Déplié zqxopen.

        1. Première étape.

            !!! internal
                Imbriqué zqxnested.

        2. Deuxième étape.

        Fin publique.
        """,
    "factures/relancer.en.md": """\
        ---
        title: Remind a customer
        updated: 2024-09-12
        ---

        Public text.

        !!! internal "For support"
            Check zqxnoteen.
        """,
    "mentions-legales.md": "---\ntitle: Mentions légales\n---\n\nPublic.\n\n!!! internal\n    Note zqxpagenote.\n",
}


def _texts(site: Path) -> dict[str, str]:
    """Every file of a build as lowercase text keyed by its path; gzip data is decompressed."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        rel = str(path.relative_to(site))
        texts[rel] = f"{rel}\n{data.decode('utf-8', errors='replace')}".lower()
    return texts


def _found(texts: dict[str, str]) -> dict[str, list[str]]:
    return {marker: [rel for rel, text in texts.items() if marker in text] for marker in MARKERS}


def test_public_build_has_no_marker(public):
    texts = _texts(public)
    assert any(rel.endswith(".gz") for rel in texts), "expected sitemap.xml.gz to be scanned"
    assert {marker: files for marker, files in _found(texts).items() if files} == {}


def test_internal_build_has_every_marker(internal):
    missing = [f"{marker} ({where})" for marker, where in MARKERS.items() if not _found(_texts(internal))[marker]]
    assert missing == []


def test_public_build_keeps_the_public_content(public):
    page = BeautifulSoup((public / "factures/relancer/index.html").read_text(encoding="utf-8"), "lxml")
    text = page.select_one("article").get_text(" ")
    assert "Texte public." in text and "Deuxième étape." in text and "Fin publique." in text
    assert not (public / "factures/zqxslug-deverrouiller").exists()


def test_internal_search_index_has_internal_content(internal):
    fragments = (internal / "pagefind" / "fragment").glob("*.pf_fragment")
    text = "\n".join(gzip.decompress(path.read_bytes()).decode("utf-8") for path in fragments)
    assert "zqxbody" in text and "zqxnotebody" in text
