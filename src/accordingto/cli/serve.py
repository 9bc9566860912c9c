"""Commands that show a store to people: serve (HTTP API and web UI) and report (static site)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from .base import db_option, main, out

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _need_db(db: str) -> None:
    if not Path(db).exists():
        raise click.UsageError(f"{db}: no such database (run `accordingto ingest` first)")


@main.command()
@db_option
@click.option("--host", default=None, metavar="HOST",
              help=f"Interface to listen on (default {LOOPBACK}). Any non-loopback host requires a token.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="ACCORDINGTO_TOKEN", default=None,
              help="Secret every request must carry (Authorization: Bearer, or ?token= once in a browser). "
              "Or set ACCORDINGTO_TOKEN.")
def serve(db: str, host: str | None, port: int, token: str | None) -> None:
    """Serve the read-only HTTP API (/api, documented at /docs) and the web UI."""
    import uvicorn

    from ..serve.app import Unavailable, create_app, open_read_only
    from ..serve.search import Search

    _need_db(db)
    host = host or LOOPBACK
    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host} is reachable from other machines: give --token or set ACCORDINGTO_TOKEN")
    if token is not None and len(token) < 16:
        raise click.UsageError("--token must be at least 16 characters")
    try:
        with open_read_only(Path(db)) as store:
            note = "" if Search(db).ensure(store) else "; search without an index (ILIKE)"
    except Unavailable as exc:  # a writer is busy: serve anyway, the index is built on first search
        note = f"; {exc}"
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    out.print(f"serving [bold]{db}[/bold] at [bold]{url}[/bold] (API documented at {url}docs){note}")
    if token:
        out.print(f"open {url}?token=… in a browser once, or send 'Authorization: Bearer …' with each request")
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning",
                server_header=False, proxy_headers=False)


@main.command()
@db_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="report", show_default=True)
def report(db: str, out_dir: str) -> None:
    """Write the web UI's views as a static site that opens from disk without a server."""
    from ..serve.report import write_report
    from ..store import open_store

    _need_db(db)
    with open_store(db, read_only=True) as store:
        index = write_report(store, out_dir)
    out.print(f"report written: [bold]{index.resolve()}[/bold]")
