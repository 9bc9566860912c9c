"""The Spark engine (pyspark local[2] on this machine's Java): same rows as the local runner."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from accordingto.store import open_store
from accordingto.store.parquet import load, schemas

pytestmark = pytest.mark.slow

RECORDS = [
    {"text": "Ferry sinks\n\nAt least 30 passengers were rescued, the coastguard said on Sunday.", "url": "https://e.test/1"},
    {"text": "Mayor resigns\n\n\"I take full responsibility,\" the mayor told reporters.", "url": "https://e.test/2"},
    {"text": "   ", "url": "https://e.test/3"},
    {"text": "Port closed\n\nThe port was closed after the strike, according to the harbour authority.", "url": "https://e.test/4"},
]
LETTER = "Dock strike ends\n\nDockers returned to work on Friday after a deal on pay, their union said."


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime (Spark needs Java 17+)")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from accordingto.engines.spark import session

    session_ = session("local[2]")
    assert session_.conf.get("spark.ui.enabled") == "false"
    yield session_
    session_.stop()


def _rows(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as store:
        return {
            t: store.con.execute(f"SELECT {', '.join(s.names)} FROM {t} ORDER BY ALL").fetchall()
            for t, s in schemas().items()
        }


def test_spark_writes_the_rows_the_local_runner_stores(spark, tmp_path: Path) -> None:
    from accordingto.engines.local import run
    from accordingto.engines.spark import plan, run_spark

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    (tmp_path / "letter.txt").write_text(LETTER, encoding="utf-8")
    inputs = [str(feed), str(tmp_path / "letter.txt"), str(tmp_path / "missing.txt")]

    # A tiny shard size splits the feed into several units, each keeping every n-th record.
    units, unreadable = plan(inputs, shard_bytes=100)
    assert len([u for u in units if u.path == str(feed)]) > 1 and [e.item for e in unreadable] == inputs[2:]

    out = tmp_path / "pq"
    summary = run_spark(inputs, str(out), spark=spark, partitions=2, shard_bytes=100)
    assert (summary.articles, summary.errors) == (4, 2)  # the blank record and the missing file

    with open_store(tmp_path / "spark.duckdb") as store:
        assert load(store, out).new == 4
    with open_store(tmp_path / "local.duckdb") as store:
        for batch in run(inputs):
            store.write(batch.analyses, batch.errors)
    assert _rows(tmp_path / "spark.duckdb") == _rows(tmp_path / "local.duckdb")
