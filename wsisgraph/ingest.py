"""Ingest files into the store: read -> extract -> emit -> replace the document's graph.

Each document is extracted before anything is written, then written in one transaction,
so a bad file never changes the store and never stops the other files. A document whose
bytes and extractor version are unchanged is skipped before it is even parsed.

With ``jobs`` above 1, reading and extraction run in worker processes (started from a
clean fork server, so no worker inherits the open store) while this process writes each
finished document to the store, in input order, with at most a few documents in flight.
A store that cannot be reached (or refuses the credentials) stops the run: the documents
not yet written are reported as failed, to be retried, and nothing half-written remains.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import stat
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from wsisgraph import __version__
from wsisgraph.emit import document_iri, emit_document
from wsisgraph.errors import DocumentError, ReadError, StoreRefused, StoreUnavailable, WsisgraphError
from wsisgraph.extract import extract_document
from wsisgraph.read import SUPPORTED_SUFFIXES, ReadLimits, document_id, read_bytes
from wsisgraph.reference import reference_triples
from wsisgraph.store import GraphStore, Store, Value
from wsisgraph.store.base import ntriples_lines
from wsisgraph.vocab import REFERENCE_GRAPH, WSIS

__all__ = [
    "DocumentOutcome",
    "IngestReport",
    "collect_files",
    "ensure_reference",
    "extractor_version",
    "ingest_files",
]

MAX_FILES = 1_000_000
#: documents written between two flushes of the store: peak memory stays flat as the corpus grows
FLUSH_EVERY = 100
#: an empty embedded store given at least this many documents is built with the bulk loader
BULK_MIN = 50
#: at most this many documents per bulk load (bounded memory: about 30 MB of N-Quads)
BULK_BATCH = 100


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What happened to one file."""

    path: str
    document: str
    status: str  # added, updated, unchanged, failed
    facts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    error: str = ""


@dataclass(slots=True)
class IngestReport:
    """The outcome of an ingest run."""

    outcomes: list[DocumentOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def facts_by_kind(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for outcome in self.outcomes:
            total.update(outcome.facts)
        return total

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]


_VERSION: str | None = None


def extractor_version() -> str:
    """The package version plus a digest of the extraction code: a rule change re-reads documents."""
    global _VERSION
    if _VERSION is None:
        digest = hashlib.sha256()
        package = resources.files("wsisgraph")
        names: list[str] = []
        for folder in ("", "extract", "read"):
            node = package.joinpath(folder) if folder else package
            names += [f"{folder}/{entry.name}" for entry in node.iterdir() if entry.name.endswith(".py")]
        for name in sorted(names):
            folder, _, file_name = name.partition("/")
            node = package.joinpath(folder, file_name) if folder else package.joinpath(file_name)
            digest.update(name.encode())
            digest.update(node.read_bytes())
        for table in sorted(entry.name for entry in package.joinpath("data", "reference").iterdir()):
            digest.update(package.joinpath("data", "reference", table).read_bytes())
        _VERSION = f"{__version__}+{digest.hexdigest()[:12]}"
    return _VERSION


def collect_files(paths: Iterable[Path], *, max_files: int = MAX_FILES) -> tuple[list[Path], list[str]]:
    """The supported files under ``paths`` (recursively), and warnings about what was skipped.

    Symbolic links to folders are not followed (no loops); hidden files are skipped.
    """
    files: list[Path] = []
    warnings: list[str] = []
    for path in paths:
        if not path.exists():
            warnings.append(f"{path}: no such file or folder")
            continue
        if path.is_file():
            files.append(path)
            continue
        if not path.is_dir():
            warnings.append(f"{path}: not a file or folder (a pipe, socket or device); skipped")
            continue
        for root, dirs, names in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                candidate = Path(root) / name
                if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(candidate)
                    if len(files) >= max_files:
                        warnings.append(f"{path}: stopped after {max_files:,} files")
                        return files, warnings
    return files, warnings


def ensure_reference(store: GraphStore) -> bool:
    """Load the reference graph if it is missing or out of date; return True if it was loaded."""
    version = extractor_version()
    result = store.query(
        "SELECT ?g ?v WHERE { GRAPH ?g { ?g wsis:extractorVersion ?v } }",
        bindings={"g": Value("iri", str(REFERENCE_GRAPH)), "v": Value("literal", version)},
    )
    if result.rows:
        return False
    from rdflib import Literal

    triples = [*reference_triples(), (REFERENCE_GRAPH, WSIS.extractorVersion, Literal(version))]
    store.replace_graph(REFERENCE_GRAPH, triples)
    return True


@dataclass(frozen=True, slots=True)
class _Extracted:
    """What a worker sends back for one file: the graph's N-Triples lines, or why there are none."""

    path: str
    document: str
    status: str  # extracted, unchanged, failed
    content_hash: str = ""
    lines: tuple[str, ...] = ()
    facts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    error: str = ""


def _read_file(path: Path, limits: ReadLimits) -> bytes:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise ReadError(path, "is a directory, not a file")
        if not stat.S_ISREG(status.st_mode):
            # opening a named pipe would wait for a writer for ever
            raise ReadError(path, "is not a regular file (a pipe, socket or device)", hint="leave it out of the ingest")
        size = status.st_size
        if size > limits.max_bytes:
            raise ReadError(
                path,
                f"the file is {size / 1e6:.0f} MB, over the {limits.max_bytes / 1e6:.0f} MB limit",
                hint="split it into smaller documents",
            )
        with path.open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)
    except PermissionError as error:
        raise ReadError(path, "permission denied", hint="make the file readable") from error
    except IsADirectoryError as error:
        raise ReadError(path, "is a directory, not a file") from error
    except OSError as error:
        raise ReadError(path, f"cannot be read: {error.strerror or error}") from error
    return data


