"""The in-process runner: read → clean → analyze in batches, every bad item isolated.

A failure in one article never costs the batch: it becomes an ItemError naming the item and
the stage, and the run goes on.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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


def analysis_key(article: Article) -> str:
    """What the analysis of an article depends on: its text, title and publication date, not
    where it was found. Syndicated copies of one text share it and are analysed once."""
    published = article.published.value if article.published else None
    estimate = article.published_estimate
    parts = (article.text, article.title or "", published or "", repr(estimate) if estimate else "")
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class Analysed:
    """The latest analyses by `analysis_key`, so that a copy met later in the run is not analysed again."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self.by_key: OrderedDict[str, Analysis] = OrderedDict()

    def get(self, article: Article) -> Analysis | None:
        found = self.by_key.get(analysis_key(article))
        return dataclasses.replace(found, article=article) if found is not None else None

    def add(self, analysis: Analysis) -> None:
        key = analysis_key(analysis.article)
        self.by_key[key] = analysis
        self.by_key.move_to_end(key)
        while len(self.by_key) > self.size:
            self.by_key.popitem(last=False)


@dataclass(slots=True)
class Chunk:
    """One batch before analysis: the articles to analyse and what is already settled
    (errors, articles already stored, copies of texts analysed before)."""

    todo: list[Article]
    errors: list[ItemError]
    skipped: int
    reused: list[Analysis] = field(default_factory=list)  # copies of texts analysed in earlier batches
    twins: list[Article] = field(default_factory=list)  # copies of texts in `todo`
    analysed: Analysed = field(default_factory=Analysed)

    def batch(self, results: Iterable[Analysis | ItemError]) -> Batch:
        analyses: list[Analysis] = []
        errors = list(self.errors)
        for result in results:
            if isinstance(result, ItemError):
                errors.append(result)
            else:
                analyses.append(result)
                self.analysed.add(result)
        for twin in self.twins:
            original = self.analysed.get(twin)
            if original is None:  # the original failed: so does its copy
                errors.append(ItemError(twin.file, "a copy of an article that could not be analysed", "analyze"))
            else:
                analyses.append(original)
        analyses.extend(self.reused)
        return Batch(analyses=analyses, errors=errors, skipped=self.skipped)


def chunks(
    paths: Iterable[str],
    *,
    fields: dict[str, str] | None = None,
    batch_size: int = 32,
    known: Callable[[Iterable[str]], set[str]] | None = None,
) -> Iterator[Chunk]:
    """Read and clean lazily, `batch_size` items at a time; `known(ids)` names articles to skip."""
    return chunks_of(read(paths, fields), batch_size=batch_size, known=known)


def chunks_of(
    items: Iterable[RawDocument | ItemError],
    *,
    batch_size: int = 32,
    known: Callable[[Iterable[str]], set[str]] | None = None,
) -> Iterator[Chunk]:
    """`chunks` over documents already read (a Spark task reads its own share of the inputs)."""
    stream = clean_all(items)
    analysed = Analysed()
    while chunk := list(islice(stream, batch_size)):
        errors = [x for x in chunk if isinstance(x, ItemError)]
        articles = [x for x in chunk if isinstance(x, Article)]
        skip = known(a.id for a in articles) if known else set()
        todo: list[Article] = []
        twins: list[Article] = []
        reused: list[Analysis] = []
        seen: set[str] = set()
        for a in articles:
            if a.id in skip:
                continue
            key = analysis_key(a)
            if key in seen:
                twins.append(a)
            elif (earlier := analysed.get(a)) is not None:
                reused.append(earlier)
            else:
                todo.append(a)
                seen.add(key)
        yield Chunk(todo=todo, errors=errors, skipped=sum(a.id in skip for a in articles),
                    reused=reused, twins=twins, analysed=analysed)


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
