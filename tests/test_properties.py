"""Properties of the readers, the date normaliser and IRI minting, on any input (hypothesis).

* readers: any text in -> blocks whose offsets cut the document's text exactly (blank line
  between blocks, `` | `` between cells), clean inline text, no words the input did not
  have; any bytes in -> a Document or a ReadError, never another exception;
* dates: ISO 8601 at the precision written, a plausible year (1900-2100) that the quote
  states, ranges never inverted;
* IRIs: deterministic, injective and valid for Oxigraph and rdflib for any string, quotes,
  angle brackets, spaces, newlines and unicode included; a document's emitted graph loads.

The example counts are small so the module runs in seconds; ``benchmarks/fuzz_readers.py``
runs the readers on mutated real documents for as long as one likes.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import re
import unicodedata
from collections import Counter
from dataclasses import replace

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from wsisgraph.emit import document_iri, emit_document, entity_iri, fact_iri
from wsisgraph.errors import WsisgraphError
from wsisgraph.extract import extract_document
from wsisgraph.extract.dates import DateMention, find_dates
from wsisgraph.gazetteer import slug
from wsisgraph.model import BlockKind, DateValue, Document, Evidence, Fact, FactKind, Span
from wsisgraph.read import ReadLimits, read_bytes
from wsisgraph.store.base import ntriples_lines

# derandomize: the same examples on every run, so CI never fails by luck; a longer search
# for new counterexamples is a by-hand job (more examples, or benchmarks/fuzz_readers.py)
FAST = settings(
    max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=15, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

TEXT_FORMATS = ("md", "txt", "html")

# Pieces of Markdown, HTML and plain-text layout mixed with arbitrary text, so that the
# readers meet headings, lists, tables, emphasis, entities and broken markup, not only noise.
_MARKUP = st.sampled_from(
    [
        "\n",
        "\n\n",
        "# ",
        "## ",
        "### ",
        "- ",
        "  - ",
        "* ",
        "1. ",
        "(a) ",
        "**",
        "_",
        "`",
        "> ",
        "    ",
        "---\n",
        "===\n",
        "| a | b |\n|---|---|\n| c | d |\n",
        "| x |",
        "<p>",
        "</p>",
        "<h2>",
        "</h2>",
        "<ul><li>",
        "</li></ul>",
        "<table><tr><td>",
        "</td><td>",
        "</td></tr></table>",
        "<br>",
        "<sup>2</sup>",
        "<script>x()</script>",
        "<!-- c -->",
        '<img alt="logo">',
        "<",
        ">",
        '"',
        "'",
        "\\",
        "\t",
        "\r\n",
        "\u00a0",
        "\u00ad",
        "\u200b",
        "e\u0301",
        "ITU",
        "UNESCO",
        "the UN E-waste Coalition",
        " in Geneva in May 2019.",
        "I.  ACTION LINE C3: ACCESS TO INFORMATION",
    ]
)
LAYOUT_TEXT = st.lists(st.one_of(st.text(max_size=12), _MARKUP), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(), LAYOUT_TEXT)

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _read(text: str, fmt: str) -> Document | None:
    """The Document of ``text`` in ``fmt``, or None when the reader refuses it (a ReadError)."""
    try:
        return read_bytes(text.encode("utf-8"), source=f"test.{fmt}", fmt=fmt, doc_id="test")
    except WsisgraphError:
        return None


# --- readers --------------------------------------------------------------------------------


def check_blocks(document: Document) -> None:
    """Every block's offsets cut the text exactly, in order, a blank line between blocks."""
    assert document.blocks, "a Document without blocks"
    pieces = []
    for block in document.blocks:
        quote = document.text[block.span.start : block.span.end]
        assert quote, block
        if block.kind is BlockKind.TABLE_ROW:
            cells = [document.text[cell.start : cell.end] for cell in block.cells]
            assert " | ".join(cells) == quote, block
            assert all(block.span.contains(cell) for cell in block.cells)
        pieces.append(quote)
    assert "\n\n".join(pieces) == document.text


def check_clean(document: Document) -> None:
    """Block text (a table row: each cell's) is inline text: stripped, single spaces, no controls, NFC."""
    for block in document.blocks:
        # an empty cell keeps its place between separators, so a row is checked cell by cell
        spans = block.cells if block.kind is BlockKind.TABLE_ROW else (block.span,)
        for span in spans:
            _check_inline(document.text[span.start : span.end], block)


