"""Find what each sentence talks about: bodies, countries, places, dates, events, references.

The result is a :class:`SentenceView` per sentence: the sentence text with every mention
replaced by a numbered placeholder (``⟪E3⟫`` an entity, ``⟪D1⟫`` a date, ``⟪V0⟫`` an event),
and the table of those placeholders. Grammar rules downstream read the masked text, so one
rule covers "ITU", "the International Telecommunication Union (ITU)" and "the Union" alike.

Names come from three places: the reference gazetteer; definitions in the document itself
("the United Nations Group on the Information Society (UNGIS)" and "UNGIS (United Nations
Group ...)"); and capitalised names the text uses as actors, typed by their head noun.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from wsisgraph.extract.dates import find_dates
from wsisgraph.extract.lexicon import (
    ACTOR_HEADS,
    BODY_HEADS,
    EVENT_HEAD_RE,
    GENERIC_NOUNS,
    GROUP_HEADS,
    NON_ACTOR_HEADS,
    ORDINALS,
    SUBUNIT_HEADS,
    TITLE_WORDS,
)
from wsisgraph.gazetteer import (
    Gazetteer,
    Token,
    gazetteer,
    head_noun,
    name_key,
    norm_word,
    slug,
    tokenize,
)
from wsisgraph.model import BlockKind, DateValue, Document, Entity, EntityKind, Section, Sentence, Span

__all__ = [
    "DocumentMentions",
    "SentenceView",
    "Slot",
    "entity_key",
    "find_mentions",
    "is_actor",
]

_CONNECTORS = {
    "of",
    "for",
    "on",
    "and",
    "the",
    "de",
    "la",
    "des",
    "du",
    "del",
    "in",
    "with",
    "to",
    "&",
    "against",
    "at",
    "le",
    "les",
    "y",
    "et",
    "da",
    "do",
    "das",
    "dos",
    "für",
    "fur",
    "zur",
    "der",
    "di",
    "von",
    "van",
}
_STOP_CAPS = {
    "The",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "For",
    "It",
    "Its",
    "Under",
    "As",
    "During",
    "Since",
    "Through",
    "With",
    "By",
    "Each",
    "All",
    "Both",
    "Among",
    "Following",
    "After",
    "Before",
    "When",
    "Where",
    "While",
    "Half",
    "Some",
    "Most",
    "Many",
    "Their",
    "They",
    "He",
    "She",
    "We",
    "Our",
    "His",
    "Her",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "Of",
    "To",
    "From",
    "Into",
    "Within",
    "Between",
    "Over",
    # role nouns opening a sentence ("Participants in the Expert Group Meeting included ...",
    # "Members of the Alliance are ..."): they name the people in a body, not a body
    "Participants",
    "Delegates",
    "Delegations",
    "Representatives",
    "Speakers",
    "Panellists",
    "Panelists",
    "Attendees",
    "Organizers",
    "Organisers",
    "Co-organizers",
    "Co-organisers",
    "Signatories",
    "Founders",
    "Also",
    "Such",
    "Other",
    "Further",
    "However",
    "Moreover",
    "Finally",
    "First",
    "Second",
    "Third",
    "Then",
    "Thus",
    "Together",
    "Alongside",
    "Besides",
    "Like",
    "Unlike",
    "Despite",
    "Because",
    "Although",
    "Should",
    "If",
    "Once",
    "Only",
    "More",
    "Less",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Several",
    "Every",
    "No",
    "Not",
    "Yes",
    "Who",
    "What",
    "Which",
    "Why",
    "How",
    "Update",
    "Input",
    "Note",
    "Day",
    "Dates",
    "Date",
    "Venue",
    "Host",
    "Chair",
    "Theme",
    "Features",
    "Attendance",
    "Output",
    "Agenda",
    "Launch",
    "Secretariat",
    "Goal",
    "Adopted",
    "Prepared",
    "Entity",
    "Reporting",
    "Follow-up",
    "DISCLAIMER",
    "Submission",
    "Submissions",
    "Contribution",
    "Introduction",
    "Overview",
    "Background",
    "Outlook",
    "Context",
    "Summary",
    "Conclusions",
    "Highlights",
    "Activities",
    "Observations",
    "Purpose",
    "Reports",
    "Interventions",
    "Annex",
    "Table",
    "Figure",
    "Source",
    "Sources",
    "See",
    "Member",
    "Members",
    "Partner",
    "Partners",
    "Year",
    "Private",
    "Reliable",
    "Infrastructure",
    "Connecting",
    "Consumers",
    "Satellites",
    "Throughout",
    "Towards",
    "Toward",
    "Upon",
    "Via",
    "Per",
    "Convened",
    "Hosted",
    "Organized",
    "Organised",
    "Co-organized",
    "Attended",
    "Chaired",
    "Framework",
    "Languages",
    "Meeting",
    "Time",
    # role words that open a table cell or a form field ("Observer", "Vice-Chair", "Co-founder")
    "Observer",
    "Observers",
    "Vice-Chair",
    "Vice-chair",
    "Co-Chair",
    "Co-chair",
    "Chairs",
    "Founder",
    "Co-founder",
    "Co-Founder",
    "Lead",
    "Co-lead",
    "Co-Lead",
    "Invited",
    "Associate",
    "Contributor",
    "Contributing",
    "Submitting",
    "Role",
    "Status",
    "Headquarters",
    "Position",
    "Membership",
    "Function",
    "Participation",
}
_VENUE_WORDS = {
    "headquarters",
    "hq",
    "office",
    "center",
    "centre",
    "hotel",
    "room",
    "hall",
    "palace",
    "palais",
    "tower",
    "building",
    "campus",
    "conference",
    "international",
    "convention",
    "exhibition",
    "house",
    "venue",
    "auditorium",
    "theatre",
    "theater",
    "stadium",
    "park",
    "des",
    "de",
    "la",
    "du",
    "congres",
    "congrès",
    "nations",
    "and",
    "the",
    "of",
    "un",
    "united",
    "arena",
    "complex",
    "village",
    "city",
}
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ary|ous|ed|ing|ian|ean|ern|ist|ific)$", re.I)
_ACRONYM_LIKE = re.compile(r"^[A-Za-z@.][A-Za-z0-9&.\-/@ ]{0,15}$")
_TITLE_RE = "|".join(sorted((re.escape(t) for t in TITLE_WORDS), key=len, reverse=True))
_PRONOUNS = {"it", "its", "they", "their", "them", "itself", "theirs", "he", "she", "his", "her"}
_GENERIC_RE = re.compile(
    r"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+(?P<same>same\s+)?"
    r"(?:(?:[a-z]+-[a-z]+|new|joint|regional|global|whole|entire|initial|interim|current)\s+)?"
    r"(?P<noun>"
    + "|".join(sorted((re.escape(n) for n in GENERIC_NOUNS), key=len, reverse=True))
    + r")\b(?P<poss>['’]s)?",
    re.IGNORECASE,
)
_COUNTED_RE = re.compile(
    r"\b(?P<det>[Bb]oth|[Tt]he\s+(?:same\s+)?(?P<num>two|three|four|five|six|seven|eight|nine|ten)"
    r"|[Aa]ll\s+(?P<num2>three|four|five|six))\s+(?:other\s+)?(?:UN\s+|United Nations\s+)?"
    r"(?P<noun>agencies|organi[sz]ations|partners|co-hosts|founders|co-founders|institutions|"
    r"entities|bodies|countries|governments|organizers|organisers|co-organizers|co-leads|"
    r"facilitators|secretariats|commissions|members)\b(?!\s+of\b)"
    r"|(?<!among )\b(?P<det2>[Tt]he|[Ii]ts|[Tt]heir)\s+(?:initial|founding|original|other|new|current)\s+"
    # "the founding partners are A and B", "Its founding members are:": a list they introduce
    r"(?P<noun2>funders|founders|partners|members|donors|co-founders|signatories)\b(?!\s+of\b)"
    r"(?!\s+(?:are|were|include|included|comprise|comprised)\b)"
)
_ACTION_LINE_TEXT = re.compile(
    r"\b(?:WSIS\s+)?[Aa]ction\s+[Ll]ines?(?:\s+C\d{1,2}\b(?:\s*(?:,|and|&)\s*C\d{1,2}\b)*)?"
    r"|\bC ?\d{1,2}(?:\.\d)?\b"
)
_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


@dataclass(frozen=True, slots=True)
class Slot:
    """One placeholder of a masked sentence.

    ``code`` is ``E`` (entity or reference to one), ``D`` (date) or ``V`` (event phrase).
    An ``E`` slot's ``keys`` are the entities it names (several for "both agencies");
    ``ref`` says it still needs resolving ("coalition", "it", "two"...). A ``V`` slot's
    ``keys`` are the bodies it is a session of; ``text`` keeps the phrase.
    """

    code: str
    span: Span
    keys: tuple[str, ...] = ()
    kind: EntityKind | None = None
    date: DateValue | None = None
    ref: str = ""
    count: int = 0
    text: str = ""
    ordinal: int = 0
    name: str = ""


@dataclass(slots=True)
class SentenceView:
    """A sentence with its mentions masked, ready for the grammar rules."""

    sentence: Sentence
    text: str
    masked: str
    slots: list[Slot]
    section: int
    kind: str
    heading: str = ""

    def slot(self, placeholder: str) -> Slot:
        """The slot of a placeholder such as ``⟪E3⟫``."""
        return self.slots[int(placeholder.strip("⟪⟫")[1:])]

    def keys(self, placeholder: str) -> tuple[str, ...]:
        return self.slot(placeholder).keys

    def placeholders(self, text: str, code: str = "E") -> list[Slot]:
        """The slots whose placeholders appear in ``text`` (a part of :attr:`masked`)."""
        return [self.slots[int(n)] for n in re.findall(rf"⟪{code}(\d+)⟫", text)]


@dataclass(slots=True)
class DocumentMentions:
    """All mentions of one document, with the entities they name."""

    document: Document
    sections: tuple[Section, ...]
    views: list[SentenceView]
    entities: dict[str, Entity]
    definitions: dict[str, str] = field(default_factory=dict)


# A stray markup or typing symbol between two words of a name ("O'Neil \\ Foundation").
_STRAY = re.compile(r" ?[\\*_~^`] ?")


def is_actor(kind: EntityKind | None) -> bool:
    """Whether an entity of this kind can take part in facts as an actor."""
    return kind in (
        EntityKind.ORGANIZATION,
        EntityKind.GROUP,
        EntityKind.BODY,
        EntityKind.COUNTRY,
        EntityKind.STAKEHOLDER,
    )


# --- acronym definitions ------------------------------------------------------------------


def _long_form(short: str, before: str) -> int | None:
    """Start (in ``before``) of the long form that ``short`` abbreviates (Schwartz & Hearst)."""
    letters = [c.lower() for c in re.sub(r"[\d\s\-–/]+$", "", short) if c.isalnum()]
    if len(letters) < 2 or not before.strip():
        return None
    words = before.split()
    window = min(len(letters) + 5, len(letters) * 2)
    candidate = " ".join(words[-window:])
    offset = len(before.rstrip()) - len(candidate)
    s_index = len(letters) - 1
    l_index = len(candidate) - 1
    while s_index >= 0:
        char = letters[s_index]
        while l_index >= 0 and (
            candidate[l_index].lower() != char or (s_index == 0 and l_index > 0 and candidate[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = candidate.rfind(" ", 0, l_index + 1) + 1
    long_form = candidate[start:]
    if (len(long_form) <= len(short) or (not long_form[:1].isupper() and not long_form[:1].isdigit())) and not (
        long_form[:1].islower() and long_form.split()[0] in ORDINALS
    ):
        return None
    return offset + start


def _truncated(before: str) -> bool:
    """Whether a long form starting after ``before`` would cut a name ("Food and [Agriculture ...]")."""
    return bool(
        re.search(r"(?<![\w])(?!(?:The|A|An|In|On|At|By|For|Of)\s)[A-Z][\w-]*\s+(?:and|of|for|&|de|la)?\s*$", before)
    )


_NAME_RUN = re.compile(r"(?:(?:[A-Z][\w'’-]*|of|for|and|the|on|in|de|du|des|la|le|&)\s+)*[A-Z][\w'’-]*\s*$")


def _permuted_long_form(short: str, before: str) -> int | None:
    """Start of the capitalised name that ends ``before`` when every letter of the acronym
    (three or more) is the initial of one of its words, in any order; None otherwise."""
    letters = [c for c in short if c.isupper()]
    if len(letters) < 3 or len(letters) != len(short.strip()):
        return None
    match = _NAME_RUN.search(before)
    if match is None:
        return None
    run = match.group(0)
    while run.split(maxsplit=1)[0] in ("of", "for", "and", "the", "on", "in", "de", "du", "des", "la", "le", "&"):
        run = run.split(maxsplit=1)[1] if len(run.split(maxsplit=1)) > 1 else ""
    words = re.findall(r"[A-Za-z]+", run)
    if len([w for w in words if w[0].isupper()]) < 3:
        return None
    initials = [w[0] for w in words if w[0].isupper()] + [c for w in words if w.isupper() for c in w[1:]]
    pool = list(initials)
    for letter in letters:
        if letter not in pool:
            return None
        pool.remove(letter)
    return len(before) - len(run)


@dataclass(frozen=True, slots=True)
class _Definition:
    long_span: Span
    short_span: Span
    span: Span
    long: str
    short: str


_PAREN = re.compile(r"\(([^()]{1,160})\)")
_HEAD_AFTER = re.compile(
    r"\s+(Group|Programme|Program|Initiative|Partnership|Project|Platform|Network|Alliance|"
    r"Coalition|Secretariat|Committee|Fund|Facility|Centre|Center|Forum)\b"
)


def _definitions(text: str, start: int, end: int) -> list[_Definition]:
    found: list[_Definition] = []
    for match in _PAREN.finditer(text, start, end):
        inner = match.group(1).strip()
        inner_start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        before = text[start : match.start()].rstrip()
        capitals = sum(c.isupper() for c in inner)
        if (
            _ACRONYM_LIKE.match(inner)
            and len(inner.split()) <= 2
            and (capitals >= 2 or (capitals == 1 and inner[0].isupper() and len(inner) <= 8))
        ):
            long_start = _long_form(inner, before)
            if long_start is None or _truncated(before[:long_start]):
                # "Technical Centre for Agricultural and Rural Cooperation ACP-EU (CTA)": an
                # acronym of the name in another language, its letters in another order
                long_start = _permuted_long_form(inner, before)
            if long_start is None:
                continue
            long_text = before[long_start:]
            if capitals < 2 and len(long_text.split()) < 3:
                continue
            letters_only = re.sub(r"[\s\d\-–/]+$", "", inner)
            if letters_only in long_text.split():
                continue  # "UNCTAD launched ... conference (UNCTAD 14)" defines nothing
            if _truncated(before[:long_start]):
                continue  # "Food and [Agriculture Organization ...] (AGORA)": a truncated name
            for lead in ("the ", "The "):
                if long_text.startswith(lead):
                    long_text = long_text[len(lead) :]
                    long_start += len(lead)
            absolute = start + long_start
            mention_end = match.end()
            head = _HEAD_AFTER.match(text, match.end(), end)
            if head:
                # "Sustainable Cycles (SCYCLE) Programme", "Least Developed Countries (LDC) Group"
                long_text = f"{long_text} {head.group(1)}"
                inner = f"{inner} {head.group(1)}"
                mention_end = head.end()
            found.append(
                _Definition(
                    Span(absolute, absolute + len(long_text)),
                    Span(inner_start, inner_start + len(inner)),
                    Span(absolute, mention_end),
                    long_text,
                    inner,
                )
            )
        elif len(inner.split()) >= 2 and inner[:1].isupper():
            # ACRONYM (Long Name): the acronym's letters must start the long name's words
            acronym_match = re.search(r"([A-Z][A-Za-z0-9\-]{1,14})\s*$", before)
            if not acronym_match:
                continue
            acronym = acronym_match.group(1)
            if sum(c.isupper() for c in acronym) < 2 and not re.fullmatch(r"[A-Z]\d{1,2}", acronym):
                continue  # "G20 (Group of Twenty)", "V20 (Vulnerable Twenty Group)" define too
            if re.fullmatch(r"C(?:1[01]|[1-9])", acronym):
                continue  # "C4 (Capacity building)": an action line and its title, not a name
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", inner) if w[0].isupper())
            letters = "".join(c for c in acronym if c.isupper())
            if not letters or not _subsequence(letters, initials):
                continue
            acronym_start = start + acronym_match.start(1)
            found.append(
                _Definition(
                    Span(inner_start, inner_start + len(inner)),
                    Span(acronym_start, acronym_start + len(acronym)),
                    Span(acronym_start, match.end()),
                    inner,
                    acronym,
                )
            )
    return found


def _inside_longer_name(text: str, tokens: Sequence[Token], index: int, namer: _Namer, key: str) -> bool:
    """A one-word name the document made up ("Treaty") inside a longer capitalised name
    ("Marrakesh Treaty Assembly") is part of that name, not a mention of its own."""
    entity = namer.entity(key)
    if entity.reference or entity.acronym or tokens[index].text.isupper():
        return False
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(tokens):
            low, high = sorted((neighbour, index))
            gap = text[tokens[low].end : tokens[high].start]
            if gap == " " and _is_cap(tokens[neighbour].text):
                return True
    return False


def _subsequence(letters: str, initials: str) -> bool:
    position = 0
    for char in letters:
        position = initials.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


# --- chunking of unknown names ------------------------------------------------------------


def _is_cap(word: str) -> bool:
    if not word:
        return False
    if word[0].isupper():
        return True
    return word[0].islower() and any(c.isupper() for c in word[1:])


def _place_follows(gaz: Gazetteer | None, text: str, tokens: Sequence[Token], index: int) -> bool:
    """Whether the tokens from ``index`` name a city or country ("... Institute in Helsinki")."""
    if gaz is None:
        return False
    for size in (3, 2, 1):
        if index + size > len(tokens):
            continue
        name = text[tokens[index].start : tokens[index + size - 1].end]
        key = gaz.lookup(name)
        if gaz.city(name) is not None or (key is not None and key.startswith("country/")):
            return True
    return False


def _chunks(
    text: str,
    tokens: Sequence[Token],
    covered: list[bool],
    sentence_start: int,
    gaz: Gazetteer | None = None,
) -> list[tuple[int, int]]:
    """Token ranges of capitalised names not covered by known names."""
    chunks: list[tuple[int, int]] = []
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        lower = token.text.lower()
        previous = tokens[index - 1].norm if index else ""
        if (
            covered[index]
            or not (_is_cap(token.text) or _dot_name(text, token))
            or (
                token.text in _STOP_CAPS
                and (
                    token.start == sentence_start
                    or text[sentence_start : token.start].strip() in ("", "-")
                    or text[sentence_start : token.start].rstrip().endswith("|")  # a table cell opens
                )
            )
            or lower in ORDINALS
            or lower in _NUMBER_WORDS
            or lower in _CALENDAR_WORDS
            or (lower in _GENERIC_WORDS and previous in _DETERMINERS and not _name_follows(tokens, index))
        ):
            index += 1
            continue
        end = index + 1
        in_complement = False
        while end < count and not covered[end]:
            gap = text[tokens[end - 1].end : tokens[end].start]
            word = tokens[end].text
            if gap == "-" and word[:1].isalnum():
                end += 1  # "E-waste", "el-Sheikh", "AUDA-NEPAD"
                continue
            if gap == ":" and word[:1].isupper() and tokens[end - 1].text[-1:].isupper():
                end += 1  # "CC:Learn"
                continue
            if gap not in (" ", "/", "–", " & ", "'", "’") and not _STRAY.fullmatch(gap):
                if gap == ", " and in_complement and _comma_list_continues(tokens, end, covered):
                    end += 1
                    continue
                break
            if word.lower() in _GENERIC_WORDS and tokens[end - 1].norm in _DETERMINERS:
                break
            if _is_cap(word) or (word.isdigit() and len(word) <= 4):
                end += 1
                continue
            if word.lower() in _CONNECTORS or word == "&":
                # a connector joins only when a capitalised word follows it
                look = end + 1
                while look < count and tokens[look].text.lower() in (
                    "the",
                    "de",
                    "la",
                    "des",
                    "du",
                ):
                    look += 1
                if (
                    look < count
                    and not covered[look]
                    and _is_cap(tokens[look].text)
                    and not (
                        tokens[look].norm in _GENERIC_WORDS
                        and tokens[look - 1].norm in _DETERMINERS
                        and not _name_follows(tokens, look)
                    )
                ):
                    lower = word.lower()
                    if (
                        lower == "and"
                        and not in_complement
                        and not (_ADJECTIVE_END.search(tokens[end - 1].text) and end - index == 1)
                        and not _and_joins_name(tokens, index, end, look, covered)
                    ):
                        break
                    if lower in ("in", "at") and _place_follows(gaz, text, tokens, look):
                        break
                    if lower == "with" and look > end + 1:
                        break  # "co-chairs the Coalition with the Government of X": a partner, not a name
                    if lower in ("of", "for", "on", "to", "with", "against"):
                        in_complement = True
                    end = look + 1
                    continue
            break
        # "eTrade for all", "Education for All": a frequent UN naming pattern
        if (
            end + 1 < count
            and not covered[end]
            and tokens[end].norm == "for"
            and (tokens[end + 1].norm == "all")
            and text[tokens[end - 1].end : tokens[end + 1].end].count(" ") == 2
        ):
            end += 2
        first = index
        if (
            index > 0
            and not covered[index - 1]
            and tokens[index - 1].text in ("e", "m")
            and text[tokens[index - 1].end : token.start] == "-"
        ):
            first = index - 1  # "the e-Employment Community of Practice": the prefix is the name's
        chunks.append((first, end))
        index = end
    return chunks


_NUMBER_WORDS = {
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
}
_DETERMINERS = {"the", "this", "that", "its", "their"}
_CAPITAL_HEADS = {"Forum", "Conference", "Summit", "Congress", "Symposium", "Assembly"}
_CALENDAR_WORDS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
#: acronyms of things, not actors
_THING_ACRONYMS = {
    "ICT",
    "ICTS",
    "AI",
    "SDG",
    "SDGS",
    "GDP",
    "IOT",
    "COVID",
    "CEO",
    "MOU",
    "ID",
    "TV",
    "IT",
    "R&D",
    "STI",
    "SME",
    "SMES",
    "LDCS",
    "SIDS",
    "LLDCS",
    "PPP",
    "API",
    "KPI",
    "FAQ",
    "PDF",
    "URL",
}
_GENERIC_WORDS = {noun.split()[-1] for noun in GENERIC_NOUNS} | {"programme"}


#: the fields UN bodies are named after, joined by "and" inside one name ("Trade and
#: Development Board", "Telecommunication and Information Council", "Science and Technology")
_DOMAIN_WORDS = frozenset(
    {
        "trade",
        "development",
        "information",
        "communication",
        "communications",
        "telecommunication",
        "telecommunications",
        "science",
        "technology",
        "culture",
        "education",
        "health",
        "environment",
        "agriculture",
        "food",
        "industry",
        "industrial",
        "labour",
        "labor",
        "employment",
        "finance",
        "financial",
        "economic",
        "social",
        "research",
        "innovation",
        "statistics",
        "statistical",
        "transport",
        "energy",
        "water",
        "security",
        "justice",
        "peace",
        "planning",
        "investment",
        "commerce",
        "tourism",
        "media",
        "youth",
        "sport",
        "sports",
        "gender",
        "women",
        "family",
        "housing",
        "urban",
        "rural",
        "digital",
        "data",
        "post",
        "postal",
        "broadcasting",
        "climate",
        "disaster",
        "migration",
        "population",
        "human",
        "rights",
        "legal",
        "policy",
        "training",
        "learning",
        "knowledge",
        "arts",
        "heritage",
        "fisheries",
        "forestry",
        "mining",
        "infrastructure",
        "cooperation",
        "integration",
        "governance",
        "administration",
        "regulation",
        "standards",
        "standardization",
        "engineering",
        "design",
        "welfare",
        "protection",
        "safety",
        "nutrition",
    }
)
_SINGULAR_HEADS = frozenset(h for h in GROUP_HEADS | BODY_HEADS | ACTOR_HEADS if not h.endswith("s"))


def _and_joins_name(tokens: Sequence[Token], first: int, end: int, look: int, covered: list[bool]) -> bool:
    """ "Arab Telecommunication and Information Council of Ministers": "and" inside one
    body's name, where only the words after it end in a head noun."""
    if any(token.norm in _SINGULAR_HEADS for token in tokens[first:end]):
        return False  # "the ITU Council and UNESCO Board" are two bodies
    if tokens[end - 1].norm not in _DOMAIN_WORDS:
        return False  # "Microsoft and Koç Holding" are two names
    head = -1  # the last capitalised word before a complement ("Council" of "... Council of Ministers")
    position = look
    while position < len(tokens) and not covered[position] and _is_cap(tokens[position].text):
        head = position
        position += 1
    return head >= 0 and (
        tokens[head].norm in _SINGULAR_HEADS or tokens[head].norm.removesuffix("s") in _SINGULAR_HEADS
    )


