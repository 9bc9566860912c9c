"""Copies: near-duplicates and syndicated re-publications, found with MinHash and LSH.

Each article's word 5-gram shingles are summarised by a 64-value MinHash signature, cut into
16 bands of 4; two articles that share a band are candidates (about n log n work overall: no
pair is compared unless a band matches), and a candidate is a copy when the signatures agree
on at least `THRESHOLD` of their values (an estimate of the shingles' Jaccard similarity).
Which of the two is the copy is decided by evidence, strongest first: the article says it
re-publishes the other's outlet; it cites that outlet; it was published later.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..model import Analysis
from ..store import Store
from .load import When
from .text import name_key, normalise, words

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.5
SHINGLE = 5
BUCKET_CAP = 200
CANDIDATES = 100
_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20260309)
_A = _rng.integers(1, (1 << 31) - 1, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 31) - 1, PERMUTATIONS, dtype=np.uint64)


def shingles(text: str) -> np.ndarray:
    """Hashes of the text's word 5-grams (single words for very short texts)."""
    ws = [w.casefold() for w in words(normalise(text))]
    n = SHINGLE if len(ws) >= SHINGLE else 1
    grams = {" ".join(ws[i : i + n]) for i in range(len(ws) - n + 1)}
    return np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))


def signature(text: str) -> np.ndarray:
    hashes = shingles(text)
    if hashes.size == 0:
        return np.full(PERMUTATIONS, (1 << 32) - 1, dtype=np.uint32)
    # (a·x + b) mod p for every permutation and shingle; a, x < 2^32 keeps the product in 64 bits.
    hashed = (_A[:, None] * (hashes[None, :] & np.uint64(0x7FFFFFFF)) + _B[:, None]) % _PRIME
    return hashed.min(axis=1).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return np.count_nonzero(a == b) / len(a) if len(a) else 0.0


@dataclass(slots=True)
class Copy:
    article_id: str
    original_id: str
    similarity: float
    evidence: str
    rank: int  # strength of the direction's evidence: 3 republished_from, 2 citation, 1 date, 0 none


def _direction(
    a: str, b: str, outlets: Mapping[str, str | None], republished: Mapping[str, str | None],
    cited: Mapping[str, set[str]], dates: Mapping[str, When],
) -> tuple[str, str, str, int]:
    """(copy, original, evidence, rank) for a near-duplicate pair."""
    for x, y in ((a, b), (b, a)):
        src, out = republished.get(x), outlets.get(y)
        if src and out and name_key(src) == name_key(out):
            return x, y, f"republished from {src}", 3
    for x, y in ((a, b), (b, a)):
        if republished.get(x) is not None and republished.get(y) is None:
            return x, y, f"marked as a re-publication ({republished[x] or 'no source named'})", 2
    for x, y in ((a, b), (b, a)):
        out = outlets.get(y)
        if out and name_key(out) in cited.get(x, set()) and name_key(out) != name_key(outlets.get(x) or ""):
            return x, y, f"cites {out}", 2
    da, db = dates.get(a), dates.get(b)
    if da and db and da.date and db.date and da.date != db.date:
        x, y = (a, b) if da.date > db.date else (b, a)
        return x, y, f"published later ({dates[x].date} after {dates[y].date})", 1
    return a, b, "near-duplicate; no evidence of which came first", 0


