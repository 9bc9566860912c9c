"""Who published a text and whom it copies, read from its own furniture lines: "Read more
at X", "Source: X | Read Full Article", "originally appeared in X", copyright footers, the
site naming itself in its promos ("Get the X's morning briefing", "X is an independent
newsroom"), its domain, wire datelines and agency bylines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Evidence
from . import boilerplate as bp
from .lines import word_count
from .metadata import dateline_agency
from .outlets import OUTLET_WORD, OutletTable

_WIRE_SUFFIX = re.compile(r"\s+(wire service|news service|newswire|wire|news agency wire)$", re.IGNORECASE)
_CORPORATE = re.compile(r"[,.]?\s+(ltd|limited|inc|llc|plc|corp(oration)?)\.?$", re.IGNORECASE)
_NAME = r"(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*"
# A site naming itself in its own furniture.
_SELF = [
    re.compile(
        rf"^(?:[Tt]he\s+)?(?P<name>{_NAME})\s+is\s+(?:an?\s+|the\s+)?(?:independent|non-profit|nonprofit"
        r"|not-for-profit|published by|funded by|owned by|part of|registered)"
    ),
    re.compile(
        rf"(?:^|\s)(?:[Tt]he\s+)?(?P<name>{_NAME})['’]s\s+(?:[\w-]+\s+){{0,3}}(?:scoops|reporting|journalism"
        r"|headlines|newsletters?|alerts|coverage|investigations?|exclusives?|stories|briefing|app)\b"
    ),
    re.compile(
        rf"\b(?i:sign up for|subscribe to|get|download|never miss an?)\s+(?:[Tt]he\s+)?(?P<name>{_NAME})\s+"
        r"(?i:alerts|newsletters?|app|briefing|updates|exclusives?|stor(?:y|ies)|headlines)\b"
    ),
]
_DOMAIN = re.compile(r"\b(?:www\.)?(?P<label>[a-z0-9-]{3,})\.(?:[a-z]{2,10}\.)?[a-z]{2,10}\b")
_CAPS_RUN = re.compile(r"(?:[A-Z][\w&.-]*\s?){1,4}")
_SELF_LABELS = ("prompt", "promo", "disclaimer")


@dataclass(slots=True)
class Provenance:
    """`credit`: "Read more at X" (the article continues at X); `outlet`: the site the
    furniture names as itself; `origin`: a re-publication marker (value None when it names
    no one); `wire`: an agency in a dateline or byline."""

    credit: Evidence | None = None
    outlet: Evidence | None = None
    origin: Evidence | None = None
    wire: Evidence | None = None


def read_provenance(
    labels: list[tuple[str, str]], paragraphs: list[str], has_title: bool, table: OutletTable
) -> Provenance:
    """`labels` are (label, line) of the removed lines, `paragraphs` the body."""
    out = Provenance()
    document = "\n".join([*paragraphs, *(line for _, line in labels)])
    for label, text in labels:
        _marker(out, label, text, table)
    out.outlet = _copyright(labels, table) or _self_named(labels, table, document)
    out.wire = _dateline(paragraphs[1 if has_title else 0 :][:3], table) or _agency_byline(labels, table)
    return out


def _marker(out: Provenance, label: str, text: str, table: OutletTable) -> None:
    if label == "read_more_at" and out.credit is None and (m := bp.READ_MORE_AT.search(text)):
        out.credit = Evidence(table.canonical(m.group("name")), text, "text")
    elif label == "originally" and out.origin is None and (m := bp.ORIGINALLY.search(text)):
        out.origin = Evidence(table.canonical(_agency_name(m.group("name"))), text, "text")
    elif label == "full_article" and out.origin is None:
        out.origin = Evidence(None, text, "text")
    elif label == "source" and (m := bp.SOURCE.search(text)):
        name, _, marker = m.group("name").partition("|")
        name, unnamed = name.strip(), out.origin is None or out.origin.value is None
        if bp.FULL_ARTICLE.search(name) and out.origin is None:
            out.origin = Evidence(None, text, "text")
        elif bp.FULL_ARTICLE.search(marker.strip()) and unnamed:
            # "Source: X | Read Full Article": a copy of X, whatever X is.
            out.origin = Evidence(table.canonical(name), text, "text")
        elif unnamed and (known := table.by_name(name) or (name if looks_like_outlet(name) else None)):
            # Only a news outlet makes "Source:" a re-publication; a ministry is a citation.
            out.origin = Evidence(known, text, "text")


def looks_like_outlet(name: str) -> bool:
    """Shaped like a news outlet's name: capitalised, short, with a newspaper word."""
    return 1 <= word_count(name) <= 5 and name[:1].isupper() and bool(OUTLET_WORD.search(name))


