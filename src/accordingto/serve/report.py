"""The static report: the web UI's views written as files that open from disk, no server.

Same views as the live app (serve/views.py), with links to `articles/ID.html`-style files.
Article text is untrusted input: everything is escaped, and each page's Content-Security-Policy
forbids scripts. Search needs a server, so the report has none.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from ..store import Store
from . import data, views

TOP = views.Links(static=True, root="")
NESTED = views.Links(static=True, root="../")


def _ids(store: Store, sql: str) -> Iterator[str]:
    cursor = store.con.execute(sql)
    while chunk := cursor.fetchmany(1000):
        yield from (r[0] for r in chunk)


def write_report(store: Store, out_dir: str | Path) -> Path:
    """Write every view of `store` into `out_dir`; return the path of index.html."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(views.ASSETS / "style.css", out / "style.css")

    def write(path: Path, html: str | None) -> None:
        if html is not None:
            path.write_text(html, encoding="utf-8")

    counts = data.stats(store)
    listings: list[tuple[str, int, Callable[[Store, views.Links, int], str]]] = [
        ("stories", counts["stories"], views.stories_page),
        ("articles", counts["articles"], views.articles_page),
        ("attributions", counts["attributions"], views.attributions_page),
        ("entities", counts["entities"], views.entities_page),
    ]
    for kind, total, render in listings:
        for page_no in range(1, max((total + views.PER_PAGE - 1) // views.PER_PAGE, 1) + 1):
            write(out / TOP.listing(kind, page_no), render(store, TOP, page_no))
    items: list[tuple[str, str, Callable[[Store, views.Links, str], str | None]]] = [
        ("stories", "SELECT id FROM stories ORDER BY id", views.story_page),
        ("claims", "SELECT id FROM claim_clusters ORDER BY id", views.claim_page),
        ("articles", "SELECT id FROM articles ORDER BY id", views.article_page),
        ("entities", "SELECT id FROM entities ORDER BY id", views.entity_page),
    ]
    for kind, sql, render in items:
        (out / kind).mkdir(exist_ok=True)
        # Materialise the ids first: rendering runs its own queries on the same connection.
        for key in list(_ids(store, sql)):
            write(out / kind / f"{views.file_name(key)}.html", render(store, NESTED, key))
    return out / "index.html"
