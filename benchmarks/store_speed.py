"""Store build, named queries and the facts export on a million-triple graph: Oxigraph vs rdflib.

    python benchmarks/store_speed.py [--docs 1000] [--seed 1] [--jobs 2] [--repeat 3]
                                     [--timeout 120]

It ingests a generated corpus (``make_corpus.py``; 1,000 documents give about a million
document triples) into a fresh store with :func:`wsisgraph.ingest.ingest_files`, and dumps
everything the store holds to one N-Quads file with the library's export: the document
graphs, the reference graph and their merge (the default graph, which the named queries
read). On that same file it measures, side by side in one run:

* **store build**: pyoxigraph's ``Store.bulk_load`` into a fresh on-disk store, against
  rdflib's N-Quads parser into an in-memory ``Dataset``; for reference also the library's
  own transactional path (:meth:`wsisgraph.store.Store.load_graph`, one SPARQL update per
  document graph, as ``ingest`` writes) and the ingest itself;
* every **named query** of ``wsisgraph/queries/*.rq`` with realistic parameters, run by
  :func:`wsisgraph.query.run_query` on the bulk-loaded store and, through a small adapter
  with the very same SPARQL text (parameters bound by the same ``VALUES`` block), on
  rdflib's own SPARQL engine over the ``Dataset``;
* the **facts export** (:func:`wsisgraph.facts.iter_facts`, seven SPARQL queries), the same
  way on both.

Oxigraph times are the best of ``--repeat`` runs, each query in a subprocess on the
bulk-loaded store; rdflib runs once, in this process. Either is stopped after ``--timeout``
seconds (then a ratio is a bound), and an error of rdflib's engine is shown as such. Row counts of the two
engines are compared. Run by hand; not part of CI. Issue 6 asks for store build >= 5x
faster than rdflib's parser and queries and facts >= 20x faster than rdflib's engine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import BNode, Literal, URIRef

from wsisgraph.facts import FACT_QUERIES, iter_facts
from wsisgraph.ingest import ingest_files
from wsisgraph.query import load_named_queries, run_query
from wsisgraph.store import ExportFormat, QueryResult, Store, Value, bind_terms
from wsisgraph.vocab import PREFIXES

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


class RdflibStore:
    """Just enough of :class:`wsisgraph.store.Store` for run_query and iter_facts, on rdflib."""

    # the very SPARQL text the embedded store runs, named queries' variants included
    runs_variants = True

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def query(
        self, sparql: str, *, bindings: Mapping[str, Value] | None = None, timeout: float | None = None
    ) -> QueryResult:
        answer = self.dataset.query(bind_terms(sparql, bindings or {}), initNs=PREFIXES)
        variables = tuple(str(variable) for variable in answer.vars or ())
        rows = tuple(tuple(_value(row[index]) for index in range(len(variables))) for row in answer)
        return QueryResult(variables, rows)


def _value(term: object) -> Value | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return Value("iri", str(term))
    if isinstance(term, BNode):
        return Value("bnode", str(term))
    if isinstance(term, Literal):
        return Value("literal", str(term), str(term.datatype or ""), term.language or "")
    return Value("literal", str(term))


class _Timeout(BaseException):
    """Raised inside rdflib's pure-Python engine when its time is up."""


