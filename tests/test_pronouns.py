"""Who "he" and "she" are: salience from the order of the text and gender evidence the article
itself gives (honorifics, gendered role nouns, his/her, an earlier he/she), for attribution
sources and event participants alike."""

from __future__ import annotations

import pytest

from accordingto.analyze import analyze_doc
from accordingto.analyze import nlp as _nlp
from accordingto.analyze.pronouns import PersonMentions, description_gender, word_gender
from accordingto.model import Article
from test_attributions import one, run


def test_a_person_just_named_as_an_object_outranks_an_earlier_speaker() -> None:
    text = (
        "Two statements followed the vote. The first came from Helga Marr, who said the count had been fair. "
        "The second came on Tuesday from Interior Minister Viktor Osterhagen. "
        "In a video posted online, he said the result would stand."
    )
    assert one(run(text)[0], "result would stand").source == "Viktor Osterhagen"


def test_the_subject_of_the_sentence_before_outranks_a_name_after_it() -> None:
    text = (
        "Harbour Minister Jonas Tervik ordered checks on all depots run by Alma Rusk on Tuesday. "
        "He warned that any operator in breach would lose its licence."
    )
    assert one(run(text)[0], "lose its licence").source == "Jonas Tervik"


def test_honorifics_skip_a_speaker_of_the_other_gender() -> None:
    text = (
        "Mr Anselm Rudd said the count was fair. Ms Helga Marr said it was not. "
        "He added that the result would stand."
    )
    assert one(run(text)[0], "result would stand").source == "Anselm Rudd"


def test_a_role_noun_and_a_possessive_give_the_gender() -> None:
    text = (
        "Ilse Varga, the company's spokeswoman, said the plant was safe. "
        "Inspector Tomas Brel said his team had found faulty valves. "
        "She insisted the plant had passed every test."
    )
    assert one(run(text)[0], "passed every test").source == "Ilse Varga"


def test_an_earlier_she_is_evidence_for_the_next_he() -> None:
    text = (
        "Tomas Brel inspected the site on Monday. He said the valves had failed. "
        "Anna Lind runs the plant. She said they had not. "
        "He added that the report would be published."
    )
    atts = run(text)[0]
    assert one(atts, "they had not").source == "Anna Lind"
    assert one(atts, "report would be published").source == "Tomas Brel"


def test_gender_words_are_a_closed_class_not_first_names() -> None:
    assert word_gender("Ms.") == "f" and word_gender("chairman") == "m" and word_gender("Helga") is None
    assert description_gender("senior spokeswoman") == "f"
    assert description_gender("chairman and his wife") is None  # the words disagree


def test_conflicting_evidence_says_nothing() -> None:
    nlp = _nlp.load()
    text = "Mr Kai Sorel spoke first. Ms Kai Sorel spoke later."
    doc = nlp(text)
    spans = [(text.index("Kai Sorel"), text.index("Kai Sorel") + 9, "Kai Sorel"),
             (text.rindex("Kai Sorel"), text.rindex("Kai Sorel") + 9, "Kai Sorel")]
    assert PersonMentions(doc, spans).gender("Kai Sorel") is None


@pytest.mark.parametrize(
    ("text", "patient"),
    [
        ("Mr Jonas Brel was questioned on Monday. Ms Anna Lind was questioned on Tuesday. "
         "Police arrested him on Wednesday.", "Jonas Brel"),
        ("Mr Jonas Brel was questioned on Monday. Ms Anna Lind was questioned on Tuesday. "
         "Police arrested her on Wednesday.", "Anna Lind"),
    ],
)
def test_event_participants_use_the_same_resolution(text: str, patient: str) -> None:
    article = Article(file="t.txt", uri="t.txt", text=text)
    found = [e for e in analyze_doc(article, _nlp.load()(text)).events if e.type == "arrest"]
    assert [e.patient for e in found] == [patient]
