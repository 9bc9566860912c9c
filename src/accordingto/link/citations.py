"""Citations: edges from an article to the outlet, person, organisation or document it says it
got something from, each with the verbatim words that show it.

Two sources of evidence: the attributions the analyzer found (sources, via-chains, recipients
such as "told Insider") and explicit markers in the text ("The Times reports", "according to
an investigation by …", "Read more at …", "Source: …", "syndicated from …", a wire dateline
"CITY, March 9 (XYZ) -"). Outlet names are resolved to one canonical outlet through the bundled,
user-extendable outlet table, the outlets of the corpus itself, their acronyms and short forms.

A name counts only where it is written as one: "coalition MPs have said, according to people
familiar" cites nobody, and a name that is also an ordinary word ("People", "Time", "the Sun")
needs more than a capital at a sentence start ("People reported smoke" is not the magazine).
A short form the corpus itself explains ("the Times" in a corpus of the Harbour Times) means
the corpus's outlet before the world table's one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..clean.metadata import dateline_agency
from ..clean.outlets import OUTLET_WORDS, OutletTable, outlet_table
from ..model import Analysis, Attribution, Span
from .text import name_key

_PERSON_TYPES = {"person": "person", "organisation": "organisation", "government": "organisation", "document": "document"}
_PRONOUNS = frozenset("he she they it we i you his her their its this that who one".split())  # noqa: SIM905
# Words a name may keep in lower case ("Times of India", "Mail and Guardian", "la Repubblica").
_FUNCTION_WORDS = frozenset("the of and & a an for in on at de del la le les el die der das di du von van al".split())  # noqa: SIM905
# A common noun after a name says what the name is ("People magazine", "the Guardian newspaper").
_MEDIUM_NOUN = re.compile(
    r"\s+(?:news\s+)?(?:magazine|newspaper|paper|tabloid|broadsheet|weekly|daily|website|site|agency|"
    r"wire(?:\s+service)?|broadcaster|channel|network)$"
)
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)(?:['’]s|(?<=s)['’])\s+\S")  # "the BBC's Today programme" → the BBC
_CONJUNCTION = re.compile(r"\s*(?:,|\band\b|&)\s*")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}")
# Last words that organisations of every kind share with outlets: an outlet's only beside a news word.
_ORG_HEADS = frozenset("agency service services network project report reporter world leader hub pulse online media monitor review".split())  # noqa: SIM905
_NEWS_WORDS = frozenset("news press broadcasting newswire wire tv radio television".split())  # noqa: SIM905
_HONORIFICS = frozenset("mr mrs ms miss dr prof sir lord lady".split())  # noqa: SIM905
_PARAGRAPH = re.compile(r"^[^\n]+", re.M)
_SENTENCE_START = re.compile(r"(?:[.!?:\"“‘(]\s*|\n\s*)$")

_NAME = r"(?:[Tt]he[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|(?:and|&)[ \t]+(?:the[ \t]+)?)?[A-Z][\w.&'’-]*){0,5}"
# What the writer calls the outlet before naming it ("the Russian newspaper Kommersant", "state
# news agency TASS"): it shows an outlet is meant, even one no table knows.
_KIND_WORDS = (
    r"newspaper|daily|weekly|tabloid|magazine|broadsheet|paper|broadcaster|(?:news[ \t]+)?(?:site|website|outlet|"
    r"agency|channel|portal|service|network|wire)|wire[ \t]+service"
)
# A qualifier that says nothing of what the name is ("the state-run RIA Novosti", "the
# Kremlin-controlled RT", "the pro-government Daily Sabah"): read past it.
_QUALIFIER = r"(?:\w+-(?:controlled|run|backed|owned|funded|based|affiliated|aligned|leaning|friendly)|(?:pro|anti)-\w+)"
_DESCRIBED = (
    rf"(?:(?:(?:the|a|an)[ \t]+)?(?:[\w-]+[ \t]+){{0,3}}?(?P<desc>{_KIND_WORDS})[ \t]+"
    rf"|(?:(?:the|a|an)[ \t]+)?(?:{_QUALIFIER}[ \t]+)+(?=[A-Z]))?"
)
_WHO = rf"{_DESCRIBED}(?P<name>{_NAME})"
_KIND_FIRST = re.compile(rf"^(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_KIND_WORDS})\s+(?=[A-Z])")
_QUALIFIED = re.compile(rf"^(?:(?:[Tt]he|an?)\s+)?(?:{_QUALIFIER}\s+)+(?=\S)")
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("reports", re.compile(
        rf"\b{_WHO}[ \t]+(?:has[ \t]+|had[ \t]+|have[ \t]+)?(?:first[ \t]+|exclusively[ \t]+)?"
        r"(?:reports|reported|revealed|reveals|has learned|learned|understands|broke the story|disclosed)\b")),
    ("reported by", re.compile(
        r"\b(?:first[ \t]+)?(?:reported|revealed|published|broken|disclosed|cited|quoted)[ \t]+(?:first[ \t]+)?"
        rf"(?:by|in)[ \t]+{_WHO}")),
    ("according to", re.compile(
        r"\b[Aa]ccording to[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:(?:exclusive[ \t]+|new[ \t]+|recent[ \t]+)?(?:investigation|report|reports|"
        rf"reporting|analysis|article|story|interview|documents?[ \t]+seen|figures?|poll|survey)[ \t]+(?:by|in|from|with)[ \t]+)?{_WHO}")),
    ("told", re.compile(
        r"\b(?i:told|telling|speaking to|spoke to|speaking with|spoke with|in an?[ \t]+(?:\w+[ \t]+)?interview[ \t]+(?:with|on)|"
        r"interviewed by|in a statement to|confirmed to|writing in|wrote in|writing for|quoted by|cited by|"
        rf"speaking on|appearing on|appeared on)[ \t]+{_WHO}")),
    ("citing", re.compile(
        rf"\b[Cc]iting[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:(?:report|reports|reporting|article|story)[ \t]+(?:by|in|from)[ \t]+)?{_WHO}")),
    ("report", re.compile(  # "a report in the Guardian", "an op-ed for The Atlantic"
        r"\b(?:report|reports|investigation|article|story|interview|analysis|editorial|op-ed|column|documentary|podcast)"
        rf"[ \t]+(?:by|in|from|for|with)[ \t]+{_WHO}")),
    ("report", re.compile(  # "a Reuters investigation", "an Associated Press report"
        rf"\b(?:[Aa]n?|[Tt]he)[ \t]+(?P<name>{_NAME})[ \t]+(?:report|reports|investigation|analysis|article|story|poll|"
        r"survey|interview|documentary|podcast|exclusive)\b")),
    ("seen by", re.compile(rf"\b(?:seen|obtained|reviewed|verified) by[ \t]+{_WHO}")),
    ("read more at", re.compile(rf"\bRead (?:more|the full (?:story|article)|the original)[ \t]+(?:at|on|in)[ \t]+(?P<name>{_NAME})")),
    ("source line", re.compile(rf"^[ \t]*(?:Source|Originally published|First published|Via)[ \t]*(?:by|in|at|on)?:?[ \t]+(?P<name>{_NAME})", re.M)),
    ("syndicated from", re.compile(
        rf"\b(?:syndicated|republished|reproduced|reprinted|adapted)[ \t]+(?:from|with permission (?:of|from)|courtesy of)[ \t]+(?P<name>{_NAME})")),
]
# Credit lines, often cut from the text as boilerplate but kept with the article: "Additional
# reporting by Reuters", "The Associated Press contributed to this report", "Contributing: AFP".
_CREDITS = [
    re.compile(r"^\(?(?:additional\s+|with\s+)?(?:reporting|writing|research)\s+(?:by|from)\s+(?P<names>.+)", re.I),
    re.compile(r"^(?P<names>.+?)\s+contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|article|story)", re.I),
    re.compile(r"^(?:contributing|with\s+reporting\s+from)\s*:\s*(?P<names>.+)", re.I),
    re.compile(r"^[(—–-]*\s*[Ww]ith\s+(?P<names>[A-Z][^()]{0,60}?)\)?\.?$"),
]
_VIA_TAIL = re.compile(r",|\s+(?:which|who|that)\b")
_MEDIA = re.compile(
    r"\b(?:in|on|via|through)\s+(?:a|an|his|her|their|its|the)?\s*(?:[\w-]+\s+)?(?:posted\s+on\s+)?"
    r"(?P<medium>Telegram|YouTube|Facebook|Twitter|Instagram|TikTok|WhatsApp|VKontakte|Substack|Truth Social|X)"
    r"(?:\s+(?:post|channel|video|account|page|message|statement|stream|thread|broadcast))?\b"
)


@dataclass(slots=True)
class Citation:
    article_id: str
    cites: str
    kind: str  # outlet | person | organisation | document
    marker: str  # how the article shows it: reports, told, via, according to, source, dateline, …
    evidence: Span | None
    medium: str | None = None


class Outlets:
    """Resolves an outlet name as written ("the Times", "MPA", "the Courier") to one canonical name.

    Built from the corpus's own outlets, each optionally with the verbatim evidence its article
    gave for it: an outlet whose name is a bare newspaper word and that is only ever shown by it
    ("Never miss a Courier exclusive" made "The Courier") stands for the one fuller outlet of the
    corpus that carries that word ("Daily Courier"), when there is exactly one."""

    def __init__(
        self, corpus_outlets: Iterable[str | tuple[str, str | None]] = (), table: OutletTable | None = None
    ) -> None:
        self.table = table or outlet_table()
        self.known: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.by_word: dict[str, set[str]] = {}  # word → keys of known outlets with that word
        self.in_table: set[str] = set()  # keys of corpus outlets the world table also knows
        self.in_full: set[str] = set()  # keys of corpus outlets some article names in full
        for item in corpus_outlets:
            name, evidence = (item, None) if isinstance(item, str) else item
            self.add(name, evidence)

    def add(self, name: str | None, evidence: str | None = None) -> None:
        if not name or not (key := name_key(name)):
            return
        hit = self.table.by_name(name)
        canonical = hit or name.strip()
        self.known.setdefault(key, canonical)
        if hit is not None:
            self.in_table.add(key)
        if not evidence or self._shown_in_full(canonical, evidence):
            self.in_full.add(key)
        for w in key.split():
            self.by_word.setdefault(w, set()).add(key)
        initials = "".join(w[0] for w in key.split() if w not in ("of", "and"))
        if len(initials) >= 2:
            self.acronyms.setdefault(initials, canonical)

    def _shown_in_full(self, canonical: str, evidence: str) -> bool:
        """Whether `evidence` spells the whole name (any case or spacing, or as a domain) rather
        than only part of it ("Courier" for The Courier)."""
        if _squash(canonical) in _squash(evidence):
            return True
        return any(self.table.by_domain(d) == canonical for d in _DOMAIN.findall(evidence.casefold()))

    def _canonical(self, key: str) -> str:
        """The corpus outlet `key` names: the fuller outlet a short-only name stands for, else its own.
        Only a name that is itself a bare newspaper word or common word ("The Courier") is so re-read."""
        if key not in self.in_full and self.table.ambiguous(key):
            words = key.split()
            fuller = {
                self.known[k] for k in self.by_word.get(words[-1], set())
                if k in self.in_full and k.split()[-1] == words[-1] and set(words) < set(k.split())
            }
            if len(fuller) == 1:
                return fuller.pop()
        return self.known[key]

    def is_outlet(self, name: str) -> bool:
        """Whether `name` is exactly an outlet's name, alias or acronym (no guessing)."""
        key = name_key(name)
        return bool(key) and (
            self.table.by_name(name) is not None or key in self.known or key.replace(" ", "") in self.acronyms
        )

    def named(self, written: str, *, initial: bool = False, corroborated: bool = False) -> bool:
        """Whether `written` reads as a name where it stands: its main words capitalised (or spelt
        as the table spells it, "dpa"), and, for a name that is also an ordinary word, more than a
        bare word at a sentence start ("People reported smoke") unless something else shows it
        ("People magazine": `corroborated`)."""
        words = written.split()
        main = [w for w in words if w.casefold() not in _FUNCTION_WORDS]
        if not main:
            return False
        if not all(_capitalised(w) for w in main):
            canonical = self.table.by_name(written)
            if canonical is None or _strip_the(written) != _strip_the(canonical):
                return False
        bare = len(main) == 1 and words[0].casefold() != "the"
        return corroborated or not (bare and initial and self.table.ambiguous(written))

    def resolve(
        self, name: str, *, assume_outlet: bool = False, context: Iterable[str] = (), initial: bool = False
    ) -> str | None:
        """The canonical outlet for `name` as written, or None when nothing says it is an outlet.

        `assume_outlet`: the caller knows an outlet is named here (a dateline, "Read more at");
        otherwise the name must read as one (`named`). `initial`: it stands at a sentence start.
        `context` names outlets the article is tied to (its own, the one it re-publishes): a
        short form of one of them ("the Courier" in a copy of the Daily Courier) means that
        one, before any outlet of the same short name elsewhere."""
        written = " ".join(name.split()).strip(" ,;:")
        if not name_key(written) or name_key(written) in _PRONOUNS:
            return None
        context = list(context)
        guess: str | None = None  # what to call an outlet no table knows, if it reads as one
        for form, shown in _forms(written):
            if not assume_outlet and not self.named(form, initial=initial, corroborated=shown):
                continue
            if (hit := self._lookup(form, context)) is not None:
                return hit
            if guess is None and (assume_outlet or shown or _outlet_shaped(form)):
                guess = form
        return _tidy(guess) if guess else None

    def _lookup(self, written: str, context: list[str]) -> str | None:
        key = name_key(written)
        words = key.split()
        if not words or key in _PRONOUNS:
            return None
        for outlet in context:
            ok = name_key(outlet)
            if ok and (key == ok or (set(words) < set(ok.split()) and words[-1] == ok.split()[-1])):
                return self._canonical(ok) if ok in self.known else outlet
        if key in self.known:
            return self._canonical(key)
        # A head-noun short form of a corpus outlet the world table does not know ("the Times"
        # for the Harbour Times) is that outlet: the table cannot know its short forms.
        if (hit := self._corpus_match(words, head=True)) is not None:
            return hit
        if (hit := self.table.by_name(written)) is not None:
            return hit
        compact = key.replace(" ", "")
        if written.isupper() and compact in self.acronyms:
            return self.acronyms[compact]
        return self._corpus_match(words, head=False)

    def _corpus_match(self, words: list[str], *, head: bool) -> str | None:
        """The one corpus outlet whose name holds `words` and more (with `head`: ending in the
        same word, among outlets the table does not know), or None."""
        tokens = set(words)
        pool = set.intersection(*(self.by_word.get(w, set()) for w in tokens))
        found = {
            self._canonical(k) for k in pool
            if len(tokens) < len(set(k.split())) and (not head or (k.split()[-1] == words[-1] and k not in self.in_table))
        }
        return found.pop() if len(found) == 1 else None


