"""The one place that finds files shipped with wsisgraph (ontology, reference data, queries)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["corpus_dir", "ontology_file", "query_files", "reference_file", "shipped"]


def shipped(*parts: str) -> Traversable:
    """The shipped resource at ``parts`` below the package (``"ontology", "wsis.ttl"``)."""
    node = resources.files("wsisgraph")
    for part in parts:
        node = node.joinpath(part)
    return node


def reference_file(name: str) -> Traversable:
    """A reference table in ``data/reference``."""
    return shipped("data", "reference", name)


def ontology_file(name: str) -> Traversable:
    """A Turtle file in ``ontology`` (``wsis.ttl`` or ``shapes.ttl``)."""
    return shipped("ontology", name)


def corpus_dir() -> Traversable:
    """The folder of the shipped corpus."""
    return shipped("data", "corpus")


def query_files() -> list[Traversable]:
    """The named SPARQL queries, sorted by name."""
    folder = shipped("queries")
    return sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".rq")),
        key=lambda entry: entry.name,
    )
