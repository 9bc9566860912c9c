"""The memoised attribute_ruler + lemmatizer must give every token exactly what the real ones give."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from accordingto.analyze import nlp as _nlp
from accordingto.analyze.attributes import memoise

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]
# The two-token patterns of the model ("there is", "gon na", "let 's", "ai n't", "y' all") and
# the dependency-keyed ones ("it" as subject or object), twice so the second pass reads the table.
TRICKY = (
    "Y'all ain't gonna believe it, she said. Let's go, c'mon! There is a dog and there's a cat. "
    "I gotta run. It is what it is: you know it and I know you. But it got worse. "
    "She gets it.\n\n  The mayor, who had said so, did not.  "
)


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.language.Language, spacy.language.Language]:
    real = spacy.load(_nlp.MODEL)
    memo = spacy.load(_nlp.MODEL)
    memoise(memo)
    return real, memo


def test_memoised_pipeline_replaces_the_two_components(pipelines):
    _, memo = pipelines
    assert "token_attributes" in memo.pipe_names
    assert "attribute_ruler" not in memo.pipe_names and "lemmatizer" not in memo.pipe_names


def test_every_token_gets_what_the_real_components_give(pipelines):
    real, memo = pipelines
    texts = [TRICKY, TRICKY] + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))[:12]]
    texts.append(TRICKY.upper())
    compared = 0
    for want, got in zip(real.pipe(texts), memo.pipe(texts), strict=True):
        assert [t.lemma_ for t in want] == [t.lemma_ for t in got]
        assert [t.pos_ for t in want] == [t.pos_ for t in got]
        assert [str(t.morph) for t in want] == [str(t.morph) for t in got]
        assert (want.to_array(ATTRS) == got.to_array(ATTRS)).all()
        compared += len(want)
    assert compared > 3000


def test_the_table_is_used_on_known_tokens(pipelines):
    _, memo = pipelines
    component = memo.get_pipe("token_attributes")
    memo(TRICKY)
    size = len(component.table)
    doc = memo(TRICKY)
    assert len(component.table) == size  # nothing new to learn from the same text
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na")] == ["go", "to"]
    assert next(t for t in doc if t.lower_ == "is").pos_ == "VERB"  # "There is": the 2-token pattern


def test_an_empty_text_passes(pipelines):
    _, memo = pipelines
    assert len(memo("")) == 0
