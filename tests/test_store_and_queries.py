"""The Store (in memory and on disk) and the named queries on the ingested corpus."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from wsisgraph.errors import QueryError, StoreError, StoreLockedError, UsageError
from wsisgraph.query import load_named_queries, parse_params, run_query
from wsisgraph.store import ExportFormat, GraphStore, QueryResult, Store, Value
from wsisgraph.vocab import WSIS

EX = "http://example.org/"
G1, G2 = URIRef(EX + "graph/one"), URIRef(EX + "graph/two")
A, B, P, Q = URIRef(EX + "a"), URIRef(EX + "b"), URIRef(EX + "p"), URIRef(EX + "q")
RDFLIB_DEPRECATIONS = r"ignore:(Dataset|ConjunctiveGraph)\S* is deprecated:DeprecationWarning"
INJECTION = '"> } ; DROP ALL'
E_WASTE_MEMBERS = {"UNU", "ITU", "ILO", "BRS", "UNEP", "UNIDO", "UNITAR", "ITC", "UN-Habitat", "WHO"}

Row = dict[str, str]


def rows(result: QueryResult) -> list[Row]:
    """Rows as plain strings ("" for unbound)."""
    return [{name: value.value if value is not None else "" for name, value in row.items()} for row in result.dicts()]


def objects(store: Store, graph: URIRef) -> set[str]:
    result = store.query("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": Value("iri", str(graph))})
    return {row["o"] for row in rows(result)}


def bad_iri() -> URIRef:
    """An IRI with a space; rdflib only logs that it "does not look like a valid URI"."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return URIRef(EX + "a b")


@pytest.fixture
def memory() -> Iterator[Store]:
    with Store(None) as store:
        store.replace_graph(G1, [(A, P, Literal("old")), (A, Q, Literal("kept?"))])
        store.replace_graph(G2, [(B, P, Literal("other graph"))])
        yield store


# --- writing --------------------------------------------------------------------------


def test_replace_graph_replaces(memory: Store) -> None:
    assert objects(memory, G1) == {"old", "kept?"}
    written = memory.replace_graph(G1, [(A, P, Literal("new")), (B, P, A)])
    assert written == 2
    assert objects(memory, G1) == {"new", EX + "a"}
    assert objects(memory, G2) == {"other graph"}
    assert memory.graphs() == sorted([str(G1), str(G2)])
    assert memory.quad_count() == 3


def test_replace_graph_with_nothing_empties_it(memory: Store) -> None:
    assert memory.replace_graph(G1, []) == 0
    assert objects(memory, G1) == set()
    assert objects(memory, G2) == {"other graph"}


def test_remove_graph(memory: Store) -> None:
    memory.remove_graph(G1)
    memory.remove_graph(URIRef(EX + "never-there"))
    assert memory.graphs() == [str(G2)]


@pytest.mark.parametrize(
    "bad",
    [Literal("x", lang="e"), Literal("x", lang="x-" + "a" * 20), "iri-with-a-space"],
    ids=["one-letter-language", "long-language-subtag", "iri-with-a-space"],
)
def test_replace_graph_is_atomic(memory: Store, bad: Literal | str) -> None:
    term = bad_iri() if isinstance(bad, str) else bad
    before = memory.nquads()
    with pytest.raises(StoreError):
        memory.replace_graph(G1, [(A, P, Literal("new")), (A, Q, term)])
    assert memory.nquads() == before
    assert objects(memory, G1) == {"old", "kept?"}


@pytest.mark.parametrize("bad", ["language", "iri"])
def test_replace_graph_reports_an_invalid_term_as_a_store_error(memory: Store, bad: str) -> None:
    term = Literal("x", lang="e") if bad == "language" else bad_iri()
    with pytest.raises(StoreError, match=str(G1)):
        memory.replace_graph(G1, [(A, P, term)])


