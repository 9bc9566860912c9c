"""Provenance: for each claim, the chain it travelled (origin → medium → outlet → re-reporting
outlet) and, per cluster, which origins are independent and which articles only echo them.

Chains that meet count once: a claim an article credits to an outlet that is itself in the
cluster takes that outlet's origin, and a copy takes its original's. Corroboration is stated as
counts ("2 independent origins, 7 echoes, 1 denial"), never as a score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..clean.outlets import outlet_table
from .citations import Citation, Outlets, via_outlet
from .load import When
from .text import name_key
from .units import Unit

# Markers by which an article credits a specific claim to an outlet.
CLAIM_MARKERS = {"reports", "reported by", "according to", "told", "via", "seen by"}
# Markers by which a whole article says where it came from.
ARTICLE_MARKERS = {"republished from", "syndicated from", "source line", "dateline", "read more at"}
STORY_MARKERS = ARTICLE_MARKERS | {"reports", "reported by", "according to"}
_KIND = {"media_outlet": "outlet", "government": "organisation"}
# "local media", "state media", "Russian newspapers": media named by a common noun are nobody
# in particular, so they cannot be where a story came from.
_GENERIC_MEDIA = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+){0,2}(?:media|press|newspapers?|papers?|outlets?|websites?|tabloids?|"
    r"broadcasters?|channels?|reports?)$",
    re.IGNORECASE,
)


def identifiable_outlet(name: str) -> bool:
    return bool(outlet_table().by_name(name)) or not _GENERIC_MEDIA.match(name.strip())


@dataclass(slots=True)
class ArticleInfo:
    id: str
    file: str
    outlet: str | None
    when: When
    copy_of: str | None = None
    citations: list[Citation] = field(default_factory=list)
    values: list[float] = field(default_factory=list)  # every figure the article states
    words: set[str] = field(default_factory=set)  # stems of every content word of the article

    @property
    def name(self) -> str:
        return self.outlet or self.file

    def cited_in(self, u: Unit, markers: set[str]) -> list[Citation]:
        return [
            c for c in self.citations
            if c.kind == "outlet" and c.marker in markers and c.evidence is not None
            and u.sentence.start <= c.evidence.start < u.sentence.end
        ]


def node(name: str, role: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "role": role, "kind": kind, **{k: v for k, v in extra.items() if v}}


def chain(u: Unit, info: ArticleInfo, infos: Mapping[str, ArticleInfo], outlets: Outlets) -> list[dict[str, Any]]:
    """Origin first, the article's own outlet last."""
    nodes: list[dict[str, Any]] = []
    credited = info.cited_in(u, CLAIM_MARKERS)
    if u.source and u.source_type and name_key(u.source) not in ("he", "she", "they", "it"):
        medium = next(
            (c.medium for c in info.citations
             if c.medium and c.evidence and u.sentence.start <= c.evidence.start < u.sentence.end),
            None,
        )
        kind = _KIND.get(u.source_type, u.source_type)
        name = outlets.resolve(u.source, assume_outlet=True) if kind == "outlet" else u.source
        nodes.append(node(name or u.source, "origin", kind, medium=medium))
    elif origin := next((c for c in credited if c.marker in ("reports", "according to", "reported by")), None):
        nodes.append(node(origin.cites, "origin", "outlet", evidence=origin.evidence.text if origin.evidence else None))
    elif info.copy_of is None or info.copy_of not in infos:
        nodes.append(node(info.name, "origin", "outlet", note="own reporting"))
    for c in credited:
        nodes.append(node(c.cites, "via", "outlet", evidence=c.evidence.text if c.evidence else None))
    for v in u.via:
        if (name := via_outlet(v, outlets, [info.outlet] if info.outlet else [])) is not None:
            nodes.append(node(name, "via", "outlet"))
    if info.copy_of and info.copy_of in infos:
        nodes.append(node(infos[info.copy_of].name, "republished from", "outlet", file=infos[info.copy_of].file))
    nodes.append(node(info.name, "outlet", "outlet", file=info.file, date=info.when.label()))
    out: list[dict[str, Any]] = []
    for n in nodes:
        if not out or name_key(out[-1]["name"]) != name_key(n["name"]):
            out.append(n)
    return out


def origin_key(ch: Sequence[dict[str, Any]]) -> str:
    """What makes two chains the same origin. A named person or organisation is one origin
    wherever they spoke; an unnamed source or a document ("a leaked memo", "bank records seen
    by X") is known only through the outlet that first published it, so two chains meet where
    that outlet is the same."""
    first = ch[0]
    if first["kind"] in ("anonymous", "document") or first.get("note") == "own reporting":
        outlet = next((n for n in ch[1:] if n["kind"] == "outlet"), None) if first["kind"] != "outlet" else first
        if outlet is not None:
            return name_key(outlet["name"])
    return name_key(first["name"])


