"""The bad-input zoo end to end, through `accordingto ingest`: every bad item is reported on one
stderr line, the good ones are stored, and the exit code is 1 (0 when nothing was bad)."""

from __future__ import annotations

import builtins
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from accordingto.cli import main
from accordingto.ingest import paths as ingest_paths
from warc_records import bomb_member, response, warc

GOOD = """Harbour bridge to reopen in May

The harbour bridge will reopen to traffic in May after repairs costing 12 million euros, the city's transport office said on Monday.

“The cables are sound again,” said engineer Ilse Marrow, who led the inspection.
"""

OTHER = """Ferry strike called off

Ferry crews called off a planned strike on Wednesday after the operator agreed to hire 40 more deckhands, the union said.

“We got what we asked for,” said René Dufour, the union’s regional secretary — “no more, no less.”
"""

DEEP_TEXT = "“The dam is safe for now,” said engineer Tomas Weller on Friday."


def deep_html(depth: int) -> str:
    return ("<html><head><title>Deep page</title></head><body>" + "<div>" * depth + f"<p>{DEEP_TEXT}</p>"
            + "</div>" * depth + "<p>Officials said 40 people were evacuated from the valley.</p></body></html>")


def ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args, "--no-link"], catch_exceptions=False)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error ")]


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_zoo_reports_each_bad_item_once_and_stores_the_rest(tmp_path, monkeypatch):
    corpus = tmp_path / "zoo"
    corpus.mkdir()
    (corpus / "a-good.txt").write_text(GOOD, encoding="utf-8")
    data = OTHER.encode("utf-8")
    middle = data.index(b"Wednesday")
    (corpus / "b-bad-utf8.txt").write_bytes(data[:middle] + b"\xff\xfe\xc3(" + data[middle:])
    (corpus / "c-deep.html").write_text(deep_html(100_000), encoding="utf-8")
    (corpus / "d-crawl.warc.gz").write_bytes(
        warc([response("https://city.example/1", f"<html><body><p>{GOOD}</p></body></html>".replace("\n\n", "</p><p>"))],
             gz=True)
        + bomb_member("https://city.example/2", 100)
    )
    (corpus / "e-vanishing.txt").write_text(GOOD.replace("May", "June"), encoding="utf-8")
    (corpus / "f-empty.txt").write_text("", encoding="utf-8")
    (corpus / "g-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))

    vanishing = corpus / "e-vanishing.txt"

    def vanish(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == vanishing:  # deleted between listing and reading, mid-run
            vanishing.unlink(missing_ok=True)
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(ingest_paths, "open", vanish, raising=False)
    db = tmp_path / "zoo.duckdb"
    result = ingest(str(corpus), "--db", str(db))

    assert result.exit_code == 1
    lines = error_lines(result.stderr)
    # One line per bad item, naming it: the bomb, the vanished file, the empty one, the binary one.
    assert len(lines) == 4, result.stderr
    assert any("d-crawl.warc.gz" in line and "gzip bomb" in line for line in lines)
    assert any("e-vanishing.txt" in line and "no such file" in line for line in lines)
    assert any("f-empty.txt" in line for line in lines)
    assert any("g-binary.txt" in line and "binary" in line.lower() for line in lines)
    stored = dict(rows(db, "SELECT file, text FROM articles"))
    assert set(stored) == {"a-good.txt", "b-bad-utf8.txt", "c-deep.html", "d-crawl.warc.gz#1"}
    # Invalid UTF-8 mid-file: the bytes around it are kept, the bad bytes become U+FFFD.
    assert "\ufffd" in stored["b-bad-utf8.txt"] and "40 more deckhands" in stored["b-bad-utf8.txt"]
    assert "René Dufour, the union’s regional secretary" in stored["b-bad-utf8.txt"]
    # The errors table holds the same items, one row each.
    assert len(rows(db, "SELECT item FROM errors")) == 4
    assert "read 8, new 4, duplicate 0, failed 4" in result.stderr


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deeply_nested_html_keeps_its_text(tmp_path, depth):
    page = tmp_path / "deep.html"
    page.write_text(deep_html(depth), encoding="utf-8")
    db = tmp_path / "deep.duckdb"
    assert ingest(str(page), "--db", str(db)).exit_code == 0
    (text,) = rows(db, "SELECT text FROM articles")[0]
    assert DEEP_TEXT in text and "40 people were evacuated" in text


def test_moderately_nested_html_keeps_its_text(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text(deep_html(200), encoding="utf-8")
    db = tmp_path / "nested.duckdb"
    assert ingest(str(page), "--db", str(db)).exit_code == 0
    (text,) = rows(db, "SELECT text FROM articles")[0]
    assert DEEP_TEXT in text and "40 people were evacuated" in text


@pytest.mark.slow
def test_ten_thousand_tiny_files(tmp_path):
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    for n in range(10_000):
        (corpus / f"t{n:05d}.txt").write_text(f"Mayor {n} said the road would reopen on Friday.\n", encoding="utf-8")
    db = tmp_path / "tiny.duckdb"
    result = ingest(str(corpus), "--db", str(db), "--batch-size", "256")
    assert result.exit_code == 0, result.stderr[-2000:]
    assert "read 10000, new 10000, duplicate 0, failed 0" in result.stderr
    assert rows(db, "SELECT count(*), count(DISTINCT file) FROM articles") == [(10_000, 10_000)]
