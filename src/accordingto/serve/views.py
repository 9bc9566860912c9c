"""The HTML views, shared by the live web UI (serve/app.py) and the static report (serve/report.py).

Each view takes a Store and a `Links` (where pages live: `/article/ID` routes in the app,
`articles/ID.html` files in the report) and returns a whole page as a string, or None when
the thing does not exist. Everything that comes from the store is escaped here (article text
is untrusted input), pages carry no script, and the Content-Security-Policy forbids scripts
too. Every fact links to its evidence: a source to its entity, a content to its claim, a
claim to each article that carries it.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args
from urllib.parse import quote, urlencode

from ..model import Attribution, Kind, Polarity
from ..store import Store
from . import data, graph
from .search import MARK_CLOSE, MARK_OPEN, Scope, Search

ASSETS = Path(__file__).with_name("assets")
# No script source at all: the pages work without scripts, and article text is untrusted.
CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'"
PER_PAGE = 50


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def file_name(key: str) -> str:
    """A file name for an id: the id itself when harmless, else a hash of it."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}", key):
        return key
    return "h" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Links:
    """Where each view lives. App: `Links()`; static report: `Links(static=True, root="../")`."""

    static: bool = False
    root: str = "/"

    def item(self, kind: str, key: str, anchor: str = "") -> str:
        frag = f"#{anchor}" if anchor else ""
        if self.static:
            return f"{self.root}{kind}/{file_name(key)}.html{frag}"
        return f"{self.root}{kind}/{quote(key, safe='')}{frag}"

    def listing(self, kind: str, page: int = 1) -> str:
        if self.static:
            name = "index" if kind == "stories" else kind
            return f"{self.root}{name}{'' if page == 1 else f'-{page}'}.html"
        return f"{self.root}{kind}" + (f"?page={page}" if page > 1 else "")

    def asset(self, name: str) -> str:
        return f"{self.root}{name}" if self.static else f"{self.root}assets/{name}"

    def search(self, **params: Any) -> str | None:
        if self.static:
            return None
        query = urlencode({k: v for k, v in params.items() if v not in (None, "", 1)})
        return f"{self.root}search" + (f"?{query}" if query else "")

    def story(self, key: str) -> str:
        return self.item("stories", key)

    def claim(self, key: str) -> str:
        return self.item("claims", key)

    def article(self, key: str, anchor: str = "") -> str:
        return self.item("articles", key, anchor)

    def entity(self, key: str) -> str:
        return self.item("entities", key)


def a(href: str | None, text: Any, cls: str | None = None) -> str:
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{klass}>{esc(text)}</a>' if href else f"<span{klass}>{esc(text)}</span>"


def page(links: Links, title: str, body: str, *, active: str = "") -> str:
    nav = [("stories", "Stories"), ("articles", "Articles"), ("attributions", "Who said what"), ("entities", "Entities")]
    items = "".join(
        f'<li><a href="{esc(links.listing(k))}"{" aria-current=page" if k == active else ""}>{label}</a></li>'
        for k, label in nav
    )
    search = links.search()
    form = (
        f'<form role=search action="{esc(search)}" method=get><label for=q class=visually-hidden>Search</label>'
        '<input id=q name=q type=search maxlength=200 placeholder="Search articles and quotes">'
        "<button type=submit>Search</button></form>"
        if search else ""
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f'<meta name=referrer content=no-referrer><title>{esc(title)} · accordingto</title>'
        f'<link rel=stylesheet href="{esc(links.asset("style.css"))}"></head><body>'
        '<a class=skip href="#main">Skip to content</a>'
        f'<header><nav aria-label=Main><a class=brand href="{esc(links.listing("stories"))}">accordingto</a>'
        f"<ul>{items}</ul>{form}</nav></header>"
        f"<main id=main tabindex=-1>{body}</main></body></html>"
    )


