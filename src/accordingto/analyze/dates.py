"""Publication-date estimates from clues in the text, and normalization of time expressions."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, DateEstimate


def estimate_published(doc: Doc, article: Article) -> DateEstimate | None:
    return None
