"""WSIS action lines: who reports under which line, and who facilitates which line.

A submission's sections headed by an action line ("Action Line C7: ICT applications
(e-environment)", "C3. Access to information and knowledge") are the submitter's work under
that line; so are the lines a submission says its work "relates to" or lists as "covered".
Any actor that "reports on" or "under" a line gets an ``action_line`` fact too.
Facilitation: "X is the (lead) facilitator of ...", "X co-facilitates ...", "for which X is
the lead facilitator", "A and B act as co-facilitators", tables of facilitators.
"A partner rather than a facilitator" is not a facilitator.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wsisgraph.extract.context import LIST, NEGATION, PLANNED, Candidate, Context, E
from wsisgraph.extract.mentions import SentenceView, is_actor
from wsisgraph.gazetteer import name_key
from wsisgraph.model import EntityKind, FactKind
from wsisgraph.resources import reference_file

__all__ = ["SUB_LINES", "extract_action_lines", "parse_lines"]

SUB_LINES = {
    "government": "e-government",
    "business": "e-business",
    "learning": "e-learning",
    "health": "e-health",
    "employment": "e-employment",
    "environment": "e-environment",
    "agriculture": "e-agriculture",
    "science": "e-science",
}
_SUB = re.compile(
    r"\be-?\s?(government|business|learning|health|employment|environment|agriculture|science)\b",
    re.IGNORECASE,
)
# "C7", and "C 7" as some plain-text submissions space it
_CODE = re.compile(r"\bC ?(\d{1,2})\b(?!\.\d)")
_CODE_DOTTED = re.compile(r"\bC7\.([1-8])\b")
_DOTTED = {
    str(n): name
    for n, name in enumerate(
        (
            "e-government",
            "e-business",
            "e-learning",
            "e-health",
            "e-employment",
            "e-environment",
            "e-agriculture",
            "e-science",
        ),
        1,
    )
}


_PART_OF = re.compile(
    r"(?:components?|sub-?lines?|lines?|strands?|parts?|areas?|pillars?)\s+of\s+"
    r"(?:(?:WSIS\s+)?(?:[Aa]ction\s+[Ll]ines?|[Ll]ines?\s+of\s+action|action)\s+)?$"
)


def parse_lines(text: str) -> list[tuple[str, str]]:
    """Action lines and C7 sub-lines named in ``text``, in order.

    >>> parse_lines("Action Lines C1 and C11 and the e-government component of Action Line C7")
    [('C1', ''), ('C11', ''), ('C7', 'e-government')]
    >>> parse_lines("C3 (access), the e-learning and e-science components of C7, C8 and C9")
    [('C3', ''), ('C7', 'e-learning'), ('C7', 'e-science'), ('C8', ''), ('C9', '')]
    >>> parse_lines("Input to WSIS action line C7. ICT Applications, E-environment")
    [('C7', 'e-environment')]
    >>> parse_lines("as facilitator of the e-agriculture line of action C7")
    [('C7', 'e-agriculture')]
    """
    found: list[tuple[str, str]] = []
    codes = [(m.start(), m.end(), f"C{int(m.group(1))}") for m in _CODE.finditer(text) if 1 <= int(m.group(1)) <= 11]
    for match in _CODE_DOTTED.finditer(text):
        found.append(("C7", _DOTTED[match.group(1)]))
    previous_end = 0
    for number, (start, end, code) in enumerate(codes):
        if code != "C7":
            found.append((code, ""))
            previous_end = end
            continue
        next_start = codes[number + 1][0] if number + 1 < len(codes) else len(text)
        before = text[previous_end:start]
        after = text[end:next_start]
        subs: list[str] = []
        if _PART_OF.search(before) or re.search(r"\be-?\s?\w+\s+(?:component|line|sub-?line|strand)?\s*\(\s*$", before):
            # ... or "the e-health line (C7)", "e-agriculture (C7)"
            # "the e-learning and e-science components of C7", "the e-agriculture line of action C7"
            subs = [SUB_LINES[m.group(1).lower()] for m in _SUB.finditer(before[-80:])]
        if not subs:
            # "C7 (e-government)", "C7: ICT applications (e-environment)", "C7 E-business",
            # "C7. ICT Applications, E-environment"; stop at a comma that starts the next item
            head = re.match(r"[^;]*?(?=,\s+(?:the\s+)?(?:C\d|Action)|\band\s+C\d|;|$)", after)
            window = head.group(0) if head else after
            subs = [SUB_LINES[m.group(1).lower()] for m in _SUB.finditer(window)]
        if subs:
            found.extend(("C7", sub) for sub in dict.fromkeys(subs))
        else:
            found.append(("C7", ""))
        previous_end = end
    if not codes and not found:
        # "the e-business component" names a C7 sub-line even without "of Action Line C7"
        for match in re.finditer(
            r"\be-?\s?(government|business|learning|health|employment|environment|agriculture|science)"
            r"(?:\s+and\s+e-?(government|business|learning|health|employment|environment|agriculture|science))?"
            r"\s+(?:components?|(?:action\s+)?lines?|sub-?lines?|strands?)\b",
            text,
            re.IGNORECASE,
        ):
            for group in match.groups():
                if group:
                    found.append(("C7", SUB_LINES[group.lower()]))
    if not codes and not found:
        found.extend(_titled_lines(text))
    return list(dict.fromkeys(found))


_TITLED_LINE = re.compile(
    r"\b(?:the\s+)?(?P<before>(?:[\w-]+\s+){1,7}?)(?:action\s+)?line\b(?!\s+(?:of|on)\b)"
    r"|\b(?:action\s+)?line\s+on\s+(?P<after>[\w\s,-]{3,80}?)(?=\s*(?:[;.()]|,\s|$))",
    re.IGNORECASE,
)


def _titled_lines(text: str) -> list[tuple[str, str]]:
    """ "the capacity-building line", "the action line on access to information": a line
    named by its title without its code."""
    found: list[tuple[str, str]] = []
    for match in _TITLED_LINE.finditer(text):
        words = (match.group("before") or match.group("after") or "").split()
        # the longest run of the phrase's last (or first) words that is a line's title
        runs = (
            [words[start:] for start in range(len(words))]
            if match.group("before")
            else [words[:end] for end in range(len(words), 0, -1)]
        )
        for run in runs:
            line = _titles().get(name_key(" ".join(run)))
            if line is not None:
                found.append(line)
                break
    return found


@lru_cache(maxsize=1)
def _titles() -> dict[tuple[str, ...], tuple[str, str]]:
    """Normalised action-line titles -> (code, sub-line)."""
    import csv
    import io

    titles: dict[tuple[str, ...], tuple[str, str]] = {}
    for name in ("action_lines.csv", "action_line_title_variants.csv"):
        rows = csv.DictReader(io.StringIO(reference_file(name).read_text(encoding="utf-8")))
        for row in rows:
            code = row["code"]
            title = row.get("title") or row.get("variant") or ""
            if code.startswith("C7."):
                titles[name_key(title)] = ("C7", _DOTTED[code[3]])
            else:
                titles[name_key(title)] = (code, "")
    return titles


def _title_lines(text: str) -> list[tuple[str, str]]:
    """A heading that is an action line's title without its code ("Capacity building")."""
    stripped = re.sub(
        r"^\s*(?:(?:[\dIVXivx]+|[A-H])(?:[.)]|\s*[·|\-–—:])|(?i:part|section|chapter)\s+\w+\s*[.:\-–—·]?)\s*", "", text
    )
    key = name_key(stripped)
    found = _titles().get(key)
    return [found] if found else []


