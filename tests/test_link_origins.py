"""Claim identity and origin identity in the link stage, on hand-written units and chains:
compatible figures, sources named two ways, unnamed sources, uncredited echoes, chains that
follow the outlet an article credits; and the big-cluster paths (mutations resumed from the
first new member)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from accordingto.link import link
from accordingto.link.citations import Citation, Outlets
from accordingto.link.clusters import same_figure_slot, similarity
from accordingto.link.load import When
from accordingto.link.mutations import mutations
from accordingto.link.provenance import ArticleInfo, full_chains, node, origins
from accordingto.link.text import content_words
from accordingto.link.units import Figure, Unit
from accordingto.model import Span
from accordingto.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from link_fixture import corpus  # noqa: E402


def unit(aid: str, text: str, *figures: tuple[str, float, str | None], source: str | None = None,
         kind: str | None = None, source_text: str | None = None, idx: int = 0) -> Unit:
    s = Span(idx, idx + len(text), text)
    figs = [Figure(t, v, approx is not None, approx, "dead", s) for t, v, approx in figures]
    return Unit(aid, idx, s, content_words(text), figures=figs, source=source, source_type=kind,
                source_text=source_text or source)


def info(aid: str, day: int, outlet: str, citations: list[Citation] | None = None) -> ArticleInfo:
    return ArticleInfo(aid, f"{aid}.txt", outlet, When(date(2026, 3, day)), citations=citations or [])


def head(u: Unit, i: ArticleInfo, kind: str | None = None) -> list[dict[str, Any]]:
    """A chain as `provenance.chain` writes it: the stated source (or the outlet's own voice) first."""
    first = (node(u.source, "origin", kind or u.source_type or "person") if u.source
             else node(i.name, "origin", "outlet", note="own reporting"))
    return [first, node(i.name, "outlet", "outlet", file=i.file)]


def count(members: list[Unit], infos: dict[str, ArticleInfo]) -> tuple[int, list[str]]:
    chains = full_chains(members, {u.key: head(u, infos[u.article_id]) for u in members}, infos, similarity)
    found, independent, _, _ = origins(members, chains, infos, similarity)
    return independent, [g["origin"] for g in found]


def test_two_exact_counts_that_differ_are_two_facts() -> None:
    first = unit("a", "Officials confirmed 12 deaths in the fire.", ("12", 12, None))
    update = unit("b", "Officials confirmed 13 deaths in the fire.", ("13", 13, None))
    rewrite = unit("c", "More than a dozen died in the fire.", ("More than a dozen", 12, "more than"))
    bare = unit("d", "15 dead in the fire.", ("15", 15, None))
    assert not same_figure_slot(first, update)  # an update, not a copy
    assert same_figure_slot(first, rewrite) and same_figure_slot(rewrite, bare)  # a re-write may round
    assert same_figure_slot(first, unit("e", "Twelve confirmed dead.", ("Twelve", 12, None)))


def test_one_source_under_two_descriptions_is_one_origin() -> None:
    infos = {"a": info("a", 1, "Quay Post"), "b": info("b", 2, "Evening Lamp"), "c": info("c", 3, "Ridge Daily")}
    members = [
        unit("a", "A 2025 safety audit seen by the Quay Post found the tank was overfilled.",
             source="2025 safety audit seen by the Quay Post", kind="document"),
        unit("b", "The tank was overfilled, according to a safety audit.", source="safety audit", kind="document"),
        unit("c", "The tank was overfilled, the Ferrymen's Union of Lask said.", source="Ferrymen's Union of Lask",
             kind="organisation"),
    ]
    assert count(members, infos)[0] == 2  # the audit, and the union
    members.append(unit("c", "The union said the tank was overfilled.", source="union", kind="organisation", idx=90))
    assert count(members, infos)[0] == 2  # "the union" is the Ferrymen's Union


def test_unnamed_sources_are_not_counted_twice_but_named_ones_are() -> None:
    infos = {"a": info("a", 1, "Quay Post"), "b": info("b", 2, "Evening Lamp")}
    anonymous = [unit("a", "About 30 staff were told to leave, one official said.", ("about 30", 30, "about"),
                      source="one official", kind="anonymous"),
                 unit("b", "Dozens of staff were told to leave, a senior insider said.", ("dozens", 24, "dozens"),
                      source="senior insider", kind="anonymous")]
    assert count(anonymous, infos)[0] == 1
    named = [unit("a", "The count gave Orla Venn 52 per cent, Lakeside Watch said.", source="Lakeside Watch",
                  kind="organisation"),
             unit("b", "Orla Venn won 52 per cent, the Tallow Board said.", source="Tallow Board", kind="organisation")]
    assert count(named, infos)[0] == 2


def test_an_uncredited_echo_is_not_an_origin_but_a_new_figure_is() -> None:
    infos = {"a": info("a", 1, "Quay Post"), "b": info("b", 2, "Evening Lamp"), "c": info("c", 3, "Ridge Daily")}
    wire = unit("a", "At least 12 people died, the fire service said.", ("At least 12", 12, "at least"),
                source="fire service", kind="organisation")
    headline = unit("a", "At least 12 dead in Lask fire", ("At least 12", 12, "at least"), idx=200)
    echo = unit("b", "At least 12 people are known to have died.", ("At least 12", 12, "at least"))
    tally = unit("c", "Hospital records list 14 dead.", ("14", 14, None))
    independent, names = count([wire, headline, echo], infos)
    assert (independent, names) == (1, ["fire service"])  # the headline restates the body; the echo adds nothing
    assert count([wire, headline, echo, tally], infos)[0] == 2  # a figure nobody gave before is its own


def test_a_version_in_an_article_crediting_an_outlet_meets_that_outlets_chain() -> None:
    cite = Citation("b", "Quay Post", "outlet", "reports", Span(0, 9, "Quay Post"))
    infos = {"a": info("a", 1, "Quay Post"), "b": info("b", 2, "Evening Lamp", [cite])}
    wire = unit("a", "Orla Venn won 51.8 per cent, Lakeside Watch said.", ("51.8 per cent", 51.8, None),
                source="Lakeside Watch", kind="organisation")
    misattributed = unit("b", "Orla Venn won 51.8 per cent, according to the Tallow Board.",
                         ("51.8 per cent", 51.8, None), source="Tallow Board", kind="organisation", idx=400)
    members = [wire, misattributed]
    chains = full_chains(members, {u.key: head(u, infos[u.article_id]) for u in members}, infos, similarity)
    assert chains[misattributed.key][0]["name"] == "Lakeside Watch"
    assert {"name": "Tallow Board", "role": "stated source", "kind": "organisation"} in chains[misattributed.key]
    assert origins(members, chains, infos, similarity)[1] == 1


def test_a_pronoun_source_takes_the_speaker_of_the_same_words() -> None:
    infos = {"a": info("a", 1, "Quay Post"), "b": info("b", 2, "Evening Lamp")}
    quote = '"We will not sign a count we cannot stand behind,"'
    named = unit("a", f"{quote} Ansel Roe said.", source="Ansel Roe", kind="person")
    named.quotes = [Span(1, len(quote) - 2, quote[1:-2])]
    pronoun = unit("b", f"{quote} he said.", source="Mara Quist", kind="person", source_text="he")
    pronoun.quotes = [Span(1, len(quote) - 2, quote[1:-2])]
    assert count([named, pronoun], infos) == (1, ["Ansel Roe"])


def test_mutations_resumed_from_the_first_new_member_match_a_full_pass() -> None:
    infos = {a: info(a, d, o) for a, d, o in (("a", 1, "Quay Post"), ("b", 2, "Evening Lamp"), ("c", 3, "Ridge Daily"))}
    members = [
        unit("a", "As many as 15 people may have died in the fire.", ("As many as 15", 15, "as many as")),
        unit("b", "15 people died in the fire.", ("15", 15, None)),
        unit("c", "Twenty people died in the fire.", ("Twenty", 20, None)),
    ]
    members[0].hedges = ["may"]
    full = mutations(members, infos, Outlets())
    earlier = [m for m in full if m["to"]["file"] != "c.txt"]
    assert mutations(members, infos, Outlets(), start=2, kept=earlier) == full
    assert {m["type"] for m in full} >= {"approximator_changed", "hedge_dropped", "figure_changed"}


def test_chunked_linking_gives_the_same_mutations_as_one_pass(tmp_path: Path) -> None:
    analyses = corpus()
    with Store(tmp_path / "a.duckdb") as once, Store(tmp_path / "b.duckdb") as chunked:
        once.write(analyses)
        link(once)
        chunked.write(analyses)
        link(chunked, chunk=2)

        def muts(store: Store) -> set[tuple[str, str, str]]:
            return {(m["type"], m["from"]["file"], m["to"]["file"])
                    for (raw,) in store.con.execute("SELECT mutations FROM claim_clusters").fetchall()
                    for m in json.loads(raw)}

        assert muts(chunked) == muts(once) and muts(once)


def test_a_story_longer_than_the_window_keeps_every_claim(tmp_path: Path, monkeypatch) -> None:
    import accordingto.link as linking

    analyses = corpus()
    with Store(tmp_path / "a.duckdb") as once, Store(tmp_path / "b.duckdb") as windowed:
        once.write(analyses)
        link(once)
        monkeypatch.setattr(linking, "STORY_WINDOW", 2)
        windowed.write(analyses)
        link(windowed, chunk=2)

        def units(store: Store) -> set[tuple[str, int]]:
            return set(store.con.execute("SELECT article_id, unit FROM cluster_members").fetchall())

        assert units(windowed) == units(once)
        assert windowed.con.execute(
            "SELECT count(*) FROM cluster_members WHERE cluster_id NOT IN (SELECT id FROM claim_clusters)"
        ).fetchall() == [(0,)]
        biggest = "SELECT max(n) FROM (SELECT count(DISTINCT article_id) n FROM cluster_members GROUP BY cluster_id)"
        assert windowed.con.execute(biggest).fetchall()[0][0] >= 3  # clusters still grow past the window
