"""The process-pool runner gives the local runner's batches, in input order, with bounded look-ahead."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from accordingto.engines import local, pool

ARTICLES = [
    "Port fire toll rises\n\nAt least 12 people died in the fire at the port, the coastguard said on Tuesday.",
    "Minister sacked\n\nThe prime minister dismissed the deputy defence minister on Monday, officials said.",
    "Council denies cover-up\n\n\"There was no cover-up,\" a council spokeswoman told the Harbour Times.",
    "Strike called\n\nDockers will strike next week, their union announced, demanding a 5% pay rise.",
    "Audit ordered\n\nAuditors have been ordered to review the contract, according to a leaked memo.",
]


def _inputs(tmp_path: Path) -> list[str]:
    paths = []
    for i, text in enumerate(ARTICLES):
        p = tmp_path / f"a{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    paths.insert(2, str(empty))
    return paths


def _records(batches) -> list[list]:  # type: ignore[no-untyped-def]
    return [
        [[json.dumps(a.to_record(), sort_keys=True) for a in b.analyses], [str(e) for e in b.errors], b.skipped]
        for b in batches
    ]


@pytest.mark.slow
def test_pool_matches_local_in_order_with_bounded_lookahead(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    first = next(local.run(paths[:1])).analyses[0].article.id
    stored = lambda ids: {first} & set(ids)  # noqa: E731 - the first article counts as stored
    expected = _records(local.run(paths, batch_size=2, known=stored))
    assert [len(b[0]) + len(b[1]) + b[2] for b in expected] == [2, 2, 2]
    assert expected[0][2] == 1 and any("empty.txt" in e for e in expected[1][1])

    got = _records(pool.run(paths, workers=2, batch_size=2, known=stored))
    assert got == expected

    # Look-ahead is bounded: when the first batch comes back, at most 2 × workers more are queued.
    consumed = 0

    def counted() -> Iterator[str]:
        nonlocal consumed
        for p in paths * 4:
            consumed += 1
            yield p

    stream = pool.run(counted(), workers=2, batch_size=1)
    next(stream)
    assert consumed <= 1 + 2 * 2 + 1
    stream.close()
