"""Stage 5, link: what holds across articles — copies, stories, citations, claim clusters,
mutations, contradictions and provenance.

`link(store)` is incremental: it works on the articles not linked yet. They are indexed (LSH
bands, story keys), join existing stories and clusters or found new ones, and only the stories
and clusters they touch are summarised again; the rest of the corpus is not reprocessed.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Analysis, Span
from ..store import Store
from .citations import Citation, Outlets, extract_citations
from .clusters import build, similarity
from .copies import find_copies
from .load import When, load_analyses, when, when_of
from .mutations import contradictions, mutations
from .provenance import ArticleInfo, chain, full_chains, origins, story_origin
from .stories import assign_stories
from .text import content_words, name_key
from .units import Unit, units_of

CHUNK = 2000
STORY_WINDOW = 2000  # a story's latest articles a chunk's claims are placed against
LOAD_BATCH = 500


@dataclass(slots=True)
class LinkSummary:
    articles: int = 0
    copies: int = 0
    citations: int = 0
    stories_new: int = 0
    stories_updated: int = 0
    clusters: int = 0
    mutations: int = 0
    contradictions: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"linked {self.articles} articles: {self.copies} copies, {self.citations} citations, "
            f"{self.stories_new} new and {self.stories_updated} updated stories, {self.clusters} claim clusters "
            f"touched ({self.mutations} mutations, {self.contradictions} contradictions) in {self.seconds:.1f}s"
        )


def corpus_outlets(store: Store) -> Outlets:
    rows = store.con.execute(
        "SELECT DISTINCT outlet, outlet_evidence FROM articles WHERE outlet IS NOT NULL "
        "UNION SELECT DISTINCT republished_from, republished_evidence FROM articles WHERE republished_from IS NOT NULL "
        "ORDER BY 1, 2"
    ).fetchall()  # in a fixed order: the first spelling of a name ("Daily Courier") is its canonical one
    return Outlets((r[0], r[1]) for r in rows)  # with the evidence: a name shown only in part is weak


def linked_outlet(outlets: Outlets, stored: str) -> str:
    """An article's outlet as linking names it: the stored name resolved to the corpus outlet it
    stands for ("The Courier", shown only as "Courier", is the corpus's "Daily Courier")."""
    return outlets.resolve(stored, assume_outlet=True) or stored


def outlet_names(store: Store) -> dict[str, str]:
    """Every stored outlet name → the outlet linking takes it for: for whatever shows outlets
    beside what linking found (stories, citations, chains), so one outlet is not shown as two."""
    outlets = corpus_outlets(store)
    stored = store.con.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1").fetchall()
    return {r[0]: linked_outlet(outlets, r[0]) for r in stored}


def link(store: Store, *, chunk: int = CHUNK) -> LinkSummary:
    """Link every stored article that has not been linked yet."""
    started = time.perf_counter()
    summary = LinkSummary()
    todo = [r[0] for r in store.con.execute(
        """SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM link_state)
           ORDER BY coalesce(published, estimate_latest) NULLS LAST, file, id"""
    ).fetchall()]
    if not todo:
        return summary
    outlets = corpus_outlets(store)
    kept: dict[str, Loaded] = {}
    for i in range(0, len(todo), chunk):
        store.con.execute("BEGIN TRANSACTION")
        try:
            _link_chunk(store, todo[i : i + chunk], outlets, summary, kept)
            store.con.execute("COMMIT")
        except Exception:
            store.con.execute("ROLLBACK")
            raise
    summary.seconds = time.perf_counter() - started
    return summary


def _link_chunk(
    store: Store, ids: Sequence[str], outlets: Outlets, summary: LinkSummary, kept: dict[str, Loaded]
) -> None:
    analyses = load_analyses(store, ids)
    dates = {aid: when(a) for aid, a in analyses.items()}
    cites = {aid: extract_citations(a, outlets, aid) for aid, a in analyses.items()}
    store._insert("citations", [_citation_row(c, i) for cs in cites.values() for i, c in enumerate(cs)])
    summary.citations += sum(len(cs) for cs in cites.values())
    cited = {aid: {name_key(c.cites) for c in cs if c.kind == "outlet"} for aid, cs in cites.items()}
    found = find_copies(store, analyses, cited, dates)
    store.con.execute("DELETE FROM copies WHERE article_id IN (SELECT unnest(?))", [[c.article_id for c in found]])
    store._insert("copies", [
        {"article_id": c.article_id, "original_id": c.original_id, "similarity": c.similarity, "evidence": c.evidence}
        for c in found
    ])
    summary.copies += len(found)
    copy_of = {c.article_id: c.original_id for c in found}
    order = sorted(analyses, key=lambda a: (dates[a].sort_key(), analyses[a].article.file))
    known = {r[0] for r in store.con.execute("SELECT id FROM stories").fetchall()}
    assigned = assign_stories(store, analyses, order, dates, copy_of, outlets)
    store._insert("link_state", [{"article_id": aid, "story_id": sid} for aid, (sid, _) in assigned.items()])
    by_story: dict[str, list[str]] = {}
    for aid in order:
        by_story.setdefault(assigned[aid][0], []).append(aid)
    summary.stories_updated += sum(1 for sid in by_story if sid in known)
    summary.stories_new += sum(1 for sid in by_story if sid not in known)
    _update_stories(store, by_story, analyses, outlets, summary, kept)
    summary.articles += len(analyses)


def _citation_row(c: Citation, idx: int) -> dict[str, object]:
    return {
        "article_id": c.article_id, "idx": idx, "cites": c.cites, "kind": c.kind, "marker": c.marker,
        "medium": c.medium, "evidence": c.evidence.text if c.evidence else None,
        "evidence_start": c.evidence.start if c.evidence else None,
        "evidence_end": c.evidence.end if c.evidence else None,
    }


def stored_citations(store: Store, ids: Sequence[str]) -> dict[str, list[Citation]]:
    out: dict[str, list[Citation]] = {}
    for r in store.con.sql(
        "SELECT * FROM citations WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, idx", params=[list(ids)]
    ).to_arrow_table().to_pylist():
        ev = Span(r["evidence_start"], r["evidence_end"], r["evidence"]) if r["evidence_start"] is not None else None
        out.setdefault(r["article_id"], []).append(
            Citation(r["article_id"], r["cites"], r["kind"], r["marker"], ev, r["medium"])
        )
    return out


@dataclass(slots=True)
class Loaded:
    """What linking keeps of an article it read: its claim units, the figures it states and the
    stems of its words. The Analysis itself is let go, so a story of thousands of articles
    is held as units, not as texts and parses."""

    units: list[Unit]
    values: list[float]
    words: set[str]


def load_units(
    store: Store, ids: Sequence[str], fresh: Mapping[str, Analysis], kept: Mapping[str, Loaded] | None = None,
) -> dict[str, Loaded]:
    """The units of `ids`: from `kept` (what an earlier chunk of the same run read), else from
    the `fresh` analyses or the store."""
    kept = kept or {}
    out = {aid: kept[aid] for aid in ids if aid in kept}
    ids = [aid for aid in ids if aid not in out]
    for i in range(0, len(ids), LOAD_BATCH):
        batch = ids[i : i + LOAD_BATCH]
        analyses = {aid: fresh[aid] for aid in batch if aid in fresh}
        analyses |= load_analyses(store, [aid for aid in batch if aid not in fresh])
        for aid, a in analyses.items():
            out[aid] = Loaded(units_of(a, aid), [q.value for q in a.quantities], content_words(a.article.text))
    return out


def article_infos(
    store: Store, ids: Sequence[str], outlets: Outlets, loaded: Mapping[str, Loaded]
) -> tuple[dict[str, ArticleInfo], dict[str, str | None]]:
    """What linking needs to know of each article, from its stored row (and titles); the words
    and figures of the `loaded` ones (the ones whose claims are compared)."""
    ids = list(dict.fromkeys(ids))
    copies = dict(store.con.sql(
        "SELECT article_id, original_id FROM copies WHERE article_id IN (SELECT unnest(?)) ORDER BY 1", params=[ids]
    ).fetchall())
    cites = stored_citations(store, ids)
    infos, titles = {}, {}
    for aid, file, outlet, title, published, earliest, latest in store.con.sql(
        """SELECT id, file, outlet, title, published, estimate_earliest, estimate_latest FROM articles
           WHERE id IN (SELECT unnest(?)) ORDER BY id""", params=[ids],
    ).fetchall():
        got = loaded.get(aid)
        infos[aid] = ArticleInfo(
            id=aid, file=file,
            outlet=linked_outlet(outlets, outlet) if outlet else None,
            when=when_of(published, earliest, latest), copy_of=copies.get(aid), citations=cites.get(aid, []),
            values=got.values if got else [], words=got.words if got else set(),
        )
        titles[aid] = title
    return infos, titles


def _window(store: Store, stories: Sequence[str], fresh: Mapping[str, Analysis]) -> set[str]:
    """The articles a chunk's claims are placed against: the new ones and, per story, its
    latest STORY_WINDOW members by publication (all of them in a story of normal size)."""
    rows = store.con.execute(
        """SELECT m.article_id FROM story_members m JOIN articles a ON a.id = m.article_id
           WHERE m.story_id IN (SELECT unnest(?))
           QUALIFY row_number() OVER (PARTITION BY m.story_id ORDER BY coalesce(a.published, a.estimate_latest)
                                      DESC NULLS LAST, a.file DESC, a.id DESC) <= ?""",
        [list(stories), STORY_WINDOW],
    ).fetchall()
    return {r[0] for r in rows} | set(fresh)


def _update_stories(
    store: Store, by_story: Mapping[str, Sequence[str]], fresh: Mapping[str, Analysis], outlets: Outlets,
    summary: LinkSummary, kept: dict[str, Loaded],
) -> None:
    """Place the new articles' claims in their stories' clusters and summarise what they
    touched: reads and writes are batched over all the stories of the chunk. Claims are placed
    against a window of each story's latest members, and the clusters they touch are then read
    whole: in a story of many thousands of articles a chunk does not reload the story. `kept`
    holds the units the previous chunk read, so that stories growing across the chunks of a run
    (ten wars at once) are read from the store once, not once per chunk; it is left holding
    this chunk's, for the next."""
    stories = sorted(by_story)
    members: dict[str, list[str]] = {}
    for aid, sid in store.con.execute(
        "SELECT article_id, story_id FROM story_members WHERE story_id IN (SELECT unnest(?)) ORDER BY article_id",
        [stories],
    ).fetchall():
        members.setdefault(sid, []).append(aid)
    window = _window(store, stories, fresh)
    touched_members = {m for ms in members.values() for m in ms}
    for aid in [aid for aid in kept if aid not in touched_members]:
        del kept[aid]  # a story this chunk does not touch is let go
    loaded = load_units(store, sorted(window), fresh, kept)
    existing: dict[str, dict[tuple[str, int], tuple[str, float]]] = {}
    for aid, unit, cid, score, sid in store.con.execute(
        "SELECT article_id, unit, cluster_id, score, story_id FROM cluster_members WHERE story_id IN (SELECT unnest(?))"
        " AND article_id IN (SELECT unnest(?)) ORDER BY story_id, article_id, unit",
        [stories, sorted(window)],
    ).fetchall():
        existing.setdefault(sid, {})[(aid, unit)] = (cid, score)
    placed = {}
    for sid in stories:
        ids = [m for m in members.get(sid, []) if m in loaded]
        placed[sid] = build(sid, {aid: loaded[aid].units for aid in ids}, existing.get(sid, {}), by_story[sid])
    # The touched clusters' members outside the window, and where merges moved them.
    final = {old: into for sc, _ in placed.values() for old, into in sc.merged_into.items()}
    outside: dict[str, list[tuple[str, int, str, float]]] = defaultdict(list)
    for aid, unit, cid, score, sid in store.con.execute(
        "SELECT article_id, unit, cluster_id, score, story_id FROM cluster_members WHERE cluster_id IN (SELECT unnest(?))"
        " AND article_id NOT IN (SELECT unnest(?)) ORDER BY story_id, article_id, unit",
        [sorted(c for _, touched in placed.values() for c in touched), sorted(window)],
    ).fetchall():
        while cid in final:
            cid = final[cid]
        outside[sid].append((aid, unit, cid, score))
    loaded |= load_units(store, sorted({aid for rows in outside.values() for aid, *_ in rows}), fresh, kept)
    kept.clear()
    kept.update(loaded)
    infos, titles = article_infos(store, [m for ms in members.values() for m in ms], outlets, loaded)
    rows, cluster_rows, story_rows, gone = [], [], [], []
    for sid in stories:
        ids = [m for m in members.get(sid, []) if m in infos]
        sc, touched = placed[sid]
        by_cluster = sc.members()
        score_of = dict(sc.score_of)
        for aid, idx, cid, score in outside[sid]:
            u = next((u for u in loaded[aid].units if u.idx == idx), None) if aid in loaded else None
            if u is not None and cid in by_cluster:
                by_cluster[cid].append(u)
                score_of[u.key] = score
        rank = _publication_rank(ids, infos)
        gone += sorted(touched)
        new = set(by_story[sid])
        before = dict(store.con.execute(
            "SELECT id, mutations FROM claim_clusters WHERE id IN (SELECT unnest(?)) ORDER BY id",
            [sorted(touched - sc.absorbing)],
        ).fetchall())
        for cid in sorted(touched & set(by_cluster)):
            ordered = sorted(by_cluster[cid], key=lambda u: (rank[u.article_id], u.idx))
            chains = full_chains(
                ordered, {u.key: chain(u, infos[u.article_id], infos, outlets) for u in ordered}, infos, similarity
            )
            found = origins(ordered, chains, infos, similarity)
            start, still = _kept_mutations(ordered, new, before.get(cid), infos)
            muts = mutations(ordered, infos, outlets, start, still)
            contra = contradictions(ordered, infos)
            summary.mutations += len(muts)
            summary.contradictions += len(contra)
            summary.clusters += 1
            cluster_rows.append(_cluster_row(cid, sid, ordered, found, muts, contra, infos))
            rows += [
                {"article_id": u.article_id, "unit": u.idx, "cluster_id": cid, "story_id": sid,
                 "sentence_start": u.sentence.start, "sentence_end": u.sentence.end, "sentence": u.sentence.text,
                 "score": score_of[u.key], "chain": json.dumps(chains[u.key], ensure_ascii=False)}
                for u in ordered
            ]
        story_rows.append(_story_row(sid, ids, infos, titles, rank))
    store.con.execute("DELETE FROM claim_clusters WHERE id IN (SELECT unnest(?))", [gone])
    store.con.execute("DELETE FROM cluster_members WHERE cluster_id IN (SELECT unnest(?))", [gone])
    store.con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [stories])
    store._insert("claim_clusters", cluster_rows)
    store._insert("cluster_members", rows)
    store._insert("stories", story_rows)


