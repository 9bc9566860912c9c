"""Serve hardening, reviewed from the outside: hostile text in every field of the store and in
every request parameter renders inert on every page the UI links to; every parameter of the API
is bounded; the server refuses what it cannot trust."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from accordingto.cli import main
from accordingto.link import link
from accordingto.model import Analysis, Article, Attribution, Entity, Evidence, Quantity, Span
from accordingto.serve.app import MAX_TEXT, create_app
from accordingto.store import open_store

PAYLOAD = ("<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a>"
           "\"'><svg onload=alert(4)><iframe src=//evil.example></iframe>")
NAME = "Ilse <b onmouseover=alert(5)>Marrow</b>"
# (<svg> itself is allowed: the story page draws its provenance graph inline; its attributes are checked.)
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "img", "base", "frame", "math", "foreignobject"}


def hostile_analysis(n: int) -> Analysis:
    title = f"Dam {n} {PAYLOAD}"
    quote = f"The dam {n} is safe {PAYLOAD}"
    text = f"{title}\n\n“{quote},” said {NAME}, who counted {40 + n} cracks.\n\nIt was {PAYLOAD}, the {PAYLOAD} reports."

    def span(needle: str) -> Span:
        at = text.index(needle)
        return Span.of(text, at, at + len(needle))

    line = text.split("\n\n")[1]
    sentence = span(line)
    return Analysis(
        article=Article(file=f"{PAYLOAD}-{n}.html", uri=f"javascript:alert({n})", text=text, title=title,
                        outlet=Evidence(PAYLOAD, PAYLOAD), published=Evidence(f"2026-05-0{n}", PAYLOAD),
                        boilerplate=[PAYLOAD]),
        attributions=[Attribution(sentence=sentence, content=span(quote), kind="direct", cue=span("said"),
                                  source_text=span(NAME), source=NAME, source_type="person", via=[PAYLOAD],
                                  recipient_or_medium=PAYLOAD, source_role=PAYLOAD)],
        quantities=[Quantity(sentence=sentence, span=span(f"{40 + n} cracks"), value=40.0 + n, approximate=False,
                             unit_or_object=PAYLOAD)],
        entities=[Entity(NAME, "PERSON", [span(NAME)]), Entity(PAYLOAD, "ORG", [span(PAYLOAD)])],
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    with open_store(db) as store:
        store.write([hostile_analysis(n) for n in (1, 2, 3)])
        link(store)
    return TestClient(create_app(db), base_url="http://127.0.0.1")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, attrs))


def assert_inert(html: str, where: str) -> list[str]:
    """No active markup from the store; returns the page's local links."""
    page = Page()
    page.feed(html)
    assert not [t for t, _ in page.tags if t in DANGEROUS_TAGS], where
    attrs = [(k, v or "") for _, kv in page.tags for k, v in kv]
    assert not [k for k, _ in attrs if k.startswith("on") or k in ("style", "srcdoc")], where
    assert not [v for k, v in attrs if k == "http-equiv" and v.lower() != "content-security-policy"], where
    assert not [v for k, v in attrs if k in ("href", "xlink:href", "src", "action", "formaction")
                and v.strip().lower().startswith(("javascript:", "data:", "//"))], where
    return [v for k, v in attrs if k == "href" and v.startswith("/") and not v.startswith(("/assets/", "/api/", "/openapi"))]


def test_every_linked_page_renders_hostile_text_inert(client):
    seen: set[str] = set()
    shown: set[str] = set()  # pages showing the payload, as text
    todo = ["/", "/articles", "/attributions", "/entities", "/stories", "/docs"]
    while todo and len(seen) < 150:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html"), url
        if "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text:
            shown.add(url.split("/")[1].split("?")[0])
        for link_ in assert_inert(r.text, url):
            todo.append(urlsplit(link_)._replace(fragment="").geturl())
    kinds = {u.split("/")[1].split("?")[0] for u in seen}
    # The crawl reached every kind of page, so the payloads were rendered somewhere.
    assert {"articles", "entities", "stories", "attributions"} <= kinds, seen
    assert any(u.startswith("/articles/") for u in seen) and any(u.startswith("/entities/") for u in seen)
    assert {"articles", "entities", "attributions"} <= shown, shown


@pytest.mark.parametrize("url", [
    "/search?q=" + PAYLOAD[:MAX_TEXT].replace("&", "%26").replace("#", "%23"),
    "/search?q=dam",
    "/attributions?source=" + "%3Cscript%3Ealert(1)%3C/script%3E",
    "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/entities/%22%3E%3Csvg%20onload%3Dalert(1)%3E",
    "/nope/%3Cscript%3E",
    "/articles?page=%3Cscript%3E",
])
def test_reflected_input_is_escaped(client, url):
    r = client.get(url)
    if r.headers["content-type"].startswith("text/html"):
        assert_inert(r.text, url)
    else:  # an unrouted path: a JSON 404 that does not echo it
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
        assert "script" not in r.text and "svg" not in r.text
    assert "<script>alert(1)</script>" not in r.text


def test_api_answers_are_json_never_html(client):
    for url in ("/api/articles", "/api/attributions", "/api/entities", "/api/stories", "/api/claims",
                "/api/search?q=dam", "/api/articles/%3Cscript%3E", "/api/nope"):
        r = client.get(url)
        assert r.headers["content-type"].startswith("application/json"), url
        assert "default-src 'none'" in r.headers["content-security-policy"]
    # The payload comes back as data, byte for byte, for the client to escape.
    first = client.get("/api/articles").json()["items"][0]
    assert PAYLOAD in client.get(f"/api/articles/{first['id']}").json()["text"]


def test_every_response_forbids_framing_and_referrers(client):
    for url in ("/", "/api/stats", "/assets/style.css", "/nope"):
        headers = client.get(url).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"


def test_every_api_parameter_is_bounded(client):
    """Walks the OpenAPI description: a new unbounded parameter fails here."""
    spec = client.get("/openapi.json").json()
    checked = 0
    for path, methods in spec["paths"].items():
        for op in methods.values():
            for param in op.get("parameters", []):
                schema = param["schema"]
                options = schema.get("anyOf", [schema])
                for option in options:
                    kind = option.get("type")
                    where = f"{path} {param['name']}"
                    if kind == "string" and "enum" not in option and option.get("format") != "date":
                        assert 0 < option.get("maxLength", 10**9) <= MAX_TEXT, where
                    elif kind == "integer":
                        assert "maximum" in option and ("minimum" in option or "exclusiveMinimum" in option), where
                checked += 1
    assert checked > 30


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "127.0.0.1.nip.io", "example.org"])
def test_any_non_loopback_host_needs_a_long_token(tmp_path, host):
    db = tmp_path / "x.duckdb"
    open_store(db).close()
    plain = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", host], env={"ACCORDINGTO_TOKEN": ""})
    assert plain.exit_code == 2 and "token" in plain.output
    short = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", host, "--token", "short"])
    assert short.exit_code == 2 and "16 characters" in short.output


def test_foreign_host_header_is_refused_without_a_token(client):
    r = client.get("/api/stats", headers={"Host": "attacker.example"})
    assert r.status_code in (400, 403, 421)
