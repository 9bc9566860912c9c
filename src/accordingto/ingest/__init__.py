"""Stage 1, ingest: turn paths (files, directories, globs, `-`) into RawDocuments.

Every bad item becomes an ItemError naming the item and the reason; the stream goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import ItemError, RawDocument


def read(paths: Iterable[str], fields: dict[str, str] | None = None) -> Iterator[RawDocument | ItemError]:
    """Yield one RawDocument per article found under `paths`, or an ItemError per bad item.

    `fields` maps our field names (text, title, url, published, outlet) to a record
    input's column names, for JSONL/JSON/CSV/Parquet inputs that name them differently.
    """
    raise NotImplementedError
