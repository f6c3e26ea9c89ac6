"""Name the distractors a sentence holds, for ``wsisgraph explain``.

The rules refuse negations, plans, conditionals, observers, invitees, thanks, support and
cited sources where they read them; many such sentences match no rule at all ("WHO did not
join the Compact"), so nothing would show why they gave no fact. This pass names each
distractor cue in a sentence that speaks of a body, as a :class:`Rejection` with the
reason. It never adds or removes a fact.
"""

from __future__ import annotations

import re

from wsisgraph.extract.context import Context
from wsisgraph.extract.mentions import SentenceView

__all__ = ["DISTRACTORS", "note_distractors"]

_ACT = (
    r"(?:join|joined|joining|become|became|be|been|is|are|was|were|member|members|part|partner|partners|"
    r"attend|attended|participate|participated|take\s+part|took\s+part|sign|signed|hand|handed|host|hosted|"
    r"organi[sz]e|organi[sz]ed|lead|led|chair|chaired|co-chair|launch|launched|work|cooperate|collaborate|"
    r"convene|convened|meet|met|hold|held|take\s+place|took\s+place)"
)

#: (reason, pattern over the masked sentence): what makes a sentence state no fact
DISTRACTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "negated",
        re.compile(
            rf"\b(?:did\s+not|does\s+not|do\s+not|has\s+not|have\s+not|had\s+not|is\s+not|are\s+not|was\s+not|"
            rf"were\s+not|never|no\s+longer|neither|nor|declined\s+to|refused\s+to|withdrew\s+from|left)\s+"
            rf"(?:yet\s+|formally\s+|been\s+)?{_ACT}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a plan or intention, not a fact",
        re.compile(
            rf"\b(?:will|shall|would|plans?\s+to|planning\s+to|intends?\s+to|is\s+expected\s+to|are\s+expected\s+to|"
            rf"was\s+expected\s+to|aims?\s+to|hopes?\s+to|is\s+to|are\s+to)\s+(?:also\s+|soon\s+)?{_ACT}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "conditional",
        re.compile(r"^\s*(?:If|Should|Unless|Provided\s+that|In\s+case)\b|\b(?:if|unless)\s+⟪E\d+⟫", re.IGNORECASE),
    ),
    (
        "an observer is no member or participant",
        re.compile(r"\bas\s+(?:an\s+)?observers?\b|\bobservers?\s+(?:from|of)\b|\(\s*observer\s*\)", re.IGNORECASE),
    ),
    (
        "an invitee is no member or participant",
        re.compile(r"\b(?:was|were|has\s+been|have\s+been)\s+invited\s+(?:to|but)\b|\binvitees?\b", re.IGNORECASE),
    ),
    (
        "thanked or welcomed, no role",
        re.compile(r"\b(?:thanked|thanks|welcomed|commended|congratulated|acknowledged)\s+⟪E\d+⟫", re.IGNORECASE),
    ),
    (
        "a supporter, donor or sponsor is no member or party",
        re.compile(
            r"\b(?:with\s+(?:the\s+)?(?:financial\s+|technical\s+)?support\s+(?:from|of)|funded\s+by|financed\s+by|"
            r"sponsored\s+by|supported\s+by|supports?\s+(?:the\s+work\s+of\s+)?⟪E\d+⟫|donors?\b|\(\s*(?:donor|funder|sponsor)\s*\))",
            re.IGNORECASE,
        ),
    ),
    (
        "a source merely cited",
        re.compile(
            r"\b(?:According\s+to|As\s+(?:reported|noted|stated|documented)\s+(?:by|in)|Citing|Quoting)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "an announced intention, not a fact",
        re.compile(r"\bannounced\s+(?:that\s+they\s+would|plans|their\s+intention|its\s+intention)\b", re.IGNORECASE),
    ),
)


def note_distractors(ctx: Context) -> None:
    """Add a rejection for every distractor cue in a sentence that speaks of a body."""
    planned = {id(candidate.view) for candidate in ctx.candidates if candidate.planned}
    for view in ctx.views:
        if view.kind == "heading" or not _names_a_body(view):
            continue
        for reason, pattern in DISTRACTORS:
            match = pattern.search(view.masked)
            if match is None:
                continue
            if reason.startswith("a plan") and id(view) in planned:
                continue  # kept as a planned meeting, and said so
            if any(r.view is view and r.reason.startswith(reason.split(",")[0]) for r in ctx.rejections):
                continue  # a rule already said so
            ctx.reject(view, "distractor", f"{reason} ({_plain(view, match.group(0))!r})", view.text)


def _names_a_body(view: SentenceView) -> bool:
    return bool(view.placeholders(view.masked)) or "according to" in view.text.lower()


def _plain(view: SentenceView, masked_part: str) -> str:
    return re.sub(r"⟪[EDV](\d+)⟫", lambda m: view.slots[int(m.group(1))].text, masked_part).strip()
