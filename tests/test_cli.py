"""The ``wsisgraph`` command line, run in-process: exit codes first, then what it prints."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner, Result

from wsisgraph import __version__
from wsisgraph.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
UNEP = CORPUS / "cstd2021-unep.md"
CORPUS_IDS = {path.stem for path in CORPUS.iterdir() if not path.name.startswith(".")}
FACT_TYPES = {"membership", "mandate", "meeting", "handover", "action_line", "facilitation", "cooperation"}
E_WASTE_MEMBERS = {"UNU", "ITU", "ILO", "BRS", "UNEP", "UNIDO", "UNITAR", "ITC", "UN-Habitat", "WHO"}
NAMED_QUERIES = {
    "action-lines",
    "attested",
    "coordination",
    "documents",
    "evidence",
    "facilitators",
    "groups-of",
    "handovers",
    "mandates",
    "meetings",
    "members-of",
}
# rdflib 7.6 warns about its own deprecated internals when it parses into a Dataset
RDFLIB_DEPRECATIONS = r"ignore:(Dataset|ConjunctiveGraph)\S* is deprecated:DeprecationWarning"


# --- helpers --------------------------------------------------------------------------


def run(runner: CliRunner, *args: str | Path) -> Result:
    """Invoke the CLI in-process with string arguments."""
    from wsisgraph.cli import app

    return runner.invoke(app, [str(arg) for arg in args])


def flat(text: str) -> str:
    """Text without table borders and line breaks, for phrases Rich may have wrapped."""
    return " ".join(re.sub(r"[│┃║|╭╮╰╯─━┏┓┗┛┡┩└┘]", " ", text).split())


def row_count(output: str, label: str) -> int:
    """The number on the table row that starts with ``label``."""
    for line in output.splitlines():
        cells = [cell.strip() for cell in re.split(r"[│┃]", line) if cell.strip()]
        if len(cells) >= 2 and cells[0] == label:
            return int(cells[-1].replace(",", ""))
    raise AssertionError(f"no row {label!r} in:\n{output}")


def digest(path: Path) -> tuple[int, str]:
    """The quad count and a hash of the N-Quads of the (closed) store at ``path``."""
    with Store(path) as store:
        return store.quad_count(), hashlib.sha256(store.nquads()).hexdigest()


@pytest.fixture(scope="module")
def corpus_digest(ingested_store_path: Path) -> tuple[int, str]:
    """The digest of the ingested corpus store (copies start out equal to it)."""
    return digest(ingested_store_path)


def json_lines(text: str) -> list[dict[str, object]]:
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert all(isinstance(record, dict) for record in records)
    return records


# --- help and version -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "purpose"),
    [
        ("ingest", "Read documents, extract their facts"),
        ("facts", "Print the facts as JSON Lines"),
        ("query", "Ask the graph a question with SPARQL"),
        ("export", "Turtle, TriG, N-Quads, N-Triples or JSON-LD"),
        ("validate", "Check every graph against the SHACL shapes"),
        ("stats", "Count documents, facts by kind"),
        ("explain", "Show, sentence by sentence, what was found"),
        ("viz", "interactive HTML page that works offline"),
        ("network", "Export the network for Gephi or Cytoscape"),
        ("serve", "Serve the store over the SPARQL 1.1 Protocol"),
        ("push", "Copy every graph of the store into a remote store"),
        ("pull", "Copy every graph of a remote store into the store"),
    ],
)
def test_every_command_has_help(runner: CliRunner, command: str, purpose: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0, result.output
    assert purpose in flat(result.stdout)
    assert "--help" in result.stdout


def test_top_level_help_lists_the_commands(runner: CliRunner) -> None:
    from wsisgraph.cli import app

    result = run(runner, "--help")
    assert result.exit_code == 0, result.output
    registered = [command.name or command.callback.__name__ for command in app.registered_commands if command.callback]
    assert len(registered) >= 12
    for command in registered:
        assert command in result.stdout
        assert run(runner, command, "--help").exit_code == 0, command


def test_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"wsisgraph {__version__}"


# --- ingest ---------------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_adds_then_skips_then_forces(runner: CliRunner, store_path: Path) -> None:
    first = run(runner, "ingest", CORPUS, "--store", store_path)
    assert first.exit_code == 0, first.output
    assert row_count(first.stdout, "added") == 15
    assert row_count(first.stdout, "failed") == 0
    assert "Facts extracted" in first.stdout
    assert row_count(first.stdout, "membership") > 0

    second = run(runner, "ingest", CORPUS, "--store", store_path)
    assert second.exit_code == 0, second.output
    assert row_count(second.stdout, "unchanged") == 15
    assert row_count(second.stdout, "added") == 0
    assert row_count(second.stdout, "updated") == 0
    assert "Facts extracted" not in second.stdout  # nothing was re-extracted

    forced = run(runner, "ingest", CORPUS, "--store", store_path, "--force", "--quiet")
    assert forced.exit_code == 0, forced.output
    assert row_count(forced.stdout, "updated") == 15
    assert row_count(forced.stdout, "unchanged") == 0
    assert "Facts extracted" in forced.stdout


def test_ingest_exits_1_when_a_document_fails(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.md").write_text("# Report\n\nITU is a member of UNGIS.\n", encoding="utf-8")
    (folder / "empty.md").write_bytes(b"")
    result = run(runner, "ingest", folder, "--store", store_path)
    assert result.exit_code == 1, result.output
    assert row_count(result.stdout, "added") == 1
    assert row_count(result.stdout, "failed") == 1
    assert "empty.md" in result.stderr
    assert "the file is empty" in result.stderr
    with Store(store_path) as store:
        assert store.document_graphs() == ["https://w3id.org/wsisgraph/doc/good"]


def test_ingest_of_nothing_is_a_usage_error(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    result = run(runner, "ingest", tmp_path / "no-such-folder", "--store", store_path)
    assert result.exit_code == 2, result.output
    assert "no such file or folder" in flat(result.stderr)
    assert "error: no .md, .txt, .html, .docx or .pdf files found" in result.stderr


def test_ingest_warnings_keep_one_warning_per_line(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / ("a-rather-long-folder-name-" * 3) / "missing"
    result = run(runner, "ingest", missing, UNEP, "--store", store_path, "--quiet")
    assert result.exit_code == 0, result.output
    assert f"warning: {missing}: no such file or folder\n" in result.stderr


def test_store_in_use_is_refused_then_works_once_closed(runner: CliRunner, ingested_copy: Path) -> None:
    store = Store(ingested_copy)
    try:
        locked = run(runner, "ingest", UNEP, "--store", ingested_copy)
    finally:
        store.close()
    assert locked.exit_code == 2, locked.output
    assert "in use" in locked.stderr
    assert locked.stderr.count("\n") == 1

    unlocked = run(runner, "ingest", UNEP, "--store", ingested_copy)
    assert unlocked.exit_code == 0, unlocked.output
    assert row_count(unlocked.stdout, "unchanged") == 1


# --- facts ----------------------------------------------------------------------------


def test_facts_are_json_lines_of_the_contract_types(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(runner, "facts", "--store", ingested_store_path)
    assert result.exit_code == 0, result.output
    records = json_lines(result.stdout)
    assert records
    for record in records:
        assert record["type"] in FACT_TYPES
        assert record["document"] in CORPUS_IDS
    assert {record["type"] for record in records} == FACT_TYPES


def test_facts_of_one_document(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(runner, "facts", "--store", ingested_store_path, "--document", "cstd2021-unep")
    assert result.exit_code == 0, result.output
    records = json_lines(result.stdout)
    assert {record["document"] for record in records} == {"cstd2021-unep"}
    members = {
        record["member"]
        for record in records
        if record["type"] == "membership" and record["group"] == "UN E-waste Coalition"
    }
    assert members == E_WASTE_MEMBERS


def test_facts_to_a_file(runner: CliRunner, ingested_store_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "facts.jsonl"
    result = run(runner, "facts", "--store", ingested_store_path, "-o", output)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    records = json_lines(output.read_text(encoding="utf-8"))
    assert f"wrote {len(records)} facts" in result.stderr
    printed = run(runner, "facts", "--store", ingested_store_path)
    assert printed.exit_code == 0, printed.output
    assert json_lines(printed.stdout) == records


# --- query ----------------------------------------------------------------------------


def test_query_list_names_the_queries(runner: CliRunner) -> None:
    result = run(runner, "query", "--list")
    assert result.exit_code == 0, result.output
    listed = set(re.findall(r"[a-z]+(?:-[a-z]+)*", result.stdout))
    assert listed >= NAMED_QUERIES


def test_members_of_as_json(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(
        runner, "query", "members-of", "-p", "group=UN E-waste Coalition", "-f", "json", "--store", ingested_store_path
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert all("group" not in row for row in rows)  # a bound parameter is not repeated in every row
    from_unep = {row["memberName"]: row["quote"] for row in rows if row["source"] == "cstd2021-unep"}
    assert set(from_unep) >= E_WASTE_MEMBERS
    unep_text = UNEP.read_text(encoding="utf-8")
    for member in E_WASTE_MEMBERS:
        quote = from_unep[member]
        assert "UN E-waste Coalition" in quote
        assert quote in unep_text


def test_members_of_as_csv_has_a_header(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(
        runner, "query", "members-of", "-p", "group=UN E-waste Coalition", "-f", "csv", "--store", ingested_store_path
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["memberName", "source", "quote", "member"]
    assert {row[0] for row in rows[1:]} >= E_WASTE_MEMBERS


def test_query_as_a_table(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(runner, "query", "documents", "--store", ingested_store_path)
    assert result.exit_code == 0, result.output
    assert "15 rows" in result.stderr
    assert "cstd2021-unep" in result.stdout


BAD_QUERIES = {
    "unknown-named-query": (["query", "no-such-query"], "neither a named query"),
    "malformed-sparql": (["query", "SELECT ?x WHERE {"], "not valid"),
    "missing-required-param": (["query", "members-of"], "needs --param group"),
    "unknown-param": (["query", "members-of", "-p", "group=ITU", "-p", "colour=red"], "has no parameter colour"),
    "param-without-equals": (["query", "members-of", "-p", "group"], "is not NAME=VALUE"),
    "param-bad-name": (["query", "members-of", "-p", "1group=ITU"], "is not NAME=VALUE"),
    "missing-rq-file": (["query", "no-such-file.rq"], "cannot read the query file"),
}


@pytest.mark.parametrize(("args", "message"), list(BAD_QUERIES.values()), ids=list(BAD_QUERIES))
def test_bad_queries_exit_2_with_an_error(
    runner: CliRunner, ingested_store_path: Path, args: list[str], message: str
) -> None:
    result = run(runner, *args, "--store", ingested_store_path)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", list(BAD_QUERIES))
def test_query_errors_are_one_line(runner: CliRunner, ingested_store_path: Path, name: str) -> None:
    args, _ = BAD_QUERIES[name]
    result = run(runner, *args, "--store", ingested_store_path)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr


def test_a_construct_query_is_refused(runner: CliRunner, ingested_copy: Path) -> None:
    # on a copy: the refused answer keeps the store locked while the error lives (see test_store_and_queries)
    result = run(runner, "query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--store", ingested_copy)
    assert result.exit_code == 2, result.output
    assert "only SELECT and ASK queries" in result.stderr
    assert result.stdout == ""


def test_an_ask_query_prints_true_or_false(runner: CliRunner, ingested_store_path: Path) -> None:
    yes = run(runner, "query", "ASK { ?s a wsis:MembershipFact }", "--store", ingested_store_path)
    assert yes.exit_code == 0, yes.output
    assert yes.stdout.strip() == "true"
    no = run(runner, "query", "ASK { ?s a wsis:NoSuchClass }", "--store", ingested_store_path)
    assert no.exit_code == 0, no.output
    assert no.stdout.strip() == "false"


UPDATES = [
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    "DROP ALL",
    "CLEAR ALL",
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> "SELECT" } }',
    "# SELECT ?x WHERE { ?x ?y ?z }\nDROP ALL",
    "PREFIX ex: <http://example.org/>\nDELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } } # SELECT",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } # ASK",
    "drop all ; select * where { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_and_change_nothing(
    runner: CliRunner, ingested_copy: Path, corpus_digest: tuple[int, str], update: str
) -> None:
    result = run(runner, "query", update, "--store", ingested_copy)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert digest(ingested_copy) == corpus_digest


def test_update_in_a_query_file_is_refused(runner: CliRunner, ingested_copy: Path, tmp_path: Path) -> None:
    query_file = tmp_path / "evil.rq"
    query_file.write_text("# title: evil\nDELETE WHERE { GRAPH ?g { ?s ?p ?o } }\n", encoding="utf-8")
    before = digest(ingested_copy)
    result = run(runner, "query", query_file, "--store", ingested_copy)
    assert result.exit_code == 2, result.output
    assert "updates are not allowed" in result.stderr
    assert digest(ingested_copy) == before


HOSTILE = [
    '"> } ; DROP ALL #',
    "' } ; DROP ALL ; #",
    '") } } DELETE WHERE { ?s ?p ?o } #',
    '" . } UNION { ?g ?p ?label } #',
    'UN E-waste Coalition" || true || "',
    "\\",
    '"""',
    "\\u0022 } DROP ALL #",
    "<http://example.org/x> } DROP ALL #",
    "\x00",
    "x" * 5000,
]


