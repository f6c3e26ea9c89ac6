"""The ``wsisgraph`` command line: parse, call one library function, render.

Exit codes: 0 ok; 1 the data does not conform or a check failed (a document could not be
ingested, SHACL violations); 2 a usage, store or load error.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from wsisgraph import __version__
from wsisgraph.errors import UsageError, ValidationFailed, WsisgraphError

if TYPE_CHECKING:
    from wsisgraph.store import GraphStore

app = typer.Typer(
    name="wsisgraph",
    help="Build and query a knowledge graph of UN reporting on the World Summit on the Information Society.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one message, one line, whatever the width

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help=(
            "The store: a folder (embedded), a wsisgraph serve or Oxigraph server URL, or a .toml file naming "
            "SPARQL endpoints (default: $WSISGRAPH_STORE, else ~/.local/share/wsisgraph/store)."
        ),
        show_default=False,
    ),
]
WaitOption = Annotated[
    float, typer.Option("--wait", help="Seconds to wait for another wsisgraph process to release the store.")
]


def _fail(error: WsisgraphError) -> NoReturn:
    err.print(f"[bold red]error:[/] {error}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(1 if isinstance(error, ValidationFailed) else 2)


@contextmanager
def _store(location: str | None, wait: float = 0.0) -> Iterator[GraphStore]:
    from wsisgraph.store import open_store

    try:
        with open_store(location, wait=wait) as store:
            yield store
    except WsisgraphError as error:
        _fail(error)


def _version(value: bool) -> None:
    if value:
        out.print(f"wsisgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Build and query a knowledge graph of UN reporting on WSIS implementation."""


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to read (.md, .txt, .html, .docx, .pdf). Default: the shipped corpus."),
    ] = None,
    store: StoreOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-read documents even if they are unchanged.")] = False,
    wait: WaitOption = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction (default: the cores).")
    ] = None,
) -> None:
    """Read documents, extract their facts and store each document as a named graph."""
    import os

    from wsisgraph.ingest import DocumentOutcome, collect_files, iter_ingest
    from wsisgraph.resources import corpus_dir

    if not paths:
        paths = [Path(str(corpus_dir()))]
        if not quiet:
            out.print(f"Ingesting the shipped corpus ({paths[0]})")
    files, warnings = collect_files(paths)
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if not files:
        _fail(UsageError("no .md, .txt, .html, .docx or .pdf files found", hint="give files or folders to read"))
    outcomes: list[DocumentOutcome] = []
    with (
        _store(store, wait) as opened,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=quiet or not err.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("ingesting", total=len(files))
        try:
            for outcome in iter_ingest(opened, files, force=force, jobs=jobs or os.cpu_count() or 1):
                outcomes.append(outcome)
                progress.update(task, advance=1, description=outcome.document[:40])
                if outcome.status == "failed":
                    err.print(f"[red]failed:[/] {outcome.error}", highlight=False, soft_wrap=True)
                for warning in outcome.warnings:
                    err.print(f"[yellow]warning:[/] {outcome.path}: {warning}", highlight=False)
        except WsisgraphError as error:
            _fail(error)
    _ingest_summary(outcomes)
    failed = [outcome.path for outcome in outcomes if outcome.status == "failed"]
    if failed:
        shown = " ".join(failed[:10]) + (f" ... ({len(failed) - 10} more)" if len(failed) > 10 else "")
        err.print(f"{len(failed)} documents failed; after fixing the cause, retry them: {shown}", highlight=False)
        raise typer.Exit(1)


def _ingest_summary(outcomes: Sequence[object]) -> None:
    from collections import Counter

    from wsisgraph.ingest import DocumentOutcome

    typed = [o for o in outcomes if isinstance(o, DocumentOutcome)]
    statuses = Counter(o.status for o in typed)
    facts: Counter[str] = Counter()
    for outcome in typed:
        facts.update(outcome.facts)
    table = Table(title="Ingest summary", show_header=True)
    table.add_column("documents")
    table.add_column("count", justify="right")
    for status in ("added", "updated", "unchanged", "failed"):
        table.add_row(status, str(statuses.get(status, 0)))
    out.print(table)
    if facts:
        fact_table = Table(title="Facts extracted (added or updated documents)")
        fact_table.add_column("kind")
        fact_table.add_column("facts", justify="right")
        for kind in sorted(facts):
            fact_table.add_row(kind, str(facts[kind]))
        fact_table.add_row("[bold]total[/]", f"[bold]{sum(facts.values())}[/]")
        out.print(fact_table)


@app.command()
def facts(
    store: StoreOption = None,
    document: Annotated[str | None, typer.Option("--document", "-d", help="Only this document id.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    wait: WaitOption = 0.0,
) -> None:
    """Print the facts as JSON Lines, as the facts contract describes them (read from the graph)."""
    from wsisgraph.facts import write_facts

    with _store(store, wait) as opened:
        try:
            if output is None:
                write_facts(opened, sys.stdout, document=document)
            else:
                with output.open("w", encoding="utf-8") as stream:
                    count = write_facts(opened, stream, document=document)
                err.print(f"wrote {count} facts to {output}")
        except WsisgraphError as error:
            _fail(error)


class OutputFormat(StrEnum):
    """How query results are printed."""

    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    spec: Annotated[
        str | None, typer.Argument(help="A named query, a .rq file, or SPARQL text.", show_default=False)
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as NAME=VALUE (repeatable).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    list_queries: Annotated[bool, typer.Option("--list", help="Describe the named queries.")] = False,
    store: StoreOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Ask the graph a question with SPARQL; parameters are bound as RDF terms."""
    from wsisgraph.query import load_named_queries, parse_params, run_query

    if list_queries or spec is None:
        table = Table(title="Named queries")
        table.add_column("name", style="bold")
        table.add_column("what it answers")
        table.add_column("parameters")
        for name, named in load_named_queries().items():
            described = "\n".join(f"{p.name}{'' if p.required else '?'}: {p.description}" for p in named.parameters)
            table.add_row(name, f"{named.title}. {named.description}", described or "-")
        out.print(table)
        if spec is None:
            return
    try:
        params = parse_params(param or [])
        with _store(store, wait) as opened:
            result = run_query(opened, spec, params)
    except WsisgraphError as error:
        _fail(error)
    if result.boolean is not None:
        out.print("true" if result.boolean else "false")
        return
    shipped = load_named_queries().get(spec)
    hidden = {parameter.name for parameter in shipped.parameters} if shipped else set(params)
    columns = [i for i, name in enumerate(result.variables) if name not in hidden]
    names = [result.variables[i] for i in columns]
    rows = [[(row[i].value if row[i] is not None else "") for i in columns] for row in result.rows]  # type: ignore[union-attr]
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps([dict(zip(names, row, strict=True)) for row in rows], ensure_ascii=False, indent=1))
        sys.stdout.write("\n")
    elif fmt is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(names)
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(show_lines=False)
        for name in names:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*row)
        out.print(table)
        err.print(f"{len(rows)} rows")


class ExportChoice(StrEnum):
    """RDF formats for export."""

    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "jsonld"


@app.command()
def export(
    fmt: Annotated[ExportChoice, typer.Option("--format", "-f", help="RDF format.")] = ExportChoice.trig,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")] = None,
    graph: Annotated[str | None, typer.Option("--graph", help="Only this named graph (an IRI).")] = None,
    store: StoreOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Write the graph out as Turtle, TriG, N-Quads, N-Triples or JSON-LD."""
    from wsisgraph.store import ExportFormat

    with _store(store, wait) as opened:
        try:
            if output is None:
                opened.export(sys.stdout.buffer, ExportFormat(fmt.value), graph=graph)
                sys.stdout.flush()
            else:
                with output.open("wb") as stream:
                    opened.export(stream, ExportFormat(fmt.value), graph=graph)
                err.print(f"wrote {output}")
        except WsisgraphError as error:
            _fail(error)


@app.command()
def validate(store: StoreOption = None, wait: WaitOption = 0.0) -> None:
    """Check every graph against the SHACL shapes; exit 1 if anything does not conform."""
    from wsisgraph.validate import validate_store

    with _store(store, wait) as opened:
        report = validate_store(opened)
    for graph in report.graphs:
        if not graph.conforms:
            err.print(f"[red]{graph.graph}[/]: {len(graph.violations)} violations", highlight=False)
            for violation in graph.violations[:20]:
                err.print(f"  {violation}", highlight=False, soft_wrap=True)
    if not report.conforms:
        _fail(
            ValidationFailed(
                f"{report.violation_count} SHACL violations in {sum(not g.conforms for g in report.graphs)} graphs"
            )
        )
    out.print(f"conforms: {len(report.graphs)} graphs checked against the SHACL shapes, no violations")


@app.command()
def stats(store: StoreOption = None, wait: WaitOption = 0.0) -> None:
    """Count documents, facts by kind, entities and triples in the store."""
    from wsisgraph.stats import store_stats

    with _store(store, wait) as opened:
        figures = store_stats(opened)
    table = Table(title="Store")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in figures.items():
        table.add_row(name, f"{value:,}")
    out.print(table)


ActionLineOption = Annotated[
    str | None, typer.Option("--action-line", help="Only facts under these action lines, e.g. C7 or C1,C7.")
]
YearOption = Annotated[str | None, typer.Option("--year", help="Only facts of these years, e.g. 2020 or 2019..2021.")]
KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind", help="Only these kinds of fact: membership, meeting, mandate, handover, cooperation, facilitation."
    ),
]
AroundOption = Annotated[
    str | None, typer.Option("--around", help="Only the bodies within --depth steps of this one (name or acronym).")
]
DepthOption = Annotated[int, typer.Option("--depth", min=1, max=6, help="Steps from --around.")]
BipartiteOption = Annotated[
    bool, typer.Option("--bipartite", help="Keep groups, meetings and action lines as nodes of their own.")
]


def _network(
    store: str | None,
    wait: float,
    action_line: str | None,
    year: str | None,
    kind: str | None,
    around: str | None,
    depth: int,
    bipartite: bool,
) -> tuple[object, dict[str, object]]:
    from wsisgraph.network import NetworkFilter, coordination_network

    try:
        chosen = NetworkFilter.parse(action_line, year, kind)
    except WsisgraphError as error:
        _fail(error)
    with _store(store, wait) as opened:
        try:
            return coordination_network(opened, chosen, around=around, depth=depth, bipartite=bipartite)
        except WsisgraphError as error:
            _fail(error)


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("wsisgraph.html"),
    action_line: ActionLineOption = None,
    year: YearOption = None,
    kind: KindOption = None,
    around: AroundOption = None,
    depth: DepthOption = 2,
    bipartite: BipartiteOption = False,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=2, help="Draw at most this many bodies, the most connected.")
    ] = 2000,
    max_edges: Annotated[
        int, typer.Option("--max-edges", min=1, help="Draw at most this many ties, the strongest.")
    ] = 10_000,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in a web browser.")] = False,
    store: StoreOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Write the network of who works with whom as one interactive HTML page that works offline."""
    from wsisgraph.network import strongest
    from wsisgraph.visualise import write_page

    graph, summary = _network(store, wait, action_line, year, kind, around, depth, bipartite)
    drawn, note = strongest(graph, max_nodes, max_edges)
    if drawn.number_of_nodes() == 0:
        _fail(UsageError("no facts join two bodies with these filters", hint="ingest documents or widen the filters"))
    try:
        path = write_page(drawn, output, note=note)
    except OSError as error:
        _fail(UsageError(f"{output}: cannot write the page ({error.strerror or error})", hint="choose another -o"))
    if note:
        err.print(f"[yellow]note:[/] {note}", highlight=False)
    out.print(
        f"wrote the network of {drawn.number_of_nodes():,} bodies and {drawn.number_of_edges():,} ties "
        f"({summary['facts']:,} facts) to {path.resolve()}; open it in a web browser",
        highlight=False,
        soft_wrap=True,
    )
    if open_page:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


class NetworkFormat(StrEnum):
    """Network file formats."""

    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


@app.command()
def network(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write (CSV also writes NAME-nodes.csv).")
    ] = Path("wsisgraph.graphml"),
    fmt: Annotated[NetworkFormat, typer.Option("--format", "-f", help="File format.")] = NetworkFormat.graphml,
    action_line: ActionLineOption = None,
    year: YearOption = None,
    kind: KindOption = None,
    around: AroundOption = None,
    depth: DepthOption = 2,
    bipartite: BipartiteOption = False,
    store: StoreOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Export the network for Gephi or Cytoscape, and print its communities and brokers."""
    from wsisgraph.network import export_network

    graph, summary = _network(store, wait, action_line, year, kind, around, depth, bipartite)
    try:
        export_network(graph, fmt.value, output)
    except OSError as error:
        _fail(UsageError(f"{output}: cannot write the network ({error.strerror or error})", hint="choose another -o"))
    except WsisgraphError as error:
        _fail(error)
    table = Table(title=f"Brokers between the {summary['communities']} communities")
    for column in ("body", "betweenness", "communities reached"):
        table.add_column(column, justify="left" if column == "body" else "right")
    for broker in summary["brokers"][:10]:  # type: ignore[index]
        table.add_row(str(broker["label"]), f"{broker['betweenness']:.3f}", str(broker["communities_reached"]))
    out.print(table)
    out.print(
        f"wrote {summary['nodes']:,} nodes and {summary['edges']:,} edges as {fmt.value} to {output.resolve()}",
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="The address to listen on (loopback unless you choose).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port to listen on.")] = 7878,
    writable: Annotated[
        bool,
        typer.Option("--writable", help="Accept updates and graph writes with the token in $WSISGRAPH_SERVE_TOKEN."),
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a query may run.")] = 30.0,
    max_result_mb: Annotated[float, typer.Option("--max-result-mb", min=0.001, help="Largest answer, in MB.")] = 64.0,
    store: StoreOption = None,
) -> None:
    """Serve the store over the SPARQL 1.1 Protocol, with a query page and the network page."""
    import os

    try:
        from wsisgraph.serve import ServeSettings, is_loopback, run
    except ImportError as error:
        _fail(UsageError(f"serve needs {error.name}", hint="pip install 'wsisgraph[serve]'"))
    from wsisgraph.store import default_store_location, is_remote

    location = store or default_store_location()
    if is_remote(location):
        _fail(UsageError(f"--store {location}: serve shares an embedded store; a remote store has its own endpoint"))
    token = os.environ.get("WSISGRAPH_SERVE_TOKEN") or None
    if writable and not token:
        _fail(UsageError("--writable needs a token", hint="set WSISGRAPH_SERVE_TOKEN to a long random string"))
    if not is_loopback(host):
        err.print(
            f"[yellow]warning:[/] serving on {host}: anyone who can reach this address can query the store"
            + (" and, with the token, change it" if writable else ""),
            highlight=False,
        )
    settings = ServeSettings(
        store=Path(location).expanduser(),
        writable=writable,
        token=token,
        timeout=timeout,
        max_result_bytes=int(max_result_mb * 1024 * 1024),
    )
    err.print(
        f"serving {settings.store} at http://{host}:{port}/ ({'writable' if writable else 'read-only'}; "
        f"queries: /query, the network: /graph); Ctrl-C stops",
        highlight=False,
    )
    try:
        run(settings, host, port)
    except WsisgraphError as error:
        _fail(error)


