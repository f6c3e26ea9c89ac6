"""What every store offers, in plain SPARQL 1.1, whatever engine answers it.

Each document is one named graph. The *merge* of all named graphs — every triple once,
however many documents state it — is kept as a graph of its own, so that queries without
``GRAPH`` see each label once and joins do not multiply. On the embedded store and on
engines with a real default graph (Oxigraph server, Fuseki) the merge is the default
graph; on engines whose default graph is the union of every graph (Virtuoso, GraphDB) it
is a named graph, :data:`MERGE_GRAPH`, and queries name it as their default graph.

Replacing a document's graph is *one* SPARQL update request — take out of the merge what
only that graph stated, drop the graph, insert the new triples into it and into the merge
— which the embedded store and the remote engines each apply in one transaction: a reader
sees the old graph or the new one, never half of it, and a crash mid-write leaves the old.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from wsisgraph.errors import QueryError, StoreError
from wsisgraph.sparql import bind_values
from wsisgraph.vocab import BASE, REFERENCE_GRAPH, WSIS

__all__ = [
    "MERGE_GRAPH",
    "ExportFormat",
    "GraphStore",
    "QueryResult",
    "Value",
    "bind_terms",
    "values",
]

MERGE_GRAPH = BASE + "graph/merged"
#: graphs a remote store writes a document into before it moves it in place in one update
STAGING_GRAPHS = BASE + "staging/"
#: a FILTER keeping wsisgraph's own document and reference graphs, for stores shared with others
OUR_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{BASE}") && ?g != <{MERGE_GRAPH}> && !STRSTARTS(STR(?g), "{STAGING_GRAPHS}"))'


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


def values(items: Sequence[Value | None]) -> list[str]:
    """Plain strings of a row (empty for unbound)."""
    return [item.value if item is not None else "" for item in items]


# --- terms -------------------------------------------------------------------------------------


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a checked pyoxigraph term (its ``str`` is N-Triples syntax)."""
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


def from_ox(term: object) -> Value | None:
    """A pyoxigraph term as a :class:`Value` (None stays None: an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Value("literal", term.value, term.datatype.value, term.language or "")
    return Value("literal", str(term))


def solutions_result(answer: object) -> QueryResult:
    """pyoxigraph's answer to a SELECT or ASK as a :class:`QueryResult`."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult((), (), bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(variable.value for variable in answer.variables)
        rows = tuple(tuple(from_ox(solution[name]) for name in variables) for solution in answer)
        return QueryResult(variables, rows)
    raise QueryError("only SELECT and ASK queries can be run here; use `wsisgraph export` for graphs")


def bind_terms(sparql: str, bindings: Mapping[str, Value]) -> str:
    """``sparql`` with each binding put in a ``VALUES`` block as a checked RDF term."""
    if not bindings:
        return sparql
    return bind_values(sparql, {name: str(to_store_term(value)) for name, value in bindings.items()})


def one_line(message: object) -> str:
    """A library's error message on one line (Oxigraph lists expected tokens over several)."""
    return " ".join(str(message).split())


def ntriples_lines(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef | str) -> list[str]:
    """Checked N-Triples lines for ``triples``; an invalid term changes nothing and says so."""
    try:
        return [f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in triples]
    except ValueError as error:
        raise StoreError(
            f"cannot write the graph {graph}: an invalid RDF term ({error}); nothing was changed"
        ) from error


