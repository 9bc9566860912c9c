"""The process-pool runner: the local runner's batches, analysed by N worker processes.

Reading, cleaning and the skip of stored articles stay in the calling process (they are cheap
and need the store); each worker loads the spaCy model once, in its initializer, and analyses
whole batches. Batches come back in input order, and at most `2 × workers` are in flight, so
memory stays bounded however long the input is.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..analyze import nlp as _nlp
from ..model import Analysis, Article, ItemError
from .local import Batch, Chunk, analyze_all, chunks
from .local import run as run_local


def _load_model() -> None:
    _nlp.load()


def _analyze(articles: list[Article]) -> list[Analysis | ItemError]:
    return analyze_all(articles, _nlp.load())


def _lost(chunk: Chunk, exc: BaseException) -> Batch:
    """A worker died under this batch (killed, out of memory): its articles become errors."""
    reason = f"worker lost: {type(exc).__name__}: {exc}".rstrip(": ")
    return chunk.batch(ItemError(a.file, reason, "analyze") for a in chunk.todo)


def run(
    paths: Iterable[str],
    *,
    workers: int = 2,
    fields: dict[str, str] | None = None,
    batch_size: int = 32,
    known: Callable[[Iterable[str]], set[str]] | None = None,
) -> Iterator[Batch]:
    """Like `engines.local.run`, with the analysis spread over `workers` processes."""
    if workers <= 1:
        yield from run_local(paths, fields=fields, batch_size=batch_size, known=known)
        return
    # spawn: a worker must not inherit the caller's open database or threads.
    context = multiprocessing.get_context("spawn")

    def executor() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_load_model)

    pool = executor()
    pending: deque[tuple[Chunk, Future[list[Analysis | ItemError]] | None, ProcessPoolExecutor]] = deque()

    def settle() -> Batch:
        nonlocal pool
        chunk, future, owner = pending.popleft()
        if future is None:
            return chunk.batch([])
        try:
            return chunk.batch(future.result())
        except BrokenProcessPool as exc:
            # Every batch in flight is lost with its pool; later batches get a fresh one.
            if owner is pool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = executor()
            return _lost(chunk, exc)
        except Exception as exc:  # noqa: BLE001 - a batch that cannot come back is reported, not raised
            return _lost(chunk, exc)

    try:
        for chunk in chunks(paths, fields=fields, batch_size=batch_size, known=known):
            pending.append((chunk, pool.submit(_analyze, chunk.todo) if chunk.todo else None, pool))
            while len(pending) > 2 * workers:
                yield settle()
        while pending:
            yield settle()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
