"""Mapping between the nouns (model.py) and the rows of the DuckDB tables, both ways."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    DateEstimate,
    Entity,
    Event,
    Evidence,
    ItemError,
    Quantity,
    Span,
    TimeExpr,
)


def entity_id(canonical: str, type_: str) -> str:
    """Canonical entities are shared across articles: one id per (type, name)."""
    return hashlib.sha256(f"{type_}\t{canonical.casefold()}".encode()).hexdigest()[:16]


def _date(value: str | None) -> date | None:
    """A valid ISO date or None: a malformed date must not fail a whole batch."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _span_cols(prefix: str, span: Span | None, *, text_col: str | None = None) -> dict[str, Any]:
    cols: dict[str, Any] = {
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
    }
    cols[text_col or prefix] = span.text if span else None
    return cols


def table_rows(analyses: Iterable[Analysis], errors: Iterable[ItemError] = ()) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for a batch: what `Store.write` inserts and a Parquet part holds."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for a in analyses:
        for table, rows in rows_for(a).items():
            tables.setdefault(table, []).extend(rows)
    tables["errors"] = [{"item": e.item, "stage": e.stage, "reason": e.reason} for e in errors]
    return tables


def rows_for(a: Analysis) -> dict[str, list[dict[str, Any]]]:
    art = a.article
    aid = art.id
    estimate = art.published_estimate or a.published_estimate
    article = {
        "id": aid,
        "file": art.file,
        "uri": art.uri,
        "title": art.title,
        "outlet": art.outlet.value if art.outlet else None,
        "outlet_evidence": art.outlet.evidence if art.outlet else None,
        "republished_from": art.republished_from.value if art.republished_from else None,
        "republished_evidence": art.republished_from.evidence if art.republished_from else None,
        "published": _date(art.published.value) if art.published else None,
        "published_evidence": art.published.evidence if art.published else None,
        "estimate_earliest": _date(estimate.earliest) if estimate else None,
        "estimate_latest": _date(estimate.latest) if estimate else None,
        "estimate_reasoning": estimate.reasoning if estimate else None,
        "text": art.text,
        "boilerplate": list(art.boilerplate),
    }
    attributions = [
        {
            "article_id": aid,
            "idx": i,
            **_span_cols("sentence", x.sentence),
            **_span_cols("content", x.content),
            "kind": x.kind,
            **_span_cols("cue", x.cue),
            **_span_cols("source_text", x.source_text),
            "source": x.source,
            "source_type": x.source_type,
            "source_role": x.source_role,
            "recipient_or_medium": x.recipient_or_medium,
            "via": list(x.via),
            "hedges": [h.text for h in x.hedges],
            "hedge_starts": [h.start for h in x.hedges],
            "polarity": x.polarity,
        }
        for i, x in enumerate(a.attributions)
    ]
    claims = [
        {
            "article_id": aid,
            "idx": i,
            **_span_cols("span", c.span, text_col="text"),
            "certainty": c.certainty,
            "attribution": c.attribution,
            "hedges": [h.text for h in c.hedges],
        }
        for i, c in enumerate(a.claims)
    ]
    quantities = [
        {
            "article_id": aid,
            "idx": i,
            "sentence_start": q.sentence.start,
            "sentence_end": q.sentence.end,
            **_span_cols("span", q.span, text_col="text"),
            "value": float(q.value),
            "approximate": q.approximate,
            "approximator": q.approximator,
            "unit_or_object": q.unit_or_object,
        }
        for i, q in enumerate(a.quantities)
    ]
    events = [
        {
            "article_id": aid,
            "idx": i,
            "type": e.type,
            **_span_cols("trigger", e.trigger),
            "sentence_start": e.sentence.start,
            "sentence_end": e.sentence.end,
            "agent": e.agent,
            "patient": e.patient,
            "place": e.place,
            "time_text": e.time.span.text if e.time else None,
            "time_date": _date(e.time.date) if e.time else None,
            "time_granularity": e.time.granularity if e.time else None,
            "attributed_to": e.attributed_to,
            "modality": e.modality,
        }
        for i, e in enumerate(a.events)
    ]
    entities, mentions = [], []
    for ent in a.entities:
        eid = entity_id(ent.canonical, ent.type)
        entities.append({"id": eid, "canonical": ent.canonical, "type": ent.type})
        mentions.extend(
            {"article_id": aid, "entity_id": eid, "span_start": m.start, "span_end": m.end, "text": m.text}
            for m in ent.mentions
        )
    return {
        "articles": [article],
        "attributions": attributions,
        "claims": claims,
        "quantities": quantities,
        "events": events,
        "entities": entities,
        "mentions": mentions,
    }


