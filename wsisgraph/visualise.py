"""The coordination network as one self-contained, interactive HTML page.

pyvis builds the vis-network data and options; the page is rendered from our own template
with vis-network's JavaScript and CSS *inlined* (pyvis links remote assets even in its
"in_line" mode), so the file works with no network at all. Positions are computed in
Python and physics is off, so a page of thousands of nodes is interactive at once.

Every string that comes from a document reaches the page as JSON inside a ``<script>``
with ``<``, ``>`` and ``&`` escaped, and is shown with ``textContent``: a body named
``<img src=x onerror=alert(1)>`` is displayed as text.
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

__all__ = ["COLOURS", "layout", "render_page", "write_page"]

COLOURS = {
    "UNEntity": "#1f77b4",
    "State": "#2ca02c",
    "Coalition": "#9467bd",
    "Partnership": "#9467bd",
    "Initiative": "#9467bd",
    "Alliance": "#9467bd",
    "Network": "#9467bd",
    "Group": "#9467bd",
    "OrganizationalCollaboration": "#9467bd",
    "Commission": "#ff7f0e",
    "Committee": "#ff7f0e",
    "Council": "#ff7f0e",
    "Board": "#ff7f0e",
    "Assembly": "#ff7f0e",
    "Forum": "#ff7f0e",
    "Body": "#ff7f0e",
    "EventSeries": "#ff7f0e",
    "Secretariat": "#8c564b",
    "Programme": "#8c564b",
    "FormalOrganization": "#17becf",
    "Organization": "#7f7f7f",
}
_LEGEND = {
    "#1f77b4": "UN system entity",
    "#2ca02c": "State",
    "#9467bd": "coalition, partnership, group",
    "#ff7f0e": "commission, committee, body",
    "#8c564b": "secretariat, programme",
    "#17becf": "other intergovernmental or reference body",
    "#7f7f7f": "other organisation",
}
_PALETTE = [
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#46f0f0",
    "#f032e6",
    "#bcf60c",
    "#fabebe",
    "#008080",
    "#e6beff",
    "#9a6324",
    "#800000",
    "#aaffc3",
    "#808000",
    "#000075",
    "#808080",
    "#ffd8b1",
]


def _asset(name: str) -> str:
    return resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")


def _safe_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no "</script>", no HTML comments."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_SPACING = 70.0  # page pixels per node, so that nodes and their labels do not sit on each other


def layout(graph: nx.Graph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for every node, in page pixels.

    Each connected component is laid out on its own, then the components are packed in
    rows, largest first, so that a few isolated pairs do not push the core into a corner.
    Small components get Kamada-Kawai, middling ones a spring layout, and large ones
    (thousands of nodes) place their communities first and lay out each one on its own,
    which keeps 5,000 nodes to a few seconds.
    """
    if graph.number_of_nodes() == 0:
        return {}
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    boxes: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for members in components:
        radius = _SPACING * math.sqrt(len(members)) * 0.9 + 30
        local = _component_layout(graph.subgraph(members), seed)
        boxes.append((radius, {node: (x * radius, y * radius) for node, (x, y) in local.items()}))
    return _pack(boxes)


def _normalised(positions: dict[Any, Any]) -> dict[str, tuple[float, float]]:
    """Positions centred on 0 and scaled into the unit disc."""
    xs = [float(x) for x, _ in positions.values()]
    ys = [float(y) for _, y in positions.values()]
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    reach = max((math.hypot(x - cx, y - cy) for x, y in zip(xs, ys, strict=True)), default=0.0) or 1.0
    return {node: ((float(x) - cx) / reach, (float(y) - cy) / reach) for node, (x, y) in positions.items()}


