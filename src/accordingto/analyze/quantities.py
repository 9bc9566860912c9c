"""Counts and amounts with approximators and the thing counted.

A quantity is a run of number tokens ("80,000", "45 million", "£3.3bn", "twenty-five") or a
vague plural ("hundreds of"), with the approximator written before it ("an estimated", "more
than", "up to") and the counted thing read from the parse: the noun the number modifies, or the
object of "of" after a vague plural. Dates, years, durations, ages, ordinals and numbers inside
names are not quantities.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Quantity, Span
from .hedges import doc_text
from .numbers import FRACTIONS, SCALES, VAGUE, phrase_value, word_value

# Longest first, so that "more than" wins over "than"; matched on the words before the number.
APPROXIMATORS = sorted(
    [
        "an estimated", "estimated", "about", "around", "roughly", "approximately", "some", "nearly",
        "almost", "close to", "more than", "over", "at least", "up to", "as many as", "as few as",
        "fewer than", "less than", "under", "upwards of", "in excess of", "at most", "no fewer than",
        "no more than", "not more than", "within", "just over", "just under", "well over", "more or less",
        "an approximate", "approx.", "c.", "circa", "between",
    ],
    key=lambda a: -len(a.split()),
)
CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR"}
CURRENCY_WORDS = {
    "pound": "GBP", "sterling": "GBP", "dollar": "USD", "euro": "EUR", "ruble": "RUB", "rouble": "RUB",
    "hryvnia": "UAH", "hryvnias": "UAH", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR",
    "franc": "CHF", "lira": "TRY", "shekel": "ILS", "won": "KRW", "rand": "ZAR", "real": "BRL",
}
PERCENT_WORDS = ("%", "percent", "per cent", "pc")
TIME_UNITS = {
    "second", "minute", "hour", "day", "night", "week", "weekend", "fortnight", "month", "year",
    "decade", "century", "millennium", "season", "term",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
# Numbers inside names and dates ("Flight 17", "2024-07-28", "Kessel, 52") are not counts.
NAME_ENTS = {"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PERSON", "GPE", "NORP", "LOC"}
DATE_WORD = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|^\d{1,2}:\d{2}")
RANGE_WORDS = {"to", "-", "–", "and"}
CLOCK = {"am", "pm", "a.m.", "p.m.", "gmt", "bst", "utc", "cet", "o'clock", "o’clock", "hrs", "h"}


def extract_quantities(doc: Doc) -> list[Quantity]:
    out: list[Quantity] = []
    used: set[int] = set()
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            q = _vague(doc, i, sent) or _number(doc, i, sent)
            if q is None or any(k in used for k in range(q[0], q[1])):
                i += 1
                continue
            start, end, value, approx, unit, written = q
            used.update(range(start, end))
            out.append(_quantity(doc, sent, start, end, value, approx, unit, written))
            i = end
    return out


def _quantity(
    doc: Doc, sent: SpacySpan, start: int, end: int, value: float, approximate: bool, unit: str | None,
    written: str | None,
) -> Quantity:
    approximator, a_start = _approximator(doc, start, sent)
    if approximator:
        start = a_start
    approximator = approximator or written
    approximate = approximate or approximator is not None
    text = doc_text(doc)
    return Quantity(
        sentence=Span.of(text, sent.start_char, sent.end_char),
        span=Span.of(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])),
        value=value,
        approximate=approximate,
        approximator=approximator,
        unit_or_object=unit,
    )


def _approximator(doc: Doc, start: int, sent: SpacySpan) -> tuple[str | None, int]:
    for a in APPROXIMATORS:
        n = len(a.split())
        s = start - n
        if s < sent.start:
            continue
        if " ".join(t.lower_ for t in doc[s:start]) == a:
            return doc[s:start].text, s
    return None, start


Found = tuple[int, int, float, bool, str | None, str | None]  # start, end, value, approximate, unit, approximator


def _vague(doc: Doc, i: int, sent: SpacySpan) -> Found | None:
    """ "hundreds of X", "tens of thousands of X": the value is the lower bound of the plural."""
    tok = doc[i]
    if tok.lower_ in ("several", "a few", "few", "some") and i + 1 < sent.end and doc[i + 1].lower_ in (
        "hundred", "thousand", "million", "billion"
    ):  # "several thousand people": the scale is the lower bound
        head = _counted(doc[i + 1])
        unit = _noun_phrase(doc, i + 2, head) if head is not None else None
        return i, i + 2 if head is None else head.i + 1, SCALES[doc[i + 1].lower_], True, unit, tok.text
    if tok.lower_ not in VAGUE or i + 1 >= sent.end:
        return None
    if doc[i + 1].lower_ != "of":  # "dozens more officials", "dozens were hurt"
        if tok.dep_ in ("quantmod",) or (i > sent.start and doc[i - 1].lower_ in ("of", "tens")):
            return None
        head = next((t for t in doc[i + 1 : min(sent.end, i + 4)] if t.pos_ in ("NOUN", "PROPN")), None)
        if head is not None and head.head.i == tok.i or head is not None and tok.head.i == head.i:
            return i, head.i + 1, float(VAGUE[tok.lower_]), True, _noun_phrase(doc, i + 1, head), tok.text
        return i, i + 1, float(VAGUE[tok.lower_]), True, None, tok.text
    value, end = float(VAGUE[tok.lower_]), i + 1
    if end + 2 < sent.end and doc[end + 1].lower_ in VAGUE and doc[end + 2].lower_ == "of":
        value *= VAGUE[doc[end + 1].lower_]
        end += 2
    of = doc[end]
    objs = [c for c in of.children if c.dep_ == "pobj"]
    if not objs or objs[0].pos_ == "PRON":
        return None
    return i, objs[0].i + 1, value, True, _noun_phrase(doc, of.i + 1, objs[0]), doc[i : end + 1].text


def _is_num(tok: Token) -> bool:
    return word_value(tok.text) is not None


def _number(doc: Doc, i: int, sent: SpacySpan) -> Found | None:
    tok = doc[i]
    currency = None
    start = i
    if tok.text in CURRENCY_SYMBOLS and i + 1 < sent.end and _is_num(doc[i + 1]):
        currency, i = CURRENCY_SYMBOLS[tok.text], i + 1
        tok = doc[i]
    if fraction := _fraction(doc, i, sent):
        return fraction
    if tok.lower_ in ("twice", "thrice"):  # "twice the amount"
        return start, i + 1, 2.0 if tok.lower_ == "twice" else 3.0, False, "times", None
    if not _is_num(tok) and not (tok.lower_ in ("a", "an") and i + 1 < sent.end and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion")):
        return None
    end = _run_end(doc, i, sent)
    words = [t.text for t in doc[i:end]]
    value = phrase_value(words)
    if value is None or _excluded(doc, i, end, sent, words):
        return None
    approximate, range_word, first_end = False, None, end
    # Ranges: "100 to 200", "100-200", "between 100 and 200" keep the lower bound, marked approximate.
    if end + 1 < sent.end and doc[end].lower_ in RANGE_WORDS and _is_num(doc[end + 1]):
        is_between = i - 1 >= sent.start and doc[i - 1].lower_ == "between"
        if doc[end].lower_ != "and" or is_between:
            range_word = doc[end].text
            high_end = _run_end(doc, end + 1, sent)
            scale = doc[high_end - 1].lower_
            if high_end - end > 2 and scale in SCALES and words[-1].lower() not in SCALES:
                value *= SCALES[scale]  # "between 3 and 4 million": the scale is shared
            end, approximate = high_end, True
    first_anchor, anchor = doc[first_end - 1], doc[end - 1]
    if end < sent.end and doc[end].lower_ in PERCENT_WORDS:
        return start, end + 1, value, approximate, "percent", range_word
    if end + 1 < sent.end and f"{doc[end].lower_} {doc[end + 1].lower_}" == "per cent":
        return start, end + 2, value, approximate, "percent", range_word
    if end < sent.end and doc[end].lemma_.lower() in CURRENCY_WORDS:
        return start, end + 1, value, approximate, CURRENCY_WORDS[doc[end].lemma_.lower()], range_word
    if currency:
        return start, end, value, approximate, currency, range_word
    head = _counted(anchor) or _counted(first_anchor)
    if head is not None and head.lemma_.lower() in TIME_UNITS:
        return None  # a duration ("five weeks", "two decades")
    unit = _noun_phrase(doc, end, head) if head is not None else None
    return start, end, value, approximate, unit, range_word


def _fraction(doc: Doc, i: int, sent: SpacySpan) -> Found | None:
    """ "a fifth of berths", "one-third", "two thirds": a share."""
    tok = doc[i]
    numerator = {"a": 1, "an": 1}.get(tok.lower_) or word_value(tok.text)
    if numerator is None or numerator >= 20:
        return None
    k = i + 1
    if k < sent.end and doc[k].text == "-" and not tok.whitespace_:
        k += 1
    if k >= sent.end or doc[k].lower_ not in FRACTIONS:
        return None
    if tok.lower_ in ("a", "an") and doc[k].lower_ in ("half",):
        return None  # "a half-hour", "and a half": too idiomatic to count
    unit = None
    of = doc[k + 1] if k + 1 < sent.end and doc[k + 1].lower_ == "of" else None
    if of is not None:
        objs = [c for c in of.children if c.dep_ == "pobj"]
        unit = _noun_phrase(doc, of.i + 1, objs[0]) if objs else None
    return i, k + 1, round(numerator / FRACTIONS[doc[k].lower_], 4), False, unit, None


def _run_end(doc: Doc, i: int, sent: SpacySpan) -> int:
    """End of a run of number words starting at i: "45 million", "3.5 m", "two hundred and fifty"."""
    end = i + 1
    while end < sent.end:
        t = doc[end]
        lw = t.lower_.rstrip(".")  # "£35m." at the end of a sentence
        adjacent = doc[end - 1].idx + len(doc[end - 1]) == t.idx
        if lw in ("hundred", "thousand", "million", "billion", "trillion", "dozen") or (
            lw in SCALES and adjacent
        ):
            end += 1
        elif lw == "and" and end + 1 < sent.end and doc[end - 1].lower_ == "hundred" and _is_num(doc[end + 1]):
            end += 2
        elif (
            t.text == "-" and end + 1 < sent.end and not doc[end - 1].whitespace_ and not t.whitespace_
            and doc[end - 1].is_alpha and doc[end + 1].is_alpha and _is_num(doc[end + 1])
        ):
            end += 2  # "twenty-five"
        else:
            break
    return end


def _excluded(doc: Doc, i: int, end: int, sent: SpacySpan, words: list[str]) -> bool:
    first, last = doc[i], doc[end - 1]
    if len(words) == 1 and first.lower_ == "one":
        return True  # "one of", "one expert": a determiner more than a count
    if first.ent_type_ in NAME_ENTS or last.ent_type_ in NAME_ENTS:
        return True
    if _is_year(first, words):
        return True
    if DATE_WORD.match(_word_around(doc, first.i).strip("(),.;")):
        return True  # "2024-07-28", "28/07/2024", "10:30"
    near = {doc[k].lower_ for k in range(max(sent.start, i - 1), min(sent.end, end + 1))}
    if near & MONTHS:
        return True  # "July 23", "23 July"
    if end < sent.end and doc[end].lower_ in CLOCK:
        return True  # "1am", "4 p.m."
    if i - 2 >= sent.start and doc[i - 1].text == "-" and doc[i - 2].is_alpha and not doc[i - 1].whitespace_:
        return True  # "father-of-two", "Su-25", "COVID-19"
    return _is_age(doc, i, end, sent)


def _word_around(doc: Doc, i: int) -> str:
    """The whitespace-delimited word a token belongs to ("2024-07-28" for its "07")."""
    start, end = i, i + 1
    while start > 0 and not doc[start - 1].whitespace_:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_:
        end += 1
    return "".join(t.text for t in doc[start:end])


def _is_year(tok: Token, words: list[str]) -> bool:
    return len(words) == 1 and tok.text.isdigit() and len(tok.text) == 4 and 1800 <= int(tok.text) <= 2100


def _is_age(doc: Doc, i: int, end: int, sent: SpacySpan) -> bool:
    prev = doc[i - 1] if i - 1 >= sent.start else None
    nxt = doc[end] if end < sent.end else None
    if prev is not None and prev.lower_ in ("aged", "age"):
        return True
    if nxt is not None and nxt.text == "-" and end + 1 < sent.end and doc[end + 1].lower_ == "year":
        return True  # "41-year-old"
    # "Kessel, 52, who ...": a bare number in commas right after a name.
    return (
        prev is not None and prev.text == "," and i - 2 >= sent.start
        and doc[i - 2].pos_ == "PROPN" and end - i == 1
        and (nxt is None or nxt.is_punct)
    )


def _counted(anchor: Token) -> Token | None:
    """The noun a number counts, from the parse."""
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and anchor.head.pos_ in ("NOUN", "PROPN"):
        head = anchor.head
        if head.i < anchor.i:
            return None
        return head
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objs:
                return objs[0]
    return None


def _noun_phrase(doc: Doc, start: int, head: Token) -> str | None:
    """The counted noun with its pre-modifiers between the number and the noun ("top officials")."""
    if head.i < start:
        return None
    span = doc[start : head.i + 1]
    if any(t.text in (",", ";", ":") for t in span) or len(span) > 8:
        return head.text
    while len(span) and span[0].text in ("-", "–", "of"):
        span = span[1:]
    return span.text or None
