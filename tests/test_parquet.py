"""Parquet datasets of analyses: same rows as the store, bulk load with the store's idempotency."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from accordingto.model import Analysis, Article, Attribution, Entity, Evidence, ItemError, Quantity, Span
from accordingto.store import open_store
from accordingto.store.parquet import ParquetSink, load, schemas

TEXT_A = "Harbour chief quits\n\nThe harbour master resigned on Monday, officials said. Around 40 boats were stuck."
TEXT_B = "Mayor denies report\n\n\"We did nothing wrong,\" the mayor said."


def _analysis(text: str, file: str) -> Analysis:
    art = Article(file=file, uri=f"https://example.test/{file}", text=text, title=text.split("\n")[0],
                  outlet=Evidence("Harbour Times", "By the Harbour Times"), boilerplate=["Subscribe now"])
    analysis = Analysis(article=art)
    if "said" in text:
        s = text.index("The") if "The harbour" in text else text.index('"')
        sentence = Span.of(text, s, len(text))
        cue = text.index("said")
        analysis.attributions.append(Attribution(
            sentence=sentence, content=Span.of(text, s, cue - 2), kind="indirect", cue=Span.of(text, cue, cue + 4),
            source_text=None, source="officials", source_type="government", via=["Harbour Times"],
            hedges=[Span.of(text, cue, cue + 4)],
        ))
    if "40" in text:
        i = text.index("Around")
        analysis.quantities.append(Quantity(
            sentence=Span.of(text, i, len(text)), span=Span.of(text, i, i + 9), value=40, approximate=True,
            approximator="Around", unit_or_object="boats",
        ))
    i = text.index("harbour") if "harbour" in text else text.index("mayor")
    analysis.entities.append(Entity("Harbour Office", "ORG", [Span.of(text, i, i + 7)]))
    return analysis


def _dump(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as store:
        return {
            t: store.con.execute(f"SELECT {', '.join(s.names)} FROM {t} ORDER BY ALL").fetchall()
            for t, s in schemas().items()
        }


def test_parquet_load_equals_store_write_and_is_idempotent(tmp_path: Path) -> None:
    a, b = _analysis(TEXT_A, "a.txt"), _analysis(TEXT_B, "b.txt")
    error = ItemError("c.txt", "no article text left after removing boilerplate", "clean")
    with open_store(tmp_path / "direct.duckdb") as store:
        store.write([a, b], [error])

    out = tmp_path / "pq"
    with ParquetSink(out, rows_per_part=1) as sink:  # one file per article: a multi-file dataset
        sink.add([a], [error])
        sink.add([b, a])  # `a` twice: kept once
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    # The files carry the DuckDB column types, not what pyarrow would guess from Python values.
    assert pq.read_schema(out / "quantities" / "part-00000.parquet").field("value").type == "double"
    assert str(pq.read_schema(out / "articles" / "part-00000.parquet").field("published").type) == "date32[day]"

    with open_store(tmp_path / "loaded.duckdb") as store:
        first = load(store, out)
        again = load(store, out)
    assert (first.new, first.duplicate) == (2, 1)
    assert (again.new, again.duplicate) == (0, 3)
    assert _dump(tmp_path / "loaded.duckdb") == _dump(tmp_path / "direct.duckdb")


def test_parquet_load_skips_articles_already_stored(tmp_path: Path) -> None:
    a, b = _analysis(TEXT_A, "a.txt"), _analysis(TEXT_B, "b.txt")
    out = tmp_path / "pq"
    with ParquetSink(out) as sink:
        sink.add([a, b])
    with open_store(tmp_path / "db.duckdb") as store:
        store.write([a])
        result = load(store, out)
        attributions = store.con.execute("SELECT count(*) FROM attributions").fetchone()[0]
    assert (result.new, result.duplicate) == (1, 1)
    assert attributions == 2  # one per article: `a`'s rows were not inserted a second time


@pytest.mark.slow
def test_cli_analyze_out_then_ingest_parquet(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    out, db = tmp_path / "pq", tmp_path / "db.duckdb"
    cli = [sys.executable, "-m", "accordingto"]
    done = subprocess.run([*cli, "analyze", str(tmp_path / "in"), "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert pq.read_table(out / "articles").num_rows == 2
    first = subprocess.run([*cli, "ingest", "--parquet", str(out), "--db", str(db), "--no-link"],
                           capture_output=True, text=True)
    again = subprocess.run([*cli, "ingest", "--parquet", str(out), "--db", str(db), "--no-link"],
                           capture_output=True, text=True)
    assert "new 2, duplicate 0" in first.stderr and "new 0, duplicate 2" in again.stderr
    both = subprocess.run([*cli, "ingest", str(tmp_path / "in"), "--parquet", str(out), "--db", str(db)],
                          capture_output=True, text=True)
    assert both.returncode == 2 and "not both" in both.stderr
