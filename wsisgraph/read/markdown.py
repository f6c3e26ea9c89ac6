"""Read Markdown (CommonMark with GFM tables) through markdown-it-py's token stream."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from wsisgraph.model import Block
from wsisgraph.read import ReadLimits, TextBuilder, decode_text, footnote_marker

__all__ = ["inline_text", "read_markdown"]

_TAG = re.compile(r"<[^>]*>")


def inline_text(token: Token) -> tuple[str, bool]:
    """Plain text of an inline token, and whether all of it was bold."""
    parts: list[str] = []
    strong_depth = 0
    plain_outside_strong = False
    raised: int | None = None  # where the text of an open <sup> starts in ``parts``
    for child in token.children or []:
        if child.type == "strong_open":
            strong_depth += 1
        elif child.type == "strong_close":
            strong_depth -= 1
        elif child.type == "html_inline" and child.content.lower().startswith("<sup"):
            raised = len(parts)
        elif child.type == "html_inline" and child.content.lower().startswith("</sup") and raised is not None:
            # a raised footnote marker reads as superscript digits ("UNEP<sup>2</sup>" -> "UNEP²")
            marker = footnote_marker("".join(parts[raised:]))
            if marker is not None:
                parts[raised:] = [marker]
            raised = None
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
            if child.content.strip() and strong_depth == 0:
                plain_outside_strong = True
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline":
            # <br> separates, other tags (<sup>, <span>) only wrap text
            parts.append(" " if child.content.lower().startswith("<br") else "")
        elif child.type == "image":
            parts.append(child.content or "")
    text = "".join(parts)
    return text, bool(text.strip()) and not plain_outside_strong


_FIELD_LINE = re.compile(r"^\s*[A-Z][\w /&()'-]{0,40}:\s*\S")


def _lines(token: Token) -> list[Token]:
    """The lines of a paragraph, as inline tokens of their own, split at its line breaks."""
    lines: list[list[Token]] = [[]]
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    result = []
    for children in lines:
        line = Token("inline", "", 0)
        line.children = children
        result.append(line)
    return result


def _split_fields(token: Token) -> list[tuple[str, bool]] | None:
    """A paragraph that is really a set of lines ("**Entity:** X" / "**Headquarters:** Y", or a bold
    title line over a plain one): each line read on its own; ``None`` for running text."""
    lines = [inline_text(line) for line in _lines(token)]
    if len(lines) < 2:
        return None
    fields = [bool(_FIELD_LINE.match(text)) for text, _ in lines]
    if all(fields) or (lines[0][1] and not all(strong for _, strong in lines)):
        return lines
    return None


def read_markdown(data: bytes, source: str, limits: ReadLimits) -> tuple[str, tuple[Block, ...], tuple[str, ...]]:
    """Read Markdown bytes into text and blocks (headings, paragraphs, list items, table rows)."""
    text = decode_text(data, source)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    builder = TextBuilder()
    list_depth = -1
    in_item = 0
    table = -1
    in_header = False
    row: list[str] | None = None
    heading_level = 0
    last_heading = 0
    for position, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "table_open":
            table += 1
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            builder.table_row(row, table=table, header=in_header)
            row = None
        elif kind == "inline":
            content, strong = inline_text(token)
            if row is not None:
                row.append(content)
            elif heading_level:
                builder.heading(content, heading_level)
                last_heading = heading_level
            elif in_item:
                builder.list_item(content, max(list_depth, 0), strong=strong)
            elif (
                not in_item
                and position > 0
                and tokens[position - 1].type == "paragraph_open"
                and (split := _split_fields(token)) is not None
            ):
                for line_text, line_strong in split:
                    if line_strong:
                        builder.heading(line_text, min(last_heading + 1, 6) if last_heading else 2)
                    else:
                        builder.paragraph(line_text)
            elif strong and position > 0 and tokens[position - 1].type == "paragraph_open":
                # A paragraph wholly in bold works as a sub-heading in submissions.
                builder.heading(content, min(last_heading + 1, 6) if last_heading else 2)
            else:
                builder.paragraph(content)
        elif kind in ("code_block", "fence"):
            for paragraph in token.content.split("\n\n"):
                builder.paragraph(paragraph)
        elif kind == "html_block":
            stripped = _TAG.sub(" ", token.content)
            if stripped.strip():
                builder.paragraph(stripped)
    built_text, blocks = builder.build()
    return built_text, blocks, ()
