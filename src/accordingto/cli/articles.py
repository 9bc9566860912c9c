"""Commands over articles: ingest, analyze, show, stats."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..model import Analysis
from .base import db_option, err, field_option, main, out, parse_fields, report_error

if TYPE_CHECKING:  # the engines load spaCy: imported by the commands that run them
    from ..engines.local import Batch

workers_option = click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(min=1),
    help="Processes analysing in parallel (each loads the model once).",
)


@main.command()
@click.argument("paths", nargs=-1)
@db_option
@field_option
@click.option("--batch-size", default=32, show_default=True, help="Articles per transaction.")
@click.option("--no-link", is_flag=True, help="Do not run `accordingto link` after ingesting.")
@workers_option
@click.option(
    "--parquet", "parquet_dir", type=click.Path(file_okay=False, exists=True),
    help="Load a Parquet directory written by `analyze --out` (local or Spark) instead of reading PATHS.",
)
def ingest(
    paths: tuple[str, ...], db: str, fields: tuple[str, ...], batch_size: int, no_link: bool, workers: int,
    parquet_dir: str | None,
) -> None:
    """Read, clean, analyze and store articles from files, directories, globs or - (stdin)."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..engines.pool import run
    from ..store import WRITE_RETRY, Busy, open_store

    if bool(paths) == bool(parquet_dir):
        raise click.UsageError("give PATHS to read, or --parquet DIR to load (not both)")
    if parquet_dir:
        _ingest_parquet(parquet_dir, db, no_link)
        return
    mapping = parse_fields(fields)
    started = time.perf_counter()
    read = new = duplicate = failed = 0
    try:
        # The database is held only while a batch is written (see store.handoff): between batches
        # `serve` and other readers can open it.
        open_store(db, retry_seconds=WRITE_RETRY).close()  # create or migrate it first

        def known(ids: Iterable[str]) -> set[str]:
            ids = list(ids)
            if not ids:
                return set()
            with open_store(db, read_only=True, retry_seconds=WRITE_RETRY) as store:
                return store.known_ids(ids)

        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(bar_width=None),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("starting", total=None)
            for batch in run(paths, workers=workers, fields=mapping, batch_size=batch_size, known=known):
                with open_store(db, retry_seconds=WRITE_RETRY) as store:
                    written = store.write(batch.analyses, batch.errors)
                for e in batch.errors:
                    progress.console.print(f"[red]error[/red] {e.item}: {e.reason}", soft_wrap=True)
                read += len(batch.analyses) + batch.skipped + len(batch.errors)
                new += written.new
                duplicate += written.duplicate + batch.skipped
                failed += len(batch.errors)
                progress.update(task, description=f"read {read} · new {new} · duplicate {duplicate} · failed {failed}")
    except Busy as exc:  # another process held the database for a whole minute
        raise click.ClickException(f"{exc}; every batch before is stored: run ingest again to go on") from exc
    seconds = time.perf_counter() - started
    err.print(
        f"[bold]ingested[/bold] read {read}, new {new}, duplicate {duplicate}, failed {failed} "
        f"in {seconds:.1f}s → {db}"
    )
    if not no_link:
        from .link import run_link

        run_link(db)
    sys.exit(1 if failed else 0)


