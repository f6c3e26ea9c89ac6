"""Read HTML with selectolax (the Lexbor HTML5 parser): headings, paragraphs, lists, tables.

Scripts, styles, templates, navigation and forms are dropped; their text never reaches the
graph. Text directly inside containers (``div``, ``section``...) becomes a paragraph.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from wsisgraph.model import Block
from wsisgraph.read import ReadLimits, TextBuilder, decode_text, footnote_marker

__all__ = ["read_html"]

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "form",
    "button",
    "select",
    "svg",
    "iframe",
    "object",
    "head",
    "title",
    "meta",
    "link",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "cite",
    "code",
    "data",
    "dfn",
    "em",
    "i",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
    "font",
    "ins",
    "del",
}
_BOLD = {"b", "strong"}


def _inline(node: LexborNode, nested: list[LexborNode] | None = None, *, breaks: str = " ") -> tuple[str, bool]:
    """Text of an element's inline content and whether all of it was bold.

    With ``nested``, a table inside the element (a table in a table cell) is left out of the
    text and collected there, to be read as a table of its own.
    """
    parts: list[str] = []
    plain = False

    def walk(current: LexborNode, bold: bool) -> None:
        nonlocal plain
        child = current.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                content = child.text_content or ""
                parts.append(content)
                if content.strip() and not bold:
                    plain = True
            elif tag == "br":
                parts.append(breaks)
            elif tag == "img":
                parts.append(child.attributes.get("alt") or "")
            elif tag == "sup" and (marker := _raised_marker(child)) is not None:
                parts.append(marker)
            elif tag == "table" and nested is not None:
                nested.append(child)
                parts.append(" ")
            elif tag not in _DROP and tag != "-comment":
                walk(child, bold or tag in _BOLD)
            child = child.next

    walk(node, False)
    text = "".join(parts)
    return text, bool(text.strip()) and not plain


def _raised_marker(node: LexborNode) -> str | None:
    """A ``<sup>`` footnote marker as superscript digits ("UNEP<sup>2</sup>" -> "UNEP²")."""
    return footnote_marker(node.text(deep=True) or "")


class _Walker:
    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.tables = -1
        self.last_heading = 0

    def block(self, node: LexborNode, list_depth: int) -> None:
        tag = node.tag
        if tag in _DROP or tag == "-comment":
            return
        if tag in _HEADINGS:
            text, _ = _inline(node)
            self.builder.heading(text, _HEADINGS[tag])
            self.last_heading = _HEADINGS[tag]
        elif tag == "p":
            text, strong = _inline(node, breaks="\n")
            lines = [line for line in text.split("\n") if line.strip()]
            if len(lines) > 1 and all(
                len(line) < 100 and not line.rstrip().endswith((".", ";", ",")) for line in lines
            ):
                # a letterhead or an address: "<strong>World Health Organization</strong><br>20,
                # avenue Appia<br>Geneva": a line each
                for line in lines:
                    self.builder.paragraph(line)
                return
            text = text.replace("\n", " ")
            if strong:
                self.builder.heading(text, min(self.last_heading + 1, 6) or 2)
            else:
                self.builder.paragraph(text)
        elif tag in ("ul", "ol"):
            self.children(node, list_depth + 1)
        elif tag == "li":
            self.list_item(node, list_depth)
        elif tag == "table":
            self.tables += 1
            self.table(node)
        elif tag in ("pre", "blockquote", "dd", "dt", "figcaption", "address"):
            text, _ = _inline(node)
            self.builder.paragraph(text)
        else:
            self.children(node, list_depth)

    def children(self, node: LexborNode, list_depth: int) -> None:
        loose: list[str] = []
        child = node.child
        while child is not None:
            if child.tag == "-text" or child.tag in _INLINE or child.tag == "br":
                if child.tag == "-text":
                    loose.append(child.text_content or "")
                elif child.tag == "br":
                    loose.append(" ")
                elif child.tag == "sup" and (marker := _raised_marker(child)) is not None:
                    loose.append(marker)
                else:
                    loose.append(_inline(child)[0])
            else:
                self._flush(loose)
                self.block(child, list_depth)
            child = child.next
        self._flush(loose)

    def _flush(self, loose: list[str]) -> None:
        if "".join(loose).strip():
            self.builder.paragraph("".join(loose))
        loose.clear()

    def list_item(self, node: LexborNode, depth: int) -> None:
        own: list[str] = []
        nested: list[LexborNode] = []
        child = node.child
        while child is not None:
            if child.tag in ("ul", "ol", "table"):
                nested.append(child)
            elif child.tag == "-text":
                own.append(child.text_content or "")
            elif child.tag == "br":
                own.append(" ")
            elif child.tag == "sup" and (marker := _raised_marker(child)) is not None:
                own.append(marker)
            elif child.tag not in _DROP and child.tag != "-comment":
                own.append(_inline(child)[0])
            child = child.next
        text = "".join(own)
        bold = [c for c in node.iter() if c.tag in ("strong", "b")]
        if nested and bold and text.strip() == " ".join(_inline(c)[0] for c in bold).strip() and len(text) < 160:
            # "<li><strong>C7 — ICT applications</strong><ul>...</ul></li>": a titled group of items
            self.builder.heading(text, min(self.last_heading + 1, 6) or 2)
        else:
            self.builder.list_item(text, max(depth, 0))
        for sub in nested:
            self.block(sub, depth)

    def table(self, node: LexborNode) -> None:
        # only this table's own rows and cells: a table inside a cell is read once, after the
        # row that holds it, as a table of its own
        table = self.tables
        caption = next((child for child in node.iter() if child.tag == "caption"), None)
        if caption is not None:
            # "Table 1. Members of the Committee, 2021": the table's title, read above its rows
            text, _ = _inline(caption)
            if text.strip():
                self.builder.heading(text, min(self.last_heading + 1, 6) or 2)
        for row in _rows(node):
            cells = [cell for cell in row.iter() if cell.tag in ("td", "th")]
            if not cells:
                continue
            header = all(cell.tag == "th" for cell in cells)
            nested: list[LexborNode] = []
            texts = [_inline(cell, nested)[0] for cell in cells]
            self.builder.table_row(texts, table=table, header=header)
            for inner in nested:
                self.tables += 1
                self.table(inner)


def _rows(table: LexborNode) -> list[LexborNode]:
    """The rows of a table, in its body, head and foot, but not those of a table inside it."""
    rows: list[LexborNode] = []
    for child in table.iter():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.iter() if row.tag == "tr")
    return rows


def read_html(data: bytes, source: str, limits: ReadLimits) -> tuple[str, tuple[Block, ...], tuple[str, ...]]:
    """Read HTML bytes into text and blocks."""
    text = decode_text(data, source)
    tree = LexborHTMLParser(text)
    body = tree.body
    walker = _Walker()
    if body is not None:
        walker.children(body, -1)
    built, blocks = walker.builder.build()
    return built, blocks, ()
