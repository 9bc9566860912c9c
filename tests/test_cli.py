"""The command line end to end: exit codes, the JSON contract, idempotent ingest, show, stats."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from accordingto.cli import main

ARTICLE = """Harbour minister denies cover-up over warehouse blaze

The harbour minister, Tomas Weller, on Monday denied that his department had ignored safety warnings at the Kessel Quay warehouse.

“Nobody in this ministry saw a single report about that building,” Weller told the Harbour Times.

Fire officials said at least 14 people had died, according to a statement posted on the city council's website.
"""

SECOND = """Dock workers strike after fatal fire

Dock workers at Kessel Quay walked out on Tuesday, the union said.

“We will not go back until the inspections are published,” said Anika Brandt, the union's regional secretary.
"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "minister.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "strike.txt").write_text(SECOND, encoding="utf-8")
    return d


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def table_rows(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("articles", "attributions", "errors", "mentions", "quantities")
        }
    finally:
        con.close()


def test_analyze_jsonl_prints_the_contract(corpus):
    result = invoke("analyze", str(corpus / "minister.txt"), "--jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    rec = records[0]
    for key in ("file", "outlet", "outlet_evidence", "republished_from", "title", "published",
                "published_estimate", "boilerplate", "attributions", "quantities", "events", "entities",
                "unattributed_hedged_claims"):
        assert key in rec
    assert rec["file"] == "minister.txt"
    assert rec["title"] == "Harbour minister denies cover-up over warehouse blaze"
    quote = next(a for a in rec["attributions"] if a["kind"] == "direct")
    assert quote["content"].startswith("Nobody in this ministry")
    assert quote["source"] == "Tomas Weller"


def test_ingest_reports_bad_items_stores_the_rest_and_exits_1(corpus, tmp_path):
    (corpus / "photo.txt").write_bytes(PNG)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = invoke("ingest", str(corpus), "--db", str(db), "--no-link")
    assert result.exit_code == 1
    assert "photo.txt" in result.stderr and "binary" in result.stderr.lower()
    assert "empty.txt" in result.stderr
    assert "read 4, new 2, duplicate 0, failed 2" in result.stderr
    assert table_rows(db)["articles"] == 2
    assert table_rows(db)["errors"] == 2


def test_ingest_twice_changes_nothing_and_a_superset_adds_only_the_new(corpus, tmp_path):
    db = tmp_path / "news.duckdb"
    single = tmp_path / "one"
    single.mkdir()
    (single / "minister.txt").write_text(ARTICLE, encoding="utf-8")
    assert invoke("ingest", str(single), "--db", str(db), "--no-link").exit_code == 0
    first = table_rows(db)
    assert invoke("ingest", str(single), "--db", str(db), "--no-link").exit_code == 0
    assert table_rows(db) == first
    result = invoke("ingest", str(corpus), "--db", str(db), "--no-link")
    assert result.exit_code == 0
    assert "new 1, duplicate 1" in result.stderr
    assert table_rows(db)["articles"] == 2


def test_show_and_stats_read_the_store(corpus, tmp_path):
    db = tmp_path / "news.duckdb"
    invoke("ingest", str(corpus), "--db", str(db), "--no-link")
    shown = invoke("show", "minister.txt", "--db", str(db))
    assert shown.exit_code == 0
    assert "Tomas Weller" in shown.stdout and "Nobody in this ministry" in shown.stdout
    stats = invoke("stats", "--db", str(db), "--json")
    assert stats.exit_code == 0
    assert json.loads(stats.stdout)["counts"]["articles"] == 2


def test_usage_errors_exit_2(tmp_path):
    assert invoke("ingest").exit_code == 2
    assert invoke("show", "nothing-here", "--db", str(tmp_path / "none.duckdb")).exit_code == 2
    assert invoke("ingest", "x", "--field", "bogus").exit_code == 2
