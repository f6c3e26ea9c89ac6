"""Bad input files: a clear ReadError naming the file, and an ingest that leaves the store alone."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from typer.testing import CliRunner

from wsisgraph.errors import ReadError
from wsisgraph.facts import write_facts
from wsisgraph.ingest import DocumentOutcome, collect_files, ingest_files, iter_ingest
from wsisgraph.read import ReadLimits, decode_text, read_document
from wsisgraph.store import ExportFormat, Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
ECLAC_DOCX = CORPUS / "cstd2021-eclac-docx.docx"
WMO_PDF = CORPUS / "cstd2023-wmo-pdf.pdf"
RDFLIB_DEPRECATIONS = r"ignore:(Dataset|ConjunctiveGraph)\S* is deprecated:DeprecationWarning"

GOOD = "# Report of the Example Agency\n\nITU is a member of UNGIS.\n"
OTHER_GOOD = "# Another report\n\nUNESCO is a member of the UN E-waste Coalition.\n"


# --- bad files ------------------------------------------------------------------------


def _garbage() -> bytes:
    """Random bytes without NUL, so the binary check does not catch them first."""
    noise = random.Random(20240501)
    return bytes(noise.randrange(1, 256) for _ in range(4096))


def _half(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2]


def _zip_bomb() -> bytes:
    """A DOCX-looking zip whose document unpacks to about 2.3 MiB from a few KiB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"<w:p/>" * 400_000 + b"</w:document>")
    return buffer.getvalue()


@dataclass(frozen=True)
class BadFile:
    name: str
    content: Callable[[], bytes]
    problem: str
    limits: ReadLimits | None = None


BAD_FILES = [
    BadFile("empty.md", lambda: b"", "the file is empty"),
    BadFile("blank.md", lambda: b"  \n\t \r\n   \n", "the file is empty"),
    BadFile("blank.txt", lambda: b"\n\n\n", "the file is empty"),
    BadFile("binary.md", lambda: b"\x00\x01\x02\x03\x04 binary \xff\xfe\x00", "binary data in a text file"),
    BadFile("garbage.md", _garbage, "no text encoding could be detected|the text is mostly unprintable"),
    BadFile("truncated.docx", lambda: _half(ECLAC_DOCX), "corrupt or truncated DOCX"),
    BadFile("truncated.pdf", lambda: _half(WMO_PDF), "corrupt or truncated PDF"),
    BadFile("pdf-in-disguise.docx", WMO_PDF.read_bytes, "not a DOCX file"),
    BadFile("bomb.docx", _zip_bomb, "looks like a zip bomb", ReadLimits(max_unzipped_bytes=1_000_000)),
    BadFile("large.md", lambda: (GOOD * 100).encode(), "over the", ReadLimits(max_bytes=1_000)),
    BadFile("notes.rtf", lambda: rb"{\rtf1 ITU is a member of UNGIS.}", "unsupported file type .rtf"),
    BadFile("no-suffix", lambda: GOOD.encode(), "unsupported file type (none)"),
]


def _problem_matches(message: str, problem: str) -> bool:
    return any(option in message for option in problem.split("|"))


def _ingest(store: Store, files: list[Path], limits: ReadLimits | None = None) -> dict[str, DocumentOutcome]:
    return {Path(outcome.path).name: outcome for outcome in iter_ingest(store, files, limits=limits)}


@pytest.mark.parametrize("bad", BAD_FILES, ids=[bad.name for bad in BAD_FILES])
def test_read_document_names_the_file_and_the_problem(tmp_path: Path, bad: BadFile) -> None:
    path = tmp_path / bad.name
    path.write_bytes(bad.content())
    with pytest.raises(ReadError) as caught:
        read_document(path, limits=bad.limits)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert caught.value.path == str(path)
    assert _problem_matches(message, bad.problem), message
    assert "\n" not in message


@pytest.mark.parametrize("bad", BAD_FILES, ids=[bad.name for bad in BAD_FILES])
def test_ingest_of_a_bad_file_leaves_the_store_alone(tmp_path: Path, store_path: Path, bad: BadFile) -> None:
    good, other, path = tmp_path / "good.md", tmp_path / "other.md", tmp_path / bad.name
    good.write_text(GOOD, encoding="utf-8")
    other.write_text(OTHER_GOOD, encoding="utf-8")
    path.write_bytes(bad.content())
    with Store(store_path) as store:
        first = _ingest(store, [good], bad.limits)
        assert first["good.md"].status == "added"
        before = store.ntriples("https://w3id.org/wsisgraph/doc/good")
        outcomes = _ingest(store, [path, other, good], bad.limits)
        assert outcomes[bad.name].status == "failed"
        assert outcomes[bad.name].error.startswith(f"{path}: ")
        assert _problem_matches(outcomes[bad.name].error, bad.problem)
        assert outcomes["other.md"].status == "added"
        assert outcomes["good.md"].status == "unchanged"
        assert store.ntriples("https://w3id.org/wsisgraph/doc/good") == before
        assert store.document_graphs() == [
            "https://w3id.org/wsisgraph/doc/good",
            "https://w3id.org/wsisgraph/doc/other",
        ]


