"""Memberships of named groups, and cooperation between bodies without a named group.

The constructions are those UN submissions use to say who belongs to what: "the members of
G are: A; B; C", "X is one of the founding partners of G", "G is co-led by A and B",
"G brings together A, B and C", "A and B launched G", "X joined G in 2014", "X serves as
vice-chair of G", "its leaders include A, B and C". Joint work without a named group ("in
partnership with", "jointly published", "a memorandum of understanding") is cooperation.
Negated statements ("is not among the founding partners"), plans ("plans to join") and
conditionals carry no fact; observers, donors and supporters are not members.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wsisgraph.extract.context import (
    CONDITIONAL,
    LIST,
    NEGATION,
    PLANNED,
    Candidate,
    Context,
    E,
)
from wsisgraph.extract.mentions import SentenceView, is_actor
from wsisgraph.model import DateValue, EntityKind, FactKind

__all__ = ["extract_cooperations", "extract_memberships"]

_ROLE_NOUNS = (
    r"(?:founding\s+|full\s+|initial\s+|original\s+|core\s+|permanent\s+|associate\s+|"
    r"new\s+|current\s+|active\s+|key\s+|main\s+|implementing\s+|strategic\s+|other\s+|"
    r"\w+\s+)?(?:members?|partners?|founders?|co-founders?|founding\s+agenc(?:y|ies)|"
    r"co-leads?|leads?|leaders?|chairs?|vice-chairs?|co-chairs?|chairpersons?|presidents?|"
    r"vice-presidents?|signatories|participants?|pillar\s+leads?|co-conveners?|conveners?|"
    r"champions?|steering\s+committee\s+members?|board\s+members?|agencies)"
)
_BE = (
    r"(?:is|are|was|were|(?:has|have|had)\s+(?:(?:also|long|always|since|already|recently|now)\s+)?been|"
    r"became|become|becomes|remains?|remained|"
    r"serves?\s+as|served\s+as|acts?\s+as|acted\s+as)"
)
# adverbs that may stand between a subject, its verb and its complement
_ADV = (
    r"(?:(?:also|now|currently|later|subsequently|then|since|recently|formally|officially|eventually|soon|"
    r"further|still|itself|already|thereby|meanwhile)\s+)*"
)
_NUM = (
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"twenty|thirty|\d+)\s+)?"
)

_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    # "FAO is part of GODAN, an initiative ...", "UNU forms part of the Network", "sits on G"
    (
        "is-part-of",
        re.compile(
            rf"(?P<members>{LIST}),?\s+{_ADV}(?:(?:is|are|was|were|(?:has|have)\s+(?:also\s+)?been|became|remains?)\s+"
            rf"(?:also\s+|now\s+)?(?:an?\s+)?(?:integral\s+|active\s+|founding\s+)?part\s+of|forms?\s+(?:an?\s+)?part\s+of|"
            rf"formed\s+part\s+of|sits?\s+on|sat\s+on)\s+(?P<group>{E})(?!\s*(?:'s|’s))"
        ),
        0.8,
    ),
    # G, whose (founding) members are A, B and C
    (
        "whose-members-are",
        re.compile(
            rf"(?P<group>{E})(?:,\s+(?:an?|the)\s+[^,;⟪]{{0,80}}?)?,?\s+whose\s+(?:(?:other|remaining|founding|current|initial|full|core)\s+)*(?:members|partners|"
            rf"founders|leaders|co-leads|(?:steering|executive|management|coordinating)\s+(?:committee|board|group)|"
            rf"(?:governing|advisory)\s+board|core\s+group|secretariat)\s+(?:are|were|is|was|include|included|includes|"
            rf"comprises|comprised|(?:is|was|are|were)\s+(?:made\s+up|composed)\s+of|consists\s+of)\s*:?\s*(?P<members>{LIST})"
        ),
        0.85,
    ),
    # the (other) members of G are: A; B; C / the members of G (A, B, C)
    (
        "members-of-are",
        re.compile(
            rf"\b(?:(?:other|current|founding|initial|full|core|original|remaining)\s+)*(?:members?|partners|founders|leaders|co-leads)\s+of\s+(?P<group>{E})\s*"
            rf"(?:{_ADV}(?:are|were|include|includes|included|comprise|are\s+now)\s*:?\s*|\(\s*|:\s*)(?P<members>{LIST})"
        ),
        0.9,
    ),
    # X is (one of the N) member(s) of G / X, a member of G, / X became a partner of G
    (
        "is-member-of",
        re.compile(
            rf"(?P<members>{LIST})(?:,\s+(?:which|who)\s+|,\s+(?=(?:an?|one\s+of)\s)|,\s+(?:all|both|each)\s+(?=\w+\s+of\s)|\s+)"
            rf"{_ADV}(?:{_BE}\s+)?(?:(?:also|currently|now|itself|not|no\s+longer|"
            rf"never)\s+)*(?:among\s+)?"
            rf"(?:an?\s+|the\s+|one\s+of\s+(?:the\s+)?|two\s+of\s+(?:the\s+)?|among\s+(?:the\s+)?)?"
            rf"{_NUM}{_ROLE_NOUNS}\s+(?:of|in|to|on)\s+(?P<group>{E})"
            # "... has been a partner of G, together with WHO and IMIA": partners too; "a founding
            # member of G, launched in 2004 together with A and B": its co-founders
            rf"(?:(?:,\s+(?:which\s+was\s+|that\s+was\s+)?(?:launched|founded|created|set\s+up|established|formed)"
            rf"(?:\s+in\s+⟪D\d+⟫)?)?,?\s+(?:together\s+with|along\s+with|alongside)\s+(?P<more>{LIST}))?"
        ),
        0.85,
    ),
    # In the Learning Managers Network, which links ..., the College held the rotating chair
    (
        "in-group-held-chair",
        re.compile(
            rf"^\s*(?:In|Within)\s+(?P<group>{E})(?:,[^;]{{0,120}}?,)?\s+(?P<members>{E})\s+(?:also\s+)?(?:held|holds|has\s+held|"
            rf"took\s+on|assumed|took\s+over)\s+the\s+(?:rotating\s+)?(?:chair|chairmanship|presidency|co-chair|"
            rf"co-chairmanship|vice-chair|vice-chairmanship)\b"
        ),
        0.8,
    ),
    # A, B and C serve as vice-chairs of G
    (
        "serve-as-role-of",
        re.compile(
            rf"(?P<members>{LIST})\s+(?:also\s+)?(?:serves?|served|acts?|acted|sits?|sat)\s+as\s+"
            rf"(?:the\s+)?{_ROLE_NOUNS}\s+of\s+(?P<group>{E})"
        ),
        0.9,
    ),
    # X chairs G / X co-leads G / X, which co-leads G,
    (
        "chairs-group",
        re.compile(
            rf"(?P<members>{LIST}),?\s+(?:which\s+|who\s+)?(?:currently\s+|also\s+|jointly\s+|now\s+)?"
            rf"(?:chairs|chaired|co-chairs|co-chaired|leads|co-leads|co-led|led|heads|headed|champions|co-champions|"
            rf"championed|co-championed|presides\s+over|presided\s+over|coordinates|coordinated)\s+"
            rf"(?P<group>{E})(?!\s*(?:session|meeting))(?:\s+(?:together\s+|jointly\s+)?with\s+(?P<more>{LIST}))?"
        ),
        0.8,
    ),
    # G counts A, B and C among its members / lists A among its partners
    (
        "counts-among-members",
        re.compile(
            rf"(?P<group>{E})\s+(?:now\s+|also\s+)?(?:counts|counted|numbers|numbered|lists|listed|includes|included)\s+"
            rf"(?P<members>{LIST})\s+among\s+(?:⟪E\d+⟫\s+|its\s+|their\s+)?(?:founding\s+|first\s+|new\s+)?"
            rf"(?:members|partners|founders|participants|signatories)\b"
        ),
        0.85,
    ),
    # G, comprising A, B and C, / G, made up of A and B,
    (
        "group-comprising",
        re.compile(
            rf"(?P<group>{E}),\s+(?:which\s+(?:comprises|includes|brings\s+together|consists\s+of|is\s+made\s+up\s+of)|"
            rf"comprising|including|consisting\s+of|made\s+up\s+of|composed\s+of|bringing\s+together|grouping|uniting)\s+"
            rf"(?P<members>{LIST})(?=\s*[,;.)]|\s+(?:and|as|in|on|to|is|are|was|were|has|have|had)\b|$)"
        ),
        0.85,
    ),
    # the membership of G (grew to N organizations and) includes A and B / G has N members, including A and B
    (
        "membership-including",
        re.compile(
            rf"\b(?i:membership)\s+of\s+(?P<group>{E})(?:[^.;⟪]|⟪D\d+⟫){{0,80}}?(?:,\s+|\s+)(?:including|among\s+them|such\s+as|"
            rf"notably)\s+(?P<members>{LIST})"
        ),
        0.8,
    ),
    (
        "has-members-including",
        re.compile(
            rf"(?P<group>{E})\s+(?:now\s+)?(?:has|had|counts|counted|numbers|gathers|unites)\s+"
            rf"(?:[\w,]+\s+){{0,3}}?(?:members|partners|member\s+organi[sz]ations|partner\s+organi[sz]ations)"
            rf"(?:[^.;⟪]|⟪D\d+⟫){{0,60}}?(?:,\s+|\s+)(?:including|among\s+them|such\s+as|notably)\s+(?P<members>{LIST})"
        ),
        0.8,
    ),
    # G is co-led by A and B / G, led by X, / a partnership led by X that brings together
    (
        "led-by",
        re.compile(
            rf"(?P<group>{E})[^.;⟪]{{0,60}}?\b(?:is|was|are|were|,)?\s*(?:co-)?(?:led|chaired|headed|"
            rf"coordinated|co-chaired|steered)\s+by\s+(?P<members>{LIST})"
        ),
        0.85,
    ),
    # "The Coalition has been co-convened by A and B": the group itself, right before its verb
    (
        "convened-by",
        re.compile(
            rf"(?<!\bof\s)(?<!⟫\s)(?P<group>{E}),?\s+(?:which\s+)?(?:is|was|are|were|has\s+been|have\s+been|had\s+been)\s+"
            rf"(?:jointly\s+)?(?:co-)?convened\s+by\s+(?P<members>{LIST})"
        ),
        0.8,
    ),
    # G brings together (the seven initial funders...): A, B and C
    (
        "brings-together",
        re.compile(
            rf"(?P<group>{E})(?:[^.;⟪]|⟪D\d+⟫){{0,60}}?\b(?:brings|brought|bring)\s+together\s+"
            rf"(?:[^.;:]{{0,160}}:\s*)?(?P<members>{LIST})"
        ),
        0.85,
    ),
    # G unites / comprises / consists of / is made up of A, B and C
    (
        "group-consists-of",
        re.compile(
            rf"(?P<group>{E})\s+{_ADV}(?:unites|united|groups|grouped|comprises|comprised|consists\s+of|consisted\s+of|"
            rf"(?:is|was|are|were)\s+(?:made\s+up|composed)\s+of)(?:\s*:\s*|\s+)(?:the\s+following\s*:\s*)?(?P<members>{LIST})"
        ),
        0.85,
    ),
    # "G is a partnership of A, B and C", "G is a network of training institutions comprising A,
    # B and C", "G, a coalition of A and B, ..."
    (
        "group-is-a-body-of",
        re.compile(
            rf"(?P<group>{E})(?:\s+(?:is|was|has\s+been|remains)|,)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?"
            rf"(?:partnership|network|alliance|coalition|consortium|group|platform|initiative|"
            rf"grouping|association|federation|union|collective)\s+"
            rf"(?:(?:of|between|among|bringing\s+together|uniting|comprising|made\s+up\s+of|composed\s+of)\s+"
            rf"(?P<members>{LIST})(?!\s+(?:countries|states|agencies|organi[sz]ations|institutions|entities))"
            rf"|(?:of|among)\s+(?:[a-z-]+\s+){{1,6}}?(?:of\s+{E}(?:\s+system)?\s+)?(?:comprising|including|namely|"
            rf"made\s+up\s+of|composed\s+of|such\s+as)\s+(?P<members2>{LIST}))"
        ),
        0.8,
    ),
    # A and B (jointly) launched / founded / set up G (with C)
    (
        "founded-group",
        re.compile(
            rf"(?P<members>{LIST}),?\s+(?:(?:had|have|has)\s+)?(?:also\s+|jointly\s+|together\s+|first\s+)?"
            rf"(?:launched|founded|co-founded|created|established|set\s+up|formed|initiated|"
            rf"started)\s+(?P<group>{E})"
            # "the Board established the Group ... with the mandate to": it mandated, not joined
            r"(?![^.;]{0,60}?\bwith\s+(?:the|a|its)\s+(?:\w+\s+)?(?:mandate|task)\s+(?:to|of)\b)"
            rf"(?P<with>[^.;]*?\b(?:together\s+with|with|in\s+collaboration\s+with|"
            rf"alongside|jointly\s+with)\s+(?:(?:the\s+)?(?:\w+\s+){{0,4}}(?:founding\s+|other\s+)?partners\s*:\s*)?"
            rf"(?P<more>{LIST}))?"
        ),
        0.85,
    ),
    # G was founded (in 2019) by A and B (together with C)
    (
        "founded-by",
        re.compile(
            rf"(?P<group>{E})(?:,[^,;]{{0,80}},)?\s+(?:was|were|had\s+been|has\s+been)\s+(?:jointly\s+|first\s+)?"
            rf"(?:launched|founded|co-founded|created|established|set\s+up|formed|initiated|started)"
            rf"(?:\s+in\s+⟪D\d+⟫)?\s+by\s+(?P<members>{LIST})(?:,?\s+(?:together\s+with|with|"
            rf"in\s+collaboration\s+with|alongside)\s+(?P<more>{LIST}))?"
        ),
        0.85,
    ),
    # G, co-founded by A and B in 2010, ... (a participle)
    (
        "group-founded-by",
        re.compile(
            rf"(?P<group>{E}),\s+(?:(?:jointly|originally|first)\s+)?(?:launched|founded|co-founded|created|established|"
            rf"set\s+up|formed|initiated)\s+(?:in\s+⟪D\d+⟫\s+)?by\s+(?P<members>{LIST})"
        ),
        0.85,
    ),
    # G, which it runs together with ... / G, which A coordinates
    (
        "group-which-runs",
        re.compile(
            rf"(?P<group>{E}),\s+which\s+(?P<members>{LIST})\s+{_ADV}(?:runs|ran|manages|managed|leads|led|co-leads|"
            rf"co-led|coordinates|coordinated|chairs|chaired|co-chairs|co-chaired|hosts|hosted|steers|steered)\b"
            rf"(?:\s+(?:together|jointly)\s+with\s+(?P<more>{LIST}))?"
        ),
        0.8,
    ),
    # Over 50 countries, including A and B, have joined G
    (
        "including-joined",
        re.compile(
            rf"\b(?:including|such\s+as|among\s+them|among\s+which)\s+(?P<members>{LIST}),\s+(?:have|has|had)\s+"
            rf"{_ADV}(?:joined|signed\s+up\s+to|become\s+(?:members|partners|parties)\s+(?:of|to))\s+(?P<group>{E})"
        ),
        0.8,
    ),
    # G, which A and B launched (with C) / G, the initiative that A launched
    (
        "group-which-founded",
        re.compile(
            rf"(?P<group>{E}),?\s+(?:the\s+\w+\s+)?(?:which|that)\s+(?P<members>{LIST})\s+(?:had\s+)?"
            rf"(?:jointly\s+|together\s+)?(?:launched|founded|co-founded|created|established|set\s+up|"
            rf"formed|initiated)\b(?P<with>[^.;]*?\b(?:together\s+with|with|in\s+collaboration\s+with)\s+"
            rf"(?P<more>{LIST}))?"
        ),
        0.85,
    ),
    # A, B and C joined G / ... that joined it
    (
        "joined",
        re.compile(
            rf"(?P<members>{LIST})(?:,(?=\s+(?:have|has|had)\s)|,\s+(?:which|who))?\s+(?:(?:had|have|has)\s+)?(?:(?:also|formally|officially|later|then|since|"
            rf"subsequently|recently|newly)\s+)*"
            rf"(?:joined|entered|acceded\s+to)\s+(?P<group>{E})"
            # "UNFPA joined the Working Group, alongside WHO and UNICEF": they are in it too
            rf"(?:,?\s+(?:alongside|along\s+with|together\s+with)\s+(?P<more>{LIST}))?"
        ),
        0.85,
    ),
    # G was (later) joined by A and B
    (
        "joined-by",
        re.compile(
            rf"(?P<group>{E})(?:,[^,;]{{0,80}},)?\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
            rf"(?:(?:later|subsequently|also|then|since|recently|soon|further|formally)\s+)*joined\s+by\s+"
            rf"(?P<members>{LIST})"
        ),
        0.85,
    ),
    (
        "among-that-joined",
        re.compile(
            rf"(?P<members>{LIST})\s+(?:were|was|are|is)\s+among\s+[^.;⟪]{{0,80}}?\b(?:that|which|who)\s+"
            rf"(?:had\s+)?joined\s+(?P<group>{E})"
        ),
        0.8,
    ),
    # G, in which A participates with B / A takes part in G (together with B)
    (
        "participates-in-group",
        re.compile(
            rf"(?P<group>{E}),\s+in\s+which\s+(?P<members>{LIST})\s+{_ADV}(?:participates?|participated|takes\s+part|"
            rf"took\s+part|is\s+involved|are\s+involved|was\s+involved|were\s+involved)"
            rf"(?:\s+(?:together\s+|along\s+|jointly\s+)?with\s+(?P<more>{LIST}))?"
        ),
        0.75,
    ),
    (
        "participates-in",
        re.compile(
            rf"(?P<members>{LIST})\s+{_ADV}(?:participates|participate|takes\s+part|take\s+part)\s+in\s+(?P<group>{E})"
            rf"(?:,?\s+(?:together\s+|along\s+|jointly\s+)?with\s+(?P<more>{LIST}))?"
        ),
        0.75,
    ),
    # India holds a seat (on the Commission in context)
    # X sits on G (together with A and B)
    (
        "sits-on",
        re.compile(
            rf"(?P<members>{LIST})\s+(?:sits?|sat|has\s+a\s+seat|holds?\s+a\s+seat|is\s+represented)\s+"
            rf"(?:on|in|at)\s+(?P<group>{E})(?:\s+(?:together\s+with|with|alongside)\s+(?P<more>{LIST}))?"
        ),
        0.85,
    ),
    # A and B were elected to G
    (
        "elected-to",
        re.compile(
            rf"(?P<members>{LIST})\s+(?:was|were|has\s+been|have\s+been)\s+(?:among\s+[^.;⟪]{{0,40}}?\s+)?"
            rf"(?:re-)?elected\s+(?:to|as\s+members?\s+of)\s+(?P<group>{E})"
        ),
        0.85,
    ),
    # X took on the chairmanship of G
    (
        "took-chair",
        re.compile(
            rf"(?P<members>{LIST})\s+(?:also\s+)?(?:took\s+on|assumed|took\s+up|holds|held|took\s+over)\s+"
            rf"the\s+(?:rotating\s+)?(?:chairmanship|chair|presidency|co-chairmanship|vice-chairmanship)"
            rf"\s+of\s+(?P<group>{E})"
        ),
        0.85,
    ),
    # G: joint initiative of A, B and C / G is a joint initiative of ...
    (
        "joint-initiative-of",
        re.compile(
            rf"(?P<group>{E})\s*(?::|,|\s+is|\s+was)\s+(?:an?\s+)?(?:joint|common|collaborative)\s+"
            rf"(?:initiative|partnership|programme|program|platform|undertaking|effort)\s+of\s+"
            rf"(?P<members>{LIST})"
        ),
        0.85,
    ),
    # G, a partnership in which X works with A, B and C
    (
        "in-which-works-with",
        re.compile(
            rf"(?P<group>{E}),\s+an?\s+[^,;⟪]{{0,40}}?(?:partnership|initiative|alliance|network|coalition)"
            rf"\s+in\s+which\s+(?P<members>{LIST})\s+(?:works?|cooperates?|collaborates?|partners?)\s+"
            rf"with\s+(?P<more>{LIST})"
        ),
        0.85,
    ),
    # As one of the two founding agencies of G, alongside X, Y ...
    (
        "as-one-of-alongside",
        re.compile(
            rf"\bAs\s+(?:one\s+of\s+the\s+|an?\s+|the\s+)?{_NUM}{_ROLE_NOUNS}\s+of\s+(?P<group>{E}),\s+"
            rf"(?:alongside|with|together\s+with)\s+(?P<more>{LIST}),\s+(?P<members>{E})"
        ),
        0.85,
    ),
    # Y, X's partner in G
    (
        "partner-in",
        re.compile(rf"(?P<members>{E})[^.;⟪]{{0,40}}?,\s+(?P<more>{E})'s\s+partners?\s+in\s+(?P<group>{E})"),
        0.8,
    ),
    # As a (founding) member of G, X contributed ... / As one of the partners of G, X ...
    (
        "as-member-of",
        re.compile(
            rf"^\s*(?:[^⟪;,]{{0,30}},\s*)?As\s+(?:an?\s+|the\s+|one\s+of\s+the\s+)?{_NUM}"
            rf"(?:(?:founding|full|active|long-standing|associate|core)\s+)?"
            rf"(?:members?|partners?|co-founders?|founders?|co-leads?|co-chairs?|vice-chairs?|chairs?)\s+"
            rf"(?:of|in)\s+(?P<group>{E})(?:\s*\([^)]*\))?,\s+(?P<members>{E})"
        ),
        0.8,
    ),
    # G, ... among whose members are A and B / G, among whose partners is X
    (
        "among-whose-members",
        re.compile(
            rf"(?P<group>{E}),?\s+(?:(?:which|that)\b[^.;]{{0,160}}?\band\s+)?among\s+whose\s+(?:\w+\s+)?"
            rf"(?:members|partners|founders|"
            rf"participants)\s+(?:are|were|is|was)\s+(?P<members>{LIST})"
        ),
        0.8,
    ),
    # the agencies that belong to G are A, B and C
    (
        "that-belong-to-are",
        re.compile(
            rf"\b(?:that|which|who)\s+(?:belong\s+to|belonged\s+to|are\s+members\s+of|were\s+members\s+of|"
            rf"sit\s+on|participate\s+in)\s+(?P<group>{E})\s+(?:are|were|include|included)\s*:?\s*(?P<members>{LIST})"
        ),
        0.85,
    ),
    # A, B and C complete the group of five founding partners
    (
        "complete-group",
        re.compile(
            rf"(?P<members>{LIST})\s+(?:complete|completed|round\s+out|rounded\s+out|make\s+up)\s+"
            rf"(?P<group>{E})\s+of\s+{_NUM}{_ROLE_NOUNS}"
        ),
        0.8,
    ),
]

# role words a form field may give for the submitter ("UNGIS: vice-chair, with UNESCO")
_FORM_ROLE = re.compile(
    rf"^\s*(?P<group>{E})\s*:\s*(?P<role>(?:founding\s+|full\s+|associate\s+)?(?:member|partner|"
    rf"chair|vice-chair|co-chair|co-lead|lead|founder|co-founder|signatory))\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_SAME_TIME = re.compile(rf"\bat\s+the\s+same\s+time\s+as\s+(?P<members>{LIST})")
# When a membership began or ended: "since November 2020", "from 2016 to 2019", "until 2019",
# "joined in 2014"; for a joining or founding verb any "in D" ("founded the Coalition in 2018").
_SINCE = re.compile(
    r"\b(?:since|from|as\s+of|effective)\s+(?:its\s+\w+\s+in\s+)?⟪D(\d+)⟫|\bjoined\s+in\s+⟪D(\d+)⟫", re.I
)
_UNTIL = re.compile(r"\b(?:until|till|up\s+to|through)\s+⟪D(\d+)⟫", re.I)
_BETWEEN = re.compile(r"\bbetween\s+⟪D(\d+)⟫\s+and\s+⟪D(\d+)⟫", re.I)
_IN_DATE = re.compile(r"\b(?:in|on|during)\s+⟪D(\d+)⟫", re.I)
_JOINING_RULES = frozenset(
    {
        "joined",
        "joined-by",
        "founded-group",
        "founded-by",
        "group-founded-by",
        "group-which-founded",
        "including-joined",
        "became-partner",
        "elected-to",
    }
)
# Where the clause of a membership goes on past its group: up to the next actor or clause.
_TAIL_END = re.compile(r";|⟪E|,\s+(?:and|but|while|whereas|which|who)\b|\s+and\s+(?=⟪E)")
_BECAME_PARTNER = re.compile(
    rf"(?P<members>{LIST})\s+(?:has|have)?\s*(?:since\s+)?(?:also\s+)?(?:become|became|joined\s+as)\s+"
    rf"(?:an?\s+)?(?:partner|member|co-lead|founding\s+partner)(?:s)?(?:\s+as\s+well)?\s*[,.;]"
)
# A sentence (or heading) that announces the members as the list or table after it:
# "The members of G are:", "G comprises the following partner agencies:", "The members of
# G are listed in the table below.", "G's founding partners are as follows:", "Members of G".
_ROLE_PLURAL = (
    r"(?:members?|partners?|co-leads?|leaders?|founders?|co-founders?|signatories|participants|officers|"
    r"core\s+group|steering\s+committee|"
    r"membership|composition|(?:founding|member|partner|participating)\s+(?:agencies|organi[sz]ations|"
    r"entities|institutions|bodies|partners|members))"
)
_LIST_INTRO = re.compile(
    rf"\b{_ROLE_PLURAL}\b[^.;]{{0,60}}?(?:\b(?:are|were|include|included|includes|comprise|comprises|"
    rf"consist\s+of|are\s+now)\s*(?:as\s+follows\s*)?:\s*$|\b(?:are|is|were|was)\s+(?:as\s+follows|"
    rf"(?:listed|given|shown|set\s+out|presented)\s+(?:below|in\s+the\s+(?:table|list)\s+below|"
    rf"in\s+the\s+following\s+(?:table|list)|in\s+(?:table|annex)\s+[\dA-Z]+(?:\s+below)?|as\s+follows))\s*[.:]?\s*$)"
    rf"|^\s*(?:The\s+)?(?P<subject>{E})\s+(?:\w+\s+)?(?:comprises|comprised|includes|included|consists\s+of|"
    rf"is\s+made\s+up\s+of|was\s+made\s+up\s+of|brings\s+together|brought\s+together|counts|unites|"
    rf"gathers)\s+(?:the\s+following|these)\b[^.;:]{{0,60}}[:.]\s*$"
    r"|(?:is|are)\s+led\s+by\s+(?:one|an?)\s+(?:organi[sz]ation|agency|entity|partner)\s*:\s*$"
    # "The campaign is led by:", "The network was founded jointly by:"
    r"|(?:is|are|was|were)\s+(?:(?:jointly|currently)\s+)?(?:co-)?(?:led|chaired|headed|coordinated|founded|"
    r"launched|convened|steered)\s+(?:jointly\s+)?by\s*:\s*$"
    # "The regional commissions that belong to the Partnership are:"
    rf"|\b(?:that|which|who)\s+(?:belong|belonged)\s+to\s+(?P<belong>{E})\s+(?:are|were|include)\s*:\s*$"
    # "The statement is issued by the following members of G:", "signed by these G partners:"
    rf"|\b(?:the\s+following|these)\s+(?:(?P<before>{E})\s+)?(?:[a-z-]+\s+)?{_ROLE_PLURAL}"
    rf"(?:\s+(?:of|in)\s+{E})?\s*:\s*$"
    # "Members at the end of 2018:", "Current partners (2021):" above the list or table
    rf"|^\s*(?:(?:The|Its|Their)\s+)?(?:(?:current|founding|full|core)\s+)?{_ROLE_PLURAL}"
    r"(?:\s+(?:at|as\s+(?:at|of)|in|on|since|by)\s+(?:the\s+end\s+of\s+)?[^:;⟪]{0,20}(?:⟪D\d+⟫)?|\s*\(⟪D\d+⟫\))?"
    r"\s*:\s*$",
    re.IGNORECASE,
)
_HEADING_INTRO = re.compile(
    rf"^\s*(?:(?:Table|Figure|Box|Annex)\s+[\dA-Z]+[.:]?\s+)?(?:(?:The\s+)?(?:{_ROLE_PLURAL})\s+(?:of|in)\s+(?P<group>{E})|"
    rf"(?P<owner>{E})(?:'s)?\s*:?\s*{_ROLE_PLURAL})(?:\s*,?\s*\(?(?:as\s+(?:at|of)\s+|in\s+)?⟪D\d+⟫\)?)?\s*$",
    re.IGNORECASE,
)
# Table columns: who the row names, the role they hold, and when they joined or left.
_MEMBER_COLUMN = re.compile(
    r"^\s*(?:(?:founding|current|full)\s+)?(?:members?|partners?|organi[sz]ations?|entit(?:y|ies)|agenc(?:y|ies)|"
    r"institutions?|bod(?:y|ies)|names?|participants?|member\s+states?|countr(?:y|ies)|states?|governments?)"
    r"(?:\s+(?:organi[sz]ations?|agenc(?:y|ies)|entit(?:y|ies)|names?))?\s*$",
    re.IGNORECASE,
)
_ROLE_COLUMN = re.compile(
    r"\b(?:role|status|capacity|type\s+of\s+(?:membership|participation)|position|office|function)\b", re.I
)
_SINCE_COLUMN = re.compile(r"\b(?:since|joined|member\s+since|year\s+joined|date\s+joined|from|start)\b", re.I)
_UNTIL_COLUMN = re.compile(r"\b(?:until|left|to|end|withdrew)\b", re.I)
_LEADERS_INCLUDE = re.compile(
    rf"(?P<owner>{E})(?:'s)?\s+(?:(?:core|main|key|principal|primary|current|other|new|implementing|founding|full|"
    rf"permanent|associate|original)\s+)?"
    rf"(?:leaders|partners|members|co-leads|founders|founding\s+partners|founding\s+members)"
    rf"(?:(?:,\s+(?:which|who))?\s+{_ADV}(?:include|includes|included|are|were|comprise)\s*:?\s*(?P<members>{LIST})"
    # "Its founding members — ISOC, CDT and GPD — still steer the Coalition"
    rf"|\s*[—–]\s*(?P<members2>{LIST})\s*[—–])"
    # "among its members are the cloud providers Cloudflare and Google"
    rf"|\b(?i:among)\s+(?:(?P<owner2>{E})|its|their)\s+(?:(?:founding|current|new|other|many)\s+)?(?:members|partners)\s+"
    rf"(?:are|were|is|was)\s+(?:the\s+)?(?:[a-z-]+\s+){{0,6}}?(?P<members3>{LIST})"
)
_ROLE_ASSIGNMENT = re.compile(r"chairmanship|presidency|chair\b", re.IGNORECASE)


_EVENT_LIKE = {"conference", "summit", "symposium", "session", "meeting", "forum", "congress", "assembly", "dialogue"}


def _negated(text: str) -> bool:
    return bool(NEGATION.search(text))


def _planned(text: str) -> bool:
    return bool(PLANNED.search(text))


def _member_keys(ctx: Context, view: SentenceView, part: str) -> list[str]:
    keys = ctx.actors(view, part, stakeholders=False)
    return [key for key in keys if ctx.entity(key) is None or ctx.entity(key).kind is not EntityKind.EVENT]  # type: ignore[union-attr]


def _dates_near(view: SentenceView, text: str, *, joining: bool = False) -> tuple[DateValue | None, DateValue | None]:
    """The start and end of a membership stated in ``text`` (its clause, intro and tail)."""

    def date(number: str) -> DateValue | None:
        return view.slots[int(number)].date

    since = until = None
    between = _BETWEEN.search(text)
    if between:
        return date(between.group(1)), date(between.group(2))
    match = _SINCE.search(text)
    if match:
        since = date(match.group(1) or match.group(2))
    elif joining and (match := _IN_DATE.search(text)):
        since = date(match.group(1))
    match = _UNTIL.search(text)
    if match:
        until = date(match.group(1))
    if since is not None and since.end and until is None:
        since, until = DateValue(since.value), DateValue(since.end)  # "from 2016 to 2019" read as one range
    return since, until


def _time_text(view: SentenceView, masked: str, match: re.Match[str]) -> str:
    """The text that dates a membership: the sentence's opening phrase, the match and its tail."""
    intro = _INTRO_PHRASE.match(view.masked)
    rest = masked[match.end() :]
    stop = _TAIL_END.search(rest)
    tail = rest[: stop.start()] if stop else rest
    opening = intro.group(0) if intro and not masked.startswith(intro.group(0)) else ""
    return f"{opening} {_scope(masked, match)} {tail}"


