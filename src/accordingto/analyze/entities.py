"""Canonical entities per article: surface forms joined, types fixed by context.

Mentions come from the tagger's named entities, from the bundled alias table (so that known
names the small model misses are still found), from nationality + institution phrases
("Russian troops" -> Russian armed forces) and from the reference-event table ("the invasion of
Ukraine"). They are joined by the alias table, by surname ("Scholz" after "Olaf Scholz") and
by parenthesised acronyms ("National Anti-Corruption Bureau (NACB)"). A cluster's type comes from the
table when the name is known, else from a vote over every mention's tag and syntactic context,
so one mis-tagged mention (a capital tagged PERSON, an organisation tagged PRODUCT) is outvoted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Attribution, Entity, Span
from .hedges import doc_text
from .tables import Known, adjectives, aliases, countries, reference_events, written_aliases

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"}
TITLES = {
    "president", "prime", "minister", "premier", "chancellor", "governor", "mayor", "general", "gen",
    "gen.", "lt-col", "lt", "col", "col.", "colonel", "major", "captain", "capt", "admiral", "sir", "dame",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "professor", "prof", "king", "queen", "prince",
    "princess", "senator", "sen.", "rep.", "ambassador", "judge", "commander", "lord", "lady", "sheikh",
    "ayatollah", "deputy", "foreign", "defence", "defense", "secretary", "spokesman", "spokeswoman",
    "officer", "chief", "interior", "finance", "justice", "health", "police", "inspector", "superintendent",
}
ORG_NOUNS = {
    "organisation", "organization", "group", "agency", "company", "firm", "outlet", "website", "site",
    "newspaper", "paper", "channel", "network", "movement", "party", "ministry", "service", "institute",
    "foundation", "charity", "bank", "union", "committee", "council", "broadcaster", "publication",
    "magazine", "tabloid", "platform", "app", "startup", "corporation", "militia", "battalion", "brigade",
    "legion", "corps", "regiment", "army", "court", "department", "directorate", "office", "board",
}
PERSON_NOUNS = {
    "director", "expert", "activist", "lawyer", "spokesman", "spokeswoman", "spokesperson", "officer",
    "official", "minister", "president", "chief", "head", "leader", "analyst", "journalist", "commander",
    "general", "admiral", "governor", "mayor", "founder", "researcher", "professor", "politician", "author",
    "businessman", "businesswoman", "oligarch", "colonel", "soldier", "diplomat", "ambassador", "prosecutor",
}
FAC_NOUNS = {"prison", "jail", "bridge", "airport", "base", "plant", "station", "port", "dam", "colony", "camp", "stadium"}
PLACE_PREPS = {"in", "near", "around", "inside", "outside", "across", "into", "towards", "toward", "throughout", "at"}
SPEECH = {"say", "tell", "claim", "report", "announce", "add", "warn", "deny", "accuse", "confirm", "write"}
# Nationality adjective + institution noun names that country's institution.
INSTITUTIONS = {
    "forces": "armed forces", "troops": "armed forces", "army": "armed forces", "military": "armed forces",
    "soldiers": "armed forces", "units": "armed forces", "police": "police", "government": "government",
    "authorities": "government", "intelligence": "intelligence", "navy": "navy",
}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
# Definite descriptions of institutions name an organisation: "the procurement directorate",
# "the regional health authority", "the military prosecutor". Heads that need no modifier:
INSTITUTION_HEADS = {
    "directorate", "prosecutor", "prosecutors", "authority", "committee", "council", "ministry", "board",
    "office", "court", "commission", "agency", "department", "regulator", "watchdog", "inspectorate",
    "tribunal", "coalition", "administration", "service", "services", "guard", "parliament", "police",
    "government", "army", "navy", "judiciary", "military", "legislature", "cabinet",
}
STANDALONE = {"parliament", "police", "government", "army", "navy", "judiciary", "military", "prosecutor", "prosecutors", "cabinet"}


@dataclass(slots=True)
class _Mention:
    start: int  # token offsets in the doc
    end: int
    key: str  # the name it is known by: a canonical from a table, or its own text without titles
    label: str
    known: bool = False  # the table fixed name and type
    votes: list[str] = field(default_factory=list)


def extract_entities(doc: Doc, attributions: list[Attribution]) -> list[Entity]:
    """Entities in order of first mention. Attributions are not needed to find names yet."""
    mentions = _dedupe(
        _tagged(doc) + _listed(doc) + _institutions(doc) + _events(doc) + _named(doc) + _described(doc)
    )
    clusters = _cluster(doc, mentions)
    text = doc_text(doc)
    entities = []
    for key, group in clusters:
        label = _type(group)
        if label is None:
            continue
        group.sort(key=lambda m: m.start)
        if key.islower():  # a description is grouped by its lemmas and shown as first written
            key = " ".join(doc[group[0].start : group[0].end].text.lower().split())
        spans = [Span.of(text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in group]
        entities.append(Entity(canonical=key, type=label, mentions=spans))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


# -- finding mentions ---------------------------------------------------------------------------


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive, and anything before a line break."""
    for k in range(end - 1, start - 1, -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            start = k + 1
            break
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct or doc[end - 1].like_num):
        end -= 1
    return start, end