def via_outlet(via: str, outlets: Outlets, context: Iterable[str] = ()) -> str | None:
    """The outlet a via names: the analyzer means an outlet there, so keep only what reads as
    one ("MPs" does not, nor "people"), cut before any clause that follows the name."""
    return outlets.resolve(_VIA_TAIL.split(via)[0], context=context)


def _forms(written: str) -> list[tuple[str, bool]]:
    """The name as written, then shorter readings of it, each with whether the words cut off
    show it is a medium: "People magazine" and "the weekly People" → People (shown); "the BBC's
    Today programme" → the BBC; "the state-run RIA Novosti" → RIA Novosti."""
    forms = [(_after_qualifier(written)[0] or written, False)]  # a qualifier is never part of a name
    for form, shown in forms:  # grows while it is read: each cut applies to every shorter reading
        for cut in (_after_kind, _before_medium, _after_qualifier, _owner):
            short, by_kind = cut(form)
            if short and short not in {f for f, _ in forms}:
                forms.append((short, shown or by_kind))
    return forms


def _after_kind(name: str) -> tuple[str | None, bool]:
    m = _KIND_FIRST.match(name)
    return (name[m.end() :], True) if m and m.end() < len(name) else (None, False)


def _before_medium(name: str) -> tuple[str | None, bool]:
    m = _MEDIUM_NOUN.search(name)
    return (name[: m.start()], True) if m and m.start() > 0 else (None, False)


