"""Remote stores: configuration, retries, push and pull, ingest, and a server killed mid-ingest."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import servers

from wsisgraph.emit import document_iri
from wsisgraph.errors import QueryError, StoreUnavailable, UsageError
from wsisgraph.ingest import extract_file, extractor_version, ingest_files
from wsisgraph.read import ReadLimits
from wsisgraph.store import GraphStore, RemoteConfig, RemoteStore, Store, copy_graphs, open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"

# --- configuration ---------------------------------------------------------------------------


def test_a_server_url_names_the_oxigraph_layout() -> None:
    config = RemoteConfig.from_url("http://127.0.0.1:7878/")
    assert (config.query, config.update, config.graph_store) == (
        "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store",
    )
    assert isinstance(open_store("http://127.0.0.1:7878"), RemoteStore)


def test_a_configuration_file_names_the_endpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "virtuoso.toml"
    path.write_text(
        "[store]\n"
        'query = "http://localhost:8890/sparql"\n'
        'update = "http://localhost:8890/sparql-auth"\n'
        'graph_store = "http://localhost:8890/sparql-graph-crud-auth"\n'
        'merge_graph = "https://w3id.org/wsisgraph/graph/merged"\n'
        'auth = "digest"\n'
    )
    monkeypatch.setenv("WSISGRAPH_STORE_USER", "dba")
    monkeypatch.setenv("WSISGRAPH_STORE_PASSWORD", "secret")
    with open_store(path) as store:
        assert isinstance(store, RemoteStore)
        assert store.merge_graph == "https://w3id.org/wsisgraph/graph/merged"
        assert isinstance(store.config.credentials(), httpx.DigestAuth)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('query = "http://x/sparql"\npassword = "hunter2"\n', "credentials do not belong in the file"),
        ('update = "http://x/update"\n', "no `query` URL"),
        ('query = "http://x/sparql"\ncolour = "red"\n', "unknown setting 'colour'"),
        ('query = "http://x/sparql"\nauth = "magic"\n', "auth = 'magic'"),
        ("query = [unclosed\n", "not a valid TOML file"),
    ],
)
def test_a_bad_configuration_file_is_a_one_line_usage_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "store.toml"
    path.write_text(text)
    with pytest.raises(UsageError, match=re.escape(message)) as raised:
        open_store(path)
    assert str(path) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_digest_auth_without_credentials_says_which_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WSISGRAPH_STORE_USER", raising=False)
    monkeypatch.delenv("WSISGRAPH_STORE_PASSWORD", raising=False)
    with pytest.raises(UsageError, match="WSISGRAPH_STORE_USER"):
        RemoteConfig(query="http://x/sparql", auth="digest").credentials()


# --- retries ---------------------------------------------------------------------------------


def _answering(statuses: list[int]) -> tuple[httpx.MockTransport, list[int]]:
    """A transport that answers the given statuses in turn, then a SPARQL JSON boolean."""
    seen: list[int] = []

    def handle(request: httpx.Request) -> httpx.Response:
        status = statuses[len(seen)] if len(seen) < len(statuses) else 200
        seen.append(status)
        if status != 200:
            return httpx.Response(status, text="busy")
        return httpx.Response(200, json={"head": {}, "boolean": True})

    return httpx.MockTransport(handle), seen


def test_transient_failures_are_retried_with_backoff() -> None:
    transport, seen = _answering([503, 502, 429])
    config = RemoteConfig(query="http://x/query", backoff=0.01)
    with RemoteStore(config, transport=transport) as store:
        assert store.query("ASK {}").boolean is True
    assert seen == [503, 502, 429, 200]


def test_a_store_that_keeps_failing_is_unavailable() -> None:
    transport, seen = _answering([503] * 10)
    config = RemoteConfig(query="http://x/query", backoff=0.01, retries=2)
    with RemoteStore(config, transport=transport) as store, pytest.raises(StoreUnavailable, match="after 3 tries"):
        store.query("ASK {}")
    assert len(seen) == 3


def test_a_client_error_is_not_retried() -> None:
    transport, seen = _answering([400])
    config = RemoteConfig(query="http://x/query", backoff=0.01)
    with RemoteStore(config, transport=transport) as store, pytest.raises(QueryError, match="400"):
        store.query("ASK {}")
    assert seen == [400]


# --- push, pull and ingest against real servers --------------------------------------------


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[servers.Server]:
    server = servers.start_oxigraph(tmp_path)
    yield server
    server.stop()


def _dump(store: GraphStore) -> set[str]:
    return {line for line in store.nquads().decode("utf-8").splitlines() if line}


@pytest.mark.slow
def test_push_then_pull_gives_back_the_same_graphs(
    oxigraph: servers.Server, ingested_store_path: Path, tmp_path: Path
) -> None:
    with Store(ingested_store_path) as source, RemoteStore(RemoteConfig.from_url(oxigraph.base_url)) as remote:
        assert all(not error for _, _, error in copy_graphs(source, remote))
        with Store(tmp_path / "pulled") as pulled:
            assert all(not error for _, _, error in copy_graphs(remote, pulled))
            assert _dump(pulled) == _dump(source)
            assert pulled.triple_count() == source.triple_count()


@pytest.mark.slow
def test_ingest_replaces_a_document_graph_on_a_remote_store(oxigraph: servers.Server, tmp_path: Path) -> None:
    document = tmp_path / "remote-doc.md"
    document.write_text("# Report of the Example Agency\n\nITU and UNESCO are members of the Broadband Commission.\n")
    graph = str(document_iri("remote-doc"))
    with RemoteStore(RemoteConfig.from_url(oxigraph.base_url)) as store:
        assert [o.status for o in ingest_files(store, [document]).outcomes] == ["added"]
        first = store.ntriples(graph)
        assert [o.status for o in ingest_files(store, [document]).outcomes] == ["unchanged"]
        document.write_text("# Report of the Example Agency\n\nWIPO is a member of UNGIS.\n")
        assert [o.status for o in ingest_files(store, [document]).outcomes] == ["updated"]
        second = store.ntriples(graph).decode("utf-8")
        assert "UNESCO" not in second and "Broadband" not in second and second != first.decode("utf-8")
        assert store.query('ASK { ?x skos:prefLabel "Broadband Commission" }').boolean is False
        staging = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/staging/')) }"
        assert store.query(staging).rows == ()


def _copies(folder: Path, copies: int, extra: str = "") -> list[Path]:
    folder.mkdir(exist_ok=True)
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))
    made = []
    for copy in range(copies):
        for source in sources:
            target = folder / f"{source.stem}-c{copy}{source.suffix}"
            target.write_text(source.read_text(encoding="utf-8") + extra, encoding="utf-8")
            made.append(target)
    return made


@pytest.mark.slow
def test_killing_the_server_mid_ingest_leaves_graphs_old_or_new(tmp_path: Path) -> None:
    """On Oxigraph server every update request is one transaction: a kill -9 cuts no graph.

    Virtuoso 7.2 is not in this test: after a kill -9 during an ingest it came back with the
    first document of the run cut to 171 of its 595 triples although both of that document's
    updates had been answered 200 (kill-free, the same writes read back whole). wsisgraph
    writes the content hash last so that a cut graph written by a partial request has none
    and is written again, but it cannot repair what the engine loses after acknowledging it.
    """
    server = servers.start_oxigraph(tmp_path / "server")
    config = RemoteConfig.from_url(server.base_url)
    environment: dict[str, str] = {}
    location = server.base_url
    try:
        folder = tmp_path / "docs"
        old_files = _copies(folder, 3)
        with RemoteStore(config) as store:
            assert all(o.status == "added" for o in ingest_files(store, [folder]).outcomes)
        version = extractor_version()
        old = {p.stem: set(extract_file(p, None, limits=ReadLimits(), version=version).lines) for p in old_files}
        _copies(folder, 3, extra="\nUNIDO is a member of the UN E-waste Coalition.\n")
        new = {p.stem: set(extract_file(p, None, limits=ReadLimits(), version=version).lines) for p in old_files}
        assert all(old[stem] != new[stem] for stem in old)

        ingest = subprocess.Popen(
            [sys.executable, "-m", "wsisgraph.cli", "ingest", str(folder), "--store", location, "-j", "1"],
            env={**os.environ, **environment},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3.0)
        assert ingest.poll() is None, "the ingest ended before the server could be killed"
        server.kill()
        _, stderr = ingest.communicate(timeout=120)
        assert ingest.returncode == 1
        assert "retry them:" in stderr
        server.restart()

        with RemoteStore(config) as store:
            hashed = set(store.content_hashes())
            written = 0
            for stem in old:
                graph = str(document_iri(stem))
                got = {line for line in store.ntriples(graph).decode("utf-8").splitlines() if line}
                # the kill may fall between a graph's write and its content hash, written last on
                # its own: a whole new graph with no hash, which the next ingest writes again
                unmarked = {line for line in new[stem] if "contentHash" not in line}
                assert got in (old[stem], new[stem], unmarked), f"{stem} is half-written"
                assert (graph in hashed) == (got != unmarked)
                written += got == new[stem]
            assert 0 < written < len(old), "the kill should have come in the middle"
            again = ingest_files(store, [folder]).outcomes
            assert sum(outcome.status in ("updated", "added") for outcome in again) == len(old) - written
            assert all(
                {line for line in store.ntriples(str(document_iri(stem))).decode("utf-8").splitlines() if line}
                == new[stem]
                for stem in old
            )
    finally:
        server.stop()
        shutil.rmtree(tmp_path / "server", ignore_errors=True)


@pytest.mark.slow
def test_every_command_works_on_a_remote_store(
    oxigraph: servers.Server, ingested_store_path: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from wsisgraph.cli import app

    runner = CliRunner()
    local = tmp_path / "local"
    shutil.copytree(ingested_store_path, local)
    url = oxigraph.base_url

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    assert "copied 16 graphs" in run("push", "--to", url, "--store", str(local))
    facts = run("facts", "--store", url)
    assert facts.count("\n") > 300 and '"type": "membership"' in facts
    assert "ITU" in run(
        "query", "members-of", "--param", "group=UN E-waste Coalition", "--format", "csv", "--store", url
    )
    assert "conforms" in run("validate", "--store", url)
    assert "documents" in run("stats", "--store", url)
    run("export", "--format", "trig", "-o", str(tmp_path / "remote.trig"), "--store", url)
    assert (tmp_path / "remote.trig").stat().st_size > 100_000
    assert "wrote the network" in run("viz", "-o", str(tmp_path / "remote.html"), "--store", url)
    run("network", "--format", "graphml", "-o", str(tmp_path / "remote.graphml"), "--store", url)
    assert re.search(r"updated\s*│\s*1 ", run("ingest", str(CORPUS / "cstd2021-unep.md"), "--force", "--store", url))
    pulled = tmp_path / "pulled"
    assert "copied 16 graphs" in run("pull", "--from", url, "--store", str(pulled))
    with Store(pulled) as back, Store(local) as original:
        assert _dump(back) == _dump(original)
