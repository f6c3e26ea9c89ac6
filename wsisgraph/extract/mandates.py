"""Mandates (a body gives, extends or renews a mandate to another) and handovers (a function
passes from one body to another).

Mandates: "ECOSOC requested the Secretary-General to inform...", "in response to the request
by ECOSOC ... to the Secretary-General to ...", "the CEB mandated UNGIS to coordinate",
"the General Assembly extended the mandate of the IGF", "renewed ITU's mandate", "an
extended mandate by the EMG Senior Officials, the members of the Coalition ...".
Handovers: "the X function was handed over from A to B", "the presidency passed from A to B",
"B took over the chairmanship from A", "A handed the chair over to B", "hosted by B instead
of A". The holders of a group's rotating chair are its members.
"""

from __future__ import annotations

import re

from wsisgraph.extract.context import CONDITIONAL, LIST, NEGATION, PLANNED, Candidate, Context, E
from wsisgraph.extract.mentions import SentenceView, entity_key, is_actor
from wsisgraph.gazetteer import gazetteer
from wsisgraph.model import DateValue, Entity, EntityKind, FactKind

__all__ = ["extract_handovers", "extract_mandates"]

_ISSUER_KINDS = (EntityKind.ORGANIZATION, EntityKind.BODY, EntityKind.GROUP, EntityKind.EVENT)
_MANDATE_VERB = (
    r"(?:mandated|requested|requests|request|asked|asks|ask|tasked|tasks|entrusted|entrusts|"
    r"instructed|directed|charged|called\s+(?:up)?on|calls\s+(?:up)?on|authori[sz]ed|empowered|"
    r"designated|appointed|commissioned|invited)"
)
_MANDATE_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    (
        "issuer-verb-recipient",
        re.compile(
            rf"(?P<issuer>{E})(?:\s*\([^)]*\))?,?\s+(?:(?:in|by|through|under|via)\s+(?:its\s+|⟪E\d+⟫\s+)?(?:resolution|decision)\s+[\d/A-Z.]+"
            rf"(?:\s+of\s+⟪D\d+⟫)?,?\s+|(?:at|during)\s+(?:its\s+|⟪E\d+⟫\s+)?(?:[^,;⟪]|⟪[DV]\d+⟫|(?<=in\s)⟪E\d+⟫){{1,60}},\s+)?"
            rf"(?:further\s+|also\s+|had\s+|has\s+|then\s+|formally\s+)*"
            rf"{_MANDATE_VERB}\s+(?P<recipient>{LIST}),?(?:\s+(?:in|by|through|under)\s+(?:[^,;⟪]|⟪[DE]\d+⟫){{1,60}},"
            rf"|\s+(?:in|on)\s+⟪D\d+⟫)?"
            rf"\s+(?:to|with)\b"
        ),
        0.85,
    ),
    # A designated / appointed B as lead agency (for this role)
    (
        "designated-as",
        re.compile(
            rf"(?P<issuer>{E})(?:\s*\([^)]*\))?,?\s+(?:(?:formally|also|then|first)\s+)?(?:designated|appointed|"
            rf"named|selected|chose|confirmed)\s+(?P<recipient>{LIST})\s+(?:as\s+(?:the\s+|its\s+|a\s+)?(?:global\s+|"
            rf"lead\s+|sole\s+)?(?:lead|focal|coordinat|facilitat|custodian|secretariat|chair|host)|for\s+(?:this|that|the)\s+"
            rf"(?:role|function|task|responsibility))"
        ),
        0.8,
    ),
    (
        "issuer-and-verb-recipient",
        re.compile(
            rf"(?P<issuer>⟪[EV]\d+⟫)(?:,\s+(?:held|meeting|convened)\s+[^;]{{0,80}}?,)?\s+(?:called|said|stressed|"
            rf"announced|launched|noted|decided|welcomed|endorsed|adopted|approved|extended|established|affirmed|"
            rf"created|agreed)\b[^;⟪]{{0,160}}?(?:⟪[ED]\d+⟫[^;⟪]{{0,80}}?){{0,3}},?\s+and\s+{_MANDATE_VERB}\s+"
            rf"(?P<recipient>{LIST})\s+(?:to|with)\b"
        ),
        0.8,
    ),
    (
        "which-verb-recipient",
        re.compile(
            rf"(?P<issuer>{E})[^⟪;]{{0,60}}?,\s+(?:which|who)\s+(?:further\s+|also\s+)?{_MANDATE_VERB}\s+"
            rf"(?P<recipient>{LIST})\s+(?:to|with)\b"
        ),
        0.8,
    ),
    (
        "recipient-passive",
        re.compile(
            rf"(?P<recipient>{LIST})\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
            rf"(?:formally\s+|also\s+)?(?:mandated|requested|asked|tasked|entrusted|charged|"
            rf"instructed|authori[sz]ed|designated|appointed)\s+by\s+(?P<issuer>{E})"
        ),
        0.85,
    ),
    (
        "request-by-to",
        re.compile(
            rf"\b(?:request|call|invitation)s?,?\s+(?:made\s+|issued\s+|addressed\s+)?(?:by|of|from)\s+(?P<issuer>{E})"
            rf"[^;]{{0,120}}?\b(?:to|for)\s+(?P<recipient>{E})\s+to\s+[a-z]"
        ),
        0.8,
    ),
    # "the annual report of the Secretary-General ..., which ECOSOC requested in resolution 2006/46"
    (
        "report-which-requested",
        re.compile(
            rf"(?:(?P<recipient>{E})['’]s\s+(?:\w+\s+){{0,2}}report|\breport\s+(?:of|by|that)\s+(?P<recipient2>{E}))"
            rf"(?:[^;⟪]|⟪[EDV]\d+⟫){{0,160}}?(?:,|\s+[—–])\s+(?:(?:a|the)\s+report\s+)?(?:which|that|as)\s+(?P<issuer>{E})\s+"
            rf"(?:had\s+|has\s+|first\s+)*(?:requested|mandated|called\s+for|asked\s+for)\b"
        ),
        0.8,
    ),
    # "The Secretary-General prepares that report at the request of the Economic and Social Council"
    (
        "at-the-request-of",
        re.compile(rf"(?P<recipient>{E})\s+(?:[a-z]+\s+){{0,5}}?(?:at|upon|on)\s+the\s+request\s+of\s+(?P<issuer>{E})"),
        0.8,
    ),
    # "the Secretary-General, as asked by ECOSOC in its resolution 2006/46, informs ..."
    (
        "as-asked-by",
        re.compile(
            rf"(?P<recipient>{E}),\s+as\s+(?:asked|requested|mandated|tasked|invited|instructed)\s+(?:to\s+do\s+)?by\s+"
            rf"(?P<issuer>{E})"
        ),
        0.8,
    ),
    # "Since resolution 2006/46 of the Economic and Social Council, the Secretary-General has been requested"
    (
        "resolution-of-passive",
        re.compile(
            rf"\b(?i:resolution|decision)\s+[\w/.\-]+\s+of\s+(?:the\s+)?(?P<issuer>{E})[^;⟪]{{0,40}}?,\s+"
            rf"(?P<recipient>{E})\s+(?:has|have|had)\s+been\s+(?:requested|asked|mandated|tasked|invited|entrusted)\b"
        ),
        0.8,
    ),
    # "as the Council requested of him in resolution 2006/46"
    (
        "requested-of",
        re.compile(
            rf"(?P<issuer>{E})\s+(?:had\s+|has\s+|also\s+)*(?:requested|asked|required|expected)\s+of\s+(?P<recipient>{E})"
            rf"(?:\s+(?:in|by|through)\s+(?:its\s+)?(?:resolution|decision)\b|\s*[,.;]|\s+(?:to|that)\b)"
        ),
        0.8,
    ),
    # the request that ECOSOC addressed to the Secretary-General in resolution 2006/46
    (
        "request-that-addressed",
        re.compile(
            rf"\brequests?\s+(?:that|which)\s+(?P<issuer>{E})\s+(?:had\s+|has\s+)?(?:addressed|made|sent|put|directed|"
            rf"issued)\s+to\s+(?P<recipient>{E})"
        ),
        0.8,
    ),
    # the request of ECOSOC, made in its resolution 2006/46, that the Secretary-General inform ...
    (
        "request-that",
        re.compile(
            rf"\brequest\s+(?:made\s+)?(?:by|of|from)\s+(?P<issuer>{E})(?:,[^;]{{0,80}}?,)?\s+that\s+"
            rf"(?P<recipient>{E})\s+(?:should\s+)?[a-z]+"
        ),
        0.8,
    ),
    (
        "renewed-mandate",
        re.compile(
            rf"(?P<issuer>{E})\s+(?:also\s+)?(?:renewed|extended|confirmed|reaffirmed|strengthened|"
            rf"broadened|expanded|gave|granted|conferred|established)\s+"
            # "extended until 2010 the mandate of ESCWA"
            rf"(?:(?:until|till|to|through|for)\s+(?:a\s+further\s+)?(?:⟪D\d+⟫|\w+\s+years?)\s+)?"
            rf"(?:(?P<owner>{E})'s\s+mandate|"
            rf"the\s+mandate\s+of\s+(?P<recipient>{E})|a\s+(?:new\s+|renewed\s+)?mandate\s+(?:on|to)\s+"
            rf"(?P<recipient2>{E}))"
        ),
        0.85,
    ),
    # the mandate of B was extended by A / B's mandate was renewed by A
    (
        "mandate-extended-by",
        re.compile(
            rf"(?:\bmandate\s+of\s+(?P<recipient>{E})|(?P<owner>{E})'s\s+mandate)\s+(?:was|were|has\s+been|had\s+been)\s+"
            rf"(?:(?:further|formally|again|also)\s+)?(?:renewed|extended|confirmed|reaffirmed|strengthened|broadened|"
            rf"expanded|given|granted)\s+(?:\w+\s+){{0,3}}?by\s+(?P<issuer>{E})"
        ),
        0.85,
    ),
    # A approved / decided the extension (renewal) of the mandate of B
    (
        "approved-mandate-of",
        re.compile(
            rf"(?P<issuer>{E})\s+(?:(?:also|further|formally)\s+)?(?:approved|decided(?:\s+on)?|agreed\s+(?:on|to)|adopted|"
            rf"endorsed|authori[sz]ed)\s+(?:the\s+)?(?:extension|renewal|continuation|strengthening|broadening|expansion|"
            rf"extend|renew|continue)\s+(?:of\s+)?(?:the\s+)?mandate\s+of\s+(?P<recipient>{E})"
        ),
        0.85,
    ),
    # A established (set up, created) B with the mandate to ...: the creator mandates B
    (
        "established-with-mandate",
        re.compile(
            rf"(?P<issuer>{E})\s+(?:(?:also|formally|jointly)\s+)?(?:established|created|set\s+up|formed|constituted)\s+"
            rf"(?P<recipient>{E})(?:[^;⟪]|⟪D\d+⟫){{0,60}}?\s+(?:with|and\s+gave\s+it|and\s+entrusted\s+it\s+with)\s+"
            rf"(?:the|a|its)\s+(?:\w+\s+)?(?:mandate|task|responsibility)\s+(?:to|of)\b"
        ),
        0.8,
    ),
    # A, by (in) its resolution N, established ... and asked / requested B to
    (
        "issuer-resolution-and-verb",
        re.compile(
            rf"(?P<issuer>{E}),?\s+(?:by|in|through)\s+(?:its\s+|⟪E\d+⟫\s+)?(?:resolution|decision)\s+[\d/A-Z.]+,?\s+"
            rf"(?:established|created|set\s+up|decided|adopted|launched|welcomed|noted)\b[^;]{{0,240}}?,?\s+and\s+"
            rf"{_MANDATE_VERB}\s+(?P<recipient>{LIST})\s+(?:to|with)\b"
        ),
        0.8,
    ),
    (
        "gave-role",
        re.compile(
            rf"(?P<issuer>{E})(?:[^;⟪]{{0,40}})?,?\s+(?:gave|assigned|entrusted|conferred\s+on)\s+"
            rf"(?P<recipient>{LIST})\s+(?:a|the)\s+(?:leading\s+|lead\s+|central\s+|coordinating\s+)?"
            rf"(?:role|responsibility|mandate)"
        ),
        0.8,
    ),
]
_NOMINAL_MANDATE = re.compile(
    rf"\b(?:an?\s+)?(?:extended\s+|renewed\s+|new\s+|specific\s+)?mandate\s+(?:given\s+|issued\s+)?"
    rf"(?:by|from)\s+(?P<issuer>{E})(?P<tail>[^;]*?),\s+(?:the\s+)?(?:members\s+of\s+)?(?P<recipient>{E})"
)
_ADOPTED_BY = re.compile(rf"\badopted\s+by\s+(?P<issuer>{E})")
# "resolution 2006/46 of 28 July 2006", "resolution 53/29, adopted on 12 July 2023,",
# "decision 45/112 (December 2022)"
_RESOLUTION_DATE = re.compile(
    r"\b(?i:resolution|decision)\s+[\dA-Z][\w/.\-]*(?:\s+of\s+|,\s+(?:adopted|approved|passed|taken)\s+(?:on|in)\s+|"
    r"\s*\(\s*(?:of\s+|adopted\s+(?:on|in)\s+)?)⟪D(\d+)⟫"
)
# "In March 2021, ...", "At its seventy-second session in December 2017, the Assembly ..."
_INTRO_DATE = re.compile(
    r"^\s*(?:(?:In|On|Since|By|During)\s+)?⟪D(\d+)⟫|^\s*(?:At|During|In)\s+⟪V\d+⟫\s*,?\s*(?:held\s+)?(?:in|on)\s+⟪D(\d+)⟫"
)


