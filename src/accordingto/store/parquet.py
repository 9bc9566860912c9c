"""Parquet datasets of analyses: the store's rows, one dataset (directory) per table.

The columns are those of `rows_for` and their types those of the DuckDB schema, so a directory
written here by any engine (local, pool, Spark) loads into a database with one bulk
`INSERT … SELECT` per table, with the same idempotency as `Store.write`: an article already
stored (or present twice) is kept once, with the rows of its first analysis.

    out/articles/part-00000.parquet  out/attributions/part-00000.parquet  …  out/errors/…
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Analysis, ItemError
from . import Store, WriteResult
from .rows import table_rows
from .schema import MIGRATIONS

# The tables one article's analysis fills, and the key that makes a row unique in each.
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "attributions": ("article_id", "idx"),
    "claims": ("article_id", "idx"),
    "quantities": ("article_id", "idx"),
    "events": ("article_id", "idx"),
    "entities": ("id",),
    "mentions": ("article_id", "span_start", "span_end", "entity_id"),
    "errors": ("item", "stage", "reason"),
}
TABLES = tuple(KEYS)


@cache
def schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each table: the DuckDB columns that have no default (set on insert)."""
    con = duckdb.connect()
    try:
        for migration in MIGRATIONS:
            con.execute(migration)
        out = {}
        for table in TABLES:
            cols = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = ? AND column_default IS NULL ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            ]
            out[table] = con.sql(f"SELECT {', '.join(cols)} FROM {table} LIMIT 0").to_arrow_table().schema
        return out
    finally:
        con.close()


def write_part(out: str | Path, name: str, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Write `<out>/<table>/<name>.parquet` for each non-empty table; rows written per table.

    The file appears whole or not at all (written aside, then renamed), and a retried task
    that writes the same `name` replaces it: Spark retries leave no duplicates behind.
    """
    counts: dict[str, int] = {}
    for table, rows in tables.items():
        if not rows:
            continue
        folder = Path(out) / table
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{uuid.uuid4().hex}.tmp"
        pq.write_table(pa.Table.from_pylist(rows, schema=schemas()[table]), tmp, compression="zstd")
        os.replace(tmp, folder / f"{name}.parquet")
        counts[table] = len(rows)
    return counts


class ParquetSink:
    """Streams batches into a Parquet directory, one file per table every `rows_per_part` articles."""

    def __init__(self, out: str | Path, *, prefix: str = "part", rows_per_part: int = 2000) -> None:
        self.out, self.prefix, self.rows_per_part = Path(out), prefix, rows_per_part
        self.parts = 0
        self.articles = 0
        self._analyses: list[Analysis] = []
        self._errors: list[ItemError] = []

    def add(self, analyses: Sequence[Analysis], errors: Sequence[ItemError] = ()) -> None:
        self._analyses.extend(analyses)
        self._errors.extend(errors)
        if len(self._analyses) >= self.rows_per_part:
            self.flush()

    def flush(self) -> None:
        if self._analyses or self._errors:
            write_part(self.out, f"{self.prefix}-{self.parts:05d}", table_rows(self._analyses, self._errors))
            self.parts += 1
            self.articles += len(self._analyses)
        self._analyses, self._errors = [], []

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def _files(folder: Path) -> str | None:
    return str(folder / "*.parquet") if folder.is_dir() and any(folder.glob("*.parquet")) else None


def load(store: Store, directory: str | Path) -> WriteResult:
    """Bulk-insert a Parquet directory into the store, in one transaction.

    Rows of articles the store already holds are skipped, as are repeats inside the directory.
    """
    root = Path(directory)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such directory")
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE TEMP TABLE _known AS SELECT id FROM articles")
        total = 0  # no articles directory: nothing counted
        for table in TABLES:
            files = _files(root / table)
            if files is None:
                continue
            cols = ", ".join(schemas()[table].names)
            keys = ", ".join(KEYS[table])
            # Only the first copy of an article's rows, and nothing for an article already stored.
            fresh = "" if table in ("entities", "errors") else (
                f"WHERE {'id' if table == 'articles' else 'article_id'} NOT IN (SELECT id FROM _known)"
            )
            source = f"(SELECT * FROM read_parquet('{_quote(files)}', union_by_name = true) {fresh})"
            if table == "articles":
                total = con.execute(f"SELECT count(*) FROM read_parquet('{_quote(files)}')").fetchone()[0]  # type: ignore[index]
            con.execute(
                f"INSERT INTO {table} ({cols}) SELECT DISTINCT ON ({keys}) {cols} FROM {source} "
                f"ON CONFLICT DO NOTHING"
            )
        new = con.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM _known)").fetchone()[0]  # type: ignore[index]
        con.execute("DROP TABLE _known")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return WriteResult(new=int(new), duplicate=int(total) - int(new))


def _quote(path: str) -> str:
    return path.replace("'", "''")