def test_hostile_parameter_values_are_only_strings(
    runner: CliRunner, ingested_copy: Path, corpus_digest: tuple[int, str]
) -> None:
    for value in HOSTILE:
        result = run(runner, "query", "members-of", "-p", f"group={value}", "-f", "json", "--store", ingested_copy)
        assert result.exit_code == 0, (value, result.output)
        assert json.loads(result.stdout) == [], value
    assert digest(ingested_copy) == corpus_digest


def test_an_iri_parameter_is_bound_as_an_iri(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(
        runner,
        "query",
        "members-of",
        "-p",
        "group=<http://example.org/x>",
        "-f",
        "json",
        "--store",
        ingested_store_path,
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("value", ["<>", "<a>", '<http://example.org/">'])
def test_a_malformed_iri_parameter_is_a_clean_error(runner: CliRunner, ingested_copy: Path, value: str) -> None:
    before = digest(ingested_copy)
    result = run(runner, "query", "members-of", "-p", f"group={value}", "-f", "json", "--store", ingested_copy)
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 0:
        assert json.loads(result.stdout) == []
    else:
        assert result.stderr.startswith("error: ")
        assert result.stderr.count("\n") == 1
    assert digest(ingested_copy) == before


# --- export ---------------------------------------------------------------------------

RDFLIB_FORMATS = {
    "turtle": ("turtle", False),
    "ntriples": ("nt", False),
    "trig": ("trig", True),
    "nquads": ("nquads", True),
    "jsonld": ("json-ld", True),
}


def parse_rdf(path: Path, export_format: str) -> Graph | Dataset:
    rdflib_format, has_graphs = RDFLIB_FORMATS[export_format]
    parsed: Graph | Dataset = Dataset() if has_graphs else Graph()
    with path.open("rb") as stream:
        parsed.parse(stream, format=rdflib_format)
    return parsed


def quad_count(dataset: Dataset) -> int:
    return sum(1 for _ in dataset.quads((None, None, None, None)))


@pytest.mark.filterwarnings(RDFLIB_DEPRECATIONS)
@pytest.mark.parametrize("export_format", list(RDFLIB_FORMATS))
def test_export_parses_with_rdflib(
    runner: CliRunner, ingested_store_path: Path, tmp_path: Path, export_format: str
) -> None:
    output = tmp_path / f"graph.{export_format}"
    result = run(runner, "export", "--format", export_format, "-o", output, "--store", ingested_store_path)
    assert result.exit_code == 0, result.output
    assert f"wrote {output}" in flat(result.stderr)
    assert output.stat().st_size > 0
    parsed = parse_rdf(output, export_format)
    size = quad_count(parsed) if isinstance(parsed, Dataset) else len(parsed)
    assert size > 1000


@pytest.mark.filterwarnings(RDFLIB_DEPRECATIONS)
def test_trig_export_round_trips_every_quad(runner: CliRunner, ingested_store_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "graph.trig"
    result = run(runner, "export", "-f", "trig", "-o", output, "--store", ingested_store_path)
    assert result.exit_code == 0, result.output
    dataset = parse_rdf(output, "trig")
    assert isinstance(dataset, Dataset)
    with Store(ingested_store_path) as store:
        expected_quads = store.quad_count()
        expected_graphs = set(store.graphs())
    assert quad_count(dataset) == expected_quads
    named = {str(graph.identifier) for graph in dataset.graphs() if len(graph)}
    assert named == expected_graphs


def test_export_of_one_graph_to_stdout(runner: CliRunner, ingested_store_path: Path) -> None:
    graph = "https://w3id.org/wsisgraph/doc/cstd2021-unep"
    result = run(runner, "export", "-f", "ntriples", "--graph", graph, "--store", ingested_store_path)
    assert result.exit_code == 0, result.output
    parsed = Graph().parse(data=result.stdout, format="nt")
    assert len(parsed) > 100
    assert any(str(subject) == graph for subject in parsed.subjects())


# --- validate and stats ---------------------------------------------------------------


@pytest.mark.slow
def test_validate_the_corpus_conforms(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(runner, "validate", "--store", ingested_store_path)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout
    assert "16 graphs" in result.stdout


def remove_one_evidence_link(path: Path, graph: str) -> None:
    """Cut one annotation from its fact with a raw pyoxigraph update, then release the store."""
    raw = ox.Store(str(path))
    has_body = "<http://www.w3.org/ns/oa#hasBody>"
    solutions = raw.query(f"SELECT ?a WHERE {{ GRAPH <{graph}> {{ ?a {has_body} ?f }} }} ORDER BY ?a LIMIT 1")
    assert isinstance(solutions, ox.QuerySolutions)
    annotation = next(iter(solutions))["a"]
    del solutions
    raw.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ {annotation} {has_body} ?f }} }}")
    raw.flush()