def _add_members(
    ctx: Context,
    view: SentenceView,
    members: list[str],
    group: str,
    rule: str,
    confidence: float,
    scope: str,
    *,
    when: str | None = None,
    joining: bool = False,
    has_members: bool = False,
) -> None:
    entity = ctx.entity(group)
    if entity is None or not (ctx.is_group(entity, stated=True) or has_members):
        ctx.reject(view, rule, "the object is not a group with members", scope)
        return
    since, until = _dates_near(view, scope if when is None else when, joining=joining or rule in _JOINING_RULES)
    parent = ctx.entity(entity.parent) if entity.parent else None
    also = parent.key if parent is not None and parent.kind is EntityKind.GROUP else None
    for member in members:
        if member == group:
            continue
        if also and member != also:
            ctx.add(
                Candidate(
                    FactKind.MEMBERSHIP,
                    (("member", (member,)), ("group", (also,))),
                    view,
                    f"{rule}+parent",
                    confidence * 0.95,
                    since=since,
                    until=until,
                )
            )
        member_entity = ctx.entity(member)
        if member_entity is not None and member_entity.kind is EntityKind.STAKEHOLDER:
            continue
        ctx.add(
            Candidate(
                FactKind.MEMBERSHIP,
                (("member", (member,)), ("group", (group,))),
                view,
                rule,
                confidence,
                since=since,
                until=until,
            )
        )


