"""Read DOCX through python-docx: body paragraphs and tables in document order.

Blocks come from the Word styles and formatting:

* ``Title`` and ``Heading N`` (or a custom style based on one, or a paragraph outline
  level) -> heading of level N (``Title`` -> 1);
* ``List Bullet``/``List Number``/``List Paragraph`` styles, or any paragraph with
  numbering (``w:numPr``) -> list item, nested by the style number or ``w:ilvl``;
* a paragraph whose visible runs are all bold and shorter than 200 characters -> a heading
  one level below the last styled heading (2 when there is none), as the Markdown reader
  treats a wholly bold paragraph;
* tables -> one table row per row; merged cells are given once (a horizontal span once
  per row, a vertical span as an empty cell below its first row); nested tables are
  flattened into their cell's text; a one-cell table (a layout box) is read as body text.
  The first row is the header row when Word marks it so (``w:tblHeader``), when its cells
  are all bold, or -- as GFM does -- whenever the table has more than one row.

Content controls (``w:sdt``) are read except tables of contents; headers, footers,
footnotes, comments, text boxes, deleted and hidden text are left out.

The archive is checked with :mod:`zipfile` before python-docx opens it: it must be a zip
with ``word/document.xml``, unpack to at most ``ReadLimits.max_unzipped_bytes`` and have
no large member compressed more than 200 times. :mod:`zipfile` never inflates a member
past its declared size, so the declared sizes bound what python-docx will unpack.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from wsisgraph.errors import ReadError
from wsisgraph.model import Block
from wsisgraph.read import ReadLimits, TextBuilder, clean_inline, footnote_marker

__all__ = ["MAX_RATIO", "read_docx"]

MAX_RATIO = 200
# Members smaller than this are never bombs; small XML parts can compress very well.
_RATIO_MIN_BYTES = 1024 * 1024
_BOLD_HEADING_MAX = 200
_MAX_LEVEL = 9

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _SDT, _R = _W + "p", _W + "tbl", _W + "sdt", _W + "r"
_SKIP_RUN_ANCESTORS = {_W + "del", _W + "moveFrom", _P, _MC + "Fallback"}
_HEADING_STYLE = re.compile(r"heading\s*([1-9])")
_LIST_STYLE = re.compile(r"list (?:bullet|number|paragraph)(?:\s*([1-9]))?")
_FALSE = {"0", "false", "off"}
_CORRUPT_HINT = "open it in Word or LibreOffice and save it again as .docx"


def read_docx(data: bytes, source: str, limits: ReadLimits) -> tuple[str, tuple[Block, ...], tuple[str, ...]]:
    """Read DOCX bytes into text and blocks (headings, paragraphs, list items, table rows)."""
    _check_archive(data, source, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a broken package
        raise ReadError(source, f"corrupt or truncated DOCX: {_describe(error)}", hint=_CORRUPT_HINT) from error
    try:
        # a styles part of another content type loads as a plain part without styles
        document.styles  # noqa: B018
    except (AttributeError, KeyError, ValueError) as error:
        raise ReadError(
            source, f"corrupt DOCX: its styles part cannot be read ({_describe(error)})", hint=_CORRUPT_HINT
        ) from error
    reader = _Reader(document)
    try:
        reader.container(document.element.body)
    except (KeyError, ValueError, IndexError, SyntaxError) as error:  # lxml errors are SyntaxErrors
        raise ReadError(source, f"corrupt DOCX content: {_describe(error)}", hint=_CORRUPT_HINT) from error
    text, blocks = reader.builder.build()
    return text, blocks, ()


def _describe(error: BaseException) -> str:
    message = str(error).strip().splitlines()
    first = message[0] if message else ""
    first = first[:160] + ("..." if len(first) > 160 else "")
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def _megabytes(size: int) -> str:
    mib = size / 2**20
    return f"{mib:,.1f} MiB" if mib < 10 else f"{mib:,.0f} MiB"


def _check_archive(data: bytes, source: str, limits: ReadLimits) -> None:
    """Refuse non-zip data, zips that are not DOCX, and zip bombs, before any unpacking."""
    if not data.startswith(b"PK"):
        raise ReadError(
            source,
            "not a DOCX file (not a zip archive)",
            hint="an old .doc file must be saved as .docx first",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ReadError(
            source,
            "corrupt or truncated DOCX (its zip directory is missing or damaged)",
            hint=_CORRUPT_HINT,
        ) from error
    except (zipfile.LargeZipFile, ValueError, OSError, NotImplementedError) as error:
        # NotImplementedError: an entry needs a zip version or feature zipfile does not have
        raise ReadError(source, f"corrupt or truncated DOCX: {_describe(error)}", hint=_CORRUPT_HINT) from error
    if not any(member.filename == "word/document.xml" for member in members):
        raise ReadError(
            source,
            "not a DOCX file (a zip archive without word/document.xml)",
            hint="give a Word .docx file",
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        raise ReadError(
            source,
            f"looks like a zip bomb: it unpacks to {_megabytes(total)}, over the "
            f"{_megabytes(limits.max_unzipped_bytes)} limit",
            hint="check where it came from; if it is real, raise ReadLimits.max_unzipped_bytes",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise ReadError(
                source,
                f"looks like a zip bomb: {member.filename} is compressed {ratio:,.0f} times (more than {MAX_RATIO})",
                hint="check where the file came from",
            )


class _Reader:
    """Walk a document body and feed its blocks to a :class:`TextBuilder`."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.builder = TextBuilder()
        self.last_heading = 0
        self.tables = -1

    def container(self, element: Any) -> None:
        """Read the paragraphs and tables of a body, cell or content control in order."""
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for child in element.iterchildren():
            if child.tag == _P:
                self.paragraph(Paragraph(child, self.document))
            elif child.tag == _TBL:
                self.table(Table(child, self.document))
            elif child.tag == _SDT and not _is_toc(child):
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.container(content)
            elif child.tag == _W + "customXml":
                self.container(child)

    def paragraph(self, paragraph: Any) -> None:
        """Add one body paragraph as a heading, list item or paragraph."""
        runs = _runs(paragraph._p)
        text = "".join(_run_text(run) for run in runs)
        if not clean_inline(text):
            return
        styles = _style_chain(paragraph.style)
        if any((style.name or "").lower().startswith("toc ") for style in styles):
            return
        level = _heading_level(paragraph._p, styles)
        if level:
            self.builder.heading(text, level)
            self.last_heading = level
            return
        bold = _all_bold(paragraph, runs, styles)
        list_level = _list_level(paragraph._p, styles)
        if list_level is not None:
            self.builder.list_item(text, list_level, strong=bold)
        elif bold and len(clean_inline(text)) < _BOLD_HEADING_MAX:
            # A wholly bold short paragraph works as a sub-heading in submissions.
            level = min(self.last_heading + 1, _MAX_LEVEL) if self.last_heading else 2
            self.builder.heading(text, level)
        else:
            self.builder.paragraph(text, strong=bold)

    def table(self, table: Any) -> None:
        """Add a table row by row; a one-cell table is read as body text."""
        rows = list(table.rows)
        if len(rows) == 1 and len({id(cell._tc) for cell in rows[0].cells}) == 1:
            self.container(rows[0].cells[0]._tc)
            return
        self.tables += 1
        seen: dict[int, Any] = {}  # keeps the cells' elements alive so their ids stay unique
        header_rows = True
        for index, row in enumerate(rows):
            cells: list[str] = []
            in_row: set[int] = set()
            bold = True
            for cell in row.cells:
                key = id(cell._tc)
                if key in in_row:
                    continue  # the same cell spanning several grid columns
                in_row.add(key)
                if key in seen:
                    cells.append("")  # the lower part of a vertically merged cell
                    continue
                seen[key] = cell._tc
                cells.append(_cell_text(cell._tc))
                if cells[-1].strip() and not _cell_bold(cell):
                    bold = False
            marked = _repeats_as_header(row._tr)
            first = index == 0
            header = (marked or bold or len(rows) > 1) if first else (header_rows and marked)
            header_rows = header
            self.builder.table_row(cells, table=self.tables, header=header)