def _agency_name(name: str) -> str:
    """ "the X wire service" → "X"."""
    return _WIRE_SUFFIX.sub(
        "", re.sub(r"^the\s+(?=.*\s(wire|service)$)", "", name.strip(), flags=re.IGNORECASE)
    )


def _copyright(labels: list[tuple[str, str]], table: OutletTable) -> Evidence | None:
    for label, text in labels:
        if label != "copyright":
            continue
        m = bp.FOOTER_COPYRIGHT.match(text) or bp.COPYRIGHT.match(text)
        full = m.group("name").strip(" .,") if m else ""
        name = _CORPORATE.sub("", full).strip(" .,")
        if name and word_count(name) <= 6:
            return Evidence(table.by_name(full) or table.canonical(name), text, "text")
    return None


def _self_named(labels: list[tuple[str, str]], table: OutletTable, document: str) -> Evidence | None:
    """The site naming itself in a promo or notice, or its domain named there."""
    for label, text in labels:
        if label not in _SELF_LABELS:
            continue
        for rx in _SELF:
            m = rx.search(text)
            if m and m.group("name").casefold() not in bp.PLATFORMS:
                return Evidence(_resolve(m.group("name"), table, document), text, "text")
    for label, text in labels:
        if label in _SELF_LABELS:
            for m in _DOMAIN.finditer(text):
                if name := table.by_domain(m.group(0)) or _name_of_domain(m.group("label"), document):
                    return Evidence(name, text, "text")
    return None


def _resolve(name: str, table: OutletTable, document: str) -> str:
    """A short self-name ("Courier") completed from the document ("the Daily Courier"),
    before the table is asked (its "Courier" may be another paper)."""
    runs = re.findall(rf"((?:[A-Z][\w&'’-]* ){{0,3}}){re.escape(name)}\b", document)
    longest = max(runs, key=len, default="").strip()
    if longest.lower() == "the":
        longest = ""
    full = f"{longest} {name}".strip()
    return table.by_name(full) or full


def _name_of_domain(label: str, document: str) -> str | None:
    """The capitalised name in the document that spells a domain ("newspulsehub" → "NewsPulse Hub")."""
    key = label.replace("-", "").lower()
    for m in _CAPS_RUN.finditer(document):
        words = m.group(0).split()
        for i in range(len(words)):
            candidate = " ".join(words[i:])
            squashed = re.sub(r"[^\w]", "", candidate).lower()
            if squashed and squashed in (key, key.removeprefix("the")):
                return candidate
    return None


def _dateline(paragraphs: list[str], table: OutletTable) -> Evidence | None:
    """The dateline opens the first body paragraph, after the headline and any standfirst."""
    for paragraph in paragraphs:
        if (wire := dateline_agency(paragraph)) and (known := table.by_name(wire[0])):
            return Evidence(known, wire[1], "text")
    return None


def _agency_byline(labels: list[tuple[str, str]], table: OutletTable) -> Evidence | None:
    """ "By The Associated Press", "By Jane Doe, Reuters": an agency or outlet as author."""
    for label, text in labels:
        if label in ("byline", "dateline"):
            byline = re.sub(r"^.{0,30}?\bby\s+", "", text, flags=re.IGNORECASE)
            for name in re.split(r"[,|;/–—]|\b(?:and|for|of)\b", byline):
                if name.strip() and (known := table.by_name(name.strip())):
                    return Evidence(known, text, "text")
    return None
