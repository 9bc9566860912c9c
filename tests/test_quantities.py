"""Quantities: digits and words, approximators, money, percentages, ranges, comparisons, exclusions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accordingto.analyze import nlp as _nlp
from accordingto.analyze.quantities import extract_quantities


@pytest.fixture(scope="module")
def nlp():
    return _nlp.load()


def quantities(nlp, text: str) -> list[tuple[str, float, bool, str | None, str | None]]:
    doc = nlp(text)
    out = extract_quantities(doc)
    assert all(q.span.check(text) and q.sentence.check(text) for q in out)
    return [(q.span.text, q.value, q.approximate, q.approximator, q.unit_or_object) for q in out]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Police arrested 45 protesters outside the court.", 45, "protesters"),
        ("Seven journalists were detained at the border.", 7, "journalists"),
        ("The storm damaged 1,250 homes in the valley.", 1250, "homes"),
        ("The league fined twenty-five clubs last season.", 25, "clubs"),
    ],
)
def test_exact_counts_with_the_counted_noun(nlp, text, value, unit):
    [(_, got, approximate, approximator, counted)] = quantities(nlp, text)
    assert (got, approximate, approximator) == (value, False, None)
    assert counted.endswith(unit)


@pytest.mark.parametrize(
    ("text", "value", "approximator"),
    [
        ("An estimated 2,000 people marched through the city.", 2000, "An estimated"),
        ("About 300 soldiers crossed the river.", 300, "About"),
        ("Floods cut off more than 70 villages.", 70, "more than"),
        ("Shells struck at least three hospitals.", 3, "at least"),
        ("The ministry could deploy up to 5,000 troops.", 5000, "up to"),
        ("As many as 40 boats left the harbour.", 40, "As many as"),
        ("Roughly 90 employees lost their jobs.", 90, "Roughly"),
        ("Around 60 vessels were delayed.", 60, "Around"),
    ],
)
def test_approximators_are_kept_as_written(nlp, text, value, approximator):
    [(span, got, approximate, written, _)] = quantities(nlp, text)
    assert (got, approximate, written) == (value, True, approximator)
    assert span.startswith(approximator)


def test_vague_plurals_count_their_lower_bound(nlp):
    got = quantities(nlp, "Hundreds of homes burned and dozens of lorries were stranded, "
                          "while tens of thousands of refugees crossed the border.")
    assert [(v, a, w, u) for _, v, a, w, u in got] == [
        (100, True, "Hundreds of", "homes"),
        (12, True, "dozens of", "lorries"),
        (10000, True, "tens of thousands of", "refugees"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The new stadium cost £3.3bn to build.", 3.3e9, "GBP"),
        ("The court seized 45 million rubles from the official.", 45e6, "RUB"),
        ("The company paid $1.2 billion in fines.", 1.2e9, "USD"),
        ("The ministry signed a €12m contract.", 12e6, "EUR"),
        ("Turnout fell to 18% this year.", 18, "percent"),
        ("Prices rose by 12 per cent in March.", 12, "percent"),
    ],
)
def test_money_and_percentages(nlp, text, value, unit):
    [(_, got, _, _, counted)] = quantities(nlp, text)
    assert got == pytest.approx(value)
    assert counted == unit


def test_ranges_keep_the_lower_bound_and_share_a_scale(nlp):
    [(_, low, approximate, written, unit)] = quantities(nlp, "The firm laid off between 200 and 300 workers.")
    assert (low, approximate, written, unit) == (200, True, "between", "workers")
    [(_, low, approximate, _, unit)] = quantities(nlp, "Repairs will cost between 3 and 4 million euros.")
    assert (low, approximate, unit) == (3e6, True, "EUR")


def test_a_comparison_gives_both_figures_with_their_nouns(nlp):
    got = quantities(nlp, "The army remains 80,000 recruits short of its 300,000 goal.")
    assert [(v, u) for _, v, _, _, u in got] == [(80000, "recruits"), (300000, "goal")]


def test_fractions_and_multipliers(nlp):
    got = quantities(nlp, "Around a fifth of berths were closed and the depot held twice the permitted stock.")
    assert [v for _, v, _, _, _ in got] == [0.2, 2]


@pytest.mark.parametrize(
    "text",
    [
        "Mr Kovacs, 52, said he would appeal.",  # an age
        "The 41-year-old was released on bail.",  # an age
        "Fighting has raged for five weeks.",  # a duration
        "He has studied the region for two decades.",  # a duration
        "The bridge opened in 2019.",  # a year
        "The hearing was held on 14 May.",  # a date
        "date 2024-07-28 Officials met again.",  # an ISO date
        "The siege entered its third day.",  # an ordinal
        "The father-of-three was freed.",  # part of a word
        "One of the guards was injured.",  # "one of": a determiner more than a count
        "Police knocked on doors from about 1am.",  # a clock time
        "He flew an F-16 over Lake Constance.",  # part of a name
    ],
)
def test_things_that_are_not_quantities(nlp, text):
    assert quantities(nlp, text) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "12", "3.3bn", "£", "$", "%", "-", ",", ".", "2024-07-28", "million", "of", "hundreds", "between", "and",
    "more than", "per cent", "aged", "a", "dozen", "fifth", "twenty-five", "people", "troops", "\n\n",
]), max_size=25).map(" ".join))
def test_any_text_gives_round_tripping_spans(nlp, text):
    for q in extract_quantities(nlp(text)):
        assert q.span.check(text) and q.sentence.check(text)
        assert q.value == q.value  # never NaN
