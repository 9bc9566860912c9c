"""Clean a sequence of text lines: find the headline, split body from boilerplate, and read
the metadata the lines themselves state. Every input format ends up here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Evidence
from . import boilerplate as bp
from .lines import Line, ends_sentence, headline_like, norm_key, word_count
from .metadata import date_line, dateline_agency, split_date_header
from .outlets import OutletTable

_WIRE_SUFFIX = re.compile(r"\s+(wire service|news service|newswire|wire|news agency wire)$", re.IGNORECASE)
_CORPORATE = re.compile(r"[,.]?\s+(ltd|limited|inc|llc|plc|corp(oration)?)\.?$", re.IGNORECASE)


@dataclass(slots=True)
class Cleaned:
    """What the lines say. `outlet` is the publisher the text names ("Read more at X",
    "© X"); `origin` the original it says it copies ("Source: X", "originally appeared
    in X"), with value None for a bare marker ("Read Full Article")."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)  # (label, line) of removed lines
    outlet: Evidence | None = None
    origin: Evidence | None = None
    wire: Evidence | None = None  # the agency of a wire dateline ("LONDON (Reuters) -")
    published: Evidence | None = None


def clean_lines(lines: list[Line], table: OutletTable, title_hint: str | None = None) -> Cleaned:
    out = Cleaned()
    if not lines:
        if title_hint:
            out.title, out.paragraphs = title_hint, [title_hint]
        return out
    if header := split_date_header(lines[0].text):
        iso, evidence, headline = header
        out.published = Evidence(iso, evidence, "text")
        lines = [Line(headline, lines[0].block), *lines[1:]]

    labels = [bp.label_line(line.text) for line in lines]
    _date_lines(lines, labels, out)
    title = _find_hinted(lines, title_hint) if title_hint else _find_title(lines, labels)
    title_text = lines[title].text if title is not None else title_hint
    if title is not None:
        labels[title] = None
        for i in range(title):
            # A section label printed above the headline ("Investigation", "World").
            if labels[i] is None and word_count(lines[i].text) <= 3 and headline_like(lines[i].text + " x"):
                labels[i] = "kicker"
    bp.classify(lines, labels, title, title_text)

    out.title = title_text
    if title_text:
        out.paragraphs.append(title_text)
    for i, (line, label) in enumerate(zip(lines, labels, strict=True)):
        if i == title:
            continue
        if label is None:
            out.paragraphs.append(line.text)
        else:
            out.boilerplate.append(line.text)
            out.labels.append((label, line.text))
    _read_provenance(out, table)
    return out


_DATE_ZONE = 8  # lines from the top where a page prints its own date


def _date_lines(lines: list[Line], labels: list[str | None], out: Cleaned) -> None:
    """Lines that only carry a date (alone or with a byline) are metadata; the first
    publication date among them near the top is the article's date (dates further down
    belong to teasers or comments, and an aggregator's render date is no publication date)."""
    for i, line in enumerate(lines):
        if labels[i] not in (None, "byline"):
            continue
        found = date_line(line.text)
        if not found:
            continue
        iso, updated = found
        labels[i] = labels[i] or "dateline"
        if not updated and out.published is None and i < _DATE_ZONE:
            out.published = Evidence(iso, line.text, "text")


def _find_hinted(lines: list[Line], title: str) -> int | None:
    key = norm_key(title)
    return next((i for i, line in enumerate(lines) if norm_key(line.text) == key), None)


def _find_title(lines: list[Line], labels: list[str | None]) -> int | None:
    """The first line that is not furniture, if it is shaped like a headline; a one- or
    two-word kicker ("EXCLUSIVE", "World") right before a headline is skipped."""
    for i, line in enumerate(lines):
        if labels[i] is not None:
            continue
        text = line.text
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if word_count(text) <= 2 and headline_like(nxt) and word_count(nxt) >= 4:
            labels[i] = "kicker"
            continue
        one_sentence = not re.search(r"[.!?]\s+[A-Z]", text)
        if word_count(text) <= 30 and one_sentence and (not ends_sentence(text) or word_count(text) <= 20):
            return i
        return None
    return None


def _agency_name(name: str) -> str:
    """ "the X wire service" → "X"."""
    return _WIRE_SUFFIX.sub(
        "", re.sub(r"^the\s+(?=.*\s(wire|service)$)", "", name.strip(), flags=re.IGNORECASE)
    )


def _read_provenance(out: Cleaned, table: OutletTable) -> None:
    for label, text in out.labels:
        if label == "read_more_at" and out.outlet is None and (m := bp.READ_MORE_AT.search(text)):
            out.outlet = Evidence(table.canonical(m.group("name")), text, "text")
        elif label == "originally" and out.origin is None and (m := bp.ORIGINALLY.search(text)):
            out.origin = Evidence(table.canonical(_agency_name(m.group("name"))), text, "text")
        elif label == "full_article" and out.origin is None:
            out.origin = Evidence(None, text, "text")
        elif label == "source" and (m := bp.SOURCE.search(text)):
            name, _, marker = m.group("name").partition("|")
            name = name.strip()
            if bp.FULL_ARTICLE.search(name) and out.origin is None:
                out.origin = Evidence(None, text, "text")
            elif bp.FULL_ARTICLE.search(marker.strip()) and (out.origin is None or out.origin.value is None):
                # "Source: X | Read Full Article": a copy of X, whatever X is.
                out.origin = Evidence(table.canonical(name), text, "text")
            elif (known := table.by_name(name)) and (out.origin is None or out.origin.value is None):
                # Only a news outlet makes "Source:" a re-publication; a ministry is a citation.
                out.origin = Evidence(known, text, "text")
    if out.outlet is None:
        for label, text in out.labels:
            m = (
                (bp.FOOTER_COPYRIGHT.match(text) or bp.COPYRIGHT.match(text))
                if label == "copyright"
                else None
            )
            full = m.group("name").strip(" .,") if m else ""
            name = _CORPORATE.sub("", full).strip(" .,")
            if name and word_count(name) <= 6:
                out.outlet = Evidence(table.by_name(full) or table.canonical(name), text, "text")
                break
    # The dateline opens the first body paragraph, after the headline and any standfirst.
    first = 1 if out.title else 0
    for paragraph in out.paragraphs[first : first + 3]:
        if (wire := dateline_agency(paragraph)) and (known := table.by_name(wire[0])):
            out.wire = Evidence(known, wire[1], "text")
            break
    for label, text in out.labels:
        if out.wire is None and label in ("byline", "dateline"):
            # "By The Associated Press", "By Jane Doe, Reuters": an agency or outlet as author.
            names = re.split(
                r"[,|;/–—]|\b(?:and|for|of)\b", re.sub(r"^.{0,30}?\bby\s+", "", text, flags=re.IGNORECASE)
            )
            known = next((k for n in names if n.strip() and (k := table.by_name(n.strip()))), None)
            if known:
                out.wire = Evidence(known, text, "text")