def parse_ntriples(data: bytes, graph: str) -> list[str]:
    """N-Triples bytes as checked lines (parsed, so a stray line cannot become an update)."""
    try:
        return [str(triple) + " ." for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as error:
        raise StoreError(f"the graph {graph} is not valid N-Triples: {one_line(error)}; nothing was changed") from error


# --- the store --------------------------------------------------------------------------------


class GraphStore(ABC):
    """A store of named graphs with a merge, answering SPARQL 1.1: embedded or remote."""

    #: where the merge of the named graphs is kept: None for the default graph, else a graph IRI
    merge_graph: str | None = None
    #: whether the engine is known to run a named query's join-first variant well (Oxigraph);
    #: elsewhere (any SPARQL endpoint: Virtuoso refuses its cost estimate) the general form runs
    runs_variants: bool = False

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the store is, for messages: a folder or a URL."""

    # --- what each engine provides ----------------------------------------------------------

    @abstractmethod
    def _select(self, sparql: str, *, timeout: float | None) -> QueryResult:
        """Answer a SELECT or ASK query whose parameters are already bound."""

    @abstractmethod
    def _construct(self, sparql: str) -> list[tuple[Value, Value, Value]]:
        """Answer a CONSTRUCT or DESCRIBE query."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Apply a SPARQL 1.1 update, all of it or nothing."""

    @abstractmethod
    def ntriples(self, graph: str) -> bytes:
        """One named graph as N-Triples bytes (empty if it is absent)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store."""

    @abstractmethod
    def flush(self) -> None:
        """Write buffered changes out."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------------

    def query(
        self, sparql: str, *, bindings: Mapping[str, Value] | None = None, timeout: float | None = None
    ) -> QueryResult:
        """Run a SELECT or ASK query.

        ``bindings`` are checked RDF terms put in a ``VALUES`` block (see :mod:`wsisgraph.sparql`),
        never pasted into the query as text.
        """
        return self._select(bind_terms(sparql, bindings or {}), timeout=timeout)

    def construct(self, sparql: str) -> list[tuple[Value, Value, Value]]:
        """Run a CONSTRUCT or DESCRIBE query."""
        return self._construct(sparql)

    def graphs(self) -> list[str]:
        """The IRIs of wsisgraph's named graphs (documents and reference), sorted."""
        result = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OUR_GRAPHS} }}", timeout=None)
        return sorted(row[0].value for row in result.rows if row[0] is not None)

    def document_graphs(self) -> list[str]:
        """The graphs that hold documents (every named graph but the reference graph)."""
        result = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ?type } "
            f"VALUES ?type {{ <{WSIS.SourceDocument}> <{WSIS.Submission}> }} }} ORDER BY ?g"
        )
        return [row[0].value for row in result.rows if row[0] is not None and row[0].value != str(REFERENCE_GRAPH)]

    def content_hash(self, graph: URIRef | str) -> str | None:
        """The content hash recorded for a document graph, if the document is in the store."""
        result = self.query(
            "SELECT ?g ?hash WHERE { GRAPH ?g { ?g wsis:contentHash ?hash } }",
            bindings={"g": Value("iri", str(graph))},
        )
        return result.rows[0][1].value if result.rows and result.rows[0][1] else None

    def content_hashes(self) -> dict[str, str]:
        """Every document graph's content hash, in one query."""
        result = self.query("SELECT ?g ?hash WHERE { GRAPH ?g { ?g wsis:contentHash ?hash } }")
        return {row[0].value: row[1].value for row in result.rows if row[0] is not None and row[1] is not None}

    def _count(self, sparql: str) -> int:
        result = self._select(sparql, timeout=None)
        return int(result.rows[0][0].value) if result.rows and result.rows[0][0] is not None else 0

    def quad_count(self) -> int:
        """The number of quads in wsisgraph's named graphs (the merge is derived from them)."""
        return self._count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OUR_GRAPHS} }}")

    def triple_count(self) -> int:
        """The number of distinct triples: the size of the merge."""
        return self._count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

    def nquads(self) -> bytes:
        """The named graphs as N-Quads bytes, graph by graph."""
        chunks = []
        for graph in self.graphs():
            name = ox.NamedNode(graph)
            triples = ox.parse(self.ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
            quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
            chunks.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        return b"".join(chunks)

    def export(self, output: BinaryIO, fmt: ExportFormat, *, graph: str | None = None) -> None:
        """Serialise the store, or one graph, to ``output``.

        Formats with named graphs (TriG, N-Quads, JSON-LD) get the document graphs; formats
        without (Turtle, N-Triples) get their merge.
        """
        from wsisgraph.vocab import PREFIXES

        prefixes = PREFIXES if fmt in (ExportFormat.TURTLE, ExportFormat.TRIG) else None
        try:
            if graph is not None:
                triples = ox.parse(self.ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
                if fmt.has_graphs:
                    name = ox.NamedNode(graph)
                    quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
                    ox.serialize(quads, output, fmt.rdf_format, prefixes=prefixes)
                else:
                    ox.serialize(triples, output, fmt.rdf_format, prefixes=prefixes)
            elif fmt.has_graphs:
                ox.serialize(
                    ox.parse(self.nquads(), format=ox.RdfFormat.N_QUADS), output, fmt.rdf_format, prefixes=prefixes
                )
            else:
                merged = self._construct_ntriples("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
                ox.serialize(ox.parse(merged, format=ox.RdfFormat.N_TRIPLES), output, fmt.rdf_format, prefixes=prefixes)
        except (OSError, ValueError, TypeError, SyntaxError) as error:
            raise StoreError(f"cannot export the store {self.location}: {one_line(error)}") from error

    def _construct_ntriples(self, sparql: str) -> bytes:
        lines = []
        for s, p, o in self._construct(sparql):
            lines.append(f"{s.n3()} {p.n3()} {o.n3()} .")
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""

    # --- writing ---------------------------------------------------------------------------

    def replace_graph(self, graph: URIRef | str, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace the named graph ``graph`` with ``triples`` in one transaction."""
        lines = ntriples_lines(triples, graph)
        self._replace(str(graph), lines)
        return len(lines)

    def replace_graph_lines(self, graph: str, lines: list[str]) -> int:
        """Replace the named graph ``graph`` with N-Triples ``lines`` made by :func:`ntriples_lines`."""
        self._replace(graph, lines)
        return len(lines)

    def load_graph(self, graph: str, data: bytes) -> int:
        """Replace the named graph ``graph`` with the N-Triples ``data`` in one transaction."""
        lines = parse_ntriples(data, graph)
        self._replace(graph, lines)
        return len(lines)

    def remove_graph(self, graph: URIRef | str) -> None:
        """Remove a named graph (nothing happens if it is absent)."""
        name = self._graph_term(graph)
        self.update(" ;\n".join([*self._unmerge(name), f"DROP SILENT GRAPH {name}"]))

    def _merged(self, pattern: str) -> str:
        """``pattern`` placed in the merge: the default graph, or the merge graph."""
        return pattern if self.merge_graph is None else f"GRAPH <{self.merge_graph}> {{ {pattern} }}"

    def _replace(self, graph: str, lines: list[str]) -> None:
        name = self._graph_term(graph)
        body = "\n".join(lines)
        merged = self._merged(f"\n{body}\n")
        insert = f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}}\n{merged}\n}}"
        self.update(" ;\n".join([*self._unmerge(name), f"DROP SILENT GRAPH {name}", insert]))

    @staticmethod
    def _graph_term(graph: URIRef | str) -> str:
        try:
            return str(ox.NamedNode(str(graph)))
        except ValueError as error:
            raise StoreError(f"{graph!r} is not a valid graph IRI ({error}); nothing was changed") from error

    def _unmerge(self, name: str) -> list[str]:
        """The update operations removing from the merge what only graph ``name`` states."""
        if self.merge_graph is None:
            return [
                f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {name}) }} }}"
            ]
        merge = f"<{self.merge_graph}>"
        return [
            f"DELETE {{ GRAPH {merge} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {name} && ?other != {merge}) }} }}"
        ]
