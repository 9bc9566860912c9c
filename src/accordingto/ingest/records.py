"""One row of a record container (JSONL, JSON, CSV, Parquet) → a RawDocument.

Columns are matched case-insensitively; `fields` (the CLI's `--field text=article_body`)
replaces the default column names of a field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import ItemError, RawDocument
from .limits import MAX_HTML_BYTES, MAX_TEXT_BYTES, too_large
from .sniff import is_html

HINTS = ("title", "url", "published", "outlet")
# Our field → the column names that usually hold it (news-please, NewsAPI and scraper dumps).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "date_publish", "published_at"),
    "outlet": ("outlet", "source", "source_domain", "publisher"),
}


@dataclass(frozen=True, slots=True)
class Columns:
    names: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, fields: Mapping[str, str] | None) -> Columns:
        """Default column names overridden by `fields`; ValueError names an unknown field."""
        names = dict(DEFAULT_COLUMNS)
        for ours, theirs in (fields or {}).items():
            if ours not in names:
                raise ValueError(f"unknown field {ours!r} (expected one of {', '.join(names)})")
            names[ours] = (theirs.strip().lower(),)
        return cls(names)

    @property
    def text(self) -> tuple[str, ...]:
        return self.names["text"]

    def present(self, keys: list[str]) -> list[str]:
        """The keys among `keys` that some field reads (to load only those Parquet columns)."""
        wanted = {name for names in self.names.values() for name in names}
        return [k for k in keys if k.strip().lower() in wanted]

    def no_text(self) -> str:
        return f"no text (looked for {', '.join(self.text)})"


def record_document(
    row: Mapping[Any, Any], columns: Columns, container: str, label: str, n: int
) -> RawDocument | ItemError:
    """Row `n` (1-based) of the container named `container` (base name) at `label` (path)."""
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    text = _pick(lowered, columns.text, _text)
    if text is None or not text.strip():
        return ItemError(f"{label}#{n}", columns.no_text())
    html = is_html(text)
    limit = MAX_HTML_BYTES if html else MAX_TEXT_BYTES
    if len(text) > limit:
        return ItemError(f"{label}#{n}", too_large(len(text), limit).reason)
    hints = {f: v for f in HINTS if (v := _pick(lowered, columns.names[f], _hint))}
    return RawDocument(
        file=f"{container}#{n}",
        uri=hints.get("url") or f"{label}#{n}",
        content=text,
        format="html" if html else "record",
        hints=hints,
    )


def _pick(row: dict[str, Any], names: tuple[str, ...], convert: Callable[[Any], str | None]) -> str | None:
    for name in names:
        value = convert(row.get(name))
        if value:
            return value
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    # Some dumps keep the body as a list of paragraphs.
    if isinstance(value, list) and value and all(isinstance(p, str) for p in value):
        return "\n\n".join(value)
    return None


def _hint(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value) if value == value else None  # NaN: a missing value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    # NewsAPI-style {"id": ..., "name": "The Outlet"}.
    if isinstance(value, Mapping) and isinstance(value.get("name"), str):
        return value["name"].strip() or None
    return None