def _ingest_parquet(directory: str, db: str, no_link: bool) -> None:
    from ..store import WRITE_RETRY, open_store
    from ..store.parquet import load

    started = time.perf_counter()
    with open_store(db, retry_seconds=WRITE_RETRY) as store:
        written = load(store, directory)
    err.print(
        f"[bold]loaded[/bold] new {written.new}, duplicate {written.duplicate} from {directory} "
        f"in {time.perf_counter() - started:.1f}s → {db}"
    )
    if not no_link:
        from .link import run_link

        run_link(db)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON object per article on stdout (the scorer's contract).")
@field_option
@workers_option
@click.option(
    "--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
    help="local: this machine (with --workers); spark: pyspark mapPartitions (needs the [spark] extra and --out).",
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False),
    help="Write the store's rows as Parquet, one directory per table (load with `ingest --parquet`).",
)
def analyze(
    paths: tuple[str, ...], jsonl: bool, fields: tuple[str, ...], workers: int, engine: str, out_dir: str | None
) -> None:
    """Analyze articles without a store: print who said what (or JSON lines with --jsonl)."""
    if engine == "spark":
        if not out_dir:
            raise click.UsageError("--engine spark writes Parquet: give --out DIR")
        from ..engines.spark import run_spark

        summary = run_spark(paths, out_dir, fields=parse_fields(fields))
        err.print(f"[bold]analysed[/bold] {summary} → {out_dir}")
        sys.exit(1 if summary.errors else 0)
    from ..engines.pool import run

    if out_dir:
        _analyze_to_parquet(run(paths, workers=workers, fields=parse_fields(fields)), out_dir)
        return
    failed = 0
    for batch in run(paths, workers=workers, fields=parse_fields(fields)):
        for e in batch.errors:
            report_error(e)
        failed += len(batch.errors)
        for a in batch.analyses:
            if jsonl:
                sys.stdout.write(json.dumps(a.to_record(), ensure_ascii=False) + "\n")
            else:
                from ..serve.terminal import print_summary

                print_summary(out, a)
        sys.stdout.flush()
    sys.exit(1 if failed else 0)


def _analyze_to_parquet(batches: Iterable[Batch], out_dir: str) -> None:
    from ..store.parquet import ParquetSink

    failed = 0
    with ParquetSink(out_dir) as sink:
        for batch in batches:
            for e in batch.errors:
                report_error(e)
            failed += len(batch.errors)
            sink.add(batch.analyses, batch.errors)
    err.print(f"[bold]analysed[/bold] {sink.articles} articles, {failed} failed → {out_dir}")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("key")
@db_option
def show(key: str, db: str) -> None:
    """Print an article (by id, file name, or a file on disk) with sources, cues, contents and hedges highlighted."""
    from ..serve.terminal import print_article

    analysis = _stored(key, db) if Path(db).exists() else None
    if analysis is None and Path(key).is_file():
        analysis = _analyze_file(key)
    if analysis is None:
        raise click.UsageError(f"{key}: no such article in {db} and no such file")
    print_article(out, analysis)


def _stored(key: str, db: str) -> Analysis | None:
    from ..store import READ_RETRY, open_store

    with open_store(db, read_only=True, retry_seconds=READ_RETRY) as store:
        article_id = store.find_article(key)
        return store.analysis(article_id) if article_id else None


def _analyze_file(path: str) -> Analysis | None:
    from ..engines.local import run

    for batch in run([path]):
        for e in batch.errors:
            report_error(e)
        if batch.analyses:
            return batch.analyses[0]
    sys.exit(1)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(db: str, as_json: bool) -> None:
    """Counts of what the database holds."""
    from rich.table import Table

    from ..store import READ_RETRY, open_store

    if not Path(db).exists():
        raise click.UsageError(f"{db}: no such database (run `accordingto ingest` first)")
    with open_store(db, read_only=True, retry_seconds=READ_RETRY) as store:
        counts = store.stats()
        top = store.query(
            """SELECT coalesce(outlet, '(unnamed)') AS outlet, count(*) AS n FROM articles
               GROUP BY 1 ORDER BY n DESC, outlet LIMIT 10"""
        ).to_pylist()
    if as_json:
        out.print_json(json.dumps({"counts": counts, "outlets": top}))
        return
    table = Table(title=f"accordingto · {db}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    out.print(table)
    if top:
        outlets = Table(title="articles by outlet")
        outlets.add_column("outlet")
        outlets.add_column("articles", justify="right")
        for row in top:
            outlets.add_row(row["outlet"], str(row["n"]))
        out.print(outlets)
