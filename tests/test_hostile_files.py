"""Hostile files and folders: each bounded in time and memory, reported, the rest ingested.

The sizes are scaled down for CI where they cost time to make (a 200 MB file is sparse, so
free; the folder holds 20,000 files, not 100,000); ``benchmarks/fuzz_readers.py`` runs the
readers on mutated files for as long as one likes.
"""

from __future__ import annotations

import io
import os
import resource
import time
import zipfile
from pathlib import Path

import pytest

from wsisgraph.ingest import collect_files, ingest_files
from wsisgraph.store import Store

GOOD = "# Report of the Example Agency\n\nITU and UNESCO are members of the Broadband Commission.\n"


def _ingest(folder: Path, tmp_path: Path) -> dict[str, tuple[str, str]]:
    with Store(tmp_path / "store") as store:
        report = ingest_files(store, [folder])
    return {Path(o.path).name: (o.status, o.error) for o in report.outcomes}


SENTENCES = [
    f"{member} is a member of {group}."
    for member in ("ITU", "UNESCO", "UNCTAD", "UNDP", "WIPO")
    for group in ("UNGIS", "the Broadband Commission", "EQUALS", "the UN E-waste Coalition")
]


def _pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` pages, each with one sentence (no line repeats on every page)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(pages))
        + b"] /Count "
        + str(pages).encode()
        + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index in range(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({SENTENCES[index % len(SENTENCES)]}) Tj ET".encode()
        contents = 5 + 2 * index
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {contents} 0 R ".encode()
            + b"/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_a_200_mb_file_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(200 * 1024 * 1024)  # sparse: 200 MB to stat(), nothing on disk
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    outcomes = _ingest(folder, tmp_path)
    assert time.monotonic() - started < 30
    assert outcomes["good.md"][0] == "added"
    status, error = outcomes["huge.txt"]
    assert status == "failed" and "over the" in error and "limit" in error and "huge.txt" in error


def test_a_pdf_of_5000_pages_is_read_to_its_page_limit(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "long.pdf").write_bytes(_pdf(5000))
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Store(tmp_path / "store") as store:
        report = ingest_files(store, [folder])
    assert time.monotonic() - started < 120
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 1_000_000  # KB: under 1 GB more
    outcomes = {Path(o.path).name: o for o in report.outcomes}
    assert outcomes["good.md"].status == "added"
    assert outcomes["long.pdf"].status == "added"
    assert any("first 1000 of 5000 pages" in warning for warning in outcomes["long.pdf"].warnings)


def test_a_folder_of_20000_files_is_walked_quickly(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for shard in range(20):
        sub = folder / f"s{shard:02d}"
        sub.mkdir(parents=True)
        for number in range(1000):
            (sub / f"f{number:04d}.log").touch()
    (folder / "s00" / "report.md").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    files, warnings = collect_files([folder])
    assert time.monotonic() - started < 10
    assert [path.name for path in files] == ["report.md"] and warnings == []
    capped, warned = collect_files([folder], max_files=1)
    assert len(capped) == 1 and "stopped after 1 files" in warned[0]


def test_a_zip_bomb_named_docx_is_refused_and_the_rest_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"<w:p/>" * 40_000_000 + b"</w:document>")
    (folder / "bomb.docx").write_bytes(buffer.getvalue())  # about 280 MB unpacked from a few hundred KB
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    outcomes = _ingest(folder, tmp_path)
    assert time.monotonic() - started < 30
    assert outcomes["good.md"][0] == "added"
    assert outcomes["bomb.docx"][0] == "failed" and "zip bomb" in outcomes["bomb.docx"][1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    os.mkfifo(folder / "pipe.md")
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    outcomes = _ingest(folder, tmp_path)
    assert time.monotonic() - started < 30
    assert outcomes["good.md"][0] == "added"
    assert outcomes["pipe.md"][0] == "failed" and "not a regular file" in outcomes["pipe.md"][1]
    files, warnings = collect_files([folder / "pipe.md"])
    assert files == [] and "not a file or folder" in warnings[0]
