"""Citations: outlet names read only where they are written as names, common-word outlets
("People", "Time", "the Sun") only with evidence, and short forms resolved against the corpus's
own outlets before the world table."""

from __future__ import annotations

from pathlib import Path

import pytest

from accordingto.clean.outlets import OutletTable, outlet_table
from accordingto.link.citations import Outlets, extract_citations, via_outlet
from accordingto.model import Analysis, Article, Attribution, Evidence, Span

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"


def cited(text: str, outlets: Outlets | None = None, outlet: str | None = None) -> set[tuple[str, str]]:
    art = Article(file="x.txt", uri="x.txt", text=text, outlet=Evidence(outlet) if outlet else None)
    return {(c.cites, c.marker) for c in extract_citations(Analysis(art), outlets or Outlets()) if c.kind == "outlet"}


def test_table_knows_which_names_are_ordinary_words() -> None:
    table = outlet_table()
    assert table.by_name("People") == "People" and table.ambiguous("People")  # flagged in the table
    assert table.ambiguous("the Sun") and table.ambiguous("Courier")  # a lone newspaper word
    assert not table.ambiguous("Reuters") and not table.ambiguous("The New York Times")
    user = OutletTable()
    user.add_rows("sunrise.example\tSunrise Daily\tSunrise\tSunrise\nquay.example\tQuay Radio\tQuay\n")
    assert user.ambiguous("Sunrise") and not user.ambiguous("Sunrise Daily") and not user.ambiguous("Quay")


def test_env_table_flags_ordinary_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "outlets.tsv"
    extra.write_text("harbourlight.example\tThe Harbour Light\tthe Light\tthe Light\n", encoding="utf-8")
    monkeypatch.setenv("ACCORDINGTO_OUTLETS", str(extra))
    outlets = Outlets()
    assert outlets.resolve("the Light") == "The Harbour Light"
    assert cited("Light reported on the quay.", outlets) == set()  # a bare ordinary word at a sentence start
    assert cited("The fire spread, the Light reported.", outlets) == {("The Harbour Light", "reports")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("People reported seeing smoke over the harbour.", set()),
        ("The wreck was found on Tuesday, People reported.", {("People", "reports")}),
        ("The singer told People magazine she was fine.", {("People", "told")}),
        ("Time reported that the talks had stalled.", set()),
        ("The Sun reported that the minister had resigned.", {("The Sun", "reports")}),
        ("Nature reported a new species.", set()),
        ("A study published in Nature found the opposite.", {("Nature", "reported by")}),
        ("Independent experts reported no damage.", set()),
        ("Mirror images were reported.", set()),
    ],
)
def test_common_word_outlets_need_evidence(text: str, expected: set[tuple[str, str]]) -> None:
    assert cited(text) == expected


def test_a_lower_case_via_or_recipient_names_no_outlet() -> None:
    text = "At least two coalition MPs have said privately that they may abstain, according to people familiar with the talks."
    s = Span(0, len(text), text)
    attr = Attribution(
        sentence=s, content=Span.of(text, 56, 70), kind="indirect", cue=Span.of(text, 33, 37),
        source_text=Span.of(text, 0, 26), source="coalition MPs", source_type="anonymous",
        recipient_or_medium="people", via=["people"],
    )
    art = Article(file="v.txt", uri="v.txt", text=text)
    assert [c for c in extract_citations(Analysis(art, [attr]), Outlets()) if c.kind == "outlet"] == []
    assert via_outlet("people", Outlets()) is None and via_outlet("the Times", Outlets()) == "The Times"
    # what the via calls the outlet shows it is one; a programme is not an outlet
    assert via_outlet("the news agency Interfax", Outlets()) == "Interfax"
    assert via_outlet("the Kestrel Courant newspaper", Outlets()) == "The Kestrel Courant"
    assert via_outlet("the Today programme", Outlets()) is None
    assert via_outlet("the Kremlin-controlled RT channel", Outlets()) == "RT"
    assert via_outlet("the pro-government Daily Sabah newspaper's editor", Outlets()) == "Daily Sabah"


