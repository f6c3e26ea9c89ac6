"""Ingest files into the store: read -> extract -> emit -> replace the document's graph.

Each document is extracted before anything is written, then written in one transaction,
so a bad file never changes the store and never stops the other files. A document whose
bytes and extractor version are unchanged is skipped.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from wsisgraph import __version__
from wsisgraph.emit import document_iri, emit_document
from wsisgraph.errors import DocumentError, ReadError, WsisgraphError
from wsisgraph.extract import extract_document
from wsisgraph.read import SUPPORTED_SUFFIXES, ReadLimits, document_id, read_document
from wsisgraph.reference import reference_triples
from wsisgraph.store import GraphStore
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
        bindings={"g": _iri(str(REFERENCE_GRAPH)), "v": _literal(version)},
    )
    if result.rows:
        return False
    from rdflib import Literal

    triples = [*reference_triples(), (REFERENCE_GRAPH, WSIS.extractorVersion, Literal(version))]
    store.replace_graph(REFERENCE_GRAPH, triples)
    return True


def _iri(value: str):  # type: ignore[no-untyped-def]
    from wsisgraph.store import Value

    return Value("iri", value)


def _literal(value: str):  # type: ignore[no-untyped-def]
    from wsisgraph.store import Value

    return Value("literal", value)


def _ingest_one(
    store: GraphStore, path: Path, seen: dict[str, Path], limits: ReadLimits, force: bool
) -> DocumentOutcome:
    doc_id = document_id(path)
    if doc_id in seen:
        return DocumentOutcome(
            str(path),
            doc_id,
            "failed",
            error=f"{path}: document id {doc_id!r} is already used by {seen[doc_id]} (rename one of the files)",
        )
    seen[doc_id] = path
    try:
        document = read_document(path, limits=limits)
        version = extractor_version()
        content_hash = f"{document.sha256}:{version}"
        graph = document_iri(document.id)
        previous = store.content_hash(graph)
        if previous == content_hash and not force:
            return DocumentOutcome(str(path), document.id, "unchanged", warnings=document.warnings)
        extraction = extract_document(document)
        triples = emit_document(extraction, content_hash=content_hash, version=version)
        store.replace_graph(graph, triples)
    except DocumentError as error:
        return DocumentOutcome(str(path), doc_id, "failed", error=str(error))
    except WsisgraphError as error:
        return DocumentOutcome(str(path), doc_id, "failed", error=f"{path}: {error}")
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, AssertionError) as error:
        # a bug or a pathological input must not stop the other documents
        problem = f"could not be processed ({type(error).__name__}: {error})"
        hint = "this is a bug in wsisgraph; please report it with the file"
        return DocumentOutcome(str(path), doc_id, "failed", error=str(ReadError(path, problem, hint=hint)))
    counts = Counter(fact.kind.value for fact in extraction.facts)
    return DocumentOutcome(
        str(path),
        document.id,
        "updated" if previous else "added",
        dict(counts),
        document.warnings,
    )


def iter_ingest(
    store: GraphStore, files: Iterable[Path], *, limits: ReadLimits | None = None, force: bool = False
) -> Iterator[DocumentOutcome]:
    """Ingest ``files`` one by one, yielding each outcome as soon as it is known."""
    ensure_reference(store)
    seen: dict[str, Path] = {}
    for path in files:
        yield _ingest_one(store, path, seen, limits or ReadLimits(), force)


def ingest_files(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    limits: ReadLimits | None = None,
    force: bool = False,
    progress: Callable[[DocumentOutcome], None] | None = None,
) -> IngestReport:
    """Ingest every supported file under ``paths``."""
    files, warnings = collect_files(paths)
    report = IngestReport(warnings=warnings)
    for outcome in iter_ingest(store, files, limits=limits, force=force):
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return report
