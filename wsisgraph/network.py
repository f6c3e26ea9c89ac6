"""Who works with whom: the coordination network, built from the graph by SPARQL.

Nodes are bodies (UN entities, States, coalitions...). Two bodies are joined by an edge for
each fact they share: membership of the same group, organising or attending the same
meeting, a mandate (issuer -> recipient), a handover (from -> to), facilitating the same
action line, a cooperation. Each edge keeps the kinds of fact, a weight (how many facts),
the years, and the evidence (document and quote) of every fact behind it.

The *bipartite* view keeps groups, meetings and action lines as nodes of their own; the
*projection* folds them into body-to-body edges. :func:`analyse` adds degree and
betweenness centrality, communities (Louvain) and brokers between communities.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from wsisgraph.errors import UsageError
from wsisgraph.store import GraphStore

__all__ = [
    "FACT_KINDS",
    "FactLink",
    "NetworkFilter",
    "analyse",
    "build_network",
    "coordination_network",
    "ego_network",
    "export_network",
    "load_links",
    "strongest",
]

FACT_KINDS = ("membership", "meeting", "mandate", "handover", "cooperation", "facilitation")

_ROLES_QUERY = """
SELECT DISTINCT ?fact ?kind ?actor ?role WHERE {
  {
    ?fact a wsis:MembershipFact ; org:member ?actor . BIND("membership" AS ?kind) BIND("member" AS ?role)
  } UNION {
    ?fact a wsis:Meeting ; schema:organizer ?actor . BIND("meeting" AS ?kind) BIND("organizer" AS ?role)
  } UNION {
    ?fact a wsis:Meeting ; wsis:participant ?actor . BIND("meeting" AS ?kind) BIND("participant" AS ?role)
  } UNION {
    ?fact a wsis:Mandate ; wsis:issuer ?actor . BIND("mandate" AS ?kind) BIND("issuer" AS ?role)
  } UNION {
    ?fact a wsis:Mandate ; wsis:recipient ?actor . BIND("mandate" AS ?kind) BIND("recipient" AS ?role)
  } UNION {
    ?fact a wsis:Handover ; wsis:handedOverBy ?actor . BIND("handover" AS ?kind) BIND("from" AS ?role)
  } UNION {
    ?fact a wsis:Handover ; wsis:handedOverTo ?actor . BIND("handover" AS ?kind) BIND("to" AS ?role)
  } UNION {
    ?fact a wsis:Cooperation ; wsis:party ?actor . BIND("cooperation" AS ?kind) BIND("party" AS ?role)
  } UNION {
    ?fact a wsis:Facilitation ; wsis:facilitator ?actor ; prov:wasDerivedFrom ?source .
    BIND("facilitation" AS ?kind) BIND("facilitator" AS ?role)
  }
  FILTER NOT EXISTS { ?actor a wsis:StakeholderGroup }
}
"""
_CONTEXT_QUERY = """
SELECT DISTINCT ?fact ?context ?name WHERE {
  { ?fact a wsis:MembershipFact ; org:organization ?context . ?context skos:prefLabel ?name }
  UNION { ?fact a wsis:Facilitation ; wsis:actionLine ?context . OPTIONAL { ?context skos:notation ?name } }
  UNION { ?fact a wsis:Meeting . BIND(?fact AS ?context) OPTIONAL { ?fact schema:name ?name } }
}
"""
_DATES_QUERY = """
SELECT DISTINCT ?fact ?date WHERE {
  ?fact a wsis:Fact .
  { ?fact schema:startDate|wsis:date ?date }
  UNION { ?fact org:memberDuring/time:hasBeginning/(time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate) ?date }
  UNION { ?fact prov:wasDerivedFrom/wsis:reportingYear ?date }
}
"""
_EVIDENCE_QUERY = """
SELECT DISTINCT ?fact ?doc ?quote WHERE {
  ?annotation oa:hasBody ?fact ; oa:hasTarget ?target .
  ?target oa:hasSource ?d ; oa:hasSelector ?selector .
  ?selector oa:exact ?quote .
  ?d dcterms:identifier ?doc .
}
"""
_ACTORS_QUERY = """
SELECT ?actor (SAMPLE(?label) AS ?name) (SAMPLE(?type) AS ?kind)
       (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
  ?actor skos:prefLabel ?label .
  OPTIONAL { ?actor a ?type }
  OPTIONAL { ?actor wsis:acronym|skos:altLabel ?alias }
} GROUP BY ?actor
"""

_LINE_QUERY = """
SELECT DISTINCT ?fact ?code WHERE {
  { ?fact wsis:actionLine ?line . }
  UNION
  { ?fact prov:wasDerivedFrom ?d . ?work a wsis:ActionLineWork ; wsis:actionLine ?line ; prov:wasDerivedFrom ?d . }
  { ?line skos:broader/skos:notation ?code } UNION { ?line skos:notation ?code }
}
"""


@dataclass(slots=True)
class FactLink:
    """One fact and the bodies it joins, with its evidence."""

    fact: str
    kind: str
    actors: dict[str, str] = field(default_factory=dict)  # IRI -> role
    context: str = ""
    context_name: str = ""
    years: set[str] = field(default_factory=set)
    evidence: set[tuple[str, str]] = field(default_factory=set)  # (document, quote)
    lines: set[str] = field(default_factory=set)
    record: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class NetworkFilter:
    """What to keep: action lines (C7 keeps C7 sub-lines), a year range, kinds of fact."""

    action_lines: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    kinds: tuple[str, ...] = ()

    @staticmethod
    def parse(action_line: str | None, years: str | None, kinds: str | None) -> NetworkFilter:
        """Build a filter from the CLI's ``--action-line C7``, ``--year 2019..2021``, ``--kind a,b``."""
        lines = tuple(code.strip().upper() for code in (action_line or "").split(",") if code.strip())
        for code in lines:
            if not re.fullmatch(r"C(?:[1-9]|1[01])", code):
                raise UsageError(f"--action-line {code!r} is not one of C1 ... C11")
        first = last = None
        if years:
            match = re.fullmatch(r"\s*(\d{4})?\s*(?:\.\.|-|to)?\s*(\d{4})?\s*", years)
            if not match or not (match.group(1) or match.group(2)):
                raise UsageError(f"--year {years!r} is not a year or a range such as 2019..2021")
            first = int(match.group(1)) if match.group(1) else None
            last = int(match.group(2)) if match.group(2) else (first if ".." not in years else None)
        chosen = tuple(kind.strip() for kind in (kinds or "").split(",") if kind.strip())
        for kind in chosen:
            if kind not in FACT_KINDS:
                raise UsageError(f"--kind {kind!r} is not one of {', '.join(FACT_KINDS)}")
        return NetworkFilter(lines, first, last, chosen)

    def keeps(self, link: FactLink) -> bool:
        if self.kinds and link.kind not in self.kinds:
            return False
        if self.action_lines and not (link.lines & set(self.action_lines)):
            return False
        if self.first_year is not None or self.last_year is not None:
            years = {int(year) for year in link.years if year[:4].isdigit()}
            if not years:
                return False
            low = self.first_year if self.first_year is not None else -(10**6)
            high = self.last_year if self.last_year is not None else 10**6
            if not any(low <= year <= high for year in years):
                return False
        return True