@pytest.mark.slow
def test_validate_fails_when_a_fact_loses_its_evidence(runner: CliRunner, ingested_copy: Path) -> None:
    graph = "https://w3id.org/wsisgraph/doc/cstd2021-unep"
    before = digest(ingested_copy)
    remove_one_evidence_link(ingested_copy, graph)
    assert digest(ingested_copy)[0] == before[0] - 1
    result = run(runner, "validate", "--store", ingested_copy)
    assert result.exit_code == 1, result.output
    assert f"{graph}: " in result.stderr
    assert "SHACL violations in 1 graphs" in flat(result.stderr)


def test_stats_counts_the_documents(runner: CliRunner, ingested_store_path: Path) -> None:
    result = run(runner, "stats", "--store", ingested_store_path)
    assert result.exit_code == 0, result.output
    assert row_count(result.stdout, "documents") == 15
    assert row_count(result.stdout, "named graphs") == 16
    assert row_count(result.stdout, "memberships") > 0
    with Store(ingested_store_path) as store:
        assert row_count(result.stdout, "quads") == store.quad_count()


# --- explain --------------------------------------------------------------------------

FOUND = re.compile(r"^ {4}\+ (?P<kind>[a-z_]+): .*\[rule (?P<rule>[\w+-]+), confidence (?P<confidence>[01]\.\d\d)\]$")


