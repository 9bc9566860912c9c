"""Quotation marks paired into quotes, on the raw characters (no parse needed).

Handles curly and straight, double and single marks; apostrophes told apart from single
quotes by their neighbours; nesting (single inside double and vice versa); a quote continued
over paragraphs (the paragraph is left open and the next one re-opens with the same mark);
and unbalanced marks, which never raise: an opening mark left unclosed at the end of its
paragraph closes there if it looks like speech, and is dropped otherwise. One linear pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT = {'"': "double", "'": "single"}
MARKS = re.compile(r"[\"'“”„«»‘’‹›]")
PARAGRAPH = re.compile(r"\n\s*\n")
# Before an opening mark: start, space, opening brackets or dashes, another quote mark.
OPENER_BEFORE = set(" \t\n([{—–-/:“‘\"'")
WORDISH = re.compile(r"\w", re.UNICODE)


@dataclass(slots=True)
class Quote:
    """A pair of marks. `start`/`end` delimit the text inside the outer marks (the content)."""

    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None when the paragraph ended unclosed
    start: int
    end: int
    family: str  # "double" | "single"
    depth: int = 0  # 0 = outermost
    paragraphs: int = 1  # > 1: continued over paragraph breaks

    @property
    def closed(self) -> bool:
        return self.close is not None


def _role(text: str, i: int) -> str | None:
    """'open', 'close', 'both' (either, by context) or None (an apostrophe, not a quote mark)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev_word, next_word = bool(WORDISH.match(prev)), bool(WORDISH.match(nxt))
    if ch in DOUBLE_OPEN or ch == "‘" or ch == "‹":
        if ch == "‘" and prev_word and next_word:
            return None  # a mis-typed apostrophe inside a word
        return "open"
    if ch in DOUBLE_CLOSE or ch == "›":
        return "close"
    if ch == "’" or ch == "'":
        if prev_word and next_word:
            return None  # don’t, Russia’s
        if ch == "'" and not prev_word and next_word:
            # '90s and 'em are apostrophes; anything else after a space opens a quote
            if re.match(r"\d\ds\b|em\b|til\b|cause\b", text[i + 1 : i + 6]):
                return None
            return "open" if prev in OPENER_BEFORE else None
        if ch == "’" and not prev_word and next_word and prev in OPENER_BEFORE:
            return "open"  # a reversed opening mark, common in pasted text
        if prev.isspace() and nxt.isspace():
            return None
        return "close"
    # straight double quote
    if prev in OPENER_BEFORE and not nxt.isspace():
        return "both" if prev in "“‘\"'" else "open"
    if not prev.isspace():
        return "close"
    return "both"


def _family(ch: str) -> str:
    if ch in STRAIGHT:
        return STRAIGHT[ch]
    return "double" if ch in DOUBLE_OPEN + DOUBLE_CLOSE else "single"


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in PARAGRAPH.finditer(text)] + [len(text)]


def _looks_like_speech(text: str, start: int, end: int) -> bool:
    return len(WORDISH.findall(text[start:end])) >= 1 and len(text[start:end].split()) >= 4


def find_quotes(text: str) -> list[Quote]:
    """All quotes in document order (outer before inner when they start together)."""
    quotes: list[Quote] = []
    stack: list[Quote] = []
    para_ends = _paragraph_ends(text)
    pi = 0
    skip_reopen: int | None = None  # index of a continuation mark re-opening the quote

    def flush_paragraph(end: int) -> None:
        nonlocal skip_reopen
        # the paragraph ends with quotes still open
        bottom = stack[0] if stack else None
        nxt = _next_nonspace(text, end)
        if bottom is not None and nxt is not None and _role(text, nxt) in ("open", "both") and _family(
            text[nxt]
        ) == bottom.family:
            del stack[1:]  # inner marks cannot span paragraphs
            bottom.paragraphs += 1
            skip_reopen = nxt
            return
        for q in stack:
            content_end = _rstrip(text, q.start, end)
            if q.depth == 0 and _looks_like_speech(text, q.start, content_end):
                q.end = content_end
                quotes.append(q)
        stack.clear()

    for m in MARKS.finditer(text):
        i = m.start()
        while pi < len(para_ends) - 1 and i > para_ends[pi]:
            flush_paragraph(para_ends[pi])
            pi += 1
        if i == skip_reopen:
            skip_reopen = None
            continue
        role = _role(text, i)
        if role is None:
            continue
        fam = _family(text[i])
        top_same = next((q for q in reversed(stack) if q.family == fam), None)
        if role == "both":
            role = "close" if top_same is not None else "open"
        if role == "close":
            if top_same is None:
                continue  # a stray closing mark (or an apostrophe after a plural)
            while stack and stack[-1] is not top_same:
                stack.pop()  # unclosed inner marks: dropped
            stack.pop()
            top_same.close = i
            top_same.end = i
            if top_same.end > top_same.start:
                quotes.append(top_same)
        else:
            stack.append(Quote(open=i, close=None, start=i + 1, end=i + 1, family=fam, depth=len(stack)))
    while pi < len(para_ends):
        flush_paragraph(para_ends[pi])
        pi += 1
    quotes.sort(key=lambda q: (q.open, q.depth))
    return quotes


def _next_nonspace(text: str, i: int) -> int | None:
    m = re.compile(r"\S").search(text, i)
    return m.start() if m else None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
