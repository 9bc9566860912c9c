"""The HTTP API and web UI: `create_app(db_path, token=None)`, served by `accordingto serve`.

Read-only by construction: only GET routes, and the database is opened read-only for each
request. DuckDB lets one process write a file, and a read-only connection cannot open a file
another process holds for writing; so while `ingest` or `link` runs, requests get a 503 with
Retry-After (after a few short retries) and succeed again as soon as the writer has finished.
Opening per request costs milliseconds and means the server never holds a lock a writer needs.

Hardening: with a token every request must carry it (`Authorization: Bearer`, a cookie the
server sets after a `?token=` visit, compared in constant time); every query parameter has a
bound; ids are looked up by SQL parameters, never used as paths; the only files served are the
package's own assets, resolved and checked to stay inside their folder; every response carries
a Content-Security-Policy that forbids scripts, and all text from the store is escaped.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from ..model import Kind, Polarity, analysis_record
from ..store import READ_RETRY, Busy, Store, open_store
from . import data, graph, views
from .search import Search

MAX_LIMIT = 200
MAX_OFFSET = 10_000_000
MAX_TEXT = 200  # longest accepted text parameter (query, names, ids)
TOKEN_COOKIE = "accordingto_token"
# Without a token only these Host names are answered: a page elsewhere that rebinds its own
# domain to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
JSON_CSP = "default-src 'none'; frame-ancestors 'none'"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Text = Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT)]
FormText = Annotated[str, Query(max_length=MAX_TEXT)]  # a form sends empty fields as ""
Day = Annotated[dt.date | None, Query(description="ISO date (YYYY-MM-DD).")]
Id = Annotated[str, PathParam(min_length=1, max_length=MAX_TEXT)]
PageNo = Annotated[int, Query(ge=1, le=MAX_OFFSET // views.PER_PAGE)]


class Unavailable(Exception):
    """The database cannot be read right now (being written, missing, or an older schema)."""


def open_read_only(db_path: Path, retry_seconds: float = READ_RETRY) -> Store:
    """A read-only Store, waiting briefly (store.handoff) while a writer holds or wants the file."""
    try:
        return open_store(db_path, read_only=True, retry_seconds=retry_seconds)
    except FileNotFoundError as exc:
        raise Unavailable(f"no database at {db_path} yet: run `accordingto ingest` first") from exc
    except Busy as exc:
        raise Unavailable(
            f"the database {db_path.name} is being written by another process (ingest or link); "
            "it is readable again as soon as that finishes — retry in a moment"
        ) from exc
    except RuntimeError as exc:  # schema older than this code
        raise Unavailable(str(exc)) from exc
    except duckdb.Error as exc:
        raise Unavailable(f"cannot read {db_path.name}: {str(exc).splitlines()[0]}") from exc


def get_store(request: Request) -> Iterator[Store]:
    """One read-only connection per request, closed when the response is done."""
    store = open_read_only(request.app.state.db)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The FastAPI app over the database at `db_path`; with `token`, every request must present it."""
    db = Path(db_path)
    search = Search(db)
    links = views.Links()
    app = FastAPI(
        title="accordingto",
        version="1",
        description="Read-only API over an accordingto database: articles with spans, attributions, "
        "entities, stories, claim clusters with their trace, and full-text search. Every list is "
        f"paginated (`limit` ≤ {MAX_LIMIT}, `offset`); text parameters are at most {MAX_TEXT} characters.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )

    app.state.db = db
    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Any]) -> Response:
        if request.method not in ("GET", "HEAD"):
            response: Response = JSONResponse({"detail": "read-only: only GET is served"}, status_code=405)
        elif token is None and _host_name(request) not in LOOPBACK_HOSTS:
            response = JSONResponse({"detail": "this server answers only to a loopback Host"}, status_code=421)
        elif token is not None and not _authorised(request, token):
            if _valid(request.query_params.get("token"), token):
                # A browser visit with ?token=…: keep it in a cookie and drop it from the address bar.
                rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            else:
                response = JSONResponse({"detail": "a token is required (Authorization: Bearer TOKEN)"},
                                        status_code=401, headers={"WWW-Authenticate": "Bearer"})
        elif request.method == "HEAD":
            # HEAD is GET without the body (FastAPI routes only declare GET).
            request.scope["method"] = "GET"
            full = await call_next(request)
            async for _ in full.body_iterator:  # type: ignore[attr-defined]  # drain the GET body
                pass
            response = Response(status_code=full.status_code, headers=dict(full.headers))
        else:
            response = await call_next(request)
        html = response.headers.get("content-type", "").startswith("text/html")
        response.headers["Content-Security-Policy"] = f"{views.CSP}; frame-ancestors 'none'" if html else JSON_CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        return response

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api", "/openapi"))

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, exc: Unavailable) -> Response:
        if wants_html(request):
            return HTMLResponse(views.error_page(links, 503, str(exc)), status_code=503, headers={"Retry-After": "2"})
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if wants_html(request):
            return HTMLResponse(views.error_page(links, exc.status_code, str(exc.detail)), status_code=exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        if wants_html(request):
            text = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
            return HTMLResponse(views.error_page(links, 422, text), status_code=422)
        return JSONResponse({"detail": errors}, status_code=422)

    def found(value: Any, what: str) -> Any:
        if value is None:
            raise HTTPException(404, f"no such {what}")
        return value

    # -- JSON API -------------------------------------------------------------------------------

    @app.get("/api/stats", tags=["api"], summary="Row counts of every table")
    def api_stats(store: StoreDep) -> dict[str, int]:
        return data.stats(store)

    @app.get("/api/articles", tags=["api"], summary="Articles, oldest first")
    def api_articles(store: StoreDep, outlet: Text = None, date_from: Day = None, date_to: Day = None,
                     limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return data.list_articles(store, outlet=outlet, date_from=_iso(date_from), date_to=_iso(date_to),
                                  limit=limit, offset=offset).to_json()

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article with every span")
    def api_article(store: StoreDep, article_id: Id) -> dict[str, Any]:
        view = found(data.article_view(store, article_id), "article")
        return {
            **analysis_record(view.analysis),
            "meta": view.meta,
            "text": view.analysis.article.text,
            "citations": view.citations,
            "stories": view.stories,
            "source_entities": view.source_entities,
            "attribution_clusters": view.attribution_clusters,
            "claim_clusters": view.claim_clusters,
        }

    @app.get("/api/attributions", tags=["api"], summary="Attributions: who said what, filtered")
    def api_attributions(store: StoreDep, source: Text = None, outlet: Text = None,
                         kind: Kind | None = None, polarity: Polarity | None = None,
                         date_from: Day = None, date_to: Day = None, article: Text = None,
                         limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return data.list_attributions(store, source=source, outlet=outlet, kind=kind, polarity=polarity,
                                      date_from=_iso(date_from), date_to=_iso(date_to), article=article,
                                      limit=limit, offset=offset).to_json()

    @app.get("/api/entities", tags=["api"], summary="Entities, most mentioned first")
    def api_entities(store: StoreDep, type: Text = None, name: Text = None,  # noqa: A002 - the API's word
                     limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return data.list_entities(store, type_=type, name=name, limit=limit, offset=offset).to_json()

    @app.get("/api/entities/{entity_id}", tags=["api"], summary="What an entity said and what was said about it")
    def api_entity(store: StoreDep, entity_id: Id, limit: Limit = 100) -> dict[str, Any]:
        return found(data.entity(store, entity_id, limit=limit), "entity")

    @app.get("/api/stories", tags=["api"], summary="Stories, first reported first")
    def api_stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return data.list_stories(store, limit=limit, offset=offset).to_json()

    @app.get("/api/stories/{story_id}", tags=["api"], summary="A story: articles, citations, provenance graph, claims")
    def api_story(store: StoreDep, story_id: Id) -> dict[str, Any]:
        s = found(data.story(store, story_id), "story")
        g = graph.build(s["articles"], s["citations"])
        s["provenance"] = {
            "nodes": [{"key": n.key, "label": n.label, "article_id": n.article_id, "role": n.role,
                       "depth": n.depth, "date": n.date} for n in g.nodes.values()],
            "edges": [{"source": e.source, "target": e.target, "kind": e.kind, "evidence": e.evidence}
                      for e in g.edges],
        }
        return s

    @app.get("/api/claims", tags=["api"], summary="Claim clusters, most independent origins first")
    def api_claims(store: StoreDep, story: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return data.list_clusters(store, story=story, limit=limit, offset=offset).to_json()

    @app.get("/api/claims/{cluster_id}", tags=["api"], summary="A claim cluster with its trace, oldest first")
    def api_claim(store: StoreDep, cluster_id: Id) -> dict[str, Any]:
        return found(data.cluster(store, cluster_id), "claim")

    @app.get("/api/search", tags=["api"], summary="Full-text search over articles and attributions")
    def api_search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
                   scope: Literal["all", "articles", "attributions"] = "all",
                   limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        hits, total = search.search(store, q, scope=scope, limit=limit, offset=offset)
        return data.Page([h.to_json() for h in hits], total, limit, offset).to_json()

    # -- web UI ---------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, tags=["ui"], summary="Stories")
    @app.get("/stories", response_class=HTMLResponse, tags=["ui"], summary="Stories")
    def ui_stories(store: StoreDep, page: PageNo = 1) -> str:
        return views.stories_page(store, links, page)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, tags=["ui"], summary="A story")
    def ui_story(store: StoreDep, story_id: Id) -> str:
        return found(views.story_page(store, links, story_id), "story")

    @app.get("/claims/{cluster_id}", response_class=HTMLResponse, tags=["ui"], summary="A claim")
    def ui_claim(store: StoreDep, cluster_id: Id) -> str:
        return found(views.claim_page(store, links, cluster_id), "claim")

    @app.get("/articles", response_class=HTMLResponse, tags=["ui"], summary="Articles")
    def ui_articles(store: StoreDep, page: PageNo = 1) -> str:
        return views.articles_page(store, links, page)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, tags=["ui"], summary="An article")
    def ui_article(store: StoreDep, article_id: Id) -> str:
        return found(views.article_page(store, links, article_id), "article")

    @app.get("/attributions", response_class=HTMLResponse, tags=["ui"], summary="Who said what")
    def ui_attributions(store: StoreDep, source: FormText = "", outlet: FormText = "",
                        kind: Literal[Kind, ""] = "", polarity: Literal[Polarity, ""] = "",
                        page: PageNo = 1) -> str:
        filters = {"source": source, "outlet": outlet, "kind": kind, "polarity": polarity}
        return views.attributions_page(store, links, page, {k: v for k, v in filters.items() if v})

    @app.get("/entities", response_class=HTMLResponse, tags=["ui"], summary="Entities")
    def ui_entities(store: StoreDep, page: PageNo = 1) -> str:
        return views.entities_page(store, links, page)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, tags=["ui"], summary="An entity")
    def ui_entity(store: StoreDep, entity_id: Id) -> str:
        return found(views.entity_page(store, links, entity_id), "entity")

    @app.get("/search", response_class=HTMLResponse, tags=["ui"], summary="Search")
    def ui_search(store: StoreDep, q: Annotated[str, Query(max_length=MAX_TEXT)] = "",
                  scope: Literal["all", "articles", "attributions"] = "all", page: PageNo = 1) -> str:
        return views.search_page(store, links, search, q, scope, page)

    @app.get("/assets/{name:path}", tags=["ui"], summary="The UI's stylesheet")
    def asset(name: Annotated[str, PathParam(max_length=MAX_TEXT)]) -> FileResponse:
        root = views.ASSETS.resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            raise HTTPException(404, "no such asset")
        return FileResponse(target)

    @app.get("/docs", response_class=HTMLResponse, tags=["ui"], summary="API documentation")
    def docs() -> str:
        return views.api_docs_page(links, app.openapi())

    return app


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _host_name(request: Request) -> str:
    """The Host header's name without its port ("[::1]:8765" → "::1")."""
    host = request.headers.get("host", "")
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _valid(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    bearer = value.strip() if scheme.lower() == "bearer" else None
    # Check every candidate so timing does not tell which one was tried.
    ok = _valid(bearer, token)
    ok = _valid(request.cookies.get(TOKEN_COOKIE), token) or ok
    return ok
