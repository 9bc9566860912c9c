"""Publication-date estimates from clues in the text, and normalization of time expressions.

Time expressions ("last month", "on Tuesday", "in mid-March", "July 23") are normalized against
an anchor: the article's stated publication date, else the middle of the estimated range.

When no date is stated, clues bound the publication date:
- the age of a war from the reference-event table: "now in its third month", "ten weeks into
  the war", "the two-year-old conflict";
- a reference event named with a relative time: "last week's dam attack", "yesterday's summit";
- a reference event named in the future ("September's G20 summit", "will coincide with") bounds
  from above, one named in the past from below.
Windows (both ends known) are intersected, then clipped by the bounds that agree with them.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..model import Article, DateEstimate, Granularity, Span, TimeExpr
from .hedges import doc_text
from .numbers import ordinal_value, word_value
from .tables import ReferenceEvent, reference_events

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
WAR_WORDS = r"(?:war|conflict|invasion|operation|offensive|campaign|fighting|occupation|siege)"
LEADING = {"on", "in", "since", "during", "until", "by", "from", "earlier", "later", "late", "early", "mid"}
FUTURE_CUES = re.compile(r"\b(?:will|would|'ll|upcoming|forthcoming|ahead of|next|due to|set to|scheduled|planned|coincide)\b", re.I)
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


# -- dates of time expressions ------------------------------------------------------------------


def anchor_date(article: Article, estimate: DateEstimate | None) -> date | None:
    """The date "today" means in this article: the stated date, else the middle of the estimate."""
    if article.published and article.published.value:
        try:
            return date.fromisoformat(str(article.published.value)[:10])
        except ValueError:
            pass
    est = article.published_estimate or estimate
    if est:
        try:
            lo, hi = date.fromisoformat(est.earliest), date.fromisoformat(est.latest)
        except ValueError:
            return None
        return lo + (hi - lo) / 2
    return None


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def normalize(text: str, anchor: date | None, ahead: bool = False) -> tuple[str | None, Granularity | None]:
    """An ISO date (the first day of the week, month or year for coarser ones) and its granularity."""
    try:
        return _normalize(text, anchor, ahead)
    except (ValueError, OverflowError):  # a date off the calendar ("year 0"): nothing to say
        return None, None


def _normalize(text: str, anchor: date | None, ahead: bool) -> tuple[str | None, Granularity | None]:
    t = " ".join(text.lower().replace("-", " ").split())
    if m := re.search(r"\b(1[89]\d\d|20\d\d)\b", t):
        year = int(m.group(1))
        mon = next((MONTHS[w] for w in t.split() if w in MONTHS), None)
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", t.replace(m.group(1), ""))
        if mon and day and 1 <= int(day.group(1)) <= monthrange(year, mon)[1]:
            return date(year, mon, int(day.group(1))).isoformat(), "day"
        if mon:
            return date(year, mon, 1).isoformat(), "month"
        return date(year, 1, 1).isoformat(), "year"
    if anchor is None:
        return None, None
    if "yesterday" in t or "last night" in t:
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", t):
        return anchor.isoformat(), "day"
    if "tomorrow" in t:
        return (anchor + timedelta(days=1)).isoformat(), "day"
    for unit, gran in (("week", "week"), ("month", "month"), ("year", "year")):
        if re.search(rf"\b(last|past|previous) {unit}\b", t):
            return _shift(anchor, gran, -1), gran
        if re.search(rf"\bthis {unit}\b", t):
            return _shift(anchor, gran, 0), gran
        if re.search(rf"\bnext {unit}\b", t):
            return _shift(anchor, gran, 1), gran
    words = t.split()
    day = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if day is not None:
        # A bare weekday in news copy is the most recent one (today included); "next", or a
        # planned event, looks ahead.
        if "next" in words or (ahead and "last" not in words):
            return (anchor + timedelta(days=(day - anchor.weekday()) % 7 or 7)).isoformat(), "day"
        back = (anchor.weekday() - day) % 7
        return (anchor - timedelta(days=back if "last" not in words else back or 7)).isoformat(), "day"
    mon = next((MONTHS[w] for w in words if w in MONTHS), None)
    if mon:
        year = anchor.year if mon <= anchor.month else anchor.year - 1
        if "next" in words or ahead:
            year = anchor.year if mon > anchor.month else anchor.year + 1
        num = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", t)
        if num and 1 <= int(num.group(1)) <= monthrange(year, mon)[1]:
            return date(year, mon, int(num.group(1))).isoformat(), "day"
        return date(year, mon, 1).isoformat(), "month"
    return None, None


def _shift(anchor: date, gran: str, n: int) -> str:
    if gran == "week":
        return (_week_start(anchor) + timedelta(weeks=n)).isoformat()
    if gran == "month":
        return _add_months(date(anchor.year, anchor.month, 1), n).isoformat()
    return date(anchor.year + n, 1, 1).isoformat()


def time_expressions(sent: SpacySpan, anchor: date | None, ahead: bool = False) -> list[TimeExpr]:
    """DATE and TIME entities of a sentence, with a leading "on"/"in"/"since", normalized."""
    doc = sent.doc
    text = doc_text(doc)
    out = []
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start = ent.start
        while start > sent.start and doc[start - 1].lower_ in LEADING:
            start -= 1
        span = doc[start : ent.end]
        iso, gran = normalize(span.text, anchor, ahead)
        out.append(TimeExpr(Span.of(text, span.start_char, span.end_char), iso, gran))
    return out


# -- publication-date estimate ------------------------------------------------------------------


@dataclass(slots=True)
class _Clue:
    lo: date | None
    hi: date | None
    reason: str


def estimate_published(doc: Doc, article: Article) -> DateEstimate | None:
    """A publication range from the text's clues, with its reasoning; None when nothing dates it."""
    text = doc_text(doc)
    events = [ev for ev in reference_events() if ev.applies_to(text)]
    clues = list({c.reason: c for c in _war_age(doc, events) + _mentioned(doc, events)}.values())
    windows = [c for c in clues if c.lo and c.hi]
    bounds = [c for c in clues if not (c.lo and c.hi)]
    if not windows:
        los = [c for c in bounds if c.lo]
        his = [c for c in bounds if c.hi]
        if not los or not his:
            return None
        lo, hi = max(los, key=lambda c: c.lo), min(his, key=lambda c: c.hi)
        if lo.lo > hi.hi:
            return None
        windows = [_Clue(lo.lo, hi.hi, f"{lo.reason}; {hi.reason}")]
        bounds = []
    lo, hi = windows[0].lo, windows[0].hi
    used = [windows[0].reason]
    for w in windows[1:]:
        if max(lo, w.lo) <= min(hi, w.hi):
            lo, hi = max(lo, w.lo), min(hi, w.hi)
            used.append(w.reason)
    for b in bounds:
        if b.lo and lo < b.lo <= hi:
            lo = b.lo
            used.append(b.reason)
        elif b.hi and lo <= b.hi < hi:
            hi = b.hi
            used.append(b.reason)
        elif (b.lo and b.lo <= lo) or (b.hi and b.hi >= hi):
            used.append(b.reason + " (consistent)")
    return DateEstimate(lo.isoformat(), hi.isoformat(), "; ".join(used))


