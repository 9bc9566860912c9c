"""Stage 3, analyze: a pure function of one Article (no store, no globals but the model).

That is what lets the same code run in-process, in a process pool or in Spark.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from ..clean import clean
from ..model import Analysis, Article, RawDocument
from . import nlp as _nlp
from .attributions import extract_attributions
from .dates import estimate_published
from .entities import extract_entities
from .events import extract_events
from .quantities import extract_quantities


def analyze(article: Article, nlp: Language | None = None) -> Analysis:
    """Everything accordingto can say about one article."""
    return next(analyze_many([article], nlp))


def analyze_many(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Analysis]:
    """Analyze a stream of articles with bounded memory, batching the spaCy work."""
    nlp = nlp or _nlp.load()
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        for article, doc in zip(batch, nlp.pipe(a.text for a in batch), strict=True):
            yield analyze_doc(article, doc)


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Run every extractor over an already parsed Doc of `article.text`."""
    attributions, claims = extract_attributions(doc, article)
    entities = extract_entities(doc, attributions)
    quantities = extract_quantities(doc)
    estimate = estimate_published(doc, article)
    events = extract_events(doc, attributions, entities, article, estimate)
    return Analysis(
        article=article,
        attributions=attributions,
        claims=claims,
        quantities=quantities,
        events=events,
        entities=entities,
        published_estimate=estimate,
    )


def analyze_text(text: str, *, file: str = "<text>", uri: str = "", format: str = "text") -> Analysis:
    """Clean and analyze one article given as plain text (or HTML with format="html")."""
    return analyze(clean(RawDocument(file=file, uri=uri, content=text, format=format)))  # type: ignore[arg-type]


class _CallableStage(types.ModuleType):
    """Calling this package, `accordingto.analyze(text)`, is the notebook entry point."""

    def __call__(self, text: str, **kwargs: str) -> Analysis:
        return analyze_text(text, **kwargs)


sys.modules[__name__].__class__ = _CallableStage
