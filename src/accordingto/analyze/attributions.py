"""Who said what: attributions with sources, cues, via-chains, hedges and polarity."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Attribution, Claim


def extract_attributions(doc: Doc, article: Article) -> tuple[list[Attribution], list[Claim]]:
    """Attributions in document order, and the claims (hedged or not) they and the outlet make."""
    return [], []
