"""Exports of a store for other tools: CSV and Parquet (one file per table), GraphML (the
provenance graph, for Gephi) and W3C PROV-JSON (agents, entities and activities per PROV-DM).

Each function reads a Store (read-only is enough) and writes to a path; none changes the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from ..store import Store
from . import data, graph

# The tables users query; the link stage's bookkeeping (LSH bands, key counts, state) is left out.
TABLES = [
    "articles", "attributions", "claims", "quantities", "events", "entities", "mentions",
    "citations", "copies", "stories", "story_members", "claim_clusters", "cluster_members", "errors",
]


def tables(store: Store) -> list[str]:
    present = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return [t for t in TABLES if t in present]


def _copy(store: Store, out_dir: str | Path, fmt: str, ext: str) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for t in tables(store):
        path = out / f"{t}.{ext}"
        # A path cannot be a SQL parameter of COPY: quote it as a string literal.
        literal = "'" + str(path).replace("'", "''") + "'"
        options = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
        store.con.execute(f"COPY (SELECT * FROM {t}) TO {literal} ({options})")
        written.append(path)
    return written


def write_csv(store: Store, out_dir: str | Path) -> list[Path]:
    """One CSV file with a header per table (lists written as DuckDB prints them: [a, b])."""
    return _copy(store, out_dir, "csv", "csv")


def write_parquet(store: Store, out_dir: str | Path) -> list[Path]:
    """One Parquet file per table, types kept."""
    return _copy(store, out_dir, "parquet", "parquet")


def corpus_graph(store: Store) -> tuple[graph.Graph, dict[str, str]]:
    """The provenance graph of the whole store (outlet citations and copies), and each article's story."""
    articles = data.rows(store, f"SELECT {data.ARTICLE_COLS} FROM articles a ORDER BY date NULLS LAST, a.id")
    citations = data.rows(store, "SELECT * FROM citations WHERE kind = 'outlet' ORDER BY article_id, idx")
    copies = [{"article_id": r["article_id"], "cites": r["original_id"], "kind": "copies", "evidence": r["evidence"]}
              for r in data.rows(store, "SELECT * FROM copies ORDER BY article_id")]
    stories = {r["article_id"]: r["story_id"] for r in data.rows(store, "SELECT article_id, story_id FROM story_members")}
    return graph.build(articles, citations + copies), stories


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(value: Any) -> str:
    return escape(_XML_BAD.sub("", "" if value is None else str(value)))


def write_graphml(store: Store, path: str | Path) -> Path:
    """The provenance graph as GraphML: article and outside-source nodes, citation edges."""
    g, stories = corpus_graph(store)
    node_keys = [("label", "string"), ("kind", "string"), ("role", "string"), ("depth", "int"),
                 ("outlet", "string"), ("date", "string"), ("title", "string"), ("story", "string")]
    edge_keys = [("kind", "string"), ("evidence", "string")]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    lines += [f'<key id="n_{k}" for="node" attr.name="{k}" attr.type="{t}"/>' for k, t in node_keys]
    lines += [f'<key id="e_{k}" for="edge" attr.name="{k}" attr.type="{t}"/>' for k, t in edge_keys]
    lines.append('<graph id="provenance" edgedefault="directed">')
    for n in g.nodes.values():
        values = {"label": n.label, "kind": "article" if n.article_id else "source", "role": n.role,
                  "depth": n.depth, "outlet": n.outlet, "date": n.date, "title": n.title,
                  "story": stories.get(n.key)}
        body = "".join(f'<data key="n_{k}">{_xml(v)}</data>' for k, v in values.items() if v is not None)
        lines.append(f"<node id={quoteattr(_XML_BAD.sub('', n.key))}>{body}</node>")
    for i, e in enumerate(g.edges):
        body = "".join(f'<data key="e_{k}">{_xml(v)}</data>' for k, v in (("kind", e.kind), ("evidence", e.evidence))
                       if v is not None)
        lines.append(f'<edge id="e{i}" source={quoteattr(e.source)} target={quoteattr(_XML_BAD.sub("", e.target))}>'
                     f"{body}</edge>")
    lines += ["</graph>", "</graphml>"]
    out = Path(path)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _qn(kind: str, key: Any) -> str:
    return f"at:{kind}/{quote(str(key), safe='')}"


def _when(day: str | None) -> str | None:
    return f"{day}T00:00:00" if day else None


_AGENT_TYPE = {"person": "prov:Person", "anonymous": "prov:Person", "media_outlet": "prov:Organization",
               "organisation": "prov:Organization", "government": "prov:Organization"}


