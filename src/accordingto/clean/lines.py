"""Lines of a plain-text scrape and the shape tests the boilerplate rules are built from."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True)
class Line:
    """One non-blank input line, trimmed; `block` counts the blank-line-separated groups,
    so lines sharing a block were printed together (a caption with its credit)."""

    text: str
    block: int


def split_lines(content: str) -> list[Line]:
    out: list[Line] = []
    block, blank = 0, False
    for raw in content.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        text = raw.strip()
        if not text:
            blank = True
            continue
        if blank and out:
            block += 1
        blank = False
        out.append(Line(text, block))
    return out


_CLOSERS = "\"'’”)]»"
_BULLET = re.compile(r"^[•·▪►»*‣◦–—-]\s+")
# Words that headline style leaves in lower case.
_SMALL = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "off",
    "on", "onto", "or", "over", "per", "so", "than", "the", "to", "up", "upon", "via", "vs", "with",
    "yet", "is", "are", "be", "it", "its", "amid",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def norm_key(text: str) -> str:
    """A line compared without case, punctuation or spacing (a repeated headline)."""
    return " ".join(re.sub(r"[^\w\s]", "", text.casefold()).split())


def word_count(text: str) -> int:
    return len(text.split())


def final_char(text: str) -> str:
    """The last character that is not a closing quote or bracket."""
    stripped = text.rstrip(_CLOSERS + " ")
    return stripped[-1] if stripped else ""


def is_truncated(text: str) -> bool:
    return text.rstrip(_CLOSERS + " ").endswith(("...", "…"))


def ends_sentence(text: str) -> bool:
    """Ends like prose: a full stop, ! or ?, but not a teaser's ellipsis."""
    return final_char(text) in ".!?" and not is_truncated(text)


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def unbullet(text: str) -> str:
    return _BULLET.sub("", text, count=1)


def headline_like(text: str, max_words: int = 25) -> bool:
    """Shaped like a headline or link text: short, no full stop, not cut off, not a lead-in."""
    text = unbullet(text)
    return 2 <= word_count(text) <= max_words and final_char(text) not in ".:;," and not is_truncated(text)


def title_case(text: str) -> bool:
    """Headline Title Case: every content word capitalised (at least four of them)."""
    words = [w for w in _WORD.findall(unbullet(text)) if w.lower() not in _SMALL]
    return len(words) >= 4 and all(w[0].isupper() for w in words)