def _date_for(view: SentenceView, match: re.Match[str]) -> DateValue | None:
    masked = view.masked
    resolution = _RESOLUTION_DATE.search(masked)
    if resolution:
        return view.slots[int(resolution.group(1))].date
    intro = _INTRO_DATE.match(masked)
    if intro:
        return view.slots[int(intro.group(1) or intro.group(2))].date
    # "by the EMG Senior Officials in September 2019": a date right after the issuer;
    # "The Council, at its 133rd session in July 2025, asked ...": a date in the aside after it
    issuer_end = match.end("issuer")
    near = re.match(r"\s*(?:\([^)]*\))?\s*(?:,\s*(?:at|during)\s+[^,;]*?\b)?(?:in|on)\s+⟪D(\d+)⟫", masked[issuer_end:])
    if near:
        return view.slots[int(near.group(1))].date
    tail = match.groupdict().get("tail") or ""
    near = re.search(r"\b(?:in|on)\s+⟪D(\d+)⟫", tail)
    if near:
        return view.slots[int(near.group(1))].date
    # "The Board established the Group in April 2006 with the mandate to": inside the statement
    inside = re.search(r"\b(?:in|on)\s+⟪D(\d+)⟫", masked[match.end("issuer") : match.end()])
    if inside:
        return view.slots[int(inside.group(1))].date
    # "The IASC designated WFP for this role in 2010"
    after = re.match(r"[^;⟪]{0,60}?\b(?:in|on)\s+⟪D(\d+)⟫", masked[match.end() :])
    if after:
        return view.slots[int(after.group(1))].date
    return None


