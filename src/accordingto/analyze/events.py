"""Events (dismissal, arrest, …) with trigger, participants, place, time and modality.

Triggers come from the bundled trigger table (lemma -> type, with a sense condition checked on
the parse). Participants are read from the dependency parse: subject and object of a verb
(swapped in the passive), the possessor or "of"/"against"/"on" object of a noun, the subject of
the light verb governing a noun ("launched an investigation"). Modality comes from the verbs
and auxiliaries above the trigger: "will", "plans to" (planned), "could have", "if" (hypothetical),
"not", "no", "denied" (negated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Article, Attribution, DateEstimate, Entity, Event, Modality, Span, TimeExpr
from .dates import anchor_date, time_expressions
from .entities import headline_case
from .hedges import doc_text
from .pronouns import PersonMentions, Speaker
from .tables import adjectives, countries, triggers

PERSON_NOUNS = {
    "official", "officer", "officers", "agent", "employee", "minister", "general", "chief", "head", "director",
    "commander", "man", "woman", "men", "women", "people", "person", "journalist", "activist", "scientist",
    "soldier", "civilian", "member", "leader", "critic", "opponent", "lawyer", "spy", "traitor", "executive",
    "governor", "mayor", "deputy", "colonel", "admiral", "staff", "worker", "citizen", "student", "protester",
    "ex-director", "boss", "aide", "adviser", "businessman", "oligarch", "suspect", "prisoner", "defector",
    "manager", "owner", "driver", "operator", "chairman", "chairwoman", "captain", "sergeant", "lieutenant",
    "priest", "doctor", "nurse", "teacher", "pilot", "resident", "villager", "miner", "refugee", "migrant",
    "child", "children", "girl", "boy", "teenager", "victim", "husband", "wife", "son", "daughter", "father",
    "mother", "farmer", "blogger", "dissident", "opposition", "politician", "lawmaker", "mp", "senator",
    "judge", "prosecutor", "diplomat", "ambassador", "spokesman", "spokeswoman", "crew", "family", "relative",
}
MILITARY_NOUNS = {
    "troop", "troops", "force", "forces", "army", "unit", "units", "soldier", "soldiers", "military",
    "battalion", "brigade", "division", "regiment", "operation", "operations", "column", "columns",
}
PRISON_NOUNS = {"prison", "jail", "gaol", "colony", "camp", "detention", "custody", "gulag", "cell"}
LIGHT_VERBS = {
    "launch", "carry", "conduct", "stage", "mount", "begin", "start", "step", "intensify", "continue", "open",
    "order", "lead", "wage", "unleash", "make", "do", "undertake", "announce", "escalate", "seek", "reach",
    "request", "claim", "win", "commit", "perpetrate", "execute", "embark", "increase", "boost", "expand",
}
STATE_VERBS = {"remain", "be", "stay", "spend", "sit", "languish", "stand", "lie"}
AFFECTING = {"target", "hit", "affect", "strike", "claim", "kill", "wound", "injure", "damage", "destroy", "sweep"}
# "a barrage of strikes", "a wave of arrests": the event is the noun after "of".
COLLECTIVES = {"barrage", "wave", "series", "spate", "string", "campaign", "round", "flurry", "number"}
# A noun modifying one of these is the event itself ("a bombing campaign").
EVENT_HEADS = {"campaign", "operation", "operations", "spree", "wave", "toll"}
PARTITIVES = {"part", "parts", "some", "much", "most", "half", "all", "section", "sections", "portion", "one"}
# For these types a possessor undergoes the event ("the minister's dismissal"); for others it acts.
UNDERGOER = {"dismissal", "arrest", "detention", "imprisonment", "death", "killing", "sentencing", "charge", "evacuation"}
PLAN_VERBS = {
    "plan", "intend", "prepare", "aim", "want", "threaten", "hope", "vow", "promise", "propose",
    "consider", "expect", "mean", "try", "attempt", "pledge", "schedule", "need",
}
PLAN_NOUNS = {"plan", "plans", "proposal", "threat", "intention", "bid", "attempt"}
NEGATORS = {"deny", "refute", "reject", "prevent", "block", "avoid", "foil"}
# What someone is urged or asked to do has not happened: it is read as hypothetical.
DEMANDS = {"call", "calls", "urge", "demand", "appeal", "press", "ask", "request", "plead"}
# What someone in authority orders is decided, not done yet: planned.
ORDERS = {"order", "tell", "instruct", "direct", "command", "authorise", "authorize"}
WEAPONS = {
    "drone", "missile", "rocket", "bomb", "shell", "artillery", "mine", "torpedo", "explosive", "strike",
    "airstrike", "gunman", "attacker", "militant", "soldier", "troop", "force", "sniper", "jet", "aircraft",
}
MODALS_HYPO = {"could", "might", "may", "should", "must", "can"}
MODALS_FUTURE = {"will", "would", "shall", "'ll", "wo"}
PLACE_PREPS = {"in", "at", "near", "inside", "across", "into", "from", "outside", "around", "throughout", "on"}
ARG_PREPS = {"of", "against", "on", "by", "for"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
DURATION = re.compile(
    r"^(?:for |within |over |about |nearly )?(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|twenty|thirty|several|a few|few|many)[- ](?:days?|weeks?|months?|years?|decades?|hours?|minutes?)$",
    re.I,
)
PLACE_NOUNS = {
    "city", "town", "village", "region", "province", "district", "border", "area", "home", "house", "capital",
    "port", "street", "square", "base", "prison", "jail", "colony", "camp", "airport", "station", "embassy",
    "building", "office", "court", "hospital", "school", "front", "frontline", "territory", "country", "coast",
}
PRONOUNS = {"he", "she", "him", "her", "his", "hers"}


@dataclass(slots=True)
class _Names:
    """Entity mentions by character offset, to name a participant by its canonical entity."""

    spans: list[tuple[int, int, str, str]]  # start, end, canonical, type
    people: PersonMentions
    speakers: list[Speaker]  # who spoke where, the likeliest "he" or "she" after it

    def at(self, tok: Token) -> tuple[str, str] | None:
        """The narrowest entity mention over a token; a named event is not a participant."""
        hits = [(end - start, canonical, label) for start, end, canonical, label in self.spans
                if start <= tok.idx < end and label != "EVENT"]
        return min(hits)[1:] if hits else None

    def person_for(self, pronoun: Token, not_: str | None = None) -> str | None:
        """Who "he" or "she" most likely means (pronouns.py). Inside a quote, "he" is not the
        speaker (`not_`)."""
        return self.people.antecedent(pronoun.idx, pronoun.lower_, self.speakers, not_)


def extract_events(
    doc: Doc,
    attributions: list[Attribution],
    entities: list[Entity],
    article: Article,
    estimate: DateEstimate | None,
) -> list[Event]:
    spans = [(m.start, m.end, e.canonical, e.type) for e in entities for m in e.mentions]
    names = _Names(
        spans,
        PersonMentions(doc, [(start, end, name) for start, end, name, label in spans if label == "PERSON"]),
        [Speaker(a.sentence.start, a.source) for a in attributions if a.source and a.source_type == "person"],
    )
    anchor = anchor_date(article, estimate)
    table = triggers()
    events: list[Event] = []
    seen: set[str] = set()
    for tok in doc:
        found = _trigger(tok, table)
        if found is None:
            continue
        kind, start, end = found
        if _in_offence(tok):
            continue  # "charged with negligence causing death": the offence, not a death
        if _anaphoric(tok, kind) and kind in seen:
            continue  # "the invasion" again: a mention of an event already listed
        agent = _agent_token(tok, kind)
        if agent is not None and _pos(tok) == "verb" and _trigger(agent, table):
            continue  # "hit by a counter-attack": the noun carries the event
        if kind == "killing" and _pos(tok) == "verb" and _passive(tok) and agent is None:
            kind = "death"  # "12 people were killed in the fire": deaths, nobody named as killer
        event = _event(doc, tok, kind, start, end, names, attributions, anchor)
        # What might have happened, or did not, is not an event ("could have fired him").
        if event.modality not in ("actual", "planned") or _repeats(event, events, _pos(tok)):
            continue
        seen.add(kind)
        events.append(event)
    return events


def _in_offence(tok: Token) -> bool:
    """Inside what someone is charged with or accused of ("charged with murder")."""
    cur = tok
    for _ in range(5):
        head = cur.head
        if head.i == cur.i or cur.dep_ == "conj":
            return False  # a conjunct may be the accusation's sibling, not its content
        if cur.dep_ == "pobj" and head.lower_ in ("with", "of") and head.head.lemma_.lower() in (
            "charge", "accuse", "accusation", "convict", "indict", "suspect", "sentence", "guilty", "charged"
        ):
            return True
        cur = head
    return False


def _repeats(event: Event, events: list[Event], pos: str) -> bool:
    """A second mention of one event: a same-type noun in the same sentence that names nobody new,
    or a noun naming the same undergoer as an earlier event of its type ("the minister's dismissal")."""
    for e in events:
        if e.type != event.type:
            continue
        same_sentence = e.sentence.start == event.sentence.start
        if pos == "noun" and same_sentence and not event.agent and not event.patient:
            return True
        if same_sentence and e.trigger.start < event.trigger.end and event.trigger.start < e.trigger.end:
            return True  # "death" and "death toll": one mention read twice
        counted = event.patient is not None and event.patient.replace(",", "").replace(".", "").isdigit()
        if pos == "noun" and event.patient and e.patient == event.patient and not same_sentence and not counted:
            return True  # a second toll of 13 is a new report of the toll, not the same 13 again
    return False


# -- triggers -----------------------------------------------------------------------------------


def _pos(tok: Token) -> str:
    return {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adj"}.get(tok.pos_, "other")


def _hyphen_word(tok: Token) -> tuple[str, int, int] | None:
    """ "call-up", "counter-attacks": the joined word, ending at this token, with its token range."""
    doc = tok.doc
    i = tok.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        return f"{doc[i - 2].lower_}-{tok.lemma_.lower()}", i - 2, i + 1
    return None


def _trigger(tok: Token, table: dict[str, list[tuple[str, str, str]]]) -> tuple[str, int, int] | None:
    """(type, start token, end token) if `tok` heads an event mention of a listed sense."""
    if tok.is_punct or tok.is_space:
        return None
    pos = _pos(tok)
    candidates: list[tuple[str, int, int]] = []
    if hyphen := _hyphen_word(tok):
        candidates.append(hyphen)
    for child in tok.children:
        if child.dep_ == "prt":
            candidates.append((f"{tok.lemma_.lower()} {child.lower_}", tok.i, child.i + 1))
        if child.dep_ == "compound" and child.i == tok.i - 1:
            candidates.append((f"{child.lower_} {tok.lemma_.lower()}", child.i, tok.i + 1))
    candidates.append((tok.lemma_.lower(), tok.i, tok.i + 1))
    candidates.append((tok.lower_, tok.i, tok.i + 1))
    bare = tok.lower_.removesuffix("s")
    if bare not in table and not any(key in table for key, _, _ in candidates):
        return None  # most words: no need to look at their sentence
    headline = headline_case(tok.sent)
    if headline:  # headline capitals mislead the tagger: read the word itself
        candidates.append((bare, tok.i, tok.i + 1))
    for key, start, end in candidates:
        for kind, want, sense in table.get(key, []):
            if headline:
                nxt = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
                if want == "noun" and nxt is not None and nxt.is_alpha and nxt.text[0].isupper():
                    return None  # "Invasion Failures": a modifier
                return kind, start, end
            if want != "any" and want != pos:
                continue
            if _modifier(tok):
                return None  # "murder investigation", "invasion failures": not an event itself
            if tok.doc[start - 1 : start].text.lower() == "in" and tok.lower_ in ("charge", "order"):
                return None  # "in charge of", "in order to"
            if _sense(tok, sense, kind):
                return kind, start, end
    return None


def _modifier(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ == "conj":
        return head.dep_ in ("compound", "nmod", "amod") and _modifier(head)
    return (
        tok.dep_ in ("compound", "nmod", "amod")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i > tok.i
        and head.lower_ not in EVENT_HEADS
    )


def _sense(tok: Token, sense: str, kind: str) -> bool:
    if not sense:
        return True
    if sense == "person":
        patient = _patient_token(tok, kind)
        return patient is not None and _is_people(patient)
    if sense == "custody":
        patient = _patient_token(tok, kind) if _passive(tok) else None
        return patient is not None and _is_people(patient)
    if sense == "armed":  # an unnamed hand may be armed; a named fire or storm is not
        agent = _agent_token(tok, kind)
        if agent is not None and agent.lower_ in ("that", "which") and agent.head.dep_ == "relcl":
            agent = agent.head.head
        return agent is None or (_is_people(agent) or _is_military(agent) or agent.lemma_.lower() in WEAPONS
                                      or agent.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"))
    if sense == "prison":
        return any(t.lemma_.lower() in PRISON_NOUNS or t.ent_type_ == "FAC" for t in _pp_objects(tok, {"to", "into"}))
    if sense == "military":
        parties = [_agent_token(tok, kind), _patient_token(tok, kind), *(c for c in tok.children if c.dep_ == "dobj")]
        return any(p is not None and _is_military(p) for p in parties)
    if sense == "directive":  # "told the police ... to track down": someone addressed, then a to-infinitive
        objects = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
        return bool(objects) and any(
            t.dep_ == "aux" and t.lower_ == "to" and t.head.pos_ == "VERB" and t.head.head in (tok, *objects)
            for t in tok.subtree
        )
    if sense == "criminal":  # people are charged; phones and batteries are not
        if tok.pos_ == "VERB":
            patient = _patient_token(tok, kind)
            if patient is not None and _is_people(patient):
                return True
        return tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children) or (
            tok.pos_ == "NOUN"
            and (any(c.dep_ in ("compound", "amod") for c in tok.children)
                 or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
                 or tok.head.lower_ in ("on", "with", "face", "faces", "facing"))
        )
    return True


def _is_people(tok: Token) -> bool:
    return (
        tok.ent_type_ in ("PERSON", "NORP")
        or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC", "PRODUCT", "DATE"))
        or tok.lower_ in PRONOUNS | {"them", "they", "who", "whom"}
        or tok.lemma_.lower() in PERSON_NOUNS
        or tok.lower_ in PERSON_NOUNS
    )


def _is_military(tok: Token) -> bool:
    return tok.lemma_.lower() in MILITARY_NOUNS or tok.lower_ in MILITARY_NOUNS or tok.ent_type_ in ("GPE", "NORP")


def _anaphoric(tok: Token, kind: str) -> bool:
    """A definite nominal trigger without its own participants refers back to an earlier event."""
    if _pos(tok) != "noun":
        return False
    definite = any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
        or (c.dep_ == "poss" and (c.pos_ == "PRON" or c.ent_type_ in ("DATE", "TIME")))
        for c in tok.children
    )
    args = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ARG_PREPS]
    patient = _patient_token(tok, kind)
    return definite and not args and (patient is None or patient.pos_ == "PRON")


# -- participants -------------------------------------------------------------------------------


def _passive(tok: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children):
        return True
    if tok.dep_ == "conj" and tok.tag_ == "VBN":
        return _passive(tok.head)
    kids = list(tok.children)
    if any(c.dep_ == "dobj" for c in kids):
        return False
    # A bare participle: "offices hit with ...", "found hanged", "with 70 offices hit".
    if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("acl", "oprd"):
        return not any(c.dep_ == "nsubj" for c in kids)
    return tok.tag_ == "VBN" and tok.dep_ == "pcomp" and not any(c.dep_ in ("aux", "auxpass") for c in kids)


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, inherited through coordination and control ("fled ... and hiding",
    "forced the army to launch")."""
    cur: Token | None = tok
    for _ in range(4):
        if cur is None:
            return None
        # Of two subjects the parser gave one verb, the nearer: the farther is most often a dateline
        # ("NORRVIK, June 9 (MPA) - Valdera's government ordered ...").
        subj = max((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cur.i),
                   key=lambda c: c.i, default=None)
        subj = subj or next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        head = cur.head
        if cur.dep_ == "advcl" and cur.tag_ == "VBG":
            return _clause_subject(cur)  # "..., directing it to": the main clause's subject acts
        if cur.dep_ == "pcomp" and head.dep_ == "agent":
            return None  # "rocked by shelling": the shelling's subject is not the sentence's
        if cur.dep_ == "pcomp" and head.lower_ in ("of", "for", "with") and (
            obj := next((c for c in head.head.children if c.dep_ == "dobj"), None)
        ):
            return obj  # "accused the minister of firing his deputies": the minister fires
        if cur.dep_ == "xcomp" and (obj := next((c for c in head.children if c.dep_ == "dobj"), None)):
            return obj
        if cur.dep_ in ("conj", "xcomp", "advcl", "oprd", "pcomp") and head.i != cur.i:
            cur = head.head if head.dep_ == "prep" and cur.dep_ == "pcomp" else head
        else:
            return None
    return None


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the sentence's main clause: the fallback for an agentless passive."""
    root = tok.sent.root
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _agent_token(tok: Token, kind: str) -> Token | None:
    pos = _pos(tok)
    if pos == "verb" and kind == "death":
        return None  # "three miners died": nobody acts
    if pos == "verb":
        if _passive(tok):
            by = next((c for c in tok.children if c.dep_ == "agent"), None)
            if by is None and tok.dep_ == "conj":
                by = next((c for c in tok.head.children if c.dep_ == "agent"), None)
            return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        subj = _subject(tok)
        if subj is None:
            # A gerund adrift in a bad parse ("..., as well as hiding") acts with the main clause.
            return _clause_subject(tok) if tok.tag_ == "VBG" and tok.dep_ in ("conj", "advcl") else None
        # "are said to have crossed": a raised passive subject acts in the infinitive; its own does not.
        return subj if subj.dep_ != "nsubjpass" or subj.head.i != tok.i else None
    if pos == "noun":
        if kind not in UNDERGOER and (poss := _possessor(tok)) is not None:
            return poss
        by = _pp_objects(tok, {"by"})
        if by:
            return by[0]
        for acl in (c for c in tok.children if c.dep_ == "acl"):  # "an audit commissioned by X"
            if agent := _pp_objects(acl, {"by"}):
                return agent[0]
        host = _host(tok)
        if host.dep_ in ("dobj", "attr") and host.head.lemma_.lower() in LIGHT_VERBS:
            return _agent_token(host.head, kind)
        for c in tok.children:  # "a Russian invasion": a nationality standing for its state
            if c.dep_ in ("amod", "compound") and c.lower_ in adjectives():
                return c
        if _modifier_of_event_head(tok):
            return _agent_token(tok.head, kind)
    return None


