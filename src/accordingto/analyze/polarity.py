"""Polarity read from what is said when the cue verb is neutral ("said", "told"): a content that
charges misconduct is an accusation, a conditional or first-person threat is a warning, a flat
negation of a state of affairs or of one's own conduct is a denial (data/polarity.tsv)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from .cues import Lexicon
from .sources import GOVERNMENT_NOUNS, ORG_NOUNS, PERSON_NOUNS

FIRST_PERSON = {"i", "we", "us", "me"}
NEGATORS = {"nobody", "no one", "none", "nothing", "never"}
FUTURE = {"will", "'ll", "shall", "would"}
MODALS = {"will", "'ll", "shall", "would", "could", "may", "might"}
FULLY = {"all", "every", "throughout", "always", "fully"}
NO_COMMENT = {"comment", "discuss", "speculate", "respond"}
EXPERIENCE = {"see", "witness", "experience", "know", "hear", "encounter"}
LIE_PLACES = {"in", "on", "at", "behind", "beneath", "under", "within", "between", "ahead", "with"}


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], str]:
    text = resources.files("accordingto.data").joinpath("polarity.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {(word, part): pol for word, part, pol in rows}


def content_polarity(content: list[Token], lex: Lexicon) -> str | None:
    """The polarity a reported content carries by itself, or None when it only asserts."""
    if not content:
        return None
    idx = {t.i for t in content}
    return (
        _embedded(content, idx, lex)
        or _denial(content, idx)
        or _warning(content)
        or _accusation(content, idx)
    )


# what calling a claim by these words does: "calls it “unverified”", "called the report a fabrication"
DISMISSIVE = {
    "unverified", "false", "untrue", "baseless", "unfounded", "groundless", "fabricated", "fake", "bogus",
    "nonsense", "lie", "lies", "fabrication", "fiction", "fantasy", "smear", "misleading", "inaccurate", "wrong",
}


def naming_polarity(verb: Token) -> str | None:
    """'the ministry calls it “unverified”': naming a claim false denies it."""
    oprd = next((c for c in verb.children if c.dep_ == "oprd"), None)
    return "deny" if oprd is not None and (oprd.lemma_.lower() in DISMISSIVE or oprd.lower_ in DISMISSIVE) else None


def inherited_polarity(verb: Token, lex: Lexicon) -> str | None:
    """'accused the firm of a cover-up, claiming …' / 'denied it, saying …': a cue verb hanging off
    a denial or accusation verb of the same speaker reports that act."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp", "conj") or head.i == verb.i or head.pos_ != "VERB":
        return None
    cue = lex.verb(head)
    if cue is None or cue.polarity not in ("deny", "accuse") or any(c.dep_ == "neg" for c in head.children):
        return None
    return cue.polarity


def _negated(t: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in t.children)


def _subject(t: Token) -> Token | None:
    return next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _roots(content: list[Token], idx: set[int]) -> list[Token]:
    return [t for t in content if t.head.i not in idx or t.head.i == t.i]


def _embedded(content: list[Token], idx: set[int], lex: Lexicon) -> str | None:
    """'his client "categorically denies" the charge': a content whose main verb is itself a denial
    or an accusation — unless nobody does it ("nobody disputes that …")."""
    for t in content:
        if t.pos_ == "VERB" and (t.head.i not in idx or t.head.i == t.i or t.dep_ == "conj"):
            cue = lex.verb(t)
            subj = _subject(t)
            if (
                cue is not None
                and cue.polarity in ("deny", "accuse")
                and not _negated(t)
                and not (subj is not None and subj.lower_ in NEGATORS)
            ):
                return cue.polarity
    return None


def _denial(content: list[Token], idx: set[int]) -> str | None:
    roots = _roots(content, idx)
    if not roots:
        return None
    first = roots[0]
    # "No. This is accountability": an answer opening on a bare "No"
    if content[0].lower_ == "no" and len(content) > 1 and content[1].text in ".,;!":
        return "deny"
    # "There is no purge", "there were no irregularities"
    if first.lemma_ == "be" and any(c.dep_ == "expl" for c in first.children):
        attr = next((c for c in first.children if c.dep_ in ("attr", "nsubj") and c.i > first.i), None)
        if attr is not None and _no(attr):
            return "deny"
    if any(_self_denial(r) for r in (first, *(c for c in first.children if c.dep_ == "conj"))):
        return "deny"
    # "it had complied at all times", "she acted on every recommendation": a duty said done in full
    for r in (first, *(c for c in first.children if c.dep_ == "conj")):
        if _duty_done(r):
            return "deny"
    # "nobody is stealing anything", "we never hid the figures": misconduct negated
    table = _table()
    for t in content:
        if t.pos_ == "VERB" and table.get((t.lemma_.lower(), "verb")) == "accuse" and not _conditional(t):
            subj = _subject(t)
            if _negated(t) or (subj is not None and subj.lower_ in NEGATORS):
                return "deny"
    return None


def _duty_done(root: Token) -> bool:
    verbs = [root, *(c for c in root.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB")]
    if not any(_table().get((v.lemma_.lower(), "duty")) == "deny" for v in verbs) or _negated(root) or root.tag_ == "VBG":
        return False  # "is cooperating fully": an ongoing course, not a record defended
    past = root.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "has", "have", "was", "were") for c in root.children)
    words = [t.lower_ for t in root.subtree]
    full = any(w in FULLY for w in words) or any(words[i : i + 3] == ["in", "line", "with"] for i in range(len(words)))
    return past and full


