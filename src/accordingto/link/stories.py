"""Stories: articles about the same happening.

An article is described by weighted keys: the names it mentions (entities, and capitalised
names in its text), its event types and, as a tie to its copies, the story of any article it
copies. Keys are weighted by rarity (idf over the linked corpus), so "Port Amsel" ties two
articles and "Monday" does not. A new article is compared only with the stories that share one
of its rarest keys (an index lookup, not a scan), joins the best if it covers enough of the
article's weight and its date fits, and otherwise founds a story of its own.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Analysis
from ..store import Store
from .citations import Outlets
from .load import When
from .text import name_key

TOP_KEYS = 24
LOOKUP_KEYS = 8
POSTING_CAP = 100
JOIN_SCORE = 0.3
MERGE_SCORE = 0.5
DATE_SLACK = timedelta(days=21)  # how far past a story's dated range a follow-up may come
# Runs of capitalised words; shouted headlines (all capitals) are left out, since there every
# word is capitalised. A single capitalised word opening a sentence is just the opening.
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'’-]*[a-z][\w'’-]*)*")
_OPENING = re.compile(r"(?:^|\n\s*|[.!?:]\s+|[\"“‘(]\s*)$")
BACKGROUND = 50  # unrelated articles assumed behind a small corpus, so idf means something early on
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december i the a an he she they we it this that his her
    their our its mr mrs ms dr but and or if in on at as by for from to of read share sign tags
    picture image photograph watch related more""".split()  # noqa: SIM905
)
# Words of a name that say what someone is, not who.
_TITLES = frozenset(
    """minister ministry deputy general major prime president chief head secretary officer spokesman
    spokeswoman director chairman chairwoman leader mayor governor senator judge police army council
    department office committee party union national international regional city state federal
    north south east west northern southern eastern western""".split()  # noqa: SIM905
)
_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


def story_id(founder: str) -> str:
    return "s" + hashlib.sha256(founder.encode()).hexdigest()[:11]


def article_keys(a: Analysis, outlets: Outlets) -> Counter[str]:
    """The names and event types an article is about, with how often it mentions them.

    A name counts whole ("n:aurel vasko") and by its words ("w:vasko"), so "Defence Minister
    Aurel Vasko", "Aurel Vasko" and "Vasko" still meet across articles."""
    keys: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for ent in a.entities:
        if ent.type in _ENTITY_TYPES and (k := name_key(ent.canonical)):
            names[k] += len(ent.mentions) or 1
    text = a.article.text
    for m in _NAME_RUN.finditer(text):
        if " " not in m.group(0) and _OPENING.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        names[name_key(m.group(0))] += 1
    own = {name_key(a.article.outlet.value)} if a.article.outlet and a.article.outlet.value else set()
    for name, n in names.items():
        if not name or name in _NOT_NAMES or name.isdigit() or name in own or outlets.is_outlet(name):
            continue  # outlets say who reported, not what happened
        keys["n:" + name] += n
        for w in name.split():
            if len(w) > 3 and w not in _NOT_NAMES and w not in _TITLES:
                keys["w:" + w] += n
    for e in a.events:
        if e.modality != "negated":
            keys["v:" + e.type] += 1
    return keys


@dataclass(slots=True)
class StoryState:
    id: str
    size: int = 0
    earliest: date | None = None
    latest: date | None = None
    keys: Counter[str] = field(default_factory=Counter)

    def fits(self, w: When) -> bool:
        """Could this article be part of the story by its date? Estimated dates count too, so
        that the same names months or years apart ("Putin", "the FSB") make separate stories."""
        window = w.window()
        if not window or not self.earliest or not self.latest:
            return True
        return window[0] <= self.latest + DATE_SLACK and window[1] >= self.earliest - DATE_SLACK

    def add_time(self, w: When) -> None:
        if window := w.window():
            self.earliest = min(filter(None, (self.earliest, window[0])))
            self.latest = max(filter(None, (self.latest, window[1])))