def _after_qualifier(name: str) -> tuple[str | None, bool]:
    m = _QUALIFIED.match(name)
    return (name[m.end() :], False) if m and m.end() < len(name) else (None, False)


def _owner(name: str) -> tuple[str | None, bool]:
    m = _POSSESSIVE.match(name)
    return (m.group("owner"), False) if m else (None, False)


def _outlet_shaped(name: str) -> bool:
    """Whether a name no table knows reads as a news outlet's: it ends in a newspaper word
    ("Kyiv Independent"), or in a word organisations share only next to a news word ("Xinhua
    News Agency", not "the Environment Agency" or "the National Weather Service")."""
    words = name_key(name).split()
    if len(words) < 2 or words[0] in _HONORIFICS:
        return False  # one word is no evidence; "Ms Sun" is a person
    if words[-1] in _ORG_HEADS:
        return bool(_NEWS_WORDS & set(words[:-1]))
    return words[-1] in OUTLET_WORDS


def _capitalised(word: str) -> bool:
    w = word.lstrip("\"'“‘(")
    return bool(w) and (w[0].isupper() or w[0].isdigit() or any(c.isupper() for c in w[1:]) or bool(_DOMAIN.fullmatch(w)))


def _strip_the(name: str) -> str:
    return re.sub(r"^[Tt]he\s+", "", name.strip())


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _starts_sentence(text: str, at: int) -> bool:
    return at <= 0 or bool(_SENTENCE_START.search(text[max(0, at - 4) : at]))