def _key(span: SpacySpan, person: bool, label: str = "") -> str:
    """A name as written, without a possessor ("Ukraine's Kherson" -> "Kherson") and, for people,
    without titles or descriptions ("fire chief Capt. Renata Sollis" -> "Renata Sollis").

    An organisation keeps its owner as a modifier: "Valdera's Ministry of Defence" -> "Valdera
    Ministry of Defence", "Russia's Ministry of Justice" -> "Russian Ministry of Justice"."""
    whole = list(span)
    cut = max((k for k, t in enumerate(whole[:-1]) if t.lower_ in ("'s", "’s")), default=-1)
    owner = span.doc[whole[0].i : whole[cut].i].text if cut >= 0 else ""
    toks = whole[cut + 1 :]
    if owner and label == "ORG" and any(t.lemma_.lower() in ORG_NOUNS for t in toks):
        country = next((c for c in countries() if c.name == owner), None)
        rest = doc_text(span.doc)[toks[0].idx : toks[-1].idx + len(toks[-1])]
        return " ".join(f"{country.adjective.split('|')[0] if country else owner} {rest}".split())
    if person:
        while len(toks) > 1 and (
            toks[0].text.lower().rstrip(".") in TITLES or not toks[0].text[0].isupper() or toks[0].is_punct
            or (len(toks) > 2 and toks[1].text in ("-", "."))
        ):
            toks = toks[1:]
    return " ".join(doc_text(span.doc)[toks[0].idx : toks[-1].idx + len(toks[-1])].split())


def _tagged(doc: Doc) -> list[_Mention]:
    table = aliases()
    out = []
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        span = doc[start:end]
        if ent.label_ == "NORP":
            out.extend(_people(span))
            continue
        if not any(c.isupper() for c in span.text) or len(span.text) < 2:
            continue
        if all(t.lower_.rstrip(".") in TITLES or t.is_punct for t in span):
            continue  # "Major General", "Defence": a title is not a name
        if len(span) == 1 and _common_word(span[0]):
            continue  # "Turnout", "Army", "RIGGED": a capitalised word, not a name
        label = ent.label_
        if label != "PERSON" and (person := _after_titles(list(span))):
            start, span, label = person[0].i, doc[person[0].i : end], "PERSON"  # "Major General Stanis Reuter"
        key = _key(span, label == "PERSON", label)
        known = table.get(" ".join(span.text.split()).lower()) or table.get(key.lower())
        if known:
            out.append(_Mention(start, end, known.canonical, known.type, True))
        elif not headline_case(span.sent):
            out.append(_Mention(start, end, key, label, votes=_context(span)))
    return out


