"""Dependency-parse helpers shared by the attribution finders: subjects, content clauses,
recipients and character extents of token sets."""

from __future__ import annotations

from spacy.tokens import Token

from .cues import Cue, lexicon

EDGE_PUNCT = {",", ".", ";", ":", "!", "?", "–", "—", "-", "…", "..."}
WH_WORDS = {"what", "who", "whom", "which", "how", "why", "where", "when", "whether", "if"}
RELATIVE = {"who", "which", "that", "whom"}
# verbs whose "to"-infinitive after an addressee is the reported content ("told X to …")
GERUND_OBJECT = {"deny", "admit", "acknowledge", "concede", "confess"}
# what a body grants or refuses ("rejected a request for bail", "denied bail", "turned down the bid"):
# refusing one is an act, not a denial of something said
REFUSED_ACTS = {
    "request", "appeal", "bail", "bid", "offer", "application", "motion", "petition", "proposal", "plea",
    "invitation", "amendment", "bill", "deal", "nomination", "resignation", "permit", "licence", "license",
    "visa", "entry", "access", "parole", "extradition", "asylum", "tender", "settlement", "challenge",
}
CLAIMED_ACTS = {"victory", "win", "responsibility", "credit", "asylum", "compensation", "benefit", "benefits", "title", "seat", "prize", "damages"}
ADDRESSEE_OBJECT = {"warn", "threaten", "question", "caution", "alert"}
# heads that name people or bodies: the object of a warning is then its addressee, not its content
ANIMATE_HEADS = {
    "office", "ministry", "government", "minister", "official", "officials", "staff", "worker", "workers",
    "general", "officer", "commander", "company", "firm", "board", "committee", "council", "people",
    "public", "resident", "residents", "family", "families", "authority", "authorities", "colleague",
}
DIRECTIVE = {
    "tell", "ask", "urge", "order", "instruct", "direct", "call", "warn", "advise", "request", "beg", "implore",
    "remind", "encourage", "invite", "command", "demand", "press", "push", "appeal", "claim", "threaten",
}
SUBJECT_DEPS = ("nsubj", "csubj")
CLAIM_NOUNS = {"concern", "fear", "idea", "notion", "speculation", "story", "allegation", "rumour", "rumor", "criticism"}
BACKSHIFT = {"was", "were", "would", "had", "could", "might"}
INHERIT_DEPS = ("xcomp", "advcl", "conj", "acl")
NAMING_VERBS = {"call", "label", "brand", "dub", "term"}
TOPIC_PREPS = {"for", "about", "of", "against", "over"}
ESTIMATE_VERBS = {"put", "estimate", "peg", "value", "place", "calculate", "reckon"}


def extent(toks: list[Token]) -> tuple[int, int] | None:
    """Characters covered by a token list (first to last), trimmed of edge punctuation, a leading
    complementizer and a trailing comma or full stop."""
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_space or toks[0].text in EDGE_PUNCT or (
        toks[0].dep_ == "mark" and toks[0].lower_ == "that" and len(toks) > 1
    )):
        toks.pop(0)
    while toks and (toks[-1].is_space or toks[-1].text in EDGE_PUNCT):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree_without(tok: Token, exclude: set[int], trim_relcl: bool = False) -> list[Token]:
    """`tok`'s subtree minus excluded tokens; a non-restrictive relative clause (", which …") or a
    dash-led aside can be cut as the writer's addition rather than the reported content."""
    cut: set[int] = set(exclude)
    if trim_relcl:
        for node in tok.subtree:
            for child in node.children:
                prev = tok.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
                if child.dep_ in ("relcl", "appos", "acl") and prev is not None and prev.text in (",", "–", "—"):
                    cut.update(t.i for t in child.subtree)
                    cut.add(prev.i)
    toks = [t for t in tok.subtree if t.i not in cut]
    # keep one contiguous stretch around the head: tokens cut from the middle end the content
    left = [t for t in toks if t.i <= tok.i]
    right = [t for t in toks if t.i > tok.i]
    keep = []
    expect = tok.i
    for t in reversed(left):
        if t.i != expect:
            break
        keep.append(t)
        expect -= 1
    keep.reverse()
    expect = tok.i + 1
    for t in right:
        if t.i != expect:
            break
        keep.append(t)
        expect += 1
    return keep


