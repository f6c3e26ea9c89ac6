"""Dates in text: ISO 8601 at the precision of the text, ranges kept, no invented days."""

from __future__ import annotations

import calendar
import datetime
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wsisgraph.extract.dates import find_dates, iso, month_number

SETTINGS = settings(max_examples=300, deadline=None, database=None)


def found(text: str, default_year: int | None = None) -> list[tuple[str, str]]:
    """(start, end) of every date in ``text``; end is "" for a single date."""
    return [(mention.date.value, mention.date.end) for mention in find_dates(text, default_year=default_year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 April 2019", [("2019-04-08", "")]),
        ("April 8, 2019", [("2019-04-08", "")]),
        ("on 8th April 2019", [("2019-04-08", "")]),
        ("8-12 April 2019", [("2019-04-08", "2019-04-12")]),
        ("8 – 12 April 2019", [("2019-04-08", "2019-04-12")]),
        ("8 to 12 April 2019", [("2019-04-08", "2019-04-12")]),
        ("April 8-12, 2019", [("2019-04-08", "2019-04-12")]),
        ("28 March to 1 April 2022", [("2022-03-28", "2022-04-01")]),
        ("28 December to 3 January 2021", [("2020-12-28", "2021-01-03")]),
        ("April 28 to May 1, 2022", [("2022-04-28", "2022-05-01")]),
        ("June to August 2020", [("2020-06", "2020-08")]),
        ("in mid-2020", [("2020", "")]),
        ("in the second half of 2020", [("2020", "")]),
        ("in the first quarter of 2021", [("2021", "")]),
        ("since early 2021", [("2021", "")]),
        ("by the end of 2023", [("2023", "")]),
        ("FY2019", [("2019", "")]),
        ("FY 2019", [("2019", "")]),
        ("June 2005", [("2005-06", "")]),
        ("in Sept. 2018", [("2018-09", "")]),
        ("mid-March 2022", [("2022-03", "")]),
        ("2017-2020", [("2017", "2020")]),
        ("on 2019-04-12", [("2019-04-12", "")]),
        ("29 February 2020", [("2020-02-29", "")]),
        ("Friday, 12 April 2019, 14:45-16:00", [("2019-04-12", "")]),
        ("resolution 2006/46 of 28 July 2006", [("2006-07-28", "")]),
    ],
)
def test_written_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_the_span_covers_the_written_date() -> None:
    text = "The Forum met on Friday, 12 April 2019, 14:45-16:00, in Geneva."
    (mention,) = find_dates(text)
    assert text[mention.span.start : mention.span.end] == "Friday, 12 April 2019"
    assert mention.date.precision == "day"
    assert not mention.year_from_context


def test_a_month_takes_its_year_from_context() -> None:
    assert found("in December", default_year=2020) == [("2020-12", "")]
    assert found("in December") == []
    (mention,) = find_dates("The Group met in December.", default_year=2020)
    assert mention.year_from_context


@pytest.mark.parametrize(
    "text",
    [
        "resolution 2006/46",
        "2,300 participants",
        "31 April 2019",
        "29 February 2019",
        "31 April to 2 May 2019",
        "per cent",
        "45 per cent",
        "2019 per cent",
        "12.5 per cent",
        "2018.5",
        "$2019",
        "2019%",
        "December",
        "ICT4D 1800",
    ],
)
def test_non_dates(text: str) -> None:
    assert found(text) == []


def test_an_impossible_day_is_not_a_month_either() -> None:
    values = [value for value, _ in found("The event of 31 April 2019 was moved.", default_year=2019)]
    assert "2019-04-31" not in values
    assert "2019-04" not in values
    assert values == []


def test_dates_come_in_text_order_without_overlap() -> None:
    text = "From 8 to 12 April 2019 in Geneva, then in June 2020, and again in mid-2021 (FY2022)."
    mentions = find_dates(text)
    assert [mention.date.value for mention in mentions] == ["2019-04-08", "2020-06", "2021", "2022"]
    spans = [mention.span for mention in mentions]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_a_window_of_the_text() -> None:
    text = "8 April 2019; 9 May 2020"
    assert [mention.date.value for mention in find_dates(text, 14)] == ["2020-05-09"]
    assert [mention.date.value for mention in find_dates(text, 0, 13)] == ["2019-04-08"]


@pytest.mark.parametrize(("word", "number"), [("January", 1), ("Sept.", 9), ("sep", 9), ("DEC", 12), ("May", 5)])
def test_month_number(word: str, number: int) -> None:
    assert month_number(word) == number