def prov_document(store: Store) -> dict[str, Any]:
    """PROV-DM as PROV-JSON: outlets and sources are agents; articles and reported statements are
    entities; each publication is an activity. A statement is quoted from its source and part of
    its article; a copy is derived from its original; a citation derives the citing article from
    the cited outlet's article (or the outlet itself when it is not in the store)."""
    doc: dict[str, dict[str, Any]] = {k: {} for k in (
        "entity", "agent", "activity", "wasGeneratedBy", "wasAssociatedWith", "wasAttributedTo",
        "wasDerivedFrom", "hadMember")}
    counter = iter(range(1, 1 << 62))

    def rel(kind: str, body: dict[str, Any]) -> None:
        doc[kind][f"_:{kind[:3]}{next(counter)}"] = body

    def agent(name: str, type_: str | None) -> str:
        key = _qn("agent", name.casefold())
        doc["agent"].setdefault(key, {"prov:label": name, "prov:type": {"$": _AGENT_TYPE.get(type_ or "", "prov:Agent"),
                                                                        "type": "prov:QUALIFIED_NAME"}})
        return key

    articles = data.rows(store, f"SELECT {data.ARTICLE_COLS} FROM articles a ORDER BY a.id")
    for r in articles:
        art, pub = _qn("article", r["id"]), _qn("publication", r["id"])
        doc["entity"][art] = {k: v for k, v in {
            "prov:type": {"$": "at:Article", "type": "prov:QUALIFIED_NAME"}, "prov:label": r["title"] or r["file"],
            "at:file": r["file"], "at:uri": r["uri"] or None, "at:date": r["date"],
            "at:dateEstimated": bool(r["date_estimated"]) if r["date"] else None}.items() if v is not None}
        doc["activity"][pub] = {k: v for k, v in {"prov:type": {"$": "at:Publication", "type": "prov:QUALIFIED_NAME"},
                                                  "prov:startTime": _when(r["date"])}.items() if v is not None}
        rel("wasGeneratedBy", {"prov:entity": art, "prov:activity": pub})
        if r["outlet"]:
            outlet = agent(r["outlet"], "media_outlet")
            rel("wasAssociatedWith", {"prov:activity": pub, "prov:agent": outlet})
            rel("wasAttributedTo", {"prov:entity": art, "prov:agent": outlet})
    for x in _stream(store, """SELECT article_id, idx, source, source_type, kind, cue, content, polarity, via
                               FROM attributions ORDER BY article_id, idx"""):
        st = _qn("statement", f"{x['article_id']}/{x['idx']}")
        doc["entity"][st] = {"prov:type": {"$": "at:Statement", "type": "prov:QUALIFIED_NAME"},
                             "prov:value": x["content"], "at:kind": x["kind"], "at:polarity": x["polarity"],
                             **({"at:cue": x["cue"]} if x["cue"] else {})}
        rel("hadMember", {"prov:collection": _qn("article", x["article_id"]), "prov:entity": st})
        if x["source"]:
            rel("wasAttributedTo", {"prov:entity": st, "prov:agent": agent(x["source"], x["source_type"])})
        for v in x["via"] or []:
            rel("wasAttributedTo", {"prov:entity": st, "prov:agent": agent(v, "media_outlet"), "at:role": "via"})
    g, _ = corpus_graph(store)
    for e in g.edges:
        target = g.nodes[e.target]
        used = _qn("article", target.article_id) if target.article_id else agent(target.label, "media_outlet")
        if target.article_id:
            body = {"prov:generatedEntity": _qn("article", e.source), "prov:usedEntity": used,
                    "prov:type": {"$": "prov:Revision" if e.kind == "copies" else "prov:Quotation",
                                  "type": "prov:QUALIFIED_NAME"}}
            if e.evidence:
                body["at:evidence"] = e.evidence
            rel("wasDerivedFrom", body)
        else:
            rel("wasAttributedTo", {"prov:entity": _qn("article", e.source), "prov:agent": used, "at:role": "cited",
                                    **({"at:evidence": e.evidence} if e.evidence else {})})
    return {"prefix": {"at": "urn:accordingto:", "prov": "http://www.w3.org/ns/prov#"},
            **{k: v for k, v in doc.items() if v}}


def _stream(store: Store, sql: str) -> Iterable[dict[str, Any]]:
    cursor = store.con.execute(sql)
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(2000):
        yield from (dict(zip(names, row, strict=True)) for row in chunk)


def write_prov_json(store: Store, path: str | Path) -> Path:
    out = Path(path)
    out.write_text(json.dumps(prov_document(store), ensure_ascii=False, indent=1), encoding="utf-8")
    return out


FORMATS = ("csv", "parquet", "graphml", "prov-json")


def export(store: Store, fmt: str, out_dir: str | Path) -> list[Path]:
    """Write `fmt` into `out_dir`: a file per table (csv, parquet) or one graph file; return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        return write_csv(store, out)
    if fmt == "parquet":
        return write_parquet(store, out)
    if fmt == "graphml":
        return [write_graphml(store, out / "provenance.graphml")]
    if fmt == "prov-json":
        return [write_prov_json(store, out / "provenance.prov.json")]
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
