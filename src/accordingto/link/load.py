"""Reading what the earlier stages stored, in bulk: whole Analyses for a set of article ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..model import Analysis
from ..store import Store
from ..store.rows import analysis_from_rows


def _rows(store: Store, sql: str, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.con.sql(sql, params=[list(ids)]).to_arrow_table().to_pylist():
        by[row["article_id"]].append(row)
    return by


def load_analyses(store: Store, ids: Sequence[str]) -> dict[str, Analysis]:
    """The stored Analyses of `ids` (unknown ids are left out), six queries whatever their number."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    arts = store.con.sql(
        "SELECT * FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id", params=[ids]
    ).to_arrow_table().to_pylist()
    one = "SELECT * FROM {t} WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, idx"
    attributions = _rows(store, one.format(t="attributions"), ids)
    claims = _rows(store, one.format(t="claims"), ids)
    quantities = _rows(store, one.format(t="quantities"), ids)
    events = _rows(store, one.format(t="events"), ids)
    mentions = _rows(
        store,
        """SELECT m.*, e.canonical, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id
           WHERE m.article_id IN (SELECT unnest(?)) ORDER BY m.article_id, m.span_start""",
        ids,
    )
    out = {}
    for row in arts:
        aid = row["id"]
        out[aid] = analysis_from_rows(
            row,
            attributions=attributions.get(aid, []),
            claims=claims.get(aid, []),
            quantities=quantities.get(aid, []),
            events=events.get(aid, []),
            mentions=mentions.get(aid, []),
        )
    return out


NARROW = timedelta(days=31)


@dataclass(frozen=True, slots=True)
class When:
    """When an article was published, as far as its text tells: a day, a range, or nothing."""

    date: date | None  # the day, when stated (or an estimate narrowed to one day)
    earliest: date | None = None
    latest: date | None = None

    @property
    def dated(self) -> bool:
        return self.date is not None

    def window(self) -> tuple[date, date] | None:
        """The days it came out within, when known closely enough to place it among others: its
        date, or an estimate no wider than NARROW ("two weeks into the war")."""
        if self.date:
            return self.date, self.date
        if self.earliest and self.latest and self.latest - self.earliest <= NARROW:
            return self.earliest, self.latest
        return None

    def sort_key(self) -> tuple[int, date]:
        """Dated first, by date; then ranges by their latest day; then the undated."""
        if self.date:
            return (0, self.date)
        if self.latest:
            return (1, self.latest)
        return (2, date.max)

    def label(self) -> str:
        if self.date:
            return self.date.isoformat()
        if self.earliest or self.latest:
            return f"undated ({self.earliest or '?'} to {self.latest or '?'}), may be earlier"
        return "undated, may be earlier"


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def when(a: Analysis) -> When:
    art = a.article
    estimate = art.published_estimate or a.published_estimate
    return when_of(
        art.published.value if art.published else None,
        estimate.earliest if estimate else None, estimate.latest if estimate else None,
    )


def when_of(published: Any, earliest: Any, latest: Any) -> When:
    """When, from a stated date and an estimate's bounds (an estimate of one day is a date)."""
    day, lo, hi = _day(published), _day(earliest), _day(latest)
    if day is None and lo and lo == hi:
        day = lo
    return When(day, lo, hi)
