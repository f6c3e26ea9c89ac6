"""Read PDF through PDFium's text layer and rebuild its headings, paragraphs and lists.

PDFium gives each page's characters in content order with the line breaks it finds; every
line keeps its box, baseline, font size and weight. From these lines:

1. Running headers and footers are dropped: among the two top and two bottom lines of each
   page, text that recurs (digits ignored) at about the same height on at least half of
   the pages (and on two or more), and bare page numbers ("3", "- 3 -", "Page 3 of 10",
   "iv") set apart from the text by more than the line spacing. A page's outermost line,
   set apart from the text at the height where two other pages had such furniture, goes
   too (headers that change with the chapter).
2. Lines are grouped into blocks. A block ends at a vertical gap clearly larger than the
   document's usual line spacing, at a change of font size or weight, before a bullet,
   when the next line goes up the page (a new column), and after a line that ends a
   sentence while the block still had room for the next line's first word. A block goes
   on across a page break when the page's last line ends no sentence and the next page
   starts in the same style.
3. Line-end hyphens are undone ("informa-" + "tion" -> "information"), unless the word is
   found hyphenated rather than joined elsewhere in the document, or -- when the document
   does not tell -- the part before the hyphen is one letter or a prefix such as "e", "co",
   "non" or "multi", or the part after starts with a capital or a digit.
4. A block is a heading when its font is larger than the body text's (the most common
   size), or when it is bold, short and does not end with a period ("1. Introduction");
   heading levels follow the font sizes, largest first. Contents lines with dot leaders
   are never headings.
5. A block starting with a bullet ("•", "▪", "◦", or "-"/"–" after a sentence or another
   item) is a list item, nested by the bullet's indentation.

Tables come out as paragraphs: a PDF keeps no table structure to read. Multi-column pages
are read in content order; a paragraph that flows into the next column is split there.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wsisgraph.errors import ReadError
from wsisgraph.model import Block
from wsisgraph.read import ReadLimits, TextBuilder

__all__ = ["read_pdf"]

_OCR_HINT = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
_CORRUPT_HINT = "open it in a PDF viewer and save or print it to a new PDF"

_PREFIXES = frozenset(
    {"e", "co", "non", "multi", "cross", "self", "well", "high", "low"} | {"inter", "pre", "post", "re", "sub"}
)
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
_STRONG_BULLET = re.compile(r"[•▪◦‣●■□►▸➢✓\uf0a7\uf0b7\uf0d8\uf0fc\uf076]\s*")
_DASH_BULLET = re.compile(r"[-–—]\s+")
_SENTENCE_END = re.compile(r"[.!?:;][\"'’”)\]]*$")
_LEADERS = re.compile(r"(?:\.\s?){4,}")
_WORD = re.compile(r"\w+(?:-\w+)*")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|cmbx|sfbx|ecbx", re.IGNORECASE)
_FORCE_BOLD = 1 << 18
_BOLD_WEIGHT = 600
# PDFium reports a hyphen that ends a line as U+0002 (and does not break the line there).
_LINE_END_HYPHEN = "\x02"
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SOFT_HYPHEN = "\u00ad"

_EDGE_LINES = 2
_HEADING_MAX_CHARS = 300
_HEADING_MAX_LINES = 4
_BOLD_HEADING_MAX_CHARS = 200
_BOLD_HEADING_MAX_LINES = 3


@dataclass(slots=True)
class _Line:
    """One line of text on a page with its geometry and dominant font."""

    text: str
    page: int
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool
    first_word: float
    soft_hyphen: bool = False


@dataclass(slots=True)
class _Block:
    """Consecutive lines that make one heading, paragraph or list item."""

    lines: list[_Line]
    bullet: bool = False
    indent: float = 0.0
    texts: list[str] = field(default_factory=list)
    right: float = 0.0

    def add(self, line: _Line, text: str) -> None:
        self.lines.append(line)
        self.texts.append(text)
        self.right = max(self.right, line.x1)


def read_pdf(data: bytes, source: str, limits: ReadLimits) -> tuple[str, tuple[Block, ...], tuple[str, ...]]:
    """Read PDF bytes into text and blocks (headings, paragraphs, list items)."""
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise ReadError(source, "not a PDF file (no %PDF- header)", hint="give a .pdf file")
    warnings: list[str] = []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _open_error(source, error) from error
    pages: list[list[_Line]] = []
    try:
        total = len(pdf)
        count = min(total, limits.max_pages)
        if count < total:
            warnings.append(f"read the first {count} of {total} pages")
        for index in range(count):
            try:
                pages.append(_page_lines(pdf[index], index))
            except pdfium.PdfiumError as error:
                warnings.append(f"page {index + 1} could not be read: {error}")
                pages.append([])
    finally:
        pdf.close()
    if b"%%EOF" not in data[-4096:]:
        warnings.append("the file does not end with %%EOF; it may be truncated")
    if not any(pages):
        raise ReadError(source, "no text layer (a scanned PDF?)", hint=_OCR_HINT)
    empty = sum(1 for lines in pages if not lines)
    if empty * 2 > len(pages):
        warnings.append(f"{empty} of {len(pages)} pages have no text layer (scanned?); {_OCR_HINT}")
    text, blocks = _rebuild(pages)
    return text, blocks, tuple(warnings)


def _open_error(source: str, error: Any) -> ReadError:
    import pypdfium2.raw as pdfium_c

    code = getattr(error, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ReadError(
            source,
            "the PDF is encrypted with a password",
            hint="save an unprotected copy, e.g. `qpdf --decrypt --password=PW in.pdf out.pdf`",
        )
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ReadError(
            source,
            "the PDF uses an unsupported encryption scheme",
            hint="save an unprotected copy, e.g. `qpdf --decrypt in.pdf out.pdf`",
        )
    detail = re.sub(r"^Failed to load document \(PDFium: (.*)\)\.?$", r"\1", str(error))
    return ReadError(source, f"corrupt or truncated PDF ({detail})", hint=_CORRUPT_HINT)


# --- lines ----------------------------------------------------------------------------


class _LineBuilder:
    """Collect the characters of one line and turn them into a :class:`_Line`."""

    def __init__(self, page: int, right_edge: Callable[[int], float]) -> None:
        self.page = page
        self.right_edge = right_edge
        self.reset()

    def reset(self) -> None:
        self.parts: list[str] = []
        self.x: list[float] = []
        self.indices: list[int] = []
        self.baselines: list[float] = []
        self.sizes: list[float] = []
        self.bold: list[bool] = []
        self.first_word_end: int | None = None

    def space(self) -> None:
        if self.parts and self.parts[-1] != " ":
            self.parts.append(" ")
            if self.indices and self.first_word_end is None:
                self.first_word_end = self.indices[-1]

    def glyph(self, char: str, index: int, x: float, y: float, font: tuple[float, bool]) -> None:
        self.parts.append(char)
        self.indices.append(index)
        self.x.append(x)
        self.baselines.append(y)
        self.sizes.append(font[0])
        self.bold.append(font[1])

    def jumps(self, y: float, size: float) -> bool:
        """Tell whether a glyph on baseline ``y`` cannot belong to this line."""
        return bool(self.baselines) and abs(y - self.baselines[-1]) > 0.8 * max(size, self.sizes[-1])

    def flush(self, lines: list[_Line]) -> None:
        """Add the line collected so far to ``lines`` and start a new one."""
        text = re.sub(r"\s+", " ", "".join(self.parts)).strip()
        if text and self.sizes:
            soft = text.endswith(_SOFT_HYPHEN)
            text = text.replace(_LINE_END_HYPHEN, "-")
            text = text[:-1] + "-" if soft else text
            text = text.replace(_SOFT_HYPHEN, "")
            size = Counter(round(value * 2) / 2 for value in self.sizes).most_common(1)[0][0]
            start = min(self.x)
            last = self.indices[max(range(len(self.x)), key=self.x.__getitem__)]
            end = max(self.right_edge(last), max(self.x))
            word_end = self.right_edge(self.first_word_end) if self.first_word_end else end
            lines.append(
                _Line(
                    text=text,
                    page=self.page,
                    x0=start,
                    x1=end,
                    baseline=statistics.median(self.baselines),
                    size=size,
                    bold=sum(self.bold) >= 0.9 * len(self.bold),
                    first_word=word_end - start,
                    soft_hyphen=soft,
                )
            )
        self.reset()


def _page_lines(page: Any, number: int) -> list[_Line]:
    """Return the text lines of one page in content order."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = textpage.count_chars()
        left, right, bottom, top, x, y = (ctypes.c_double() for _ in range(6))
        box = [ctypes.byref(value) for value in (left, right, bottom, top)]
        origin = [ctypes.byref(x), ctypes.byref(y)]

        def right_edge(index: int) -> float:
            pdfium_c.FPDFText_GetCharBox(raw, index, *box)
            return float(right.value)

        fonts: dict[int | None, tuple[float, bool]] = {}
        lines: list[_Line] = []
        line = _LineBuilder(number, right_edge)
        for index in range(count):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            if code == 0x0A:
                line.flush(lines)
                continue
            char = chr(code) if 0 < code < 0x110000 else ""
            if not char or char in "\r\ufffe\uffff":
                continue
            if char.isspace():
                line.space()
                continue
            if not pdfium_c.FPDFText_GetCharOrigin(raw, index, *origin):
                continue
            # All characters of one text object share its font and size.
            owner = ctypes.c_void_p.from_buffer(pdfium_c.FPDFText_GetTextObject(raw, index)).value
            font = fonts.get(owner) if owner else None
            if font is None:
                font = _font(raw, index)
                if owner:
                    fonts[owner] = font
            if line.jumps(y.value, font[0]):
                line.flush(lines)
            line.glyph(_LIGATURES.get(char, char), index, x.value, y.value, font)
        line.flush(lines)
    finally:
        textpage.close()
    return lines