def test_literals_are_data_not_syntax(memory: Store) -> None:
    hostile = f'{INJECTION} ; INSERT DATA {{ GRAPH <{EX}evil> {{ <{EX}x> <{EX}y> "z" }} }} # \\ " \n \u0000'
    memory.replace_graph(G1, [(A, P, Literal(hostile))])
    assert objects(memory, G1) == {hostile}
    assert memory.graphs() == sorted([str(G1), str(G2)])
    assert memory.quad_count() == 2


def test_terms_come_back_as_values(memory: Store) -> None:
    blank = BNode("b1")
    memory.replace_graph(
        G1,
        [
            (A, P, Literal("Genève", lang="fr")),
            (A, P, Literal("2019", datatype=XSD.gYear)),
            (A, P, blank),
            (blank, P, Literal("plain")),
        ],
    )
    values = {
        value
        for (value,) in memory.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        if value is not None and value.kind != "bnode"
    }
    assert Value("literal", "Genève", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "fr") in values
    assert Value("literal", "2019", str(XSD.gYear)) in values
    assert Value("literal", "plain", str(XSD.string)) in values
    kinds = {value.kind for (value,) in memory.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows if value}
    assert kinds == {"literal", "bnode"}
    assert Value("literal", 'say "hi"', language="en").n3() == '"say \\"hi\\""@en'
    assert Value("iri", EX).n3() == f"<{EX}>"


# --- reading --------------------------------------------------------------------------


def test_content_hash(memory: Store) -> None:
    assert memory.content_hash(G1) is None
    memory.replace_graph(G1, [(G1, WSIS.contentHash, Literal("abc:1.0")), (A, P, Literal("x"))])
    assert memory.content_hash(G1) == "abc:1.0"
    assert memory.content_hash(G2) is None
    assert memory.content_hash(URIRef(EX + "missing")) is None


def test_bindings_are_terms(memory: Store) -> None:
    select = "SELECT ?o ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert rows(memory.query(select, bindings={"o": Value("literal", "old")})) == [{"o": "old", "s": EX + "a"}]
    before = memory.nquads()
    for value in (INJECTION, f"{INJECTION} #", "old' || true || '", "<" + EX + "a>"):
        assert memory.query(select, bindings={"o": Value("literal", value)}).rows == ()
    assert memory.query(select, bindings={"s": Value("iri", EX + "b")}).rows[0][0] == Value(
        "literal", "other graph", str(XSD.string)
    )
    assert memory.nquads() == before


def test_a_binding_filters_on_a_variable_the_query_uses(memory: Store) -> None:
    everything = memory.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    bound = memory.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"o": Value("literal", "old")})
    assert 0 < len(bound.rows) < len(everything.rows)


def test_a_binding_on_a_variable_the_query_never_uses_is_refused(memory: Store) -> None:
    with pytest.raises(QueryError, match=r"\?nowhere"):
        memory.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"nowhere": Value("literal", "x")})


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        ("SELECT ?x WHERE {", "not valid"),
        ("DROP ALL", "not valid"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "only SELECT and ASK"),
    ],
)
def test_query_refuses_what_it_cannot_run(memory: Store, sparql: str, message: str) -> None:
    before = memory.nquads()
    with pytest.raises(QueryError, match=message):
        memory.query(sparql)
    assert memory.nquads() == before


def test_ask_and_construct(memory: Store) -> None:
    assert memory.query("ASK { GRAPH ?g { ?s ?p 'old' } }").boolean is True
    assert memory.query("ASK { GRAPH ?g { ?s ?p 'new' } }").boolean is False
    triples = memory.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert {triple[2].value for triple in triples} == {"old", "kept?", "other graph"}
    with pytest.raises(QueryError, match="expected a CONSTRUCT"):
        memory.construct("SELECT * WHERE { ?s ?p ?o }")


# --- export ---------------------------------------------------------------------------

RDFLIB_FORMAT = {
    ExportFormat.TURTLE: "turtle",
    ExportFormat.TRIG: "trig",
    ExportFormat.NQUADS: "nquads",
    ExportFormat.NTRIPLES: "nt",
    ExportFormat.JSONLD: "json-ld",
}


