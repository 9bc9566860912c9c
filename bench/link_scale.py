"""Time the link stage on synthetic corpora: N articles in stories of about eight, written from
templates with invented names, figures that drift, hedges that drop and copies.

Usage: python bench/link_scale.py [--sizes 1000 10000] [--big] (adds 100000) [--story-size 1000]

`--story-size N` writes stories of about N articles (a war, an election: thousands of articles
about one happening, most repeating the same few claims) instead of about eight.

Prints seconds per size, seconds / (n log2 n) relative to the smallest size (a ratio that stays
near 1 means linking grows about n log n: no all-pairs comparisons) and the peak RSS of the
process that links (a fresh process per size, which only opens the store and links).
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from accordingto.link import link
from accordingto.model import Analysis, Article, Attribution, Entity, Event, Evidence, Quantity, Span
from accordingto.store import Store

SYLLABLES = ["ka", "lo", "ven", "dri", "sa", "mor", "tel", "bra", "nik", "os", "ul", "fen", "gar", "im", "pa", "zo", "rid", "kel", "vas", "tor", "lin", "mes"]
FILLER = ["officials", "residents", "witnesses", "engineers", "neighbours", "volunteers", "crews", "investigators", "rescuers", "inspectors", "workers", "families", "traders", "drivers", "teachers", "nurses", "farmers", "students", "pilots"]
VERBS = ["described", "reported", "recalled", "noted", "watched", "feared", "heard", "saw", "confirmed", "counted"]
EVENTS = [("killing", "killed"), ("arrest", "arrested"), ("evacuation", "evacuated"), ("strike", "struck")]
OUTLETS = [f"{a} {b}" for a in ("Northern", "Coastal", "Daily", "Evening", "Valley", "City") for b in
           ("Herald", "Courier", "Times", "Post", "Chronicle", "Record")]


def word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def sentence(rng: random.Random, place: str) -> str:
    return (f"{rng.choice(FILLER).capitalize()} in {place} {rng.choice(VERBS)} {rng.choice(FILLER)} "
            f"near the {word(rng, 2).lower()} {rng.choice(['road', 'bridge', 'square', 'market', 'quay'])}.")


def story(rng: random.Random, index: int, size: int, day: date) -> list[Analysis]:
    place, person, org = word(rng), f"{word(rng, 2)} {word(rng)}", f"{word(rng)} {rng.choice(['Group', 'Ltd', 'Authority'])}"
    etype, trigger = rng.choice(EVENTS)
    n = rng.randint(5, 400)
    quote = f"We have never seen anything like this in {place}, and the {rng.choice(FILLER)} are still {rng.choice(VERBS)}"
    wire_outlet = rng.choice(OUTLETS)
    out = []
    for k in range(size):
        outlet = wire_outlet if k == 0 else rng.choice(OUTLETS)
        approx = rng.choice(["at least", "more than", "about", "up to", None])
        value = n if k < 2 else n + rng.randint(-3, 9)
        fig = f"{approx} {value}" if approx else str(value)
        hedge = "may have" if k == 0 or rng.random() < 0.5 else "had"
        lead = f"{fig.capitalize()} people were {trigger} in {place}, {person} said."
        credit = f" {wire_outlet} reports." if k else ""
        body = [
            f"{place} {etype}: {fig} people {trigger}",
            lead + credit,
            f'"{quote}," {person.split()[1]} told reporters.',
            f"{org} {hedge} ignored warnings about the site, one official said.",
            *(sentence(rng, place) for _ in range(rng.randint(2, 5))),
        ]
        if k and rng.random() < 0.15:
            body = out[-1].article.text.split("\n\n")[:] + [f"Source: {out[-1].article.outlet.value}"]
        text = "\n\n".join(body)
        file = f"s{index:06d}_{k}.txt"
        published = (day + timedelta(days=k // 2)).isoformat() if rng.random() > 0.1 else None
        art = Article(file=file, uri=file, text=text, title=body[0], outlet=Evidence(f"{outlet} {index % 7}"),
                      published=Evidence(published) if published else None)
        out.append(analysis(art, place, person, org, etype, trigger, fig, value, approx))
    return out


def find(text: str, needle: str, start: int = 0) -> Span | None:
    i = text.find(needle, start)
    return Span(i, i + len(needle), needle) if i >= 0 else None


def analysis(art: Article, place: str, person: str, org: str, etype: str, trigger: str,
             fig: str, value: float, approx: str | None) -> Analysis:
    text = art.text
    paragraphs, start = [], 0
    for p in text.split("\n\n"):
        paragraphs.append(Span(start, start + len(p), p))
        start += len(p) + 2
    attrs, quantities, events = [], [], []
    for p in paragraphs[1:4]:
        if (cue := find(text, " said", p.start)) and cue.end <= p.end:
            src = find(text, person, p.start) or find(text, "one official", p.start)
            attrs.append(Attribution(sentence=p, content=Span(p.start, cue.start, text[p.start : cue.start]),
                                     kind="indirect", cue=Span(cue.start + 1, cue.end, "said"), source_text=src,
                                     source=src.text if src else None, source_type="person" if src else None,
                                     hedges=[h] if (h := find(text, "may", p.start)) and h.end <= p.end else []))
    for p in paragraphs[:2]:
        if (q := find(text, fig, p.start) or find(text, fig.capitalize(), p.start)) and q.end <= p.end:
            quantities.append(Quantity(p, q, float(value), approx is not None, approx, "people"))
        if (t := find(text, trigger, p.start)) and t.end <= p.end:
            events.append(Event(etype, t, p))
    entities = [Entity(name, kind, [m for m in (find(text, name),) if m]) for name, kind in
                ((place, "GPE"), (person, "PERSON"), (org, "ORG"))]
    return Analysis(art, attrs, [], quantities, events, [e for e in entities if e.mentions])


def corpus(n: int, seed: int = 7, story_size: int | None = None) -> list[Analysis]:
    rng = random.Random(seed)
    out: list[Analysis] = []
    index = 0
    while len(out) < n:
        day = date(2026, 1, 1) + timedelta(days=rng.randint(0, 700))
        size = rng.randint(story_size * 3 // 4, story_size * 5 // 4) if story_size else rng.randint(4, 12)
        out += story(rng, index, size, day)
        index += 1
    return out[:n]


def link_in_child(db: Path) -> tuple[float, int, float]:
    """Seconds, stories and peak RSS (MB) of a fresh process that links `db`."""
    done = subprocess.run([sys.executable, __file__, "--link-only", str(db)], check=True, capture_output=True, text=True)
    seconds, stories, rss = done.stdout.split()
    return float(seconds), int(stories), float(rss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--big", action="store_true", help="also 100000 articles")
    parser.add_argument("--story-size", type=int, default=None, help="articles per story (default: about 8)")
    parser.add_argument("--link-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.link_only:
        with Store(args.link_only) as store:
            started = time.perf_counter()
            link(store)
            seconds = time.perf_counter() - started
            stories = store.con.execute("SELECT count(*) FROM stories").fetchall()[0][0]
        print(seconds, stories, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return 0
    sizes = args.sizes + ([100_000] if args.big else [])
    base = None
    for n in sizes:
        analyses = corpus(n, story_size=args.story_size)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "scale.duckdb"
            with Store(db) as store:
                for i in range(0, n, 2000):
                    store.write(analyses[i : i + 2000])
            del analyses
            seconds, stories, rss = link_in_child(db)
        per = seconds / (n * math.log2(n))
        base = base or per
        print(f"n={n:>7}  link {seconds:7.1f}s  stories {stories:>6}  s/(n log n) ratio {per / base:4.2f}  "
              f"peak RSS {rss:6.0f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
