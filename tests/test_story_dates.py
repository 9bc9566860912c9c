"""Stories keep apart articles that share names but were published years apart, even when their
dates are only estimated from the text ("two weeks into the strike")."""

from __future__ import annotations

import sys
from pathlib import Path

from accordingto.link import link
from accordingto.model import DateEstimate
from accordingto.store import Store

sys.path.insert(0, str(Path(__file__).parent))

from link_fixture import Doc  # noqa: E402

NAMES = (
    ("Ilse Brandt", "PERSON", ("Ilse Brandt", "Brandt")),
    ("Korvath", "GPE", ("Korvath",)),
    ("Korvath Dockworkers Union", "ORG", ("Korvath Dockworkers Union",)),
)


def article(file: str, text: str, estimate: tuple[str, str] | None, published: str | None = None) -> Doc:
    doc = Doc(file, text, outlet=None, published=published).names(*NAMES)
    if estimate:
        doc.article.published_estimate = DateEstimate(*estimate, reasoning="written for this test")
    return doc


def corpus() -> list:
    return [
        article("strike_week2.txt",
                "Korvath strike enters second week\n\nIlse Brandt of the Korvath Dockworkers Union said the "
                "strike at Korvath would go on. Brandt said ships were queuing outside the harbour.",
                ("2021-05-01", "2021-05-07")),
        article("strike_talks.txt",
                "Talks fail in Korvath\n\nTalks between the Korvath Dockworkers Union and the port broke "
                "down, Ilse Brandt said. Brandt told members to stay out.",
                ("2021-05-03", "2021-05-10")),
        article("brandt_retires.txt",
                "Brandt steps down\n\nIlse Brandt, who led the Korvath Dockworkers Union through the long "
                "strike at Korvath, said she would retire. Brandt thanked the members of the union.",
                ("2024-09-01", "2024-09-05")),
    ]


def stories(tmp_path: Path, docs: list) -> dict[str, str]:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([d.analysis() for d in docs])
        link(store)
        return dict(store.con.execute(
            "SELECT a.file, m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id").fetchall())


def test_estimated_dates_years_apart_make_separate_stories(tmp_path):
    got = stories(tmp_path, corpus())
    assert got["strike_week2.txt"] == got["strike_talks.txt"]
    assert got["brandt_retires.txt"] != got["strike_week2.txt"]


def test_a_wide_estimate_does_not_place_an_article(tmp_path):
    # "some time in the last four years" says nothing about which happening it belongs to.
    docs = corpus()
    docs[2].article.published_estimate = DateEstimate("2021-01-01", "2024-12-31", reasoning="vague")
    got = stories(tmp_path, docs)
    assert got["brandt_retires.txt"] == got["strike_week2.txt"]


def test_a_stated_date_and_an_estimate_meet_within_the_slack(tmp_path):
    docs = corpus()
    docs[1] = article(docs[1].article.file, docs[1].text, None, published="2021-05-20")
    got = stories(tmp_path, docs)
    assert got["strike_talks.txt"] == got["strike_week2.txt"]
