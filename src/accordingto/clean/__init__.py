"""Stage 2, clean: body versus boilerplate, and metadata with its verbatim evidence."""

from __future__ import annotations

from ..model import Article, RawDocument


def clean(doc: RawDocument) -> Article:
    """Return the cleaned Article: body text, removed boilerplate lines, title, outlet,
    republished_from and published, each with the evidence that shows it."""
    raise NotImplementedError
