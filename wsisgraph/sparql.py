"""SPARQL text helpers that do not depend on a store library.

Query parameters are bound with an inline ``VALUES`` block placed first in the query's
outermost group pattern. That is plain SPARQL 1.1, so the same bound query runs on the
embedded store and on any remote endpoint, and unlike a library's variable substitution it
keeps ``BOUND(?param)`` true for a given parameter, so the idiom
``FILTER(!BOUND(?param) || ...)`` makes a parameter optional everywhere.

The values are RDF terms already written in N-Triples syntax by the store layer, which
checks and escapes them; this module only finds where they go.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from wsisgraph.errors import QueryError

__all__ = ["bind_values", "where_brace"]

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _skip_string(sparql: str, start: int) -> int:
    """The index just after the string literal that opens at ``start``."""
    quote = sparql[start]
    long_quote = sparql.startswith(quote * 3, start)
    delimiter = quote * 3 if long_quote else quote
    i = start + len(delimiter)
    while i < len(sparql):
        if sparql[i] == "\\":
            i += 2
            continue
        if sparql.startswith(delimiter, i):
            return i + len(delimiter)
        if not long_quote and sparql[i] in "\r\n":
            break
        i += 1
    raise QueryError("the SPARQL query has a string that is never closed")


def where_brace(sparql: str) -> int:
    """The index of the ``{`` that opens the query's outermost group pattern.

    Comments, strings and IRIs are skipped, so a brace inside them is not taken.

    >>> where_brace('PREFIX ex: <http://e/> SELECT ?s # {\\nWHERE { ?s ?p "{" }')
    43
    """
    i = 0
    while i < len(sparql):
        char = sparql[i]
        if char == "#":
            newline = sparql.find("\n", i)
            i = len(sparql) if newline < 0 else newline + 1
            continue
        if char in "\"'":
            i = _skip_string(sparql, i)
            continue
        if char == "<":
            match = _IRI.match(sparql, i)
            if match:
                i = match.end()
                continue
        if char == "{":
            return i
        i += 1
    raise QueryError("the query has no { ... } pattern to bind parameters in")


def bind_values(sparql: str, values: Mapping[str, str]) -> str:
    """``sparql`` with ``VALUES`` binding each variable to one N-Triples term.

    >>> bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": '"a"'})
    'SELECT ?x WHERE { VALUES (?o) { ("a") } ?x ?p ?o }'
    """
    if not values:
        return sparql
    brace = where_brace(sparql)
    for name in values:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
        if not re.search(rf"[?$]{name}\b", sparql[brace:]):
            raise QueryError(f"the query never uses ?{name}, so it cannot be bound", hint="check the parameter name")
    names = " ".join(f"?{name}" for name in values)
    terms = " ".join(values.values())
    block = f" VALUES ({names}) {{ ({terms}) }}"
    return sparql[: brace + 1] + block + sparql[brace + 1 :]
