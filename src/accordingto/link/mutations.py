"""Mutations and contradictions inside a claim cluster, each with both versions side by side.

Every member is compared with the member it most likely came from (its parent): the version in
the article it copies, else in an outlet it credits, else the most similar earlier version.
Embellishment is judged against every earlier member, not just the parent. The earlier members
are indexed (`Seen`) as the cluster is walked, so each member costs the same in a cluster of ten
or of ten thousand: parents are sought among the latest PARENT_POOL candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

from .citations import Outlets
from .clusters import similarity
from .provenance import CLAIM_MARKERS, ArticleInfo
from .text import dice, name_key, quote_key, stem, words
from .units import Figure, Unit

PARENT_POOL = 100

_FAMILIES = {
    "about": ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "circa", "approx"),
    "nearly": ("nearly", "almost", "close to", "just under", "not quite"),
    "at least": ("at least", "no fewer than", "no less than", "a minimum of"),
    "more than": ("more than", "over", "upwards of", "in excess of", "above", "well over", "just over"),
    "up to": ("up to", "as many as", "as much as", "at most", "no more than"),
    "fewer than": ("fewer than", "less than", "under", "below"),
}
_FAMILY_OF = {w: f for f, ws in _FAMILIES.items() for w in ws}


def family(f: Figure) -> str:
    a = (f.approximator or "").casefold().strip()
    if not a:
        return "about" if f.approximate else ""
    return _FAMILY_OF.get(a, a)


def interval(f: Figure) -> tuple[float, float]:
    v, fam = f.value, family(f)
    return {
        "": (v, v), "about": (0.85 * v, 1.15 * v), "nearly": (0.8 * v, v), "at least": (v, math.inf),
        "more than": (v, math.inf), "up to": (0.0, v), "fewer than": (0.0, v),
    }.get(fam, (0.8 * v, 1.2 * v))


_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions|billions|several|many|numerous)\b", re.I)


def figure_change(f: Figure, g: Figure) -> str:
    """A new figure, or the old one re-rounded: a rounding stays compatible with the original
    and says so with an approximator ("21,870" → "more than 20,000"); an exact or vague new
    figure ("more than a dozen" → "15", "about 30" → "dozens") is a changed figure."""
    (lo1, hi1), (lo2, hi2) = interval(f), interval(g)
    near = abs(g.value - f.value) <= 0.2 * max(abs(f.value), abs(g.value))
    rounded = bool(g.approximator) and near and not _VAGUE.search(g.text)
    return "approximator_changed" if rounded and lo1 <= hi2 and lo2 <= hi1 else "figure_changed"


def side(u: Unit, info: ArticleInfo, text: str | None = None) -> dict[str, Any]:
    return {
        "file": info.file, "outlet": info.outlet, "date": info.when.label(),
        "sentence": u.sentence.text, "span": [u.sentence.start, u.sentence.end],
        **({"text": text} if text is not None else {}),
    }


def credited_outlets(u: Unit, info: ArticleInfo, outlets: Outlets) -> set[str]:
    names = {name_key(c.cites) for c in info.cited_in(u, CLAIM_MARKERS)}
    if u.recipient and info.outlet and name_key(outlets.resolve(u.recipient) or "") == name_key(info.outlet):
        names.add(name_key(info.outlet))
    return names


_QUOTE_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def _quote_pieces(u: Unit) -> list[str]:
    """The sentences inside a unit's quotations: long quotes are compared sentence by sentence."""
    return [m.group(0).strip() for q in u.quotes for m in _QUOTE_SENTENCE.finditer(q.text) if m.group(0).strip()]


def recipient_outlet(u: Unit, info: ArticleInfo, outlets: Outlets) -> str | None:
    """The outlet a speaker is said to have told ("told the Courier"), own outlet included."""
    if not u.recipient:
        return None
    context = [info.outlet] if info.outlet else []
    hit = outlets.resolve(u.recipient, context=context)
    return name_key(hit) if hit else None


