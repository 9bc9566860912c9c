"""ingest on bad inputs: every bad item is one ItemError naming it and why; the run goes on."""

from __future__ import annotations

import builtins
import errno
import gzip
import io
import json
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accordingto.ingest import paths as ingest_paths
from accordingto.ingest import read
from accordingto.model import ItemError, RawDocument
from warc_records import bomb_member, response, warc

GOOD = "The council voted on Tuesday to close the old bridge, the mayor’s office said.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def run(*paths: str | Path) -> list[RawDocument | ItemError]:
    return list(read([str(p) for p in paths]))


def errors(out: list[RawDocument | ItemError]) -> list[ItemError]:
    return [o for o in out if isinstance(o, ItemError)]


def one_error(path: Path | str) -> ItemError:
    [e] = run(path)
    assert isinstance(e, ItemError), e
    assert e.stage == "ingest"
    return e


def one_doc(path: Path) -> RawDocument:
    [d] = run(path)
    assert isinstance(d, RawDocument), d
    return d


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_empty_and_whitespace(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "blank.txt"
    p.write_bytes(content)
    assert one_error(p) == ItemError(str(p), "empty")


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PNG, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "zip archive"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(64), "ELF executable"),
        (b"plain start then\x00\x00\x00\x01 nul bytes", "NUL bytes"),
        (bytes(range(1, 32)) * 40, "control bytes"),
    ],
)
def test_binary_content(tmp_path: Path, content: bytes, kind: str) -> None:
    p = tmp_path / "looks_like.txt"
    p.write_bytes(content)
    assert one_error(p).reason == f"binary content ({kind}), not an article"


def test_gzip_of_binary_is_binary(tmp_path: Path) -> None:
    p = tmp_path / "image.png.gz"
    p.write_bytes(gzip.compress(PNG))
    assert one_error(p).reason == "binary content (PNG image), not an article"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_encodings(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "u.txt"
    p.write_bytes(GOOD.encode(encoding))
    assert one_doc(p).content == GOOD


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le maire a déclaré que le pont fermerait. « C’est une décision difficile », a-t-il ajouté.", "cp1252"),
        ("Café crème à Paris, naïve façade; señor Müller, déjà vu.", "latin-1"),
        ("Der Bürgermeister sagte, dass die Straße gesperrt wird. Über 300 Menschen mussten gehen.", "latin-1"),
        # The Windows-1252 preference must not swallow Central European text.
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda v Praze oznámila nová opatření.", "cp1250"),
        ("Правительство заявило, что мост будет закрыт до конца месяца.", "cp1251"),
        # A long ASCII text with one Latin-1 letter at the very end.
        ("The council said the bridge would close. " * 20_000 + "Café.", "latin-1"),
    ],
)
def test_legacy_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(encoding))
    assert one_doc(p).content == text


def test_stray_bad_byte_in_utf8_is_replaced_not_mojibake(tmp_path: Path) -> None:
    text = "“We will rebuild,” she said — the council’s plan. " * 20
    data = text.encode("utf-8")
    middle = len(data) // 2
    p = tmp_path / "mostly.txt"
    p.write_bytes(data[:middle] + b"\xff" + data[middle:])
    content = one_doc(p).content
    assert content.count("\ufffd") == 1
    assert content.replace("\ufffd", "") == text
    assert content.count("“") == 20