def _name_follows(tokens: Sequence[Token], index: int) -> bool:
    """ "the Partnership on Measuring ICT" is a name; "the Partnership presented" is not."""
    return index + 2 < len(tokens) and tokens[index + 1].norm in ("of", "for", "on") and _is_cap(tokens[index + 2].text)


def _dot_name(text: str, token: Token) -> bool:
    """ "the .post Group": a name that starts with a dot, like a top-level domain."""
    start = token.start
    return start >= 1 and text[start - 1] == "." and (start < 2 or text[start - 2].isspace()) and token.text.isalpha()


def _comma_list_continues(tokens: Sequence[Token], position: int, covered: list[bool]) -> bool:
    """After "Ministry of Information, ..." : is this comma inside a list of the name's nouns?"""
    look = position
    seen_cap = False
    while look < len(tokens) and not covered[look]:
        word = tokens[look].text
        if word.lower() in ("and", "&"):
            return seen_cap and look + 1 < len(tokens) and _is_cap(tokens[look + 1].text)
        if not _is_cap(word):
            return False
        seen_cap = True
        look += 1
    return False


# --- the document pass --------------------------------------------------------------------


class _Namer:
    """Creates and remembers the entities a document names."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.entities: dict[str, Entity] = {}
        self.overlay = Gazetteer()
        self.acronym_of: dict[str, str] = {}
        self.typed: dict[tuple[str, ...], tuple[EntityKind, str]] = {}

    def entity(self, key: str) -> Entity:
        return self.entities.get(key) or self.gaz.entities[key]

    def known(self, key: str) -> bool:
        return key in self.entities or key in self.gaz.entities

    def define(self, long: str, short: str) -> str:
        """Register an acronym definition and return the entity key."""
        gaz = self.gaz
        long_key = self.overlay.lookup(long) or gaz.lookup(long) or gaz.fuzzy(long)
        short_key = self.overlay.lookup(short) or (gaz.lookup(short) if short not in gaz.ambiguous_acronyms else None)
        if long_key and short_key and long_key != short_key:
            # the text says what the acronym means here ("ICC" for the Chamber of Commerce)
            short_key = None
        if (
            long_key is None
            and short_key
            and not self.overlay.lookup(short)
            and not _names_agree(gaz.entities[short_key], long)
        ):
            # "the Digital Resilience Coalition (DRC)" is not the Democratic Republic of the
            # Congo: a definition sharing no word with the known entity's names wins
            short_key = None
        key = long_key or short_key
        head = head_noun(long)
        if key is None:
            has_digit = any(c.isdigit() for c in short)
            kind = _kind_of_name(long, head)
            if kind is EntityKind.OTHER and head not in _DOCUMENT_HEADS:
                kind = EntityKind.ORGANIZATION  # an acronym for a framework or platform names a body
            if (has_digit and head not in GROUP_HEADS) or head in (
                "summit",
                "symposium",
                "week",
                "workshop",
                "meeting",
                "session",
                "expo",
                "festival",
                "hackathon",
                "webinar",
            ):
                kind = EntityKind.EVENT
            conflict = gaz.lookup(short) is not None or short in gaz.ambiguous_acronyms
            name = long if conflict else short
            # minted from the long form, so another document naming it in full finds it
            key = entity_key(kind, long)
            self.entities[key] = Entity(
                key=key,
                name=name,
                kind=kind,
                full_name=long,
                acronym=short,
                head=head,
                aliases=(long,) if name != long else (short,),
            )
        entity = self.entity(key)
        event_code = any(c.isdigit() for c in short) and entity.kind is EntityKind.EVENT
        self.overlay.add(entity, [short], priority=5)
        if not event_code:
            self.overlay.add(entity, [long], priority=5, exact_case=True)
        self.acronym_of[short] = key
        return key

    def place(self, name: str) -> str:
        """The key of a city named in the text (its name as written)."""
        display = self.gaz.city(name) or name
        key = f"place/{slug(display)}"
        if key not in self.entities:
            self.entities[key] = Entity(key=key, name=name, kind=EntityKind.PLACE, full_name=display)
        return key

    def alias(self, key: str, name: str) -> None:
        self.overlay.add(self.entity(key), [name], priority=6, exact_case=name[:1].isupper())

    def new(self, name: str, kind: EntityKind, *, head: str = "", parent: str = "") -> str:
        existing = self.overlay.lookup(name)
        if existing:
            return existing
        typed = self.typed.get(name_key(name))
        if typed is not None and kind in (EntityKind.OTHER, EntityKind.ORGANIZATION):
            kind, head = typed
        key = entity_key(kind, name)
        if key not in self.entities:
            self.entities[key] = Entity(
                key=key,
                name=name,
                kind=kind,
                full_name=name,
                head=head or head_noun(name),
                parent=parent,
            )
            self.overlay.add(self.entities[key], [name], priority=4, exact_case=True)
        return key


_NAME_FILLERS = frozenset({"of", "the", "and", "for", "on", "in", "to", "un", "de", "la", "des", "du", "et"})


def _names_agree(entity: Entity, long: str) -> bool:
    """Whether a long form shares a content word with any name of ``entity``."""
    words = set(name_key(long)) - _NAME_FILLERS
    return any(
        words & (set(name_key(name)) - _NAME_FILLERS) for name in (entity.full_name, entity.name, *entity.aliases)
    )


def entity_key(kind: EntityKind, name: str) -> str:
    """The key (and so the IRI) of an entity the text names, the same in every document for
    the variants of one name ("the UN Data Network", "United Nations data network").

    >>> entity_key(EntityKind.GROUP, "the United Nations Digital Skills Programme")
    'org/un-digital-skills-program'
    >>> entity_key(EntityKind.ORGANIZATION, "Small Islands Organisation")
    'org/small-islands-organization'
    """
    return f"{_prefix(kind)}/{slug(' '.join(name_key(name)) or name)}"


def _prefix(kind: EntityKind) -> str:
    return {
        EntityKind.EVENT: "event",
        EntityKind.PLACE: "place",
        EntityKind.COUNTRY: "country",
        EntityKind.STAKEHOLDER: "stakeholder",
        EntityKind.PERSON_ROLE: "person",
        EntityKind.OTHER: "thing",
    }.get(kind, "org")


def _kind_of_name(name: str, head: str) -> EntityKind:
    lowered = name.lower().replace("-", " ")
    if any(lowered == title or lowered.startswith(title + " ") for title in _TITLES_SPACED):
        return EntityKind.PERSON_ROLE
    if re.match(r"(?:the\s+)?(?:programme|program|plan|platform|agenda|framework)\s+(?:of|for)\s+action\b", lowered):
        return EntityKind.OTHER  # "the Programme of Action of the ICPD", "the Beijing Platform for Action": texts
    if head in GROUP_HEADS:
        if (
            head == "group"
            and not re.search(r"\bGroup\s+(?:of|on|for)\b", name)
            and not re.search(
                r"\b(?:Working|Expert|Advisory|Contact|Steering|Coordination|Management|Reference|"
                r"Task|Focus|Interest|Study|Friends|Core|Consultative|Regional|Country)\s+Group\b",
                name,
            )
            and not name.startswith(".")
        ):
            return EntityKind.ORGANIZATION
        return EntityKind.GROUP
    if head in BODY_HEADS or head in ("forum",):
        return EntityKind.BODY
    if EVENT_HEAD_RE.match(head or "") or head in ("summit", "symposium", "week", "eweek"):
        return EntityKind.EVENT
    if head in NON_ACTOR_HEADS or name.lower() in NON_ACTOR_HEADS:
        return EntityKind.OTHER
    if re.fullmatch(r"[A-Z]{2,8}[- ]?\d{1,4}", name):
        return EntityKind.EVENT  # "COP26", "WRC-23", "CSW67": a numbered session
    if re.search(r"\d", name) and not re.search(r"[A-Za-z]{3}", name.split()[0]):
        return EntityKind.OTHER
    return EntityKind.ORGANIZATION


def _city_in(gaz: Gazetteer, text: str, tokens: Sequence[Token], first: int, last: int) -> Span | None:
    """The span of a city named inside a venue phrase ("its Paris Headquarters")."""
    for size in range(min(4, last - first), 0, -1):
        for begin in range(first, last - size + 1):
            words = tokens[begin : begin + size]
            name = text[words[0].start : words[-1].end]
            city = gaz.city(name)
            if city is None or not words[0].text[0].isupper():
                continue
            if size == 1 and len(name) > 1 and name.isupper() and not city.isupper():
                continue  # "SIM card", "ICT": an acronym, not the town "Sim" or "Ict"
            others = [t.norm for t in tokens[first:begin]] + [t.norm for t in tokens[begin + size : last]]
            if all(word in _VENUE_WORDS or word.isdigit() for word in others) or not others:
                return Span(words[0].start, words[-1].end)
    return None


def find_mentions(
    document: Document, sections: tuple[Section, ...], sentences: tuple[Sentence, ...]
) -> DocumentMentions:
    """Find and mask the mentions of every sentence of ``document``."""
    gaz = gazetteer()
    namer = _Namer(gaz)
    text = document.text
    lowered_words = set(re.findall(r"\b[a-z][a-z\-]+\b", text))
    capitalised_inside = {m.group(1) for m in re.finditer(r"[a-z,;] ([A-Z][\w\-]+)", text)}
    # pass 1: acronym definitions anywhere in the document
    per_sentence_defs: dict[int, list[_Definition]] = {}
    for sentence in sentences:
        definitions = _definitions(text, sentence.span.start, sentence.span.end)
        per_sentence_defs[sentence.index] = definitions
        for definition in definitions:
            namer.define(definition.long, definition.short)
        _appositive_aliases(text, sentence, namer)
    _type_by_apposition(text, namer)
    years = _document_years(document)
    views: list[SentenceView] = []
    reporting_year: int | None = years[0] if years else None
    last_year = reporting_year
    heading_years = _heading_years(text, sections)
    section_years: dict[int, int] = {}  # the last year a section's own sentences gave
    for sentence in sentences:
        block = document.blocks[sentence.block]
        view = _view(
            document,
            sentence,
            namer,
            per_sentence_defs[sentence.index],
            lowered_words,
            _context_year(sentence.section, sections, heading_years, section_years, reporting_year, last_year),
            capitalised_inside,
            reporting_year,
        )
        section = sections[sentence.section]
        view.heading = text[section.heading.start : section.heading.end] if section.heading else ""
        view.kind = block.kind.value
        views.append(view)
        future = _FUTURE.search(view.text) is not None  # "planned for 2025": no year of what is reported
        for slot in view.slots:
            if slot.code == "D" and slot.date is not None and block.kind is not BlockKind.TABLE_ROW and not future:
                last_year = int(slot.date.value[:4])
                if block.kind is not BlockKind.HEADING:
                    section_years[sentence.section] = last_year
    entities = dict(namer.entities)
    for view in views:
        for slot in view.slots:
            for key in slot.keys:
                if key not in entities and key in gaz.entities:
                    entities[key] = gaz.entities[key]
    return DocumentMentions(document, sections, views, entities, dict(namer.acronym_of))


_FUTURE = re.compile(
    r"\b(?:will|shall|planned\s+for|scheduled\s+for|expected\s+(?:in|to)|plans?\s+to|next\s+(?:year|edition|session)|"
    r"upcoming|forthcoming)\b",
    re.IGNORECASE,
)


def _heading_years(text: str, sections: tuple[Section, ...]) -> dict[int, int]:
    """The year each section's heading names ("Training in 2019", "Activities in FY2020")."""
    years: dict[int, int] = {}
    for section in sections:
        if section.heading is None:
            continue
        found = find_dates(text, section.heading.start, section.heading.end)
        if found:
            years[section.index] = int(found[-1].date.value[:4])
    return years


