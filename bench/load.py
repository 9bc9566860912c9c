"""Load test of `accordingto serve`: a bounded number of requests at a fixed concurrency against a
synthetic database, on loopback only; prints p50 / p99 latency and errors per endpoint.

The database is built without spaCy: synthetic Analyses (articles with attributions, quantities,
entities, every span real) written through `Store.write`, then `accordingto link` (skip with
--no-link). The server runs as a subprocess on 127.0.0.1 and a free port.

    python bench/load.py                 # 10,000 articles, 5,000 requests at concurrency 32
    python bench/load.py --quick         # 1,000 articles, 1,000 requests: under a minute
    python bench/load.py --md bench/LOAD.md
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from accordingto.model import Analysis, Article, Attribution, Entity, Evidence, Quantity, Span
from accordingto.store import open_store

OUTLETS = ["Harbour Times", "Valley Courant", "Night Wire", "Coastal Gazette", "Daily Ledger", "Port Herald"]
PEOPLE = ["Ilse Marrow", "Tomas Weller", "Anika Brandt", "René Dufour", "Marta Lindqvist", "Omar Haddad"]
TOPICS = ["bridge", "ferry", "dam", "harbour", "library", "tram line", "hospital", "school"]
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def synthetic(i: int, rng: random.Random) -> Analysis:
    """One article about one of a few hundred stories, with spans computed from its own text."""
    story = rng.randrange(max(1, i // 25 + 1))
    topic, person, outlet = TOPICS[story % len(TOPICS)], PEOPLE[story % len(PEOPLE)], rng.choice(OUTLETS)
    n = 10 + story % 90
    quote = f"The {topic} in district {story} will be repaired for {n} million euros"
    claim = f"at least {n * 3} residents had complained about the {topic}"
    day = f"2026-{1 + story % 12:02d}-{1 + (i % 28):02d}"
    extra = HOSTILE if i % 500 == 0 else ""
    text = (f"{topic.title()} repairs in district {story} approved ({i})\n\n"
            f"“{quote},” said {person}, who chairs the works committee. {extra}\n\n"
            f"Residents said {claim}, according to the {outlet}.\n\n"
            f"Work starts on {day}, officials said.")

    def span(needle: str, after: int = 0) -> Span:
        at = text.index(needle, after)
        return Span.of(text, at, at + len(needle))

    def sentence(needle: str) -> Span:
        at = text.index(needle)
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        return Span.of(text, start, len(text) if end < 0 else end)

    attributions = [
        Attribution(sentence=sentence(quote), content=span(quote), kind="direct", cue=span("said"),
                    source_text=span(person), source=person, source_type="person"),
        Attribution(sentence=sentence(claim), content=span(claim), kind="according_to", cue=span("according to"),
                    source_text=span("Residents"), source="residents", source_type="anonymous", via=[outlet]),
    ]
    number = str(n * 3)
    quantities = [Quantity(sentence=sentence(claim), span=span(f"at least {number}"), value=float(n * 3),
                           approximate=True, approximator="at least", unit_or_object="residents")]
    entities = [Entity(person, "PERSON", [span(person)]), Entity(f"district {story}", "GPE", [span(f"district {story}")])]
    article = Article(file=f"synthetic-{i:05d}.txt", uri=f"https://example.org/{i}", text=text,
                      title=text.split("\n", 1)[0], outlet=Evidence(outlet, outlet),
                      published=Evidence(day, day))
    return Analysis(article=article, attributions=attributions, quantities=quantities, entities=entities)


def build(db: Path, articles: int, link: bool, seed: int = 7) -> float:
    started = time.perf_counter()
    rng = random.Random(seed)
    with open_store(db) as store:
        for lo in range(0, articles, 500):
            store.write([synthetic(i, rng) for i in range(lo, min(lo + 500, articles))])
    if link:
        subprocess.run([sys.executable, "-m", "accordingto", "link", "--db", str(db)], check=True,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def targets(db: Path, rng: random.Random) -> list[tuple[str, str]]:
    """(endpoint name, path) pairs over every API endpoint and the main UI pages, with real ids."""
    with open_store(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles USING SAMPLE 200 ROWS").fetchall()]
        entities = [r[0] for r in store.con.execute("SELECT id FROM entities LIMIT 100").fetchall()]
        stories = [r[0] for r in store.con.execute("SELECT id FROM stories LIMIT 100").fetchall()]
        clusters = [r[0] for r in store.con.execute("SELECT id FROM claim_clusters LIMIT 100").fetchall()]
    pool: list[tuple[str, str]] = [
        ("stats", "/api/stats"),
        ("articles", f"/api/articles?limit=50&offset={rng.randrange(5000)}"),
        ("articles?outlet", f"/api/articles?outlet={rng.choice(OUTLETS).replace(' ', '+')}&limit=20"),
        ("attributions", f"/api/attributions?source={rng.choice(PEOPLE).replace(' ', '+')}&limit=50"),
        ("entities", "/api/entities?limit=50"),
        ("stories", "/api/stories?limit=50"),
        ("claims", "/api/claims?limit=50"),
        ("search", f"/api/search?q={rng.choice(TOPICS).replace(' ', '+')}+district"),
        ("ui /", "/"),
        ("ui /articles", f"/articles?page={1 + rng.randrange(50)}"),
    ]
    pool += [("article", f"/api/articles/{i}") for i in ids[:20]] + [("ui article", f"/articles/{i}") for i in ids[20:30]]
    pool += [("entity", f"/api/entities/{e}") for e in entities[:10]]
    pool += [("story", f"/api/stories/{s}") for s in stories[:10]] + [("claim", f"/api/claims/{c}") for c in clusters[:10]]
    return pool


def fire(base: str, plan: list[tuple[str, str]], concurrency: int) -> list[tuple[str, float, int]]:
    local = __import__("threading").local()

    def one(item: tuple[str, str]) -> tuple[str, float, int]:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=30)
        name, path = item
        started = time.perf_counter()
        try:
            status = local.client.get(path).status_code
        except httpx.HTTPError:
            status = 0
        return name, time.perf_counter() - started, status

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(one, plan))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--quick", action="store_true", help="1,000 articles and 1,000 requests")
    parser.add_argument("--no-link", action="store_true", help="skip `accordingto link` (no stories or claims)")
    parser.add_argument("--db", type=Path, help="reuse (or create) this database instead of a temporary one")
    parser.add_argument("--md", type=Path, help="also write the results as Markdown to this file")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.requests = 1_000, 1_000
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.duckdb"
        built = build(db, args.articles, not args.no_link) if not db.exists() else 0.0
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "accordingto", "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    httpx.get(base + "/openapi.json", timeout=2)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        sys.exit("serve did not start")
                    time.sleep(0.2)
            pool = targets(db, rng)
            fire(base, pool, 4)  # warm-up: the search index, caches
            plan = [rng.choice(pool) for _ in range(args.requests)]
            started = time.perf_counter()
            results = fire(base, plan, args.concurrency)
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(10)
    by: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for name, seconds, status in results:
        by[name].append((seconds, status))
    all_times = [s for _, s, _ in results]
    errors = sum(1 for _, _, status in results if not 200 <= status < 300)
    lines = [
        "# Load: `accordingto serve` on loopback\n",
        f"{args.articles:,} synthetic articles ({'not ' if args.no_link else ''}linked; built in {built:.1f}s), "
        f"{len(results):,} requests at concurrency {args.concurrency}, {wall:.1f}s wall "
        f"({len(results) / wall:.0f} req/s).\n",
        f"**p50 {pct(all_times, 0.5):.0f} ms · p99 {pct(all_times, 0.99):.0f} ms · errors {errors}**\n",
        "| endpoint | requests | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in sorted(by):
        times = [s for s, _ in by[name]]
        bad = sum(1 for _, status in by[name] if not 200 <= status < 300)
        lines.append(f"| {name} | {len(times)} | {pct(times, 0.5):.0f} | {pct(times, 0.99):.0f} | {bad} |")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.md:
        args.md.write_text(report + f"\nCommand: `python bench/load.py {' '.join(sys.argv[1:])}`; "
                           f"median of {statistics.median([len(v) for v in by.values()]):.0f} requests per endpoint.\n",
                           encoding="utf-8")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
