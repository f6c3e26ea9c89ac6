"""``wsisgraph serve``: the store over the SPARQL 1.1 Protocol, a query page and the network page.

The HTTP side is Starlette (ASGI) run by uvicorn. The store itself lives in one worker
process that owns it (and its lock): the web process never opens it, so a query that runs
past the time limit is stopped by killing the worker — Oxigraph cannot cancel a query from
outside — and a fresh worker opens the store again. Oxigraph's transactions make that
safe: an update is in or out, never half-written.

Paths (the layout of Oxigraph's own server, so ``--store http://HOST:PORT`` works on both):

* ``/query`` (also ``/sparql``): GET or POST, SPARQL 1.1 Protocol queries; results as JSON,
  XML, CSV or TSV, graphs as Turtle, N-Triples, RDF/XML, JSON-LD, by ``Accept`` or ``?format=``.
* ``/update``: POST, SPARQL 1.1 Update; only with ``--writable`` and the bearer token.
* ``/store``: the Graph Store Protocol (GET; PUT, POST and DELETE when writable). Graphs
  written this way keep the merge of the document graphs, as ``wsisgraph ingest`` does.
* ``/queries`` and ``/queries/NAME``: the named queries, run with ``?param=value`` bound as
  RDF terms (``/queries/members-of.csv?group=ITU`` for a spreadsheet).
* ``/``: a query page with the named queries as examples; ``/graph``: the network page.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import ipaddress
import multiprocessing
import re
import threading
import urllib.parse
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from wsisgraph.errors import QueryError, StoreError, UsageError, WsisgraphError

if TYPE_CHECKING:
    from wsisgraph.store import Store

__all__ = ["ServeSettings", "StoreWorker", "create_app", "is_loopback", "negotiate"]

_RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}
#: ``?format=`` values (as YASGUI, SPARQLWrapper and browsers send them) -> a short name
_FORMAT_NAMES = {
    **{name: name for name in ("json", "xml", "csv", "tsv", *_GRAPH_TYPES.values())},
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "rdf+xml": "rdfxml",
}
_GRAPH_BODY_TYPES = {"application/n-triples", "text/plain", "text/turtle"}


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the endpoint behaves."""

    store: Path
    writable: bool = False
    token: str | None = None
    timeout: float = 30.0
    max_result_bytes: int = 64 * 1024 * 1024
    max_request_bytes: int = 64 * 1024 * 1024
    max_query_chars: int = 200_000
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]", "::1")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def negotiate(accept: str, offered: Mapping[str, str], default: str) -> str | None:
    """The short name of the best media type in ``accept`` that is ``offered`` (None: none fits).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", _RESULT_TYPES, "json")
    'json'
    >>> negotiate("image/png", _RESULT_TYPES, "json") is None
    True
    """
    if not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *options = (item.strip() for item in part.split(";"))
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if quality <= 0:
            continue
        if media in offered:
            ranked.append((quality, -position, offered[media]))
        elif media in ("*/*", "application/*", "text/*"):
            ranked.append((quality - 0.001, -position, default))
    return max(ranked)[2] if ranked else None


# --- the worker that owns the store ------------------------------------------------------------


class QueryTimeout(QueryError):
    """A request ran past the time limit and was stopped."""

    hint = "narrow the query or add a LIMIT"


def _worker_main(path: str, connection: Connection) -> None:
    """Open the store and answer requests from the web process until told to stop."""
    from wsisgraph.store import Store

    try:
        store = Store(Path(path))
    except WsisgraphError as error:
        connection.send(("error", type(error).__name__, str(error)))
        return
    connection.send(("ready",))
    try:
        while True:
            try:
                message = connection.recv()
            except EOFError:
                return
            if message[0] == "stop":
                return
            try:
                connection.send(("ok", *_handle(store, message)))
            except WsisgraphError as error:
                connection.send(("error", type(error).__name__, str(error)))
            except (ValueError, KeyError, RecursionError, MemoryError) as error:
                connection.send(("error", "StoreError", f"the request could not be answered ({error})"))
    finally:
        store.close()


