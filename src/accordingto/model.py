"""The nouns of accordingto (see DESIGN.md): plain dataclasses shared by every stage.

Every fact points at the characters that support it: a `Span` holds offsets into the
cleaned `Article.text` and the verbatim string, and `Span.check(text)` must hold.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "indirect", "mixed", "according_to"]
SourceType = Literal["person", "organisation", "government", "media_outlet", "anonymous", "document"]
Polarity = Literal["assert", "deny", "accuse", "warn", "question"]
Certainty = Literal["asserted", "hedged", "attributed", "denied"]
Modality = Literal["actual", "planned", "hypothetical", "negated"]
Granularity = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of the cleaned text, with the verbatim string."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def check(self, text: str) -> bool:
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.text


@dataclass(slots=True)
class Evidence:
    """A metadata value with the verbatim line that shows it and where it came from."""

    value: str | None  # None: the evidence shows there is a value but does not name it
    evidence: str | None = None
    origin: str = "text"  # text | html | warc | record | url | table


@dataclass(slots=True)
class RawDocument:
    """One item as read from an input, before cleaning.

    `file` names the item for people and scorers (a file's base name, or `name#N` for the
    N-th record of a container). `hints` carry metadata the container knew (title, url,
    published, outlet) so that cleaning can weigh them with the text's own evidence.
    """

    file: str
    uri: str
    content: str
    format: Literal["text", "html", "record"]
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ItemError:
    """One bad input item: the run goes on, the item is reported and stored in `errors`."""

    item: str
    reason: str
    stage: str = "ingest"

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(slots=True)
class DateEstimate:
    earliest: str
    latest: str
    reasoning: str


@dataclass(slots=True)
class Article:
    """One cleaned document. `text` is the body with the headline as its first paragraph
    (when the input had one) and paragraphs separated by a blank line."""

    file: str
    uri: str
    text: str
    title: str | None = None
    outlet: Evidence | None = None
    republished_from: Evidence | None = None
    published: Evidence | None = None
    published_estimate: DateEstimate | None = None
    boilerplate: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_id(self.text, self.location)

    @property
    def location(self) -> str:
        """Where the article was published: its URL when known, else its file name.

        A path is not used: the same file ingested from another working directory is the
        same article.
        """
        return self.uri if "://" in self.uri else self.file


def content_id(text: str, location: str = "") -> str:
    """Articles are keyed by a hash of their cleaned text and location: the same input twice is
    one row, while the same text published at two places stays two publications (a copy)."""
    return hashlib.sha256(f"{location}\n{text}".encode()).hexdigest()[:16]


@dataclass(slots=True)
class Attribution:
    sentence: Span
    content: Span
    kind: Kind
    cue: Span | None
    source_text: Span | None
    source: str | None
    source_type: SourceType | None
    source_role: str | None = None
    recipient_or_medium: str | None = None
    via: list[str] = field(default_factory=list)
    hedges: list[Span] = field(default_factory=list)
    polarity: Polarity = "assert"


@dataclass(slots=True)
class Claim:
    """A check-worthy statement; `attribution` indexes Analysis.attributions (None: the outlet's voice)."""

    span: Span
    certainty: Certainty
    attribution: int | None = None
    hedges: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Quantity:
    sentence: Span
    span: Span
    value: float
    approximate: bool
    approximator: str | None = None
    unit_or_object: str | None = None


@dataclass(slots=True)
class TimeExpr:
    span: Span
    date: str | None = None  # ISO, normalized against the publication date when known
    granularity: Granularity | None = None


@dataclass(slots=True)
class Event:
    type: str
    trigger: Span
    sentence: Span
    agent: str | None = None
    patient: str | None = None
    place: str | None = None
    time: TimeExpr | None = None
    attributed_to: str | None = None
    modality: Modality = "actual"


@dataclass(slots=True)
class Entity:
    canonical: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, ...
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """Everything `analyze` knows about one article: a pure function of the article."""

    article: Article
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    published_estimate: DateEstimate | None = None  # from the text's clues; the Article's own wins

    def to_record(self) -> dict[str, Any]:
        """The per-article JSON contract read by external scorers (../shared/gold/README.md)."""
        return analysis_record(self)


def _span(s: Span | None) -> str | None:
    return s.text if s else None


def _offsets(s: Span | None) -> list[int] | None:
    return [s.start, s.end] if s else None


def _evidence(e: Evidence | None) -> tuple[str | None, str | None]:
    return (e.value, e.evidence) if e else (None, None)


def analysis_record(a: Analysis) -> dict[str, Any]:
    art = a.article
    outlet, outlet_evidence = _evidence(art.outlet)
    republished, republished_evidence = _evidence(art.republished_from)
    published, published_evidence = _evidence(art.published)
    return {
        "file": art.file,
        "id": art.id,
        "uri": art.uri,
        "outlet": outlet,
        "outlet_evidence": outlet_evidence,
        "republished_from": republished,
        "republished_evidence": republished_evidence,
        "title": art.title,
        "published": published,
        "published_evidence": published_evidence,
        "published_estimate": asdict(estimate) if (estimate := art.published_estimate or a.published_estimate) else None,
        "boilerplate": list(art.boilerplate),
        "attributions": [attribution_record(x) for x in a.attributions],
        "unattributed_hedged_claims": [
            c.span.text for c in a.claims if c.certainty == "hedged" and c.attribution is None
        ],
        "claims": [
            {
                "text": c.span.text,
                "span": _offsets(c.span),
                "certainty": c.certainty,
                "attribution": c.attribution,
                "hedges": [h.text for h in c.hedges],
            }
            for c in a.claims
        ],
        "quantities": [
            {
                "sentence": q.sentence.text,
                "text": q.span.text,
                "span": _offsets(q.span),
                "value": q.value,
                "approximate": q.approximate,
                "approximator": q.approximator,
                "unit_or_object": q.unit_or_object,
            }
            for q in a.quantities
        ],
        "events": [
            {
                "type": e.type,
                "trigger": e.trigger.text,
                "trigger_span": _offsets(e.trigger),
                "sentence": e.sentence.text,
                "agent": e.agent,
                "patient": e.patient,
                "place": e.place,
                "time": e.time.span.text if e.time else None,
                "time_normalized": (
                    {"date": e.time.date, "granularity": e.time.granularity} if e.time and e.time.date else None
                ),
                "attributed_to": e.attributed_to,
                "modality": e.modality,
            }
            for e in a.events
        ],
        "entities": [
            {
                "canonical": ent.canonical,
                "type": ent.type,
                "mentions": sorted({m.text for m in ent.mentions}),
                "spans": [_offsets(m) for m in ent.mentions],
            }
            for ent in a.entities
        ],
    }


def attribution_record(x: Attribution) -> dict[str, Any]:
    return {
        "sentence": x.sentence.text,
        "content": x.content.text,
        "kind": x.kind,
        "cue": _span(x.cue),
        "source_text": _span(x.source_text),
        "source": x.source,
        "source_type": x.source_type,
        "source_role": x.source_role,
        "recipient_or_medium": x.recipient_or_medium,
        "via": list(x.via),
        "hedges": [h.text for h in x.hedges],
        "polarity": x.polarity,
        "spans": {
            "sentence": _offsets(x.sentence),
            "content": _offsets(x.content),
            "cue": _offsets(x.cue),
            "source_text": _offsets(x.source_text),
            "hedges": [_offsets(h) for h in x.hedges],
        },
    }