_UN_SG = "org/un-secretary-general"


def _own_secretary_general(ctx: Context, view: SentenceView, part: str, issuers: list[str], key: str) -> str:
    """ "The Council of IMO asked the Secretary-General": IMO's own Secretary-General, not the
    UN's, when a body of an agency gives the mandate and the text does not say "UN"."""
    if key != _UN_SG or any(re.search(r"\bU\.?N\b|United Nations", s.text) for s in view.placeholders(part)):
        return key
    for issuer in issuers:
        entity = ctx.entity(issuer)
        # the agency may be named only inside the body's name ("the Executive Council of WMO")
        parent = (
            ctx.entity(entity.parent) or gazetteer().entities.get(entity.parent)
            if entity is not None and entity.parent
            else None
        )
        if parent is None or not parent.reference or parent.kind is not EntityKind.ORGANIZATION:
            continue
        name = f"{parent.name} Secretary-General"
        own = entity_key(EntityKind.ORGANIZATION, name)
        if own not in ctx.mentions.entities:
            ctx.mentions.entities[own] = Entity(
                key=own,
                name=name,
                kind=EntityKind.ORGANIZATION,
                full_name=f"Secretary-General of {parent.name}",
                head="secretary-general",
                parent=parent.key,
                aliases=(f"Secretary-General of {parent.name}",),
            )
        return own
    return key