def _check_inline(quote: str, block: object) -> None:
    assert quote == quote.strip(), block
    assert "\n" not in quote and "\r" not in quote and "\t" not in quote and "  " not in quote, block
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u00ad]", quote), block
    assert unicodedata.is_normalized("NFC", quote), block


def _alnum(text: str) -> Counter[str]:
    normal = unicodedata.normalize("NFC", text).translate(_SUPERSCRIPTS)
    return Counter(c for c in normal if c.isalnum())


def check_not_invented(text: str, document: Document) -> None:
    """Every letter and digit of the document's text comes from the input."""
    assert not _alnum(document.text) - _alnum(text)


@FAST
@given(ANY_TEXT, st.sampled_from(TEXT_FORMATS))
def test_block_offsets_cut_the_text_exactly(text: str, fmt: str) -> None:
    document = _read(text, fmt)
    assume(document is not None)
    check_blocks(document)
    check_clean(document)


@FAST
@given(ANY_TEXT.filter(lambda t: "&" not in t), st.sampled_from(TEXT_FORMATS))
def test_readers_never_invent_text(text: str, fmt: str) -> None:
    # Without "&" no entity can decode into new letters (raised footnote numbers come back
    # as superscript digits, counted as the digits they were).
    document = _read(text, fmt)
    assume(document is not None)
    check_not_invented(text, document)


def test_a_nested_html_table_is_read_once() -> None:
    """A table in a table cell is read once, as a table of its own after the row holding it
    (found by test_readers_never_invent_text with '<table><td><table><td>0')."""
    html = "<table><tr><td>A</td><td><table><tr><td>B</td><td>C</td></tr></table></td></tr></table>"
    document = _read(html, "html")
    assert document is not None
    assert _alnum(document.text) == _alnum("ABC"), document.text
    rows = [document.text[b.span.start : b.span.end] for b in document.blocks if b.kind.value == "table_row"]
    assert rows == ["A | ", "B | C"], rows


@FAST
@given(ANY_TEXT)
def test_plain_text_keeps_the_order_of_the_words(text: str) -> None:
    document = _read(text, "txt")
    assume(document is not None)
    source = iter(c for c in unicodedata.normalize("NFC", text) if c.isalnum())
    # the letters of the text are a subsequence of those of the input
    assert all(c in source for c in document.text if c.isalnum())


@FAST
@given(st.binary(max_size=2000), st.sampled_from((*TEXT_FORMATS, "docx", "pdf")))
def test_garbage_bytes_give_a_document_or_a_read_error(data: bytes, fmt: str) -> None:
    with contextlib.suppress(WsisgraphError):
        read_bytes(data, source=f"garbage.{fmt}", fmt=fmt, doc_id="garbage", limits=ReadLimits(max_pages=5))


@FAST
@given(st.binary(min_size=1, max_size=300), st.sampled_from(TEXT_FORMATS))
def test_text_that_is_not_utf8_is_decoded_or_refused(data: bytes, fmt: str) -> None:
    payload = b"Submission by the International Telecommunication Union. " * 3 + data
    try:
        document = read_bytes(payload, source=f"x.{fmt}", fmt=fmt, doc_id="x")
    except WsisgraphError:
        return
    assert document.text


# --- dates ----------------------------------------------------------------------------------

DAYS = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2099, 12, 31))
_ISO = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}


def _check_iso(value: str) -> datetime.datetime:
    assert len(value) in _ISO, value
    parsed = datetime.datetime.strptime(value, _ISO[len(value)])
    assert 1900 <= parsed.year <= 2100, value
    return parsed


_DATE_WORDS = st.sampled_from(
    [
        "1",
        "7",
        "28",
        "29",
        "30",
        "31",
        "00",
        "13",
        "January",
        "February",
        "Feb.",
        "May",
        "may",
        "Sept",
        "December",
        "1899",
        "1900",
        "1939",
        "1940",
        "2019",
        "2024",
        "2100",
        "2101",
        "9999",
        "2019-02-29",
        "2020-02-29",
        "2019-13-01",
        "to",
        "until",
        "through",
        "-",
        "–",
        "and",
        ",",
        "/",
        ".",
        "in",
        "since",
        "mid-",
        "late",
        "Q3",
        "FY",
        "the",
        "first",
        "half",
        "of",
        "%",
        "Monday,",
    ]
)
DATE_TEXT = st.one_of(st.text(), st.lists(_DATE_WORDS, max_size=12).map(" ".join))


