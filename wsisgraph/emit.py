"""Entities and facts -> RDF: one named graph per document, provenance on every fact.

IRIs are minted from content (the document id, entity keys, a fact's defining roles), never
from a clock or a counter, so re-ingesting a document gives the same graph. Each document
graph is self-contained: it carries the labels of the entities and action lines its facts
use, so one graph answers the facts export on its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.term import Node

from wsisgraph.extract import Extraction
from wsisgraph.extract.actionlines import SUB_LINES
from wsisgraph.model import DateValue, Entity, EntityKind, Evidence, Fact, FactKind
from wsisgraph.vocab import DCTERMS, DOC, FACT, ID, OA, ORG, PROV, RDF, SCHEMA, SKOS, TIME, WSIS, XSD

__all__ = [
    "Triple",
    "action_line_iri",
    "date_literal",
    "document_iri",
    "emit_document",
    "entity_class",
    "entity_iri",
    "fact_iri",
]

Triple = tuple[Node, Node, Node]

_SUB_LINE_CODES = {
    name: f"C7.{number}"
    for number, name in enumerate(
        (
            "e-government",
            "e-business",
            "e-learning",
            "e-health",
            "e-employment",
            "e-environment",
            "e-agriculture",
            "e-science",
        ),
        1,
    )
}
assert set(_SUB_LINE_CODES) == set(SUB_LINES.values())

_HEAD_CLASSES = {
    "coalition": WSIS.Coalition,
    "partnership": WSIS.Partnership,
    "initiative": WSIS.Initiative,
    "alliance": WSIS.Alliance,
    "network": WSIS.Network,
    "consortium": WSIS.Network,
    "group": WSIS.Group,
    "cluster": WSIS.Group,
    "mechanism": WSIS.Group,
    "commission": WSIS.Commission,
    "committee": WSIS.Committee,
    "council": WSIS.Council,
    "board": WSIS.Board,
    "assembly": WSIS.Assembly,
    "congress": WSIS.Assembly,
    "conference": WSIS.Assembly,
    "forum": WSIS.Forum,
    "secretariat": WSIS.Secretariat,
    "program": WSIS.Programme,
    "programme": WSIS.Programme,
    "fund": WSIS.Programme,
    "facility": WSIS.Programme,
    "union": WSIS.Union,
    "agency": WSIS.Agency,
    "ministry": WSIS.Ministry,
    "department": WSIS.Ministry,
    "authority": WSIS.Authority,
    "regulator": WSIS.Authority,
    "foundation": WSIS.Foundation,
    "trust": WSIS.Foundation,
    "society": WSIS.Foundation,
    "institute": WSIS.Institute,
    "university": WSIS.Institute,
    "academy": WSIS.Institute,
    "college": WSIS.Institute,
    "observatory": WSIS.Institute,
    "company": WSIS.Company,
    "corporation": WSIS.Company,
    "plc": WSIS.Company,
    "ltd": WSIS.Company,
    "limited": WSIS.Company,
    "inc": WSIS.Company,
    "llc": WSIS.Company,
    "ag": WSIS.Company,
    "gmbh": WSIS.Company,
    "sa": WSIS.Company,
    "holding": WSIS.Company,
    "holdings": WSIS.Company,
    "organization": ORG.FormalOrganization,
}


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity key such as ``org/itu`` or ``country/mar``.

    >>> str(entity_iri("org/un-e-waste-coalition"))
    'https://w3id.org/wsisgraph/id/org/un-e-waste-coalition'
    """
    return ID[quote(key, safe="/-")]


def document_iri(document_id: str) -> URIRef:
    """The IRI of a document, which also names its graph."""
    return DOC[quote(document_id, safe="-_.")]


def action_line_iri(code: str, sub_line: str = "") -> URIRef:
    """The IRI of an action line ("C7") or C7 sub-line ("C7", "e-environment" -> C7.6)."""
    if sub_line:
        return ID[f"action-line/{_SUB_LINE_CODES[sub_line]}"]
    return ID[f"action-line/{code}"]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:20]


