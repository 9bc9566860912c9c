"""The link stage on a hand-made corpus (tests/link_fixture.py): copies, citations, stories,
claim clusters, mutations, contradictions, provenance, incremental linking, export and scorer."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from accordingto.link import link
from accordingto.link.citations import Outlets, extract_citations
from accordingto.link.copies import signature, similarity
from accordingto.link.load import When
from accordingto.link.mutations import contradictions
from accordingto.link.provenance import ArticleInfo
from accordingto.link.text import quotations, sentences
from accordingto.link.units import Figure, Unit
from accordingto.model import Analysis, Article, Attribution, Evidence, Span
from accordingto.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from link_fixture import STORIES, corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def linked(tmp_path: Path) -> Store:
    store = Store(tmp_path / "link.duckdb")
    store.write(corpus())
    link(store)
    yield store
    store.close()


def files(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT id, file FROM articles").fetchall())


def partition(store: Store) -> set[frozenset[str]]:
    f = files(store)
    return {frozenset(f[m] for m in r[0]) for r in store.con.execute("SELECT members FROM stories").fetchall()}


def clusters(store: Store) -> list[dict]:
    f = files(store)
    out = []
    for cid, claim, origins, ind, echoes, denials, muts, contra in store.con.execute(
        "SELECT id, claim, origins, independent_origins, echoes, denials, mutations, contradictions FROM claim_clusters"
    ).fetchall():
        members = {f[r[0]] for r in store.con.execute(
            "SELECT article_id FROM cluster_members WHERE cluster_id = ?", [cid]).fetchall()}
        out.append({"claim": claim, "members": members, "origins": json.loads(origins), "independent": ind, "echoes": echoes,
                    "denials": denials, "mutations": json.loads(muts), "contradictions": json.loads(contra)})
    return out


def cluster_with(store: Store, *needed: str, claim: str = "") -> dict:
    """The cluster holding these files whose first member's sentence contains `claim`."""
    found = [c for c in clusters(store) if set(needed) <= c["members"]]
    return next(c for c in found if claim in json.dumps(c["origins"]) + json.dumps(c["mutations"]) + c["claim"])


def test_syndicated_copy_points_at_its_original(linked: Store) -> None:
    f = files(linked)
    rows = [(f[a], f[b], ev) for a, b, ev in linked.con.execute(
        "SELECT article_id, original_id, evidence FROM copies").fetchall()]
    assert rows == [("heap_dam.txt", "clarion_dam.txt", "republished from The Sunday Clarion")]


def test_minhash_separates_copies_from_unrelated_text() -> None:
    texts = {a.article.file: a.article.text for a in corpus()}
    assert similarity(signature(texts["clarion_dam.txt"]), signature(texts["heap_dam.txt"])) > 0.7
    assert similarity(signature(texts["clarion_dam.txt"]), signature(texts["rovers.txt"])) < 0.2


def test_stories_group_the_same_happening(linked: Store) -> None:
    assert partition(linked) == {frozenset(v) for v in STORIES.values()}


def test_first_reported_is_the_earliest_dated_and_undated_are_flagged(linked: Store) -> None:
    f = files(linked)
    rows = linked.con.execute("SELECT first_article, first_date, undated, origin FROM stories").fetchall()
    by_first = {f[r[0]]: r for r in rows}
    assert by_first["nw_dam.txt"][1] == date(2026, 6, 3)
    assert [f[x] for x in by_first["nw_dam.txt"][2]] == ["heap_dam.txt"]
    assert [f[x] for x in by_first["herald_mayor.txt"][2]] == ["undated_mayor.txt"]
    assert by_first["nw_dam.txt"][3] == "Norland Wire"
    assert by_first["herald_mayor.txt"][3] == "Tarvik Herald"


