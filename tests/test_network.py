"""The coordination network read from the store, its analysis, exports and the written page."""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from wsisgraph.cli import app
from wsisgraph.errors import UsageError
from wsisgraph.network import (
    NetworkFilter,
    analyse,
    coordination_network,
    ego_network,
    export_network,
    strongest,
)
from wsisgraph.store import Store
from wsisgraph.visualise import layout, render_page

COALITION = "https://w3id.org/wsisgraph/id/org/un-e-waste-coalition"
COALITION_MEMBERS = {"BRS", "ILO", "ITC", "ITU", "UN-Habitat", "UNEP", "UNIDO", "UNITAR", "UNU", "WHO"}


@pytest.fixture
def store(ingested_store_path: Path) -> Iterator[Store]:
    """The ingested corpus, open for one test (closed again so the CLI tests can open it)."""
    with Store(ingested_store_path) as opened:
        yield opened


@pytest.fixture(scope="module")
def projection(ingested_store_path: Path) -> nx.Graph:
    with Store(ingested_store_path) as opened:
        graph, _ = coordination_network(opened)
    return graph


def _by_label(graph: nx.Graph) -> dict[str, str]:
    return {str(data["label"]): node for node, data in graph.nodes(data=True)}


def test_members_of_one_coalition_are_joined_through_it(projection: nx.Graph) -> None:
    nodes = _by_label(projection)
    for a in COALITION_MEMBERS:
        for b in COALITION_MEMBERS - {a}:
            edge = projection.edges[nodes[a], nodes[b]]
            assert "co-membership" in edge["kinds"]
            about = {fact["about"] for fact in edge["facts"].values() if fact["kind"] == "membership"}
            assert "UN E-waste Coalition" in about


def test_every_edge_keeps_its_evidence_weight_and_years(projection: nx.Graph) -> None:
    for _, _, data in projection.edges(data=True):
        assert data["weight"] == len(data["facts"]) >= 1
        for fact in data["facts"].values():
            assert fact["evidence"], fact
            for evidence in fact["evidence"]:
                assert evidence["document"] and evidence["quote"]
            assert set(fact["years"]) <= data["years"]


def test_a_mandate_joins_issuer_and_recipient(projection: nx.Graph) -> None:
    nodes = _by_label(projection)
    edge = projection.edges[nodes["ECOSOC"], nodes["CSTD"]]
    assert "mandate" in edge["kinds"]


def test_the_bipartite_view_keeps_the_coalition_as_a_node(store: Store) -> None:
    graph, _ = coordination_network(store, bipartite=True)
    members = {graph.nodes[node]["label"] for node in graph.neighbors(COALITION)}
    assert members >= COALITION_MEMBERS


def test_filters_keep_only_what_they_name(store: Store, projection: nx.Graph) -> None:
    c7, _ = coordination_network(store, NetworkFilter.parse("C7", None, None))
    assert 0 < c7.number_of_edges() < projection.number_of_edges()
    for _, _, data in c7.edges(data=True):
        assert all("C7" in fact["lines"] for fact in data["facts"].values())
    meetings, _ = coordination_network(store, NetworkFilter.parse(None, "2019..2019", "meeting"))
    assert meetings.number_of_edges() > 0
    for _, _, data in meetings.edges(data=True):
        assert data["kinds"] == {"meeting"}
        assert all("2019" in fact["years"] for fact in data["facts"].values())


@pytest.mark.parametrize(
    ("years", "first", "last"),
    [("2020", 2020, 2020), ("2019..2021", 2019, 2021), ("2019..", 2019, None), ("..2021", None, 2021)],
)
def test_year_ranges_parse(years: str, first: int | None, last: int | None) -> None:
    parsed = NetworkFilter.parse(None, years, None)
    assert (parsed.first_year, parsed.last_year) == (first, last)


@pytest.mark.parametrize(
    ("line", "years", "kinds"), [("C12", None, None), (None, "last year", None), (None, None, "friendship")]
)
def test_bad_filters_are_usage_errors(line: str | None, years: str | None, kinds: str | None) -> None:
    with pytest.raises(UsageError):
        NetworkFilter.parse(line, years, kinds)


def test_the_ego_view_is_everyone_within_the_depth(projection: nx.Graph) -> None:
    nodes = _by_label(projection)
    ego = ego_network(projection, "itu", depth=1)
    assert set(ego) == {nodes["ITU"], *projection.neighbors(nodes["ITU"])}
    by_name = ego_network(projection, "International Telecommunication Union", depth=1)
    assert set(by_name) == set(ego)
    with pytest.raises(UsageError, match="no body of that name"):
        ego_network(projection, "Nobody At All")


def test_analysis_finds_communities_and_brokers(store: Store) -> None:
    graph, summary = coordination_network(store)
    assert summary["communities"] >= 2
    assert summary["nodes"] == graph.number_of_nodes()
    brokers = summary["brokers"]
    assert brokers and brokers[0]["betweenness"] >= brokers[-1]["betweenness"]
    top = max(graph, key=lambda node: graph.nodes[node]["betweenness"])
    assert brokers[0]["node"] == top
    assert all({"degree", "betweenness", "community"} <= set(data) for _, data in graph.nodes(data=True))