def closing_frame(tok: Token) -> bool:
    """', the Herald reported.': a reporting verb with its own subject and nothing to report,
    set off by a comma — a frame around what precedes it, which parsers often hang as a clause."""
    doc = tok.doc
    first = next((t for t in tok.subtree if not t.is_punct), tok)
    before = doc[first.i - 1] if first.i > 0 else None
    return (
        before is not None
        and before.text == ","
        and lexicon().verb(tok) is not None
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children)
        # "…, after the shipyard, X, asked for more money": a cue with a topic of its own frames nothing
        and not any(c.dep_ == "prep" and c.lower_ in TOPIC_PREPS for c in tok.children)
    )


def fill_gaps(toks: list[Token]) -> list[Token]:
    """All tokens from the first to the last of `toks` (pieces of one content, gaps included)."""
    if not toks:
        return toks
    doc = toks[0].doc
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    return list(doc[lo : hi + 1])


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, str]:
    """The speaker of a cue verb and how it was found: 'active', 'agent' (passive "by X"),
    'passive' (no agent: the subject is the addressee), or 'none'. Participles, conjuncts and
    infinitives without a subject of their own take their governor's."""
    subj = None
    passive = None
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            subj = c
        elif c.dep_ == "nsubjpass":
            passive = c
        elif c.dep_ == "agent":
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, "agent"
    if subj is not None:
        if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head, "active"
        return subj, "active"
    if passive is not None:
        return passive, "passive"
    # "…, city council documents show.": a noun the parser compounded onto the verb is its subject
    compound = next((c for c in verb.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
    if compound is not None:
        return compound, "active"
    if (stranded := _stranded_subject(verb)) is not None:
        return stranded, "active"
    if verb.dep_ == "relcl" and depth == 0:
        return verb.head, "active"
    if _second_act(verb):
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i and depth < 4 and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    return None, "none"


def _stranded_subject(verb: Token) -> Token | None:
    """'In a letter to our reporters, the chief executive, X, wrote …': a subject the parser hung as
    an apposition inside the opening phrase, right before the verb."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct:
        i -= 1
    if i < 0 or i == verb.i - 1:
        return None  # the name must be set off by a comma
    t = verb.doc[i]
    if t.dep_ != "appos" or t.pos_ not in ("PROPN", "NOUN"):
        return None
    opening = [c for c in verb.lefts if c.dep_ == "prep"]
    return t if any(c.left_edge.i <= t.i <= c.right_edge.i for c in opening) else None


def _second_act(verb: Token) -> bool:
    """'denied that A and accused B of C': a subjectless past-tense conjunct the parser hung on the
    reported clause is the speaker's second act, not part of what was denied."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBD"
        and verb.head.dep_ == "ccomp"
        and verb.head.head.i != verb.head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
        and lexicon().verb(verb) is not None
    )


def addressee(verb: Token) -> Token | None:
    """The addressee of a telling: 'told Insider', 'told the board …', 'spoke to X'."""
    for c in verb.children:
        if c.dep_ in ("dative", "iobj"):
            # "said to X" parses the preposition as the dative; the addressee is its object
            return next((x for x in c.children if x.dep_ == "pobj"), None) if c.pos_ == "ADP" else c
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ == "dobj" and lemma in DIRECTIVE | {"tell", "inform", "brief", "assure", "reassure", "notify"}:
            return c
        if c.dep_ == "prep" and c.lower_ == "to" and lemma in ("say", "speak", "talk", "write", "explain", "tell", "confide", "complain"):
            return next((x for x in c.children if x.dep_ == "pobj"), None)
    return None


def _directed(verb: Token, lemma: str, exclude: set[int]) -> Token | None:
    """The to-infinitive a directive verb gives its addressee ("urged residents to leave"), also
    where the parser read it as a purpose clause."""
    if lemma not in DIRECTIVE:
        return None
    addressed = any(c.dep_ == "dobj" for c in verb.children)
    for c in verb.children:
        to = any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
        # "called for Vasko to appear": the "for" clause names who is to act
        for_clause = any(x.dep_ == "mark" and x.lower_ == "for" for x in c.children)
        if to and c.i not in exclude and (c.dep_ == "xcomp" or (c.dep_ == "advcl" and (addressed or for_clause))):
            return c
    return None


def _clause_apart(comp: Token, verb: Token) -> bool:
    """A clause before the cue that is not what it reports: one closed by a semicolon ("A; the
    ministry calls it …"), or one before a cue with a topic of its own ("A, after X asked for …")."""
    if comp.i > verb.i:
        return False
    between = verb.doc[comp.right_edge.i + 1 : verb.i]
    return any(t.text == ";" for t in between) or any(
        c.dep_ == "prep" and c.lower_ in TOPIC_PREPS and c.i > verb.i for c in verb.children
    )


def _stray_that_clause(verb: Token, exclude: set[int]) -> Token | None:
    """'told parliament before the vote that he had …': a that-clause with its own subject the
    parser hung on the noun of a phrase after the cue (not a claim noun's own "the claim that …")."""
    lex = lexicon()
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i or prep.i in exclude:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or lex.get(pobj.lemma_, "noun") is not None or pobj.lemma_.lower() in CLAIM_NOUNS:
                continue
            for c in pobj.children:
                if (
                    c.dep_ in ("acl", "relcl", "ccomp")
                    and c.i not in exclude
                    and any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children)
                    and any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
                ):
                    return c
    return None


