"""Clean a sequence of text lines: find the headline, split body from boilerplate, and read
the metadata the lines themselves state. Every input format ends up here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Evidence
from . import boilerplate as bp
from .lines import Line, ends_sentence, headline_like, norm_key, word_count
from .metadata import date_line, split_date_header
from .outlets import OutletTable
from .provenance import Provenance, read_provenance


@dataclass(slots=True)
class Cleaned:
    """What the lines say: body, furniture, headline, date, and provenance."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)  # (label, line) of removed lines
    source: Provenance = field(default_factory=Provenance)
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
    out.source = read_provenance(out.labels, out.paragraphs, title_text is not None, table)
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
