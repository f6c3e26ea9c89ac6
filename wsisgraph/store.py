"""The only module that talks to Oxigraph: open, replace a document's graph, query, export.

The embedded store is a pyoxigraph ``Store`` on disk (RocksDB). Each document has its own
named graph. The default graph is kept as the *merge* of all named graphs: every triple
once, however many documents state it. Queries without ``GRAPH`` read it, so a label that
fifteen documents repeat matches once and joins do not multiply (Oxigraph's
``use_default_graph_as_union`` would return it fifteen times).

Replacing a document's graph is one SPARQL update, which Oxigraph applies in one
transaction: the merge loses the triples only that document stated, the named graph is
dropped and written again, and the merge gains the new triples. A reader sees the old
state or the new one, never half of it, and a crash mid-write leaves the old state.
The update is plain SPARQL 1.1, so a remote store can be kept the same way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from wsisgraph.errors import QueryError, StoreError, StoreLockedError
from wsisgraph.sparql import bind_values
from wsisgraph.vocab import PREFIXES, REFERENCE_GRAPH, WSIS

__all__ = [
    "DEFAULT_STORE",
    "ExportFormat",
    "QueryResult",
    "Store",
    "Value",
    "default_store_path",
]

_XDG = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
DEFAULT_STORE = Path(_XDG) / "wsisgraph" / "store"


def default_store_path() -> Path:
    """The store used when none is given: ``$WSISGRAPH_STORE``, else the user's data folder."""
    configured = os.environ.get("WSISGRAPH_STORE")
    return Path(configured).expanduser() if configured else DEFAULT_STORE


class ExportFormat(StrEnum):
    """RDF serialisations for ``wsisgraph export``."""

    TURTLE = "turtle"
    TRIG = "trig"
    NQUADS = "nquads"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return {
            ExportFormat.TURTLE: ox.RdfFormat.TURTLE,
            ExportFormat.TRIG: ox.RdfFormat.TRIG,
            ExportFormat.NQUADS: ox.RdfFormat.N_QUADS,
            ExportFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
            ExportFormat.JSONLD: ox.RdfFormat.JSON_LD,
        }[self]

    @property
    def has_graphs(self) -> bool:
        return self in (ExportFormat.TRIG, ExportFormat.NQUADS, ExportFormat.JSONLD)


@dataclass(frozen=True, slots=True)
class Value:
    """One RDF term of a query result, independent of the store library."""

    kind: str
    value: str
    datatype: str = ""
    language: str = ""

    def n3(self) -> str:
        if self.kind == "iri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        escaped = self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        if self.language:
            return f'"{escaped}"@{self.language}'
        if self.datatype and not self.datatype.endswith("#string"):
            return f'"{escaped}"^^<{self.datatype}>'
        return f'"{escaped}"'

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The rows of a SELECT (or the answer of an ASK) as plain values."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Value | None, ...], ...]
    boolean: bool | None = None

    def dicts(self) -> Iterator[dict[str, Value | None]]:
        for row in self.rows:
            yield dict(zip(self.variables, row, strict=True))

    def records(self) -> list[dict[str, str | None]]:
        """The rows as plain strings (None where unbound), e.g. for ``pandas.DataFrame``."""
        return [
            {name: value.value if value is not None else None for name, value in row.items()} for row in self.dicts()
        ]


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store the RDF term {term!r}")


def to_store_term(value: Value) -> ox.NamedNode | ox.Literal:
    """A :class:`Value` as a checked pyoxigraph term, for binding query parameters."""
    if value.kind == "iri":
        try:
            return ox.NamedNode(value.value)
        except ValueError as error:
            raise QueryError(
                f"<{value.value}> is not a valid IRI ({error})", hint="write a full IRI such as <https://...>"
            ) from error
    if value.kind == "bnode":
        raise QueryError("a blank node cannot be a query parameter", hint="give an IRI or a literal")
    try:
        if value.language:
            return ox.Literal(value.value, language=value.language)
        if value.datatype:
            return ox.Literal(value.value, datatype=ox.NamedNode(value.datatype))
    except ValueError as error:
        raise QueryError(f"{value.n3()} is not a valid RDF literal ({error})") from error
    return ox.Literal(value.value)


def _one_line(message: object) -> str:
    """A library's error message on one line (Oxigraph lists expected tokens over several)."""
    return " ".join(str(message).split())


def _from_ox(term: object) -> Value | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Value("literal", term.value, term.datatype.value, term.language or "")
    return Value("literal", str(term))


