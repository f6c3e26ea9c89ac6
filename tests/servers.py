"""Throw-away SPARQL servers for the remote-store tests: Oxigraph and Virtuoso.

``start_oxigraph(tmp_dir)``, ``start_virtuoso(tmp_dir)`` and ``start_wsisgraph(store)``
launch a private server on a free port of 127.0.0.1 and return a ``Server`` (URLs, ``pid``,
``stop()``, ``kill()`` for crash tests, ``restart()`` on the same folder and ports); the
fixtures built on them are in ``conftest.py``. ``python tests/servers.py oxigraph|virtuoso``
is a demo.

What the servers really do - measured with Oxigraph 0.5.13 (PyPI ``oxigraph``) and Debian's
Virtuoso Open-Source 7.2.5.1 (build 07.20.3229), form-encoded POSTs, Accept
application/sparql-results+json. "EX" below is any IRI under https://w3id.org/wsisgraph/.

Start-up (this machine): Oxigraph 0.03-0.1 s (after a SIGKILL with 200k triples: up to
12 s of recovery). Virtuoso 1.4-1.9 s for a new database, users included (one of ~10 runs
3.7 s); restart 1.4-3 s, also after SIGKILL; the buffer count makes no difference.
SIGTERM stops both in < 0.05 s (Virtuoso: "quick shutdown", replays its log at the next
start).

a. ``INSERT DATA { <s> <p> <o> }`` without GRAPH. Oxigraph: 204, into its real, unnamed
   default graph (in no named graph; ``GRAPH ?g`` does not see it). Virtuoso: rejected,
   400 "SP031: No plain default graph specified in the preamble"; with the protocol
   parameter ``default-graph-uri=G`` or ``using-graph-uri=G`` on the update, or
   ``WITH <G> INSERT {..} WHERE {}``, the triple goes into named graph G.
b. Same triple in <g1> and <g2> only, query with no FROM and no protocol dataset.
   Oxigraph: ``SELECT * { ?s ?p ?o }`` returns nothing, COUNT 0 (default graph = the
   empty real default graph). With ``--union-default-graph`` (server flag) or the query
   parameter ``union-default-graph``: the triple once per graph (bag: duplicates).
   Virtuoso: the default graph is the union of every graph, system graphs included: the
   triple twice (once per graph, not merged), plus the 2499 triples of a fresh database's
   system graphs, so COUNT(*) = 2501.
c. Triple in <g1>, <g2> and <m>; Q = ``SELECT ?g ?s WHERE { ?s ?p ?o . GRAPH ?g { ?s ?p ?o } }``.
   Oxigraph follows the spec: with ``default-graph-uri=m`` alone, or ``FROM <m>`` alone,
   the dataset has NO named graphs, so Q returns nothing; with ``named-graph-uri`` g1 and
   g2 (or ``FROM NAMED``) it returns g1, g2; ``named-graph-uri`` alone leaves the default
   graph empty (nothing); protocol parameters replace FROM in the query.
   Virtuoso: ``default-graph-uri=m`` or ``FROM <m>`` only sets the default graph; GRAPH ?g
   still sees every graph: g1, g2, m (and system graphs). With named-graph-uri g1, g2 (or
   FROM NAMED): g1, g2. ``named-graph-uri`` alone: nothing. ``FROM <m>`` in the query plus
   ``default-graph-uri=g1`` gives default graph m + g1 (merged, each row twice) - not
   replaced as the spec says. No dataset at all: every g three times.
   Portable form (same answer g1, g2, m on both): no dataset, explicit
   ``GRAPH <m> { ... } GRAPH ?g { ... }``.
d. Several operations separated by ``;`` are accepted by both (Oxigraph 204; Virtuoso 200
   with a JSON result whose ``callret-0`` is a message). A syntax error anywhere rejects
   the whole request on both (400, nothing done).
   Later operation fails at run time (``CREATE GRAPH <existing>``, ``DROP GRAPH <missing>``,
   ``LOAD <unreachable>``): Oxigraph 500 and the whole request is rolled back (atomic).
   Virtuoso 500 but the operations before the failing one stay COMMITTED and those after
   it are not run - not atomic. (``ADD <missing> TO <g>`` does not fail on either.)
   kill -9 during ``DROP SILENT GRAPH <g> ; INSERT {GRAPH <g> {..}} WHERE {GRAPH <src> {..}}``
   (200k triples) or a 200k-triple INSERT DATA (Oxigraph): after restart <g> was always
   either all old (1000) or all new (200000) on both - never empty or partial.
   A Graph Store PUT of 200k triples killed mid-way: Oxigraph old or new; Virtuoso
   PARTIAL (0, 62231, 124543 triples seen). A client that loses the connection cannot
   tell: Oxigraph had sometimes already committed (new data, no response).
e. ``DELETE { GRAPH <m> {?s ?p ?o} } WHERE { GRAPH <g> {?s ?p ?o} FILTER NOT EXISTS
   { GRAPH ?other {?s ?p ?o} FILTER(?other != <g> && ?other != <m>) } }`` works as the spec
   says on both (m loses the triples only g had, keeps those also in another graph).
f. Fresh Virtuoso, ``SELECT DISTINCT ?g { GRAPH ?g {?s ?p ?o} }``: 4 system graphs,
   http://HOST:PORT/DAV/ (3 triples), http://HOST:PORT/sparql (14),
   http://www.openlinksw.com/schemas/virtrdf# (2479), http://www.w3.org/ns/ldp# (3);
   HOST:PORT is [URIQA] DefaultHost (without it: http://localuriqaserver/sparql). A
   default-graph-uri does not narrow it. Only ours, on both:
   ``... FILTER(STRSTARTS(STR(?g), "https://w3id.org/wsisgraph/"))``. Fresh Oxigraph: none.
   Neither lists graphs that hold no triple.
g. Graph Store, ``GET ?graph=IRI``. Oxigraph: Accept application/n-triples ->
   application/n-triples (raw UTF-8, one space between terms); text/plain -> n-triples;
   no Accept -> application/n-quads; missing graph 404; PUT new 201, PUT replace 204,
   POST 204, DELETE 204, DELETE missing 404; bad body 400; no authentication.
   Virtuoso honours n-triples: ``application/n-triples; charset=UTF-8`` (tab-separated,
   every non-ASCII character escaped \\uXXXX / \\UXXXXXXXX - valid N-Triples); text/plain ->
   same body as text/plain; no Accept -> text/turtle; n-quads -> 406; missing graph 404
   (empty text/html body); HEAD 501; ``?default`` 500. On /sparql-graph-crud-auth with
   digest auth: PUT new 201, PUT replace 200, POST 200, DELETE 200, DELETE missing 404,
   bad body 500 (HTML). No or wrong credentials 401; Basic auth 401 (digest only).
   Anonymous /sparql-graph-crud: GET 200, PUT 403. Anonymous update on /sparql: 500
   "SR186: No permission to execute procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT" (not
   401/403). Queries also work on /sparql-auth.
   GSP PUT bodies of 18 MB / 200k triples are fine on Virtuoso (7.8 s).
h. Literal round trip (INSERT DATA, then SELECT JSON; same via GSP POST and GSP GET).
   Oxigraph: gYear, gYearMonth, date, dateTime, time, gMonthDay/gMonth/gDay, duration,
   xsd:string, custom datatypes, ill-typed values ("abc"^^xsd:integer), 5000-character
   strings with quotes, CR/LF, tabs, backslashes, U+2028, CJK and astral characters:
   exact. Canonicalised: "0042"^^xsd:integer -> "42", "1.50"^^xsd:decimal -> "1.5",
   "1.0E3"^^xsd:double -> "1000", "1"^^xsd:boolean -> "true", "7"^^xsd:int -> datatype
   xsd:integer (!), language tags lowercased (de-CH -> de-ch).
   Virtuoso: every datatyped literal comes back as JSON ``"type": "typed-literal"`` (the
   pre-1.1 JSON format; xsd:string too); plain and language strings as "literal".
   Values exact for gYear "2024", "0800", "2024Z", gYearMonth "2024-05", date
   "2024-05-17", "2024-05-17Z", "2024-05-17+02:00", "0800-01-01", dateTime with and
   without zone, gMonthDay/gMonth/gDay, int, custom datatypes, xsd:string, long strings
   (all characters above). Changed: gYear "-0044" -> "-044"; dateTime ".5" -> ".500";
   duration "P1Y2M" -> "14"; "0042" -> "42"; "1.50" -> "1.5"; "1.0E3" -> "1000.0";
   boolean "true" -> "1" in JSON (but "true" in N-Triples), "1" stays "1"; language tags
   lowercased. Rejected by INSERT DATA (whole request fails): "10:20:30"^^xsd:time (500
   "DT011 Cannot convert T10:20:30 to time") and "abc"^^xsd:integer (400 "SR341"); the
   Graph Store accepts both (the latter stored as "0"). ASK with the exact term sent
   matches on both. IRIs with non-ASCII characters round-trip on both.
i. More Virtuoso traps for a standard SPARQL 1.1 client (Oxigraph had none of these):
   - One INSERT DATA holds at most ~1426 triples (short literals): beyond, 400 "SP031:
     The length of generated SQL text has exceeded 10000 lines of code" (at ~5000 triples
     "SP030 memory exhausted"). The limit is per operation; but several operations in one
     request compile super-linearly (2 x 1000 triples 2.2 s, 5 x 1000 15 s, 10 x 1000 fails
     with "SQ199 Maximum size (32767) of a code vector exceeded" after 38 s). A 2 MB INSERT
     DATA (20k triples) is therefore rejected; a request body over 10 MB fails with 500
     "string session is longer than 10Mb". One operation of 1000 triples takes ~0.26 s.
     Bulk writes: Graph Store PUT/POST of N-Triples, or INSERT DATA chunks of <= 1000
     triples in separate requests. A VALUES block of 20000 IRIs also hits the SQL limit;
     1000 is fine.
   - Blank nodes are refused in INSERT DATA (400 "Blank node '_:b' is not allowed in a
     constant clause"); ``INSERT { .. _:b .. } WHERE {}`` works (nodeID://b10000).
   - DROP GRAPH without SILENT fails (500 "has not been explicitly created before") for a
     graph filled by INSERT DATA or the Graph Store: always send DROP SILENT GRAPH.
     CREATE GRAPH twice fails; CLEAR GRAPH <missing> succeeds; COPY/MOVE/ADD work.
   - ResultSetMaxRows = 10000 ([SPARQL] in virtuoso.ini) silently truncates SELECT (JSON
     and CSV), CONSTRUCT (10001 triples) AND Graph Store GET (10001 triples of a
     12000-triple graph) - the only sign is the header ``X-SPARQL-MaxRows: 10000`` on
     SELECT (none on CONSTRUCT/GSP). COUNT is right. ORDER BY with OFFSET+LIMIT > 10000
     fails: 500 "SR353 Sorted TOP clause specifies more then 15010 rows to sort. Only
     10000 are allowed" - that is [Parameters] MaxSortedTopRows. Raise both with
     ``start_virtuoso(..., ini_overrides=VIRTUOSO_NO_ROW_LIMITS)``. Without ORDER BY,
     OFFSET beyond 10000 works.
   - [SPARQL] MaxQueryExecutionTime = 60 s: a longer query or update fails with 500
     "SR171 Transaction timed out" (no partial results seen).
   - POST with ``Content-Type: application/sparql-query`` to /sparql hangs (no answer in
     5 s); use form encoding or GET. ``application/sparql-update`` bodies do work on
     /sparql-auth.
   - Without an Accept header: SPARQL XML results. Errors are text/plain "Virtuoso
     <SQLSTATE> Error <code>: ..." (400 for compile errors, 500 for run-time ones) and echo
     the query prefixed with ``define sql:big-data-const 0``; no ``define`` is needed in
     the queries sent.
   - Property paths ``?s <p>+ ?o`` / ``<p>*`` with both ends unbound: 500 "transitive start
     not given" (fine with a bound subject). GROUP_CONCAT of one IRI without GROUP BY came
     back as type "uri" (Oxigraph: GROUP_CONCAT of IRIs is unbound, per spec).
   - It accepted an aggregate mixed with an ungrouped variable (a spec error).
"""

