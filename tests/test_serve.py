"""``wsisgraph serve`` as a real process, asked by real clients (httpx, SPARQLWrapper, rdflib)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from wsisgraph.errors import StoreRefused
from wsisgraph.facts import iter_facts
from wsisgraph.ingest import ingest_files
from wsisgraph.query import load_named_queries, run_query
from wsisgraph.store import RemoteConfig, RemoteStore, Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789"
HOSTILE = '"> } ; DROP ALL'
DOCUMENTS = "SELECT ?d WHERE { GRAPH ?d { ?d dcterms:identifier ?id } } ORDER BY ?d"
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
EWASTE = "UN E-waste Coalition"


def copy_store_folder(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination)
    return destination


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """A ``wsisgraph serve`` process on 127.0.0.1."""

    url: str
    process: subprocess.Popen[bytes]
    store: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        if self.process.stderr is not None:
            self.process.stderr.close()


def serve(store: Path, *args: str, token: str | None = None) -> Served:
    """Start ``wsisgraph serve`` on a free port and wait until it answers."""
    port = free_port()
    env = {**os.environ, "WSISGRAPH_SERVE_TOKEN": token or ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "wsisgraph.cli", "serve", "--store", str(store), "--port", str(port), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"wsisgraph serve exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return Served(url, process, store)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("wsisgraph serve did not answer within 60 s")


@pytest.fixture(scope="module")
def served_store(ingested_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_store_folder(ingested_store_path, tmp_path_factory.mktemp("served") / "store")


@pytest.fixture(scope="module")
def server(served_store: Path) -> Iterator[Served]:
    """Read-only, with a short time limit."""
    running = serve(served_store, "--timeout", "3")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def writable(ingested_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Writable with a token, with a small answer limit."""
    store = copy_store_folder(ingested_store_path, tmp_path_factory.mktemp("writable") / "store")
    running = serve(store, "--writable", "--max-result-mb", "0.5", token=TOKEN)
    yield running
    running.stop()


def quads(server: Served) -> int:
    answer = httpx.get(
        f"{server.url}/query", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}
    )
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def remote(server: Served) -> RemoteStore:
    return RemoteStore(RemoteConfig.from_url(server.url))


# --- the protocol ----------------------------------------------------------------------------


def test_get_and_post_queries_answer_the_same(server: Served) -> None:
    sparql = DOCUMENTS
    got = httpx.get(f"{server.url}/query", params={"query": sparql})
    form = httpx.post(f"{server.url}/query", data={"query": sparql})
    direct = httpx.post(
        f"{server.url}/query", content=sparql.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert got.status_code == form.status_code == direct.status_code == 200
    assert got.headers["content-type"].startswith("application/sparql-results+json")
    assert got.json() == form.json() == direct.json()
    assert len(got.json()["results"]["bindings"]) == 15


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.4, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_results_by_content_negotiation(server: Served, accept: str, media: str) -> None:
    answer = httpx.get(
        f"{server.url}/query",
        params={"query": DOCUMENTS},
        headers={"Accept": accept},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    assert "cstd2021-unep" in answer.text


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("", ox.RdfFormat.TURTLE),
    ],
)
def test_graphs_by_content_negotiation(server: Served, accept: str, fmt: ox.RdfFormat) -> None:
    sparql = "CONSTRUCT { ?d dcterms:identifier ?id } WHERE { GRAPH ?d { ?d dcterms:identifier ?id } }"
    answer = httpx.get(f"{server.url}/query", params={"query": sparql}, headers={"Accept": accept} if accept else {})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(fmt.media_type)
    assert len(list(ox.parse(answer.content, format=fmt))) == 15


