"""What a document says about itself: title, submitter, CSTD session, reporting year.

CSTD submissions open with a standard header: the Commission's name, "Twenty-fourth session
Geneva, 17 to 21 May 2021", "Submission by" and the submitting entity. Meeting reports and
syntheses have no submitter; their sections' action lines are not anyone's own work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wsisgraph.extract.context import Context
from wsisgraph.extract.lexicon import ordinal_value
from wsisgraph.extract.mentions import SentenceView, is_actor
from wsisgraph.model import EntityKind

__all__ = ["DocumentInfo", "read_header"]

_SUBMITTED = r"(?:\s+(?:submitted|prepared|presented|provided|sent|received))?"
# "Submitting entity", "Contributing organization", "Contributor", "Submitted by": the labels
# a header puts before the submitting entity, alone on a line or followed by the name
_LABEL = (
    rf"(?:(?:Submission|Contribution|Input|Report|Note){_SUBMITTED}\s+(?:by|from)"
    r"|(?:Submitted|Contributed|Prepared|Presented|Provided|Sent)\s+by"
    r"|(?:Submitting|Contributing|Reporting|Responsible)\s+(?:entity|organi[sz]ation|agency|body|office)"
    r"|Contributor|Submitter|Entity|Organi[sz]ation|Agency|From|Name\s+of\s+(?:the\s+)?(?:entity|organi[sz]ation))"
)
_SUBMISSION_BY = re.compile(
    rf"^\s*(?:{_LABEL}|(?:Submission|Contribution|Input|Report|Note){_SUBMITTED}\s+of)\s*:?\s*$", re.IGNORECASE
)
_SUBMISSION_INLINE = re.compile(
    rf"^\s*(?:{_LABEL}\s*:\s*|(?:Submission|Contribution|Submitted|Contributed|Prepared|Presented){_SUBMITTED}"
    r"\s+(?:by|from)\s+)"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_YEAR = re.compile(
    r"\b(?:efforts|progress(?:\s+made)?|activities|work|contribution|implementation)\s+in\s+"
    r"(?P<year>(?:19|20)\d\d)\b|\bFY\s?(?P<fy>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_SESSION = re.compile(r"\b(?P<ordinal>[\w-]+)\s+session\b", re.IGNORECASE)
_DOC_NOUN = r"(?:contribution|submission|input|inputs|report|response|update)"
# "Contribution of the United Nations Population Fund (UNFPA) to the 25th session": a title
# naming the submitter after "of/from/by" (not "Note by", "Report of": the synthesis's own)
_CONTRIBUTION_OF = re.compile(
    r"(?:^|[—–|:]\s*)\W*(?:(?:the|an?)\s+)?(?:(?:annual|written|joint)\s+)?(?:contribution|submission|inputs?|response|update)s?"
    r"\s+(?:of|from|by)\s+(?:the\s+)?(?:(?:secretariat|office)\s+of\s+(?:the\s+)?)?⟪E(?P<slot>\d+)⟫"
    # "inputs from the United Nations system": the system as a whole is no submitter
    r"(?!\s+(?:system|family|entities|agencies|organi[sz]ations)\b)",
    re.IGNORECASE,
)
# "UNFPA's contribution to ...", "ESCAP contribution on WSIS implementation", "WMO input for"
_POSSESSIVE = re.compile(
    rf"(?:^|[\s\-–—:|(])(?:the\s+)?⟪E(?P<slot>\d+)⟫(?:\s*\(⟪E\d+⟫\))?(?:['’]s?)?\s+(?:(?:annual|written)\s+)?"
    rf"{_DOC_NOUN}\s+(?:to|on|for|towards)\b",
    re.IGNORECASE,
)
# "United Nations Volunteers (UNV) — Submission to the Commission ..."
_NAME_DASH_DOCUMENT = re.compile(
    rf"^\W*(?:the\s+)?⟪E(?P<slot>\d+)⟫(?:\s*\(⟪E\d+⟫\))?\s*[—–\-:|·]\s*(?:(?:annual|written|joint)\s+)?{_DOC_NOUN}s?\b",
    re.IGNORECASE,
)
# "The United Nations Volunteers programme, headquartered in Bonn, submits the following summary"
_SUBMITS = re.compile(
    r"^\s*(?:The\s+)?⟪E(?P<slot>\d+)⟫(?:[^.;⟪]|⟪E\d+⟫){0,60}?\s+(?:hereby\s+|herewith\s+)?(?:submits|presents|offers|"
    r"provides|transmits|sends)\s+(?:the\s+following|this|its|the\s+present|herewith)\b",
    re.IGNORECASE,
)
# "This submission was prepared by ...", "This input is provided by ...", "This report is UNFPA's input"
_THIS_BY = re.compile(
    rf"^\s*(?:This|The\s+present|The\s+following)\s+(?:{_DOC_NOUN}|document|paper)\s+"
    r"(?:(?:is|was|has\s+been|have\s+been)\s+)?(?:(?:prepared|submitted|provided|compiled|presented|sent|made)\s+)?"
    r"(?:by|from|on\s+behalf\s+of)\s+(?:the\s+)?⟪E(?P<slot>\d+)⟫",
    re.IGNORECASE,
)
# bodies that receive submissions or whose report they feed: never the submitter by these rules
# a synthesis or a secretariat's note about the submissions is no submission itself
_NOT_A_SUBMISSION = re.compile(
    r"\bsynthesis\b|^\W*note\s+by\s+the\b|^\W*(?:the\s+)?report\s+of\s+the\s+secretary-general\b|"
    r"\bsummary\s+of\s+(?:the\s+)?(?:contributions|submissions|inputs)\b|\bmeeting\s+(?:summary|report)\b|"
    r"^\W*outcome\s+document\b",
    re.IGNORECASE,
)
_RECEIVERS = frozenset({"org/cstd", "org/un-secretary-general", "org/eosg", "org/ecosoc", "org/unga"})


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Metadata of a document, as far as its text gives it."""

    title: str = ""
    submitter: str = ""
    session: int = 0
    year: int = 0
    is_submission: bool = False


