"""Build small WARC files byte by byte for the ingest tests (no network, no warcio writer)."""

from __future__ import annotations

import gzip
import uuid
import zlib

DATE = "2026-03-01T10:00:00Z"


def http_response(body: bytes, content_type: str | None = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    headers = f"HTTP/1.1 {status}\r\n" + (f"Content-Type: {content_type}\r\n" if content_type else "")
    return (headers + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def warc_header(kind: str, uri: str, length: int, date: str = DATE) -> bytes:
    return (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def record(kind: str, uri: str, block: bytes, date: str = DATE) -> bytes:
    return warc_header(kind, uri, len(block), date) + block + b"\r\n\r\n"


def response(uri: str, html: str, date: str = DATE) -> bytes:
    return record("response", uri, http_response(html.encode()), date)


def warc(records: list[bytes], gz: bool = False) -> bytes:
    """Records concatenated; gzipped one member per record, as crawlers write them."""
    return b"".join(gzip.compress(r) for r in records) if gz else b"".join(records)


def bomb_member(uri: str, mib: int) -> bytes:
    """One gzip member holding an HTML response of `mib` MiB of spaces: tiny on disk, huge inflated."""
    size = mib << 20
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {size}\r\n\r\n".encode()
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [z.compress(warc_header("response", uri, len(http) + size) + http)]
    chunk = b" " * (1 << 20)
    parts += [z.compress(chunk) for _ in range(mib)]
    parts += [z.compress(b"\r\n\r\n"), z.flush()]
    return b"".join(parts)
