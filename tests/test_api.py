"""The HTTP API through FastAPI's TestClient: pagination, filters, limits, search, the token,
security headers, path traversal, read-only access and the hand-off with a writing process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from accordingto.cli import main
from accordingto.serve.app import MAX_LIMIT, create_app
from accordingto.serve.search import Search
from accordingto.store import open_store
from serve_corpus import HOSTILE, build_store

TOKEN = "a-long-enough-test-token"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("api") / "dam.duckdb"
    return db, build_store(db)


@pytest.fixture(scope="module")
def client(corpus) -> TestClient:
    return TestClient(create_app(corpus[0]), base_url="http://127.0.0.1")


def test_lists_are_paginated_with_total_and_next_offset(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert (len(first["items"]), first["total"], first["next_offset"]) == (2, 3, 2)
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    assert {a["id"] for a in first["items"] + rest["items"]} == {
        a["id"] for a in client.get("/api/articles").json()["items"]
    }
    assert [a["date"] for a in first["items"]] == ["2026-05-02", "2026-05-03"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "ilse marrow"}, 2),
        ({"kind": "direct"}, 1),
        ({"polarity": "deny"}, 1),
        ({"outlet": "Daily Courant"}, 3),
        ({"date_from": "2026-05-03"}, 4),
        ({"date_to": "2026-05-02"}, 2),
        ({"outlet": "Daily Courant", "kind": "indirect"}, 2),
        ({"source": "nobody at all"}, 0),
    ],
)
def test_attribution_filters(client, params, expected):
    page = client.get("/api/attributions", params=params).json()
    assert page["total"] == expected == len(page["items"])
    if "source" in params:
        assert all(x["source"].casefold() == params["source"] for x in page["items"])
    if "outlet" in params:
        assert all(x["outlet"] == params["outlet"] for x in page["items"])


@pytest.mark.parametrize(
    "url",
    [
        f"/api/articles?limit={MAX_LIMIT + 1}",
        "/api/articles?limit=0",
        "/api/articles?offset=-1",
        "/api/attributions?kind=rumour",
        "/api/attributions?date_from=yesterday",
        "/api/search?q=" + "x" * 201,
        "/api/search?q=",
        "/api/entities?name=" + "y" * 201,
        "/articles?page=0",
    ],
)
def test_out_of_bounds_parameters_are_refused(client, url):
    assert client.get(url).status_code == 422


def test_article_carries_spans_that_point_into_its_text(client, corpus):
    _, ids = corpus
    art = client.get(f"/api/articles/{ids['courant']}").json()
    text = art["text"]
    assert len(art["attributions"]) == 3
    for x in art["attributions"]:
        s, e = x["spans"]["content"]
        assert text[s:e] == x["content"]
    assert art["stories"] == ["story-dam"]
    assert art["citations"][0]["cites"] == "Varna Herald"
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_entity_what_they_said_and_what_was_said_about_them(client):
    ents = client.get("/api/entities", params={"name": "marrow"}).json()
    assert [e["canonical"] for e in ents["items"]] == ["Ilse Marrow"]
    marrow = client.get(f"/api/entities/{ents['items'][0]['id']}").json()
    assert {x["content"] for x in marrow["said"]} == {
        "The structure is safe for now, but we are lowering the reservoir,",
        "the structure was probably safe for now",
    }
    lake = client.get("/api/entities", params={"type": "LOC"}).json()["items"][0]
    about = client.get(f"/api/entities/{lake['id']}").json()["said_about"]
    assert len(about) == 3 and all("Lake Varna" in x["content"] for x in about)


def test_story_and_claim_with_trace(client, corpus):
    _, ids = corpus
    stories = client.get("/api/stories").json()
    assert stories["total"] == 1 and stories["items"][0]["size"] == 3
    story = client.get("/api/stories/story-dam").json()
    edges = story["provenance"]["edges"]
    assert [(e["source"], e["target"]) for e in edges] == [(ids["courant"], ids["herald"])]
    roles = {n["article_id"]: n["role"] for n in story["provenance"]["nodes"]}
    assert roles[ids["herald"]] == "origin" and roles[ids["courant"]] == "echo"
    claim = client.get("/api/claims/claim-crack").json()
    assert [t["role"] for t in claim["trace"]] == ["origin", "echo"]
    assert claim["mutations"][0]["to"]["article_id"] == ids["courant"]
    assert (claim["independent_origins"], claim["echoes"]) == (1, 1)
    assert client.get("/api/claims", params={"story": "story-dam"}).json()["total"] == 2
    assert client.get("/api/claims/nope").status_code == 404


def test_search_over_articles_and_attributions(client, corpus):
    _, ids = corpus
    hits = client.get("/api/search", params={"q": "crack dam"}).json()
    assert {h["article_id"] for h in hits["items"]} >= {ids["herald"], ids["courant"]}
    assert any("[crack]" in h["snippet"].casefold() for h in hits["items"])
    quotes = client.get("/api/search", params={"q": "reservoir", "scope": "attributions"}).json()
    assert [(h["kind"], h["article_id"], h["idx"]) for h in quotes["items"]] == [("attribution", ids["herald"], 1)]
    # FTS syntax in user input is just words.
    assert client.get("/api/search", params={"q": 'crack" OR NEAR(x'}).status_code == 200
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["total"] == 0


def test_ilike_fallback_finds_what_the_index_finds(corpus):
    db, _ = corpus
    indexed, plain = Search(db), Search(db)
    plain.fts = False
    with open_store(db, read_only=True) as store:
        for q in ("crack dam", "Marrow", "fantasy"):
            a = {(h.kind, h.article_id, h.idx) for h in indexed.search(store, q, limit=50)[0]}
            b = {(h.kind, h.article_id, h.idx) for h in plain.search(store, q, limit=50)[0]}
            assert a == b and a


def test_security_headers_on_every_response(client, corpus):
    _, ids = corpus
    for url in ("/", f"/articles/{ids['hostile']}", "/api/stats", "/docs", "/nope"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_article_text_is_escaped(client, corpus):
    _, ids = corpus
    page = client.get(f"/articles/{ids['hostile']}").text
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    Tags().feed(page)
    assert not [t for t, _ in tags if t in ("script", "img", "iframe", "object")]
    assert not [(t, k) for t, attrs in tags for k, _ in attrs if k.startswith("on")]
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=y onerror=alert(3)&gt;" in page  # the removed boilerplate line, as text
    assert HOSTILE.count("<") == 3


def test_read_only_methods(client):
    assert client.post("/api/articles").status_code == 405
    assert client.delete("/api/articles").status_code == 405
    head = client.head("/api/articles")
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0


@pytest.mark.parametrize(
    "url",
    [
        "/assets/..%2F..%2Fstore%2F__init__.py",
        "/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/assets/..%5C..%5Capp.py",
        "/assets//etc/passwd",
        "/assets/%2Fetc%2Fpasswd",
    ],
)
def test_static_serving_refuses_path_traversal(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "import" not in r.text and "root:" not in r.text


def test_stylesheet_is_served(client):
    r = client.get("/assets/style.css")
    assert r.status_code == 200 and ".content" in r.text


def test_token_is_required_on_every_request(corpus):
    guarded = TestClient(create_app(corpus[0], token=TOKEN), base_url="http://127.0.0.1")
    for url in ("/", "/api/stats", "/assets/style.css", "/docs", "/openapi.json"):
        assert guarded.get(url).status_code == 401
    assert guarded.get("/api/stats", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/api/stats", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    # A browser visit with ?token= sets a cookie and drops the token from the address.
    visit = guarded.get("/articles", params={"token": TOKEN, "page": 1}, follow_redirects=False)
    assert visit.status_code == 303 and visit.headers["location"] == "/articles?page=1"
    assert guarded.get("/articles").status_code == 200  # the cookie now carries it
    assert TestClient(create_app(corpus[0], token=TOKEN), base_url="http://127.0.0.1").get("/?token=nope").status_code == 401


def test_serve_needs_a_token_off_loopback(corpus):
    db, _ = corpus
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", "0.0.0.0"], env={"ACCORDINGTO_TOKEN": ""})
    assert result.exit_code == 2 and "token" in result.output


def test_openapi_and_docs_describe_the_limits(client):
    spec = client.get("/openapi.json").json()
    limit = next(p for p in spec["paths"]["/api/articles"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == MAX_LIMIT
    docs = client.get("/docs").text
    assert "/api/attributions" in docs and f"1…{MAX_LIMIT}" in docs


def test_503_while_another_process_writes(corpus, tmp_path):
    db, _ = corpus
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); time.sleep(60)",
         str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        busy = TestClient(create_app(db), base_url="http://127.0.0.1").get("/api/stats")
        assert busy.status_code == 503 and busy.headers["retry-after"]
        assert "being written" in busy.json()["detail"]
        page = TestClient(create_app(db), base_url="http://127.0.0.1").get("/")
        assert page.status_code == 503 and "being written" in page.text
    finally:
        holder.kill()
        holder.wait()
    assert TestClient(create_app(db), base_url="http://127.0.0.1").get("/api/stats").status_code == 200


@pytest.mark.slow
def test_serve_command_answers_on_loopback(corpus):
    db, _ = corpus
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(Path(sys.executable).with_name("accordingto")), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["articles"] == 3
        assert "server" not in r.headers
    finally:
        proc.terminate()
        proc.wait(10)


def test_missing_or_broken_database_is_a_clear_503(tmp_path):
    missing = TestClient(create_app(tmp_path / "none.duckdb"), base_url="http://127.0.0.1").get("/api/stats")
    assert missing.status_code == 503 and "accordingto ingest" in missing.json()["detail"]
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database " * 100)
    r = TestClient(create_app(broken), base_url="http://127.0.0.1").get("/")
    assert r.status_code == 503 and "not a valid DuckDB database" in r.text


def test_who_said_what_page_filters_like_the_api(client):
    html = client.get("/attributions", params={"source": "", "outlet": "", "kind": "direct", "polarity": ""}).text
    assert "1 attribution<" in html and "lowering the reservoir" in html
    denied = client.get("/attributions?polarity=deny").text
    assert "villages below the dam" in denied and "reservoir" not in denied
    assert client.get("/attributions?kind=rumour").status_code == 422
