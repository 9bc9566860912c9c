"""Commands across articles: link, stories, story, trace, entity, export."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .base import db_option, err, main, out


def _open(db: str, read_only: bool = True):  # -> Store
    from ..store import READ_RETRY, WRITE_RETRY, open_store

    if not Path(db).exists():
        raise click.UsageError(f"{db}: no such database (run `accordingto ingest` first)")
    # Wait for a concurrent `serve` request or `ingest` batch to let go (store.handoff).
    return open_store(db, read_only=read_only, retry_seconds=READ_RETRY if read_only else WRITE_RETRY)


def run_link(db: str) -> None:
    """Link what `ingest` just stored (shared by `ingest` and `link`)."""
    from ..link import link as link_store

    with _open(db, read_only=False) as store:
        summary = link_store(store)
    err.print(f"[bold]{summary}[/bold]")


@main.command()
@db_option
def link(db: str) -> None:
    """Link new articles: copies, stories, citations, claim clusters, mutations, provenance."""
    run_link(db)


@main.command()
@db_option
@click.option("--all", "show_all", is_flag=True, help="Also list stories of a single article.")
def stories(db: str, show_all: bool) -> None:
    """Stories: articles about the same happening, who reported first, who broke it."""
    from ..link import outlet_names

    with _open(db) as store:
        rows = store.con.execute(
            """SELECT s.id, s.title, s.first_date, a.file, a.outlet, len(s.members), s.undated, s.origin
               FROM stories s LEFT JOIN articles a ON a.id = s.first_article
               ORDER BY len(s.members) DESC, s.first_date NULLS LAST"""
        ).fetchall()
        names = outlet_names(store)
    table = Table(title="stories")
    for col in ("id", "articles", "first reported", "origin", "title"):
        table.add_column(col, overflow="fold")
    for sid, title, first_date, file, outlet, n, undated, origin in rows:
        if n < 2 and not show_all:
            continue
        first = f"{first_date} {names.get(outlet, outlet) or ''} ({file})" if first_date else "undated"
        if undated:
            first += f" · {len(undated)} undated, may be earlier"
        table.add_row(sid, str(n), first, origin or "", title or "")
    out.print(table)


@main.command()
@click.argument("story_id")
@db_option
def story(story_id: str, db: str) -> None:
    """A story's timeline by date and outlet, with copies and the claims it carries."""
    from ..link import outlet_names

    with _open(db) as store:
        found = store.con.execute(
            "SELECT id, title, origin, origin_evidence, members FROM stories WHERE id = ? OR id LIKE ? || '%' LIMIT 1",
            [story_id, story_id],
        ).fetchall()
        if not found:
            raise click.UsageError(f"{story_id}: no such story (see `accordingto stories`)")
        sid, title, origin, evidence, members = found[0]
        arts = store.con.execute(
            """SELECT a.id, a.file, a.outlet, a.title, a.published, a.estimate_earliest, a.estimate_latest,
                      o.file AS copy_of, c.evidence
               FROM articles a LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN articles o ON o.id = c.original_id
               WHERE a.id IN (SELECT unnest(?))""",
            [list(members)],
        ).fetchall()
        names = outlet_names(store)
        clusters = store.con.execute(
            """SELECT c.id, c.claim, c.independent_origins, c.echoes, c.denials, json_array_length(c.mutations),
                      count(DISTINCT m.article_id) AS n
               FROM claim_clusters c JOIN cluster_members m ON m.cluster_id = c.id
               WHERE c.story_id = ? GROUP BY ALL HAVING n > 1 ORDER BY n DESC, c.id LIMIT 20""",
            [sid],
        ).fetchall()
    out.print(Text(title or sid, style="bold"), Text(f"  story {sid}", style="dim"))
    if origin:
        out.print(Text(f"broken by {origin}", style="cyan"), Text(f"  ({evidence})" if evidence else "", style="dim"))
    table = Table(title="timeline")
    for col in ("date", "outlet", "file", "title", "copy of"):
        table.add_column(col, overflow="fold")

    def order(r):  # dated first by date; the undated after, flagged
        return (r[4] is None, str(r[4] or r[6] or ""), r[1])

    for _, file, outlet, art_title, published, lo, hi, copy_of, copy_ev in sorted(arts, key=order):
        when = str(published) if published else (f"undated ({lo} to {hi}), may be earlier" if lo else "undated, may be earlier")
        table.add_row(when, names.get(outlet, outlet) or "?", file, art_title or "", f"{copy_of} ({copy_ev})" if copy_of else "")
    out.print(table)
    if clusters:
        ct = Table(title="claims carried by more than one article")
        for col in ("claim id", "articles", "origins", "echoes", "denials", "mutations", "claim"):
            ct.add_column(col, overflow="fold")
        for cid, claim, ind, echoes, denials, muts, n in clusters:
            ct.add_row(cid, str(n), str(ind), str(echoes), str(denials), str(muts), claim[:140])
        out.print(ct)


