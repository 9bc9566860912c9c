"""The DuckDB store: migrations, idempotent batch writes, round-tripped spans, errors."""

from __future__ import annotations

import duckdb
import pytest

from accordingto.model import Analysis, Article, Attribution, Entity, Evidence, ItemError, Quantity, Span
from accordingto.store import open_store
from accordingto.store.schema import SCHEMA_VERSION

TEXT = (
    "Harbour fire: ministry denies negligence\n\n"
    "At least 12 people died in the blaze, the Harbour Times reports.\n\n"
    "“We followed every rule,” said Mara Kessel, a ministry spokeswoman."
)


def sample(text: str = TEXT, file: str = "fire.txt") -> Analysis:
    art = Article(
        file=file,
        uri=f"/corpus/{file}",
        text=text,
        title=text.split("\n", 1)[0],
        outlet=Evidence("Harbour Times", "Read more at Harbour Times.", "text"),
        published=Evidence("2025-03-04", "date 2025-03-04", "text"),
        boilerplate=["Share this article"],
    )
    q_start = text.index("At least 12 people")
    quote = text.index("We followed")
    speaker = text.index("Mara Kessel")
    said = text.index("said Mara")
    sentence_start = text.index("“We")
    attribution = Attribution(
        sentence=Span.of(text, sentence_start, len(text)),
        content=Span.of(text, quote, quote + len("We followed every rule,")),
        kind="direct",
        cue=Span.of(text, said, said + 4),
        source_text=Span.of(text, speaker, speaker + len("Mara Kessel")),
        source="Mara Kessel",
        source_type="person",
        source_role="ministry spokeswoman",
    )
    return Analysis(
        article=art,
        attributions=[attribution],
        quantities=[
            Quantity(
                sentence=Span.of(text, q_start, text.index("reports.") + 8),
                span=Span.of(text, q_start, q_start + len("At least 12 people")),
                value=12,
                approximate=True,
                approximator="At least",
                unit_or_object="people",
            )
        ],
        entities=[Entity("Mara Kessel", "PERSON", [Span.of(text, speaker, speaker + len("Mara Kessel"))])],
    )


def dump(path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {
            t: sorted(map(repr, con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t}").fetchall()))
            if t == "articles"
            else sorted(map(repr, con.execute(f"SELECT * EXCLUDE (first_seen) FROM {t}").fetchall()))
            if t == "errors"
            else sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
            for t in sorted(tables)
        }
    finally:
        con.close()


def test_new_database_is_migrated_to_current_version(tmp_path):
    with open_store(tmp_path / "a.duckdb") as store:
        assert store.version == SCHEMA_VERSION
        assert store.stats()["articles"] == 0


def test_writing_twice_leaves_the_same_database(tmp_path):
    db = tmp_path / "a.duckdb"
    errors = [ItemError("bad.png", "binary content (PNG image), not an article")]
    with open_store(db) as store:
        first = store.write([sample()], errors)
    before = dump(db)
    with open_store(db) as store:
        second = store.write([sample()], errors)
    assert (first.new, first.duplicate) == (1, 0)
    assert (second.new, second.duplicate) == (0, 1)
    assert dump(db) == before


def test_duplicate_inside_one_batch_is_stored_once(tmp_path):
    with open_store(tmp_path / "a.duckdb") as store:
        result = store.write([sample(), sample()])
        assert (result.new, result.duplicate) == (1, 1)
        assert store.stats()["articles"] == 1


def test_same_text_at_another_place_is_another_publication(tmp_path):
    with open_store(tmp_path / "a.duckdb") as store:
        result = store.write([sample(), sample(file="copy-of-fire.txt")])
        assert (result.new, result.duplicate) == (2, 0)
        files = sorted(r["file"] for r in store.query("SELECT file FROM articles").to_pylist())
        assert files == ["copy-of-fire.txt", "fire.txt"]


def test_analysis_round_trips_with_spans_that_check(tmp_path):
    original = sample()
    with open_store(tmp_path / "a.duckdb") as store:
        store.write([original])
        back = store.analysis(store.find_article("fire.txt"))
    assert back is not None
    assert back.to_record()["attributions"] == original.to_record()["attributions"]
    assert back.to_record()["quantities"] == original.to_record()["quantities"]
    for x in back.attributions:
        assert x.content.check(back.article.text) and x.cue.check(back.article.text)
    assert back.article.outlet.value == "Harbour Times"
    assert back.article.published.value == "2025-03-04"


def test_failed_batch_leaves_no_partial_article(tmp_path):
    db = tmp_path / "a.duckdb"
    broken = sample(text=TEXT + "\n\nMore.", file="broken.txt")
    broken.quantities[0].value = "not a number"  # type: ignore[assignment]
    with open_store(db) as store:
        with pytest.raises(Exception):  # noqa: B017 - any driver error; what matters is the state after
            store.write([sample(file="other.txt", text=TEXT + "\n\nOther."), broken])
        assert store.stats()["articles"] == 0
        assert store.stats()["attributions"] == 0


def test_queries_return_arrow_and_pandas(tmp_path):
    with open_store(tmp_path / "a.duckdb") as store:
        store.write([sample()])
        table = store.query("SELECT source, kind FROM attributions")
        assert table.to_pylist() == [{"source": "Mara Kessel", "kind": "direct"}]
        frame = store.frame("SELECT outlet FROM articles")
        assert list(frame["outlet"]) == ["Harbour Times"]


def test_read_only_open_of_missing_database_fails_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_duckdb_memory_is_capped_and_configurable(tmp_path, monkeypatch):
    # DuckDB's own default is 80% of the machine's memory: a long ingest must not take that.
    monkeypatch.delenv("ACCORDINGTO_DB_MEMORY", raising=False)
    with open_store(tmp_path / "a.duckdb") as store:
        assert store.query("SELECT current_setting('memory_limit') AS m").to_pylist() == [{"m": "953.6 MiB"}]
    monkeypatch.setenv("ACCORDINGTO_DB_MEMORY", "256MB")
    with open_store(tmp_path / "a.duckdb", read_only=True) as store:
        assert store.query("SELECT current_setting('memory_limit') AS m").to_pylist() == [{"m": "244.1 MiB"}]
