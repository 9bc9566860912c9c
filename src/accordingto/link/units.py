"""Claim units: the sentences of an article that carry a claim, with what linking compares.

A unit is a sentence the analyzer found a claim, attribution, figure or event in (or, where the
analysis is thin, any sentence with a quotation or a number), with its figures, quotations,
stated source, hedges, polarity, event types and names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Analysis, Attribution, Quantity, Span
from .text import content_words, hedges_in, name_key, object_class, quotations, sentences

_APPROXIMATORS = frozenset(
    ["about", "around", "roughly", "approximately", "some", "nearly", "almost", "estimated", "an estimated",
     "at least", "more than", "up to", "as many as", "over", "close to"]
)
_NUMBERISH = re.compile(r"\d|\b(?:dozens?|hundreds?|thousands?|millions?|billions?)\b", re.I)


@dataclass(slots=True)
class Figure:
    text: str
    value: float
    approximate: bool
    approximator: str | None
    counts: str | None  # what it counts, as a class ("dead", "euro", …)
    span: Span


@dataclass(slots=True)
class Unit:
    article_id: str
    idx: int  # sentence start: stable across runs
    sentence: Span
    tokens: set[str]
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)
    source: str | None = None
    source_text: str | None = None  # the source as the sentence words it ("the regional electoral commission")
    source_type: str | None = None
    via: list[str] = field(default_factory=list)
    recipient: str | None = None
    polarity: str = "assert"
    hedges: list[str] = field(default_factory=list)
    events: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.idx)


def _inside(span: Span, sentence: Span) -> bool:
    return sentence.start <= span.start and span.end <= sentence.end


def _figure(q: Quantity, sentence: Span) -> Figure:
    after = sentence.text[q.span.end - sentence.start :]
    counts = object_class(q.unit_or_object, sentence.text, after)
    return Figure(q.span.text, q.value, q.approximate, q.approximator, counts, q.span)


def units_of(a: Analysis, article_id: str | None = None) -> list[Unit]:
    """The claim units of `a`, keyed by `article_id` (the store's key; by default the article's id)."""
    aid = article_id or a.article.id
    text = a.article.text
    spans: dict[int, Span] = {}

    def claim_sentence(s: Span | None) -> None:
        if s is None or not s.text.strip():
            return
        lead = len(s.text) - len(s.text.lstrip())
        s = Span(s.start + lead, s.start + lead + len(s.text.strip()), s.text.strip())
        if not any(u.start < s.end and s.start < u.end for u in spans.values()):
            spans[s.start] = s

    # Rows read back from a store may lack spans: they are skipped, never fatal.
    attributions = [x for x in a.attributions if x.sentence is not None and x.content is not None]
    claims = [c for c in a.claims if c.span is not None]
    quantities = [q for q in a.quantities if q.span is not None and q.sentence is not None]
    events = [e for e in a.events if e.trigger is not None and e.sentence is not None]
    for x in attributions:
        claim_sentence(x.sentence)
    for c in claims:
        claim_sentence(c.span)
    for q in quantities:
        claim_sentence(q.sentence)
    for e in events:
        claim_sentence(e.sentence)
    for p in sentences(text):
        if (quotations(p.text) or _NUMBERISH.search(p.text)) and len(p.text) > 20:
            claim_sentence(Span(p.start, p.end, p.text))
    units = []
    for start in sorted(spans):
        s = spans[start]
        u = Unit(aid, start, s, content_words(s.text))
        u.figures = [_figure(q, s) for q in quantities if _inside(q.span, s)]
        u.quotes = [Span(p.start, p.end, p.text) for p in quotations(s.text, s.start)]
        attr = _attribution_for(attributions, s)
        if attr is not None:
            u.source, u.source_type, u.via = attr.source, attr.source_type, list(attr.via)
            u.source_text = attr.source_text.text if attr.source_text else None
            u.recipient, u.polarity = attr.recipient_or_medium, attr.polarity
            u.hedges = [h.text for h in attr.hedges if not _not_a_claim_hedge(h.text)]
        for c in claims:
            if _inside(c.span, s) or _inside(s, c.span):
                u.hedges += [h.text for h in c.hedges if not _not_a_claim_hedge(h.text)]
                if c.certainty == "denied":
                    u.polarity = "deny"
        u.hedges = list(dict.fromkeys(u.hedges + hedges_in(_outside_quotes(s.text, u.quotes, s.start))))
        u.events = {e.type for e in events if _inside(e.trigger, s) and e.modality != "negated"}
        u.names = {name_key(ent.canonical) for ent in a.entities for m in ent.mentions if _inside(m, s)}
        units.append(u)
    return units


def _not_a_claim_hedge(word: str) -> bool:
    """Approximators ("about", "some") qualify a figure, losing one is an approximator change;
    scare quotes (‘purge’) doubt a word, not the claim: neither counts as the claim's hedge."""
    return word.casefold().strip() in _APPROXIMATORS or word.strip()[:1] in "'\"‘’“”"


def _attribution_for(attributions: list[Attribution], s: Span) -> Attribution | None:
    """The attribution whose sentence overlaps this one most (named sources preferred)."""
    best, best_overlap = None, 0
    for x in attributions:
        overlap = min(x.sentence.end, s.end) - max(x.sentence.start, s.start)
        if overlap <= 0:
            continue
        overlap += 1 if x.source else 0
        if overlap > best_overlap:
            best, best_overlap = x, overlap
    return best


def _outside_quotes(text: str, quotes: list[Span], offset: int) -> str:
    """The sentence with its quotations blanked: a speaker's own 'may' is theirs, not a hedge."""
    chars = list(text)
    for q in quotes:
        for i in range(q.start - offset, q.end - offset):
            chars[i] = " "
    return "".join(chars)
