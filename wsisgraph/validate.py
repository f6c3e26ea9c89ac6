"""Check the graph against the SHACL shapes in ``ontology/shapes.ttl`` with pySHACL.

pySHACL is slow on big graphs, so each document graph is validated on its own (with the
ontology mixed in for subclass reasoning): the cost grows with the corpus, not its square.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph

from wsisgraph.resources import ontology_file
from wsisgraph.store import GraphStore
from wsisgraph.vocab import REFERENCE_GRAPH

__all__ = ["GraphReport", "ValidationReport", "validate_graph", "validate_store"]


@dataclass(frozen=True, slots=True)
class GraphReport:
    """The SHACL result for one named graph."""

    graph: str
    conforms: bool
    violations: tuple[str, ...]


@dataclass(slots=True)
class ValidationReport:
    """The SHACL results for every graph of the store."""

    graphs: list[GraphReport] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return all(report.conforms for report in self.graphs)

    @property
    def violation_count(self) -> int:
        return sum(len(report.violations) for report in self.graphs)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(data=ontology_file("wsis.ttl").read_text(encoding="utf-8"), format="turtle")


def validate_graph(data: Graph, name: str = "") -> GraphReport:
    """Validate one graph against the shapes."""
    from pyshacl import validate

    conforms, results, _text = validate(
        data,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations: list[str] = []
    if not conforms:
        query = """
            PREFIX sh: <http://www.w3.org/ns/shacl#>
            SELECT ?focus ?path ?message WHERE {
              ?result a sh:ValidationResult ; sh:focusNode ?focus .
              OPTIONAL { ?result sh:resultPath ?path }
              OPTIONAL { ?result sh:resultMessage ?message }
            } ORDER BY ?focus"""
        for row in results.query(query):
            focus, path, message = row
            violations.append(f"{focus} {path or ''}: {message or 'does not conform'}".strip())
    return GraphReport(name, bool(conforms), tuple(violations))


def validate_store(store: GraphStore, *, progress: Callable[[str], None] | None = None) -> ValidationReport:
    """Validate every document graph and the reference graph."""
    report = ValidationReport()
    for graph in [*store.document_graphs(), str(REFERENCE_GRAPH)]:
        if progress is not None:
            progress(graph)
        data = Graph().parse(data=store.ntriples(graph).decode("utf-8"), format="nt")
        report.graphs.append(validate_graph(data, graph))
    return report
