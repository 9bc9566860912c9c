"""Ingesting the same inputs again changes nothing — in any table, link tables included — and a
superset adds only the new articles."""

from __future__ import annotations

from click.testing import CliRunner

from accordingto.cli import main
from db_snapshot import differences, snapshot

ORIGINAL = """Ferry operator admits hull cracks were known for a year

The Saltmarsh Ferry Company knew about cracks in the hull of its ferry Aurelia for at least a year, its chief executive admitted on Monday.

“We had the survey in March last year and we should have acted on it,” said Marta Lindqvist, the company's chief executive, speaking to the Coastal Gazette.

The ferry, which carries around 1,200 passengers a day, has been withdrawn from service, the port authority said.
"""

FOLLOW_UP = """Ferry boss: we knew about cracks for a year

The head of the Saltmarsh Ferry Company has admitted the firm knew about cracks in the hull of the Aurelia for a year, the Coastal Gazette reports.

Marta Lindqvist told the paper: “We had the survey in March last year and we should have acted on it.”

The ferry carries about 1,200 passengers daily and has been taken out of service, according to the port authority.
"""

UNRELATED = """Library reopens after two-year renovation

The central library on Weaver Street reopened on Saturday after a renovation that cost 8 million euros, the city said.

“Children can finally come back to the reading room,” said librarian Omar Haddad.
"""

LATE = """Ferry inquiry to report in spring

An independent inquiry into the cracked hull of the ferry Aurelia will report in the spring, the transport ministry said on Thursday.

Marta Lindqvist, chief executive of the Saltmarsh Ferry Company, said the firm would cooperate fully.
"""


def ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False)


def write(directory, **files: str):
    directory.mkdir(exist_ok=True)
    for name, text in files.items():
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    return directory


def test_reingesting_the_same_input_leaves_every_table_identical(tmp_path):
    corpus = write(tmp_path / "corpus", original=ORIGINAL, follow_up=FOLLOW_UP, unrelated=UNRELATED)
    db = tmp_path / "news.duckdb"
    assert ingest(str(corpus), "--db", str(db)).exit_code == 0
    first = snapshot(db)
    # Not a vacuous comparison: the link tables hold rows.
    assert len(first["articles"]) == 3 and first["attributions"]
    assert first["link_state"] and first["story_members"] and first["stories"]
    again = ingest(str(corpus), "--db", str(db))
    assert again.exit_code == 0
    assert "new 0, duplicate 3" in again.stderr
    assert differences(snapshot(db), first) == []


def test_a_superset_adds_only_the_new_articles(tmp_path):
    big = write(tmp_path / "corpus", original=ORIGINAL, unrelated=UNRELATED)
    db = tmp_path / "grown.duckdb"
    assert ingest(str(big), "--db", str(db)).exit_code == 0
    before = snapshot(db)
    write(big, follow_up=FOLLOW_UP, late=LATE)
    grown = ingest(str(big), "--db", str(db))
    assert grown.exit_code == 0
    assert "new 2, duplicate 2" in grown.stderr
    after = snapshot(db)
    # Per-article rows: the old ones untouched, exactly the new articles' rows added, and the
    # same as a single run over the superset.
    clean = tmp_path / "clean.duckdb"
    assert ingest(str(big), "--db", str(clean)).exit_code == 0
    expected = snapshot(clean)
    for table in ("articles", "attributions", "claims", "quantities", "events", "mentions", "entities", "errors"):
        assert {repr(r) for r in before[table]} <= {repr(r) for r in after[table]}, table
        assert after[table] == expected[table], table
    # Link tables: every article linked exactly once, no row twice.
    assert sorted(r[0] for r in after["link_state"]) == sorted(r[0] for r in after["articles"])
    assert sorted(r[0] for r in after["story_members"]) == sorted(r[0] for r in after["articles"])
    for table, rows in after.items():
        assert len(rows) == len(set(map(repr, rows))), f"duplicate rows in {table}"