def _unmerge(graph: ox.NamedNode) -> str:
    """A SPARQL update removing from the merged default graph what only ``graph`` states."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}"
    )


def _is_lock_error(error: OSError) -> bool:
    message = str(error).lower()
    return "lock" in message or "resource temporarily unavailable" in message


class Store:
    """An embedded Oxigraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | None = None, *, wait: float = 0.0) -> None:
        self.path = path
        self._store = self._open(path, wait)
        self._merge_if_missing()

    def _merge_if_missing(self) -> None:
        """Build the merged default graph of a store written before it was kept."""
        if next(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
            return
        if next(iter(self._store.named_graphs()), None) is None:
            return
        try:
            self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        except OSError as error:
            raise StoreError(f"cannot update the store {self.path}: {error}") from error

    @staticmethod
    def _open(path: Path | None, wait: float) -> ox.Store:
        if path is None:
            return ox.Store()
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
        try:
            self._store.flush()
        except OSError as error:
            raise StoreError(f"cannot flush the store {self.path}: {error}") from error
        del self._store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "_store"):
            self.close()

    # --- writing ------------------------------------------------------------------------------

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace the named graph ``graph`` with ``triples`` in one transaction."""
        try:
            name = ox.NamedNode(str(graph))
            lines = [f"{_to_ox(s)} {_to_ox(p)} {_to_ox(o)} ." for s, p, o in triples]
        except ValueError as error:
            raise StoreError(
                f"cannot write the graph {graph}: an invalid RDF term ({error}); nothing was changed"
            ) from error
        body = "\n".join(lines)
        update = (
            f"{_unmerge(name)} ;\nDROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}}\n{body}\n}}"
        )
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"cannot write the graph {graph}: {_one_line(error)}") from error
        return len(lines)

    def remove_graph(self, graph: URIRef) -> None:
        """Remove a named graph (nothing happens if it is absent)."""
        try:
            name = ox.NamedNode(str(graph))
            self._store.update(f"{_unmerge(name)} ;\nDROP SILENT GRAPH {name}")
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot remove the graph {graph}: {error}") from error

    # --- reading ------------------------------------------------------------------------------

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(graph.value for graph in self._store.named_graphs() if isinstance(graph, ox.NamedNode))

    def content_hash(self, graph: URIRef) -> str | None:
        """The content hash recorded for a document graph, if the document is in the store."""
        result = self.query(
            "SELECT ?g ?hash WHERE { GRAPH ?g { ?g wsis:contentHash ?hash } }",
            bindings={"g": Value("iri", str(graph))},
        )
        return result.rows[0][1].value if result.rows and result.rows[0][1] else None

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Value] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a SELECT or ASK query.

        ``bindings`` are checked RDF terms put in a ``VALUES`` block (see :mod:`wsisgraph.sparql`),
        never pasted into the query as text.
        """
        if bindings:
            sparql = bind_values(sparql, {name: str(to_store_term(value)) for name, value in bindings.items()})
        try:
            answer = self._store.query(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"the SPARQL query is not valid: {_one_line(error)}") from error
        except RuntimeError as error:
            raise QueryError(f"the query failed: {_one_line(error)}") from error
        except OSError as error:
            raise StoreError(f"the query could not be run: {_one_line(error)}") from error
        del timeout
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult((), (), bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(variable.value for variable in answer.variables)
            rows = tuple(tuple(_from_ox(solution[name]) for name in variables) for solution in answer)
            return QueryResult(variables, rows)
        # Drop the answer before raising: a traceback kept by the caller would otherwise keep
        # the RocksDB handle, and with it the store's lock, alive after close().
        del answer
        raise QueryError("only SELECT and ASK queries can be run here; use `wsisgraph export` for graphs")

    def construct(self, sparql: str) -> list[tuple[Value, Value, Value]]:
        """Run a CONSTRUCT or DESCRIBE query."""
        try:
            answer = self._store.query(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"the SPARQL query is not valid: {_one_line(error)}") from error
        except (RuntimeError, OSError) as error:
            raise QueryError(f"the query failed: {_one_line(error)}") from error
        if not isinstance(answer, ox.QueryTriples):
            del answer  # see query(): a kept traceback must not keep the store open
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        triples = []
        for triple in answer:
            subject, predicate, obj = (_from_ox(t) for t in (triple.subject, triple.predicate, triple.object))
            assert subject is not None and predicate is not None and obj is not None
            triples.append((subject, predicate, obj))
        return triples

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

    def document_graphs(self) -> list[str]:
        """The graphs that hold documents (every named graph but the reference graph)."""
        result = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ?type } "
            f"VALUES ?type {{ <{WSIS.SourceDocument}> <{WSIS.Submission}> }} }} ORDER BY ?g"
        )
        return [row[0].value for row in result.rows if row[0] is not None and row[0].value != str(REFERENCE_GRAPH)]


def values(items: Sequence[Value | None]) -> list[str]:
    """Plain strings of a row (empty for unbound)."""
    return [item.value if item is not None else "" for item in items]