def test_common_noun_media_are_no_outlet() -> None:
    text = "Local media reported that a battery may have overheated."
    s = Span(0, len(text), text)
    attr = Attribution(
        sentence=s, content=Span.of(text, 26, len(text) - 1), kind="indirect", cue=Span.of(text, 12, 20),
        source_text=Span.of(text, 0, 11), source="Local media", source_type="media_outlet",
    )
    art = Article(file="m.txt", uri="m.txt", text=text)
    assert [c for c in extract_citations(Analysis(art, [attr]), Outlets()) if c.kind == "outlet"] == []
    named = text.replace("Local media", "The Quay Chronicle")
    attr.source_text, attr.source = Span.of(named, 0, 18), "The Quay Chronicle"
    attr.sentence = Span(0, len(named), named)
    art = Article(file="m.txt", uri="m.txt", text=named)
    assert [(c.cites, c.marker) for c in extract_citations(Analysis(art, [attr]), Outlets())] == [
        ("The Quay Chronicle", "reports")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister told Reuters and the Associated Press the plan was dead.",
         {("Reuters", "told"), ("Associated Press", "told")}),
        ("The Press and Journal reported the closure.", {("The Press and Journal", "reports")}),
        ("Speaking to the BBC's Today programme, the minister said it was over.", {("BBC News", "told")}),
        ("In an interview with CBS News' chief correspondent, he said it was over.", {("CBS News", "told")}),
        ("The plan is dead, the Russian newspaper Kommersant reported.", {("Kommersant", "reports")}),
        ("He told the state broadcaster Quayside One the plan was dead.", {("Quayside One", "told")}),
        ("The plan is dead, Axios reported, citing the Wall Street Journal.",
         {("Axios", "reports"), ("The Wall Street Journal", "citing")}),
        ("KYIV, Ukraine (AP) — The plan is dead.", {("Associated Press", "dateline")}),
        ("The International Atomic Energy Agency reported a leak.", set()),
        ("The National Weather Service reported snow.", set()),
        ("Ms Sun reported the theft.", set()),
        ("The leak was first reported by the Kyiv Independent.", {("The Kyiv Independent", "reported by")}),
        ("The plan is dead, according to the state-run RIA Novosti.", {("RIA Novosti", "according to")}),
        ("The Quay-based Kestrel Gazette reported it.", {("Kestrel Gazette", "reports")}),
        ("A Reuters investigation found the opposite.", {("Reuters", "report")}),
        ("He wrote in an op-ed for The Atlantic that it was over.", {("The Atlantic", "report")}),
        ("A White House report said so; a report by the Ministry of Defence agreed.", set()),
    ],
)
def test_marker_shapes_of_real_coverage(text: str, expected: set[tuple[str, str]]) -> None:
    assert cited(text) == expected


def test_short_forms_prefer_the_corpus_outlet_the_table_does_not_know() -> None:
    outlets = Outlets(["Harbour Times", "Financial Times"])
    assert outlets.resolve("the Times") == "Harbour Times"
    assert outlets.resolve("The Times of London") == "The Times"
    assert outlets.resolve("the FT") == "Financial Times"
    # two corpus papers share the short form: it is no evidence for either, the table decides
    assert Outlets(["Harbour Times", "Valley Times"]).resolve("the Times") == "The Times"
    assert Outlets(["Financial Times"]).resolve("the Times") == "The Times"
    # a short form that is not the head noun goes to the table first
    assert Outlets(["Guardian Harbour Edition"]).resolve("the Guardian") == "The Guardian"
    assert cited("The ferry ran over budget, as first reported by the Times.", outlets) == {
        ("Harbour Times", "reported by")
    }


