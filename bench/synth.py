"""A synthetic news corpus of any size, built from the project's own examples (examples/corpus).

Each article keeps the page furniture and headline of one example article and recombines body
paragraphs from the whole example pool; names and numbers are varied, so copies are not exact
and the stories spread. Output is one JSONL file (`text`, `url`), which `accordingto ingest`
reads as is:

    python bench/synth.py 10000 --out /tmp/synth_10k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"

# A capitalised word that starts no sentence: the names (people, places, outlets) to vary.
NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")
NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")
# Syllables for invented names: they look like names to the tagger and match nothing real.
SYLLABLES = ("ka", "lo", "mir", "ven", "do", "sa", "ret", "an", "bo", "tel", "ri", "sor", "va", "nek", "ul", "pas")


def example_texts(corpus: Path = CORPUS) -> list[str]:
    """Every plain-text example article: the .txt files and the texts of the JSONL feed."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    for feed in sorted(corpus.glob("*.jsonl")):
        texts.extend(json.loads(line)["text"] for line in feed.read_text(encoding="utf-8").splitlines() if line)
    return texts


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def _invented(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _vary_numbers(text: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        s = m.group()
        if "." in s or len(s) == 4 and s.startswith(("19", "20")):  # decimals and years stay
            return s
        n = int(s)
        return str(max(1, round(n * rng.uniform(0.5, 1.5)))) if n > 3 else s

    return NUMBER.sub(repl, text)


class Synth:
    """Deterministic for a seed: article i is the same whatever the corpus size."""

    def __init__(self, texts: list[str], seed: int = 7) -> None:
        self.seed = seed
        self.articles = [_paragraphs(t) for t in texts]
        # The head of an example (chrome, headline, standfirst) and its body: the first paragraph
        # of at least 25 words starts the body.
        self.heads: list[list[str]] = []
        self.bodies: list[list[str]] = []
        for paras in self.articles:
            start = next((i for i, p in enumerate(paras) if len(p.split()) >= 25), 0)
            self.heads.append(paras[:start])
            self.bodies.append(paras[start:])
        self.pool = [p for body in self.bodies for p in body if len(p.split()) >= 8]
        self.names = sorted({m.group() for t in texts for m in NAME.finditer(t)})

    def article(self, i: int) -> dict[str, str]:
        rng = random.Random(self.seed * 1_000_003 + i)
        k = rng.randrange(len(self.articles))
        body = [p if rng.random() > 0.35 else rng.choice(self.pool) for p in self.bodies[k]]
        if rng.random() < 0.5:  # some articles run longer
            body += rng.sample(self.pool, rng.randint(1, 4))
        text = "\n\n".join(self.heads[k] + body)
        swap = {n: _invented(rng) for n in rng.sample(self.names, min(len(self.names), rng.randint(3, 12)))}
        if swap:
            text = re.sub(r"\b(" + "|".join(map(re.escape, swap)) + r")\b", lambda m: swap[m.group()], text)
        return {"text": _vary_numbers(text, rng), "url": f"https://synthetic.example/{self.seed}/{i}"}

    def __call__(self, n: int) -> Iterator[dict[str, str]]:
        for i in range(n):
            yield self.article(i)


def write(n: int, out: Path, seed: int = 7) -> Path:
    synth = Synth(example_texts(), seed)
    with out.open("w", encoding="utf-8") as f:
        for record in synth(n):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    write(args.n, args.out, args.seed)
    print(f"wrote {args.n} articles to {args.out}")


if __name__ == "__main__":
    main()