_OUTSIDE_ROLE = re.compile(
    r"\s*(?:in\s+⟪D\d+⟫\s+)?(?:,\s*)?as\s+(?:an?\s+)?(?:observers?|donors?|sponsors?|invitees?|guests?|"
    r"funders?|supporters?|supporting\s+(?:organi[sz]ations?|members?|partners?|entit(?:y|ies)))\b",
    re.IGNORECASE,
)


def _blocked(ctx: Context, view: SentenceView, rule: str, scope: str) -> bool:
    if _negated(scope):
        ctx.reject(view, rule, "negated", scope)
        return True
    if CONDITIONAL.search(view.masked):
        ctx.reject(view, rule, "conditional", scope)
        return True
    if _planned(scope):
        ctx.reject(view, rule, "a plan or intention, not a fact", scope)
        return True
    return False


def _group_of(ctx: Context, view: SentenceView, placeholder: str) -> str | None:
    """The group a placeholder names in a sentence that says the group has members."""
    slot = view.slot(placeholder)
    for key in slot.keys:
        entity = ctx.entity(key)
        if entity is not None and ctx.is_group(entity, stated=True):
            return key
    return None


_RELATIVE_IN_LIST = re.compile(
    r",\s+(?:which|who)\s+(?:had\s+|has\s+)?(?:joined|became|was|were|"
    r"is|are)\b[^;⟪]*(?:⟪D\d+⟫)?(?=\s*[;,]|$)"
)
_RELATIVE_BEFORE_SEMICOLON = re.compile(r",\s+(?:which|who)\s+(?:[a-z-]+\s+){1,3}(?:⟪[ED]\d+⟫)?(?=\s*;)")
_NAMELY = re.compile(
    r"(?:and\s+)?(?:the\s+)?(?:\b(?!together\b|includes?\b|comprises\b|unites\b)[\w-]+\s+){0,3}(?:regional\s+commissions|agencies|"
    r"organi[sz]ations|entities|countries|partners|members|institutions|funds|"
    r"programmes|states|governments|economies|nations|banks|universities|companies|firms|ministries|institutes|"
    r"networks|associations|bodies|operators|NGOs|foundations|offices|authorities),?\s+(?:namely|i\.e\.|that\s+is|"
    r"including|among\s+them|"
    r"among\s+which|such\s+as)\s*:?\s+"
)