def pager(url: Callable[[int], str | None], page_no: int, total: int, per_page: int) -> str:
    pages = max((total + per_page - 1) // per_page, 1)
    if pages == 1:
        return ""
    prev = a(url(page_no - 1), "← previous", "prev") if page_no > 1 else ""
    nxt = a(url(page_no + 1), "next →", "next") if page_no < pages else ""
    return f'<nav class=pager aria-label=Pages>{prev} <span>page {page_no} of {pages}</span> {nxt}</nav>'


def date_of(row: dict[str, Any] | None) -> str:
    if not row or not row.get("date"):
        return "undated"
    return f"{row['date']}{' (est.)' if row.get('date_estimated') else ''}"


def table(head: list[str], body_rows: list[str], empty: str) -> str:
    if not body_rows:
        return f"<p class=empty>{esc(empty)}</p>"
    th = "".join(f"<th scope=col>{esc(h)}</th>" for h in head)
    return f"<div class=scroll><table><thead><tr>{th}</tr></thead><tbody>{''.join(body_rows)}</tbody></table></div>"


def tr(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


# -- stories ----------------------------------------------------------------------------------

def stories_page(store: Store, links: Links, page_no: int = 1) -> str:
    p = data.list_stories(store, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    counts = data.stats(store)
    body_rows = []
    for s in p.items:
        first = (a(links.article(s["first_article"]), s["first_outlet"] or s["first_file"] or "first article")
                 if s["first_article"] else "—")
        origin = (f"<br><span class=meta>origin: {esc(s['origin'])}</span>"
                  if s["origin"] and s["origin"] != s["first_outlet"] else "")
        dates = esc(s["earliest"] or "undated") + (f" – {esc(s['latest'])}" if s["latest"] and s["latest"] != s["earliest"] else "")
        body_rows.append(tr(a(links.story(s["id"]), s["title"] or s["id"]), first + origin,
                            esc(", ".join(s["outlets"] or [])), dates, esc(s["size"]), esc(s["clusters"])))
    empty = (
        "No stories yet: the link stage groups articles into stories (run `accordingto link`). "
        "Meanwhile every article is listed under Articles."
    )
    body = (
        "<h1>Stories</h1>"
        f"<p class=meta>{counts['articles']} articles · {counts['stories']} stories · "
        f"{counts['claim_clusters']} claims · {counts['attributions']} attributions · {counts['entities']} entities</p>"
        + table(["story", "first reported by", "outlets", "dates", "articles", "claims"], body_rows, empty)
        + pager(lambda n: links.listing("stories", n), page_no, p.total, PER_PAGE)
    )
    return page(links, "Stories", body, active="stories")


def story_page(store: Store, links: Links, story_id: str) -> str | None:
    s = data.story(store, story_id)
    if s is None:
        return None
    arts = s["articles"]
    first = next((x for x in arts if x["id"] == s["first_article"]), None)
    title = s["title"] or (first or {}).get("title") or s["id"]
    g = data.story_graph(s)
    clusters = [
        tr(a(links.claim(c["id"]), _short(c["claim"] or c["id"], 160)), esc(c["members"]),
           esc(c["independent_origins"]), esc(c["echoes"]), esc(c["denials"]), esc(c["contradictions"]))
        for c in s["clusters"]
    ]
    first_line = (
        f"first in this corpus: {a(links.article(first['id']), first.get('outlet') or first.get('file'))} "
        f"({esc(date_of(first))})" if first else "no dated article"
    )
    origin_line = (
        f" · broken by <strong>{esc(s['origin'])}</strong>"
        + (f" <span class=evidence>({esc(s['origin_evidence'])})</span>" if s.get("origin_evidence") else "")
        if s.get("origin") else ""
    )
    body = (
        f"<p class=crumbs>{a(links.listing('stories'), 'Stories')} › story</p>"
        f"<h1>{esc(title)}</h1>"
        f"<p class=meta>{len(arts)} articles · {first_line}{origin_line}</p>"
        "<h2>Timeline</h2>" + timeline(arts, links)
        + "<h2>Provenance</h2><p class=meta>Who cited whom. Arrows run from the article that cites to what "
        "it cites. <span class=key-origin>origins</span> cite no one; <span class=key-echo>echoes</span> "
        "repeat what they cite; <span class=key-external>outside sources</span> are not in the store.</p>"
        + provenance_svg(g, links) + provenance_list(g, links)
        + f"<h2>Claims ({len(clusters)})</h2>"
        + table(["claim", "articles", "independent origins", "echoes", "denials", "contradictions"], clusters,
                "No claim clusters for this story yet (the link stage builds them).")
    )
    return page(links, title, body, active="stories")


def timeline(arts: list[dict[str, Any]], links: Links) -> str:
    """Date × outlet: one row per outlet, one column per date, each cell the articles of that day."""
    if not arts:
        return "<p class=empty>No articles.</p>"
    dates = sorted({x.get("date") or "undated" for x in arts}, key=lambda d: (d == "undated", d))
    outlets = sorted({x.get("outlet") or "unknown outlet" for x in arts},
                     key=lambda o: min((x.get("date") or "9999") for x in arts if (x.get("outlet") or "unknown outlet") == o))
    cells: dict[tuple[str, str], list[str]] = {}
    for x in arts:
        cells.setdefault((x.get("outlet") or "unknown outlet", x.get("date") or "undated"), []).append(
            a(links.article(x["id"]), _short(x.get("title") or x["file"], 60)))
    head = "".join(f"<th scope=col>{esc(d)}</th>" for d in dates)
    body = "".join(
        f"<tr><th scope=row>{esc(o)}</th>"
        + "".join(f"<td>{'<br>'.join(cells.get((o, d), []))}</td>" for d in dates)
        + "</tr>"
        for o in outlets
    )
    return f"<div class=scroll><table class=timeline><thead><tr><th scope=col>outlet</th>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


NODE_W, NODE_H, COL, ROW, PAD = 190, 46, 250, 62, 12


def provenance_svg(g: graph.Graph, links: Links) -> str:
    """Inline SVG, origins on the left, each further column one citation step further away."""
    layers = g.layers()
    if not layers:
        return "<p class=empty>No articles.</p>"
    pos: dict[str, tuple[int, int]] = {}
    for col, layer in enumerate(layers):
        for row, n in enumerate(layer):
            pos[n.key] = (PAD + col * COL, PAD + row * ROW)
    width = PAD * 2 + (len(layers) - 1) * COL + NODE_W
    height = PAD * 2 + (max(len(layer) for layer in layers) - 1) * ROW + NODE_H
    parts = [
        f'<svg class=provenance role=img aria-labelledby=prov-title width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        "<title id=prov-title>Provenance graph: who cited whom</title>"
        '<defs><marker id=arrow viewBox="0 0 10 10" refX=10 refY=5 markerWidth=7 markerHeight=7 orient=auto>'
        '<path d="M0,0L10,5L0,10z" class=arrowhead /></marker></defs>'
    ]
    for e in g.edges:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        # A curve from the citing node's left edge to the cited node's right edge (cited sits to the left).
        sx, sy, tx, ty = x1, y1 + NODE_H // 2, x2 + NODE_W, y2 + NODE_H // 2
        bend = max((sx - tx) // 2, 30)
        parts.append(f'<path class=edge d="M{sx},{sy} C{sx - bend},{sy} {tx + bend},{ty} {tx},{ty}" '
                     f'marker-end="url(#arrow)"><title>{esc(e.evidence or e.kind or "cites")}</title></path>')
    for key, n in g.nodes.items():
        x, y = pos[key]
        label = f"<text x=\"{x + 8}\" y=\"{y + 18}\" class=label>{esc(_short(n.label, 26))}</text>"
        sub = f"<text x=\"{x + 8}\" y=\"{y + 36}\" class=sub>{esc(n.date or ('outside source' if n.article_id is None else 'undated'))}</text>"
        shape = f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx=6 />'
        inner = f"{shape}{label}{sub}<title>{esc(n.title or n.label)} ({n.role})</title>"
        if n.article_id:
            parts.append(f'<a href="{esc(links.article(n.article_id))}" class="node {n.role}">{inner}</a>')
        else:
            parts.append(f'<g class="node {n.role}">{inner}</g>')
    parts.append("</svg>")
    return f"<div class=scroll>{''.join(parts)}</div>"


VERBS = {"republished": "republishes", "copies": "copies"}


def provenance_list(g: graph.Graph, links: Links) -> str:
    """The graph's edges as text, each with the words that show the citation."""
    if not g.edges:
        return "<p class=empty>No citations between these articles were found: each is its own origin.</p>"
    items = []
    for e in g.edges:
        src, dst = g.nodes[e.source], g.nodes[e.target]
        evidence = (
            f" — {a(links.article(e.source, f'c{e.evidence_start}') if e.evidence_start is not None else links.article(e.source), '“' + e.evidence + '”')}"
            if e.evidence else ""
        )
        items.append(
            f"<li>{a(links.article(src.article_id) if src.article_id else None, src.label)} ({esc(date_of({'date': src.date}))}) "
            f"{esc(VERBS.get(e.kind or '', 'cites'))} "
            f"{a(links.article(dst.article_id) if dst.article_id else None, dst.label)}{evidence}</li>"
        )
    return f"<details open><summary>Citations ({len(items)})</summary><ul class=edges>{''.join(items)}</ul></details>"


# -- claims -----------------------------------------------------------------------------------

def claim_page(store: Store, links: Links, cluster_id: str) -> str | None:
    c = data.cluster(store, cluster_id)
    if c is None:
        return None
    trace = c["trace"]
    base = next((t["sentence"] for t in trace if t["role"] == "origin"), trace[0]["sentence"] if trace else "")
    cards = []
    for t in trace:
        cards.append(
            f'<li class="variant {esc(t["role"])}"><p class=meta>'
            + a(links.article(t["article_id"], f"u{t['unit']}"), t["outlet"] or t["file"])
            + f" · {esc(date_of(t))} · <strong>{esc(t['role'])}</strong></p>"
            + f"<blockquote>{esc(t['sentence']) if t['sentence'] == base else diff_marked(base, t['sentence'] or '')}</blockquote>"
            + (f"<p class=chain>{chain_text(t['chain'])}</p>" if t["chain"] else "")
            + "</li>"
        )
    origins = [
        f"<li><strong>{esc(o.get('origin'))}</strong> <span class=meta>{esc(o.get('kind') or '')}"
        + (f" via {esc(o['medium'])}" if o.get("medium") else "") + "</span> — first seen in "
        + a(links.article(o["first_article"]) if o.get("first_article") else None,
            (o.get("first_seen") or {}).get("file") or "?")
        + f" ({esc((o.get('first_seen') or {}).get('date') or 'undated')})"
        + (f"; carried by {len(o.get('articles', []))} article{'s' if len(o.get('articles', [])) != 1 else ''}" if o.get("articles") else "")
        + "</li>"
        for o in c["origins"] if isinstance(o, dict)
    ]
    mutations = [_change_row(m, links) for m in c["mutations"]]
    contradictions = [_change_row(m, links) for m in c["contradictions"]]
    counts = (
        "<dl class=counts>"
        f"<div><dt>independent origins</dt><dd>{esc(c['independent_origins'])}</dd></div>"
        f"<div><dt>echoes</dt><dd>{esc(c['echoes'])}</dd></div>"
        f"<div><dt>denials</dt><dd>{esc(c['denials'])}</dd></div>"
        f"<div><dt>contradictions</dt><dd>{len(c['contradictions'])}</dd></div></dl>"
    )
    story_link = a(links.story(c["story_id"]), "story") if c.get("story_id") else "no story"
    body = (
        f"<p class=crumbs>{a(links.listing('stories'), 'Stories')} › {story_link} › claim</p>"
        f"<h1>{esc(_short(c['claim'] or c['id'], 200))}</h1>{counts}"
        + (f"<h2>Independent origins ({len(origins)})</h2><ul>{''.join(origins)}</ul>" if origins else "")
        + f"<h2>Variants ({len(cards)})</h2><p class=meta>Oldest first. Words that differ from the origin's "
        "version are <mark class=mut>marked</mark>. Each variant shows the chain it travelled.</p>"
        + (f"<ol class=variants>{''.join(cards)}</ol>" if cards else "<p class=empty>No members.</p>")
        + f"<h2>Mutations ({len(mutations)})</h2>"
        + table(["change", "before", "after"], mutations, "No mutations: every version says the same.")
        + f"<h2>Contradictions ({len(contradictions)})</h2>"
        + table(["kind", "one side", "other side"], contradictions, "No contradictions found.")
    )
    return page(links, c["claim"] or c["id"], body, active="stories")


def chain_text(chain: list[Any]) -> str:
    """origin → via → outlet, each step with its role."""
    steps = [
        f"<span class=step>{esc(n.get('name'))} <span class=meta>({esc(n.get('role'))}"
        + (f", {esc(n['medium'])}" if n.get("medium") else "") + ")</span></span>"
        for n in chain if isinstance(n, dict)
    ]
    return " → ".join(steps)


def _side(side: Any, links: Links) -> str:
    if not isinstance(side, dict):
        return esc(side)
    where = a(links.article(side["article_id"], f"u{side['span'][0]}") if side.get("article_id") and side.get("span")
              else None, side.get("outlet") or side.get("file") or "?")
    piece = f"<strong>{esc(side['text'])}</strong><br>" if side.get("text") else ""
    return f"{piece}<span class=meta>{where} · {esc(side.get('date') or 'undated')}</span><br>{esc(side.get('sentence') or '')}"


def _change_row(m: Any, links: Links) -> str:
    if not isinstance(m, dict):
        return tr(esc(m), "", "")
    sides = [v for k, v in m.items() if isinstance(v, dict) and k != "type"]
    label = str(m.get("type") or "change").replace("_", " ")
    if m.get("added"):
        label += ": " + ", ".join(map(str, m["added"]))
    return tr(esc(label), *(_side(x, links) for x in (sides + [None, None])[:2]))


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def diff_marked(base: str, text: str) -> str:
    """`text` escaped, with the words that differ from `base` in <mark class=mut>."""
    old, new = _TOKEN.findall(base), _TOKEN.findall(text)
    out: list[str] = []
    for op, _i1, _i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        chunk = esc("".join(new[j1:j2]))
        if not chunk:
            continue
        out.append(chunk if op == "equal" else f"<mark class=mut>{chunk}</mark>")
    return "".join(out)


# -- articles ---------------------------------------------------------------------------------

def articles_page(store: Store, links: Links, page_no: int = 1) -> str:
    p = data.list_articles(store, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    body_rows = [
        tr(a(links.article(r["id"]), r["title"] or r["file"]), esc(r["outlet"] or "—"), esc(date_of(r)),
           esc(r["attributions"]))
        for r in p.items
    ]
    body = (
        f"<h1>Articles</h1><p class=meta>{p.total} articles</p>"
        + table(["article", "outlet", "date", "attributions"], body_rows, "No articles yet (run `accordingto ingest`).")
        + pager(lambda n: links.listing("articles", n), page_no, p.total, PER_PAGE)
    )
    return page(links, "Articles", body, active="articles")


ROLES = ("claim", "content", "entity", "source", "cue", "hedge")  # later roles win where spans overlap


def marked_text(view: data.ArticleView, links: Links) -> str:
    """The article text with each fact's characters wrapped in a link to what it is evidence of."""
    text = view.analysis.article.text
    marks: list[tuple[str, str] | None] = [None] * len(text)

    def mark(start: int | None, end: int | None, role: str, href: str) -> None:
        if start is None or end is None:
            return
        for i in range(max(start, 0), min(end, len(text))):
            marks[i] = (role, href)

    layers: dict[str, list[tuple[int | None, int | None, str]]] = {r: [] for r in ROLES}
    for u in view.units:
        layers["claim"].append((u["sentence_start"], u["sentence_end"], links.claim(u["cluster_id"])))
    for m in view.mention_entities:
        layers["entity"].append((m["span_start"], m["span_end"], links.entity(m["entity_id"])))
    for i, x in enumerate(view.analysis.attributions):
        here = f"#attr-{i}"
        cluster = view.attribution_clusters.get(i)
        layers["content"].append((x.content.start, x.content.end, links.claim(cluster) if cluster else here))
        if x.source_text:
            eid = view.source_entities.get(i)
            layers["source"].append((x.source_text.start, x.source_text.end, links.entity(eid) if eid else here))
        if x.cue:
            layers["cue"].append((x.cue.start, x.cue.end, here))
        for h in x.hedges:
            layers["hedge"].append((h.start, h.end, here))
    for c in view.analysis.claims:
        for h in c.hedges:
            layers["hedge"].append((h.start, h.end, "#facts"))
    for role in ROLES:
        for start, end, href in layers[role]:
            mark(start, end, role, href)
    # Claim sentences get an anchor (#u<start>) so a claim's variant can point at its place.
    anchors = {u["sentence_start"] for u in view.units if 0 <= u["sentence_start"] < len(text)}
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and marks[j] == marks[i] and j not in anchors:
            j += 1
        if i in anchors:
            out.append(f'<span id="u{i}"></span>')
        chunk = esc(text[i:j])
        m = marks[i]
        out.append(f'<a class={m[0]} href="{esc(m[1])}">{chunk}</a>' if m else chunk)
        i = j
    return "".join(out)


def _speaker(x: Attribution) -> str:
    """Who is speaking, as named, as written, or at least through whom it came."""
    if x.source or x.source_text:
        return x.source or x.source_text.text  # type: ignore[union-attr]
    return f"(via {', '.join(x.via)})" if x.via else "?"


def article_page(store: Store, links: Links, article_id: str) -> str | None:
    view = data.article_view(store, article_id)
    if view is None:
        return None
    art, meta = view.analysis.article, view.meta
    facts = [f"file {esc(art.file)}"]
    if meta.get("outlet"):
        facts.append(f"outlet <strong>{esc(meta['outlet'])}</strong>"
                     + (f" <span class=evidence>“{esc(meta['outlet_evidence'])}”</span>" if meta.get("outlet_evidence") else ""))
    if meta.get("republished_from"):
        facts.append(f"republished from <strong>{esc(meta['republished_from'])}</strong>"
                     + (f" <span class=evidence>“{esc(meta['republished_evidence'])}”</span>" if meta.get("republished_evidence") else ""))
    if meta.get("published"):
        facts.append(f"published {esc(meta['published'])}"
                     + (f" <span class=evidence>“{esc(meta['published_evidence'])}”</span>" if meta.get("published_evidence") else ""))
    elif meta.get("estimate_earliest"):
        facts.append(f"published between {esc(meta['estimate_earliest'])} and {esc(meta['estimate_latest'])} "
                     f"(estimated: {esc(meta.get('estimate_reasoning') or '')})")
    if art.uri:
        facts.append(f"from {esc(art.uri)}")
    if view.copy_of:
        o = view.copy_of
        facts.append(f"copy of {a(links.article(o['original_id']), o.get('outlet') or o.get('title') or 'another article')}"
                     + (f" <span class=evidence>({esc(o['evidence'])})</span>" if o.get("evidence") else ""))
    attr_rows = []
    for i, x in enumerate(view.analysis.attributions):
        eid = view.source_entities.get(i)
        cluster = view.attribution_clusters.get(i)
        attr_rows.append(
            f'<tr id="attr-{i}"><td>{i + 1}</td><td>{a(links.entity(eid) if eid else None, _speaker(x))}'
            + (f"<br><span class=meta>{esc(x.source_role)}</span>" if x.source_role else "")
            + f"</td><td>{esc(x.source_type or '')}</td><td>{esc(x.kind)}</td><td>{esc(x.cue.text if x.cue else '')}</td>"
            f"<td>{esc(', '.join(x.via))}</td><td>{esc(', '.join(h.text for h in x.hedges))}</td><td>{esc(x.polarity)}</td>"
            f"<td>{esc(x.content.text)}</td><td>{a(links.claim(cluster), 'claim →') if cluster else '—'}</td></tr>"
        )
    claim_rows = [
        f'<tr id="claim-{i}"><td>{esc(c.certainty)}</td><td>{esc(c.span.text)}</td>'
        f"<td>{esc(', '.join(h.text for h in c.hedges))}</td>"
        f"<td>{a(links.claim(view.claim_clusters[i]), 'claim →') if i in view.claim_clusters else '—'}</td></tr>"
        for i, c in enumerate(view.analysis.claims)
    ]
    entities: dict[str, dict[str, Any]] = {}
    for m in view.mention_entities:
        entities.setdefault(m["entity_id"], {**m, "n": 0})["n"] += 1
    entity_items = "".join(
        f"<li>{a(links.entity(eid), e['canonical'])} <span class=meta>{esc(e['type'])} · {e['n']}×</span></li>"
        for eid, e in sorted(entities.items(), key=lambda kv: (-kv[1]["n"], kv[1]["canonical"]))
    )
    citations = "".join(
        (f'<li id="c{esc(c["evidence_start"])}">' if c.get("evidence_start") is not None else "<li>")
        + f'{esc(c.get("cites") or "?")} <span class=meta>{esc(c.get("kind") or "")}</span>'
        + (f" — “{esc(c['evidence'])}”" if c.get("evidence") else "") + "</li>"
        for c in view.citations
    )
    stories = ", ".join(a(links.story(s), "story") for s in view.stories)
    boiler = "".join(f"<li>{esc(line)}</li>" for line in art.boilerplate)
    body = (
        f"<p class=crumbs>{a(links.listing('articles'), 'Articles')} › article"
        + (f" · part of {stories}" if stories else "") + "</p>"
        f"<h1>{esc(art.title or art.file)}</h1><p class=meta>{' · '.join(facts)}</p>"
        "<p class=legend>Legend: <span class=source>source</span> <span class=cue>cue</span> "
        "<span class=content>content</span> <span class=hedge>hedge</span> <span class=entity>entity</span> "
        "<span class=claim>claim</span>. Each marked passage links to its entity or claim.</p>"
        f"<article class=text>{marked_text(view, links)}</article>"
        f"<h2 id=facts>Who said what ({len(attr_rows)})</h2>"
        + (f"<div class=scroll><table><thead><tr><th scope=col>#</th><th scope=col>source</th><th scope=col>type</th>"
           "<th scope=col>kind</th><th scope=col>cue</th><th scope=col>via</th><th scope=col>hedges</th>"
           f"<th scope=col>polarity</th><th scope=col>content</th><th scope=col>claim</th></tr></thead><tbody>{''.join(attr_rows)}</tbody></table></div>"
           if attr_rows else "<p class=empty>No attributions found in this article.</p>")
        + (f"<h2>Claims ({len(claim_rows)})</h2><div class=scroll><table><thead><tr><th scope=col>certainty</th>"
           f"<th scope=col>claim</th><th scope=col>hedges</th><th scope=col>cluster</th></tr></thead><tbody>{''.join(claim_rows)}</tbody></table></div>"
           if claim_rows else "")
        + (f"<h2>Entities ({len(entities)})</h2><ul class=chips>{entity_items}</ul>" if entities else "")
        + (f"<h2>Citations ({len(view.citations)})</h2><ul>{citations}</ul>" if citations else "")
        + f"<details id=boilerplate><summary>Removed boilerplate ({_count(len(art.boilerplate), 'line')})</summary>"
        f"<ul class=boilerplate>{boiler}</ul></details>"
    )
    return page(links, art.title or art.file, body, active="articles")


# -- attributions -----------------------------------------------------------------------------

KINDS: tuple[str, ...] = get_args(Kind)
POLARITIES: tuple[str, ...] = get_args(Polarity)


def attributions_page(store: Store, links: Links, page_no: int = 1, filters: dict[str, str] | None = None) -> str:
    """Every reported statement, filterable (in the app) by source, outlet, kind and polarity."""
    filters = {k: v for k, v in (filters or {}).items() if v}
    p = data.list_attributions(store, **filters, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    body_rows = [
        tr(a(links.article(r["article_id"], f"attr-{r['idx']}"), r["outlet"] or r["title"] or r["article_id"]),
           esc(date_of(r)), esc(r["source"] or r["source_text"] or "?"), esc(r["kind"]), esc(r["cue"] or ""),
           esc(r["polarity"]), esc(r["content"]))
        for r in p.items
    ]

    def url(n: int) -> str:
        if links.static:
            return links.listing("attributions", n)
        query = urlencode({**filters, **({"page": n} if n > 1 else {})})
        return links.listing("attributions") + (f"?{query}" if query else "")

    form = ""
    if not links.static:
        def select(name: str, options: tuple[str, ...]) -> str:
            opts = "".join(f'<option value="{o}"{" selected" if filters.get(name) == o else ""}>{o}</option>'
                           for o in ("", *options))
            return f"<label for=f-{name}>{name}</label> <select id=f-{name} name={name}>{opts}</select>"

        form = (
            f'<form method=get action="{esc(links.listing("attributions"))}" class=filters>'
            f'<label for=f-source>source</label> <input id=f-source name=source maxlength=200 value="{esc(filters.get("source", ""))}"> '
            f'<label for=f-outlet>outlet</label> <input id=f-outlet name=outlet maxlength=200 value="{esc(filters.get("outlet", ""))}"> '
            f"{select('kind', KINDS)} {select('polarity', POLARITIES)} <button type=submit>Filter</button></form>"
        )
    body = (
        f"<h1>Who said what</h1>{form}<p class=meta>{_count(p.total, 'attribution')}</p>"
        + table(["where", "date", "source", "kind", "cue", "polarity", "what"], body_rows, "No attributions match.")
        + pager(url, page_no, p.total, PER_PAGE)
    )
    return page(links, "Who said what", body, active="attributions")


# -- entities ---------------------------------------------------------------------------------

def entities_page(store: Store, links: Links, page_no: int = 1) -> str:
    p = data.list_entities(store, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    body_rows = [tr(a(links.entity(e["id"]), e["canonical"]), esc(e["type"]), esc(e["mentions"]), esc(e["articles"]))
                 for e in p.items]
    body = (
        f"<h1>Entities</h1><p class=meta>{p.total} people, organisations and places</p>"
        + table(["entity", "type", "mentions", "articles"], body_rows, "No entities yet.")
        + pager(lambda n: links.listing("entities", n), page_no, p.total, PER_PAGE)
    )
    return page(links, "Entities", body, active="entities")


def _attribution_rows(items: list[dict[str, Any]], links: Links) -> list[str]:
    return [
        tr(a(links.article(r["article_id"], f"attr-{r['idx']}"), r["outlet"] or r["title"] or r["article_id"]),
           esc(date_of(r)), esc(r["source"] or r["source_text"] or "?"), esc(r["cue"] or ""), esc(r["polarity"]),
           esc(r["content"]))
        for r in items
    ]


def entity_page(store: Store, links: Links, entity_id: str) -> str | None:
    e = data.entity(store, entity_id)
    if e is None:
        return None
    head = ["where", "date", "source", "cue", "polarity", "what"]
    events = [
        tr(a(links.article(r["article_id"]), r["outlet"] or r["title"] or r["article_id"]), esc(date_of(r)),
           esc(r["type"]), esc(r["trigger"]), esc(r["agent"] or ""), esc(r["patient"] or ""), esc(r["modality"]))
        for r in e["events"]
    ]
    mentions = [
        tr(a(links.article(r["article_id"]), r["title"] or r["article_id"]), esc(r["outlet"] or "—"), esc(date_of(r)),
           esc(", ".join(r["forms"] or [])), esc(r["n"]))
        for r in e["mentions"]
    ]
    body = (
        f"<p class=crumbs>{a(links.listing('entities'), 'Entities')} › {esc(e['type'])}</p>"
        f"<h1>{esc(e['canonical'])}</h1>"
        f"<h2>What they said ({len(e['said'])})</h2>"
        + table(head, _attribution_rows(e["said"], links), "No statements attributed to them.")
        + f"<h2>What was said about them ({len(e['said_about'])})</h2>"
        + table(head, _attribution_rows(e["said_about"], links), "Nobody quoted says anything naming them.")
        + (f"<h2>Events ({len(events)})</h2>"
           + table(["where", "date", "event", "trigger", "agent", "patient", "modality"], events, "") if events else "")
        + f"<h2>Mentioned in ({len(mentions)} articles)</h2>"
        + table(["article", "outlet", "date", "as", "times"], mentions, "No mentions.")
    )
    return page(links, e["canonical"], body, active="entities")


# -- search (live app only) -------------------------------------------------------------------

def search_page(store: Store, links: Links, search: Search, q: str, scope: Scope = "all", page_no: int = 1) -> str:
    hits, total = search.search(store, q, scope=scope, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE) if q else ([], 0)
    items = []
    for h in hits:
        snippet = esc(h.snippet).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
        where = links.article(h.article_id, f"attr-{h.idx}" if h.kind == "attribution" else "")
        items.append(f"<li><p>{a(where, h.title or h.article_id)} <span class=meta>{esc(h.kind)}</span></p>"
                     f"<p class=snippet>{snippet}</p></li>")
    options = "".join(f"<option value={s}{' selected' if s == scope else ''}>{s}</option>"
                      for s in ("all", "articles", "attributions"))
    body = (
        "<h1>Search</h1>"
        f'<form role=search action="{esc(links.search())}" method=get class=wide>'
        f'<label for=q2>Words</label> <input id=q2 name=q type=search maxlength=200 value="{esc(q)}"> '
        f"<label for=scope>in</label> <select id=scope name=scope>{options}</select> <button type=submit>Search</button></form>"
        + (f"<p class=meta>{total} results for “{esc(q)}”</p><ol class=hits>{''.join(items)}</ol>" if q else "")
        + pager(lambda n: links.search(q=q, scope=scope if scope != "all" else None, page=n), page_no, total, PER_PAGE)
    )
    return page(links, f"Search {q}" if q else "Search", body)


def error_page(links: Links, status: int, message: str) -> str:
    return page(links, f"{status}", f"<h1>{status}</h1><p>{esc(message)}</p><p>{a(links.listing('stories'), 'Back to stories')}</p>")


def api_docs_page(links: Links, spec: dict[str, Any]) -> str:
    """The OpenAPI description as a plain page (the usual Swagger UI would need a CDN and scripts)."""
    sections = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            if "api" not in op.get("tags", []):
                continue
            params = [
                tr(
                    f"<code>{esc(p.get('name'))}</code>",
                    esc(p.get("in")),
                    "yes" if p.get("required") else "no",
                    esc(_schema_text(p.get("schema", {}))),
                    esc(p.get("description") or p.get("schema", {}).get("description") or ""),
                )
                for p in op.get("parameters", [])
            ]
            sections.append(
                f"<section><h2><code>{esc(method.upper())} {esc(path)}</code></h2><p>{esc(op.get('summary') or '')}</p>"
                + table(["parameter", "in", "required", "type", "notes"], params, "No parameters.")
                + "</section>"
            )
    body = (
        f"<h1>{esc(spec.get('info', {}).get('title', 'API'))} API</h1>"
        f"<p>{esc(spec.get('info', {}).get('description', ''))}</p>"
        f'<p>Machine-readable: {a(links.root + "openapi.json", "openapi.json")} (OpenAPI {esc(spec.get("openapi", ""))}).</p>'
        + "".join(sections)
    )
    return page(links, "API", body)


def _schema_text(schema: dict[str, Any]) -> str:
    """`integer, 1…200` style summary of a parameter's JSON schema."""
    if "anyOf" in schema:
        return " or ".join(_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null")
    parts = [schema.get("format") or schema.get("type") or ""]
    if "enum" in schema:
        parts.append("one of " + ", ".join(map(str, schema["enum"])))
    if "const" in schema:
        parts.append(f"= {schema['const']}")
    lo = schema.get("minimum", schema.get("minLength"))
    hi = schema.get("maximum", schema.get("maxLength"))
    if lo is not None or hi is not None:
        parts.append(f"{'' if lo is None else lo}…{'' if hi is None else hi}" + (" chars" if "maxLength" in schema else ""))
    if "default" in schema:
        parts.append(f"default {schema['default']}")
    return ", ".join(p for p in parts if p)