def _common_word(tok: Token) -> bool:
    """A capital that only the sentence start or shouting explains: sentence-initial common nouns and
    all-capitals words too long to be acronyms."""
    if tok.is_upper and len(tok) > 5:
        return True
    return tok.i == tok.sent.start and tok.tag_ in ("NN", "NNS") and tok.text[1:].islower()


def headline_case(sent: SpacySpan) -> bool:
    """Headlines capitalise every word, and the small model reads them as names and nouns."""
    # Asked for every word of a sentence by several extractors: kept on the Doc per sentence.
    key = ("accordingto.headline_case", sent.start, sent.end)
    cached = sent.doc.user_data.get(key)
    if cached is None:
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        cached = len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)
        sent.doc.user_data[key] = cached
    return cached


def _named(doc: Doc) -> list[_Mention]:
    """Capitalised names ending in an organisation noun that the tagger missed ("Siberian Battalion")."""
    out = []
    for sent in doc.sents:
        if headline_case(sent):
            continue
        run: list[Token] = []
        for tok in [*sent, None]:
            if tok is not None and (tok.text[:1].isupper() and tok.is_alpha or (run and tok.lower_ == "of")):
                run.append(tok)
                continue
            while run and run[-1].lower_ == "of":
                run.pop()
            if len(run) >= 2 and run[-1].lemma_.lower() in ORG_NOUNS and run[0].i != sent.start:
                span = doc[run[0].i : run[-1].i + 1]
                out.append(_Mention(span.start, span.end, span.text, "ORG"))
            elif person := _after_titles(run):
                out.append(_Mention(person[0].i, person[-1].i + 1, " ".join(t.text for t in person), "PERSON"))
            run = []
    return out


def _people(span: SpacySpan) -> list[_Mention]:
    """A nationality counts as an entity only as a noun ("Russians"), never as a modifier."""
    root = span.root
    if root.dep_ in ("amod", "compound") or root.tag_ not in ("NNPS", "NNS", "NNP", "NN"):
        return []
    country = adjectives().get(span.text.lower())
    if country is None or span.text.lower() not in {p.lower() for p in country.people.split("|")}:
        return []
    return [_Mention(span.start, span.end, span.text, "NORP", True)]


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, list[tuple[tuple[str, ...], str, Known]]]:
    """Table forms by first word (lower case), longest first, for finding names the tagger missed.

    Single-word person aliases (surnames) are left to the tagger: "Austin" alone is not Lloyd Austin.
    """
    tokenizer = spacy.blank("en").tokenizer
    index: dict[str, list[tuple[tuple[str, ...], str, Known]]] = {}
    for form, known in written_aliases().items():
        toks = list(tokenizer(form))
        if toks[:1] and toks[0].lower_ == "the":
            toks = toks[1:]  # mentions are matched without their article
        if not toks or (known.type == "PERSON" and len(toks) < 2):
            continue
        written = form[toks[0].idx :]
        index.setdefault(toks[0].lower_, []).append((tuple(t.lower_ for t in toks), written, known))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _listed(doc: Doc) -> list[_Mention]:
    """Known names found as written: capitalised, and an acronym ("WHO") in its own capitals only."""
    index = _alias_index()
    out = []
    # Match over words only: a non-breaking space is a token of its own in spaCy.
    words_at = [t.i for t in doc if not t.is_space]
    for n, i in enumerate(words_at):
        tok = doc[i]
        for words, written, known in index.get(tok.lower_, []):
            idx = words_at[n : n + len(words)]
            if len(idx) < len(words) or [doc[k].lower_ for k in idx] != list(words):
                continue
            span = doc[tok.i : idx[-1] + 1]
            text = " ".join(span.text.split())
            if not text[0].isupper() or (written.isupper() and text != written):
                continue
            out.append(_Mention(span.start, span.end, known.canonical, known.type, True))
            break
    return out