_NONRESTRICTIVE = re.compile(
    r",\s+(?:which|who)\s+[^,;]*,"
    # "G, set up in 2023, is made up of ...": a participle aside about the group
    r"|(?<=⟫),\s+(?:set\s+up|established|created|launched|founded|formed|based|headquartered|hosted)\s+(?:in|on)\s+[^,;]*,"
)


_INTRO_PHRASE = re.compile(
    r"^\s*(?:Within|In|Under|Through|For|As\s+part\s+of|At|During|On|Since|By|After|With|"
    r"Besides|Alongside|Beyond|Inside)\s+(?:[^,;:⟪]{0,40}⟪[DE]\d+⟫){0,3}[^,;:⟪]{0,40}"
    # "Within the framework of G, which is co-led by A": the aside is about G, which stays
    r",(?!\s*(?:which|whose|who)\b)\s*"
)


# an actor followed by its verb: the "opening phrase" is the main clause ("In 2020 FAO joined G,")
_SUBJECT_VERB = re.compile(
    r"⟪E\d+⟫\s+(?:(?:has|have|had|also|then|later|formally)\s+)*(?:[a-z]+ed|joined|became|led|signed|"
    r"is|are|was|were|has|have|had|will|leads|chairs|joins|launched|set\s+up|took|began|won|ran|met|held|built|made)\b"
)


# "IFAD, through its remittances facility, worked with WSBI": the aside is how, not who
_SUBJECT_ASIDE = re.compile(
    r"(⟪E\d+⟫),\s+(?:through|via|under|by\s+way\s+of|in\s+its\s+capacity\s+as|as\s+(?:the\s+)?(?:lead|host|chair))\s+"
    r"(?:(?:its|their|the)\s+)?(?:[^,;⟪]|⟪E\d+⟫){1,80}?,\s+(?=[a-z])"
)


def _strip_intro(masked: str) -> str:
    """``masked`` without its opening phrase ("In partnership with ⟪E1⟫, ..."), unless that
    "phrase" holds the sentence's own subject and verb."""
    intro = _INTRO_PHRASE.match(masked)
    if intro is None or _SUBJECT_VERB.search(intro.group(0)):
        return masked
    return masked[intro.end() :]


_TOGETHER_ASIDE = re.compile(rf"(⟪E\d+⟫),\s+(?:together|jointly|along)\s+with\s+({LIST}),\s+")
# "UNFPA co-chairs, with UN Women, the Gender Theme Group": the aside joins the subject
_VERB_ASIDE = re.compile(
    rf"(⟪E\d+⟫)\s+((?:co-)?(?:chairs|chaired|leads|led|heads|headed|founded|launched|created|established|joined|"
    rf"convenes|convened|coordinates|coordinated)),\s+(?:together\s+|jointly\s+|along\s+)?with\s+({LIST}),\s+"
)


def _list_text(masked: str) -> str:
    """Masked text with list-internal asides removed ("X, which joined in 2014;", "namely"),
    and "A, together with B, launched" read as "A and B launched"."""
    masked = _strip_intro(masked)
    masked = _TOGETHER_ASIDE.sub(r"\1 and \2 ", masked)
    masked = _VERB_ASIDE.sub(r"\1 and \3 \2 ", masked)
    masked = _RELATIVE_IN_LIST.sub("", masked)

    def namely(match: re.Match[str]) -> str:
        if re.search(
            r"\b(?:has|had|have|counts|counted|numbers|gathers|unites)\s+(?:[\w,]+\s+){0,3}$", masked[: match.start()]
        ):
            return match.group(0)  # "G has sixty members, including A": the group's own members
        # "A, B and four regional commissions, namely C and D" -> "A, B and C and D";
        # "G brings together 25 countries, among them A and B" -> "G brings together A and B"
        return "and " if match.group(0).startswith("and") else ""

    return _NAMELY.sub(namely, masked)


def extract_memberships(ctx: Context) -> None:
    """Find membership facts in every sentence of the document."""
    views = ctx.views
    for index, view in enumerate(views):
        variants = [_list_text(view.masked)]
        stripped = _NONRESTRICTIVE.sub("", variants[0])
        if stripped != variants[0]:
            variants.append(stripped)
        # "A, which hosts the Community; B; and C": an item's own relative clause, up to its semicolon
        unclaused = _RELATIVE_BEFORE_SEMICOLON.sub("", variants[0])
        if unclaused not in variants:
            variants.append(unclaused)
        for rule, pattern, confidence in _PATTERNS:
            for masked, match in ((m, x) for m in variants for x in pattern.finditer(m)):
                scope = _scope(masked, match)
                if _blocked(ctx, view, rule, scope):
                    continue
                if _OUTSIDE_ROLE.match(masked[match.end() :]):
                    ctx.reject(view, rule, "an observer, donor or invitee is not a member", scope)
                    continue
                group = _group_of(ctx, view, match.group("group"))
                if group is None:
                    continue
                group_entity = ctx.entity(group)
                if rule == "chairs-group" and group_entity is not None and group_entity.head in _EVENT_LIKE:
                    continue  # chairing a conference is taking part in it, not membership
                members_text = _own_clause(match, masked)
                members = _member_keys(ctx, view, members_text)
                more = match.groupdict().get("more")
                if more:
                    members += [k for k in _member_keys(ctx, view, more) if k not in members]
                _add_members(
                    ctx,
                    view,
                    members,
                    group,
                    rule,
                    confidence,
                    scope,
                    when=_time_text(view, masked, match),
                    joining=bool(re.search(r"\b(?:became|become|becomes|joined|joins)\b", match.group(0))),
                )
        _form_roles(ctx, view)
        _joining_were(ctx, views, index)
        _others_are(ctx, views, index)
        _roles_table(ctx, view)
        _leaders_include(ctx, view)
        _became_partner(ctx, views, index)
        _holds_seat(ctx, views, index)
        _list_following(ctx, views, index)
        _groups_following(ctx, views, index)
        _group_in_table_header(ctx, views, index)


def _own_clause(match: re.Match[str], masked: str) -> str:
    """The members a match names, read up to a semicolon that bounds their clause.

    A list after its verb stops where a semicolon opens a clause of its own ("brings together
    A and B; C participates as an observer": not C); a list before its verb starts after the
    last semicolon ("... with D and E; ITU chairs the Group": only ITU chairs)."""
    name = "members" if match.group("members") is not None or "members2" not in match.re.groupindex else "members2"
    members = match.group(name) or ""
    before = masked[: match.start(name)]
    if (
        match.end(name) != match.end()
        and re.search(r"\b(?:of|with|on|to|by|for|from|into|at|joined|among)\s+(?:the\s+)?$", before)
        and re.search(r",\s+and\s+", members)
    ):
        # "WFP forms part of the Partnership, and ILO sits on the Committee": the list before the
        # verb starts after the object the earlier clause ends with
        members = re.split(r",\s+and\s+", members)[-1]
    if ";" not in members:
        return members
    if match.end(name) == match.end():
        if re.match(r"\s+(?!and\b|as\s+well\b)(?:[a-z]+\s+)?[a-z]+", masked[match.end() :]):
            return members[: members.rindex(";")]
        return members
    return members[members.rindex(";") + 1 :]


