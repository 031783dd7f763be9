"""The search expectations file: its format, its errors, and how outcomes are scored."""

from __future__ import annotations

import pytest

from lanterne.check import search


def test_queries_get_the_default_language_and_thresholds_default_to_hit_at_3(tmp_path):
    path = tmp_path / search.QUERIES_FILE
    path.write_text("queries:\n  - {q: facture, expect: [factures/envoyer]}\n  - {q: invoice, expect: [factures/envoyer], lang: en}\n")
    query_set = search.load_queries(path, default_language="fr")
    assert [query.lang for query in query_set.queries] == ["fr", "en"]
    assert query_set.thresholds == {"hit@3": 0.9}


# Columns: the file's text, the error.
MISTAKES = [
    ("queries: [\n", ".search-queries.yml: invalid YAML"),
    ("queries: []\n", ".search-queries.yml: queries: List should have at least 1 item after validation, not 0 (1 problem(s))"),
    (
        "queries:\n  - {q: x, expect: []}\n",
        ".search-queries.yml: queries.0.expect: List should have at least 1 item after validation, not 0",
    ),
    ("queries:\n  - {q: x, expected: [a]}\n", ".search-queries.yml: queries.0.expect: Field required (2 problem(s))"),
    (
        "thresholds: {hit@5: 0.5}\nqueries:\n  - {q: x, expect: [a]}\n",
        ".search-queries.yml: thresholds.hit@5.[key]: Input should be 'hit@1' or 'hit@3'",
    ),
    (
        "thresholds: {hit@3: 90}\nqueries:\n  - {q: x, expect: [a]}\n",
        ".search-queries.yml: thresholds.hit@3: Input should be less than or equal to 1",
    ),
]


@pytest.mark.parametrize(("text", "error"), MISTAKES)
def test_a_wrong_queries_file_names_the_key(tmp_path, text, error):
    path = tmp_path / search.QUERIES_FILE
    path.write_text(text)
    with pytest.raises(search.QueryFileError) as raised:
        search.load_queries(path, default_language="fr")
    assert str(raised.value).startswith(error)


def test_figures_and_misses():
    queries = [search.Query(q="a", expect=["x"]), search.Query(q="b", expect=["y", "z"]), search.Query(q="c", expect=["w"])]
    outcomes = [search.Outcome(queries[0], ["x"]), search.Outcome(queries[1], ["q", "z"]), search.Outcome(queries[2], ["q"])]
    assert search.figures(outcomes) == {"hit@1": 1 / 3, "hit@3": 2 / 3}
    assert search.below(outcomes, {"hit@3": 0.5}) == []
    assert search.below(outcomes, {"hit@3": 0.9, "hit@1": 0.5}) == [
        ".search-queries.yml: hit@3 = 0.67, below 0.90",
        ".search-queries.yml: hit@1 = 0.33, below 0.50",
        "miss@3: 'c' (None) -> ['q'], expected one of ['w']",
    ]
