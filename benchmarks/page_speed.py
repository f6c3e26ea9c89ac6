"""Time to interactive of the network page, against pyvis's default page of the same graph.

    python benchmarks/page_speed.py [--sizes 100,1000,5000] [--chromium /usr/bin/chromium]

For each size it builds a synthetic coordination network (power-law with clustering, one
fact with a quote per tie, communities from :func:`wsisgraph.network.analyse`), then:

* writes our page with :func:`wsisgraph.visualise.write_page` (layout computed in Python,
  physics off) and times the writing;
* writes pyvis's page with its defaults (``Network().from_nx(graph)``, physics on with
  stabilisation); its vis-network script, linked from a CDN, is served from pyvis's own
  bundled copy so that no time is spent on the network;
* opens each in headless Chromium (Playwright) and measures, from navigation start, when
  the page becomes interactive: the network exists, its stabilisation is over (at once when
  physics is off) and two animation frames have been drawn.

It prints the figures and the ratio pyvis / wsisgraph. Run by hand; not part of CI.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from importlib import resources
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, sync_playwright
from pyvis.network import Network

from wsisgraph.network import analyse
from wsisgraph.visualise import write_page

_TTI_PROBE = """
window.__tti = null;
(function poll() {
  const net = (window.wsisgraph && window.wsisgraph.network) || window.network;
  if (net && net.body && net.physics) {
    const done = () => requestAnimationFrame(() => requestAnimationFrame(() => { window.__tti = performance.now(); }));
    const options = net.physics.options;
    const stabilising = options.enabled && options.stabilization && options.stabilization.enabled;
    if (!stabilising || net.physics.stabilized) done(); else net.once("stabilizationIterationsDone", done);
    return;
  }
  setTimeout(poll, 5);
})();
"""


def synthetic(size: int, seed: int = 7) -> nx.Graph:
    """A coordination-like network of ``size`` bodies with facts and evidence on every tie."""
    shape = nx.powerlaw_cluster_graph(size, 2, 0.3, seed=seed)
    graph = nx.Graph()
    kinds = ("co-membership", "meeting", "mandate", "cooperation")
    for node in shape:
        graph.add_node(f"org{node}", label=f"Organisation {node}", type="UNEntity" if node % 5 == 0 else "Organization")
    for number, (a, b) in enumerate(shape.edges()):
        kind = kinds[number % len(kinds)]
        year = str(2010 + number % 12)
        fact = {
            "fact": f"fact{number}",
            "kind": kind.removeprefix("co-").replace("membership", "membership"),
            "about": f"Group {number % 50}",
            "years": [year],
            "lines": [f"C{1 + number % 11}"],
            "evidence": [
                {"document": f"doc{number % 300}", "quote": f"Organisation {a} worked with Organisation {b}."}
            ],
        }
        graph.add_edge(f"org{a}", f"org{b}", kinds={kind}, weight=1, years={year}, facts={fact["fact"]: fact})
    analyse(graph)
    return graph


def pyvis_default(graph: nx.Graph, folder: Path) -> Path:
    plain = nx.Graph()
    for node, data in graph.nodes(data=True):
        plain.add_node(node, label=data["label"])
    plain.add_edges_from(graph.edges())
    net = Network()
    net.from_nx(plain)
    page = folder / "pyvis.html"
    # pyvis copies its lib/ folder into the working directory: keep it in the scratch folder
    here = Path.cwd()
    os.chdir(folder)
    try:
        net.write_html(page.name)
    finally:
        os.chdir(here)
    return page


def time_to_interactive(browser: Browser, page_file: Path, timeout_s: float) -> float:
    vis_js = resources.files("pyvis").joinpath("lib", "vis-9.1.2", "vis-network.min.js").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:

        def route(request_route: object) -> None:
            url = request_route.request.url  # type: ignore[attr-defined]
            if url.endswith("vis-network.min.js") and url.startswith("https://"):
                request_route.fulfill(body=vis_js, content_type="application/javascript")  # type: ignore[attr-defined]
            elif url.startswith("file://"):
                request_route.continue_()  # type: ignore[attr-defined]
            else:
                request_route.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)
        context.add_init_script(_TTI_PROBE)
        page = context.new_page()
        page.goto(page_file.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function("() => window.__tti !== null", timeout=timeout_s * 1000, polling=50)
        return float(page.evaluate("() => window.__tti")) / 1000
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds to wait for one page")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for size in sizes:
            folder = Path(scratch) / str(size)
            folder.mkdir()
            graph = synthetic(size)
            started = time.perf_counter()
            ours = write_page(graph, folder / "wsisgraph.html")
            write_s = time.perf_counter() - started
            theirs = pyvis_default(graph, folder)
            ours_s = time_to_interactive(browser, ours, args.timeout)
            theirs_s = time_to_interactive(browser, theirs, args.timeout)
            rows.append((size, graph.number_of_edges(), write_s, ours_s, theirs_s))
            print(
                f"{size:>6} nodes {graph.number_of_edges():>6} edges: page written in {write_s:6.2f} s; "
                f"interactive in {ours_s:6.2f} s (wsisgraph) vs {theirs_s:7.2f} s (pyvis defaults): "
                f"{theirs_s / ours_s:6.1f}x sooner",
                flush=True,
            )
        browser.close()
    print(
        "\n| nodes | edges | page written (s) | interactive, wsisgraph (s) | interactive, pyvis defaults (s) | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size, edges, write_s, ours_s, theirs_s in rows:
        print(f"| {size:,} | {edges:,} | {write_s:.2f} | {ours_s:.2f} | {theirs_s:.2f} | {theirs_s / ours_s:.1f}x |")


if __name__ == "__main__":
    main()