def _plain(view: SentenceView, masked_part: str) -> str:
    """A part of a masked sentence with its placeholders written out again."""
    return re.sub(r"⟪[EDV](\d+)⟫", lambda m: view.slots[int(m.group(1))].text, masked_part)


def _actor_keys(ctx: Context, view: SentenceView, part: str) -> list[str]:
    keys: list[str] = []
    for slot in view.placeholders(part):
        if slot.kind is EntityKind.STAKEHOLDER or not is_actor(slot.kind):
            continue
        keys.extend(key for key in slot.keys if key not in keys)
    return keys


def _add(
    ctx: Context,
    kind: FactKind,
    actor: str,
    lines: list[tuple[str, str]],
    view: SentenceView,
    rule: str,
    confidence: float,
) -> None:
    role = "actor" if kind is FactKind.ACTION_LINE else "facilitator"
    for code, sub in lines:
        values = (("action_line", code),) + ((("sub_line", sub),) if sub else ())
        ctx.add(Candidate(kind, ((role, (actor,)),), view, rule, confidence, values=values))


# --- facilitation -------------------------------------------------------------------------

_FACILITATOR_NOUN = r"(?:(?:lead|main|sole|joint|principal|co-lead)\s+)?(?:co-)?(?:facilitators?|moderators?)"
_FACILITATION: list[tuple[str, re.Pattern[str]]] = [
    (
        "is-facilitator-of",
        re.compile(
            rf"(?P<who>{LIST}),?\s+(?:which\s+)?(?:also\s+|currently\s+|now\s+)?(?:is|are|was|were|"
            rf"remains?|acts?\s+as|serves?\s+as|has\s+(?:acted|served)\s+as|acted\s+as|as|became)\s+"
            rf"(?:the\s+|a\s+|an\s+|one\s+of\s+the\s+)?(?:\w+\s+)?{_FACILITATOR_NOUN}\s+(?:of|for)\s+"
            rf"(?P<lines>[^;]*)"
        ),
    ),
    (
        "facilitates",
        re.compile(
            rf"(?P<who>{LIST}),?\s+(?:which\s+)?(?:also\s+|currently\s+|jointly\s+)?(?:co-)?"
            rf"facilitates?\s+(?P<lines>[^;]*)"
        ),
    ),
    (
        "leads-line",
        re.compile(
            rf"(?P<who>{LIST})\s+(?:has\s+|have\s+)?(?:also\s+)?(?:led|leads|co-leads|co-led)\s+"
            # "leads Action Line C3", "leads the e-health component of Action Line C7"
            rf"(?P<lines>(?:the\s+e-?\w+\s+(?:components?|lines?|sub-?lines?|strands?)\s+(?:of|under|within)\s+)?"
            rf"(?:WSIS\s+)?[Aa]ction\s+[Ll]ines?\s+C ?\d[^;,]*"
            # "leads the e-agriculture action line (of the Geneva Plan of Action)"
            rf"|(?:the\s+)?e-\w+\s+(?:action\s+line|line\s+of\s+action|component|sub-?line)\b)"
        ),
    ),
    # X has been entrusted (, since ...,) with the facilitation of the e-employment component of C7
    (
        "entrusted-with-facilitation",
        re.compile(
            rf"(?P<who>{LIST})\s+(?:has\s+been|have\s+been|was|were|is|are)\s+(?:also\s+|formally\s+)?"
            rf"(?:entrusted|charged|tasked|mandated)(?:,[^;]{{0,80}}?,)?\s+with\s+(?:the\s+)?(?:co-)?facilitation\s+"
            rf"(?:of|for)\s+(?P<lines>[^;]*)"
        ),
    ),
    # B took over (from A) the facilitation of Action Line C6
    (
        "took-over-facilitation",
        re.compile(
            rf"(?P<who>{E})\s+(?:(?:has|had|then|later|formally)\s+)*(?:took\s+over|assumed|inherited)\s+"
            rf"(?:from\s+{E}\s+)?(?:the\s+)?(?:lead\s+)?(?:co-)?facilitation\s+(?:of|for)\s+(?P<lines>[^;]*)"
        ),
    ),
    # the e-business line of Action Line C7 is co-facilitated by UNCTAD, ITC and UPU
    (
        "facilitated-by",
        re.compile(
            rf"(?P<lines>[^;]*?)\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:jointly\s+|currently\s+|also\s+)?"
            rf"(?:co-)?facilitated\s+(?:jointly\s+)?by\s+(?P<who>{LIST})"
        ),
    ),
    # UNESCO, the facilitator of Action Line C10, ...
    (
        "facilitator-apposition",
        re.compile(
            rf"(?P<who>{E}),\s+(?:the|a|an|one\s+of\s+the|its)\s+{_FACILITATOR_NOUN}\s+(?:of|for)\s+(?P<lines>[^,;]*)"
        ),
    ),
    (
        "as-facilitator-subject",
        re.compile(
            rf"^\s*As\s+(?:the\s+|a\s+)?{_FACILITATOR_NOUN}\s+(?:of|for)\s+(?P<lines>[^,]*),\s+"
            rf"(?P<who>{E})"
        ),
    ),
]
_FOR_WHICH = re.compile(
    rf"(?P<lines>[^,;]*?),\s+for\s+which\s+(?P<who>{LIST})\s+(?:is|are|was|acts?\s+as)\s+"
    rf"(?:the\s+)?{_FACILITATOR_NOUN}"
)
_ACT_AS_CO = re.compile(
    rf"(?P<who>{LIST})\s+(?:act|acts|serve|serves|are|is)\s+as\s+(?:the\s+)?(?:co-facilitators?|"
    rf"facilitators?)\b"
)
# "WHO is the lead facilitator of the e-health component of C7; ITU is its co-facilitator"
_ITS_CO_FACILITATOR = re.compile(
    rf"(?P<lines>[^;]*\bC\d[^;]*);\s*(?:and\s+)?(?P<who>{LIST}),?\s+(?:is|are|acts\s+as|serves\s+as)\s+"
    rf"(?:its|their|⟪E\d+⟫)\s+(?:lead\s+)?(?:co-)?facilitators?\b"
)
_TOGETHER = re.compile(rf"\btogether\s+with\s+(?P<more>{LIST})")
_CO_FACILITATES_IT = re.compile(
    rf"(?P<who>{LIST})\s+(?:also\s+|jointly\s+)?(?:co-facilitates?|co-facilitated|co-leads?|co-led)\s+"
    rf"(?P<it>⟪E\d+⟫|the\s+(?:line|strand|component|sub-?line|action\s+line)\b)"
)
_NOT_FACILITATOR = re.compile(
    r"\brather\s+than\s+(?:as\s+)?(?:a\s+)?facilitator|\bnot\s+(?:a\s+)?"
    r"(?:co-)?facilitator",
    re.IGNORECASE,
)
_LEADS = re.compile(r"\b(?:co-)?le(?:ads?|d)\b")
_STOP_LINES = re.compile(r",\s+(?:for|in|to)\s+which\b|,\s+where\b|,\s+while\b|;")


