"""The seed document's graph, compared by isomorphism with a reviewed golden copy."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from wsisgraph.emit import emit_document
from wsisgraph.extract import extract_document
from wsisgraph.read import read_document
from wsisgraph.store import Store
from wsisgraph.vocab import WSIS

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "corpus" / "cstd2021-unep.md"
GOLDEN = Path(__file__).with_name("cstd2021-unep.nt")
# these depend on the code version, not on the document
VOLATILE = {WSIS.contentHash, WSIS.extractorVersion}


def _graph(triples: list[tuple[object, object, object]]) -> Graph:
    graph = Graph()
    for subject, predicate, obj in triples:
        if predicate not in VOLATILE:
            graph.add((subject, predicate, obj))  # type: ignore[arg-type]
    return graph


def _seed_graph() -> Graph:
    extraction = extract_document(read_document(SEED))
    return _graph(emit_document(extraction, content_hash="golden", version="golden"))  # type: ignore[arg-type]


def test_seed_document_graph_matches_golden(update_golden: bool) -> None:
    graph = _seed_graph()
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(graph.serialize(format="nt", encoding="utf-8").decode("utf-8"), encoding="utf-8")
    golden = Graph().parse(GOLDEN, format="nt")
    if not isomorphic(graph, golden):
        _both, only_new, only_golden = graph_diff(to_isomorphic(graph), to_isomorphic(golden))
        lines = ["graph differs from the golden copy (pytest --update-golden rewrites it):"]
        lines += [f"+ {t}" for t in sorted(only_new, key=str)][:40]
        lines += [f"- {t}" for t in sorted(only_golden, key=str)][:40]
        raise AssertionError("\n".join(lines))


def test_extraction_is_deterministic() -> None:
    assert isomorphic(_seed_graph(), _seed_graph())


def test_stored_graph_equals_emitted_graph(tmp_path: Path) -> None:
    """What the store holds is exactly what emit produced (no term is changed on the way)."""
    from wsisgraph.ingest import ingest_files

    with Store(tmp_path / "store") as store:
        ingest_files(store, [SEED])
        data = store.ntriples("https://w3id.org/wsisgraph/doc/cstd2021-unep").decode("utf-8")
    stored = Graph()
    for triple in Graph().parse(data=data, format="nt"):
        if triple[1] not in VOLATILE:
            stored.add(triple)
    assert isomorphic(stored, _seed_graph())


def test_reingest_gives_an_isomorphic_graph(tmp_path: Path) -> None:
    from wsisgraph.ingest import ingest_files

    dumps = []
    for attempt in range(2):
        with Store(tmp_path / f"store{attempt}") as store:
            ingest_files(store, [ROOT / "data" / "corpus"])
            dumps.append(store.nquads())
    first, second = (Graph() for _ in range(2))
    for graph, dump in zip((first, second), dumps, strict=True):
        for line in dump.decode("utf-8").splitlines():
            head = line.rsplit(" ", 2)[0]  # drop the graph name: compare the union
            graph.parse(data=head + " .", format="nt")
    assert isomorphic(first, second)


def test_every_fact_has_a_quote_that_is_in_the_text() -> None:
    graph = _seed_graph()
    text = str(graph.value(URIRef("https://w3id.org/wsisgraph/doc/cstd2021-unep"), WSIS.text))
    oa = "http://www.w3.org/ns/oa#"
    for selector in graph.subjects(URIRef(oa + "start"), None):
        start = int(graph.value(selector, URIRef(oa + "start")))  # type: ignore[arg-type]
        end = int(graph.value(selector, URIRef(oa + "end")))  # type: ignore[arg-type]
        target = graph.value(None, URIRef(oa + "hasSelector"), selector)
        quotes = [graph.value(s, URIRef(oa + "exact")) for s in graph.objects(target, URIRef(oa + "hasSelector"))]
        exact = next(q for q in quotes if isinstance(q, Literal))
        assert text[start:end] == str(exact)