def _kept_mutations(
    ordered: Sequence[Unit], new: set[str], stored: str | None, infos: Mapping[str, ArticleInfo],
) -> tuple[int, list[dict[str, object]]]:
    """Where a cluster's mutations must be sought again (its first new member) and the stored
    ones into members before it, which still hold: in a story of thousands of articles, a
    chunk of new ones does not redo the whole cluster."""
    start = next((i for i, u in enumerate(ordered) if u.article_id in new), len(ordered))
    if stored is None or start == 0:
        return 0, []
    position = {(infos[u.article_id].file, u.sentence.start): i for i, u in enumerate(ordered)}
    kept = [m for m in json.loads(stored)
            if position.get((m["to"]["file"], m["to"]["span"][0]), len(ordered)) < start]
    return start, kept


def _cluster_row(
    cid: str, sid: str, ordered: Sequence[Unit], found: tuple, muts: list, contra: list,
    infos: Mapping[str, ArticleInfo],
) -> dict[str, object]:
    groups, independent, echoes, denials = found
    first = ordered[0]
    return {
        "id": cid, "story_id": sid, "claim": first.sentence.text,
        "origins": json.dumps(groups, ensure_ascii=False), "independent_origins": independent,
        "echoes": echoes, "denials": denials, "mutations": json.dumps(muts, ensure_ascii=False),
        "contradictions": json.dumps(contra, ensure_ascii=False),
        "first_seen": json.dumps({"file": infos[first.article_id].file, "date": infos[first.article_id].when.label()}),
    }


