"""Related articles: chosen ones first, then same sub-collection and shared tags; never itself, at most five."""

from __future__ import annotations

from datetime import date

import pytest

from lanterne.content.model import Article, HelpCentre, Settings
from lanterne.views import related
from lanterne.views.index import _sort_key


def _article(base: str, *, tags: tuple[str, ...] = (), chosen: tuple[str, ...] = (), lang: str = "fr") -> Article:
    collection = base.rsplit("/", 1)[0]
    return Article(
        id=base,
        base=base,
        lang=lang,
        src_path=f"{base}.md",
        url=f"{base}/",
        collection=collection,
        title=base.rsplit("/", 1)[1],
        author="sophie",
        updated=date(2024, 9, 13),
        tags=list(tags),
        related=[f"{path}.md" for path in chosen],
    )


def _centre(*articles: Article) -> HelpCentre:
    centre = HelpCentre(settings=Settings())
    centre.articles = {(a.base, a.lang): a for a in articles}
    return centre


def _titles(centre: HelpCentre, base: str, lang: str = "fr") -> list[str]:
    return [a.title for a in related.build(centre, sort_key=_sort_key)[(base, lang)]]


CENTRE = _centre(
    _article("f/envoi/a", tags=("email",), chosen=("p/z", "f/envoi/a", "f/gone")),
    _article("f/envoi/b"),
    _article("f/envoi/c", tags=("email",)),
    _article("f/creation/d", tags=("email", "pdf")),
    _article("p/z"),
    _article("p/y", tags=("Email",)),
    _article("f/envoi/a", tags=("email",), lang="en"),
    _article("f/envoi/b", tags=("email",), lang="en"),
)

# columns: article, expected related titles in order
CASES = [
    # chosen first (itself and unknown paths skipped), then same sub-collection sharing a tag, then the rest by score;
    # b is in the same sub-collection but shares nothing with a
    ("f/envoi/a", ["z", "c", "d", "y"]),
    # no tags, no choice, no telling word in common: no block, rather than its alphabetical neighbours
    ("f/envoi/b", []),
    # shared tags rank (ties by title), tags compared without case; z, its sub-collection's other article, shares nothing
    ("p/y", ["a", "c", "d"]),
]


@pytest.mark.parametrize(("base", "expected"), CASES)
def test_related_order(base, expected):
    assert _titles(CENTRE, base) == expected


def test_related_stays_in_the_articles_language():
    assert _titles(CENTRE, "f/envoi/a", "en") == ["b"]


def test_related_is_capped_and_never_the_article_itself():
    centre = _centre(*(_article(f"f/x/{n:03}", tags=("t",)) for n in range(40)))
    result = related.build(centre, sort_key=_sort_key)
    assert all(len(items) == related.LIMIT for items in result.values())
    assert all(key not in {(a.base, a.lang) for a in items} for key, items in result.items())


def test_related_looks_at_a_bounded_window_of_neighbours():
    # Each article looks at no more than WINDOW neighbours per group, so a big collection stays linear.
    articles = [_article(f"f/x/{n:04}", tags=("t",)) for n in range(500)]
    result = related.build(_centre(*articles), sort_key=_sort_key)
    assert [a.title for a in result[("f/x/0100", "fr")]] == ["0101", "0102", "0103", "0104", "0105"]


def _titled(base: str, title: str, description: str = "") -> Article:
    article = _article(base)
    article.title, article.description = title, description
    return article


def test_without_tags_related_articles_share_telling_words_not_alphabetical_neighbours():
    apps = [
        _titled("apps/nextcloud", "Connecter Nextcloud", "Synchroniser vos fichiers avec votre instance Nextcloud."),
        _titled("apps/nitter", "Nitter", "Une interface légère pour suivre des comptes."),
        _titled("apps/noalyss", "Noalyss", "La comptabilité en partie double."),
        _titled("apps/nocodb", "NocoDB", "Des tableaux comme une base de données."),
        _titled("apps/agenda", "Agenda Nextcloud", "Partager un agenda depuis votre instance."),
        *(_titled(f"apps/z{n:02}", f"Zapp {n}", "Une application pour votre équipe.") for n in range(20)),
    ]
    centre = _centre(*apps)
    assert _titles(centre, "apps/nextcloud") == ["Agenda Nextcloud"]
    assert _titles(centre, "apps/nitter") == []