def test_explain_a_corpus_document(runner: CliRunner) -> None:
    result = run(runner, "explain", UNEP)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("cstd2021-unep: ")
    found = [match for line in lines if (match := FOUND.match(line))]
    memberships = [match for match in found if match["kind"] == "membership"]
    assert memberships
    assert all(0 < float(match["confidence"]) <= 1 for match in found)
    assert any("member: WHO; group: UN E-waste Coalition" in match.group(0) for match in memberships)


def test_explain_shows_what_a_negation_rejected(runner: CliRunner, tmp_path: Path) -> None:
    document = tmp_path / "negation.md"
    document.write_text(
        "# Example report\n\nThe Example Coalition is not led by UNESCO.\n\n"
        "ITU is a member of the Example Coalition.\n",
        encoding="utf-8",
    )
    result = run(runner, "explain", document)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "negation: 1 facts" in text
    assert "The Example Coalition is not led by UNESCO.\n    - rejected by led-by: negated" in text
    assert "    + membership: member: ITU; group: Example Coalition  [rule is-member-of, confidence" in text
    assert "member: UNESCO" not in text


def test_explain_reports_a_negated_membership(runner: CliRunner, tmp_path: Path) -> None:
    document = tmp_path / "negated.md"
    document.write_text(
        "# Example report\n\nUNESCO is not a member of the Example Coalition.\n\n"
        "ITU is a member of the Example Coalition.\n",
        encoding="utf-8",
    )
    result = run(runner, "explain", document)
    assert result.exit_code == 0, result.output
    assert "member: UNESCO" not in result.stdout
    assert "    + membership: member: ITU; group: Example Coalition" in result.stdout
    assert re.search(r"is not a member of the Example Coalition\.\n {4}- rejected by [\w-]+: negated", result.stdout)


def test_explain_a_bad_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    document = tmp_path / "empty.md"
    document.write_bytes(b"")
    result = run(runner, "explain", document)
    assert result.exit_code == 2, result.output
    assert "empty.md: the file is empty" in result.stderr
