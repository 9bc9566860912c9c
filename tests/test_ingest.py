"""ingest: every input format, content sniffing over extensions, paths, directories, stdin."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from accordingto.ingest import read
from accordingto.model import ItemError, RawDocument
from warc_records import http_response, record, response, warc

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

ARTICLE = (
    "Harbour board suspends night shifts after crane collapse\n\n"
    "The port authority said on Monday that night shifts would stop until inspectors finish.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Crane collapse</title></head>"
    "<body><article><h1>Crane collapse</h1><p>The port authority said on Monday "
    "that night shifts would stop.</p></article></body></html>"
)


def docs(*paths: str | Path, **kw) -> list[RawDocument | ItemError]:  # type: ignore[no-untyped-def]
    return list(read([str(p) for p in paths], **kw))


def only_docs(out: list[RawDocument | ItemError]) -> list[RawDocument]:
    errors = [o for o in out if isinstance(o, ItemError)]
    assert not errors, errors
    return out  # type: ignore[return-value]


def test_plain_text_file(tmp_path: Path) -> None:
    p = tmp_path / "crane.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    [d] = only_docs(docs(p))
    assert (d.file, d.uri, d.format, d.content, d.hints) == ("crane.txt", str(p), "text", ARTICLE, {})


def test_html_file_keeps_raw_markup(tmp_path: Path) -> None:
    p = tmp_path / "crane.html"
    p.write_text(PAGE, encoding="utf-8")
    [d] = only_docs(docs(p))
    assert d.format == "html" and d.content == PAGE


def test_content_beats_extension(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE)
    (tmp_path / "story.html").write_text(ARTICLE)
    (tmp_path / "fragment.txt").write_text("<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>")
    (tmp_path / "bracket.json").write_text("[Photo: agency] The harbour was quiet on Monday.")
    formats = {d.file: d.format for d in only_docs(docs(tmp_path))}
    assert formats == {"page.txt": "html", "story.html": "text", "fragment.txt": "html", "bracket.json": "text"}


def test_html_with_meta_charset_in_latin1(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Déjà vu à Zürich</p></body></html>'
    p = tmp_path / "latin.html"
    p.write_bytes(page.encode("latin-1"))
    [d] = only_docs(docs(p))
    assert "Déjà vu à Zürich" in d.content


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["c.txt", "b/2.txt", "a.txt", "b/1.txt", ".hidden.txt", ".git/config"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"Article {rel} reports on the harbour.")
    first = [d.uri for d in only_docs(docs(tmp_path))]
    assert first == [str(tmp_path / r) for r in ["a.txt", "b/1.txt", "b/2.txt", "c.txt"]]
    assert [d.uri for d in only_docs(docs(tmp_path))] == first


def test_glob_and_argument_order(tmp_path: Path) -> None:
    for name in ["x2.txt", "x1.txt", "y.md"]:
        (tmp_path / name).write_text(f"Text of {name}.")
    out = only_docs(docs(tmp_path / "y.md", tmp_path / "x*.txt"))
    assert [d.file for d in out] == ["y.md", "x1.txt", "x2.txt"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-8"))))
    [d] = only_docs(docs("-"))
    assert (d.file, d.uri, d.format, d.content) == ("stdin", "stdin", "html", PAGE)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_yields_html_responses_only(tmp_path: Path, gz: bool) -> None:
    data = warc(
        [
            record("warcinfo", "", b"software: test\r\n"),
            record("request", "https://news.example/a", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
            response("https://news.example/a", PAGE, date="2026-03-02T08:00:00Z"),
            record("response", "https://news.example/logo.png", http_response(b"\x89PNG\r\n\x1a\n\0\0", "image/png")),
            record("response", "https://news.example/old", http_response(b"<html>moved</html>", status="301 Moved")),
            record("response", "https://news.example/b", http_response(b"<html><body><p>B</p></body></html>", None)),
        ],
        gz=gz,
    )
    # Named without .gz on purpose: gzip is recognised by its magic bytes.
    p = tmp_path / "crawl.warc"
    p.write_bytes(data)
    out = only_docs(docs(p))
    assert [(d.file, d.uri, d.format) for d in out] == [
        ("crawl.warc#1", "https://news.example/a", "html"),
        ("crawl.warc#2", "https://news.example/b", "html"),
    ]
    assert out[0].content == PAGE
    assert out[0].hints == {"url": "https://news.example/a", "warc_date": "2026-03-02T08:00:00Z"}


def test_warc_charset_from_http_header(tmp_path: Path) -> None:
    body = "<html><body><p>Müller sagte, die Straße bleibt gesperrt.</p></body></html>".encode("latin-1")
    p = tmp_path / "de.warc.gz"
    p.write_bytes(warc([record("response", "https://x.example/", http_response(body, "text/html; charset=ISO-8859-1"))], gz=True))
    [d] = only_docs(docs(p))
    assert "Müller sagte, die Straße" in d.content


def test_jsonl_records_and_hints(tmp_path: Path) -> None:
    rows = [
        {"title": "Crane collapse", "text": ARTICLE, "url": "https://port.example/1", "date": "2026-03-02", "source": "Port News", "id": 7},
        {"body": "<p>Ferry <b>resumes</b>.</p><p>Service restarts Tuesday.</p>", "published": "2026-03-03T09:00:00Z", "source": {"id": "pn", "name": "Port News"}},
        {"content": ["First paragraph.", "Second paragraph."], "title": "  "},
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    a, b, c = only_docs(docs(p))
    assert (a.file, a.uri, a.format, a.content) == ("feed.jsonl#1", "https://port.example/1", "record", ARTICLE)
    assert a.hints == {"title": "Crane collapse", "url": "https://port.example/1", "published": "2026-03-02", "outlet": "Port News"}
    assert (b.format, b.uri, b.hints) == ("html", f"{p}#2", {"published": "2026-03-03T09:00:00Z", "outlet": "Port News"})
    assert (c.content, c.hints) == ("First paragraph.\n\nSecond paragraph.", {})


def test_field_mapping(tmp_path: Path) -> None:
    p = tmp_path / "dump.jsonl"
    rows = [{"article_body": ARTICLE, "text": "teaser only", "pub": "2026-01-05", "headline": "H"}] * 2
    p.write_text("\n".join(json.dumps(r) for r in rows))
    out = only_docs(docs(p, fields={"text": "article_body", "published": "pub", "title": "headline"}))
    assert [d.content for d in out] == [ARTICLE, ARTICLE]
    assert out[0].hints == {"title": "H", "published": "2026-01-05"}


def test_unknown_field_is_reported_not_raised(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    err, d = docs(p, fields={"body_text": "x"})
    assert isinstance(err, ItemError) and err.item == "--field" and "body_text" in err.reason
    assert isinstance(d, RawDocument)


@pytest.mark.parametrize(
    "payload",
    [
        [{"text": "One."}, {"text": "Two."}],
        {"status": "ok", "articles": [{"text": "One."}, {"text": "Two."}]},
        '[\n  {\n    "text": "One."\n  },\n  {\n    "text": "Two."\n  }\n]',
    ],
)
def test_json_document_forms(tmp_path: Path, payload: object) -> None:
    p = tmp_path / "export.json"
    p.write_text(payload if isinstance(payload, str) else json.dumps(payload, indent=2))
    out = only_docs(docs(p))
    assert [(d.file, d.content) for d in out] == [("export.json#1", "One."), ("export.json#2", "Two.")]


def test_single_json_object(tmp_path: Path) -> None:
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"title": "T", "text": ARTICLE}, indent=1))
    [d] = only_docs(docs(p))
    assert (d.file, d.hints) == ("one.json#1", {"title": "T"})


def test_csv_and_tsv(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text('Title,Body,URL\n"Crane, collapse","Line one.\n\nLine two.",https://p.example/1\n\n,Second.,\n')
    (tmp_path / "b.tsv").write_text("content\toutlet\nTabbed text.\tPort News\n")
    # No extension: recognised by a header that names a text column.
    (tmp_path / "c").write_text("id;text;date\n1;Semicolon text.;2026-02-01\n")
    out = only_docs(docs(tmp_path))
    assert [(d.file, d.content, d.hints) for d in out] == [
        ("a.csv#1", "Line one.\n\nLine two.", {"title": "Crane, collapse", "url": "https://p.example/1"}),
        ("a.csv#2", "Second.", {}),
        ("b.tsv#1", "Tabbed text.", {"outlet": "Port News"}),
        ("c#1", "Semicolon text.", {"published": "2026-02-01"}),
    ]


def test_csv_without_text_column(tmp_path: Path) -> None:
    p = tmp_path / "numbers.csv"
    p.write_text("a,b\n1,2\n")
    [e] = docs(p)
    assert isinstance(e, ItemError) and e.item == str(p) and "no text column" in e.reason


def test_parquet(tmp_path: Path) -> None:
    table = pa.table(
        {
            "text": [ARTICLE, None, "Short one."],
            "title": ["A", "B", None],
            "published": [dt.datetime(2026, 3, 2, 8, 30), None, None],
            "image": [b"\x00" * 10, b"", b""],
        }
    )
    p = tmp_path / "batch.data"  # a misleading extension: PAR1 magic decides
    pq.write_table(table, p)
    a, missing, c = docs(p)
    assert isinstance(a, RawDocument) and (a.file, a.format, a.content) == ("batch.data#1", "record", ARTICLE)
    assert a.hints == {"title": "A", "published": "2026-03-02T08:30:00"}
    assert isinstance(missing, ItemError) and missing.item == f"{p}#2" and "no text" in missing.reason
    assert isinstance(c, RawDocument) and c.file == "batch.data#3"


def test_gzipped_jsonl_and_text(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n'))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    out = only_docs(docs(tmp_path))
    assert [(d.file, d.content) for d in out] == [("feed.jsonl.gz#1", "One."), ("feed.jsonl.gz#2", "Two."), ("story.txt.gz", ARTICLE)]


def test_many_tiny_files_stream(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Item {i} of a large folder.")
    it = read([str(tmp_path)])
    first = next(it)
    assert isinstance(first, RawDocument) and first.file == "00000.txt"
    assert sum(1 for d in it if isinstance(d, RawDocument)) == 9_999


def test_seeds_read_as_five_text_documents() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    out = only_docs(docs(SEEDS))
    assert [d.file for d in out] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(out) == 5 and {d.format for d in out} == {"text"}
    for d in out:
        assert d.content == (SEEDS / d.file).read_text(encoding="utf-8").removeprefix("\ufeff")