def test_an_unacceptable_type_is_406(server: Served) -> None:
    answer = httpx.get(f"{server.url}/query", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert answer.status_code == 406


def test_sparqlwrapper_reads_select_and_construct(server: Served) -> None:
    client = SPARQLWrapper(f"{server.url}/query")
    client.setQuery(f"PREFIX dcterms: <http://purl.org/dc/terms/> {DOCUMENTS}")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index, call-overload]
    assert len(rows) == 15
    client.setReturnFormat(CSV)
    table = list(csv.reader(io.StringIO(client.queryAndConvert().decode("utf-8"))))  # type: ignore[union-attr]
    assert table[0] == ["d"] and len(table) == 16
    client.setQuery("CONSTRUCT { ?d a ?t } WHERE { GRAPH ?d { ?d a ?t ; dcterms:identifier ?id } }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert len(set(graph.subjects())) == 15


def test_rdflib_sparqlstore_reads_through_the_endpoint(server: Served) -> None:
    graph = Graph(store=SPARQLStore(f"{server.url}/query", returnFormat="json"))
    rows = list(
        graph.query(
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            'SELECT ?e WHERE { ?e skos:prefLabel "UN E-waste Coalition" }'
        )
    )
    assert len(rows) == 1


def test_named_queries_answer_the_same_embedded_and_served(server: Served, ingested_store_path: Path) -> None:
    with Store(ingested_store_path) as embedded, remote(server) as through:
        for name, named in load_named_queries().items():
            params = (
                {"group": EWASTE} if name == "members-of" else {"organization": "ITU"} if name == "groups-of" else {}
            )
            if any(p.required and p.name not in params for p in named.parameters):
                continue
            mine, theirs = run_query(embedded, name, params), run_query(through, name, params)
            assert theirs.variables == mine.variables, name
            assert sorted(map(str, theirs.rows)) == sorted(map(str, mine.rows)), name
        assert sorted(map(str, iter_facts(embedded))) == sorted(map(str, iter_facts(through)))


def test_a_named_query_runs_at_its_own_path_with_bound_parameters(server: Served) -> None:
    answer = httpx.get(f"{server.url}/queries/members-of.csv", params={"group": EWASTE})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    members = {row["memberName"] for row in csv.DictReader(io.StringIO(answer.text))}
    assert {"ITU", "UNEP", "UNITAR", "WHO"} <= members
    listed = httpx.get(f"{server.url}/queries").json()
    assert {query["name"] for query in listed} == set(load_named_queries())


def test_the_pages_need_nothing_from_elsewhere(server: Served) -> None:
    for path in ("/", "/graph"):
        page = httpx.get(server.url + path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert "https://cdn" not in page.text and "<script src=" not in page.text
    assert "ITU" in httpx.get(server.url + "/graph").text


# --- what must be refused, leaving the store as it was ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ",
        "DROP ALL",
        "DELETE WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
        "\x00\x01 <script>alert(1)</script>",
    ],
)
def test_a_hostile_or_malformed_query_is_400_and_changes_nothing(server: Served, text: str) -> None:
    before = quads(server)
    answer = httpx.post(f"{server.url}/query", data={"query": text})
    assert answer.status_code == 400, answer.text
    assert "\n" not in answer.text.strip()
    assert quads(server) == before