def _context_year(
    section: int,
    sections: tuple[Section, ...],
    heading_years: dict[int, int],
    section_years: dict[int, int],
    reporting_year: int | None,
    last_year: int | None,
) -> int | None:
    """The year a date without one ("in December") takes: its section heading's, else the
    last year its section's text gave, else an enclosing heading's, else the reporting year,
    else the last year read anywhere before."""
    if section in heading_years:
        return heading_years[section]
    if section in section_years:
        return section_years[section]
    parent = sections[section].parent if section < len(sections) else None
    while parent is not None:
        if parent in heading_years:
            return heading_years[parent]
        parent = sections[parent].parent
    return reporting_year or last_year


def _document_years(document: Document) -> list[int]:
    match = re.search(r"\befforts in (\d{4})\b|\bprogress made in (\d{4})\b|\bin (\d{4})\b", document.text[:3000])
    if match:
        return [int(next(g for g in match.groups() if g))]
    return []


_TITLES_SPACED = tuple(title.replace("-", " ") for title in TITLE_WORDS)
_TYPING_APPOSITION = re.compile(
    r"(?P<name>(?:[A-Z@.]|[a-z](?=[A-Z]))[\w@.\-]*(?:\s+(?:[A-Z][\w\-]*|for|of|on|all|the|and))*)\)?"
    r"(?:,\s+|\s+(?:is|was|has\s+been|remains)\s+)(?:the|an?)\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<noun>mechanism|initiative|partnership|coalition|alliance|network|"
    r"platform|consortium|programme|program|group|forum|facility|fund)\b(?!['’]s)"
)


def _type_by_apposition(text: str, namer: _Namer) -> None:
    """ "eLAC, the regional policy mechanism", "Giga, the initiative": such names are groups."""
    for match in _TYPING_APPOSITION.finditer(text):
        if _in_a_list(text, match.start("name"), match.end()):
            continue
        name = match.group("name")
        key = namer.overlay.lookup(name) or namer.gaz.lookup(name)
        if key is None:
            short = re.search(r"\(([^()]+)$", text[: match.end("name")])
            if short:
                key = namer.overlay.lookup(short.group(1))
        noun = match.group("noun")
        if noun == "platform" and re.search(
            r"\b(?:online|web|web-based|digital|e-learning|learning|data|knowledge|software|mobile|internet|"
            r"open-source|open|geospatial|information|mapping|monitoring|reporting|technology|technical)\s",
            match.group(0),
            re.IGNORECASE,
        ):
            continue  # "the Human Health Campus, an online platform": a website, not a body with members
        kind = EntityKind.BODY if noun in ("forum",) else EntityKind.GROUP
        if noun in ("facility", "fund", "programme", "program"):
            kind = EntityKind.ORGANIZATION
        if key is None or key not in namer.entities:
            # a name the text has not defined yet: type it when it is first met
            namer.typed.setdefault(name_key(name), (kind, noun))
            continue
        entity = namer.entities[key]
        if entity.kind in (EntityKind.OTHER, EntityKind.ORGANIZATION):
            namer.entities[key] = replace(entity, kind=kind, head=entity.head if kind is not EntityKind.GROUP else noun)


_APPOSITIVE = re.compile(
    r"(?P<short>\b[A-Z][A-Za-z0-9\-]{1,15})\s*,\s+the\s+(?P<long>[A-Z][\w\-]*"
    r"(?:\s+(?:[A-Z][\w\-]*|of|for|on|in|the|and))*\s+[A-Z][\w\-]*)\s*[,;.]"
)


