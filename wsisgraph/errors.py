"""One exception tree for everything wsisgraph reports to its users.

Every message names what failed, where (a file, an offset, a query name) and what to do.
The CLI maps :class:`UsageError` and :class:`ReadError`/:class:`StoreError` to exit code 2
and :class:`ValidationFailed` to exit code 1.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DocumentError",
    "QueryError",
    "ReadError",
    "StoreError",
    "StoreLockedError",
    "StoreRefused",
    "StoreUnavailable",
    "UsageError",
    "ValidationFailed",
    "WsisgraphError",
]


class WsisgraphError(Exception):
    """The root of every error wsisgraph raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint or type(self).hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class UsageError(WsisgraphError):
    """The command or function was called with arguments that cannot work."""


class DocumentError(WsisgraphError):
    """A document could not be turned into facts."""

    def __init__(self, path: Path | str, problem: str, *, hint: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}", hint=hint)


class ReadError(DocumentError):
    """A file could not be read as a document (empty, binary, corrupt, too large...)."""

    hint = "check the file opens in its own application, or leave it out of the ingest"


class StoreError(WsisgraphError):
    """The triple store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""

    hint = "wait for the other wsisgraph process to finish, or use --store to pick another store"


class StoreUnavailable(StoreError):
    """A remote store could not be reached, or kept failing, after retries."""

    hint = "check the server is running and reachable, then run the same command again"


class StoreRefused(StoreError):
    """A remote store refused the credentials (401 or 403)."""


class QueryError(WsisgraphError):
    """A SPARQL query is malformed, unknown, or was given bad parameters."""

    hint = "run `wsisgraph query --list` for the named queries and their parameters"


class ValidationFailed(WsisgraphError):
    """The graph does not conform to the SHACL shapes."""
