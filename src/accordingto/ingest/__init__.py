"""Stage 1, ingest: turn paths (files, directories, globs, `-`) into RawDocuments.

Every bad item becomes an ItemError naming the item and the reason; the stream goes on.
What an input is comes from its bytes (magic numbers, markup, JSON, a CSV header naming a
text column); the file name only breaks ties (`.jsonl`, `.csv`, `.tsv`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..model import ItemError, RawDocument
from .decode import stream_encoding, unicode_encoding
from .document import read_document
from .limits import Reject, one_line
from .paths import Source, expand, os_reason
from .records import Columns
from .sniff import GZIP, PARQUET, WARC, binary_kind, text_kind
from .streams import Gunzip, gunzip, sniffable
from .tables import read_csv, read_json, read_jsonl, read_parquet
from .warc import read_warc

__all__ = ["read"]

Out = Iterator[RawDocument | ItemError]


def read(paths: Iterable[str], fields: dict[str, str] | None = None) -> Iterator[RawDocument | ItemError]:
    """Yield one RawDocument per article found under `paths`, or an ItemError per bad item.

    `fields` maps our field names (text, title, url, published, outlet) to a record
    input's column names, for JSONL/JSON/CSV/Parquet inputs that name them differently.

    - a text or HTML file: `file` = its base name, `uri` = its path, no hints; HTML stays raw.
    - a WARC(.gz): `file` = `<name>#<n>` for the n-th 2xx HTML response, `uri` and hint
      `url` = WARC-Target-URI, hint `warc_date` = WARC-Date.
    - a record container: `file` = `<name>#<n>` for row n from 1 (in JSONL, the line
      number), `uri` = the row's url or `<path>#<n>`; hints `title`, `url`, `published`,
      `outlet` when the row has them; format `html` when the text is markup, else `record`.
    - stdin (`-`) is named `stdin`. Any input may be gzip-compressed.
    Errors name `<path>`, `<path>#<n>` (a row or WARC record) or `<path>:<line>` (JSONL).
    """
    if isinstance(paths, str):  # one path, not an iterable of characters
        paths = [paths]
    try:
        columns = Columns.of(fields)
    except ValueError as e:
        yield ItemError("--field", str(e))
        columns = Columns.of(None)
    for src in expand(paths):
        if isinstance(src, ItemError):
            yield src
            continue
        try:
            yield from _read_source(src, columns)
        except Reject as e:
            yield ItemError(src.label, e.reason)
        except OSError as e:
            yield ItemError(src.label, os_reason(e))
        except Exception as e:  # a last resort: one bad input must not end the run
            yield ItemError(src.label, one_line(f"unexpected error: {type(e).__name__}: {e}"))


def _read_source(src: Source, columns: Columns) -> Out:
    with src.open() as raw:
        # A regular file can be sized up front and seeked (Parquet); stdin and gzip cannot.
        file = None if src.is_stdin or not stat.S_ISREG(os.fstat(raw.fileno()).st_mode) else raw
        head, stream = sniffable(raw)
        gz = None
        if head.startswith(GZIP):
            gz, inflated = gunzip(stream)
            head, stream = sniffable(inflated)
            file = None
        yield from _dispatch(head, stream, src, columns, gz, file)


def _dispatch(
    head: bytes, stream: BinaryIO, src: Source, columns: Columns, gz: Gunzip | None, file: BinaryIO | None
) -> Out:
    if head.startswith(WARC):
        yield from read_warc(stream, src, gz)  # reports its own truncation
        return
    if head.startswith(PARQUET):
        yield from read_parquet(file or stream, src, columns, seekable=file is not None)
        return
    if not head.strip() and gz is not None and gz.truncated:
        raise Reject("truncated gzip stream")
    if unicode_encoding(head) is None and (kind := binary_kind(head)):
        raise Reject(f"binary content ({kind}), not an article")
    encoding, skip = stream_encoding(head)
    head_text = head[skip:].decode(encoding, "replace")
    match text_kind(head_text, src.name, columns.text):
        case "jsonl":
            yield from read_jsonl(stream, head, src, columns)
        case "json":
            yield from read_json(stream, src, columns)
        case "csv":
            yield from read_csv(stream, head, head_text, src, columns)
        case kind:
            size = os.fstat(file.fileno()).st_size if file else None
            document = read_document(stream, src, kind, size)
            if gz is not None and gz.truncated:
                raise Reject("truncated gzip stream")
            yield document
    if gz is not None and gz.truncated:
        yield ItemError(src.label, "truncated gzip stream")