def _in_a_list(text: str, start: int, end: int) -> bool:
    """Whether "A, the B" at ``start:end`` is two items of a list ("..., A, the B, the C and
    the D") rather than a name and its apposition."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 40]
    listed_before = re.search(r"(?:,|\band|\bare|\binclude|:)\s+(?:the\s+)?$", before) is not None and re.search(
        r"[A-Z][\w-]*(?:\s+[\w-]+){0,6},\s+(?:the\s+)?$", before
    )
    listed_after = re.match(r"\s*,\s+(?:and\s+)?(?:the\s+)?[A-Z⟪]|\s+and\s+(?:the\s+)?[A-Z]", after) is not None
    return bool(listed_before) or listed_after


def _appositive_aliases(text: str, sentence: Sentence, namer: _Namer) -> None:
    """ "EQUALS, the Global Partnership for Gender Equality in the Digital Age," -> an alias."""
    for match in _APPOSITIVE.finditer(text, sentence.span.start, sentence.span.end):
        short, long = match.group("short"), match.group("long")
        if len(long.split()) < 3 or short in _STOP_CAPS:
            continue
        if re.search(r"[A-Z][\w-]*\s+$", text[sentence.span.start : match.start("short")]):
            continue  # "Safaricom PLC, the Ministry ...": the last word of a longer name
        if _in_a_list(text, match.start("short"), match.end("long")):
            continue
        key = namer.overlay.lookup(short) or namer.gaz.lookup(short)
        long_key = namer.overlay.lookup(long) or namer.gaz.lookup(long)
        if key and long_key and key != long_key:
            continue
        if key is None and long_key is None:
            head = head_noun(long)
            if head not in GROUP_HEADS and head not in ACTOR_HEADS:
                continue
            key = namer.new(short, _kind_of_name(long, head), head=head)
            namer.alias(key, long)
        elif key is None:
            assert long_key is not None
            namer.alias(long_key, short)
        else:
            known = namer.entity(key)
            known_head = (known.head or head_noun(known.full_name or known.name)) if known else ""
            long_head = head_noun(long)
            if known_head and long_head and known_head != long_head and known_head in ACTOR_HEADS | GROUP_HEADS:
                continue  # "leads, with UNDP, the Digital Public Goods Alliance": two bodies
            namer.alias(key, long)


_GOVERNING_BODY_AFTER = re.compile(
    r" (Conference|General Conference|Council|Executive Council|Executive Board|Governing Body|Governing Council|"
    r"Governing Board|General Assembly|Assembly|Congress|Board of Governors|Board of Directors)\b"
)
# "the ITU Council Working Group", "the WHO Assembly Hall": the noun opens a longer name
_NAME_FOLLOWS_BODY = re.compile(r" (?:[A-Z][a-z]+|of\b|on\b|for\b)")


def _view(
    document: Document,
    sentence: Sentence,
    namer: _Namer,
    definitions: list[_Definition],
    lowered_words: set[str],
    default_year: int | None,
    capitalised_inside: set[str],
    reporting_year: int | None = None,
) -> SentenceView:
    text = document.text
    start, end = sentence.span.start, sentence.span.end
    gaz = namer.gaz
    tokens = tokenize(text, start, end)
    slots: list[Slot] = []
    covered = [False] * len(tokens)

    def cover(span: Span) -> None:
        for number, token in enumerate(tokens):
            if span.start <= token.start and token.end <= span.end:
                covered[number] = True

    def add_entity(span: Span, key: str, *, name_text: str = "") -> None:
        entity = namer.entity(key)
        slots.append(Slot("E", span, (key,), entity.kind, text=name_text or text[span.start : span.end]))
        cover(span)

    # cities named with several words ("Mexico City", "Addis Ababa") before country names
    for first in range(len(tokens)):
        if covered[first] or not tokens[first].text[:1].isupper():
            continue
        for size in (4, 3, 2):
            last = first + size
            if last > len(tokens) or any(covered[first:last]):
                continue
            span = Span(tokens[first].start, tokens[last - 1].end)
            name = text[span.start : span.end]
            if not tokens[last - 1].text[:1].isupper() or gaz.city(name) is None or (gaz.lookup(name) is not None):
                continue
            if (
                last < len(tokens)
                and tokens[last].text[:1].isupper()
                and (tokens[last].start - tokens[last - 1].end == 1)
            ):
                continue  # part of a longer name
            if (
                first >= 2
                and tokens[first - 1].norm == "of"
                and tokens[first - 2].norm in _SINGULAR_HEADS | {"city", "port"}
            ):
                continue  # "the University of Cape Town": a body's name
            slots.append(Slot("E", span, (namer.place(name),), EntityKind.PLACE, text=name))
            cover(span)
            break
    # definitions: "Long Name (ACR)" is one mention
    for definition in definitions:
        key = namer.overlay.lookup(definition.short) or namer.acronym_of.get(definition.short)
        if key is None:
            continue
        span = definition.span
        # "Secretariat of the Basel, Rotterdam and Stockholm Conventions (BRS)", "Office of the
        # United Nations High Commissioner for Refugees (UNHCR)": the known name the long form
        # ends, with the words before it
        opening = next((n for n, t in enumerate(tokens) if t.start == definition.long_span.start), None)
        for back in range(1, 5):
            if opening is None or opening - back < 0 or covered[opening - back]:
                break
            wider = text[tokens[opening - back].start : definition.long_span.end]
            if (namer.overlay.lookup(wider) or gaz.lookup(wider)) == key:
                span = Span(tokens[opening - back].start, span.end)
        after = re.match(r"\s+(?:programme|initiative|project|platform)\b", text[span.end : end])
        if after:
            span = Span(span.start, span.end + after.end())
        if any(covered[i] for i, t in enumerate(tokens) if span.start <= t.start < span.end):
            continue
        add_entity(span, key)
    # known names, the longest first; the document's own definitions win ties
    candidates: list[tuple[int, int, int, str]] = []
    for rank, source in enumerate((namer.overlay, gaz)):
        for first, last, key in source.match(text, tokens):
            if rank == 0 and last - first == 1 and _inside_longer_name(text, tokens, first, namer, key):
                continue
            candidates.append((first, last, rank, key))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    for first, last, rank, key in candidates:
        if any(covered[first:last]):
            continue
        span = Span(tokens[first].start, tokens[last - 1].end)
        if (
            rank == 0
            and text[span.start : span.end].lower() in GENERIC_NOUNS
            and re.search(r"\b(?:the|its|their)\s+$", text[max(start, span.start - 7) : span.start], re.IGNORECASE)
            and not re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[span.end : span.end + 40])
        ):
            continue  # "the Steering Committee" after "the AP-IS Steering Committee": a reference, resolved later
        if (
            key.startswith("stakeholder/")
            and first > 0
            and _is_cap(tokens[first].text)
            and (
                tokens[first - 1].end == tokens[first].start - 1
                and _is_cap(tokens[first - 1].text)
                and tokens[first - 1].text not in _STOP_CAPS
            )
        ):
            continue  # "Cabinet Secretary" is no stakeholder group
        if (
            key.startswith("stakeholder/")
            and first >= 2
            and tokens[first - 1].norm in ("of", "for")
            and tokens[first - 2].norm in _SINGULAR_HEADS
            and _is_cap(tokens[first - 2].text)
            and _is_cap(tokens[first].text)
        ):
            continue  # "Council of Ministers", "Network of Young Professionals": a body's name
        if key.startswith("stakeholder/") and _opens_longer_name(text, tokens, first, last, covered):
            continue  # "the Youth Coding Alliance", "Private Sector Advisory Group": a body's name
        if key.endswith("/un-secretary-general") and _not_un_secretary_general(text, span, start):
            continue
        if text[span.start : span.end].islower() and (
            text[max(start, span.start - 1) : span.start] == "-" or text[span.end : span.end + 1] == "-"
        ):
            continue  # "agro-industry", "e-government": a compound word, no stakeholder group
        add_entity(span, key)
    for match in _ACTION_LINE_TEXT.finditer(text, start, end):
        cover(Span(match.start(), match.end()))
    # "the FAO Conference", "the ITU Council", "the WHO Executive Board": an agency's governing
    # body, named by the agency and the body's capitalised noun, is a body of its own
    for number, slot in enumerate(slots):
        if slot.code != "E" or slot.kind is not EntityKind.ORGANIZATION or slot.ref or len(slot.keys) != 1:
            continue
        follow = _GOVERNING_BODY_AFTER.match(text, slot.span.end, end)
        if follow is None or _NAME_FOLLOWS_BODY.match(text, follow.end(), end):
            continue
        owner = namer.entity(slot.keys[0])
        body_name = f"{owner.name} {follow.group(1)}"
        key = namer.gaz.lookup(body_name) or namer.new(
            body_name, EntityKind.BODY, head=follow.group(1).split()[-1].lower(), parent=owner.key
        )
        span = Span(slot.span.start, follow.end())
        slots[number] = Slot("E", span, (key,), EntityKind.BODY, text=text[span.start : span.end])
        cover(span)
    # "the EMG Secretariat" is a body of its own; "the UNCTAD secretariat" is UNCTAD
    for number, slot in enumerate(slots):
        follow = re.match(r"\s+Secretariat\b", text[slot.span.end : end])
        if follow and slot.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.BODY):
            owner = namer.entity(slot.keys[0])
            key = namer.new(
                f"{owner.name} Secretariat",
                EntityKind.ORGANIZATION,
                head="secretariat",
                parent=owner.key,
            )
            span = Span(slot.span.start, slot.span.end + follow.end())
            slots[number] = Slot("E", span, (key,), EntityKind.ORGANIZATION, text=text[span.start : span.end])
            cover(span)
    # dates
    for mention in find_dates(text, start, end, default_year=default_year, reporting_year=reporting_year):
        if any(covered[i] for i, t in enumerate(tokens) if mention.span.start <= t.start < mention.span.end):
            continue
        slots.append(
            Slot(
                "D",
                mention.span,
                date=mention.date,
                text=text[mention.span.start : mention.span.end],
            )
        )
        cover(mention.span)
    # a name that opens with a figure, before a group noun: "the 50-in-5 campaign", "the 1-in-3 initiative"
    for match in _FIGURE_NAME.finditer(text, start, end):
        span = Span(match.start(1), match.end(1))
        if any(covered[i] for i, t in enumerate(tokens) if span.start <= t.start < span.end):
            continue
        noun = match.group(2).lower()
        key = namer.new(match.group(1), EntityKind.GROUP, head=noun)
        namer.alias(key, f"{match.group(1)} {noun}")
        add_entity(span, key)
    # unknown capitalised names; a line in capitals ("I.   CONTEXT", "ACTION LINE C4 - CAPACITY
    # BUILDING") gives none: its words are capitalised for the layout, not as names
    if not _all_capitals(text[start:end], lowered_words):
        for first, last in _chunks(text, tokens, covered, start, gaz):
            _classify_chunk(text, tokens, first, last, namer, slots, cover, lowered_words, start, capitalised_inside)
    slots.sort(key=lambda slot: slot.span.start)
    _typed_by_a_following_noun(text, slots, namer, end)
    slots = _places_among_actors(text, slots, namer)
    slots = _compounds(text, slots, namer)
    slots = _governing_body_of(text, slots, namer)
    masked, slots = _mask(text, start, end, slots)
    masked, slots = _collapse(masked, slots, namer)
    masked, slots = _cited_sources(masked, slots)
    masked, slots = _references(masked, slots)
    masked, slots = _officials_of(masked, slots)
    masked, slots = _events(masked, slots, namer)
    masked = _fold_group_nouns(masked, slots, namer)
    return SentenceView(sentence, text[start:end], masked, slots, sentence.section, "")


def _governing_body_of(text: str, slots: list[Slot], namer: _Namer) -> list[Slot]:
    """ "the Governing Body of the International Labour Office", "the Executive Board of UNICEF":
    the agency's governing body, one mention of a body of its own."""
    merged: list[Slot] = []
    skip: set[int] = set()
    for number, slot in enumerate(slots):
        if number in skip:
            continue
        bare = re.sub(r"^(?:the|The)\s+", "", slot.text)
        owner_slot = slots[number + 1] if number + 1 < len(slots) else None
        if (
            slot.code == "E"
            and not slot.ref
            and _GOVERNING_BODY_AFTER.fullmatch(f" {bare}")
            and owner_slot is not None
            and owner_slot.code == "E"
            and owner_slot.kind is EntityKind.ORGANIZATION
            and not owner_slot.ref
            and len(owner_slot.keys) == 1
            and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[slot.span.end : owner_slot.span.start])
        ):
            owner = namer.entity(owner_slot.keys[0])
            span = Span(slot.span.start, owner_slot.span.end)
            name = f"{owner.name} {bare}"
            # a body the reference data knows ("the General Assembly of the United Nations") is itself
            key = (
                namer.gaz.lookup(text[span.start : span.end])
                or namer.gaz.lookup(name)
                or namer.new(name, EntityKind.BODY, head=bare.split()[-1].lower(), parent=owner.key)
            )
            merged.append(Slot("E", span, (key,), EntityKind.BODY, text=text[span.start : span.end]))
            skip.add(number + 1)
            continue
        merged.append(slot)
    return merged


_FOLLOWING_GROUP_NOUN = re.compile(
    r"(⟪E(\d+)⟫)\s+(?:initiative|partnership|coalition|alliance|network|consortium|compact|"
    r"campaign|collaborative|platform|programme|program)\b"
    # only where the group is what the clause goes on about ("..., whose partners are",
    # "... is led by"), not inside a list or an opening phrase ("through its X initiative, A ...")
    r"(?=\s*,\s*(?:whose|which|that|in\s+which|of\s+which|led|co-led|launched|founded|set\s+up|created|comprising|"
    r"including|bringing)\b|\s+(?:whose|which|that|is|are|was|were|has|have|had|comprises|brings|includes|counts|"
    r"unites|now)\b|\s*[.;]|\s*$)"
)


