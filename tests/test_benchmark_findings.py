"""Library bugs found while writing the benchmarks and property tests, kept as failing cases.

Each test states the behaviour the library should have; it is marked xfail(strict=True)
until the owning module is fixed, so a fix makes it pass loudly and the mark must go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wsisgraph.store import Store


@pytest.mark.xfail(
    strict=True,
    raises=RuntimeError,
    reason=(
        "wsisgraph/store/embedded.py Store.close() calls pyoxigraph Store.flush() on a store opened "
        "with read_only=True; pyoxigraph raises RuntimeError('Flush is only possible on read-write "
        "instances'), which close() does not catch (it catches OSError), so `with Store(p, read_only=True)` "
        "always ends in a RuntimeError"
    ),
)
def test_a_read_only_store_closes_cleanly(tmp_path: Path) -> None:
    Store(tmp_path / "store").close()
    with Store(tmp_path / "store", read_only=True) as store:
        assert store.graphs() == []