@pytest.mark.filterwarnings(RDFLIB_DEPRECATIONS)
@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_format_round_trips(memory: Store, fmt: ExportFormat) -> None:
    assert ExportFormat(fmt.value) is fmt
    assert fmt.has_graphs == (fmt in (ExportFormat.TRIG, ExportFormat.NQUADS, ExportFormat.JSONLD))
    memory.replace_graph(G1, [(A, P, Literal("Genève", lang="fr")), (A, Q, Literal('say "hi" \\ bye'))])
    buffer = io.BytesIO()
    memory.export(buffer, fmt)
    data = buffer.getvalue()
    assert data
    if fmt.has_graphs:
        dataset = Dataset()
        dataset.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
        quads = {
            (str(s), str(p), str(o), str(g.identifier if isinstance(g, Graph) else g)) for s, p, o, g in dataset.quads()
        }
        assert len(quads) == memory.quad_count()
        assert (EX + "a", EX + "q", 'say "hi" \\ bye', str(G1)) in quads
    else:
        graph = Graph().parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
        assert len(graph) == 3  # the union of the graphs
        assert (A, P, Literal("Genève", lang="fr")) in graph

    one = io.BytesIO()
    memory.export(one, fmt, graph=str(G2))
    assert b"other graph" in one.getvalue()
    assert "Genève".encode() not in one.getvalue()


def test_unknown_export_format() -> None:
    with pytest.raises(ValueError, match="rdfxml"):
        ExportFormat("rdfxml")


# --- on disk --------------------------------------------------------------------------


