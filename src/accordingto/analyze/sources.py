"""Who a statement comes from: the mention, its canonical name, type and role, and the
resolution of pronouns, descriptions and ellipses ("He added", "the admiral", "Another said")
to a source named or described earlier in the article."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..clean.outlets import OUTLET_WORD, outlet_table
from . import tables
from .frames import RELATIVE
from .hedges import doc_text
from .pronouns import PersonMentions, Speaker, description_gender

# Closed classes of head nouns (general English, not any article's names).
PERSON_NOUNS = set(
    ["source", "official", "officer", "expert", "chief", "spokesperson", "spokesman", "spokeswoman", "admiral", "general", "diplomat", "analyst", "insider", "aide", "adviser", "advisor", "relative", "witness", "resident", "observer", "critic", "person", "people", "man", "woman", "member", "employee", "staffer", "executive", "lawyer", "activist", "commander", "soldier", "lawmaker", "legislator", "politician", "figure", "representative", "negotiator", "investigator", "researcher", "scientist", "doctor", "friend", "colleague", "neighbour", "neighbor", "ally", "supporter", "opponent", "other", "some", "many", "one", "another", "both", "several", "insider", "agent", "operative", "defector", "journalist", "reporter", "correspondent", "veteran", "commentator", "economist", "historian", "professor", "academic", "specialist", "director", "manager", "boss", "colonel", "captain", "lieutenant", "sergeant", "minister", "secretary", "ambassador", "envoy", "governor", "mayor", "senator", "president", "premier", "chancellor", "leader", "prosecutor", "judge", "officer", "worker", "citizen", "mother", "father", "son", "daughter", "wife", "husband", "family"]
)
DOCUMENT_NOUNS = set(
    ["report", "assessment", "review", "count", "tally", "statement", "study", "survey", "document", "audit", "post", "memo", "filing", "analysis", "investigation", "data", "figures", "poll", "dossier", "transcript", "letter", "tweet", "release", "update", "bulletin", "research", "footage", "video", "recording", "cable", "leak", "census", "record", "message", "notice", "decree", "ruling", "judgment", "verdict", "indictment", "lawsuit", "paper", "estimate", "estimates", "finding", "findings", "summary", "readout", "communique", "communiqué", "note", "email", "evaluation", "forecast", "projection", "inquiry", "probe", "sheet", "spreadsheet", "minutes", "log", "invoice", "screenshot", "photo", "photograph", "image"]
)
GOVERNMENT_NOUNS = set(
    ["government", "administration", "ministry", "kremlin", "presidency", "cabinet", "department", "pentagon", "embassy", "authorities", "authority", "regime", "junta", "parliament", "duma", "senate", "congress", "intelligence", "mod", "office", "treasury", "police",
     "council", "municipality", "prefecture", "governorate"]
)
GOVERNMENT_NAMES = re.compile(
    r"^(the )?(white house|downing street|elysee|élysée|kremlin|pentagon|foreign office|home office|"
    r"state department|number 10|no 10|quai d'orsay|mod|fco)$",
    re.I,
)
# Named brands ("Reuters", "TASS") come from the outlet table, newspaper words from OUTLET_WORD.
ORG_WORDS = re.compile(
    r"\b(group|ministry|council|company|corp|corporation|inc|ltd|plc|agency|union|party|committee|court|bank|"
    r"association|institute|university|office|department|service|services|army|forces?|police|legion|corps|"
    r"front|movement|foundation|fund|organisation|organization|board|authority|commission|federation|league|"
    r"network|cent(re|er)|club|church|school|hospital|brigade|battalion|guard|command|government|"
    r"administration|coalition|alliance|society|trust|partners|holdings|industries|systems|labs?|chamber)\b",
    re.I,
)
ORG_NOUNS = {
    "company", "firm", "group", "party", "union", "agency", "bank", "organisation", "organization", "charity",
    "campaign", "operator", "manufacturer", "contractor", "insurer", "airline", "club", "league", "federation",
    "association", "institute", "university", "board", "committee", "commission", "foundation", "network",
    "coalition", "alliance",
}
PRESS_NOUNS = {"media", "paper", "newspaper", "website", "broadcaster", "outlet", "publication", "tabloid"}
OUTLET_NOUNS = set(["paper", "newspaper", "outlet", "broadcaster", "website", "site", "publication", "daily", "tabloid", "channel", "network", "agency"])
TITLE_NOUNS = set(
    ["president", "premier", "minister", "chancellor", "leader", "king", "queen", "governor", "mayor", "senator", "spokesman", "spokeswoman", "spokesperson", "secretary", "ambassador", "chief", "director", "head", "commander", "general", "admiral", "ceo", "chairman", "chairwoman", "founder", "boss", "activist", "expert", "analyst", "lawyer", "officer", "official", "prosecutor", "judge",
     "councillor", "councilor", "councilman", "councilwoman", "alderman", "mp", "mep", "congressman", "congresswoman",
     "representative", "deputy", "inspector", "superintendent", "sergeant", "detective", "professor"]
)
HEAD_OF_STATE = set(["president", "premier", "chancellor", "leader", "king", "queen"])
OUTLET_CUES = {"report", "learn", "understand", "reveal", "publish", "disclose", "obtain", "see"}
SPOKES_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "representative", "statement"}
PROSECUTION = {"prosecutor", "prosecution"}
HONORIFICS = set(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "lt", "col", "lt-col", "gen", "maj", "capt", "sgt", "rev", "fr", "st", "mayor", "engineer"])
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "who", "which", "that"}
FIRST_PERSON = {"i", "we", "me", "us", "you"}
ELLIPTICAL = {"another", "other", "second", "third"}


@dataclass(slots=True)
class Source:
    name: str | None
    type: str | None
    role: str | None = None
    text_head: str = ""  # lower-cased head noun of the mention, for descriptions ("admiral")
    mention: str = ""
    recipient: str | None = None
    via: list[str] = field(default_factory=list)
    plural: bool = False


def strip_det(text: str) -> str:
    return re.sub(r"^(the|a|an|one|some)\s+", "", text.strip(), flags=re.I).strip(" ,")


def strip_titles(name: str) -> str:
    """Titles the tagger swept into a name: "Engineer X", "Lt-Col X", "Mayor X"."""
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().strip(".") in TITLE_NOUNS | PERSON_NOUNS | HONORIFICS:
        parts = parts[1:]
    return " ".join(parts)


def _titled_name(name: str) -> str | None:
    """The personal name after a title ("Chief Fire Officer X Y" -> "X Y"): one to three
    capitalised words that name no organisation."""
    words = name.split()
    titles = [i for i, w in enumerate(words) if w.lower().strip(".") in TITLE_NOUNS | HONORIFICS]
    if not titles:
        return None
    rest = " ".join(words[titles[-1] + 1 :])
    if 1 <= len(rest.split()) <= 3 and all(w[:1].isupper() for w in rest.split()) and not ORG_WORDS.search(rest) and not OUTLET_WORD.search(rest):
        return rest
    return None


def clean_mention(text: str) -> str:
    return " ".join(re.sub(r"(’s|'s)$", "", text.strip()).split()).strip(" ,;:–-")


def is_outlet_name(name: str) -> bool:
    return outlet_table().by_name(name) is not None or bool(OUTLET_WORD.search(name))


def _span_text(doc: Doc, toks: list[Token]) -> str:
    if not toks:
        return ""
    return doc_text(doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)]


# What follows a noun without naming it: who saw or obtained it, a date, a relative clause.
_DESCRIBING = {"acl", "relcl", "appos", "advcl", "punct", "cc", "conj"}
_NAMING_PREPS = {"of", "on", "about", "into", "from", "for", "regarding"}


def _name_part(doc: Doc, head: Token, toks: list[Token]) -> str:
    """A described thing by its name: "the documents seen by MPA" is "documents" (MPA is how it
    reached us, a via), "the memo, dated 14 November and addressed to X" is "memo"; prepositional
    parts that say which one stay ("the report on the fire")."""
    kept = set(t.i for t in toks)
    for child in head.children:
        if child.i > head.i and (child.dep_ in _DESCRIBING or (child.dep_ == "prep" and child.lower_ not in _NAMING_PREPS)):
            kept -= {t.i for t in child.subtree}
    part = [t for t in toks if t.i in kept and t.i <= max(kept)]
    end = next((k for k, t in enumerate(part) if t.i > head.i and t.i - 1 not in kept), len(part))
    return clean_mention(_span_text(doc, part[:end])) or head.text


def mention_tokens(head: Token, stop: set[int] | None = None) -> list[Token]:
    """The contiguous source mention around `head`: its subtree, cut at tokens in `stop` (the
    quote or content) and at a verb it governs through a clause other than a relative clause."""
    stop = stop or set()
    toks = []
    for t in head.subtree:
        if t.i in stop:
            if t.i > head.i:
                break
            toks = []
            continue
        toks.append(t)
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    return toks


def role_of(head: Token, toks: list[Token], relative: bool = True) -> str | None:
    """The role stated with a named mention: an apposition ("X, an expert on …"), a relative clause,
    or the title words before the name ("Kremlin spokesman X")."""
    doc = head.doc
    for child in head.children:
        if child.dep_ == "appos" and not child.like_num and child.pos_ not in ("PRON", "NUM"):
            sub = list(child.subtree)
            if any(t.ent_type_ == "PERSON" for t in sub) and head.ent_type_ != "PERSON":
                continue
            return strip_det(_span_text(doc, sub)) or None
    ent_start = head.i
    while head.ent_type_ and ent_start > 0 and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    before = [t for t in toks if t.i < ent_start and not t.is_punct and t.dep_ != "det"]
    if before and any(t.pos_ == "NOUN" for t in before):
        return _span_text(doc, before)
    for child in head.children if relative else ():
        if child.dep_ == "relcl" and any(t.lower_ in RELATIVE for t in child.children):
            sub = [t for t in child.subtree if t.lower_ not in RELATIVE or t.i != child.left_edge.i]
            return strip_det(_span_text(doc, sub)) or None
    return None


class Resolver:
    """Types and resolves source mentions in document order, remembering who spoke."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.history: list[tuple[int, Source]] = []  # (char offset, source) of attributions so far
        self.outlets: list[str] = []
        self.ent_at = {t: e for e in doc.ents for t in range(e.start, e.end)}
        people = Counter()
        self.full_names: dict[str, str] = {}
        self.person_roles: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not self._is_place(ent.text):
                name = strip_titles(self._clean_ent(ent.text))
                parts = name.split()
                if len(parts) >= 2:
                    self.full_names.setdefault(parts[-1], name)
                people[self.full_names.get(parts[-1], name) if parts else name] += 1
                role = role_of(ent.root, list(ent.root.subtree))
                full = self.full_names.get(parts[-1], name) if parts else name
                if role and full not in self.person_roles:
                    self.person_roles[full] = role
        self.people = people
        # every person named, for "he"/"she": tagged names, untagged "First Last" subjects the
        # tagger missed, and surnames the article gave in full before, whatever the tagger made of them
        persons = [(e.start_char, e.end_char, self.canonical_person(e.text)) for e in doc.ents
                   if e.label_ == "PERSON" and not self._is_place(e.text)]
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON":
                continue
            if tok.text in self.full_names:
                persons.append((tok.idx, tok.idx + len(tok.text), self.full_names[tok.text]))
            elif tok.dep_ in ("nsubj", "nsubjpass") and not tok.ent_type_:
                words = strip_titles(self._head_name(tok)).split()
                if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not ORG_WORDS.search(" ".join(words)):
                    persons.append((tok.idx, tok.idx + len(tok.text), " ".join(words)))
        self.persons = PersonMentions(doc, persons)
        self._gpe = {c.name.lower() for c in tables.countries()} | {c.capital.lower() for c in tables.countries()}

    @staticmethod
    def _clean_ent(text: str) -> str:
        return " ".join(re.sub(r"(’s|'s)$", "", text.strip()).split())

    def _is_place(self, text: str) -> bool:
        return text.lower().strip() in getattr(self, "_gpe", set())

    def canonical_person(self, name: str) -> str:
        name = strip_titles(self._clean_ent(name))
        parts = name.split()
        if len(parts) == 1:
            return self.full_names.get(parts[0], name)
        return self.full_names.get(parts[-1], name)

    def remember(self, offset: int, src: Source) -> None:
        self.history.append((offset, src))
        if src.type == "media_outlet" and src.name:
            self.outlets.append(src.name)
        self.outlets.extend(v for v in src.via if v)

    def last(self, before: int) -> Source | None:
        """The latest speaker before `before`."""
        return next((src for off, src in reversed(self.history[-50:]) if off <= before), None)

    def person(self, before: int, pronoun: str) -> Source | None:
        """Who "he", "she" or "who" at `before` stands for: a single person who spoke or was named
        (pronouns.py weighs salience and the article's gender evidence)."""
        speakers = [
            (off, src) for off, src in self.history[-50:]
            if src.name and src.type in ("person", "anonymous") and not src.plural
        ]
        hints = [Speaker(off, src.name or "", description_gender(f"{src.role or ''} {src.mention} {src.text_head}"))
                 for off, src in speakers]
        name = self.persons.antecedent(before, pronoun, hints)
        if name is None:
            return None
        spoke = next((src for _, src in reversed(speakers) if src.name == name), None)
        if spoke is not None:
            return spoke
        return Source(name, "person", self.person_roles.get(name), name.split()[-1].lower())

    def recent(self, before: int, max_distance: int) -> Source | None:
        """The source of the latest attribution no further than `max_distance` characters back."""
        for off, src in reversed(self.history[-10:]):
            if off <= before and before - off <= max_distance:
                return src
        return None

    # ---- typing a mention ------------------------------------------------------------------
    def classify(self, head: Token, toks: list[Token], before: int, cue: str = "") -> Source:
        doc = self.doc
        text = clean_mention(_span_text(doc, toks)) or head.text
        low = head.lower_
        if low in FIRST_PERSON:
            return Source(None, None, text_head=low, mention=text)
        if low in PRONOUNS:
            ref = self.person(before, low) if low in ("he", "she", "who", "his", "her") else self.last(before)
            if ref is not None and ref.name and ref.type == "person":
                self.persons.note(ref.name, low)
            if ref is None and low in ("he", "she"):
                return Source("unidentified speaker", "person", text_head=low, mention=text)
            if ref is None:
                return Source(None, None, text_head=low, mention=text)
            return Source(ref.name, ref.type, ref.role, ref.text_head, text)
        head_text = self._head_name(head)
        if GOVERNMENT_NAMES.match(head_text):
            return Source(head_text, "government", None, head.lemma_.lower(), text)
        # a named person anywhere in the mention (appositions: "the representative …, lawyer X")
        if head.ent_type_ == "GPE" or self._is_place(head.text):
            # a broken parse hangs the speaker on a place as its apposition: "… Kazakhstan, the premier said"
            appos = next((c for c in head.children if c.dep_ == "appos" and c.lemma_.lower() in TITLE_NOUNS | PERSON_NOUNS), None)
            if appos is not None:
                return self.classify(appos, mention_tokens(appos), before)
        person = self._person_in(head, toks)
        if person is not None:
            ent = self.ent_at.get(person.i)
            name = self.canonical_person(ent.text if ent and ent.label_ == "PERSON" else self._head_name(person))
            name = _titled_name(name) or name
            # a title stated here, else the first one the article gives, else a relative clause here
            role = role_of(head, toks, relative=False) or self.person_roles.get(name) or role_of(head, toks)
            return Source(name, "person", role, head.lower_, text)
        head_text = self._head_name(head)
        lower_head = head.lemma_.lower()
        if lower_head in SPOKES_NOUNS:
            # "a spokesman for the Interior Ministry": the spokesperson speaks for the body
            prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of")), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            # "his spokeswoman", "Korbel's spokesman": the possessor is who speaks
            pobj = pobj or next((c for c in head.children if c.dep_ == "poss" and c.lower_ not in ("its", "their")), None)
            if pobj is not None:
                body = self.classify(pobj, mention_tokens(pobj), before)
                if body.type in ("government", "organisation", "media_outlet", "person") and body.name:
                    return Source(body.name, body.type, strip_det(text), lower_head, text)
            comp = [c for c in head.children if c.dep_ == "compound" and c.lemma_.lower() in GOVERNMENT_NOUNS]
            if comp and head.pos_ == "NOUN":
                return Source(strip_det(text), "government", strip_det(text), lower_head, text)
            mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
            if not mods or all(c.lemma_.lower() in ORG_NOUNS for c in mods):
                # "a spokesman said", "a company spokesman": speaks for the body last heard from
                body = next((src for off, src in reversed(self.history[-20:]) if off <= before and src.type in ("organisation", "government")), None)
                if body is not None:
                    return Source(body.name, body.type, strip_det(text), lower_head, text)
        if head.lower_ in ELLIPTICAL or any(t.lower_ in ELLIPTICAL and t.dep_ in ("det", "amod") for t in head.children):
            prev = self.last(before)
            if prev is not None and prev.type == "anonymous":
                return Source(prev.name, "anonymous", prev.role, prev.text_head, text, prev.recipient, list(prev.via))
            return Source(strip_det(text), "anonymous", None, lower_head, text)
        if GOVERNMENT_NAMES.match(head_text) or self._is_place(head_text):
            return Source(head_text, "government", None, lower_head, text)
        if head.pos_ == "PROPN" or head.ent_type_ in ("ORG", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART"):
            if head.ent_type_ == "GPE" or self._is_place(head.text):
                return Source(head_text, "government", None, lower_head, text)
            if head.ent_type_ == "NORP":
                return Source(text, "anonymous", None, lower_head, text)
            if is_outlet_name(head_text):
                return Source(text, "media_outlet", None, lower_head, text)
            if lower_head in GOVERNMENT_NOUNS or any(w in GOVERNMENT_NOUNS for w in head_text.lower().split()):
                return Source(head_text, "government", None, lower_head, text)
            if cue in OUTLET_CUES and head.ent_type_ not in ("PERSON", "NORP") and not head_text.isupper():
                # "the Ledger Project has learned", "the Gazette understands": a newsroom's verbs
                return Source(text, "media_outlet", None, lower_head, text)
            return Source(head_text, "organisation", role_of(head, toks), lower_head, text)
        if head.ent_type_ == "NORP" or (head.pos_ == "ADJ" and head.ent_type_):
            return Source(text, "anonymous", None, lower_head, text)
        # common-noun heads; an organisation named inside the mention: 'the rights group "X"'
        named = next((t for t in toks if t.ent_type_ == "ORG" and t.head.i == head.i and t.dep_ in ("appos", "npadvmod", "dobj", "attr", "compound") and t.pos_ == "PROPN"), None)
        if named is not None and lower_head in SPOKES_NOUNS:
            return Source(self._head_name(named), "organisation", strip_det(text), lower_head, text)
        if named is not None and lower_head not in DOCUMENT_NOUNS | PERSON_NOUNS:
            return Source(self._head_name(named), "organisation", strip_det(text), lower_head, text)
        if lower_head in OUTLET_NOUNS and any(t.lower_ in ("the", "this") for t in head.children) and self.outlets:
            return Source(self.outlets[-1], "media_outlet", None, lower_head, text)
        if lower_head in PRESS_NOUNS or head.lower_ in PRESS_NOUNS:
            # "local media reported", "the investigative website revealed": a newsroom, named or not
            named = self._outlet_named_before(head.idx) if any(t.lower_ in ("the", "this") for t in head.children) else None
            return Source(named or strip_det(text), "media_outlet", None, lower_head, text)
        if lower_head in GOVERNMENT_NOUNS or head.lower_ in GOVERNMENT_NOUNS:
            return Source(strip_det(text), "government", None, lower_head, text)
        if lower_head in PROSECUTION and (head.tag_ in ("NNS", "NNPS") or head.dep_ == "pobj"):
            # "prosecutors said", "a spokesman for the military prosecutor": the state's prosecution service
            return Source(strip_det(text), "government", None, lower_head, text)
        if lower_head in DOCUMENT_NOUNS or head.lower_ in DOCUMENT_NOUNS:
            # "an investigation by the Herald": the outlet's own reporting
            by = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            author = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            if author is not None and author.pos_ == "PROPN" and is_outlet_name(self._head_name(author)):
                return Source(self._head_name(author), "media_outlet", None, lower_head, text)
            return Source(strip_det(_name_part(doc, head, toks)), "document", None, lower_head, text)
        definite = any(t.lower_ in ("the", "this", "that") and t.dep_ == "det" for t in head.children)
        plural = head.tag_ in ("NNS", "NNPS")
        if definite or (lower_head in ORG_NOUNS and not plural):
            mods = [c.lower_ for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
            ref = self._description(lower_head, before, mods)
            if ref is not None:
                return Source(ref.name, ref.type, ref.role, ref.text_head, text)
        name = strip_det(text.split(",")[0]) or strip_det(text)
        if lower_head in ORG_NOUNS and not plural:
            return Source(name, "organisation", None, lower_head, text)
        return Source(name, "anonymous", strip_det(text) if lower_head in PERSON_NOUNS else None, lower_head, text, plural=plural)

    def _person_in(self, head: Token, toks: list[Token]) -> Token | None:
        """The named person a mention stands for: its head, or a name in apposition to it
        ("the representative of the group, lawyer X"); a name whose tag says otherwise still
        counts when an apposition calls it a person ("X, a former officer") or the article names
        that person elsewhere."""
        if head.pos_ == "PROPN" and not self._is_place(head.text) and not OUTLET_WORD.search(self._head_name(head)):
            if head.ent_type_ == "PERSON" or head.text in self.full_names or self.canonical_person(head.text) in self.people:
                return head
            if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS | TITLE_NOUNS for c in head.children):
                return head
            if head.dep_ == "appos" and head.head.lemma_.lower() in PERSON_NOUNS | TITLE_NOUNS and self._titled_person(head):
                return head
            # an untagged "First Last" with no organisation word: the tagger missed a person
            words = strip_titles(self._head_name(head)).split()
            if head.ent_type_ == "" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not ORG_WORDS.search(" ".join(words)):
                return head
        if head.pos_ == "PROPN" and _titled_name(self._head_name(head)):
            return head  # "Chief Fire Officer X Y": a title the tagger read as an organisation's name
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and (c.ent_type_ == "PERSON" or c.text in self.full_names):
                return c
        if head.pos_ == "NOUN" and head.lemma_.lower() in TITLE_NOUNS | PERSON_NOUNS:
            for c in head.subtree:
                if c.dep_ == "appos" and c.head.i == head.i and (c.ent_type_ == "PERSON" or self._titled_person(c)):
                    return c
        return None

    def _titled_person(self, name: Token) -> bool:
        """'the firm's chief executive, X': a proper name in apposition to a person's title names a
        person, whatever the tagger made of it, unless it has an organisation's or outlet's word."""
        text = self._head_name(name)
        return name.pos_ == "PROPN" and not ORG_WORDS.search(text) and not OUTLET_WORD.search(text) and not self._is_place(text)

    def _outlet_named_before(self, offset: int) -> str | None:
        """The latest outlet the article named before `offset`."""
        named = [e for e in self.doc.ents if e.end_char <= offset and e.label_ in ("ORG", "WORK_OF_ART", "PRODUCT") and is_outlet_name(self._clean_ent(e.text))]
        return re.sub(r"^the\s+", "", self._clean_ent(named[-1].text), flags=re.I) if named else None

    def _head_name(self, head: Token) -> str:
        """The proper name a head token belongs to (its entity, or its compound chain)."""
        doc = self.doc
        ent = self.ent_at.get(head.i)
        if ent is not None:
            return re.sub(r"^the\s+", "", self._clean_ent(ent.text), flags=re.I)
        left = head.i
        for t in head.lefts:
            if t.dep_ in ("compound", "nmod") and t.pos_ == "PROPN":
                left = min(left, t.left_edge.i)
        while doc[left].pos_ in ("DET", "PUNCT") and left < head.i:
            left += 1
        return self._clean_ent(doc_text(doc)[doc[left].idx : head.idx + len(head.text)])

    def _description(self, noun: str, before: int, mods: list[str]) -> Source | None:
        """'the admiral', 'the Russian president': an earlier source so described, or the person
        the article names with that title, or (for a head of state) its most-mentioned person."""
        for off, src in reversed(self.history[-50:]):
            if off > before:
                continue
            described = " ".join(x for x in (src.role, src.mention, src.text_head) if x).lower()
            if re.search(rf"\b{re.escape(noun)}s?\b", described) and all(m in described for m in mods):
                return src
        for name, role in self.person_roles.items():
            if re.search(rf"\b{re.escape(noun)}\b", role.lower()):
                return Source(name, "person", role, noun)
        if noun in HEAD_OF_STATE and self.people:
            name = self.people.most_common(1)[0][0]
            return Source(name, "person", self.person_roles.get(name), noun)
        return None

    def recipient(self, tok: Token) -> tuple[str | None, bool]:
        """A recipient's name and whether it is a media outlet ("told Insider", "told the paper")."""
        if tok.pos_ == "PRON":
            return None, False  # "directing it to …": the addressee is only a pronoun
        toks = [t for t in mention_tokens(tok) if t.i <= tok.i or t.dep_ in ("compound", "flat")]
        text = clean_mention(_span_text(self.doc, toks)).split(",")[0] or tok.text
        name = self._head_name(tok) if tok.pos_ == "PROPN" else text
        if tok.lemma_.lower() in OUTLET_NOUNS and self.outlets and any(c.lower_ == "the" for c in tok.children):
            return self.outlets[-1], True
        if tok.text[:1].isupper() and tok.pos_ == "NOUN" and is_outlet_name(text):
            return strip_det(text) if not text.lower().startswith("the ") else text, True
        if tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON" and not self._is_place(name) and name not in self.full_names:
            if is_outlet_name(name):
                return text, True
            looks_org = tok.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "") and not name.isupper()
            gov = GOVERNMENT_NAMES.match(name) or any(w in GOVERNMENT_NOUNS for w in name.lower().split())
            if looks_org and not gov:
                return name, True
        return text, False
