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
    _article("f/envoi/b", lang="en"),
)

# columns: article, expected related titles in order
CASES = [
    # chosen first (itself and unknown paths skipped), then same sub-collection sharing a tag, then the rest by score
    ("f/envoi/a", ["z", "c", "b", "d", "y"]),
    # no tags, no choice: its sub-collection
    ("f/envoi/b", ["a", "c"]),
    # a shared tag weighs as much as the same sub-collection (ties by title); tags compared without case
    ("p/y", ["a", "c", "d", "z"]),
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
    articles = [_article(f"f/x/{n:04}") for n in range(500)]
    result = related.build(_centre(*articles), sort_key=_sort_key)
    assert [a.title for a in result[("f/x/0100", "fr")]] == ["0101", "0102", "0103", "0104", "0105"]