def test_a_directory_passed_as_a_file(tmp_path: Path, store_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(ReadError, match=r"folder\.md: is a directory, not a file"):
        read_document(folder)
    with Store(store_path) as store:
        outcomes = _ingest(store, [folder])
        assert outcomes["folder.md"].status == "failed"
        assert "is a directory" in outcomes["folder.md"].error
        assert store.document_graphs() == []


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    with pytest.raises(ReadError, match=r"gone\.md: cannot be read"):
        read_document(path)
    files, warnings = collect_files([path])
    assert files == []
    assert warnings == [f"{path}: no such file or folder"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file(tmp_path: Path, store_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ReadError, match=r"secret\.md: permission denied"):
            read_document(path)
        with Store(store_path) as store:
            assert _ingest(store, [path])["secret.md"].status == "failed"
            assert store.document_graphs() == []
    finally:
        path.chmod(0o600)


# --- encodings ------------------------------------------------------------------------


def test_latin1_text_is_read_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes("Genève, Côte d'Ivoire".encode("latin-1"))
    document = read_document(path)
    assert "Côte d'Ivoire" in document.text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_text_decodes_correctly(tmp_path: Path, encoding: str) -> None:
    text = "Genève, Côte d'Ivoire"
    path = tmp_path / "latin.md"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == text


def test_utf16_with_a_byte_order_mark_is_text() -> None:
    text = "Genève, Côte d'Ivoire"
    assert decode_text(b"\xff\xfe" + text.encode("utf-16-le"), "utf16.md") == text


def test_utf8_with_a_byte_order_mark_drops_the_mark() -> None:
    assert decode_text(b"\xef\xbb\xbf" + "Genève".encode(), "bom.md") == "Genève"


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_refused(seed: int) -> None:
    noise = random.Random(seed)
    data = bytes(noise.randrange(1, 256) for _ in range(2048))
    with pytest.raises(ReadError, match=r"^noise\.md: "):
        decode_text(data, "noise.md")


# --- folders --------------------------------------------------------------------------


def test_symlink_loops_are_not_followed(tmp_path: Path, store_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(OTHER_GOOD, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    (folder / "self.md").symlink_to(folder / "self.md")
    (folder / "x.md").symlink_to(folder / "y.md")
    (folder / "y.md").symlink_to(folder / "x.md")
    (folder / ".hidden.md").write_text(GOOD, encoding="utf-8")

    files, warnings = collect_files([folder], max_files=100)
    assert warnings == []
    assert not any("loop" in path.parts or "up" in path.parts for path in files)
    real = [path for path in files if not path.is_symlink()]
    assert real == [folder / "a.md", folder / "sub" / "b.md"]

    with Store(store_path) as store:
        report = ingest_files(store, [folder])
        assert report.count("added") == 2
        for outcome in report.failed:  # a looping file link is refused by name, never followed
            assert Path(outcome.path).is_symlink()
            assert outcome.error.startswith(f"{outcome.path}: ")
        assert len(store.document_graphs()) == 2


def test_unsupported_files_in_a_folder_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.rtf").write_text("x", encoding="utf-8")
    (tmp_path / "C.MD").write_text(GOOD, encoding="utf-8")
    files, warnings = collect_files([tmp_path])
    assert files == [tmp_path / "C.MD", tmp_path / "a.md"]
    assert warnings == []


# --- hostile text ---------------------------------------------------------------------

QUOTED = (
    'The "Quote" Alliance (TQA) and the O\'Neil \\ Foundation signed a memorandum of understanding with ITU in 2020.'
)
NAMED = 'The "Quote" Alliance (TQA) and the O\'Neil Foundation signed a memorandum of understanding with ITU in 2020.'
INJECTION = 'A literal "> } ; DROP ALL # is only text, and so is a lone \\ backslash.'
HOSTILE_DOCUMENT = f"""# Report of the Example Agency

<script>alert(1)</script>

{QUOTED}

{INJECTION}
"""


@pytest.fixture
def hostile_store(tmp_path: Path, store_path: Path) -> Path:
    """A store with two hostile documents: hostile.md and named.md (the name without the backslash)."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "hostile.md").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    (folder / "named.md").write_text(f"# Another report\n\n{NAMED}\n", encoding="utf-8")
    with Store(store_path) as store:
        report = ingest_files(store, [folder])
        assert [outcome.status for outcome in report.outcomes] == ["added", "added"]
    return store_path


def _facts(store_path: Path) -> list[dict[str, object]]:
    stream = io.StringIO()
    with Store(store_path) as store:
        count = write_facts(store, stream)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(records) == count
    assert all(isinstance(record, dict) for record in records)
    return records


def _parties(records: list[dict[str, object]], document: str) -> list[list[str]]:
    return [
        list(record["parties"])  # type: ignore[call-overload]
        for record in records
        if record["type"] == "cooperation" and record["document"] == document
    ]


def test_hostile_text_ingests_and_its_facts_are_json(hostile_store: Path) -> None:
    records = _facts(hostile_store)
    assert {record["document"] for record in records} == {"hostile", "named"}
    parties = _parties(records, "named")
    assert any({"O'Neil Foundation", "TQA", "ITU"} <= set(names) for names in parties), parties


def test_a_name_broken_by_a_backslash_keeps_its_words(hostile_store: Path) -> None:
    parties = _parties(_facts(hostile_store), "hostile")
    assert parties
    assert all("Foundation" not in names for names in parties), parties
    assert any(any("O'Neil" in name for name in names) and "TQA" in names for names in parties), parties


def test_hostile_text_survives_exactly_in_the_store(hostile_store: Path) -> None:
    with Store(hostile_store) as store:
        texts = {
            row[0].value: row[1].value
            for row in store.query(
                "SELECT ?id ?text WHERE { GRAPH ?g { ?g dcterms:identifier ?id ; wsis:text ?text } }"
            ).rows
            if row[0] is not None and row[1] is not None
        }
        quotes = {row[0].value for row in store.query("SELECT ?q WHERE { GRAPH ?g { ?s oa:exact ?q } }").rows if row[0]}
    assert QUOTED in texts["hostile"]
    assert INJECTION in texts["hostile"]
    assert "<script>" not in texts["hostile"]  # markup is not text
    assert NAMED in texts["named"]
    assert QUOTED in quotes
    assert NAMED in quotes


@pytest.mark.filterwarnings(RDFLIB_DEPRECATIONS)
def test_hostile_text_exports_as_parseable_rdf(hostile_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "hostile.trig"
    with Store(hostile_store) as store, output.open("wb") as stream:
        store.export(stream, ExportFormat.TRIG)
        expected = store.quad_count()
    dataset = Dataset()
    with output.open("rb") as stream:
        dataset.parse(stream, format="trig")
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == expected
    literals = {str(obj) for _, _, obj, _ in quads if isinstance(obj, Literal)}
    assert QUOTED in literals
    assert NAMED in literals
    assert any(INJECTION in literal for literal in literals)


def test_hostile_text_through_the_cli(hostile_store: Path) -> None:
    from wsisgraph.cli import app

    runner = CliRunner()
    facts = runner.invoke(app, ["facts", "--store", str(hostile_store)])
    assert facts.exit_code == 0, facts.output
    assert all(isinstance(json.loads(line), dict) for line in facts.stdout.splitlines())
    quotes = runner.invoke(app, ["query", "evidence", "-p", "text=O'Neil", "-f", "json", "--store", str(hostile_store)])
    assert quotes.exit_code == 0, quotes.output
    rows = json.loads(quotes.stdout)
    assert {QUOTED, NAMED} <= {row["quote"] for row in rows}
    text = runner.invoke(
        app,
        [
            "query",
            "SELECT ?text WHERE { GRAPH ?g { ?g dcterms:identifier 'hostile' ; wsis:text ?text } }",
            "-f",
            "csv",
            "--store",
            str(hostile_store),
        ],
    )
    assert text.exit_code == 0, text.output
    assert list(csv.reader(io.StringIO(text.stdout)))[1][0].endswith(INJECTION)


# --- a failed update keeps the old graph ----------------------------------------------


def test_a_failed_update_keeps_the_previous_graph(tmp_path: Path, store_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(GOOD, encoding="utf-8")
    with Store(store_path) as store:
        assert _ingest(store, [path])["x.md"].status == "added"
        before = store.ntriples("https://w3id.org/wsisgraph/doc/x")
        facts_before = io.StringIO()
        write_facts(store, facts_before, document="x")
        assert '"member": "ITU", "group": "UNGIS"' in facts_before.getvalue()

        path.write_bytes(b"\x00\x01\x02 junk \xff" * 50)
        outcome = _ingest(store, [path])["x.md"]
        assert outcome.status == "failed"
        assert "binary data" in outcome.error
        assert store.ntriples("https://w3id.org/wsisgraph/doc/x") == before
        facts_after = io.StringIO()
        write_facts(store, facts_after, document="x")
        assert facts_after.getvalue() == facts_before.getvalue()

        path.write_text(OTHER_GOOD, encoding="utf-8")
        assert _ingest(store, [path])["x.md"].status == "updated"
        assert store.ntriples("https://w3id.org/wsisgraph/doc/x") != before


def test_two_files_with_the_same_document_id(tmp_path: Path, store_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "same.md", tmp_path / "b" / "same.txt"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(OTHER_GOOD, encoding="utf-8")
    with Store(store_path) as store:
        outcomes = list(iter_ingest(store, [first, second]))
        assert [outcome.status for outcome in outcomes] == ["added", "failed"]
        assert "already used by" in outcomes[1].error
        assert outcomes[1].error.startswith(f"{second}: ")