class Seen:
    """The earlier members of a cluster, indexed by article, outlet and figure, with the words,
    figures and figure classes of their articles counted per article."""

    def __init__(self, infos: Mapping[str, ArticleInfo]) -> None:
        self.infos = infos
        self.units: list[Unit] = []
        self.by_article: dict[str, list[Unit]] = defaultdict(list)
        self.by_outlet: dict[str, list[tuple[int, Unit]]] = defaultdict(list)
        self.figures: dict[tuple[str, float], list[tuple[Unit, Figure]]] = defaultdict(list)
        self.words: Counter[str] = Counter()  # in how many earlier articles a word stem occurs
        self.values: dict[float, set[str]] = defaultdict(set)  # figure value → articles stating it
        self.classes: dict[str | None, set[str]] = defaultdict(set)

    @classmethod
    def of(cls, units: Sequence[Unit], infos: Mapping[str, ArticleInfo]) -> Seen:
        seen = cls(infos)
        for u in units:
            seen.add(u)
        return seen

    def add(self, u: Unit) -> None:
        info = self.infos[u.article_id]
        if u.article_id not in self.by_article:
            self.words.update(info.words)
        self.by_article[u.article_id].append(u)
        if info.outlet:
            self.by_outlet[name_key(info.outlet)].append((len(self.units), u))
        for f in u.figures:
            self.values[round(f.value, 6)].add(u.article_id)
            self.classes[f.counts].add(u.article_id)
            if f.counts:
                self.figures[(f.counts, round(f.value, 6))].append((u, f))
        self.units.append(u)

    def elsewhere(self, articles: set[str], u: Unit) -> bool:
        return bool(articles) and (len(articles) > 1 or u.article_id not in articles)

    def carried(self, word: str, u: Unit) -> bool:
        """Whether an earlier article other than `u`'s has this word stem."""
        mine = int(u.article_id in self.by_article and word in self.infos[u.article_id].words)
        return self.words[word] - mine > 0

    def latest_others(self, u: Unit, n: int = PARENT_POOL) -> list[Unit]:
        """The latest `n` earlier units of other articles, in order."""
        out: list[Unit] = []
        for v in reversed(self.units):
            if v.article_id != u.article_id:
                out.append(v)
                if len(out) == n:
                    break
        return out[::-1]


def parent(u: Unit, seen: Seen, infos: Mapping[str, ArticleInfo]) -> Unit | None:
    """The copied or credited article's version first; among equals the most similar of the
    latest PARENT_POOL, so that a cluster of thousands is not compared pair by pair."""
    info = infos[u.article_id]
    if info.copy_of and info.copy_of != u.article_id and seen.by_article.get(info.copy_of):
        pool = seen.by_article[info.copy_of][-PARENT_POOL:]
    else:
        cited = {name_key(c.cites) for c in info.citations if c.kind == "outlet"}
        hits = sorted(
            (i, v) for k in cited for i, v in seen.by_outlet.get(k, ())[-(PARENT_POOL + len(seen.by_article.get(u.article_id, []))):]
            if v.article_id != u.article_id
        )
        pool = [v for _, v in hits][-PARENT_POOL:] or seen.latest_others(u)
    return max(pool, key=lambda v: similarity(u, v)) if pool else None


def _named(source: str | None, written: str | None = None) -> bool:
    """A source given by name ("Renata Sollis", "the regional electoral commission"), not by a
    bare noun ("company", "officials"): only a source that says who credited in place of
    another is a change."""
    for name in (source, written):
        main = [w for w in (name or "").split() if w.casefold() not in ("the", "a", "an", "its", "his", "her", "their")]
        if main and (main[0][:1].isupper() or len(main) >= 2):
            return True
    return False