def _span(row: dict[str, Any], prefix: str, text_col: str | None = None) -> Span | None:
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    if start is None or end is None:
        return None
    return Span(start, end, row.get(text_col or prefix) or "")


def _evidence(value: Any, evidence: Any) -> Evidence | None:
    # A marker like "Source: Read Full Article" is evidence of a re-publication without a name.
    if value is None and not evidence:
        return None
    return Evidence(str(value) if value is not None else None, evidence, origin="store")


def analysis_from_rows(
    article: dict[str, Any],
    *,
    attributions: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    quantities: list[dict[str, Any]],
    events: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
) -> Analysis:
    text = article["text"]
    estimate = (
        DateEstimate(str(article["estimate_earliest"]), str(article["estimate_latest"]), article["estimate_reasoning"])
        if article.get("estimate_earliest")
        else None
    )
    art = Article(
        file=article["file"],
        uri=article["uri"] or "",
        text=text,
        title=article["title"],
        outlet=_evidence(article["outlet"], article["outlet_evidence"]),
        republished_from=_evidence(article["republished_from"], article["republished_evidence"]),
        published=_evidence(article["published"], article["published_evidence"]),
        published_estimate=estimate,
        boilerplate=list(article["boilerplate"] or []),
    )

    def hedges(texts: list[str] | None, starts: list[int] | None) -> list[Span]:
        return [Span(s, s + len(t), t) for t, s in zip(texts or [], starts or [], strict=False)]

    attrs = [
        Attribution(
            sentence=_span(r, "sentence"),  # type: ignore[arg-type]
            content=_span(r, "content"),  # type: ignore[arg-type]
            kind=r["kind"],
            cue=_span(r, "cue"),
            source_text=_span(r, "source_text"),
            source=r["source"],
            source_type=r["source_type"],
            source_role=r["source_role"],
            recipient_or_medium=r["recipient_or_medium"],
            via=list(r["via"] or []),
            hedges=hedges(r["hedges"], r["hedge_starts"]),
            polarity=r["polarity"],
        )
        for r in attributions
    ]
    claim_objs = [
        Claim(
            span=_span(r, "span", "text"),  # type: ignore[arg-type]
            certainty=r["certainty"],
            attribution=r["attribution"],
            hedges=[Span.of(text, *_find(text, h, r["span_start"])) for h in r["hedges"] or []],
        )
        for r in claims
    ]
    qs = [
        Quantity(
            sentence=Span.of(text, r["sentence_start"], r["sentence_end"]),
            span=_span(r, "span", "text"),  # type: ignore[arg-type]
            value=r["value"],
            approximate=r["approximate"],
            approximator=r["approximator"],
            unit_or_object=r["unit_or_object"],
        )
        for r in quantities
    ]
    evs = [
        Event(
            type=r["type"],
            trigger=_span(r, "trigger"),  # type: ignore[arg-type]
            sentence=Span.of(text, r["sentence_start"], r["sentence_end"]),
            agent=r["agent"],
            patient=r["patient"],
            place=r["place"],
            time=(
                TimeExpr(
                    span=Span.of(text, *_find(text, r["time_text"], r["sentence_start"])),
                    date=str(r["time_date"]) if r["time_date"] else None,
                    granularity=r["time_granularity"],
                )
                if r["time_text"]
                else None
            ),
            attributed_to=r["attributed_to"],
            modality=r["modality"],
        )
        for r in events
    ]
    by_entity: dict[str, Entity] = {}
    for m in mentions:
        ent = by_entity.setdefault(m["entity_id"], Entity(canonical=m["canonical"], type=m["type"]))
        ent.mentions.append(Span(m["span_start"], m["span_end"], m["text"]))
    return Analysis(
        article=art,
        attributions=attrs,
        claims=claim_objs,
        quantities=qs,
        events=evs,
        entities=list(by_entity.values()),
    )


def _find(text: str, needle: str, start: int | None) -> tuple[int, int]:
    """Offsets of a stored verbatim string, searched from the position of its sentence."""
    i = text.find(needle, start or 0)
    if i < 0:
        i = max(text.find(needle), 0)
    return i, i + len(needle)
