"""Decide what an input is from its first bytes; the file name only breaks ties."""

from __future__ import annotations

import csv
import json
import re
from typing import Literal

TextKind = Literal["html", "json", "jsonl", "csv", "text"]

GZIP = b"\x1f\x8b"
WARC = b"WARC/"
PARQUET = b"PAR1"

# (offset, magic bytes, what it is) for formats people drop into an article folder by mistake.
_MAGIC: list[tuple[int, bytes, str]] = [
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "zip archive"),
    (0, b"PK\x05\x06", "zip archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, GZIP, "gzip data"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"ARROW1", "Arrow file"),
    (0, b"OggS", "Ogg media"),
    (0, b"ID3", "MP3 audio"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"wOFF", "WOFF font"),
    (0, b"wOF2", "WOFF2 font"),
    (4, b"ftyp", "MP4/QuickTime media"),
    (8, b"WEBP", "WebP image"),
    (8, b"WAVE", "WAV audio"),
    (8, b"AVI ", "AVI video"),
]

# C0 control bytes that never occur in text (tab, newlines, form feed and ESC do).
_CONTROL = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}) + b"\x7f"


def binary_kind(head: bytes) -> str | None:
    """What binary format `head` starts with, or None when it may be text.

    Call on bytes already known not to be UTF-16/32 (those contain NULs legitimately).
    """
    for offset, magic, name in _MAGIC:
        if head.startswith(magic, offset):
            return name
    if b"\x00" in head:
        return "NUL bytes"
    sample = head[:8192]
    if sample and len(sample) - len(sample.translate(None, _CONTROL)) > 0.05 * len(sample):
        return "control bytes"
    return None


SNIFF_CHARS = 16 * 1024
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|br|hr|article|section|header|footer|nav|main|aside|h[1-6]"
    r"|ul|ol|li|table|tr|td|meta|title|script|style|link|img|figure|figcaption|strong|em|b|i|blockquote)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)


def is_html(text: str) -> bool:
    """HTML documents, and fragments with enough real tags (a record's `<p>…</p>` body)."""
    head = text[:SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    tags = _HTML_TAG.findall(head)
    return len(tags) >= 3 or (head.lstrip().startswith("<") and len(tags) >= 1)


_JSON_ARRAY = re.compile(r"\s*\[\s*[{\]]")
_JSON_OBJECT = re.compile(r'\s*\{\s*["}]')
JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines", ".jsonl.gz", ".ndjson.gz")
CSV_EXTENSIONS = (".csv", ".tsv", ".csv.gz", ".tsv.gz")


def text_kind(head: str, name: str, text_columns: tuple[str, ...]) -> TextKind:
    """Classify decoded text. `text_columns` are the column names that hold an article's text,
    so that a CSV can be recognised by its header whatever the file is called."""
    lower = name.lower()
    if _JSON_ARRAY.match(head):
        return "json"
    if _JSON_OBJECT.match(head):
        if lower.endswith(JSONL_EXTENSIONS):
            return "jsonl"
        # JSON Lines: a complete object on the first line and more after it. A pretty-printed
        # document's first line is not complete; the JSON reader falls back to lines anyway.
        first, _, rest = head.lstrip().partition("\n")
        try:
            complete = isinstance(json.loads(first), dict)
        except ValueError:
            complete = False
        return "jsonl" if complete and rest.strip() else "json"
    if is_html(head):
        return "html"
    if lower.endswith(CSV_EXTENSIONS) or csv_dialect(head, name, text_columns):
        return "csv"
    return "text"


def csv_dialect(head: str, name: str, text_columns: tuple[str, ...]) -> str | None:
    """The delimiter whose header row names a text column, if any."""
    first = next(iter(head.lstrip("\ufeff").splitlines()), "")
    preferred = "\t" if name.lower().endswith((".tsv", ".tsv.gz")) else ","
    for delimiter in dict.fromkeys((preferred, ",", "\t", ";", "|")):
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            return None
        if len(cells) >= 2 and any(c.strip().lower() in text_columns for c in cells):
            return delimiter
    return None