def _institutions(doc: Doc) -> list[_Mention]:
    """ "Russian troops", "the Ukrainian government", "Russia's army" -> that country's institution."""
    adj = adjectives()
    out = []
    for tok in doc:
        suffix = INSTITUTIONS.get(tok.lower_)
        if suffix is None:
            continue
        for child in tok.lefts:
            country = adj.get(child.text.lower()) if child.dep_ in ("amod", "compound") else None
            if country is None and child.dep_ == "poss":
                country = next((c for c in adj.values() if c.name == child.text), None)
            if country is not None:
                adjective = country.adjective.split("|")[0]
                out.append(_Mention(child.i, tok.i + 1, f"{adjective} {suffix}", "ORG", True))
                break
    return out


def _described(doc: Doc) -> list[_Mention]:
    """ "the regional health authority", "Military prosecutors": an institution named by description."""
    out = []
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.lower_ not in INSTITUTION_HEADS or head.pos_ != "NOUN" or headline_case(chunk.sent):
            continue
        if any(t.pos_ == "PROPN" and t.dep_ != "poss" and t.i < head.i for t in chunk):
            continue  # "the FBI counter-terrorism division": the name covers it
        if any(t.dep_ == "poss" and t.pos_ == "PRON" for t in chunk):
            continue  # "his security service": whose it is needs coreference
        mods = [t for t in chunk if t.i < head.i and t.dep_ in ("amod", "compound") and t.pos_ in ("ADJ", "NOUN")]
        if not (mods or head.lower_ in STANDALONE):
            continue
        start = mods[0].i if mods else head.i
        if any(t.dep_ != "amod" and t.dep_ != "compound" for t in doc[start : head.i]):
            continue
        key = " ".join([*(t.lower_ for t in doc[start : head.i]), head.lemma_.lower()])
        out.append(_Mention(start, head.i + 1, key, "ORG"))
    return out


def _events(doc: Doc) -> list[_Mention]:
    """Named happenings from the reference-event table ("the invasion of Ukraine")."""
    text = doc_text(doc)
    lower = text.lower()
    out = []
    for ev in reference_events():
        if not ev.applies_to(text):
            continue
        for alias in ev.aliases:
            a = alias.lower()
            pos = lower.find(a)
            while pos >= 0:
                span = doc.char_span(pos, pos + len(a), alignment_mode="expand")
                if span is not None:
                    out.append(_Mention(span.start, span.end, ev.name, "EVENT", True))
                pos = lower.find(a, pos + 1)
    return out


def _after_titles(run: list[Token]) -> list[Token]:
    """ "Chief Fire Officer Renata Sollis": the two or three names after a capitalised title."""
    names: list[Token] = []
    for tok in reversed(run):
        if tok.lower_ in TITLES or tok.lower_ == "of":
            break
        names.insert(0, tok)
    has_title = len(names) < len(run) and run[len(run) - len(names) - 1].lower_ in TITLES
    return names if has_title and 2 <= len(names) <= 3 else []


