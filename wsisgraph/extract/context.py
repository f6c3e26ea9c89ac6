"""What every rule needs: the resolved sentences, actor lists, cues, and fact collection."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from wsisgraph.extract.lexicon import ACTOR_HEADS
from wsisgraph.extract.mentions import DocumentMentions, SentenceView, Slot, is_actor
from wsisgraph.model import DateValue, Entity, EntityKind, Evidence, Fact, FactKind, Span

__all__ = [
    "CONDITIONAL",
    "LIST",
    "NEGATION",
    "PLANNED",
    "Candidate",
    "Context",
    "E",
    "Rejection",
]

E = r"⟪E\d+⟫"
_SEP = (
    r"(?:\s*;\s*(?:and|as\s+well\s+as)\s+|\s*,\s*|\s*;\s*|,?\s+(?:and|as well as|&|and also|along\s+with)\s+|"
    r",?\s+and\s+of\s+|,\s*and\s+)"
)
LIST = rf"(?:{E}(?:{_SEP}(?:also\s+)?(?:the\s+)?{E})*)"

NEGATION = re.compile(
    r"\b(?:not|never|no longer|neither|nor|n't|rather than|instead of|other than|failed to|"
    r"declined to|refused to|withdrew|withdrawn|left|ceased|excluding|except)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(?:will|shall|would|plans?\s+to|planned|planning|intends?\s+to|intention|expected\s+to|"
    r"is\s+to|are\s+to|to\s+be\s+(?:held|organi[sz]ed|convened|hosted)|scheduled|upcoming|"
    r"forthcoming|aims?\s+to|hopes?\s+to|proposed|may|might|could|should|offered\s+to|"
    r"announced\s+that|called\s+for|due\s+to\s+(?:start|begin|take|be)|to\s+take\s+place|"
    r"envisaged|foreseen|next\s+(?:year|edition|session))\b",
    re.IGNORECASE,
)
CONDITIONAL = re.compile(r"^\s*(?:If|Should|Unless|Provided that|In case)\b|\b(?:if|unless)\s+⟪", re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fact before merging: its kind, roles, attributes and where it was said."""

    kind: FactKind
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    view: SentenceView
    rule: str
    confidence: float
    date: DateValue | None = None
    place: str = ""
    values: tuple[tuple[str, str], ...] = ()
    since: DateValue | None = None
    until: DateValue | None = None
    planned: bool = False


@dataclass(frozen=True, slots=True)
class Rejection:
    """A construction a rule saw and refused, with the reason (for ``wsisgraph explain``)."""

    view: SentenceView
    rule: str
    reason: str
    text: str


@dataclass(slots=True)
class Context:
    """The document under extraction and the facts found so far."""

    mentions: DocumentMentions
    submitter: str = ""
    is_submission: bool = False
    candidates: list[Candidate] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    extra_entities: dict[str, Entity] = field(default_factory=dict)
    claimed_tables: set[int] = field(default_factory=set)

    @property
    def views(self) -> list[SentenceView]:
        return self.mentions.views

    def entity(self, key: str) -> Entity | None:
        return self.extra_entities.get(key) or self.mentions.entities.get(key)

    def add(self, candidate: Candidate) -> None:
        self.candidates.append(candidate)

    def reject(self, view: SentenceView, rule: str, reason: str, text: str = "") -> None:
        self.rejections.append(Rejection(view, rule, reason, text or view.text))

    def evidence(self, candidate: Candidate) -> Evidence:
        view = candidate.view
        span = view.sentence.span
        return Evidence(
            document=self.mentions.document.id,
            span=Span(span.start, span.end),
            quote=view.text,
            rule=candidate.rule,
            confidence=candidate.confidence,
        )

    # --- reading slots ------------------------------------------------------------------------

    def actors(
        self,
        view: SentenceView,
        masked_part: str,
        *,
        stakeholders: bool = True,
        places: bool = False,
    ) -> list[str]:
        """Entity keys of the actors named in a part of a masked sentence, in order."""
        keys: list[str] = []
        for slot in view.placeholders(masked_part):
            if not slot.keys:
                continue
            kind = slot.kind
            if kind is EntityKind.STAKEHOLDER and not stakeholders:
                continue
            if kind is EntityKind.PLACE and not places:
                continue
            if not is_actor(kind) and kind is not EntityKind.EVENT and not (places and kind is EntityKind.PLACE):
                continue
            for key in slot.keys:
                if key.startswith("event:"):
                    continue
                if key not in keys:
                    keys.append(key)
        return keys

    def groups(self, view: SentenceView, masked_part: str) -> list[str]:
        """Keys of the entities in ``masked_part`` that can have members."""
        found: list[str] = []
        for slot in view.placeholders(masked_part):
            for key in slot.keys:
                entity = self.entity(key)
                if entity and self.is_group(entity) and key not in found:
                    found.append(key)
        return found

    def is_group(self, entity: Entity, *, stated: bool = False) -> bool:
        """Whether an entity is a collaboration or body that has members.

        ``stated``: the sentence itself says the entity has members ("the members of the
        Group are ..."), which settles a "... Group" that could be a company's name.
        """
        if entity.kind in (EntityKind.GROUP, EntityKind.BODY):
            return True
        if stated and entity.kind is EntityKind.ORGANIZATION and not entity.reference and entity.head == "group":
            return True
        if entity.kind is EntityKind.ORGANIZATION and not entity.reference:
            if entity.head in (
                "committee",
                "board",
                "council",
                "commission",
                "consortium",
                "facility",
                "initiative",
                "programme",
                "program",
                "partnership",
            ):
                return True
            # a name with no telling head noun ("Giga", "eTrade for all", "EQUALS")
            return entity.head not in ACTOR_HEADS and not entity.key.startswith("country/")
        return False

    def dates(self, view: SentenceView, masked_part: str) -> list[DateValue]:
        return [slot.date for slot in view.placeholders(masked_part, "D") if slot.date]

    def slot_of(self, view: SentenceView, placeholder: str) -> Slot:
        return view.slot(placeholder)

    def iter_matches(
        self, pattern: re.Pattern[str], views: Iterable[SentenceView] | None = None
    ) -> Iterator[tuple[SentenceView, re.Match[str]]]:
        for view in views if views is not None else self.views:
            for match in pattern.finditer(view.masked):
                yield view, match


def clause_around(masked: str, start: int, end: int) -> str:
    """The clause of ``masked`` containing ``[start, end)``: bounded by ';' or sentence ends."""
    left = masked.rfind(";", 0, start) + 1
    right = masked.find(";", end)
    return masked[left : right if right >= 0 else len(masked)]


def fact_from(candidate: Candidate, evidence: tuple[Evidence, ...]) -> Fact:
    """A :class:`Fact` from a merged candidate and all its evidence."""
    return Fact(
        kind=candidate.kind,
        roles=candidate.roles,
        evidence=evidence,
        date=candidate.date,
        place=candidate.place,
        values=candidate.values,
        since=candidate.since,
        until=candidate.until,
        planned=candidate.planned,
    )