def _font(raw: Any, index: int) -> tuple[float, bool]:
    """Return the font size of a character and whether its font is bold."""
    import pypdfium2.raw as pdfium_c

    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    size = float(pdfium_c.FPDFText_GetFontSize(raw, index))
    weight = pdfium_c.FPDFText_GetFontWeight(raw, index)
    pdfium_c.FPDFText_GetFontInfo(raw, index, name, len(name), ctypes.byref(flags))
    bold = (
        weight >= _BOLD_WEIGHT
        or bool(flags.value & _FORCE_BOLD)
        or bool(_BOLD_NAME.search(name.value.decode("latin-1")))
    )
    return size, bold


# --- page furniture -------------------------------------------------------------------


def _furniture_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _edges(lines: list[_Line]) -> list[tuple[str, _Line]]:
    ordered = sorted(lines, key=lambda line: -line.baseline)
    top = ordered[:_EDGE_LINES]
    bottom = [line for line in ordered[-_EDGE_LINES:] if all(line is not t for t in top)]
    return [("top", line) for line in top] + [("bottom", line) for line in bottom]


def _outermost(lines: list[_Line]) -> list[tuple[str, _Line]]:
    ordered = sorted(lines, key=lambda line: -line.baseline)
    return [("top", ordered[0]), ("bottom", ordered[-1])] if len(ordered) > 1 else []


