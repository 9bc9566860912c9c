"""The static report (same views as the app, as files that open from disk) and the exports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from accordingto.cli import main
from accordingto.serve import views
from accordingto.serve.exports import export
from accordingto.serve.report import write_report
from accordingto.store import open_store
from serve_corpus import build_store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("report") / "dam.duckdb"
    return db, build_store(db)


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    with open_store(corpus[0], read_only=True) as store:
        assert write_report(store, out) == out / "index.html"
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        d = dict(attrs)
        if d.get("href"):
            self.hrefs.append(d["href"])
        if d.get("id"):
            self.ids.add(d["id"])


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_view_is_written(site, corpus):
    _, ids = corpus
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "articles.html", "entities.html", "style.css", "stories/story-dam.html",
            "claims/claim-crack.html", "claims/claim-fail.html"} <= names
    assert {f"articles/{i}.html" for i in ids.values()} <= names
    assert len([n for n in names if n.startswith("entities/")]) == 2


def broken_links(site: Path) -> list[str]:
    """Links that are absolute, leave the site, or name a missing file or #anchor."""
    bad = []
    for page in site.rglob("*.html"):
        for href in parse(page).hrefs:
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if (re.match(r"[a-z]+:|/", href) or site.resolve() not in target.parents or not target.is_file()
                    or (anchor and anchor not in parse(target).ids)):
                bad.append(f"{page.relative_to(site)} → {href}")
    return bad


def test_every_link_resolves_on_disk(site):
    """No server: every relative link (and its #anchor) must name a file (and an id in it)."""
    assert sum(len(parse(p).hrefs) for p in site.rglob("*.html")) > 50
    assert broken_links(site) == []


def test_report_pages_forbid_scripts_and_escape_text(site, corpus):
    _, ids = corpus
    page = site / "articles" / f"{ids['hostile']}.html"
    html = page.read_text(encoding="utf-8")
    assert f'content="{views.CSP}"' in html and "script-src" not in views.CSP
    tags = parse(page).tags
    assert "script" not in tags and "img" not in tags
    assert "&lt;script&gt;" in html


def test_article_marks_link_to_claims_and_entities(site, corpus):
    _, ids = corpus
    hrefs = parse(site / "articles" / f"{ids['courant']}.html").hrefs
    assert "../claims/claim-crack.html" in hrefs
    assert any(h.startswith("../entities/") for h in hrefs)
    assert "../stories/story-dam.html" in hrefs


def test_empty_store_says_so(tmp_path):
    with open_store(tmp_path / "empty.duckdb") as store:
        index = write_report(store, tmp_path / "site")
    assert "No stories yet" in index.read_text(encoding="utf-8")


def test_report_command_prints_the_index_path(corpus, tmp_path):
    result = CliRunner().invoke(main, ["report", "--db", str(corpus[0]), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert str((tmp_path / "r" / "index.html").resolve()) in result.output.replace("\n", "")


def test_csv_and_parquet_exports_hold_every_row(corpus, tmp_path):
    db, _ = corpus
    with open_store(db, read_only=True) as store:
        csvs = export(store, "csv", tmp_path / "csv")
        parquets = export(store, "parquet", tmp_path / "pq")
    assert {p.stem for p in csvs} == {p.stem for p in parquets} >= {"articles", "attributions", "claim_clusters"}
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/attributions.parquet')").fetchone()[0] == 6
    texts = con.execute(f"SELECT text FROM read_parquet('{tmp_path}/pq/articles.parquet')").fetchall()
    assert any("<script>" in t[0] for t in texts)  # data, not markup: kept verbatim
    assert con.execute(f"SELECT count(*) FROM read_csv_auto('{tmp_path}/csv/citations.csv')").fetchone()[0] == 1


def test_graphml_is_the_provenance_graph(corpus, tmp_path):
    db, ids = corpus
    with open_store(db, read_only=True) as store:
        (path,) = export(store, "graphml", tmp_path)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    edges = [(e.get("source"), e.get("target")) for e in root.iterfind(".//g:edge", ns)]
    assert set(ids.values()) <= nodes
    assert edges == [(ids["courant"], ids["herald"])]


def test_prov_json_has_agents_entities_activities(corpus, tmp_path):
    db, ids = corpus
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "prov-json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "provenance.prov.json").read_text(encoding="utf-8"))
    assert {"prefix", "entity", "agent", "activity", "wasGeneratedBy", "wasAttributedTo", "wasDerivedFrom"} <= set(doc)
    assert doc["agent"]["at:agent/ilse%20marrow"]["prov:type"]["$"] == "prov:Person"
    derived = [(d["prov:generatedEntity"], d["prov:usedEntity"]) for d in doc["wasDerivedFrom"].values()]
    assert derived == [(f"at:article/{ids['courant']}", f"at:article/{ids['herald']}")]
    quotes = [r for r in doc["wasAttributedTo"].values() if r["prov:agent"] == "at:agent/ilse%20marrow"]
    assert len(quotes) == 2 and all(r["prov:entity"].startswith("at:statement/") for r in quotes)
    starts = [a["prov:startTime"] for a in doc["activity"].values()]
    assert sorted(starts) == ["2026-05-02T00:00:00", "2026-05-03T00:00:00", "2026-05-04T00:00:00"]


@pytest.mark.slow
def test_views_over_the_whole_pipeline(tmp_path):
    """Our own three texts through ingest, analyze, store and link: every view of what the real
    stages produce renders, in the app and in the report, and every report link resolves."""
    from fastapi.testclient import TestClient

    from accordingto.engines.local import run
    from accordingto.link import link
    from accordingto.serve.app import create_app
    from serve_corpus import COURANT, HERALD, HOSTILE

    for name, text in (("herald.txt", HERALD), ("courant.txt", COURANT), ("nightwire.txt", HOSTILE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "pipeline.duckdb"
    with open_store(db) as store:
        for batch in run([str(tmp_path / n) for n in ("herald.txt", "courant.txt", "nightwire.txt")]):
            store.write(batch.analyses, batch.errors)
        link(store)
        ids = {t: [r[0] for r in store.con.execute(f"SELECT id FROM {t}").fetchall()]
               for t in ("articles", "stories", "claim_clusters", "entities")}
        index = write_report(store, tmp_path / "site")
    assert len(ids["articles"]) == 3 and ids["stories"]
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    prefixes = {"articles": "articles", "stories": "stories", "claim_clusters": "claims", "entities": "entities"}
    for table, keys in ids.items():
        for key in keys:
            for url in (f"/{prefixes[table]}/{key}", f"/api/{prefixes[table]}/{key}"):
                assert client.get(url).status_code == 200, url
    assert broken_links(index.parent) == []
