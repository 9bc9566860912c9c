"""HTML pages: trafilatura for the main text, htmldate for the date, the page's own meta
tags for title and site name, each kept with the tag that shows it."""

from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from dataclasses import dataclass, field

import htmldate
import lxml.html
import trafilatura

from ..model import Evidence
from .lines import Line, norm_key
from .metadata import parse_date
from .outlets import name_key

_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "og:article:published_time",
)  # fmt: skip
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"(?P<value>[^"]{8,40})"')
_JSONLD_PUBLISHER = re.compile(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"(?P<value>[^"]{2,80})"')
_HIDDEN = re.compile(
    r"<(head|script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")
# Wrapper elements that carry layout, not text: what a pathologically deep page is made of.
_WRAPPER = re.compile(r"</?(?:div|span|section|article|main|aside|font|center|table|tbody|tr|td)\b[^>]*>", re.I)
_OPEN_OR_CLOSE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])
# libxml2 stops building the tree below 256 levels, silently losing the text there.
MAX_DEPTH = 200
_SUFFIX_SEP = re.compile(r"\s+(?:[|–—•·»:]|-|::)\s+")


@dataclass(slots=True)
class Page:
    lines: list[Line] = field(default_factory=list)
    visible: list[str] = field(default_factory=list)  # every text line a reader sees, in order
    title: Evidence | None = None
    site: Evidence | None = None  # og:site_name, or the JSON-LD publisher
    site_guess: str | None = None  # trafilatura's site name (JSON-LD publisher, title suffix)
    published: Evidence | None = None


def read_page(html: str, url: str | None, known_site: str | None = None) -> Page:
    """Main text lines (one per trafilatura paragraph) and the page's metadata;
    `known_site` is the outlet the URL's domain belongs to, to strip from the title."""
    page = Page()
    if nesting_depth(html) > MAX_DEPTH:
        html = _WRAPPER.sub("\n", html)
    metas, tree = _metas(html)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # trafilatura raises assorted parser errors on broken markup
        doc = None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text and tree is not None:
        text = tree.text_content()
    page.lines = [Line(t.strip(), i) for i, t in enumerate(text.split("\n")) if t.strip()]
    page.visible = visible_lines(html)

    if "og:site_name" in metas:
        page.site = Evidence(metas["og:site_name"][0], metas["og:site_name"][1], "html")
    elif m := _JSONLD_PUBLISHER.search(html):
        page.site = Evidence(m.group("value"), m.group(0), "html")
    if doc is not None and getattr(doc, "sitename", None):
        page.site_guess = doc.sitename

    raw_title, evidence = None, None
    for key in ("og:title", "twitter:title"):
        if key in metas:
            raw_title, evidence = metas[key]
            break
    if raw_title is None and doc is not None and getattr(doc, "title", None):
        raw_title = doc.title
    if raw_title is None and tree is not None and (t := tree.findtext(".//title")):
        raw_title = t
    if raw_title and (
        title := strip_site_suffix(
            " ".join(raw_title.split()), [page.site.value if page.site else None, known_site], url
        )
    ):
        page.title = Evidence(title, evidence or raw_title, "html")

    page.published = _published(html, metas, url)
    return page


def nesting_depth(html: str) -> int:
    """The deepest element nesting of the markup, counted from its tags (no parser: the parser
    is what breaks on deep pages); unclosed tags count as open, as a browser would."""
    depth = deepest = 0
    for m in _OPEN_OR_CLOSE.finditer(html):
        if m.group(2).lower() in _VOID or m.group(3):
            continue
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def visible_lines(html: str) -> list[str]:
    """The page's text as a reader sees it, one trimmed line per source line."""
    text = htmllib.unescape(_TAG.sub("", _HIDDEN.sub("", html)))
    return [line.strip() for line in text.splitlines() if line.strip()]


def page_furniture(visible: list[str], body: list[str], removed: list[str]) -> list[str]:
    """Every visible line that is not body, in page order (nav, bylines, footers that the
    extractor dropped, and the lines the text rules removed), so nothing is dropped silently.
    A visible line that is a fragment of a body paragraph (one <p> over several source
    lines) is body."""
    left = Counter(norm_key(p) for p in body)
    body_text = "\n".join(left)
    out: list[str] = []
    for line in visible:
        key = norm_key(line)
        if not key:
            continue
        if left[key] > 0:
            left[key] -= 1
        elif len(key.split()) < 4 or key not in body_text:
            out.append(line)
    seen = {norm_key(line) for line in out}
    return out + [line for line in removed if norm_key(line) not in seen]


def _metas(html: str) -> tuple[dict[str, tuple[str, str]], lxml.html.HtmlElement | None]:
    """meta name/property/itemprop → (content, the tag as written)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return {}, None
    out: dict[str, tuple[str, str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in out:
            out[key] = (content, lxml.html.tostring(el, encoding="unicode").strip())
    return out, tree


def _published(html: str, metas: dict[str, tuple[str, str]], url: str | None) -> Evidence | None:
    """The publication date from the page's markup (never a guess from the page's text,
    which would often be the render or crawl date)."""
    for key in _DATE_KEYS:
        if key in metas and (iso := parse_date(metas[key][0])):
            return Evidence(iso, metas[key][1], "html")
    if (m := _JSONLD_DATE.search(html)) and (iso := parse_date(m.group("value"))):
        return Evidence(iso, m.group(0), "html")
    try:
        iso = htmldate.find_date(html, original_date=True, extensive_search=False, url=url or None)
    except Exception:  # htmldate can fail on odd markup; a missing date is the honest answer
        iso = None
    return Evidence(iso, "htmldate", "html") if iso else None


def strip_site_suffix(title: str, sites: list[str | None], url: str | None) -> str:
    """ "Headline | Section | Outlet" → "Headline": drop trailing (or a leading) part naming
    the site, then short "|"-separated section labels."""
    names = {name_key(site) for site in sites if site}
    if url and (host := re.sub(r"^(www|m|amp)\.", "", (re.sub(r"^\w+://", "", url).split("/")[0]).lower())):
        names.add(host.split(".")[0])

    def is_site(part: str) -> bool:
        key = name_key(part)
        squashed = key.replace(" ", "")
        return bool(key) and any(
            n
            and (key == n or squashed == n.replace(" ", "") or key in n or (len(n) >= 3 and n in key.split()))
            for n in names
        )

    pieces = _SUFFIX_SEP.split(title)
    seps = _SUFFIX_SEP.findall(title)
    if len(pieces) > 1 and is_site(pieces[0]) and not is_site(pieces[-1]):
        pieces, seps = pieces[1:], seps[1:]
    while len(pieces) > 1 and (is_site(pieces[-1]) or ("|" in seps[-1] and len(pieces[-1].split()) <= 3)):
        pieces, seps = pieces[:-1], seps[:-1]
    return "".join(p + sep for p, sep in zip(pieces, [*seps, ""], strict=True)).strip()