def load_links(
    store: GraphStore, network_filter: NetworkFilter | None = None
) -> tuple[list[FactLink], dict[str, dict[str, str]]]:
    """The facts that join bodies, and the bodies' names and types, read from the store."""
    links: dict[str, FactLink] = {}
    for fact, kind, actor, role in store.query(_ROLES_QUERY).rows:
        if fact is None or actor is None or kind is None:
            continue
        link = links.setdefault(fact.value, FactLink(fact.value, kind.value))
        link.actors.setdefault(actor.value, role.value if role else "")
    for fact, context, name in store.query(_CONTEXT_QUERY).rows:
        if fact is not None and fact.value in links and context is not None:
            links[fact.value].context = context.value
            if name is not None:
                links[fact.value].context_name = name.value
    for fact, date in store.query(_DATES_QUERY).rows:
        if fact is not None and date is not None and fact.value in links:
            links[fact.value].years.add(date.value[:4])
    for fact, doc, quote in store.query(_EVIDENCE_QUERY).rows:
        if fact is not None and fact.value in links and doc is not None and quote is not None:
            links[fact.value].evidence.add((doc.value, quote.value))
    for fact, code in store.query(_LINE_QUERY).rows:
        if fact is not None and code is not None and fact.value in links:
            links[fact.value].lines.add(code.value.split(".")[0])
    used = {actor for link in links.values() for actor in link.actors}
    actors: dict[str, dict[str, str]] = {}
    for actor, name, kind, aliases in store.query(_ACTORS_QUERY).rows:
        if actor is not None and actor.value in used:
            actors[actor.value] = {
                "label": name.value if name else actor.value,
                "type": _short_type(kind.value) if kind else "",
                "aliases": aliases.value if aliases else "",
            }
    chosen = [link for link in links.values() if network_filter is None or network_filter.keeps(link)]
    return chosen, actors


def _short_type(iri: str) -> str:
    return re.sub(r"^.*[#/]", "", iri)