def _same_source(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return ka == kb or (ka.split()[-1:] == kb.split()[-1:]) or ka in kb or kb in ka


def compare(p: Unit, u: Unit, infos: Mapping[str, ArticleInfo], outlets: Outlets) -> list[dict[str, Any]]:
    """The ways `u` differs from its parent `p`."""
    pi, ui = infos[p.article_id], infos[u.article_id]
    out: list[dict[str, Any]] = []

    def add(kind: str, before: str | None, after: str | None, **extra: Any) -> None:
        out.append({"type": kind, "from": side(p, pi, before), "to": side(u, ui, after), **extra})

    stated = {round(x, 6) for x in pi.values}
    for g in u.figures:
        peers = [f for f in p.figures if f.counts and f.counts == g.counts]
        if not peers or (round(g.value, 6) in stated and g.value not in [f.value for f in peers]):
            continue  # the parent article states this figure too, about something else
        if not any(math.isclose(f.value, g.value, rel_tol=1e-6) for f in peers):
            f = min(peers, key=lambda f: abs(f.value - g.value))
            add(figure_change(f, g), f.text, g.text)
        else:
            f = next(f for f in peers if math.isclose(f.value, g.value, rel_tol=1e-6))
            if family(f) != family(g):
                add("approximator_changed", f.text, g.text)
    if p.hedges and not u.hedges and p.polarity == u.polarity:
        add("hedge_dropped", ", ".join(p.hedges), None)
    pc, uc = credited_outlets(p, pi, outlets), credited_outlets(u, ui, outlets)
    # Crediting the outlet the claim came through is relaying it, not changing who said it.
    relay = {name_key(pi.outlet or "")} | pc
    if p.source and p.source_type and p.source_type != "anonymous":
        if not u.source:
            if not set(words(p.source.casefold())) & set(words(u.sentence.text.casefold())):
                add("attribution_dropped", p.source, None)
        elif (_named(p.source, p.source_text) and _named(u.source, u.source_text)
              and not _same_source(p.source, u.source)
              and name_key(outlets.resolve(u.source) or u.source) not in relay):
            add("attribution_changed", p.source, u.source)
    if pc and uc and not uc <= relay:
        add("attribution_changed", ", ".join(sorted(pc)), ", ".join(sorted(uc)), credited="outlet")
    pr, ur = recipient_outlet(p, pi, outlets), recipient_outlet(u, ui, outlets)
    if pr and ur and pr != ur and not (pc and uc and not uc <= relay):
        # "told the Harbour Times" when the speaker told the wire: a different outlet is
        # credited with hearing it, whichever outlet the claim came through.
        add("attribution_changed", pr, ur, credited="recipient")
    for a in _quote_pieces(p):
        ka = quote_key(a)
        for b in _quote_pieces(u):
            kb = quote_key(b)
            wa, wb = set(ka.split()), set(kb.split())
            # a different wording of the same words, not an excerpt of them
            if ka != kb and kb not in ka and ka not in kb and min(len(wa), len(wb)) >= 3 and dice(wa, wb) >= 0.5:
                add("quote_changed", a, b)
    return out


def sibling_hedges(p: Unit, u: Unit, seen: Seen, infos: Mapping[str, ArticleInfo]) -> list[dict[str, Any]]:
    """A hedge the parent article put on the same figure in another sentence ("more than a
    dozen are feared dead" under a headline "toll hits more than a dozen") and `u` dropped."""
    if u.hedges or u.polarity == "deny" or not u.figures:
        return []
    classes = {f.counts for f in u.figures if f.counts}
    for v in seen.by_article.get(p.article_id, ()):
        if v is not p and v.hedges and classes & {f.counts for f in v.figures}:
            return [{"type": "hedge_dropped", "from": side(v, infos[v.article_id], ", ".join(v.hedges)),
                     "to": side(u, infos[u.article_id], None)}]
    return []


def figure_lineage(u: Unit, earlier: Sequence[Unit] | Seen, infos: Mapping[str, ArticleInfo]) -> list[dict[str, Any]]:
    """A figure first given with a qualifier or a hedge and now given bare, whichever
    article it came through: "as many as 15 may have died" → "15 dead"."""
    seen = earlier if isinstance(earlier, Seen) else Seen.of(earlier, infos)
    out: list[dict[str, Any]] = []
    for g in u.figures:
        first = next((
            (v, f) for v, f in seen.figures.get((g.counts, round(g.value, 6)), ()) if v.article_id != u.article_id
            and math.isclose(f.value, g.value, rel_tol=1e-6)
        ), None) if g.counts else None
        if first is None:
            continue
        v, f = first
        if family(f) != family(g):
            out.append({"type": "approximator_changed", "from": side(v, infos[v.article_id], f.text),
                        "to": side(u, infos[u.article_id], g.text)})
        if v.hedges and not u.hedges and v.polarity == u.polarity:
            out.append({"type": "hedge_dropped", "from": side(v, infos[v.article_id], ", ".join(v.hedges)),
                        "to": side(u, infos[u.article_id], None)})
    return out


def embellishment(u: Unit, seen: Seen, infos: Mapping[str, ArticleInfo], outlets: Outlets) -> dict[str, Any] | None:
    """Figures in `u` that no earlier member of the cluster carries, and names that no earlier
    member's article mentions at all."""
    others = seen.latest_others(u)
    if not others or u.polarity == "deny":
        return None
    added = [f.text for f in u.figures
             if not seen.elsewhere(seen.values.get(round(f.value, 6), set()), u)
             and not seen.elsewhere(seen.classes.get(f.counts, set()), u)]
    credited = set(name_key(u.source or "").split()) | {w for c in infos[u.article_id].cited_in(u, CLAIM_MARKERS)
                                                        for w in name_key(c.cites).split()}
    added += sorted(
        n for n in u.names
        if not all(seen.carried(stem(w), u) for w in n.split()) and not set(n.split()) <= credited
        and not outlets.is_outlet(n)
    )
    if not added:
        return None
    base = max(others, key=lambda v: similarity(u, v))
    return {"type": "embellishment", "added": added, "from": side(base, infos[base.article_id]),
            "to": side(u, infos[u.article_id], "; ".join(added))}


def mutations(
    ordered: Sequence[Unit], infos: Mapping[str, ArticleInfo], outlets: Outlets,
    start: int = 0, kept: Sequence[dict[str, Any]] = (),
) -> list[dict[str, Any]]:
    """The mutations into each member from the ones before it. A member's mutations depend only
    on the members before it, so when new members all come from `start` on, the ones found
    earlier for the members before `start` (`kept`) stand and only the rest are sought."""
    found: list[dict[str, Any]] = list(kept)
    seen = Seen(infos)
    for i, u in enumerate(ordered):
        p = parent(u, seen, infos) if i >= start else None
        if p is not None:
            found += compare(p, u, infos, outlets)
            found += figure_lineage(u, seen, infos)
            found += sibling_hedges(p, u, seen, infos)
            if (e := embellishment(u, seen, infos, outlets)) is not None:
                found.append(e)
        seen.add(u)
    unique: dict[tuple[str, ...], dict[str, Any]] = {}
    for m in found:  # the same change seen through two overlapping sentences counts once
        key = (m["type"], m["from"]["file"], m["to"]["file"], str(m["from"].get("text")), str(m["to"].get("text")))
        unique.setdefault(key, m)
    return list(unique.values())


def _derived(value: float, stated: Sequence[float]) -> bool:
    """Whether `value` is the sum or difference of two other stated figures."""
    others = [x for x in stated if not math.isclose(x, value)]
    return any(math.isclose(abs(x - y), value, rel_tol=0.01) or math.isclose(x + y, value, rel_tol=0.01)
               for x, y in combinations(others, 2))


def contradictions(ordered: Sequence[Unit], infos: Mapping[str, ArticleInfo]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    asserts = [u for u in ordered if u.polarity != "deny"]
    for d in (u for u in ordered if u.polarity == "deny"):
        a = next((x for x in asserts if x.article_id != d.article_id), None) or next(iter(asserts), None)
        if a is not None:
            found.append({"type": "denial", "assertion": side(a, infos[a.article_id]),
                          "denial": side(d, infos[d.article_id])})
    seen: set[tuple[str, str]] = set()
    for u, v in combinations(asserts[:200], 2):
        if u.article_id == v.article_id:
            continue
        du, dv = infos[u.article_id].when.date, infos[v.article_id].when.date
        if not du or not dv or abs((du - dv).days) > 1:
            continue  # a figure that moves over days is an update, shown as a mutation
        for f in u.figures:
            for g in v.figures:
                if not f.counts or f.counts != g.counts or (f.text, g.text) in seen:
                    continue
                (lo1, hi1), (lo2, hi2) = interval(f), interval(g)
                if hi1 < lo2 or hi2 < lo1:
                    stated = infos[u.article_id].values + infos[v.article_id].values
                    if _derived(f.value, stated) or _derived(g.value, stated):
                        continue
                    seen.add((f.text, g.text))
                    found.append({"type": "figures", "a": side(u, infos[u.article_id], f.text),
                                  "b": side(v, infos[v.article_id], g.text)})
    return found