def _actor_keys(ctx: Context, view: SentenceView, part: str, kinds: tuple[EntityKind, ...]) -> list[str]:
    keys: list[str] = []
    for slot in view.placeholders(part):
        if slot.kind not in kinds:
            continue
        keys.extend(key for key in slot.keys if key not in keys)
    return keys


def extract_mandates(ctx: Context) -> None:
    """Find mandate facts."""
    recipient_kinds = (*_ISSUER_KINDS, EntityKind.COUNTRY)
    for index, view in enumerate(ctx.views):
        masked = view.masked
        for rule, pattern, confidence in _MANDATE_PATTERNS:
            for match in pattern.finditer(masked):
                scope = masked[max(0, masked.rfind(";", 0, match.start()) + 1) : match.end()]
                if NEGATION.search(scope) or CONDITIONAL.search(masked):
                    ctx.reject(view, rule, "negated or conditional", scope)
                    continue
                if re.search(r"\b(?:will|would|plans?\s+to|intends?\s+to|expected\s+to)\b", scope):
                    ctx.reject(view, rule, "a plan, not a mandate given", scope)
                    continue
                issuer_slot = view.slot(match.group("issuer"))
                owner = re.search(r"(⟪E\d+⟫)\s+of\s+(?:the\s+)?$", masked[: match.start("issuer")])
                if owner and view.slot(owner.group(1)).kind is EntityKind.BODY and not view.slot(owner.group(1)).ref:
                    # "the Council of Ministers (ATICM) of the League of Arab States asked": the Council
                    issuer_slot = view.slot(owner.group(1))
                issuers = list(issuer_slot.keys) if issuer_slot.kind in _ISSUER_KINDS else []
                if issuer_slot.code == "V":
                    issuers = list(issuer_slot.keys)  # "The Seventy-seventh World Health Assembly ... requested"
                if issuer_slot.kind is EntityKind.OTHER:
                    adopted = _ADOPTED_BY.search(masked)
                    if adopted:
                        issuers = _actor_keys(ctx, view, adopted.group("issuer"), _ISSUER_KINDS)
                groups = match.groupdict()
                recipient_part = groups.get("recipient") or groups.get("recipient2") or ""
                recipients = _actor_keys(ctx, view, recipient_part, recipient_kinds)
                if groups.get("owner"):
                    recipients = _actor_keys(ctx, view, groups["owner"], recipient_kinds)
                if rule == "gave-role" and not re.search(
                    r"\brole\s+in\s+(?:facilitat|coordinat|"
                    r"implement|lead)",
                    masked,
                ):
                    continue
                date = _date_for(view, match) if groups.get("issuer") else None
                recipients = [_own_secretary_general(ctx, view, recipient_part, issuers, key) for key in recipients]
                for issuer in issuers:
                    for recipient in recipients:
                        if recipient == issuer:
                            continue
                        ctx.add(
                            Candidate(
                                FactKind.MANDATE,
                                (("issuer", (issuer,)), ("recipient", (recipient,))),
                                view,
                                rule,
                                confidence,
                                date=date,
                            )
                        )
        for match in _NOMINAL_MANDATE.finditer(masked):
            issuers = _actor_keys(ctx, view, match.group("issuer"), _ISSUER_KINDS)
            recipients = _actor_keys(ctx, view, match.group("recipient"), recipient_kinds)
            date = _date_for(view, match)
            for issuer in issuers:
                for recipient in recipients:
                    if issuer != recipient:
                        ctx.add(
                            Candidate(
                                FactKind.MANDATE,
                                (("issuer", (issuer,)), ("recipient", (recipient,))),
                                view,
                                "mandate-by-responding",
                                0.8,
                                date=date,
                            )
                        )
        del index


