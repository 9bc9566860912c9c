"""Shared pieces of the command line: the `main` group, common options, error reporting.

Exit codes: 0 all good; 1 some items failed (each reported on stderr with its reason);
2 usage error.
"""

from __future__ import annotations

from collections.abc import Iterable

import click
from rich.console import Console

from .. import __version__
from ..model import ItemError

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="ACCORDINGTO_DB",
    default="accordingto.duckdb",
    show_default=True,
    help="DuckDB database file (or set ACCORDINGTO_DB).",
)


def parse_fields(pairs: Iterable[str]) -> dict[str, str]:
    names = {"text", "title", "url", "published", "outlet"}
    mapping: dict[str, str] = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or ours not in names or not theirs:
            raise click.BadParameter(f"{pair!r}: expected OURS=THEIRS with OURS one of {sorted(names)}")
        mapping[ours] = theirs
    return mapping


field_option = click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="OURS=THEIRS",
    help="Map a record column to our field (text, title, url, published, outlet), e.g. text=article_body.",
)


def report_error(error: ItemError) -> None:
    err.print(f"[red]error[/red] {error.item}: {error.reason}", soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accordingto")
def main() -> None:
    """accordingto: who said what, through whom, how firmly — from piles of news articles."""
