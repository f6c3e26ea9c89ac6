"""Read a file into a :class:`~wsisgraph.model.Document`: text, layout blocks and offsets.

Formats: Markdown (``.md``), plain text (``.txt``), HTML (``.html``/``.htm``), DOCX and PDF.
Every reader goes through :class:`TextBuilder`, so blocks are separated the same way in
every format and every offset points into the text kept in the graph.

Bad input raises :class:`~wsisgraph.errors.ReadError` naming the file and the fix.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wsisgraph.errors import ReadError
from wsisgraph.model import Block, BlockKind, Document, Span

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadLimits",
    "TextBuilder",
    "decode_text",
    "document_id",
    "footnote_marker",
    "read_bytes",
    "read_document",
]

MAX_BYTES = 50 * 1024 * 1024

SUPPORTED_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds that keep one hostile file from costing unbounded time or memory."""

    max_bytes: int = MAX_BYTES
    max_pages: int = 1000
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_chars: int = 20_000_000


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u00ad]")


def clean_inline(text: str) -> str:
    """Normalise a run of inline text: NFC, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MARKER = re.compile(r"\s*(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|[*†‡§]{1,3})\s*")


def footnote_marker(text: str) -> str | None:
    """The superscript form of a footnote marker set raised in the source, or None.

    Readers give raised markers (HTML ``<sup>2</sup>``, a Word superscript run) as
    superscript digits, so "UNEP<sup>2</sup>" reads "UNEP²" and not the unknown name "UNEP2".

    >>> footnote_marker("2"), footnote_marker("1,3"), footnote_marker("st")
    ('²', '¹,³', None)
    """
    if not _MARKER.fullmatch(text):
        return None
    return re.sub(r"\s+", "", text).translate(_SUPERSCRIPT)


class TextBuilder:
    """Accumulates blocks into one text; blocks are separated by a blank line.

    >>> b = TextBuilder()
    >>> b.heading("Title", 1)
    >>> b.paragraph("Some  text.")
    >>> b.table_row(["a", "b"], table=0, header=True)
    >>> text, blocks = b.build()
    >>> text
    'Title\\n\\nSome text.\\n\\na | b'
    >>> [text[c.start:c.end] for c in blocks[2].cells]
    ['a', 'b']
    """

    CELL_SEPARATOR = " | "

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []

    def _start(self) -> int:
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        return self._length

    def _add(self, text: str) -> Span | None:
        text = clean_inline(text)
        if not text:
            return None
        start = self._start()
        self._parts.append(text)
        self._length += len(text)
        return Span(start, self._length)

    def heading(self, text: str, level: int) -> None:
        span = self._add(text)
        if span:
            self._blocks.append(Block(BlockKind.HEADING, span, level=max(1, level)))

    def paragraph(self, text: str, *, strong: bool = False) -> None:
        span = self._add(text)
        if span:
            self._blocks.append(Block(BlockKind.PARAGRAPH, span, strong=strong))

    def list_item(self, text: str, level: int, *, strong: bool = False) -> None:
        span = self._add(text)
        if span:
            self._blocks.append(Block(BlockKind.LIST_ITEM, span, level=level, strong=strong))

    def table_row(self, cells: list[str], *, table: int, header: bool = False) -> None:
        cleaned = [clean_inline(cell) for cell in cells]
        if not any(cleaned):
            return
        start = self._start()
        spans: list[Span] = []
        position = start
        for number, cell in enumerate(cleaned):
            if number:
                self._parts.append(self.CELL_SEPARATOR)
                position += len(self.CELL_SEPARATOR)
            self._parts.append(cell)
            spans.append(Span(position, position + len(cell)))
            position += len(cell)
        self._length = position
        self._blocks.append(
            Block(
                BlockKind.TABLE_ROW,
                Span(start, position),
                cells=tuple(spans),
                table=table,
                header=header,
            )
        )

    def build(self) -> tuple[str, tuple[Block, ...]]:
        return "".join(self._parts), tuple(self._blocks)


def document_id(path: Path) -> str:
    """The id of the document stored at ``path``: its file name without the extension."""
    return path.stem if path.suffix else path.name


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes of a text format: UTF-8 first, then the best detected encoding.

    Binary data (NUL bytes or a mostly non-printable head) is refused.
    """
    if not data.strip():
        raise ReadError(source, "the file is empty", hint="remove it or add its text")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(source, "binary data in a text file", hint="give a .md, .txt or .html file as text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if best is not None:
        # Short Western text is ambiguous between code pages (0xE8 is 'è' in cp1252, 'č' in
        # cp1250) and charset-normalizer then ranks them arbitrarily. WSIS submissions are
        # written in the UN's working languages, so a tie goes to the Western code page.
        for match in matches:
            if match.encoding in _WESTERN and match.chaos <= best.chaos and match.coherence >= best.coherence - 0.01:
                best = match
                break
    if best is None or best.encoding is None:
        raise ReadError(
            source,
            "not UTF-8 and no text encoding could be detected",
            hint="convert it to UTF-8 (e.g. `iconv -t UTF-8`)",
        )
    text = str(best)
    printable = sum(1 for c in text[:4096] if c.isprintable() or c in "\n\r\t")
    if printable < 0.9 * min(len(text), 4096):
        raise ReadError(source, "the text is mostly unprintable", hint="is it really a text file?")
    return text


Reader = Callable[[bytes, str, ReadLimits], tuple[str, tuple[Block, ...], tuple[str, ...]]]


def _reader(fmt: str) -> Reader:
    # Readers import their libraries lazily so `wsisgraph --help` stays fast.
    if fmt == "md":
        from wsisgraph.read.markdown import read_markdown

        return read_markdown
    if fmt == "txt":
        from wsisgraph.read.plaintext import read_plaintext

        return read_plaintext
    if fmt == "html":
        from wsisgraph.read.html import read_html

        return read_html
    if fmt == "docx":
        from wsisgraph.read.docx import read_docx

        return read_docx
    if fmt == "pdf":
        from wsisgraph.read.pdf import read_pdf

        return read_pdf
    raise ReadError(fmt, f"no reader for format {fmt!r}")


def read_bytes(data: bytes, *, source: str, fmt: str, doc_id: str, limits: ReadLimits | None = None) -> Document:
    """Build a :class:`Document` from the bytes of a file in format ``fmt``."""
    limits = limits or ReadLimits()
    if not data:
        raise ReadError(source, "the file is empty", hint="remove it or add its text")
    if len(data) > limits.max_bytes:
        raise ReadError(
            source,
            f"the file is {len(data) / 1e6:.0f} MB, over the {limits.max_bytes / 1e6:.0f} MB limit",
            hint="split it into smaller documents",
        )
    text, blocks, warnings = _reader(fmt)(data, source, limits)
    if len(text) > limits.max_chars:
        raise ReadError(
            source,
            f"the extracted text has {len(text):,} characters, over the limit of {limits.max_chars:,}",
            hint="split it into smaller documents",
        )
    if not text.strip():
        raise ReadError(source, "no text could be extracted", hint="is the file empty?")
    return Document(
        id=doc_id,
        source=Path(source).name,
        format=fmt,
        text=text,
        blocks=blocks,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


def read_document(path: Path, *, limits: ReadLimits | None = None) -> Document:
    """Read the file at ``path`` into a :class:`Document`."""
    limits = limits or ReadLimits()
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ReadError(
            path,
            f"unsupported file type {path.suffix or '(none)'}",
            hint="give .md, .txt, .html, .docx or .pdf files",
        )
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ReadError(
                path,
                f"the file is {size / 1e6:.0f} MB, over the {limits.max_bytes / 1e6:.0f} MB limit",
                hint="split it into smaller documents",
            )
        data = path.read_bytes()
    except PermissionError as error:
        raise ReadError(path, "permission denied", hint="make the file readable") from error
    except IsADirectoryError as error:
        raise ReadError(path, "is a directory, not a file") from error
    except OSError as error:
        raise ReadError(path, f"cannot be read: {error.strerror or error}") from error
    return read_bytes(data, source=str(path), fmt=fmt, doc_id=document_id(path), limits=limits)
