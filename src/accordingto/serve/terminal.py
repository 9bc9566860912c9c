"""Rich terminal views: an article with sources, cues, contents and hedges highlighted."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Analysis

STYLES = {
    "content": "green",
    "source": "bold cyan",
    "cue": "bold magenta",
    "hedge": "bold yellow underline",
}


def legend() -> Text:
    text = Text("legend: ")
    for name, style in STYLES.items():
        text.append(name, style=style)
        text.append("  ")
    return text


def highlighted(a: Analysis) -> Text:
    """The article text with every attribution's parts styled in place (later styles win)."""
    text = Text(a.article.text)
    for x in a.attributions:
        text.stylize(STYLES["content"], x.content.start, x.content.end)
        if x.source_text:
            text.stylize(STYLES["source"], x.source_text.start, x.source_text.end)
        if x.cue:
            text.stylize(STYLES["cue"], x.cue.start, x.cue.end)
        for h in x.hedges:
            text.stylize(STYLES["hedge"], h.start, h.end)
    for c in a.claims:
        for h in c.hedges:
            text.stylize(STYLES["hedge"], h.start, h.end)
    return text


def _metadata(a: Analysis) -> str:
    art = a.article
    parts = [f"file {art.file}", f"id {art.id}"]
    if art.outlet and art.outlet.value:
        parts.append(f"outlet {art.outlet.value}")
    if art.republished_from:
        parts.append(f"republished from {art.republished_from.value or 'an unnamed source'}")
    if art.published and art.published.value:
        parts.append(f"published {art.published.value}")
    elif (estimate := art.published_estimate or a.published_estimate) is not None:
        parts.append(f"published between {estimate.earliest} and {estimate.latest} (estimated)")
    parts.append(f"{len(art.boilerplate)} boilerplate lines removed")
    return " · ".join(parts)


def attribution_table(a: Analysis) -> Table:
    table = Table(show_lines=False, expand=True)
    for col in ("#", "source", "type", "kind", "cue", "via", "hedges", "polarity", "content"):
        table.add_column(col, overflow="fold")
    for i, x in enumerate(a.attributions, 1):
        table.add_row(
            str(i),
            x.source or "?",
            x.source_type or "",
            x.kind,
            x.cue.text if x.cue else "",
            ", ".join(x.via),
            ", ".join(h.text for h in x.hedges),
            x.polarity,
            x.content.text if len(x.content.text) < 160 else x.content.text[:157] + "…",
        )
    return table


def print_article(console: Console, a: Analysis) -> None:
    console.print(Panel(Text(a.article.title or a.article.file, style="bold"), subtitle=_metadata(a)))
    console.print(legend())
    console.print(highlighted(a))
    console.print()
    console.print(attribution_table(a))
    hedged = [c for c in a.claims if c.certainty == "hedged" and c.attribution is None]
    if hedged:
        console.print(Text("Hedged claims with no stated source", style="bold"))
        for c in hedged:
            console.print(Text("  • ") + Text(c.span.text, style="yellow"))


def print_summary(console: Console, a: Analysis) -> None:
    console.print(Text(a.article.title or a.article.file, style="bold"), Text(f"  [{_metadata(a)}]", style="dim"))
    if a.attributions:
        console.print(attribution_table(a))
    else:
        console.print(Text("  no attributions found", style="dim"))
