"""What the views and the HTTP API read from a store: plain dicts and lists, paginated.

One module of queries shared by the JSON API, the live web UI and the static report, so the
three always say the same thing. Every list takes a limit and an offset and says its total.
The corpus-level tables (stories, claim_clusters, citations) are read tolerantly: their JSON
columns are written by the link stage, and a view must not break on a shape it did not expect.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..link import outlet_names
from ..model import Analysis, Span
from ..store import Store
from . import graph

# An article's date: the stated one, else the earliest of the estimate from clues.
ARTICLE_DATE = "coalesce(a.published, a.estimate_earliest)"


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_json(self) -> dict[str, Any]:
        nxt = self.offset + self.limit
        return {
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": nxt if nxt < self.total else None,
        }


def rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    # execute/fetchall: several times faster per query than going through an Arrow table.
    cursor = store.con.execute(sql, list(params or []))
    names = [d[0] for d in cursor.description]
    return [_plain(dict(zip(names, r, strict=True))) for r in cursor.fetchall()]


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values: dates as ISO strings, JSON columns parsed."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, date):
            v = v.isoformat()
        out[k] = v
    return out


def _page(store: Store, select: str, where: list[str], params: list[Any], order: str,
          limit: int, offset: int) -> Page:
    cond = f" WHERE {' AND '.join(where)}" if where else ""
    total = rows(store, f"SELECT count(*) AS n FROM ({select}{cond})", params)[0]["n"]
    items = rows(store, f"{select}{cond} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return Page(items, int(total), limit, offset)


def loads(value: Any) -> Any:
    """A JSON column as Python (DuckDB hands JSON back as text)."""
    if value is None or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


# -- articles ---------------------------------------------------------------------------------

ARTICLE_COLS = f"""a.id, a.file, a.uri, a.title, a.outlet, a.republished_from,
    a.published, a.estimate_earliest, a.estimate_latest, {ARTICLE_DATE} AS date,
    a.published IS NULL AS date_estimated"""


def list_articles(store: Store, *, outlet: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    where, params = _date_filter(date_from, date_to)
    if outlet:
        where.append("lower(a.outlet) = lower(?)")
        params.append(outlet)
    select = f"""SELECT {ARTICLE_COLS},
        (SELECT count(*) FROM attributions t WHERE t.article_id = a.id) AS attributions
        FROM articles a"""
    return _page(store, select, where, params, "date NULLS LAST, a.file, a.id", limit, offset)


def _date_filter(date_from: str | None, date_to: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if date_from:
        where.append(f"{ARTICLE_DATE} >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append(f"{ARTICLE_DATE} <= CAST(? AS DATE)")
        params.append(date_to)
    return where, params


def article_meta(store: Store, article_id: str) -> dict[str, Any] | None:
    found = rows(store, f"SELECT {ARTICLE_COLS}, a.outlet_evidence, a.republished_evidence, "
                 "a.published_evidence, a.estimate_reasoning FROM articles a WHERE a.id = ?", [article_id])
    return found[0] if found else None


@dataclass(slots=True)
class ArticleView:
    """An article with everything that links out of it."""

    meta: dict[str, Any]
    analysis: Analysis
    citations: list[dict[str, Any]]
    mention_entities: list[dict[str, Any]]  # span_start, span_end, entity_id, canonical, type
    source_entities: dict[int, str]  # attribution idx -> entity id
    attribution_clusters: dict[int, str]  # attribution idx -> claim cluster id
    claim_clusters: dict[int, str]  # claim idx -> claim cluster id
    stories: list[str]
    units: list[dict[str, Any]]  # claim sentences placed in clusters: cluster_id, sentence_start/end
    copy_of: dict[str, Any] | None  # the article this one copies, when link found it


def article_view(store: Store, article_id: str) -> ArticleView | None:
    meta = article_meta(store, article_id)
    analysis = store.analysis(article_id) if meta else None
    if meta is None or analysis is None:
        return None
    mentions = rows(store, """SELECT m.span_start, m.span_end, m.entity_id, e.canonical, e.type
        FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?
        ORDER BY m.span_start""", [article_id])
    sources: dict[int, str] = {}
    for i, x in enumerate(analysis.attributions):
        eid = None
        if x.source_text:
            eid = next((m["entity_id"] for m in mentions
                        if m["span_start"] < x.source_text.end and x.source_text.start < m["span_end"]), None)
        if eid is None and x.source:
            eid = entity_by_name(store, x.source)
        if eid:
            sources[i] = eid
    units = rows(store, """SELECT cluster_id, sentence_start, sentence_end FROM cluster_members
        WHERE article_id = ? ORDER BY sentence_start""", [article_id])

    def cluster_at(span: Span | None) -> str | None:
        if span is None:
            return None
        return next((u["cluster_id"] for u in units
                     if u["sentence_start"] < span.end and span.start < u["sentence_end"]), None)

    attr_clusters = {i: cid for i, x in enumerate(analysis.attributions) if (cid := cluster_at(x.sentence))}
    claim_clusters = {i: cid for i, c in enumerate(analysis.claims) if (cid := cluster_at(c.span))}
    stories = [r["id"] for r in rows(
        store, "SELECT id FROM stories WHERE list_contains(members, ?) ORDER BY id", [article_id])]
    copy = rows(store, """SELECT c.original_id, c.similarity, c.evidence, o.title, o.outlet FROM copies c
        LEFT JOIN articles o ON o.id = c.original_id WHERE c.article_id = ?""", [article_id])
    return ArticleView(
        meta=meta,
        analysis=analysis,
        citations=rows(store, "SELECT * FROM citations WHERE article_id = ? ORDER BY idx", [article_id]),
        mention_entities=mentions,
        source_entities=sources,
        attribution_clusters=attr_clusters,
        claim_clusters=claim_clusters,
        stories=stories,
        units=units,
        copy_of=copy[0] if copy else None,
    )


def entity_by_name(store: Store, name: str) -> str | None:
    """The entity a canonical source name refers to (people and organisations first)."""
    found = rows(store, """SELECT id FROM entities WHERE lower(canonical) = lower(?)
        ORDER BY CASE type WHEN 'PERSON' THEN 0 WHEN 'ORG' THEN 1 ELSE 2 END, id LIMIT 1""", [name])
    return found[0]["id"] if found else None


# -- attributions -----------------------------------------------------------------------------

ATTRIBUTION_COLS = f"""t.article_id, t.idx, t.source, t.source_type, t.source_role, t.kind,
    t.cue, t.source_text, t.content, t.sentence, t.via, t.hedges, t.polarity, t.recipient_or_medium,
    t.content_start, t.content_end, t.sentence_start, t.sentence_end,
    a.title, a.outlet, {ARTICLE_DATE} AS date"""


def list_attributions(store: Store, *, source: str | None = None, outlet: str | None = None,
                      kind: str | None = None, polarity: str | None = None,
                      date_from: str | None = None, date_to: str | None = None,
                      article: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    where, params = _date_filter(date_from, date_to)
    for column, value in (("t.source", source), ("a.outlet", outlet)):
        if value:
            where.append(f"lower({column}) = lower(?)")
            params.append(value)
    for column, value in (("t.kind", kind), ("t.polarity", polarity), ("t.article_id", article)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    select = f"SELECT {ATTRIBUTION_COLS} FROM attributions t JOIN articles a ON a.id = t.article_id"
    return _page(store, select, where, params, "date NULLS LAST, t.article_id, t.idx", limit, offset)


# -- entities ---------------------------------------------------------------------------------

def list_entities(store: Store, *, type_: str | None = None, name: str | None = None,
                  limit: int = 50, offset: int = 0) -> Page:
    where: list[str] = []
    params: list[Any] = []
    if type_:
        where.append("e.type = ?")
        params.append(type_)
    if name:
        where.append("e.canonical ILIKE ? ESCAPE '\\'")
        params.append(f"%{_like(name)}%")
    select = """SELECT e.id, e.canonical, e.type,
        (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,
        (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id) AS articles
        FROM entities e"""
    return _page(store, select, where, params, "mentions DESC, e.canonical, e.id", limit, offset)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def entity(store: Store, entity_id: str, *, limit: int = 100) -> dict[str, Any] | None:
    found = rows(store, "SELECT id, canonical, type FROM entities WHERE id = ?", [entity_id])
    if not found:
        return None
    ent = found[0]
    # Their own words: the attribution's source is this entity by name, or its source mention is theirs.
    said = rows(store, f"""SELECT {ATTRIBUTION_COLS} FROM attributions t JOIN articles a ON a.id = t.article_id
        WHERE lower(t.source) = lower(?) OR EXISTS (
            SELECT 1 FROM mentions m WHERE m.entity_id = ? AND m.article_id = t.article_id
              AND m.span_start < t.source_text_end AND t.source_text_start < m.span_end)
        ORDER BY date NULLS LAST, t.article_id, t.idx LIMIT ?""", [ent["canonical"], entity_id, limit])
    own = {(r["article_id"], r["idx"]) for r in said}
    about = [r for r in rows(store, f"""SELECT DISTINCT {ATTRIBUTION_COLS} FROM attributions t
        JOIN articles a ON a.id = t.article_id
        JOIN mentions m ON m.article_id = t.article_id AND m.entity_id = ?
             AND m.span_start >= t.content_start AND m.span_end <= t.content_end
        ORDER BY date NULLS LAST, t.article_id, t.idx LIMIT ?""", [entity_id, limit + len(own)])
        if (r["article_id"], r["idx"]) not in own][:limit]
    events = rows(store, f"""SELECT ev.article_id, ev.idx, ev.type, ev.trigger, ev.agent, ev.patient,
            ev.place, ev.time_text, ev.time_date, ev.modality, a.title, a.outlet, {ARTICLE_DATE} AS date
        FROM events ev JOIN articles a ON a.id = ev.article_id
        WHERE lower(ev.agent) = lower(?) OR lower(ev.patient) = lower(?)
        ORDER BY date NULLS LAST, ev.article_id, ev.idx LIMIT ?""", [ent["canonical"]] * 2 + [limit])
    mentions = rows(store, f"""SELECT m.article_id, list(DISTINCT m.text ORDER BY m.text) AS forms,
            count(*) AS n, any_value(a.title) AS title, any_value(a.outlet) AS outlet,
            any_value({ARTICLE_DATE}) AS date
        FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?
        GROUP BY m.article_id ORDER BY date NULLS LAST, m.article_id LIMIT ?""", [entity_id, limit])
    return {**ent, "said": said, "said_about": about, "events": events, "mentions": mentions}


# -- stories ----------------------------------------------------------------------------------

def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> Page:
    select = """SELECT s.id, s.title, s.first_article, s.first_date, s.earliest, s.latest, s.origin,
            s.origin_evidence, len(s.members) AS size, f.outlet AS first_outlet, f.file AS first_file,
            (SELECT list(DISTINCT a.outlet ORDER BY a.outlet) FROM articles a
              WHERE list_contains(s.members, a.id) AND a.outlet IS NOT NULL) AS outlets,
            (SELECT count(*) FROM claim_clusters c WHERE c.story_id = s.id) AS clusters
        FROM stories s LEFT JOIN articles f ON f.id = s.first_article"""
    found = _page(store, select, [], [], "s.first_date NULLS LAST, size DESC, s.id", limit, offset)
    names = outlet_names(store)  # each outlet as linking names it, as the story's citations do
    for s in found.items:
        s["first_outlet"] = names.get(s["first_outlet"], s["first_outlet"])
        s["outlets"] = sorted({names.get(o, o) for o in s["outlets"] or []})
    return found


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    found = rows(store, """SELECT id, title, first_article, first_date, earliest, latest, origin,
        origin_evidence, members, undated FROM stories WHERE id = ?""", [story_id])
    if not found:
        return None
    s = found[0]
    ids = list(s["members"] or [])
    s["articles"] = rows(store, f"""SELECT {ARTICLE_COLS} FROM articles a WHERE list_contains(?, a.id)
        ORDER BY date NULLS LAST, a.outlet, a.id""", [ids])
    names = outlet_names(store)
    for x in s["articles"]:
        x["outlet"] = names.get(x["outlet"], x["outlet"])
    s["citations"] = rows(store, """SELECT c.* FROM citations c WHERE list_contains(?, c.article_id)
        ORDER BY c.article_id, c.idx""", [ids])
    s["copies"] = rows(store, "SELECT * FROM copies WHERE list_contains(?, article_id) ORDER BY article_id", [ids])
    s["clusters"] = list_clusters(store, story=story_id, limit=1000, offset=0).items
    return s


def story_graph(s: dict[str, Any]) -> graph.Graph:
    """Who cited whom among a story's articles: outlet citations and copies."""
    outlet_citations = [c for c in s["citations"] if c.get("kind") == "outlet"]
    copies = [{"article_id": c["article_id"], "cites": c["original_id"], "kind": "copies",
               "evidence": c.get("evidence"), "evidence_start": None} for c in s["copies"]]
    return graph.build(s["articles"], outlet_citations + copies)


# -- claim clusters ---------------------------------------------------------------------------

CLUSTER_COLS = """c.id, c.story_id, c.claim, c.independent_origins, c.echoes, c.denials,
    json_array_length(c.contradictions) AS contradictions,
    (SELECT count(*) FROM cluster_members m WHERE m.cluster_id = c.id) AS members"""


def list_clusters(store: Store, *, story: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    where, params = ([], []) if story is None else (["c.story_id = ?"], [story])
    return _page(store, f"SELECT {CLUSTER_COLS} FROM claim_clusters c", where, params,
                 "c.independent_origins DESC NULLS LAST, c.echoes DESC NULLS LAST, c.id", limit, offset)


def _list(value: Any) -> list[Any]:
    value = loads(value)
    return value if isinstance(value, list) else []


def cluster(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """A claim cluster with its trace: each member's sentence, article and chain, oldest first.

    `mutations` and `contradictions` name their articles by file; each side gets the article id
    (`article_id`) of the member it quotes, so a view can link it.
    """
    found = rows(store, f"SELECT {CLUSTER_COLS}, c.origins, c.mutations, c.contradictions AS contradiction_list, "
                 "c.first_seen FROM claim_clusters c WHERE c.id = ?", [cluster_id])
    if not found:
        return None
    c = found[0]
    trace = rows(store, f"""SELECT m.article_id, m.unit, m.sentence_start, m.sentence_end, m.sentence, m.score,
            m.chain, {ARTICLE_COLS}
        FROM cluster_members m JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = ?
        ORDER BY date NULLS LAST, a.file, m.unit""", [cluster_id])
    by_file = {t["file"]: t["article_id"] for t in trace}
    origins = _list(c.pop("origins"))
    first_files = {(o.get("first_seen") or {}).get("file") for o in origins if isinstance(o, dict)}
    echo_files = {f for o in origins if isinstance(o, dict) for f in o.get("files", [])}
    for t in trace:
        t["chain"] = _list(t["chain"])
        t["role"] = "origin" if t["file"] in first_files else "echo" if t["file"] in echo_files else "denial"
    for o in origins:
        if isinstance(o, dict):
            o["first_article"] = by_file.get((o.get("first_seen") or {}).get("file"))
            o["articles"] = [{"file": f, "article_id": by_file.get(f)} for f in o.get("files", [])]
    c["origins"] = origins
    c["first_seen"] = loads(c["first_seen"])
    c["mutations"] = [_sides(m, by_file) for m in _list(c.pop("mutations"))]
    c["contradictions"] = [_sides(m, by_file) for m in _list(c.pop("contradiction_list"))]
    c["trace"] = trace
    return c


def _sides(change: Any, by_file: dict[str, str]) -> Any:
    if not isinstance(change, dict):
        return change
    out = dict(change)
    for key, side in change.items():
        if isinstance(side, dict) and "file" in side:
            out[key] = {**side, "article_id": by_file.get(side["file"])}
    return out


def stats(store: Store) -> dict[str, int]:
    return store.stats()
