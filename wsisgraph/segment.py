"""Split a document into sections (by heading) and sentences (within blocks).

A heading, a table row and each sentence of a paragraph or list item become one
:class:`~wsisgraph.model.Sentence`. Paragraph numbers ("3.", "II.", "(a)") and footnote
markers are left outside sentence spans so quotes start with the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from wsisgraph.model import BlockKind, Document, Section, Sentence, Span

__all__ = ["sections_of", "segment_document", "sentence_spans"]

_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "no",
    "nos",
    "art",
    "arts",
    "para",
    "paras",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "vs",
    "approx",
    "incl",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "corp",
    "inc",
    "ltd",
    "co",
    "dept",
    "gov",
    "op",
    "cit",
    "ibid",
    "fig",
    "vol",
    "ch",
    "sec",
    "rev",
    "add",
    "corr",
    "u.s",
    "u.k",
    "u.n",
    "h.e",
    "amb",
    "jr",
    "sr",
    "p",
    "pp",
    "ed",
    "eds",
    "al",
}
_ENUMERATOR = re.compile(r"^(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[ivxlcIVXLC]{1,6}|[a-hA-H])[.)]\s+|\(\s*[a-z]\s*\)\s+)")
_ENUMERATOR_ONLY = re.compile(r"\s*\(?(?:\d{1,3}(?:\.\d{1,3})*|[ivxlcIVXLC]{1,6}|[a-hA-H])\)?\s*")
# Words that open a sentence far more often than they are a surname after an initial.
_SENTENCE_OPENERS = frozenset(
    re.findall(
        r"\w+",
        "the this these that those it its in on at as for with a an and but by from to of their there "
        "they we our he she his her also however moreover furthermore further finally since during "
        "after before while when where which although un",
    )
)
# A sentence end may carry a footnote marker: "... in 2019.³ The", "... in 2019.[^3] The".
_BOUNDARY = re.compile(
    r"([.!?])([\"”’')\]]*(?:\[\^?[\w-]{1,16}\]|[\u00b2\u00b3\u00b9\u2070-\u2079]+)?)(\s+)(?=[\"“‘(\[]?[A-Z0-9À-Ý])"
)
_ACTION_LINE_CODE = re.compile(r"\bC\d{1,2}$")


def sentence_spans(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield sentence spans of ``text[start:end]``.

    >>> t = "ITU met UNESCO on 3 May. It was e.g. good. Then C7. ICT applications is a line."
    >>> [t[s.start:s.end] for s in sentence_spans(t, 0, len(t))]
    ['ITU met UNESCO on 3 May.', 'It was e.g. good.', 'Then C7. ICT applications is a line.']
    """
    chunk = text[start:end]
    begin = 0
    for match in _BOUNDARY.finditer(chunk):
        before = chunk[begin : match.start(1)]
        word = re.search(r"([\w.]+)$", before)
        last = word.group(1).lower() if word else ""
        if match.group(1) == ".":
            if last.rstrip(".") in _ABBREVIATIONS:
                continue
            if _ENUMERATOR_ONLY.fullmatch(before):
                continue  # "3. The Commission ...", "II. Overview": a paragraph number, not a sentence
            if len(last) == 1 and last.isalpha():
                upcoming = re.match(r"[\"“‘(\[]?([\w'’-]+)", chunk[match.end() :])
                next_word = upcoming.group(1) if upcoming else ""
                if not before.endswith(" " + last.upper()) or (
                    next_word[:1].isupper() and next_word.lower() not in _SENTENCE_OPENERS
                ):
                    # an initial ("J. Smith"); "Annex B. The ..." still ends a sentence
                    continue
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", last):
                continue
            if _ACTION_LINE_CODE.search(before):
                # "action line C7. ICT applications" names a line, it does not end a sentence
                following = chunk[match.end() : match.end() + 20].lower()
                if following.startswith(
                    (
                        "ict ",
                        "ict,",
                        "e-",
                        "access",
                        "media",
                        "capacity",
                        "building",
                        "enabling",
                        "cultural",
                        "ethical",
                        "international",
                        "information",
                        "the role",
                    )
                ):
                    continue
        sentence_end = match.end(2)
        yield from _trimmed(text, start + begin, start + sentence_end)
        begin = match.end()
    yield from _trimmed(text, start + begin, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    enumerator = _ENUMERATOR.match(text[start:end])
    if enumerator and end - start > enumerator.end() + 2:
        start += enumerator.end()
    if end > start:
        yield Span(start, end)


def sections_of(document: Document) -> tuple[Section, ...]:
    """Group the blocks of ``document`` under their headings.

    Section 0 is the part before the first heading (possibly empty).
    """
    sections: list[Section] = []
    stack: list[int] = []
    current_blocks: list[int] = []
    current_heading: Span | None = None
    current_level = 0
    current_start = 0
    current_parent: int | None = None

    def close(end: int) -> None:
        sections.append(
            Section(
                index=len(sections),
                heading=current_heading,
                level=current_level,
                span=Span(current_start, max(end, current_start)),
                parent=current_parent,
                blocks=tuple(current_blocks),
            )
        )

    for number, block in enumerate(document.blocks):
        if block.kind is BlockKind.HEADING:
            close(block.span.start)
            while stack and sections[stack[-1]].level >= block.level:
                stack.pop()
            current_parent = stack[-1] if stack else None
            current_heading = block.span
            current_level = block.level
            current_start = block.span.start
            current_blocks = [number]
            stack.append(len(sections))
        else:
            current_blocks.append(number)
    close(len(document.text))
    return tuple(sections)


def segment_document(document: Document) -> tuple[tuple[Section, ...], tuple[Sentence, ...]]:
    """Split ``document`` into sections and sentences."""
    sections = sections_of(document)
    section_of_block: dict[int, int] = {}
    for section in sections:
        for block_number in section.blocks:
            section_of_block[block_number] = section.index
    sentences: list[Sentence] = []
    for number, block in enumerate(document.blocks):
        section_number = section_of_block.get(number, 0)
        if block.kind in (BlockKind.HEADING, BlockKind.TABLE_ROW):
            spans: list[Span] = list(_trimmed(document.text, block.span.start, block.span.end))
        else:
            spans = list(sentence_spans(document.text, block.span.start, block.span.end))
        for span in spans:
            sentences.append(Sentence(len(sentences), span, number, section_number))
    return sections, tuple(sentences)