def _fold_group_nouns(masked: str, slots: list[Slot], namer: _Namer) -> str:
    """ "the Giga initiative", "the EQUALS partnership": the common noun is part of the
    group's mention, so that "⟪E1⟫, whose partners are ..." reads as it does with a name."""

    def fold(match: re.Match[str]) -> str:
        slot = slots[int(match.group(2))]
        entity = namer.entities.get(slot.keys[0]) if slot.code == "E" and slot.keys and not slot.ref else None
        if entity is not None and entity.kind is EntityKind.GROUP:
            return match.group(1)
        return match.group(0)

    return _FOLLOWING_GROUP_NOUN.sub(fold, masked)


_FIGURE_NAME = re.compile(
    r"(?<![\w-])(\d+(?:-[A-Za-z]+)+-\d+)\s+"
    r"(campaign|initiative|coalition|alliance|partnership|network|compact|challenge|consortium)\b"
)


def _all_capitals(line: str, lowered_words: set[str]) -> bool:
    """Whether a short line is written in capitals throughout: two words of letters or more,
    or one common word ("CONTEXT", "OUTLOOK") that the document also writes in lower case."""
    words = re.findall(r"[^\W\d_]{2,}", line)
    if len(line) > 160 or not words or not all(word.isupper() for word in words):
        return False
    if len(words) >= 2:
        return True
    word = words[0]
    return len(word) >= 4 and (word.lower() in lowered_words or word.capitalize() in _STOP_CAPS)


def _opens_longer_name(text: str, tokens: Sequence[Token], first: int, last: int, covered: list[bool]) -> bool:
    """Whether the capitalised words at ``first:last`` open a longer name that ends in a
    body's head noun ("Youth" in "Youth Coding Alliance")."""
    if not _is_cap(tokens[first].text):
        return False
    end = last
    while end < len(tokens) and not covered[end] and text[tokens[end - 1].end : tokens[end].start] == " ":
        word = tokens[end].text
        if not (_is_cap(word) or (word.lower() in ("of", "for", "on") and end + 1 < len(tokens))):
            break
        end += 1
    while end > last and not _is_cap(tokens[end - 1].text):
        end -= 1
    if end == last:
        return False
    # a singular head names one body; "Youth Organizations" stays a stakeholder group
    heads = {head for head in GROUP_HEADS | BODY_HEADS | ACTOR_HEADS if not head.endswith("s")}
    return head_noun(text[tokens[first].start : tokens[end - 1].end]) in heads


def _not_un_secretary_general(text: str, span: Span, floor: int) -> bool:
    before = text[max(floor, span.start - 30) : span.start]
    after = text[span.end : span.end + 40]
    if re.search(r"(?:Deputy|Assistant|Under|Executive)[\s-]*$", before):
        return True
    if re.search(r"(?:ITU|UPU|WMO|WIPO|OECD|[A-Z]{2,6})['’]s\s+$|\b(?:its|their|his|her)\s+$", before):
        return True
    return bool(re.match(r"\s+of\s+(?:the\s+)?(?!United Nations|UN\b)[A-Z]", after))


_ACTOR_VERBS = {
    "joined",
    "joins",
    "signed",
    "signs",
    "launched",
    "launches",
    "provided",
    "provides",
    "pledged",
    "pledges",
    "announced",
    "became",
    "becomes",
    "partnered",
    "partners",
    "hosted",
    "hosts",
    "organized",
    "organised",
    "convened",
    "chaired",
    "co-chaired",
    "led",
    "leads",
    "supported",
    "supports",
    "funded",
    "funds",
    "financed",
    "contributed",
    "contributes",
    "developed",
    "develops",
    "published",
    "released",
    "created",
    "established",
    "founded",
    "entered",
    "concluded",
    "teamed",
    "agreed",
    "committed",
    "donated",
    "sponsored",
    "co-founded",
    "co-leads",
    "co-led",
    "attended",
    "participated",
    "presented",
    "reported",
    "opened",
}


def _actor_verb_follows(tokens: Sequence[Token], position: int) -> bool:
    """ "Microsoft later joined ...": a single capitalised word opening a sentence is a name
    when an actor's verb follows it (common words rarely open a sentence that way)."""
    look = position
    if look < len(tokens) and tokens[look].norm in (
        "also",
        "later",
        "then",
        "recently",
        "subsequently",
        "has",
        "had",
        "have",
        "itself",
        "formally",
    ):
        look += 1
    return look < len(tokens) and tokens[look].norm in _ACTOR_VERBS


def _classify_chunk(
    text: str,
    tokens: Sequence[Token],
    first: int,
    last: int,
    namer: _Namer,
    slots: list[Slot],
    cover: object,
    lowered_words: set[str],
    sentence_start: int,
    capitalised_inside: set[str],
) -> None:
    gaz = namer.gaz
    # drop a leading sentence-initial common word ("Private partners", "Reliable statistics")
    while first < last:
        word = tokens[first].text
        before = text[sentence_start : tokens[first].start].rstrip()
        at_start = (
            before in ("", "-")
            or before.endswith(('"', "“", "‘", "(", ":"))
            or bool(re.fullmatch(r"\[\d{1,3}\]", before))
        )
        if (
            at_start
            and not word.isupper()
            and gaz.lookup(word) is None
            and gaz.city(word) is None
            and last - first == 1
            and (word.lower() in lowered_words or word not in capitalised_inside)
            and not (word.lower() not in lowered_words and _actor_verb_follows(tokens, last))
        ):
            first += 1
            continue
        if word.lower() in _CONNECTORS or word in _STOP_CAPS:
            first += 1
            continue
        if (
            at_start
            and first + 2 < last
            and tokens[first + 1].norm in ("of", "for", "on")
            and word.lower() in _OPENING_NOUNS
        ):
            first += 2  # "Membership of the Digital Public Goods Alliance grew": the Alliance
            continue
        if (
            word.lower() in _PREPOSITION_OPENERS
            and first + 1 < last
            and tokens[first + 1].norm in ("to", "with", "of", "on", "from", "upon")
        ):
            first += 2  # "Pursuant to Resolution 70/125", "Further to ...": a preposition, no name
            continue
        break
    while last > first and tokens[last - 1].text.lower() in _CONNECTORS:
        last -= 1
    if first >= last:
        return
    start = tokens[first].start - 1 if _dot_name(text, tokens[first]) else tokens[first].start
    span = Span(start, tokens[last - 1].end)
    name = text[span.start : span.end]
    if name.isdigit():
        return
    city_span = _city_in(gaz, text, tokens, first, last)
    if city_span is not None:
        city_name = text[city_span.start : city_span.end]
        slots.append(Slot("E", span, (namer.place(city_name),), EntityKind.PLACE, text=city_name))
        _cover(cover, span)
        return
    preceding = text[max(sentence_start, span.start - 7) : span.start].lower()
    of_a_name = bool(re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[span.end : span.end + 40]))
    if name.lower() in GENERIC_NOUNS and re.search(r"\b(?:the|its|their)\s+$", preceding) and not of_a_name:
        return  # "the Steering Committee": a reference, resolved later; "the Council of IMO" is a name
    key = namer.overlay.lookup(name) or gaz.lookup(name) or gaz.fuzzy(name)
    if key is None and of_a_name and last - first == 1 and name.lower() in BODY_HEADS | SUBUNIT_HEADS:
        # "the Council of IMO", "the Secretariat of the Convention": joined to its owner below
        key = namer.new(name, _kind_of_name(name, name.lower()), head=name.lower())
        slots.append(Slot("E", span, (key,), namer.entity(key).kind, text=name))
        _cover(cover, span)
        return
    if (
        key is None
        and last - first == 1
        and _REGIONAL.match(name)
        and re.match(r" [A-Z]", text[span.end : span.end + 2])
    ):
        # "Pacific", "Arab" before a known name: kept, so the compound pass can join them
        key = namer.new(name, EntityKind.OTHER, head=name.lower())
        slots.append(Slot("E", span, (key,), EntityKind.OTHER, text=name))
        _cover(cover, span)
        return
    if key is None and (
        name.upper() in _THING_ACRONYMS
        or (last - first == 1 and (name.lower() in NON_ACTOR_HEADS or name.lower() in ACTOR_HEADS))
    ):
        return  # a bare head noun ("Foundation", "Agency") names nothing by itself
    if (
        key is None
        and last - first == 1
        and (
            tokens[first].norm in _GENERIC_WORDS
            or (name.lower() in lowered_words and not name.isupper() and name[:1].isupper())
        )
    ):
        return
    if key is None:
        head = head_noun(name)
        if len(tokens[first:last]) == 1 and name.isupper() and len(name) <= 2:
            return
        kind = _kind_of_name(name, head)
        if kind is EntityKind.OTHER and len(tokens[first:last]) == 1 and name.lower() in lowered_words:
            return
        key = namer.new(name, kind, head=head)
    slots.append(Slot("E", span, (key,), namer.entity(key).kind, text=name))
    _cover(cover, span)


#: nouns that open a sentence about a body without being part of its name
_OPENING_NOUNS = frozenset(
    {
        "membership",
        "members",
        "work",
        "support",
        "implementation",
        "activities",
        "participation",
        "launch",
        "meetings",
        "partners",
        "partnership",
        "chairmanship",
        "leadership",
        "funding",
        "review",
        "progress",
        "results",
        "staff",
        "representatives",
        "coordination",
        "operations",
        "governance",
    }
)
#: first words of two-word prepositions that open sentences ("Pursuant to", "Thanks to")
_PREPOSITION_OPENERS = frozenset(
    {
        "pursuant",
        "according",
        "further",
        "thanks",
        "due",
        "owing",
        "prior",
        "subsequent",
        "contrary",
        "next",
        "close",
        "regarding",
        "concerning",
        "responding",
        "referring",
        "turning",
        "relating",
        "pertaining",
        "together",
        "along",
        "apart",
        "aside",
        "away",
        "instead",
        "ahead",
        "back",
        "because",
        "out",
    }
)


def _cover(cover: object, span: Span) -> None:
    assert callable(cover)
    cover(span)


_DOCUMENT_HEADS = {
    "agenda",
    "plan",
    "strategy",
    "report",
    "index",
    "day",
    "declaration",
    "treaty",
    "convention",
    "goals",
    "goal",
    "recommendation",
    "prize",
    "award",
    "awards",
    "resolution",
    "decade",
    "year",
    "law",
    "act",
    "charter",
    "principles",
    "indicators",
    "survey",
    "review",
    "outlook",
    "study",
    "guide",
    "toolkit",
    "roadmap",
    "policy",
    "standard",
    "standards",
    "protocol",
    "monitor",
    "tracker",
    "dashboard",
    "handbook",
    "guidelines",
    "map",
    "atlas",
    "lecture",
    "campaign",
    "pandemic",
    "internet",
    "earth",
    "sdgs",
    "sdg",
}
_COMPOUND_HEADS = (
    BODY_HEADS | GROUP_HEADS | SUBUNIT_HEADS | {"center", "centre", "forum", "facility", "fund", "program"}
)


#: head nouns of the national bodies a country's name joins ("Kenya ICT Authority")
_NATIONAL_HEADS = frozenset(
    {
        "ministry",
        "department",
        "authority",
        "agency",
        "office",
        "commission",
        "council",
        "institute",
        "bureau",
        "directorate",
        "secretariat",
        "regulator",
        "service",
        "center",
        "centre",
        "board",
        "corporation",
        "administration",
        "bank",
        "parliament",
        "university",
        "chamber",
        "congress",
        "senate",
        "assembly",
    }
)
_GENERIC_BODY_NAME = re.compile(
    r"(?:General\s+Assembly|General\s+Conference|Executive\s+Board|Executive\s+Council|Governing\s+(?:Body|Council|Board)|"
    r"Council|Assembly|Congress|Conference|Board|Committee)",
    re.IGNORECASE,
)
# the names of a body of a group the text made up ("the Steering Committee of the X", "the X Secretariat")
_SUB_BODY_NAME = re.compile(
    r"(?:(?:Steering|Executive|Advisory|Management|Coordinating|Coordination|Technical|Governing|Scientific)\s+)?"
    r"(?:Committee|Board|Council|Group|Bureau)|Task\s+Force|Secretariat"
)


def _body_of(namer: _Namer, body: str, owner: Entity) -> str:
    """The one entity for a body of ``owner`` however the text words it ("X Steering
    Committee", "Steering Committee of (the) X"), minted once with all those names."""
    names: list[str] = []
    for owner_name in dict.fromkeys(n for n in (owner.name, owner.full_name, owner.acronym) if n):
        names += [f"{body} of the {owner_name}", f"{body} of {owner_name}", f"{owner_name} {body}"]
    for name in names:
        known = namer.overlay.lookup(name)
        if known is not None:
            return known
    key = namer.new(names[0], EntityKind.BODY, head=head_noun(body), parent=owner.key)
    for name in names[1:]:
        namer.alias(key, name)
    return key


_MODIFIED_HEADS = frozenset(GROUP_HEADS | BODY_HEADS | {"forum", "summit", "week", "conference"})
_REGIONAL = re.compile(r"^(?:[A-Z][a-z]+(?:an|ian|ean|ic|ish|ese|al)|Arab|Nordic|Pan-[A-Z]\w+|Ibero-American)$")


def _regional_modifier(slot: Slot, entity: Entity) -> bool:
    """A one-word name the text made up that reads as a regional or national modifier
    ("Arab", "African", "Regional", "Andean")."""
    return (
        not entity.reference
        and not entity.acronym
        and entity.kind in (EntityKind.ORGANIZATION, EntityKind.OTHER)
        and " " not in slot.text
        and bool(_REGIONAL.match(slot.text))
    )


