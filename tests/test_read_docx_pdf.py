"""Tests for the DOCX and PDF readers: equivalence with the Markdown originals and bad input."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from wsisgraph.errors import ReadError
from wsisgraph.model import BlockKind, Document
from wsisgraph.read import ReadLimits, read_bytes, read_document

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
ECLAC_MD = CORPUS / "cstd2021-eclac.md"
ECLAC_DOCX = CORPUS / "cstd2021-eclac-docx.docx"
WMO_MD = CORPUS / "cstd2023-wmo.md"
WMO_PDF = CORPUS / "cstd2023-wmo-pdf.pdf"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})

# --- helpers --------------------------------------------------------------------------


def _normal(text: str) -> str:
    """Normalise whitespace and curly quotes, the only differences the readers may show."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def _outline(document: Document) -> list[tuple[BlockKind, str]]:
    """List each block's kind and normalised text."""
    return [(block.kind, _normal(document.quote(block.span))) for block in document.blocks]


def _differences(expected: Document, actual: Document) -> list[str]:
    """Describe the blocks that differ in kind or text (heading levels may differ)."""
    left, right = _outline(expected), _outline(actual)
    lines = [f"block {index}: {a!r} != {b!r}" for index, (a, b) in enumerate(zip(left, right, strict=False)) if a != b]
    if len(left) != len(right):
        lines.append(f"{len(left)} blocks expected, {len(right)} read")
    return lines


def _pdf_string(text: str) -> bytes:
    """Encode text as a PDF literal string in WinAnsi (cp1252)."""
    raw = text.encode("cp1252")
    out = bytearray(b"(")
    for byte in raw:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += f"\\{byte:03o}".encode()
        else:
            out.append(byte)
    return bytes(out + b")")


# A standard security handler whose user password is not empty.
_ENCRYPT = b"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P -4 >> /ID [<%s> <%s>] " % (
    b"ab" * 32,
    b"cd" * 32,
    b"01" * 16,
    b"01" * 16,
)
_NOISE = random.Random(0).randbytes(4096)

Line = tuple[float, float, float, bool, str]  # x, baseline y, font size, bold, text


def make_pdf(pages: list[list[Line]], *, extra_trailer: bytes = b"") -> bytes:
    """Write a minimal PDF (A4 pages, standard Helvetica fonts) with the given text lines."""
    count = len(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(count))),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for number, lines in enumerate(pages):
        stream = b"".join(
            b"BT /%s %g Tf %g %g Td %s Tj ET\n" % (b"F2" if bold else b"F1", size, x, y, _pdf_string(text))
            for x, y, size, bold, text in lines
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * number)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        extra_trailer,
        xref,
    )
    return bytes(out)


def _paragraph(lines: list[str], *, x: float = 72, top: float = 700, size: float = 10) -> list[Line]:
    """Lay out lines of body text 12 points apart."""
    return [(x, top - 12 * i, size, False, text) for i, text in enumerate(lines)]


def _read_pdf(data: bytes, limits: ReadLimits | None = None) -> Document:
    """Read PDF bytes as the pipeline does."""
    return read_bytes(data, source="test.pdf", fmt="pdf", doc_id="test", limits=limits)


def _read_docx(data: bytes, limits: ReadLimits | None = None) -> Document:
    """Read DOCX bytes as the pipeline does."""
    return read_bytes(data, source="test.docx", fmt="docx", doc_id="test", limits=limits)


# --- equivalence with the Markdown originals ------------------------------------------


@pytest.mark.parametrize(("original", "rendering"), [(ECLAC_MD, ECLAC_DOCX), (WMO_MD, WMO_PDF)])
def test_rendering_reads_like_the_markdown_original(original: Path, rendering: Path) -> None:
    expected = read_document(original)
    actual = read_document(rendering)
    assert _differences(expected, actual) == []
    assert actual.warnings == ()


def test_docx_table_rows_match_markdown() -> None:
    expected = read_document(ECLAC_MD)
    actual = read_document(ECLAC_DOCX)
    rows = [
        (b.header, b.table, [expected.quote(c) for c in b.cells])
        for b in expected.blocks
        if b.kind is BlockKind.TABLE_ROW
    ]
    read = [
        (b.header, b.table, [actual.quote(c) for c in b.cells]) for b in actual.blocks if b.kind is BlockKind.TABLE_ROW
    ]
    assert read == rows