def _facilitation(ctx: Context, view: SentenceView) -> dict[str, list[tuple[str, str]]]:
    """Facilitation statements of a sentence, as actor -> lines (also returned for reports)."""
    masked = view.masked
    found: dict[str, list[tuple[str, str]]] = {}
    if "acilitat" not in masked and not _LEADS.search(masked):
        return found  # every rule below names facilitation or leading: most sentences need none
    if _NOT_FACILITATOR.search(masked) and not re.search(r"\bfacilitates?\b", masked):
        ctx.reject(view, "facilitation", "a partner rather than a facilitator")
        return found

    def record(actors: list[str], lines: list[tuple[str, str]], rule: str) -> None:
        for actor in actors:
            _add(ctx, FactKind.FACILITATION, actor, lines, view, rule, 0.85)
            found.setdefault(actor, []).extend(lines)

    for rule, pattern in _FACILITATION:
        for match in pattern.finditer(masked):
            region = match.group("lines")
            stop = _STOP_LINES.search(region)
            if stop:
                region = region[: stop.start()]
            if NEGATION.search(masked[max(0, match.start() - 10) : match.start("lines")]):
                continue
            if rule == "took-over-facilitation" and PLANNED.search(masked[: match.start("lines")]):
                continue
            lines = parse_lines(_plain(view, region)) or _bare_sub_line(region)
            if not lines:
                continue
            who = _actor_keys(ctx, view, match.group("who"))
            together = _TOGETHER.search(region) or _TOGETHER.search(masked[match.end() :])
            if together and rule == "facilitates":
                who += [k for k in _actor_keys(ctx, view, together.group("more")) if k not in who]
            record(who, lines, rule)
    # "WHO leads the e-health strand of C7, and ITU co-facilitates it": the line just named
    for match in _CO_FACILITATES_IT.finditer(masked):
        it = match.group("it")
        pronoun = not it.startswith("⟪") or view.slot(it).ref in ("it", "them")
        earlier = [lines for actor, lines in found.items() if lines]
        if pronoun and earlier and not NEGATION.search(match.group(0)):
            record(_actor_keys(ctx, view, match.group("who")), earlier[-1][-1:], "co-facilitates-it")
    for match in _FOR_WHICH.finditer(masked):
        lines = parse_lines(re.split(r",|\bas well as\b", match.group("lines"))[-1])
        record(_actor_keys(ctx, view, match.group("who")), lines, "for-which-facilitator")
    for match in _ITS_CO_FACILITATOR.finditer(masked):
        lines = parse_lines(_plain(view, match.group("lines")))
        if lines and not NEGATION.search(match.group(0)):
            record(_actor_keys(ctx, view, match.group("who")), lines, "its-co-facilitator")
    for match in _ACT_AS_CO.finditer(masked):
        before = masked[: match.start()]
        previous = before.rsplit(";", 1)[0] if ";" in before else before
        lines = parse_lines(previous)
        if lines:
            record(_actor_keys(ctx, view, match.group("who")), lines[-1:], "act-as-co-facilitators")
    return found


