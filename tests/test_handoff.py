"""The writer/reader handoff of store.handoff: processes take turns on one DuckDB file."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from accordingto.store import Busy, open_store
from accordingto.store.handoff import intent_path, writer_waiting

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("held", flush=True)
time.sleep(float(sys.argv[3]))
con.close()
"""


def hold(db, mode: str, seconds: float) -> subprocess.Popen:
    """Another process holding `db` (read-only or for writing) for `seconds`."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "news.duckdb"
    open_store(path).close()
    return path


def test_a_reader_waits_for_a_short_writer(db):
    writer = hold(db, "rw", 0.8)
    started = time.monotonic()
    with open_store(db, read_only=True, retry_seconds=5) as store:
        assert store.stats()["articles"] == 0
    assert 0.3 < time.monotonic() - started < 5
    writer.wait()


def test_without_retry_the_conflict_is_immediate_and_with_it_bounded(db):
    writer = hold(db, "rw", 3)
    try:
        with pytest.raises(Exception, match="(?i)lock"):
            open_store(db, read_only=True)
        started = time.monotonic()
        with pytest.raises(Busy, match="writing"):
            open_store(db, read_only=True, retry_seconds=0.5)
        assert time.monotonic() - started < 1.5
    finally:
        writer.kill()
        writer.wait()


def test_a_writer_waits_for_readers_and_announces_itself(db):
    reader = hold(db, "ro", 3.0)
    started = time.monotonic()
    # Another process (no heavy imports, so it is quick to start) watches for the announcement.
    probe = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\np = Path(sys.argv[1])\nend = time.time() + 2.5\n"
         "while time.time() < end and not p.exists(): time.sleep(0.01)\n"
         "print(p.read_text() if p.exists() else '')", str(intent_path(db))],
        stdout=subprocess.PIPE, text=True,
    )
    with open_store(db, retry_seconds=10) as store:  # blocks until the reader has let go
        assert time.monotonic() - started > 2.5
        store.con.execute("SELECT 1")
    assert probe.communicate()[0].strip() == str(os.getpid())  # other processes saw the waiting writer ...
    assert not intent_path(db).exists()  # ... and the announcement is gone once it got the file
    assert reader.wait(timeout=5) == 0


def test_readers_hold_back_for_a_waiting_writer_but_not_for_a_dead_one(db):
    intent = intent_path(db)
    # A live writer (this test's parent process stands in for one) is honoured ...
    intent.write_text(str(os.getppid()), encoding="ascii")
    assert writer_waiting(db)
    with pytest.raises(Busy, match="writer is waiting"):
        open_store(db, read_only=True, retry_seconds=0.3)
    # ... one killed mid-wait (its process is gone) or stale is not.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    intent.write_text(str(dead.pid), encoding="ascii")
    assert not writer_waiting(db)
    open_store(db, read_only=True, retry_seconds=0.3).close()
    intent.write_text(str(os.getppid()), encoding="ascii")
    os.utime(intent, (time.time() - 60, time.time() - 60))
    assert not writer_waiting(db)


def test_ingest_gives_up_cleanly_when_the_database_stays_busy(db, tmp_path, monkeypatch):
    from click.testing import CliRunner

    import accordingto.store
    from accordingto.cli import main

    (tmp_path / "a.txt").write_text("Officials said the bridge would reopen on Monday.\n", encoding="utf-8")
    monkeypatch.setattr(accordingto.store, "WRITE_RETRY", 0.5)
    holder = hold(db, "rw", 20)
    try:
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "--no-link"])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert "another process has it open" in result.output and "run ingest again" in result.output
    assert not intent_path(db).exists()