def _handle(store: Store, message: tuple[Any, ...]) -> tuple[Any, ...]:
    kind, *args = message
    if kind == "query":
        sparql, results_format, graph_format, default_graphs, named_graphs, max_bytes = args
        return store.answer(
            sparql,
            results_format=results_format,
            graph_format=graph_format,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            max_bytes=max_bytes,
        )
    if kind == "update":
        store.update(args[0])
        return ()
    if kind == "get_graph":
        graph, fmt = args
        if graph is not None and not store.has_graph(graph):
            return (None, b"")
        return store.graph_bytes(graph, fmt)
    if kind == "put_graph":
        graph, data, media, append = args
        if media == "text/turtle":
            data = store.to_ntriples(data, "turtle", base_iri=graph)
        if append and store.has_graph(graph):
            data = store.ntriples(graph) + b"\n" + data
        existed = store.has_graph(graph)
        store.load_graph(graph, data)
        return (existed,)
    if kind == "delete_graph":
        existed = store.has_graph(args[0])
        if existed:
            store.remove_graph(args[0])
        return (existed,)
    if kind == "page":
        from wsisgraph.network import coordination_network, strongest
        from wsisgraph.visualise import render_page

        graph, _summary = coordination_network(store)
        drawn, note = strongest(graph, args[0])
        return (render_page(drawn, note=note).encode("utf-8"),)
    raise ValueError(f"unknown request {kind!r}")


_ERRORS: dict[str, type[WsisgraphError]] = {
    "QueryError": QueryError,
    "ResultTooLarge": QueryError,
    "StoreError": StoreError,
    "StoreLockedError": StoreError,
    "UsageError": UsageError,
}