def _limited(seconds: float, work: Callable[[], int]) -> tuple[float, int | None, str]:
    """Run ``work`` for at most ``seconds``: (elapsed, its result or None, why there is none)."""

    def stop(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    result: int | None = None
    problem = ""
    try:
        result = work()
    except _Timeout:
        problem = "stopped"
    except Exception as error:  # rdflib's engine fails on some queries
        problem = f"{type(error).__name__}: {str(error)[:80]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - started, result, problem


def oxigraph_run(
    store: Path, what: str, params: dict[str, str], repeat: int, timeout: float
) -> tuple[float, int | None, str]:
    """Best of ``repeat`` runs of a named query (or of the facts export, ``what="facts"``) on
    Oxigraph, in a subprocess that is stopped after ``timeout`` seconds (a query runs in Rust,
    out of reach of a Python alarm)."""
    command = [sys.executable, __file__, "--child", str(store), what, json.dumps(params)]
    command += ["--repeat", str(repeat), "--timeout", str(timeout)]
    started = time.perf_counter()
    try:
        # the child stops repeating once half the time is spent; the margin covers its start-up
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 20, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, None, "stopped"
    if done.returncode:
        return 0.0, None, done.stderr.strip().splitlines()[-1][:120] if done.stderr.strip() else "failed"
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return float(answer["seconds"]), int(answer["rows"]), ""


def child(store_path: Path, what: str, params: dict[str, str], repeat: int, timeout: float) -> None:
    store = Store(store_path)
    if what == "facts":
        work = lambda: _facts(store)  # noqa: E731
    elif what.startswith("facts:"):
        work = lambda: len(store.query(FACT_QUERIES[what.removeprefix("facts:")]).rows)  # noqa: E731
    else:
        work = lambda: len(run_query(store, what, params).rows)  # noqa: E731
    seconds, rows = _best(repeat, work, budget=timeout / 2)
    store.close()
    print(json.dumps({"seconds": seconds, "rows": rows}))


def _best(repeat: int, work: Callable[[], int], budget: float = float("inf")) -> tuple[float, int]:
    """The best time of ``repeat`` runs (fewer once ``budget`` seconds are spent) and the result."""
    times, result = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
        if sum(times) > budget:
            break
    return min(times), result


# --- building -------------------------------------------------------------------------------


def build_source(docs: int, seed: int, jobs: int, folder: Path) -> tuple[Path, Path, float, int]:
    """Ingest the corpus; dump the store to N-Quads. (dump, store folder, ingest seconds, graphs)"""
    corpus = OUT / f"corpus-{docs}-s{seed}"
    files = list(make_corpus.generate(docs, seed, corpus))
    store_path = folder / "ingested"
    store = Store(store_path)
    started = time.perf_counter()
    report = ingest_files(store, files, jobs=jobs)
    store.close()
    ingest_s = time.perf_counter() - started
    assert not report.failed, report.failed[:3]
    dump = folder / "store.nq"
    with Store(store_path) as source, dump.open("wb") as output:
        source.export(output, ExportFormat.NQUADS)  # the named graphs
        source.export(output, ExportFormat.NTRIPLES)  # their merge, the default graph
        graphs = len(source.document_graphs())
    return dump, store_path, ingest_s, graphs


def load_oxigraph(dump: Path, folder: Path) -> tuple[float, int]:
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    store = ox.Store(str(folder))
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    store.flush()
    elapsed = time.perf_counter() - started
    count = len(store)
    del store
    return elapsed, count


def load_per_graph(source: Path, folder: Path) -> tuple[float, int]:
    """The library's transactional path: one SPARQL update per document graph."""
    with Store(source) as reader:
        graphs = [(graph, reader.ntriples(graph)) for graph in reader.graphs()]
    store = Store(folder)
    started = time.perf_counter()
    count = sum(store.load_graph(graph, data) for graph, data in graphs)
    store.close()
    return time.perf_counter() - started, count


def load_rdflib(dump: Path) -> tuple[float, Dataset, int]:
    started = time.perf_counter()
    dataset = Dataset()
    dataset.parse(str(dump), format="nquads")
    elapsed = time.perf_counter() - started
    return elapsed, dataset, sum(len(graph) for graph in dataset.graphs())


# --- querying -------------------------------------------------------------------------------


def query_params(store: Store) -> dict[str, dict[str, str]]:
    """Realistic parameters for the named queries, taken from the data (not timed)."""
    top_group = store.query(
        "SELECT ?label (COUNT(DISTINCT ?m) AS ?n) WHERE { ?f a org:Membership ; org:organization ?g ; org:member ?m . "
        "?g skos:prefLabel ?label } GROUP BY ?label ORDER BY DESC(?n) LIMIT 1"
    )
    group = top_group.rows[0][0].value if top_group.rows and top_group.rows[0][0] else "UN E-waste Coalition"
    return {
        "members-of": {"group": group},
        "groups-of": {"organization": "ITU"},
        "meetings": {"year": "2019"},
        "mandates": {},
        "handovers": {},
        "action-lines": {"line": "C7"},
        "facilitators": {},
        "coordination": {},
        "evidence": {"about": "ITU"},
        "documents": {},
        "attested": {},
    }


def _facts(store: Any) -> int:
    return sum(1 for _ in iter_facts(store))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="generated documents to ingest")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the ingest")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for Oxigraph")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a query run is stopped")
    parser.add_argument("--child", nargs=3, metavar=("STORE", "WHAT", "PARAMS"), help=argparse.SUPPRESS)
    parser.add_argument("--skip-per-graph", action="store_true", help="skip the per-document transactional load")
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], json.loads(args.child[2]), args.repeat, args.timeout)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, Run, Run]] = []  # what, Oxigraph (seconds, rows, problem), rdflib the same

    with tempfile.TemporaryDirectory(dir=OUT) as scratch:
        folder = Path(scratch)
        dump, ingested, ingest_s, graphs = build_source(args.docs, args.seed, args.jobs, folder)
        size = dump.stat().st_size
        print(
            f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, pyoxigraph {ox.__version__}, "
            f"load average {_load()} (other processes compete for the cores when it is above 0)"
        )
        print(f"graph: {graphs:,} document graphs from {args.docs:,} generated documents, ingested in {ingest_s:.0f} s")

        ox_s, quads = load_oxigraph(dump, folder / "bulk")
        with Store(ingested) as source:
            document_triples = source.quad_count()
            merged = source.triple_count()
        print(
            f"dump: {size / 1e6:.0f} MB of N-Quads, {quads:,} quads "
            f"({document_triples:,} in named graphs, {merged:,} in their merge)\n"
        )
        if not args.skip_per_graph:
            per_graph_s, _ = load_per_graph(ingested, folder / "per-graph")
            print(
                f"(library path, Store.load_graph per graph: {per_graph_s:.1f} s; ingest end to end: {ingest_s:.0f} s)"
            )
        rdf_s, dataset, rdf_quads = load_rdflib(dump)
        rows.append(("store build: bulk_load vs Dataset.parse (N-Quads)", (ox_s, quads, ""), (rdf_s, rdf_quads, "")))
        print(f"store build: Oxigraph {ox_s:.1f} s, rdflib {rdf_s:.1f} s", flush=True)

        with Store(folder / "bulk") as store:
            params = query_params(store)
        other = RdflibStore(dataset)
        for name in sorted(load_named_queries()):
            given = params.get(name, {})
            label = f"query {name}" + "".join(f" {k}={v!r}" for k, v in given.items())
            ox_run = oxigraph_run(folder / "bulk", name, given, args.repeat, args.timeout)
            rdf_run = _limited(args.timeout, lambda n=name, p=given: len(run_query(other, n, p).rows))
            rows.append((label, ox_run, rdf_run))
            print(f"{label}: Oxigraph {_seconds(ox_run)}, rdflib {_seconds(rdf_run)}", flush=True)
        ox_run = oxigraph_run(folder / "bulk", "facts", {}, args.repeat, args.timeout)
        rdf_run = _limited(args.timeout, lambda: _facts(other))
        rows.append(("facts export (iter_facts, 7 queries)", ox_run, rdf_run))
        print(f"facts export: Oxigraph {_seconds(ox_run)}, rdflib {_seconds(rdf_run)}", flush=True)
        both: list[tuple[Run, Run]] = []
        for kind, sparql in FACT_QUERIES.items():
            ox_run = oxigraph_run(folder / "bulk", f"facts:{kind}", {}, args.repeat, args.timeout)
            rdf_run = _limited(args.timeout, lambda q=sparql: len(other.query(q).rows))
            rows.append((f"facts query {kind}", ox_run, rdf_run))
            print(f"facts query {kind}: Oxigraph {_seconds(ox_run)}, rdflib {_seconds(rdf_run)}", flush=True)
            if ox_run[1] is not None and rdf_run[1] is not None:
                both.append((ox_run, rdf_run))
        if both:
            kinds = f"the {len(both)} facts queries both engines answer"
            ox_total = (sum(o[0] for o, _ in both), sum(o[1] or 0 for o, _ in both), "")
            rdf_total = (sum(r[0] for _, r in both), sum(r[1] or 0 for _, r in both), "")
            rows.append((f"facts export, {kinds}", ox_total, rdf_total))

    print("\n| operation | Oxigraph (s) | rdflib (s) | rdflib / Oxigraph | rows (Oxigraph / rdflib) |")
    print("|---|---:|---:|---:|---|")
    for label, ox_run, rdf_run in rows:
        print(
            f"| {label} | {_cell(ox_run)} | {_cell(rdf_run)} | {_ratio(ox_run, rdf_run)} | {_counts(ox_run, rdf_run)} |"
        )


