"""A single text or HTML file: one document, read whole up to a size limit."""

from __future__ import annotations

from typing import BinaryIO, Literal

from ..model import RawDocument
from .decode import charset_of_meta, decode
from .limits import MAX_HTML_BYTES, MAX_TEXT_BYTES, Reject, too_large
from .paths import Source
from .streams import read_up_to


def read_document(
    stream: BinaryIO, src: Source, kind: Literal["text", "html"], known_size: int | None
) -> RawDocument:
    """The whole input as one document; Reject when it is too large or empty.

    HTML is kept raw (cleaning extracts the body); `known_size` lets an oversized file be
    refused before anything more is read.
    """
    limit = MAX_HTML_BYTES if kind == "html" else MAX_TEXT_BYTES
    if known_size is not None and known_size > limit:
        raise too_large(known_size, limit)
    data = read_up_to(stream, (limit if known_size is None else known_size) + 1)
    if len(data) > limit:
        raise too_large(None, limit)
    text = decode(data, charset_of_meta(data) if kind == "html" else None)
    if not text.strip():
        raise Reject("empty")
    return RawDocument(file=src.name, uri=src.label, content=text, format=kind)