def _bare_sub_line(region: str) -> list[tuple[str, str]]:
    """ "the lead facilitator for e-business": a C7 sub-line named alone, right after the
    facilitator noun (only there: elsewhere "e-business" is a topic, not an action line)."""
    match = re.match(
        r"\s*(?:the\s+)?e-(government|business|learning|health|employment|environment|agriculture|science)\b",
        region,
        re.IGNORECASE,
    )
    return [("C7", SUB_LINES[match.group(1).lower()])] if match else []


def _facilitation_table(ctx: Context, view: SentenceView) -> None:
    document = ctx.mentions.document
    block = document.blocks[view.sentence.block]
    if block.header or block.table < 0:
        return
    header = next((b for b in document.blocks if b.table == block.table and b.header), None)
    if header is None:
        return
    titles = [document.text[c.start : c.end].lower() for c in header.cells]
    who_column = next((n for n, t in enumerate(titles) if "facilitat" in t), None)
    line_column = next((n for n, t in enumerate(titles) if "action line" in t or "line" in t), None)
    if who_column is None or line_column is None:
        return
    cells = view.masked.split(" | ")
    if max(who_column, line_column) >= len(cells):
        return
    raw_cells = view.text.split(" | ")
    line_cell = raw_cells[line_column] if line_column < len(raw_cells) else cells[line_column]
    lines = parse_lines(line_cell) or _title_lines(line_cell)
    if not lines:
        return
    for actor in _actor_keys(ctx, view, cells[who_column]):
        _add(ctx, FactKind.FACILITATION, actor, lines, view, "facilitator-table", 0.9)


