"""The only package that talks to a triple store: embedded Oxigraph, or any SPARQL 1.1 endpoint.

``open_store(location)`` takes what ``--store`` and ``$WSISGRAPH_STORE`` say: a folder (the
embedded store), an ``http(s)://`` URL (a ``wsisgraph serve`` or Oxigraph server), or a
``.toml`` file naming the query, update and graph-store URLs of another engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from wsisgraph.errors import StoreUnavailable, WsisgraphError
from wsisgraph.store.base import MERGE_GRAPH, ExportFormat, GraphStore, QueryResult, Value, bind_terms, values
from wsisgraph.store.embedded import GRAPH_FORMATS, MEDIA_TYPES, RESULTS_FORMATS, ResultTooLarge, Store
from wsisgraph.store.remote import RemoteConfig, RemoteStore

__all__ = [
    "DEFAULT_STORE",
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "MERGE_GRAPH",
    "RESULTS_FORMATS",
    "ExportFormat",
    "GraphStore",
    "QueryResult",
    "RemoteConfig",
    "RemoteStore",
    "ResultTooLarge",
    "Store",
    "Value",
    "bind_terms",
    "copy_graphs",
    "default_store_location",
    "default_store_path",
    "is_remote",
    "open_store",
    "values",
]

_XDG = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
DEFAULT_STORE = Path(_XDG) / "wsisgraph" / "store"


def default_store_location() -> str:
    """The store used when none is given: ``$WSISGRAPH_STORE``, else the user's data folder."""
    return os.environ.get("WSISGRAPH_STORE") or str(DEFAULT_STORE)


def default_store_path() -> Path:
    """The default store as a folder (``$WSISGRAPH_STORE`` if it names one)."""
    location = default_store_location()
    return DEFAULT_STORE if is_remote(location) else Path(location).expanduser()


def is_remote(location: str | Path) -> bool:
    """Whether ``location`` names a remote store (a URL or a ``.toml`` file) rather than a folder."""
    text = str(location)
    return text.startswith(("http://", "https://")) or text.endswith(".toml")


def open_store(location: str | Path | None = None, *, wait: float = 0.0) -> GraphStore:
    """Open the store at ``location`` (default: :func:`default_store_location`)."""
    text = str(location) if location is not None else default_store_location()
    if text.startswith(("http://", "https://")):
        return RemoteStore(RemoteConfig.from_url(text))
    if text.endswith(".toml"):
        return RemoteStore(RemoteConfig.from_file(Path(text).expanduser()))
    return Store(Path(text).expanduser(), wait=wait)


def copy_graphs(source: GraphStore, target: GraphStore) -> Iterator[tuple[str, int, str]]:
    """Copy every named graph of ``source`` into ``target``, each replaced in one transaction.

    Yields ``(graph, triples, error)`` per graph; a graph that fails does not stop the
    others, but a store that cannot be reached at all does (:class:`StoreUnavailable`).
    """
    for graph in source.graphs():
        try:
            yield graph, target.load_graph(graph, source.ntriples(graph)), ""
        except StoreUnavailable:
            raise
        except WsisgraphError as error:
            yield graph, 0, str(error)
