"""Immutable objects passed between the pipeline stages.

read -> :class:`Document` (text and :class:`Block` structure with character offsets)
segment -> :class:`Section` and :class:`Sentence`
mentions/resolve -> :class:`Entity` and :class:`Mention`
events -> :class:`Fact` with :class:`Evidence`

Offsets always point into ``Document.text``, the text the reader produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Block",
    "BlockKind",
    "DateValue",
    "Document",
    "Entity",
    "EntityKind",
    "Evidence",
    "Fact",
    "FactKind",
    "Mention",
    "Section",
    "Sentence",
    "Span",
]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` in a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class BlockKind(StrEnum):
    """The layout unit a reader found."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True, slots=True)
class Block:
    """One layout unit of a document: a heading, paragraph, list item or table row.

    ``level`` is the heading level (1 = top) or the list nesting depth (0 = top).
    A table row's ``cells`` are the spans of its cells in the text; ``table`` numbers the
    tables of a document and ``header`` marks a header row.
    """

    kind: BlockKind
    span: Span
    level: int = 0
    cells: tuple[Span, ...] = ()
    table: int = -1
    header: bool = False
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """A document as a reader produced it: its id, extracted text and layout blocks."""

    id: str
    source: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    sha256: str
    warnings: tuple[str, ...] = ()

    def quote(self, span: Span) -> str:
        return self.text[span.start : span.end]


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks under it, up to the next heading of the same or higher level."""

    index: int
    heading: Span | None
    level: int
    span: Span
    parent: int | None
    blocks: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, or a whole heading, list item or table row, with its place in the layout."""

    index: int
    span: Span
    block: int
    section: int


class EntityKind(StrEnum):
    """What sort of thing an entity is; decides its ontology class and the roles it can fill."""

    ORGANIZATION = "organization"
    GROUP = "group"
    BODY = "body"
    COUNTRY = "country"
    STAKEHOLDER = "stakeholder"
    PERSON_ROLE = "person"
    PLACE = "place"
    EVENT = "event"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world actor or place, with the name used in facts and its known names.

    ``key`` is stable across documents (it mints the IRI). ``head`` is the head noun of
    the full name ("Coalition", "Commission"...) used for typing and for resolving
    "the Coalition". ``parent`` is the key of the body an entity belongs to, if any.
    """

    key: str
    name: str
    kind: EntityKind
    full_name: str = ""
    acronym: str = ""
    head: str = ""
    category: str = ""
    parent: str = ""
    reference: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names an entity (after resolution)."""

    span: Span
    entity: str
    kind: EntityKind
    text: str = ""
    generic: bool = False


@dataclass(frozen=True, slots=True, order=True)
class DateValue:
    """An ISO 8601 date at the precision of the text: ``2019``, ``2019-12`` or ``2019-12-10``."""

    value: str
    end: str = ""

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.value), "year")

    def shared(self) -> str:
        """The start and end at the precision they share ("2018-10-29".."2018-11-16" -> "2018")."""
        if not self.end:
            return self.value
        if self.value[:7] == self.end[:7]:
            return self.value[:7] if len(self.value) > 7 else self.value
        if self.value[:4] == self.end[:4]:
            return self.value[:4]
        return self.value


class FactKind(StrEnum):
    """The kinds of fact in the facts contract."""

    MEMBERSHIP = "membership"
    MANDATE = "mandate"
    MEETING = "meeting"
    HANDOVER = "handover"
    ACTION_LINE = "action_line"
    FACILITATION = "facilitation"
    COOPERATION = "cooperation"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was said: a span of a document's text, the exact quote, and why."""

    document: str
    span: Span
    quote: str
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted fact with its roles; entity roles hold entity keys.

    ``roles`` maps a role name (``member``, ``group``, ``organizers``...) to a tuple of
    entity keys; ``values`` holds literal attributes (``function``, ``sub_line``, ``status``,
    ``name``). Dates are :class:`DateValue`.
    """

    kind: FactKind
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    evidence: tuple[Evidence, ...]
    date: DateValue | None = None
    place: str = ""
    values: tuple[tuple[str, str], ...] = ()
    since: DateValue | None = None
    until: DateValue | None = None
    planned: bool = False

    def role(self, name: str) -> tuple[str, ...]:
        for key, value in self.roles:
            if key == name:
                return value
        return ()

    def value(self, name: str) -> str:
        for key, value in self.values:
            if key == name:
                return value
        return ""