_LOWER_GROUP_HEAD = re.compile(
    r"\s+(initiative|network|coalition|partnership|alliance|platform|consortium|compact|hub|programme|program|"
    r"project|mechanism|cluster)\b"
)


def _typed_by_a_following_noun(text: str, slots: list[Slot], namer: _Namer, end: int) -> None:
    """ "the Digital Ecosystem for the Environment initiative": a name the text made up,
    followed by a lowercase group noun, names a group."""
    for number, slot in enumerate(slots):
        if slot.code != "E" or len(slot.keys) != 1:
            continue
        follow = _LOWER_GROUP_HEAD.match(text, slot.span.end, end)
        if follow is None:
            continue
        entity = namer.entity(slot.keys[0])
        if entity.reference or entity.kind not in (EntityKind.OTHER, EntityKind.ORGANIZATION):
            continue
        if entity.key not in namer.entities:
            continue
        noun = follow.group(1)
        kind = EntityKind.ORGANIZATION if noun in ("programme", "program", "project") else EntityKind.GROUP
        alias = f"{entity.name} {noun}"
        namer.entities[entity.key] = replace(
            entity, kind=kind, head=noun, aliases=tuple(dict.fromkeys((*entity.aliases, alias)))
        )
        slots[number] = replace(slot, kind=kind)


def _places_among_actors(text: str, slots: list[Slot], namer: _Namer) -> list[Slot]:
    """A one-word city name coordinated with a body and no preposition before it names a
    body ("Ericsson and Nokia", "Nokia and Ericsson"), not a place."""
    result = list(slots)
    for number, slot in enumerate(result):
        if slot.kind is not EntityKind.PLACE or " " in slot.text:
            continue
        before = text[max(0, slot.span.start - 12) : slot.span.start]
        if re.search(r"\b(?:in|at|to|from|near|of|outside|across|via|and\s+in)\s+$", before, re.IGNORECASE):
            continue
        neighbours = []
        if number and re.fullmatch(r",?\s+(?:and|&)\s+", text[result[number - 1].span.end : slot.span.start]):
            neighbours.append(result[number - 1])
        if number + 1 < len(result) and re.fullmatch(
            r",?\s+(?:and|&)\s+", text[slot.span.end : result[number + 1].span.start]
        ):
            neighbours.append(result[number + 1])
        if any(n.code == "E" and n.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP) for n in neighbours):
            key = namer.new(slot.text, EntityKind.ORGANIZATION)
            result[number] = Slot("E", slot.span, (key,), namer.entity(key).kind, text=slot.text)
    return result


def _compounds(text: str, slots: list[Slot], namer: _Namer) -> list[Slot]:
    """Join names the text builds from others: "ECA Centre of Excellence", "Board of the X"."""
    for rule in ("adjacent", "of"):
        slots = _compound_pass(text, slots, namer, rule)
    return slots


def _joined(
    text: str, slots: list[Slot], left: Slot, right: Slot, keys: tuple[str, ...], kind: EntityKind | None
) -> list[Slot]:
    """``slots`` with ``left`` and ``right`` replaced by one mention of ``keys`` spanning both."""
    span = Span(left.span.start, right.span.end)
    joined = Slot("E", span, keys, kind, text=text[span.start : span.end])
    return sorted(
        (*(slot for slot in slots if slot is not left and slot is not right), joined), key=lambda slot: slot.span.start
    )


def _compound_pass(text: str, slots: list[Slot], namer: _Namer, rule: str) -> list[Slot]:
    merged = True
    while merged:
        merged = False
        entity_slots = [slot for slot in slots if slot.code == "E" and slot.keys]
        for left, right in itertools.pairwise(entity_slots):
            gap = text[left.span.end : right.span.start]
            left_entity = namer.entity(left.keys[0])
            right_entity = namer.entity(right.keys[0])
            name = ""
            if (
                rule == "adjacent"
                and gap == " "
                and not left_entity.reference
                and not right_entity.reference
                and not left.ref
                and not right.ref
                and left_entity.kind in (EntityKind.ORGANIZATION, EntityKind.OTHER)
                and right_entity.kind is EntityKind.GROUP
                and text[left.span.start : left.span.start + 1].isupper()
            ):
                # "Global HIV Prevention Coalition" split by a word the document uses alone ("HIV"):
                # one name
                name = text[left.span.start : right.span.end]
                key = namer.overlay.lookup(name) or namer.new(name, EntityKind.GROUP, head=right_entity.head)
                slots = _joined(text, slots, left, right, (key,), EntityKind.GROUP)
                merged = True
                break
            if (
                rule == "adjacent"
                and gap in (" ", "'s ", "’s ")
                and left_entity.kind is EntityKind.COUNTRY
                and not right_entity.reference
                and right_entity.kind in (EntityKind.ORGANIZATION, EntityKind.BODY, EntityKind.OTHER)
                and head_noun(re.sub(r"\s*\([^()]*\)\s*$", "", right.text)) in _NATIONAL_HEADS
            ):
                # "the Ghana Health Service", "Ghana's Environmental Protection Agency (EPA)": a
                # national body named with its country, not the country
                own = re.sub(r"\s*\([^()]*\)\s*$", "", right.text)
                kind = EntityKind.ORGANIZATION
                if gap == " ":
                    name = f"{left_entity.name} {own}"
                    key = namer.overlay.lookup(name) or namer.new(
                        name, kind, head=head_noun(own), parent=left_entity.key
                    )
                else:
                    key = right.keys[0]  # "Ghana's EPA" is the EPA, named as the text names it
                slots = _joined(text, slots, left, right, (key,), kind)
                merged = True
                break
            if (
                rule == "adjacent"
                and gap in ("'s ", "’s ")
                and not right_entity.reference
                and not right_entity.acronym
                and (
                    right_entity.kind in (EntityKind.BODY, EntityKind.GROUP)
                    and left_entity.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.BODY)
                )
            ):
                # "UNESCO's General Conference" is the body "UNESCO General Conference"
                name = f"{left_entity.name} {right.text}"
                kind = right.kind or EntityKind.BODY
                head = head_noun(right.text)
                parent = left_entity.key
                key = namer.new(name, kind, head=head, parent=parent)
                namer.alias(key, right.text)
                slots = _joined(text, slots, left, right, (key,), kind)
                merged = True
                break
            if (
                rule == "adjacent"
                and gap == " "
                and re.fullmatch(r"U\.?N\.?|United Nations", left.text)
                and right_entity.reference
                and right.kind in (EntityKind.ORGANIZATION, EntityKind.BODY, EntityKind.GROUP)
            ):
                # "the UN Office of the High Representative for ...": the office, "UN" is part of its name
                slots = _joined(text, slots, left, right, right.keys, right.kind)
                merged = True
                break
            if (
                rule == "adjacent"
                and gap == " "
                and left_entity.reference
                and left_entity.kind is EntityKind.ORGANIZATION
                and right_entity.reference
                and right.kind is EntityKind.BODY
                and _GENERIC_BODY_NAME.fullmatch(right.text)
            ):
                # "the WIPO General Assembly", "the UPU Council": the agency's own body, not the UN's
                name = f"{left_entity.name} {right.text}"
                key = namer.new(name, EntityKind.BODY, head=head_noun(right.text), parent=left_entity.key)
                slots = _joined(text, slots, left, right, (key,), EntityKind.BODY)
                merged = True
                break
            if (
                rule == "adjacent"
                and gap == " "
                and not left_entity.reference
                and left_entity.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)
                and not right_entity.reference
                and right.kind is EntityKind.BODY
                and _SUB_BODY_NAME.fullmatch(right.text)
            ):
                # "the AP-IS Steering Committee" is the "Steering Committee of the AP-IS"
                key = _body_of(namer, right.text, left_entity)
                slots = _joined(text, slots, left, right, (key,), EntityKind.BODY)
                merged = True
                break
            if (
                rule == "adjacent"
                and gap == " "
                and _regional_modifier(left, left_entity)
                and (right_entity.head or head_noun(right.text)) in _MODIFIED_HEADS
            ):
                # "the Arab Internet Governance Forum" is not the IGF; "the Arab IGF
                # Multistakeholder Advisory Group" is one body of its own
                name = f"{left.text} {right.text}"
                head = right_entity.head or head_noun(right.text)
                kind = _kind_of_name(name, head)
                key = namer.new(name, kind, head=head)
                slots = _joined(text, slots, left, right, (key,), namer.entity(key).kind)
                merged = True
                break
            if (
                rule == "adjacent"
                and gap == " "
                and left_entity.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.BODY)
                and right.kind is not EntityKind.PERSON_ROLE
                and not right_entity.reference
                and right.kind is not EntityKind.PLACE
                and (
                    (left_entity.reference and left_entity.kind is not EntityKind.BODY)
                    # "the Arab IGF Multistakeholder Advisory Group": a body of a body the text named
                    or (
                        left_entity.kind is EntityKind.BODY
                        and right.kind in (EntityKind.GROUP, EntityKind.BODY)
                        and head_noun(right.text) in _MODIFIED_HEADS
                    )
                )
            ):
                name = f"{left_entity.name} {right.text}"
                kind = right.kind or EntityKind.OTHER
                head = head_noun(right.text)
                parent = left_entity.key
            elif (
                rule == "of"
                and gap in (" on ", " for ")
                and not left_entity.reference
                and not left.ref
                and not right.ref
                and left.kind is EntityKind.GROUP
                and not left.text.rstrip().endswith(")")
                and (not right_entity.reference or right.kind is EntityKind.STAKEHOLDER)
                and right.kind in (EntityKind.ORGANIZATION, EntityKind.OTHER, EntityKind.STAKEHOLDER)
                and all(_is_cap(word) or word in ("and", "of", "the", "for", "on") for word in right.text.split())
                and right.text[:1].isupper()
            ):
                # "the Global Initiative on Decent Jobs for Youth": a group's title goes on with what
                # it is about, every word capitalised
                name = text[left.span.start : right.span.end]
                kind = EntityKind.GROUP
                head = left_entity.head or head_noun(left.text)
                parent = ""
            elif (
                rule == "of"
                and re.fullmatch(r"\s+of\s+(?:the\s+)?", gap)
                and (not left_entity.reference)
                # "the Council of Ministers (ATICM) of the League of Arab States": the acronym
                # closes the name; the League is whose council it is
                and not left.text.rstrip().endswith(")")
                and (
                    head_noun(left.text) in _COMPOUND_HEADS
                    and right.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP, EntityKind.BODY)
                    and left.kind is not EntityKind.PERSON_ROLE
                )
            ):
                name = text[left.span.start : right.span.end]
                name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
                kind = left.kind or EntityKind.BODY
                head = head_noun(left.text)
                parent = right_entity.key
            elif (
                not left_entity.reference
                and head_noun(left.text) in _NATIONAL_HEADS
                and right.kind is EntityKind.COUNTRY
                and rule == "of"
                and gap == " of "
            ) or (
                rule == "adjacent"
                and gap == " "
                and left.kind is EntityKind.COUNTRY
                and not right_entity.reference
                and right.kind in (EntityKind.ORGANIZATION, EntityKind.BODY, EntityKind.GROUP)
                and head_noun(right.text) in _NATIONAL_HEADS | GROUP_HEADS | BODY_HEADS
                and not re.match(r"(?:[Tt]he|[Aa]n?)\s", right.text)
            ):
                # a national body: "the Ministry of Communications of Ghana", "the Kenya ICT Authority"
                name = text[left.span.start : right.span.end]
                country = left_entity if left.kind is EntityKind.COUNTRY else right_entity
                body = right if left.kind is EntityKind.COUNTRY else left
                kind = body.kind if body.kind not in (EntityKind.OTHER, None) else EntityKind.ORGANIZATION
                head = head_noun(body.text)
                parent = country.key
            if not name:
                continue
            # "the Office of the United Nations High Commissioner for Refugees" is a known
            # name of its own, split by the definition inside it: the known entity
            known = namer.overlay.lookup(name) or namer.gaz.lookup(name) if rule == "of" else None
            if known is None and rule == "of" and _SUB_BODY_NAME.fullmatch(left.text) and not right_entity.reference:
                known = _body_of(namer, left.text, right_entity)  # "the Steering Committee of the X"
            key = known or namer.new(name, kind, head=head, parent=parent)
            slots = _joined(text, slots, left, right, (key,), namer.entity(key).kind)
            merged = True
            break
    return slots


# --- masking ------------------------------------------------------------------------------


# Footnote markers: "[3]", a Markdown reference "[^3]", superscript digits ("UNESCO¹"), and
# a marker that lost its raising and sticks to the comma after a name ("WMO,3 UNEP,4 and").
_SUPERSCRIPTS = "\u00b2\u00b3\u00b9\u2070-\u2079"
_FOOTNOTE = re.compile(rf"\[\d{{1,3}}\]|\[\^[\w-]{{1,16}}\]|[{_SUPERSCRIPTS}]+(?:,[{_SUPERSCRIPTS}]+)*")
_FLAT_MARKER = re.compile(r"^([,;])\d{1,2}(?=\s)")


def _mask(text: str, start: int, end: int, slots: list[Slot]) -> tuple[str, list[Slot]]:
    parts: list[str] = []
    cursor = start
    kept: list[Slot] = []
    for slot in slots:
        if slot.span.start < cursor:
            continue
        between = text[cursor : slot.span.start]
        between = _FOOTNOTE.sub("", between)
        if kept:
            between = _FLAT_MARKER.sub(r"\1", between)
        between = re.sub(r"\b[Tt]he\s+$", "", between)
        parts.append(between)
        parts.append(f"⟪{slot.code}{len(kept)}⟫")
        kept.append(slot)
        cursor = slot.span.end
    tail = _FOOTNOTE.sub("", text[cursor:end])
    parts.append(_FLAT_MARKER.sub(r"\1", tail) if kept else tail)
    masked = "".join(parts)
    masked = re.sub(r"[“”]", '"', masked)
    masked = re.sub(r"[‘’]", "'", masked)
    return masked, kept