def _the_war(sentence: str, events: list[ReferenceEvent], doc_lower: str) -> ReferenceEvent | None:
    """The war a sentence speaks of: one the sentence names, else the one the article names most."""
    wars = [ev for ev in events if ev.kind == "war"]
    s = sentence.lower()
    named = [ev for ev in wars if any(a.lower() in s for a in ev.aliases)]
    if named:
        return named[0]
    counts = [(sum(doc_lower.count(a.lower()) for a in ev.aliases), ev) for ev in wars]
    counts = [c for c in counts if c[0]]
    return max(counts, key=lambda c: c[0])[1] if counts else None


def _count(word: str) -> int | None:
    v = word_value(word)
    if v is None:
        v = ordinal_value(word)
    return int(v) if v else None


def _war_age(doc: Doc, events: list[ReferenceEvent]) -> list[_Clue]:
    doc_lower = doc_text(doc).lower()
    out = []
    patterns = [
        (re.compile(r"\bin its (\w+) (day|week|month|year)\b", re.I), "ordinal"),
        (re.compile(rf"\b(\w+) (days?|weeks?|months?|years?) into (?:the|its|this|a) (?:\w+ )?{WAR_WORDS}", re.I), "into"),
        (re.compile(rf"\b(\w+)[- ](day|week|month|year)[- ]old (?:\w+ )?{WAR_WORDS}", re.I), "into"),
    ]
    for sent in doc.sents:
        for pattern, how in patterns:
            for m in pattern.finditer(sent.text):
                n = _count(m.group(1))
                war = _the_war(sent.text, events, doc_lower)
                if not n or war is None or (how == "ordinal" and not re.search(WAR_WORDS, sent.text, re.I)
                                            and not any(a.lower() in sent.text.lower() for a in war.aliases)):
                    continue
                unit = m.group(2).lower().rstrip("s")
                try:
                    lo, hi = _age_window(war.start, n, unit, how)
                except (ValueError, OverflowError):
                    continue  # "in its millionth year": off the calendar
                out.append(_Clue(lo, hi, f"'{m.group(0)}': {war.name} began {war.start.isoformat()}"))
    return out + _since(doc, events)