def test_citations_resolve_outlet_names(linked: Store) -> None:
    f = files(linked)
    cites = {(f[a], c, k) for a, c, k in linked.con.execute("SELECT article_id, cites, kind FROM citations").fetchall()}
    assert ("clarion_dam.txt", "The Daily Beacon", "outlet") in cites  # "the Daily Beacon" resolved
    assert ("heap_dam.txt", "The Sunday Clarion", "outlet") in cites
    assert ("beacon_dam.txt", "Norland Wire", "outlet") in cites
    assert ("nw_mayor.txt", "Tarvik Herald", "outlet") in cites
    assert ("beacon_dam.txt", "Ilse Varga", "person") in cites
    # an outlet never cites itself ("told Norland Wire" in a Norland Wire article)
    assert not any(a == "nw_dam.txt" and c == "Norland Wire" for a, c, _ in cites)


def test_outlet_markers_and_canonical_names() -> None:
    outlets = Outlets(["Harbour Times", "Meridian Press Agency"])
    assert outlets.resolve("MPA") == "Meridian Press Agency"
    assert outlets.resolve("The Times of London") == "The Times"
    assert outlets.resolve("the Times") == "Harbour Times"  # the corpus's own paper before the world's
    assert outlets.resolve("Vasko") is None
    text = ("QUAYSIDE, May 2 (MPA) - The harbour was closed, the Harbour Times reports.\n\n"
            "A pilot told Insider the cranes had failed.\n\nRead more at The Coastal Record.")
    art = Article(file="x.txt", uri="x.txt", text=text, outlet=Evidence("Gull Daily"))
    got = {(c.cites, c.marker) for c in extract_citations(Analysis(art), outlets)}
    assert got == {
        ("Meridian Press Agency", "dateline"), ("Harbour Times", "reports"),
        (outlets.resolve("Insider"), "told"), ("The Coastal Record", "read more at"),
    }


def test_medium_of_a_statement_is_kept() -> None:
    text = "The union said in a Telegram post that the strike would go ahead."
    s = Span(0, len(text), text)
    attr = Attribution(sentence=s, content=Span.of(text, 36, 65), kind="indirect", cue=Span.of(text, 10, 14),
                       source_text=Span.of(text, 0, 9), source="Dockers Union", source_type="organisation")
    art = Article(file="y.txt", uri="y.txt", text=text)
    [c] = extract_citations(Analysis(art, [attr]), Outlets())
    assert (c.cites, c.kind, c.medium) == ("Dockers Union", "organisation", "Telegram")


def test_toll_cluster_has_one_origin_and_echoes(linked: Store) -> None:
    toll = cluster_with(linked, "nw_dam.txt", "beacon_dam.txt", "clarion_dam.txt", claim="kills at least 40")
    assert toll["members"] == {"nw_dam.txt", "beacon_dam.txt", "clarion_dam.txt", "heap_dam.txt"}
    assert (toll["independent"], toll["echoes"]) == (1, 3)
    assert toll["origins"][0]["origin"] == "Ilse Varga"
    figure = [m for m in toll["mutations"] if m["type"] == "figure_changed"]
    got = {(m["from"]["file"], m["to"]["file"], m["from"]["text"], m["to"]["text"]) for m in figure}
    assert ("beacon_dam.txt", "clarion_dam.txt", "At least 40", "More than 60") in got
    # the copy repeats the tabloid's figure: nothing changed on that hop
    assert {to for _, to, _, _ in got} == {"clarion_dam.txt"}


def test_hedge_dropped_and_denial(linked: Store) -> None:
    c = cluster_with(linked, "nw_dam.txt", "post_dam.txt", claim="cracks")
    assert ("hedge_dropped", "nw_dam.txt", "beacon_dam.txt") in {
        (m["type"], m["from"]["file"], m["to"]["file"]) for m in c["mutations"]}
    assert c["denials"] == 1
    assert [x["denial"]["file"] for x in c["contradictions"] if x["type"] == "denial"] == ["post_dam.txt"]


def test_quote_words_changed(linked: Store) -> None:
    c = cluster_with(linked, "nw_dam.txt", "beacon_dam.txt", claim="We are still searching")
    assert c["members"] == {"nw_dam.txt", "beacon_dam.txt"}
    quotes = [m for c in clusters(linked) for m in c["mutations"] if m["type"] == "quote_changed"]
    assert [(m["from"]["file"], m["to"]["file"]) for m in quotes] == [("nw_dam.txt", "beacon_dam.txt")]
    assert "river banks" in quotes[0]["from"]["text"] and "river" not in quotes[0]["to"]["text"]