def _renumber(masked: str, slots: list[Slot]) -> tuple[str, list[Slot]]:
    """Renumber placeholders in order of appearance, dropping slots no longer present."""
    order: list[Slot] = []
    mapping: dict[str, str] = {}

    def repl(match: re.Match[str]) -> str:
        old = match.group(0)
        if old not in mapping:
            slot = slots[int(match.group(2))]
            mapping[old] = f"⟪{slot.code}{len(order)}⟫"
            order.append(slot)
        return mapping[old]

    renumbered = re.sub(r"⟪([EDV])(\d+)⟫", repl, masked)
    return renumbered, order


_E = r"⟪E\d+⟫"


def _collapse(masked: str, slots: list[Slot], namer: _Namer) -> tuple[str, list[Slot]]:
    """Rewrite titles, governments and sub-units so the body they stand for remains."""
    slots = list(slots)

    def kind(placeholder: str) -> EntityKind | None:
        return slots[int(placeholder[2:-1])].kind

    # "the Government(s) of X and Y" -> X and Y
    masked = re.sub(
        r"(?:\b[Tt]he\s+)?(⟪E\d+⟫)\s+of\s+(?=⟪E\d+⟫)",
        lambda m: "" if _is_government(slots, m.group(1)) else m.group(0),
        masked,
    )
    masked = re.sub(r"\b(?:[Tt]he\s+)?[Gg]overnments?\s+of\s+(?=⟪E\d+⟫)", "", masked)
    # "X's Minister of Environment", "the Minister of ... of X", "a representative of X"
    masked = re.sub(
        r"(⟪E\d+⟫)['’]s\s+(⟪E\d+⟫)",
        lambda m: (
            m.group(1) if kind(m.group(2)) is EntityKind.PERSON_ROLE or _subunit(slots, m.group(2)) else m.group(0)
        ),
        masked,
    )
    masked = re.sub(
        r"(⟪E\d+⟫)\s+(⟪E\d+⟫)",
        lambda m: (
            m.group(1)
            if kind(m.group(2)) is EntityKind.PERSON_ROLE and kind(m.group(1)) is not EntityKind.PERSON_ROLE
            else m.group(0)
        ),
        masked,
    )
    masked = re.sub(
        r"(⟪E\d+⟫)\s+of\s+(?:the\s+)?(⟪E\d+⟫)",
        lambda m: (
            m.group(2)
            if kind(m.group(1)) is EntityKind.PERSON_ROLE
            or (
                kind(m.group(1)) is EntityKind.STAKEHOLDER
                and re.match(
                    r"(?i)(?:ministers|officials|senior|representatives|delegations|heads)",
                    slots[int(m.group(1)[2:-1])].text,
                )
            )
            else m.group(0)
        ),
        masked,
    )
    # ... but "The chair of StEP, held by UNCTAD, passed to UNEP": the function that passes stays
    masked = re.sub(
        rf"(?<!\bas\s)\b(?:the\s+|a\s+|an\s+|[Tt]he\s+)?(?:{_TITLE_RE})\s+(?:[a-z\-]+\s+)?of\s+(?:the\s+)?(?=⟪E\d+⟫)"
        r"(?!⟪E\d+⟫[^;.]{0,80}?\b(?:passed|handed|transferred|rotated|went|moved)\s+(?:over\s+)?to\b)",
        "",
        masked,
        flags=re.IGNORECASE,
    )
    # "Danny Faure, President of Seychelles" -> "Seychelles" (the title went just above)
    # an aside in brackets after a name ("Kenya (Cabinet Secretary, ...)") is dropped,
    # but a bracketed list of names ("the Coalition (UNU, ITU, ILO)") is kept
    masked = re.sub(
        r"(⟪E\d+⟫)\s*\(([^()]*)\)",
        lambda m: (
            m.group(0)
            if re.fullmatch(r"\s*⟪E\d+⟫(?:\s*(?:,|;|,?\s*and|,?\s*&)\s*⟪E\d+⟫)+\s*", m.group(2))
            and all(kind(p) is not EntityKind.PERSON_ROLE for p in re.findall(_E, m.group(2)))
            else f"{m.group(1)} ({m.group(2).strip()})"
            # the time of a role stays: "the Partnership (since 2017)", "ITU (member until 2019)";
            # so do an event's place and dates: "the Third Global Conference (Paris, 5-7 June 2019)"
            if re.fullmatch(r"\s*(?:\w+\s+){0,2}(?:since|from|until|till|joined\s+in|as\s+of)\s+⟪D\d+⟫\s*", m.group(2))
            or re.fullmatch(r"\s*(?:⟪E\d+⟫\s*,\s*)?(?:⟪E\d+⟫\s*,\s*)?⟪D\d+⟫\s*(?:,\s*⟪E\d+⟫\s*)?", m.group(2))
            else m.group(1)
        ),
        masked,
    )
    masked = re.sub(
        r"(⟪E\d+⟫),\s+(⟪E\d+⟫)(?=[,;.)]|$|\s+(?:chaired|co-chaired|opened|addressed))",
        lambda m: m.group(2) if _personlike(slots, m.group(1), m.group(2)) else m.group(0),
        masked,
    )
    # "X, represented by its State Secretariat ..." keeps X only; so does "acting through"
    masked = re.sub(r",\s+(?:represented|acting|working|operating)\s+(?:by|through|via)\s+[^,;.]*", "", masked)
    # "the think tank iSPIRT", "the companies Microsoft and ...": the name, not the class
    masked = re.sub(
        r"(⟪E\d+⟫)\s+(?=⟪E\d+⟫)",
        lambda m: "" if kind(m.group(1)) is EntityKind.STAKEHOLDER else m.group(0),
        masked,
    )
    masked = re.sub(
        r"\b(?:the\s+)?(?:think\s+tank|company|companies|firm|NGO|network|"
        r"civil\s+society\s+network|foundation|university)\s+(?=⟪E\d+⟫)",
        "",
        masked,
    )
    # "on X's behalf" / "on behalf of X": the actor is X
    masked = re.sub(
        r"(⟪E\d+⟫),\s+(?:⟪E\d+⟫,\s+)?(chaired|co-chaired|opened|addressed|attended)"
        r"([^;.]*?)\s+on\s+(⟪E\d+⟫)['’]s\s+behalf",
        r"\4 \2\3",
        masked,
    )
    return _renumber(masked, slots)


# A source a sentence cites is no actor of what it reports: "According to a report by the
# World Bank, ...", "..., as noted by OECD,", "(World Bank, 2020)".
_ATTRIBUTION = re.compile(
    r"(?:^|(?<=[,;(]))\s*(?:[Aa]ccording\s+to|[Aa]s\s+(?:reported|noted|stated|highlighted|documented|shown|"
    r"estimated|observed|found|recorded)\s+(?:by|in)|[Cc]iting|[Qq]uoting|[Dd]rawing\s+on|[Ii]n\s+the\s+words\s+of|"
    r"[Ss]ource\s*:)\s+[^,;()]*?(?=,|;|\)|\.?$)"
    r"|\(\s*(?:see\s+|cf\.\s+)?(?:⟪E\d+⟫\s*(?:,|and|&)?\s*)+⟪D\d+⟫\s*\)"
)


def _cited_sources(masked: str, slots: list[Slot]) -> tuple[str, list[Slot]]:
    """Unmask the bodies a sentence only cites as its source, so no rule reads them as actors."""

    def plain(match: re.Match[str]) -> str:
        if match.group(0).startswith("("):
            cited = [slots[int(n)] for n in re.findall(r"⟪E(\d+)⟫", match.group(0))]
            dates = [slots[int(n)] for n in re.findall(r"⟪D(\d+)⟫", match.group(0))]
            if any(slot.kind is EntityKind.PLACE for slot in cited) or any(
                slot.date is None or len(slot.date.value) != 4 for slot in dates
            ):
                return match.group(0)  # "(Paris, 5-7 June 2019)": a place and date, no citation
        if match.start() > 0 and masked[match.start() - 1] == "," and masked[match.end() : match.end() + 1] == ",":
            return ""  # an aside ("A and B, according to X, jointly ...") goes with its commas
        return re.sub(r"⟪E(\d+)⟫", lambda m: slots[int(m.group(1))].text, match.group(0))

    masked = _ATTRIBUTION.sub(plain, masked)
    return _renumber(re.sub(r",,\s*", " ", masked), slots)


def _is_government(slots: list[Slot], placeholder: str) -> bool:
    slot = slots[int(placeholder[2:-1])]
    return slot.keys == ("stakeholder/governments",) and slot.text.lower().startswith("government")


def _subunit(slots: list[Slot], placeholder: str) -> bool:
    slot = slots[int(placeholder[2:-1])]
    if re.search(r"\([A-Z][\w-]+\)\s*$", slot.text):
        return False  # "Sierra Leone's Directorate of ... (DSTI)" is a body of its own
    words = slot.text.lower().split()
    if not words or slot.kind not in (EntityKind.ORGANIZATION, EntityKind.OTHER):
        return False
    return (
        norm_word(words[0]) in SUBUNIT_HEADS
        or (
            head_noun(slot.text) in SUBUNIT_HEADS
            and (
                slot.keys
                and slot.keys[0].startswith("org/")
                and not any(c.isupper() for c in "".join(w[0] for w in slot.text.split()[1:2]))
            )
        )
        or norm_word(words[-1]) in ("headquarters", "secretariat", "office", "bureau")
    )


def _personlike(slots: list[Slot], person: str, body: str) -> bool:
    """Whether ``person`` names a person standing for ``body`` ("Danny Faure, ... Seychelles")."""
    first = slots[int(person[2:-1])]
    second = slots[int(body[2:-1])]
    if second.kind not in (EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.BODY):
        return False
    if first.kind is EntityKind.PERSON_ROLE:
        return True
    words = first.text.split()
    return (
        first.kind in (EntityKind.OTHER, EntityKind.ORGANIZATION)
        and not any(key.startswith(("country/", "stakeholder/")) for key in first.keys)
        and not any(key in gazetteer().entities for key in first.keys)  # "UN Global Pulse, EOSG": a body
        and 2 <= len(words) <= 4
        and head_noun(first.text) not in ACTOR_HEADS
        and all(w[:1].isupper() and not w.isupper() for w in words)
    )


def _officials_of(masked: str, slots: list[Slot]) -> tuple[str, list[Slot]]:
    """ "ministers and senior officials of the initial funders": the funders themselves."""

    def replace(match: re.Match[str]) -> str:
        first = slots[int(match.group(1)[2:-1])]
        second = slots[int(match.group(2)[2:-1])]
        if (
            first.kind is EntityKind.STAKEHOLDER
            and second.ref
            and re.match(r"(?i)(?:ministers|officials|senior|representatives|delegations|heads)", first.text)
        ):
            return match.group(2)
        return match.group(0)

    masked = re.sub(r"(⟪E\d+⟫)\s+of\s+(?:the\s+)?(⟪E\d+⟫)", replace, masked)
    return _renumber(masked, slots)


def _references(masked: str, slots: list[Slot]) -> tuple[str, list[Slot]]:
    """Mask generic references ("the Coalition", "both agencies") and pronouns."""
    slots = list(slots)

    def generic(match: re.Match[str]) -> str:
        noun = match.group("noun").lower()
        determiner = match.group("det").lower()
        possessive = determiner in ("its", "their")
        ref = noun if not possessive else f"{determiner} {noun}"
        suffix = match.group("poss") or ""
        written = match.group(0)[: len(match.group(0)) - len(suffix)]  # the possessive stays in the text
        slots.append(Slot("E", Span(0, 0), ref=ref, text=written))
        return f"⟪E{len(slots) - 1}⟫{suffix}"

    masked = _GENERIC_RE.sub(lambda m: generic(m) if not _followed_by_name(masked, m.end()) else m.group(0), masked)

    def counted(match: re.Match[str]) -> str:
        number = match.group("num") or match.group("num2")
        count = _NUMBERS.get(number.lower(), 2) if number else 2
        if match.group("noun2"):
            count = -1  # "the initial funders": the last list, whatever its length
        slots.append(Slot("E", Span(0, 0), ref="group", count=count, text=match.group(0)))
        return f"⟪E{len(slots) - 1}⟫"

    masked = _COUNTED_RE.sub(counted, masked)

    def pronoun(match: re.Match[str]) -> str:
        slots.append(Slot("E", Span(0, 0), ref=match.group(0).lower(), text=match.group(0)))
        return f"⟪E{len(slots) - 1}⟫"

    masked = _EXPLETIVE.sub("", masked)
    # "among them representatives of governments": "them" is the list it introduces
    masked = re.sub(r"(?<!among )\b(?:[Ii]ts|[Ii]t|[Tt]hey|[Tt]heir|them|him)\b(?!['’])", pronoun, masked)
    return _renumber(masked, slots)


# "It will be recalled that", "it should be noted that": a formula that carries no fact, whose
# "it" refers to nothing and whose "will" plans nothing
_EXPLETIVE = re.compile(
    r"\b[Ii]t\s+(?:is|was|will\s+be|should\s+be|may\s+be|must\s+be|can\s+be|has\s+been|is\s+to\s+be)\s+"
    r"(?:(?:also|further|again)\s+)?(?:recalled|noted|recogni[sz]ed|remembered|stressed|underlined|mentioned|"
    r"observed|emphasi[sz]ed|highlighted|estimated|reported|understood|believed|known|"
    r"worth\s+(?:noting|recalling|mentioning))\s+that\s+"
)


