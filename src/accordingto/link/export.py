"""The JSONL export of the store (read by external evaluation: keep the names).

`articles.jsonl`, `attributions.jsonl`, `citations.jsonl`, `stories.jsonl` and
`claim_clusters.jsonl`; every record carries `file`, the source file name of its article (for a
story its first reported article, for a claim cluster the article it was first seen in).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import analysis_record
from ..store import Store
from . import outlet_names
from .load import load_analyses

BATCH = 500


def corroboration(independent: int, echoes: int, denials: int) -> str:
    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"

    return f"{n(independent, 'independent origin')}, {n(echoes, 'echo')}".replace("echos", "echoes") + (
        f", {n(denials, 'denial')}" if denials else ""
    )


def _files(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT id, file FROM articles").fetchall())


def article_records(store: Store) -> Iterator[dict[str, Any]]:
    ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY file").fetchall()]
    story = dict(store.con.execute("SELECT article_id, story_id FROM story_members").fetchall())
    files = _files(store)
    copies = {r[0]: (r[1], r[2]) for r in store.con.execute(
        "SELECT article_id, original_id, evidence FROM copies").fetchall()}
    for i in range(0, len(ids), BATCH):
        analyses = load_analyses(store, ids[i : i + BATCH])
        for aid in ids[i : i + BATCH]:
            if aid not in analyses:
                continue
            record = analysis_record(analyses[aid])
            record["story"] = story.get(aid)
            original = copies.get(aid)
            record["copy_of"] = {"file": files.get(original[0]), "evidence": original[1]} if original else None
            yield record


def attribution_records(store: Store) -> Iterator[dict[str, Any]]:
    for record in article_records(store):
        for x in record["attributions"]:
            yield {"file": record["file"], **x}


def citation_records(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.con.execute(
        """SELECT a.file, c.cites, c.kind, c.marker, c.medium, c.evidence, c.evidence_start, c.evidence_end
           FROM citations c JOIN articles a ON a.id = c.article_id ORDER BY a.file, c.idx"""
    ).fetchall():
        yield {
            "file": r[0], "cites": r[1], "kind": r[2], "marker": r[3], "medium": r[4], "evidence": r[5],
            "evidence_span": [r[6], r[7]] if r[6] is not None else None,
        }


def story_records(store: Store) -> Iterator[dict[str, Any]]:
    files = _files(store)
    names = outlet_names(store)
    outlets = {aid: names[o] for aid, o in store.con.execute(
        "SELECT id, outlet FROM articles WHERE outlet IS NOT NULL").fetchall()}
    for r in store.con.execute(
        "SELECT id, title, first_article, first_date, undated, origin, origin_evidence, members FROM stories ORDER BY first_date NULLS LAST, id"
    ).fetchall():
        sid, title, first, first_date, undated, origin, evidence, members = r
        yield {
            "id": sid,
            "file": files.get(first or members[0]) if members else None,  # first reported, else first listed
            "title": title,
            "members": [files[m] for m in members],
            "first_reported": {"file": files.get(first), "date": str(first_date)} if first else None,
            "undated": [{"file": files[m], "note": "undated, may be earlier"} for m in undated or []],
            "origin": origin,
            "origin_evidence": evidence,
            "outlets": sorted({outlets[m] for m in members if outlets.get(m)}),
        }


def cluster_records(store: Store, *, singletons: bool = False) -> Iterator[dict[str, Any]]:
    files = _files(store)
    figures: dict[tuple[str, int], list[str]] = {}
    for aid, unit, text in store.con.execute(
        """SELECT m.article_id, m.unit, q.text FROM cluster_members m JOIN quantities q
           ON q.article_id = m.article_id AND q.span_start >= m.sentence_start AND q.span_end <= m.sentence_end
           ORDER BY m.article_id, m.unit, q.span_start"""
    ).fetchall():
        figures.setdefault((aid, unit), []).append(text)
    members: dict[str, list[dict[str, Any]]] = {}
    for aid, unit, cid, s, e, sentence, chain in store.con.execute(
        """SELECT article_id, unit, cluster_id, sentence_start, sentence_end, sentence, chain
           FROM cluster_members ORDER BY cluster_id, article_id, unit"""
    ).fetchall():
        ch = json.loads(chain) if chain else []
        origin = ch[0] if ch else {}
        members.setdefault(cid, []).append({
            "file": files.get(aid), "sentence": sentence, "span": [s, e],
            "figures": figures.get((aid, unit), []),
            "source": origin.get("name") if origin.get("role") == "origin" else None,
            "chain": ch,
        })
    for r in store.con.execute(
        """SELECT id, story_id, claim, origins, independent_origins, echoes, denials, mutations,
                  contradictions, first_seen FROM claim_clusters ORDER BY story_id, id"""
    ).fetchall():
        cid, sid, claim, origins, independent, echoes, denials, mutations, contradictions, first_seen = r
        ms = members.get(cid, [])
        if not singletons and len({m["file"] for m in ms}) < 2:
            continue
        first = json.loads(first_seen) if first_seen else {}
        yield {
            "id": cid, "story": sid, "file": first.get("file"), "first_seen": first, "claim": claim,
            "members": ms, "origins": json.loads(origins or "[]"),
            "independent_origins": independent, "echoes": echoes, "denials": denials,
            "corroboration": corroboration(independent, echoes, denials),
            "mutations": json.loads(mutations or "[]"), "contradictions": json.loads(contradictions or "[]"),
        }


EXPORTS = {
    "articles.jsonl": article_records,
    "attributions.jsonl": attribution_records,
    "citations.jsonl": citation_records,
    "stories.jsonl": story_records,
    "claim_clusters.jsonl": cluster_records,
}


def export_jsonl(store: Store, out_dir: str | Path) -> dict[str, int]:
    """Write every export file into `out_dir`; returns the record count per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, records in EXPORTS.items():
        n = 0
        with (out / name).open("w", encoding="utf-8") as fh:
            for record in records(store):
                fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                n += 1
        counts[name] = n
    return counts


__all__ = ["export_jsonl"]