def test_undated_rewrite_changes_figure_drops_hedge_and_source(linked: Store) -> None:
    c = cluster_with(linked, "herald_mayor.txt", "undated_mayor.txt", claim="crowns")
    kinds = {(m["type"], m["to"]["file"]) for m in c["mutations"]}
    assert {("figure_changed", "undated_mayor.txt"), ("hedge_dropped", "undated_mayor.txt"),
            ("attribution_dropped", "undated_mayor.txt")} <= kinds
    # crediting the outlet the claim came through is relaying, not changing the source
    assert ("attribution_changed", "nw_mayor.txt") not in kinds


def _unit(aid: str, value: float, text: str) -> Unit:
    s = Span(0, len(text), text)
    return Unit(aid, 0, s, set(), figures=[Figure(str(int(value)), value, False, None, "dead", s)])


def test_incompatible_figures_same_day_contradict_unless_derived() -> None:
    day = When(date(2026, 1, 5))
    infos = {
        "a": ArticleInfo("a", "a.txt", "A", day, values=[12]),
        "b": ArticleInfo("b", "b.txt", "B", day, values=[20]),
        "c": ArticleInfo("c", "c.txt", "C", day, values=[20, 32, 12]),  # 20 = 32 - 12
    }
    assert [x["type"] for x in contradictions([_unit("a", 12, "12 died"), _unit("b", 20, "20 died")], infos)] == ["figures"]
    assert contradictions([_unit("a", 12, "12 died"), _unit("c", 20, "20 died")], infos) == []
    later = dict(infos, b=ArticleInfo("b", "b.txt", "B", When(date(2026, 1, 9)), values=[20]))
    assert contradictions([_unit("a", 12, "12 died"), _unit("b", 20, "20 died")], later) == []


def test_incremental_link_matches_one_pass(tmp_path: Path) -> None:
    analyses = corpus()
    first, rest = analyses[::2], analyses[1::2]  # every story gets articles in both runs
    with Store(tmp_path / "a.duckdb") as once, Store(tmp_path / "b.duckdb") as twice:
        once.write(analyses)
        link(once)
        twice.write(first)
        assert link(twice).articles == 5
        twice.write(rest)
        summary = link(twice)
        assert summary.articles == len(rest) and summary.stories_updated >= 1
        assert link(twice).articles == 0
        assert partition(once) == partition(twice)
        multi = lambda s: sorted(sorted(c["members"]) for c in clusters(s) if len(c["members"]) > 1)  # noqa: E731
        assert multi(once) == multi(twice)


FIXTURE_GOLD = {
    "stories": [
        {"id": "dam", "members": STORIES["dam"], "first_reported": {"file": "nw_dam.txt", "date": "2026-06-03"},
         "origin": "Norland Wire"},
        {"id": "mayor", "members": STORIES["mayor"], "first_reported": {"file": "herald_mayor.txt"},
         "origin": ["Tarvik Herald", "the Herald"]},
        {"id": "football", "members": STORIES["football"], "first_reported": {"file": "rovers.txt"},
         "origin": "Harlow Echo"},
    ],
    "citation_kinds": ["outlet"],
    "citations": [
        {"file": "beacon_dam.txt", "cites": "Norland Wire", "kind": "outlet"},
        {"file": "clarion_dam.txt", "cites": "Daily Beacon", "kind": "outlet"},
        {"file": "heap_dam.txt", "cites": "Daily Beacon", "kind": "outlet"},
        {"file": "heap_dam.txt", "cites": "Sunday Clarion", "kind": "outlet"},
        {"file": "nw_mayor.txt", "cites": "Tarvik Herald", "kind": "outlet"},
    ],
    "claim_clusters": [
        {"id": "toll", "members": ["nw_dam.txt", "beacon_dam.txt", "clarion_dam.txt", "heap_dam.txt"],
         "independent_origins": 1,
         "mutations": [{"type": "figure_changed", "from": "beacon_dam.txt", "to": "clarion_dam.txt",
                        "before": "At least 40", "after": "More than 60"}]},
        {"id": "cracks", "members": ["nw_dam.txt", "beacon_dam.txt", "clarion_dam.txt", "heap_dam.txt", "post_dam.txt"],
         "independent_origins": 1,
         "mutations": [{"type": "hedge_dropped", "from": "nw_dam.txt", "to": "beacon_dam.txt"}]},
        {"id": "homes", "members": ["nw_dam.txt", "beacon_dam.txt"],
         "mutations": [{"type": "figure_changed", "to": "beacon_dam.txt", "after": "More than 100"},
                       {"type": "attribution_dropped", "to": "beacon_dam.txt"}]},
        {"id": "quote", "members": ["nw_dam.txt", "beacon_dam.txt"],
         "mutations": [{"type": "quote_changed", "to": "beacon_dam.txt"}]},
        {"id": "budget", "members": ["herald_mayor.txt", "nw_mayor.txt", "undated_mayor.txt"],
         "mutations": [{"type": "figure_changed", "to": "undated_mayor.txt", "after": "3 million crowns"},
                       {"type": "hedge_dropped", "to": "undated_mayor.txt"}]},
    ],
}


