"""Who "he" or "she" is: the person a third-person pronoun most likely stands for.

Shared by source resolution (sources.py) and event participants (events.py). Salience is read
from the order of the text: the latest speaker, unless a person was made the subject since, or
was just named in the sentence before (even as an object: "The second came from Minister X. He
said …"). Gender is taken only from evidence in the article itself — an honorific (Mr, Ms), a
gendered role noun (spokeswoman, chairman), a his/her referring back, a he/she already resolved
to that person — never from a table of first names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
HONORIFIC_GENDER = {
    "mr": "m", "sir": "m", "lord": "m", "mister": "m", "monsieur": "m", "herr": "m",
    "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f", "madam": "f", "mme": "f", "frau": "f",
}
# Role and kin nouns that say a person's gender (general English, a closed class).
ROLE_GENDER = {
    **dict.fromkeys(
        ["spokesman", "chairman", "businessman", "congressman", "councilman", "policeman", "sportsman",
         "statesman", "alderman", "king", "prince", "duke", "emperor", "father", "son", "husband", "brother",
         "uncle", "nephew", "grandfather", "grandson", "boyfriend", "widower", "monk", "actor", "waiter",
         "headmaster", "stepfather", "fiance"],
        "m",
    ),
    **dict.fromkeys(
        ["spokeswoman", "chairwoman", "businesswoman", "congresswoman", "councilwoman", "policewoman",
         "sportswoman", "stateswoman", "queen", "princess", "duchess", "empress", "mother", "daughter", "wife",
         "sister", "aunt", "niece", "grandmother", "granddaughter", "girlfriend", "widow", "nun", "actress",
         "waitress", "headmistress", "stepmother", "fiancee", "fiancée"],
        "f",
    ),
}
STOP_POS = {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PUNCT", "PRON"}
ROLE_WINDOW = 3  # how many words before a name a title may stand ("company spokeswoman X")
RECENT = 50  # how many named mentions back a pronoun may reach


def word_gender(word: str) -> str | None:
    """The gender a single word states: a pronoun, an honorific or a gendered role noun."""
    low = word.lower().strip(".")
    return PRONOUN_GENDER.get(low) or HONORIFIC_GENDER.get(low) or ROLE_GENDER.get(low)


def description_gender(text: str) -> str | None:
    """The gender a description states ("a senior spokeswoman"), if its words agree on one."""
    found = {g for w in text.split() if (g := HONORIFIC_GENDER.get(w.lower().strip(".")) or ROLE_GENDER.get(w.lower()))}
    return found.pop() if len(found) == 1 else None


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    name: str
    subject: bool
    sent: int


@dataclass(slots=True)
class Speaker:
    offset: int
    name: str
    gender: str | None = None  # what the description says ("spokeswoman"), for unnamed speakers


@dataclass
class PersonMentions:
    """The people an article names, in order, with the gender evidence it gives for each."""

    doc: Doc
    spans: list[tuple[int, int, str]]
    mentions: list[_Mention] = field(init=False)
    _strong: dict[str, Counter] = field(init=False)
    _weak: dict[str, Counter] = field(init=False)

    def __post_init__(self) -> None:
        doc = self.doc
        self.sent_starts = [s.start_char for s in doc.sents]
        self.mentions = []
        self._strong = {}
        self._weak = {}
        seen: set[tuple[int, str]] = set()
        for start, end, name in sorted(self.spans):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not name or (start, name) in seen:
                continue
            seen.add((start, name))
            m = _Mention(start, end, name, span.root.dep_ in ("nsubj", "nsubjpass"), self.sentence(start))
            self.mentions.append(m)
            for g in self._stated(span):
                self._strong.setdefault(name, Counter())[g] += 1
            if m.subject and (g := self._referred_back(span)) is not None:
                self._weak.setdefault(name, Counter())[g] += 1
        self.starts = [m.start for m in self.mentions]

    def sentence(self, offset: int) -> int:
        return bisect_right(self.sent_starts, offset) - 1

    # ---- evidence ----------------------------------------------------------------------------
    def _stated(self, span) -> list[str]:
        """Honorifics and role nouns before the name, inside it, or in apposition to it."""
        doc = span.doc
        out = []
        i, words = span.start - 1, 0
        while i >= 0 and words < ROLE_WINDOW and not doc[i].is_space and doc[i].pos_ not in STOP_POS:
            if (g := word_gender(doc[i].text)) is not None:
                out.append(g)
                break
            words += 1
            i -= 1
        out.extend(g for t in span if t.lower_ not in PRONOUN_GENDER and (g := word_gender(t.text)) is not None)
        root = span.root
        for c in root.children:
            if c.dep_ == "appos" and (g := ROLE_GENDER.get(c.lemma_.lower()) or ROLE_GENDER.get(c.lower_)):
                out.append(g)
        if root.dep_ == "appos" and (g := ROLE_GENDER.get(root.head.lemma_.lower()) or ROLE_GENDER.get(root.head.lower_)):
            out.append(g)
        return out

    def _referred_back(self, span) -> str | None:
        """'X defended her record', 'X said his team …': a possessive or reflexive in X's own
        clause or X's reported one, before anyone else is named."""
        verb = span.root.head
        for t in span.doc[span.end : span.sent.end]:
            if t.ent_type_ == "PERSON":
                return None
            if t.lower_ in ("his", "her", "himself", "herself") and (t.dep_ == "poss" or t.lower_.endswith("self")):
                return PRONOUN_GENDER[t.lower_] if _in_clause_of(t, verb) else None
        return None

    def note(self, name: str, pronoun: str) -> None:
        """A he/she the text has resolved to `name`: evidence for the next one."""
        if (g := PRONOUN_GENDER.get(pronoun.lower())) is not None and name:
            self._weak.setdefault(name, Counter())[g] += 1

    def gender(self, name: str) -> str | None:
        for votes in (self._strong.get(name), self._weak.get(name)):
            if votes:
                top = votes.most_common(2)
                if len(top) == 1 or top[0][1] > top[1][1]:
                    return top[0][0]
                return None  # the evidence disagrees: say nothing
        return None

    # ---- resolution --------------------------------------------------------------------------
    def antecedent(self, offset: int, pronoun: str, speakers: Sequence[Speaker] = (), not_: str | None = None) -> str | None:
        """The person `pronoun` at `offset` stands for: a person named since the latest
        compatible speaker (as a subject, or anywhere in the sentence just before), else that
        speaker, else the latest compatible person named."""
        want = PRONOUN_GENDER.get(pronoun.lower())

        def fits(name: str, hint: str | None = None) -> bool:
            if not name or name == not_:
                return False
            have = self.gender(name) or hint
            return want is None or have is None or have == want

        speaker = next((s for s in reversed(speakers) if s.offset <= offset and fits(s.name, s.gender)), None)
        here = self.sentence(offset)
        floor = speaker.offset if speaker is not None else -1
        floor_sent = self.sentence(speaker.offset) if speaker is not None else -1
        hi = bisect_left(self.starts, offset)
        lo = max(bisect_right(self.starts, floor), hi - RECENT)  # a bounded look back keeps it linear
        since = [m for m in self.mentions[lo:hi] if fits(m.name)]
        # just named (this sentence or the one before, after the speaker's): a subject first
        near = [m for m in since if m.sent >= here - 1 and m.sent > floor_sent]
        for group in ([m for m in near if m.subject], near, [m for m in since if m.subject]):
            if group:
                return group[-1].name
        if speaker is not None:
            return speaker.name
        return next((self.mentions[i].name for i in range(hi - 1, max(-1, hi - 1 - RECENT), -1) if fits(self.mentions[i].name)), None)


def _in_clause_of(tok: Token, verb: Token) -> bool:
    """Whether `tok` hangs on `verb` without crossing into a clause of someone else's."""
    steps = 0
    while tok.i != verb.i and steps < 8:
        # what X says ("X said his team …") is still X's clause; a relative or adverbial one is not
        if tok.dep_ in ("advcl", "relcl", "conj", "acl", "parataxis") or tok.head.i == tok.i:
            return False
        tok, steps = tok.head, steps + 1
    return tok.i == verb.i
