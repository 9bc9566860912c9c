"""What the store costs as the database grows: write time per 1k articles, RSS and file size,
up to 100k articles, without spending hours in spaCy.

    python bench/store_scale.py --size 100000          # ~15 min here
    python bench/store_scale.py --size 5000 --quick

Real analyses of a few synthetic articles (bench/synth.py, built from the example corpus) are
written again and again under new file names, so every article is new to the database and
carries the rows a real one does (attributions, claims, quantities, events, mentions). Each
batch goes through the same path as `accordingto ingest`: a read-only open to skip known
articles, then a write open, one transaction, close. If writing slowed down or memory grew
with the size of the database, it shows here, apart from the analysis, whose memory is bounded
per batch (see RESULTS.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import Synth, example_texts  # noqa: E402
from throughput import raw_documents  # noqa: E402

from accordingto.analyze import analyze_many  # noqa: E402
from accordingto.engines.local import clean_all  # noqa: E402
from accordingto.model import Analysis, Article  # noqa: E402
from accordingto.store import open_store  # noqa: E402


def _rss_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process, in MB."""
    current = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            current = int(line.split()[1]) / 1024
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def templates(n: int) -> list[Analysis]:
    raws = raw_documents(list(Synth(example_texts(), 5)(n)))
    return list(analyze_many(a for a in clean_all(raws) if isinstance(a, Article)))


def clone(template: Analysis, i: int) -> Analysis:
    """The same analysis published under another name: a new article id, the same rows."""
    article = dataclasses.replace(template.article, file=f"clone-{i:07d}.txt", uri="")
    return dataclasses.replace(template, article=article)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=32, help="articles per transaction (ingest's default)")
    ap.add_argument("--templates", type=int, default=48)
    ap.add_argument("--quick", action="store_true", help="12 templates")
    args = ap.parse_args()
    base = templates(12 if args.quick else args.templates)
    rows = sum(len(a.attributions) + len(a.claims) + len(a.quantities) + len(a.events)
               + sum(len(e.mentions) for e in a.entities) for a in base) / len(base)
    print(f"{len(base)} template analyses, {rows:.0f} rows per article besides the article itself")
    print(f"after analysis: RSS {_rss_mb()[0]:.0f} MB")
    print("| articles | s per 1k (last step) | RSS now | peak RSS | DB size | DB per 1k | time in |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    step = max(args.size // 10, args.batch)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "scale.duckdb"
        open_store(db).close()
        written, last, mark, started = 0, 0, time.perf_counter(), time.perf_counter()
        parts = dict.fromkeys(("skip check", "open", "write", "close"), 0.0)
        while written < args.size:
            batch = [clone(base[(written + k) % len(base)], written + k)
                     for k in range(min(args.batch, args.size - written))]
            t0 = time.perf_counter()
            with open_store(db, read_only=True) as store:
                known = store.known_ids(a.article.id for a in batch)
            t1 = time.perf_counter()
            store = open_store(db)
            t2 = time.perf_counter()
            store.write([a for a in batch if a.article.id not in known])
            t3 = time.perf_counter()
            store.close()
            for part, seconds in zip(parts, (t1 - t0, t2 - t1, t3 - t2, time.perf_counter() - t3), strict=True):
                parts[part] += seconds
            written += len(batch)
            if written % step < args.batch or written == args.size:
                now = time.perf_counter()
                size_mb = db.stat().st_size / 2**20
                current, peak = _rss_mb()
                print(f"| {written} | {(now - mark) / (written - last) * 1000:.1f} | {current:.0f} MB | {peak:.0f} MB | "
                      f"{size_mb:.0f} MB | {size_mb / written * 1000:.1f} MB | "
                      + ", ".join(f"{k} {v / (now - mark):.0%}" for k, v in parts.items()) + " |", flush=True)
                mark, last = now, written
                parts = dict.fromkeys(parts, 0.0)
        print(f"total {time.perf_counter() - started:.0f} s for {written} articles")


if __name__ == "__main__":
    main()
