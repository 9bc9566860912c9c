"""Metadata read from a document's own lines: dates, the wire dateline, outlet mentions."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        1,
    )
    for m in names
}  # fmt: skip
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = r"(?:[T ,]*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|\b[A-Z]{2,4}\b)?)?"
DATE_PATTERNS = [
    re.compile(rf"\b(?P<year>(?:19|20)\d{{2}})-(?P<mon>[01]\d)-(?P<day>[0-3]\d){_TIME}", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE),
]
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\b(?:[A-Z]{2,4}|[A-Z]{1,2}T)\b)?|\b(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|ET|PT)\b",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_DATE_WORDS = re.compile(
    rf"\b(?:published|posted|updated|last updated|last modified|first published|modified|date|dated|on|at|{_WEEKDAY})(?!\w)|[:|,/·•–—-]",
    re.IGNORECASE,
)
# A scraper's header glued to the headline: "date 2024-07-28 Headline…".
DATE_HEADER = re.compile(
    r"^(?P<evidence>(?:date|published|posted|pubdate)?\s*[:=]?\s*(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d)"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A wire dateline opening the body: "LONDON (Reuters) -", "KYIV, Ukraine (AP) —", and the
# unbracketed "Kyiv, Ukraine CNN —" (the agency is checked against the outlet table).
DATELINE = re.compile(
    r"^(?P<evidence>[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ ]{1,30})?(?:,\s*\w+\.? \d{1,2})?"
    r"\s*\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)\s*[-–—])"
    r"|^(?P<evidence2>(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,\s*)*(?:[A-Z][\w.'’-]*\s+)?"
    r"(?P<agency2>(?-i:[A-Z]{2,6}))\s+[–—])"
)


def _iso(m: re.Match[str]) -> str | None:
    mon = m.group("mon").lower().rstrip(".")
    month = int(mon) if mon.isdigit() else _MONTHS.get(mon)
    try:
        return date(int(m.group("year")), month or 0, int(m.group("day"))).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first full calendar date (day, month, year) written in `text`, as ISO."""
    hits = [m for rx in DATE_PATTERNS if (m := rx.search(text))]
    for m in sorted(hits, key=lambda m: m.start()):
        if iso := _iso(m):
            return iso, m
    return None


def parse_date(value: str) -> str | None:
    """An ISO date from a metadata value ("2024-03-05T09:30:00Z", "5 March 2024")."""
    found = find_date(value or "")
    return found[0] if found else None


# What may remain of a date line besides the date: a byline ("By Jane Doe").
_BYLINE_REST = re.compile(r"(?:[Bb]y\s+)?(?:[A-Z][\w'’.-]*\s*){1,4}(?:and\s+(?:[A-Z][\w'’.-]*\s*){1,4})?")


def date_line(text: str) -> tuple[str, bool] | None:
    """A line that only states a date ("Published: 3 March 2024, 10:15 GMT", "Updated …"):
    returns (ISO date, whether it is an update date) or None."""
    found = find_date(text)
    if not found or len(text.split()) > 20:
        return None
    iso, m = found
    rest = text
    for rx in DATE_PATTERNS:
        rest = rx.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", _CLOCK.sub(" ", rest)).split()
    if rest and not _BYLINE_REST.fullmatch(" ".join(rest)):
        return None
    updated = bool(re.search(r"\b(updated|modified)\b", text[: m.start()], re.IGNORECASE)) and not re.search(
        r"\bpublished\b", text, re.IGNORECASE
    )
    return iso, updated


def split_date_header(line: str) -> tuple[str, str, str] | None:
    """(ISO date, verbatim header, headline) when a line starts with a date header."""
    m = DATE_HEADER.match(line)
    if not m or len(m.group("rest").split()) < 2:
        return None
    try:
        date.fromisoformat(m.group("iso"))
    except ValueError:
        return None
    return m.group("iso"), m.group("evidence").strip(), m.group("rest").strip()


def dateline_agency(text: str) -> tuple[str, str] | None:
    """(agency, verbatim dateline) when a paragraph opens with a wire dateline."""
    m = DATELINE.match(text)
    if not m:
        return None
    if m.group("agency"):
        return m.group("agency").strip(), m.group("evidence").strip()
    return m.group("agency2"), m.group("evidence2").strip()
