"""Library bugs found by the benchmarks and the readers' fuzz run, kept as failing cases.

Each test states the behaviour the library should have; it is marked xfail(strict=True)
until the owning module is fixed, so a fix makes it pass loudly and the mark must go.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from wsisgraph.errors import ReadError
from wsisgraph.read import read_bytes
from wsisgraph.store import Store

DOCX = Path(__file__).resolve().parents[1] / "data" / "corpus" / "cstd2021-eclac-docx.docx"


def _rezipped(change: Callable[[str, bytes], bytes]) -> bytes:
    """The shipped DOCX with each part passed through ``change`` and zipped again."""
    output = io.BytesIO()
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return output.getvalue()


def test_a_read_only_store_closes_cleanly(tmp_path: Path) -> None:
    Store(tmp_path / "store").close()
    with Store(tmp_path / "store", read_only=True) as store:
        assert store.graphs() == []


def test_a_docx_whose_styles_part_has_the_wrong_type_is_a_read_error() -> None:
    """[Content_Types].xml without a type for word/styles.xml: python-docx loads a plain part
    with no styles (found by benchmarks/fuzz_readers.py)."""

    def untyped_styles(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return re.sub(rb'<Override PartName="/word/styles.xml"[^>]*/>', b"", data)
        return data

    data = _rezipped(untyped_styles)
    assert data != DOCX.read_bytes()
    with pytest.raises(ReadError):
        read_bytes(data, source="styles.docx", fmt="docx", doc_id="styles")


def test_a_docx_needing_an_unknown_zip_version_is_a_read_error() -> None:
    """zipfile raises NotImplementedError for an entry needing zip version 8.6 (found by
    benchmarks/fuzz_readers.py)."""
    data = bytearray(DOCX.read_bytes())
    entry = data.find(b"PK\x01\x02")  # the first central-directory entry
    data[entry + 6 : entry + 8] = (86).to_bytes(2, "little")  # "version needed to extract": 8.6
    with pytest.raises(ReadError):
        read_bytes(bytes(data), source="version.docx", fmt="docx", doc_id="version")


def test_one_bad_docx_does_not_stop_the_ingest(tmp_path: Path) -> None:
    from wsisgraph.ingest import ingest_files

    data = bytearray(DOCX.read_bytes())
    entry = data.find(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (86).to_bytes(2, "little")
    (tmp_path / "a-bad.docx").write_bytes(bytes(data))
    (tmp_path / "b-good.md").write_text("# A submission\n\nITU is a member of UNGIS.\n", encoding="utf-8")
    with Store(None) as store:
        report = ingest_files(store, [tmp_path])
    assert [outcome.status for outcome in report.outcomes] == ["failed", "added"]
