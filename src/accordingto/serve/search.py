"""Full-text search over articles and attributions.

DuckDB's FTS extension would have to be downloaded, so the index is SQLite FTS5 (part of
Python's sqlite3) in a side file built from the store: `<db>.search.sqlite` next to the
database, or in the user cache when that folder is not writable. The index remembers a stamp of
the store (row counts and the last ingest time) and is rebuilt when the store has changed.
Without FTS5 or a writable place, search falls back to DuckDB `ILIKE` (every word must occur).

User input never reaches the FTS query language: each word becomes a quoted phrase.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..store import Store

Scope = Literal["all", "articles", "attributions"]
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # snippet markers: never in text, escaped into <mark> by views
_WORD = re.compile(r"\w+", re.UNICODE)
_lock = threading.Lock()


@dataclass(slots=True)
class Hit:
    kind: str  # article | attribution
    article_id: str
    idx: int | None
    title: str | None
    snippet: str  # plain text with MARK_OPEN/MARK_CLOSE around matches

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "article_id": self.article_id,
            "idx": self.idx,
            "title": self.title,
            "snippet": self.snippet.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]"),
        }


def words(query: str) -> list[str]:
    return _WORD.findall(query)[:16]


def _stamp(store: Store) -> str:
    row = store.query(
        """SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM attributions) AS t,
                  (SELECT CAST(max(ingested_at) AS VARCHAR) FROM articles) AS at"""
    ).to_pylist()[0]
    return f"{row['a']}:{row['t']}:{row['at']}"


def index_path(db_path: Path) -> Path:
    side = db_path.with_name(db_path.name + ".search.sqlite")
    if os.access(side.parent, os.W_OK):
        return side
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "accordingto"
    digest = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:16]
    return cache / f"{digest}.search.sqlite"


def _fts5() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.Error:
        return False
    return True


class Search:
    """Search one store; `ensure(store)` (re)builds the side index when the store changed."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self.path = index_path(self.db_path)
        self.fts = _fts5()

    def _current(self) -> str | None:
        if not self.path.exists():
            return None
        try:
            with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as con:
                row = con.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def ensure(self, store: Store) -> bool:
        """Make the index current; False when search must fall back to ILIKE."""
        if not self.fts:
            return False
        stamp = _stamp(store)
        if self._current() == stamp:
            return True
        with _lock:
            if self._current() == stamp:
                return True
            try:
                self._build(store, stamp)
            except (OSError, sqlite3.Error):
                return False
        return True

    def _build(self, store: Store, stamp: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".search-", suffix=".sqlite", dir=self.path.parent)
        os.close(fd)
        try:
            con = sqlite3.connect(tmp)
            con.executescript(
                """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
                   CREATE VIRTUAL TABLE docs USING fts5(
                       kind UNINDEXED, article_id UNINDEXED, idx UNINDEXED, title, body,
                       tokenize = 'unicode61 remove_diacritics 2');"""
            )
            for sql, shape in (
                ("SELECT id, title, text FROM articles", lambda r: ("article", r[0], None, r[1], r[2])),
                (
                    """SELECT t.article_id, t.idx, coalesce(t.source, t.source_text, ''), t.sentence
                       FROM attributions t""",
                    lambda r: ("attribution", r[0], r[1], r[2], r[3]),
                ),
            ):
                cursor = store.con.execute(sql)
                while chunk := cursor.fetchmany(2000):
                    con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", [shape(r) for r in chunk])
            con.execute("INSERT INTO meta VALUES ('stamp', ?)", [stamp])
            con.commit()
            con.close()
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def search(self, store: Store, query: str, *, scope: Scope = "all", limit: int = 20,
               offset: int = 0) -> tuple[list[Hit], int]:
        terms = words(query)
        if not terms:
            return [], 0
        if self.ensure(store):
            return self._fts(terms, scope, limit, offset)
        return _ilike(store, terms, scope, limit, offset)

    def _fts(self, terms: list[str], scope: Scope, limit: int, offset: int) -> tuple[list[Hit], int]:
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        where = "docs MATCH ?"
        params: list[Any] = [match]
        if scope != "all":
            where += " AND kind = ?"
            params.append(scope.rstrip("s"))
        with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as con:
            total = con.execute(f"SELECT count(*) FROM docs WHERE {where}", params).fetchone()[0]
            found = con.execute(
                f"""SELECT kind, article_id, idx, title, snippet(docs, 4, ?, ?, '…', 24)
                    FROM docs WHERE {where} ORDER BY bm25(docs, 0, 0, 0, 2.0, 1.0) LIMIT ? OFFSET ?""",
                [MARK_OPEN, MARK_CLOSE, *params, limit, offset],
            ).fetchall()
        return [Hit(k, a, i, t, s) for k, a, i, t, s in found], int(total)


def _ilike(store: Store, terms: list[str], scope: Scope, limit: int, offset: int) -> tuple[list[Hit], int]:
    """The no-index fallback: every word must occur (case-insensitively) in the title or body."""
    def like(t: str) -> str:
        return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    parts = []
    params: list[Any] = []
    if scope in ("all", "articles"):
        cond = " AND ".join("(coalesce(title, '') || ' ' || text) ILIKE ? ESCAPE '\\'" for _ in terms)
        parts.append(f"SELECT 'article' AS kind, id AS article_id, NULL AS idx, title, text AS body "
                     f"FROM articles WHERE {cond}")
        params += [like(t) for t in terms]
    if scope in ("all", "attributions"):
        cond = " AND ".join("(coalesce(source, '') || ' ' || sentence) ILIKE ? ESCAPE '\\'" for _ in terms)
        parts.append(f"SELECT 'attribution', article_id, idx, source, sentence FROM attributions WHERE {cond}")
        params += [like(t) for t in terms]
    union = " UNION ALL ".join(parts)
    total = store.query(f"SELECT count(*) AS n FROM ({union})", params).to_pylist()[0]["n"]
    found = store.query(f"{union} ORDER BY kind, article_id, idx LIMIT ? OFFSET ?",
                        [*params, limit, offset]).to_pylist()
    return [Hit(r["kind"], r["article_id"], r["idx"], r["title"], _snippet(r["body"] or "", terms))
            for r in found], int(total)


def _snippet(text: str, terms: list[str], width: int = 160) -> str:
    low = text.casefold()
    at = min((i for t in terms if (i := low.find(t.casefold())) >= 0), default=0)
    start = max(at - width // 3, 0)
    piece = text[start : start + width]
    for t in terms:
        piece = re.sub(re.escape(t), lambda m: MARK_OPEN + m.group(0) + MARK_CLOSE, piece, flags=re.IGNORECASE)
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