def _is_toc(sdt: Any) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    value = gallery.get(_W + "val", "") if gallery is not None else ""
    return "contents" in str(value).lower()


def _runs(p: Any) -> list[Any]:
    """Return the visible runs of a paragraph, those in hyperlinks, fields and insertions too."""
    runs: list[Any] = []
    for run in p.iter(_R):
        parent = run.getparent()
        while parent is not None and parent is not p and parent.tag not in _SKIP_RUN_ANCESTORS:
            parent = parent.getparent()
        if parent is p and not _is_on(run.find(f"{_W}rPr/{_W}vanish")):
            runs.append(run)
    return runs


def _run_text(run: Any) -> str:
    text = str(run.text or "")
    raised = run.find(f"{_W}rPr/{_W}vertAlign")
    if raised is not None and raised.get(_W + "val") == "superscript":
        # a raised footnote marker reads as superscript digits ("UNEP" + "2" -> "UNEP²")
        return footnote_marker(text) or text
    return text


def _is_on(element: Any) -> bool:
    """Tell whether a Word on/off property element is present and not switched off."""
    if element is None:
        return False
    return str(element.get(_W + "val", "true")).lower() not in _FALSE


def _style_chain(style: Any) -> list[Any]:
    chain: list[Any] = []
    while style is not None and len(chain) < 20 and style not in chain:
        chain.append(style)
        style = style.base_style
    return chain


