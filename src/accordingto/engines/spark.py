"""The Spark runner: the same read → clean → analyze, in pyspark `mapPartitions`, into Parquet.

The driver only lists the inputs. Each input file becomes one or more work units (a big
container such as a JSONL dump is split into `shards` by record number: a unit reads the file
and keeps every `shards`-th record), and each Spark task runs the pure per-article functions
over its units with the model loaded once per Python worker, writing the store's rows as
Parquet (`store/parquet.py`) under names fixed by the unit, so a retried task replaces its
own files. Load the result with `accordingto ingest --parquet DIR`.

Inputs and the output directory must be visible to every executor under the same path (a
shared or mounted filesystem); see docs/spark.md.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from ..analyze import nlp as _nlp
from ..ingest import read
from ..ingest.paths import expand
from ..model import ItemError, RawDocument
from ..store.parquet import ParquetSink, write_part
from ..store.rows import table_rows
from .local import analyze_all, chunks_of

SHARD_BYTES = 16 * 2**20  # ~5k plain-text articles: a unit of work of a few minutes


@dataclass(frozen=True, slots=True)
class Unit:
    """Records `shard`, `shard + shards`, … of input file number `index`."""

    index: int
    path: str
    shard: int
    shards: int


@dataclass(slots=True)
class SparkSummary:
    articles: int = 0
    errors: int = 0
    units: int = 0

    def __str__(self) -> str:
        return f"{self.articles} articles, {self.errors} failed, in {self.units} work units"


def plan(paths: Iterable[str], shard_bytes: int = SHARD_BYTES) -> tuple[list[Unit], list[ItemError]]:
    """The work units for `paths`, and the inputs that cannot be read at all."""
    units: list[Unit] = []
    errors: list[ItemError] = []
    for index, src in enumerate(expand(paths)):
        if isinstance(src, ItemError):
            errors.append(src)
        elif src.is_stdin:
            errors.append(ItemError("stdin", "the Spark engine reads files, not stdin"))
        else:
            shards = max(1, math.ceil(os.path.getsize(src.path) / shard_bytes))
            units.extend(Unit(index, src.path, k, shards) for k in range(shards))
    return units, errors


def _items(units: Iterable[Unit], fields: dict[str, str] | None) -> Iterator[RawDocument | ItemError]:
    for unit in units:
        yield from islice(read([unit.path], fields), unit.shard, None, unit.shards)


def analyze_units(
    units: Iterable[Unit], out: str, name: str, fields: dict[str, str] | None = None, batch_size: int = 32
) -> tuple[int, int]:
    """Analyse units into `<out>/<table>/<name>-NNNNN.parquet`: (articles, errors)."""
    nlp = _nlp.load()  # cached: once per Python worker, however many tasks it runs
    articles = errors = 0
    with ParquetSink(out, prefix=name) as sink:
        for chunk in chunks_of(_items(units, fields), batch_size=batch_size):
            batch = chunk.batch(analyze_all(chunk.todo, nlp) if chunk.todo else [])
            sink.add(batch.analyses, batch.errors)
            articles += len(batch.analyses)
            errors += len(batch.errors)
    return articles, errors


def _partition(index: int, units: Iterator[Unit], out: str, fields: dict[str, str] | None) -> Iterator[tuple[int, int]]:
    # The files are named after the partition, whose units are fixed by the plan: a retried
    # task rewrites the same files.
    yield analyze_units(units, out, f"part-{index:05d}", fields)


def session(master: str | None = None):  # -> pyspark.sql.SparkSession
    """The active session; a local one (`master`, default all cores, no UI) when no master is configured."""
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    # Local workers must run this interpreter (the one with accordingto and the model).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("accordingto")
    if master or not SparkConf().contains("spark.master"):
        builder = (
            builder.master(master or "local[*]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
    return builder.getOrCreate()


def run_spark(
    paths: Iterable[str],
    out: str,
    *,
    fields: dict[str, str] | None = None,
    spark=None,  # noqa: ANN001 - a pyspark SparkSession; pyspark is optional
    partitions: int | None = None,
    shard_bytes: int = SHARD_BYTES,
) -> SparkSummary:
    """Analyse `paths` on Spark into the Parquet directory `out`, in `partitions` tasks
    (default: four per core of the cluster, at most one per work unit)."""
    spark = spark or session()
    units, unreadable = plan(paths, shard_bytes)
    out = os.path.abspath(out)
    if unreadable:
        write_part(out, "part-driver", table_rows((), unreadable))
    summary = SparkSummary(errors=len(unreadable), units=len(units))
    if units:
        sc = spark.sparkContext
        n = min(len(units), partitions or 4 * sc.defaultParallelism)
        counts = (
            sc.parallelize(units, n)
            .mapPartitionsWithIndex(lambda i, it: _partition(i, it, out, fields))
            .collect()
        )
        summary.articles += sum(a for a, _ in counts)
        summary.errors += sum(e for _, e in counts)
    return summary
