"""Named SPARQL queries shipped as ``.rq`` files, and running any query with parameters.

A named query starts with comment lines that describe it::

    # title: Members of a group
    # description: ...
    # param group: required; a name, acronym or alias of the group

Parameters are bound to the query's variables as RDF terms through the store, never pasted
into the query text, so a value such as ``"> } ; DROP ALL`` is only ever a string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from wsisgraph.errors import QueryError, UsageError
from wsisgraph.resources import query_files, shipped
from wsisgraph.store import GraphStore, QueryResult, Value

__all__ = [
    "NamedQuery",
    "Parameter",
    "load_named_queries",
    "parse_params",
    "prepare_query",
    "resolve_query",
    "run_query",
]

_HEADER = re.compile(r"^#\s*(?P<key>title|description|param|example|variant)\s*(?P<name>[\w-]*)\s*:\s*(?P<value>.*)$")
_UPDATE = re.compile(
    r"^\s*(?:PREFIX\s+\S+\s*<[^>]*>\s*|BASE\s*<[^>]*>\s*)*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_MAX_QUERY = 200_000


@dataclass(frozen=True, slots=True)
class Parameter:
    """A parameter of a named query."""

    name: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query shipped with wsisgraph."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    # a parameter whose binding has a faster form of the query: name -> that form's SPARQL
    variants: tuple[tuple[str, str], ...] = ()


def _parse(name: str, text: str) -> NamedQuery:
    title = description = ""
    parameters: list[Parameter] = []
    variants: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match.group("key"), match.group("value").strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        elif key == "param":
            required = value.lower().startswith("required")
            parameters.append(Parameter(match.group("name"), required, value.split(";", 1)[-1].strip()))
        elif key == "variant":
            variants.append((match.group("name"), shipped("queries").joinpath(value).read_text(encoding="utf-8")))
    return NamedQuery(name, title, description, tuple(parameters), text, tuple(variants))


def load_named_queries() -> dict[str, NamedQuery]:
    """The named queries, by name."""
    queries = {}
    for entry in query_files():
        name = entry.name.removesuffix(".rq")
        queries[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return queries


def parse_params(items: list[str]) -> dict[str, str]:
    """``["group=UN E-waste Coalition"]`` -> ``{"group": "UN E-waste Coalition"}``."""
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key.strip()):
            raise UsageError(f"--param {item!r} is not NAME=VALUE", hint="write it as --param group=ITU")
        params[key.strip()] = value
    return params


def resolve_query(spec: str) -> tuple[str, NamedQuery | None]:
    """The SPARQL text for a named query, a ``.rq`` file, or inline SPARQL."""
    named = load_named_queries()
    if spec in named:
        return named[spec].sparql, named[spec]
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) and len(spec) < 4096:
        try:
            return path.read_text(encoding="utf-8"), None
        except OSError as error:
            raise UsageError(f"{spec}: cannot read the query file ({error.strerror or error})") from error
    if not re.search(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.IGNORECASE):
        raise QueryError(f"{spec!r} is neither a named query, a .rq file nor SPARQL")
    return spec, None


def _term(value: str) -> Value:
    if value.startswith("<") and value.endswith(">") and " " not in value:
        return Value("iri", value[1:-1])
    return Value("literal", value)


def prepare_query(
    spec: str, params: Mapping[str, str] | None = None, *, variants: bool = False
) -> tuple[str, dict[str, Value]]:
    """The SPARQL text of a named query, ``.rq`` file or SPARQL text, and its checked bindings.

    Updates are refused, a named query's parameters are checked against its header, and
    each value becomes an RDF term (``<...>`` an IRI, anything else a string literal). With
    ``variants``, a named query's faster form for a bound parameter is used (same rows).
    """
    sparql, named = resolve_query(spec)
    if len(sparql) > _MAX_QUERY:
        raise QueryError(f"the query is {len(sparql):,} characters long, over the limit of {_MAX_QUERY:,}")
    if _UPDATE.match(re.sub(r"(?m)^\s*#.*$", "", sparql)):
        raise QueryError(
            "updates are not allowed here", hint="wsisgraph query only reads; use ingest to change the store"
        )
    params = dict(params or {})
    if named is not None:
        known = {parameter.name for parameter in named.parameters}
        unknown = set(params) - known
        if unknown:
            takes = ", ".join(sorted(known)) or "none"
            raise QueryError(f"{named.name} has no parameter {', '.join(sorted(unknown))}; it takes: {takes}")
        missing = [p.name for p in named.parameters if p.required and p.name not in params]
        if missing:
            raise QueryError(f"{named.name} needs --param {missing[0]}=...")
        for bound, faster in named.variants if variants else ():
            if bound in params:
                sparql = faster  # the same rows, found from the bound parameter first
                break
    return sparql, {name: _term(value) for name, value in params.items()}


def run_query(
    store: GraphStore, spec: str, params: Mapping[str, str] | None = None, *, timeout: float | None = None
) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text, binding ``params`` as RDF terms."""
    sparql, bindings = prepare_query(spec, params, variants=getattr(store, "runs_variants", False))
    return store.query(sparql, bindings=bindings, timeout=timeout)
