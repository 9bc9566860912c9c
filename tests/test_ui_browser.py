"""The web UI as a person uses it: Debian's chromium driven by Playwright, clicking from the
stories through a claim and an article to an entity, by mouse and by keyboard, on the live app
and on the static report. Screenshots go to $ACCORDINGTO_SCREENSHOTS or a temporary folder.

Needs /usr/bin/chromium (`apt-get install chromium`; `make test` installs it when it can).
Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from accordingto.serve.app import create_app
from accordingto.serve.report import write_report
from accordingto.store import open_store
from serve_corpus import build_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("ui") / "dam.duckdb"
    return db, build_store(db)


@pytest.fixture(scope="module")
def server(corpus) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(corpus[0]), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    where = os.environ.get("ACCORDINGTO_SCREENSHOTS")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_click_through_story_claim_article_entity(page, server, corpus, shots):
    _, ids = corpus
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Stories"
    page.screenshot(path=shots / "1-stories.png", full_page=True)

    page.get_by_role("link", name="Engineers find crack in Lake Varna dam").click()
    assert page.url.endswith("/stories/story-dam")
    graph = page.locator("svg.provenance")
    assert graph.locator("a.node.origin").count() == 2 and graph.locator("a.node.echo").count() == 1
    assert page.locator("table.timeline tbody tr").count() == 3
    page.screenshot(path=shots / "2-story.png", full_page=True)

    page.get_by_role("link", name="Engineers found a 40-metre crack").click()
    assert page.url.endswith("/claims/claim-crack")
    counts = dict(zip(page.locator(".counts dt").all_inner_texts(), page.locator(".counts dd").all_inner_texts(),
                      strict=True))
    assert counts["independent origins"] == "1" and counts["echoes"] == "1"
    echo = page.locator(".variant.echo")
    assert "about 50 metres" in " ".join(echo.locator("mark.mut").all_inner_texts())
    page.screenshot(path=shots / "3-claim.png", full_page=True)

    echo.get_by_role("link", name="Daily Courant").click()
    assert f"/articles/{ids['courant']}#u" in page.url
    text = page.locator("article.text")
    assert text.locator("a.hedge").inner_text() == "probably"
    assert text.locator("a.cue").first.inner_text() == "reports"
    page.locator("details#boilerplate summary").click()
    page.screenshot(path=shots / "4-article.png", full_page=True)

    text.locator("a.source", has_text="Ilse Marrow").click()
    assert "/entities/" in page.url
    assert page.locator("h1").inner_text() == "Ilse Marrow"
    assert "What they said (2)" in page.locator("main").inner_text()
    page.screenshot(path=shots / "5-entity.png", full_page=True)
    assert page.dialogs == []


def test_untrusted_markup_renders_inert(page, server, corpus, shots):
    _, ids = corpus
    page.goto(f"{server}/articles/{ids['hostile']}")
    page.locator("details#boilerplate summary").click()
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length") == 0
    shown = page.locator("article.text").inner_text()
    assert "<script>alert('owned')</script>" in shown and 'onerror="alert(2)"' in shown
    assert "<img src=y onerror=alert(3)>" in page.locator("ul.boilerplate").inner_text()
    page.screenshot(path=shots / "6-hostile.png", full_page=True)


def test_search_box_finds_a_quote(page, server, corpus, shots):
    _, ids = corpus
    page.goto(server + "/entities")
    page.get_by_role("searchbox").fill("lowering reservoir")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=lowering+reservoir")
    hit = page.locator("ol.hits li").first
    assert hit.locator("mark").all_inner_texts() == ["lowering", "reservoir"]
    page.screenshot(path=shots / "8-search.png", full_page=True)
    hit.get_by_role("link").click()
    assert page.url.endswith(f"/articles/{ids['herald']}#attr-1")


def test_keyboard_reaches_a_story(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").endswith("/stories/story-dam"):
            break
    else:
        pytest.fail("no story link reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused link is visibly marked
    page.keyboard.press("Enter")
    page.wait_for_url("**/stories/story-dam")


CONTRAST = """sel => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return rgb(c); } return [255, 255, 255]; };
  const e = document.querySelector(sel); const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_text_contrast_is_readable(page, server, corpus):
    _, ids = corpus
    page.goto(f"{server}/articles/{ids['courant']}")
    for sel in ("article.text a.content", "article.text a.source", "article.text a.cue", "article.text a.hedge",
                "p.meta", "header a.brand", "main a", "td"):
        assert page.evaluate(CONTRAST, sel) >= 4.5, sel
    page.goto(server + "/claims/claim-crack")
    for sel in (".variant.echo blockquote", "mark.mut", ".counts dt"):
        assert page.evaluate(CONTRAST, sel) >= 4.5, sel


def test_static_report_opens_from_disk(page, corpus, tmp_path, shots):
    db, ids = corpus
    with open_store(db, read_only=True) as store:
        index = write_report(store, tmp_path / "site")
    page.goto(index.as_uri())
    page.get_by_role("link", name="Engineers find crack in Lake Varna dam").click()
    page.get_by_role("link", name="Dam could fail within days").first.click()
    assert page.url.endswith(f"articles/{ids['hostile']}.html")
    page.wait_for_load_state("load")  # the stylesheet is a file of its own: read styles once it has loaded
    assert page.dialogs == [] and page.evaluate("document.scripts.length") == 0
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(22, 33, 62)"
    page.get_by_role("link", name="Ilse Marrow").first.click()
    assert page.locator("h1").inner_text() == "Ilse Marrow"
    page.screenshot(path=shots / "7-report-entity.png", full_page=True)