def test_iso_precision() -> None:
    assert iso(2019) == "2019"
    assert iso(2019, 4) == "2019-04"
    assert iso(2019, 4, 8) == "2019-04-08"
    assert iso(2019, 4, 31) is None
    assert iso(2019, 13) is None
    assert iso(1899) is None


# --- properties -----------------------------------------------------------------------

DATES = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2099, 12, 31))
ISO_PREFIX = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


def is_iso_prefix(value: str) -> bool:
    """Whether ``value`` is YYYY, YYYY-MM or YYYY-MM-DD of a date that exists."""
    match = ISO_PREFIX.fullmatch(value)
    if match is None:
        return False
    try:
        datetime.date(int(match["y"]), int(match["m"] or 1), int(match["d"] or 1))
    except ValueError:
        return False
    return True


@SETTINGS
@given(DATES)
def test_any_date_written_out_reads_back_exactly(day: datetime.date) -> None:
    month = calendar.month_name[day.month]
    for text in (f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", day.isoformat()):
        assert found(text) == [(day.isoformat(), "")], text
        assert found(f"It happened on {text}.") == [(day.isoformat(), "")], text


@SETTINGS
@given(DATES, st.integers(min_value=0, max_value=40))
def test_any_day_range_reads_back_exactly(start: datetime.date, length: int) -> None:
    end = start + datetime.timedelta(days=length)
    if (end.year, end.month) == (start.year, start.month):
        text = f"{start.day}-{end.day} {calendar.month_name[start.month]} {start.year}"
    else:
        text = (
            f"{start.day} {calendar.month_name[start.month]} {start.year} to "
            f"{end.day} {calendar.month_name[end.month]} {end.year}"
        )
    assert found(text) == [(start.isoformat(), end.isoformat())], text


WORDS = st.sampled_from(
    [
        "8",
        "12",
        "29",
        "31",
        "April",
        "February",
        "Sept.",
        "December",
        "2019",
        "2020",
        "1999",
        "to",
        "-",
        "–",
        "and",
        ",",
        "in",
        "mid-",
        "early",
        "FY",
        "the",
        "second",
        "half",
        "of",
        "per",
        "cent",
        "/",
        "Friday,",
    ]
)


@SETTINGS
@given(st.one_of(st.text(), st.lists(WORDS, max_size=10).map(" ".join)), st.none() | st.integers(1900, 2100))
def test_find_dates_never_invents_a_date(text: str, default_year: int | None) -> None:
    for mention in find_dates(text, default_year=default_year):
        assert is_iso_prefix(mention.date.value), mention
        assert mention.date.end == "" or is_iso_prefix(mention.date.end), mention
        assert mention.date.end == "" or mention.date.value <= mention.date.end, mention
        assert 0 <= mention.span.start < mention.span.end <= len(text)


@SETTINGS
@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 31))
def test_iso_is_none_exactly_for_impossible_days(year: int, month: int, day: int) -> None:
    try:
        expected: str | None = datetime.date(year, month, day).isoformat()
    except ValueError:
        expected = None
    assert iso(year, month, day) == expected


@SETTINGS
@given(st.integers(-5000, 5000), st.none() | st.integers(-20, 20))
def test_iso_out_of_range_is_none(year: int, month: int | None) -> None:
    result = iso(year, month)
    valid_month = month is None or 1 <= month <= 12
    assert (result is not None) == (1900 <= year <= 2100 and valid_month)


@pytest.mark.parametrize(
    ("text", "default", "reporting", "expected"),
    [
        # relative to the year the sentence names before it
        (
            "In 2016 the Forum, held from 3 to 5 May of the previous year, was reviewed",
            2018,
            None,
            ("2015-05-03", "2015-05-05"),
        ),
        ("It was moved to June 9 of the following year", 2011, None, ("2012-06-09", "")),
        ("in October of the same year", 2013, None, ("2013-10", "")),
        # "last year" counts from the time of writing: the year after the one reported on
        ("In March of last year the secretariat met", 2006, 2007, ("2007-03", "")),
        ("In March of last year the secretariat met", 2006, None, ("2005-03", "")),
    ],
)
def test_dates_relative_to_a_year(text: str, default: int, reporting: int | None, expected: tuple[str, str]) -> None:
    found = [m for m in find_dates(text, default_year=default, reporting_year=reporting) if m.pattern == "rel"]
    assert [(m.date.value, m.date.end) for m in found] == [expected]


def test_a_relative_year_without_a_month_is_no_date() -> None:
    assert [m for m in find_dates("the previous year was good", default_year=2020) if m.pattern == "rel"] == []
    assert find_dates("from 3 to 5 May of the previous year") == []  # no year to count from
