"""The Python vocabulary and the Turtle ontology must name the same terms."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from wsisgraph.resources import ontology_file
from wsisgraph.vocab import WSIS


def _ontology() -> Graph:
    return Graph().parse(data=ontology_file("wsis.ttl").read_text(encoding="utf-8"), format="turtle")


def _declared(graph: Graph) -> set[str]:
    names = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for subject in graph.subjects(RDF.type, kind):
            if isinstance(subject, URIRef) and str(subject).startswith(str(WSIS._NS)):
                names.add(str(subject)[len(str(WSIS._NS)) :])
    return names


def test_vocab_and_ontology_declare_the_same_terms() -> None:
    in_python = set(WSIS.__annotations__)
    in_turtle = _declared(_ontology())
    assert in_python - in_turtle == set(), "terms in vocab.py missing from ontology/wsis.ttl"
    assert in_turtle - in_python == set(), "terms in ontology/wsis.ttl missing from vocab.py"


def test_every_term_has_a_label_and_a_comment() -> None:
    graph = _ontology()
    for name in _declared(graph):
        term = WSIS[name]
        assert graph.value(term, RDFS.label) is not None, f"{name} has no rdfs:label"
        assert graph.value(term, RDFS.comment) is not None, f"{name} has no rdfs:comment"


def test_shapes_parse_and_target_every_fact_class() -> None:
    shapes = Graph().parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    targets = {str(o) for o in shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass"))}
    for cls in (
        WSIS.MembershipFact,
        WSIS.Meeting,
        WSIS.Mandate,
        WSIS.Handover,
        WSIS.ActionLineWork,
        WSIS.Facilitation,
        WSIS.Cooperation,
    ):
        assert str(cls) in targets, f"no SHACL shape targets {cls}"
