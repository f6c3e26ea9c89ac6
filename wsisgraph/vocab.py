"""The project's RDF terms, as closed namespaces kept in sync with ``ontology/wsis.ttl``.

``tests/test_vocab.py`` fails when a term is added to one and not the other.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace, Namespace

__all__ = [
    "BASE",
    "DCTERMS",
    "DOC",
    "FACT",
    "FOAF",
    "ID",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REFERENCE_GRAPH",
    "SCHEMA",
    "SKOS",
    "TIME",
    "WSIS",
    "XSD",
]

BASE = "https://w3id.org/wsisgraph/"
ID = Namespace(BASE + "id/")
DOC = Namespace(BASE + "doc/")
FACT = Namespace(BASE + "fact/")
REFERENCE_GRAPH = URIRef(BASE + "graph/reference")
SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")


class WSIS(DefinedNamespace):
    """Terms of the wsisgraph ontology."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # documents
    SourceDocument: URIRef
    Submission: URIRef
    submitter: URIRef
    session: URIRef
    reportingYear: URIRef
    contentHash: URIRef
    sourceFile: URIRef
    text: URIRef
    extractorVersion: URIRef
    sessionMeeting: URIRef
    # actors
    UNEntity: URIRef
    State: URIRef
    StakeholderGroup: URIRef
    Body: URIRef
    Commission: URIRef
    Committee: URIRef
    Council: URIRef
    Board: URIRef
    Assembly: URIRef
    Forum: URIRef
    Coalition: URIRef
    Partnership: URIRef
    Initiative: URIRef
    Alliance: URIRef
    Network: URIRef
    Group: URIRef
    Secretariat: URIRef
    Programme: URIRef
    Union: URIRef
    Agency: URIRef
    Ministry: URIRef
    Authority: URIRef
    Foundation: URIRef
    Institute: URIRef
    Company: URIRef
    EventSeries: URIRef
    acronym: URIRef
    category: URIRef
    headquarters: URIRef
    unverified: URIRef
    fromReference: URIRef
    # facts
    Fact: URIRef
    Meeting: URIRef
    Mandate: URIRef
    Handover: URIRef
    ActionLineWork: URIRef
    Facilitation: URIRef
    Cooperation: URIRef
    MembershipFact: URIRef
    issuer: URIRef
    recipient: URIRef
    handedOverBy: URIRef
    handedOverTo: URIRef
    function: URIRef
    participant: URIRef
    sessionOf: URIRef
    actor: URIRef
    facilitator: URIRef
    actionLine: URIRef
    party: URIRef
    date: URIRef
    facilitatorRole: URIRef
    asOf: URIRef
    # evidence
    rule: URIRef
    confidence: URIRef
    planned: URIRef
    # action lines
    ActionLine: URIRef


PREFIXES = {
    "wsis": str(WSIS),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "time": str(TIME),
    "oa": str(OA),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