def test_export_and_scorer(linked: Store, tmp_path: Path) -> None:
    from accordingto.link.export import export_jsonl

    counts = export_jsonl(linked, tmp_path / "out")
    assert counts["articles.jsonl"] == 10 and counts["stories.jsonl"] == 3
    for name in counts:
        for line in (tmp_path / "out" / name).read_text().splitlines():
            assert json.loads(line)["file"]
    sys.path.insert(0, str(ROOT / "bench"))
    from score_link import score

    figures = score(FIXTURE_GOLD, tmp_path / "out")
    assert figures["story_purity"] == figures["story_completeness"] == 1.0
    assert figures["first_reported_accuracy"] == figures["origin_accuracy"] == 1.0
    assert figures["citation_recall"] == 1.0 and figures["citation_precision"] == 1.0
    assert figures["mutation_recall"] == 1.0
    assert figures["cluster_recall"] == 1.0 and figures["independent_origins_accuracy"] == 1.0


def test_scorer_penalises_a_merged_story(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from score_link import score

    (tmp_path / "stories.jsonl").write_text(json.dumps(
        {"id": "x", "members": STORIES["dam"] + STORIES["mayor"], "first_reported": {"file": "nw_dam.txt"},
         "origin": "Norland Wire"}) + "\n")
    figures = score(FIXTURE_GOLD, tmp_path)
    assert figures["story_purity"] == 0.7  # 5 of the merged 8, and the 2 missing as singletons
    assert figures["story_completeness"] == 0.9  # football split into two singletons: 1 of 2
    assert figures["citation_recall"] == 0.0 and figures["mutation_recall"] == 0.0


def test_text_helpers() -> None:
    text = 'He said: "We are here." Mr. Lund left.\n\nNext para.'
    assert [p.text for p in sentences(text)] == ['He said: "We are here."', "Mr. Lund left.", "Next para."]
    assert [q.text for q in quotations("Families cry ‘cover-up’ as the mayor's 'plan' fails")] == ["cover-up", "plan"]


def test_cli_commands(linked: Store, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from accordingto.cli import main

    db = str(linked.path)
    linked.close()
    runner = CliRunner()
    assert runner.invoke(main, ["link", "--db", db]).exit_code == 0
    result = runner.invoke(main, ["stories", "--db", db])
    assert result.exit_code == 0 and "Norland Wire" in result.output
    sid = Store(db, read_only=True).con.execute("SELECT id FROM stories WHERE len(members) = 5").fetchall()[0][0]
    result = runner.invoke(main, ["story", sid, "--db", db])
    assert result.exit_code == 0 and "undated" in result.output and "heap_dam.txt" in result.output
    result = runner.invoke(main, ["trace", "ignored cracks", "--db", db])
    assert result.exit_code == 0 and "1 independent origin, 3 echoes, 1 denial" in result.output
    result = runner.invoke(main, ["entity", "Varga", "--db", db])
    assert result.exit_code == 0 and "We are still searching" in result.output
    result = runner.invoke(main, ["export", "--format", "jsonl", "--out", str(tmp_path / "e"), "--db", db])
    assert result.exit_code == 0 and (tmp_path / "e" / "claim_clusters.jsonl").is_file()


def test_figure_lineage_finds_a_dropped_qualifier_through_any_route() -> None:
    from accordingto.link.mutations import figure_lineage

    infos = {a: ArticleInfo(a, f"{a}.txt", a.upper(), When(date(2026, 1, d))) for a, d in (("a", 1), ("c", 3))}
    hedged = _unit("a", 15, "As many as 15 people may have died")
    hedged.figures[0].approximator, hedged.figures[0].approximate, hedged.hedges = "as many as", True, ["may"]
    bare = _unit("c", 15, "15 dead")
    got = {(m["type"], m["from"]["file"], m["to"]["file"]) for m in figure_lineage(bare, [hedged], infos)}
    assert got == {("approximator_changed", "a.txt", "c.txt"), ("hedge_dropped", "a.txt", "c.txt")}
    assert figure_lineage(hedged, [bare], infos) == [] or all(m["type"] != "hedge_dropped" for m in figure_lineage(hedged, [bare], infos))


def test_an_article_that_belongs_to_two_stories_merges_them(tmp_path: Path) -> None:
    from link_fixture import Doc

    a = Doc("a.txt", "Quell signs\n\nHarlow Rovers signed Tomas Quell, said Edda Lorne of Harlow Rovers.",
            "Harlow Echo", "2026-06-01").names(("Harlow Rovers", "ORG", ("Harlow Rovers",)),
                                               ("Tomas Quell", "PERSON", ("Tomas Quell",)))
    b = Doc("b.txt", "Fee row\n\nDunmere Athletic chairman Ansel Brook said Dunmere Athletic wanted more.",
            "Dunmere Gazette", "2026-06-02").names(("Dunmere Athletic", "ORG", ("Dunmere Athletic",)),
                                                   ("Ansel Brook", "PERSON", ("Ansel Brook",)))
    c = Doc("c.txt", "Deal done\n\nTomas Quell left Dunmere Athletic for Harlow Rovers after Ansel Brook agreed a fee.",
            "Valley Voice", "2026-06-03").names(("Harlow Rovers", "ORG", ("Harlow Rovers",)),
                                                ("Tomas Quell", "PERSON", ("Tomas Quell",)),
                                                ("Dunmere Athletic", "ORG", ("Dunmere Athletic",)),
                                                ("Ansel Brook", "PERSON", ("Ansel Brook",)))
    with Store(tmp_path / "m.duckdb") as store:
        store.write([a.analysis(), b.analysis()])
        link(store)
        assert partition(store) == {frozenset({"a.txt"}), frozenset({"b.txt"})}
        store.write([c.analysis()])
        link(store)
        assert partition(store) == {frozenset({"a.txt", "b.txt", "c.txt"})}
        assert store.con.execute("SELECT count(DISTINCT story_id) FROM link_state").fetchall()[0][0] == 1


def test_odd_rows_never_stop_linking(tmp_path: Path) -> None:
    text = 'Odd one\n\n"Quote without end, said nobody.\n\n12'
    broken = Attribution(sentence=None, content=None, kind="direct", cue=None, source_text=None,  # type: ignore[arg-type]
                         source=None, source_type=None, via=["", "the"], recipient_or_medium="")
    odd = Analysis(Article(file="odd.txt", uri="odd.txt", text=text, outlet=Evidence(None),  # type: ignore[arg-type]
                           republished_from=Evidence(None, "Source: Read Full Article")), [broken])
    empty = Analysis(Article(file="empty.txt", uri="empty.txt", text=" "))
    with Store(tmp_path / "odd.duckdb") as store:
        store.write([odd, empty])
        summary = link(store)
        assert summary.articles == 2
        assert store.con.execute("SELECT count(*) FROM story_members").fetchall()[0][0] == 2