def _scope(masked: str, match: re.Match[str]) -> str:
    """The text a rule's negation and plan check looks at: the match and its clause start.

    Where the group opens the match and is its subject ("G, which is led by A"), words before
    it belong to another verb ("FAO did not join G, which is led by A"): only the match counts.
    """
    names = match.re.groupindex
    if "group" in names and match.start("group") == match.start() and match.start() > 0:
        return match.group(0)
    left = max(masked.rfind(";", 0, match.start()), masked.rfind(":", 0, match.start())) + 1
    return masked[left : match.end()]


def _form_roles(ctx: Context, view: SentenceView) -> None:
    """Form fields of a submission: "UNGIS: vice-chair, with UNESCO, UNCTAD and UNDP"."""
    if view.kind not in ("list_item", "table_row") or not ctx.submitter:
        return
    match = _FORM_ROLE.match(view.masked)
    if match is None:
        return
    group = _group_of(ctx, view, match.group("group"))
    if group is None:
        return
    rest = match.group("rest")
    first_clause = rest.split(";")[0]
    if _negated(match.group("role") + first_clause) or re.search(r"\bobserver", rest, re.I):
        return
    members = [ctx.submitter]
    with_list = re.search(rf"\bwith\s+(?P<members>{LIST})", first_clause)
    if with_list:
        members += _member_keys(ctx, view, with_list.group("members"))
    same = _SAME_TIME.search(rest)
    if same:
        members += _member_keys(ctx, view, same.group("members"))
    _add_members(ctx, view, members, group, "form-field-role", 0.85, view.masked)


# "Joining the Initiative in 2016 were A and B", "Joining UNEP as founding partners of G in 2013
# were:" and a list; "Among those joining G in 2020 was X"
_JOINING_WERE = re.compile(
    rf"^\s*(?:(?:In|During|By|Since)\s+⟪D\d+⟫,?\s+)?(?:Also\s+)?(?:Among\s+(?:those|the\s+[\w-]+)\s+)?"
    rf"(?:[Jj]oining|[Nn]ewly\s+joining)\s+(?P<group>{E})"
    rf"(?:\s+as\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:members?|partners?|founders?|co-founders?)\s+(?:of|in)\s+"
    rf"(?P<group2>{E}))?(?:\s+(?:in|during|since|on|at|by|from)\s+⟪D\d+⟫)?\s+(?:were|was|are|is)\b\s*:?\s*"
    rf"(?P<members>{LIST})?"
)


def _joining_were(ctx: Context, views: list[SentenceView], index: int) -> None:
    """ "Joining G in 2016 were A and B": an inverted "A and B joined G", its members in the
    sentence or in the list after it; "Joining X as founding partners of G" makes X one too."""
    view = views[index]
    match = _JOINING_WERE.match(view.masked)
    if match is None:
        return
    scope = match.group(0)
    if _blocked(ctx, view, "joining-were", scope):
        return
    group = _group_of(ctx, view, match.group("group2") or match.group("group"))
    if group is None:
        return
    joined: list[str] = []
    if match.group("group2"):
        joined = _member_keys(ctx, view, match.group("group"))
    if match.group("members"):
        members = _member_keys(ctx, view, match.group("members").split(";")[0])
        _add_members(ctx, view, joined + members, group, "joining-were", 0.85, scope, joining=True)
        return
    rest = view.masked[match.end() :].strip()
    if rest or index + 1 >= len(views) or views[index + 1].kind != "list_item":
        return
    if joined:
        _add_members(ctx, view, joined, group, "joining-were", 0.85, scope, joining=True)
    before = len(ctx.candidates)
    _list_items(ctx, views, index + 1, group)
    since, _ = _dates_near(view, scope, joining=True)
    if since is not None:
        ctx.candidates[before:] = [
            replace(candidate, since=candidate.since or since) for candidate in ctx.candidates[before:]
        ]


# "The other founding partners are A and B.", "Its core members are A, B and C." without the
# group's name: the group the previous sentences spoke of
_OTHERS_ARE = re.compile(
    rf"^\s*(?:[^⟪;,]{{0,30}},\s*)?(?:The|(?P<owner>⟪E\d+⟫))\s+(?:other\s+)?(?:(?:founding|initial|original|current|"
    rf"new|core|main|full|remaining)\s+)?(?:members|partners|founders|co-founders|co-leads|leaders|signatories)\s+"
    rf"(?:are|were|include|included|comprise)\s*:?\s*(?P<members>{LIST})"
)


def _others_are(ctx: Context, views: list[SentenceView], index: int) -> None:
    view = views[index]
    match = _OTHERS_ARE.match(view.masked)
    if match is None:
        return
    scope = match.group(0)
    if _blocked(ctx, view, "members-are", scope):
        return
    group = None
    if match.group("owner"):
        group = _group_of(ctx, view, match.group("owner"))
    if group is None:
        group = _recent_group(ctx, views, index - 1, window=1) if index else None
    if group is None:
        return
    members = _member_keys(ctx, view, _own_clause(match, view.masked))
    _add_members(ctx, view, members, group, "members-are", 0.8, scope)


# A table of the bodies a submitter sits in and its role in each: "Body | Role of UNDP in 2023"
_BODY_COLUMN = re.compile(
    r"^\s*(?:bod(?:y|ies)|groups?|mechanisms?|networks?|coalitions?|partnerships?|initiatives?|alliances?|"
    r"platforms?|forums?|committees?|membership|name)\b",
    re.IGNORECASE,
)
_HELD_ROLE = re.compile(
    r"^\s*(?:(?:founding|full|associate|active|permanent|elected)\s+)?(?:member|chair|chairperson|vice-chair|co-chair|"
    r"founder|co-founder|partner|co-lead|lead|leader|president|vice-president|board\s+member)s?\b",
    re.IGNORECASE,
)


def _roles_table(ctx: Context, view: SentenceView) -> None:
    document = ctx.mentions.document
    block = document.blocks[view.sentence.block]
    if view.kind != "table_row" or block.header or block.table < 0 or block.table in ctx.claimed_tables:
        return
    header_view = next(
        (
            other
            for other in ctx.views
            if other.kind == "table_row"
            and document.blocks[other.sentence.block].table == block.table
            and document.blocks[other.sentence.block].header
        ),
        None,
    )
    if header_view is None:
        return
    titles = header_view.text.split(" | ")
    masked_titles = header_view.masked.split(" | ")
    if len(titles) != len(masked_titles):
        return
    body_column = next((n for n, title in enumerate(titles) if _BODY_COLUMN.match(title)), None)
    role_column = next((n for n, title in enumerate(titles) if re.search(r"\brole\b", title, re.I)), None)
    if body_column is None or role_column is None or body_column == role_column:
        return
    # "Role of UNDP": the holder the column names, else the submitter
    holders = _member_keys(ctx, header_view, masked_titles[role_column])
    if (
        not holders
        and ctx.submitter
        and re.fullmatch(r"\s*(?:its\s+|our\s+)?role(?:\s+in\s+⟪D\d+⟫)?\s*", masked_titles[role_column], re.I)
    ):
        holders = [ctx.submitter]
    cells, raw = view.masked.split(" | "), view.text.split(" | ")
    if not holders or max(body_column, role_column) >= min(len(cells), len(raw)):
        return
    role = raw[role_column]
    if not _HELD_ROLE.match(role) or _negated(role) or _OBSERVER_CELL.search(role) or _planned(role):
        return
    lead = re.match(rf"\s*(?:the\s+)?(?P<group>{E})", cells[body_column])
    group = _group_of(ctx, view, lead.group("group")) if lead else None
    if group is not None:
        _add_members(ctx, view, holders, group, "roles-table", 0.8, view.masked)


def _leaders_include(ctx: Context, view: SentenceView) -> None:
    """ "its leaders include A, B and C": the owner is the group."""
    masked = _RELATIVE_BEFORE_SEMICOLON.sub("", view.masked)
    for match in _LEADERS_INCLUDE.finditer(masked):
        scope = _scope(masked, match)
        if _blocked(ctx, view, "leaders-include", scope):
            continue
        owner = match.group("owner") or match.group("owner2")
        group = None
        if owner is None:
            # "... had joined it; among its members are A and B": the group just spoken of
            for slot in reversed(view.placeholders(masked[: match.start()])):
                entity = next((ctx.entity(key) for key in slot.keys if ctx.entity(key) is not None), None)
                if entity is not None and ctx.is_group(entity) and entity.kind is not EntityKind.BODY:
                    group = entity.key
                    break

        for key in view.slot(owner).keys if owner else ():
            entity = ctx.entity(key)
            # "The Institute's primary members are A and B": a body the text says has members
            if entity is not None and (
                ctx.is_group(entity, stated=True)
                or (entity.kind is EntityKind.ORGANIZATION and not entity.reference and not key.startswith("country/"))
            ):
                group = key
        if group is None:
            continue
        listed = match.group("members") or match.group("members2") or match.group("members3")
        members = _member_keys(ctx, view, listed)
        _add_members(ctx, view, members, group, "leaders-include", 0.85, scope, has_members=True)


def _recent_group(ctx: Context, views: list[SentenceView], index: int, window: int = 3) -> str | None:
    for view in reversed(views[max(0, index - window) : index + 1]):
        for slot in reversed(view.slots):
            for key in slot.keys:
                entity = ctx.entity(key)
                if entity is not None and ctx.is_group(entity) and entity.kind is not EntityKind.BODY:
                    return str(key)
    return None


_HOLDS_SEAT = re.compile(
    rf"(?P<members>{LIST})(?:,\s+[^,⟪]{{1,30}},)?\s+(?:holds|held|has|had|occupies|occupied|"
    rf"obtained|won)\s+a\s+seat\b(?!\s+(?:on|in|at)\b)"
)


def _holds_seat(ctx: Context, views: list[SentenceView], index: int) -> None:
    """ "India, for instance, holds a seat for 2021 to 2025": on the body just spoken of."""
    view = views[index]
    for match in _HOLDS_SEAT.finditer(view.masked):
        scope = _scope(view.masked, match)
        if _blocked(ctx, view, "holds-a-seat", scope):
            continue
        group = None
        for previous in reversed(views[max(0, index - 2) : index + 1]):
            subject = re.match(r"\s*(⟪E\d+⟫)", previous.masked)
            if subject:
                for key in previous.slot(subject.group(1)).keys:
                    entity = ctx.entity(key)
                    if entity is not None and entity.kind in (EntityKind.BODY, EntityKind.GROUP):
                        group = key
            if group:
                break
        if group is not None:
            members = _member_keys(ctx, view, match.group("members"))
            _add_members(ctx, view, members, group, "holds-a-seat", 0.75, scope)


def _became_partner(ctx: Context, views: list[SentenceView], index: int) -> None:
    """ "ECA has since become a partner as well": a member of the group in context."""
    view = views[index]
    for match in _BECAME_PARTNER.finditer(view.masked):
        scope = _scope(view.masked, match)
        if _blocked(ctx, view, "became-partner", scope):
            continue
        group = _recent_group(ctx, views, index)
        if group is None:
            continue
        members = _member_keys(ctx, view, match.group("members"))
        _add_members(ctx, view, members, group, "became-partner", 0.75, scope)


