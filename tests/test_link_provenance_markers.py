"""Provenance through the citation markers `citing` ("Y reported, citing X"), `report` ("a report
in X", "an X investigation") and `credit` ("X contributed to this report"): each says the article
got a claim from an outlet, so chains start there and chains that meet there count once.

Written for these tests: invented towns (Dornby), outlets and people."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from accordingto.link import link
from accordingto.link.citations import Citation, Outlets
from accordingto.link.load import When
from accordingto.link.provenance import ArticleInfo, chain, story_origin
from accordingto.link.text import content_words
from accordingto.link.units import Unit
from accordingto.model import Span
from accordingto.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from link_fixture import Doc  # noqa: E402

OUTLETS = Outlets(["Fenwick Quill", "Orrin Sentinel", "Dornby Gull", "Tarn Wire", "Lowmarsh Courier"])


def _cite(aid: str, text: str, needle: str, cites: str, marker: str) -> Citation:
    at = text.index(needle)
    return Citation(aid, cites, "outlet", marker, Span(at, at + len(needle), needle))


def _unit(aid: str, text: str, source: str | None = None, kind: str | None = None) -> Unit:
    return Unit(aid, 0, Span(0, len(text), text), content_words(text), source=source, source_type=kind, source_text=source)


def _info(aid: str, outlet: str, citations: list[Citation], day: int = 2) -> ArticleInfo:
    return ArticleInfo(aid, f"{aid}.txt", outlet, When(date(2026, 7, day)), citations=citations)


def _names(ch: list[dict]) -> list[tuple[str, str]]:
    return [(n["name"], n["role"]) for n in ch]


def test_a_cited_outlet_comes_before_the_outlet_that_cites_it() -> None:
    text = "Flood water reached the Dornby bridge, the Lowmarsh Courier reported, citing the Fenwick Quill."
    info = _info("s", "Orrin Sentinel", [
        _cite("s", text, "the Lowmarsh Courier reported", "Lowmarsh Courier", "reports"),
        _cite("s", text, "citing the Fenwick Quill", "Fenwick Quill", "citing"),
    ])
    with_source = chain(_unit("s", text, "Lowmarsh Courier", "media_outlet"), info, {"s": info}, OUTLETS)
    assert _names(with_source) == [
        ("Fenwick Quill", "origin"), ("Lowmarsh Courier", "stated source"), ("Orrin Sentinel", "outlet")]
    assert with_source[0]["evidence"] == "citing the Fenwick Quill"
    # The analyzer found no source: the cited outlet still comes first, the citing one after it.
    without = chain(_unit("s", text), info, {"s": info}, OUTLETS)
    assert _names(without) == [("Fenwick Quill", "origin"), ("Lowmarsh Courier", "via"), ("Orrin Sentinel", "outlet")]


def test_a_person_citing_an_outlet_is_a_stated_source_behind_it() -> None:
    text = "The bridge is unsafe, Mayor Ina Holt said, citing the Fenwick Quill."
    info = _info("s", "Orrin Sentinel", [_cite("s", text, "citing the Fenwick Quill", "Fenwick Quill", "citing")])
    ch = chain(_unit("s", text, "Ina Holt", "person"), info, {"s": info}, OUTLETS)
    assert _names(ch) == [("Fenwick Quill", "origin"), ("Ina Holt", "stated source"), ("Orrin Sentinel", "outlet")]
    assert ch[1]["kind"] == "person"


def test_a_report_in_an_outlet_is_where_an_unsourced_claim_came_from() -> None:
    text = "A Fenwick Quill investigation found that the bridge had not been inspected since 2019."
    info = _info("g", "Dornby Gull", [_cite("g", text, "A Fenwick Quill investigation", "Fenwick Quill", "report")])
    assert _names(chain(_unit("g", text), info, {"g": info}, OUTLETS)) == [
        ("Fenwick Quill", "origin"), ("Dornby Gull", "outlet")]
    # With a person as source the outlet is what the claim came through, after the person.
    said = "He wrote in an op-ed for the Fenwick Quill that the bridge was unsafe, Ina Holt said."
    info = _info("g", "Dornby Gull", [_cite("g", said, "op-ed for the Fenwick Quill", "Fenwick Quill", "report")])
    assert _names(chain(_unit("g", said, "Ina Holt", "person"), info, {"g": info}, OUTLETS)) == [
        ("Ina Holt", "origin"), ("Fenwick Quill", "via"), ("Dornby Gull", "outlet")]


def test_one_credited_outlet_is_the_origin_of_unsourced_claims_several_are_not() -> None:
    text = "Flood water reached the Dornby bridge on Monday."
    one = _info("g", "Dornby Gull", [Citation("g", "Tarn Wire", "outlet", "credit", None)])
    ch = chain(_unit("g", text), one, {"g": one}, OUTLETS)
    assert _names(ch) == [("Tarn Wire", "origin"), ("Dornby Gull", "outlet")]
    assert ch[0]["note"] == "credited for the article"
    # A source of its own still wins over the credit line.
    assert chain(_unit("g", text, "Ina Holt", "person"), one, {"g": one}, OUTLETS)[0]["name"] == "Ina Holt"
    two = _info("g", "Dornby Gull", [Citation("g", "Tarn Wire", "outlet", "credit", None),
                                     Citation("g", "Fenwick Quill", "outlet", "credit", None)])
    assert chain(_unit("g", text), two, {"g": two}, OUTLETS)[0] == {
        "name": "Dornby Gull", "role": "origin", "kind": "outlet", "note": "own reporting"}


def test_story_origin_follows_citing_and_credit_lines() -> None:
    text = "Flood water reached the Dornby bridge, the Lowmarsh Courier reported, citing the Fenwick Quill."
    first = _info("s", "Orrin Sentinel", [
        _cite("s", text, "the Lowmarsh Courier reported", "Lowmarsh Courier", "reports"),
        _cite("s", text, "citing the Fenwick Quill", "Fenwick Quill", "citing"),
    ])
    assert story_origin(["s"], {"s": first})[0] == "Fenwick Quill"
    credited = _info("g", "Dornby Gull", [Citation("g", "Tarn Wire", "outlet", "credit", None)], day=1)
    origin, evidence = story_origin(["g", "s"], {"g": credited, "s": first})
    assert origin == "Tarn Wire" and evidence.startswith("g.txt")


DORNBY = (("Dornby", "GPE", ("Dornby",)), ("Ina Holt", "PERSON", ("Ina Holt",)))

QUILL = """Floods force 300 families from Dornby homes