def read_header(ctx: Context) -> DocumentInfo:
    """Read the document's header and set the submitter on ``ctx``."""
    views = ctx.views
    title = next((v.text for v in views if v.kind == "heading"), views[0].text if views else "")
    submitter = ""
    for index, view in enumerate(views[:40]):
        # "Submitted by: | World Bank Group": a header laid out as a table reads as one line
        line = view.text.replace(" | ", " ") if view.kind == "table_row" else view.text
        inline = _SUBMISSION_INLINE.match(line)
        if _SUBMISSION_BY.match(view.text):
            for following in views[index + 1 : index + 3]:
                submitter = _first_actor(following, ctx)
                if submitter:
                    break
        elif inline and view.kind in ("heading", "paragraph", "table_row", "list_item") and len(view.text) < 200:
            submitter = _first_actor(view, ctx)
        elif view.kind == "table_row" and _LABEL_CELL.match(view.text.split(" | ", 1)[0]) and " | " in view.text:
            # "Submitting entity | ESCWA": a label cell, the name in the next
            rest = view.masked.split(" | ", 1)[1] if " | " in view.masked else ""
            submitter = next(
                (s.keys[0] for s in view.placeholders(rest) if s.keys and s.kind is EntityKind.ORGANIZATION), ""
            )
        if submitter:
            break
    if not submitter:
        submitter = _titled_submitter(views[:40])
    if not submitter:
        submitter = _speaking_of_itself(ctx)
    year = 0
    for view in views[:30]:
        match = _YEAR.search(view.text)
        if match:
            year = int(match.group("year") or match.group("fy"))
            break
    session = 0
    for view in views[:6]:
        match = _SESSION.search(view.text)
        if match:
            session = ordinal_value(match.group("ordinal")) or 0
            if session:
                break
    ctx.submitter = submitter
    ctx.is_submission = bool(submitter)
    return DocumentInfo(title=title, submitter=submitter, session=session, year=year, is_submission=bool(submitter))


def _titled_submitter(views: list[SentenceView]) -> str:
    """The submitter named by a title ("Contribution of X to ...", "X's input to the report")
    or by the opening sentence about the document itself ("This submission was prepared by X")."""
    if any(_NOT_A_SUBMISSION.search(view.text) for view in views[:8] if view.kind == "heading"):
        return ""
    alone = _name_alone_above_title(views)
    if alone:
        return alone
    for view in views:
        if len(view.text) > 400:
            continue
        patterns = (
            (_CONTRIBUTION_OF, _NAME_DASH_DOCUMENT, _POSSESSIVE, _THIS_BY, _SUBMITS)
            if view.kind in ("heading", "paragraph")
            else ()
        )
        for pattern in patterns:
            match = pattern.search(view.masked)
            if match is None:
                continue
            slot = view.slots[int(match.group("slot"))]
            if (
                slot.code == "E"
                and slot.keys
                and slot.kind in (EntityKind.ORGANIZATION, EntityKind.BODY)
                and not slot.ref
                and slot.keys[0] not in _RECEIVERS
            ):
                return slot.keys[0]
    return ""