def test_pdf_heading_levels_follow_font_sizes() -> None:
    document = read_document(WMO_PDF)
    levels = {document.quote(b.span): b.level for b in document.blocks if b.kind is BlockKind.HEADING}
    assert levels["Submission by"] == 1
    assert levels["1. Introduction"] == 2


def test_pdf_page_limit_warns() -> None:
    document = read_document(WMO_PDF, limits=ReadLimits(max_pages=1))
    assert document.warnings == ("read the first 1 of 3 pages",)
    assert "Radio spectrum" not in document.text


# --- PDF layout rules -----------------------------------------------------------------


def test_pdf_undoes_hyphenation_but_keeps_real_hyphens() -> None:
    lines = [
        "The pilot project collected weather informa-",
        "tion from every station and tested new e-",
        "environment services with the multi-",
        "stakeholder groups of the whole inter-",
        "national network. The international team",
        "also reported on the spread of COVID-",
        "19 and on a dedicated Pan-",
        "African early warning centre in the region.",
    ]
    document = _read_pdf(make_pdf([_paragraph(lines)]))
    assert [b.kind for b in document.blocks] == [BlockKind.PARAGRAPH]
    text = document.text
    for word in ("information", "e-environment", "multi-stakeholder", "international network"):
        assert word in text
    assert "COVID-19" in text
    assert "Pan-African" in text
    assert "informa-" not in text and "inter-national" not in text


def test_pdf_drops_running_headers_footers_and_page_numbers() -> None:
    bodies: list[list[Line]] = [
        [
            (72, 700, 14, True, "1. Mandate"),
            *_paragraph(
                [
                    "The Commission considered the report of the Secretary-General on",
                    "the progress made in the implementation of the outcomes of the",
                ],
                top=670,
            ),
        ],
        [
            *_paragraph(
                [
                    "World Summit on the Information Society at the regional and",
                    "international levels and adopted a resolution on the matter.",
                ],
                top=760,
            ),
            (72, 700, 14, True, "2. Meetings"),
            *_paragraph(["The Forum met in Geneva in May."], top=670),
        ],
        [
            (72, 760, 14, True, "3. Outlook"),
            *_paragraph(["The next session will take place in 2024."], top=730),
        ],
    ]
    pages = [
        [
            (72.0, 800.0, 8.0, False, "WSIS progress report 2023 - draft for review"),
            *body,
            (270.0, 40.0, 8.0, False, f"Page {number} of 3"),
        ]
        for number, body in enumerate(bodies, start=1)
    ]
    document = _read_pdf(make_pdf(pages))
    assert [(b.kind, document.quote(b.span)) for b in document.blocks] == [
        (BlockKind.HEADING, "1. Mandate"),
        (
            BlockKind.PARAGRAPH,
            "The Commission considered the report of the Secretary-General on the progress "
            "made in the implementation of the outcomes of the World Summit on the "
            "Information Society at the regional and international levels and adopted a "
            "resolution on the matter.",
        ),
        (BlockKind.HEADING, "2. Meetings"),
        (BlockKind.PARAGRAPH, "The Forum met in Geneva in May."),
        (BlockKind.HEADING, "3. Outlook"),
        (BlockKind.PARAGRAPH, "The next session will take place in 2024."),
    ]


def test_pdf_drops_a_bare_page_number_but_not_a_number_in_the_text() -> None:
    lines = [
        (500.0, 815.0, 9.0, False, "iv"),
        *_paragraph(["The plan of action of the Summit was adopted in", "2019"], top=700),
        (290.0, 40.0, 9.0, False, "- 4 -"),
    ]
    document = _read_pdf(make_pdf([lines]))
    assert document.text == "The plan of action of the Summit was adopted in 2019"


