"""kill -9 in the middle of `ingest`: the database holds only whole articles, and a re-run
ends in exactly the database a clean run makes — every table, the link tables included."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from db_snapshot import differences
from db_snapshot import snapshot as whole

TEMPLATE = """Council {n} approves harbour budget after long debate

The city council of district {n} approved a budget of {m} million euros on Tuesday, officials said.

“This money will rebuild the quay wall before winter,” said councillor Ilse Varga-{n}, who chairs the works committee.

Opposition members claimed the plan ignored {k} safety reports, according to minutes seen by the Harbour Times.

She added: “Every report will be published next month.”
"""


def write_corpus(directory, count: int) -> None:
    directory.mkdir()
    for n in range(count):
        (directory / f"council-{n:03d}.txt").write_text(
            TEMPLATE.format(n=n, m=10 + n, k=3 + n % 7), encoding="utf-8"
        )


def ingest(db, corpus, link: bool = False) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "accordingto", "ingest", str(corpus), "--db", str(db), "--batch-size", "4",
         *([] if link else ["--no-link"])],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def snapshot(db) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": sorted(con.execute("SELECT id, file, title, text FROM articles").fetchall()),
            "attributions": sorted(
                con.execute("SELECT article_id, idx, source, content, kind FROM attributions").fetchall()
            ),
            "quantities": sorted(con.execute("SELECT article_id, idx, value FROM quantities").fetchall()),
            "mentions": sorted(con.execute("SELECT article_id, entity_id, span_start FROM mentions").fetchall()),
        }
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_equals_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120)
    clean_db = tmp_path / "clean.duckdb"
    assert ingest(clean_db, corpus, link=True).wait(timeout=600) == 0
    expected = snapshot(clean_db)

    # A migrated store with no articles is already this big: only growth beyond it means batches landed.
    from accordingto.store import Store

    Store(tmp_path / "blank.duckdb").close()
    empty = (tmp_path / "blank.duckdb").stat().st_size

    db = tmp_path / "killed.duckdb"
    proc = ingest(db, corpus, link=True)
    # Kill once some batches are committed but well before the end.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.5)
        wal = db.with_name(db.name + ".wal")
        if db.exists() and (db.stat().st_size > empty + 600_000 or (wal.exists() and wal.stat().st_size > 50_000)):
            break
    assert proc.poll() is None, "ingest finished before it could be killed: grow the corpus"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    partial = snapshot(db)
    assert 0 < len(partial["articles"]) < len(expected["articles"])
    kept = {row[0] for row in partial["articles"]}
    # Only whole articles: every stored article has all its rows, and nothing else is there.
    for table in ("attributions", "quantities", "mentions"):
        assert partial[table] == [row for row in expected[table] if row[0] in kept]

    assert ingest(db, corpus, link=True).wait(timeout=600) == 0
    assert snapshot(db) == expected
    assert whole(clean_db)["stories"], "the corpus must give link something to store"
    assert differences(whole(db), whole(clean_db)) == []


@pytest.mark.slow
def test_sigkill_mid_link_then_rerun_equals_clean_link(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40)
    unlinked = tmp_path / "unlinked.duckdb"
    assert ingest(unlinked, corpus).wait(timeout=600) == 0
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    shutil.copy(unlinked, clean_db)
    shutil.copy(unlinked, killed_db)

    def link(db) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "accordingto", "link", "--db", str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    assert link(clean_db).wait(timeout=600) == 0
    expected = whole(clean_db)
    assert expected["link_state"], "link stored nothing"

    proc = link(killed_db)
    # Wait until link holds the database (a reader is refused), then kill it mid-work.
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            duckdb.connect(str(killed_db), read_only=True).close()
        except duckdb.IOException:
            break
        time.sleep(0.05)
    time.sleep(0.4)
    assert proc.poll() is None, "link finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = whole(killed_db)
    # Linking commits whole chunks: every article is either fully linked or not at all.
    assert {r[0] for r in partial["link_state"]} <= {r[0] for r in expected["link_state"]}
    assert link(killed_db).wait(timeout=600) == 0
    assert differences(whole(killed_db), expected) == []
