"""The gazetteer (names -> entities) and segmentation (sections, sentences)."""

from __future__ import annotations

import itertools

import pytest

from wsisgraph.gazetteer import FUZZY_THRESHOLD, Gazetteer, gazetteer, name_key, tokenize
from wsisgraph.model import BlockKind, Document
from wsisgraph.read import read_bytes
from wsisgraph.segment import sections_of, segment_document, sentence_spans


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def matches(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    """(matched text, entity key) for every name the gazetteer finds in ``text``."""
    tokens = tokenize(text)
    return [(text[tokens[first].start : tokens[end - 1].end], key) for first, end, key in gaz.match(text, tokens)]


# --- gazetteer ------------------------------------------------------------------------


def test_fuzzy_threshold_is_pinned() -> None:
    assert FUZZY_THRESHOLD == 92.0


def test_acronyms_keep_their_case(gaz: Gazetteer) -> None:
    assert gaz.lookup("WHO") == "org/who"
    assert gaz.lookup("who") is None
    assert gaz.lookup("Who") is None
    assert matches(gaz, "The experts who met in Geneva advised WHO and UNEP.") == [
        ("WHO", "org/who"),
        ("UNEP", "org/unep"),
    ]
    assert matches(gaz, "those who attended and who spoke") == []


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["UN Development Programme", "United Nations Development Programme", "UNDP"], "org/undp"),
        (["United Nations Development Program", "the United Nations Development Programme"], "org/undp"),
        (["World Health Organisation", "World Health Organization", "WHO"], "org/who"),
        (["International Labour Organization", "International Labor Organisation", "ILO"], "org/ilo"),
        (["UN-Habitat", "UN Habitat"], "org/un-habitat"),
        (
            [
                "Secretariats of the Basel, Rotterdam and Stockholm Conventions",
                "Secretariat of the Basel, Rotterdam and Stockholm Conventions",
                "BRS",
            ],
            "org/brs",
        ),
        (["International Telecommunication Union", "the International Telecommunication Union", "ITU"], "org/itu"),
        (
            [
                "United Nations Educational, Scientific and Cultural Organization",
                "United Nations Educational, Scientific and Cultural Organisation",
                "UNESCO",
            ],
            "org/unesco",
        ),
    ],
)
def test_name_variants_find_one_entity(gaz: Gazetteer, names: list[str], key: str) -> None:
    for name in names:
        assert gaz.lookup(name) == key, name
        found = matches(gaz, f"A report by {name} on the year.")
        assert [entity for _, entity in found] == [key], (name, found)
        assert found[0][0] == name.removeprefix("the ")


def test_the_longest_name_wins(gaz: Gazetteer) -> None:
    found = matches(gaz, "the United Nations Environment Programme and the United Nations")
    assert found[0] == ("United Nations Environment Programme", "org/unep")


@pytest.mark.parametrize(
    ("typo", "key"),
    [
        ("International Telecomunication Union", "org/itu"),
        ("United Nations Enviroment Programme", "org/unep"),
        ("International Telecommunication Unions", "org/itu"),
        ("World Meteorological Organizaton", "org/wmo"),
    ],
)
def test_fuzzy_catches_a_one_letter_typo(gaz: Gazetteer, typo: str, key: str) -> None:
    assert gaz.lookup(typo) is None
    assert gaz.fuzzy(typo) == key


@pytest.mark.parametrize(
    "name",
    [
        "International Telecommunication Forum",
        "International Organization for Standardization",
        "Economic Commission for Antarctica",
        "World Trade Organisations Forum",
        "UNDPX",
        "ITU",  # too short for fuzzy matching: acronyms are exact or nothing
    ],
)
def test_fuzzy_rejects_a_merely_similar_name(gaz: Gazetteer, name: str) -> None:
    assert gaz.fuzzy(name) is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kingdom of Morocco", "country/mar"),
        ("Morocco", "country/mar"),
        ("Türkiye", "country/tur"),
        ("Turkey", "country/tur"),
        ("Côte d'Ivoire", "country/civ"),
        ("Cote d'Ivoire", "country/civ"),
        ("Côte d’Ivoire", "country/civ"),
    ],
)
def test_countries(gaz: Gazetteer, name: str, key: str) -> None:
    assert gaz.lookup(name) == key