def _pairs(link: FactLink) -> Iterable[tuple[str, str]]:
    """The body-to-body pairs one fact makes."""
    actors = sorted(link.actors)
    if link.kind in ("mandate", "handover"):
        source = [a for a, role in link.actors.items() if role in ("issuer", "from")]
        target = [a for a, role in link.actors.items() if role in ("recipient", "to")]
        yield from ((s, t) for s in source for t in target if s != t)
        return
    yield from combinations(actors, 2)


def build_network(links: list[FactLink], actors: dict[str, dict[str, str]], *, bipartite: bool = False) -> nx.Graph:
    """The coordination network: a projection (bodies only) or bipartite (with groups, meetings, lines)."""
    graph = nx.Graph()
    for iri, info in actors.items():
        graph.add_node(
            iri, label=info["label"], type=info["type"] or "Organization", aliases=info.get("aliases", ""), layer="body"
        )
    if bipartite:
        for link in links:
            hub = link.context or link.fact
            if link.kind in ("mandate", "handover", "cooperation"):
                hub = link.fact
            label = link.context_name or link.kind
            if hub not in graph:
                graph.add_node(hub, label=label, type=link.kind, layer=link.kind)
            for actor, role in link.actors.items():
                _add_fact(graph, actor, hub, link, role)
        return graph
    by_context: dict[str, list[FactLink]] = defaultdict(list)
    for link in links:
        if link.kind in ("membership", "facilitation"):
            by_context[f"{link.kind}:{link.context}"].append(link)
        else:
            for a, b in _pairs(link):
                _add_fact(graph, a, b, link, link.kind)
    # members of one group (facilitators of one line) are joined through that group, by the
    # facts that put either of them in it
    for group_links in by_context.values():
        of: dict[str, list[FactLink]] = defaultdict(list)
        for link in group_links:
            for actor in link.actors:
                of[actor].append(link)
        kind = "co-membership" if group_links[0].kind == "membership" else "co-facilitation"
        for a, b in combinations(sorted(of), 2):
            for link in {id(link): link for link in of[a] + of[b]}.values():
                _add_fact(graph, a, b, link, kind)
    return graph


def _add_fact(graph: nx.Graph, a: str, b: str, link: FactLink, kind: str) -> None:
    if a == b:
        return
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, kinds=set(), weight=0, years=set(), facts={})
    data = graph.edges[a, b]
    data["kinds"].add(kind)
    if link.fact not in data["facts"]:
        data["facts"][link.fact] = _record(link)
        data["weight"] += 1
    data["years"] |= link.years


def _record(link: FactLink) -> dict[str, Any]:
    """The fact as the page and the exports show it; one dict per fact, shared by its ties."""
    if link.record is None:
        link.record = {
            "fact": link.fact,
            "kind": link.kind,
            "actors": sorted(link.actors),
            "about": link.context_name,
            "years": sorted(link.years),
            "lines": sorted(link.lines),
            "evidence": [{"document": doc, "quote": quote} for doc, quote in sorted(link.evidence)],
        }
    return link.record


def analyse(graph: nx.Graph) -> dict[str, Any]:
    """Degree and betweenness centrality, Louvain communities and brokers, stored on the nodes."""
    if graph.number_of_nodes() == 0:
        return {"communities": 0, "brokers": []}
    degree = nx.degree_centrality(graph)
    # exact betweenness costs nodes x edges; past a few million, a seeded sample of sources
    sample = graph.number_of_nodes() * graph.number_of_edges() > 5_000_000
    k = min(graph.number_of_nodes(), 300) if sample else None
    betweenness = nx.betweenness_centrality(graph, k=k, weight=None, seed=7)
    communities = (
        nx.community.louvain_communities(graph, weight="weight", seed=7)
        if graph.number_of_edges()
        else [{node} for node in graph]
    )
    community_of: dict[str, int] = {}
    for number, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c)))):
        for node in members:
            community_of[node] = number
    brokers = []
    for node in graph:
        reached = {community_of[other] for other in graph.neighbors(node)} - {community_of[node]}
        graph.nodes[node].update(
            degree=round(degree[node], 4),
            betweenness=round(betweenness[node], 4),
            community=community_of[node],
            bridges=len(reached),
        )
        if reached:
            brokers.append((betweenness[node], len(reached), node))
    brokers.sort(reverse=True)
    return {
        "communities": len(communities),
        "brokers": [
            {
                "node": node,
                "label": graph.nodes[node].get("label", node),
                "betweenness": round(score, 4),
                "communities_reached": reached,
            }
            for score, reached, node in brokers[:20]
        ],
    }


