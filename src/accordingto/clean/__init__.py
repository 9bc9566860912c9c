"""Stage 2, clean: body versus boilerplate, and metadata with its verbatim evidence.

Plain text, HTML and record inputs all end up as lines for `plain.clean_lines`; what the
container knew (HTML meta tags, a record's fields, the URL, the crawl date) is weighed
against what the text itself says here.
"""

from __future__ import annotations

from ..model import Article, DateEstimate, Evidence, RawDocument
from .html import page_furniture, read_page
from .lines import split_lines
from .metadata import parse_date
from .outlets import OutletTable, name_key, outlet_table
from .plain import clean_lines
from .provenance import Provenance

__all__ = ["clean", "outlet_table", "OutletTable"]


def clean(doc: RawDocument) -> Article:
    """Return the cleaned Article: body text, removed boilerplate lines, title, outlet,
    republished_from and published, each with the evidence that shows it."""
    try:
        return _clean(doc)
    except Exception:  # bad input must never stop a run: fall back to the bare text
        lines = split_lines(doc.content if isinstance(doc.content, str) else "")
        return Article(file=doc.file, uri=doc.uri, text="\n\n".join(line.text for line in lines))


def _clean(doc: RawDocument) -> Article:
    table = outlet_table()
    hints = {k: v.strip() for k, v in (doc.hints or {}).items() if isinstance(v, str) and v.strip()}
    url = hints.get("url") or (doc.uri if doc.uri.startswith(("http://", "https://")) else "")
    host: Evidence | None = None  # the outlet serving this copy, known from outside the text
    guess: Evidence | None = None  # a weaker host name, used when nothing better is known
    published: Evidence | None = None

    if doc.format == "html" or (doc.format == "record" and _looks_like_html(doc.content)):
        page = read_page(doc.content, url or None, table.by_domain(url) if url else None)
        title_hint = hints.get("title") or (page.title.value if page.title else None)
        cleaned = clean_lines(page.lines, table, title_hint)
        cleaned.boilerplate = page_furniture(page.visible, cleaned.paragraphs, cleaned.boilerplate)
        if page.site and page.site.value:
            host = Evidence(table.canonical(page.site.value), page.site.evidence, "html")
        if page.site_guess:
            guess = Evidence(table.canonical(page.site_guess), None, "html")
        published = page.published
    else:
        cleaned = clean_lines(split_lines(doc.content), table, hints.get("title"))

    if "outlet" in hints:
        host = Evidence(table.canonical(hints["outlet"]), hints["outlet"], "record")
    if host is None and url and (name := table.by_domain(url)):
        host = Evidence(name, url, "url")
    host = host or guess
    if "published" in hints and (iso := parse_date(hints["published"])):
        published = Evidence(iso, hints["published"], "record")
    published = published or cleaned.published
    if published is None and "warc_date" in hints and (iso := parse_date(hints["warc_date"])):
        # A capture date (the page existed by then): used only when nothing better is
        # known, and marked by its origin so readers can tell it apart.
        published = Evidence(iso, f"WARC-Date: {hints['warc_date']}", "warc")

    outlet, republished = _provenance(host, cleaned.source)
    estimate = None
    if published and published.value and published.origin != "warc":
        estimate = DateEstimate(
            published.value,
            published.value,
            f"publication date stated in the {published.origin}: {published.evidence}",
        )
    return Article(
        file=doc.file,
        uri=doc.uri,
        text="\n\n".join(cleaned.paragraphs),
        title=cleaned.title,
        outlet=outlet,
        republished_from=republished,
        published=published,
        published_estimate=estimate,
        boilerplate=cleaned.boilerplate,
    )


def _provenance(host: Evidence | None, found: Provenance) -> tuple[Evidence | None, Evidence | None]:
    """(outlet, republished_from). The outlet is who serves this copy: the host the
    container names, else the site the furniture names as itself ("© X", "X aggregates
    stories", "Get the X's briefing"), else the "Read more at X" credit. An explicit
    re-publication marker ("Source: X | Read Full Article", "originally appeared in X"),
    or a "Read more at X" other than the outlet, gives `republished_from`,
    even unnamed (value None). A wire dateline's agency is the outlet when nothing else is
    known, else the original."""
    outlet = host or found.outlet or found.credit
    if outlet is found.outlet and found.credit and _same_outlet(found.credit.value or "", outlet.value or ""):
        outlet = found.credit  # the same site: "Read more at X." is the plainer evidence
    origin = found.origin or (found.credit if outlet is not found.credit else None) or found.wire
    if outlet is None and found.origin is None and found.wire:
        return found.wire, None
    if origin and origin.value and outlet and _same_outlet(origin.value, outlet.value or ""):
        origin = None
    return outlet, origin


def _same_outlet(a: str, b: str) -> bool:
    """ "Courier" and "The Daily Courier" name one outlet."""
    ka, kb = name_key(a), name_key(b)
    return ka == kb or f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} "


def _looks_like_html(content: str) -> bool:
    head = content.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<p>" in head)