def test_huge_single_line_rejected_quickly(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.write(b"word " * (10 * 1024 * 1024))  # 50 MiB, no newline
    start = time.perf_counter()
    e = one_error(p)
    assert time.perf_counter() - start < 1
    assert e.reason == "too large: 50.0 MiB, above the 5.0 MiB limit"


def test_huge_stdin_rejected_without_reading_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.BytesIO(b"x" * (20 * 1024 * 1024))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    e = one_error("-")
    assert e == ItemError("stdin", "too large: more than 5.0 MiB, above the 5.0 MiB limit")
    assert stream.tell() < 6 * 1024 * 1024


def test_huge_jsonl_line_skipped_and_the_rest_goes_on(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    with p.open("w") as fh:
        fh.write(json.dumps({"text": "First."}) + "\n")
        fh.write('{"text": "' + "a" * (20 * 1024 * 1024) + '"}\n')
        fh.write(json.dumps({"text": "Third."}) + "\n")
    first, big, third = run(p)
    assert isinstance(first, RawDocument) and first.file == "feed.jsonl#1"
    assert isinstance(big, ItemError) and big.item == f"{p}:2" and "too large" in big.reason
    assert isinstance(third, RawDocument) and (third.file, third.content) == ("feed.jsonl#3", "Third.")


def test_truncated_html_is_still_html(tmp_path: Path) -> None:
    page = "<!doctype html><html><head><title>Bridge</title></head><body><p>The council voted to clo"
    p = tmp_path / "cut.html"
    p.write_text(page)
    d = one_doc(p)
    assert (d.format, d.content) == ("html", page)


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_complete_records(tmp_path: Path, gz: bool) -> None:
    pages = [f"<html><body><p>Story {i} about the bridge.</p></body></html>" for i in range(3)]
    data = warc([response(f"https://city.example/{i}", page) for i, page in enumerate(pages)], gz=gz)
    last_record_start = len(warc([response(f"https://city.example/{i}", p) for i, p in enumerate(pages[:2])], gz=gz))
    for cut in (last_record_start + 40, len(data) - 20):  # inside the last header, inside its payload
        p = tmp_path / f"cut{cut}.warc.gz"
        p.write_bytes(data[:cut])
        out = run(p)
        assert [d.content for d in out[:-1]] == pages[:2]  # type: ignore[union-attr]
        assert isinstance(out[-1], ItemError) and out[-1].item == str(p)
        assert out[-1].reason.startswith("truncated WARC")


def test_gzip_bomb_in_warc(tmp_path: Path) -> None:
    first = warc([response("https://city.example/1", "<html><p>Before the bomb.</p></html>")], gz=True)
    p = tmp_path / "bomb.warc.gz"
    p.write_bytes(first + bomb_member("https://city.example/2", 100))
    assert p.stat().st_size < 200_000
    start = time.perf_counter()
    doc, bomb = run(p)
    assert time.perf_counter() - start < 5
    assert isinstance(doc, RawDocument) and doc.file == "bomb.warc.gz#1"
    assert isinstance(bomb, ItemError) and bomb.item == str(p) and bomb.reason.startswith("gzip bomb")


def test_oversized_warc_record_is_skipped(tmp_path: Path) -> None:
    after = warc([response("https://city.example/3", "<html><p>After.</p></html>")], gz=True)
    p = tmp_path / "big.warc.gz"
    p.write_bytes(bomb_member("https://city.example/1", 12) + after)
    big, doc = run(p)
    assert big == ItemError(f"{p}#1", "too large: more than 10.0 MiB, above the 10.0 MiB limit")
    assert isinstance(doc, RawDocument) and (doc.file, doc.uri) == ("big.warc.gz#2", "https://city.example/3")


def test_jsonl_with_broken_lines(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text(
        '{"text": "One."}\n'
        '{"text": "Two.", "title": \n'
        "\n"
        '["not", "an", "object"]\n'
        '{"title": "no text here"}\n'
        '{"text": "Six."}\n'
    )
    out = run(p)
    assert [str(o) if isinstance(o, ItemError) else o.file for o in out] == [
        "feed.jsonl#1",
        f"{p}:2: invalid JSON: Expecting value at column 27",
        f"{p}:4: not a JSON object but list",
        f"{p}#5: no text (looked for text, content, body, maintext)",
        "feed.jsonl#6",
    ]


def test_jsonl_without_extension_with_broken_first_line(tmp_path: Path) -> None:
    p = tmp_path / "export"
    p.write_text('{"text": broken}\n{"text": "Two."}\n{"text": "Three."}\n')
    out = run(p)
    assert isinstance(out[0], ItemError) and out[0].item == f"{p}:1"
    assert [o.content for o in out[1:]] == ["Two.", "Three."]  # type: ignore[union-attr]


def test_invalid_json_document(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('{\n  "text": "unterminated\n}')
    assert one_error(p).reason.startswith("invalid JSON")


def test_malformed_warc_reason_is_one_line(tmp_path: Path) -> None:
    p = tmp_path / "odd.warc"
    p.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\nnot a header line\r\n" * 3)
    out = run(p)
    assert out and all(isinstance(o, ItemError) for o in out)
    assert all("\n" not in o.reason and len(o.reason) <= 300 for o in out)  # type: ignore[union-attr]


def test_corrupt_parquet(tmp_path: Path) -> None:
    p = tmp_path / "bad.parquet"
    p.write_bytes(b"PAR1" + b"garbage" * 10)
    assert one_error(p).reason.startswith("unreadable Parquet")


def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(GOOD)
    (tmp_path / "sub" / "up").symlink_to(tmp_path / "sub")
    out = run(tmp_path)
    assert [(type(o).__name__, getattr(o, "item", getattr(o, "file", None))) for o in out] == [
        ("ItemError", str(tmp_path / "self")),
        ("RawDocument", "story.txt"),
        ("ItemError", str(tmp_path / "sub" / "up")),
    ]
    assert "too many levels of symbolic links" in out[0].reason  # type: ignore[union-attr]
    assert "symlink loop" in out[2].reason  # type: ignore[union-attr]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root, so the denial is simulated at `open`.
    locked = tmp_path / "a_locked.txt"
    locked.write_text(GOOD)
    (tmp_path / "b_open.txt").write_text(GOOD)

    def deny(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == str(locked):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(ingest_paths, "open", deny, raising=False)
    err, doc = run(tmp_path)
    assert err == ItemError(str(locked), "permission denied")
    assert isinstance(doc, RawDocument) and doc.file == "b_open.txt"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(GOOD)
    p.chmod(0)
    assert one_error(p) == ItemError(str(p), "permission denied")


def test_unlistable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "closed").mkdir()
    (tmp_path / "open.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path) == str(tmp_path / "closed"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    err, doc = run(tmp_path)
    assert err == ItemError(str(tmp_path / "closed"), "cannot list directory: permission denied")
    assert isinstance(doc, RawDocument)


def test_file_vanishing_between_listing_and_reading(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD)
    it = read([str(tmp_path)])
    assert next(it).file == "a.txt"  # type: ignore[union-attr]
    (tmp_path / "b.txt").unlink()
    rest = list(it)
    assert rest[0] == ItemError(str(tmp_path / "b.txt"), "no such file or directory")
    assert isinstance(rest[1], RawDocument) and rest[1].file == "c.txt"


def test_file_vanishing_at_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "gone.txt"
    p.write_text(GOOD)

    def vanish(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        Path(path).unlink()
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(ingest_paths, "open", vanish, raising=False)
    assert one_error(p) == ItemError(str(p), "no such file or directory")


def test_missing_paths_and_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = run(tmp_path / "nope.txt", tmp_path / "*.nothing", fifo)
    assert out == [
        ItemError(str(tmp_path / "nope.txt"), "no such file or directory"),
        ItemError(str(tmp_path / "*.nothing"), "no such file or directory (pattern matched nothing)"),
        ItemError(str(fifo), "not a regular file or directory"),
    ]


def test_truncated_gzip_text(tmp_path: Path) -> None:
    data = gzip.compress(GOOD.encode() * 50)
    p = tmp_path / "story.txt.gz"
    p.write_bytes(data[: len(data) // 2])
    assert one_error(p) == ItemError(str(p), "truncated gzip stream")


_noise = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=500).map(lambda b: b"WARC/1.0\r\n" + b),
    st.binary(max_size=500).map(lambda b: b'{"text": ' + b),
    st.binary(max_size=500).map(lambda b: b"text,title\n" + b),
    st.binary(max_size=500).map(lambda b: b"PAR1" + b),
    st.tuples(st.binary(max_size=500), st.integers(0, 600)).map(lambda t: gzip.compress(t[0])[: t[1]]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_noise)
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "noise.bin"
    p.write_bytes(data)
    for item in read([str(p)]):
        assert isinstance(item, RawDocument | ItemError)
        if isinstance(item, ItemError):
            assert item.reason and "\n" not in item.reason
            assert not item.reason.startswith("unexpected error"), item