def test_country_entities_have_display_names(gaz: Gazetteer) -> None:
    assert gaz.entities["country/tur"].name == "Türkiye"
    assert gaz.entities["country/civ"].name == "Côte d'Ivoire"


@pytest.mark.parametrize(
    ("name", "city"),
    [("Geneva", "Geneva"), ("geneva", "Geneva"), ("Mexico City", "Mexico City"), ("Addis Ababa", "Addis Ababa")],
)
def test_cities(gaz: Gazetteer, name: str, city: str) -> None:
    assert gaz.city(name) == city


def test_not_a_city(gaz: Gazetteer) -> None:
    assert gaz.city("Narnia") is None
    assert gaz.city("") is None


def test_name_key_folds_united_nations_and_spelling() -> None:
    assert name_key("the United Nations Environment Programme") == ("un", "environment", "program")
    assert name_key("UN Environment Program") == name_key("United Nations Environment Programme")
    assert name_key("Secretariats & Centres") == ("secretariat", "and", "centers")


def test_tokenize_keeps_spans() -> None:
    text = "UN-Habitat & the Côte d'Ivoire"
    tokens = tokenize(text)
    assert [text[token.start : token.end] for token in tokens] == [token.text for token in tokens]
    assert [token.norm for token in tokens] == ["un", "habitat", "and", "the", "côte", "d", "ivoire"]


# --- sentences ------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in sentence_spans(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Partners include UN agencies, e.g. ITU and UNESCO, and others. It met again.",
            ["Partners include UN agencies, e.g. ITU and UNESCO, and others.", "It met again."],
        ),
        (
            "The U.S. Department of State joined in 2019. It met again.",
            ["The U.S. Department of State joined in 2019.", "It met again."],
        ),
        (
            "It covers data, i.e. statistics. Others follow, etc. and more.",
            ["It covers data, i.e. statistics.", "Others follow, etc. and more."],
        ),
        (
            "See para. 12 of the report. Dr. Smith agreed.",
            ["See para. 12 of the report.", "Dr. Smith agreed."],
        ),
        (
            "The Forum met in Geneva. ITU hosted it! Was it useful? Yes.",
            ["The Forum met in Geneva.", "ITU hosted it!", "Was it useful?", "Yes."],
        ),
        (
            'He said "it works." Then UNESCO agreed.',
            ['He said "it works."', "Then UNESCO agreed."],
        ),
        (
            "It ended in 2019. 2020 was different.",
            ["It ended in 2019.", "2020 was different."],
        ),
        (
            "The work falls under action line C7. ICT applications in e-health grew. A second sentence follows.",
            ["The work falls under action line C7. ICT applications in e-health grew.", "A second sentence follows."],
        ),
        (
            "It reports under C7. E-environment and C7. E-agriculture.",
            ["It reports under C7. E-environment and C7. E-agriculture."],
        ),
        ("One sentence without a full stop", ["One sentence without a full stop"]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_real_sentence_end_after_an_action_line_code() -> None:
    assert sentences("UNEP reports under C7. The year was busy.") == ["UNEP reports under C7.", "The year was busy."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "3. The Commission met in Geneva. It adopted a resolution.",
            ["The Commission met in Geneva.", "It adopted a resolution."],
        ),
        pytest.param("II. Overview of the work of the Group", ["Overview of the work of the Group"]),
        ("12. The Forum met.", ["The Forum met."]),
        ("(a) The first item is long enough.", ["The first item is long enough."]),
        ("b) The second item is long enough.", ["The second item is long enough."]),
        ("iv) The fourth item is long enough.", ["The fourth item is long enough."]),
    ],
)
def test_paragraph_numbers_are_left_outside_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_single_initial_does_not_end_a_sentence() -> None:
    assert sentences("Mr. J. Smith spoke for the Group. Ms. Lee answered.") == [
        "Mr. J. Smith spoke for the Group.",
        "Ms. Lee answered.",
    ]


