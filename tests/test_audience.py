"""Internal notes disappear from the public build before Markdown is rendered."""

from __future__ import annotations

import pytest

from lanterne.views.audience import strip_internal_notes

# Columns: Markdown in, Markdown out.
CASES = [
    ('Avant\n\n!!! internal "Support"\n    Secret\n\n    Suite\n\nAprès', "Avant\n\nAprès"),
    ("??? internal\n    Secret\nAprès", "Après"),
    ('???+ internal "Ouvert"\n    Secret\n', ""),
    ("1. Étape\n\n    !!! internal\n        Secret\n\n    Suite de l'étape", "1. Étape\n\n    Suite de l'étape"),
    ("!!! note\n    Public\n", "!!! note\n    Public\n"),
    ("```\n!!! internal\n    exemple\n```", "```\n!!! internal\n    exemple\n```"),
    ("!!! internals\n    pas une note interne", "!!! internals\n    pas une note interne"),
]


@pytest.mark.parametrize(("markdown", "expected"), CASES)
def test_strip_internal_notes(markdown, expected):
    assert strip_internal_notes(markdown) == expected