def _publication_rank(members: Sequence[str], infos: Mapping[str, ArticleInfo]) -> dict[str, int]:
    """Members in order of publication; on the same day, the article the others credit first."""
    credited = Counter(name_key(c.cites) for a in members for c in infos[a].citations if c.kind == "outlet")
    ordered = sorted(
        members, key=lambda a: (infos[a].when.sort_key(), -credited[name_key(infos[a].outlet)], infos[a].file)
    )
    return {a: i for i, a in enumerate(ordered)}


def _story_row(
    sid: str, members: Sequence[str], infos: Mapping[str, ArticleInfo], titles: Mapping[str, str | None],
    rank: Mapping[str, int],
) -> dict[str, object]:
    ordered = sorted(members, key=rank.__getitem__)
    dated = [a for a in ordered if infos[a].when.dated]
    first = dated[0] if dated else None
    origin, evidence = story_origin(ordered, infos)
    days = [d for a in ordered if (window := infos[a].when.window()) for d in window]
    return {
        "id": sid, "title": titles.get(first or ordered[0]) if ordered else None,
        "first_article": first, "first_date": infos[first].when.date if first else None,
        "undated": [a for a in ordered if not infos[a].when.dated], "origin": origin, "origin_evidence": evidence,
        "members": list(ordered), "earliest": min(days) if days else None, "latest": max(days) if days else None,
    }


__all__ = ["LinkSummary", "When", "link", "outlet_names"]