_GROUPS_INTRO = re.compile(
    rf"^\s*(?:[^⟪]{{0,40}},\s*|(?:In|On|During|Since|By|As\s+of|Throughout)\s+⟪D\d+⟫,?\s*)?(?P<members>{LIST})\s+{_ADV}(?:is|are|was|were|has\s+been|have\s+been|became|remains?)\s+"
    rf"{_ADV}(?:an?\s+(?:active\s+|founding\s+|full\s+)?(?:members?|partners?|participants?)\s+(?:of|in)|part\s+of|"
    rf"(?:members|partners|participants)\s+(?:of|in)|involved\s+in|represented\s+(?:in|on))\s+"
    rf"(?:the\s+)?following(?:\s+[\w-]+){{0,3}}\s*:\s*$"
    rf"|^\s*(?P<joiner>{LIST})\s+{_ADV}(?:joined|belongs\s+to|belong\s+to|participates\s+in|sits\s+on)\s+"
    rf"(?:the\s+)?following(?:\s+[\w-]+){{0,3}}\s*:\s*$",
    re.IGNORECASE,
)


def _groups_following(ctx: Context, views: list[SentenceView], index: int) -> None:
    """ "UNITAR is a member of the following networks:" and a list of groups, one an item."""
    view = views[index]
    match = _GROUPS_INTRO.match(view.masked)
    if match is None or index + 1 >= len(views) or views[index + 1].kind != "list_item":
        return
    if _blocked(ctx, view, "member-of-the-following", view.masked):
        return
    members = _member_keys(ctx, view, match.group("members") or match.group("joiner"))
    rule = "member-of-the-following"
    for item in views[index + 1 :]:
        if item.kind != "list_item":
            break
        lead = re.match(rf"\s*(?:the\s+)?(?P<group>{E})", item.masked)
        if lead is None or _negated(item.masked) or _OBSERVER_CELL.search(item.masked):
            continue
        group = _group_of(ctx, item, lead.group("group"))
        if group is not None:
            _add_members(ctx, item, members, group, rule, 0.8, item.masked, joining=bool(match.group("joiner")))


def _list_following(ctx: Context, views: list[SentenceView], index: int) -> None:
    """Members given as the list items or the table rows after the sentence that announces
    them ("The members of G are:", "G comprises the following agencies:", a heading
    "Members of G"), one member or more per item or row."""
    view = views[index]
    if index + 1 >= len(views) or views[index + 1].sentence.block == view.sentence.block:
        return  # the announcement must end its block, right before the list or table
    group = _announced_group(ctx, views, index)
    if group is None:
        return
    following = views[index + 1]
    if following.kind == "list_item":
        _list_items(ctx, views, index + 1, group)
    elif following.kind == "table_row":
        _member_table(ctx, views, index + 1, group)


def _announced_group(ctx: Context, views: list[SentenceView], index: int) -> str | None:
    view = views[index]
    # a heading, or a caption line right above the table ("Table 1. Partners of the Initiative")
    caption = view.kind == "paragraph" and len(view.text) < 120 and views[index + 1].kind == "table_row"
    if view.kind == "heading" or (caption and _HEADING_INTRO.match(view.masked)):
        match = _HEADING_INTRO.match(view.masked)
        if match is None:
            return None
        return _group_of(ctx, view, match.group("group") or match.group("owner"))
    match = _LIST_INTRO.search(view.masked)
    if match is None:
        return None
    if _blocked(ctx, view, "list-of-members", view.masked):
        return None
    if match.group("subject"):
        return _group_of(ctx, view, match.group("subject"))
    if match.group("belong"):
        return _group_of(ctx, view, match.group("belong"))
    if match.group("before"):
        return _group_of(ctx, view, match.group("before"))
    group_match = re.search(
        rf"(?:of|its|in|(?:elected|appointed|chosen)\s+by)\s+(?P<group>{E})|^(?:[^⟪]{{0,40}},\s*)?(?P<subject>{E})",
        view.masked,
    )
    group = None
    if group_match:
        group = _group_of(ctx, view, group_match.group("group") or group_match.group("subject"))
    if group is None:
        group = _recent_group(ctx, views, index, window=1)
    return group


def _list_items(ctx: Context, views: list[SentenceView], start: int, group: str) -> None:
    """The items of the list that starts at ``views[start]``; deeper items only describe."""
    document = ctx.mentions.document
    top = document.blocks[views[start].sentence.block].level
    block = -1
    for item in views[start:]:
        if item.kind != "list_item":
            break
        level = document.blocks[item.sentence.block].level
        if level < top:
            break
        if level > top or item.sentence.block == block:
            continue  # a nested item or a later sentence of the same item
        block = item.sentence.block
        masked = item.masked
        if ":" in masked:
            masked = masked.rsplit(":", 1)[1]
        if _negated(masked) or _OBSERVER_CELL.search(masked):
            ctx.reject(item, "list-of-members", "negated, or an observer, donor or invitee", masked)
            continue
        _add_members(ctx, item, _leading_members(ctx, item, masked), group, "list-of-members", 0.85, masked)


_OBSERVER_CELL = re.compile(r"\b(?:observers?|donors?|sponsors?|invitees?|guests?|funders?|supporters?)\b", re.I)
# a role cell that says the body is not (yet) in the group: "Invited; expected to join in 2019",
# "Consulted", "Applicant", "Former member", "Withdrew in 2018"
_NOT_A_MEMBER_CELL = re.compile(
    r"^\s*(?:invited|consulted|applicant|candidate|pending|prospective|former|withdr[ae]w|left|"
    r"expected|to\s+join|plans?\s+to)\b|\b(?:expected|due|plans?|intends?)\s+to\s+join\b",
    re.I,
)
_OBSERVER_OPENS = re.compile(
    r"\s*(?:an?\s+)?(?:observers?|donors?|sponsors?|invitees?|guests?|funders?|supporters?)\b", re.I
)


def _leading_members(ctx: Context, view: SentenceView, masked: str) -> list[str]:
    """The actors an item or cell opens with ("ILO and UNITAR (co-leads)", "ITU, which ...")."""
    match = re.match(rf"\s*(?:the\s+)?(?P<members>{LIST})", masked)
    return _member_keys(ctx, view, match.group("members")) if match else []


def _member_table(ctx: Context, views: list[SentenceView], start: int, group: str) -> None:
    """A table of a named group's members: its member, role and since/until columns."""
    document = ctx.mentions.document
    table = document.blocks[views[start].sentence.block].table
    header = _header_of(ctx, table)
    if header is None:
        return
    member_column = next((n for n, title in enumerate(header) if _MEMBER_COLUMN.match(title)), 0)
    role_column = next((n for n, title in enumerate(header) if _ROLE_COLUMN.search(title)), -1)
    since_column = next((n for n, title in enumerate(header) if _SINCE_COLUMN.search(title)), -1)
    until_column = next((n for n, title in enumerate(header) if n != since_column and _UNTIL_COLUMN.search(title)), -1)
    ctx.claimed_tables.add(table)
    for row in views[start:]:
        block = document.blocks[row.sentence.block]
        if row.kind != "table_row" or block.table != table:
            break
        if block.header:
            continue
        cells = row.masked.split(" | ")
        if member_column >= len(cells):
            continue
        raw = row.text.split(" | ")
        role = raw[role_column] if 0 <= role_column < len(raw) else ""
        others = [cell for n, cell in enumerate(raw) if n != member_column]
        if (
            _negated(role)
            or _OBSERVER_CELL.search(role)
            or _OBSERVER_CELL.search(cells[member_column])
            or any(_NOT_A_MEMBER_CELL.search(cell) or _OBSERVER_OPENS.match(cell) for cell in others)
        ):
            ctx.reject(row, "table-of-members", "an observer, donor or invitee is not a member", row.masked)
            continue
        members = _leading_members(ctx, row, cells[member_column])
        since = _cell_date(row, cells, since_column)
        until = _cell_date(row, cells, until_column)
        before = len(ctx.candidates)
        _add_members(ctx, row, members, group, "table-of-members", 0.85, cells[member_column])
        if since or until:
            ctx.candidates[before:] = [
                replace(candidate, since=since or candidate.since, until=until or candidate.until)
                for candidate in ctx.candidates[before:]
            ]


_GROUP_HEADER_CELL = re.compile(
    rf"^\s*(?:(?:its|our|their)\s+)?(?:role|position|status|function|membership|seat|participation)s?\s+"
    rf"(?:in|of|within|on|at)\s+(?:the\s+)?(?P<group>{E})\s*$",
    re.IGNORECASE,
)


def _group_in_table_header(ctx: Context, views: list[SentenceView], index: int) -> None:
    """ "Partner | Role in the Digital Rights Alliance": the header names the group, each row
    a member and its role (observers and invitees left out)."""
    view = views[index]
    document = ctx.mentions.document
    block = document.blocks[view.sentence.block]
    if view.kind != "table_row" or not block.header or block.table in ctx.claimed_tables:
        return
    for cell in view.masked.split(" | "):
        match = _GROUP_HEADER_CELL.match(cell) or _HEADING_INTRO.match(cell)
        placeholder = (match.group("group") or match.groupdict().get("owner")) if match else None
        group = _group_of(ctx, view, placeholder) if placeholder else None
        if group is not None:
            _member_table(ctx, views, index, group)
            return


def _cell_date(view: SentenceView, cells: list[str], column: int) -> DateValue | None:
    if not 0 <= column < len(cells):
        return None
    dates = [slot.date for slot in view.placeholders(cells[column], "D") if slot.date]
    return dates[0] if dates else None


def _header_of(ctx: Context, table: int) -> list[str] | None:
    document = ctx.mentions.document
    for block in document.blocks:
        if block.table == table and block.header:
            return [document.text[c.start : c.end] for c in block.cells]
    return None


# --- cooperation ---------------------------------------------------------------------------

