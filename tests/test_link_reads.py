"""What the link stage reads from the store: a story that grows over the chunks of one run is
read once, not once per chunk (ten wars growing at once would otherwise re-read each one's
window of 2,000 articles per chunk of 2,000 new ones), and linking comes out the same as when
every chunk reads its stories again."""

from __future__ import annotations

import sys
from pathlib import Path

import accordingto.link as linking
from accordingto.link import link
from accordingto.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from link_scale import corpus  # noqa: E402

TABLES = ("stories", "claim_clusters", "cluster_members", "copies", "citations")


def _linked(store: Store) -> dict[str, list[tuple]]:
    return {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def test_a_growing_story_is_read_once_per_run(tmp_path: Path, monkeypatch) -> None:
    analyses = corpus(60, story_size=80)  # one story of 60 articles, linked 15 at a time
    read: list[str] = []
    load, load_units = linking.load_analyses, linking.load_units

    def counting(store: Store, ids):
        read.extend(ids)
        return load(store, ids)

    def rereading(store, ids, fresh, kept=None):
        return load_units(store, ids, fresh)

    with Store(tmp_path / "kept.duckdb") as kept, Store(tmp_path / "reread.duckdb") as reread:
        kept.write(analyses)
        reread.write(analyses)
        monkeypatch.setattr(linking, "load_analyses", counting)
        link(kept, chunk=15)
        assert kept.con.execute("SELECT count(*) FROM stories").fetchall() == [(1,)]
        assert sorted(read) == sorted(a.article.id for a in analyses)  # each article once
        read.clear()
        monkeypatch.setattr(linking, "load_units", rereading)
        link(reread, chunk=15)
        assert len(read) > 2 * len(analyses)  # the same run, every chunk reading the story again
        assert _linked(kept) == _linked(reread) and _linked(kept)["claim_clusters"]