# --- handovers ------------------------------------------------------------------------------

_FUNCTION_NOUN = (
    r"(?:chairmanship|chairperson|chairman|chairwoman|chair|co-chairmanship|co-chair|chairpersonship|presidency|"
    r"president|vice-presidency|secretariat|coordination|coordinator|co-coordinator|convener|host|focal\s+point|"
    r"lead\s+agency|leadership|lead|hosting|facilitation|facilitator|custodianship|custodian|stewardship|"
    r"management|support\s+function|function|role)"
)
_FUNC = r"(?P<function>(?<![\w⟫])(?:(?:[\w'’-]+|⟪E\d+⟫(?:'s)?)\s+){1,10}?)"
_HANDOVER_CUE = re.compile(
    r"\b(?:hand|pass|transfer|move|rotate|went|go|goes|cede|take|took|taken|receiv|inherit|assum|succeed|entrust|"
    r"replac|relinquish|reliev|instead|previously|until|house|provide|exercis|held|host|chair|coordinat|ensur)",
    re.I,
)
_HANDOVER_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    # (the) FUNCTION was handed over (by A) (from A) to B
    (
        "handed-over-from-to",
        re.compile(
            rf"{_FUNC}(?:was|were|has\s+been|had\s+been|have\s+been)\s+"
            rf"(?:formally\s+|officially\s+)?(?:handed\s+over|transferred|passed|moved|handed|"
            rf"entrusted)\s+(?:by\s+(?P<from1>{E})\s+)?(?:from\s+(?P<from2>{E})(?:,\s+(?:which|who)[^;]*?,)?\s+)?"
            rf"to\s+(?P<to>{E})"
        ),
        0.85,
    ),
    # FUNCTION passed from A (, which ...,) to B
    (
        "passed-from-to",
        re.compile(
            rf"{_FUNC}(?:passed|moved|went|rotated)\s+from\s+"
            rf"(?P<from2>{E})(?:,\s+(?:which|who)[^;]*?,)?\s+to\s+(?P<to>{E})"
        ),
        0.85,
    ),
    # B took over (FUNCTION) from A (FUNCTION)
    (
        "took-over-from",
        re.compile(
            rf"(?P<to>{E})(?:,\s+(?:which|who)\s+[^;]*?,)?\s+(?:(?:had|has|also|itself|then|later|formally)\s+)*(?:agreed\s+to\s+)?(?:take\s+over|took\s+over|"
            rf"takes\s+over|received|inherited|assumed|succeeded)\s+(?P<function>[^;]{{0,80}}?)\s*"
            rf"from\s+(?P<from2>{E})(?P<function2>\s+the\s+[^;⟪]{{0,80}}?(?=\s+on\s|\s+at\s|,|$))?"
        ),
        0.85,
    ),
    # B succeeded A as chair of G
    (
        "succeeded-as",
        re.compile(
            rf"(?P<to>{E})\s+(?:(?:has|had|then|later|formally)\s+)*succeeded\s+(?P<from2>{E})\s+as\s+"
            rf"(?P<function>(?:the\s+|its\s+)?[^,;.⟪]{{1,60}}?(?:⟪E\d+⟫)?)(?=[,;.]|\s+(?:in|on|at|from|alongside|for)\b|$)"
        ),
        0.85,
    ),
    # A handed (over) FUNCTION (over) to B
    (
        "handed-to",
        re.compile(
            rf"(?P<from2>{E})(?:,\s+(?:which|who)[^;]*?,)?\s+(?:formally\s+)?(?:handed|passed|transferred|"
            rf"ceded)\s+(?:over\s+)?(?P<function>[^;⟪]{{0,80}}?)\s+(?:over\s+)?to\s+(?P<to>{E})"
        ),
        0.85,
    ),
    # A passed the chairmanship of G (over) to B: a function named with its group
    (
        "handed-function-of-to",
        re.compile(
            rf"(?P<from2>{E})(?:,\s+(?:which|who)[^;]*?,)?\s+(?:formally\s+)?(?:handed|passed|transferred|"
            rf"ceded|relinquished)\s+(?:over\s+)?(?P<function>(?:the|its)\s+(?:rotating\s+|interim\s+)?{_FUNCTION_NOUN}"
            rf"\s+(?:of|for)\s+(?:the\s+)?{E})\s+(?:over\s+)?to\s+(?P<to>{E})"
        ),
        0.85,
    ),
    # B succeeded A as chair of G / B replaced A as host of the secretariat
    (
        "succeeded-as",
        re.compile(
            rf"(?P<to>{E})\s+(?:(?:has|had|then|later|formally)\s+)*(?:succeeded|replaced|relieved)\s+(?P<from2>{E})\s+as\s+"
            rf"(?P<function>(?:the\s+|its\s+)?(?:[\w-]+\s+){{0,2}}?{_FUNCTION_NOUN}s?(?:\s+(?:of|for)\s+(?:the\s+)?{E})?)"
        ),
        0.85,
    ),
    # FUNCTION (of G), held by A since D, passed to B / FUNCTION, which had until then been
    # provided by A, was transferred to B
    (
        "held-by-passed-to",
        re.compile(
            rf"(?P<function>(?<![\w⟫])(?:(?:[\w'’-]+|⟪E\d+⟫)\s+){{0,9}}?(?:[\w'’-]+|⟪E\d+⟫)),\s+"
            rf"(?:which\s+(?:had|has)\s+(?:until\s+then\s+|previously\s+|so\s+far\s+)?been\s+|"
            rf"(?:previously\s+|until\s+then\s+)?)(?:held|provided|hosted|run|exercised|assumed|ensured)\s+"
            rf"(?:until\s+then\s+)?by\s+(?P<from2>{E})[^,;]{{0,40}},\s+(?:(?:was|were|has\s+been|had\s+been)\s+)?"
            rf"(?:(?:then|later|formally|subsequently)\s+)?(?:passed|handed\s+over|transferred|moved|went|rotated)"
            rf"\s+to\s+(?P<to>{E})"
        ),
        0.85,
    ),
    # hosted by B instead of A
    (
        "instead-of",
        re.compile(
            rf"(?P<function>[^;⟪]{{0,40}}?)(?:hosted|chaired|led|run|housed|coordinated)\s+by\s+"
            rf"(?P<to>{E})\s+(?:instead\s+of|in\s+place\s+of|rather\s+than|replacing)\s+(?P<from2>{E})"
        ),
        0.8,
    ),
    # housed by A ...; it has since passed to B
    (
        "housed-then-passed",
        re.compile(
            rf"(?:housed|hosted|held|run|based)\s+(?:by|at|with)\s+(?P<from2>{E})[^;]*;\s*(?:⟪E\d+⟫|it|this)\s+"
            rf"(?:has\s+)?(?:since\s+)?(?:passed|moved|been\s+transferred|been\s+handed\s+over)\s+to\s+"
            rf"(?P<to>{E})"
        ),
        0.8,
    ),
]
_GROUP_OF_FUNCTION = re.compile(
    rf"(?:chairmanship|chair|presidency|chairpersonship|leadership|co-chairmanship)\s+of\s+"
    rf"(?:the\s+)?(?P<group>{E})|(?P<owner>{E})(?:'s)?\s+(?:rotating\s+)?(?:chairmanship|chair|presidency)"
)
_CHAIR_WORDS = re.compile(r"chairmanship|presidency|\bchair\b|chairpersonship", re.IGNORECASE)


