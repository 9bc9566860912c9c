"""Text features the linkers share: sentences, content words, quotations, hedges, figures.

Linking compares articles written by different people, so these features are deliberately
forgiving: case, quote style, inflection and word order should not hide that two sentences
carry the same claim.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’)\]]*(?P<gap>\s+)(?=[\"'“‘(\[]?[A-Z0-9]))|(?P<para>\n\s*\n)")

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with without into onto over under as is are was
    were be been being am has have had do does did it its it's this that these those there here he she
    they them his her their our we us you your i me my mine not no nor so than then too very can could
    would should will shall may might must just also only about after before said says say told tell
    who whom whose which what when where why how all any some more most other such own same up out
    down off again further once now new one two last first next yesterday today tonight week weeks day
    days since while during because until although though however even still yet per cent percent
    mr mrs ms dr""".split()  # noqa: SIM905
)

# Modal and evidential words that weaken a claim. The analyzer marks hedges on attributions
# and claims; these catch the ones a re-write most often drops (may be lying → are lying).
HEDGE_WORDS = re.compile(
    r"\b(may|might|could|possibly|probably|perhaps|reportedly|allegedly|apparently|purportedly|"
    r"feared|suspected|believed to|thought to|said to|understood to|likely|unconfirmed|provisional)\b",
    re.IGNORECASE,
)

# Quotations: typographic pairs, straight double quotes, and single quotes that open after a
# space or line start and close before punctuation or space (so apostrophes do not count).
_QUOTATION = re.compile(
    r"“([^”]{2,}?)”|\"([^\"\n]{2,}?)\"|(?:(?<=^)|(?<=[\s(\[:]))[‘']([^‘’'\n]{2,}?)[’'](?=[\s.,;:!?)\]—-]|$)",
    re.MULTILINE,
)


_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Capt|Sgt|Rep|Sen|Gov|Rev|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
    r"[A-Z])\.$"
)


def normalise(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").translate(_QUOTES)


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """Compare names without case, a leading article, quotes or punctuation."""
    key = normalise(name).casefold().strip(" .,:;'\"")
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"['’]s\b", "", key)
    return " ".join(re.findall(r"[^\W_]+", key))


@lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """A crude, stable stem: enough to match killed/kills/killing across re-writes."""
    w = word.casefold().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    return w[:8]


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def content_words(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stopwords), numbers kept as written."""
    return {stem(w) for w in words(text) if w.casefold() not in STOPWORDS and (len(w) > 2 or w.isdigit())}


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Piece]:
    """Sentence pieces with offsets: a light splitter for texts whose analysis left gaps."""
    out: list[Piece] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start("gap") if m.group("gap") else m.start()
        if m.group("gap") and _ABBREVIATION.search(text, 0, m.start() + 1):
            continue
        if text[start:end].strip():
            out.append(_trimmed(text, start, end))
        start = m.end()
    if text[start:].strip():
        out.append(_trimmed(text, start, len(text)))
    return out


def _trimmed(text: str, start: int, end: int) -> Piece:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Piece(start, end, text[start:end])


def quotations(text: str, offset: int = 0) -> list[Piece]:
    """The words inside quotation marks, with offsets (shifted by `offset`)."""
    out = []
    for m in _QUOTATION.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        out.append(Piece(m.start(group) + offset, m.end(group) + offset, m.group(group)))
    return out


@lru_cache(maxsize=65536)
def quote_key(text: str) -> str:
    """A quotation compared without case, punctuation or spacing."""
    return " ".join(w.casefold() for w in words(text))


def dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def hedges_in(text: str) -> list[str]:
    return [m.group(0) for m in HEDGE_WORDS.finditer(text)]


# Counted nouns grouped by what they count, so "13 dead", "a toll of 13" and "13 deaths" are
# recognised as the same figure. Unknown nouns count as themselves (stemmed).
_OBJECT_CLASSES: dict[str, tuple[str, ...]] = {
    "dead": ("dead", "death", "deaths", "killed", "died", "toll", "bodies", "body", "fatalities", "victims", "lives"),
    "injured": ("injured", "wounded", "hurt", "hospital", "hospitalised", "hospitalized", "casualties"),
    "missing": ("missing", "unaccounted"),
    "evacuated": ("evacuated", "evacuees", "displaced", "evacuation"),
    "arrested": ("arrested", "detained", "arrests", "detentions"),
    "votes": ("votes", "vote", "ballots", "ballot"),
    "staff": ("staff", "officials", "employees", "personnel", "officers"),
}
_CLASS_OF = {stem(w): c for c, ws in _OBJECT_CLASSES.items() for w in ws}


def object_class(unit: str | None, sentence: str = "", after: str = "") -> str | None:
    """What a figure counts: its counted noun's class, else a class named right after it
    ("37 taken to hospital"), else one named in its sentence."""
    if unit:
        for w in reversed(words(unit)):
            if (c := _CLASS_OF.get(stem(w))) is not None:
                return c
        head = words(unit)
        if head and head[-1].casefold() not in ("people", "persons", "person", "others"):
            return stem(head[-1])
    for w in words(after)[:5] + words(sentence):
        if (c := _CLASS_OF.get(stem(w))) is not None:
            return c
    return None