class WorkerError(WsisgraphError):
    """An error the worker reported, with its kind kept for the HTTP status."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class StoreWorker:
    """The process that owns the store: one request at a time, killed when one runs too long."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self.restarts = 0

    def start(self) -> None:
        """Start the worker and wait until the store is open (raise if it cannot be)."""
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_worker_main, args=(str(self.store), child), daemon=True)
        process.start()
        child.close()
        if not parent.poll(120):
            process.kill()
            raise StoreError(f"the store {self.store} did not open within 120 s")
        try:
            reply = parent.recv()
        except EOFError as error:
            raise StoreError(f"the store worker for {self.store} stopped while opening it") from error
        if reply[0] == "error":
            process.join(5)
            if reply[1] == "StoreLockedError":
                from wsisgraph.errors import StoreLockedError

                raise StoreLockedError(reply[2].split(" (")[0])
            raise StoreError(reply[2])
        self._process, self._connection = process, parent

    def stop(self) -> None:
        """Ask the worker to close the store, then make sure it is gone."""
        with self._lock:
            self._stop()

    def _stop(self, *, kill: bool = False) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if process is None or connection is None:
            return
        if not kill:
            try:
                connection.send(("stop",))
                process.join(10)
            except (OSError, BrokenPipeError):
                pass
        if process.is_alive():
            process.kill()
            process.join(10)
        connection.close()

    def call(self, message: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        """Send one request; a reply later than ``timeout`` seconds kills and restarts the worker."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._stop(kill=True)
                self.start()
            assert self._connection is not None
            self._connection.send(message)
            if not self._connection.poll(timeout):
                self._stop(kill=True)
                self.restarts += 1
                self.start()
                raise QueryTimeout(f"the request ran past the time limit of {timeout:g} s and was stopped")
            try:
                reply = self._connection.recv()
            except EOFError as error:
                self._stop(kill=True)
                self.restarts += 1
                self.start()
                raise StoreError("the store worker stopped while answering; the request was not completed") from error
        if reply[0] == "error":
            raise WorkerError(reply[1], reply[2])
        return tuple(reply[1:])


# --- HTTP -----------------------------------------------------------------------------------


def _problem(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _status_of(error: WsisgraphError) -> int:
    if isinstance(error, QueryTimeout):
        return 503
    if isinstance(error, WorkerError):
        return {"QueryError": 400, "ResultTooLarge": 422, "UsageError": 400}.get(error.kind, 500)
    return 400 if isinstance(error, QueryError | UsageError) else 500


async def _form_or_body(request: Request, field: str, direct_type: str, settings: ServeSettings) -> dict[str, Any]:
    """The operation text and dataset parameters of a protocol request (GET, form POST, direct POST)."""
    params: dict[str, Any] = {
        "text": None,
        "default": request.query_params.getlist("default-graph-uri") or request.query_params.getlist("using-graph-uri"),
        "named": request.query_params.getlist("named-graph-uri")
        or request.query_params.getlist("using-named-graph-uri"),
    }
    if request.method == "GET":
        params["text"] = request.query_params.get(field)
        return params
    length = request.headers.get("content-length", "0")
    if not length.isdigit():
        raise UsageError("the Content-Length header is not a number")
    if int(length) > settings.max_request_bytes:
        raise _TooLarge(f"the request is {int(length):,} bytes, over the limit of {settings.max_request_bytes:,}")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in ("application/x-www-form-urlencoded", direct_type):
        raise _Unsupported(f"send the {field} as application/x-www-form-urlencoded or {direct_type}")
    body = await request.body()
    if len(body) > settings.max_request_bytes:
        raise _TooLarge(f"the request is {len(body):,} bytes, over the limit of {settings.max_request_bytes:,}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError("the request body is not UTF-8") from error
    if media == direct_type:
        params["text"] = text
        return params
    try:
        form = urllib.parse.parse_qs(text, max_num_fields=1000)
    except ValueError as error:
        raise UsageError(f"the form cannot be read ({error})") from error
    params["text"] = form.get(field, [None])[0]
    params["default"] += form.get("default-graph-uri", []) + form.get("using-graph-uri", [])
    params["named"] += form.get("named-graph-uri", []) + form.get("using-named-graph-uri", [])
    return params


class _TooLarge(UsageError):
    pass


class _Unsupported(UsageError):
    pass


def _authorised(request: Request, settings: ServeSettings) -> Response | None:
    """None if the request may write, else the response that refuses it."""
    if not settings.writable:
        return _problem(403, "this endpoint is read-only; start `wsisgraph serve --writable` to accept updates")
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if settings.token and scheme.lower() == "bearer" and hmac.compare_digest(token.strip(), settings.token):
        return None
    return PlainTextResponse(
        "send the token as `Authorization: Bearer TOKEN`\n", status_code=401, headers={"WWW-Authenticate": "Bearer"}
    )


def create_app(settings: ServeSettings, worker: StoreWorker | None = None) -> Starlette:
    """The ASGI application; ``worker`` is started here when not given."""
    if worker is None:
        worker = StoreWorker(settings.store)
        worker.start()
    page_cache: dict[str, bytes] = {}

    async def call(message: tuple[Any, ...]) -> tuple[Any, ...]:
        return await run_in_threadpool(worker.call, message, settings.timeout)

    async def answer(
        request: Request, sparql: str | None, default: list[str], named: list[str], wanted: str = ""
    ) -> Response:
        if not sparql or not sparql.strip():
            return _problem(400, "no query: send it as the `query` parameter")
        if len(sparql) > settings.max_query_chars:
            return _problem(
                413, f"the query is {len(sparql):,} characters, over the limit of {settings.max_query_chars:,}"
            )
        # an unknown ?format= (clients send their own names) leaves the choice to Accept
        wanted = _FORMAT_NAMES.get(wanted or request.query_params.get("format", "").lower(), "")
        accept = request.headers.get("accept", "")
        results_format = wanted if wanted in _RESULT_TYPES.values() else negotiate(accept, _RESULT_TYPES, "json")
        graph_format = wanted if wanted in _GRAPH_TYPES.values() else negotiate(accept, _GRAPH_TYPES, "turtle")
        if results_format is None and graph_format is None:
            return _problem(406, "none of the media types in Accept can be produced")
        try:
            media, body = await call(
                (
                    "query",
                    sparql,
                    results_format or "json",
                    graph_format or "turtle",
                    default,
                    named,
                    settings.max_result_bytes,
                )
            )
        except WsisgraphError as error:
            return _problem(_status_of(error), str(error))
        return Response(body, media_type=media)

    async def query(request: Request) -> Response:
        try:
            params = await _form_or_body(request, "query", "application/sparql-query", settings)
        except _TooLarge as error:
            return _problem(413, str(error))
        except _Unsupported as error:
            return _problem(415, str(error))
        except UsageError as error:
            return _problem(400, str(error))
        return await answer(request, params["text"], params["default"], params["named"])

    async def update(request: Request) -> Response:
        refused = _authorised(request, settings)
        if refused is not None:
            return refused
        if request.method != "POST":
            return _problem(405, "send updates with POST")
        try:
            params = await _form_or_body(request, "update", "application/sparql-update", settings)
        except _TooLarge as error:
            return _problem(413, str(error))
        except _Unsupported as error:
            return _problem(415, str(error))
        except UsageError as error:
            return _problem(400, str(error))
        if not params["text"]:
            return _problem(400, "no update: send it as the `update` parameter")
        try:
            await call(("update", params["text"]))
        except WsisgraphError as error:
            status = 400 if isinstance(error, WorkerError) and error.kind == "StoreError" else _status_of(error)
            return _problem(status, str(error))
        page_cache.clear()
        return Response(status_code=204)

    async def graph_store(request: Request) -> Response:
        graph = request.query_params.get("graph")
        if graph is None and "default" not in request.query_params:
            if request.method == "GET":
                return _problem(400, "name the graph as ?graph=IRI, or ?default for the merge of all graphs")
            return _problem(400, "name the graph to write as ?graph=IRI")
        if request.method in ("GET", "HEAD"):
            fmt = negotiate(request.headers.get("accept", ""), _GRAPH_TYPES, "turtle")
            if fmt is None or fmt in ("nquads", "trig"):
                return _problem(406, "a graph is served as Turtle, N-Triples, RDF/XML or JSON-LD")
            try:
                media, body = await call(("get_graph", graph, fmt))
            except WsisgraphError as error:
                return _problem(_status_of(error), str(error))
            if media is None:
                return _problem(404, f"no graph {graph}")
            return Response(body if request.method == "GET" else b"", media_type=media)
        refused = _authorised(request, settings)
        if refused is not None:
            return refused
        if graph is None:
            return _problem(400, "the default graph is the merge of the document graphs; write a named graph")
        try:
            if request.method == "DELETE":
                (existed,) = await call(("delete_graph", graph))
                page_cache.clear()
                return Response(status_code=204) if existed else _problem(404, f"no graph {graph}")
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media not in _GRAPH_BODY_TYPES:
                return _problem(415, "send the graph as application/n-triples or text/turtle")
            body = await request.body()
            if len(body) > settings.max_request_bytes:
                return _problem(413, f"the graph is {len(body):,} bytes, over the limit")
            (existed,) = await call(("put_graph", graph, body, media, request.method == "POST"))
        except WsisgraphError as error:
            status = 400 if isinstance(error, WorkerError) and error.kind == "StoreError" else _status_of(error)
            return _problem(status, str(error))
        page_cache.clear()
        return Response(status_code=204 if existed else 201)

    async def named_queries(request: Request) -> Response:
        from wsisgraph.query import load_named_queries

        return JSONResponse(
            [
                {
                    "name": q.name,
                    "title": q.title,
                    "description": q.description,
                    "parameters": [
                        {"name": p.name, "required": p.required, "description": p.description} for p in q.parameters
                    ],
                    "sparql": q.sparql,
                }
                for q in load_named_queries().values()
            ]
        )

    async def named_query(request: Request) -> Response:
        from wsisgraph.query import prepare_query
        from wsisgraph.store import bind_terms

        name = request.path_params["name"]
        match = re.fullmatch(r"([a-z0-9-]+?)(?:\.(json|xml|csv|tsv))?", name)
        if not match:
            return _problem(404, f"no named query {name!r}; see /queries")
        from wsisgraph.query import load_named_queries

        if match.group(1) not in load_named_queries():
            return _problem(404, f"no named query {match.group(1)!r}; see /queries")
        params = {key: value for key, value in request.query_params.items() if key != "format"}
        try:
            sparql, bindings = prepare_query(match.group(1), params)
            bound = bind_terms(sparql, bindings)
        except WsisgraphError as error:
            return _problem(400, str(error))
        return await answer(request, bound, [], [], match.group(2) or "")

    async def home(request: Request) -> Response:
        from wsisgraph.serve_page import QUERY_PAGE

        return HTMLResponse(QUERY_PAGE, headers=_PAGE_HEADERS)

    async def network_page(request: Request) -> Response:
        if "page" not in page_cache:
            try:
                (page_cache["page"],) = await call(("page", 2000))
            except WsisgraphError as error:
                return _problem(_status_of(error), str(error))
        return HTMLResponse(page_cache["page"], headers=_PAGE_HEADERS)

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/query", query, methods=["GET", "POST"]),
        Route("/sparql", query, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST"]),
        Route("/store", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Route("/queries", named_queries, methods=["GET"]),
        Route("/queries/{name}", named_query, methods=["GET"]),
        Route("/graph", network_page, methods=["GET"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await run_in_threadpool(worker.stop)

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan, max_body_size=settings.max_request_bytes)
    app.state.worker = worker
    return app


_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def run(settings: ServeSettings, host: str, port: int) -> None:
    """Open the store in its worker and serve until interrupted."""
    import uvicorn

    worker = StoreWorker(settings.store)
    worker.start()
    # bound to loopback, only local host names are answered: a web page cannot reach the
    # endpoint through DNS rebinding; bound elsewhere, the operator chose who may connect
    hosts = settings.allowed_hosts if is_loopback(host) else ("*",)
    app = create_app(dataclasses.replace(settings, allowed_hosts=hosts), worker)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        worker.stop()
