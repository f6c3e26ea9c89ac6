"""The interactive page in headless Chromium, with every network request blocked.

Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright. Without it the tests
skip, unless ``WSISGRAPH_REQUIRE_BROWSER=1`` (as ``.ci/run`` sets) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from wsisgraph.cli import app
from wsisgraph.network import analyse, coordination_network
from wsisgraph.store import Store
from wsisgraph.visualise import write_page

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("WSISGRAPH_CHROMIUM", "/usr/bin/chromium")
HOSTILE = "<img src=x onerror=\"window.pwned='img'\"><script>window.pwned='script'</script>"

playwright_api = pytest.importorskip("playwright.sync_api")


def _browser_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


if not _browser_available():
    if os.environ.get("WSISGRAPH_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)")
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Visit:
    """One page opened offline, with what it requested and logged."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.wsisgraph && window.wsisgraph.ready")

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def evaluate(self, script: str, argument: Any = None) -> Any:
        return self.page.evaluate(script, argument)

    def click_node(self, node: str) -> None:
        x, y = self.evaluate(
            """id => {
                const net = window.wsisgraph.network;
                net.focus(id, { scale: 1.5, animation: false });
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const box = document.querySelector('#graph canvas').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
            node,
        )
        self.page.mouse.click(x, y)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def corpus_network(ingested_store_path: Path) -> nx.Graph:
    with Store(ingested_store_path) as store:
        graph, _ = coordination_network(store)
    return graph


@pytest.fixture(scope="module")
def corpus_page(ingested_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page as the CLI writes it for the shipped corpus."""
    output = tmp_path_factory.mktemp("page") / "graph.html"
    result = CliRunner().invoke(app, ["viz", "--store", str(ingested_store_path), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture
def visit(browser: Any, corpus_page: Path) -> Iterator[Visit]:
    opened = Visit(browser, corpus_page)
    yield opened
    opened.close()


def _itu(graph: nx.Graph) -> str:
    return next(node for node, data in graph.nodes(data=True) if data.get("label") == "ITU")


def test_the_page_needs_nothing_from_the_network(visit: Visit) -> None:
    assert visit.requests == [visit.url]
    assert visit.errors == []


def test_the_page_draws_every_node_and_edge_of_the_network(visit: Visit, corpus_network: nx.Graph) -> None:
    drawn = visit.evaluate(
        "() => [window.wsisgraph.network.body.nodeIndices.length, window.wsisgraph.network.body.edgeIndices.length]"
    )
    assert drawn == [corpus_network.number_of_nodes(), corpus_network.number_of_edges()]
    assert corpus_network.number_of_nodes() > 50


def test_clicking_a_node_shows_its_facts_with_quotes(visit: Visit, corpus_network: nx.Graph) -> None:
    itu = _itu(corpus_network)
    visit.click_node(itu)
    details = visit.page.locator("#details")
    assert details.locator("h2").inner_text().startswith("ITU")
    quotes = details.locator(".quote").all_inner_texts()
    assert quotes
    # only the facts ITU itself takes part in, not the other members' facts about its groups
    expected = {
        evidence["quote"]
        for a, b, data in corpus_network.edges(itu, data=True)
        for fact in data["facts"].values()
        if itu in fact["actors"]
        for evidence in fact["evidence"]
    }
    assert {quote.strip("\u201c\u201d") for quote in quotes} == expected
    assert details.locator(".doc").count() == len(quotes)
    for fact in details.locator(".fact").all():
        shown = list(zip(fact.locator(".quote").all_inner_texts(), fact.locator(".doc").all_inner_texts(), strict=True))
        assert len(shown) == len(set(shown)), "a quote is shown twice under one fact"
    assert visit.errors == []


def test_the_action_line_filter_hides_what_it_should(visit: Visit, corpus_network: nx.Graph) -> None:
    kept = sum(
        1
        for _, _, data in corpus_network.edges(data=True)
        if any("C7" in fact["lines"] for fact in data["facts"].values())
    )
    assert 0 < kept < corpus_network.number_of_edges()
    visit.page.select_option("#line", "C7")
    shown = visit.evaluate("() => window.wsisgraph.edges.get({ filter: e => !e.hidden }).length")
    assert shown == kept
    hidden_nodes = visit.evaluate("() => window.wsisgraph.nodes.get({ filter: n => n.hidden }).length")
    assert hidden_nodes > 0
    visit.page.select_option("#line", "")
    assert visit.evaluate("() => window.wsisgraph.edges.get({ filter: e => !e.hidden }).length") == (
        corpus_network.number_of_edges()
    )


def test_the_kind_filter_hides_what_it_should(visit: Visit, corpus_network: nx.Graph) -> None:
    kept = sum(1 for _, _, data in corpus_network.edges(data=True) if data["kinds"] - {"co-membership"})
    visit.page.locator("input.kind[value='co-membership']").uncheck()
    shown = visit.evaluate("() => window.wsisgraph.edges.get({ filter: e => !e.hidden }).length")
    assert shown == kept


def test_searching_a_name_selects_that_body(visit: Visit, corpus_network: nx.Graph) -> None:
    visit.page.fill("#search", "itu")
    selected = visit.evaluate("() => window.wsisgraph.network.getSelectedNodes()")
    assert selected == [_itu(corpus_network)]


def test_a_script_in_a_name_is_shown_as_text_and_never_runs(browser: Any, tmp_path: Path) -> None:
    graph = nx.Graph()
    fact = {
        "fact": "f1",
        "kind": "cooperation",
        "about": HOSTILE,
        "years": ["2020"],
        "lines": [],
        "evidence": [{"document": "</script><script>window.pwned='doc'</script>", "quote": HOSTILE}],
    }
    graph.add_node("a", label=HOSTILE, type="Organization")
    graph.add_node("b", label="ITU", type="UNEntity")
    graph.add_edge("a", "b", kinds={"cooperation"}, weight=1, years={"2020"}, facts={"f1": fact})
    analyse(graph)
    page_file = write_page(graph, tmp_path / "hostile.html", title=HOSTILE)
    opened = Visit(browser, page_file)
    try:
        opened.click_node("a")
        assert opened.evaluate("() => window.pwned") is None
        assert opened.dialogs == []
        assert opened.errors == []
        assert opened.page.locator("#details h2").inner_text().startswith(HOSTILE)
        assert HOSTILE in opened.page.locator("#details .quote").inner_text()
        assert opened.page.locator("#details img, #details script").count() == 0
        assert opened.page.title() == HOSTILE
        assert opened.requests == [opened.url]
    finally:
        opened.close()