def _showing(text: str, ev: Span, sentence: Span, written: str | None) -> Span:
    """The attribution's evidence widened to the words that name the outlet ("a source told" →
    "a source told the Harbour Times"), or those words alone when that would run too long."""
    at = text.find(written, sentence.start, sentence.end) if written else -1
    if at < 0 or not written:
        return ev
    start, end = min(ev.start, at), max(ev.end, at + len(written))
    return _span(text, start, end) if end - start <= 200 else _span(text, at, at + len(written))


def _named_somewhere(name: str, text: str, outlets: Outlets) -> bool:
    """Whether `name` is written as a name somewhere in `text` (an outlet the analyzer found
    behind a description such as "the investigative website")."""
    return any(
        outlets.named(m.group(), initial=_starts_sentence(text, m.start()))
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    )


def _source_named(x: Attribution, text: str, outlets: Outlets) -> bool:
    """Whether the outlet an attribution gives as its source is named as one where it stands:
    "Local media reported" names none, "People reported" (at a sentence start) is not the magazine."""
    name = (x.source or "").strip()
    if x.source_text is not None:
        at = x.source_text.text.casefold().find(name.casefold())
        if at >= 0:
            start = x.source_text.start + at
            return outlets.named(text[start : start + len(name)], initial=_starts_sentence(text, start))
        if outlets.is_outlet(name):
            return True  # a description of a known outlet ("the investigative website")
    return _named_somewhere(name, text, outlets)


