"""The whole content of a database, table by table, for comparing two runs.

Every table and every column is compared except timestamps (when a row was written), with rows
sorted, so two databases holding the same facts compare equal however they were written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb


def snapshot(db: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
        ).fetchall()]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            cols = [name for name, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position", [table]
            ).fetchall() if not kind.startswith("TIMESTAMP")]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def differences(a: dict[str, list[tuple[Any, ...]]], b: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """One line per table whose rows differ (empty when the databases hold the same)."""
    lines = []
    for table in sorted(set(a) | set(b)):
        left, right = a.get(table, []), b.get(table, [])
        if left != right:
            only_left = len([r for r in left if r not in right])
            only_right = len([r for r in right if r not in left])
            lines.append(f"{table}: {len(left)} vs {len(right)} rows ({only_left} only left, {only_right} only right)")
    return lines