def extract_handovers(ctx: Context, meeting_dates: dict[int, DateValue]) -> None:
    """Find handover facts; ``meeting_dates`` maps sentence index -> date of a meeting in it."""
    last_group: str | None = None
    last_function = ""
    for view in ctx.views:
        masked = view.masked
        # every handover rule has one of these verbs; most sentences have none
        patterns = _HANDOVER_PATTERNS if _HANDOVER_CUE.search(masked) else []
        for rule, pattern, confidence in patterns:
            for match in pattern.finditer(masked):
                scope = masked[max(0, masked.rfind(";", 0, match.start()) + 1) : match.end()]
                if (
                    NEGATION.search(scope)
                    or CONDITIONAL.search(masked)
                    or (PLANNED.search(scope) and not re.search(r"agreed\s+to\s+take\s+over", scope))
                ):
                    ctx.reject(view, rule, "negated, conditional or planned", scope)
                    continue
                groups = match.groupdict()
                source = groups.get("from2") or groups.get("from1")
                if not source:
                    continue
                sources = _keys(view, source)
                targets = _keys(view, groups["to"])
                if not sources or not targets or sources == targets:
                    continue
                function = _function_text(view, (groups.get("function") or "") + " " + (groups.get("function2") or ""))
                if rule == "took-over-from" and re.match(r"(?:its|their|a|the)\s+(?:\w+\s+)?mandate\b", function):
                    # "The OEWG received its mandate from General Assembly resolution 73/27": a mandate given
                    for source_key in sources:
                        for target_key in targets:
                            ctx.add(
                                Candidate(
                                    FactKind.MANDATE,
                                    (("issuer", (source_key,)), ("recipient", (target_key,))),
                                    view,
                                    "received-mandate-from",
                                    0.8,
                                    date=_date_for_received(view, match),
                                )
                            )
                    continue
                if not function:
                    function = last_function if rule in ("took-over-from",) else ""
                group = _function_group(ctx, view, groups.get("function") or "", masked)
                if group is None and _CHAIR_WORDS.search(function):
                    group = last_group
                date = _handover_date(view, meeting_dates, match.span())
                values = (("function", function),) if function else ()
                for source_key in sources:
                    for target_key in targets:
                        ctx.add(
                            Candidate(
                                FactKind.HANDOVER,
                                (("from", (source_key,)), ("to", (target_key,))),
                                view,
                                rule,
                                confidence,
                                date=date,
                                values=values,
                            )
                        )
                        if group is not None and _CHAIR_WORDS.search(function):
                            for member in (source_key, target_key):
                                ctx.add(
                                    Candidate(
                                        FactKind.MEMBERSHIP,
                                        (("member", (member,)), ("group", (group,))),
                                        view,
                                        "holder-of-rotating-chair",
                                        0.8,
                                    )
                                )
                if group is not None:
                    last_group = group
                if function:
                    last_function = function
    _passed_on(ctx, ctx.views, meeting_dates)