def test_graphml_round_trips_nodes_edges_and_attributes(projection: nx.Graph, tmp_path: Path) -> None:
    output = tmp_path / "net.graphml"
    export_network(projection, "graphml", output)
    loaded = nx.read_graphml(output)
    assert set(loaded) == set(projection)
    assert {frozenset(edge) for edge in loaded.edges()} == {frozenset(edge) for edge in projection.edges()}
    for node, data in projection.nodes(data=True):
        assert loaded.nodes[node]["label"] == data["label"]
        assert loaded.nodes[node]["community"] == data["community"]
        assert loaded.nodes[node]["betweenness"] == pytest.approx(data["betweenness"])
    for a, b, data in projection.edges(data=True):
        edge = loaded.edges[a, b]
        assert edge["weight"] == data["weight"]
        assert set(edge["kinds"].split(", ")) == data["kinds"]
        assert {fact["fact"] for fact in json.loads(edge["facts"])} == set(data["facts"])


def test_gexf_and_csv_exports(projection: nx.Graph, tmp_path: Path) -> None:
    export_network(projection, "gexf", tmp_path / "net.gexf")
    assert nx.read_gexf(tmp_path / "net.gexf").number_of_edges() == projection.number_of_edges()
    export_network(projection, "csv", tmp_path / "net.csv")
    with (tmp_path / "net.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == projection.number_of_edges()
    with (tmp_path / "net-nodes.csv").open(encoding="utf-8") as stream:
        assert len(list(csv.DictReader(stream))) == projection.number_of_nodes()


def test_strongest_keeps_the_best_connected_and_says_what_it_left_out(projection: nx.Graph) -> None:
    kept, note = strongest(projection, 20)
    assert kept.number_of_nodes() <= 20
    strength = dict(projection.degree(weight="weight"))
    weakest_kept = min(strength[node] for node in kept)
    assert sum(1 for node in projection if strength[node] > weakest_kept) < 20
    assert f"of {projection.number_of_nodes():,} bodies" in note
    same, empty = strongest(projection, 10_000)
    assert same is projection and empty == ""


def test_strongest_keeps_the_heaviest_ties_when_there_are_too_many(projection: nx.Graph) -> None:
    limit = projection.number_of_edges() // 3
    kept, note = strongest(projection, 10_000, max_edges=limit)
    assert kept.number_of_edges() == limit
    lightest_kept = min(weight for _, _, weight in kept.edges(data="weight"))
    assert all(weight <= lightest_kept for a, b, weight in projection.edges(data="weight") if not kept.has_edge(a, b))
    assert all(kept.degree(node) > 0 for node in kept)
    assert f"strongest of {projection.number_of_edges():,} ties" in note
    assert projection.number_of_edges() > limit  # the input is left whole


def test_the_page_is_self_contained_and_escapes_names() -> None:
    graph = nx.Graph()
    hostile = "<img src=x onerror=alert(1)></script><!--"
    graph.add_node("a", label=hostile, type="Organization")
    graph.add_node("b", label="ITU", type="UNEntity")
    fact = {"fact": "f", "kind": "cooperation", "about": "", "years": [], "lines": [], "evidence": []}
    graph.add_edge("a", "b", kinds={"cooperation"}, weight=1, years=set(), facts={"f": fact})
    analyse(graph)
    html = render_page(graph, title=hostile)
    assert "<img src=x" not in html
    assert set(re.findall(r"<script\b[^>]*>", html)) == {"<script>"}  # vis-network, data and code: all inline
    assert not re.search(r"<link\b|\bsrc=[\"']?https?:|@import", html)
    assert "default-src 'none'" in html


def test_layout_keeps_nodes_apart_and_packs_components() -> None:
    graph = nx.barabasi_albert_graph(200, 2, seed=1)
    graph.add_edges_from([(1000, 1001), (1002, 1003)])
    positions = layout(nx.relabel_nodes(graph, str))
    assert len(positions) == graph.number_of_nodes()
    nearest = min(math.dist(p, q) for p, q in itertools.combinations(positions.values(), 2))
    assert nearest > 5  # page pixels: no two nodes drawn on top of each other
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    assert max(xs) - min(xs) < 4 * (max(ys) - min(ys) + 1) and max(ys) - min(ys) < 4 * (max(xs) - min(xs) + 1)


def test_cli_viz_and_network(ingested_store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    page = tmp_path / "page.html"
    result = runner.invoke(app, ["viz", "--store", str(ingested_store_path), "-o", str(page), "--around", "UNEP"])
    assert result.exit_code == 0, result.output
    assert str(page.resolve()) in result.stdout.replace("\n", "")
    assert "UNEP" in page.read_text(encoding="utf-8")
    graphml = tmp_path / "net.graphml"
    result = runner.invoke(
        app, ["network", "--store", str(ingested_store_path), "-o", str(graphml), "--kind", "mandate"]
    )
    assert result.exit_code == 0, result.output
    assert "Brokers" in result.stdout
    assert nx.read_graphml(graphml).number_of_edges() > 0


@pytest.mark.parametrize(
    "args",
    [["--around", "Nobody At All"], ["--action-line", "C99"], ["--year", "someday"], ["--kind", "friendship"]],
)
def test_cli_viz_refuses_bad_options_in_one_line(ingested_store_path: Path, tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(
        app, ["viz", "--store", str(ingested_store_path), "-o", str(tmp_path / "p.html"), *args]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "p.html").exists()


def test_cli_viz_on_an_empty_store_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["viz", "--store", str(tmp_path / "empty"), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 2
    assert "no facts join two bodies" in result.stderr