def extract_file(
    path: Path, known_hash: str | None, *, limits: ReadLimits, version: str, force: bool = False
) -> _Extracted:
    """Read, extract and emit one file (a worker's job); skip it if its hash is ``known_hash``."""
    doc_id = document_id(path)
    try:
        data = _read_file(path, limits)
        content_hash = f"{hashlib.sha256(data).hexdigest()}:{version}"
        if content_hash == known_hash and not force:
            return _Extracted(str(path), doc_id, "unchanged", content_hash)
        fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            raise ReadError(
                path,
                f"unsupported file type {path.suffix or '(none)'}",
                hint="give .md, .txt, .html, .docx or .pdf files",
            )
        document = read_bytes(data, source=str(path), fmt=fmt, doc_id=doc_id, limits=limits)
        extraction = extract_document(document)
        graph = document_iri(document.id)
        lines = ntriples_lines(emit_document(extraction, content_hash=content_hash, version=version), graph)
    except DocumentError as error:
        return _Extracted(str(path), doc_id, "failed", error=str(error))
    except WsisgraphError as error:
        return _Extracted(str(path), doc_id, "failed", error=f"{path}: {error}")
    except Exception as error:
        # a bug or a pathological input (a reader library's own exception) must not stop the other documents
        problem = f"could not be processed ({type(error).__name__}: {error})"
        hint = "this is a bug in wsisgraph; please report it with the file"
        return _Extracted(str(path), doc_id, "failed", error=str(ReadError(path, problem, hint=hint)))
    counts = Counter(fact.kind.value for fact in extraction.facts)
    return _Extracted(str(path), document.id, "extracted", content_hash, tuple(lines), dict(counts), document.warnings)


