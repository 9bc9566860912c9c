"""clean on the five seed articles, read from ../shared (never copied), scored by the
shared scorer: boilerplate, title, outlet and date figures, and the text contract."""

from __future__ import annotations

import json

import pytest

from accordingto.clean import clean
from accordingto.model import Analysis, RawDocument
from conftest import SCORER, SEED_GOLD, SEEDS, score

pytestmark = pytest.mark.skipif(
    not (SEEDS.is_dir() and SEED_GOLD.is_file() and SCORER.is_file()), reason="../shared absent"
)


def cleaned_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        yield raw, clean(RawDocument(file=path.name, uri=str(path), content=raw, format="text"))


def test_seed_figures_via_scorer(tmp_path):
    out = tmp_path / "clean.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for _, article in cleaned_seeds():
            fh.write(json.dumps(Analysis(article=article).to_record(), ensure_ascii=False) + "\n")
    figures = score(SEED_GOLD, out)
    assert figures["articles_predicted"] == 5
    assert figures["boilerplate_f1"] >= 0.95
    assert figures["title_acc"] == 1.0
    assert figures["outlet_acc"] == 1.0
    assert figures["published_acc"] == 1.0


def test_seed_text_contract():
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    for raw, article in cleaned_seeds():
        raw_lines = {line.strip() for line in raw.splitlines()}
        paragraphs = article.text.split("\n\n")
        assert paragraphs[0] == article.title == gold[article.file]["title"]
        # Every paragraph is verbatim from the raw file (spans downstream must match gold).
        assert all(p and p in raw for p in paragraphs)
        assert all(line in raw_lines for line in article.boilerplate)
        assert "\n\n\n" not in article.text
        # Nothing is lost: each non-blank raw line is body, boilerplate, or holds the title.
        kept = set(paragraphs) | set(article.boilerplate)
        assert all(line in kept or article.title in line for line in raw_lines if line)