def coordination_network(
    store: GraphStore,
    network_filter: NetworkFilter | None = None,
    *,
    around: str | None = None,
    depth: int = 2,
    bipartite: bool = False,
) -> tuple[nx.Graph, dict[str, Any]]:
    """Load, build and analyse the network in one call; the summary says what was found."""
    links, actors = load_links(store, network_filter)
    graph = build_network(links, actors, bipartite=bipartite)
    if around:
        graph = ego_network(graph, around, depth)
    graph.remove_nodes_from([node for node in list(graph) if graph.degree(node) == 0])
    summary = analyse(graph)
    summary.update(nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), facts=len(links))
    return graph, summary


def ego_network(graph: nx.Graph, name: str, depth: int = 2) -> nx.Graph:
    """Everyone within ``depth`` steps of the body called ``name`` (label, acronym or IRI)."""
    wanted = name.strip().lower()
    centre = next(
        (
            node
            for node, data in graph.nodes(data=True)
            if node.lower() == wanted
            or str(data.get("label", "")).lower() == wanted
            or wanted in str(data.get("aliases", "")).lower().split("|")
        ),
        None,
    )
    if centre is None:
        raise UsageError(
            f"--around {name!r}: no body of that name in the network", hint="use the name the graph shows, e.g. ITU"
        )
    return nx.ego_graph(graph, centre, radius=depth)


def strongest(graph: nx.Graph, max_nodes: int, max_edges: int = 10_000) -> tuple[nx.Graph, str]:
    """At most ``max_nodes`` bodies (by weighted degree) and ``max_edges`` ties (by weight), and a note.

    A page of tens of thousands of nodes or ties is a hairball nobody can read, and slow to
    open; the strongest part of the network, with a clear statement of what was left out, is
    what a reader needs.
    """
    total_nodes, total_edges = graph.number_of_nodes(), graph.number_of_edges()
    if total_nodes <= max_nodes and total_edges <= max_edges:
        return graph, ""
    sub = graph
    if total_nodes > max_nodes:
        strength = dict(graph.degree(weight="weight"))
        kept = sorted(graph, key=lambda node: (-strength[node], str(node)))[:max_nodes]
        sub = graph.subgraph(kept).copy()
    if sub.number_of_edges() > max_edges:
        ranked = sorted(sub.edges(data="weight"), key=lambda edge: (-edge[2], str(edge[0]), str(edge[1])))
        dropped = [(a, b) for a, b, _ in ranked[max_edges:]]
        sub = sub.copy() if sub is graph else sub
        sub.remove_edges_from(dropped)
    sub.remove_nodes_from([node for node in list(sub) if sub.degree(node) == 0])
    note = (
        f"Showing the {sub.number_of_nodes():,} most connected of {total_nodes:,} bodies and the "
        f"{sub.number_of_edges():,} strongest of {total_edges:,} ties; narrow the view with --action-line, "
        "--year, --kind or --around to see the rest."
    )
    return sub, note


def _flat(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are strings or numbers, as GraphML and GEXF require."""
    flat = nx.Graph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: v if isinstance(v, (int, float, str)) else json.dumps(v) for k, v in data.items()})
    for a, b, data in graph.edges(data=True):
        flat.add_edge(
            a,
            b,
            weight=int(data["weight"]),
            kinds=", ".join(sorted(data["kinds"])),
            years=", ".join(sorted(data["years"])),
            facts=json.dumps(list(data["facts"].values()), ensure_ascii=False),
        )
    return flat


def export_network(graph: nx.Graph, fmt: str, output: Path) -> None:
    """Write the network as GraphML, GEXF or CSV (``output`` and ``output``-nodes.csv)."""
    flat = _flat(graph)
    if fmt == "graphml":
        nx.write_graphml(flat, output)
    elif fmt == "gexf":
        nx.write_gexf(flat, output)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["source", "target", "source_label", "target_label", "weight", "kinds", "years", "facts"])
        for a, b, data in flat.edges(data=True):
            writer.writerow(
                [
                    a,
                    b,
                    flat.nodes[a].get("label", a),
                    flat.nodes[b].get("label", b),
                    data["weight"],
                    data["kinds"],
                    data["years"],
                    data["facts"],
                ]
            )
        output.write_text(buffer.getvalue(), encoding="utf-8")
        nodes = io.StringIO()
        node_writer = csv.writer(nodes)
        keys = sorted({key for _, data in flat.nodes(data=True) for key in data})
        node_writer.writerow(["id", *keys])
        for node, data in flat.nodes(data=True):
            node_writer.writerow([node, *(data.get(key, "") for key in keys)])
        output.with_name(output.stem + "-nodes.csv").write_text(nodes.getvalue(), encoding="utf-8")
    else:
        raise UsageError(f"--format {fmt!r}: choose graphml, gexf or csv")
