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
    r"|Contributor|Submitter)"
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
        inline = _SUBMISSION_INLINE.match(view.text)
        if _SUBMISSION_BY.match(view.text):
            for following in views[index + 1 : index + 3]:
                submitter = _first_actor(following)
                if submitter:
                    break
        elif inline and view.kind in ("heading", "paragraph") and len(view.text) < 200:
            submitter = _first_actor(view)
        if submitter:
            break
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


def _first_actor(view: SentenceView) -> str:
    for slot in view.slots:
        if slot.code == "E" and slot.keys and is_actor(slot.kind) and (slot.kind is not EntityKind.STAKEHOLDER):
            return slot.keys[0]
    return ""