def test_an_outlet_shown_only_by_its_short_form_is_the_fuller_corpus_outlet() -> None:
    promo = "Never miss a Courier exclusive - we can send breaking news straight to your browser"
    outlets = Outlets([("The Courier", promo), ("Daily Courier", "Source: Daily Courier | Read Full Article")])
    assert outlets.resolve("The Courier", assume_outlet=True) == "Daily Courier"
    assert outlets.resolve("the Courier") == "Daily Courier"
    # the article calling itself "the Courier" does not cite itself
    assert cited("A firefighter told the Courier the doors were locked.", outlets, outlet="The Courier") == set()
    assert cited("A firefighter told the Courier the doors were locked.", outlets, outlet="VTV News") == {
        ("Daily Courier", "told")
    }
    # a paper whose own domain or full name shows it stays itself
    shown = Outlets([("The Courier", "https://www.thecourier.co.uk/news/1"), ("Daily Courier", None)])
    assert shown.resolve("The Courier", assume_outlet=True) == "The Courier"


def test_seed_outlet_citations_are_written_as_names() -> None:
    """On the seed articles (markers only, no analysis): every outlet citation's evidence
    spells a capitalised word of the outlet's name."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    from accordingto.clean import clean
    from accordingto.model import RawDocument

    outlets = Outlets()
    n = 0
    for path in sorted(SEEDS.glob("*.txt")):
        art = clean(RawDocument(file=path.name, uri=str(path), content=path.read_text(encoding="utf-8"), format="text"))
        for c in extract_citations(Analysis(art), outlets):
            if c.kind != "outlet" or c.evidence is None:
                continue
            n += 1
            words = {w for w in c.cites.replace("The ", "").split() if w[:1].isupper()}
            assert any(w in c.evidence.text or w.upper() in c.evidence.text for w in words) or c.marker == "dateline", c
    assert n >= 2


@pytest.mark.parametrize(
    ("text", "boilerplate", "expected"),
    [
        ("The plan is dead.\n\nAdditional reporting by Reuters.", [], {("Reuters", "credit")}),
        ("The plan is dead.", ["The Associated Press contributed to this report."], {("Associated Press", "credit")}),
        ("The plan is dead.", ["Reporting by Ada Marr in Oslo; additional reporting by Agence France-Presse; Editing by Ib Holm"],
         {("Agence France-Presse", "credit")}),
        ("The plan is dead.", ["(Reporting by Ada Marr; Editing by Ib Holm)"], set()),
        ("The plan is dead.", ["Contributing: Ada Marr, USA TODAY; The Associated Press"],
         {("USA Today", "credit"), ("Associated Press", "credit")}),
        ("Residents contributed to this report.", [], set()),
    ],
)
def test_credit_lines_credit_outlets_not_people(text: str, boilerplate: list[str], expected: set[tuple[str, str]]) -> None:
    art = Article(file="c.txt", uri="c.txt", text=text, boilerplate=boilerplate)
    assert {(c.cites, c.marker) for c in extract_citations(Analysis(art), Outlets()) if c.kind == "outlet"} == expected


def test_a_bare_noun_cites_no_document() -> None:
    text = "Reports suggest the depot was overfull. The memo said the depot was overfull."
    s1, s2 = Span(0, 39, text[:39]), Span(40, len(text), text[40:])
    bare = Attribution(sentence=s1, content=Span.of(text, 16, 38), kind="indirect", cue=Span.of(text, 8, 15),
                       source_text=Span.of(text, 0, 7), source="Reports", source_type="document")
    memo = Attribution(sentence=s2, content=Span.of(text, 54, len(text) - 1), kind="indirect", cue=Span.of(text, 49, 53),
                       source_text=Span.of(text, 40, 48), source="memo", source_type="document")
    art = Article(file="d.txt", uri="d.txt", text=text)
    assert [(c.cites, c.kind) for c in extract_citations(Analysis(art, [bare, memo]), Outlets())] == [("memo", "document")]


def test_only_a_generic_short_name_is_re_read_in_the_corpus() -> None:
    # "Daily Mail" shown only as "the Mail" is still the Daily Mail, not a fuller corpus paper
    outlets = Outlets([("Daily Mail", "Get the Mail's scoops"), ("Scottish Daily Mail", None)])
    assert outlets.resolve("Daily Mail", assume_outlet=True) == "Daily Mail"
