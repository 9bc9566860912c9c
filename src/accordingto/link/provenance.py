"""Provenance: for each claim, the chain it travelled (origin → medium → outlet → re-reporting
outlet) and, per cluster, which origins are independent and which articles only echo them.

Chains that meet count once: a claim an article credits to an outlet that is itself in the
cluster takes that outlet's origin, and a copy takes its original's. Corroboration is stated as
counts ("2 independent origins, 7 echoes, 1 denial"), never as a score.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..clean.outlets import outlet_table
from .citations import Citation, Outlets, via_outlet
from .load import When
from .text import name_key
from .units import Unit

# Markers by which an article credits a specific claim to an outlet.
CLAIM_MARKERS = {"reports", "reported by", "according to", "told", "via", "seen by", "citing", "report"}
# Of those, the ones that name where a claim with no source of its own came from ("X reports",
# "a report in X", "citing X").
ORIGIN_MARKERS = ("reports", "according to", "reported by", "report", "citing")
# "Y reported, citing X", "the ministry said, citing X": the cited outlet comes before whoever cites it.
UPSTREAM_MARKERS = {"citing"}
# Markers by which a whole article says where it came from; a credit line ("Additional
# reporting by X", "X contributed to this report") says it of the article, not of one sentence.
ARTICLE_MARKERS = {"republished from", "syndicated from", "source line", "dateline", "read more at", "credit"}
STORY_MARKERS = ARTICLE_MARKERS | {"reports", "reported by", "according to", "report", "citing"}
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

    def credited_outlet(self) -> Citation | None:
        """The one outlet the article's credit lines name: where its claims without a source of
        their own came from. Of several, which gave which claim is unknown, so none is named."""
        credits = [c for c in self.citations if c.kind == "outlet" and c.marker == "credit"]
        return credits[0] if len(credits) == 1 else None

    def cited_in(self, u: Unit, markers: set[str]) -> list[Citation]:
        return [
            c for c in self.citations
            if c.kind == "outlet" and c.marker in markers and c.evidence is not None
            and u.sentence.start <= c.evidence.start < u.sentence.end
        ]


def node(name: str, role: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "role": role, "kind": kind, **{k: v for k, v in extra.items() if v}}


def chain(u: Unit, info: ArticleInfo, infos: Mapping[str, ArticleInfo], outlets: Outlets) -> list[dict[str, Any]]:
    """Origin first, the article's own outlet last. An outlet the sentence cites ("citing X")
    stands before the stated source, who got the claim from it."""
    nodes: list[dict[str, Any]] = []
    credited = info.cited_in(u, CLAIM_MARKERS)
    upstream = next((c for c in credited if c.marker in UPSTREAM_MARKERS), None)
    if upstream is not None:
        nodes.append(node(upstream.cites, "origin", "outlet", evidence=upstream.evidence.text if upstream.evidence else None))
    role = "origin" if upstream is None else "stated source"
    if u.source and u.source_type and name_key(u.source) not in ("he", "she", "they", "it"):
        medium = next(
            (c.medium for c in info.citations
             if c.medium and c.evidence and u.sentence.start <= c.evidence.start < u.sentence.end),
            None,
        )
        kind = _KIND.get(u.source_type, u.source_type)
        name = outlets.resolve(u.source, assume_outlet=True) if kind == "outlet" else u.source
        nodes.append(node(name or u.source, role, kind, medium=medium))
    elif upstream is None:  # (with one, the cited outlet is the origin)
        if origin := next((c for c in credited if c.marker in ORIGIN_MARKERS), None):
            nodes.append(node(origin.cites, "origin", "outlet", evidence=origin.evidence.text if origin.evidence else None))
        elif info.copy_of is None or info.copy_of not in infos:
            credit = info.credited_outlet()
            nodes.append(
                node(info.name, "origin", "outlet", note="own reporting") if credit is None
                else node(credit.cites, "origin", "outlet", note="credited for the article",
                          evidence=credit.evidence.text if credit.evidence else None)
            )
    cited_first = name_key(upstream.cites) if upstream is not None else None
    for c in credited:
        if c is not upstream:
            nodes.append(node(c.cites, "via", "outlet", evidence=c.evidence.text if c.evidence else None))
    for v in u.via:
        name = via_outlet(v, outlets, [info.outlet] if info.outlet else [])
        if name is not None and name_key(name) != cited_first:
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


def _values(u: Unit) -> set[float]:
    return {round(f.value, 6) for f in u.figures if f.counts}


def same_figure(u: Unit, v: Unit) -> bool:
    """Both give a figure for the same thing, the same or (when one is approximate) within a
    fifth of it: "an estimated 98 million euros" and "close to 100 million euros"."""
    return any(
        f.counts == g.counts and (math.isclose(f.value, g.value, rel_tol=1e-6) or (
            (f.approximate or g.approximate) and math.isclose(f.value, g.value, rel_tol=0.2)))
        for f in u.figures if f.counts for g in v.figures
    )


def full_chains(
    members: Sequence[Unit], chains: Mapping[tuple[str, int], list[dict[str, Any]]],
    infos: Mapping[str, ArticleInfo], similarity: Callable[[Unit, Unit], float],
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Each member's chain extended back through the cluster: a claim credited to an outlet
    that is itself in the cluster (or copied from an article that is) starts where that
    outlet's version of the claim starts. So does a version in an article that credits such an
    outlet elsewhere, when it gives no source of its own or gives that version's very figure
    under another source's name (a changed attribution, which mutations report). Chains that
    meet share their origin."""
    by_article: dict[str, list[Unit]] = {}
    for u in members:
        by_article.setdefault(u.article_id, []).append(u)
    order = sorted(by_article, key=lambda a: (infos[a].when.sort_key(), infos[a].file))
    rank = {a: i for i, a in enumerate(order)}
    first_of_outlet: dict[str, str] = {}
    for aid in order:
        if infos[aid].outlet:
            first_of_outlet.setdefault(name_key(infos[aid].outlet), aid)
    done: dict[tuple[str, int], list[dict[str, Any]]] = {}

    def credited_version(u: Unit, own: bool) -> Unit | None:
        """The version of an earlier article the unit's article credits: one giving the same
        figure, or (for a version with no source of its own) the most similar."""
        for c in infos[u.article_id].citations:
            aid = first_of_outlet.get(name_key(c.cites)) if c.kind == "outlet" else None
            if aid is None or aid == u.article_id or rank[aid] > rank[u.article_id]:
                continue
            same = [v for v in by_article[aid] if same_figure(u, v)]
            if same or own:
                return max(same or by_article[aid], key=lambda v: similarity(u, v))
        return None

    def extend(u: Unit, depth: int = 0) -> list[dict[str, Any]]:
        if u.key in done:
            return done[u.key]
        done[u.key] = ch = chains[u.key]  # a cycle of credits ends here
        head, info = ch[0], infos[u.article_id]
        target, upstream_unit = None, None
        if head["role"] != "origin" and info.copy_of in by_article:
            target = info.copy_of
        elif head["kind"] == "outlet" and head.get("note") != "own reporting":
            target = first_of_outlet.get(name_key(head["name"]))
        elif depth < 8:
            upstream_unit = credited_version(u, head.get("note") == "own reporting")
        if target and target != u.article_id and depth < 8:
            values = _values(u)
            upstream_unit = max(by_article[target], key=lambda v: (bool(values & _values(v)), similarity(u, v)))
            start = 1 if head["role"] == "origin" else 0  # the credited outlet ends `upstream`
            if head["role"] != "origin":
                start = next((i for i, n in enumerate(ch) if n["role"] == "republished from"), -1) + 1
            ch = extend(upstream_unit, depth + 1) + ch[start:]
        elif upstream_unit is not None:
            upstream = extend(upstream_unit, depth + 1)
            if head.get("note") == "own reporting":
                head = node(info.name, "outlet", "outlet", file=info.file, date=info.when.label())
            elif any(name_key(n["name"]) == name_key(head["name"]) for n in upstream):
                head = None
            else:
                head = {**head, "role": "stated source"}
            ch = upstream + ([head] if head else []) + ch[1:]
        done[u.key] = ch
        return ch

    return {u.key: extend(u) for u in members}


