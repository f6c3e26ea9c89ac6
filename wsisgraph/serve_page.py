"""The query page of ``wsisgraph serve``: one self-contained HTML file, no remote assets.

It lists the named queries (from ``/queries``) as examples, runs SPARQL against
``/query`` and shows the answer as a table. Every value is put in the page with
``textContent``, so text from documents cannot become markup.
"""

from __future__ import annotations

__all__ = ["QUERY_PAGE"]

QUERY_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>wsisgraph SPARQL endpoint</title>
<style>
body { font-family: sans-serif; font-size: 14px; margin: 16px; max-width: 1200px; }
h1 { font-size: 18px; }
textarea { width: 100%; height: 260px; font-family: monospace; font-size: 13px; }
select, button, input { font-size: 14px; margin: 4px 4px 4px 0; }
table { border-collapse: collapse; margin-top: 10px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
#status { color: #555; margin: 6px 0; }
#status.error { color: #b00; white-space: pre-wrap; }
#params label { margin-right: 10px; }
.links a { margin-right: 8px; }
code { background: #f3f3f3; padding: 1px 3px; }
</style>
</head>
<body>
<h1>wsisgraph: a knowledge graph of WSIS reporting</h1>
<p>SPARQL 1.1 endpoint: <code>/query</code> (GET or POST; JSON, XML, CSV, TSV or RDF by
<code>Accept</code>). Named queries run at <code>/queries/NAME?param=value</code>; the network of
who works with whom is at <a href="graph">/graph</a>.</p>
<label>Example: <select id="examples"><option value="">choose a named query</option></select></label>
<div id="description"></div>
<div id="params"></div>
<textarea id="sparql" spellcheck="false" aria-label="SPARQL query">SELECT ?document ?title WHERE {
  ?d a wsis:SourceDocument ; dcterms:identifier ?document .
  OPTIONAL { ?d dcterms:title ?title }
} ORDER BY ?document</textarea>
<div>
  <button id="run">Run query</button>
  <span class="links" id="links"></span>
</div>
<div id="status"></div>
<div id="results"></div>
<script>
"use strict";
let queries = [];
let chosen = null;
const $ = id => document.getElementById(id);
function el(tag, text) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }

async function loadExamples() {
  const response = await fetch("queries");
  queries = await response.json();
  for (const q of queries) { const o = el("option", q.name + " \\u2014 " + q.title); o.value = q.name; $("examples").appendChild(o); }
}
$("examples").addEventListener("change", () => {
  chosen = queries.find(q => q.name === $("examples").value) || null;
  $("params").replaceChildren();
  $("description").textContent = chosen ? chosen.description : "";
  if (!chosen) return;
  $("sparql").value = chosen.sparql;
  for (const p of chosen.parameters) {
    const label = el("label", p.name + (p.required ? " (required) " : " "));
    const input = el("input"); input.name = p.name; input.placeholder = p.description; input.size = 30;
    label.appendChild(input); $("params").appendChild(label);
  }
});
$("sparql").addEventListener("input", () => { if (chosen && $("sparql").value !== chosen.sparql) { chosen = null; $("params").replaceChildren(); } });

function requestUrl(format) {
  if (chosen) {
    const params = new URLSearchParams();
    for (const input of $("params").querySelectorAll("input")) if (input.value) params.set(input.name, input.value);
    if (format) params.set("format", format);
    return "queries/" + encodeURIComponent(chosen.name) + "?" + params.toString();
  }
  const params = new URLSearchParams({ query: $("sparql").value });
  if (format) params.set("format", format);
  return "query?" + params.toString();
}
function showLinks() {
  const box = $("links"); box.replaceChildren(document.createTextNode("download: "));
  for (const f of ["csv", "tsv", "json", "xml"]) { const a = el("a", f); a.href = requestUrl(f); box.appendChild(a); }
}
function cell(term) {
  if (!term) return "";
  return term.value;
}
async function run() {
  $("status").className = ""; $("status").textContent = "running\\u2026"; $("results").replaceChildren();
  const started = performance.now();
  const response = await fetch(requestUrl(""), { headers: { Accept: "application/sparql-results+json, text/turtle;q=0.5" } });
  const text = await response.text();
  if (!response.ok) { $("status").className = "error"; $("status").textContent = response.status + ": " + text; return; }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!(response.headers.get("content-type") || "").includes("json")) {
    $("status").textContent = "a graph, in " + seconds + " s"; $("results").appendChild(el("pre", text)); return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) { $("status").textContent = String(data.boolean) + " (" + seconds + " s)"; return; }
  const vars = data.head.vars, rows = data.results.bindings;
  $("status").textContent = rows.length + " rows in " + seconds + " s";
  const table = el("table"), head = el("tr");
  for (const v of vars) head.appendChild(el("th", v));
  table.appendChild(head);
  for (const row of rows.slice(0, 2000)) {
    const tr = el("tr");
    for (const v of vars) tr.appendChild(el("td", cell(row[v])));
    table.appendChild(tr);
  }
  $("results").appendChild(table);
  showLinks();
}
$("run").addEventListener("click", () => run().catch(error => { $("status").className = "error"; $("status").textContent = String(error); }));
loadExamples().catch(error => { $("status").textContent = "could not load the named queries: " + error; });
</script>
</body>
</html>
"""