_LABEL_CELL = re.compile(rf"^\s*{_LABEL}\s*:?\s*$", re.IGNORECASE)
_DOCUMENT_ITSELF = re.compile(
    r"\b(?:this|the\s+present)\s+(?:note|report|submission|contribution|input|document|paper)\b", re.IGNORECASE
)


def _speaking_of_itself(ctx: Context) -> str:
    """A submission with no header: it opens with its author ("The International Atomic Energy
    Agency (IAEA) has contributed ...", then "this note ... describes its activities"), an
    organisation named more often than any other, on a document about WSIS."""
    views = ctx.views
    opening = next((v for v in views[:6] if v.kind == "paragraph" and len(v.text) > 60), None)
    if opening is None or not re.match(r"^\s*(?:The\s+)?⟪E0⟫(?:\s*\(⟪E1⟫\))?\s+[a-z]", opening.masked):
        return ""
    slot = opening.slots[0]
    if not slot.keys or slot.kind is not EntityKind.ORGANIZATION or slot.ref or slot.keys[0] in _RECEIVERS:
        return ""
    if not any(_DOCUMENT_ITSELF.search(v.text) for v in views[:8]) or not any(
        re.search(r"\bWSIS\b|World\s+Summit\s+on\s+the\s+Information\s+Society", v.text) for v in views[:8]
    ):
        return ""
    counts: dict[str, int] = {}
    for view in views:
        for other in view.slots:
            if other.code == "E" and len(other.keys) == 1 and other.kind is EntityKind.ORGANIZATION:
                counts[other.keys[0]] = counts.get(other.keys[0], 0) + 1
    key = slot.keys[0]
    if counts.get(key, 0) < 3 or any(n >= counts[key] for other, n in counts.items() if other != key):
        return ""
    return key


# "Economic and Social Commission for Western Asia (ESCWA) · ICT Division": a masthead line,
# the name and perhaps the unit that wrote the document
_NAME_ALONE = re.compile(
    r"^\W*(?:the\s+)?⟪E(?P<slot>\d+)⟫(?:\s*\(⟪E\d+⟫\))?(?:\s*[·|–—]\s*(?:⟪E\d+⟫|(?:[A-Z][\w-]*\s*){1,4}))?"
    # "... · ICT Division / Beirut, April 2008": the place and date of the masthead
    r"(?:\s*,?\s*(?:⟪E\d+⟫\s*,\s*)?⟪D\d+⟫)?\W*$",
    re.IGNORECASE,
)
_DOCUMENT_LINE = re.compile(
    rf"^\W*(?:(?:annual|written|joint|the)\s+)*{_DOC_NOUN}s?\s+(?:to|for|on|of)\b"
    r"|\b(?:Commission\s+on\s+Science\s+and\s+Technology|CSTD|World\s+Summit\s+on\s+the\s+Information\s+Society|WSIS)\b",
    re.IGNORECASE,
)


def _name_alone_above_title(views: list[SentenceView]) -> str:
    """An organisation's name alone on the first lines, above "Submission to the Commission
    ..." or "Contribution to the report ...": the masthead of its submission."""
    for index, view in enumerate(views[:4]):
        match = _NAME_ALONE.match(view.masked)
        if match is None:
            continue
        slot = view.slots[int(match.group("slot"))]
        if not slot.keys or slot.kind is not EntityKind.ORGANIZATION or slot.keys[0] in _RECEIVERS:
            continue
        # the title under the masthead, or above it ("# Regional Review of WSIS ..." then the name)
        around = views[max(0, index - 1) : index] + views[index + 1 : index + 4]
        if any(_DOCUMENT_LINE.search(other.text) for other in around):
            return slot.keys[0]
    return ""


def _first_actor(view: SentenceView, ctx: Context | None = None) -> str:
    for slot in view.slots:
        if slot.code == "E" and slot.keys and is_actor(slot.kind) and (slot.kind is not EntityKind.STAKEHOLDER):
            key = slot.keys[0]
            # "African Union Commission (AUC) Department of Infrastructure and Energy": the
            # submitting entity is the organisation the unit belongs to
            entity = ctx.entity(key) if ctx is not None else None
            parent = ctx.entity(entity.parent) if ctx is not None and entity is not None and entity.parent else None
            if parent is not None and parent.kind is EntityKind.ORGANIZATION and parent.reference:
                return parent.key
            return key
    return ""