def _followed_by_name(masked: str, position: int) -> bool:
    """ "the Partnership on Measuring..." was a name the gazetteer missed: not a reference."""
    return bool(re.match(r"\s+(?:of|for|on)\s+(?:[A-Z]|⟪[EV])", masked[position:]))


# --- event phrases ------------------------------------------------------------------------

_ORD = (
    r"(?i:\d{1,3}(?:st|nd|rd|th)|"
    + "|".join(sorted((re.escape(w) for w in ORDINALS if " " not in w), key=len, reverse=True))
    + ")"
)
_HEADS = (
    r"(?i:meetings?|sessions?|conferences?|forums?|summits?|symposium|symposia|workshops?|"
    r"events?|camps?|ceremony|ceremonies|dialogues?|consultations?|gatherings?|round[- ]?tables?|"
    r"webinars?|seminars?|retreats?|expo|plenary|hackathons?|festival|edition|week)"
)
_MODS = (
    r"(?:(?:annual|high-level|online|virtual|regional|global|international|ministerial|"
    r"side|kick-off|coding|joint|technical|thematic|inaugural|closing|opening|special|"
    r"consultative|preparatory|final|informal|formal|hybrid|expert|working|capacity-building|"
    r"training|launch|open|forum|ordinary|extraordinary|biennial|sub-regional|subregional|"
    r"national|multi-stakeholder|multistakeholder|stakeholder|facilitation|such|several|"
    r"separate|regular|in-person|public|parallel|follow-up|interactive|main|last|previous|"
    r"next|same|other|further|new|two|three|four|five|first|second|third|Ministerial|"
    r"High-Level|High-level|Regional|Global|coordination|substantive|plenary|general|"
    r"consultation|partners'?|partner|donors'?|donor|members'|ministers'|experts'|stakeholders'|"
    r"board|committee|steering|leaders'?|"
    r"intergovernmental|inter-agency|interagency|UN|United Nations)\s+)"
)
# After a determiner, other words may qualify the event's head too: "an expert group
# meeting", "a national validation workshop", "the third e-commerce week".
_NOUN_MOD = (
    r"(?!(?:a|an|the|of|in|on|at|by|for|from|to|with|and|or|but|as|into|onto|over|under|about|after|"
    r"before|during|between|among|through|is|are|was|were|be|been|has|have|had|will|would|can|could|"
    r"should|may|might|must|shall|do|does|did|which|that|who|whose|it|its|their|this|these|those|"
    r"there|here|also|then|not|no|all|each|every|both|following|previous|past|coming|current|entire|"
    r"whole|same|next|last|held|met|took|made|gave|began|ran|led)\b)"
    # not a verb in the past ("the ministers attended meetings") nor a plural noun
    r"(?![a-z0-9-]*(?:ed|[^cs]s)\b)[a-z][a-z0-9-]*"
)
_EVENT_RE = re.compile(
    rf"(?P<det>(?P<art>\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat|[Ss]everal|[Tt]wo|[Tt]hree)\s+)|"
    rf"(?P<eref>⟪E\d+⟫)(?:'s)?\s+)?"
    rf"(?P<ord>{_ORD}\s+)?(?(art)(?P<nouns>(?:{_NOUN_MOD}\s+){{0,3}}?)|)(?P<mods>{_MODS}{{0,4}})(?P<dyear>⟪D\d+⟫\s+)?"
    rf"(?:(?P<named>⟪E\d+⟫)(?P<year>\s+⟪D\d+⟫|\s+\d{{1,3}}\b)?|(?P<head>{_HEADS}|"
    rf"Forum|Conference|Summit|Congress|Symposium|Assembly)\b)"
    rf"(?P<of>\s+of\s+(?:(?:its|their)\s+)?(?P<body>⟪[EV]\d+⟫)(?:\s+⟪D\d+⟫)?)?",
)


# "The Urban Heritage Forum was hosted by ... in Nairobi", "the Science Policy Dialogue held in
# Tokyo": a named event reported as held
_REPORTED_HELD = re.compile(
    # "the Expert Group Meeting (New York, 3-5 November 2021)": a place and date of its own
    r"\s*\([^()]{0,60}?⟪D\d+⟫[^()]{0,40}\)"
    r"|(?:\s*,[^;,]{0,60},)?,?\s+(?:(?:was|were|has\s+been|had\s+been|will\s+be|is\s+to\s+be)\s+"
    r"(?:(?:jointly|first|also|again|successfully|formally|officially)\s+)?(?:held|hosted|co-hosted|convened|"
    r"organi[sz]ed|co-organi[sz]ed|opened|staged)|took\s+place|takes\s+place|will\s+take\s+place|"
    r"(?:held|hosted|co-hosted|convened|organi[sz]ed|co-organi[sz]ed|staged)(?=\s+(?:in|at|on|from|by)\b))\b"
)
# "UN Women will co-host the Global Forum on Women in Tech in Nairobi in October 2023"
_HOSTS_BEFORE = re.compile(
    r"\b(?:hosted|co-hosted|organi[sz]ed|co-organi[sz]ed|convened|co-convened|held|host|co-host|organi[sz]e|"
    r"co-organi[sz]e|convene|hold)\s+(?:the\s+)?$"
)
_ACTION_LINE_CODE = re.compile(r"\s*(?:Action\s+Line\s+)?C(?:1[01]|[1-9])\b", re.IGNORECASE)
_PLACE_OR_DATE_AFTER = re.compile(r"\s+(?:in|at|on|from)\s+⟪[ED]\d+⟫")


def _events(masked: str, slots: list[Slot], namer: _Namer) -> tuple[str, list[Slot]]:
    """Mask event phrases as ``⟪V..⟫`` slots; keep the bodies they are sessions of."""
    slots = list(slots)

    def plain(text: str) -> str:
        return re.sub(
            r"⟪[EDV](\d+)⟫",
            lambda m: slots[int(m.group(1))].name or slots[int(m.group(1))].text,
            text,
        )

    def replace_event(match: re.Match[str]) -> str:
        named = match.group("named")
        head = match.group("head")
        if (
            head
            and head[:1].isupper()
            and head in _CAPITAL_HEADS
            and not match.group("dyear")
            and not re.search(r"\b(?:previous|last|former|next|preceding|same)\b", match.group("mods") or "")
        ):
            return match.group(0)  # "Assembly" alone is a body's name, "the 2019 Forum" an event
        ordinal_text = (match.group("ord") or "").strip()
        ordinal = ORDINALS.get(ordinal_text.lower(), 0) or (
            int(re.sub(r"\D", "", ordinal_text)) if ordinal_text[:1].isdigit() else 0
        )
        year_text = match.group("year")
        date: DateValue | None = None
        bodies: tuple[str, ...] = ()
        name = ""
        if named:
            slot = slots[int(named[2:-1])]
            if slot.ref or _ACTION_LINE_CODE.match(slot.text):
                return match.group(0)  # "action line C4": a line of the WSIS, never an event
            entity_kind = slot.kind
            entity = namer.entity(slot.keys[0]) if slot.keys else None
            entity_head = (entity.head if entity and entity.head else "") or head_noun(slot.text)
            is_eventish = entity_kind is EntityKind.EVENT or (
                EVENT_HEAD_RE.match(entity_head or "") is not None
                or entity_head in ("congress", "assembly", "conference", "forum", "summit")
            )
            numbered = any(
                re.search(r"\b(?:19|20)\d\d\b|\d$", name_text)
                for name_text in (slot.text, *(namer.entity(k).name for k in slot.keys))
            )
            indefinite = (match.group("det") or "").strip().lower() in ("a", "an")
            # an organisation named after a conference (UNCTAD) is no event reported as held
            organisation = entity is not None and entity.reference and entity.kind is EntityKind.ORGANIZATION
            # an assembly or congress is a body that meets, unless the text made it up as a
            # meeting on a theme ("the Regional Congress on Smart Cities was held in Quito")
            themed = entity is not None and not entity.reference and " on " in f" {entity.full_name or entity.name} "
            # "UNFPA and the Asian Forum of Parliamentarians co-organized in Bangkok ...": a
            # body in a subject list, doing the organising, not an event being held
            held_after = _REPORTED_HELD.match(masked, match.end())
            if (
                held_after
                and re.search(r"⟪E\d+⟫\s+(?:and|&)\s+(?:the\s+)?$", masked[: match.start()])
                and re.match(r"\s+(?:co-)?(?:organi[sz]ed|hosted|convened|held|staged)\b", held_after.group(0))
            ):
                held_after = None
            reported = (
                (entity_head not in ("assembly", "congress") or themed)
                and not organisation
                and bool(
                    held_after
                    or (
                        _HOSTS_BEFORE.search(masked[: match.start()])
                        and _PLACE_OR_DATE_AFTER.match(masked, match.end())
                    )
                )
            )
            if not is_eventish or not (ordinal or year_text or numbered or indefinite or reported):
                return match.group(0)
            if year_text and "⟪D" in year_text:
                date = slots[int(year_text.strip()[2:-1])].date
            name = slot.text
            if entity_kind is not EntityKind.EVENT or ordinal:
                bodies = slot.keys
            if match.group("eref") and ordinal:
                # "ITU's twentieth Plenipotentiary Conference": the body is "ITU Plenipotentiary Conference"
                owner = slots[int(match.group("eref")[2:-1])]
                if owner.keys and not owner.ref:
                    owner_name = namer.entity(owner.keys[0]).name
                    series = namer.entity(slot.keys[0]).full_name or slot.text
                    series = re.sub(r"\s*\([^)]*\)\s*$", "", series)
                    existing = namer.overlay.lookup(series)
                    if existing and namer.entity(existing).kind is EntityKind.BODY:
                        body_key = existing
                    else:
                        body_key = namer.new(f"{owner_name} {series}", EntityKind.BODY, head=entity_head)
                        namer.alias(body_key, series)
                    bodies = (body_key,)
        else:
            assert head is not None
            name = match.group(0)
            body = match.group("body")
            if (
                body
                and head.lower() == "edition"
                and slots[int(body[2:-1])].kind in (EntityKind.OTHER, EntityKind.ORGANIZATION)
            ):
                return match.group(0)  # "the tenth edition of the Global Innovation Index": a publication
            if body:
                body_slot = slots[int(body[2:-1])]
                if body_slot.code == "V":
                    bodies = body_slot.keys
                    date = body_slot.date
                    name = body_slot.name or name
                elif body_slot.ref:
                    # "the first meeting of the Steering Committee": resolved later, kept outside
                    head_part = match.group(0)[: match.start("of") - match.start(0)]
                    slots.append(
                        Slot(
                            "V",
                            Span(0, 0),
                            keys=(),
                            text=plain(head_part),
                            ordinal=ordinal,
                            name=plain(head_part),
                        )
                    )
                    return (
                        _keep_prefix(match)
                        + f"⟪V{len(slots) - 1}⟫"
                        + match.group(0)[match.start("of") - match.start(0) :]
                    )
                elif body_slot.kind in (EntityKind.EVENT,):
                    bodies = body_slot.keys
                else:
                    bodies = body_slot.keys
            elif match.group("eref") and ordinal and head.lower() in ("session", "sessions"):
                # "COMMISSION ON SCIENCE AND TECHNOLOGY FOR DEVELOPMENT Twenty-second session": the
                # body's own numbered session
                owner = slots[int(match.group("eref")[2:-1])]
                if owner.kind is EntityKind.BODY and owner.keys and not owner.ref:
                    bodies = owner.keys
            elif match.group("eref") and not match.group("det"):
                owner = slots[int(match.group("eref")[2:-1])]
                if (
                    owner.kind in (EntityKind.BODY, EntityKind.GROUP, EntityKind.ORGANIZATION)
                    and (head.lower() in ("session", "meeting", "sessions", "meetings", "week", "eweek"))
                    and not owner.ref
                ):
                    bodies = owner.keys
                    name = f"{owner.text} {head}"
                else:
                    return match.group(0)
        slots.append(
            Slot(
                "V",
                Span(0, 0),
                keys=bodies,
                date=date,
                text=plain(match.group(0)),
                ordinal=ordinal,
                name=plain(name),
            )
        )
        return _keep_prefix(match) + f"⟪V{len(slots) - 1}⟫"

    if _EVENT_CUE.search(masked) or any(
        slot.code == "E"
        and (slot.kind is EntityKind.EVENT or _EVENT_CUE.search(slot.text) or re.search(r"\d", slot.text))
        for slot in slots
    ):
        masked = _EVENT_RE.sub(replace_event, masked)
    return _renumber(masked, slots)


# a word that can head an event phrase, in the sentence or in a name it masks: without one,
# the (costly) event grammar has nothing to find
_EVENT_CUE = re.compile(rf"{_HEADS}|Forum|Conference|Summit|Congress|Symposium|Assembly|forum|assembly|congress")


def _keep_prefix(match: re.Match[str]) -> str:
    """Keep an owner placeholder that is not part of the event ("⟪E1⟫ held ...")."""
    eref = match.group("eref")
    if eref and not match.group("named") and not match.group("of"):
        return ""
    if eref and match.group("named") and match.group("ord"):
        return ""
    return eref + " " if eref else ""


def with_keys(slot: Slot, keys: tuple[str, ...], kind: EntityKind | None) -> Slot:
    """The slot with its reference resolved to ``keys``."""
    return replace(slot, keys=keys, kind=kind)


def entity_name_key(name: str) -> str:
    """A stable key for a name, used to compare names across documents."""
    return " ".join(name_key(name))