def check_dates(text: str, mentions: list[DateMention], default_year: int | None) -> None:
    """ISO at one precision, a plausible year the quote states, ranges not inverted, in order."""
    previous_end = 0
    for mention in mentions:
        start = _check_iso(mention.date.value)
        assert previous_end <= mention.span.start, "overlapping or unsorted mentions"
        previous_end = mention.span.end
        if mention.date.end:
            end = _check_iso(mention.date.end)
            assert len(mention.date.end) == len(mention.date.value), mention  # one precision
            assert end >= start, mention
        quote = text[mention.span.start : mention.span.end]
        last_year = (mention.date.end or mention.date.value)[:4]
        if mention.year_from_context:
            assert last_year == str(default_year), mention
        else:
            assert last_year in quote, (mention, quote)  # the year comes from the text


@FAST
@given(DATE_TEXT, st.none() | st.integers(1900, 2100))
def test_dates_are_iso_at_one_precision_with_a_plausible_year(text: str, default_year: int | None) -> None:
    check_dates(text, find_dates(text, default_year=default_year), default_year)


@FAST
@given(DAYS, st.sampled_from(["{m} {y}", "in {m} {y}", "mid-{m} {y}", "{m}, {y}"]))
def test_a_month_written_out_reads_back_at_month_precision(day: datetime.date, pattern: str) -> None:
    text = pattern.format(m=calendar.month_name[day.month], y=day.year)
    assert [(m.date.value, m.date.end) for m in find_dates(text)] == [(f"{day.year}-{day.month:02d}", "")], text


@FAST
@given(st.integers(1950, 2099), st.sampled_from(["{y}", "in {y}", "mid-{y}", "FY{y}", "the second half of {y}"]))
def test_a_year_written_out_reads_back_at_year_precision(year: int, pattern: str) -> None:
    text = pattern.format(y=year)
    assert [(m.date.value, m.date.end) for m in find_dates(text)] == [(str(year), "")], text


@FAST
@given(st.integers(1950, 2099), st.integers(1950, 2099), st.sampled_from(["-", "–", " to "]))
def test_a_span_of_years_is_never_inverted(first: int, second: int, dash: str) -> None:
    found = [(m.date.value, m.date.end) for m in find_dates(f"during {first}{dash}{second}")]
    if first < second:
        assert found == [(str(first), str(second))]
    else:
        assert all(not end or value <= end for value, end in found), found


@FAST
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1950, 2099))
def test_a_range_of_months_is_exact_or_absent(first: int, second: int, year: int) -> None:
    text = f"from {calendar.month_name[first]} to {calendar.month_name[second]} {year}"
    found = [(m.date.value, m.date.end) for m in find_dates(text)]
    if first < second:
        assert found == [(f"{year}-{first:02d}", f"{year}-{second:02d}")], text
    else:
        assert all(not end or value <= end for value, end in found), (text, found)


# --- IRIs -----------------------------------------------------------------------------------

HOSTILE = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(['"', "'", "<", ">", " ", "\n", "\r", "\t", "\\", "{", "}", "|", "^", "`", "#", "%", "?", "/"])
        | st.sampled_from(["..", ".", "é", "e\u0301", "ẞ", "Ⅻ", "\u202e", "\u0000", "😀", "日本", "%20", "%zz"])
        | st.text(max_size=4),
        max_size=12,
    ).map("".join),
)


def _valid_iri(iri: URIRef) -> None:
    ox.NamedNode(str(iri))  # raises ValueError for an invalid IRI
    assert not re.search(r'[\x00-\x20<>"{}|^`\\]', str(iri)), iri


@FAST
@given(HOSTILE, HOSTILE)
def test_entity_and_document_iris_are_valid_deterministic_and_injective(one: str, other: str) -> None:
    for mint in (entity_iri, document_iri):
        iri = mint(one)
        _valid_iri(iri)
        assert mint(one) == iri
        assert (mint(other) == iri) == (other == one), (mint.__name__, one, other)


@FAST
@given(HOSTILE)
def test_slugs_make_safe_keys(name: str) -> None:
    key = slug(name)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*|x", key), key
    assert slug(name) == key
    _valid_iri(entity_iri(f"org/{key}"))


_KEYS = st.lists(HOSTILE, min_size=1, max_size=4).map(tuple)