@app.command()
def push(
    to: Annotated[str, typer.Option("--to", help="The remote store: a server URL or a .toml file of endpoints.")],
    store: StoreOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Copy every graph of the store into a remote store (each graph replaced in one request)."""
    _copy(store, to, wait)


@app.command()
def pull(
    source: Annotated[str, typer.Option("--from", help="The remote store: a server URL or a .toml file of endpoints.")],
    store: StoreOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Copy every graph of a remote store into the store (each graph replaced in one transaction)."""
    _copy(source, store, wait)


def _copy(source: str | None, target: str | None, wait: float) -> None:
    from wsisgraph.store import copy_graphs

    failed: list[str] = []
    copied = 0
    with _store(source, wait) as origin, _store(target, wait) as destination:
        try:
            for graph, count, error in copy_graphs(origin, destination):
                if error:
                    failed.append(graph)
                    err.print(f"[red]failed:[/] {graph}: {error}", highlight=False, soft_wrap=True)
                else:
                    copied += 1
                    out.print(f"{graph}: {count:,} triples", highlight=False)
        except WsisgraphError as error:
            _fail(error)
        out.print(f"copied {copied} graphs from {origin.location} to {destination.location}", highlight=False)
    if failed:
        err.print(f"{len(failed)} graphs failed; run the same command again to retry them", highlight=False)
        raise typer.Exit(1)


@app.command()
def explain(
    path: Annotated[Path, typer.Argument(help="A document file to explain.")],
    all_sentences: Annotated[bool, typer.Option("--all", help="Show sentences with nothing found too.")] = False,
) -> None:
    """Show, sentence by sentence, what was found and why, and what was rejected."""
    from wsisgraph.explain import explain_document

    try:
        lines = explain_document(path, all_sentences=all_sentences)
    except WsisgraphError as error:
        _fail(error)
    for line in lines:
        out.print(line, highlight=False, markup=False, soft_wrap=True)


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