def _date_for_received(view: SentenceView, match: re.Match[str]) -> DateValue | None:
    """ "from General Assembly resolution 73/27 of 5 December 2018": the resolution's date."""
    after = view.masked[match.end("from2") :]
    dated = re.match(r"\s+(?:resolution|decision)\s+[\w/.\-]+\s+(?:of|adopted\s+on|\()\s*⟪D(\d+)⟫", after)
    return view.slots[int(dated.group(1))].date if dated else None


_HELD_FUNCTION = re.compile(
    rf"(?P<holder>{E}),?\s+(?:which\s+|who\s+)?(?:had\s+|has\s+)?(?:held|holds|hold|occupied|exercised)\s+the\s+"
    rf"(?:rotating\s+)?(?P<function>chairmanship|chair|presidency|co-chairmanship|co-chair|vice-presidency|"
    rf"secretariat|coordination)\s+of\s+(?:the\s+)?(?P<group>{E})"
)
_FUNCTION_PASSED = (
    r"\b(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?:rotating\s+)?{function}\s+(?:(?:then|later|subsequently)\s+)?"
    r"(?:passed|went|rotated|moved|was\s+(?:handed\s+over|passed|transferred))\s+to\s+(?P<to>⟪E\d+⟫)"
)


def _passed_on(ctx: Context, views: list[SentenceView], meeting_dates: dict[int, DateValue]) -> None:
    """ "Brazil, which held the presidency of the G20 in 2024, ... In December the presidency
    passed to South Africa": the holder a sentence named hands the function on in the next."""
    for index, view in enumerate(views):
        for held in _HELD_FUNCTION.finditer(view.masked):
            holders, groups = _keys(view, held.group("holder")), view.slot(held.group("group")).keys
            if not holders or not groups or NEGATION.search(held.group(0)):
                continue
            noun = held.group("function")
            passed = re.compile(_FUNCTION_PASSED.format(function=re.escape(noun)))
            for later in views[index + 1 : index + 3]:
                match = passed.search(later.masked)
                if match is None or later.section != view.section:
                    continue
                scope = later.masked[max(0, later.masked.rfind(";", 0, match.start()) + 1) : match.end()]
                if NEGATION.search(scope) or PLANNED.search(scope) or CONDITIONAL.search(later.masked):
                    ctx.reject(later, "function-passed-on", "negated, conditional or planned", scope)
                    break
                targets = _keys(later, match.group("to"))
                group_entity = ctx.entity(groups[0])
                function = f"{noun} of {group_entity.name if group_entity else ''}".strip()
                date = _handover_date(later, meeting_dates, match.span())
                for source in holders:
                    for target in targets:
                        if source == target:
                            continue
                        ctx.add(
                            Candidate(
                                FactKind.HANDOVER,
                                (("from", (source,)), ("to", (target,))),
                                later,
                                "function-passed-on",
                                0.8,
                                date=date,
                                values=(("function", function),),
                            )
                        )
                        if group_entity is not None and ctx.is_group(group_entity) and _CHAIR_WORDS.search(noun):
                            for member in (source, target):
                                ctx.add(
                                    Candidate(
                                        FactKind.MEMBERSHIP,
                                        (("member", (member,)), ("group", (groups[0],))),
                                        later,
                                        "holder-of-rotating-chair",
                                        0.8,
                                    )
                                )
                break


