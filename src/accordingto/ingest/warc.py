"""WARC and WARC.gz: every 2xx `response` record with an HTML payload is one document.

Documents are named `<warc name>#<n>`, n counting HTML responses from 1 (a record that is
then rejected, e.g. for its size, keeps its number). Other records (requests, metadata,
images, redirects, errors) are not articles and are skipped without a word. A truncated
WARC yields its complete records and then one ItemError.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from ..model import ItemError, RawDocument
from .decode import charset_of_content_type, charset_of_meta, decode, unicode_encoding
from .limits import MAX_HTML_BYTES, SNIFF_BYTES, Reject, one_line, too_large
from .paths import Source
from .sniff import binary_kind, is_html
from .streams import CHUNK, Gunzip, read_up_to

Out = Iterator[RawDocument | ItemError]


class _Tell:
    """Counts the bytes warcio takes, to see whether a partial record is left at the end."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.offset = 0

    def read(self, n: int = -1) -> bytes:
        data = self._stream.read(n)
        self.offset += len(data)
        return data

    def tell(self) -> int:
        return self.offset


def read_warc(stream: BinaryIO, src: Source, gz: Gunzip | None) -> Out:
    """`stream` is the uncompressed WARC; `gz` the inflater under it, if any."""
    counted = _Tell(stream)
    records = ArchiveIterator(counted)
    complete = n = 0
    try:
        for record in records:
            html = _html_response(record)
            payload = read_up_to(record.content_stream(), MAX_HTML_BYTES + 1) if html is not False else b""
            # Read what is left so that a record cut short shows (its length limit is unmet).
            while record.raw_stream.read(CHUNK):
                pass
            if record.raw_stream.limit:
                yield _truncated(src, complete)
                return
            complete += 1
            if html is None:
                html = _sniffs_html(payload)
            if html:
                n += 1
                yield _document(record, payload, src, n)
        # A header cut short ends warcio's iteration silently: bytes remain after the last record.
        if counted.offset > records.offset or (gz is not None and gz.truncated):
            yield _truncated(src, complete)
    except Reject:
        raise
    except Exception as e:  # warcio raises assorted errors on malformed headers
        # A header cut off by the end of the input is a truncation, not a format error.
        if records.reader is not None and not records.reader.rem_length() and not counted.read(1):
            yield _truncated(src, complete)
        else:
            reason = f"malformed WARC after {complete} complete records: {type(e).__name__}: {e}"
            yield ItemError(src.label, one_line(reason))


def _truncated(src: Source, complete: int) -> ItemError:
    return ItemError(src.label, f"truncated WARC: cut short after {complete} complete records")


def _html_response(record: ArcWarcRecord) -> bool | None:
    """True/False from the HTTP headers, None when only the payload can tell."""
    http = record.http_headers
    if record.rec_type != "response" or http is None:
        return False
    if not (http.get_statuscode() or "").startswith("2"):
        return False
    content_type = (http.get_header("Content-Type") or "").lower()
    if content_type:
        return "html" in content_type
    return None


def _sniffs_html(payload: bytes) -> bool:
    head = payload[:SNIFF_BYTES]
    if unicode_encoding(head) is None and binary_kind(head):
        return False
    return is_html(decode(head))


def _document(record: ArcWarcRecord, payload: bytes, src: Source, n: int) -> RawDocument | ItemError:
    item = f"{src.label}#{n}"
    if len(payload) > MAX_HTML_BYTES:
        return ItemError(item, too_large(None, MAX_HTML_BYTES).reason)
    head = payload[:SNIFF_BYTES]
    if unicode_encoding(head) is None and (kind := binary_kind(head)):
        return ItemError(item, f"binary content ({kind}), not an article")
    content_type = record.http_headers.get_header("Content-Type")
    text = decode(payload, charset_of_content_type(content_type) or charset_of_meta(payload))
    if not text.strip():
        return ItemError(item, "empty")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    hints = {"url": url, "warc_date": record.rec_headers.get_header("WARC-Date") or ""}
    return RawDocument(
        file=f"{src.name}#{n}",
        uri=url or item,
        content=text,
        format="html",
        hints={k: v for k, v in hints.items() if v},
    )
