"""Bytes to str: BOMs, UTF-16 without a BOM, UTF-8 with a few bad bytes, legacy code pages.

Order of trust: a BOM; UTF-16 recognised by its NUL pattern; UTF-8 (strict, or "mostly":
more valid multi-byte characters than invalid bytes, decoded with U+FFFD for the bad
bytes, because one stray byte should not turn every curly quote of an article into
mojibake); a charset the container declared (HTTP header, <meta>); charset-normalizer's
guess, preferring Windows-1252 when it fits as well (the most common legacy encoding of
news pages, and what short Western texts are misread from).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "ascii"}
_CHAOS_TOLERANCE = 0.1
_SAMPLE_BYTES = 64 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]+")


def bom(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when `data` starts with a byte order mark."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sample[0 : 2 * half : 2].count(0) / half
    odd = sample[1 : 2 * half : 2].count(0) / half
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def unicode_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, bytes to skip) for UTF-16/32 and BOM-marked input, which contain NULs."""
    found = bom(data)
    if found:
        return found
    encoding = utf16_without_bom(data)
    return (encoding, 0) if encoding else None


def charset_of_content_type(value: str | None) -> str | None:
    """The charset an HTTP Content-Type value names, if Python knows it."""
    m = _HEADER_CHARSET.search(value or "")
    return _known(m.group(1)) if m else None


def charset_of_meta(html: bytes) -> str | None:
    """The charset an HTML <meta> tag in the first 4 KiB names, if Python knows it."""
    m = _META_CHARSET.search(html[:4096])
    return _known(m.group(1).decode("ascii")) if m else None


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode one document; never raises."""
    marked = unicode_encoding(data)
    if marked:
        encoding, skip = marked
        return data[skip:].decode(encoding, "replace")
    utf8 = _utf8(data)
    if utf8 is not None:
        return utf8
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode(_guess(data), "replace")


def _utf8(data: bytes) -> str | None:
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad == 0:
        return text
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return text if multibyte > bad else None


def _guess(data: bytes) -> str:
    """The most plausible single-byte or CJK encoding of bytes that are not UTF-8."""
    matches = charset_normalizer.from_bytes(_sample(data))
    best = matches.best()
    if best is None:
        return "cp1252"
    # Encodings that decode the bytes alike are merged into one match: ask each for all of them.
    if any(_WESTERN & set(m.could_be_from_charset) and m.chaos <= best.chaos + _CHAOS_TOLERANCE for m in matches):
        return "cp1252"
    return best.encoding


def _sample(data: bytes) -> bytes:
    """The non-ASCII parts of a large input with some context: the guess is as good and the
    detector's time no longer grows with the size of mostly-ASCII text."""
    if len(data) <= _SAMPLE_BYTES:
        return data
    parts: list[bytes] = []
    taken = 0
    for m in _NON_ASCII.finditer(data):
        part = data[max(m.start() - 80, 0) : m.end() + 80]
        parts.append(part)
        taken += len(part)
        if taken >= _SAMPLE_BYTES:
            break
    return b"\n".join(parts) or data[:_SAMPLE_BYTES]


def stream_encoding(head: bytes) -> tuple[str, int]:
    """(encoding, bytes to skip) judged from the head of a stream: for sniffing, and for reading
    a record container as text without holding it whole."""
    marked = unicode_encoding(head)
    if marked:
        return marked
    # The head may end inside a multi-byte character: judge UTF-8 without the last 3 bytes.
    if _utf8(head[:-3] if len(head) > 3 else head) is not None:
        return "utf-8", 0
    return _guess(head), 0