def test_pdf_bullets_bold_headings_and_paragraph_breaks() -> None:
    lines: list[Line] = [
        (72, 760, 10, True, "Main activities"),
        (72, 740, 10, False, "The organization worked on three fronts during the year:"),
        (80, 724, 10, False, "• early warnings for small island developing States, with a"),
        (80, 712, 10, False, "regional pilot;"),
        (80, 700, 10, False, "• spectrum protection;"),
        (96, 688, 10, False, "– for weather radars;"),
        (80, 676, 10, False, "• capacity building."),
        (72, 656, 10, False, "It also reported on the World Radiocommunication Conference and"),
        (72, 644, 10, False, "its preparations."),
        (72, 632, 10, False, "A new paragraph starts here after a short line that ended a"),
        (72, 620, 10, False, "sentence, even without a gap between them."),
    ]
    document = _read_pdf(make_pdf([lines]))
    outline = [(b.kind, b.level, document.quote(b.span)) for b in document.blocks]
    assert outline == [
        (BlockKind.HEADING, 1, "Main activities"),
        (BlockKind.PARAGRAPH, 0, "The organization worked on three fronts during the year:"),
        (
            BlockKind.LIST_ITEM,
            0,
            "early warnings for small island developing States, with a regional pilot;",
        ),
        (BlockKind.LIST_ITEM, 0, "spectrum protection;"),
        (BlockKind.LIST_ITEM, 1, "for weather radars;"),
        (BlockKind.LIST_ITEM, 0, "capacity building."),
        (
            BlockKind.PARAGRAPH,
            0,
            "It also reported on the World Radiocommunication Conference and its preparations.",
        ),
        (
            BlockKind.PARAGRAPH,
            0,
            "A new paragraph starts here after a short line that ended a sentence, even without a gap between them.",
        ),
    ]


# --- DOCX structure -------------------------------------------------------------------


