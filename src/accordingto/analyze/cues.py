"""The reporting-cue lexicon (data/cues.tsv): verbs, nouns, evidential passives and adverbs,
each with the polarity it gives a statement and flags for how its content is found."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    part: str  # verb | noun | evid | adv
    polarity: str
    hedge: bool = False  # the cue itself weakens the claim ("claimed", "suggested")
    of: bool = False  # a noun whose content may follow "of" / "for" ("calls for …")
    obj: bool = False  # a verb whose content may be its object noun phrase ("denied responsibility")


@dataclass(frozen=True, slots=True)
class Lexicon:
    single: dict[tuple[str, str], Cue]
    phrasal: dict[tuple[str, str], Cue]  # (lemma, particle or object head) -> cue

    def verb(self, tok: Token) -> Cue | None:
        """The cue a verb token evokes, preferring its phrasal reading ("play down", "set out")."""
        lemma = tok.lemma_.lower()
        for child in tok.children:
            if child.dep_ in ("prt", "dobj") and (
                cue := self.phrasal.get((lemma, child.lemma_.lower()))
            ):
                return cue
        return self.single.get((lemma, "verb"))

    def get(self, lemma: str, part: str) -> Cue | None:
        return self.single.get((lemma.lower(), part))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    single: dict[tuple[str, str], Cue] = {}
    phrasal: dict[tuple[str, str], Cue] = {}
    text = resources.files("accordingto.data").joinpath("cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, part, polarity, *rest = line.split("\t")
        flags = set(rest[0].split(",")) if rest and rest[0] else set()
        cue = Cue(lemma, part, polarity, "hedge" in flags, "of" in flags, "obj" in flags)
        words = lemma.split()
        if len(words) == 2 and part == "verb":
            phrasal[(words[0], words[1])] = cue
        else:
            single.setdefault((lemma, part), cue)
    return Lexicon(single, phrasal)
