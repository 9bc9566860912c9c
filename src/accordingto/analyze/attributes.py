"""The model's attribute_ruler and lemmatizer, memoised per kind of token.

Together they are about a fifth of the small model's time, yet what they give a token (its
coarse tag, morphology, lemma) is a function of the token's form, fine tag and dependency label
only: the ruler's patterns look at one token, except a handful of two-token patterns ("there
is", "gon na") whose index words we recognise and key with their neighbours. So each kind of
token is worked out once by the real components and then copied from a table, with results
identical to running them (tests/test_attributes.py compares them token by token).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

WRITES = [TAG, POS, MORPH, LEMMA, DEP]
KEYS = [ORTH, TAG, DEP, LOWER]
# Past this share of unknown tokens, running the real components over the whole Doc is cheaper
# than one small Doc per unknown token.
WHOLE_DOC_SHARE = 0.2
MAX_ENTRIES = 1_000_000


def _lower_test(cond: object) -> Callable[[str], bool] | None:
    """What a pattern's LOWER condition accepts; None if it cannot be read as a test on LOWER."""
    if isinstance(cond, str):
        return cond.__eq__
    if isinstance(cond, dict) and set(cond) == {"IN"}:
        return set(cond["IN"]).__contains__
    if isinstance(cond, dict) and set(cond) == {"REGEX"}:
        return re.compile(cond["REGEX"]).search
    return None


def _context_words(ruler: AttributeRuler) -> list[Callable[[str], bool]] | None:
    """Tests for the words whose attributes depend on a neighbour (the index token of a two-token
    pattern); None when the patterns are not of a shape this memo can reproduce exactly."""
    tests = []
    for pattern in ruler.patterns:
        for tokens in pattern["patterns"]:
            if not isinstance(tokens, list) or not all(isinstance(t, dict) for t in tokens):
                return None
            if len(tokens) == 1:
                if not set(tokens[0]) <= {"TAG", "LOWER", "ORTH", "DEP", "IS_SPACE"}:
                    return None
                continue
            test = _lower_test(tokens[pattern["index"]].get("LOWER")) if len(tokens) == 2 else None
            if test is None:
                return None
            tests.append(test)
    return tests


class TokenAttributes:
    """A pipeline component standing for attribute_ruler + lemmatizer (see module docstring)."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer, tests: list[Callable[[str], bool]]) -> None:
        self.ruler, self.lemmatizer, self.tests = ruler, lemmatizer, tests
        self.table: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.sensitive: dict[int, bool] = {}  # LOWER hash -> is it an index word of a 2-token pattern

    def _is_sensitive(self, lower: int, doc: Doc) -> bool:
        known = self.sensitive.get(lower)
        if known is None:
            text = doc.vocab.strings[lower]
            known = self.sensitive[lower] = any(test(text) for test in self.tests)
        return known

    def _keys(self, doc: Doc) -> list[tuple[int, ...]]:
        rows = doc.to_array(KEYS).tolist()
        keys: list[tuple[int, ...]] = []
        for i, (orth, tag, dep, lower) in enumerate(rows):
            if self._is_sensitive(lower, doc):
                before = tuple(rows[i - 1][:3]) if i else ()
                after = tuple(rows[i + 1][:3]) if i + 1 < len(rows) else ()
                keys.append((orth, tag, dep, 1, *before, -1, *after))
            else:
                keys.append((orth, tag, dep))
        return keys

    def _run(self, doc: Doc) -> Doc:
        return self.lemmatizer(self.ruler(doc))

    def _learn_token(self, doc: Doc, i: int, key: tuple[int, ...]) -> None:
        """Run the real components on the token with the neighbours its key names."""
        start, end = (max(0, i - 1), min(len(doc), i + 2)) if len(key) > 3 else (i, i + 1)
        toks = doc[start:end]
        small = Doc(
            doc.vocab,
            words=[t.text for t in toks],
            spaces=[bool(t.whitespace_) for t in toks],
            tags=[t.tag_ for t in toks],
            deps=[t.dep_ for t in toks],
            heads=[t.i - start for t in toks],
        )
        self.table[key] = tuple(self._run(small).to_array(WRITES)[i - start].tolist())

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = self._keys(doc)
        unknown = [i for i, key in enumerate(keys) if key not in self.table]
        if len(self.table) > MAX_ENTRIES:
            self.table.clear()
            unknown = list(range(len(doc)))
        if len(unknown) > WHOLE_DOC_SHARE * len(doc):
            self._run(doc)
            self.table.update(zip(keys, map(tuple, doc.to_array(WRITES).tolist()), strict=True))
            return doc
        for i in unknown:
            if keys[i] not in self.table:
                self._learn_token(doc, i, keys[i])
        doc.from_array(WRITES, numpy.array([self.table[key] for key in keys], dtype=numpy.uint64))
        return doc


@Language.factory("token_attributes")
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    tests = _context_words(ruler)
    if tests is None:
        raise ValueError("token_attributes: the attribute_ruler has patterns it cannot reproduce")
    return TokenAttributes(ruler, lemmatizer, tests)


def memoise(nlp: Language) -> None:
    """Stand the memoised pair in for the pipeline's attribute_ruler and lemmatizer, when their
    patterns allow an exact copy; otherwise leave the pipeline as it is."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return
    if _context_words(nlp.get_pipe("attribute_ruler")) is None:
        return
    nlp.add_pipe("token_attributes", after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")  # kept: the memo calls them for tokens it has not seen
    nlp.disable_pipe("lemmatizer")
