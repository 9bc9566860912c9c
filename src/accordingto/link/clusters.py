"""Claim clusters: the same claim across the articles of a story.

Two units (claim sentences) are the same claim when they say much the same words, or quote the
same words, or give a figure for the same thing (a death toll, an amount) about the same
event or names. Units are only compared inside their story, and inside it only with units that
share one of their rarer words or figure classes (an inverted index), so the work stays near
linear in the story's size. A unit joins the cluster of its best match, or founds its own;
existing assignments are never redone, so cluster ids are stable as articles arrive.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from .text import STOPWORDS, dice, name_key, quote_key
from .units import Figure, Unit

JOIN_SCORE = 0.45
COHESION = 0.3
MERGE_SCORE = 0.7  # a unit that matches two clusters this well shows they are one claim
LOOKUP_TOKENS = 8
# Blocking for big stories (a war runs to thousands of articles): a lookup takes the latest
# units of each posting, and cohesion the latest units of a cluster, so placing a unit costs
# the same in a story of 10 articles or of 10,000. Smaller clusters are judged whole.
POSTING_CAP = 50
COHESION_SAMPLE = 100


def cluster_id(story: str, unit: Unit) -> str:
    return "c" + hashlib.sha256(f"{story}\t{unit.article_id}\t{unit.idx}".encode()).hexdigest()[:11]


@lru_cache(maxsize=262144)
def _quote_words(text: str) -> frozenset[str]:
    """A quotation's words that carry meaning: "This is not a rounding error" and "This is
    accountability, not a purge" share only "this is not a", which says nothing."""
    return frozenset(w for w in quote_key(text).split() if w not in STOPWORDS)


def quote_similarity(u: Unit, v: Unit) -> float:
    best = 0.0
    if not v.quotes:
        return best
    for a in u.quotes:
        wa = _quote_words(a.text)
        if len(wa) >= 3:
            for b in v.quotes:
                best = max(best, dice(wa, _quote_words(b.text)))
    return best


def same_figure_slot(u: Unit, v: Unit) -> bool:
    """A figure for the same thing that could be the same figure re-written: equal, or, when
    either is approximate, of a size a re-write could have turned one into the other
    ("more than a dozen" → 15, 150 → "more than 100", not 12 million → 2.1 billion). Two exact
    counts that differ (13 confirmed deaths, then 14) are two facts: a later update, not a copy."""
    return any(f.counts and f.counts == g.counts and compatible(f, g) for f in u.figures for g in v.figures)


def compatible(f: Figure, g: Figure) -> bool:
    if f.approximate or g.approximate or f.approximator or g.approximator:
        return _near(f.value, g.value)
    return math.isclose(f.value, g.value, rel_tol=0.005)


NEAR_RATIO = 2.5


def _near(a: float, b: float) -> bool:
    lo, hi = sorted((abs(a), abs(b)))
    return hi == 0 or (lo > 0 and hi / lo <= NEAR_RATIO)


def _size_band(value: float) -> int | None:
    """Bands of width NEAR_RATIO on a log scale: two figures `_near` each other lie in the same
    or adjacent bands, so a lookup by (class, band) finds every figure that can tie."""
    return math.floor(math.log(abs(value), NEAR_RATIO)) if value and math.isfinite(value) else None


def similarity(u: Unit, v: Unit) -> float:
    """How surely two claim sentences carry the same claim (0 … ~1.5)."""
    score = dice(u.tokens, v.tokens)
    q = quote_similarity(u, v)
    if q >= 0.5:
        score = max(score, 0.4 + q / 2)
    # A figure for the same thing ties two sentences only when they also share words: in a
    # story every sentence names the same people and places.
    shared_context = score >= 0.2 or (bool(u.events & v.events) and score >= 0.1)
    if same_figure_slot(u, v) and shared_context:
        score += 0.25
    if u.events & v.events:
        score += 0.1
    if u.source and v.source and name_key(u.source) == name_key(v.source):
        score += 0.1
    return score


def _may_join(u: Unit, v: Unit) -> bool:
    """Whether `similarity(u, v)` can reach JOIN_SCORE: without a shared quotation, the bonuses
    (figure, event, source) add at most 0.45 and the figure's only above 0.1 of shared words."""
    return bool(u.quotes and v.quotes) or dice(u.tokens, v.tokens) >= 0.1


def match_kind(u: Unit, v: Unit) -> str:
    """What ties two units: the same figure, the same quotation, or the same words."""
    if same_figure_slot(u, v):
        return "figure"
    return "quote" if quote_similarity(u, v) >= 0.5 else "words"


def _bands_around(band: int | None) -> tuple[int | None, ...]:
    return (None,) if band is None else (band - 1, band, band + 1)