def _built_docx() -> bytes:
    """Build a DOCX with headings, a nested bullet list, a bold sub-heading and merged cells."""
    import docx

    document = docx.Document()
    document.add_heading("Report of the Facilitator", level=1)
    document.add_paragraph("The facilitator reports on the action line.")
    document.add_heading("Partners", level=2)
    document.add_paragraph("UNESCO", style="List Bullet")
    document.add_paragraph("ITU", style="List Bullet")
    document.add_paragraph("Regional commissions", style="List Bullet 2")
    bold = document.add_paragraph()
    bold.add_run("Meetings in ").bold = True
    bold.add_run("2022").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("Partly bold").bold = True
    mixed.add_run(" paragraph text.")
    table = document.add_table(rows=3, cols=3)
    for row, values in enumerate([["Event", "Place", "Year"], ["Forum", "Geneva", "2022"]]):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Summit in Tunis"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "2022 to 2023"
    document.add_paragraph("After the table.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_headings_lists_bold_subheadings_and_merged_cells() -> None:
    document = _read_docx(_built_docx())
    outline = [(b.kind, b.level, b.header, document.quote(b.span)) for b in document.blocks]
    heading, paragraph, item, row = (
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.TABLE_ROW,
    )
    assert outline[:8] == [
        (heading, 1, False, "Report of the Facilitator"),
        (paragraph, 0, False, "The facilitator reports on the action line."),
        (heading, 2, False, "Partners"),
        (item, 0, False, "UNESCO"),
        (item, 0, False, "ITU"),
        (item, 1, False, "Regional commissions"),
        (heading, 3, False, "Meetings in 2022"),
        (paragraph, 0, False, "Partly bold paragraph text."),
    ]
    rows = [b for b in document.blocks if b.kind is row]
    cells = [[document.quote(c) for c in b.cells] for b in rows]
    assert [b.header for b in rows] == [True, False, False]
    assert {b.table for b in rows} == {0}
    # the horizontal span is given once, the vertical span only in its first row
    assert cells[0] == ["Event", "Place", "Year"]
    assert cells[1] == ["Forum", "Geneva", "2022 to 2023"]
    assert cells[2] == ["Summit in Tunis", ""]
    assert document.text.count("Summit in Tunis") == 1
    assert document.text.count("2022 to 2023") == 1
    assert outline[-1] == (paragraph, 0, False, "After the table.")


def test_docx_title_style_and_one_cell_layout_table() -> None:
    import docx

    document = docx.Document()
    document.add_heading("Annual report", level=0)
    box = document.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "A boxed note on the year."
    buffer = io.BytesIO()
    document.save(buffer)
    read = _read_docx(buffer.getvalue())
    assert [(b.kind, b.level, read.quote(b.span)) for b in read.blocks] == [
        (BlockKind.HEADING, 1, "Annual report"),
        (BlockKind.PARAGRAPH, 0, "A boxed note on the year."),
    ]


# --- bad input ------------------------------------------------------------------------


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Pack the given members into a zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _big_zero_member_zip(megabytes: int, *, level: int) -> bytes:
    """Stream a word/document.xml of zeros into a zip, one MiB at a time."""
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "data", "problem"),
    [
        ("docx", b"", "the file is empty"),
        ("pdf", b"", "the file is empty"),
        ("docx", _NOISE, "not a DOCX file (not a zip archive)"),
        ("pdf", _NOISE, "not a PDF file"),
        (
            "docx",
            ECLAC_DOCX.read_bytes()[: ECLAC_DOCX.stat().st_size // 2],
            "corrupt or truncated DOCX",
        ),
        ("pdf", WMO_PDF.read_bytes()[: WMO_PDF.stat().st_size // 2], "corrupt or truncated PDF"),
        (
            "docx",
            _zip({"notes.txt": b"hello"}),
            "not a DOCX file (a zip archive without word/document.xml)",
        ),
        ("pdf", make_pdf([[]]), "no text layer (a scanned PDF?)"),
        ("pdf", make_pdf([_paragraph(["secret"])], extra_trailer=_ENCRYPT), "encrypted"),
    ],
    ids=[
        "empty-docx",
        "empty-pdf",
        "random-docx",
        "random-pdf",
        "truncated-docx",
        "truncated-pdf",
        "zip-not-docx",
        "no-text-layer",
        "password",
    ],
)
def test_bad_input_raises_read_error_naming_the_problem(fmt: str, data: bytes, problem: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, source=f"bad.{fmt}", fmt=fmt, doc_id="bad")
    message = str(caught.value)
    assert problem in message
    assert message.startswith(f"bad.{fmt}: ")
    assert "\n" not in message


def test_scanned_pdf_hint_names_ocr() -> None:
    with pytest.raises(ReadError, match="ocrmypdf"):
        _read_pdf(make_pdf([[], []]))


def test_mostly_scanned_pdf_warns() -> None:
    document = _read_pdf(make_pdf([_paragraph(["A typed cover page."]), [], []]))
    assert document.text == "A typed cover page."
    assert document.warnings == (
        "2 of 3 pages have no text layer (scanned?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`",
    )


def test_zip_bomb_over_the_size_limit_is_refused_before_unpacking() -> None:
    data = _big_zero_member_zip(300, level=1)  # 300 MB of zeros in about 1.4 MB
    assert len(data) < 2_000_000
    with pytest.raises(ReadError, match="looks like a zip bomb: it unpacks to 300 MiB, over the 200 MiB limit"):
        _read_docx(data)


def test_zip_bomb_by_compression_ratio_is_refused() -> None:
    data = _big_zero_member_zip(8, level=9)  # under the size limit, but 1000 times smaller
    with pytest.raises(ReadError, match=r"looks like a zip bomb: word/document.xml is compressed"):
        _read_docx(data)


def test_lower_unzipped_limit_applies() -> None:
    data = ECLAC_DOCX.read_bytes()
    with pytest.raises(ReadError, match=r"unpacks to 0\.8 MiB, over the 0\.1 MiB limit"):
        _read_docx(data, limits=ReadLimits(max_unzipped_bytes=100_000))


# --- running headers and footers, raised footnote markers ----------------------------------


def test_docx_leaves_out_headers_and_footers_and_raises_footnote_markers() -> None:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "DRAFT - NOT FOR CIRCULATION"
    section.footer.paragraphs[0].text = "Page 1 of 3"
    paragraph = document.add_paragraph("The members of the Alliance are UNEP")
    marker = paragraph.add_run("4")
    marker.font.superscript = True
    paragraph.add_run(" and WMO.")
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_bytes(buffer.getvalue(), source="a.docx", fmt="docx", doc_id="a")
    assert read.text == "The members of the Alliance are UNEP⁴ and WMO."


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        pytest.param(
            "html", "<p>Members: UNEP<sup>12</sup>, WMO<sup>*</sup> and the 21<sup>st</sup> session.</p>", id="html"
        ),
        pytest.param(
            "md", "Members: UNEP<sup>12</sup>, WMO<sup>*</sup> and the 21<sup>st</sup> session.\n", id="markdown"
        ),
    ],
)
def test_raised_footnote_markers_read_as_superscripts_and_ordinals_stay(fmt: str, data: str) -> None:
    read = read_bytes(data.encode(), source=f"a.{fmt}", fmt=fmt, doc_id="a")
    assert read.text == "Members: UNEP¹², WMO* and the 21st session."