def assign_stories(
    store: Store,
    analyses: Mapping[str, Analysis],
    order: Sequence[str],
    dates: Mapping[str, When],
    copy_of: Mapping[str, str],
    outlets: Outlets,
) -> dict[str, tuple[str, float]]:
    """Story and score for every new article, updating the key index as they join."""
    art_keys = {aid: article_keys(analyses[aid], outlets) for aid in order}
    all_keys = sorted({k for ks in art_keys.values() for k in ks})
    df: Counter[str] = Counter(dict(store.con.sql(
        "SELECT key, df FROM key_df WHERE key IN (SELECT unnest(?)) ORDER BY key", params=[all_keys]).fetchall()))
    n_docs = store.con.execute("SELECT count(*) FROM story_members").fetchall()[0][0]
    stories: dict[str, StoryState] = {}
    by_key: dict[str, set[str]] = defaultdict(set)
    for sid, key, n in store.con.sql(
        "SELECT story_id, key, n FROM story_keys WHERE key IN (SELECT unnest(?)) ORDER BY story_id, key", params=[all_keys]
    ).fetchall():
        stories.setdefault(sid, StoryState(sid)).keys[key] = n
        by_key[key].add(sid)
    if stories:
        for sid, size, lo, hi in store.con.sql(
            """SELECT m.story_id, count(*), min(s.earliest), max(s.latest) FROM story_members m
               JOIN stories s ON s.id = m.story_id WHERE m.story_id IN (SELECT unnest(?)) GROUP BY 1 ORDER BY 1""",
            params=[list(stories)],
        ).fetchall():
            st = stories[sid]
            st.size, st.earliest, st.latest = size, lo, hi
    known_story = dict(store.con.sql(
        "SELECT article_id, story_id FROM story_members WHERE article_id IN (SELECT unnest(?)) ORDER BY 1, 2",
        params=[sorted(set(copy_of.values()))],
    ).fetchall())
    result: dict[str, tuple[str, float]] = {}
    merged: dict[str, str] = {}
    for aid in order:
        keys = art_keys[aid]
        n_docs += 1
        for k in keys:
            df[k] += 1
        weights = {k: (1 + math.log(tf)) * math.log((n_docs + BACKGROUND) / (df[k] + 0.5)) for k, tf in keys.items()}
        top = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_KEYS])
        total = sum(top.values()) or 1.0
        original = copy_of.get(aid)
        best, best_score = None, 0.0
        scores: dict[str, float] = {}
        if original and (sid := result.get(original, (known_story.get(original), 0))[0]):
            best, best_score = sid, 1.0
        else:
            # Blocking: look stories up by the article's rarest keys only; a key that many
            # stories share ("v:killing") adds to the score but finds no candidates.
            lookup = [k for k in top if 0 < len(by_key.get(k, ())) <= POSTING_CAP][:LOOKUP_KEYS]
            candidates = {sid for k in lookup for sid in by_key.get(k, ())}
            for sid in candidates:
                st = stories[sid]
                if not st.fits(dates[aid]):
                    continue
                share = sum(w * min(1.0, 3 * st.keys[k] / max(st.size, 1)) for k, w in top.items() if st.keys.get(k))
                scores[sid] = share / total
                if share / total > best_score:
                    best, best_score = sid, share / total
        if best is None or best_score < JOIN_SCORE:
            best, best_score = story_id(aid), 0.0
        else:
            # An article that belongs to two stories this surely shows they are one.
            for other in [o for o, sc in scores.items() if o != best and sc >= MERGE_SCORE]:
                _absorb(stories, by_key, best, other)
                merged[other] = best
        st = stories.setdefault(best, StoryState(best))
        st.size += 1
        st.add_time(dates[aid])
        for k in keys:
            st.keys[k] += 1
            by_key[k].add(best)
        result[aid] = (best, round(best_score, 3))
    def final(sid: str) -> str:
        while sid in merged:
            sid = merged[sid]
        return sid

    result = {aid: (final(sid), score) for aid, (sid, score) in result.items()}
    _merge_stored(store, {old: final(old) for old in merged}, set(all_keys))
    _save(store, art_keys, df, stories, result)
    return result


def _absorb(stories: dict[str, StoryState], by_key: dict[str, set[str]], into: str, other: str) -> None:
    st, old = stories[into], stories.pop(other)
    st.size += old.size
    days = [d for d in (st.earliest, st.latest, old.earliest, old.latest) if d]
    st.earliest, st.latest = (min(days), max(days)) if days else (None, None)
    for k, n in old.keys.items():
        st.keys[k] += n
        by_key[k].discard(other)
        by_key[k].add(into)


def _merge_stored(store: Store, merges: Mapping[str, str], batch_keys: set[str]) -> None:
    """Move merged stories' members, claims and keys to the story that absorbed them. Keys
    the batch touched are written afterwards from memory; the others are added up here."""
    for old, new in merges.items():
        for table in ("story_members", "link_state", "cluster_members", "claim_clusters"):
            store.con.execute(f"UPDATE {table} SET story_id = ? WHERE story_id = ?", [new, old])
        store.con.execute(
            """INSERT INTO story_keys SELECT ?, key, n FROM story_keys
               WHERE story_id = ? AND key NOT IN (SELECT unnest(?))
               ON CONFLICT (story_id, key) DO UPDATE SET n = story_keys.n + excluded.n""",
            [new, old, sorted(batch_keys)],
        )
        store.con.execute("DELETE FROM story_keys WHERE story_id = ?", [old])
        store.con.execute("DELETE FROM stories WHERE id = ?", [old])


def _save(
    store: Store,
    art_keys: Mapping[str, Counter[str]],
    df: Counter[str],
    stories: Mapping[str, StoryState],
    result: Mapping[str, tuple[str, float]],
) -> None:
    touched = {sid for sid, _ in result.values()}
    keys = sorted({k for ks in art_keys.values() for k in ks})
    store.con.execute("DELETE FROM key_df WHERE key IN (SELECT unnest(?))", [keys])
    store._insert("key_df", [{"key": k, "df": df[k]} for k in keys])
    # Only the batch's keys were loaded and changed; a story's other keys stay as they are.
    store.con.execute(
        "DELETE FROM story_keys WHERE story_id IN (SELECT unnest(?)) AND key IN (SELECT unnest(?))",
        [sorted(touched), keys],
    )
    store._insert(
        "story_keys",
        [{"story_id": sid, "key": k, "n": n} for sid in touched for k, n in stories[sid].keys.items() if n],
    )
    store._insert(
        "story_members", [{"article_id": aid, "story_id": sid, "score": s} for aid, (sid, s) in result.items()]
    )
