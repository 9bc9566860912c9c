"""Dates: relative expressions normalized with granularity; publication estimated from clues
about reference events kept in a user-extendable table."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accordingto.analyze import nlp as _nlp
from accordingto.analyze import tables
from accordingto.analyze.dates import anchor_date, estimate_published, normalize
from accordingto.model import Article, DateEstimate, Evidence

SUNDAY = date(2022, 4, 10)
WEDNESDAY = date(2024, 3, 20)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("last month", SUNDAY, ("2022-03-01", "month")),
        ("earlier this month", SUNDAY, ("2022-04-01", "month")),
        ("last week", SUNDAY, ("2022-03-28", "week")),
        ("this week", WEDNESDAY, ("2024-03-18", "week")),
        ("yesterday", WEDNESDAY, ("2024-03-19", "day")),
        ("last night", WEDNESDAY, ("2024-03-19", "day")),
        ("on Tuesday", WEDNESDAY, ("2024-03-19", "day")),
        ("Monday", WEDNESDAY, ("2024-03-18", "day")),
        ("Wednesday", WEDNESDAY, ("2024-03-20", "day")),
        ("in mid-March", SUNDAY, ("2022-03-01", "month")),
        ("in November", SUNDAY, ("2021-11-01", "month")),
        ("on July 23", date(2024, 7, 28), ("2024-07-23", "day")),
        ("24 February 2022", WEDNESDAY, ("2022-02-24", "day")),
        ("in 2007", WEDNESDAY, ("2007-01-01", "year")),
        ("last year", WEDNESDAY, ("2023-01-01", "year")),
        ("next month", WEDNESDAY, ("2024-04-01", "month")),
        ("in recent days", WEDNESDAY, (None, None)),
    ],
)
def test_relative_expressions_normalize_against_the_anchor(text, anchor, expected):
    assert normalize(text, anchor) == expected


def test_a_planned_event_looks_ahead():
    assert normalize("on Friday", WEDNESDAY, ahead=True) == ("2024-03-22", "day")
    assert normalize("in June", WEDNESDAY, ahead=True) == ("2024-06-01", "month")


def test_without_an_anchor_only_absolute_dates_normalize():
    assert normalize("last month", None) == (None, None)
    assert normalize("March 2023", None) == ("2023-03-01", "month")


def test_the_anchor_is_the_stated_date_else_the_middle_of_the_estimate():
    dated = Article(file="a", uri="a", text="x", published=Evidence("2024-03-20T10:00:00Z"))
    assert anchor_date(dated, None) == WEDNESDAY
    undated = Article(file="a", uri="a", text="x")
    assert anchor_date(undated, DateEstimate("2022-04-07", "2022-04-13", "")) == date(2022, 4, 10)
    assert anchor_date(undated, None) is None


@pytest.fixture
def glorvia(tmp_path, monkeypatch):
    """A user's own reference table: a war and a summit the bundled table does not know."""
    extra = tmp_path / "events.tsv"
    extra.write_text(
        "Glorvian civil war\t2031-05-10\t\twar\twar in Glorvia|Glorvian war\tGlorvia\n"
        "2031 Lakeside summit\t2031-09-14\t2031-09-15\tsummit\tLakeside summit\tGlorvia\n"
        "Harbour bridge collapse\t2031-06-18\t\tdisaster\tharbour bridge collapse\tGlorvia\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("ACCORDINGTO_REFERENCE_EVENTS", str(extra))
    tables.reload()
    yield
    monkeypatch.delenv("ACCORDINGTO_REFERENCE_EVENTS")
    tables.reload()


@pytest.fixture(scope="module")
def nlp():
    return _nlp.load()


def estimate(nlp, text: str) -> DateEstimate | None:
    return estimate_published(nlp(text), Article(file="a", uri="a", text=text))


def test_the_nth_week_of_a_war_is_that_whole_week(nlp, glorvia):
    got = estimate(nlp, "The war in Glorvia is now in its third week. Refugees keep arriving.")
    assert (got.earliest, got.latest) == ("2031-05-24", "2031-05-30")
    assert "Glorvian civil war" in got.reasoning and "third week" in got.reasoning


def test_weeks_into_a_war_is_the_mark_give_or_take_a_day(nlp, glorvia):
    got = estimate(nlp, "Five weeks into the war in Glorvia, the front has barely moved.")
    assert (got.earliest, got.latest) == ("2031-06-13", "2031-06-15")


def test_last_weeks_event_and_a_summit_ahead_narrow_the_date(nlp, glorvia):
    text = ("Rescue teams worked through the night after last week's harbour bridge collapse in Glorvia. "
            "Ministers will discuss the disaster at September's Lakeside summit.")
    got = estimate(nlp, text)
    # 18 June 2031 was a Wednesday: "last week" puts the article in the week of 23-29 June.
    assert (got.earliest, got.latest) == ("2031-06-23", "2031-06-29")
    assert "Lakeside summit" in got.reasoning


def test_a_reference_event_needs_its_cues(nlp, glorvia):
    assert estimate(nlp, "Five weeks into the war, the front has barely moved.") is None


def test_nothing_to_go_on_gives_no_estimate(nlp):
    assert estimate(nlp, "The council met to discuss parking fees. No decision was taken.") is None


def test_a_user_row_with_a_bad_date_is_skipped(tmp_path, monkeypatch):
    extra = tmp_path / "events.tsv"
    extra.write_text("Broken row\tnot-a-date\t\twar\tbroken war\t\n", encoding="utf-8")
    monkeypatch.setenv("ACCORDINGTO_REFERENCE_EVENTS", str(extra))
    tables.reload()
    try:
        assert all(ev.name != "Broken row" for ev in tables.reference_events())
        assert tables.reference_events()  # the bundled rows are still there
    finally:
        monkeypatch.delenv("ACCORDINGTO_REFERENCE_EVENTS")
        tables.reload()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.dates(), st.booleans())
def test_normalize_never_raises_and_gives_iso_dates(text, anchor, ahead):
    iso, granularity = normalize(text, anchor, ahead)
    assert (iso is None) == (granularity is None)
    if iso:
        date.fromisoformat(iso)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["last week", "next month", "on Friday", "in its 9th week of the war", "in December",
                        "yesterday", "next year", "this week"]), st.dates())
def test_normalize_holds_at_the_ends_of_the_calendar(text, anchor):
    normalize(text, anchor, ahead=True)
    normalize(text, anchor)


def test_time_since_a_reference_event_and_its_anniversary(nlp, glorvia):
    got = estimate(nlp, "Three weeks after the harbour bridge collapse in Glorvia, the ferries are full.")
    assert (got.earliest, got.latest) == ("2031-07-08", "2031-07-10")
    got = estimate(nlp, "Families gathered in Glorvia on the first anniversary of the harbour bridge collapse.")
    assert (got.earliest, got.latest) == ("2032-06-15", "2032-06-21")