Floods forced 300 families from their homes in Dornby on Monday, the town's mayor Ina Holt said."""

SENTINEL = """Dornby floods: 300 families leave

Floods forced 300 families from their homes in Dornby, the Lowmarsh Courier reported, citing the Fenwick Quill."""

GULL = """Three hundred Dornby families flee floods

Floods forced 300 families from their homes in Dornby this week.

The Tarn Wire contributed to this report."""


def _flood_store(tmp_path: Path) -> Store:
    docs = [
        Doc("quill.txt", QUILL, "Fenwick Quill", "2026-07-06")
        .said("Floods forced 300", "Floods forced 300 families from their homes in Dornby on Monday", "Ina Holt",
              "person", cue="said", source_text="the town's mayor Ina Holt")
        .figure("Floods forced 300", "300 families", 300, "families")
        .event("evacuation", "forced").names(*DORNBY),
        Doc("sentinel.txt", SENTINEL, "Orrin Sentinel", "2026-07-07")
        .said("Floods forced 300", "Floods forced 300 families from their homes in Dornby", "Lowmarsh Courier",
              "media_outlet", cue="reported", source_text="the Lowmarsh Courier")
        .figure("Floods forced 300", "300 families", 300, "families")
        .event("evacuation", "forced").names(*DORNBY),
        Doc("gull.txt", GULL, "Dornby Gull", "2026-07-08")
        .figure("Floods forced 300", "300 families", 300, "families")
        .event("evacuation", "forced").names(*DORNBY),
    ]
    store = Store(tmp_path / "flood.duckdb")
    store.write([d.analysis() for d in docs])
    link(store)
    return store


def test_chains_through_citing_and_credit_meet_at_one_origin(tmp_path: Path) -> None:
    store = _flood_store(tmp_path)
    try:
        markers = set(store.con.execute("SELECT cites, marker FROM citations").fetchall())
        assert ("Fenwick Quill", "citing") in markers and ("The Tarn Wire", "credit") in markers
        files = dict(store.con.execute("SELECT id, file FROM articles").fetchall())
        rows = store.con.execute(
            "SELECT cluster_id, article_id, chain FROM cluster_members WHERE sentence LIKE 'Floods forced 300%'"
        ).fetchall()
        assert len({r[0] for r in rows}) == 1 and {files[r[1]] for r in rows} == {"quill.txt", "sentinel.txt", "gull.txt"}
        chains = {files[aid]: [n["name"] for n in json.loads(ch)] for _, aid, ch in rows}
        # The Sentinel relays the Courier, which cited the Quill, whose source is the mayor.
        assert chains["sentinel.txt"] == ["Ina Holt", "Fenwick Quill", "Lowmarsh Courier", "Orrin Sentinel"]
        # The Gull's unsourced version is credited to a wire the corpus does not hold.
        assert chains["gull.txt"] == ["The Tarn Wire", "Dornby Gull"]
        origins, independent, echoes = store.con.execute(
            "SELECT origins, independent_origins, echoes FROM claim_clusters WHERE id = ?", [rows[0][0]]
        ).fetchone()
        groups = {g["origin"]: set(g["files"]) for g in json.loads(origins)}
        # The mayor (through the Quill, cited by the Courier) and the credited wire; not the Courier.
        assert groups == {"Ina Holt": {"quill.txt", "sentinel.txt"}, "The Tarn Wire": {"gull.txt"}}
        assert (independent, echoes) == (2, 1)
    finally:
        store.close()
