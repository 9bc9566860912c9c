"""The seed articles through clean + analyze, scored by ../shared/tools/score.py: the figures the
attribution stage promises (read from ../shared, skipped when absent; nothing is copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SCORER, SEED_GOLD, SEEDS, run_pipeline, score

pytestmark = pytest.mark.skipif(
    not (SEEDS.is_dir() and SEED_GOLD.is_file() and SCORER.is_file()), reason="../shared seeds not present"
)


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    out = tmp_path_factory.mktemp("seeds") / "pred.jsonl"
    paths = sorted(str(p) for p in Path(SEEDS).glob("*.txt"))
    return score(SEED_GOLD, run_pipeline(paths, out))


def test_attribution_f1(figures: dict[str, float]) -> None:
    assert figures["attribution_f1"] >= 0.90
    assert figures["attribution_strict_f1"] >= 0.85


def test_attribution_kind_via_and_hedges(figures: dict[str, float]) -> None:
    assert figures["attribution_kind_acc"] >= 0.90
    assert figures["attribution_via_acc"] >= 0.90
    assert figures["attribution_hedges_acc"] >= 0.80