def _conjuncts(name: str, outlets: Outlets) -> list[str]:
    """ "Reuters and the Associated Press" → both; "Press and Journal" (one paper) stays whole:
    split only when the whole is no outlet and some part is one."""
    if outlets.is_outlet(name) or not _CONJUNCTION.search(name):
        return [name]
    parts = [p for p in _CONJUNCTION.split(name) if p.strip()]
    return parts if any(outlets.is_outlet(p) for p in parts) else [name]


def _credited(line: str) -> list[str]:
    """The names a credit line credits ("Reporting by Jane Roe; additional reporting by Reuters"
    → Jane Roe, Reuters): only outlets among them resolve."""
    names = []
    if m := _CREDITS[2].match(line.strip()):  # "Contributing: Jane Roe, USA TODAY; The Associated Press"
        return [n.strip(" .()") for n in re.split(r";|,|\band\b|&", m.group("names")) if n.strip(" .()")]
    for part in line.strip().split(";"):
        for rx in _CREDITS:
            if m := rx.match(part.strip()):
                names += [n.strip(" .()") for n in _CONJUNCTION.split(m.group("names")) if n.strip(" .()")]
                break
    return names


def _tidy(name: str) -> str:
    name = re.sub(r"^[Tt]he\s+(?=\S+\s+\S)", "The ", name.strip().rstrip(".,;:"))
    return re.sub(r"['’]s$", "", name)


def _span(text: str, start: int, end: int) -> Span:
    return Span.of(text, start, end)