def _extract_in_order(
    tasks: list[tuple[Path, str | None]], *, jobs: int, limits: ReadLimits, version: str, force: bool
) -> Iterator[_Extracted]:
    """Each task's extraction, in order; in worker processes when ``jobs`` > 1."""
    if jobs <= 1 or len(tasks) < 2 * jobs:
        for path, known in tasks:
            yield extract_file(path, known, limits=limits, version=version, force=force)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["wsisgraph.extract", "wsisgraph.emit", "wsisgraph.read"])
    pending: deque[Future[_Extracted]] = deque()
    queue = iter(tasks)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        try:
            for path, known in queue:
                pending.append(pool.submit(extract_file, path, known, limits=limits, version=version, force=force))
                if len(pending) >= 4 * jobs:  # bounded: memory stays flat however many files there are
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def iter_ingest(
    store: GraphStore,
    files: Iterable[Path],
    *,
    limits: ReadLimits | None = None,
    force: bool = False,
    jobs: int = 1,
) -> Iterator[DocumentOutcome]:
    """Ingest ``files``, yielding each outcome as soon as it is known.

    Outcomes come in input order; a file whose document id another file already took is
    reported last.
    """
    ensure_reference(store)
    limits = limits or ReadLimits()
    version = extractor_version()
    known = store.content_hashes()
    seen: dict[str, Path] = {}
    tasks: list[tuple[Path, str | None]] = []
    duplicates: list[DocumentOutcome] = []
    for path in files:
        doc_id = document_id(path)
        if doc_id in seen:
            taken = f"document id {doc_id!r} is already used by {seen[doc_id]} (rename one of the files)"
            duplicates.append(DocumentOutcome(str(path), doc_id, "failed", error=f"{path}: {taken}"))
            continue
        seen[doc_id] = path
        tasks.append((path, known.get(str(document_iri(doc_id)))))
    if isinstance(store, Store) and not known and len(tasks) >= BULK_MIN:
        batch = max(10, min(BULK_BATCH, len(tasks) // 10))  # a tenth of the run at a time, for progress
        yield from _bulk_ingest(
            store, _extract_in_order(tasks, jobs=jobs, limits=limits, version=version, force=force), batch
        )
        yield from duplicates
        return
    stopped = ""
    written = 0
    for extracted in _extract_in_order(tasks, jobs=jobs, limits=limits, version=version, force=force):
        if stopped:
            yield DocumentOutcome(extracted.path, extracted.document, "failed", error=f"{extracted.path}: {stopped}")
            continue
        try:
            outcome = _write(store, extracted, known)
            written += outcome.status in ("added", "updated")
            if written and written % FLUSH_EVERY == 0 and outcome.status in ("added", "updated"):
                store.flush()  # RocksDB's memory tables otherwise grow with the corpus
            yield outcome
        except (StoreUnavailable, StoreRefused) as error:
            # every later write would fail the same way: report the rest as not written
            stopped = "not written: the store stopped answering; run the same ingest again"
            yield DocumentOutcome(extracted.path, extracted.document, "failed", error=f"{extracted.path}: {error}")
    yield from duplicates


def _bulk_ingest(store: Store, extracted: Iterable[_Extracted], size: int) -> Iterator[DocumentOutcome]:
    """Build an empty store with Oxigraph's bulk loader, ``size`` documents at a time.

    The loader is several times faster than one transaction per document but is no
    transaction: the store is marked while it runs, each document's content hash is written
    last, and opening a store whose mark is still there removes the graphs a crash cut short.
    """
    store.begin_bulk()
    batch: list[_Extracted] = []

    def flush_batch() -> Iterator[DocumentOutcome]:
        good = [item for item in batch if item.status == "extracted"]
        store.bulk_add_graphs([(str(document_iri(item.document)), item.lines) for item in good])
        for item in batch:
            if item.status == "extracted":
                yield DocumentOutcome(item.path, item.document, "added", item.facts, item.warnings)
            else:
                yield DocumentOutcome(item.path, item.document, item.status, warnings=item.warnings, error=item.error)
        batch.clear()

    for item in extracted:
        batch.append(item)
        if len(batch) >= size:
            yield from flush_batch()
    yield from flush_batch()
    store.end_bulk()


def _write(store: GraphStore, extracted: _Extracted, known: dict[str, str]) -> DocumentOutcome:
    """Write one extracted document to the store; a store that is gone raises."""
    if extracted.status != "extracted":
        return DocumentOutcome(
            extracted.path, extracted.document, extracted.status, warnings=extracted.warnings, error=extracted.error
        )
    graph = str(document_iri(extracted.document))
    try:
        store.replace_graph_lines(graph, list(extracted.lines))
    except (StoreUnavailable, StoreRefused):
        raise
    except WsisgraphError as error:
        return DocumentOutcome(extracted.path, extracted.document, "failed", error=f"{extracted.path}: {error}")
    return DocumentOutcome(
        extracted.path,
        extracted.document,
        "updated" if graph in known else "added",
        extracted.facts,
        extracted.warnings,
    )


def ingest_files(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    limits: ReadLimits | None = None,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[DocumentOutcome], None] | None = None,
) -> IngestReport:
    """Ingest every supported file under ``paths``."""
    files, warnings = collect_files(paths)
    report = IngestReport(warnings=warnings)
    for outcome in iter_ingest(store, files, limits=limits, force=force, jobs=jobs):
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return report
