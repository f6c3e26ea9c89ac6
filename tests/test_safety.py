"""A kill -9 in the middle of an ingest, and two ingests on one store, never corrupt the store."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wsisgraph.emit import document_iri
from wsisgraph.ingest import extract_file, extractor_version, ingest_files
from wsisgraph.read import ReadLimits
from wsisgraph.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
COPIES = 8


def _corpus(folder: Path) -> list[Path]:
    """The shipped Markdown and text documents, several times under other names."""
    folder.mkdir()
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".html"))
    for copy in range(COPIES):
        for source in sources:
            shutil.copy(source, folder / f"{source.stem}-copy{copy}{source.suffix}")
    return sorted(folder.iterdir())


def _ingest_process(store: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "wsisgraph.cli", "ingest", str(folder), "--store", str(store), "-q", "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _graph_lines(store: Store, graph: str) -> set[str]:
    return {line for line in store.ntriples(graph).decode("utf-8").splitlines() if line}


@pytest.mark.parametrize("start", ["empty", "filled"])
def test_a_killed_ingest_leaves_each_document_whole_or_absent(tmp_path: Path, start: str) -> None:
    """An empty store is built by the bulk loader, a filled one a transaction per document."""
    files = _corpus(tmp_path / "docs")
    store_path = tmp_path / "store"
    if start == "filled":
        with Store(store_path) as store:
            assert ingest_files(store, [CORPUS / "cstd2021-unep.md"]).count("added") == 1
    process = _ingest_process(store_path, tmp_path / "docs")
    time.sleep(6.0)  # past the first bulk batch of ~11 documents on a slow machine, well before the end
    assert process.poll() is None, "the ingest finished before it could be killed; give it more documents"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    assert process.stderr is not None
    process.stderr.close()

    version = extractor_version()
    with Store(store_path) as store:
        present = set(store.document_graphs()) - ({str(document_iri("cstd2021-unep"))} if start == "filled" else set())
        assert 0 < len(present) < len(files), "the kill should have come in the middle"
        for path in files:
            graph = str(document_iri(path.stem))
            if graph not in present:
                assert _graph_lines(store, graph) == set()
                continue
            expected = extract_file(path, None, limits=ReadLimits(), version=version)
            assert _graph_lines(store, graph) == set(expected.lines), f"{path.name} is half-written"
        merged = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        assert merged.rows[0][0] is not None and merged.rows[0][0].value == "0", "the merge holds a dead triple"
        missing = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")
        assert missing.rows[0][0] is not None and missing.rows[0][0].value == "0", "the merge misses a triple"

        report = ingest_files(store, [tmp_path / "docs"])
    statuses = {outcome.document: outcome.status for outcome in report.outcomes}
    assert {statuses[p.stem] for p in files} <= {"added", "unchanged"}
    assert sum(status == "unchanged" for status in statuses.values()) == len(present)
    with Store(store_path) as store:
        assert not store.has_graph("https://w3id.org/wsisgraph/graph/bulk-load-in-progress")
    assert sum(status == "added" for status in statuses.values()) == len(files) - len(present)


def test_a_second_ingest_on_the_same_store_is_refused_clearly(tmp_path: Path) -> None:
    _corpus(tmp_path / "docs")
    store_path = tmp_path / "store"
    first = _ingest_process(store_path, tmp_path / "docs")
    try:
        deadline = time.monotonic() + 30
        while not (store_path / "LOCK").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "wsisgraph.cli",
                "ingest",
                str(CORPUS / "cstd2021-unep.md"),
                "--store",
                str(store_path),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert first.poll() is None, "the first ingest ended too soon for the test to mean anything"
        assert second.returncode == 2
        assert "in use by another wsisgraph process" in second.stderr
        assert second.stderr.strip().count("\n") == 0
    finally:
        first.wait(300)
        assert first.stderr is not None
        first.stderr.close()
    assert first.returncode == 0
    with Store(store_path) as store:
        assert len(store.document_graphs()) == len(list((tmp_path / "docs").iterdir()))


def test_the_store_is_flushed_as_documents_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RocksDB's memory tables are written out every FLUSH_EVERY documents: memory stays flat."""
    import wsisgraph.ingest as ingest

    monkeypatch.setattr(ingest, "FLUSH_EVERY", 2)
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(5):
        (folder / f"d{number}.md").write_text(f"# Report {number}\n\nITU is a member of UNGIS.\n", encoding="utf-8")
    flushes: list[int] = []

    class Counting(Store):
        def flush(self) -> None:
            flushes.append(1)
            super().flush()

    with Counting(tmp_path / "store") as store:
        assert [o.status for o in ingest_files(store, [folder]).outcomes].count("added") == 5
        assert len(flushes) == 2
        assert [o.status for o in ingest_files(store, [folder]).outcomes] == ["unchanged"] * 5
        assert len(flushes) == 2  # nothing written, nothing flushed


def test_opening_a_store_after_a_cut_bulk_load_removes_what_it_cut(tmp_path: Path) -> None:
    """As a crash inside the bulk loader leaves it: one graph whole, one without its hash, a stray merge triple."""
    version = extractor_version()
    whole, cut = (
        extract_file(CORPUS / name, None, limits=ReadLimits(), version=version)
        for name in ("cstd2021-unep.md", "cstd2019-itu.md")
    )
    cut_graph = str(document_iri(cut.document))
    with Store(tmp_path / "store") as store:
        store.begin_bulk()
        store.bulk_add_graphs([(str(document_iri(whole.document)), whole.lines)])
        half = [line for line in cut.lines if "contentHash" not in line][: len(cut.lines) // 2]
        body = "\n".join(half)
        store.update(f"INSERT DATA {{ GRAPH <{cut_graph}> {{ {body} }} <urn:stray> <urn:stray> <urn:stray> . }}")
        assert store.has_graph(cut_graph)
    with Store(tmp_path / "store") as store:
        assert store.document_graphs() == [str(document_iri(whole.document))]
        assert not store.has_graph(cut_graph)
        assert not store.has_graph("https://w3id.org/wsisgraph/graph/bulk-load-in-progress")
        assert store.query("ASK { <urn:stray> ?p ?o }").boolean is False
        assert set(store.ntriples(str(document_iri(whole.document))).decode().splitlines()) == set(whole.lines)
        orphans = "ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        assert store.query(orphans).boolean is False