def _self_denial(root: Token) -> bool:
    """'it had not been negligent', 'I did not see the memo', 'it had "no knowledge" of it': a
    speaker negating its own past conduct or knowledge (a pronoun subject, a past or perfect verb, a
    negation) — but not a refusal to comment ("it did not discuss internal documents")."""
    subj = _subject(root)
    if subj is None or subj.lower_ not in ("it", "he", "she", "they", "we", "i"):
        return False
    if root.lemma_ in NO_COMMENT or any(c.dep_ == "aux" and c.lower_ in MODALS | {"should", "must"} for c in root.children):
        return False
    if root.lemma_ in EXPERIENCE and any(c.lower_ == "never" for c in root.children):
        return False  # "we have never seen a blaze like this": a superlative, not a rebuttal
    if any(c.dep_ == "dobj" and c.lower_ in ("everything", "all") for c in root.children):
        return False  # "we have not won everything": a partial negation
    if any(c.tag_ in ("WRB", "WP") for c in root.children):
        return False  # "… but why it has not been published": an embedded question
    past = root.tag_ in ("VBD", "VBN") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("did", "had", "has", "have", "was", "were") for c in root.children
    )
    negated = _negated(root) or any(c.lower_ in ("nothing", "nobody") for c in root.children)
    if not negated and root.lemma_ == "have":
        dobj = next((c for c in root.children if c.dep_ == "dobj"), None)
        negated = dobj is not None and _no(dobj)
    return past and negated


def _accusation(content: list[Token], idx: set[int]) -> str | None:
    table = _table()
    for t in content:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB":
            prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
            pol = table.get((f"{lemma} {prt}", "verb")) if prt else None
            pol = pol or table.get((lemma, "verb"))
            if pol == "accuse" and _charged(t):
                return "accuse"
            if _reproach(t):
                return "accuse"
            # "nobody listened", "no one acted": a failure to heed pinned on others
            subj = _subject(t)
            if lemma in ("listen", "act", "heed", "respond") and subj is not None and subj.lower_ in ("nobody", "no"):
                return "accuse"
            # "the generals failed to warn him", "officials failed by not giving …": a failure of duty
            # pinned on people or a body
            if lemma == "fail" and _charged(t) and subj is not None and _answerable(subj) and any(
                c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "by") for c in t.children
            ):
                return "accuse"
            # "somebody is not telling the truth"
            if lemma == "tell" and _negated(t) and any(c.dep_ == "dobj" and c.lower_ == "truth" for c in t.children):
                return "accuse"
        elif _marked(t, table, "accuse"):
            return "accuse"
    return None


def _charged(verb: Token) -> bool:
    """A misconduct verb charged to someone other than the speaker, not negated."""
    if _negated(verb):
        return False
    subj = _subject(verb)
    if subj is not None and (subj.lower_ in FIRST_PERSON or subj.lower_ in NEGATORS):
        return False
    if _conditional(verb):
        return False  # "if the warnings were really ignored, …": supposed, not charged
    # "the village lies on the river"
    return not (verb.lemma_.lower() == "lie" and any(
        c.dep_ in ("prep", "advmod") and c.lower_ in LIE_PLACES for c in verb.children
    ))


def _no(t: Token) -> bool:
    return any(d.dep_ == "det" and d.lower_ == "no" for d in t.children)


def _conditional(t: Token) -> bool:
    """Inside an 'if'/'unless' clause."""
    return any(
        a.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in a.children)
        for a in [t, *t.ancestors]
    )


def _marked(t: Token, table: dict[tuple[str, str], str], polarity: str) -> bool:
    """An adjective or noun of the table that is neither negated ("no danger", "not reckless") nor
    a mere classifier ("a danger zone") nor inside a supposition."""
    part = {"ADJ": "adj", "NOUN": "noun"}.get(t.pos_)
    if part is None or table.get((t.lemma_.lower(), part)) != polarity or t.dep_ == "compound":
        return False
    return not (_no(t) or _negated(t.head) or any(_no(a) for a in t.ancestors) or _conditional(t))


def _answerable(subj: Token) -> bool:
    """A subject that can be blamed: a person or body, not a plan or a machine."""
    return (
        subj.ent_type_ in ("PERSON", "ORG", "NORP")
        or subj.lower_ in ("he", "she", "they")
        or subj.lemma_.lower() in PERSON_NOUNS | GOVERNMENT_NOUNS | ORG_NOUNS
    )


def _reproach(verb: Token) -> bool:
    """'should have acted', 'should not have taken two months': a counterfactual reproach."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and "should" in aux and "have" in aux


def _warning(content: list[Token]) -> str | None:
    table = _table()
    for t in content:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX"):
            aux = {c.lower_ for c in t.children if c.dep_ == "aux"}
            # "more strikes will follow unless …", "could table a motion if …": a conditional threat
            if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   for c in t.children) and (aux & MODALS):
                return "warn"
            if any(c.dep_ == "mark" and c.lower_ == "unless" for c in t.children):
                return "warn"
            # "we will crush them": the speaker's own threatened act
            prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
            pol = (table.get((f"{lemma} {prt}", "verb")) if prt else None) or table.get((lemma, "verb"))
            subj = _subject(t)
            if pol == "warn" and subj is not None and subj.lower_ in FIRST_PERSON and aux & FUTURE and not _negated(t):
                return "warn"
        elif _marked(t, table, "warn"):
            return "warn"
    return None
