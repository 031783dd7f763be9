"""Home, collection, article and tag pages of a small real help centre, public and internal."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import Built, run_build, write_site

CONTACT = {"url": "https://ardoise.example/contact", "label": {"fr": "Écrire au support", "en": "Write to us"}}

FILES = {
    "factures/envoi/index.md": "---\ntitle: Envoi par email\norder: 1\n---\n",
    "factures/envoi/index.en.md": "---\ntitle: Sending by email\n---\n",
    "factures/envoi/relancer.md": """\
        ---
        title: Relancer un client
        description: 'Avec "guillemets" & <b>balises</b>'
        author: lea
        updated: 2024-09-13
        created: 2024-01-02
        tags: [email, relance]
        related: [factures/envoyer.md, factures/secret.md]
        ---

        ## Étape 1

        Texte.
        """,
    "factures/envoi/relancer.en.md": "---\ntitle: Remind a customer\nupdated: 2024-09-10\ntags: [email]\n---\n\nBody.\n",
    "factures/numeroter.md": "---\ntitle: Numéroter\nauthor: lea\nupdated: 2024-05-01\norder: 1\ntags: [numérotation]\n---\n\nTexte.\n",
    "factures/secret.md": "---\ntitle: Procédure interne\naudience: internal\nauthor: lea\nupdated: 2024-05-01\ntags: [email]\n---\n\nX.\n",
    "devis/piege.md": """\
        ---
        title: "Piège <script>alert('titre')</script> & co"
        description: "<img src=x onerror=alert(1)>"
        author: sophie
        updated: 2024-05-01
        ---

        Texte.
        """,
    "devis/index.md": "---\ntitle: Devis\norder: 2\nicon: material/file-document\n---\n",
    "devis/creer.md": "---\ntitle: Créer un devis\nauthor: sophie\nupdated: 2024-05-01\ntags: [email]\n---\n\nTexte.\n",
}


def _build(tmp_path_factory, audience: str) -> Built:
    root = tmp_path_factory.mktemp(audience)
    built = run_build(
        write_site(root, FILES, extra={"audience": audience, "contact": CONTACT, "feedback": {"endpoint": "/feedback/reactions"}})
    )
    assert built.ok, built.errors()
    return built


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Built:
    return _build(tmp_path_factory, "public")


@pytest.fixture(scope="module")
def internal(tmp_path_factory) -> Built:
    return _build(tmp_path_factory, "internal")


def _texts(page: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(element.get_text(" ", strip=True).split()) for element in page.select(selector)]


def _jsonld(page: BeautifulSoup) -> dict[str, dict]:
    objects = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    return {data["@type"]: data for data in objects}


# Home


def test_home_has_hero_search_and_cards_in_order(public):
    page = public.html("")
    assert _texts(page, ".lt-hero h1") == ["Comment pouvons-nous vous aider ?"]
    search = page.select_one('.lt-hero form[role="search"] input[type="search"]')
    assert search["placeholder"] == "Rechercher des articles..."
    assert page.select_one(f'label[for="{search["id"]}"]')
    assert _texts(page, ".lt-card__title") == ["Factures", "Devis"]


def test_home_cards_count_only_published_articles_with_their_authors(public, internal):
    card = public.html("").select(".lt-card")[0]
    assert _texts(card, ".lt-authors__count") == ["3 articles"]  # the internal article is not counted
    assert "Par Léa et 1 autre" in _texts(card, ".lt-authors")[0]
    assert len(card.select(".lt-avatar")) == 2
    assert _texts(internal.html("").select(".lt-card")[0], ".lt-authors__count") == ["4 articles"]


def test_english_home_is_in_english(public):
    page = public.html("en/")
    assert page.html["lang"] == "en"
    assert page.select_one(".lt-search__input")["placeholder"] == "Search for articles..."
    card = page.select_one(".lt-card")
    assert _texts(card, ".lt-card__title") == ["Invoices"]
    assert _texts(card, ".lt-authors__count") == ["2 articles"]
    assert "and 1 other" in _texts(card, ".lt-authors")[0]


# Collection


def test_collection_page_has_breadcrumb_authors_sections_and_articles(public):
    page = public.html("factures/")
    assert _texts(page, ".lt-breadcrumb li") == ["Toutes les collections", "Factures"]
    assert _texts(page, "h1") == ["Factures"]
    assert "Par Léa et 1 autre" in _texts(page, ".lt-collection .lt-authors")[0]
    assert _texts(page, ".lt-collection ~ .lt-list .lt-list__title") == ["Numéroter", "Envoyer une facture"]
    assert _texts(page, ".lt-section h2") == ["Envoi par email"]
    assert _texts(page, ".lt-section .lt-list__title") == ["Relancer un client"]


# Article


@pytest.fixture(scope="module")
def article(public) -> BeautifulSoup:
    return public.html("factures/envoi/relancer/")


def test_article_breadcrumb_has_every_level(article):
    assert _texts(article, ".lt-breadcrumb li") == ["Toutes les collections", "Factures", "Envoi par email"]
    assert [a["href"] for a in article.select(".lt-breadcrumb a")] == ["../../..", "../../", "../"]


def test_article_header_title_description_author_and_date(article):
    assert _texts(article, "h1") == ["Relancer un client"]
    assert _texts(article, ".lt-lead") == ['Avec "guillemets" & <b>balises</b>']
    assert not article.select(".lt-lead b")
    assert _texts(article, ".lt-byline__author") == ["Écrit par Léa Dubois"]
    assert _texts(article, ".lt-byline .lt-avatar--initials") == ["LD"]
    time = article.select_one(".lt-updated time")
    assert time["datetime"] == "2024-09-13"
    assert time.get_text(strip=True) == "13 septembre 2024"
    assert time["title"] == "13 septembre 2024"
    labels = json.loads(article.select_one(".lt-updated")["data-lt-relative"])
    assert labels["months"] == "Mis à jour il y a plus de {n} mois"


def test_article_tags_link_to_the_language_tag_page(article, public):
    links = article.select(".lt-tags a")
    assert [a.get_text(strip=True) for a in links] == ["email", "relance"]
    assert [a["href"] for a in links] == ["../../../tags/#tag:email", "../../../tags/#tag:relance"]
    english = public.html("en/factures/envoi/relancer/").select(".lt-tags a")
    assert [a["href"] for a in english] == ["../../../tags/#tag:email"]  # /en/tags/


def test_related_articles_put_chosen_first_and_never_internal_or_itself(article, internal):
    titles = _texts(article, ".lt-related .lt-list__title")
    assert titles[0] == "Envoyer une facture"
    assert set(titles) == {"Envoyer une facture", "Créer un devis"}
    assert "Relancer un client" not in titles
    internal_titles = _texts(internal.html("factures/envoi/relancer/"), ".lt-related .lt-list__title")
    assert any(title.startswith("Procédure interne") for title in internal_titles)


def test_reaction_block_is_a_group_labelled_by_the_question(article):
    group = article.select_one('.lt-reactions [role="group"]')
    question = article.find(id=group["aria-labelledby"])
    assert question.get_text(strip=True) == "Avez-vous trouvé la réponse à votre question ?"
    buttons = group.select("button")
    assert [b["value"] for b in buttons] == ["sad", "neutral", "happy"]
    assert all(b.get_text(strip=True) for b in buttons)


def test_contact_block_uses_the_configured_link_in_the_page_language(article, public):
    assert _texts(article, ".lt-contact h2") == ["Besoin d'aide ?"]
    link = article.select_one(".lt-contact a")
    assert (link["href"], link.get_text(strip=True)) == (CONTACT["url"], "Écrire au support")
    english = public.html("en/factures/envoi/relancer/")
    assert _texts(english, ".lt-contact h2") == ["Still need help?"]
    assert _texts(english, ".lt-contact a") == ["Write to us"]


def test_article_has_no_site_navigation_tree_but_keeps_its_toc(article):
    assert not article.select(".md-sidebar--primary")
    assert _texts(article, '.md-sidebar--secondary [data-md-component="toc"] a') == ["Étape 1"]


def test_skip_link_leads_to_the_main_content(article, public):
    for page in (article, public.html(""), public.html("factures/"), public.html("tags/")):
        skip = page.select_one("a.md-skip")
        assert skip.get_text(strip=True) == "Passer au contenu principal"
        assert page.select_one(skip["href"]) is not None
    assert public.html("en/").select_one("a.md-skip").get_text(strip=True) == "Skip to main content"


def test_article_structured_data(article):
    data = _jsonld(article)
    assert data["Article"]["headline"] == "Relancer un client"
    assert data["Article"]["dateModified"] == "2024-09-13"
    assert data["Article"]["datePublished"] == "2024-01-02"
    assert data["Article"]["author"] == {"@type": "Person", "name": "Léa Dubois"}
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Toutes les collections", "Factures", "Envoi par email", "Relancer un client"]
    assert [c["position"] for c in crumbs] == [1, 2, 3, 4]
    assert crumbs[0]["item"] == "https://aide.example/"
    assert crumbs[-1]["item"] == "https://aide.example/factures/envoi/relancer/"


def test_meta_description_and_canonical_are_escaped(article):
    head = article.head
    assert head.select_one('meta[name="description"]')["content"] == 'Avec "guillemets" & <b>balises</b>'
    assert not head.select("b")
    assert head.select_one('link[rel="canonical"]')["href"] == "https://aide.example/factures/envoi/relancer/"
    assert article.title.get_text() == "Relancer un client - Aide"


# Tag pages


def test_tag_page_lists_articles_of_its_language_with_their_collection(public):
    page = public.html("tags/")
    assert _texts(page, "h1") == ["Étiquettes"]
    email = page.find(id="tag:email")
    listing = email.find_next_sibling("ul")
    items = {
        item.select_one(".lt-list__title").get_text(strip=True): item.select_one(".lt-list__description").get_text(" ", strip=True)
        for item in listing.select("li")
    }
    assert items == {"Créer un devis": "Devis", "Envoyer une facture": "Factures", "Relancer un client": "Factures \u203a Envoi par email"}
    english = public.html("en/tags/")
    assert english.html["lang"] == "en"
    titles = _texts(english.find(id="tag:email").find_next_sibling("ul"), ".lt-list__title")
    assert titles == ["Remind a customer"]


def test_author_text_is_escaped_wherever_material_prints_it(public):
    page = public.html("devis/piege/")
    title = "Piège <script>alert('titre')</script> & co"
    assert not [script for script in page.select("script:not([type='application/ld+json'])") if "alert" in (script.string or "")]
    assert not page.select("img[onerror]")
    assert _jsonld(page)["Article"]["headline"] == title
    assert page.select_one("[data-md-component=header-topic] .md-ellipsis").get_text(strip=True) == title
    assert page.title.get_text() == f"{title} - Aide"
    assert page.select_one('meta[name="description"]')["content"] == "<img src=x onerror=alert(1)>"
    assert _texts(page, "h1") == [title]


def test_articles_may_use_tabs_and_bare_links_whatever_the_site_lists(make_site):
    body = (
        '=== "Web"\n\n    Ouvrez **Factures**.\n\n=== "Mobile"\n\n    Touchez Factures.\n\n'
        "Voir https://ardoise.example/tarifs ou aide@ardoise.example.\n"
    )
    built = make_site({"factures/onglets.md": "---\ntitle: Onglets\nauthor: sophie\nupdated: 2024-09-02\n---\n\n" + body})
    assert built.ok, built.errors()
    page = built.html("factures/onglets/")
    assert [label.get_text(strip=True) for label in page.select(".tabbed-set.tabbed-alternate .tabbed-labels label")] == ["Web", "Mobile"]
    bare = ("https://ardoise.example/tarifs", "aide@ardoise.example")
    hrefs = [a["href"] for a in page.select(".md-content p a") if a.get_text() in bare]
    assert hrefs == ["https://ardoise.example/tarifs", "mailto:aide@ardoise.example"]


def test_a_large_collection_lists_its_articles_from_a_to_z_with_a_letter_index(make_site):
    names = [f"Application {n:02}" for n in range(26)] + ["Écran d'accueil", "Nextcloud", "Zapier", "2FA", "Banque"]
    files = {
        f"apps/a{n:02}.md": f'---\ntitle: "{name}"\nauthor: sophie\nupdated: 2024-09-02\n---\n\nTexte.\n' for n, name in enumerate(names)
    }
    built = make_site({"apps/index.md": "---\ntitle: Applications\n---\n", **files})
    assert built.ok, built.errors()
    page = built.html("apps/")
    letters = [a.get_text() for a in page.select("nav.lt-alphabet a")]
    assert letters == ["A", "B", "E", "N", "Z", "#"]
    for link in page.select("nav.lt-alphabet a"):
        heading = page.find(id=link["href"].removeprefix("#"))
        assert heading is not None and heading.get_text(strip=True) == link.get_text()
    e_group = page.find(id="lt-letter-e").find_next_sibling("ul")
    assert [t.get_text(strip=True) for t in e_group.select(".lt-list__title")] == ["Écran d'accueil"]
    assert len(page.select(".lt-list .lt-list__title")) == len(names)
    small = built.html("factures/")
    assert small.select_one("nav.lt-alphabet") is None  # a small collection stays one list