# --- reporting under action lines ---------------------------------------------------------

_REPORTS = re.compile(
    rf"(?P<who>{LIST})(?P<between>[^;]{{0,160}}?)\b(?:also\s+|then\s+)?(?:reports?|reported|reporting)"
    rf"\s+(?:its\s+work\s+|on\s+its\s+work\s+|then\s+)?(?P<lines>(?:on|under|for)\b[^;]*)"
)
_REPORT_UNDER_FIRST = re.compile(
    rf"^\s*Under\s+(?P<lines>[^,]*),\s+(?P<who>{LIST})\s+(?:also\s+)?(?:reported|reports|described|"
    rf"presented)"
)
_REPORTED_PLAIN = re.compile(
    rf"(?P<who>{LIST}),?\s+(?:which\s+[^,]*,\s+|as\s+[^,]*,\s+)?(?:also\s+)?(?:reported|reports|"
    rf"described|presented|highlighted|outlined)\b"
)
_WORK_RELATES = re.compile(
    r"(?:relates?|related|relating|contribut\w*|grouped|falls?|fell|covered|covers|worked|works|carried\s+out|"
    r"reported)\b[^.;]{0,60}?(?:to|under)\b(?P<lines>[^;]*)|action\s+lines\s+covered\s*:?(?P<lines2>.*)",
    re.IGNORECASE,
)
_INPUT_TO = re.compile(r"^\s*(?:Input|Update|Contribution|Report)\s+(?:to|on|under)\b.*?\bC\d", re.IGNORECASE)


