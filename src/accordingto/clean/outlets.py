"""The outlet table: news domains and the names people call an outlet by, mapped to one
canonical name. The bundled `data/outlets.tsv` can be extended with a table of the same
format named by the `ACCORDINGTO_OUTLETS` environment variable (its rows win).

Some names are also ordinary words ("People", "Time", "the Sun"): the table knows which
(`ambiguous`), so that readers of text ask for evidence before taking one for the outlet."""

from __future__ import annotations

import os
import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

ENV_VAR = "ACCORDINGTO_OUTLETS"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
# Hosts that only say how the page was served, not who published it.
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "edition.")
# Words that end or make up news outlets' names ("Harbour Times", "Daily Courier"). Alone, each
# is both an ordinary word and the short name of many papers, so a one-word name from this list
# is ambiguous without being flagged in the table.
OUTLET_WORDS = frozenset(
    """times news post press agency herald gazette standard courier mirror telegraph journal tribune
    chronicle guardian observer express sun star mail insider review project television tv radio wire
    report reporter daily monitor examiner record independent bulletin hub pulse today online magazine
    weekly network service services broadcasting media newswire dispatch inquirer informer sentinel
    leader mercury echo advertiser argus globe world times-news register week ledger pravda gazeta
    """.split()  # noqa: SIM905
)
# The same words found inside a name ("the Harbour Times reports"), for the cleaner and the analyzers.
OUTLET_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, OUTLET_WORDS), key=len, reverse=True)) + r")\b", re.I)


def name_key(name: str) -> str:
    """Compare outlet names without case, a leading article, quotes or trailing dots."""
    key = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold().strip(" .,:;'\"")
    key = re.sub(r"^the\s+", "", key)
    return " ".join(key.split())


def host_of(url_or_host: str) -> str:
    """The lower-cased host of a URL (or of a bare domain), without port."""
    text = url_or_host.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".")


@dataclass(slots=True)
class OutletTable:
    domains: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    common_words: set[str] = field(default_factory=set)  # keys of names flagged as ordinary words

    def add_rows(self, text: str, override: bool = False) -> None:
        """Read TSV rows `domain<TAB>name[<TAB>alias|alias…[<TAB>common-word form|…]]`; `#`
        starts a comment line. The fourth column lists the row's names that are ordinary words."""
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < 2 or not cols[1]:
                continue
            domain, name = host_of(cols[0]) if cols[0] else "", cols[1]
            aliases = [a.strip() for a in cols[2].split("|")] if len(cols) > 2 else []
            flagged = {name_key(a) for a in cols[3].split("|")} - {""} if len(cols) > 3 else set()
            if domain and (override or domain not in self.domains):
                self.domains[domain] = name
            for alias in [name, *aliases]:
                key = name_key(alias)
                # First row wins among the bundled rows, so an ambiguous alias keeps its
                # first (most common) reading; a user's table overrides.
                if key and (override or key not in self.names):
                    self.names[key] = name
            self.common_words |= flagged  # a word stays ambiguous whichever row names it

    def by_domain(self, url_or_host: str) -> str | None:
        """The outlet publishing at a URL or host, trying parent domains (news.x.com → x.com)."""
        host = host_of(url_or_host)
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and host[len(prefix) :] in self.domains:
                return self.domains[host[len(prefix) :]]
        parts = host.split(".")
        for i in range(len(parts) - 1):
            candidate = ".".join(parts[i:])
            if candidate in self.domains:
                return self.domains[candidate]
        return None

    def by_name(self, name: str) -> str | None:
        """The canonical name for a name or alias ("the Times" → "The Times"), or a domain."""
        key = name_key(name)
        if key in self.names:
            return self.names[key]
        if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", key):
            return self.by_domain(key)
        return None

    def ambiguous(self, name: str) -> bool:
        """Whether `name` is also an ordinary word: flagged in the table ("People", "the Hill")
        or a lone newspaper word ("the Times", "Sun", "Courier")."""
        key = name_key(name)
        return key in self.common_words or key in OUTLET_WORDS

    def canonical(self, name: str) -> str:
        """The table's name for `name`, or `name` itself (trimmed) when the table lacks it."""
        return self.by_name(name) or name.strip().rstrip(".").strip()


@lru_cache(maxsize=4)
def _load(extra_path: str | None) -> OutletTable:
    table = OutletTable()
    table.add_rows(resources.files("accordingto").joinpath("data/outlets.tsv").read_text(encoding="utf-8"))
    if extra_path:
        # A missing user table must not stop cleaning; the bundled one still works.
        with suppress(OSError, UnicodeDecodeError):
            table.add_rows(Path(extra_path).read_text(encoding="utf-8"), override=True)
    return table


def outlet_table() -> OutletTable:
    """The bundled table, extended by the file named in $ACCORDINGTO_OUTLETS if set."""
    return _load(os.environ.get(ENV_VAR) or None)
