"""Stage 4, store: the embedded DuckDB database (`./accordingto.duckdb` by default).

One batch of articles is one transaction: after a crash the database holds only whole
articles, and since articles are keyed by a content hash a re-run completes the job without
duplicates. Queries return Arrow tables (`.query()`) or pandas frames (`.frame()`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..model import Analysis, ItemError
from .handoff import READ_RETRY, WRITE_RETRY, Busy, connect
from .rows import analysis_from_rows, table_rows
from .schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "accordingto.duckdb"


# DuckDB would otherwise let itself grow to 80% of the machine's memory; beyond this it spills
# to a temporary directory beside the database.
DEFAULT_MEMORY_LIMIT = "1GB"


def default_path() -> Path:
    return Path(os.environ.get("ACCORDINGTO_DB") or DEFAULT_DB)


def memory_limit() -> str:
    return os.environ.get("ACCORDINGTO_DB_MEMORY") or DEFAULT_MEMORY_LIMIT


@dataclass(slots=True)
class WriteResult:
    new: int
    duplicate: int


class Store:
    """An opened accordingto database."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no such database (run `accordingto ingest` first)")
        self.con = duckdb.connect(str(self.path), read_only=read_only, config={"memory_limit": memory_limit()})
        if not read_only:
            self.migrate()
        elif self.version != SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path}: schema version {self.version}, this accordingto needs {SCHEMA_VERSION}; "
                "open it once for writing to migrate"
            )

    def _one(self, sql: str, params: Sequence[Any] | None = None) -> tuple[Any, ...] | None:
        """The first row, reading the whole result (DuckDB 2 refuses new work over an unfinished one)."""
        rows = self.con.execute(sql, list(params or [])).fetchall()
        return rows[0] if rows else None

    # -- schema -----------------------------------------------------------------------------

    @property
    def version(self) -> int:
        exists = self._one("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'")
        if not exists or not exists[0]:
            return 0
        row = self._one("SELECT max(version) FROM schema_version")
        return int(row[0] or 0) if row else 0

    def migrate(self) -> None:
        """Apply the migrations this database has not seen yet, each in its own transaction."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
        for number in range(self.version + 1, SCHEMA_VERSION + 1):
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(MIGRATIONS[number - 1])
                self.con.execute("INSERT INTO schema_version VALUES (?)", [number])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    # -- writing ----------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def write(self, analyses: Sequence[Analysis], errors: Sequence[ItemError] = ()) -> WriteResult:
        """Store a batch of analysed articles and the batch's errors in one transaction."""
        fresh: dict[str, Analysis] = {}
        for a in analyses:
            fresh.setdefault(a.article.id, a)
        known = self.known_ids(fresh)
        todo = [a for i, a in fresh.items() if i not in known]
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, rows in table_rows(todo, errors).items():
                self._insert(table, rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return WriteResult(new=len(todo), duplicate=len(analyses) - len(todo))

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist(rows)
        cols = ", ".join(batch.column_names)
        self.con.register("_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch ON CONFLICT DO NOTHING")
        finally:
            self.con.unregister("_batch")

    # -- reading ----------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        """Run SQL and return an Arrow table."""
        return self.con.sql(sql, params=list(params or [])).to_arrow_table()

    def frame(self, sql: str, params: Sequence[Any] | None = None):  # -> pandas.DataFrame
        """Run SQL and return a pandas DataFrame (needs pandas)."""
        return self.con.sql(sql, params=list(params or [])).df()

    def find_article(self, key: str) -> str | None:
        """An article id from an id, an id prefix, a file name or a path."""
        row = self._one(
            """SELECT id FROM articles
               WHERE id = ? OR file = ? OR uri = ? OR (length(?) >= 6 AND id LIKE ? || '%')
               ORDER BY (id = ?) DESC, (file = ?) DESC LIMIT 1""",
            [key, Path(key).name, key, key, key, key, Path(key).name],
        )
        return row[0] if row else None

    def analysis(self, article_id: str) -> Analysis | None:
        """Rebuild the full Analysis of a stored article."""
        def fetch(sql: str) -> list[dict[str, Any]]:
            return self.con.sql(sql, params=[article_id]).to_arrow_table().to_pylist()

        articles = fetch("SELECT * FROM articles WHERE id = ?")
        if not articles:
            return None
        return analysis_from_rows(
            articles[0],
            attributions=fetch("SELECT * FROM attributions WHERE article_id = ? ORDER BY idx"),
            claims=fetch("SELECT * FROM claims WHERE article_id = ? ORDER BY idx"),
            quantities=fetch("SELECT * FROM quantities WHERE article_id = ? ORDER BY idx"),
            events=fetch("SELECT * FROM events WHERE article_id = ? ORDER BY idx"),
            mentions=fetch(
                """SELECT m.*, e.canonical, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id
                   WHERE m.article_id = ? ORDER BY m.span_start"""
            ),
        )

    def stats(self) -> dict[str, int]:
        tables = [
            "articles", "attributions", "claims", "quantities", "events", "entities", "mentions",
            "citations", "stories", "claim_clusters", "errors",
        ]
        counts = {t: int(self._one(f"SELECT count(*) FROM {t}")[0]) for t in tables}  # type: ignore[index]
        counts["outlets"] = int(
            self._one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL")[0]  # type: ignore[index]
        )
        return counts

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path | None = None, *, read_only: bool = False, retry_seconds: float = 0.0) -> Store:
    """Open (and create or migrate) the database at `path`, `$ACCORDINGTO_DB` or ./accordingto.duckdb.

    With `retry_seconds`, wait that long while another process holds the file (see `handoff`):
    raises `Busy` if it is still held. Keep such a Store open briefly — others are waiting.
    """
    db = Path(path) if path is not None else default_path()
    return connect(lambda: Store(db, read_only=read_only), db, read_only=read_only, retry_seconds=retry_seconds)


__all__ = ["READ_RETRY", "WRITE_RETRY", "Busy", "Store", "WriteResult", "default_path", "open_store"]