def extract_citations(a: Analysis, outlets: Outlets, article_id: str | None = None) -> list[Citation]:
    """Every citation `a` makes, once per (cited, kind), in order of first evidence; keyed by
    `article_id` (the store's key; by default the article's id)."""
    art = a.article
    aid = article_id or art.id
    text = art.text
    own = name_key(outlets.resolve(art.outlet.value, assume_outlet=True)) if art.outlet and art.outlet.value else ""
    context = [x.value for x in (art.outlet, art.republished_from) if x and x.value]
    found: list[Citation] = []

    def add(cites: str | None, kind: str, marker: str, evidence: Span | None, medium: str | None = None) -> None:
        if not cites or not name_key(cites) or (kind == "outlet" and name_key(cites) == own):
            return
        found.append(Citation(aid, cites, kind, marker, evidence, medium))

    if art.republished_from and art.republished_from.value:  # an unnamed re-publication cites no one
        rep = outlets.resolve(art.republished_from.value, assume_outlet=True)
        ev = art.republished_from.evidence
        at = text.find(ev) if ev else -1
        add(rep, "outlet", "republished from", _span(text, at, at + len(ev)) if ev and at >= 0 else None)
    media = {m.start(): m.group("medium") for m in _MEDIA.finditer(text)}
    for x in a.attributions:
        if x.sentence is None:
            continue  # a row read back without its sentence span
        parts = [s for s in (x.cue, x.source_text) if s is not None]
        ev = _span(text, min(s.start for s in parts), max(s.end for s in parts)) if parts else x.sentence
        if ev.end - ev.start > 200:
            ev = x.sentence
        medium = next((m for at, m in media.items() if x.sentence.start <= at < x.sentence.end), None)
        recipient = x.recipient_or_medium
        recipient_outlet = None
        if recipient:
            at = text.find(recipient, x.sentence.start, x.sentence.end)
            recipient_outlet = outlets.resolve(recipient, context=context, initial=at >= 0 and _starts_sentence(text, at))
        if recipient and not recipient_outlet and not medium and recipient.casefold() not in ("reporters", "journalists"):
            medium = recipient
        if x.source and (x.source_type == "media_outlet" or outlets.is_outlet(x.source)) and _source_named(x, text, outlets):
            add(outlets.resolve(x.source, assume_outlet=True, context=context), "outlet", "reports", ev)
        elif x.source and x.source_type in _PERSON_TYPES and name_key(x.source) not in _PRONOUNS:
            written = (x.source_text.text if x.source_text else x.source).split()
            # "Reports suggest", "statement": a bare noun points at no document in particular.
            if not (x.source_type == "document" and len(written) < 2):
                add(x.source.strip(), _PERSON_TYPES[x.source_type], "attribution", ev, medium)
        if recipient_outlet:
            add(recipient_outlet, "outlet", "told", _showing(text, ev, x.sentence, recipient))
        for v in x.via:
            if (cites := via_outlet(v, outlets, context)) is not None:
                add(cites, "outlet", "via", _showing(text, ev, x.sentence, _VIA_TAIL.split(v)[0].strip()))
    for marker, pattern in _MARKERS:
        for m in pattern.finditer(text):
            # A kind word ("the newspaper X") or a credit line shows an outlet is named. Only the
            # subject of "X reported" may stand at a sentence start; the other markers put the
            # name after their own words ("told X", "according to X").
            assume = marker in ("syndicated from", "read more at") or bool(m.groupdict().get("desc"))
            initial = marker == "reports" and _starts_sentence(text, m.start("name"))
            for i, name in enumerate(_conjuncts(m.group("name"), outlets)):
                cites = outlets.resolve(name, assume_outlet=assume, context=context, initial=initial and i == 0)
                add(cites, "outlet", marker, _span(text, m.start(), m.end()))
    for para in _PARAGRAPH.finditer(text):
        if (wire := dateline_agency(para.group())) is not None:
            agency, line = wire
            # "LONDON (Reuters) -" names an agency by its place; an unbracketed "Kyiv CNN -" only a known one.
            if f"({agency}" in line or outlets.is_outlet(agency):
                add(outlets.resolve(agency, assume_outlet=True, context=context), "outlet", "dateline",
                    _span(text, para.start(), para.start() + len(line)))
    lines = [(m.group(), m.start()) for m in _PARAGRAPH.finditer(text)] + [(b, -1) for b in art.boilerplate]
    for line, at in lines:
        for name in _credited(line):
            ev = _span(text, at, at + len(line)) if at >= 0 else None
            add(outlets.resolve(name, context=context), "outlet", "credit", ev)
    seen: set[tuple[str, str]] = set()
    out = []
    for c in sorted(found, key=lambda c: c.evidence.start if c.evidence else -1):
        key = (name_key(c.cites), c.kind)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
