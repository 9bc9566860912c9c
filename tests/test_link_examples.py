"""The link stage end to end on the project's example corpus, scored against
examples/link_gold.json with bench/score_link.py (the figures the issue asks for)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "link_gold.json"


@pytest.mark.slow
def test_examples_meet_the_link_targets(tmp_path: Path) -> None:
    if not GOLD.is_file():
        pytest.skip("examples/link_gold.json not present")
    import json

    from accordingto.engines.local import run
    from accordingto.link import link
    from accordingto.link.export import export_jsonl
    from accordingto.store import Store

    with Store(tmp_path / "ex.duckdb") as store:
        for batch in run([str(ROOT / "examples" / "corpus")]):
            store.write(batch.analyses, batch.errors)
        link(store)
        export_jsonl(store, tmp_path / "out")
    sys.path.insert(0, str(ROOT / "bench"))
    from score_link import score

    figures = score(json.loads(GOLD.read_text(encoding="utf-8")), tmp_path / "out")
    assert figures["story_purity"] >= 0.9 and figures["story_completeness"] >= 0.9, figures
    assert figures["origin_accuracy"] == 1.0 and figures["first_reported_accuracy"] == 1.0, figures
    assert figures["citation_precision"] >= 0.9 and figures["citation_recall"] >= 0.8, figures
    assert figures["mutation_recall"] >= 0.7, figures
