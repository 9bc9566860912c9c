"""`serve` keeps answering while `ingest` writes the same database (store.handoff): the writer
holds the file only per batch, readers open it per request and wait briefly for a batch to land.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import pytest

from accordingto.model import Span
from db_snapshot import differences, snapshot
from test_crash_safety import write_corpus

PATHS = ["/api/stats", "/api/articles?limit=5", "/api/attributions?limit=5", "/api/stories", "/api/claims",
         "/api/search?q=council", "/", "/articles", "/attributions"]
MAX_503 = 0.05  # a 503 (with Retry-After) is allowed only while link holds the file for long


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accordingto(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "accordingto", *args], **kw)


def hammer(base: str, stop: threading.Event, log: list[tuple[float, str, int, object]]) -> None:
    """Request every endpoint in turn until `stop`; check what each answer says."""
    with httpx.Client(base_url=base, timeout=30) as client:
        i = 0
        while not stop.is_set():
            path = PATHS[i % len(PATHS)]
            i += 1
            r = client.get(path)
            body: object = None
            if r.status_code == 200 and path.startswith("/api/"):
                body = r.json()
                if path.startswith("/api/articles") and body["items"]:  # type: ignore[index]
                    article_id = body["items"][0]["id"]  # type: ignore[index]
                    detail = client.get(f"/api/articles/{article_id}")
                    # Listed means readable in full, with every span inside the text.
                    if detail.status_code == 200:
                        record = detail.json()
                        text = record["text"]
                        spans_ok = all(
                            Span(q["span"][0], q["span"][1], q["text"]).check(text)
                            for q in record["quantities"]
                        )
                        log.append((time.monotonic(), "detail", 200 if spans_ok else 599, None))
                    else:
                        log.append((time.monotonic(), "detail", detail.status_code, None))
            elif r.status_code == 503:
                assert r.headers.get("retry-after")
            log.append((time.monotonic(), path, r.status_code, body))


@pytest.mark.slow
def test_serve_answers_while_ingest_writes(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 40)
    clean = tmp_path / "clean.duckdb"
    # The same batch size as below: link's output depends on the order rows sit in the store.
    assert accordingto("ingest", str(corpus), "--db", str(clean), "--batch-size", "2",
                       stderr=subprocess.DEVNULL).wait(600) == 0

    db = tmp_path / "live.duckdb"
    writer = accordingto("ingest", str(corpus), "--db", str(db), "--batch-size", "2", stderr=subprocess.PIPE,
                         text=True)
    while not db.exists() and writer.poll() is None:
        time.sleep(0.05)
    port = free_port()
    server = accordingto("serve", "--db", str(db), "--port", str(port), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
                time.sleep(0.1)
        stop = threading.Event()
        logs: list[list[tuple[float, str, int, object]]] = [[] for _ in range(3)]
        threads = [threading.Thread(target=hammer, args=(base, stop, log)) for log in logs]
        for t in threads:
            t.start()
        _, stderr = writer.communicate(timeout=600)
        time.sleep(0.5)  # a few answers after the last write
        stop.set()
        for t in threads:
            t.join(60)
    finally:
        server.terminate()
        server.wait(10)

    assert writer.returncode == 0, stderr
    assert "new 40" in stderr
    answers = [entry for log in logs for entry in log]
    statuses = Counter(status for _, _, status, _ in answers)
    print(f"\nserve while ingest: {len(answers)} answers {dict(statuses)}")  # the figure for the docs
    assert len(answers) > 50
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[503] <= MAX_503 * len(answers), statuses
    # Readers see whole batches only, and never go back in time.
    for log in logs:
        counts = [body["articles"] for _, path, status, body in log if path == "/api/stats" and status == 200]
        assert counts == sorted(counts)
        assert all(c % 2 == 0 for c in counts)  # whole batches of two articles
    seen = {body["articles"] for log in logs for _, path, status, body in log if path == "/api/stats" and status == 200}
    assert len(seen) > 2, f"the readers did not see the database grow: {seen}"
    assert differences(snapshot(db), snapshot(clean)) == []
