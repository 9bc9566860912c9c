"""Shared fixtures: the seed articles (read from ../shared, never copied) and the scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "tools" / "score.py"
EXAMPLES = ROOT / "examples"


def run_pipeline(paths: list[str], out: Path) -> Path:
    """Clean and analyze `paths` in-process and write the per-article JSON contract to `out`."""
    from accordingto.engines.local import run

    with out.open("w", encoding="utf-8") as fh:
        for batch in run(paths):
            for a in batch.analyses:
                fh.write(json.dumps(a.to_record(), ensure_ascii=False) + "\n")
    return out


def score(gold: Path, pred: Path) -> dict[str, float]:
    """The figures of ../shared/tools/score.py for `pred` against `gold`."""
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    body = proc.stdout[: proc.stdout.rindex("summary:")]
    return json.loads(body)


@pytest.fixture(scope="session")
def seed_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if not (SEEDS.is_dir() and SEED_GOLD.is_file() and SCORER.is_file()):
        pytest.skip("../shared/seeds, gold or scorer not present")
    out = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    run_pipeline(sorted(str(p) for p in SEEDS.glob("*.txt")), out)
    return score(SEED_GOLD, out)


@pytest.fixture(scope="session")
def example_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    gold = EXAMPLES / "gold.json"
    if not (gold.is_file() and SCORER.is_file()):
        pytest.skip("examples/gold.json or the scorer not present")
    out = tmp_path_factory.mktemp("examples") / "examples.jsonl"
    run_pipeline([str(EXAMPLES / "corpus")], out)
    return score(gold, out)