def test_spans_point_into_the_text_and_respect_the_window() -> None:
    text = "Ignore this. ITU met UNESCO. They agreed. Ignore that."
    start, end = text.index("ITU"), text.index(" Ignore that")
    spans = list(sentence_spans(text, start, end))
    assert [text[span.start : span.end] for span in spans] == ["ITU met UNESCO.", "They agreed."]
    assert all(start <= span.start < span.end <= end for span in spans)


# --- sections -------------------------------------------------------------------------

OUTLINE = b"""# Title

Intro paragraph.

## Part A

3. First point is here. Second sentence.

### Sub A1

Text a1.

## Part B

II. Roman numbered paragraph text.

# Annex

More.
"""


@pytest.fixture(scope="module")
def outline() -> Document:
    return read_bytes(OUTLINE, source="outline.md", fmt="md", doc_id="outline")


def test_sections_nest_by_heading_level(outline: Document) -> None:
    sections = sections_of(outline)
    described = [
        (section.level, outline.quote(section.heading) if section.heading else None, section.parent)
        for section in sections
    ]
    assert described == [
        (0, None, None),
        (1, "Title", None),
        (2, "Part A", 1),
        (3, "Sub A1", 2),
        (2, "Part B", 1),
        (1, "Annex", None),
    ]
    assert [section.index for section in sections] == list(range(len(sections)))
    blocks = [number for section in sections for number in section.blocks]
    assert blocks == list(range(len(outline.blocks)))


def test_sections_cover_their_text(outline: Document) -> None:
    sections = sections_of(outline)
    for section in sections[1:]:
        assert section.heading is not None
        assert section.span.start == section.heading.start
    for before, after in itertools.pairwise(sections[1:]):
        assert before.span.end == after.span.start
    assert sections[-1].span.end == len(outline.text)
    assert outline.text[sections[3].span.start : sections[3].span.end].strip() == "Sub A1\n\nText a1."


def test_segment_document(outline: Document) -> None:
    sections, found = segment_document(outline)
    quotes = [(outline.quote(sentence.span), sentence.section) for sentence in found]
    assert quotes[:5] == [
        ("Title", 1),
        ("Intro paragraph.", 1),
        ("Part A", 2),
        ("First point is here.", 2),
        ("Second sentence.", 2),
    ]
    assert ("Text a1.", 3) in quotes
    assert ("More.", 5) in quotes
    assert [sentence.index for sentence in found] == list(range(len(found)))
    for sentence in found:
        block = outline.blocks[sentence.block]
        assert block.span.contains(sentence.span)
        assert sentence.block in sections[sentence.section].blocks
    headings = [outline.quote(s.span) for s in found if outline.blocks[s.block].kind is BlockKind.HEADING]
    assert headings == ["Title", "Part A", "Sub A1", "Part B", "Annex"]


def test_segment_document_strips_a_roman_paragraph_number(outline: Document) -> None:
    _, found = segment_document(outline)
    quotes = [outline.quote(sentence.span) for sentence in found]
    assert "Roman numbered paragraph text." in quotes
    assert not any(quote in ("II.", "II") for quote in quotes)


def test_a_document_without_headings_is_one_section() -> None:
    document = read_bytes(b"ITU met UNESCO. They agreed.", source="plain.txt", fmt="txt", doc_id="plain")
    sections, found = segment_document(document)
    assert len(sections) == 1
    assert sections[0].heading is None
    assert [document.quote(sentence.span) for sentence in found] == ["ITU met UNESCO.", "They agreed."]