def extract_action_lines(ctx: Context) -> None:
    """Find action_line and facilitation facts."""
    views = ctx.views
    heading_lines: dict[int, list[tuple[str, str]]] = {}
    for index, view in enumerate(views):
        facilitated = _facilitation(ctx, view)
        if view.kind == "table_row":
            _facilitation_table(ctx, view)
        lines_here = parse_lines(view.text)
        if view.kind == "heading":
            lines = lines_here or _title_lines(view.text)
            heading_lines[view.section] = lines
            if lines and ctx.is_submission and ctx.submitter:
                _add(ctx, FactKind.ACTION_LINE, ctx.submitter, lines, view, "section-heading", 0.85)
            continue
        if ctx.is_submission and ctx.submitter and lines_here:
            if _INPUT_TO.match(view.text):
                _add(
                    ctx,
                    FactKind.ACTION_LINE,
                    ctx.submitter,
                    lines_here,
                    view,
                    "input-to-line",
                    0.85,
                )
            elif _work_relates(ctx, view):
                _add(
                    ctx,
                    FactKind.ACTION_LINE,
                    ctx.submitter,
                    lines_here,
                    view,
                    "work-relates-to",
                    0.8,
                )
            elif view.kind == "list_item" and _covered_list(views, index):
                _add(
                    ctx,
                    FactKind.ACTION_LINE,
                    ctx.submitter,
                    lines_here[:1],
                    view,
                    "form-lines-covered",
                    0.85,
                )
        _reports(ctx, view, facilitated, heading_lines)


def _work_relates(ctx: Context, view: SentenceView) -> bool:
    match = _WORK_RELATES.search(view.masked)
    if match is None:
        return False
    before = view.masked[: match.start()]
    subjects = _actor_keys(ctx, view, before)
    pronoun = re.search(r"\b(?:its|their|our)\s+(?:work|activities|contribution)", before, re.I)
    return (
        ctx.submitter in subjects
        or bool(pronoun)
        or ("⟪E" in before and any(slot.ref in ("its", "their", "they") for slot in view.placeholders(before)))
    )


def _covered_list(views: list[SentenceView], index: int) -> bool:
    """A list item under "WSIS action lines covered:" in a reporting form."""
    view = views[index]
    for previous in reversed(views[:index]):
        if previous.kind != "list_item":
            return False
        if previous.sentence.block == view.sentence.block:
            continue
        document_level = previous.text.lower()
        if re.search(r"action\s+lines?\s+(?:covered|addressed|reported)", document_level):
            return True
        if not parse_lines(previous.text):
            return False
    return False


def _reports(
    ctx: Context,
    view: SentenceView,
    facilitated: dict[str, list[tuple[str, str]]],
    heading_lines: dict[int, list[tuple[str, str]]],
) -> None:
    masked = view.masked
    for match in _REPORTS.finditer(masked):
        lines = parse_lines(match.group("lines"))
        who = _actor_keys(ctx, view, match.group("who"))
        if not lines and re.search(r"\bthese\s+lines\b", match.group("lines")):
            lines = [line for actor in who for line in facilitated.get(actor, [])]
        if not lines and re.search(r"\bfacilitat", match.group("between")):
            lines = [line for actor in who for line in facilitated.get(actor, [])]
        for actor in who:
            _add(ctx, FactKind.ACTION_LINE, actor, lines, view, "reports-on-line", 0.85)
    for match in _REPORT_UNDER_FIRST.finditer(masked):
        lines = parse_lines(match.group("lines"))
        for actor in _actor_keys(ctx, view, match.group("who")):
            _add(ctx, FactKind.ACTION_LINE, actor, lines, view, "under-line-reported", 0.85)
    for match in _REPORTED_PLAIN.finditer(masked):
        who = _actor_keys(ctx, view, match.group("who"))
        own = [line for actor in who for line in facilitated.get(actor, [])]
        if own and re.search(r"\bas\s+(?:the\s+)?(?:lead\s+)?(?:co-)?facilitator", masked):
            for actor in who:
                _add(
                    ctx,
                    FactKind.ACTION_LINE,
                    actor,
                    facilitated.get(actor, []),
                    view,
                    "facilitator-reported",
                    0.8,
                )
        elif not ctx.is_submission and heading_lines.get(view.section):
            if not re.match(rf"^\s*(?:[^⟪]{{0,30}})?{re.escape(match.group('who')[:6])}", masked):
                continue
            for actor in who:
                _add(
                    ctx,
                    FactKind.ACTION_LINE,
                    actor,
                    heading_lines[view.section],
                    view,
                    "reported-in-line-section",
                    0.7,
                )