def _until_time(toks: list[Token], head: Token) -> list[Token]:
    """'announced the motion on Wednesday in a statement …': a time phrase the parser hung on
    the object dates the announcement; it and what follows are not what was announced ("plans
    for a bridge by 2027" keep their deadline)."""
    for k, t in enumerate(toks):
        if t.i > head.i and t.dep_ == "prep" and t.lower_ in ("on", "at", "during") and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in t.children):
            return toks[:k]
    return toks


def _has_clause(noun: Token) -> bool:
    """'the appeal that the vote be rerun': a noun with a that-clause of its own."""
    return any(
        c.dep_ in ("acl", "ccomp", "appos") and any(x.dep_ in ("mark", "nsubj", "nsubjpass") for x in c.children)
        for c in noun.children
    )


def content_of_verb(verb: Token, cue: Cue, exclude: set[int]) -> list[Token] | None:
    """The reported content governed by a cue verb, found through the parse."""
    lex = lexicon()
    children = list(verb.children)
    lemma = verb.lemma_.lower()
    comps = [c for c in children if c.dep_ == "ccomp" and c.i not in exclude and not closing_frame(c) and not _clause_apart(c, verb)]
    if not comps and (stray := _stray_that_clause(verb, exclude)) is not None:
        comps = [stray]
    order = _directed(verb, lemma, exclude)
    if order is not None and (not comps or comps[0].i > order.i):
        # "told people to stay indoors with their windows shut": the order, with the next piece of
        # it that the parser hung on the verb instead ("shut" as the verb's own clause)
        toks = subtree_without(order, exclude)
        for c in children:
            if c.i > order.i and c.dep_ in ("ccomp", "advcl") and toks and c.left_edge.i == toks[-1].i + 1:
                toks += subtree_without(c, exclude)
        return fill_gaps(toks)
    if comps and cue.polarity == "deny" and comps[0].lemma_.lower() in REFUSED_ACTS and comps[0].tag_ == "VB" and not any(
        x.dep_ in ("aux", "mark") for x in comps[0].children
    ):
        return None  # "denying him bail" misread as a clause "him bail": a refusal
    if comps:
        # the first word after the cue ("which X said received …" extracts its subject leftwards)
        first = next((t for t in comps[0].subtree if t.i > verb.i), comps[0].left_edge)
        if first.lower_ in WH_WORDS - {"whether", "if"} and cue.polarity != "question" and lemma != "ask":
            return None
        acts = {t.i for c in comps for x in c.children if _second_act(x) for t in x.subtree}
        if acts:  # with the "and" that joined it
            acts |= {x.i for c in comps for x in c.children if x.dep_ == "cc" and x.i + 1 in acts}
        toks = [t for c in comps for t in subtree_without(c, exclude | acts)]
        # "A, the ministry said; his family asked …": what follows a semicolon is the writer's again
        semi = next((t.i for t in verb.doc[verb.i + 1 : verb.sent.end] if t.text == ";"), None)
        if semi is not None:
            toks = [t for t in toks if t.i < semi]
        # "warned that A, and was preparing B": a subjectless, back-shifted conjunct goes on the report
        for c in children:
            if (
                c.dep_ == "conj"
                and c.i > comps[-1].i
                and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                and any(x.dep_ == "aux" and x.lower_ in BACKSHIFT for x in c.children)
            ):
                toks += subtree_without(c, exclude)
        return fill_gaps(toks)
    for c in children:
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and lemma in GERUND_OBJECT and c.i not in exclude:
            return subtree_without(c, exclude)  # "denied seeing it", "admitted taking the files"
        if c.dep_ == "xcomp" and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children) and (
            lemma in DIRECTIVE or cue.hedge
        ):
            return subtree_without(c, exclude)
    if lemma in ESTIMATE_VERBS:
        dobj = next((x for x in children if x.dep_ == "dobj"), None)
        at = next((x for x in children if x.dep_ == "prep" and x.lower_ == "at"), None)
        if dobj is not None and at is not None and any(t.like_num for t in at.subtree):
            return subtree_without(dobj, exclude) + subtree_without(at, exclude)
    for c in children:
        if c.dep_ == "prep" and c.i not in exclude:
            p = c.lower_
            if p == "of" and cue.polarity in ("accuse", "warn"):
                dobj = next((x for x in children if x.dep_ == "dobj"), None)
                toks = subtree_without(c, exclude)
                if dobj is not None and cue.polarity == "accuse":
                    toks = subtree_without(dobj, exclude) + toks
                return toks
            if p == "to" and any(x.dep_ == "pcomp" for x in c.children) and lemma in ("admit", "confess", "own"):
                return subtree_without(c, exclude)
            if p == "for" and lemma == "call" and any(x.dep_ == "dobj" for x in children):
                continue  # "called a session for Tuesday": a convening, not a call for something
            if p == "for" and lemma in ("praise", "blame", "criticise", "criticize", "condemn", "call", "thank", "fault", "applaud", "commend", "slam", "appeal", "press"):
                pobj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                return subtree_without(pobj[0], exclude) if pobj else None
            if p in ("about", "against") and lemma in ("warn", "caution", "complain", "protest"):
                return subtree_without(c, exclude)
    oprd = next((c for c in children if c.dep_ == "oprd" and c.i not in exclude), None)
    if oprd is not None and lemma in NAMING_VERBS:
        # "calls it “unverified”", "branded the offer an insult": what it was called, and what
        dobj = next((x for x in children if x.dep_ == "dobj" and x.i not in exclude and x.i < oprd.i), None)
        return fill_gaps((subtree_without(dobj, exclude) if dobj is not None else []) + subtree_without(oprd, exclude))
    if cue.obj or lex.phrasal.get((lemma, next((x.lemma_.lower() for x in children if x.dep_ == "dobj"), ""))):
        dobj = next((x for x in children if x.dep_ == "dobj" and x.i not in exclude), None)
        if dobj is None:
            return None
        if cue.polarity == "deny" and lemma != "deny" and not (lex.get(dobj.lemma_, "noun") or dobj.lemma_.lower() in CLAIM_NOUNS):
            return None  # "dismissed his deputy" is a firing; "dismissed the claims" a denial
        if cue.polarity == "deny" and dobj.lemma_.lower() in REFUSED_ACTS and not _has_clause(dobj):
            return None  # "rejected a request for house arrest", "denied him bail": a refusal
        for c in dobj.children:  # "confirmed suspicions that …": the clause is the content
            clausal = any(x.dep_ in ("mark", "nsubj", "nsubjpass") for x in c.children)
            if c.dep_ in ("acl", "ccomp", "appos") and clausal and lex.get(dobj.lemma_, "noun"):
                return subtree_without(c, exclude)
        if dobj.pos_ == "PRON" and dobj.lower_ in ("it", "this", "that", "them"):
            return None
        if lemma == "claim" and dobj.lemma_.lower() in CLAIMED_ACTS:
            return None  # "claimed victory", "claimed responsibility": an act of taking, not a report
        if (
            lemma in ADDRESSEE_OBJECT
            and (dobj.pos_ in ("PROPN", "PRON") or dobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or dobj.lemma_.lower() in ANIMATE_HEADS)
            and not any(t.pos_ == "VERB" and t.dep_ != "amod" for t in dobj.subtree)
        ):
            # "warned his office", "questioned the general, the dismissed head of …": who was addressed
            return None
        toks = _until_time(subtree_without(dobj, exclude, trim_relcl=True), dobj)
        if dobj.lemma_.lower() in ("detail", "details"):
            of = next((x for x in dobj.children if x.dep_ == "prep" and x.lower_ == "of"), None)
            pobj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                toks = subtree_without(pobj, exclude, trim_relcl=True)
        # "gave details of X by Y in Z": prepositions the parser hung on the verb still qualify X
        end = toks[-1].i if toks else dobj.i
        for c in children:
            if c.dep_ == "prep" and c.i == end + 1 and c.lower_ not in ("to", "for", "with", "on", "at", "after", "before", "during"):
                more = subtree_without(c, exclude)
                toks += more
                end = more[-1].i if more else end
        return toks
    return None
