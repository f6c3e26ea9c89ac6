"""A remote store: any SPARQL 1.1 Query/Update (+ Graph Store Protocol) endpoint over HTTP.

Tested against Oxigraph server, Virtuoso 7.2 and ``wsisgraph serve``; Fuseki, GraphDB,
QLever and Amazon Neptune speak the same protocols. Requests are form-encoded POSTs (the
one form every engine accepts); results come back as SPARQL JSON and are parsed by
Oxigraph's parser.

Writing a document graph: with a Graph Store endpoint, its triples are PUT into a staging
graph and counted there, then one update takes the old graph's triples out of the merge,
drops the old graph and moves the staged triples into the graph and the merge; a last small
update adds the document's content hash. A crash during the PUT leaves only a stale staging
graph, which no query reads. The move is one transaction on Oxigraph and Fuseki; Virtuoso
7.2 commits the operations of one request one by one, and a kill -9 there can leave a graph
cut short — but without its content hash, so the next ingest writes it again. (Virtuoso's
INSERT DATA is also limited to about 1,400 triples, hence the Graph Store.) Without a Graph
Store endpoint the graph is written by one INSERT DATA update.

Transient failures (connection refused or reset, 429, 502, 503, 504) are retried with
exponential backoff; what still fails raises :class:`~wsisgraph.errors.StoreUnavailable`,
so a caller can say which documents to retry. An answer an engine cut at its row limit
(Virtuoso's ``ResultSetMaxRows``) is an error, never a silently short result.

Credentials come from the environment, never from the command line: by default
``WSISGRAPH_STORE_TOKEN`` (a bearer token) or ``WSISGRAPH_STORE_USER`` and
``WSISGRAPH_STORE_PASSWORD`` (basic, or digest where the configuration says so).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from wsisgraph.errors import QueryError, StoreError, StoreRefused, StoreUnavailable, UsageError
from wsisgraph.store.base import (
    MERGE_GRAPH,
    STAGING_GRAPHS,
    GraphStore,
    QueryResult,
    Value,
    from_ox,
    one_line,
    solutions_result,
)
from wsisgraph.vocab import PREFIXES, WSIS

__all__ = ["RemoteConfig", "RemoteStore"]

_TRANSIENT = {429, 502, 503, 504}
_NAMES_A_GRAPH = re.compile(r"\bGRAPH\b", re.IGNORECASE)
_AUTH = ("auto", "none", "basic", "digest", "bearer")


@dataclass(frozen=True, slots=True)
class RemoteConfig:
    """Where a remote store's endpoints are and how to reach them."""

    query: str
    update: str | None = None
    graph_store: str | None = None
    #: "default" keeps the merge of the document graphs in the default graph (Oxigraph, Fuseki);
    #: an IRI keeps it in that named graph, for engines whose default graph is the union of all
    #: graphs (Virtuoso, GraphDB, Neptune): queries naming no graph get it as their default graph
    merge_graph: str = "default"
    auth: str = "auto"
    user_env: str = "WSISGRAPH_STORE_USER"
    password_env: str = "WSISGRAPH_STORE_PASSWORD"
    token_env: str = "WSISGRAPH_STORE_TOKEN"
    timeout: float = 60.0
    retries: int = 4
    backoff: float = 0.5
    source: str = field(default="", compare=False)

    @staticmethod
    def from_url(url: str) -> RemoteConfig:
        """The endpoints of a ``wsisgraph serve`` or Oxigraph server at ``url`` (/query, /update, /store)."""
        base = url.rstrip("/")
        if "?" in base or "#" in base or any(ch.isspace() for ch in base):
            raise UsageError(f"--store {url!r} is not a server URL", hint="write it as http://HOST:PORT")
        return RemoteConfig(query=f"{base}/query", update=f"{base}/update", graph_store=f"{base}/store", source=url)

    @staticmethod
    def from_file(path: Path) -> RemoteConfig:
        """Read a TOML file with a ``[store]`` table: query, update, graph_store, merge_graph, auth, ..."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise UsageError(f"{path}: cannot read the store configuration ({error.strerror or error})") from error
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise UsageError(
                f"{path}: not a valid TOML file ({error})", hint="see the README for an example"
            ) from error
        table = data.get("store", data)
        if not isinstance(table, dict) or "query" not in table:
            raise UsageError(f"{path}: no `query` URL in the [store] table", hint="see the README for an example")
        forbidden = sorted(key for key in table if key in ("password", "token", "user"))
        if forbidden:
            raise UsageError(f"{path}: credentials do not belong in the file", hint="name environment variables")
        known = {f.name for f in fields(RemoteConfig)} - {"source"}
        unknown = sorted(set(table) - known)
        if unknown:
            raise UsageError(f"{path}: unknown setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
        try:
            config = RemoteConfig(**table, source=str(path))
        except TypeError as error:
            raise UsageError(f"{path}: {error}") from error
        if config.auth not in _AUTH:
            raise UsageError(f"{path}: auth = {config.auth!r}; choose one of {', '.join(_AUTH)}")
        return config

    def credentials(self) -> httpx.Auth | None:
        """The HTTP authentication the environment provides, if any."""
        token = os.environ.get(self.token_env)
        user, password = os.environ.get(self.user_env), os.environ.get(self.password_env)
        if self.auth == "none":
            return None
        if self.auth == "bearer" or (self.auth == "auto" and token):
            if not token:
                raise UsageError(f"{self.source}: auth is bearer but ${self.token_env} is not set")
            return _Bearer(token)
        if self.auth in ("basic", "digest") and not (user and password):
            raise UsageError(
                f"{self.source}: auth is {self.auth} but ${self.user_env} or ${self.password_env} is unset"
            )
        if user and password:
            return httpx.DigestAuth(user, password) if self.auth == "digest" else httpx.BasicAuth(user, password)
        return None


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _canonical(result: QueryResult) -> QueryResult:
    """Booleans in their canonical form: Virtuoso answers true as "1"."""
    if not any(v is not None and v.datatype == _BOOLEAN for row in result.rows for v in row):
        return result

    def fix(value: Value | None) -> Value | None:
        if value is None or value.datatype != _BOOLEAN or value.value in ("true", "false"):
            return value
        return Value(value.kind, "true" if value.value == "1" else "false", value.datatype, value.language)

    return QueryResult(result.variables, tuple(tuple(fix(v) for v in row) for row in result.rows), result.boolean)


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Any:
        request.headers["Authorization"] = self._header
        yield request


def _with_prefixes(sparql: str) -> str:
    declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    return declared + sparql


class RemoteStore(GraphStore):
    """A store behind SPARQL 1.1 Protocol endpoints."""

    def __init__(self, config: RemoteConfig, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self._named: list[str] | None = None  # the named graphs, while no update has changed them
        self.merge_graph = None if config.merge_graph == "default" else (config.merge_graph or MERGE_GRAPH)
        self._client = httpx.Client(
            auth=config.credentials(),
            timeout=httpx.Timeout(config.timeout, connect=10.0),
            headers={"User-Agent": "wsisgraph"},
            follow_redirects=False,
            transport=transport,
        )

    @property
    def location(self) -> str:
        return self.config.source or self.config.query

    def close(self) -> None:
        self._client.close()

    def flush(self) -> None:
        """Nothing to do: every update was applied by the server when it answered."""

    def __enter__(self) -> RemoteStore:
        return self

    # --- HTTP ------------------------------------------------------------------------------------

    def _request(
        self, method: str, url: str, *, what: str, timeout: float | None = None, **kwargs: Any
    ) -> httpx.Response:
        """One request, retried with backoff while the failure is transient."""
        attempt = 0
        while True:
            try:
                response = self._client.request(
                    method, url, timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT, **kwargs
                )
            except httpx.TimeoutException as error:
                if timeout is not None:  # the caller's own limit, not a transient failure
                    raise QueryError(f"{what} took longer than {timeout:g} s at {url}") from error
                problem = f"no answer from {url} within {self.config.timeout:g} s"
            except httpx.TransportError as error:
                problem = f"cannot reach {url} ({one_line(error) or type(error).__name__})"
            else:
                if response.status_code not in _TRANSIENT:
                    return response
                problem = f"{url} answered {response.status_code} {response.reason_phrase}"
            if attempt >= self.config.retries:
                raise StoreUnavailable(f"{what} failed: {problem}, after {attempt + 1} tries")
            time.sleep(self.config.backoff * 2**attempt)
            attempt += 1

    def _checked(self, response: httpx.Response, what: str, error: type[Exception] = StoreError) -> httpx.Response:
        if response.is_success:
            return response
        detail = one_line(response.text)[:300] or response.reason_phrase
        if response.status_code in (401, 403):
            raise StoreRefused(
                f"{what} refused by {response.url}: {response.status_code} {detail}",
                hint=f"set ${self.config.token_env}, or ${self.config.user_env} and ${self.config.password_env}",
            )
        if response.status_code == 404:
            raise StoreError(f"{what}: {response.url} does not exist (404)", hint="check the endpoint URLs")
        raise error(f"{what} failed at {response.url}: {response.status_code} {detail}")

    def _dataset(self, sparql: str) -> dict[str, str | list[str]]:
        """The protocol dataset when the merge is a named graph (engines with a union default graph).

        A query naming no graph gets the merge as its default graph. A query with ``GRAPH``
        gets wsisgraph's graphs as its named graphs, the merge left out: Virtuoso 7.2 lets
        ``GRAPH ?g { ?g ... }`` match triples of the merge, and given a default graph it
        answers ``GRAPH <g>`` patterns wrongly (a COUNT of 1, rows lost under OPTIONAL).
        """
        if not self.merge_graph:
            return {}
        if _NAMES_A_GRAPH.search(sparql):
            if self._named is None:
                self._named = self.graphs()
            return {"named-graph-uri": self._named} if self._named else {}
        return {"default-graph-uri": self.merge_graph}

    def graphs(self) -> list[str]:
        from wsisgraph.store.base import OUR_GRAPHS

        sparql = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OUR_GRAPHS} }}"
        result = self._select(sparql, timeout=None, dataset=False)
        return sorted(row[0].value for row in result.rows if row[0] is not None)

    # --- the engine ----------------------------------------------------------------------------

    def _select(self, sparql: str, *, timeout: float | None, dataset: bool = True) -> QueryResult:
        response = self._request(
            "POST",
            self.config.query,
            what="the query",
            timeout=timeout,
            data={"query": _with_prefixes(sparql), **(self._dataset(sparql) if dataset else {})},
            headers={"Accept": "application/sparql-results+json"},
        )
        self._checked(response, "the query", QueryError)
        try:
            answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            problem = f"did not answer with SPARQL JSON results: {one_line(error)}"
            raise StoreError(f"{self.config.query} {problem}") from error
        result = _canonical(solutions_result(answer))
        limit = response.headers.get("x-sparql-maxrows")
        if limit and limit.isdigit() and len(result.rows) >= int(limit):
            raise StoreError(
                f"{self.config.query} cut the answer at its row limit of {limit}",
                hint="raise the engine's limit (Virtuoso: ResultSetMaxRows in virtuoso.ini)",
            )
        return result

    def _construct(self, sparql: str) -> list[tuple[Value, Value, Value]]:
        response = self._request(
            "POST",
            self.config.query,
            what="the query",
            data={"query": _with_prefixes(sparql), **self._dataset(sparql)},
            headers={"Accept": "application/n-triples, text/turtle;q=0.9"},
        )
        self._checked(response, "the query", QueryError)
        triples = []
        for triple in self._parse_rdf(response):
            subject, predicate, obj = (from_ox(t) for t in (triple.subject, triple.predicate, triple.object))
            assert subject is not None and predicate is not None and obj is not None
            triples.append((subject, predicate, obj))
        return triples

    def _parse_rdf(self, response: httpx.Response) -> list[ox.Triple]:
        media_type = response.headers.get("content-type", "application/n-triples").split(";")[0].strip()
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if media_type == "text/plain":  # old servers label N-Triples as text/plain
            rdf_format = ox.RdfFormat.N_TRIPLES
        if rdf_format is None:
            raise StoreError(f"{response.url} answered RDF as {media_type!r}, which wsisgraph cannot read")
        try:
            return [
                quad if isinstance(quad, ox.Triple) else quad.triple for quad in ox.parse(response.content, rdf_format)
            ]
        except SyntaxError as error:
            raise StoreError(f"{response.url} answered RDF that does not parse: {one_line(error)}") from error

    def update(self, sparql: str) -> None:
        self._named = None
        if not self.config.update:
            raise StoreError(
                f"{self.location} has no update endpoint", hint="name one as `update` in the configuration"
            )
        response = self._request("POST", self.config.update, what="the update", data={"update": _with_prefixes(sparql)})
        self._checked(response, "the update")

    def ntriples(self, graph: str) -> bytes:
        name = self._graph_term(graph)
        if self.config.graph_store:
            response = self._request(
                "GET",
                self.config.graph_store,
                what=f"reading the graph {graph}",
                params={"graph": graph},
                headers={"Accept": "application/n-triples, text/turtle;q=0.9"},
            )
            if response.status_code == 404:
                return b""
            self._checked(response, f"reading the graph {graph}")
        else:
            response = self._request(
                "POST",
                self.config.query,
                what=f"reading the graph {graph}",
                data={"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"},
                headers={"Accept": "application/n-triples, text/turtle;q=0.9"},
            )
            self._checked(response, f"reading the graph {graph}")
        triples = self._parse_rdf(response)
        expected = self._graph_size(name)
        if len(set(triples)) < expected:
            raise StoreError(
                f"{response.url} sent {len(triples):,} of the {expected:,} triples of {graph}",
                hint="raise the engine's row limit (Virtuoso: ResultSetMaxRows in virtuoso.ini)",
            )
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def _replace(self, graph: str, lines: list[str]) -> None:
        if not self.config.graph_store:
            super()._replace(graph, lines)
            return
        name = self._graph_term(graph)
        staging = f"<{STAGING_GRAPHS}{hashlib.sha256(graph.encode()).hexdigest()[:32]}>"
        response = self._request(
            "PUT",
            self.config.graph_store,
            what=f"staging the graph {graph}",
            params={"graph": staging[1:-1]},
            content=("\n".join(lines) + "\n").encode("utf-8"),
            headers={"Content-Type": "application/n-triples"},
        )
        self._checked(response, f"staging the graph {graph}")
        # move only a whole staged graph, whatever the engine's PUT promised
        have, wanted = self._graph_size(staging), len(set(lines))
        if have != wanted:
            raise StoreUnavailable(
                f"staging the graph {graph} left {have:,} of its {wanted:,} triples; nothing changed"
            )
        # two INSERTs, not one template with two graphs: Virtuoso 7.2 fails on the latter (SR002)
        staged = f"WHERE {{ GRAPH {staging} {{ ?s ?p ?o }} FILTER(?p != <{WSIS.contentHash}>) }}"
        into_merge = [f"INSERT {{ {self._merged('?s ?p ?o')} }} {staged}"]
        self.update(
            " ;\n".join(
                [
                    *self._unmerge(name),
                    f"DROP SILENT GRAPH {name}",
                    f"INSERT {{ GRAPH {name} {{ ?s ?p ?o }} }} {staged}",
                    *into_merge,
                ]
            )
        )
        # the content hash goes in last, on its own: on an engine whose multi-operation update is
        # not one transaction (Virtuoso), a graph cut short by a crash has no hash, so the next
        # ingest sees it as absent and writes it again
        marked = f"WHERE {{ GRAPH {staging} {{ ?s ?p ?o }} FILTER(?p = <{WSIS.contentHash}>) }}"
        mark_merge = [f"INSERT {{ {self._merged('?s ?p ?o')} }} {marked}"]
        self.update(
            " ;\n".join(
                [f"INSERT {{ GRAPH {name} {{ ?s ?p ?o }} }} {marked}", *mark_merge, f"DROP SILENT GRAPH {staging}"]
            )
        )

    def _graph_size(self, name: str) -> int:
        """The triples in one named graph, counted with no dataset in the request.

        Virtuoso 7.2 counts 1 for ``GRAPH <g> { ?s ?p ?o }`` once a default graph is named.
        """
        result = self._select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}", timeout=None, dataset=False
        )
        return int(result.rows[0][0].value) if result.rows and result.rows[0][0] is not None else 0

    def quad_count(self) -> int:
        from wsisgraph.store.base import OUR_GRAPHS

        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OUR_GRAPHS} }}"
        result = self._select(sparql, timeout=None, dataset=False)
        return int(result.rows[0][0].value) if result.rows and result.rows[0][0] is not None else 0

    def ping(self) -> None:
        """Check the endpoint answers a query at all."""
        self._select("ASK { }", timeout=None)
