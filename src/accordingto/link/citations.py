"""Citations: edges from an article to the outlet, person, organisation or document it says it
got something from, each with the verbatim words that show it.

Two sources of evidence: the attributions the analyzer found (sources, via-chains, recipients
such as "told Insider") and explicit markers in the text ("The Times reports", "according to
an investigation by …", "Read more at …", "Source: …", "syndicated from …", a wire dateline
"CITY, March 9 (XYZ) -"). Outlet names are resolved to one canonical outlet through the bundled,
user-extendable outlet table, the outlets of the corpus itself, their acronyms and short forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..clean.outlets import OutletTable, outlet_table
from ..model import Analysis, Span
from .text import name_key

# Last words that make a capitalised name read as a news outlet when no table knows it.
_OUTLET_WORDS = frozenset(
    """times news post press agency herald gazette standard courier mirror telegraph journal tribune
    chronicle guardian observer express sun star mail insider review project television tv radio wire
    report reporter daily monitor examiner record independent bulletin hub pulse today online magazine
    weekly network service services broadcasting media newswire dispatch inquirer informer sentinel
    leader mercury echo advertiser argus globe world times-news""".split()  # noqa: SIM905
)
_PERSON_TYPES = {"person": "person", "organisation": "organisation", "government": "organisation", "document": "document"}
_PRONOUNS = frozenset("he she they it we i you his her their its this that who one".split())  # noqa: SIM905

_NAME = r"(?:[Tt]he[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|and[ \t]+|&[ \t]+)?[A-Z][\w.&'’-]*){0,5}"
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("reports", re.compile(
        rf"(?P<name>{_NAME})[ \t]+(?:has[ \t]+|had[ \t]+|have[ \t]+)?(?:first[ \t]+|exclusively[ \t]+)?"
        r"(?:reports|reported|revealed|reveals|has learned|learned|understands|broke the story|disclosed)\b")),
    ("reported by", re.compile(
        rf"\b(?:first[ \t]+)?(?:reported|revealed|published|broken|disclosed|cited|quoted)[ \t]+(?:first[ \t]+)?(?:by|in)[ \t]+(?P<name>{_NAME})")),
    ("according to", re.compile(
        r"\b[Aa]ccording to[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:(?:exclusive[ \t]+)?(?:investigation|report|reports|reporting|analysis|"
        rf"article|story|interview|documents?[ \t]+seen|figures?)[ \t]+(?:by|in|from|with)[ \t]+)?(?P<name>{_NAME})")),
    ("told", re.compile(
        r"\b(?:told|telling|speaking to|spoke to|speaking with|spoke with|in an interview with|interviewed by|"
        rf"in a statement to|confirmed to|writing in|wrote in|writing for|quoted by|cited by)[ \t]+(?P<name>{_NAME})")),
    ("seen by", re.compile(rf"\b(?:seen|obtained|reviewed|verified) by[ \t]+(?P<name>{_NAME})")),
    ("read more at", re.compile(rf"\bRead (?:more|the full (?:story|article)|the original)[ \t]+(?:at|on|in)[ \t]+(?P<name>{_NAME})")),
    ("source line", re.compile(rf"^[ \t]*(?:Source|Originally published|First published|Via)[ \t]*(?:by|in|at|on)?:?[ \t]+(?P<name>{_NAME})", re.M)),
    ("syndicated from", re.compile(
        rf"\b(?:syndicated|republished|reproduced|reprinted|adapted)[ \t]+(?:from|with permission (?:of|from)|courtesy of)[ \t]+(?P<name>{_NAME})")),
    ("dateline", re.compile(
        r"^[ \t]*[A-Z][A-Z .'’-]+,[ \t]+[A-Z][a-z]+\.?[ \t]+\d{1,2}[ \t]+\((?P<name>[A-Za-z][\w&. -]{1,30})\)[ \t]*[-–—]", re.M)),
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
    """Resolves an outlet name as written ("the Times", "MPA", "the Courier") to one canonical name."""

    def __init__(self, corpus_outlets: Iterable[str] = (), table: OutletTable | None = None) -> None:
        self.table = table or outlet_table()
        self.known: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.by_word: dict[str, set[str]] = {}  # word → keys of known outlets with that word
        for name in corpus_outlets:
            self.add(name)

    def add(self, name: str | None) -> None:
        if not name or not (key := name_key(name)):
            return
        canonical = self.table.by_name(name) or name.strip()
        self.known.setdefault(key, canonical)
        for w in key.split():
            self.by_word.setdefault(w, set()).add(key)
        initials = "".join(w[0] for w in key.split() if w not in ("of", "and"))
        if len(initials) >= 2:
            self.acronyms.setdefault(initials, canonical)

    def is_outlet(self, name: str) -> bool:
        """Whether `name` is exactly an outlet's name, alias or acronym (no guessing)."""
        key = name_key(name)
        return bool(key) and (
            self.table.by_name(name) is not None or key in self.known or key.replace(" ", "") in self.acronyms
        )

    def resolve(self, name: str, *, assume_outlet: bool = False, context: Iterable[str] = ()) -> str | None:
        """The canonical outlet for `name`, or None when nothing says it is an outlet.

        `context` names outlets the article is tied to (its own, the one it re-publishes): a
        short form of one of them ("the Courier" in a copy of the Daily Courier) means that
        one, before any outlet of the same short name elsewhere."""
        key = name_key(name)
        if not key or key in _PRONOUNS:
            return None
        for outlet in context:
            ok = name_key(outlet)
            if ok and (key == ok or (set(key.split()) < set(ok.split()) and key.split()[-1] == ok.split()[-1])):
                return self.known.get(ok, outlet)
        if (hit := self.table.by_name(name)) is not None:
            return hit
        if key in self.known:
            return self.known[key]
        compact = key.replace(" ", "")
        if name.strip().isupper() and compact in self.acronyms:
            return self.acronyms[compact]
        tokens = set(key.split())
        pool = set.intersection(*(self.by_word.get(w, set()) for w in tokens)) if tokens else set()
        partial = {self.known[k] for k in pool if len(tokens) < len(k.split())}
        if len(partial) == 1:
            return partial.pop()
        if assume_outlet or key.split()[-1] in _OUTLET_WORDS:
            return _tidy(name)
        return None