def find_copies(
    store: Store, analyses: Mapping[str, Analysis], cited: Mapping[str, set[str]], dates: Mapping[str, When]
) -> list[Copy]:
    """Index the new articles and return their copy links (new ones and ones they overturn)."""
    if not analyses:
        return []
    sigs = {aid: signature(a.article.text) for aid, a in analyses.items()}
    bands = [{"band_key": k, "article_id": aid} for aid, s in sigs.items() for k in band_keys(s)]
    store._insert("lsh_bands", bands)
    store._insert(
        "minhash",
        [{"article_id": aid, "signature": s.tobytes(), "shingles": len(s)} for aid, s in sigs.items()],
    )
    # Blocking for stories of thousands of near-identical re-writes: a bucket is read only to
    # its latest BUCKET_CAP articles, and a new article is compared with the CANDIDATES articles
    # sharing most of its bands (the likeliest copies; among equals, those of the outlet it says
    # it re-publishes), so the work per article stays bounded.
    pairs = store.con.sql(
        """WITH new AS (SELECT band_key, article_id FROM lsh_bands WHERE article_id IN (SELECT unnest($ids))),
           bucket AS (SELECT band_key, article_id FROM lsh_bands WHERE band_key IN (SELECT band_key FROM new)
                      QUALIFY row_number() OVER (PARTITION BY band_key ORDER BY rowid DESC) <= $cap),
           shared AS (SELECT n.article_id AS a, o.article_id AS b, count(*) AS bands
                      FROM new n JOIN bucket o ON n.band_key = o.band_key AND n.article_id <> o.article_id
                      GROUP BY 1, 2)
           SELECT s.a, s.b FROM shared s JOIN articles x ON x.id = s.a JOIN articles y ON y.id = s.b
           QUALIFY row_number() OVER (
               PARTITION BY s.a ORDER BY s.bands DESC,
               coalesce(lower(x.republished_from) = lower(y.outlet), false) DESC, s.b) <= $k
           ORDER BY s.a, s.b""",
        params={"ids": list(analyses), "cap": BUCKET_CAP, "k": CANDIDATES},
    ).fetchall()
    others = sorted({b for _, b in pairs} - set(sigs))
    meta = dict(
        (r[0], (r[1], r[2], r[3], r[4]))
        for r in store.con.sql(
            """SELECT m.article_id, m.signature, a.outlet, a.republished_from, a.republished_evidence FROM minhash m
               JOIN articles a ON a.id = m.article_id WHERE m.article_id IN (SELECT unnest(?))
               ORDER BY m.article_id""",
            params=[others],
        ).fetchall()
    )
    for aid, (blob, *_) in meta.items():
        sigs[aid] = np.frombuffer(blob, dtype=np.uint32)
    outlets = {aid: a.article.outlet.value if a.article.outlet else None for aid, a in analyses.items()}
    # "" stands for a re-publication marker that names no one ("Source: Read Full Article").
    republished = {
        aid: (a.article.republished_from.value or "") if a.article.republished_from else None
        for aid, a in analyses.items()
    }
    for aid, (_, outlet, rep, rep_evidence) in meta.items():
        outlets[aid], republished[aid] = outlet, rep or ("" if rep_evidence else None)
    existing = dict(
        store.con.sql(
            "SELECT article_id, original_id FROM copies WHERE article_id IN (SELECT unnest(?)) ORDER BY 1",
            params=[others],
        ).fetchall()
    )
    best: dict[str, Copy] = {}
    seen: set[frozenset[str]] = set()
    for a, b in pairs:
        pair = frozenset((a, b))
        if pair in seen or a not in sigs or b not in sigs:
            continue
        seen.add(pair)
        sim = similarity(sigs[a], sigs[b])
        if sim < THRESHOLD:
            continue
        copy, original, evidence, rank = _direction(a, b, outlets, republished, cited, dates)
        if copy not in analyses and (copy in existing or rank == 0):
            continue  # an older article keeps its link unless new evidence directs it here
        found = Copy(copy, original, round(sim, 3), evidence, rank)
        held = best.get(copy)
        if held is None or (found.rank, found.similarity) > (held.rank, held.similarity):
            best[copy] = found
    # Never let two articles point at each other: the weaker link of a cycle goes.
    for c in list(best.values()):
        back = best.get(c.original_id)
        if back and back.original_id == c.article_id and (back.rank, back.similarity) >= (c.rank, c.similarity):
            del best[c.article_id]
    return list(best.values())