def _set_apart(line: _Line, zone: str, lines: list[_Line], leading: float) -> bool:
    """Tell whether an edge line is further from the text than the usual line spacing."""
    if zone == "top":
        inner = [o.baseline for o in lines if o.baseline < line.baseline]
        distance = line.baseline - max(inner) if inner else float("inf")
    else:
        inner = [o.baseline for o in lines if o.baseline > line.baseline]
        distance = min(inner) - line.baseline if inner else float("inf")
    return distance > (leading + 0.5) * line.size


def _drop_furniture(pages: list[list[_Line]], leading: float) -> list[list[_Line]]:
    """Remove running headers and footers and bare page numbers."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for number, lines in enumerate(pages):
        for zone, line in _edges(lines):
            seen.setdefault((zone, _furniture_key(line.text)), []).append((number, line.baseline))
    needed = max(2, (len(pages) + 1) // 2)

    def repeated(zone: str, line: _Line) -> bool:
        places = seen.get((zone, _furniture_key(line.text)), [])
        near = {page for page, baseline in places if abs(baseline - line.baseline) <= line.size}
        return len(near) >= needed

    dropped: list[list[tuple[str, _Line]]] = []
    for lines in pages:
        drop = [(zone, line) for zone, line in _edges(lines) if repeated(zone, line)]
        rest = [line for line in lines if all(line is not d for _, d in drop)]
        for zone, line in _edges(rest):
            if _PAGE_NUMBER.fullmatch(line.text) and _set_apart(line, zone, rest, leading):
                drop.append((zone, line))
        dropped.append(drop)
    # Headers that change from chapter to chapter ("Chapter 2: Scope 7") sit where the
    # headers, footers and page numbers dropped from other pages were, apart from the text.
    bands = [(zone, line.baseline, page) for page, drop in enumerate(dropped) for zone, line in drop]
    kept_pages: list[list[_Line]] = []
    for page, (lines, drop) in enumerate(zip(pages, dropped, strict=True)):
        rest = [line for line in lines if all(line is not d for _, d in drop)]
        for zone, line in _outermost(rest):
            pages_at_band = {
                other
                for band_zone, baseline, other in bands
                if band_zone == zone and other != page and abs(baseline - line.baseline) <= 1
            }
            if len(pages_at_band) >= 2 and _set_apart(line, zone, rest, leading):
                rest = [other for other in rest if other is not line]
        kept_pages.append(rest)
    return kept_pages


# --- blocks ---------------------------------------------------------------------------


def _line_spacing(pages: list[list[_Line]]) -> float:
    """Return the usual baseline distance between lines of a paragraph, in font sizes."""
    ratios: Counter[float] = Counter()
    for lines in pages:
        for previous, line in itertools.pairwise(lines):
            if abs(previous.size - line.size) > 0.5 or line.size <= 0:
                continue
            ratio = (previous.baseline - line.baseline) / line.size
            if 0.8 < ratio < 3:
                ratios[round(ratio * 20) / 20] += 1
    return ratios.most_common(1)[0][0] if ratios else 1.2


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _continues(block: _Block, previous: _Line, line: _Line, leading: float) -> bool:
    """Tell whether ``line`` goes on the block that ``previous`` ends, bullets aside."""
    if abs(previous.size - line.size) > 0.5 or previous.bold != line.bold:
        return False
    if previous.page != line.page:
        return not _ends_sentence(previous.text)
    size = max(previous.size, line.size)
    gap = previous.baseline - line.baseline
    if gap < 0.5 * size or gap > (leading + 0.25) * size:
        return False
    if block.bullet and line.x0 < block.indent - 0.5 * size:
        return False
    room = block.right - previous.x1
    return not (_ends_sentence(previous.text) and room > line.first_word + size)


def _group(pages: list[list[_Line]], leading: float) -> list[_Block]:
    """Group the lines of all pages into blocks, in reading order."""
    blocks: list[_Block] = []
    previous: _Line | None = None
    for lines in pages:
        for line in lines:
            current = blocks[-1] if blocks else None
            goes_on = current is not None and previous is not None and _continues(current, previous, line, leading)
            marker = _STRONG_BULLET.match(line.text)
            if marker is None and _DASH_BULLET.match(line.text):
                after_break = previous is None or _ends_sentence(previous.text)
                if not goes_on or after_break or (current is not None and current.bullet):
                    marker = _DASH_BULLET.match(line.text)
            if marker is not None and line.text[marker.end() :].strip():
                blocks.append(_Block([], bullet=True, indent=line.x0))
                blocks[-1].add(line, line.text[marker.end() :])
            elif goes_on and current is not None:
                current.add(line, line.text)
            else:
                blocks.append(_Block([]))
                blocks[-1].add(line, line.text)
            previous = line
    return blocks


def _joint(left: str, right: str, soft: bool, words: Counter[str]) -> tuple[bool, str]:
    """Decide how two lines meet: whether to drop the hyphen ending ``left``, and the separator."""
    if not left.endswith(("-", "–", "—")) or left[-2:-1].isspace() or not right:
        return False, " "
    if not left.endswith("-"):
        return False, ""
    if soft:
        return True, ""
    before = re.search(r"(\w+)-$", left)
    after = re.match(r"\w+", right)
    if before is None or after is None or not right[0].isalpha():
        return False, ""  # "COVID-" + "19", "2019-" + "2020"
    head, tail = before.group(1), after.group(0)
    joined = words[(head + tail).lower()]
    hyphenated = words[f"{head}-{tail}".lower()]
    if joined != hyphenated:
        return joined > hyphenated, ""
    keep = (
        len(head) == 1
        or head.lower() in _PREFIXES
        or not head.isalpha()
        or right[0].isupper()
        or left[: before.start()].endswith("-")
    )
    return not keep, ""


def _block_text(block: _Block, words: Counter[str]) -> str:
    """Join the lines of a block into one text, undoing line-end hyphenation."""
    pieces = [block.texts[0]]
    for line, left, right in zip(block.lines, block.texts, block.texts[1:], strict=False):
        drop, separator = _joint(left, right, line.soft_hyphen, words)
        if drop:
            pieces[-1] = pieces[-1][:-1]
        pieces.extend((separator, right))
    return "".join(pieces)


def _weighted_mode(values: Iterable[tuple[float, int]]) -> float:
    counts: Counter[float] = Counter()
    for value, weight in values:
        counts[value] += weight
    return counts.most_common(1)[0][0] if counts else 10.0


def _rebuild(pages: list[list[_Line]]) -> tuple[str, tuple[Block, ...]]:
    """Turn the lines of all pages into the document's text and blocks."""
    leading = _line_spacing(pages)
    pages = _drop_furniture(pages, leading)
    body = _weighted_mode((line.size, len(line.text)) for lines in pages for line in lines)
    words: Counter[str] = Counter(
        word.lower() for lines in pages for line in lines for word in _WORD.findall(line.text)
    )
    blocks = _group(pages, leading)
    larger = max(0.75, 0.05 * body)
    kinds: list[str] = []
    texts: list[str] = []
    for block in blocks:
        text = _block_text(block, words)
        first = block.lines[0]
        # a contents line ("2 Scope . . . . 4") is no heading, whatever its font
        letters = any(char.isalpha() for char in text) and not _LEADERS.search(text)
        if block.bullet:
            kind = "item"
        elif (
            letters
            and first.size >= body + larger
            and len(text) <= _HEADING_MAX_CHARS
            and len(block.lines) <= _HEADING_MAX_LINES
        ):
            kind = "sized"
        elif (
            letters
            and first.bold
            and first.size >= body - 0.5
            and len(text) < _BOLD_HEADING_MAX_CHARS
            and len(block.lines) <= _BOLD_HEADING_MAX_LINES
            and not text.rstrip().endswith(".")
        ):
            kind = "bold"
        else:
            kind = "paragraph"
        kinds.append(kind)
        texts.append(text)
    sizes = sorted(
        {b.lines[0].size for b, k in zip(blocks, kinds, strict=True) if k == "sized"},
        reverse=True,
    )
    indents = _clusters([b.indent for b in blocks if b.bullet], tolerance=0.5 * body)
    builder = TextBuilder()
    for block, kind, text in zip(blocks, kinds, texts, strict=True):
        first = block.lines[0]
        if kind == "sized":
            builder.heading(text, sizes.index(first.size) + 1)
        elif kind == "bold":
            builder.heading(text, len(sizes) + 1)
        elif kind == "item":
            level = sum(1 for indent in indents if indent < block.indent - 0.5 * body)
            builder.list_item(text, level, strong=all(line.bold for line in block.lines))
        else:
            builder.paragraph(text, strong=all(line.bold for line in block.lines))
    return builder.build()


def _clusters(values: list[float], tolerance: float) -> list[float]:
    """Return the distinct positions among ``values``, merging those within ``tolerance``."""
    starts: list[float] = []
    for value in sorted(values):
        if not starts or value - starts[-1] > tolerance:
            starts.append(value)
    return starts
