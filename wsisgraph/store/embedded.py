"""The embedded store: Oxigraph on disk (RocksDB), or in memory.

The merge of the named graphs is the store's default graph (see :mod:`wsisgraph.store.base`);
Oxigraph's ``use_default_graph_as_union`` would return a triple once per graph that holds it.
Every update is one Oxigraph transaction.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from wsisgraph.errors import QueryError, StoreError, StoreLockedError
from wsisgraph.store.base import ExportFormat, GraphStore, QueryResult, Value, from_ox, one_line, solutions_result
from wsisgraph.vocab import BASE, PREFIXES, WSIS

#: a graph that exists only while a bulk load runs: found on opening, it means one was cut short
BULK_MARK = BASE + "graph/bulk-load-in-progress"
_PROV_ACTIVITY = "<http://www.w3.org/ns/prov#Activity>"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

__all__ = ["GRAPH_FORMATS", "RESULTS_FORMATS", "ResultTooLarge", "Store"]

#: the serialisations of SELECT and ASK answers, by short name
RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: the serialisations of CONSTRUCT and DESCRIBE answers (and of graphs), by short name
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
#: media type -> short name, for content negotiation
MEDIA_TYPES = {
    **{fmt.media_type.split(";")[0]: name for name, fmt in RESULTS_FORMATS.items()},
    **{fmt.media_type: name for name, fmt in GRAPH_FORMATS.items()},
}


def _is_lock_error(error: OSError) -> bool:
    message = str(error).lower()
    return "lock" in message or "resource temporarily unavailable" in message


class ResultTooLarge(QueryError):
    """A query's serialised answer passed the size limit."""

    hint = "add a LIMIT or narrow the query"


class _CappedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            raise ResultTooLarge(f"the answer is larger than the limit of {self.limit:,} bytes")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