def fact_iri(fact: Fact) -> URIRef:
    """The IRI of a fact, minted from the roles that make it this fact.

    The same membership, mandate, meeting or cooperation stated in several documents gets
    the same IRI: one node with several pieces of evidence.
    """
    roles = dict(fact.roles)
    values = dict(fact.values)
    year = fact.date.value[:4] if fact.date else ""
    kind = fact.kind
    if kind is FactKind.MEETING:
        key: tuple[object, ...] = (
            fact.date.value if fact.date else "",
            fact.place.lower(),
            "" if fact.place else values.get("name", "").lower(),
        )
    elif kind is FactKind.COOPERATION:
        key = tuple(sorted(roles["parties"]))
    elif kind in (FactKind.ACTION_LINE, FactKind.FACILITATION):
        who = roles.get("actor") or roles.get("facilitator") or ()
        key = (*who, values.get("action_line", ""), values.get("sub_line", ""))
    elif kind is FactKind.MANDATE:
        key = (*roles["issuer"], *roles["recipient"], year)
    elif kind is FactKind.HANDOVER:
        key = (*roles["from"], *roles["to"], year)
    else:
        key = (*roles["member"], *roles["group"])
    return FACT[f"{kind.value}/{_digest(kind.value, *key)}"]


def date_literal(date: str) -> Literal:
    """An xsd:gYear, xsd:gYearMonth or xsd:date literal for an ISO date at its precision.

    >>> date_literal("2019-12").datatype == XSD.gYearMonth
    True
    """
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(date)]
    return Literal(date, datatype=datatype)


def entity_class(entity: Entity) -> URIRef:
    """The ontology class of an entity, from its kind and head noun."""
    if entity.kind is EntityKind.COUNTRY:
        return WSIS.State
    if entity.kind is EntityKind.STAKEHOLDER:
        return WSIS.StakeholderGroup
    if entity.kind is EntityKind.PLACE:
        return SCHEMA.Place
    if entity.kind is EntityKind.EVENT:
        return WSIS.EventSeries
    head_class = _HEAD_CLASSES.get(entity.head)
    if (head_class is not None and entity.kind in (EntityKind.GROUP, EntityKind.BODY)) or (
        head_class is not None and not entity.reference
    ):
        return head_class
    if entity.kind is EntityKind.GROUP:
        return ORG.OrganizationalCollaboration
    if entity.kind is EntityKind.BODY:
        return WSIS.Body
    if entity.reference:
        return WSIS.UNEntity if entity.key.startswith("org/") and _is_un(entity) else ORG.FormalOrganization
    return ORG.Organization


def _is_un(entity: Entity) -> bool:
    category = entity.category.lower()
    return not any(
        word in category
        for word in (
            "non-un",
            "non-profit",
            "regional intergovernmental",
            "industry",
            "standards body",
            "civil-society",
            "intergovernmental organization",
            "humanitarian",
            "financial institution",
            "alliance of",
            "secretariat of the african",
        )
    )


def entity_triples(entity: Entity) -> Iterator[Triple]:
    """The triples describing an entity in a document graph."""
    iri = entity_iri(entity.key)
    yield iri, RDF.type, entity_class(entity)
    yield iri, SKOS.prefLabel, Literal(entity.name)
    if entity.acronym and entity.acronym != entity.name:
        yield iri, WSIS.acronym, Literal(entity.acronym)
    for alias in {entity.full_name, *entity.aliases} - {entity.name, ""}:
        yield iri, SKOS.altLabel, Literal(alias)
    if entity.parent:
        yield iri, ORG.subOrganizationOf, entity_iri(entity.parent)
    if entity.reference:
        yield iri, WSIS.fromReference, Literal(True)
    if entity.kind is EntityKind.PLACE:
        yield iri, SCHEMA.name, Literal(entity.full_name or entity.name)