def full_chains(
    members: Sequence[Unit], chains: Mapping[tuple[str, int], list[dict[str, Any]]],
    infos: Mapping[str, ArticleInfo], similarity: Callable[[Unit, Unit], float],
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Each member's chain extended back through the cluster: a claim credited to an outlet
    that is itself in the cluster (or copied from an article that is) starts where that
    outlet's version of the claim starts. Chains that meet share their origin."""
    by_article: dict[str, list[Unit]] = {}
    for u in members:
        by_article.setdefault(u.article_id, []).append(u)
    first_of_outlet: dict[str, str] = {}
    for aid in sorted(by_article, key=lambda a: (infos[a].when.sort_key(), infos[a].file)):
        if infos[aid].outlet:
            first_of_outlet.setdefault(name_key(infos[aid].outlet), aid)
    done: dict[tuple[str, int], list[dict[str, Any]]] = {}

    def extend(u: Unit, depth: int = 0) -> list[dict[str, Any]]:
        if u.key in done:
            return done[u.key]
        ch = chains[u.key]
        head, info = ch[0], infos[u.article_id]
        target = None
        if head["role"] != "origin" and info.copy_of in by_article:
            target = info.copy_of
        elif head["kind"] == "outlet" and head.get("note") != "own reporting":
            target = first_of_outlet.get(name_key(head["name"]))
        if target and target != u.article_id and depth < 8:
            values = {round(f.value, 6) for f in u.figures}
            v = max(by_article[target], key=lambda v: (bool(values & {round(f.value, 6) for f in v.figures}),
                                                          similarity(u, v)))
            upstream = extend(v, depth + 1)
            start = 1 if head["role"] == "origin" else 0  # the credited outlet ends `upstream`
            if head["role"] != "origin":
                start = next((i for i, n in enumerate(ch) if n["role"] == "republished from"), -1) + 1
            ch = upstream + ch[start:]
        done[u.key] = ch
        return ch

    return {u.key: extend(u) for u in members}


def origins(
    members: Sequence[Unit], chains: Mapping[tuple[str, int], list[dict[str, Any]]],
    infos: Mapping[str, ArticleInfo],
) -> tuple[list[dict[str, Any]], int, int, int]:
    """(origins with their articles, independent origins, echoes, denials) for one cluster,
    from the members' full chains. An article counts once, by its best-sourced version."""
    by_article: dict[str, Unit] = {}
    for u in sorted(members, key=lambda u: (u.polarity == "deny", not u.source, u.idx)):
        by_article.setdefault(u.article_id, u)
    groups: dict[str, dict[str, Any]] = {}
    denials = 0
    for aid, u in sorted(by_article.items(), key=lambda kv: (infos[kv[0]].when.sort_key(), infos[kv[0]].file)):
        if u.polarity == "deny":
            denials += 1
            continue
        ch = chains[u.key]
        g = groups.setdefault(origin_key(ch), {
            "origin": ch[0]["name"], "kind": ch[0]["kind"], "medium": ch[0].get("medium"),
            "first_seen": {"file": infos[aid].file, "date": infos[aid].when.label()}, "files": [],
        })
        g["files"].append(infos[aid].file)
    independent = len(groups)
    echoes = sum(len(g["files"]) for g in groups.values()) - independent
    return list(groups.values()), independent, echoes, denials


def story_origin(
    members: Sequence[str], infos: Mapping[str, ArticleInfo]
) -> tuple[str | None, str | None]:
    """Who broke the story: from the first reported article (`members` come in order of
    publication), follow the outlets it says it got the story from (through their own
    articles, when the corpus has them)."""
    dated = list(members)  # in the order of first publication
    if not dated:
        return None, None
    by_outlet: dict[str, str] = {}
    for aid in dated:
        if infos[aid].outlet:
            by_outlet.setdefault(name_key(infos[aid].outlet or ""), aid)
    counts: dict[str, int] = {}
    for aid in members:
        for c in infos[aid].citations:
            if c.kind == "outlet" and c.marker in STORY_MARKERS:
                counts[name_key(c.cites)] = counts.get(name_key(c.cites), 0) + 1
    current, evidence, seen = dated[0], None, set()
    while current not in seen:
        seen.add(current)
        info = infos[current]
        if info.copy_of in infos:
            current = info.copy_of  # type: ignore[assignment]
            evidence = f"{info.file} copies {infos[current].file}"
            continue
        cited = [
            c for c in info.citations
            if c.kind == "outlet" and c.marker in STORY_MARKERS and identifiable_outlet(c.cites)
        ]
        if not cited:
            return info.name, evidence or f"first reported: {info.file} ({info.when.label()})"
        top = max(cited, key=lambda c: counts.get(name_key(c.cites), 0))
        evidence = f"{info.file}: {top.evidence.text if top.evidence else top.marker}"
        nxt = by_outlet.get(name_key(top.cites))
        if nxt is None:
            return top.cites, evidence
        current = nxt
    return infos[current].name, evidence
