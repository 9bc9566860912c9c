"""Reading numbers as written in news text: digits, words, scale suffixes, ordinals."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1,
}
SCALES = {
    "dozen": 12, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "sixth": 6, "sixths": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "tenths": 10,
}
# "hundreds of", "dozens of": vague plurals whose value is the lower bound of what they name.
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "tens": 10}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}
DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([a-z]{0,3})$", re.I)
ORDINAL_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)


def ordinal_value(word: str) -> int | None:
    w = word.lower()
    if w in ORDINALS:
        return ORDINALS[w]
    return int(w[:-2]) if ORDINAL_DIGITS.match(w) else None


def word_value(word: str) -> float | None:
    """The value of one token: "3.3bn", "80,000", "twenty-five", "seven"; None if not a number."""
    w = word.lower().strip()
    if m := DIGITS.match(w):
        whole, frac, suffix = m.groups()
        if suffix and suffix not in SCALES:
            return None
        value = float(whole.replace(",", "") + ("." + frac if frac else ""))
        return value * SCALES.get(suffix, 1) if suffix else value
    if w in UNITS and w not in ("a", "an"):
        return float(UNITS[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS and UNITS[parts[0]] >= 20:
            return float(UNITS[parts[0]] + UNITS[parts[1]])
    return None


def phrase_value(words: list[str]) -> float | None:
    """Combine a run of number words: ["45", "million"] -> 45e6, ["two", "hundred", "thousand"] -> 2e5."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        lw = w.lower().rstrip(".") if len(w) > 1 else w.lower()
        if lw in ("and", "-"):
            continue
        if lw in SCALES and seen:
            scale = SCALES[lw]
            current = (current or 1) * scale
            if scale >= 1e3:
                total, current = total + current, 0.0
            continue
        v = word_value(w)
        if v is None:
            if lw in ("a", "an") and not seen:
                current, seen = 1.0, True
                continue
            return None
        current, seen = current + v, True
    return total + current if seen else None