def test_a_store_on_disk_persists_and_locks(store_path: Path) -> None:
    with Store(store_path) as store:
        store.replace_graph(G1, [(G1, WSIS.contentHash, Literal("h1"))])
        with pytest.raises(StoreLockedError, match="in use"):
            Store(store_path)
        started = time.monotonic()
        with pytest.raises(StoreLockedError):
            Store(store_path, wait=0.3)
        assert time.monotonic() - started >= 0.25
    with Store(store_path) as store:
        assert store.content_hash(G1) == "h1"
        assert store.graphs() == [str(G1)]


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("not a store", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the store") as caught:
        Store(path)
    assert not isinstance(caught.value, StoreLockedError)


def test_a_refused_construct_does_not_keep_the_store_locked(store_path: Path) -> None:
    store = Store(store_path)
    try:
        store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    except QueryError as error:
        kept = error  # as a CLI runner or a logger would keep it
    store.close()
    with Store(store_path) as again:
        assert again.graphs() == []
    del kept


# --- named queries on the corpus ------------------------------------------------------

JOINING = {"meetings", "mandates", "facilitators", "coordination", "action-lines"}
ECOSOC = "https://w3id.org/wsisgraph/id/org/ecosoc"


BACKENDS = ["embedded", "served", "oxigraph", "virtuoso"]


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(request: pytest.FixtureRequest, ingested_store_path: Path) -> Iterator[GraphStore]:
    """The ingested corpus in each kind of store: every named-query test runs on all four."""
    if request.param == "embedded":
        with Store(ingested_store_path) as store:
            yield store
    else:
        yield request.getfixturevalue(f"{request.param}_corpus")


@pytest.fixture(scope="module")
def texts(corpus: Store) -> dict[str, str]:
    result = corpus.query("SELECT ?id ?text WHERE { GRAPH ?g { ?g dcterms:identifier ?id ; wsis:text ?text } }")
    return {row["id"]: row["text"] for row in rows(result)}


def named(store: Store, name: str, **params: str) -> list[Row]:
    return rows(run_query(store, name, params))


def test_members_of_the_e_waste_coalition(corpus: Store, texts: dict[str, str]) -> None:
    found = [
        row for row in named(corpus, "members-of", group="UN E-waste Coalition") if row["source"] == "cstd2021-unep"
    ]
    assert {row["memberName"] for row in found} == E_WASTE_MEMBERS
    quotes = {row["quote"] for row in found}
    assert len(quotes) == 1
    (quote,) = quotes
    assert (
        "the members of the UN E-waste Coalition (UNU, ITU, ILO, BRS, UNEP, UNIDO, UNITAR, ITC, UN Habitat and WHO)"
        in quote
    )
    assert quote in texts["cstd2021-unep"]


def test_members_of_by_alias_is_case_insensitive(corpus: Store) -> None:
    lower = {row["memberName"] for row in named(corpus, "members-of", group="un e-waste coalition")}
    assert lower >= E_WASTE_MEMBERS
    assert named(corpus, "members-of", group="No Such Coalition") == []


def test_groups_of_itu(corpus: Store) -> None:
    groups = {row["groupName"] for row in named(corpus, "groups-of", organization="ITU")}
    assert {"UNGIS", "EQUALS", "UN E-waste Coalition"} <= groups
    by_name = {
        row["groupName"] for row in named(corpus, "groups-of", organization="International Telecommunication Union")
    }
    assert by_name == groups


def test_handovers(corpus: Store) -> None:
    handovers = named(corpus, "handovers")
    undp = [row for row in handovers if row["fromName"] == "UNDP" and row["toName"] == "ITU"]
    assert undp
    assert {row["date"] for row in undp} == {"2008-05"}
    assert all(row["quote"] for row in undp)


def test_evidence_quotes_are_exact_slices_of_the_text(corpus: Store, texts: dict[str, str]) -> None:
    evidence = named(corpus, "evidence", about="EMG")
    assert evidence
    assert any("EMG" in row["quote"] or "UNEMG" in row["quote"] for row in evidence)
    for row in evidence:
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(texts[row["document"]])
        assert texts[row["document"]][start:end] == row["quote"]
        assert 0 < float(row["confidence"]) <= 1
        assert row["rule"]


def test_every_evidence_quote_is_an_exact_slice(corpus: Store, texts: dict[str, str]) -> None:
    evidence = named(corpus, "evidence")
    assert len({row["document"] for row in evidence}) == 15
    wrong = [row for row in evidence if texts[row["document"]][int(row["start"]) : int(row["end"])] != row["quote"]]
    assert wrong == []


def test_attested_facts(corpus: Store) -> None:
    attested = named(corpus, "attested", minimum="2")
    assert attested
    assert all(int(row["documents"]) >= 2 for row in attested)
    assert all(len(row["in"].split(", ")) == int(row["documents"]) for row in attested)


def test_documents(corpus: Store) -> None:
    documents = named(corpus, "documents")
    assert len(documents) == 15
    assert all(row["document"] and int(row["facts"]) >= 0 for row in documents)


def test_meetings_of_2019(corpus: Store) -> None:
    meetings = named(corpus, "meetings", year="2019")
    assert any(row["date"].startswith("2019") and row["where"] == "Geneva" for row in meetings)


def test_mandates_of_ecosoc(corpus: Store) -> None:
    mandates = named(corpus, "mandates", issuer="ECOSOC")
    assert any(row["issuerName"] == "ECOSOC" and row["recipientName"] == "UN Secretary-General" for row in mandates)


def test_action_lines_c7(corpus: Store) -> None:
    work = named(corpus, "action-lines", line="C7")
    assert any(row["actorName"] == "UNEP" and row["code"] == "C7" and row["subLine"] == "e-environment" for row in work)


def test_facilitators_of_c7(corpus: Store) -> None:
    facilitators = named(corpus, "facilitators", line="C7")
    assert any(row["facilitatorName"] == "WMO" and row["code"] == "C7" for row in facilitators)


def test_coordination_pairs(corpus: Store) -> None:
    pairs = named(corpus, "coordination")
    itu_unesco = [row for row in pairs if {row["aName"], row["bName"]} == {"ITU", "UNESCO"}]
    assert len(itu_unesco) == 1
    assert int(itu_unesco[0]["facts"]) > 1
    assert all(row["aName"] != row["bName"] for row in pairs)


QUERIES = load_named_queries()
OPTIONAL_ONLY = sorted(name for name, query in QUERIES.items() if not any(p.required for p in query.parameters))
NEEDS_PARAMS = sorted(set(QUERIES) - set(OPTIONAL_ONLY))


def test_the_named_queries_are_described() -> None:
    assert set(QUERIES) >= {"members-of", "groups-of", "meetings", "evidence", "coordination", "attested"}
    assert set(QUERIES) >= JOINING
    for name, query in QUERIES.items():
        assert query.name == name
        assert query.title
        assert query.description
        for parameter in query.parameters:
            assert f"?{parameter.name}" in query.sparql
            assert parameter.description


@pytest.mark.parametrize("name", OPTIONAL_ONLY)
def test_every_query_runs_without_optional_parameters(corpus: Store, name: str) -> None:
    assert run_query(corpus, name).rows


@pytest.mark.parametrize("name", NEEDS_PARAMS)
def test_a_query_with_required_parameters_needs_them(corpus: Store, name: str) -> None:
    with pytest.raises(QueryError, match="needs --param"):
        run_query(corpus, name)


def _involves(store: Store, label: str) -> set[str]:
    """The facts with a role filled by a body that has ``label`` as a name."""
    result = store.query(
        "SELECT DISTINCT ?fact ?label WHERE { ?fact ?role ?who . "
        "?who skos:prefLabel|skos:altLabel|wsis:acronym ?name . FILTER(LCASE(STR(?name)) = LCASE(STR(?label))) }",
        bindings={"label": Value("literal", label)},
    )
    return {row["fact"] for row in rows(result)}


Check = Callable[[Row], bool]

OPTIONAL_FILTERS: dict[str, tuple[str, dict[str, str], Check]] = {
    "meetings-year": ("meetings", {"year": "2019"}, lambda row: row["date"].startswith("2019")),
    "meetings-place": ("meetings", {"place": "Geneva"}, lambda row: row["where"] == "Geneva"),
    "meetings-participant": (
        "meetings",
        {"participant": "UNESCO"},
        lambda row: "UNESCO" in row["organizers"].split("; ") + row["participants"].split("; "),
    ),
    "mandates-issuer": ("mandates", {"issuer": "ECOSOC"}, lambda row: row["issuerName"] == "ECOSOC"),
    "mandates-recipient": ("mandates", {"recipient": "ITU"}, lambda row: row["recipientName"] == "ITU"),
    "handovers-organization": (
        "handovers",
        {"organization": "UNDP"},
        lambda row: "UNDP" in (row["fromName"], row["toName"]),
    ),
    "action-lines-line": ("action-lines", {"line": "C7"}, lambda row: row["code"] == "C7"),
    "action-lines-actor": ("action-lines", {"actor": "UNEP"}, lambda row: row["actorName"] == "UNEP"),
    "facilitators-line": ("facilitators", {"line": "C7"}, lambda row: row["code"] == "C7"),
    "coordination-organization": (
        "coordination",
        {"organization": "ITU"},
        lambda row: "ITU" in (row["aName"], row["bName"]),
    ),
    "evidence-text": ("evidence", {"text": "coalition"}, lambda row: "coalition" in row["quote"].lower()),
    "evidence-about": ("evidence", {"about": "EMG"}, lambda row: True),  # checked against _involves below
    "attested-minimum": ("attested", {"minimum": "3"}, lambda row: int(row["documents"]) >= 3),
}


@pytest.mark.parametrize("case", list(OPTIONAL_FILTERS))
def test_optional_parameters_filter_the_rows(corpus: Store, case: str) -> None:
    name, params, check = OPTIONAL_FILTERS[case]
    everything = named(corpus, name)
    filtered = named(corpus, name, **params)
    assert filtered
    assert len(filtered) < len(everything)
    assert all(check(row) for row in filtered), [row for row in filtered if not check(row)][:3]
    if case == "evidence-about":
        assert {row["fact"] for row in filtered} <= _involves(corpus, "EMG")


def test_the_default_graph_is_the_merge_and_sees_each_triple_once(corpus: Store) -> None:
    result = corpus.query("SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }", bindings={"e": Value("iri", ECOSOC)})
    assert [row["label"] for row in rows(result)] == ["ECOSOC"]


@pytest.mark.slow
def test_a_slow_named_query_answers_in_seconds_on_the_corpus(ingested_copy: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from wsisgraph.query import run_query\n"
        "from wsisgraph.store import Store\n"
        "with Store(Path(sys.argv[1])) as store:\n"
        "    print(len(run_query(store, 'mandates', {'issuer': 'ECOSOC'}).rows))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ingested_copy)], capture_output=True, text=True, timeout=5, check=True
    )
    assert int(done.stdout) > 0


def test_run_query_reads_a_query_file(corpus: Store, tmp_path: Path) -> None:
    query_file = tmp_path / "count.rq"
    query_file.write_text("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a wsis:SourceDocument } }")
    (row,) = rows(run_query(corpus, str(query_file)))
    assert int(row["n"]) >= 1


@pytest.mark.parametrize(
    "spec",
    [
        "DROP ALL # SELECT",
        "PREFIX ex: <http://example.org/>\n# SELECT\nDELETE WHERE { ?s ?p ?o }",
        "insert data { <http://example.org/a> <http://example.org/b> 'SELECT' }",
    ],
)
def test_run_query_refuses_updates(corpus: Store, spec: str) -> None:
    before = corpus.quad_count()
    with pytest.raises(QueryError, match="updates are not allowed"):
        run_query(corpus, spec)
    assert corpus.quad_count() == before


def test_run_query_refuses_an_overlong_query(corpus: Store) -> None:
    with pytest.raises(QueryError, match="over the limit"):
        run_query(corpus, "SELECT * WHERE { ?s ?p ?o } " + "#" * 200_001)


def test_run_query_checks_parameter_names(corpus: Store) -> None:
    with pytest.raises(QueryError, match="members-of has no parameter colour; it takes: group"):
        run_query(corpus, "members-of", {"group": "ITU", "colour": "red"})


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["group=UN E-waste Coalition"], {"group": "UN E-waste Coalition"}),
        (["a=1", "b=x=y", "c="], {"a": "1", "b": "x=y", "c": ""}),
        ([" year =2019"], {"year": "2019"}),
    ],
)
def test_parse_params(items: list[str], expected: dict[str, str]) -> None:
    assert parse_params(items) == expected