def _since(doc: Doc, events: list[ReferenceEvent]) -> list[_Clue]:
    """ "three weeks after the bridge explosion", "the second anniversary of the invasion"."""
    out = []
    for sent in doc.sents:
        sl = sent.text.lower()
        for ev in events:
            for alias in (a for a in ev.aliases if _has_alias(sl, a)):
                at = re.escape(alias.lower())
                after = re.search(rf"\b(\w+) (days?|weeks?|months?|years?) (?:after|since) (?:the |its |this )?(?:\w+ )?{at}", sl)
                anniversary = re.search(rf"\b(\w+) anniversary of (?:the |its |this )?(?:\w+ )?{at}", sl)
                m = after or anniversary
                n = _count(m.group(1)) if m else None
                if not n:
                    continue
                try:
                    if after:
                        lo, hi = _age_window(ev.start, n, after.group(2).rstrip("s"), "into")
                    else:  # an anniversary is marked on the day, or within a few days of it
                        d = _same_day(ev.start, 12 * n)
                        lo, hi = d - timedelta(days=3), d + timedelta(days=3)
                except (ValueError, OverflowError):
                    continue
                out.append(_Clue(lo, hi, f"'{sent.text[m.start() : m.end()]}': {ev.name} was {ev.start.isoformat()}"))
                break
    return out


def _age_window(start: date, n: int, unit: str, how: str) -> tuple[date, date]:
    """ "in its 7th week" is the whole 7th week; "five weeks into" is the 5-week mark, give or take a day."""
    if how == "ordinal":
        if unit == "day":
            d = start + timedelta(days=n - 1)
            return d, d
        if unit == "week":
            return start + timedelta(weeks=n - 1), start + timedelta(weeks=n) - timedelta(days=1)
        if unit == "month":
            return _same_day(start, n - 1), _same_day(start, n) - timedelta(days=1)
        return _same_day(start, 12 * (n - 1)), _same_day(start, 12 * n) - timedelta(days=1)
    if unit == "day":
        d = start + timedelta(days=n)
        return d, d
    if unit == "week":
        d = start + timedelta(weeks=n)
        return d - timedelta(days=1), d + timedelta(days=1)
    months = n if unit == "month" else 12 * n
    d = _same_day(start, months)
    slack = timedelta(days=7 if unit == "month" else 30)
    return d - slack, d + slack


def _same_day(d: date, months: int) -> date:
    first = _add_months(date(d.year, d.month, 1), months)
    return date(first.year, first.month, min(d.day, monthrange(first.year, first.month)[1]))