def action_line_triples(code: str, sub_line: str) -> Iterator[Triple]:
    """Enough of an action line for a document graph to answer questions on its own."""
    top = action_line_iri(code)
    yield top, RDF.type, WSIS.ActionLine
    yield top, SKOS.notation, Literal(code)
    if sub_line:
        iri = action_line_iri(code, sub_line)
        yield iri, RDF.type, WSIS.ActionLine
        yield iri, SKOS.notation, Literal(_SUB_LINE_CODES[sub_line])
        yield iri, SKOS.broader, top
        yield iri, SKOS.prefLabel, Literal(sub_line[0].upper() + sub_line[1:], lang="en")


def _evidence_triples(fact: URIRef, document: URIRef, text: str, evidence: Evidence) -> Iterator[Triple]:
    annotation = URIRef(f"{document}#evidence-{_digest(fact, evidence.span.start, evidence.span.end, evidence.rule)}")
    target = URIRef(f"{annotation}-target")
    quote_selector = URIRef(f"{annotation}-quote")
    position = URIRef(f"{annotation}-position")
    yield annotation, RDF.type, OA.Annotation
    yield annotation, OA.hasBody, fact
    yield annotation, OA.hasTarget, target
    yield annotation, OA.motivatedBy, OA.identifying
    yield annotation, WSIS.rule, Literal(evidence.rule)
    yield annotation, WSIS.confidence, Literal(round(evidence.confidence, 2), datatype=XSD.decimal)
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, document
    yield target, OA.hasSelector, quote_selector
    yield target, OA.hasSelector, position
    yield quote_selector, RDF.type, OA.TextQuoteSelector
    yield quote_selector, OA.exact, Literal(evidence.quote)
    start, end = evidence.span.start, evidence.span.end
    yield quote_selector, OA.prefix, Literal(text[max(0, start - 32) : start])
    yield quote_selector, OA.suffix, Literal(text[end : end + 32])
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, Literal(start, datatype=XSD.integer)
    yield position, OA.end, Literal(end, datatype=XSD.integer)


def _time_triples(subject: URIRef, since: DateValue | None, until: DateValue | None) -> Iterator[Triple]:
    interval = URIRef(f"{subject}-during")
    yield subject, ORG.memberDuring, interval
    yield interval, RDF.type, TIME.Interval
    for name, value in (("begin", since), ("end", until)):
        if value is None:
            continue
        instant = URIRef(f"{subject}-{name}")
        yield interval, TIME.hasBeginning if name == "begin" else TIME.hasEnd, instant
        yield instant, RDF.type, TIME.Instant
        property_name = {4: TIME.inXSDgYear, 7: TIME.inXSDgYearMonth, 10: TIME.inXSDDate}[len(value.value)]
        yield instant, property_name, date_literal(value.value)


