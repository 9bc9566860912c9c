"""Byte streams: put a sniffed head back in front of a stream, and inflate gzip with a bomb guard."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from .limits import BOMB_FLOOR_BYTES, BOMB_RATIO, SNIFF_BYTES, Reject, size

CHUNK = 64 * 1024


def read_up_to(stream: BinaryIO, n: int) -> bytes:
    """Read up to n bytes, looping over short reads (pipes, decompressors)."""
    parts: list[bytes] = []
    while n > 0 and (part := stream.read(min(n, CHUNK))):
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


class _Prefixed(io.RawIOBase):
    """`head` followed by the rest of `stream`: lets us sniff streams that cannot seek (stdin, gzip)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(b))
        b[: len(data)] = data
        return len(data)


def sniffable(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first SNIFF_BYTES of `stream`, and a stream that still starts at the beginning."""
    head = read_up_to(stream, SNIFF_BYTES)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=CHUNK)


class Gunzip(io.RawIOBase):
    """Streaming, multi-member gzip inflation (a .warc.gz is one member per record).

    Raises Reject when the output outgrows the input like a gzip bomb; at an early end of the
    input it stops cleanly and sets `truncated`, so callers keep what was complete.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._inflater = zlib.decompressobj(wbits=31)
        self._pending = memoryview(b"")
        self._eof = False
        self.read_in = 0
        self.written_out = 0
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
        while not self._pending and not self._eof:
            self._pending = memoryview(self._inflate())
        n = min(len(b), len(self._pending))
        b[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _read_input(self) -> bytes:
        data = self._stream.read(CHUNK)
        self.read_in += len(data)
        return data

    def _inflate(self) -> bytes:
        z = self._inflater
        if z.eof:
            # The next member starts in `unused_data` (zlib also leaves a stale copy of it in
            # `unconsumed_tail` when output was capped, so that must not be read again).
            data = z.unused_data or self._read_input()
            if not data.strip(b"\0"):  # end of input (some writers pad with NULs)
                self._eof = True
                return b""
            self._inflater = z = zlib.decompressobj(wbits=31)
        elif z.unconsumed_tail:
            data = z.unconsumed_tail
        else:
            data = self._read_input()
            if not data:
                self.truncated = True
                self._eof = True
                return b""
        try:
            out = z.decompress(data, CHUNK)
        except zlib.error as e:
            raise Reject(f"corrupt gzip data after {size(self.written_out)}: {e}") from None
        self.written_out += len(out)
        if self.written_out > BOMB_FLOOR_BYTES and self.written_out > BOMB_RATIO * max(self.read_in, 1):
            raise Reject(
                f"gzip bomb: {size(self.read_in)} inflates to more than {size(self.written_out)} "
                f"(over {BOMB_RATIO}x)"
            )
        return out


def gunzip(stream: BinaryIO) -> tuple[Gunzip, BinaryIO]:
    """A Gunzip over `stream`, and the same wrapped for efficient buffered reads."""
    raw = Gunzip(stream)
    return raw, io.BufferedReader(raw, buffer_size=CHUNK)