def via_outlet(via: str, outlets: Outlets, context: Iterable[str] = ()) -> str | None:
    """The outlet a via names: the analyzer means an outlet there, so keep only what reads as
    one ("MPs" does not), cut before any clause that follows the name."""
    return outlets.resolve(_VIA_TAIL.split(via)[0], context=context)


def _proper(name: str | None, text: str) -> bool:
    """Whether `name` is written as a proper name (every main word capitalised) in `text`, and
    not only where a sentence starts: "the insider added" names no outlet called Insider."""
    if not name:
        return False
    for m in re.finditer(re.escape(name), text):
        main = [w for w in name.split() if w.casefold() not in ("the", "of", "and", "a")]
        before = text[max(0, m.start() - 3) : m.start()]
        starts_sentence = m.start() == 0 or re.search(r"(?:[.!?:\"“‘]\s*|\n\s*)$", before)
        if main and all(w[:1].isupper() for w in main) and not (len(main) == 1 and starts_sentence):
            return True
    return False


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
        recipient_outlet = outlets.resolve(recipient, context=context) if _proper(recipient, text) else None
        if recipient and not recipient_outlet and not medium and recipient.casefold() not in ("reporters", "journalists"):
            medium = recipient
        written = x.source_text.text if x.source_text else x.source
        if x.source and (x.source_type == "media_outlet" or (_proper(written, text) and outlets.is_outlet(x.source))):
            add(outlets.resolve(x.source, assume_outlet=True, context=context), "outlet", "reports", ev)
        elif x.source and x.source_type in _PERSON_TYPES and name_key(x.source) not in _PRONOUNS:
            add(x.source.strip(), _PERSON_TYPES[x.source_type], "attribution", ev, medium)
        if recipient_outlet:
            add(recipient_outlet, "outlet", "told", ev)
        for v in x.via:
            add(via_outlet(v, outlets, context), "outlet", "via", ev)
    for marker, pattern in _MARKERS:
        for m in pattern.finditer(text):
            name = m.group("name")
            cites = outlets.resolve(
                name, assume_outlet=marker in ("dateline", "syndicated from", "read more at"), context=context
            )
            add(cites, "outlet", marker, _span(text, m.start(), m.end()))
    seen: set[tuple[str, str]] = set()
    out = []
    for c in sorted(found, key=lambda c: c.evidence.start if c.evidence else -1):
        key = (name_key(c.cites), c.kind)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
