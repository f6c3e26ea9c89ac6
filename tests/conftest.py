"""Shared fixtures: the shipped corpus ingested once per session, fresh stores, a CLI runner.

A pyoxigraph store holds a lock on its folder while the Python object lives, so every
fixture closes the stores it opens before a test can run a CLI command on the same folder.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wsisgraph.ingest import ingest_files
from wsisgraph.store import MERGE_GRAPH, RemoteConfig, RemoteStore, Store, copy_graphs

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
CORPUS_DOCUMENTS = 15

CopyStore = Callable[[], Path]


def copy_store_folder(source: Path, destination: Path) -> Path:
    """Copy a closed store folder (RocksDB files and all) to ``destination``."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("LOG.old.*"))
    return destination


@pytest.fixture(scope="session")
def ingested_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the shipped corpus, ingested once per session; do not modify it."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    store = Store(path)
    try:
        report = ingest_files(store, [CORPUS])
    finally:
        store.close()
    assert [outcome.error for outcome in report.failed] == []
    assert report.count("added") == CORPUS_DOCUMENTS
    return path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store folder that does not exist yet (the store creates it)."""
    return tmp_path / "store"


@pytest.fixture
def runner() -> CliRunner:
    """A runner for in-process CLI calls (stdout and stderr kept apart)."""
    return CliRunner()


@pytest.fixture
def copy_store(ingested_store_path: Path, tmp_path: Path) -> CopyStore:
    """A function that makes a fresh copy of the ingested store, for tests that change it."""
    copies: list[Path] = []

    def copy() -> Path:
        destination = tmp_path / f"store-copy-{len(copies)}"
        copies.append(copy_store_folder(ingested_store_path, destination))
        return destination

    return copy


@pytest.fixture
def ingested_copy(copy_store: CopyStore) -> Path:
    """A private copy of the ingested store."""
    return copy_store()


# --- the corpus in remote stores: a real server each, started once per session ------------

REQUIRE_SERVERS = os.environ.get("WSISGRAPH_REQUIRE_SERVERS") == "1"


def _push(ingested: Path, target: RemoteStore) -> RemoteStore:
    with Store(ingested) as source:
        failed = [(graph, error) for graph, _, error in copy_graphs(source, target) if error]
    assert failed == []
    return target


@pytest.fixture(scope="session")
def oxigraph_corpus(ingested_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    """The shipped corpus in an Oxigraph server (``oxigraph serve``), through ``--store URL``."""
    server = servers.start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    store = _push(ingested_store_path, RemoteStore(RemoteConfig.from_url(server.base_url)))
    yield store
    store.close()
    server.stop()


def virtuoso_config(server: servers.Server) -> RemoteConfig:
    """How a user points wsisgraph at Virtuoso: digest auth, the merge in a named graph."""
    os.environ["WSISGRAPH_TEST_VIRTUOSO_USER"] = server.user or ""
    os.environ["WSISGRAPH_TEST_VIRTUOSO_PASSWORD"] = server.password or ""
    return RemoteConfig(
        query=server.query_url,
        update=server.update_url,
        graph_store=server.graph_store_url,
        merge_graph=MERGE_GRAPH,
        auth="digest",
        user_env="WSISGRAPH_TEST_VIRTUOSO_USER",
        password_env="WSISGRAPH_TEST_VIRTUOSO_PASSWORD",
        source=f"virtuoso at {server.base_url}",
    )


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """One Virtuoso for the session; skipped without it unless WSISGRAPH_REQUIRE_SERVERS=1."""
    if not servers.virtuoso_available():
        if REQUIRE_SERVERS:
            raise RuntimeError("Virtuoso is missing: apt-get install virtuoso-opensource")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    server = servers.start_virtuoso(tmp_path_factory.mktemp("virtuoso"), ini_overrides=servers.VIRTUOSO_NO_ROW_LIMITS)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_corpus(ingested_store_path: Path, virtuoso_server: servers.Server) -> Iterator[RemoteStore]:
    """The shipped corpus in Virtuoso 7.2, written through SPARQL Update and the Graph Store Protocol."""
    store = _push(ingested_store_path, RemoteStore(virtuoso_config(virtuoso_server)))
    yield store
    store.close()


@pytest.fixture(scope="session")
def served_corpus(ingested_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    """The shipped corpus behind ``wsisgraph serve``, read as a remote store."""
    folder = copy_store_folder(ingested_store_path, tmp_path_factory.mktemp("served") / "store")
    server = servers.start_wsisgraph(folder)
    store = RemoteStore(RemoteConfig.from_url(server.base_url))
    yield store
    store.close()
    server.stop()
