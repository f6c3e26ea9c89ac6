"""Time to interactive of the network page, against pyvis's default page of the same graph.

    python benchmarks/page_speed.py [--sizes 100,1000,5000] [--chromium /usr/bin/chromium]

For each size it builds a synthetic coordination network (power-law with clustering, one
fact with a quote per tie, communities from :func:`wsisgraph.network.analyse`), then:

* writes our page with :func:`wsisgraph.visualise.write_page` (layout computed in Python,
  physics off) and times the writing;
* writes pyvis's page with its defaults (``Network().from_nx(graph)``, physics on with
  stabilisation); the CDN links it writes for vis-network are pointed at the copy pyvis
  puts in lib/, so that no time is spent on the network;
* opens each in headless Chromium (Playwright) and measures, from navigation start, when
  the page becomes interactive: the network exists, its stabilisation is over (at once when
  physics is off) and two animation frames have been drawn. A page that is not interactive
  within ``--timeout`` seconds is reported as "> timeout".

It prints the figures and the ratio pyvis / wsisgraph. Run by hand; not part of CI.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pyvis.network import Network

from wsisgraph.network import analyse
from wsisgraph.visualise import write_page

_TTI_PROBE = """
window.__tti = null;
(function poll() {
  // vis-network sets physics.ready once its stabilisation iterations are done (at once when
  // physics is off); an event listener could attach after the event has fired.
  const net = (window.wsisgraph && window.wsisgraph.network) || window.network;
  if (net && net.physics && net.physics.ready) {
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__tti = performance.now(); }));
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
    # pyvis links vis-network from a CDN with a subresource-integrity hash even in its "local"
    # mode; point those tags at the copy it wrote into lib/, so the page loads offline unchanged
    html = page.read_text(encoding="utf-8")
    html = re.sub(
        r'<script src="https://cdnjs[^"]*vis-network\.min\.js"[^>]*></script>',
        '<script src="lib/vis-9.1.2/vis-network.min.js"></script>',
        html,
    )
    html = re.sub(
        r'<link rel="stylesheet" href="https://cdnjs[^"]*vis-network\.min\.css"[^>]*/>',
        '<link rel="stylesheet" href="lib/vis-9.1.2/vis-network.css" />',
        html,
    )
    page.write_text(html, encoding="utf-8")
    return page


def time_to_interactive(browser: Browser, page_file: Path, timeout_s: float) -> float:
    """Seconds from navigation start until the network is drawn and stable, with the network cut."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:

        def route(request_route: Route) -> None:
            if request_route.request.url.startswith("file://"):
                request_route.continue_()
            else:
                request_route.abort()

        context.route("**/*", route)
        context.add_init_script(_TTI_PROBE)
        page = context.new_page()
        page.goto(page_file.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        try:
            page.wait_for_function("() => window.__tti !== null", timeout=timeout_s * 1000, polling=50)
        except PlaywrightTimeout:
            return math.inf  # not interactive within the time limit: reported as "> limit"
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
                f"interactive in {_seconds(ours_s, args.timeout)} s (wsisgraph) vs "
                f"{_seconds(theirs_s, args.timeout)} s (pyvis defaults): "
                f"{_ratio(theirs_s, ours_s, args.timeout)} sooner",
                flush=True,
            )
        browser.close()
    print(
        "\n| nodes | edges | page written (s) | interactive, wsisgraph (s) | interactive, pyvis defaults (s) | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size, edges, write_s, ours_s, theirs_s in rows:
        print(
            f"| {size:,} | {edges:,} | {write_s:.2f} | {_seconds(ours_s, args.timeout)} | "
            f"{_seconds(theirs_s, args.timeout)} | {_ratio(theirs_s, ours_s, args.timeout)} |"
        )


def _seconds(value: float, limit: float) -> str:
    return f"> {limit:.0f}" if math.isinf(value) else f"{value:.2f}"


def _ratio(theirs: float, ours: float, limit: float) -> str:
    if math.isinf(ours):
        return "n/a"
    return f"> {limit / ours:.0f}x" if math.isinf(theirs) else f"{theirs / ours:.1f}x"


if __name__ == "__main__":
    main()