class Store(GraphStore):
    """An embedded Oxigraph store on disk (or in memory when ``path`` is None)."""

    runs_variants = True

    def __init__(self, path: Path | None = None, *, wait: float = 0.0, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._store = self._open(path, wait, read_only)
        if not read_only and self._store.contains_named_graph(ox.NamedNode(BULK_MARK)):
            self._repair_bulk_load()

    @property
    def location(self) -> str:
        return str(self.path) if self.path is not None else "(in memory)"

    @staticmethod
    def _open(path: Path | None, wait: float, read_only: bool) -> ox.Store:
        if path is None:
            return ox.Store()
        if read_only:
            try:
                return ox.Store.read_only(str(path))
            except OSError as error:
                raise StoreError(f"cannot open the store {path} to read: {one_line(error)}") from error
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                return ox.Store(str(path))
            except OSError as error:
                if _is_lock_error(error):
                    if time.monotonic() < deadline:
                        time.sleep(0.25)
                        continue
                    raise StoreLockedError(f"the store {path} is in use by another wsisgraph process") from error
                raise StoreError(
                    f"cannot open the store {path}: {error}",
                    hint="check the path is a wsisgraph store folder you can write to, or pick another with --store",
                ) from error

    def close(self) -> None:
        """Flush and release the store (its lock is released when the object goes)."""
        if not hasattr(self, "_store"):
            return
        try:
            if not self.read_only:  # pyoxigraph refuses to flush a read-only store
                self._store.flush()
        except OSError as error:
            raise StoreError(f"cannot flush the store {self.path}: {error}") from error
        finally:
            del self._store

    def __enter__(self) -> Store:
        return self

    def flush(self) -> None:
        """Write RocksDB's memory tables to disk, which also caps the memory they hold."""
        if self.read_only:
            return
        try:
            self._store.flush()
        except OSError as error:
            raise StoreError(f"cannot flush the store {self.path}: {error}") from error

    # --- the engine ----------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"cannot update the store {self.location}: {one_line(error)}") from error

    def _run(self, sparql: str, **dataset: object) -> object:
        try:
            return self._store.query(sparql, prefixes=PREFIXES, **dataset)  # type: ignore[arg-type]
        except SyntaxError as error:
            raise QueryError(f"the SPARQL query is not valid: {one_line(error)}") from error
        except RuntimeError as error:
            raise QueryError(f"the query failed: {one_line(error)}") from error
        except OSError as error:
            raise StoreError(f"the query could not be run: {one_line(error)}") from error

    def _select(self, sparql: str, *, timeout: float | None) -> QueryResult:
        answer = self._run(sparql)
        if not isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
            # a traceback kept by the caller must not keep the RocksDB handle (and its lock) alive
            del answer
            raise QueryError("only SELECT and ASK queries can be run here; use `wsisgraph export` for graphs")
        return solutions_result(answer)

    def _construct(self, sparql: str) -> list[tuple[Value, Value, Value]]:
        answer = self._run(sparql)
        if not isinstance(answer, ox.QueryTriples):
            del answer  # see _select()
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        triples = []
        for triple in answer:
            subject, predicate, obj = (from_ox(t) for t in (triple.subject, triple.predicate, triple.object))
            assert subject is not None and predicate is not None and obj is not None
            triples.append((subject, predicate, obj))
        return triples

    def answer(
        self,
        sparql: str,
        *,
        results_format: str = "json",
        graph_format: str = "turtle",
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        max_bytes: int | None = None,
    ) -> tuple[str, bytes]:
        """Answer a query as the SPARQL protocol does: its media type and serialised bytes.

        ``results_format`` (json, xml, csv, tsv) serves SELECT and ASK, ``graph_format`` (one
        of :data:`GRAPH_FORMATS`) CONSTRUCT and DESCRIBE. ``default_graphs`` and
        ``named_graphs`` are the protocol's ``default-graph-uri`` and ``named-graph-uri``.
        An answer larger than ``max_bytes`` raises :class:`ResultTooLarge`.
        """
        dataset: dict[str, object] = {}
        try:
            if default_graphs:
                dataset["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
            if named_graphs:
                dataset["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        except ValueError as error:
            raise QueryError(f"a graph IRI of the request is not valid: {one_line(error)}") from error
        answer = self._run(sparql, **dataset)
        sink = _CappedBuffer(max_bytes)
        try:
            if isinstance(answer, ox.QueryTriples):
                rdf_format = GRAPH_FORMATS[graph_format]
                answer.serialize(sink, rdf_format)  # type: ignore[arg-type]
                return rdf_format.media_type, sink.getvalue()
            solutions_format = RESULTS_FORMATS[results_format]
            answer.serialize(sink, solutions_format)  # type: ignore[attr-defined]
            return solutions_format.media_type, sink.getvalue()
        finally:
            del answer

    def graph_bytes(self, graph: str | None, fmt: str = "ntriples") -> tuple[str, bytes]:
        """One named graph (None: the default graph, the merge) serialised, with its media type."""
        rdf_format = GRAPH_FORMATS[fmt]
        try:
            name = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
        except ValueError as error:
            raise QueryError(f"{graph!r} is not a valid graph IRI ({one_line(error)})") from error
        quads = self._store.quads_for_pattern(None, None, None, name)
        if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            data = ox.serialize(quads, format=rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
        else:
            prefixes = PREFIXES if fmt == "turtle" else None
            data = ox.serialize((quad.triple for quad in quads), format=rdf_format, prefixes=prefixes)
        return rdf_format.media_type, data or b""

    @staticmethod
    def to_ntriples(data: bytes, fmt: str, *, base_iri: str | None = None) -> bytes:
        """RDF bytes in ``fmt`` (a :data:`GRAPH_FORMATS` name) as N-Triples; a syntax error says where."""
        try:
            triples = ox.parse(data, format=GRAPH_FORMATS[fmt], base_iri=base_iri)
            return (
                ox.serialize(
                    (t if isinstance(t, ox.Triple) else t.triple for t in triples), format=ox.RdfFormat.N_TRIPLES
                )
                or b""
            )
        except SyntaxError as error:
            raise StoreError(f"the graph is not valid {fmt}: {one_line(error)}; nothing was changed") from error

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` exists."""
        return self._store.contains_named_graph(ox.NamedNode(graph))

    # --- bulk loading a store built from empty ---------------------------------------------------

    def begin_bulk(self) -> None:
        """Mark the store as being bulk loaded (the loader is fast but not a transaction)."""
        self.update(f"INSERT DATA {{ GRAPH <{BULK_MARK}> {{ <{BULK_MARK}> {_RDF_TYPE} {_PROV_ACTIVITY} }} }}")

    def end_bulk(self) -> None:
        """The bulk load is complete: drop the mark."""
        self.update(f"DROP SILENT GRAPH <{BULK_MARK}>")

    def bulk_add_graphs(self, graphs: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Add new named graphs (N-Triples lines each) and their merge with Oxigraph's bulk loader.

        Each graph's content-hash triple is held back and written last, in one transaction
        for the batch: a graph cut short by a crash has no hash, and the next opening of the
        store (see :meth:`_repair_bulk_load`) removes it.
        """
        quads: list[str] = []
        hashes: list[str] = []
        marker = f" <{WSIS.contentHash}> "
        for graph, lines in graphs:
            name = str(ox.NamedNode(graph))
            for line in lines:
                if marker in line:
                    hashes.append(f"GRAPH {name} {{ {line} }} {line}")
                    continue
                quads.append(f"{line[:-1]}{name} .")
                quads.append(line)
        try:
            self._store.bulk_load(("\n".join(quads) + "\n").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"cannot bulk load into the store {self.location}: {one_line(error)}") from error
        if hashes:
            self.update("INSERT DATA {\n" + "\n".join(hashes) + "\n}")

    def _repair_bulk_load(self) -> None:
        """Remove what a bulk load cut short left: graphs without their content hash, stray merge triples."""
        cut = self._select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(?g != <{BULK_MARK}> && STRSTARTS(STR(?g), "{BASE}doc/")) '
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?g <{WSIS.contentHash}> ?hash }} }} }}",
            timeout=None,
        )
        for row in cut.rows:
            if row[0] is not None:
                self.update(f"DROP SILENT GRAPH <{row[0].value}>")
        # the merge may hold triples of a cut graph, or ones whose graph quad never got in
        self.update("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        self.update(f"DROP SILENT GRAPH <{BULK_MARK}>")

    # --- faster than the generic SPARQL ------------------------------------------------------

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(graph.value for graph in self._store.named_graphs() if isinstance(graph, ox.NamedNode))

    def _named_quads(self) -> Iterator[ox.Quad]:
        return (quad for quad in self._store if not isinstance(quad.graph_name, ox.DefaultGraph))

    def quad_count(self) -> int:
        """The number of quads in the named graphs (the merged default graph is derived from them)."""
        return sum(1 for _ in self._named_quads())

    def triple_count(self) -> int:
        """The number of distinct triples: the size of the merged default graph."""
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def nquads(self) -> bytes:
        """The named graphs as N-Quads bytes."""
        return ox.serialize(self._named_quads(), format=ox.RdfFormat.N_QUADS) or b""

    def ntriples(self, graph: str) -> bytes:
        """One named graph as N-Triples bytes."""
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES) or b""

    def export(self, output: BinaryIO, fmt: ExportFormat, *, graph: str | None = None) -> None:
        """Serialise the store, or one graph, to ``output``.

        Formats with named graphs (TriG, N-Quads, JSON-LD) get the document graphs; formats
        without (Turtle, N-Triples) get their merge, the default graph.
        """
        prefixes = PREFIXES if fmt in (ExportFormat.TURTLE, ExportFormat.TRIG) else None
        try:
            if graph is not None:
                quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
                if fmt.has_graphs:
                    ox.serialize(quads, output, fmt.rdf_format, prefixes=prefixes)
                else:
                    ox.serialize((q.triple for q in quads), output, fmt.rdf_format, prefixes=prefixes)
            elif fmt.has_graphs:
                ox.serialize(self._named_quads(), output, fmt.rdf_format, prefixes=prefixes)
            else:
                merged = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                ox.serialize((q.triple for q in merged), output, fmt.rdf_format, prefixes=prefixes)
        except (OSError, ValueError, TypeError) as error:
            raise StoreError(f"cannot export the store: {error}") from error
