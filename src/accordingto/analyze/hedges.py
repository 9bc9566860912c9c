"""Hedges: the words that weaken a claim (data/hedges.tsv), found on parsed tokens.

A hedge span is verbatim and contiguous: "may", "could be" (a modal before the copula),
"an estimated", "about" (before a number), "I think", "are believed to", "said to".
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import Span

NUMBER_LIKE = {"NUM"}
EVIDENTIAL_PARTICIPLES = {"say", "believe", "think", "report", "allege", "rumour", "rumor", "suspect", "claim", "understand", "reckon", "estimate"}


@lru_cache(maxsize=1)
def hedge_lexicon() -> dict[str, str]:
    text = resources.files("accordingto.data").joinpath("hedges.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")[:2]
            out[word] = kind
    return out


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token on each access."""
    text = doc.user_data.get("accordingto_text")
    if text is None:
        text = doc.user_data["accordingto_text"] = doc.text
    return text


def _span(doc: Doc, first: Token, last: Token) -> Span:
    return Span.of(doc_text(doc), first.idx, last.idx + len(last.text))


def hedge_at(tok: Token) -> Span | None:
    """The hedge starting at (or anchored on) `tok`, if `tok` is one."""
    lex = hedge_lexicon()
    doc = tok.doc
    low = tok.lower_
    kind = lex.get(low)
    if kind == "modal":
        if tok.tag_ != "MD":
            return None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "have":
            return None  # "could have fired him": counterfactual, not a hedge
        if nxt is not None and nxt.lemma_ == "be" and nxt.dep_ in ("ROOT", "ccomp", "conj", "xcomp", "advcl", "relcl"):
            return _span(doc, tok, nxt)  # "could be that …"
        return _span(doc, tok, tok)
    if kind == "approx":
        if low == "estimated":
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and prev.lower_ == "an":
                return _span(doc, prev, tok)
            return _span(doc, tok, tok) if tok.dep_ == "amod" else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in NUMBER_LIKE and tok.pos_ in ("ADV", "ADP", "DET", "ADJ"):
            return _span(doc, tok, tok)
        return None
    if kind in ("adverb", "adjective"):
        if low == "likely" and tok.pos_ not in ("ADJ", "ADV"):
            return None
        return _span(doc, tok, tok)
    if tok.lower_ in ("i", "we") and tok.dep_ == "nsubj":
        head = tok.head
        if head.i == tok.i + 1 and lex.get(f"{low} {head.lower_}") == "belief":
            return _span(doc, tok, head)
    return None


def evidential_passive(verb: Token) -> Span | None:
    """'are believed to', 'said to', 'it's believed': the passive evidential around `verb`."""
    doc = verb.doc
    first = verb
    # an adjacent passive auxiliary belongs to the hedge ("are believed to"); with an adverb in
    # between ("are still said to") only the participle and "to" are kept, to stay contiguous
    if verb.i > 0 and doc[verb.i - 1].dep_ == "auxpass":
        first = doc[verb.i - 1]
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return _span(doc, first, nxt)
    # "it's believed (that)": keep the expletive subject with it
    subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it"]
    if subj:
        return _span(doc, subj[0], verb)
    return _span(doc, first, verb)


def hedges_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Hedge spans among the tokens whose characters lie in [start, end)."""
    out: list[Span] = []
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return out
    for tok in span:
        h = hedge_at(tok)
        if tok.tag_ == "VBN" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to" and any(
            c.dep_ == "auxpass" for c in tok.children
        ) and tok.lemma_.lower() in EVIDENTIAL_PARTICIPLES:
            h = evidential_passive(tok)
        elif tok.tag_ == "VBN" and tok.lemma_.lower() in ("fear", "presume", "believe") and any(
            c.dep_ == "auxpass" for c in tok.children
        ):
            h = _span(doc, tok, tok)  # "are feared dead"
        if h is not None and h.start >= start and h.end <= end and (not out or h.start >= out[-1].end):
            out.append(h)
    return out