def _heading_level(p: Any, styles: list[Any]) -> int:
    """Return the heading level from the style chain or outline level, 0 if none."""
    for style in styles:
        name = (style.name or "").strip().lower()
        if name == "title":
            return 1
        match = _HEADING_STYLE.fullmatch(name)
        if match:
            return int(match.group(1))
    for element in [p, *(style.element for style in styles)]:
        outline = element.find(f"{_W}pPr/{_W}outlineLvl")
        if outline is not None:
            value = str(outline.get(_W + "val", "9"))
            return int(value) + 1 if value.isdigit() and int(value) < 9 else 0
    return 0


def _list_level(p: Any, styles: list[Any]) -> int | None:
    """Return the list nesting depth (0 = top) of a paragraph, ``None`` for no list item."""
    # The paragraph's own w:ilvl wins, then the number of a "List Bullet 2"-like style,
    # then the level of the numbering a style carries.
    own = p.find(f"{_W}pPr/{_W}numPr")
    if own is not None:
        num_id = own.find(_W + "numId")
        if num_id is not None and num_id.get(_W + "val") == "0":
            return None  # numbering switched off for this paragraph
        level = _ilvl(own)
        if level is not None:
            return level
    for style in styles:
        match = _LIST_STYLE.fullmatch((style.name or "").strip().lower())
        if match:
            return int(match.group(1)) - 1 if match.group(1) else 0
    for style in styles:
        num_pr = style.element.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(_W + "numId")
            if num_id is not None and num_id.get(_W + "val") == "0":
                return None
            return _ilvl(num_pr) or 0
    return 0 if own is not None else None


def _ilvl(num_pr: Any) -> int | None:
    ilvl = num_pr.find(_W + "ilvl")
    value = str(ilvl.get(_W + "val", "")) if ilvl is not None else ""
    return min(int(value), _MAX_LEVEL) if value.isdigit() else None


def _style_bold(styles: list[Any]) -> bool | None:
    for style in styles:
        bold = style.font.bold
        if bold is not None:
            return bool(bold)
    return None


def _all_bold(paragraph: Any, runs: list[Any], styles: list[Any]) -> bool:
    """Tell whether every run with visible text is bold, directly or through its styles."""
    from docx.text.run import Run

    paragraph_bold = _style_bold(styles)
    seen_text = False
    for element in runs:
        if not _run_text(element).strip():
            continue
        seen_text = True
        run = Run(element, paragraph)
        bold = run.bold
        if bold is None and element.find(f"{_W}rPr/{_W}rStyle") is not None:
            bold = _style_bold(_style_chain(run.style))
        if bold is None:
            bold = paragraph_bold
        if not bold:
            return False
    return seen_text


def _cell_text(tc: Any) -> str:
    """Return the text of a cell: its paragraphs and nested tables, joined by spaces."""
    parts: list[str] = []
    for element in tc.iter(_P):
        parent = element.getparent()
        # paragraphs of a text box inside the cell are left out, as in the body
        while parent is not None and parent is not tc and parent.tag != _P:
            parent = parent.getparent()
        if parent is tc:
            parts.append("".join(_run_text(run) for run in _runs(element)))
    return " ".join(part for part in parts if part.strip())


def _cell_bold(cell: Any) -> bool:
    return all(
        _all_bold(paragraph, _runs(paragraph._p), _style_chain(paragraph.style))
        for paragraph in cell.paragraphs
        if clean_inline("".join(_run_text(run) for run in _runs(paragraph._p)))
    )


def _repeats_as_header(tr: Any) -> bool:
    return _is_on(tr.find(f"{_W}trPr/{_W}tblHeader"))
