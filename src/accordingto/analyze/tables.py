"""The bundled, user-editable tables the analyzers read (data, not code).

Each table is a TSV under `accordingto/data/`; `#` starts a comment line. A user extends a
table by pointing an environment variable at more TSV files of the same shape (several paths
joined by the OS path separator); their rows come after the bundled ones and win on conflicts.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def read_tsv(name: str, env: str | None = None) -> list[list[str]]:
    """Rows of a bundled table plus those of the files named by `env`; unreadable extras are skipped."""
    paths = [DATA / name]
    if env and os.environ.get(env):
        paths += [Path(p) for p in os.environ[env].split(os.pathsep) if p]
    rows: list[list[str]] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@dataclass(frozen=True, slots=True)
class Known:
    canonical: str
    type: str


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    adjective: str
    people: str
    capital: str


@dataclass(frozen=True, slots=True)
class ReferenceEvent:
    name: str
    start: date
    end: date
    kind: str  # war, summit, attack, election, ...
    aliases: tuple[str, ...]
    cues: tuple[str, ...]  # word beginnings that must all occur in an article for it to mean this event

    def applies_to(self, text: str) -> bool:
        lower = text.lower()
        return all(
            c.lower() in lower and re.search(rf"(?<!\w){re.escape(c)}", text, re.I) for c in self.cues
        )


def reload() -> None:
    """Forget the loaded tables, e.g. after pointing an environment variable at another file."""
    for table in (aliases, written_aliases, countries, adjectives, reference_events, triggers):
        table.cache_clear()


@lru_cache(maxsize=1)
def aliases() -> dict[str, Known]:
    """Lower-cased surface form -> canonical entity, from aliases.tsv and countries.tsv."""
    return {form.lower(): known for form, known in written_aliases().items()}


@lru_cache(maxsize=1)
def written_aliases() -> dict[str, Known]:
    """Surface form as the table writes it ("NATO", "Nato") -> canonical entity; later rows win."""
    out: dict[str, Known] = {}
    for c in countries():
        out[c.name] = Known(c.name, "GPE")
        out[c.capital] = Known(c.capital, "GPE")
    for row in read_tsv("aliases.tsv", "ACCORDINGTO_ALIASES"):
        if len(row) < 2 or not row[0]:
            continue
        known = Known(row[0], row[1] or "ORG")
        for form in [row[0], *(_split(row[2]) if len(row) > 2 else [])]:
            out.pop(form, None)
            out[form] = known
    return out


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    return tuple(
        Country(*row[:4]) for row in read_tsv("countries.tsv", "ACCORDINGTO_COUNTRIES") if len(row) >= 4
    )


@lru_cache(maxsize=1)
def adjectives() -> dict[str, Country]:
    """Nationality adjective or people ("Russian", "Russians") -> country."""
    out: dict[str, Country] = {}
    for c in countries():
        for form in (*_split(c.adjective), *_split(c.people)):
            out[form.lower()] = c
    return out


@lru_cache(maxsize=1)
def reference_events() -> tuple[ReferenceEvent, ...]:
    out = []
    for row in read_tsv("reference_events.tsv", "ACCORDINGTO_REFERENCE_EVENTS"):
        if len(row) < 5:
            continue
        try:
            start = date.fromisoformat(row[1])
            end = date.fromisoformat(row[2]) if row[2] else start
        except ValueError:
            continue
        cues = tuple(_split(row[5])) if len(row) > 5 else ()
        out.append(ReferenceEvent(row[0], start, end, row[3], tuple(_split(row[4])), cues))
    return tuple(out)


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[tuple[str, str, str]]]:
    """Trigger ("arrest", "pull back", "call-up", "house arrest") -> [(event type, part of speech, sense)]."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in read_tsv("event_triggers.tsv", "ACCORDINGTO_EVENT_TRIGGERS"):
        if len(row) >= 2:
            row = [*row, "", ""]
            out.setdefault(row[0].lower(), []).append((row[1], row[2] or "any", row[3]))
    return out