Run = tuple[float, int | None, str]


def _cell(run: Run) -> str:
    seconds, result, problem = run
    if result is not None:
        return f"{seconds:.3f}"
    return f"> {seconds:.0f} (stopped)" if problem == "stopped" else f"error ({problem})"


def _ratio(ours: Run, theirs: Run) -> str:
    if ours[1] is None:
        return "n/a"
    if theirs[1] is not None:
        return f"{theirs[0] / ours[0]:.1f}x"
    return f"> {theirs[0] / ours[0]:.0f}x" if theirs[2] == "stopped" else "n/a"


def _counts(ours: Run, theirs: Run) -> str:
    if ours[1] is None or theirs[1] is None:
        return " / ".join("-" if run[1] is None else f"{run[1]:,}" for run in (ours, theirs))
    return f"{ours[1]:,} / {theirs[1]:,}" + ("" if ours[1] == theirs[1] else "  MISMATCH")


def _seconds(run: Run) -> str:
    seconds, result, problem = run
    if result is not None:
        return f"{seconds:.3f} s"
    return f"stopped after {seconds:.0f} s" if problem == "stopped" else f"failed: {problem}"


def _load() -> str:
    """The 1-minute load average: other work on the machine skews the timings."""
    return f"{os.getloadavg()[0]:.2f}"


if __name__ == "__main__":
    main()
