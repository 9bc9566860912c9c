"""A static HTML report of a store: opens from disk, no server, every fact next to its sentence.

Article text is untrusted input: everything is escaped, and pages carry a strict
Content-Security-Policy that forbids scripts.
"""

from __future__ import annotations

import html
from pathlib import Path

from ..model import Analysis
from ..store import Store

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"

STYLE = """
body{font:16px/1.55 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
a{color:#0645ad} a:focus{outline:3px solid #f90}
table{border-collapse:collapse;width:100%;font-size:14px} th,td{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
.meta{color:#555;font-size:14px} .text{white-space:pre-wrap}
.content{background:#e3f4e1} .source{background:#d8ecfa;font-weight:600} .cue{background:#f4def4;font-weight:600}
.hedge{background:#fff1b8;text-decoration:underline}
details{margin:1rem 0} summary{cursor:pointer}
"""


def page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def highlight(a: Analysis) -> str:
    """The article text as HTML, each attribution's parts wrapped in a classed <span>.

    Marks are computed per character so overlapping spans (a hedge inside a content) nest
    cleanly; the innermost role wins, as in the terminal view.
    """
    text = a.article.text
    roles: list[str | None] = [None] * len(text)

    def mark(start: int, end: int, role: str) -> None:
        for i in range(max(start, 0), min(end, len(text))):
            roles[i] = role

    for x in a.attributions:
        mark(x.content.start, x.content.end, "content")
        if x.source_text:
            mark(x.source_text.start, x.source_text.end, "source")
        if x.cue:
            mark(x.cue.start, x.cue.end, "cue")
        for h in x.hedges:
            mark(h.start, h.end, "hedge")
    for c in a.claims:
        for h in c.hedges:
            mark(h.start, h.end, "hedge")
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and roles[j] == roles[i]:
            j += 1
        chunk = html.escape(text[i:j])
        out.append(f'<span class="{roles[i]}">{chunk}</span>' if roles[i] else chunk)
        i = j
    return "".join(out)


def article_page(a: Analysis, home: str = "index.html") -> str:
    art = a.article
    meta = [f"file {html.escape(art.file)}"]
    if art.outlet:
        meta.append(f"outlet {html.escape(art.outlet.value)}")
    if art.published:
        meta.append(f"published {html.escape(art.published.value)}")
    elif (estimate := art.published_estimate or a.published_estimate) is not None:
        meta.append(f"published between {estimate.earliest} and {estimate.latest} (estimated)")
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(v)}</td>"
            for v in (
                x.source or "?",
                x.source_type or "",
                x.kind,
                x.cue.text if x.cue else "",
                ", ".join(x.via),
                ", ".join(h.text for h in x.hedges),
                x.polarity,
                x.content.text,
            )
        )
        + "</tr>"
        for x in a.attributions
    )
    boiler = "".join(f"<li>{html.escape(line)}</li>" for line in art.boilerplate)
    body = (
        f'<p><a href="{home}">← all articles</a></p>'
        f"<h1>{html.escape(art.title or art.file)}</h1><p class=meta>{' · '.join(meta)}</p>"
        "<p class=meta>Legend: <span class=source>source</span> <span class=cue>cue</span> "
        "<span class=content>content</span> <span class=hedge>hedge</span></p>"
        f"<div class=text>{highlight(a)}</div>"
        f"<h2>Who said what ({len(a.attributions)})</h2>"
        "<table><tr><th>source</th><th>type</th><th>kind</th><th>cue</th><th>via</th><th>hedges</th>"
        f"<th>polarity</th><th>content</th></tr>{rows}</table>"
        f"<details><summary>Removed boilerplate ({len(art.boilerplate)} lines)</summary><ul>{boiler}</ul></details>"
    )
    return page(art.title or art.file, body)


def write_report(store: Store, out_dir: str | Path) -> Path:
    """Write index.html and one page per article into `out_dir`; return the index path."""
    out = Path(out_dir)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    listing = store.query(
        """SELECT a.id, a.file, a.title, a.outlet, coalesce(a.published, a.estimate_earliest) AS date,
                  a.published IS NULL AS estimated,
                  (SELECT count(*) FROM attributions t WHERE t.article_id = a.id) AS n
           FROM articles a ORDER BY date NULLS LAST, a.file"""
    ).to_pylist()
    items = []
    for row in listing:
        analysis = store.analysis(row["id"])
        if analysis is None:
            continue
        (out / "articles" / f"{row['id']}.html").write_text(
            article_page(analysis, home="../index.html"), encoding="utf-8"
        )
        date = f"{row['date']}{' (est.)' if row['estimated'] and row['date'] else ''}" if row["date"] else "undated"
        items.append(
            f'<tr><td><a href="articles/{row["id"]}.html">{html.escape(row["title"] or row["file"])}</a></td>'
            f"<td>{html.escape(row['outlet'] or '—')}</td><td>{html.escape(date)}</td><td>{row['n']}</td></tr>"
        )
    counts = store.stats()
    body = (
        "<h1>accordingto report</h1>"
        f"<p class=meta>{counts['articles']} articles · {counts['attributions']} attributions · "
        f"{counts['entities']} entities · {counts['errors']} input errors</p>"
        "<table><tr><th>article</th><th>outlet</th><th>date</th><th>attributions</th></tr>"
        + "".join(items)
        + "</table>"
    )
    index = out / "index.html"
    index.write_text(page("accordingto report", body), encoding="utf-8")
    return index