_PAIR_SEP = r"(?:\s*,\s*|,?\s+and\s+)"
_COOP_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    (
        "in-partnership-with",
        re.compile(
            rf"(?P<a>{LIST})(?:'s)?[^.;⟪]{{0,80}}?\bin\s+(?:close\s+)?(?:partnership|collaboration|"
            rf"cooperation|co-operation|association)\s+with\s+(?P<b>{LIST})"
        ),
        0.8,
    ),
    # In partnership with B, A trained ... / Together with B, A developed ...
    (
        "opening-in-partnership-with",
        re.compile(
            rf"^\s*(?:In\s+(?:close\s+)?(?:partnership|collaboration|cooperation|co-operation|association)|"
            rf"Together|Jointly|(?:Working|Partnering|Cooperating|Collaborating)(?:\s+closely)?)\s+with\s+(?P<b>{LIST}),\s*(?P<a>{LIST})\s+(?:(?:also|jointly|again|further|then|regularly|once\s+more)\s+)*(?:has\s+|have\s+|had\s+)?"
            rf"(?!(?:organi[sz]ed|convened|hosted|co-hosted|held|joined|launched\s+⟪|founded|co-founded|set\s+up|"
            rf"established|created|formed)\b)[a-z]+(?:ed|t)\b"
        ),
        0.8,
    ),
    (
        "by-in-collaboration-with",
        re.compile(
            rf"\bby\s+(?P<a>{LIST})\s+in\s+(?:close\s+)?(?:partnership|collaboration|cooperation)\s+with\s+"
            rf"(?P<b>{LIST})"
        ),
        0.8,
    ),
    (
        "entered-partnership-with",
        re.compile(
            rf"(?P<a>{LIST})\s+(?:had\s+|has\s+|have\s+)?(?:entered\s+into|concluded|signed|established|"
            rf"formed|launched|forged|struck)\s+an?\s+(?:[\w-]+\s+){{0,4}}?(?:partnership|agreement|"
            rf"memorandum\s+of\s+understanding|memorandum|collaboration|cooperation\s+agreement|alliance)"
            rf"\s+with\s+(?P<b>{LIST})"
        ),
        0.85,
    ),
    (
        "teamed-up-with",
        re.compile(
            rf"(?P<a>{LIST})\s+(?:also\s+|has\s+|have\s+|had\s+)*(?:teamed\s+up|partnered|joined\s+forces|cooperated|"
            rf"co-operated|collaborated|cooperates|collaborates|partners|worked|works)"
            rf"(?:\s+(?:together|closely|jointly|actively|extensively|successfully|hand\s+in\s+hand))*\s+with\s+"
            rf"(?P<b>{LIST})"
        ),
        0.8,
    ),
    (
        "together-with",
        re.compile(
            rf"(?P<a>{E})\s+(?:also\s+)?(?!(?:sits?|sat|joined|set\s+up|launched|founded|formed|"
            rf"created|established|took\s+part|participated|attended)\b)[a-z][\w-]*(?:\s+(?!with\b)[^.;]{{0,100}}?)?"
            rf"\s+together\s+with\s+(?P<b>{LIST})"
        ),
        0.75,
    ),
    (
        "jointly-verb",
        re.compile(
            rf"(?P<a>{LIST})\s+(?:had\s+|have\s+|has\s+)?(?:jointly|together)\s+(?!organi[sz]ed|convened|"
            rf"hosted|held|launched\s+⟪)(?:published|maintain|maintained|developed|prepared|produced|"
            rf"implemented|run|ran|manage|managed|released|wrote|issued|launched|designed|built|"
            rf"carried\s+out|conducted|undertook|coordinate|coordinated|fund|funded|support|supported)\b"
        ),
        0.8,
    ),
    # A and B co-authored / co-financed / co-developed X
    (
        "co-verb",
        re.compile(
            rf"(?P<a>{LIST})\s+(?:also\s+|have\s+|has\s+|had\s+)*(?:co-authored|co-wrote|co-written|co-published|"
            rf"co-developed|co-produced|co-financed|co-funded|co-designed|co-implemented|co-edited|co-created|"
            rf"co-sponsored|co-signed|co-chaired\s+(?:a|the)\s+(?:study|report|task|project)|co-managed|co-led\s+(?:a|the)\s+"
            rf"(?:study|project|report|review|programme|assessment))\b"
        ),
        0.8,
    ),
    # A and B published joint guidelines / released a joint report
    (
        "published-joint",
        re.compile(
            rf"(?P<a>{E}(?:\s*,\s*{E})*,?\s+(?:and|&)\s+{E})\s+{_ADV}(?:have\s+|has\s+)?(?:published|released|issued|"
            rf"developed|prepared|produced|launched|adopted|signed|organi[sz]ed|ran|run|implemented|completed|"
            rf"finali[sz]ed|drafted|wrote|written|compiled|designed|carried\s+out|conducted|undertook|"
            rf"undertaken|commissioned|co-authored|authored)\s+"
            rf"(?:an?\s+|the\s+|their\s+)?(?:first\s+|new\s+)?joint\s+(?!(?:meeting|session|workshop|event|conference|"
            rf"forum|webinar|seminar|dialogue)s?\b)"
        ),
        0.8,
    ),
    (
        "ran-together",
        re.compile(
            rf"(?P<a>{LIST})\s+(?:ran|run|organi[sz]e|organi[sz]ed|managed|developed|published)\s+"
            rf"together\b"
        ),
        0.8,
    ),
    (
        "co-published-by",
        re.compile(
            rf"\b(?:co-published|co-authored|co-financed|co-funded|co-developed|co-produced|"
            rf"jointly\s+(?:published|developed|prepared|produced|funded|maintained|managed|run|written)|"
            rf"(?:published|developed|prepared|produced|funded|maintained|managed|run|written|drafted|financed)\s+"
            rf"jointly|(?:carried\s+out|conducted|implemented|undertaken|delivered|designed|co-financed|financed)\s+"
            rf"jointly|jointly\s+(?:carried\s+out|conducted|implemented|undertaken|delivered|designed|financed))\s+"
            rf"by\s+(?P<a>{E}(?:\s*,\s*{E})*,?\s+(?:and|&)\s+{E})"
        ),
        0.85,
    ),
    # A co-financed, with B, a programme / A co-organised with B a study tour
    (
        "co-verb-with",
        re.compile(
            rf"(?P<a>{E})\s+(?:also\s+|has\s+|have\s+|had\s+)*(?:co-financed|co-funded|co-developed|co-produced|co-authored|"
            rf"co-published|co-designed|co-implemented|co-edited|co-created|co-wrote|co-managed)\s*,?\s+with\s+(?P<b>{LIST})"
        ),
        0.8,
    ),
    # its courses were designed jointly with B / the toolkit was developed in partnership with B
    (
        "its-product-with",
        re.compile(
            rf"(?P<a>{E})(?:['’]s)?\s+(?:[\w-]+\s+){{1,4}}?(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
            rf"(?:developed|designed|prepared|produced|implemented|delivered|run|created|built|written|published|"
            rf"organi[sz]ed|financed|funded)\s+(?:jointly\s+|together\s+|in\s+(?:close\s+)?(?:partnership|collaboration|"
            rf"cooperation)\s+)with\s+(?P<b>{LIST})"
        ),
        0.75,
    ),
    (
        "joint-work-of",
        re.compile(
            rf"\b(?:a|the)\s+joint\s+(?:[\w-]+\s+){{0,2}}?(?:project|report|study|publication|programme|"
            rf"program|work|effort|undertaking|handbook|statement|initiative|product|guide|toolkit|course|tool|"
            rf"assessment|survey|mission|review)\s+(?:of|by|between)\s+"
            rf"(?P<a>{LIST})"
        ),
        0.8,
    ),
    # A and B have a long-standing partnership on X
    (
        "have-a-partnership",
        re.compile(
            rf"(?P<a>{E}(?:{_PAIR_SEP}{E})+)\s+(?:have|had|maintain|maintained|enjoy|enjoyed|share|shared|continued)\s+"
            rf"(?:an?|their)\s+(?:[\w-]+\s+){{0,3}}?(?:partnership|collaboration|cooperation|co-operation)\b(?!\s+with\b)"
        ),
        0.8,
    ),
    # the agreement between A and B / a memorandum of understanding between A and B
    (
        "agreement-between",
        re.compile(
            rf"\b(?i:an?|the|their)\s+(?:[\w-]+\s+){{0,3}}?(?:agreement|memorandum(?:\s+of\s+understanding)?|letter\s+of\s+intent|"
            rf"partnership|cooperation\s+agreement|collaboration)\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?"
            rf"(?:(?:signed|concluded|agreed|reached|renewed|established)\s+)?(?:in\s+⟪D\d+⟫\s+)?"
            rf"between\s+(?P<a>{E}(?:{_PAIR_SEP}{E})*)"
        ),
        0.8,
    ),
    # A and B, which have been working together since 2013, ... / A and B have worked closely together
    (
        "working-together",
        re.compile(
            rf"(?P<a>{E}(?:{_PAIR_SEP}{E})+),?\s+(?:which\s+|who\s+)?(?:have|has|had)\s+(?:long\s+|also\s+)?"
            rf"(?:been\s+)?(?:working|worked|cooperating|cooperated|collaborating|collaborated|partnering|partnered)\s+"
            rf"(?:closely\s+)?(?:together|jointly|in\s+partnership)\b"
        ),
        0.8,
    ),
    # A's partnership with B
    (
        "partnership-of-with",
        re.compile(
            rf"(?P<a>{E})'s\s+(?:[\w-]+\s+){{0,2}}?(?:partnership|collaboration|cooperation|co-operation)\s+with\s+(?P<b>{LIST})"
        ),
        0.75,
    ),
    # A and B continued / strengthened their joint work (cooperation)
    (
        "continued-joint-work",
        re.compile(
            rf"(?P<a>{E}(?:\s*,\s*{E})*,?\s+(?:and|&)\s+{E})\s+{_ADV}(?:have\s+|has\s+)?(?:continued|pursued|carried\s+out|"
            rf"intensified|strengthened|expanded|deepened|began|started|renewed)\s+(?:(?:their|a|the)\s+(?:[\w-]+\s+){{0,2}}?"
            rf"(?:joint\s+work|cooperation|co-operation|collaboration|partnership|joint\s+(?:project|programme|initiative|efforts?))\b"
            rf"|(?P<work>⟪E\d+⟫))"
        ),
        0.8,
    ),
    # Under a memorandum of understanding (concluded in 2021), the two organizations develop ...
    (
        "under-an-agreement",
        re.compile(
            rf"^\s*(?:Under|Through|By)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){{0,2}}?(?:memorandum|agreement|partnership|"
            rf"cooperation\s+agreement|letter\s+of\s+intent)\b[^,;]{{0,80}},\s*(?P<a>{LIST})\s+{_ADV}[a-z]+"
        ),
        0.8,
    ),
    # The Global E-waste Monitor 2024 was prepared by UNU, ITU and UNITAR
    (
        "prepared-by-several",
        re.compile(
            rf"\b(?:was|were|has\s+been|have\s+been|is|are)\s+(?:jointly\s+)?(?:prepared|published|produced|written|"
            rf"compiled|authored|edited|released|issued|designed|developed)\s+by\s+(?P<a>{E}(?:\s*,\s*{E})*,?\s+(?:and|&)\s+{E})"
        ),
        0.75,
    ),
    # a joint publication prepared by both organizations
    (
        "joint-product-prepared-by",
        re.compile(
            rf"\bjoint\s+(?:[\w-]+\s+){{0,2}}?(?:publication|report|study|handbook|guide|guidance|toolkit|paper|"
            rf"product|statement|assessment)s?,?\s+(?:jointly\s+)?(?:prepared|published|produced|written|developed|"
            rf"drafted|issued)\s+by\s+(?P<a>{LIST})"
        ),
        0.8,
    ),
    # a memorandum to that effect was signed by the three organizations
    (
        "memorandum-signed-by",
        re.compile(
            rf"\b(?i:memorandum|memoranda|agreement|letter\s+of\s+intent|joint\s+declaration|partnership\s+agreement)"
            rf"\b[^;⟪]{{0,60}}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:jointly\s+)?signed\s+by\s+(?P<a>{LIST})"
        ),
        0.85,
    ),
    (
        "signed-memorandum",
        re.compile(
            rf"(?P<a>{LIST})\s+(?:had\s+|have\s+)?signed\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?"
            rf"(?:memorandum|agreement|letter\s+of\s+intent|joint\s+declaration)"
        ),
        0.85,
    ),
    (
        "developed-with",
        re.compile(
            rf"(?P<a>{E})\s+(?:began\s+|started\s+)?(?:developing|developed|designing|designed|building|"
            rf"built|creating|created|preparing|prepared|producing|produced|implemented|implementing)"
            rf"(?:\s+(?:in\s+⟪D\d+⟫|it|them))?\s+(?:in\s+⟪D\d+⟫\s+)?with\s+(?!co-financing)(?P<b>{LIST})"
        ),
        0.75,
    ),
    (
        "implemented-with-cofinancing",
        re.compile(
            rf"(?P<a>{E})\s+(?:implemented|carried\s+out|ran|developed|conducted)\s+with\s+"
            rf"co-(?:financing|funding)\s+from\s+(?P<b>{LIST})"
        ),
        0.8,
    ),
    (
        "list-launched-product",
        re.compile(
            # not "presented": "A and B presented the results" at a meeting is taking part in it
            rf"(?P<a>{E}(?:\s*,\s*{E})*,?\s+(?:and|&)\s+{E})\s+(?:jointly\s+)?(?:launched|released|"
            rf"published|unveiled|developed)\s+(?!⟪)(?:an?|the|their|its)\s+"
        ),
        0.75,
    ),
    ("joint-adjacent", re.compile(rf"\bjoint\s+(?P<a>{E})\s*[-–/]\s*(?P<b>{E})\s+\w+"), 0.8),
]