from __future__ import annotations

import atexit
import configparser
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VIRTUOSO_BINARY = "virtuoso-t"
ISQL_BINARY = "isql-vt"
DEBIAN_VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DEBIAN_VAD_DIR = Path("/usr/share/virtuoso-opensource-7/vad")

VIRTUOSO_USER = "wsis"
VIRTUOSO_PASSWORD = "wsis-test-password"
VIRTUOSO_DBA_PASSWORD = "dba"  # the password of a new database's dba account

# Every server still running when the interpreter exits is killed, so that a failed test
# run does not leave servers behind.
_RUNNING: dict[int, Server] = {}


class ServerError(RuntimeError):
    """A server did not start, or a set-up command failed (the message holds its log's tail)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server of the PyPI package, installed next to the running Python."""
    for candidate in (Path(sys.executable).parent / "oxigraph", Path(sys.executable).resolve().parent / "oxigraph"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError(f"no oxigraph binary next to {sys.executable} (pip install oxigraph)")
    return Path(found)


def virtuoso_available() -> bool:
    """Whether ``virtuoso-t`` and ``isql-vt`` are installed (Debian: apt-get install virtuoso-opensource)."""
    return shutil.which(VIRTUOSO_BINARY) is not None and shutil.which(ISQL_BINARY) is not None


@dataclass
class Server:
    """One running server process and the URLs of its SPARQL endpoints.

    ``store_url`` and ``graph_store_url`` are the same URL (Graph Store Protocol, writable).
    ``graph_store_read_url`` is the anonymous, read-only Graph Store where the server has one
    (Virtuoso's /sparql-graph-crud); on Oxigraph it is ``store_url`` again. ``user`` and
    ``password`` are None on Oxigraph (no authentication); on Virtuoso they are for HTTP
    digest authentication on ``update_url`` and ``graph_store_url``.
    """

    kind: str
    base_url: str
    query_url: str
    update_url: str
    store_url: str
    graph_store_read_url: str
    data_dir: Path
    log_path: Path
    port: int
    user: str | None = None
    password: str | None = None
    sql_port: int | None = None
    startup_seconds: float = 0.0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _launch: Callable[[Server], None] | None = field(default=None, repr=False)
    _log_handle: Any = field(default=None, repr=False)

    @property
    def graph_store_url(self) -> str:
        return self.store_url

    @property
    def pid(self) -> int:
        if self.process is None:
            raise ServerError(f"{self.kind} is not running")
        return self.process.pid

    @property
    def auth(self) -> tuple[str, str] | None:
        """(user, password) for digest authentication, or None when the server needs none."""
        if self.user is None or self.password is None:
            return None
        return (self.user, self.password)

    def httpx_auth(self) -> Any:
        """An ``httpx.DigestAuth`` for the update and Graph Store URLs (None on Oxigraph)."""
        if self.auth is None:
            return None
        import httpx  # only the callers that want it pay for the import

        return httpx.DigestAuth(*self.auth)

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the server cleanly (SIGTERM, then SIGKILL after ``timeout``); the data stays."""
        self._signal(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """SIGKILL the server, as a crash would; ``restart()`` then recovers the data folder."""
        self._signal(signal.SIGKILL, 30.0)

    def restart(self) -> Server:
        """Start the server again on the same data folder and ports (after stop() or kill())."""
        if self.is_running():
            self.stop()
        if self._launch is None:
            raise ServerError(f"{self.kind} cannot be restarted")
        self._launch(self)
        return self

    def remove_data(self) -> None:
        """Stop the server and delete its data folder."""
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _signal(self, signum: int, timeout: float) -> None:
        process = self.process
        if process is not None:
            if process.poll() is None:
                process.send_signal(signum)
                try:
                    process.wait(timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            _RUNNING.pop(process.pid, None)
            self.process = None
        if self._log_handle is not None:
            self._log_handle.close()
            self._log_handle = None

    def _spawn(
        self, args: Sequence[str | os.PathLike[str]], cwd: Path | None = None, env: Mapping[str, str] | None = None
    ) -> None:
        if self._log_handle is not None:
            self._log_handle.close()
        self._log_handle = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [os.fspath(arg) for arg in args],
            stdin=subprocess.DEVNULL,
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=dict(env) if env is not None else None,
        )
        _RUNNING[self.process.pid] = self

    def _fail(self, message: str) -> ServerError:
        tail = self.log_tail()
        self.kill()
        return ServerError(f"{self.kind}: {message}\n--- {self.log_path} ---\n{tail}")


@atexit.register
def _kill_leftovers() -> None:
    for server in list(_RUNNING.values()):
        with contextlib.suppress(Exception):
            server.kill()


def _http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(200 <= response.status < 300)
    except (OSError, urllib.error.URLError):
        return False


def _ask_url(query_url: str) -> str:
    return query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})


def _wait(server: Server, ready: Callable[[], bool], what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        if server.process is None or server.process.poll() is not None:
            code = None if server.process is None else server.process.returncode
            raise server._fail(f"exited with status {code} before {what}")
        if ready():
            return
        if time.monotonic() > deadline:
            raise server._fail(f"not {what} after {timeout:.0f} s")
        time.sleep(delay)
        delay = min(delay * 1.5, 0.2)


# --------------------------------------------------------------------------- Oxigraph


def start_oxigraph(
    tmp_dir: Path,
    *,
    port: int | None = None,
    read_only: bool = False,
    extra_args: Sequence[str] = (),
    timeout: float = 30.0,
) -> Server:
    """Start ``oxigraph serve`` on a store folder under ``tmp_dir`` (``tmp_dir/oxigraph``).

    ``read_only`` runs ``serve-read-only`` (the folder must hold a store already). The folder
    is reused when it exists, so a second call after ``stop()``/``kill()`` sees the same data;
    ``restart()`` does the same on the same port.
    """
    tmp_dir = Path(tmp_dir)
    data_dir = tmp_dir / "oxigraph"
    data_dir.mkdir(parents=True, exist_ok=True)
    chosen = port if port is not None else free_port()
    base_url = f"http://127.0.0.1:{chosen}"
    server = Server(
        kind="oxigraph",
        base_url=base_url,
        query_url=f"{base_url}/query",
        update_url=f"{base_url}/update",
        store_url=f"{base_url}/store",
        graph_store_read_url=f"{base_url}/store",
        data_dir=data_dir,
        log_path=tmp_dir / f"oxigraph-{chosen}.log",
        port=chosen,
    )
    binary = oxigraph_binary()
    command = "serve-read-only" if read_only else "serve"

    def launch(server: Server) -> None:
        started = time.monotonic()
        server._spawn(
            [binary, command, "--location", data_dir, "--bind", f"127.0.0.1:{server.port}", *extra_args],
        )
        ask = _ask_url(server.query_url)
        _wait(server, lambda: _http_ok(ask), "answering HTTP", timeout)
        server.startup_seconds = time.monotonic() - started

    server._launch = launch
    launch(server)
    return server


# --------------------------------------------------------------------------- Virtuoso

# The set-up that lets one SQL user write through SPARQL Update and the Graph Store Protocol:
# SPARQL_UPDATE is the role /sparql-auth and /sparql-graph-crud-auth check; the default
# graph permissions are bit flags (1 read, 2 write, 4 sponge) for every graph without
# graph-specific permissions. "nobody" is the anonymous user of /sparql: read only.
_VIRTUOSO_SETUP_SQL = """\
DB.DBA.USER_CREATE ('{user}', '{password}');
GRANT SPARQL_SELECT TO "{user}";
GRANT SPARQL_UPDATE TO "{user}";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{user}', 7);
checkpoint;
"""

# ini_overrides for start_virtuoso that lift Virtuoso's silent 10000-row cap on SELECT,
# CONSTRUCT and Graph Store GET, and its 10000-row limit on ORDER BY ... OFFSET.
VIRTUOSO_NO_ROW_LIMITS: Mapping[str, Mapping[str, str]] = {
    "SPARQL": {"ResultSetMaxRows": "1000000"},
    "Parameters": {"MaxSortedTopRows": "1000000"},
}

# Used when the Debian sample virtuoso.ini is not installed: the keys that matter.
_MINIMAL_VIRTUOSO_INI = """\
[Database]
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
[HTTPServer]
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
Charset = UTF-8
EnabledGzipContent = 1
[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def virtuoso_ini(
    data_dir: Path,
    *,
    port: int,
    sql_port: int,
    dirs_allowed: Sequence[Path] = (),
    overrides: Mapping[str, Mapping[str, str]] | None = None,
    sample: Path | None = None,
) -> str:
    """The text of a virtuoso.ini for a private database in ``data_dir``.

    Starts from the Debian sample (or a minimal one) and rewrites every path into
    ``data_dir``, binds SQL and HTTP to 127.0.0.1, uses small buffers, drops the plugins and
    the Zero Config announcement. ``overrides`` is {section: {key: value}} applied last,
    e.g. ``{"SPARQL": {"ResultSetMaxRows": "1000000"}}``.
    """
    parser = configparser.ConfigParser(
        strict=False, interpolation=None, inline_comment_prefixes=(";",), comment_prefixes=(";", "#")
    )
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # Virtuoso's keys are CamelCase
    try:
        parser.read_string((sample or DEBIAN_VIRTUOSO_INI).read_text(encoding="utf-8"))
    except OSError:
        parser.read_string(_MINIMAL_VIRTUOSO_INI)
    db = data_dir / "db"
    vad = DEBIAN_VAD_DIR
    allowed = [".", os.fspath(data_dir), *(os.fspath(path) for path in dirs_allowed), os.fspath(vad)]
    settings: dict[str, dict[str, str]] = {
        "Database": {
            "DatabaseFile": f"{db}/virtuoso.db",
            "ErrorLogFile": f"{db}/virtuoso.log",
            "LockFile": f"{db}/virtuoso.lck",
            "TransactionFile": f"{db}/virtuoso.trx",
            "xa_persistent_file": f"{db}/virtuoso.pxa",
        },
        "TempDatabase": {
            "DatabaseFile": f"{db}/virtuoso-temp.db",
            "TransactionFile": f"{db}/virtuoso-temp.trx",
        },
        "Parameters": {
            "ServerPort": f"127.0.0.1:{sql_port}",
            "DisableUnixSocket": "1",
            "DirsAllowed": ", ".join(dict.fromkeys(allowed)),
            "VADInstallDir": f"{vad}/",
            "NumberOfBuffers": "10000",  # 8 KiB pages: ~80 MB
            "MaxDirtyBuffers": "6000",
            "MaxQueryMem": "500M",
            "MaxClientConnections": "20",
            "ThreadsPerQuery": "2",
            "AsyncQueueMaxThreads": "4",
        },
        "HTTPServer": {
            "ServerPort": f"127.0.0.1:{port}",
            "ServerRoot": f"{data_dir}/vsp",
            "MaxClientConnections": "20",
            "ServerThreads": "20",
            "MaintenancePage": "atomic.html",
        },
        "URIQA": {"DynamicLocal": "0", "DefaultHost": f"127.0.0.1:{port}"},
    }
    for section in ("Plugins", "Zero Config", "Striping", "Mono"):
        parser.remove_section(section)
    for layer in (settings, overrides or {}):
        for section, values in layer.items():
            if not parser.has_section(section):
                parser.add_section(section)
            for key, value in values.items():
                parser.set(section, key, value)
    lines: list[str] = []
    for section in parser.sections():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {value}" for key, value in parser.items(section))
        lines.append("")
    return "\n".join(lines)


def isql(sql_port: int, sql: str, *, user: str = "dba", password: str = VIRTUOSO_DBA_PASSWORD) -> str:
    """Run SQL statements (each ending in ';') through ``isql-vt``; raise on any error."""
    binary = shutil.which(ISQL_BINARY)
    if binary is None:
        raise ServerError(f"{ISQL_BINARY} is not installed")
    completed = subprocess.run(
        [binary, f"127.0.0.1:{sql_port}", user, password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"],
        input=sql.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    output = completed.stdout.decode(errors="replace") + completed.stderr.decode(errors="replace")
    if completed.returncode != 0 or "*** Error" in output:
        raise ServerError(f"isql failed (status {completed.returncode}):\n{sql}\n{output}")
    return output


def _sql_port_open(sql_port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex(("127.0.0.1", sql_port)) == 0


def start_virtuoso(
    tmp_dir: Path,
    *,
    port: int | None = None,
    sql_port: int | None = None,
    user: str = VIRTUOSO_USER,
    password: str = VIRTUOSO_PASSWORD,
    ini_overrides: Mapping[str, Mapping[str, str]] | None = None,
    timeout: float = 60.0,
) -> Server:
    """Start a private Virtuoso (``virtuoso-t +foreground``) on a database in ``tmp_dir/virtuoso``.

    Writes ``tmp_dir/virtuoso/virtuoso.ini`` (see ``virtuoso_ini``), starts the server, waits
    for SQL and HTTP, then (once per database) creates ``user`` with the SPARQL_UPDATE role
    and read/write permission on every graph. Updates and writes through the Graph Store go
    to ``update_url`` (/sparql-auth) and ``graph_store_url`` (/sparql-graph-crud-auth) with
    HTTP digest authentication; anonymous /sparql and /sparql-graph-crud are read-only.
    A folder that already holds a database is reused (``restart()`` does so on the same ports).
    """
    binary = shutil.which(VIRTUOSO_BINARY)
    if binary is None or shutil.which(ISQL_BINARY) is None:
        raise ServerError("virtuoso-t/isql-vt are not installed (apt-get install virtuoso-opensource)")
    tmp_dir = Path(tmp_dir).resolve()
    data_dir = tmp_dir / "virtuoso"
    (data_dir / "db").mkdir(parents=True, exist_ok=True)
    (data_dir / "vsp").mkdir(exist_ok=True)
    ini_path = data_dir / "virtuoso.ini"
    attempts = 1 if port is not None or sql_port is not None else 3
    for attempt in range(attempts):
        http_port = port if port is not None else free_port()
        sql = sql_port if sql_port is not None else free_port()
        while sql == http_port:
            sql = free_port()
        base_url = f"http://127.0.0.1:{http_port}"
        server = Server(
            kind="virtuoso",
            base_url=base_url,
            query_url=f"{base_url}/sparql",
            update_url=f"{base_url}/sparql-auth",
            store_url=f"{base_url}/sparql-graph-crud-auth",
            graph_store_read_url=f"{base_url}/sparql-graph-crud",
            data_dir=data_dir,
            log_path=data_dir / "virtuoso-stdout.log",
            port=http_port,
            user=user,
            password=password,
            sql_port=sql,
        )

        def launch(server: Server) -> None:
            assert server.sql_port is not None
            ini = virtuoso_ini(
                data_dir, port=server.port, sql_port=server.sql_port, dirs_allowed=[tmp_dir], overrides=ini_overrides
            )
            ini_path.write_text(ini, encoding="utf-8")
            started = time.monotonic()
            log_start = server.log_path.stat().st_size if server.log_path.exists() else 0

            def online() -> bool:
                with server.log_path.open("rb") as log:
                    log.seek(log_start)
                    return b"Server online at" in log.read()

            server._spawn([binary, "+foreground", "+configfile", ini_path], cwd=data_dir / "db")
            _wait(server, online, "online", timeout)
            assert server.sql_port is not None
            sql_port_ = server.sql_port
            _wait(server, lambda: _sql_port_open(sql_port_), "listening for SQL", timeout)
            marker = data_dir / f"setup-done-{server.user}"
            if not marker.exists():
                try:
                    isql(sql_port_, _VIRTUOSO_SETUP_SQL.format(user=server.user, password=server.password))
                except ServerError as error:
                    raise server._fail(str(error)) from None
                marker.write_text("the SPARQL user is set up\n", encoding="utf-8")
            ask = _ask_url(server.query_url)
            _wait(server, lambda: _http_ok(ask), "answering HTTP", timeout)
            server.startup_seconds = time.monotonic() - started

        server._launch = launch
        try:
            launch(server)
        except ServerError as error:
            port_clash = any(text in str(error) for text in ("Failed to start listening", "Failed HTTP listen"))
            if not port_clash or attempt == attempts - 1:
                raise
            continue
        return server
    raise AssertionError("unreachable")


def start_wsisgraph(
    store: Path, *args: str, port: int | None = None, token: str | None = None, timeout: float = 60.0
) -> Server:
    """Start ``wsisgraph serve --store STORE ARGS`` (the layout of Oxigraph's: /query, /update, /store)."""
    chosen = port if port is not None else free_port()
    base_url = f"http://127.0.0.1:{chosen}"
    server = Server(
        kind="wsisgraph",
        base_url=base_url,
        query_url=f"{base_url}/query",
        update_url=f"{base_url}/update",
        store_url=f"{base_url}/store",
        graph_store_read_url=f"{base_url}/store",
        data_dir=store,
        log_path=store.parent / f"wsisgraph-serve-{chosen}.log",
        port=chosen,
    )
    command = [sys.executable, "-m", "wsisgraph.cli", "serve", "--store", store, "--port", str(chosen), *args]
    env = {**os.environ, "WSISGRAPH_SERVE_TOKEN": token or ""}

    def launch(server: Server) -> None:
        started = time.monotonic()
        server._spawn(command, env=env)
        ask = _ask_url(server.query_url)
        _wait(server, lambda: _http_ok(ask), "answering HTTP", timeout)
        server.startup_seconds = time.monotonic() - started

    server._launch = launch
    launch(server)
    return server


# --------------------------------------------------------------------------- demo


def _demo(kind: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix=f"wsisgraph-{kind}-") as tmp:
        started = time.monotonic()
        server = start_oxigraph(Path(tmp)) if kind == "oxigraph" else start_virtuoso(Path(tmp))
        with server:
            print(f"{kind} ready in {time.monotonic() - started:.2f} s (pid {server.pid})")
            print(f"  query        {server.query_url}")
            print(f"  update       {server.update_url}")
            print(f"  graph store  {server.graph_store_url}")
            if server.auth is not None:
                print(f"  digest auth  {server.user} / {server.password}")
            query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            request = urllib.request.Request(
                server.query_url,
                data=urllib.parse.urlencode({"query": query}).encode(),
                headers={"Accept": "application/sparql-results+json"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                result = json.load(response)
            print(f"  {query}\n  -> n = {result['results']['bindings'][0]['n']['value']}")
        print("stopped")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("oxigraph", "virtuoso"):
        sys.exit("usage: python tests/servers.py oxigraph|virtuoso")
    _demo(sys.argv[1])