def _dedupe(mentions: list[_Mention]) -> list[_Mention]:
    """Overlapping mentions keep the longest (a known name wins a tie)."""
    mentions.sort(key=lambda m: (-(m.end - m.start), not m.known, m.start))
    taken: set[int] = set()
    out = []
    for m in mentions:
        if taken & set(range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        out.append(m)
    return out


# -- context votes ------------------------------------------------------------------------------


def _context(span: SpacySpan) -> list[str]:
    """Types the words around a mention argue for, whatever the tagger said."""
    root = span.root
    votes = []
    head = root.head
    if len(span) > 1 and (span[-1].lemma_.lower() in ORG_NOUNS or span[0].lemma_.lower() in ORG_NOUNS):
        votes.append("ORG")  # "Siberian Battalion", "Ministry of Defence"
    if root.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
        votes.append("GPE")
    if root.dep_ == "compound" and head.lemma_.lower() in FAC_NOUNS:
        votes.append("FAC")
    nouns = [c for c in root.children if c.dep_ in ("compound", "appos", "amod")]
    if root.dep_ in ("appos", "compound"):
        nouns.append(head)
    if any(n.lemma_.lower() in ORG_NOUNS for n in nouns):
        votes.append("ORG")
    if any(n.lemma_.lower() in PERSON_NOUNS for n in nouns if n.dep_ == "appos" or n is head):
        votes.append("PERSON")
    for other in [*root.conjuncts, *(c for c in root.children if c.dep_ == "appos")]:
        if other.ent_type_ in PLACE_TYPES:
            votes.append("GPE")
    # Something that speaks or is spoken to is a person or an organisation, never a product or place.
    speaks = (root.dep_ == "nsubj" and head.lemma_ in SPEECH) or (root.dep_ == "dobj" and head.lemma_ == "tell")
    according = root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
    if speaks or according:
        votes.append("AGENT")
    return votes


# -- joining and typing -------------------------------------------------------------------------


def _cluster(doc: Doc, mentions: list[_Mention]) -> list[tuple[str, list[_Mention]]]:
    groups: dict[str, list[_Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault(m.key, []).append(m)
    _join_acronyms(doc, groups)
    _join_surnames(groups)
    _join_descriptions(groups)
    return list(groups.items())


def _join_acronyms(doc: Doc, groups: dict[str, list[_Mention]]) -> None:
    """ "Long Name (LN)": the acronym and the long form are one entity; a known name gives the canonical."""
    by_start = {m.start: (key, m) for key, ms in groups.items() for m in ms}
    by_end = {m.end: (key, m) for key, ms in groups.items() for m in ms}
    for start, (akey, am) in list(by_start.items()):
        if am.end - am.start != 1 or start < 2 or doc[start - 1].text != "(" or am.end >= len(doc):
            continue
        if doc[am.end].text != ")" or sum(c.isupper() for c in doc[start].text) < 2:
            continue
        long = by_end.get(start - 1)
        if long is None or long[0] == akey or akey not in groups or long[0] not in groups:
            continue
        lkey, lm = long
        keep, drop = (akey, lkey) if am.known or not lm.known else (lkey, akey)
        if not am.known and not lm.known:
            keep, drop = lkey, akey
        groups[keep].extend(groups.pop(drop))


def _join_surnames(groups: dict[str, list[_Mention]]) -> None:
    """A one-word person name joins the fuller person name it ends or starts ("Sollis" -> "Renata Sollis")."""
    people = [k for k, ms in groups.items() if len(k.split()) > 1 and _type(ms) == "PERSON"]
    for key in list(groups):
        if " " in key or key not in groups:
            continue
        if {m.label for m in groups[key]} & {"NORP", "EVENT"}:
            continue
        fuller = [p for p in people if p.split()[-1] == key or p.split()[0] == key]
        if len(fuller) == 1 and not any(m.known for m in groups[key]):
            groups[fuller[0]].extend(groups.pop(key))


def _join_descriptions(groups: dict[str, list[_Mention]]) -> None:
    """A bare "police" after "Russian police" is that police force, if only one fits."""
    for key in list(groups):
        if " " in key or key not in groups or any(m.known or m.label != "ORG" for m in groups[key]):
            continue
        fuller = [k for k in groups if k.lower().endswith(" " + key)]
        if len(fuller) == 1:
            groups[fuller[0]].extend(groups.pop(key))


def _type(group: list[_Mention]) -> str | None:
    for m in group:
        if m.known:
            return m.label
    votes: Counter[str] = Counter()
    for m in group:
        votes[m.label] += 1
        for v in m.votes:
            votes[v] += 3  # what the words around say outweighs one tag
    agent = votes.pop("AGENT", 0)
    if agent:
        # A speaker: a person if the tagger ever said so, else an organisation.
        for place in ("GPE", "LOC", "FAC", "PRODUCT"):
            votes.pop(place, None)
        if not votes:
            votes["ORG"] += agent
    if votes.get("PRODUCT") and votes.get("ORG"):
        votes.pop("PRODUCT")
    if votes.get("GPE") and votes.get("PERSON") and any("GPE" in m.votes for m in group):
        votes.pop("PERSON")
    best = votes.most_common(1)
    return best[0][0] if best and best[0][0] in KEEP else None