@pytest.mark.parametrize("item", ["group", "=x", "1a=2", "a-b=1", "a b=1"])
def test_parse_params_refuses(item: str) -> None:
    with pytest.raises(UsageError, match="is not NAME=VALUE"):
        parse_params([item])


def test_the_facts_contract_is_the_same_on_every_store(corpus: GraphStore, ingested_store_path: Path) -> None:
    from wsisgraph.facts import iter_facts

    with Store(ingested_store_path, read_only=True) as embedded:
        expected = sorted(json.dumps(record, sort_keys=True) for record in iter_facts(embedded))
    assert sorted(json.dumps(record, sort_keys=True) for record in iter_facts(corpus)) == expected


@pytest.mark.parametrize("about", ["UNICEF", "itu", "EMG", "UN E-waste Coalition", "nobody at all"])
def test_the_evidence_variant_for_a_body_gives_the_rows_of_the_general_form(
    ingested_store_path: Path, about: str
) -> None:
    """`evidence --param about=X` runs a join-first form on Oxigraph (the general one tests X
    once per annotation, minutes on a million triples); both must give the very same rows."""
    from wsisgraph.query import load_named_queries, prepare_query

    with Store(ingested_store_path, read_only=True) as store:
        fast_text, bindings = prepare_query("evidence", {"about": about}, variants=True)
        general_text, _ = prepare_query("evidence", {"about": about}, variants=False)
        assert fast_text != general_text == load_named_queries()["evidence"].sparql
        fast = rows(store.query(fast_text, bindings=bindings))
        general = rows(store.query(general_text, bindings=bindings))
        assert fast == general
        assert (about == "nobody at all") == (not fast)