def _component_layout(sub: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    count = sub.number_of_nodes()
    if count == 1:
        return {next(iter(sub)): (0.0, 0.0)}
    if count == 2:
        first, second = sorted(sub, key=str)
        return {first: (-1.0, 0.0), second: (1.0, 0.0)}
    if count <= 150:
        return _normalised(nx.kamada_kawai_layout(sub))
    if count <= 800:
        k = 2.0 / math.sqrt(count)
        return _normalised(nx.spring_layout(sub, k=k, seed=seed, iterations=80))
    return _large_layout(sub, seed)


def _large_layout(sub: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Communities placed by a spring layout of the graph of communities, then each laid out."""
    groups: dict[int, list[str]] = {}
    for node, data in sub.nodes(data=True):
        groups.setdefault(int(data.get("community", 0)), []).append(node)
    quotient = nx.Graph()
    quotient.add_nodes_from(groups)
    for a, b in sub.edges():
        ca, cb = int(sub.nodes[a].get("community", 0)), int(sub.nodes[b].get("community", 0))
        if ca != cb:
            weight = quotient.edges[ca, cb]["weight"] + 1 if quotient.has_edge(ca, cb) else 1
            quotient.add_edge(ca, cb, weight=weight)
    centres = _normalised(nx.spring_layout(quotient, seed=seed, iterations=100)) if len(groups) > 1 else {}
    total = sub.number_of_nodes()
    result: dict[str, tuple[float, float]] = {}
    for community, members in groups.items():
        cx, cy = centres.get(community, (0.0, 0.0))  # type: ignore[call-overload]
        share = math.sqrt(len(members) / total)
        if len(members) <= 300:
            local = _component_layout(sub.subgraph(members), seed) if len(members) > 2 else _spiral(members)
        else:
            ranked = sorted(members, key=lambda node: -sub.degree(node))
            local = _spiral(ranked)
        for node, (x, y) in local.items():
            result[node] = (cx * 0.75 + x * share * 0.5, cy * 0.75 + y * share * 0.5)
    return _normalised(result)


def _spiral(ranked: list[str]) -> dict[str, tuple[float, float]]:
    """A sunflower spiral, best-connected first in the middle: no O(n^2) work."""
    golden = math.pi * (3 - math.sqrt(5))
    count = len(ranked)
    return {
        node: (math.sqrt(i / count) * math.cos(i * golden), math.sqrt(i / count) * math.sin(i * golden))
        for i, node in enumerate(ranked)
    }


def _pack(boxes: list[tuple[float, dict[str, tuple[float, float]]]]) -> dict[str, tuple[float, float]]:
    """Shelf-pack square boxes (largest first) into rows of roughly square overall shape."""
    gap = _SPACING
    sides = [2 * radius + gap for radius, _ in boxes]
    width = max(max(sides), math.sqrt(sum(side * side for side in sides)) * 1.1)
    result: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for (_, positions), side in zip(boxes, sides, strict=True):
        if x > 0 and x + side > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + side / 2, y + side / 2
        for node, (px, py) in positions.items():
            result[node] = (round(cx + px, 1), round(cy + py, 1))
        x += side
        row_height = max(row_height, side)
    return result


def _type_label(kind: str) -> str:
    """'UNEntity' -> 'UN entity', 'OrganizationalCollaboration' -> 'organizational collaboration'."""
    if kind == "UNEntity":
        return "UN system entity"
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower() or "body"


def _node_size(data: dict[str, Any]) -> float:
    return 8 + 40 * math.sqrt(float(data.get("degree", 0)))


def _build(graph: nx.Graph, positions: dict[str, tuple[float, float]]) -> tuple[Network, list[dict[str, Any]]]:
    net = Network(height="100%", width="100%", directed=False, notebook=False, cdn_resources="local")
    nodes: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        kind_colour = COLOURS.get(str(data.get("type", "")), "#7f7f7f")
        community = int(data.get("community", 0))
        nodes.append(
            {
                "id": node,
                "label": str(data.get("label", node)),
                "x": round(x, 1),
                "y": round(y, 1),
                "value": round(_node_size(data), 1),
                "color": kind_colour,
                "kindColor": kind_colour,
                "communityColor": _PALETTE[community % len(_PALETTE)],
                "type": str(data.get("type", "")),
                "typeLabel": _type_label(str(data.get("type", ""))),
                "community": community,
                "degree": data.get("degree", 0),
                "betweenness": data.get("betweenness", 0),
            }
        )
    edges: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []  # each fact once; ties refer to it by number
    number_of: dict[str, int] = {}
    for number, (a, b, data) in enumerate(graph.edges(data=True)):
        records = list(data.get("facts", {}).values())
        for record in records:
            if record["fact"] not in number_of:
                number_of[record["fact"]] = len(facts)
                facts.append(record)
        lines = sorted({line for record in records for line in record.get("lines", [])})
        edges.append(
            {
                "id": number,
                "from": a,
                "to": b,
                "width": round(1 + 2 * math.log2(1 + int(data.get("weight", 1))), 2),
                "kinds": sorted(data.get("kinds", [])),
                "years": sorted(data.get("years", [])),
                "lines": lines,
                "weight": int(data.get("weight", 1)),
                "facts": [number_of[record["fact"]] for record in records],
            }
        )
    net.nodes = nodes
    net.edges = edges
    net.options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True},
        "nodes": {
            "shape": "dot",
            "font": {"size": 14, "face": "sans-serif"},
            "borderWidth": 1,
            # labels of small nodes appear as the reader zooms in, so the overview stays legible
            "scaling": {"min": 8, "max": 48, "label": {"enabled": True, "min": 12, "max": 28, "drawThreshold": 6}},
        },
        "edges": {"smooth": False, "color": {"color": "#b0b0b0", "highlight": "#d62728", "opacity": 0.6}},
        "layout": {"improvedLayout": False},
    }
    return net, facts


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;">
<title>{title}</title>
<style>{vis_css}</style>
<style>
html, body {{ margin: 0; height: 100%; font-family: sans-serif; font-size: 14px; }}
#app {{ display: flex; height: 100%; }}
#side {{ width: 300px; padding: 10px; overflow-y: auto; border-right: 1px solid #ddd; box-sizing: border-box; }}
#graph {{ flex: 1; height: 100%; }}
#details {{ width: 380px; padding: 10px; overflow-y: auto; border-left: 1px solid #ddd; box-sizing: border-box; }}
h1 {{ font-size: 16px; margin: 0 0 8px; }}
h2 {{ font-size: 14px; margin: 12px 0 4px; }}
label {{ display: block; margin: 2px 0; }}
.swatch {{ display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px; vertical-align: middle; }}
.fact {{ border-top: 1px solid #eee; padding: 6px 0; }}
.quote {{ color: #333; font-style: italic; margin: 4px 0 4px 8px; }}
.doc {{ color: #666; font-size: 12px; }}
#summary {{ color: #555; font-size: 12px; margin-top: 6px; }}
input[type=text], select {{ width: 100%; box-sizing: border-box; }}
</style>
</head>
<body>
<div id="app">
  <div id="side">
    <h1>{title}</h1>
    <input id="search" type="text" placeholder="Search a body by name" aria-label="Search a body by name">
    <h2>Filters</h2>
    <label>Action line <select id="line"><option value="">all</option></select></label>
    <label>From <select id="yearFrom"><option value="">any</option></select></label>
    <label>To <select id="yearTo"><option value="">any</option></select></label>
    <div id="kinds"></div>
    <h2>Colour</h2>
    <label><input type="radio" name="colour" value="kind" checked> by kind of body</label>
    <label><input type="radio" name="colour" value="community"> by community</label>
    <h2>Legend</h2>
    <div id="legend"></div>
    <div id="summary"></div>
  </div>
  <div id="graph"></div>
  <div id="details"><h2>Details</h2><p>Click a body or a tie to see the facts behind it, with the sentences that say so.</p></div>
</div>
<script>{vis_js}</script>
<script>
"use strict";
const NODES = {nodes};
const EDGES = {edges};
const FACTS = {facts};
const OPTIONS = {options};
const LEGEND = {legend};
const NOTE = {note};
const nodes = new vis.DataSet(NODES);
const edges = new vis.DataSet(EDGES);
const network = new vis.Network(document.getElementById("graph"), {{ nodes: nodes, edges: edges }}, OPTIONS);
const byId = new Map(NODES.map(n => [n.id, n]));

function el(tag, text, cls) {{
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}}
function fill(select, values) {{
  for (const v of values) {{ const o = el("option", v); o.value = v; select.appendChild(o); }}
}}
const allYears = [...new Set(EDGES.flatMap(e => e.years))].sort();
const allLines = [...new Set(EDGES.flatMap(e => e.lines))].sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1)));
const allKinds = [...new Set(EDGES.flatMap(e => e.kinds))].sort();
fill(document.getElementById("line"), allLines);
fill(document.getElementById("yearFrom"), allYears);
fill(document.getElementById("yearTo"), allYears);
const kindsBox = document.getElementById("kinds");
for (const k of allKinds) {{
  const label = el("label");
  const box = el("input"); box.type = "checkbox"; box.checked = true; box.value = k; box.className = "kind";
  label.appendChild(box); label.appendChild(document.createTextNode(" " + k));
  kindsBox.appendChild(label);
}}
const legendBox = document.getElementById("legend");
for (const [colour, text] of Object.entries(LEGEND)) {{
  const row = el("div"); const sw = el("span", "", "swatch"); sw.style.background = colour;
  row.appendChild(sw); row.appendChild(document.createTextNode(text)); legendBox.appendChild(row);
}}

function visibleEdge(e) {{
  const line = document.getElementById("line").value;
  const from = document.getElementById("yearFrom").value;
  const to = document.getElementById("yearTo").value;
  const kinds = new Set([...document.querySelectorAll("input.kind:checked")].map(b => b.value));
  if (!e.kinds.some(k => kinds.has(k))) return false;
  if (line && !e.lines.includes(line)) return false;
  if (from || to) {{
    if (!e.years.some(y => (!from || y >= from) && (!to || y <= to))) return false;
  }}
  return true;
}}
function applyFilters() {{
  const shown = new Set();
  const updates = [];
  for (const e of EDGES) {{
    const visible = visibleEdge(e);
    if (visible) {{ shown.add(e.from); shown.add(e.to); }}
    updates.push({{ id: e.id, hidden: !visible }});
  }}
  edges.update(updates);
  const filtered = document.getElementById("line").value || document.getElementById("yearFrom").value ||
    document.getElementById("yearTo").value || document.querySelectorAll("input.kind:not(:checked)").length;
  nodes.update(NODES.map(n => ({{ id: n.id, hidden: Boolean(filtered) && !shown.has(n.id) }})));
  summarise();
}}
function recolour() {{
  const mode = document.querySelector("input[name=colour]:checked").value;
  nodes.update(NODES.map(n => ({{ id: n.id, color: mode === "kind" ? n.kindColor : n.communityColor }})));
}}
function summarise() {{
  const n = nodes.get({{ filter: x => !x.hidden }}).length;
  const e = edges.get({{ filter: x => !x.hidden }}).length;
  document.getElementById("summary").textContent = n + " bodies, " + e + " ties shown." + (NOTE ? " " + NOTE : "");
}}
function showFacts(title, facts) {{
  const box = document.getElementById("details");
  box.replaceChildren(el("h2", title));
  if (!facts.length) box.appendChild(el("p", "No facts."));
  // two members' facts about one group often share their sentence: show each heading and quote once
  const merged = new Map();
  for (const f of facts) {{
    const heading = f.kind + (f.about ? ": " + f.about : "") + (f.years.length ? " (" + f.years.join(", ") + ")" : "");
    const entry = merged.get(heading) || {{ heading: heading, evidence: new Map() }};
    for (const ev of f.evidence) entry.evidence.set(ev.document + "\u0000" + ev.quote, ev);
    merged.set(heading, entry);
  }}
  for (const f of merged.values()) {{
    const div = el("div", undefined, "fact");
    div.appendChild(el("div", f.heading));
    for (const ev of f.evidence.values()) {{
      div.appendChild(el("div", "\u201c" + ev.quote + "\u201d", "quote"));
      div.appendChild(el("div", "\u2014 " + ev.document, "doc"));
    }}
    box.appendChild(div);
  }}
}}
function factsOfNode(id) {{
  const seen = new Map();
  for (const e of EDGES) {{
    if ((e.from === id || e.to === id) && visibleEdge(e)) {{
      for (const n of e.facts) {{ const f = FACTS[n]; if (!f.actors || f.actors.includes(id)) seen.set(f.fact, f); }}
    }}
  }}
  return [...seen.values()];
}}
network.on("click", params => {{
  if (params.nodes.length) {{
    const node = byId.get(params.nodes[0]);
    showFacts(node.label + " \u2014 " + node.typeLabel, factsOfNode(node.id));
  }} else if (params.edges.length) {{
    const e = EDGES[params.edges[0]];
    showFacts(byId.get(e.from).label + " \u2014 " + byId.get(e.to).label, e.facts.map(n => FACTS[n]));
  }}
}});
document.getElementById("search").addEventListener("input", ev => {{
  const q = ev.target.value.trim().toLowerCase();
  if (!q) return;
  const hit = NODES.find(n => n.label.toLowerCase() === q) || NODES.find(n => n.label.toLowerCase().includes(q));
  if (hit) {{ network.selectNodes([hit.id]); network.focus(hit.id, {{ scale: 1.2 }}); }}
}});
for (const id of ["line", "yearFrom", "yearTo"]) document.getElementById(id).addEventListener("change", applyFilters);
kindsBox.addEventListener("change", applyFilters);
for (const r of document.querySelectorAll("input[name=colour]")) r.addEventListener("change", recolour);
summarise();
window.wsisgraph = {{ network: network, nodes: nodes, edges: edges, applyFilters: applyFilters,
  ready: true, totalNodes: NODES.length, totalEdges: EDGES.length }};
</script>
</body>
</html>
"""


def render_page(graph: nx.Graph, *, title: str = "wsisgraph: who works with whom", note: str = "") -> str:
    """The HTML of the page for ``graph`` (nodes may carry degree/community from analyse)."""
    positions = layout(graph)
    net, facts = _build(graph, positions)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return _TEMPLATE.format(
        title=_escape_html(title),
        vis_css=_asset("vis-network.css").replace("</style", "<\\/style"),
        vis_js=_asset("vis-network.min.js").replace("</script", "<\\/script"),
        nodes=_safe_json(nodes),
        edges=_safe_json(edges),
        facts=_safe_json(facts),
        options=_safe_json(options if isinstance(options, dict) else json.loads(options)),
        legend=_safe_json(_LEGEND),
        note=_safe_json(note),
    )


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_page(graph: nx.Graph, output: Path, *, title: str = "wsisgraph: who works with whom", note: str = "") -> Path:
    """Write the page to ``output`` and return its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_page(graph, title=title, note=note), encoding="utf-8")
    return output