def fact_triples(fact: Fact, document: URIRef, text: str) -> Iterator[Triple]:
    """The triples of one fact and its evidence in a document graph."""
    iri = fact_iri(fact)
    roles = dict(fact.roles)
    values = dict(fact.values)
    yield iri, RDF.type, WSIS.Fact
    yield iri, PROV.wasDerivedFrom, document
    kind = fact.kind
    if kind is FactKind.MEMBERSHIP:
        yield iri, RDF.type, ORG.Membership
        yield iri, RDF.type, WSIS.MembershipFact
        yield iri, ORG.member, entity_iri(roles["member"][0])
        yield iri, ORG.organization, entity_iri(roles["group"][0])
        if fact.since or fact.until:
            yield from _time_triples(iri, fact.since, fact.until)
    elif kind is FactKind.MANDATE:
        yield iri, RDF.type, WSIS.Mandate
        yield iri, WSIS.issuer, entity_iri(roles["issuer"][0])
        yield iri, WSIS.recipient, entity_iri(roles["recipient"][0])
    elif kind is FactKind.HANDOVER:
        yield iri, RDF.type, WSIS.Handover
        yield iri, WSIS.handedOverBy, entity_iri(roles["from"][0])
        yield iri, WSIS.handedOverTo, entity_iri(roles["to"][0])
        if values.get("function"):
            yield iri, WSIS.function, Literal(values["function"])
    elif kind is FactKind.MEETING:
        yield iri, RDF.type, WSIS.Meeting
        if values.get("name"):
            yield iri, SCHEMA.name, Literal(values["name"])
        if fact.date is not None:
            yield iri, SCHEMA.startDate, date_literal(fact.date.value)
            if fact.date.end:
                yield iri, SCHEMA.endDate, date_literal(fact.date.end)
        if fact.place:
            place = entity_iri(f"place/{_place_key(fact.place)}")
            yield iri, SCHEMA.location, place
            yield place, RDF.type, SCHEMA.Place
            yield place, SKOS.prefLabel, Literal(fact.place)
        for key in roles.get("organizers", ()):
            yield iri, SCHEMA.organizer, entity_iri(key)
        for key in roles.get("participants", ()):
            yield iri, WSIS.participant, entity_iri(key)
        if fact.planned:
            yield iri, WSIS.planned, Literal(True)
            yield iri, SCHEMA.eventStatus, SCHEMA.EventScheduled
    elif kind in (FactKind.ACTION_LINE, FactKind.FACILITATION):
        line = action_line_iri(values["action_line"], values.get("sub_line", ""))
        if kind is FactKind.ACTION_LINE:
            yield iri, RDF.type, WSIS.ActionLineWork
            yield iri, WSIS.actor, entity_iri(roles["actor"][0])
        else:
            yield iri, RDF.type, WSIS.Facilitation
            yield iri, WSIS.facilitator, entity_iri(roles["facilitator"][0])
        yield iri, WSIS.actionLine, line
        yield from action_line_triples(values["action_line"], values.get("sub_line", ""))
    elif kind is FactKind.COOPERATION:
        yield iri, RDF.type, WSIS.Cooperation
        for key in roles["parties"]:
            yield iri, WSIS.party, entity_iri(key)
    if fact.date is not None and kind in (FactKind.MANDATE, FactKind.HANDOVER):
        yield iri, WSIS.date, date_literal(fact.date.value)
    for evidence in fact.evidence:
        yield from _evidence_triples(iri, document, text, evidence)


def _place_key(name: str) -> str:
    from wsisgraph.gazetteer import gazetteer, slug

    return slug(gazetteer().city(name) or name)


def emit_document(extraction: Extraction, *, content_hash: str, version: str) -> list[Triple]:
    """All triples of a document's named graph."""
    document = extraction.document
    doc = document_iri(document.id)
    info = extraction.info
    triples: list[Triple] = [
        (doc, RDF.type, WSIS.Submission if info.is_submission else WSIS.SourceDocument),
        (doc, DCTERMS.identifier, Literal(document.id)),
        (doc, WSIS.sourceFile, Literal(document.source)),
        (doc, DCTERMS.format, Literal(_MEDIA_TYPES.get(document.format, document.format))),
        (doc, WSIS.contentHash, Literal(content_hash)),
        (doc, WSIS.extractorVersion, Literal(version)),
        (doc, WSIS.text, Literal(document.text)),
    ]
    if info.title:
        triples.append((doc, DCTERMS.title, Literal(info.title)))
    if info.submitter:
        triples.append((doc, WSIS.submitter, entity_iri(info.submitter)))
    if info.session:
        triples.append((doc, WSIS.session, Literal(info.session)))
    if info.year:
        triples.append((doc, WSIS.reportingYear, date_literal(f"{info.year:04d}")))
    entities = dict(extraction.entities)
    if info.submitter and info.submitter not in entities:
        from wsisgraph.gazetteer import gazetteer

        submitter = gazetteer().entities.get(info.submitter)
        if submitter is not None:
            entities[submitter.key] = submitter
    for entity in sorted(entities.values(), key=lambda e: e.key):
        if entity.kind is not EntityKind.PLACE:
            triples.extend(entity_triples(entity))
    for fact in extraction.facts:
        triples.extend(fact_triples(fact, doc, document.text))
    return _unique(triples)


def _unique(triples: Iterable[Triple]) -> list[Triple]:
    seen: set[Triple] = set()
    result: list[Triple] = []
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            result.append(triple)
    return result


_MEDIA_TYPES = {
    "md": "text/markdown",
    "txt": "text/plain",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