# "Training was delivered in partnership with the NSRC", "Much of this was done jointly with APC":
# the submission's own work, done with the partner named
_OWN_WORK_WITH = re.compile(
    rf"\b(?:was|were|has\s+been|have\s+been|is|are|had\s+been)\s+(?:also\s+|again\s+|mostly\s+|largely\s+)?"
    rf"(?:done|delivered|developed|implemented|organi[sz]ed|run|conducted|carried\s+out|produced|published|provided|"
    rf"designed|prepared|written|built|piloted|tested|financed|funded|co-financed)\s+(?:jointly\s+|together\s+)?"
    rf"(?:in\s+(?:close\s+)?(?:partnership|collaboration|cooperation|co-operation)\s+|jointly\s+|together\s+)with\s+"
    rf"(?P<b>{LIST})"
)


def _own_work_with(ctx: Context, view: SentenceView) -> None:
    if not ctx.submitter:
        return
    for match in _OWN_WORK_WITH.finditer(view.masked):
        clause_start = max(view.masked.rfind(";", 0, match.start()), view.masked.rfind(":", 0, match.start())) + 1
        before = view.masked[clause_start : match.start()]
        # only where no other body is the subject ("The toolkit of A was developed with B" is A's)
        subjects = [slot for slot in view.placeholders(before) if slot.code == "E" and is_actor(slot.kind)]
        if any(ctx.submitter not in slot.keys for slot in subjects):
            continue
        scope = view.masked[clause_start : match.end()]
        if _blocked(ctx, view, "own-work-with", scope) or re.search(r"\bby\s+⟪E", view.masked[match.end() :][:40]):
            continue
        partners = [k for k in _member_keys(ctx, view, match.group("b")) if _is_party(ctx, k) and k != ctx.submitter]
        if partners:
            parties = tuple(sorted({ctx.submitter, *partners}))
            ctx.add(Candidate(FactKind.COOPERATION, (("parties", parties),), view, "own-work-with", 0.75))


def extract_cooperations(ctx: Context) -> None:
    """Find cooperation facts: joint work of two or more bodies without a named group."""
    for view in ctx.views:
        _own_work_with(ctx, view)
        found: list[Candidate] = []
        # an opening phrase ("With financial support from the EU, ...") holds no party
        opened = _SUBJECT_ASIDE.sub(r"\1 ", _strip_intro(view.masked))
        for rule, pattern, confidence in _COOP_PATTERNS:
            masked = view.masked if rule in ("opening-in-partnership-with", "under-an-agreement") else opened
            for match in pattern.finditer(masked):
                scope = _scope(masked, match)
                if _blocked(ctx, view, rule, scope):
                    continue
                if re.search(r"\bannounced\b|\bwould\b", scope):
                    ctx.reject(view, rule, "an announced intention", scope)
                    continue
                if re.search(r"\bin\s+which\s*$", masked[: match.start()]):
                    continue  # "a partnership in which X works with Y": membership of the partnership
                joint = r"\bjoint\b|cooperation|collaboration|partnership"
                if (
                    rule == "continued-joint-work"
                    and match.group("work")
                    and not re.search(joint, view.slot(match.group("work")).text)
                ):
                    continue  # "UNICEF and WHO pursued their joint programme": only joint work
                if rule == "prepared-by-several":
                    subject = re.search(r"(⟪E\d+⟫)[^⟪;]{0,40}$", masked[: match.start()])
                    if subject and _object_is_group(ctx, view, subject.group(1)):
                        continue  # "the Coalition was designed by A and B": its founders, see memberships
                parties = _member_keys(ctx, view, match.group("a"))
                groups = match.groupdict()
                if groups.get("b"):
                    parties += [k for k in _member_keys(ctx, view, groups["b"]) if k not in parties]
                parties = [p for p in parties if _is_party(ctx, p)]
                if rule == "together-with" and (
                    _object_is_group(ctx, view, match.group(0))
                    or re.search(r"organi[sz]ers?|members?\b|partners?\b|facilitat|chair", match.group(0))
                    or any(slot.kind is EntityKind.EVENT for slot in view.placeholders(match.group(0)))
                ):
                    continue
                if len(parties) < 2:
                    continue
                found.append(
                    Candidate(FactKind.COOPERATION, (("parties", tuple(sorted(parties))),), view, rule, confidence)
                )
        # Two rules reading one sentence may see different spans of one list: a party set
        # inside another's says nothing more, so only the widest ones are kept.
        sets = [set(_parties_of(candidate)) for candidate in found]
        for candidate, parties_set in zip(found, sets, strict=True):
            if not any(parties_set < other for other in sets):
                ctx.add(candidate)
        _partnership_table(ctx, view)


def _parties_of(candidate: Candidate) -> tuple[str, ...]:
    return next(value for name, value in candidate.roles if name == "parties")


def _is_party(ctx: Context, key: str) -> bool:
    entity = ctx.entity(key)
    if entity is None:
        return False
    return is_actor(entity.kind) and entity.kind is not EntityKind.STAKEHOLDER


def _object_is_group(ctx: Context, view: SentenceView, text: str) -> bool:
    """ "sits on the Steering Committee together with ..." is a membership, not cooperation."""
    for slot in view.placeholders(text):
        for key in slot.keys:
            entity = ctx.entity(key)
            if entity is not None and ctx.is_group(entity) and entity.kind is EntityKind.GROUP:
                return True
    return "⟪V" in text


def _partnership_table(ctx: Context, view: SentenceView) -> None:
    """A table of the submitter's partnerships: each partner row is cooperation or membership."""
    if view.kind != "table_row" or not ctx.submitter:
        return
    if ctx.mentions.document.blocks[view.sentence.block].table in ctx.claimed_tables:
        return  # a table of a named group's members, not of the submitter's partners
    header = _table_header(ctx, view)
    if header is None or not re.search(r"\bpartner", header[0], re.IGNORECASE):
        return
    cells = view.masked.split(" | ")
    column = header[1]
    if column >= len(cells):
        return
    partner_cell = cells[column]
    row_text = " | ".join(cells)
    # the written row, for an aside the masking dropped ("World Bank (donor)")
    if _negated(row_text) or re.search(r"\b(?:observer|donor|sponsor|funder)", view.text, re.IGNORECASE):
        ctx.reject(view, "partnership-table", "negated, or an observer, donor or sponsor", view.text)
        return
    group_column = _group_column(ctx, view)
    if group_column is not None and group_column != column and group_column < len(cells):
        # "Initiative | Partners | Role of UN Women": the submitter and the partners are members
        lead = re.match(rf"\s*(?:the\s+)?(?P<group>{E})\s*$", cells[group_column])
        group = _group_of(ctx, view, lead.group("group")) if lead else None
        if group is None and lead is not None:
            group = _typed_by_column(ctx, view, lead.group("group"))
        if group is not None:
            members = [ctx.submitter, *[k for k in _member_keys(ctx, view, partner_cell) if _is_party(ctx, k)]]
            _add_members(ctx, view, members, group, "initiative-table", 0.8, row_text)
            return
    keys = _member_keys(ctx, view, partner_cell)
    groups = [k for k in keys if (entity := ctx.entity(k)) is not None and entity.kind is EntityKind.GROUP]
    for group in groups:
        _add_members(ctx, view, [ctx.submitter], group, "partnership-table", 0.8, row_text)
    parties = [k for k in keys if k not in groups and _is_party(ctx, k)]
    if parties:
        everyone = tuple(sorted({ctx.submitter, *parties}))
        if len(everyone) >= 2:
            ctx.add(Candidate(FactKind.COOPERATION, (("parties", everyone),), view, "partnership-table", 0.8))


_GROUP_HEADER = re.compile(
    r"\b(?:initiatives?|networks?|groups?|coalitions?|partnerships?|alliances?|programmes?|programs?|projects?|"
    r"platforms?|consorti(?:um|a)|mechanisms?|compacts?)\b",
    re.IGNORECASE,
)


def _typed_by_column(ctx: Context, view: SentenceView, placeholder: str) -> str | None:
    """A name the text made up, in a column of initiatives ("Girls Code Africa"), is one."""
    slot = view.slot(placeholder)
    if len(slot.keys) != 1:
        return None
    entity = ctx.entity(slot.keys[0])
    if entity is None or entity.reference or entity.kind not in (EntityKind.OTHER, EntityKind.ORGANIZATION):
        return None
    ctx.mentions.entities[entity.key] = replace(entity, kind=EntityKind.GROUP, head="initiative")
    return entity.key


def _group_column(ctx: Context, view: SentenceView) -> int | None:
    """The column of a partner table that names the groups ("Initiative | Partners | Role")."""
    header = _header_of(ctx, ctx.mentions.document.blocks[view.sentence.block].table)
    if header is None:
        return None
    for number, title in enumerate(header):
        if _GROUP_HEADER.search(title) and not re.search(r"\bpartners?\b", title, re.IGNORECASE):
            return number
    return None


def _table_header(ctx: Context, view: SentenceView) -> tuple[str, int] | None:
    """The header row text of the table ``view`` belongs to, and the partner column."""
    document = ctx.mentions.document
    block = document.blocks[view.sentence.block]
    if block.header:
        return None
    for other in document.blocks:
        if other.table == block.table and other.header:
            cells = [document.text[c.start : c.end] for c in other.cells]
            for number, cell in enumerate(cells):
                if re.search(r"\bpartner", cell, re.IGNORECASE):
                    return " | ".join(cells), number
            return " | ".join(cells), 0
    return None