class StoryClusters:
    """The clusters of one story, indexed for lookup by rare words and figure classes."""

    def __init__(self, story: str) -> None:
        self.story = story
        self.cluster_of: dict[tuple[str, int], str] = {}
        self.score_of: dict[tuple[str, int], float] = {}
        self.units: dict[tuple[str, int], Unit] = {}
        # Each cluster's units, so that cohesion and merges touch one cluster, not the story.
        self.keys_of: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self.arrival: dict[tuple[str, int], int] = {}
        self.index: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self.df: Counter[str] = Counter()
        self.absorbing: set[str] = set()  # clusters that took in others: their summaries start over
        self.merged_into: dict[str, str] = {}

    def _features(self, u: Unit) -> list[str]:
        feats = [f"f:{f.counts}:{_size_band(f.value)}" for f in u.figures if f.counts]
        feats += [f"q:{w}" for q in u.quotes for w in quote_key(q.text).split()[:6]]
        return feats + sorted(u.tokens)

    def add(self, u: Unit, cluster: str, score: float) -> None:
        self.cluster_of[u.key] = cluster
        self.score_of[u.key] = score
        self.units[u.key] = u
        self.keys_of[cluster].append(u.key)
        self.arrival.setdefault(u.key, len(self.arrival))
        for f in set(self._features(u)):
            self.index[f].append(u.key)
            self.df[f] += 1

    def place(self, u: Unit) -> tuple[str, set[str]]:
        """Put `u` in its cluster: the best match's, merging every other cluster it also
        matches (the same claim reached by two routes); or a new cluster named after it.
        Returns the cluster and the clusters merged away."""
        feats = set(self._features(u))
        # A figure looks up the figures it could be a re-write of: its class, its band and the next ones.
        figs = [f"f:{f.counts}:{band}" for f in u.figures if f.counts
                for band in _bands_around(_size_band(f.value))]
        rare = sorted((f for f in feats if not f.startswith("f:")), key=lambda f: (self.df.get(f, 0), f))
        candidates: set[tuple[str, int]] = set()
        for f in figs + [f for f in rare if self.df.get(f)][:LOOKUP_TOKENS]:
            candidates.update(self.index.get(f, ())[-POSTING_CAP:])
        # In a fixed order, so that ties (the best unit of a cluster) fall the same way every run.
        ordered = sorted(candidates)
        sims = {key: similarity(u, v) for key in ordered if _may_join(u, v := self.units[key])}
        scores: dict[str, float] = {}
        for key, s in sims.items():
            cid = self.cluster_of[key]
            if s >= JOIN_SCORE and s > scores.get(cid, 0.0):
                scores[cid] = s
        # Average linkage on top of the best match: a unit must resemble the cluster as a
        # whole, so that a chain of pairwise resemblances cannot drift to another claim.
        for cid in list(scores):
            if self.cohesion(u, cid, sims) < COHESION:
                del scores[cid]
        if not scores:
            cid = cluster_id(self.story, u)
            self.add(u, cid, 0.0)
            return cid, set()
        best = max(scores, key=lambda c: (len(self.keys_of[c]), scores[c], c))
        # A sentence carrying two claims (a toll and a quotation) must not weld their
        # clusters: merge only clusters it matches strongly and in the same way.
        best_unit = max((k for k in sims if self.cluster_of[k] == best), key=sims.__getitem__)
        kind = match_kind(u, self.units[best_unit])
        merged = {
            c for c, sc in scores.items()
            if c != best and sc >= MERGE_SCORE and any(
                self.cluster_of[k] == c and sims[k] >= MERGE_SCORE
                and match_kind(u, self.units[k]) == kind for k in sims)
        }
        if merged:
            self.absorbing.add(best)
            keys = self.keys_of[best]
            for c in merged:
                self.merged_into[c] = best
                for key in self.keys_of.pop(c):
                    self.cluster_of[key] = best
                    keys.append(key)
            # In the order the units came: cohesion sums in that order, so a mean on the
            # threshold comes out the same whatever order the merged clusters are taken in.
            keys.sort(key=self.arrival.__getitem__)
        self.add(u, best, round(scores[best], 3))
        return best, merged

    def cohesion(self, u: Unit, cid: str, sims: Mapping[tuple[str, int], float]) -> float:
        """Mean similarity of `u` to the cluster's articles (each by its closest unit), over
        its latest COHESION_SAMPLE units."""
        best: dict[str, float] = {}
        for key in self.keys_of.get(cid, [])[-COHESION_SAMPLE:]:
            if key[0] != u.article_id:
                s = sims[key] if key in sims else similarity(u, self.units[key])
                best[key[0]] = max(best.get(key[0], 0.0), s)
        return sum(best.values()) / len(best) if best else 1.0

    def members(self) -> dict[str, list[Unit]]:
        by: dict[str, list[Unit]] = defaultdict(list)
        for key, cid in self.cluster_of.items():
            by[cid].append(self.units[key])
        return by


def build(
    story: str,
    units: Mapping[str, list[Unit]],
    existing: Mapping[tuple[str, int], tuple[str, float]],
    new_order: Iterable[str],
) -> tuple[StoryClusters, set[str]]:
    """Load a story's assigned units, place the new articles' units; return the clusters
    touched (including those merged away, which no longer have members)."""
    sc = StoryClusters(story)
    for us in units.values():
        for u in us:
            if u.key in existing:
                cid, score = existing[u.key]
                sc.add(u, cid, score)
    touched: set[str] = set()
    for aid in new_order:
        for u in units.get(aid, []):
            if u.key not in sc.cluster_of:
                cid, merged = sc.place(u)
                touched |= merged | {cid}
    return sc, touched