def test_an_update_to_the_read_only_endpoint_is_403(server: Served) -> None:
    before = quads(server)
    for path in ("/update", "/store?graph=https://w3id.org/wsisgraph/doc/cstd2021-unep"):
        method = "POST" if path == "/update" else "DELETE"
        answer = httpx.request(
            method, server.url + path, data={"update": "DROP ALL"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert answer.status_code == 403, path
    assert quads(server) == before


def test_a_query_past_the_time_limit_is_stopped_and_the_server_goes_on(server: Served) -> None:
    before = quads(server)
    started = time.monotonic()
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    answer = httpx.post(f"{server.url}/query", data={"query": slow}, timeout=60)
    assert answer.status_code == 503
    assert "time limit" in answer.text
    assert time.monotonic() - started < 20
    assert quads(server) == before


def test_a_hostile_parameter_is_only_a_string(server: Served) -> None:
    before = quads(server)
    answer = httpx.get(f"{server.url}/queries/members-of", params={"group": HOSTILE})
    assert answer.status_code == 200
    assert answer.json()["results"]["bindings"] == []
    answer = httpx.get(f"{server.url}/queries/members-of", params={"nonsense": HOSTILE})
    assert answer.status_code == 400
    assert quads(server) == before


def test_a_foreign_host_name_is_refused(server: Served) -> None:
    answer = httpx.get(f"{server.url}/query", params={"query": "ASK {}"}, headers={"Host": "attacker.example"})
    assert answer.status_code == 400


def test_an_oversized_query_is_413(server: Served) -> None:
    answer = httpx.post(f"{server.url}/query", data={"query": "ASK {} #" + "x" * 300_000})
    assert answer.status_code == 413


# --- writing ---------------------------------------------------------------------------------


def test_writing_needs_the_token(writable: Served) -> None:
    before = quads(writable)
    update = "INSERT DATA { GRAPH <https://w3id.org/wsisgraph/doc/t> { <urn:a> <urn:b> <urn:c> } }"
    assert httpx.post(f"{writable.url}/update", data={"update": update}).status_code == 401
    wrong = httpx.post(f"{writable.url}/update", data={"update": update}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert quads(writable) == before


def test_the_graph_store_protocol_keeps_the_merge(writable: Served) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = "https://w3id.org/wsisgraph/doc/gsp-test"
    body = b'<urn:x> <http://www.w3.org/2004/02/skos/core#prefLabel> "GSP test body" .\n'
    put = httpx.put(
        f"{writable.url}/store",
        params={"graph": graph},
        content=body,
        headers={**auth, "Content-Type": "application/n-triples"},
    )
    assert put.status_code == 201
    got = httpx.get(f"{writable.url}/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and "GSP test body" in got.text
    merged = 'ASK { ?x skos:prefLabel "GSP test body" }'
    assert httpx.get(f"{writable.url}/query", params={"query": merged}).json()["boolean"] is True
    assert httpx.delete(f"{writable.url}/store", params={"graph": graph}, headers=auth).status_code == 204
    assert httpx.get(f"{writable.url}/query", params={"query": merged}).json()["boolean"] is False
    assert httpx.get(f"{writable.url}/store", params={"graph": graph}).status_code == 404


def test_an_answer_over_the_size_limit_is_refused(writable: Served) -> None:
    answer = httpx.post(f"{writable.url}/query", data={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert answer.status_code == 422
    assert "limit" in answer.text


def test_ingest_through_the_endpoint(writable: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = tmp_path / "served-doc.md"
    document.write_text("# Report of the Example Agency\n\nITU and UNESCO are members of the Broadband Commission.\n")
    monkeypatch.setenv("WSISGRAPH_STORE_TOKEN", TOKEN)
    with remote(writable) as store:
        report = ingest_files(store, [document])
        assert [o.status for o in report.outcomes] == ["added"]
        facts = [f for f in iter_facts(store, document="served-doc") if f["type"] == "membership"]
        assert {f["member"] for f in facts} == {"ITU", "UNESCO"}
        again = ingest_files(store, [document])
        assert [o.status for o in again.outcomes] == ["unchanged"]
    monkeypatch.setenv("WSISGRAPH_STORE_TOKEN", "wrong")
    with remote(writable) as store, pytest.raises(StoreRefused):
        store.remove_graph("https://w3id.org/wsisgraph/doc/served-doc")


def test_the_cli_refuses_a_writable_server_without_a_token(tmp_path: Path) -> None:
    env = {**os.environ, "WSISGRAPH_SERVE_TOKEN": ""}
    result = subprocess.run(
        [sys.executable, "-m", "wsisgraph.cli", "serve", "--store", str(tmp_path / "s"), "--writable"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "WSISGRAPH_SERVE_TOKEN" in result.stderr
