"""Read plain text: blank lines separate blocks, hard-wrapped lines are joined.

Headings are recognised by layout, as UN documents set them: a short line in capitals
("I.  ACTION LINE C3: ACCESS TO INFORMATION"), or a block of short lines none of which
ends a sentence. Rules of dashes or equals signs are dropped; list markers start items.
"""

from __future__ import annotations

import re

from wsisgraph.model import Block
from wsisgraph.read import ReadLimits, TextBuilder, decode_text

__all__ = ["read_plaintext"]

_RULE = re.compile(r"^\s*([-=_*~#]\s*){3,}$")
_BULLET = re.compile(r"^\s*(?:[-*•▪◦‣]|\(?[a-z]\)|\(?[ivx]+\))\s+")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
_WRAP = 60


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# "II. Partnerships", "3.2 Capacity building", "Action line C4 (capacity building)",
# "C7 e-health": a numbered or action-line title, whatever its case
_NUMBERED_TITLE = re.compile(
    r"^\s*(?:(?:[IVXL]{1,5}|[A-H]|\d{1,2}(?:\.\d{1,2}){0,2})[.)]?\s+|(?i:Part|Section|Chapter)\s+\w+\s*[.:\-–—]?\s+)"
    r"(?=[A-Z“\"'])|^\s*(?:WSIS\s+)?Action\s+lines?\s+C\d|^\s*C ?(?:1[01]|[1-9])\b(?!\s*[-–]\s*C)"
)


def _is_heading_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 120 or stripped.endswith((".", ";", ",", ":")):
        return False
    return _is_caps(stripped)


def _is_title_block(lines: list[str]) -> bool:
    """A block of one short line that reads as a title: numbered ("II. Partnerships", "C4.
    Capacity building") or a few capitalised words with no sentence punctuation, date or
    figures ("Governance and mandates"); a wrapped numbered paragraph is no title."""
    if len(lines) == 2 and _NUMBERED_TITLE.match(lines[0]) and not lines[1].strip().endswith((".", ";", ":")):
        # "PART ONE - Action line C1: the role of public governance authorities" / "and all stakeholders ..."
        return len(lines[0]) + len(lines[1]) <= 180 and lines[1].strip()[:1].islower()
    if len(lines) != 1:
        return False
    line = lines[0].strip()
    if line.endswith((".", ";", ",", ":")) or len(line) > 100:
        return False
    if _NUMBERED_TITLE.match(line) and len(line.split()) <= 14:
        return True
    return (
        len(line) <= 60
        and len(line.split()) <= 7
        and line[:1].isupper()
        and not line.endswith((".", ";", ",", ":", "!", "?"))
        and not re.search(r"\d", line)
        and not _BULLET.match(line)
    )


def read_plaintext(data: bytes, source: str, limits: ReadLimits) -> tuple[str, tuple[Block, ...], tuple[str, ...]]:
    """Read plain-text bytes into text and blocks."""
    text = decode_text(data, source).replace("\r\n", "\n").replace("\r", "\n")
    builder = TextBuilder()
    for raw_block in re.split(r"\n\s*\n", text):
        raw_lines = [line for line in raw_block.split("\n") if line.strip()]
        lines = [line for line in raw_lines if not _RULE.match(line)]
        if not lines:
            continue
        # a short line set between rules ("=====" above and below) is a title whatever its case
        framed = len(lines) == 1 and len(raw_lines) >= 3 and _RULE.match(raw_lines[0]) and _RULE.match(raw_lines[-1])
        if (
            (framed and len(lines[0].strip()) <= 120)
            or all(_is_heading_line(line) for line in lines)
            or _is_title_block(lines)
        ):
            builder.heading(" ".join(line.strip() for line in lines), 1)
            continue
        if _is_heading_line(lines[0]) and len(lines) > 1:
            builder.heading(lines[0], 2)
            lines = lines[1:]
        if any(_BULLET.match(line) for line in lines[1:]) or _BULLET.match(lines[0]):
            _items(builder, lines)
            continue
        wrapped = max(len(line) for line in lines) >= _WRAP
        if wrapped:
            joined = _HYPHEN_BREAK.sub(r"\1-\2", "\n".join(line.strip() for line in lines))
            builder.paragraph(joined.replace("\n", " "))
        else:
            for line in lines:
                builder.paragraph(line)
    built, blocks = builder.build()
    return built, blocks, ()


def _items(builder: TextBuilder, lines: list[str]) -> None:
    current: list[str] = []
    indent = 0

    def flush() -> None:
        if current:
            builder.list_item(" ".join(current), indent)
            current.clear()

    for line in lines:
        marker = _BULLET.match(line)
        if marker:
            flush()
            indent = (len(line) - len(line.lstrip())) // 2
            current.append(line[marker.end() :].strip())
        elif current:
            current.append(line.strip())
        else:
            builder.paragraph(line)
    flush()
