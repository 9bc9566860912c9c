"""Throughput of the engine against plain spaCy, and of ingest + link at corpus sizes.

    python bench/throughput.py --quick                 # < 1 minute: ratio on a small sample
    python bench/throughput.py --sizes 1000 10000 --workers 2

1. Side by side, in this process on the same core: plain `spacy.load(MODEL)` with all its
   components, `nlp.pipe` over the cleaned texts of a sample, against our full per-article
   analysis (clean from the raw text + every extractor) over the same articles. The two are
   timed in alternating rounds so that load from other processes hits both alike.
2. Per corpus size (synthetic, bench/synth.py): `accordingto ingest --workers N --no-link` then
   `accordingto link`, as subprocesses: articles/s, words/s, peak RSS of the whole process tree
   (sampled from /proc), database size per 1k articles, link time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import Synth, example_texts  # noqa: E402

from accordingto.analyze import analyze_doc, analyze_many  # noqa: E402
from accordingto.analyze import nlp as _nlp  # noqa: E402
from accordingto.engines.local import clean_all  # noqa: E402
from accordingto.model import Article, RawDocument  # noqa: E402

CLI = [sys.executable, "-m", "accordingto"]


def raw_documents(records: list[dict[str, str]]) -> list[RawDocument]:
    return [RawDocument(file=f"synth#{i}", uri=r["url"], content=r["text"], format="record")
            for i, r in enumerate(records)]


def ratio(n: int, rounds: int, seed: int = 11) -> dict[str, float]:
    """Seconds of plain spaCy and of our engine over the same `n` articles, in `rounds` alternations.

    Ours is timed in its three parts (clean, our spaCy pipeline, the extractors): the same work
    as `analyze_many`, which is `nlp.pipe` then `analyze_doc` per article.
    """
    import spacy

    records = list(Synth(example_texts(), seed)(n))
    raws = raw_documents(records)
    texts = [a.text for a in clean_all(raws) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts)
    plain = spacy.load(_nlp.MODEL)
    ours = _nlp.load()
    list(plain.pipe(texts[:2]))  # warm both up
    list(analyze_many(clean_all(raws[:2]), ours))
    t: dict[str, float] = dict.fromkeys(("plain", "clean", "spacy", "extract"), 0.0)
    step = -(-n // rounds)
    for r in range(rounds):
        part = slice(r * step, (r + 1) * step)
        start = time.perf_counter()
        for _ in plain.pipe(texts[part], batch_size=16):
            pass
        t["plain"] += time.perf_counter() - start
        start = time.perf_counter()
        articles = [a for a in clean_all(raws[part]) if isinstance(a, Article)]
        t["clean"] += time.perf_counter() - start
        start = time.perf_counter()
        docs = list(ours.pipe((a.text for a in articles), batch_size=16))
        t["spacy"] += time.perf_counter() - start
        start = time.perf_counter()
        for article, doc in zip(articles, docs, strict=True):
            analyze_doc(article, doc)
        t["extract"] += time.perf_counter() - start
    ours_s = t["clean"] + t["spacy"] + t["extract"]
    return {"articles": len(texts), "words": words, "plain_s": t["plain"], "ours_s": ours_s,
            "ratio": t["plain"] / ours_s, **{f"{k}_s": v for k, v in t.items() if k != "plain"}}


def component_shares(n: int, seed: int = 11) -> dict[str, float]:
    """Each component's share of plain spaCy's time: what selective processing could save at most."""
    import spacy

    raws = raw_documents(list(Synth(example_texts(), seed)(n)))
    texts = [a.text for a in clean_all(raws) if isinstance(a, Article)]
    plain = spacy.load(_nlp.MODEL)
    spent: dict[str, float] = {}
    start = time.perf_counter()
    docs = [plain.make_doc(text) for text in texts]
    spent["tokenizer"] = time.perf_counter() - start
    for name, proc in plain.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=16))
        spent[name] = time.perf_counter() - start
    total = sum(spent.values())
    return {name: s / total for name, s in spent.items()}


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (workers included)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def _timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak tree RSS of a command."""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):  # 1: some items failed, which the run reports
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{stderr[-2000:]}")
    return time.perf_counter() - started, peak


def corpus_run(size: int, workers: int, tmp: Path, link: bool = True) -> dict[str, float]:
    src = tmp / f"synth_{size}.jsonl"
    synth = Synth(example_texts())
    words = 0
    with src.open("w", encoding="utf-8") as f:
        for record in synth(size):
            words += len(record["text"].split())
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = tmp / f"synth_{size}.duckdb"
    ingest_s, rss = _timed([*CLI, "ingest", str(src), "--db", str(db), "--workers", str(workers), "--no-link"])
    link_s, link_rss = _timed([*CLI, "link", "--db", str(db)]) if link else (float("nan"), 0)
    return {"size": size, "ingest_s": ingest_s, "articles_per_s": size / ingest_s, "words_per_s": words / ingest_s,
            "peak_rss_mb": max(rss, link_rss) / 2**20, "db_mb_per_1k": db.stat().st_size / 2**20 / (size / 1000),
            "link_s": link_s}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a 12-article sample and corpus (< 1 minute)")
    ap.add_argument("--sample", type=int, default=200, help="articles in the side-by-side ratio run")
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-link", action="store_true", help="time ingest only")
    args = ap.parse_args()
    sample, sizes = (12, [12]) if args.quick else (args.sample, args.sizes)

    print(f"machine: {machine()}")
    r = ratio(sample, rounds=4)
    print(f"side by side over {r['articles']} articles ({r['words']} words), one process:")
    print(f"  plain spaCy {_nlp.MODEL}: {r['articles'] / r['plain_s']:.2f} articles/s, "
          f"{r['words'] / r['plain_s']:.0f} words/s")
    print(f"  accordingto clean+analyze: {r['articles'] / r['ours_s']:.2f} articles/s, "
          f"{r['words'] / r['ours_s']:.0f} words/s")
    print(f"  ratio (ours / plain spaCy throughput): {r['ratio']:.2f}x")
    print(f"  our time: clean {r['clean_s'] / r['ours_s']:.0%}, spaCy {r['spacy_s'] / r['ours_s']:.0%}, "
          f"extractors {r['extract_s'] / r['ours_s']:.0%}")
    shares = component_shares(max(8, sample // 4))
    print("  plain spaCy time by component: " + ", ".join(f"{k} {v:.0%}" for k, v in shares.items()), flush=True)
    print("\n| articles | workers | articles/s | words/s | peak RSS | DB per 1k articles | link |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            c = corpus_run(size, args.workers, Path(tmp), link=not args.no_link)
            print(f"| {size} | {args.workers} | {c['articles_per_s']:.2f} | {c['words_per_s']:.0f} | "
                  f"{c['peak_rss_mb']:.0f} MB | {c['db_mb_per_1k']:.1f} MB | {c['link_s']:.1f} s |", flush=True)


if __name__ == "__main__":
    main()