def _modifier_of_event_head(tok: Token) -> bool:
    """ "Putin's mobilisation campaign": the head noun carries the participants."""
    return tok.dep_ in ("compound", "nmod", "amod") and tok.head.lower_ in EVENT_HEADS


def _possessor(tok: Token) -> Token | None:
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None or poss.ent_type_ in ("DATE", "TIME"):
        return None
    return poss


def _host(tok: Token) -> Token:
    """The noun that stands in the clause for a trigger: "a barrage of strikes" -> barrage."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in COLLECTIVES:
        return tok.head.head
    return tok


def _patient_token(tok: Token, kind: str) -> Token | None:
    pos = _pos(tok)
    if tok.dep_ in ("pobj", "pcomp") and tok.head.dep_ == "agent":  # "rocked by shelling", "hit by a counter-attack"
        return _patient_token(tok.head.head, kind)
    if pos == "verb" and kind == "death":
        return _subject(tok)  # "people ... die": the subject undergoes it
    if pos == "verb":
        if _passive(tok):
            subj = _subject(tok)
            if subj is not None:
                return subj
            if tok.dep_ == "acl":
                return tok.head
            return _clause_subject(tok)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lower_ in PARTITIVES:  # "destroyed parts of the dam"
            obj = next(iter(_pp_objects(obj, {"of"})), obj)
        return obj
    if pos == "noun":
        preps = {"against", "on"} if kind == "charge" else {"of", "against", "on"}  # "charges of X": X is the offence
        if kind == "purge":
            preps |= {"in", "within"}  # "a purge in the army"
        if kind == "investigation":
            preps |= {"into"}  # "an investigation into the crash"
        objs = [o for o in _pp_objects(tok, preps) if not (o.ent_type_ in PLACE_TYPES and o.head.lower_ != "of")]
        if objs:
            return objs[0]
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in AFFECTING:
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "the purge has targeted judges"
        if kind in ("purge", "investigation"):  # "the hunt for the gunman", "opened an inquiry into the crash"
            around = {"for", "into"}
            found = _pp_objects(tok, around) or (_pp_objects(tok.head, around) if tok.dep_ == "dobj" else [])
            if found:
                return found[0]
        if _modifier_of_event_head(tok):
            return _patient_token(tok.head, kind)
        if kind in UNDERGOER and (poss := _possessor(tok)) is not None:
            return poss
        if kind == "death" and (count := _counted_by(tok) or _toll_figure(tok)) is not None:
            return count
        # "placed on house arrest", "held on a charge", "arrest on charges": the verb's undergoer
        if kind in UNDERGOER and tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "dative"):
            host = tok.head.head
            if host.lemma_.lower() in STATE_VERBS:  # "remains in custody", "spent the night in detention"
                return _subject(host)
            if host.pos_ == "VERB" or (host.pos_ == "NOUN" and _trigger(host, triggers())):
                return _patient_token(host, kind)
            if host.pos_ == "PROPN" or _is_people(host):
                return host  # "the director of the port authority Jonas Brel on charges of fraud"
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":  # "hit by a counter-attack"
            return _patient_token(tok.head.head, kind)
        return None
    if pos == "adj":  # "was found dead"
        head = tok.head
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None) or _counted_by(tok)
    return None


def _counted_by(tok: Token) -> Token | None:
    """ "12 deaths", "At least 12 dead": the number that counts the dead."""
    for c in tok.children:
        if c.dep_ == "nummod" or c.like_num:
            return c
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    return before if before is not None and before.like_num else None


TOLL_NOUNS = {"toll", "number", "count", "tally", "total"}


def _toll_figure(tok: Token) -> Token | None:
    """ "the death toll rose to 13", "brought the number of deaths to 13", "the toll stands at 15":
    the figure a toll of deaths is put at."""
    noun = tok
    if tok.dep_ in ("compound", "nmod", "amod") and tok.head.lower_ in TOLL_NOUNS:
        noun = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in TOLL_NOUNS:
        noun = tok.head.head
    elif tok.lower_ not in TOLL_NOUNS:
        return None
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    for c in noun.head.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "at"):
            figure = next((g for g in c.children if g.dep_ == "pobj" and g.like_num), None)
            if figure is not None:
                return figure
        if c.dep_ == "attr" and c.like_num:
            return c
    return None


def _pp_objects(tok: Token, preps: set[str]) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _name(tok: Token | None, names: _Names, speaker: str | None = None, agent: bool = False) -> str | None:
    """A participant as its canonical entity, a resolved pronoun, or its noun phrase as written.

    `speaker` names who "we"/"our" are inside a quote; an acting capital stands for its state
    ("Moscow launched strikes" -> Russia).
    """
    if tok is None:
        return None
    if tok.lower_ in ("who", "whom", "which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if tok.lower_ in PRONOUNS:
        return names.person_for(tok, not_=speaker)
    if tok.lower_ in ("we", "our", "us", "i", "my", "me"):
        return speaker
    if tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp":
        governing = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
        return _name(governing, names, speaker, agent) if governing is not None and governing.pos_ != "PRON" else None
    if tok.pos_ == "PRON":
        return None
    if country := adjectives().get(tok.lower_):
        return country.name
    known = names.at(tok)
    if agent and (state := _capital_state(known[0] if known else tok.text)):
        return state
    if known:
        return known[0]
    for child in tok.children:  # "Jonas Brel, the deputy director ..."
        known = names.at(child) if child.dep_ in ("compound", "appos") else None
        if known and known[1] != "NORP" and (child.dep_ == "appos" or tok.pos_ == "PROPN"):
            return known[0]
    doc = tok.doc
    left, right = tok.left_edge.i, tok.i + 1
    while left < tok.i and doc[left].lower_ in ("the", "a", "an", "some", "his", "her", "their", "its"):
        left += 1
    while right + 1 < len(doc) and doc[right].text == "-" and not doc[right - 1].whitespace_:
        right += 2  # "ex-director"
    return " ".join(doc[left:right].text.split()) or None


def _capital_state(name: str) -> str | None:
    return next((c.name for c in countries() if c.capital == name), None)


def _place(tok: Token, doc: Doc, names: _Names) -> str | None:
    """Where: a named place or a place noun ("the town", "a penal colony in Siberia") after a
    locative preposition of the trigger, or of the verb a nominal trigger depends on."""
    scopes = [tok]
    if _pos(tok) == "noun" and tok.head.i != tok.i:
        scopes.append(tok.head)
    for scope in scopes:
        for obj in _pp_objects(scope, PLACE_PREPS | {"to"}):
            known = names.at(obj)
            named = obj.ent_type_ in PLACE_TYPES or (known and known[1] in PLACE_TYPES)
            if named or obj.lemma_.lower() in PLACE_NOUNS:
                span = doc[obj.left_edge.i : obj.right_edge.i + 1]
                return " ".join(span.text.split())
    return None


# -- modality -----------------------------------------------------------------------------------


def _modality(tok: Token) -> Modality:
    cur, via = tok, None
    for _ in range(6):
        lemma = cur.lemma_.lower()
        if cur.i != tok.i and lemma in NEGATORS:
            return "negated"
        if via == "ccomp":
            break  # reported speech: the reporting verb's own mood is not the event's
        kids = list(cur.children)
        aux = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
        if any(c.dep_ == "neg" for c in kids) or any(c.dep_ == "det" and c.lower_ == "no" for c in kids):
            return "negated"
        if {"may", "might"} & set(aux) and "have" in aux:
            return "actual"  # "may have died": a hedged past, not a hypothetical one
        if any(a in MODALS_HYPO for a in aux) or any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
            return "hypothetical"
        if any(a in MODALS_FUTURE for a in aux) and "have" in aux:
            return "hypothetical"
        if any(a in MODALS_FUTURE for a in aux) or ("going" in aux and cur.dep_ == "xcomp"):
            return "planned"
        if cur.i != tok.i and lemma in PLAN_VERBS | PLAN_NOUNS:
            return "planned"
        if cur.i != tok.i and via in ("xcomp", "prep", "pobj", "acl", "advcl", "relcl"):
            if lemma in DEMANDS:
                return "hypothetical"
            if lemma in ORDERS:
                return "planned"
        # "Accusations can arise": a subject of a may-verb is only possible, not an event.
        if cur.dep_ == "nsubj" and any(
            c.dep_ == "aux" and c.lower_ in MODALS_HYPO for c in cur.head.children
        ):
            return "hypothetical"
        # Only complements inherit the mood of what governs them; a subject does not, nor a conjunct
        # unless it shares an infinitive ("to stop hiding and evacuate people").
        shares = cur.dep_ == "conj" and cur.head.dep_ == "xcomp" and not any(
            c.dep_ in ("nsubj", "aux") for c in kids
        )
        complement = cur.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "acomp", "attr")
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in kids):
            complement = True  # "calls for the city to evacuate"
        if not (complement or shares) or cur.head.i == cur.i:
            break
        cur, via = cur.head, cur.dep_
    return "actual"


# -- assembly -----------------------------------------------------------------------------------


def _event(
    doc: Doc,
    tok: Token,
    kind: str,
    start: int,
    end: int,
    names: _Names,
    attributions: list[Attribution],
    anchor: date | None,
) -> Event:
    text = doc_text(doc)
    sent = tok.sent
    trigger = Span.of(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    agent, patient = _agent_token(tok, kind), _patient_token(tok, kind)
    modality = _modality(tok)
    attributed = _attributed(trigger, attributions)
    agent_name, patient_name = _name(agent, names, attributed, agent=True), _name(patient, names, attributed)
    if headline_case(sent):
        agent_name, patient_name = _headline_args(doc, start, end, names, agent_name, patient_name)
    return Event(
        type=kind,
        trigger=trigger,
        sentence=Span.of(text, sent.start_char, sent.end_char),
        agent=agent_name,
        patient=patient_name,
        place=_place(tok, doc, names),
        time=_time(tok, sent, anchor, modality == "planned"),
        attributed_to=attributed,
        modality=modality,
    )


def _headline_args(
    doc: Doc, start: int, end: int, names: _Names, agent: str | None, patient: str | None
) -> tuple[str | None, str | None]:
    """Headlines parse badly: a name right before the trigger acts, the noun phrase right after undergoes."""
    before = next((t for t in reversed(doc[doc[start].sent.start : start]) if not t.is_punct), None)
    if before is not None and before.dep_ == "compound" and before.head.i in range(start, end):
        before = None  # a modifier of the trigger ("Border Raids"), not its subject
    if agent is None and before is not None and (before.pos_ == "PROPN" or names.at(before)):
        agent = _name(before, names)
    after = [t for t in doc[end : doc[start].sent.end] if not (t.is_punct or t.like_num)]
    run = []
    for t in after:
        if not (t.is_alpha and t.text[0].isupper()) or t.pos_ == "ADP":
            break
        run.append(t)
    if patient is None and run:
        patient = " ".join(t.text for t in run)
    return agent, patient


def _time(tok: Token, sent: SpacySpan, anchor: date | None, ahead: bool) -> TimeExpr | None:
    """The time expression of the trigger's clause: attached to the trigger or to its governing verb.
    A duration ("six years") is not a time; a planned event's "on Friday" is the coming one."""
    heads = {tok.i, tok.head.i}
    best = None
    for expr in time_expressions(sent, anchor, ahead):
        if expr.date is None and DURATION.match(expr.span.text):
            continue
        toks = [t for t in sent if expr.span.start <= t.idx < expr.span.end]
        if not toks:
            continue
        linked = any(t.head.i in heads or t.head.head.i in heads for t in toks)
        if linked or best is None:
            best = (linked, expr)
            if linked:
                break
    return best[1] if best and best[0] else None


def _attributed(trigger: Span, attributions: list[Attribution]) -> str | None:
    """The source of the attribution whose content covers the trigger; None is the outlet's own voice."""
    for a in attributions:
        if a.content.start <= trigger.start < a.content.end:
            return a.source or (a.source_text.text if a.source_text else None)
    for a in attributions:
        inside_cue = a.cue is not None and a.cue.start <= trigger.start < a.cue.end
        if a.sentence.start <= trigger.start < a.sentence.end and not inside_cue:
            return a.source or (a.source_text.text if a.source_text else None)
    return None