_PRONOUNS = frozenset(["he", "she", "they", "it", "him", "her", "them", "we", "i"])
_QUALIFIERS = frozenset([
    "by", "at", "that", "which", "who", "whose", "seen", "obtained", "published", "from", "in", "on", "for",
    "with", "of", "to", "as", "about", "first",
])


def _words(name: str) -> set[str]:
    return set(name_key(name).split()) - _QUALIFIERS - {"a", "an", "its", "his", "her", "their", "and"}


def _head(name: str) -> set[str]:
    """A description up to its first qualifier: "leaked memo" in "leaked memo obtained by X"."""
    head: list[str] = []
    for w in name_key(name).split():
        if w in _QUALIFIERS:
            break
        head.append(w)
    return set(head) - {"a", "an", "its", "his", "her", "their"}


def _same_source(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two chain heads name one source: one name inside the other ("union", "the
    Dockworkers' Union of Port Amsel"; "the Courier", "Daily Courier"), or a description whose
    head another description has ("memo", "the leaked audit memo at the heart of the affair"),
    or a description naming a source ("a parallel count by the observer mission X", "X")."""
    wa, wb = _words(a["name"]), _words(b["name"])
    if not wa or not wb:
        return False
    if wa <= wb or wb <= wa:
        return True
    described = ("anonymous", "document")
    return (a["kind"] in described and bool(_head(a["name"])) and _head(a["name"]) <= wb) or (
        b["kind"] in described and bool(_head(b["name"])) and _head(b["name"]) <= wa)


POSTING_CAP = 500  # distinct sources compared per word: bounds a cluster of thousands
PRONOUN_POOL = 100  # named speakers a pronoun-sourced version is compared with


class _Earliest:
    """Per value, the earliest member of each of the first two articles that give it: enough to
    find the earliest member of any article but one."""

    def __init__(self) -> None:
        self.first: dict[Any, list[tuple[int, str]]] = {}

    def add(self, value: Any, i: int, article: str) -> None:
        got = self.first.setdefault(value, [])
        if len(got) < 2 and all(a != article for _, a in got):
            got.append((i, article))

    def elsewhere(self, value: Any, article: str) -> int | None:
        return next((i for i, a in self.first.get(value, ()) if a != article), None)


def _echoes(asserted: Sequence[Unit], own: Sequence[bool]) -> list[int | None]:
    """For each version in an outlet's own voice that adds no figure, the member it echoes: a
    sourced version in the same article (a headline restating the body), else the earliest
    version elsewhere with its figures, else the earliest version elsewhere."""
    sourced: dict[str, list[int]] = {}
    for j, v in enumerate(asserted):
        if not own[j]:
            sourced.setdefault(v.article_id, []).append(j)
    by_value, anyone = _Earliest(), _Earliest()
    out: list[int | None] = []
    for i, u in enumerate(asserted):
        hit = None
        if own[i]:
            same = [j for j in sourced.get(u.article_id, ()) if j != i]
            values = _values(u)
            same_values = set().union(*(_values(asserted[j]) for j in same))
            if all(x in same_values or by_value.elsewhere(x, u.article_id) is not None for x in values):
                hit = next((j for j in same if values & _values(asserted[j])), None)
                if hit is None:
                    before = [j for x in values if (j := by_value.elsewhere(x, u.article_id)) is not None]
                    hit = min(before) if before else None
                if hit is None:
                    hit = same[0] if same else anyone.elsewhere(None, u.article_id)
        out.append(hit)
        for x in _values(u):
            by_value.add(x, i, u.article_id)
        anyone.add(None, i, u.article_id)
    return out


def origins(
    members: Sequence[Unit], chains: Mapping[tuple[str, int], list[dict[str, Any]]],
    infos: Mapping[str, ArticleInfo], similarity: Callable[[Unit, Unit], float],
) -> tuple[list[dict[str, Any]], int, int, int]:
    """(origins with their articles, independent origins, echoes, denials) for one cluster,
    from the members' full chains (`members` in order of publication).

    Origins are one when their chains meet, when their names are one source under two
    descriptions (see `_same_source`), or when both are unnamed: sources that cannot be told
    apart are not counted as two. A version that names no source, credits no outlet and adds no
    figure is not a second origin either: it echoes the earliest version with its figures. A
    source given only as a pronoun ("he said") is the named speaker of a version with the
    same words, when one exists. An article counts once per origin it carries.

    Each member is looked up by its key, its source's words and (for a pronoun) the earliest
    named speakers, never compared with the whole cluster."""
    asserted = [u for u in members if u.polarity != "deny"]
    denials = len({u.article_id for u in members if u.polarity == "deny"} - {u.article_id for u in asserted})
    parent = list(range(len(asserted)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)  # the earlier member names the group

    heads = [chains[u.key][0] for u in asserted]
    own = [h.get("note") == "own reporting" for h in heads]
    echo = _echoes(asserted, own)
    by_key: dict[str, int] = {}
    anonymous: int | None = None
    sources: dict[tuple[str, str], int] = {}  # distinct named heads → their first member
    by_word: dict[str, list[tuple[str, str]]] = defaultdict(list)
    speakers: list[int] = []  # the earliest members with a person as source
    for i, u in enumerate(asserted):
        if echo[i] is not None:
            union(i, echo[i])
            continue
        head = heads[i]
        key = origin_key(chains[u.key])
        if key in by_key:
            union(i, by_key[key])
        else:
            by_key[key] = i
        if head["kind"] == "anonymous":
            anonymous = i if anonymous is None else anonymous
            union(i, anonymous)
        if not own[i]:
            ident = (name_key(head["name"]), head["kind"])
            if ident in sources:
                union(i, sources[ident])
            else:
                near = {h for w in _words(head["name"]) | _head(head["name"]) for h in by_word.get(w, ())}
                for other in sorted(near):
                    if _same_source(head, heads[sources[other]]):
                        union(i, sources[other])
                sources[ident] = i
                for w in _words(head["name"]) | _head(head["name"]):
                    if len(by_word[w]) < POSTING_CAP:
                        by_word[w].append(ident)
        if name_key(u.source_text or "") in _PRONOUNS:
            for j in speakers:
                if asserted[j].article_id != u.article_id and similarity(u, asserted[j]) >= 0.45:
                    union(i, j)
        if head["kind"] == "person" and len(speakers) < PRONOUN_POOL:
            speakers.append(i)
    # A group is named after its earliest member with a source of its own, and first seen
    # where its earliest member is.
    named: dict[int, int] = {}
    for i in sorted(range(len(asserted)), key=lambda i: (echo[i] is not None, own[i], i)):
        named.setdefault(find(i), i)
    groups: dict[int, dict[str, Any]] = {}
    files: dict[int, set[str]] = defaultdict(set)
    for i, u in enumerate(asserted):
        info = infos[u.article_id]
        root = find(i)
        if root not in groups:
            h = heads[named[root]]
            groups[root] = {"origin": h["name"], "kind": h["kind"], "medium": h.get("medium"),
                            "first_seen": {"file": infos[asserted[root].article_id].file,
                                           "date": infos[asserted[root].article_id].when.label()},
                            "files": []}
        if info.file not in files[root]:
            files[root].add(info.file)
            groups[root]["files"].append(info.file)
    found = [groups[r] for r in sorted(groups)]
    independent = len(found)
    echoes = sum(len(g["files"]) for g in found) - independent
    return found, independent, echoes, denials


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
        # Among outlets cited as often, one the article says another got it from ("citing X").
        top = max(cited, key=lambda c: (counts.get(name_key(c.cites), 0), c.marker in UPSTREAM_MARKERS))
        evidence = f"{info.file}: {top.evidence.text if top.evidence else top.marker}"
        nxt = by_outlet.get(name_key(top.cites))
        if nxt is None:
            return top.cites, evidence
        current = nxt
    return infos[current].name, evidence
