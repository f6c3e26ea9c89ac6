"""Shared fixtures: the shipped corpus ingested once per session, fresh stores, a CLI runner.

A pyoxigraph store holds a lock on its folder while the Python object lives, so every
fixture closes the stores it opens before a test can run a CLI command on the same folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wsisgraph.ingest import ingest_files
from wsisgraph.store import Store

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
