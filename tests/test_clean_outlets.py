"""The outlet table: bundled rows, aliases, parent domains, and a user's extension table."""

from __future__ import annotations

from accordingto.clean import clean
from accordingto.clean.outlets import OutletTable, outlet_table
from accordingto.model import RawDocument


def test_bundled_table_domains_and_aliases():
    table = outlet_table()
    assert len(table.domains) >= 300
    assert table.by_domain("https://www.bbc.co.uk/news/world-123") == "BBC News"
    assert table.by_domain("https://amp.theguardian.com/x") == "The Guardian"
    assert table.by_domain("https://uk.news.yahoo.com/x") == "Yahoo News UK"  # the most specific row wins
    assert table.by_domain("https://nothing-here.example/") is None
    for alias in ("The Times of London", "the Times", "Times of London"):
        assert table.by_name(alias) == "The Times"
    assert table.by_name("NYT") == "The New York Times"
    assert table.by_name("theguardian.com") == "The Guardian"
    assert table.canonical("Riverside Gazette.") == "Riverside Gazette"


def test_rows_parse_and_user_rows_override():
    table = OutletTable()
    table.add_rows("# comment\nexample.org\tExample Post\tthe Post|EP\n\nbad line without tabs\n")
    table.add_rows("example.org\tThe Example Post\n", override=True)
    assert table.by_domain("news.example.org") == "The Example Post"
    assert table.by_name("EP") == "Example Post"


def test_env_var_extends_the_table(tmp_path, monkeypatch):
    extra = tmp_path / "outlets.tsv"
    extra.write_text(
        "harbourgazette.example\tThe Harbour Gazette\tHarbour Gazette|the Gazette\n", encoding="utf-8"
    )
    monkeypatch.setenv("ACCORDINGTO_OUTLETS", str(extra))
    assert outlet_table().by_name("the Gazette") == "The Harbour Gazette"
    doc = RawDocument(
        file="x",
        uri="https://www.harbourgazette.example/a/1",
        content="Quay reopens after repairs\n\nThe quay reopened.",
        format="text",
    )
    a = clean(doc)
    assert a.outlet is not None and (a.outlet.value, a.outlet.origin) == ("The Harbour Gazette", "url")
    monkeypatch.setenv("ACCORDINGTO_OUTLETS", str(tmp_path / "missing.tsv"))
    assert outlet_table().by_name("Harbour Gazette") is None  # a missing file leaves the bundled table
