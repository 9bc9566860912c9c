"""Sharing one database file between a writer and readers in other processes.

DuckDB lets one process open a file for writing, or any number of processes open it read-only,
never both at once. So nobody holds it for long: `ingest` opens it for each batch's transaction
and closes it again, `serve` opens it read-only for each request. When the other side holds the
file, `connect` retries with growing, jittered waits for up to `retry_seconds`, then gives up
with `Busy`.

A writer that had to wait announces itself in a side file `<db>.writer` (its process id), and
new readers hold back while it is there, so that a stream of overlapping requests cannot starve
it. Readers ignore an announcement whose process is gone (a writer killed with SIGKILL) or that
has not been refreshed for `STALE_SECONDS`.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

T = TypeVar("T")

READ_RETRY = 3.0  # a reader (a web request) waits this long for a writer, then reports Busy
WRITE_RETRY = 60.0  # a writer waits this long for readers (requests, reports) to let go
STALE_SECONDS = 10.0
_FIRST_WAIT, _LONGEST_WAIT = 0.01, 0.25


class Busy(RuntimeError):
    """Another process held the database for the whole retry window."""


def is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB's answer when another process holds a conflicting lock on the file."""
    return isinstance(exc, duckdb.Error) and "lock" in str(exc).lower()


def intent_path(db: Path) -> Path:
    return db.with_name(db.name + ".writer")


def writer_waiting(db: Path) -> bool:
    """A live writer in another process has announced that it wants the file."""
    path = intent_path(db)
    try:
        age = time.time() - path.stat().st_mtime
        pid = int(path.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return False
    if age > STALE_SECONDS or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        pass
    return True


def _announce(db: Path, first: bool) -> bool:
    path = intent_path(db)
    try:
        if first:  # written aside and renamed: a reader never sees a half-written file
            tmp = path.with_name(f"{path.name}.{os.getpid()}")
            tmp.write_text(str(os.getpid()), encoding="ascii")
            os.replace(tmp, path)
        else:
            os.utime(path)  # still waiting: keep the announcement fresh
    except OSError:  # a read-only folder: wait without announcing
        return False
    return True


def _withdraw(db: Path) -> None:
    path = intent_path(db)
    try:
        if path.read_text(encoding="ascii").strip() == str(os.getpid()):
            path.unlink()
    except (OSError, ValueError):
        pass


def connect(open_: Callable[[], T], db: Path, *, read_only: bool, retry_seconds: float) -> T:
    """`open_()`, retried while another process holds a conflicting lock on `db`."""
    if retry_seconds <= 0:
        return open_()
    deadline = time.monotonic() + retry_seconds
    wait = _FIRST_WAIT
    announced = False
    try:
        while True:
            if read_only and writer_waiting(db):
                held_by = "a writer is waiting for it"
            else:
                try:
                    return open_()
                except duckdb.Error as exc:
                    if not is_lock_conflict(exc):
                        raise
                    held_by = "another process is writing it" if read_only else "another process has it open"
            if not read_only:
                announced = _announce(db, first=not announced)
            now = time.monotonic()
            if now >= deadline:
                raise Busy(f"{db.name}: {held_by} (waited {retry_seconds:g}s); retry in a moment")
            time.sleep(min(wait * random.uniform(0.5, 1.5), deadline - now))
            wait = min(wait * 2, _LONGEST_WAIT)
    finally:
        if announced:
            _withdraw(db)
