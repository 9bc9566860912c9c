"""A story's outlets are named as linking names them: an article whose stored outlet is a bare
newspaper word it showed only in part ("Never miss a Courier exclusive" made "The Courier") is
the corpus's one fuller outlet of that word ("Daily Courier"), in the export as in the chains.

Written for these tests: invented town (Dornby), outlets and people."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from accordingto.link import link, outlet_names
from accordingto.link.export import story_records
from accordingto.model import Evidence
from accordingto.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from link_fixture import Doc  # noqa: E402

NAMES = (("Dornby", "GPE", ("Dornby",)), ("Ina Holt", "PERSON", ("Ina Holt",)))

QUILL = """Floods force 300 families from Dornby homes

Floods forced 300 families from their homes in Dornby on Monday, the town's mayor Ina Holt said."""

COURIER = """Dornby floods: 300 families out

Floods forced 300 families from their homes in Dornby on Monday, mayor Ina Holt said.

Never miss a Courier exclusive - sign up for breaking news."""

COURIER_LATER = """Dornby flood families wait for help

The 300 families forced from their homes in Dornby by floods are still waiting for help, mayor Ina Holt said."""


def _doc(file: str, text: str, outlet: str, evidence: str, day: str) -> Doc:
    d = Doc(file, text, outlet, day)
    d.article.outlet = Evidence(outlet, evidence)
    sentence = text.split("\n\n")[1][:20]
    return (d.said(sentence, sentence, "Ina Holt", "person", cue="said", source_text="Ina Holt")
            .figure(sentence, "300 families", 300, "families").event("evacuation", "forced").names(*NAMES))


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "outlets.duckdb")
    store.write([
        _doc("quill.txt", QUILL, "Fenwick Quill", "© Fenwick Quill 2026", "2026-07-06").analysis(),
        _doc("courier_short.txt", COURIER, "The Courier", "Never miss a Courier exclusive - sign up for breaking news.",
             "2026-07-06").analysis(),
        _doc("courier_full.txt", COURIER_LATER, "Daily Courier", "© Daily Courier 2026", "2026-07-07").analysis(),
    ])
    link(store)
    return store


def test_story_outlets_are_the_outlets_linking_resolved(tmp_path: Path) -> None:
    store = _store(tmp_path)
    try:
        names = outlet_names(store)
        assert names["The Courier"] == "Daily Courier"  # shown only as "Courier": the one fuller corpus outlet
        assert names["Daily Courier"] == "Daily Courier" and names["Fenwick Quill"] == "Fenwick Quill"
        stories = list(story_records(store))
        assert len(stories) == 1
        assert stories[0]["outlets"] == ["Daily Courier", "Fenwick Quill"]
        # The same name as the chains give the article's outlet.
        chain = json.loads(store.con.execute(
            """SELECT m.chain FROM cluster_members m JOIN articles a ON a.id = m.article_id
               WHERE a.file = 'courier_short.txt'""").fetchone()[0])
        assert chain[-1]["name"] == "Daily Courier"
    finally:
        store.close()


def test_a_short_name_with_no_fuller_outlet_is_left_as_stored(tmp_path: Path) -> None:
    store = Store(tmp_path / "alone.duckdb")
    try:
        # Without a fuller Courier in the corpus, "The Courier" is what it is.
        store.write([_doc("courier_short.txt", COURIER, "The Courier", "Never miss a Courier exclusive",
                          "2026-07-06").analysis()])
        link(store)
        assert outlet_names(store) == {"The Courier": "The Courier"}
        assert next(story_records(store))["outlets"] == ["The Courier"]
    finally:
        store.close()


def test_story_views_name_outlets_as_linking_does(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from accordingto.cli import main
    from accordingto.serve import data

    store = _store(tmp_path)
    try:
        listed = data.list_stories(store).items
        assert [s["outlets"] for s in listed] == [["Daily Courier", "Fenwick Quill"]]
        shown = data.story(store, listed[0]["id"])
        assert sorted(x["outlet"] for x in shown["articles"]) == ["Daily Courier", "Daily Courier", "Fenwick Quill"]
        db, sid = str(store.path), listed[0]["id"]
    finally:
        store.close()
    result = CliRunner().invoke(main, ["story", sid, "--db", db])
    assert result.exit_code == 0 and "courier_short.txt" in result.output
    assert "Daily Courier" in result.output and "The Courier" not in result.output
