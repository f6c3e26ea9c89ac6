"""Meetings: who organised, hosted or convened them, who took part, when and where.

An event phrase ("the WSIS Forum 2018", "the 41st session of the General Conference",
"a side event", "its twenty-sixth session") becomes a meeting when the text reports it as
held or scheduled in its own right: it has a place of its own, or a date with a predicate
such as "was held", "took place", "was organized by". An event named only as the setting
of something else ("during COP26") is not a meeting. Dates and places attach to the
nearest event phrase of their clause; "it", "the Forum", "the session" refer back to the
last event. Governing bodies organise their own sessions unless the text names someone
who convened, hosted or organised them; forums that are events in themselves do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wsisgraph.extract.context import LIST, NEGATION, PLANNED, Candidate, Context, E
from wsisgraph.extract.lexicon import ORDINALS
from wsisgraph.extract.mentions import SentenceView, Slot
from wsisgraph.gazetteer import gazetteer, head_noun, name_key
from wsisgraph.model import DateValue, EntityKind, FactKind

__all__ = ["Event", "extract_meetings"]

# That a meeting was run online, not that it was about something online ("a workshop on
# child online safety"): "held online", "took place entirely virtually", "in a virtual
# format", "by videoconference", "(online)".
_ONLINE = re.compile(
    r"\b(?:held|took\s+place|taking\s+place|convened|met|meets|conducted|organi[sz]ed|hosted|run|ran|"
    r"delivered|gathered|opened|started|began|continued|moved|streamed|went|broadcast)\s+"
    r"(?:(?:entirely|fully|exclusively|completely|also|again|partly|largely|mostly|first|instead)\s+)?"
    r"(?:online|virtually|remotely)\b"
    r"|\bvirtually\b(?!\s+(?:all|every|no|none|any|impossible|unknown)\b)"
    r"|\b(?:in\s+an?\s+|an?\s+)?(?:online|virtual|remote|digital)\s+(?:format|mode|modality|setting)\b"
    r"|\b(?:by|via|through)\s+(?:video\s*-?conference|videoconferencing|Zoom|WebEx|Webex|Microsoft\s+Teams)\b"
    r"|\(\s*(?:online|virtual)\b[^()]*\)|(?:^|[,:;]\s*)(?:online|virtual)\s*(?=[,;.]|$)",
    re.IGNORECASE,
)
_HELD = re.compile(
    r"\b(?:held|took\s+place|take\s+place|taking\s+place|organi[sz]ed|co-organi[sz]ed|convened|"
    r"co-convened|hosted|co-hosted|met|meets|opened|concluded|culminated|scheduled|attended|"
    r"planned\s+for|slated\s+for|set\s+for|foreseen\s+for|"
    r"brought\s+together|gathered|was\s+chaired|were\s+chaired|will\s+hold|hold|holds|"
    r"participated|took\s+part|contributed)\b",
    re.IGNORECASE,
)
_SETTING = re.compile(
    r"\b(?:during|within|in\s+the\s+framework\s+of|on\s+the\s+margins?\s+of|on\s+the\s+sidelines\s+of|"
    r"at|in\s+the\s+context\s+of|ahead\s+of|before|after|following|in\s+preparation\s+for|"
    r"preparations\s+for|to\s+coincide\s+with|in\s+time\s+for|for|towards)\s+$",
    re.IGNORECASE,
)
_ORGANIZER_BY = re.compile(
    rf"\b(?:(?:jointly|also|again)\s+)?(?P<verb>co-organi[sz]ed|organi[sz]ed|convened|co-convened|"
    rf"hosted|co-hosted|held|run|prepared)(?:,\s+(?:as\s+[\w\s-]{{1,30}}?|once\s+again|again),)?\s+"
    rf"(?:jointly\s+)?by\s+(?P<list>{LIST}(?:,?\s+and\s+(?:also\s+)?by\s+{LIST})?)"
    # "hosted by ITU and co-organized with UNESCO, UNDP and UNCTAD": the co-organisers too
    rf"(?:\s+(?:as\s+[\w\s-]{{1,30}}?\s+)?(?:with|together\s+with|and(?:\s+(?:was\s+)?(?:co-organi[sz]ed|co-hosted|"
    rf"co-convened|organi[sz]ed|convened)\s+(?:jointly\s+)?(?:with|by))?)\s+(?P<more>{LIST})"
    rf"(?:\s+as\s+co-organi[sz]ers)?)?"
)
_ORGANIZER_SUBJECT = re.compile(
    rf"(?P<list>{LIST}),?\s+(?:which\s+|who\s+)?(?:(?:had|has|have|also|jointly|again|then|"
    rf"first|together)\s+)*(?:co-organi[sz]ed|organi[sz]ed|convened|co-convened|hosted|co-hosted|"
    rf"held|holds|will\s+(?:co-)?(?:hold|convene|host|organi[sz]e)|ran|launched)"
    rf"(?:,?\s+(?:jointly\s+|together\s+)?with\s+(?P<more>{LIST}),)?"
    rf"(?:\s+(?:in|at)\s+(?:⟪E\d+⟫\s+(?:headquarters|offices?|premises|campus)\s+in\s+)?⟪E\d+⟫)?"
    rf"(?:\s+(?:on|from|in)\s+⟪D\d+⟫)?\s+"
    # "organized the Action Line C7 e-health facilitation meeting": words that qualify the event
    rf"(?:the\s+(?:[A-Za-z0-9][\w-]*\s+){{1,5}}?(?=⟪V))?(?P<event>⟪[VE]\d+⟫)"
)
_ORGANIZED_WITH = re.compile(
    rf"(?<![⟫\w]\s)(?<!\bby\s)\(?\b(?:organi[sz]ed|co-organi[sz]ed|convened|co-convened|held)\s+(?:jointly\s+|together\s+)?"
    rf"with\s+(?P<list>{LIST})"
)
_HOSTED_REFERENCE = re.compile(
    rf"(?P<list>{LIST}),\s+(?:which|who)\s+(?:had\s+)?(?:hosted|organi[sz]ed|convened|co-hosted|co-organi[sz]ed)\s+"
    rf"(?P<event>{E})"
)
_OPENED_WITH = re.compile(rf"(?P<list>{E})\s+(?:opened|started|began|kicked\s+off)\s+with\s+(?P<event>⟪V\d+⟫)")
_ORGANIZER_RELATIVE = re.compile(
    rf"(?P<event>⟪V\d+⟫)[^.;]{{0,80}}?,?\s+(?:which|that)\s+(?P<list>{LIST})\s+(?:(?:had|also|"
    rf"jointly|again)\s+)*(?:co-organi[sz]ed|organi[sz]ed|convened|hosted|co-hosted|held)\b"
    rf"(?:\s+with\s+(?P<more>{LIST}))?"
)
_CO_ORGANIZERS_OF = re.compile(
    rf"(?P<list>{LIST})\s+(?:is|was|remained|remains|are|were)\s+(?:one\s+of\s+)?(?:the\s+)?"
    rf"(?:\w+\s+)?(?:co-organi[sz]ers?|organi[sz]ers?|co-hosts?|hosts?)\s+of\s+(?P<series>{E}|⟪V\d+⟫)"
    rf"(?:,?\s+(?:together\s+)?with\s+(?P<more>{LIST}))?"
)
_PARTICIPANT_BY = re.compile(
    rf"\b(?:attended|chaired|co-chaired|addressed|opened|moderated)\s+(?:jointly\s+)?by\s+"
    rf"(?:more\s+than\s+[^⟪;]*?\s+from\s+|(?:(?:some|about|around|over|nearly|almost)\s+)?[\d,]+\s+"
    rf"(?:participants|delegates|people|experts|representatives),?\s+(?:among\s+them|including|notably)\s+"
    rf"(?:representatives\s+of\s+)?"
    # "attended by representatives of 22 national statistical offices, the AUC and UNICEF"
    rf"|(?:(?:senior\s+|high-level\s+)?(?:representatives|delegates|delegations|experts|officials|members|staff)\s+"
    rf"(?:of|from)\s+(?:the\s+)?(?:[^⟪;,.]{{0,60}},\s+)?))?(?P<list>{LIST}(?:,?\s+(?:and\s+)?by\s+{LIST})*)"
)
# "Participants in the Expert Group Meeting (New York, 3-5 November 2021) included A, B and C",
# "Speakers at the webinar were A and B", "Among the participants of the Forum were A and B"
_PARTICIPANTS_WERE = re.compile(
    rf"\b(?i:participants|attendees|speakers|panell?ists|delegations|delegates|contributors)\s+"
    rf"(?:in|at|of|to|from)\s+(?:the\s+)?(?P<event>⟪V\d+⟫)(?:[^;⟪]|⟪[ED]\d+⟫){{0,80}}?\s+"
    rf"(?:included|include|includes|comprised|were|was|came\s+from)\s*:?\s*"
    rf"(?:(?:representatives|delegates|experts|officials)\s+(?:of|from)\s+(?:the\s+)?)?(?P<list>{LIST})"
)
_PARTICIPANT_SUBJECT = re.compile(
    rf"(?P<list>{LIST})(?:\s+from\s+(?:across|around|all\s+over|throughout)\s+the\s+(?:region|world|continent))?,?\s+"
    rf"(?:also\s+|both\s+|all\s+|each\s+|itself\s+)?(?:took\s+part|participated|"
    rf"attended|chaired|co-chaired|addressed|opened(?!\s+with)|spoke|set\s+out|presented\s+(?:[^.;⟪]|⟪E\d+⟫){{0,80}}?\s+to|"
    rf"contributed|reported|served\s+as\s+(?:(?:its|their|⟪E\d+⟫)\s+)?(?:vice-)?chairs?|"
    rf"(?:was|were)\s+(?:all\s+|also\s+|well\s+|each\s+)?represented|moderated)\b"
)
_PARTICIPATION_OF = re.compile(
    rf"\b(?:with\s+the\s+participation\s+of|participation\s+of|welcomed\s+the\s+participation\s+of|"
    rf"keynote\s+(?:address|speech)\s+by|statements?\s+by|presentations?\s+by|attendance\s+of)"
    rf"\s+(?:[\w\s-]{{0,30}}?\s+such\s+as\s+)?(?P<list>{LIST})"
)
# "... and brought together more than 300 participants from governments, the private sector
# and the technical community", "gathered representatives of A and B", "drew experts from A"
_GATHERED = re.compile(
    rf"\b(?:brought\s+together|brings\s+together|gathered|gathers|drew|attracted|assembled)\s+"
    rf"(?:(?:some|about|around|over|more\s+than|nearly|almost)\s+)?(?:[\d,]+\s+|hundreds\s+|dozens\s+)?"
    rf"(?:(?:participants|representatives|delegates|experts|officials|speakers|stakeholders|people|members|"
    rf"leaders|practitioners)\s+(?:from|of)\s+(?:the\s+)?)?"
    # "brought together government officials from eleven countries, the IOE and the ITUC"
    rf"(?P<list>{E}\s+from\s+(?:[\w-]+\s+){{1,2}}?(?:countries|member\s+States|States|regions|cities|economies|"
    rf"nations),\s+{LIST}|{LIST})"
)
_WITH_STAKEHOLDERS = re.compile(rf"\bwith\s+(?P<list>{LIST})\s+(?:from|of)\b|\bwith\s+(?P<list2>{LIST})")
_MEETING_OF = re.compile(
    rf"⟪V\d+⟫\s+of\s+(?:the\s+)?(?:leaders|heads|ministers|representatives|members|delegates|"
    rf"experts|officials)\s+(?:of\s+|from\s+)(?P<list>{LIST})"
)
_BY_AT = re.compile(
    rf"\b(?:unveiled|launched|announced|presented|signed|adopted|opened|inaugurated)\s+by\s+"
    rf"(?P<list>{LIST})[^;]{{0,80}}?\bat\s+⟪V"
)
_CONTRIBUTIONS_TO = re.compile(
    rf"\b(?i:contributions|presentations|inputs|statements|interventions|keynotes)\s+(?:to|at)\s+(?P<event>⟪V\d+⟫)\s+"
    rf"(?:were|was)\s+(?:also\s+)?(?:made|given|delivered|presented|provided)\s+by\s+"
    rf"(?P<list>{LIST}(?:,?\s+(?:and\s+)?by\s+{LIST})*)"
)
_PRESENTED_THERE = re.compile(
    rf"\b(?:where|at\s+which|during\s+which|there)\s+(?P<list>{LIST})\s+(?:also\s+|jointly\s+)?(?:presented|"
    rf"reported\s+on|shared|showcased|demonstrated|described|spoke|made\s+presentations)\b"
)
_IN_WHICH = re.compile(rf"\bin\s+which\s+(?P<list>{LIST})\s+(?:also\s+)?(?:took\s+part|participated)")
_OBSERVER = re.compile(r"\bas\s+observers?\b|\bobservers?\b|\binvited\b|\bsponsor", re.IGNORECASE)
_MET = re.compile(
    rf"(?P<subject>{E})(?:\s+(?:members|member\s+(?:organi[sz]ations|agencies|States)|partners|delegates))?"
    rf"(?:,[^;]*?,)?\s+(?:(?:first|also|again|then|last)\s+)?(?P<verb>met|convened|gathered)\b"
    rf"(?!\s+(?:with|by)\b)(?P<rest>[^;]*)"
)
# "Delegations from 60 member States attended." right after the meeting it speaks of
_ATTENDED_ALONE = re.compile(
    rf"^\s*(?:(?:More\s+than|Over|Some|About|Around|Nearly|Almost)\s+)?(?:[\d,]+\s+)?"
    rf"(?:(?:[A-Z]?[a-z]+\s+){{0,2}}(?:from|of)\s+(?:the\s+)?(?:some\s+|about\s+|over\s+|more\s+than\s+)?(?:\d+\s+)?)?"
    rf"(?P<list>{LIST}),?\s+(?:also\s+)?(?:attended|took\s+part|participated)\b(?!\s+(?:in|at)\s+⟪)"
)
# "Participants included FAO, WFP and CTA." / "Among the speakers were A and B." after the event;
# "Speakers from A, B and C presented draft strategies.", "Delegates of A and B shared ..."
_PARTICIPANTS_ALONE = re.compile(
    rf"^\s*(?:(?:The\s+)?(?i:speakers|representatives|delegates|delegations|experts|officials|panell?ists|"
    rf"participants|presenters|ministers)\s+(?:from|of)\s+(?:the\s+)?(?P<list3>{LIST}),?\s+(?:also\s+|then\s+)?"
    rf"(?:presented|spoke|shared|described|discussed|reported|addressed|made|gave|exchanged|outlined|"
    rf"showcased|demonstrated|took\s+part|participated|attended)\b)|"
    rf"^\s*(?:(?:The|Its|Their)\s+)?(?:(?:other|main|key)\s+)?(?i:participants|attendees|speakers|panell?ists|delegations|"
    rf"contributors|presenters)\s+(?:included|include|comprised|were|came\s+from)\s*:?\s*"
    rf"(?:(?:representatives|delegates|experts|officials)\s+(?:of|from)\s+(?:the\s+)?)?(?P<list>{LIST})"
    rf"|^\s*(?i:Among)\s+(?:the\s+|its\s+)?(?i:participants|speakers|attendees|panell?ists|presenters)\s+(?:were|was)\s+"
    rf"(?P<list2>{LIST})"
)
_AS_DID = re.compile(
    rf",\s+as\s+did\s+(?:(?:the\s+)?(?:experts|representatives|delegations|delegates|officials|heads|staff|"
    rf"members)\s+(?:from|of)\s+)?(?P<list>{LIST})"
)
_REFERENCE_HEADS = re.compile(
    r"^(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:same\s+)?(?:(?:Committee|Council|Board|Assembly|Commission|Conference|"
    r"Congress|Forum|Group)\s+)?(?:meeting|session|conference|forum|event|"
    r"symposium|week|workshop|summit|congress|gathering|dialogue|consultation|camp|ceremony)s?$",
    re.IGNORECASE,
)
_SESSION_HEADS = {"session", "sessions", "meeting", "meetings", "plenary"}
_FORUM_SERIES = re.compile(r"\bforum\b|\bsummit\b|\bexpo\b|\bweek\b|\bfestival\b", re.IGNORECASE)
_FIELD = re.compile(r"^\s*(?P<key>[A-Z][\w\s/&-]{1,40}?)\s*:\s*(?P<value>.*)$")


@dataclass(slots=True)
class Event:
    """An event as the document builds it up across sentences."""

    id: int
    name: str
    bodies: tuple[str, ...] = ()
    date: DateValue | None = None
    place: str = ""
    place_key: str = ""
    organizers: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    planned: bool = False
    online: bool = False
    ignored: bool = False
    own_place: bool = False
    held: bool = False
    setting_only: bool = True
    views: list[SentenceView] = field(default_factory=list)
    parent: int | None = None
    series: str = ""
    organizers_explicit: bool = False
    final_week: bool = False
    ordinal: int = 0

    def add_view(self, view: SentenceView) -> None:
        if all(v is not view for v in self.views):
            self.views.append(view)


@dataclass(slots=True)
class _State:
    ctx: Context
    events: list[Event] = field(default_factory=list)
    series_organizers: dict[str, list[str]] = field(default_factory=dict)
    headings: dict[int, SentenceView] = field(default_factory=dict)

    def new(self, name: str, view: SentenceView, bodies: tuple[str, ...] = ()) -> Event:
        event = Event(len(self.events), name, bodies)
        event.add_view(view)
        self.events.append(event)
        return event

    def last_dated(self) -> Event | None:
        """The last event reported with a date of its own (not a setting, not a series)."""
        for event in reversed(self.events):
            if event.date is not None and not event.ignored and not _PLURAL_HEAD.search(event.name):
                return event
        return None

    def last(self, head: str = "") -> Event | None:
        for event in reversed(self.events):
            if not head or head in event.name.lower() or head in _head_words(event):
                return event
        return None


def _head_words(event: Event) -> str:
    return " ".join(name_key(event.name))


def extract_meetings(ctx: Context) -> list[Event]:
    """Find the meetings of a document and add their facts to ``ctx``."""
    state = _State(ctx)
    state.headings = {view.section: view for view in ctx.views if view.kind == "heading"}
    previous: tuple[int, Event] | None = None
    for index, view in enumerate(ctx.views):
        if view.kind == "table_row" and not re.match(r"^[^|⟪]{1,40}:\s*\|", view.masked):
            _table_row(state, view)
            continue
        # a header laid out as a table ("To: | Commission ..., twenty-fifth session (Geneva, ...)")
        # reads as lines of text
        events = _events_of(state, view)
        if view.kind == "heading" and events:
            _record(state, ctx.views, index, events[-1])
        _series_organizers(state, view)
        if events:
            _attach(state, view, events)
            main = [e for _, e in events if not _PLURAL_HEAD.search(e.name) and e.parent is None]
            # "UN Global Pulse convened a roundtable ..., on the margins of the IGF. ECA took part.":
            # the event reported, not the one named as its setting
            framed = {
                id(e)
                for position, e in events
                if re.search(
                    r"\b(?:during|on\s+the\s+(?:margins?|sidelines)\s+of|in\s+the\s+framework\s+of|within|ahead\s+of)\s+"
                    r"(?:the\s+)?$",
                    view.masked[:position],
                )
            }
            held = [e for e in main if id(e) not in framed]
            if main:
                previous = (view.sentence.block, (held or main)[-1])
        elif previous is not None and view.sentence.block - previous[0] <= 2:
            _dangling(state, view, previous[1])
            _participation_without_event(state, view, previous[1])
    merged = _merge(state.events)
    _apply_series(state, merged)
    for event in merged:
        _emit(ctx, event)
    return merged


# --- event phrases in a sentence ----------------------------------------------------------


def _events_of(state: _State, view: SentenceView) -> list[tuple[int, Event]]:
    """The events a sentence mentions, as (position in the masked text, event)."""
    found: list[tuple[int, Event]] = []
    masked = view.masked
    event: Event | None
    for met in _MET.finditer(masked):
        # "The Network met for the first time in Cairo in February 2020": a meeting of the body
        rest = met.group("rest")
        subject = view.slot(met.group("subject"))
        competing = [
            m
            for m in re.finditer(r"⟪V(\d+)⟫", rest)
            if not _SETTING.search(rest[: m.start()][-60:])
            # "met in plenary": the manner of meeting, not another event
            and not re.fullmatch(
                r"(?i)(?:a\s+|the\s+|its\s+)?(?:plenary|(?:regular|ordinary|special|extraordinary|annual|"
                r"formal|informal|closed|open|plenary)\s+session)(?:\s+session)?",
                view.slots[int(m.group(1))].text.strip(),
            )
        ]
        if (
            competing  # "the Network met at the Forum"; but "met in New York on the sidelines of the Assembly"
            or not subject.keys
            or subject.kind not in (EntityKind.BODY, EntityKind.GROUP, EntityKind.ORGANIZATION)
        ):
            continue
        if not any(view.slots[int(n)].kind is EntityKind.PLACE for n in re.findall(r"⟪E(\d+)⟫", rest)):
            continue
        entity = state.ctx.entity(subject.keys[0])
        event = state.new(f"meeting of {entity.name if entity else subject.text}", view, subject.keys)
        event.held = True
        event.setting_only = False
        found.append((met.start("verb"), event))
    for match in re.finditer(r"⟪([EV])(\d+)⟫", masked):
        slot = view.slots[int(match.group(2))]
        if match.group(1) == "E":
            if slot.ref == "event" or (slot.ref in ("forum", "conference", "summit", "congress") and not slot.keys):
                event = state.last()
                if event is not None and slot.ref == "event" and not _near(event, view):
                    continue  # "it was hosted by Oman" about something no event phrase named
                if event is not None and slot.ref != "event" and _told_apart(event, view, match.start()):
                    # "The conference took place on 12 June at UN headquarters in New York"
                    # after a workshop in Accra on 7 May: a meeting of its own
                    event = state.new(slot.text.strip() or slot.ref, view)
                if event is not None:
                    event.add_view(view)
                    found.append((match.start(), event))
            elif slot.ref in ("forum", "conference", "congress") and slot.keys:
                # "the Forum" after an edition of the forum: the edition, not the series
                event = state.last()
                if (
                    event is not None
                    and _same_series(state, event, slot)
                    and (view.sentence.index - event.views[-1].sentence.index <= 2)
                ):
                    event.add_view(view)
                    found.append((match.start(), event))
            continue
        if found and re.search(r"⟫\s*\(\s*$", masked[: match.start()]) and (re.match(r"\s*\)", masked[match.end() :])):
            # "its fourteenth ministerial conference (UNCTAD 14)": one event, two names
            found.append((match.start(), found[-1][1]))
            continue
        if re.fullmatch(
            r"(?i)(?:a\s+|the\s+|its\s+)?(?:plenary|(?:regular|ordinary|special|extraordinary|annual|formal|informal|"
            r"closed|open|plenary)\s+session)(?:\s+session)?",
            slot.text.strip(),
        ) and re.search(r"\b(?:met|meets|meet|convened|gathered)\s+in\s+$", masked[: match.start()]):
            continue  # "Its members met in plenary in Rome": the meeting of the body, above
        if _PART_OF_EVENT.fullmatch(slot.text.strip()) and not slot.date and not slot.ordinal:
            # "UN DESA took part in the opening plenary": a part of the event just reported
            last = state.last_dated()
            if last is not None and _near(last, view):
                last.add_view(view)
                found.append((match.start(), last))
                continue
        event = _event_for(state, view, slot, masked, match.start())
        if event is not None:
            found.append((match.start(), event))
    # "GMIS 2019: to take place from 9 to 11 July 2019 in Yekaterinburg": a named event's
    # edition by its year, reported as held or scheduled
    for edition in _NAME_YEAR_HELD.finditer(masked):
        slot = view.slot(edition.group("name"))
        year = view.slot(edition.group("year"))
        if not slot.keys or slot.kind not in (EntityKind.ORGANIZATION, EntityKind.EVENT, EntityKind.OTHER):
            continue
        if year.date is None or len(year.date.value) != 4 or any(p == edition.start() for p, _ in found):
            continue
        event = state.new(f"{slot.text} {year.text}", view)
        event.series = " ".join(name_key(event.name))
        found.append((edition.start(), event))
    # "ITU and UNDP co-convened SDG Digital in New York, a one-day event": a name the text made
    # up, convened somewhere, is an event
    for convened in _CONVENED_NAME.finditer(masked):
        slot = view.slot(convened.group("name"))
        entity = state.ctx.entity(slot.keys[0]) if slot.keys else None
        kinds: tuple[EntityKind, ...] = (EntityKind.ORGANIZATION, EntityKind.OTHER)
        if _DATED_OPENING.match(masked) or re.search(r"\s+(?:from|in|on)\s+⟪D\d+⟫", masked[convened.end() :][:20]):
            kinds = (EntityKind.ORGANIZATION, EntityKind.OTHER, EntityKind.BODY, EntityKind.GROUP)
        if entity is None or entity.reference or slot.ref or slot.kind not in kinds:
            continue
        if any(p == convened.start("name") for p, _ in found):
            continue
        event = state.new(slot.text, view)
        event.series = " ".join(name_key(event.name))
        first_word = re.sub(r"^(?:the|The)\s+", "", slot.text).split(" ")[0]
        city = gazetteer().city(first_word) if first_word[:1].isupper() else None
        if city:
            event.place = city  # "the Bonn Digital Transformation Academy": held in Bonn
        found.append((convened.start("name"), event))
    found.sort(key=lambda item: item[0])
    return found


_MODIFIED_REFERENCE = re.compile(
    r"^(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?P<mods>(?:[a-z][\w-]*\s+){1,2})(?P<head>meeting|session|workshop|conference|"
    r"dialogue|webinar|seminar|forum|consultation)$"
)
_PART_OF_EVENT = re.compile(
    r"(?i)(?:the|its)\s+(?:opening|closing|high-level|final|main|ministerial)\s+(?:plenary|segment|ceremony|session|panel)"
)
_NAME_YEAR_HELD = re.compile(
    rf"(?P<name>{E})\s+(?P<year>⟪D\d+⟫)(?:\s*:\s*|,?\s+(?:was|will\s+be|is|is\s+to\s+be)\s+|\s+)"
    rf"(?:held|to\s+take\s+place|took\s+place|will\s+take\s+place|takes\s+place|convened|scheduled|"
    rf"planned|organi[sz]ed|hosted)\b"
)
_CONVENED_NAME = re.compile(
    rf"\b(?:co-)?(?:convened|organi[sz]ed|hosted|held)\s+(?P<name>{E})(?=\s+(?:in|at)\s+⟪E\d+⟫|\s+on\s+⟪D\d+⟫|"
    rf"\s+(?:from|in)\s+⟪D\d+⟫|,\s+⟪V\d+⟫|,\s+with\s+(?:the\s+)?participation\b)"
)
# "From 30 September to 2 October 2024, the College and GIZ co-organised the Bonn Academy, ...":
# a made-up name convened on a date the sentence opens with
_DATED_OPENING = re.compile(r"^\s*(?:(?:From|On|In|Between)\s+)?⟪D\d+⟫\s*,")


def _same_series(state: _State, event: Event, slot: Slot) -> bool:
    for key in slot.keys:
        entity = state.ctx.entity(key)
        if entity is None:
            continue
        words = set(name_key(entity.full_name or entity.name)) | set(name_key(entity.name))
        if words & set(name_key(event.name)):
            return True
    return False


def _event_for(state: _State, view: SentenceView, slot: Slot, masked: str, position: int) -> Event | None:
    text = slot.text.strip()
    if _REFERENCE_HEADS.match(text) and not slot.ordinal and not slot.keys:
        head = text.split()[-1].lower().rstrip("s")
        event = state.last(head) or state.last()
        if event is None:
            return None
        if not _told_apart(event, view, position):
            event.add_view(view)
            return event
        # "The workshop, which took place in Nairobi on 3 March" after a meeting elsewhere or at
        # another date: a new meeting, not the last one
    modified = _MODIFIED_REFERENCE.match(text)
    if modified and not slot.ordinal and not slot.keys and not slot.date:
        # "the e-employment meeting" after "the annual facilitation meeting on e-employment"
        event = state.last(modified.group("head").lower())
        words = modified.group("mods").lower().split()
        said = " ".join([event.name, *(v.text for v in event.views)]).lower() if event is not None else ""
        if (
            event is not None
            and all(word in said for word in words)
            and _near(event, view)
            and not _told_apart(event, view, position)
        ):
            event.add_view(view)
            return event
    name = slot.name or text
    name = re.sub(r"^(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat)\s+", "", name)
    if re.match(r"(?i)(?:previous|last|former|past|earlier|preceding)\b", name):
        ignored = state.new(name, view)  # "the previous Congress": named to identify something
        ignored.ignored = True
        return ignored
    bodies = slot.keys
    lowered = name.lower()
    session_of = re.match(r"\s+of\s+(?:the\s+)?(⟪E\d+⟫)", masked[position + len(f"⟪V{view.slots.index(slot)}⟫") :])
    if session_of and not bodies:
        bodies = view.slot(session_of.group(1)).keys
    if re.match(r"^(?:its|their)\s", text, re.IGNORECASE) and not bodies:
        owner = _owner_before(view, masked, position) or _nearest_actor_before(view, masked, position)
        if owner is None:
            # "At its seventy-third session, held in Bangkok ..., the Commission adopted": the
            # body the sentence goes on to name
            after = re.match(r"⟪V\d+⟫(?:,[^;]*?,)?\s+(⟪E\d+⟫)\s+[a-z]", masked[position:])
            if after and re.match(r"\s*(?:At|During|In)\s+$", masked[:position]):
                later = view.slot(after.group(1))
                if later.keys and later.kind in (EntityKind.BODY, EntityKind.ORGANIZATION, EntityKind.GROUP):
                    owner = later.keys[0]
        if owner:
            bodies = (owner,)
    if (
        re.search(r"\bedition$", lowered)
        and not bodies
        and state.events
        # "First edition: Abu Dhabi, 27-30 March 2017" opens a record of an edition of its own
        and not (masked[:position].strip() == "" and re.match(r"⟪V\d+⟫\s*:", masked[position:]))
    ):
        event = state.events[-1]
        event.add_view(view)
        return event
    # the same named edition mentioned again is the same event
    key = " ".join(name_key(_resolve_placeholders(view, name)))
    if slot.ordinal or re.search(r"\b(?:19|20)\d\d\b|⟪D", name) or bodies:
        for event in reversed(state.events):
            # "the Seventy-eighth World Health Assembly" is not the seventy-seventh
            if event.series and event.series == key and key and event.ordinal == slot.ordinal:
                event.add_view(view)
                return event
    event = state.new(_resolve_placeholders(view, name), view, bodies)
    event.series = key
    event.ordinal = slot.ordinal
    if slot.date is not None:
        event.date = slot.date
    head_word = lowered.split()[-1] if lowered.split() else ""
    if "final week" in lowered:
        event.final_week = True
    if head_word in _SESSION_HEADS and not bodies and slot.ordinal:
        owner_match = re.search(r"(⟪E\d+⟫)\s*(?:,|—|–|:|\s-)\s*$", masked[:position])
        if owner_match:
            event.bodies = view.slot(owner_match.group(1)).keys
        else:
            event.bodies = _heading_body(state, view)
    return event


def _near(event: Event, view: SentenceView) -> bool:
    """Whether "it" in ``view`` can still mean ``event``: said in the same section, at most
    two sentences before."""
    last = event.views[-1]
    return last.section == view.section and view.sentence.index - last.sentence.index <= 2


def _told_apart(event: Event, view: SentenceView, position: int) -> bool:
    """Whether the clause of a reference at ``position`` ("the workshop", "the conference")
    gives a date or place that cannot be the event's; a date or place of another event
    phrase in the sentence does not count."""
    masked = view.masked
    left = masked.rfind(";", 0, position) + 1
    if re.search(r"⟪[EV]\d+⟫", masked[left:position]):
        left = position  # what comes before belongs to other phrases ("Qatar, which had hosted ...")
    right_stop = re.search(r";|⟪V\d+⟫", masked[position + 1 :])
    right = position + 1 + right_stop.start() if right_stop else len(masked)
    window = masked[left:right]
    dates = [s.date.value for s in view.placeholders(window, "D") if s.date is not None]
    places = [s.keys[0] for s in view.placeholders(window) if s.kind is EntityKind.PLACE and s.keys]
    if event.date is not None and dates:
        start, end = event.date.value, event.date.end or event.date.value

        def fits(date: str) -> bool:
            width = min(len(date), len(start))
            return start[:width] <= date[:width] <= end[: min(len(date), len(end))]

        if not any(fits(date) for date in dates):
            return True  # a date outside the meeting's days
    return bool(event.place_key and places and event.place_key not in places)


def _series_organizers(state: _State, view: SentenceView) -> None:
    """ "UNCTAD remained one of the four co-organizers of the WSIS Forum, with ITU, ...":
    the organisers of later editions of that forum in the same section."""
    for match in _CO_ORGANIZERS_OF.finditer(view.masked):
        slot = view.slot(match.group("series")) if match.group("series").startswith("⟪E") else None
        if slot is None or not slot.keys:
            continue
        entity = state.ctx.entity(slot.keys[0])
        if entity is None:
            continue
        keys = state.ctx.actors(view, match.group("list"), stakeholders=False)
        if match.group("more"):
            keys += state.ctx.actors(view, match.group("more"), stakeholders=False)
        series = " ".join(name_key(entity.name))
        state.series_organizers[f"{view.section}:{series}"] = keys


def _participation_without_event(state: _State, view: SentenceView, event: Event) -> None:
    """ "UNCTAD welcomed the participation of ITC." right after the event it speaks of."""
    if event.views and event.views[-1].section != view.section:
        return
    patterns = (_PARTICIPATION_OF, _ATTENDED_ALONE, _AS_DID, _PARTICIPANTS_ALONE)
    for match in (m for pattern in patterns for m in pattern.finditer(view.masked)):
        if _OBSERVER.search(view.masked[match.start() : match.end() + 30]):
            continue
        if _OBSERVER_BEFORE.search(view.masked[max(0, match.start() - 30) : match.start()]):
            continue
        if NEGATION.search(view.masked[max(0, match.start() - 20) : match.end()]) or PLANNED.search(view.masked):
            continue
        event.add_view(view)
        listed = match.group("list") or match.groupdict().get("list2") or match.groupdict().get("list3") or ""
        for key in state.ctx.actors(view, listed, stakeholders=True):
            if key not in event.participants:
                event.participants.append(key)


def _dangling(state: _State, view: SentenceView, event: Event) -> None:
    """A header split over lines ("Twenty-first session" / "Geneva, 14 to 18 May 2018")."""
    if event.date is not None or view.kind not in ("paragraph", "heading"):
        return
    if not re.fullmatch(r"\s*(?:⟪E\d+⟫\s*,?\s*)*⟪D\d+⟫\s*\.?\s*", view.masked):
        return
    event.add_view(view)
    for slot in view.slots:
        if slot.code == "D" and slot.date is not None and event.date is None:
            event.date = slot.date
        elif slot.kind is EntityKind.PLACE and not event.place:
            _set_place(state, event, slot, strong=True)
    event.held = True
    event.setting_only = False


def _heading_body(state: _State, view: SentenceView) -> tuple[str, ...]:
    """The body a document's header names ("COMMISSION ON SCIENCE ... (CSTD)") for a bare
    "Twenty-fourth session" under it."""
    heading = state.headings.get(view.section)
    if heading is view:
        # "### Twenty-seventh session" under "# COMMISSION ON ...": the enclosing heading's body
        sections = state.ctx.mentions.sections
        parent = sections[view.section].parent if view.section < len(sections) else None
        heading = state.headings.get(parent) if parent is not None else None
    if heading is not None and re.fullmatch(r"\s*⟪E\d+⟫\s*", heading.masked):
        slot = heading.slots[0]
        if slot.kind in (EntityKind.BODY, EntityKind.ORGANIZATION, EntityKind.GROUP):
            return slot.keys
    # "UNV — Submission to the Commission on Science and Technology for Development" then
    # "23rd session, Geneva, June 10-12, 2020": the body the document's header names
    views = state.ctx.views
    if view in views[:6]:
        for other in views[: views.index(view) + 2]:
            for slot in other.slots:
                if slot.code == "E" and slot.kind is EntityKind.BODY and slot.keys and not slot.ref:
                    return slot.keys
    return ()


def _resolve_placeholders(view: SentenceView, text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        slot = view.slots[int(match.group(2))]
        return slot.name or slot.text

    return re.sub(r"⟪([EDV])(\d+)⟫", replace, text)


def _nearest_actor_before(view: SentenceView, masked: str, position: int) -> str | None:
    for match in reversed(list(re.finditer(r"⟪E(\d+)⟫", masked[:position]))):
        slot = view.slots[int(match.group(1))]
        if slot.keys and slot.kind in (EntityKind.ORGANIZATION, EntityKind.BODY, EntityKind.GROUP):
            return slot.keys[0]
    return None


def _owner_before(view: SentenceView, masked: str, position: int) -> str | None:
    """ "The Commission held its twenty-fifth session": the body that holds the session."""
    before = masked[:position]
    subject = re.match(
        rf"^\s*(?:The\s+)?({E})(?:,[^;]*?,)?\s+(?:also\s+|then\s+)?(?:held|holds|will\s+hold|convened|opened|hosted)\s+$",
        before,
    )
    if subject:
        slot = view.slot(subject.group(1))
        if slot.keys:
            return slot.keys[0]
    match = re.search(rf"({E})[^⟪;]{{0,40}}?\b(?:held|holds|will\s+hold|convened|opened|hosted)\s+$", before)
    if not match:
        return None
    slot = view.slot(match.group(1))
    return slot.keys[0] if slot.keys else None


# --- attaching dates, places, organisers, participants ------------------------------------


def _attach(state: _State, view: SentenceView, events: list[tuple[int, Event]]) -> None:
    ctx = state.ctx
    masked = view.masked
    [position for position, _ in events]
    clause_starts = [0] + [m.end() for m in re.finditer(r";", masked)]

    def in_setting(position: int) -> bool:
        before = masked[max(0, masked.rfind(";", 0, position) + 1) : position]
        return bool(_SETTING.search(before))

    def owner_at(position: int, *, before_first: bool = True) -> Event | None:
        """The event a slot at ``position`` belongs to: the nearest event before it in its
        clause, else (for sentence-initial dates) the first event after it."""
        clause_start = max(s for s in clause_starts if s <= position)
        candidates = [(p, e) for p, e in events if clause_start <= p <= position]
        if candidates:
            return candidates[-1][1]
        if before_first:
            following = [(p, e) for p, e in events if p > position and not in_setting(p)] or [
                (p, e) for p, e in events if p > position
            ]
            clause_end = masked.find(";", position)
            if following and (clause_end < 0 or following[0][0] < clause_end):
                return following[0][1]
        return None

    for each in {id(e): e for _, e in events}.values():
        each.add_view(view)
    # a session held during a meeting, or a dialogue a congress opened with, is part of it
    for match in re.finditer(
        r"(⟪V\d+⟫)[^;]*?\b(?:during|within|at|as\s+part\s+of|in\s+the\s+framework\s+of)\s+(⟪V\d+⟫)",
        masked,
    ):
        child, parent = _event_at(events, match.start(1)), _event_at(events, match.start(2))
        if child is not None and parent is not None and child is not parent:
            child.parent = parent.id
    for match in re.finditer(
        r"(⟪V\d+⟫)[^;]*?\b(?:concluded|culminated|ended|closed)\s+(?:with|in)\s+"
        r"(⟪V\d+⟫)|(⟪V\d+⟫),?\s+whose\s+(⟪V\d+⟫)",
        masked,
    ):
        if match.group(3):
            parent, child = _event_at(events, match.start(3)), _event_at(events, match.start(4))
            if child is not None and parent is not None and child is not parent and ("week" in child.name.lower()):
                child.parent = parent.id
                child.final_week = True
            continue
        parent, child = _event_at(events, match.start(1)), _event_at(events, match.start(2))
        if child is not None and parent is not None and child is not parent:
            child.parent = parent.id
            child.final_week = True
    for match in re.finditer(r"(⟪V\d+⟫)\s+of\s+(?:the\s+)?(⟪V\d+⟫)", masked):
        child, parent = _event_at(events, match.start(1)), _event_at(events, match.start(2))
        if child is not None and parent is not None and child is not parent:
            child.parent = parent.id
    for match in re.finditer(r"(⟪V\d+⟫)[^;]*?\b(?:opened|began|started|closed)\s+with\s+(⟪V\d+⟫)", masked):
        parent, child = _event_at(events, match.start(1)), _event_at(events, match.start(2))
        if child is not None and parent is not None and child is not parent:
            child.parent = parent.id
    # the clause of each event: planned? online? held?
    event: Event | None
    for position, current in events:
        event = current
        clause = _clause(masked, position)
        before = masked[max(0, masked.rfind(";", 0, position) + 1) : position]
        if _SETTING.search(before) and not re.search(r"⟪V", before[-15:]):
            pass
        else:
            event.setting_only = False
        if _HELD.search(clause) or _ONLINE.search(clause):
            event.held = True
        if PLANNED.search(_MOVED_FROM.sub(" ", clause)) and not re.search(
            r"\b(?:had|was|were)\s+(?:planned|scheduled)\b.*"
            r"\b(?:held|took place)",
            clause,
        ):
            event.planned = True
        for cue in _ONLINE.finditer(clause):
            if re.search(
                r"\bwith\s+(?:online|remote)\s+participation\b|\bvirtual\s+sessions\s+"
                r"continuing|\bcombined\b",
                clause,
            ):
                break
            absolute = masked.find(clause) + cue.start()
            if owner_at(absolute) is event:
                event.online = True
        if re.search(r"\bfinal\s+week\b", clause, re.IGNORECASE):
            event.final_week = True
    # dates: those after an event phrase first, then a sentence's opening date
    date_matches = list(re.finditer(r"⟪D(\d+)⟫", masked))
    date_matches.sort(key=lambda m: owner_at(m.start(), before_first=False) is None)
    moved = [(m.start(), m.end()) for m in _MOVED_FROM.finditer(masked)]
    for match in date_matches:
        if any(start <= match.start() < end for start, end in moved):
            continue  # "originally planned for March 2020 in Bonn": a date it was moved away from
        slot = view.slots[int(match.group(1))]
        event = owner_at(match.start(), before_first=False)
        if event is None:
            event = owner_at(match.start())
            if event is not None and event.date is not None:
                continue
        if event is None or slot.date is None:
            continue
        before = masked[max(0, match.start() - 25) : match.start()]
        if re.search(
            r"\b(?:since|until|by|before|after|between|over|from\s+⟪D\d+⟫\s+to)\s*$",
            before,
            re.IGNORECASE,
        ) and not re.search(r"\bfrom\s*$", before):
            continue
        if re.search(r"(?:years?|anniversary|edition)\s+(?:of|in|since)\s*$", before):
            continue
        _set_date(event, slot.date, masked, match.start())
    # places
    for match in re.finditer(r"⟪E(\d+)⟫", masked):
        slot = view.slots[int(match.group(1))]
        if not slot.keys:
            continue
        kind = slot.kind
        before = masked[max(0, match.start() - 40) : match.start()]
        if any(start <= match.start() < end for start, end in moved):
            continue
        if kind is EntityKind.PLACE:
            wider = re.match(r"\s*,?\s+in\s+⟪E(\d+)⟫", masked[match.end() :])
            if wider and view.slots[int(wider.group(1))].kind in (EntityKind.PLACE, EntityKind.COUNTRY):
                continue  # "at Palais Wilson in Geneva", "at the Hofburg in Vienna": the venue's city
            event = owner_at(match.start(), before_first=False)
            if event is None and (
                re.search(r"\b(?:in|at)\s+(?:the\s+)?$|⟪D\d+⟫\s*,\s*$", before)
                or re.match(r"\s*,\s*(?:at|during|in)\s+(?:the\s+|a\s+|an\s+)?⟪V", masked[match.end() :])
            ):
                # "In Nairobi, the Forum ...": a place opening the clause; but not "Washington, D.C. ·
                # Input for the twenty-fifth session (Geneva, ...)", the writer's address
                event = owner_at(match.start())
            # "strategies for Asia and the Pacific", "experts from Kenya": a topic or an origin
            if event is not None and not re.search(r"\b(?:from|of|for|across|throughout)\s+$", before[-12:]):
                _set_place(state, event, slot, strong=True)
        elif kind is EntityKind.COUNTRY and re.search(r"\b(?:in|at)\s+$", before):
            event = owner_at(match.start())
            if event is not None:
                _set_place(state, event, slot, strong=False)
    # organisers
    for pattern in (_ORGANIZER_BY,):
        for match in pattern.finditer(masked):
            event = owner_at(match.start(), before_first=False)
            if event is None and match.group("verb") != "prepared":
                # "Prepared by X for its twentieth session": who wrote a document, not who
                # organised the session it was written for
                event = owner_at(match.start())
            if event is None and re.search(r";\s*(?:and\s+)?$", masked[: match.start()]):
                # "First edition: Abu Dhabi, 27-30 March 2017; co-organized by A and B"
                event = _last_before(events, match.start())
            if event is None:
                continue
            listed = _own_list(match.group("list"), masked, match.end("list"))
            keys = ctx.actors(view, listed, stakeholders=False)
            if match.groupdict().get("more"):
                keys += ctx.actors(view, _own_list(match.group("more"), masked, match.end("more")), stakeholders=False)
            keys = [k for k in keys if (entity := ctx.entity(k)) is None or entity.kind is not EntityKind.EVENT]
            _organizers(event, keys, explicit=True)
    for match in _ORGANIZED_WITH.finditer(masked):
        # a submission's own meeting "organised with the OECD": the submitter and its partner
        event = owner_at(match.start(), before_first=False)
        if event is None or event.organizers_explicit or not ctx.submitter or PLANNED.search(match.group(0)):
            continue
        partners = ctx.actors(view, match.group("list"), stakeholders=False)
        if partners:
            _organizers(event, [ctx.submitter, *partners], explicit=True)
    for match in _HOSTED_REFERENCE.finditer(masked):
        # "Uruguay, which hosted the Conference, ...": the host of the meeting referred to
        event = _event_at(events, match.start("event"))
        if event is not None and not PLANNED.search(match.group(0)):
            _organizers(event, ctx.actors(view, match.group("list"), stakeholders=False), explicit=True)
    for match in _ORGANIZER_SUBJECT.finditer(masked):
        event = _event_at(events, match.start("event"))
        if event is None:
            continue
        # "on the eve of the SDG Summit, ITU and UNDP co-convened ...": an event organises nothing;
        # "the Council of Ministers (ATICM) of the League of Arab States held": the Council did
        listed = match.group("list")
        owner = re.search(r"(⟪E\d+⟫)\s+of\s+(?:the\s+)?$", masked[: match.start("list")])
        if (
            owner
            and re.fullmatch(r"⟪E\d+⟫", listed)
            and view.slot(owner.group(1)).kind
            in (
                EntityKind.BODY,
                EntityKind.GROUP,
            )
        ):
            listed = owner.group(1)
        keys = [
            key
            for key in ctx.actors(view, listed, stakeholders=False)
            if (entity := ctx.entity(key)) is None or entity.kind is not EntityKind.EVENT
        ]
        if keys and re.search(r"\bheld\s+⟪V", match.group(0)) and _session_of(state, event, keys):
            continue
        if match.group("more"):
            keys += [k for k in ctx.actors(view, match.group("more"), stakeholders=False) if k not in keys]
        _organizers(event, keys, explicit=True)
    for match in _OPENED_WITH.finditer(masked):
        event = _event_at(events, match.start("event"))
        slot = view.slot(match.group("list"))
        if event is not None and slot.kind in (
            EntityKind.GROUP,
            EntityKind.BODY,
            EntityKind.ORGANIZATION,
        ):
            _organizers(event, list(slot.keys), explicit=False)
    for match in _ORGANIZER_RELATIVE.finditer(masked):
        event = _event_at(events, match.start("event"))
        if event is None:
            continue
        keys = ctx.actors(view, match.group("list"), stakeholders=False)
        if match.group("more"):
            keys += ctx.actors(view, match.group("more"), stakeholders=False)
        _organizers(event, keys, explicit=True)
    # stakeholder groups the event was held "with"
    for match in _WITH_STAKEHOLDERS.finditer(masked):
        event = owner_at(match.start(), before_first=False)
        if event is None:
            continue
        part = match.group("list") or match.group("list2") or ""
        for slot in view.placeholders(part):
            if slot.kind is EntityKind.STAKEHOLDER:
                for key in slot.keys:
                    if key not in event.participants:
                        event.participants.append(key)
    # participants
    for pattern in (_PARTICIPANT_BY, _PARTICIPATION_OF, _IN_WHICH, _MEETING_OF, _BY_AT, _GATHERED, _CONTRIBUTIONS_TO):
        for match in pattern.finditer(masked):
            if pattern is _BY_AT:
                event = _event_at(events, match.end() - 2)
            elif pattern is _CONTRIBUTIONS_TO:
                event = _event_at(events, match.start("event"))
            else:
                event = owner_at(match.start(), before_first=False) or owner_at(match.start())
            if event is None:
                continue
            _participants(ctx, view, event, match.group("list"), masked, match)
    for match in _PARTICIPANTS_WERE.finditer(masked):
        event = _event_at(events, match.start("event"))
        if event is not None:
            _participants(ctx, view, event, match.group("list"), masked, match)
    for match in _PARTICIPANT_SUBJECT.finditer(masked):
        after = masked[match.end() : match.end() + 160]
        event = None
        if re.search(r"\bpresented\b.*\bto$", match.group(0)):
            target = re.match(r"\s*(⟪V\d+⟫)", after)
        elif re.search(r"\breported|presented|described", match.group(0)):
            target = re.match(r"\s+(?:then\s+)?(?:at|during|to)\s+(⟪V\d+⟫)", after)
        else:
            # "took part in the WSIS+20 Forum High-Level Event": a name may qualify the event
            target = re.match(r"[^;⟪]{0,60}?(?:⟪E\d+⟫(?:\+\d+)?\s+)?(⟪V\d+⟫)", after)
            # "Turkey and Côte d'Ivoire co-chaired the conference": a reference to the meeting
            target = target or re.match(r"\s+(?:the\s+)?(⟪E\d+⟫)", after)
        if target:
            event = _event_at(events, match.end() + target.start(1))
        elif re.match(r"\s+(?:in|at|to)\s+⟪E(\d+)⟫", after) and view.slots[
            int(re.match(r"\s+(?:in|at|to)\s+⟪E(\d+)⟫", after).group(1))  # type: ignore[union-attr]
        ].ref in ("it", "event"):
            # "the European Union took part in it": the event just named
            event = _last_before(events, match.start()) or state.last_dated()
        if event is None:
            event = owner_at(match.start(), before_first=False) or _last_before(events, match.start())
        if (
            event is None
            and (re.search(r"\bthen\b", masked) or (ctx.mentions.document.id and _is_meeting_report(ctx)))
            and re.search(r"\breported\b", match.group(0))
        ):
            event = state.last_dated()
        if event is None:
            continue
        # "... at the OECD Nuclear Energy Agency; the IAEA chaired": the subject starts its clause
        subjects = match.group("list")
        _participants(
            ctx, view, event, subjects[subjects.rindex(";") + 1 :] if ";" in subjects else subjects, masked, match
        )
    for match in _PRESENTED_THERE.finditer(masked):
        # "... met in Rome, where UNHCR and NetHope presented the results": the meeting just named
        event = _last_before(events, match.start())
        if event is not None:
            _participants(ctx, view, event, match.group("list"), masked, match)
    # "X addressed the Forum, as did the heads of A, B and C"
    for match in _AS_DID.finditer(masked):
        event = _last_before(events, match.start())
        if event is not None:
            _participants(ctx, view, event, match.group("list"), masked, match)


def _own_list(part: str, masked: str, end: int) -> str:
    """A list after its verb stops at a semicolon that opens a clause of its own ("co-hosted by
    ITU and Switzerland; UNCDF spoke at a session": not UNCDF)."""
    if ";" not in part:
        return part
    if re.match(r"\s+(?!and\b|as\s+well\b|in\b|at\b|on\b|from\b|with\b)(?:[a-z]+\s+)?[a-z]+", masked[end:]):
        return part[: part.rindex(";")]
    return part


def _last_before(events: list[tuple[int, Event]], position: int) -> Event | None:
    before = [event for start, event in events if start < position and not event.ignored]
    return before[-1] if before else None


def _is_meeting_report(ctx: Context) -> bool:
    """A meeting summary: reports made in it are participation in the meeting."""
    if ctx.is_submission:
        return False
    first = next((view.text for view in ctx.views if view.kind == "heading"), "")
    return bool(re.search(r"\bmeeting\b|\bsummary\b|\bproceedings\b", first, re.IGNORECASE))


def _event_at(events: list[tuple[int, Event]], position: int) -> Event | None:
    for start, event in events:
        if start == position:
            return event
    return None


def _clause(masked: str, position: int) -> str:
    left = masked.rfind(";", 0, position) + 1
    right = masked.find(";", position)
    return masked[left : right if right >= 0 else len(masked)]


def _set_date(event: Event, date: DateValue, masked: str, position: int) -> None:
    if event.date is None:
        event.date = date
        return
    current = event.date
    if event.final_week and re.search(r"final\s+week[^⟪]{0,30}$", masked[:position]):
        event.date = date
        return
    if date.value.startswith(current.value) and len(date.value) > len(current.value):
        event.date = date  # a more precise form of the same date


def _set_place(state: _State, event: Event, slot: Slot, *, strong: bool) -> None:
    entity = state.ctx.entity(slot.keys[0])
    name = slot.text if strong else (entity.name if entity else slot.text)
    if event.place and event.own_place and not strong:
        return
    if event.place and event.own_place and strong and event.place_key != slot.keys[0]:
        return
    event.place = name
    event.place_key = slot.keys[0]
    event.own_place = True


def _organizers(event: Event, keys: list[str], *, explicit: bool) -> None:
    if explicit and not event.organizers_explicit:
        event.organizers = []
        event.organizers_explicit = True
    for key in keys:
        if key not in event.organizers:
            event.organizers.append(key)


def _session_of(state: _State, event: Event, keys: list[str]) -> bool:
    """ "The Assembly held its second session": the body is the organiser by default."""
    if not event.bodies:
        event.bodies = tuple(keys)
    return True


# the date and place a meeting was moved away from: "originally planned for March 2020 in Bonn"
_MOVED_FROM = re.compile(
    r"\b(?:originally|initially|first|previously)\s+(?:planned|scheduled|foreseen|due|set)\s+(?:to\s+take\s+place\s+)?"
    r"(?:for|in|on|at|from)\s+(?:⟪[DE]\d+⟫|[\s,]|in|at|on|for|from)+",
    re.IGNORECASE,
)
_OBSERVER_BEFORE = re.compile(r"\b(?:observers?|invitees?|guests?)\s+(?:from|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _participants(ctx: Context, view: SentenceView, event: Event, part: str, masked: str, match: re.Match[str]) -> None:
    scope = masked[max(0, match.start() - 60) : match.end() + 40]
    if _OBSERVER.search(masked[match.start() : match.end() + 30]):
        return
    if _OBSERVER_BEFORE.search(masked[max(0, match.start() - 30) : match.start()]):
        ctx.reject(view, "participant", "observers or guests are not participants", masked)
        return  # "Observers from UNESCO attended the Forum"
    if NEGATION.search(masked[max(0, match.start() - 20) : match.end()]):
        return
    if re.search(r"\b(?:intends?|plans?|will|would)\b", masked[max(0, match.start() - 10) : match.end()]):
        return
    del scope
    for key in ctx.actors(view, part, stakeholders=True):
        entity = ctx.entity(key)
        if entity is not None and entity.kind is EntityKind.EVENT:
            continue  # "during the WSIS Forum": the setting, not a participant
        if key not in event.participants:
            event.participants.append(key)


# --- records: a titled list of "Dates: ...", "Venue: ...", "Convened by: ..." -------------


_KEYS = {
    "date": ("dates", "date", "when", "period", "date and time", "dates and venue"),
    "place": ("venue", "place", "location", "where", "city", "host city"),
    "both": ("when and where", "date and venue", "date and place"),
    "organizers": (
        "convened by",
        "organized by",
        "organised by",
        "organizers",
        "organisers",
        "co-organizers",
        "co-organisers",
        "organizer",
        "organiser",
        "host",
        "hosts",
        "hosted by",
        "co-hosts",
        "co-hosted by",
        "convener",
        "conveners",
    ),
    "participants": (
        "attendance",
        "participants",
        "attended by",
        "speakers",
        "participation",
        "private-sector participants",
        "private sector participants",
        "attendees",
        "delegations",
        "participating organizations",
        "chair",
        "co-chairs",
        "chaired by",
        "keynote",
    ),
}


def _field_kind(key: str) -> str:
    lowered = key.strip().lower()
    for kind, names in _KEYS.items():
        if lowered in names:
            return kind
    if lowered.endswith("participants"):
        return "participants"
    return ""


def _record(state: _State, views: list[SentenceView], index: int, event: tuple[int, Event]) -> None:
    """A heading naming an event, followed by list items or table rows of fields."""
    _, current = event
    for view in views[index + 1 :]:
        if view.kind == "heading":
            break
        if view.kind not in ("list_item", "table_row"):
            continue
        masked = view.masked.replace(" | ", ": ", 1) if view.kind == "table_row" else view.masked
        if ":" not in masked:
            continue
        key, value = masked.split(":", 1)
        key = _resolve_placeholders(view, key).strip()
        if not re.fullmatch(r"[A-Za-z][\w\s/&-]{1,50}", key):
            continue
        _apply_field(state, view, current, key, value)


def _apply_field(state: _State, view: SentenceView, event: Event, key: str, value: str) -> None:
    ctx = state.ctx
    kind = _field_kind(key)
    if not kind:
        for pattern in (_PARTICIPATION_OF, _PARTICIPANT_BY):
            for match in pattern.finditer(value):
                event.add_view(view)
                for actor in ctx.actors(view, match.group("list"), stakeholders=True):
                    if actor not in event.participants:
                        event.participants.append(actor)
        return
    event.add_view(view)
    event.held = True
    event.setting_only = False
    if kind in ("date", "both"):
        for number in re.findall(r"⟪D(\d+)⟫", value)[:1]:
            slot = view.slots[int(number)]
            if slot.date:
                _set_date(event, slot.date, value, 0)
        if PLANNED.search(value):
            event.planned = True
    if kind in ("place", "both"):
        if re.search(r"\bvirtual\b|\bonline\b", value, re.IGNORECASE) and "⟪E" not in value:
            event.online = True
        setting = re.search(r"\b(?:on the margins of|during|within|in the framework of)\b", value)
        part = value[: setting.start()] if setting else value
        for number in re.findall(r"⟪E(\d+)⟫", part):
            slot = view.slots[int(number)]
            if slot.kind is EntityKind.PLACE:
                _set_place(state, event, slot, strong=True)
                break
        else:
            for number in re.findall(r"⟪E(\d+)⟫", part):
                slot = view.slots[int(number)]
                if slot.kind is EntityKind.COUNTRY and slot.keys:
                    _set_place(state, event, slot, strong=False)
                    break
    if kind == "organizers":
        keys = ctx.actors(view, value, stakeholders=False)
        _organizers(event, keys, explicit=True)
    if kind == "participants":
        if re.search(r"\btook over\b|\bhanded\b|\bpassed\b", value):
            return
        for key in ctx.actors(view, value, stakeholders=True):
            if key not in event.participants:
                event.participants.append(key)


def _table_row(state: _State, view: SentenceView) -> None:
    """Tables: a two-column key/value table describes one meeting; a table whose header has
    date and venue columns lists one meeting per row."""
    ctx = state.ctx
    document = ctx.mentions.document
    block = document.blocks[view.sentence.block]
    header = _header_cells(ctx, block.table)
    cells = view.masked.split(" | ")
    if block.header:
        return
    if header is not None and _meeting_columns(header):
        event = state.new(_resolve_placeholders(view, cells[0]), view)
        event.held = True
        event.setting_only = False
        for number, title in enumerate(header):
            if number >= len(cells):
                break
            cell = cells[number]
            kind = _field_kind(title) or _header_kind(title)
            if kind in ("date", "place", "both", "participants"):
                _apply_field(state, view, event, title, cell)
            elif kind == "organizers":
                keys = ctx.actors(view, cell, stakeholders=False)
                header_orgs = _header_organizers(ctx, title)
                _organizers(event, header_orgs + keys, explicit=True)
        event.series = " ".join(name_key(event.name))
        return
    # key | value rows under a heading or at the top of a document
    if len(cells) == 2:
        key = _resolve_placeholders(view, cells[0]).strip()
        kind = _field_kind(key)
        if key.lower() in ("meeting", "event", "title", "name", "session"):
            event = state.new(_resolve_placeholders(view, cells[1]), view)
            event.held = True
            event.setting_only = False
            return
        if kind and state.events:
            _apply_field(state, view, state.events[-1], key, cells[1])


def _header_cells(ctx: Context, table: int) -> list[str] | None:
    document = ctx.mentions.document
    for block in document.blocks:
        if block.table == table and block.header:
            return [document.text[c.start : c.end] for c in block.cells]
    return None


def _meeting_columns(header: list[str]) -> bool:
    kinds = {_field_kind(title) or _header_kind(title) for title in header}
    return "date" in kinds and ("place" in kinds or "organizers" in kinds)


def _header_kind(title: str) -> str:
    lowered = title.lower()
    if re.search(r"\bdates?\b|\bwhen\b|\byear\b", lowered):
        return "date"
    if re.search(r"\bvenue\b|\bplace\b|\blocation\b|\bcity\b|\bwhere\b", lowered):
        return "place"
    if re.search(r"organi[sz]|convened|hosted|host", lowered):
        return "organizers"
    return ""


def _header_organizers(ctx: Context, title: str) -> list[str]:
    """ "Co-organized with ECLAC by": ECLAC organises every row."""
    from wsisgraph.gazetteer import gazetteer, tokenize

    gaz = gazetteer()
    tokens = tokenize(title)
    found: list[str] = []
    for first, _last, key in gaz.match(title, tokens):
        if not tokens[first].text[0].isupper():
            continue
        entity = gaz.entities.get(key)
        if entity is not None and entity.kind in (
            EntityKind.ORGANIZATION,
            EntityKind.BODY,
            EntityKind.GROUP,
        ):
            found.append(key)
    return found


# --- merging and emitting -----------------------------------------------------------------


def _merge(events: list[Event]) -> list[Event]:
    """One event per (date, place): the same meeting named twice in a document is one."""
    kept: list[Event] = []
    for event in events:
        if event.parent is not None and event.final_week:
            # "the Forum concluded with a final week held in Geneva": the week dates the Forum
            parent = events[event.parent]
            parent.date = event.date or parent.date
            parent.place, parent.place_key = event.place, event.place_key
            parent.own_place, parent.online = event.own_place, event.online
            parent.held = parent.held or event.held
            parent.organizers += [k for k in event.organizers if k not in parent.organizers]
            parent.participants += [k for k in event.participants if k not in parent.participants]
            for view in event.views:
                parent.add_view(view)
            continue
        if event.parent is not None and _held_in_its_own_right(event, events[event.parent]):
            # "The facilitation meeting was convened by the ILO on 27 May in the framework of the
            # WSIS Forum, held in Geneva from 25 to 29 May": a meeting at the Forum's place
            parent = events[event.parent]
            if not event.place:
                event.place, event.place_key, event.own_place = parent.place, parent.place_key, parent.own_place
                event.online = event.online or parent.online
            event.parent = None
        if event.parent is not None and not (event.own_place and event.date):
            parent = events[event.parent]
            parent.participants += [k for k in event.participants if k not in parent.participants]
            for view in event.views:
                parent.add_view(view)
            continue
        event.parent = None
        if event.ignored or not _is_meeting(event):
            continue
        twin = next((other for other in kept if _same(other, event)), None)
        if twin is None:
            kept.append(event)
            continue
        if event.date and (twin.date is None or len(event.date.value) > len(twin.date.value)):
            twin.date = event.date
        if not twin.place and event.place:
            twin.place, twin.place_key = event.place, event.place_key
        if event.organizers_explicit and not twin.organizers_explicit:
            twin.organizers, twin.organizers_explicit = list(event.organizers), True
        else:
            twin.organizers += [k for k in event.organizers if k not in twin.organizers]
        twin.participants += [k for k in event.participants if k not in twin.participants]
        twin.planned = twin.planned and event.planned
        for view in event.views:
            twin.add_view(view)
    return kept


def _held_in_its_own_right(event: Event, parent: Event) -> bool:
    """Whether an event held at another has a day and organisers of its own."""
    return (
        event.date is not None
        and len(event.date.value) == 10
        and event.organizers_explicit
        and event.held
        and not event.final_week
        and (parent.date is None or event.date.value != parent.date.value)
    )


_GENERIC_EVENT_HEADS = {"event", "events", "gathering", "occasion"}


def _same(one: Event, other: Event) -> bool:
    if one.date is None or other.date is None:
        return False
    heads = {_event_head(one), _event_head(other)}
    if len(heads) > 1 and not heads & _GENERIC_EVENT_HEADS and "" not in heads:
        return False  # "a webinar on 3 June" is not "a regional meeting in Bangkok from 3 to 5 June"
    a, b = one.date.value, other.date.value
    if not (a.startswith(b) or b.startswith(a)):
        return False
    place_a = "" if one.online else one.place_key
    place_b = "" if other.online else other.place_key
    return place_a == place_b or not place_a or (not place_b and len(a) == len(b))


def _event_head(event: Event) -> str:
    """The head word of an event phrase ("regional preparatory meeting" -> "meeting"), or ""
    for a named event ("WSIS Forum 2019")."""
    words = re.findall(r"[A-Za-z][\w-]*", re.split(r"\s+(?:on|of|for|in|at|about)\s+", event.name.strip())[0])
    if not words or words[-1][:1].isupper():
        return ""
    return words[-1].lower().rstrip("s") if words[-1].lower() not in ("series",) else "series"


_PLURAL_HEAD = re.compile(
    r"(?:meetings|sessions|workshops|events|webinars|seminars|consultations|"
    r"camps|dialogues|ceremonies|gatherings|conferences|roundtables)$",
    re.I,
)


def _is_meeting(event: Event) -> bool:
    if _PLURAL_HEAD.search(event.name.strip()):
        return False  # "virtual workshops", "two C2 sessions": a series, not one meeting
    if event.date is None and not event.own_place:
        return False
    if event.date is None:
        return False
    if event.setting_only and not event.own_place:
        return False
    precise = len(event.date.value) >= 7
    if event.own_place and not event.online:
        return event.held or precise or bool(event.organizers)
    return precise and (event.held or event.online or bool(event.organizers))


def _apply_series(state: _State, events: list[Event]) -> None:
    for event in events:
        if event.organizers:
            continue
        name = " ".join(name_key(event.name))
        for key, organizers in state.series_organizers.items():
            section, series = key.split(":", 1)
            if series and name.startswith(series) and any(str(view.section) == section for view in event.views):
                event.organizers = list(organizers)


def _is_the_event(event: Event, name: str) -> bool:
    """Whether the event is the named body itself ("the Urban Heritage Forum was hosted ..."),
    not a session of it."""
    return " ".join(name_key(re.sub(r"\b(?:19|20)\d\d\b", "", event.name))) == " ".join(name_key(name))


def _emit(ctx: Context, event: Event) -> None:
    if event.parent is not None:
        return
    organizers = list(event.organizers)
    if not organizers and event.bodies:
        for key in event.bodies:
            entity = ctx.entity(key)
            if entity is None or (
                _FORUM_SERIES.search(entity.full_name or entity.name)
                and (entity.kind is EntityKind.EVENT or _is_the_event(event, entity.name))
            ):
                continue  # a forum that is an event in itself does not organise itself
            if entity.kind is EntityKind.EVENT and entity.head not in (
                "conference",
                "congress",
                "assembly",
            ):
                continue
            organizers.append(key)
    participants = [k for k in event.participants if k not in organizers]
    place = "" if event.online else event.place
    roles = (
        ("organizers", tuple(organizers)),
        ("participants", tuple(participants)),
    )
    values = (("name", event.name),)
    for view in event.views:
        ctx.add(
            Candidate(
                FactKind.MEETING,
                roles,
                view,
                "meeting",
                0.8 if event.held else 0.6,
                date=event.date,
                place=place,
                values=values,
                planned=event.planned,
            )
        )


_UNUSED = (ORDINALS, head_noun, Slot)
