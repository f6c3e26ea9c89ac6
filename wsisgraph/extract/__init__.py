"""From a document to facts: mentions -> resolution -> one extractor per kind of fact.

:func:`extract_document` is the stage the pipeline calls; everything below it works on the
masked sentences of :mod:`wsisgraph.extract.mentions`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wsisgraph.extract.actionlines import extract_action_lines
from wsisgraph.extract.context import Candidate, Context, Rejection, fact_from
from wsisgraph.extract.distractors import note_distractors
from wsisgraph.extract.header import DocumentInfo, read_header
from wsisgraph.extract.mandates import extract_handovers, extract_mandates
from wsisgraph.extract.meetings import extract_meetings
from wsisgraph.extract.memberships import extract_cooperations, extract_memberships
from wsisgraph.extract.mentions import SentenceView, find_mentions
from wsisgraph.gazetteer import gazetteer
from wsisgraph.model import DateValue, Document, Entity, Evidence, Fact, FactKind, Sentence
from wsisgraph.resolve import resolve_mentions
from wsisgraph.segment import segment_document

__all__ = ["Extraction", "extract_document", "fact_key"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    info: DocumentInfo
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    sentences: tuple[Sentence, ...]
    views: tuple[SentenceView, ...]
    candidates: tuple[Candidate, ...]
    rejections: tuple[Rejection, ...]


def extract_document(document: Document) -> Extraction:
    """Extract the facts of one document."""
    sections, sentences = segment_document(document)
    mentions = resolve_mentions(find_mentions(document, sections, sentences))
    ctx = Context(mentions)
    info = read_header(ctx)
    events = extract_meetings(ctx)
    meeting_dates: dict[int, DateValue] = {}
    for event in events:
        if event.date is not None:
            for view in event.views:
                meeting_dates.setdefault(view.sentence.index, event.date)
    extract_memberships(ctx)
    extract_cooperations(ctx)
    extract_mandates(ctx)
    extract_handovers(ctx, meeting_dates)
    _date_mandates_by_meetings(ctx, events)
    extract_action_lines(ctx)
    note_distractors(ctx)
    facts = merge_candidates(ctx, ctx.candidates)
    used = {key for fact in facts for _, keys in fact.roles for key in keys}
    entities = {key: entity for key, entity in mentions.entities.items() if key in used}
    for key in sorted(used - set(entities)):
        # every entity a fact uses is described in the document graph (label, class)
        known = ctx.entity(key) or gazetteer().entities.get(key)
        if known is not None:
            entities[key] = known
    return Extraction(
        document=document,
        info=info,
        entities=entities,
        facts=facts,
        sentences=sentences,
        views=tuple(mentions.views),
        candidates=tuple(ctx.candidates),
        rejections=tuple(ctx.rejections),
    )


def _date_mandates_by_meetings(ctx: Context, events: list) -> None:  # type: ignore[type-arg]
    """A mandate adopted at a meeting is dated by that meeting (at the precision its dates share)."""
    updated: list[Candidate] = []
    for candidate in ctx.candidates:
        if candidate.kind is FactKind.MANDATE and candidate.date is None:
            issuer = candidate.roles[0][1][0]
            section = candidate.view.section
            for event in events:
                if event.date is None or issuer not in (*event.bodies, *event.organizers):
                    continue
                if any(view.section == section for view in event.views):
                    candidate = Candidate(
                        candidate.kind,
                        candidate.roles,
                        candidate.view,
                        candidate.rule,
                        candidate.confidence,
                        date=DateValue(event.date.shared()),
                    )
                    break
        updated.append(candidate)
    ctx.candidates[:] = updated


def fact_key(candidate: Candidate | Fact) -> tuple[object, ...]:
    """What makes two statements the same fact within a document."""
    roles = dict(candidate.roles)
    values = dict(candidate.values)
    kind = candidate.kind
    if kind is FactKind.MEETING:
        date = candidate.date.value if candidate.date else ""
        return (kind, date, candidate.place)
    if kind is FactKind.COOPERATION:
        return (kind, tuple(sorted(roles["parties"])))
    if kind in (FactKind.ACTION_LINE, FactKind.FACILITATION):
        who = roles.get("actor") or roles.get("facilitator")
        return (kind, who, values.get("action_line", ""), values.get("sub_line", ""))
    if kind is FactKind.HANDOVER:
        return (kind, roles["from"], roles["to"])
    return (kind, *(roles[name] for name in sorted(roles)))


def _better_date(one: DateValue | None, other: DateValue | None) -> DateValue | None:
    if one is None:
        return other
    if other is None:
        return one
    return other if len(other.value) > len(one.value) and other.value.startswith(one.value) else one


def merge_candidates(ctx: Context, candidates: list[Candidate]) -> tuple[Fact, ...]:
    """Merge statements of the same fact; each keeps all of its evidence."""
    groups: dict[tuple[object, ...], list[Candidate]] = defaultdict(list)
    for candidate in _drop_subsumed(candidates):
        groups[fact_key(candidate)].append(candidate)
    facts: list[Fact] = []
    for members in groups.values():
        first = members[0]
        date = first.date
        since, until = first.since, first.until
        values = dict(first.values)
        planned = all(member.planned for member in members)
        for member in members[1:]:
            date = _better_date(date, member.date)
            since = _better_date(since, member.since)
            until = _better_date(until, member.until)
            for key, value in member.values:
                values.setdefault(key, value)
        evidence: dict[tuple[int, int, str], Evidence] = {}
        for member in members:
            item = ctx.evidence(member)
            evidence.setdefault((item.span.start, item.span.end, item.rule), item)
        merged = Candidate(
            first.kind,
            first.roles,
            first.view,
            first.rule,
            max(m.confidence for m in members),
            date=date,
            place=first.place,
            values=tuple(sorted(values.items())),
            since=since,
            until=until,
            planned=planned,
        )
        facts.append(fact_from(merged, tuple(evidence.values())))
    return tuple(facts)


def _drop_subsumed(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a cooperation whose parties are a subset of another's in the same sentence, and a
    bare action line where the same actor's line is given with a C7 sub-line."""
    kept: list[Candidate] = []
    cooperation = [c for c in candidates if c.kind is FactKind.COOPERATION]
    with_sub = {
        (c.kind, c.roles, c.view.sentence.index)
        for c in candidates
        if c.kind in (FactKind.ACTION_LINE, FactKind.FACILITATION) and dict(c.values).get("sub_line")
    }
    for candidate in candidates:
        if candidate.kind is FactKind.COOPERATION:
            parties = set(candidate.roles[0][1])
            if any(
                other is not candidate and other.view is candidate.view and parties < set(other.roles[0][1])
                for other in cooperation
            ):
                continue
        if (
            candidate.kind in (FactKind.ACTION_LINE, FactKind.FACILITATION)
            and not dict(candidate.values).get("sub_line")
            and dict(candidate.values).get("action_line") == "C7"
            and ((candidate.kind, candidate.roles, candidate.view.sentence.index) in with_sub)
        ):
            continue
        kept.append(candidate)
    return kept
