"""The reference graph: UN entities, other bodies, action lines and their facilitators.

Built from the shipped tables in ``data/reference`` (which keep their sources). Values the
tables mark "(unverified)" appear as ``wsis:unverified`` notes, never as facts: an
unverified Wikipedia title gives no ``owl:sameAs``, an unverified co-facilitator no
facilitation.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from urllib.parse import quote

from rdflib import Literal, URIRef

from wsisgraph.emit import Triple, entity_class, entity_iri
from wsisgraph.gazetteer import gazetteer, slug, strip_unverified
from wsisgraph.resources import reference_file
from wsisgraph.vocab import DCTERMS, FACT, ID, ORG, OWL, RDF, SKOS, WSIS

__all__ = ["ACTION_LINE_SCHEME", "reference_triples"]

ACTION_LINE_SCHEME = ID["action-lines"]
_DBPEDIA = "http://dbpedia.org/resource/"


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(reference_file(name).read_text(encoding="utf-8"))))


def _sources(cell: str) -> Iterator[URIRef]:
    for source in cell.split("|"):
        source = source.strip()
        if source.startswith(("http://", "https://")):
            yield URIRef(source.replace(" ", "%20"))


def _entities() -> Iterator[Triple]:
    gaz = gazetteer()
    for key, row in sorted(gaz.rows.items()):
        entity = row.entity
        iri = entity_iri(key)
        yield iri, RDF.type, entity_class(entity)
        yield iri, SKOS.prefLabel, Literal(entity.name)
        if entity.full_name and entity.full_name != entity.name:
            yield iri, SKOS.altLabel, Literal(entity.full_name)
        if entity.acronym:
            yield iri, WSIS.acronym, Literal(entity.acronym)
        for alias in entity.aliases:
            yield iri, SKOS.altLabel, Literal(alias)
        if entity.category:
            yield iri, WSIS.category, Literal(entity.category)
        if row.headquarters:
            yield iri, WSIS.headquarters, Literal(row.headquarters)
        if row.wikipedia_title:
            title = row.wikipedia_title.replace(" ", "_")
            yield iri, OWL.sameAs, URIRef(_DBPEDIA + quote(title, safe="_(),'"))
        for note in row.unverified:
            yield iri, WSIS.unverified, Literal(note)
        for source in row.sources:
            for url in _sources(source):
                yield iri, DCTERMS.source, url
        yield iri, WSIS.fromReference, Literal(True)


def _action_lines() -> Iterator[Triple]:
    scheme = ACTION_LINE_SCHEME
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, SKOS.prefLabel, Literal("WSIS action lines (Geneva Plan of Action)", lang="en")
    variants: dict[str, list[str]] = {}
    for row in _rows("action_line_title_variants.csv"):
        variants.setdefault(row["code"], []).append(row["variant"])
    for row in _rows("action_lines.csv"):
        code = row["code"]
        iri = ID[f"action-line/{code}"]
        yield iri, RDF.type, WSIS.ActionLine
        yield iri, SKOS.inScheme, scheme
        yield iri, SKOS.notation, Literal(code)
        yield iri, SKOS.prefLabel, Literal(row["title"], lang="en")
        for variant in variants.get(code, []):
            yield iri, SKOS.altLabel, Literal(variant, lang="en")
        if row["parent"]:
            yield iri, SKOS.broader, ID[f"action-line/{row['parent']}"]
        else:
            yield iri, SKOS.topConceptOf, scheme
        for url in _sources(row["source_url"]):
            yield iri, DCTERMS.source, url
        for column, role in (("facilitators_lead", "lead"), ("facilitators_co", "co")):
            for raw in row[column].split(";"):
                name, unverified = strip_unverified(raw)
                if not name:
                    continue
                if unverified:
                    yield iri, WSIS.unverified, Literal(f"{role} facilitator {name} is unverified")
                    continue
                facilitator = entity_iri(f"org/{slug(name)}")
                fact = FACT[f"reference/facilitation/{slug(code)}-{slug(name)}"]
                yield fact, RDF.type, WSIS.Facilitation
                yield fact, WSIS.facilitator, facilitator
                yield fact, WSIS.actionLine, iri
                yield fact, WSIS.facilitatorRole, Literal(role)
                for url in _sources(row["source_url"]):
                    yield fact, DCTERMS.source, url


def _body_memberships() -> Iterator[Triple]:
    for number, row in enumerate(_rows("body_memberships.csv")):
        fact = FACT[f"reference/membership/{number}-{slug(row['body'])}-{slug(row['member'])}"]
        yield fact, RDF.type, ORG.Membership
        yield fact, ORG.member, entity_iri(f"org/{slug(row['member'])}")
        yield fact, ORG.organization, entity_iri(f"org/{slug(row['body'])}")
        role, unverified = strip_unverified(row["role"])
        if role:
            yield fact, ORG.role, Literal(role)
        if unverified:
            yield fact, WSIS.unverified, Literal("role is unverified")
        if row["as_of"]:
            yield fact, WSIS.asOf, Literal(row["as_of"])
        for url in _sources(row["source_url"]):
            yield fact, DCTERMS.source, url


def reference_triples() -> list[Triple]:
    """Every triple of the reference graph."""
    triples: list[Triple] = []
    triples.extend(_entities())
    triples.extend(_action_lines())
    triples.extend(_body_memberships())
    return list(dict.fromkeys(triples))
