"""The facts contract (``../shared/eval/CONTRACT.md``): JSON Lines read from the graph by SPARQL.

Every line comes from the store, one document graph at a time, so a fact stated by several
documents appears once per document, each with that document's roles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from wsisgraph.store import GraphStore, Value

__all__ = ["FACT_QUERIES", "iter_facts", "write_facts"]

_SEP = "\u001f"

FACT_QUERIES: dict[str, str] = {
    "membership": """
SELECT ?doc ?member ?group WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc .
    ?fact a wsis:MembershipFact ; org:member ?m ; org:organization ?o .
    ?m skos:prefLabel ?member . ?o skos:prefLabel ?group .
  }
} ORDER BY ?doc ?group ?member""",
    "mandate": """
SELECT ?doc ?issuer ?recipient ?date WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc .
    ?fact a wsis:Mandate ; wsis:issuer ?i ; wsis:recipient ?r .
    ?i skos:prefLabel ?issuer . ?r skos:prefLabel ?recipient .
    OPTIONAL { ?fact wsis:date ?date }
  }
} ORDER BY ?doc ?issuer ?recipient""",
    "meeting": f"""
SELECT ?doc ?fact (SAMPLE(?start) AS ?date) (SAMPLE(?placeName) AS ?place) (SAMPLE(?isPlanned) AS ?planned)
       (GROUP_CONCAT(DISTINCT ?organizer; separator="{_SEP}") AS ?organizers)
       (GROUP_CONCAT(DISTINCT ?participant; separator="{_SEP}") AS ?participants)
WHERE {{
  GRAPH ?g {{
    ?g dcterms:identifier ?doc .
    ?fact a wsis:Meeting .
    OPTIONAL {{ ?fact schema:startDate ?start }}
    OPTIONAL {{ ?fact schema:location/skos:prefLabel ?placeName }}
    OPTIONAL {{ ?fact wsis:planned ?isPlanned }}
    OPTIONAL {{ ?fact schema:organizer/skos:prefLabel ?organizer }}
    OPTIONAL {{ ?fact wsis:participant/skos:prefLabel ?participant }}
  }}
}} GROUP BY ?doc ?fact ORDER BY ?doc ?date ?place""",
    "handover": """
SELECT ?doc ?from ?to ?function ?date WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc .
    ?fact a wsis:Handover ; wsis:handedOverBy ?f ; wsis:handedOverTo ?t .
    ?f skos:prefLabel ?from . ?t skos:prefLabel ?to .
    OPTIONAL { ?fact wsis:function ?function }
    OPTIONAL { ?fact wsis:date ?date }
  }
} ORDER BY ?doc ?date ?from""",
    "action_line": """
SELECT ?doc ?actor ?line ?sub WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc .
    ?fact a wsis:ActionLineWork ; wsis:actor ?a ; wsis:actionLine ?l .
    ?a skos:prefLabel ?actor .
    OPTIONAL { ?l skos:broader ?top . ?top skos:notation ?topCode . ?l skos:prefLabel ?subLabel }
    OPTIONAL { ?l skos:notation ?code }
    BIND(COALESCE(?topCode, ?code) AS ?line)
    BIND(LCASE(STR(?subLabel)) AS ?sub)
  }
} ORDER BY ?doc ?actor ?line ?sub""",
    "facilitation": """
SELECT ?doc ?facilitator ?line ?sub WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc .
    ?fact a wsis:Facilitation ; wsis:facilitator ?a ; wsis:actionLine ?l .
    ?a skos:prefLabel ?facilitator .
    OPTIONAL { ?l skos:broader ?top . ?top skos:notation ?topCode . ?l skos:prefLabel ?subLabel }
    OPTIONAL { ?l skos:notation ?code }
    BIND(COALESCE(?topCode, ?code) AS ?line)
    BIND(LCASE(STR(?subLabel)) AS ?sub)
  }
} ORDER BY ?doc ?facilitator ?line ?sub""",
    "cooperation": f"""
SELECT ?doc ?fact (GROUP_CONCAT(DISTINCT ?party; separator="{_SEP}") AS ?parties) WHERE {{
  GRAPH ?g {{
    ?g dcterms:identifier ?doc .
    ?fact a wsis:Cooperation ; wsis:party ?p .
    ?p skos:prefLabel ?party .
  }}
}} GROUP BY ?doc ?fact ORDER BY ?doc ?parties""",
}


def _text(value: Value | None) -> str:
    return value.value if value is not None else ""


def _split(value: Value | None) -> list[str]:
    text = _text(value)
    return sorted(text.split(_SEP)) if text else []


def iter_facts(store: GraphStore, *, document: str | None = None) -> Iterator[dict[str, Any]]:
    """Yield the facts of every document graph (or of one document) as contract records."""
    bindings = {"doc": Value("literal", document)} if document else None
    for kind, sparql in FACT_QUERIES.items():
        for row in store.query(sparql, bindings=bindings).dicts():
            record: dict[str, Any] = {"document": _text(row["doc"]), "type": kind}
            if kind == "membership":
                record.update(member=_text(row["member"]), group=_text(row["group"]))
            elif kind == "mandate":
                record.update(issuer=_text(row["issuer"]), recipient=_text(row["recipient"]))
                if row["date"] is not None:
                    record["date"] = _text(row["date"])
            elif kind == "meeting":
                record.update(
                    date=_text(row["date"]) or None,
                    place=_text(row["place"]) or None,
                    organizers=_split(row["organizers"]),
                    participants=_split(row["participants"]),
                )
                if _text(row["planned"]) == "true":
                    record["status"] = "planned"
            elif kind == "handover":
                record.update({"from": _text(row["from"]), "to": _text(row["to"])})
                if row["function"] is not None:
                    record["function"] = _text(row["function"])
                if row["date"] is not None:
                    record["date"] = _text(row["date"])
            elif kind in ("action_line", "facilitation"):
                who = "actor" if kind == "action_line" else "facilitator"
                record.update({who: _text(row[who]), "action_line": _text(row["line"])})
                if _text(row["sub"]):
                    record["sub_line"] = _text(row["sub"])
            elif kind == "cooperation":
                record["parties"] = _split(row["parties"])
            yield record


def write_facts(store: GraphStore, stream: Any, *, document: str | None = None) -> int:
    """Write the facts as JSON Lines to ``stream``; return how many were written."""
    count = 0
    for record in iter_facts(store, document=document):
        stream.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count