def _side(s: dict) -> str:
    return f"{s.get('file')} [{s.get('date')}]: {s.get('text') or s.get('sentence')}"


@main.command()
@click.argument("query")
@db_option
def trace(query: str, db: str) -> None:
    """The provenance tree of a claim (a claim id, or words it contains)."""
    from ..link.export import corroboration

    with _open(db) as store:
        rows = store.con.execute(
            """SELECT id, claim, origins, independent_origins, echoes, denials, mutations, contradictions
               FROM claim_clusters WHERE id = ? OR id IN (
                   SELECT cluster_id FROM cluster_members WHERE sentence ILIKE '%' || ? || '%')
               ORDER BY (id = ?) DESC, independent_origins + echoes DESC LIMIT 1""",
            [query, query, query],
        ).fetchall()
        if not rows:
            raise click.UsageError(f"{query!r}: no claim with that id or text")
        cid, claim, origins, ind, echoes, denials, muts, contra = rows[0]
        members = store.con.execute(
            """SELECT a.file, m.sentence, m.chain FROM cluster_members m JOIN articles a ON a.id = m.article_id
               WHERE m.cluster_id = ? ORDER BY coalesce(a.published, a.estimate_latest) NULLS LAST, a.file""",
            [cid],
        ).fetchall()
    tree = Tree(Text.assemble((f"claim {cid}: ", "bold"), claim))
    tree.add(Text(corroboration(ind, echoes, denials), style="bold green"))
    for o in json.loads(origins or "[]"):
        medium = f" via {o['medium']}" if o.get("medium") else ""
        branch = tree.add(Text.assemble(("origin ", "dim"), (o["origin"], "bold cyan"), f" ({o['kind']}{medium})"))
        for file, sentence, chain in members:
            if file in o["files"]:
                path = " → ".join(n["name"] for n in json.loads(chain or "[]"))
                branch.add(Text.assemble((file, "bold"), f"  {path}\n", (sentence, "green")))
    for file, sentence, _ in members:
        if not any(file in o["files"] for o in json.loads(origins or "[]")):
            tree.add(Text.assemble(("denial ", "bold red"), (file, "bold"), f"  {sentence}"))
    mutations = json.loads(muts or "[]")
    if mutations:
        mb = tree.add(Text("mutations", style="bold yellow"))
        for m in mutations:
            mb.add(Text.assemble((m["type"], "yellow"), f"\n  before {_side(m['from'])}\n  after  {_side(m['to'])}"))
    for c in json.loads(contra or "[]"):
        a, b = (c["assertion"], c["denial"]) if c["type"] == "denial" else (c["a"], c["b"])
        tree.add(Text.assemble((f"contradiction ({c['type']})", "bold red"), f"\n  {_side(a)}\n  {_side(b)}"))
    out.print(tree)


@main.command()
@click.argument("name")
@db_option
def entity(name: str, db: str) -> None:
    """What a person or organisation said, and what was said about them."""
    from ..serve import data

    with _open(db) as store:
        matches = data.list_entities(store, name=name, limit=1).items
        found = data.entity(store, matches[0]["id"]) if matches else None
    if not found or not (found["said"] or found["said_about"] or found["events"]):
        raise click.UsageError(f"{name!r}: nothing said by or about them in {db}")
    for title, rows, cols in (
        (f"what {found['canonical']} said", found["said"], ("date", "outlet", "cue", "content", "polarity")),
        (f"what was said about {found['canonical']}", found["said_about"], ("date", "outlet", "source", "cue", "content")),
        (f"events involving {found['canonical']}", found["events"], ("date", "outlet", "type", "trigger", "agent", "patient")),
    ):
        if rows:
            table = Table(title=title)
            for col in cols:
                table.add_column(col, overflow="fold")
            for r in rows:
                table.add_row(*(str(r[c]) if r.get(c) is not None else "" for c in cols))
            out.print(table)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "graphml", "prov-json"]),
              default="jsonl", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True)
def export(db: str, fmt: str, out_dir: str) -> None:
    """Export as JSON lines, CSV or Parquet (a file per table), GraphML (the provenance graph)
    or W3C PROV-JSON."""
    from ..link.export import export_jsonl

    if fmt != "jsonl":
        from ..serve.exports import export as export_other

        with _open(db) as store:
            for path in export_other(store, fmt, out_dir):
                err.print(f"wrote {path}")
        return
    with _open(db) as store:
        counts = export_jsonl(store, out_dir)
    for name, n in counts.items():
        err.print(f"{n:>7} {Path(out_dir) / name}")
