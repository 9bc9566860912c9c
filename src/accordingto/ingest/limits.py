"""Size limits of the ingest stage, and the exception that turns a bad item into an ItemError."""

from __future__ import annotations

MiB = 1024 * 1024

# One plain-text article (or a record's text field) is far below this; anything larger is a
# dump or a mistake, and would cost the later stages minutes.
MAX_TEXT_BYTES = 5 * MiB
# HTML carries markup, inline scripts and JSON blobs on top of the article.
MAX_HTML_BYTES = 10 * MiB
# Containers that must be read whole (a JSON document, Parquet from stdin or gzip).
MAX_BUFFERED_BYTES = 128 * MiB
# A gzip stream that inflates beyond this floor and beyond this ratio is treated as a bomb:
# text and HTML compress 3-10x, a run of zeros 1000x.
BOMB_FLOOR_BYTES = 64 * MiB
BOMB_RATIO = 100
# How much of an input is read to decide what it is.
SNIFF_BYTES = 64 * 1024


def one_line(text: str, limit: int = 300) -> str:
    """Library messages can span lines (warcio's do); an ItemError reason is one short line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Reject(Exception):
    """An item cannot be read; `reason` is a short human sentence for the ItemError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = one_line(reason)


def size(n: int) -> str:
    """A byte count for people: 512 B, 3.2 KiB, 50.0 MiB."""
    if n < 1024:
        return f"{n} B"
    if n < MiB:
        return f"{n / 1024:.1f} KiB"
    return f"{n / MiB:.1f} MiB"


def too_large(n: int | None, limit: int) -> Reject:
    shown = f"{size(n)}" if n is not None else f"more than {size(limit)}"
    return Reject(f"too large: {shown}, above the {size(limit)} limit")
