"""Counts of what the store holds, by SPARQL."""

from __future__ import annotations

from wsisgraph.store import GraphStore

__all__ = ["store_stats"]

_FACT_CLASSES = {
    "memberships": "wsis:MembershipFact",
    "meetings": "wsis:Meeting",
    "mandates": "wsis:Mandate",
    "handovers": "wsis:Handover",
    "action-line facts": "wsis:ActionLineWork",
    "facilitations": "wsis:Facilitation",
    "cooperations": "wsis:Cooperation",
}


def store_stats(store: GraphStore) -> dict[str, int]:
    """Documents, facts by kind (distinct nodes), evidence, actors and quads."""
    figures: dict[str, int] = {"documents": len(store.document_graphs())}
    for label, cls in _FACT_CLASSES.items():
        result = store.query(
            f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f a {cls} ; prov:wasDerivedFrom ?d }} }}"
        )
        figures[label] = int(result.rows[0][0].value) if result.rows and result.rows[0][0] else 0
    result = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a oa:Annotation } }")
    figures["pieces of evidence"] = int(result.rows[0][0].value) if result.rows and result.rows[0][0] else 0
    result = store.query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e skos:prefLabel ?l ."
        " FILTER(STRSTARTS(STR(?e), 'https://w3id.org/wsisgraph/id/')) } }"
    )
    figures["named entities"] = int(result.rows[0][0].value) if result.rows and result.rows[0][0] else 0
    figures["named graphs"] = len(store.graphs())
    figures["quads"] = store.quad_count()
    figures["distinct triples"] = store.triple_count()
    return figures
