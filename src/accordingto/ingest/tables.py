"""Record containers with one article per row: JSON Lines, JSON, CSV, Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import BinaryIO, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import ItemError, RawDocument
from .decode import decode, stream_encoding
from .limits import MAX_BUFFERED_BYTES, MAX_HTML_BYTES, Reject, one_line, too_large
from .paths import Source
from .records import Columns, record_document
from .sniff import csv_dialect
from .streams import CHUNK, read_up_to

Out = Iterator[RawDocument | ItemError]
# A line or field holds one article's text plus metadata and escaping.
MAX_LINE_CHARS = MAX_HTML_BYTES + 64 * 1024


def _text_stream(stream: BinaryIO, head: bytes, newline: str | None) -> TextIO:
    encoding, skip = stream_encoding(head)
    stream.read(skip)
    return io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=newline)


def read_jsonl(stream: BinaryIO, head: bytes, src: Source, columns: Columns) -> Out:
    """One object per line. The row number of a line is its line number; a bad line is an
    ItemError named `path:line` and the next lines go on."""
    return _jsonl_lines(_text_stream(stream, head, newline=None), src, columns)


def _jsonl_lines(text: TextIO, src: Source, columns: Columns) -> Out:
    lineno = 0
    while line := text.readline(MAX_LINE_CHARS + 1):
        lineno += 1
        where = f"{src.label}:{lineno}"
        if len(line) > MAX_LINE_CHARS:
            # Skip the rest of an oversized line without holding it in memory.
            while (rest := text.readline(CHUNK)) and not rest.endswith("\n"):
                pass
            yield ItemError(where, "line " + too_large(None, MAX_LINE_CHARS).reason)
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as e:
            yield ItemError(where, f"invalid JSON: {e.msg} at column {e.colno}")
            continue
        if not isinstance(row, dict):
            yield ItemError(where, f"not a JSON object but {type(row).__name__}")
            continue
        yield record_document(row, columns, src.name, src.label, lineno)


def read_json(stream: BinaryIO, src: Source, columns: Columns) -> Out:
    """An array of objects, an object holding such an array (`{"articles": [...]}`), or one
    object. Files of JSON Lines that were not recognised as such are read as lines."""
    data = read_up_to(stream, MAX_BUFFERED_BYTES + 1)
    if len(data) > MAX_BUFFERED_BYTES:
        raise too_large(None, MAX_BUFFERED_BYTES)
    text = decode(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        if _looks_like_lines(text):
            yield from _jsonl_lines(io.StringIO(text), src, columns)
            return
        raise Reject(f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    for n, row in enumerate(_rows(value, columns), 1):
        if isinstance(row, dict):
            yield record_document(row, columns, src.name, src.label, n)
        else:
            yield ItemError(f"{src.label}#{n}", f"not a JSON object but {type(row).__name__}")


def _looks_like_lines(text: str) -> bool:
    lines = [line for line in text.splitlines()[:100] if line.strip()]
    return len(lines) >= 2 and sum(line.startswith("{") for line in lines) * 2 >= len(lines)


def _rows(value: object, columns: Columns) -> list[object]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and not any(k.strip().lower() in columns.text for k in value):
        for inner in value.values():
            if isinstance(inner, list) and inner and all(isinstance(r, dict) for r in inner):
                return inner
    return [value]


def read_csv(stream: BinaryIO, head: bytes, head_text: str, src: Source, columns: Columns) -> Out:
    """A header row, then one article per row; rows are numbered from 1 after the header,
    blank rows not counted."""
    # The csv module's field limit is process-wide; raise it to what one article may need.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_CHARS))
    delimiter = csv_dialect(head_text, src.name, columns.text) or (
        "\t" if src.name.lower().endswith((".tsv", ".tsv.gz")) else ","
    )
    reader = csv.reader(_text_stream(stream, head, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as e:
        raise Reject(f"bad CSV header: {e}") from None
    if not any(h.lower() in columns.text for h in header):
        yield ItemError(src.label, f"CSV header has no text column (looked for {', '.join(columns.text)})")
        return
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            n += 1
            yield ItemError(f"{src.label}#{n}", one_line(f"bad CSV row: {e}"))
            continue
        if any(cell.strip() for cell in row):
            n += 1
            yield record_document(dict(zip(header, row, strict=False)), columns, src.name, src.label, n)


def read_parquet(source: BinaryIO, src: Source, columns: Columns, seekable: bool) -> Out:
    """Row groups are read in batches of the columns we use, so big files stream."""
    if not seekable:
        data = read_up_to(source, MAX_BUFFERED_BYTES + 1)
        if len(data) > MAX_BUFFERED_BYTES:
            raise too_large(None, MAX_BUFFERED_BYTES)
        source = pa.BufferReader(data)
    try:
        table = pq.ParquetFile(source)
        wanted = columns.present(table.schema_arrow.names)
        if not any(c.strip().lower() in columns.text for c in wanted):
            yield ItemError(src.label, f"Parquet file has no text column (looked for {', '.join(columns.text)})")
            return
        n = 0
        for batch in table.iter_batches(batch_size=256, columns=wanted):
            for row in batch.to_pylist():
                n += 1
                yield record_document(row, columns, src.name, src.label, n)
    except (pa.ArrowException, OSError) as e:
        raise Reject(f"unreadable Parquet: {e}") from None