RELATIVE = [
    (re.compile(r"\byesterday(?:'s|’s)?\b|\blast night\b", re.I), "yesterday"),
    (re.compile(r"\blast week(?:'s|’s)?\b", re.I), "last week"),
    (re.compile(r"\bthis week(?:'s|’s)?\b", re.I), "this week"),
    (re.compile(r"\blast month(?:'s|’s)?\b", re.I), "last month"),
    (re.compile(r"\b(?:earlier )?this month(?:'s|’s)?\b", re.I), "this month"),
    (re.compile(r"\b(?:today|tonight)(?:'s|’s)?\b", re.I), "today"),
    (re.compile(r"\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I), "weekday"),
]


def _relative_window(ev: date, how: str) -> tuple[date, date]:
    """Where "today" lies if the event happened `how` ago ("last week" = the calendar week before)."""
    if how == "yesterday":
        d = ev + timedelta(days=1)
        return d, d
    if how == "today":
        return ev, ev + timedelta(days=1)
    if how == "last week":
        nxt = _week_start(ev) + timedelta(weeks=1)
        return nxt, nxt + timedelta(days=6)
    if how == "this week":
        return ev, _week_start(ev) + timedelta(days=6)
    if how == "weekday":
        return ev, ev + timedelta(days=6)
    first = _add_months(date(ev.year, ev.month, 1), 1 if how == "last month" else 0)
    last = date(first.year, first.month, monthrange(first.year, first.month)[1])
    return max(first, ev), last


def _mentioned(doc: Doc, events: list[ReferenceEvent]) -> list[_Clue]:
    """Reference events the article names: a window with a relative time, else a bound by tense."""
    out = []
    for sent in doc.sents:
        s = sent.text
        sl = s.lower()
        hits = [ev for ev in events if ev.kind != "war" and any(_has_alias(sl, a) for a in ev.aliases)]
        # An alias shared by several rows (every year's "G20 summit") is only read if the cues settle it.
        names = {a.lower() for ev in hits for a in ev.aliases if _has_alias(sl, a)}
        for ev in hits:
            shared = [o for o in hits if o is not ev and {a.lower() for a in o.aliases} & names]
            if shared:
                continue
            alias = next(a for a in ev.aliases if _has_alias(sl, a))
            rel = _relative_to(sent, sl.find(alias.lower()), len(alias))
            month_poss = re.search(rf"\b({MONTH_RE})(?:'s|’s)\b", sl)
            if rel:
                lo, hi = _relative_window(ev.start, rel)  # reference dates are real dates: no overflow
                out.append(_Clue(lo, hi, f"{ev.name} ({ev.start.isoformat()}) was '{rel}'"))
            elif FUTURE_CUES.search(s) or month_poss:
                lo = ev.start - timedelta(days=365) if month_poss else None
                out.append(_Clue(lo, ev.start - timedelta(days=1), f"{ev.name} ({ev.start.isoformat()}) still ahead"))
            else:
                out.append(_Clue(ev.start, None, f"{ev.name} ({ev.start.isoformat()}) already past"))
    return out


def _relative_to(sent: SpacySpan, offset: int, length: int) -> str | None:
    """A relative time ("last week") said of the event mentioned at `offset`: attached to the event's
    noun ("last week's attack") or to the verb of its clause, or of the clause that clause modifies."""
    doc = sent.doc
    mention = doc.char_span(sent.start_char + offset, sent.start_char + offset + length, alignment_mode="expand")
    if mention is None:
        return None
    anchors = {mention.root.i}
    cur = mention.root
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    anchors.add(cur.i)
    if cur.dep_ in ("advcl", "conj") and cur.head.i != cur.i:
        anchors.add(cur.head.i)
    for pattern, how in RELATIVE:
        for m in pattern.finditer(sent.text):
            expr = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if expr is None:
                continue
            heads = {t.head.i for t in expr} | {t.head.head.i for t in expr}
            if heads & anchors:
                return how
    return None


def _has_alias(sentence_lower: str, alias: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(alias.lower())}(?!\w)", sentence_lower) is not None
