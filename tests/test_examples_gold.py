"""The bundled example corpus and its gold stay in step (examples/check_gold.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples"


def _checker():
    spec = importlib.util.spec_from_file_location("check_gold", EXAMPLES / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_gold_field_is_verbatim_in_its_source():
    checker = _checker()
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    texts = checker.sources()
    assert set(gold) == set(texts)
    problems = [f"{key}: {err}" for key, art in gold.items() for err in checker.check_article(key, art, texts[key])]
    assert problems == []


def test_checker_rejects_a_paraphrased_quote():
    checker = _checker()
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    key = "dailycourier_fire_cover_up.txt"
    article = gold[key]
    article["attributions"][0]["content"] = article["attributions"][0]["content"].replace("ignored", "overlooked")
    article["boilerplate"].append("Post a comment")
    errors = checker.check_article(key, article, checker.sources()[key])
    assert any("attributions[0].content" in e for e in errors)
    assert any("boilerplate" in e for e in errors)


def test_warc_keys_count_html_responses_only():
    # The archive's first response is a robots.txt; gold key #1 must be the first HTML page.
    pages = _checker().warc_pages(EXAMPLES / "corpus" / "crawl.warc.gz")
    assert len(pages) == 2
    assert "Saltgate evacuated" in pages[0] and "Korbel tells MPs" in pages[1]


def test_link_gold_covers_the_corpus_with_verbatim_evidence():
    checker = _checker()
    link = json.loads((EXAMPLES / "link_gold.json").read_text(encoding="utf-8"))
    texts = checker.sources()
    assert checker.check_link(link, texts) == []
    assert len(link["stories"]) >= 4 and len(texts) >= 30
    assert any(c.get("independent_origins") == 2 for c in link["claim_clusters"])
    kinds = {m["type"] for c in link["claim_clusters"] for m in c["mutations"]}
    assert kinds == checker.MUTATION_TYPES


def test_link_checker_rejects_bad_evidence_and_unknown_files():
    checker = _checker()
    link = json.loads((EXAMPLES / "link_gold.json").read_text(encoding="utf-8"))
    link["citations"][0]["evidence"] = link["citations"][0]["evidence"].replace("according to", "as reported by")
    link["stories"][0]["members"].append("no_such_article.txt")
    link["stories"][1]["members"].pop()
    cluster = next(c for c in link["claim_clusters"] if c["mutations"])
    cluster["mutations"][0]["after"] = "a figure nobody wrote"
    errors = checker.check_link(link, checker.sources())
    assert any("citation 0" in e and "not verbatim" in e for e in errors)
    assert any("no_such_article.txt" in e for e in errors)
    assert any("in no story" in e for e in errors)
    assert any(cluster["id"] in e and "a figure nobody wrote" in e for e in errors)