@FAST
@given(_KEYS, _KEYS, HOSTILE, st.sampled_from(list(FactKind)), st.none() | DAYS)
def test_fact_iris_depend_on_the_defining_roles_only(
    first: tuple[str, ...], second: tuple[str, ...], place: str, kind: FactKind, day: datetime.date | None
) -> None:
    roles = {
        FactKind.MEMBERSHIP: (("group", second), ("member", first)),
        FactKind.MANDATE: (("issuer", first), ("recipient", second)),
        FactKind.MEETING: (("organizers", first), ("participants", second)),
        FactKind.HANDOVER: (("from", first), ("to", second)),
        FactKind.ACTION_LINE: (("actor", first),),
        FactKind.FACILITATION: (("facilitator", first),),
        FactKind.COOPERATION: (("parties", first + second),),
    }[kind]
    date = DateValue(day.isoformat()) if day else None
    evidence = (Evidence("doc", Span(0, 1), "x", "rule", 0.5),)
    fact = Fact(kind, roles, evidence, date=date, place=place, values=(("action_line", "C7"),))
    iri = fact_iri(fact)
    _valid_iri(iri)
    other_evidence = (Evidence("another", Span(3, 9), "y", "other-rule", 0.9),)
    assert fact_iri(Fact(kind, roles, other_evidence, date=date, place=place, values=fact.values)) == iri
    if kind is FactKind.COOPERATION:
        reordered = (("parties", tuple(reversed(first + second))),)
        assert fact_iri(Fact(kind, reordered, evidence, date=date, place=place, values=fact.values)) == iri


@FAST
@given(HOSTILE)
def test_any_literal_survives_the_n_triples_written_to_the_store(value: str) -> None:
    lines = ntriples_lines([(entity_iri("org/x"), URIRef("https://example.org/p"), Literal(value))], "https://g/")
    parsed = list(ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES))
    assert [triple.object.value for triple in parsed] == [value]


@SLOW
@given(LAYOUT_TEXT, st.sampled_from(TEXT_FORMATS), HOSTILE)
def test_any_document_gives_a_graph_oxigraph_loads(text: str, fmt: str, doc_id: str) -> None:
    assume(doc_id)
    try:
        document = read_bytes(
            ("Submission by\n\nInternational Telecommunication Union\n\n" + text).encode(),
            source=f"doc.{fmt}",
            fmt=fmt,
            doc_id=doc_id,
        )
    except WsisgraphError:
        return
    triples = emit_document(extract_document(document), content_hash="h", version="v")
    lines = ntriples_lines(triples, document_iri(doc_id))
    store = ox.Store()
    store.load(("\n".join(lines) + "\n").encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://g/"))
    assert len(store) == len(set(lines))
    assert ox.NamedNode(str(document_iri(doc_id))) in {quad.subject for quad in store}


SAMPLES = {
    "md": "# Title\n\nSome text by ITU in Geneva.\n\n| a | b |\n|---|---|\n| c | d |\n",
    "txt": "TITLE\n\nSome text by ITU in Geneva.\n\n- item one\n- item two\n",
    "html": "<h1>Title</h1><p>Some text by ITU in Geneva.</p><table><tr><td>c</td><td>d</td></tr></table>",
}


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_the_reader_checks_can_fail(fmt: str) -> None:
    # the properties above are not vacuous: each check rejects a document broken its way
    document = _read(SAMPLES[fmt], fmt)
    assert document is not None and len(document.blocks) >= 3
    check_blocks(document)
    check_clean(document)
    check_not_invented(SAMPLES[fmt], document)
    first = document.blocks[0]
    shifted = replace(first, span=Span(first.span.start + 1, first.span.end))
    with pytest.raises(AssertionError):
        check_blocks(replace(document, blocks=(shifted, *document.blocks[1:])))
    with pytest.raises(AssertionError):
        check_clean(replace(document, text=document.text.replace("Some text", "Some\ttext")))
    with pytest.raises(AssertionError):
        check_not_invented(SAMPLES[fmt], replace(document, text=document.text.replace("ITU", "UPU")))


def test_the_date_checks_can_fail() -> None:
    text = "held from 8 to 12 April 2019"
    [mention] = find_dates(text)
    check_dates(text, [mention], None)
    for broken in (
        DateValue("2019-4-08", "2019-04-12"),
        DateValue("2019-04-12", "2019-04-08"),
        DateValue("2019-04-08", "2019-04"),
        DateValue("1850-04-08"),
        DateValue("2020-04-08"),
    ):
        with pytest.raises((AssertionError, ValueError)):
            check_dates(text, [replace(mention, date=broken)], None)
