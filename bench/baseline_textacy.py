"""Peer baseline: textacy 0.13's `direct_quotations` against accordingto, side by side.

Both run over the same cleaned articles and the same spaCy model, are written to the JSON
contract and scored by the same scorer in one run:

    python bench/baseline_textacy.py            # seeds (../shared) and examples/ when present

textacy only finds direct quotes (content = quote text, source = speaker, cue = verb, kind
"direct"); on an article where it raises (it does on unbalanced quote marks) that article
counts as empty for it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from textacy.extract.triples import direct_quotations

from accordingto.analyze import analyze_doc
from accordingto.analyze import nlp as _nlp
from accordingto.engines.local import clean_all
from accordingto.ingest import read
from accordingto.model import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = [
    ("seeds", SHARED / "seeds", SHARED / "gold" / "seeds.json"),
    ("examples", ROOT / "examples" / "corpus", ROOT / "examples" / "gold.json"),
]
FIGURES = ("attribution_f1", "attribution_strict_f1", "attribution_p", "attribution_r", "attribution_kind_acc",
           "attribution_source_acc", "attribution_via_acc", "attribution_hedges_acc")


def textacy_record(article: Article, doc) -> dict:
    """textacy's quotes in our contract; an exception costs the article, not the run."""
    out = []
    try:
        for q in direct_quotations(doc):
            out.append({
                "content": " ".join(t.text for t in q.content).strip("\"“”‘’' "),
                "source": " ".join(t.text for t in q.speaker) or None,
                "cue": " ".join(t.text for t in q.cue) or None,
                "kind": "direct",
                "source_type": None,
                "via": [],
                "hedges": [],
                "polarity": "assert",
            })
    except Exception:  # noqa: BLE001 - the baseline's own failure mode is part of the comparison
        out = []
    return {"file": article.file, "attributions": out}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit("scorer not found at ../shared/tools/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(score, gold_path: Path, records: list[dict]) -> dict[str, float]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in records:
            tmp.write(json.dumps(r, ensure_ascii=False) + "\n")
    pred = score.load_pred(Path(tmp.name))
    Path(tmp.name).unlink()
    attr, strict = score.Tally(), score.Tally()
    for name, g in gold.items():
        score.score_attributions(g, pred.get(name, {}), attr, strict)
    p, r, f = attr.prf()
    out = {"attribution_p": p, "attribution_r": r, "attribution_f1": f, "attribution_strict_f1": strict.prf()[2]}
    out.update({f"attribution_{k}_acc": attr.rate(k) for k in ("source", "kind", "via", "hedges")})
    return out


def run(name: str, corpus: Path, gold: Path, score) -> list[tuple[str, str, dict[str, float]]]:
    nlp = _nlp.load()
    ours, theirs = [], []
    articles = [a for a in clean_all(read([str(corpus)])) if isinstance(a, Article)]
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        ours.append(analyze_doc(article, doc).to_record())
        theirs.append(textacy_record(article, doc))
    return [(name, "accordingto", figures(score, gold, ours)), (name, "textacy 0.13", figures(score, gold, theirs))]


def main() -> int:
    score = load_scorer()
    rows = []
    for name, corpus, gold in CORPORA:
        if corpus.exists() and gold.exists():
            rows += run(name, corpus, gold, score)
    if not rows:
        print("no corpus with gold found", file=sys.stderr)
        return 1
    short = [f.replace("attribution_", "") for f in FIGURES]
    print(f"{'corpus':10s} {'engine':14s} " + " ".join(f"{s:>10s}" for s in short))
    for corpus, engine, figs in rows:
        print(f"{corpus:10s} {engine:14s} " + " ".join(f"{figs[f]:10.3f}" for f in FIGURES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
