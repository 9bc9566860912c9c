"""A text met again in the same run (a syndicated copy at another address) is analysed once;
the copy gets the same findings under its own file name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accordingto.analyze import analyze_many
from accordingto.engines import local

WIRE = (
    "Ferry runs aground off Skerra\n\n"
    "A passenger ferry ran aground off Skerra on Sunday, the coastguard said. "
    "\"Nobody was hurt,\" a spokeswoman for the operator told reporters."
)
OTHER = "Bridge reopens\n\nThe Tallow bridge reopened on Monday after repairs, the council said."


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def counting(articles, nlp=None, batch_size=16):  # type: ignore[no-untyped-def]
        articles = list(articles)
        seen.extend(a.file for a in articles)
        return analyze_many(articles, nlp, batch_size)

    monkeypatch.setattr(local, "analyze_many", counting)
    return seen


def _write(tmp_path: Path, names_texts: list[tuple[str, str]]) -> list[str]:
    for name, text in names_texts:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name, _ in names_texts]


@pytest.mark.parametrize("batch_size", [1, 32])
def test_a_copy_is_analysed_once_within_and_across_batches(tmp_path, counted, batch_size):
    paths = _write(tmp_path, [("wire.txt", WIRE), ("other.txt", OTHER), ("copy.txt", WIRE)])
    analyses = [a for b in local.run(paths, batch_size=batch_size) for a in b.analyses]
    assert sorted(counted) == ["other.txt", "wire.txt"]
    by_file = {a.article.file: a for a in analyses}
    assert sorted(by_file) == ["copy.txt", "other.txt", "wire.txt"]
    wire, copy = by_file["wire.txt"].to_record(), by_file["copy.txt"].to_record()
    assert copy["file"] == "copy.txt" and by_file["copy.txt"].article.id != by_file["wire.txt"].article.id
    own = {"file", "id", "uri"}  # where it was found; everything else is the same findings
    assert {k: v for k, v in copy.items() if k not in own} == {k: v for k, v in wire.items() if k not in own}
    assert [a.source for a in by_file["copy.txt"].attributions] == ["coastguard", "operator"]


def test_the_same_text_with_another_date_is_analysed_again(tmp_path, counted):
    # The date anchors "on Sunday": a copy dated differently is not the same analysis.
    rows = [{"url": f"https://news{i}.example/ferry", "date": date, "text": WIRE}
            for i, date in enumerate(["2026-03-01", "2026-03-08", "2026-03-01"])]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    analyses = [a for b in local.run([str(feed)]) for a in b.analyses]
    assert len(counted) == 2 and len(analyses) == 3
    assert sorted(a.article.published.value for a in analyses) == ["2026-03-01", "2026-03-01", "2026-03-08"]