def _keys(view: SentenceView, placeholder: str) -> tuple[str, ...]:
    slot = view.slot(placeholder)
    if not is_actor(slot.kind):
        return ()
    return slot.keys


def _function_text(view: SentenceView, masked_part: str) -> str:
    def replace(match: re.Match[str]) -> str:
        slot = view.slots[int(match.group(2))]
        return slot.name or slot.text

    text = re.sub(r"⟪([EDV])(\d+)⟫", replace, masked_part).strip(" ,")
    text = re.sub(r"^(?:(?:Since|In|On|At|As)\s+[^,]*,\s*)", "", text)
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"\s+(?:on\s+an\s+interim\s+basis|at\s+the\s+request\s+of.*)$", "", text)
    return text.strip()


def _function_group(ctx: Context, view: SentenceView, function: str, masked: str) -> str | None:
    for text in (function, masked):
        match = _GROUP_OF_FUNCTION.search(text)
        if match:
            slot = view.slot(match.group("group") or match.group("owner"))
            for key in slot.keys:
                entity = ctx.entity(key)
                if entity is not None and ctx.is_group(entity):
                    return key
    return None


def _handover_date(
    view: SentenceView, meeting_dates: dict[int, DateValue], span: tuple[int, int] | None = None
) -> DateValue | None:
    """The date the sentence gives, else the date of the meeting the handover was made at."""
    dates = [slot.date for slot in view.slots if slot.code == "D" and slot.date is not None]
    # the dates of the handover's own clause ("..., and the guidelines were revised in 2020" is
    # another); "held by A since 2013, passed to B in early 2016": the holding before is not it
    masked = view.masked
    left, right = 0, len(masked)
    if span is not None:
        left = masked.rfind(";", 0, span[0]) + 1
        stop = re.compile(r";|,\s+(?:and|while|whereas|but)\s").search(masked, span[1])
        right = stop.start() if stop else len(masked)
    when = [
        view.slots[int(match.group(1))].date
        for match in re.finditer(r"⟪D(\d+)⟫", masked)
        if left <= match.start() < right and not re.search(r"\b(?:since|until|till)\s+$", masked[: match.start()])
    ]
    dates = [date for date in when if date is not None] or dates
    if dates:
        best = max(dates, key=lambda date: len(date.value))
        return DateValue(best.value)
    if view.sentence.index in meeting_dates:
        # at the precision the meeting's days share, as a mandate adopted at it
        return DateValue(meeting_dates[view.sentence.index].shared())
    return None
