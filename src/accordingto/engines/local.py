"""The in-process runner: read → clean → analyze in batches, every bad item isolated.

A failure in one article never costs the batch: it becomes an ItemError naming the item and
the stage, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language

from ..analyze import analyze_many
from ..clean import clean
from ..ingest import read
from ..model import Analysis, Article, ItemError, RawDocument


@dataclass(slots=True)
class Batch:
    """One batch of results, in input order: what `ingest` writes in one transaction."""

    analyses: list[Analysis]
    errors: list[ItemError]
    skipped: int  # articles already stored, not analysed again


def _error(item: str, stage: str, exc: BaseException) -> ItemError:
    reason = str(exc).splitlines()[0] if str(exc) else ""
    return ItemError(item=item, reason=f"{type(exc).__name__}: {reason}".rstrip(": "), stage=stage)


def clean_all(items: Iterable[RawDocument | ItemError]) -> Iterator[Article | ItemError]:
    """Clean each document; an article with no body text left is an error, not a row."""
    for item in items:
        if isinstance(item, ItemError):
            yield item
            continue
        try:
            article = clean(item)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            yield _error(item.file, "clean", exc)
            continue
        if not article.text.strip():
            yield ItemError(item.file, "no article text left after removing boilerplate", "clean")
        else:
            yield article


def analyze_all(articles: list[Article], nlp: Language | None = None) -> list[Analysis | ItemError]:
    """Analyze a batch; if the batch fails, retry one by one so only the culprit is lost."""
    try:
        return list(analyze_many(articles, nlp, batch_size=len(articles) or 1))
    except Exception:  # noqa: BLE001
        out: list[Analysis | ItemError] = []
        for article in articles:
            try:
                out.extend(analyze_many([article], nlp))
            except Exception as exc:  # noqa: BLE001
                out.append(_error(article.file, "analyze", exc))
        return out


@dataclass(slots=True)
class Chunk:
    """One batch before analysis: the articles to analyse and what is already settled."""

    todo: list[Article]
    errors: list[ItemError]
    skipped: int

    def batch(self, results: Iterable[Analysis | ItemError]) -> Batch:
        analyses: list[Analysis] = []
        errors = list(self.errors)
        for result in results:
            (errors if isinstance(result, ItemError) else analyses).append(result)  # type: ignore[arg-type]
        return Batch(analyses=analyses, errors=errors, skipped=self.skipped)


def chunks(
    paths: Iterable[str],
    *,
    fields: dict[str, str] | None = None,
    batch_size: int = 32,
    known: Callable[[Iterable[str]], set[str]] | None = None,
) -> Iterator[Chunk]:
    """Read and clean lazily, `batch_size` items at a time; `known(ids)` names articles to skip."""
    stream = clean_all(read(paths, fields))
    while chunk := list(islice(stream, batch_size)):
        errors = [x for x in chunk if isinstance(x, ItemError)]
        articles = [x for x in chunk if isinstance(x, Article)]
        skip = known(a.id for a in articles) if known else set()
        todo = [a for a in articles if a.id not in skip]
        yield Chunk(todo=todo, errors=errors, skipped=len(articles) - len(todo))


def run(
    paths: Iterable[str],
    *,
    fields: dict[str, str] | None = None,
    batch_size: int = 32,
    known: Callable[[Iterable[str]], set[str]] | None = None,
    nlp: Language | None = None,
) -> Iterator[Batch]:
    """Stream batches of analyses. `known(ids)` names articles to skip (already stored)."""
    for chunk in chunks(paths, fields=fields, batch_size=batch_size, known=known):
        yield chunk.batch(analyze_all(chunk.todo, nlp) if chunk.todo else [])
