"""Find dates in text and normalise them to ISO 8601 at the precision of the text.

"8 April 2019" -> ``2019-04-08``; "April 2019" -> ``2019-04``; "in mid-2020" -> ``2020``;
"8-12 April 2019" and "8 to 12 April 2019" -> ``2019-04-08`` .. ``2019-04-12``; "FY2019" ->
``2019``; "in December" takes its year from context (:func:`find_dates` ``default_year``).
Numbers that only look like years ("resolution 2006/46", "2,300 participants") are not dates,
and impossible days ("31 April") are not invented.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from wsisgraph.model import DateValue, Span

__all__ = ["DateMention", "find_dates", "iso", "month_number"]

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[4-9]\d|20\d\d|2100)"
_DASH = r"\s*(?:-|–|—|‐|to|until|till|through|and)\s*"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"

_RELATIVE_YEAR = r"(?:of\s+)?(?:the\s+)?(?P<rel>previous|preceding|last|following|next|same)\s+year\b"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "from 16 to 18 December of the previous year", "in March of last year": a year relative to
    # the year the text speaks of
    (
        "rel",
        re.compile(
            rf"\b(?:(?P<d1>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+)?(?P<m1>{_MONTH})\s+{_RELATIVE_YEAR}"
            rf"|\b(?P<m2>{_MONTH})\s+(?P<d3>{_DAY})(?:{_DASH}(?P<d4>{_DAY}))?,?\s+"
            + _RELATIVE_YEAR.replace("rel", "rel2")
        ),
    ),
    # 28 March to 1 April 2022 / 29 October - 16 November 2018
    (
        "dmdmy",
        re.compile(
            rf"\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?{_DASH}"
            rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b"
        ),
    ),
    # 16, 17 and 19 September 2022: the first and last of the days listed
    (
        "ddmy",
        re.compile(
            rf"\b(?P<d1>{_DAY})(?:\s*,\s*{_DAY})+,?\s+(?:and|&)\s+(?P<d2>{_DAY})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b"
        ),
    ),
    # 8-12 April 2019 / 17 to 21 May 2021 / 3 and 4 July 2023
    (
        "ddmy",
        re.compile(rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b"),
    ),
    # April 8-12, 2019
    (
        "mddy",
        re.compile(rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY}),?\s+(?P<y1>{_YEAR})\b"),
    ),
    # April 28 to May 1, 2022
    (
        "mdmdy",
        re.compile(
            rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s+"
            rf"(?P<y2>{_YEAR})\b"
        ),
    ),
    # Friday, 12 April 2019
    ("dmy", re.compile(rf"\b{_WEEKDAY}(?P<d1>{_DAY})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b")),
    # April 17, 2019
    ("mdy", re.compile(rf"\b{_WEEKDAY}(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),\s*(?P<y1>{_YEAR})\b")),
    # 2019-04-12
    (
        "iso",
        re.compile(r"\b(?P<y1>(?:19|20)\d\d)-(?P<m1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])\b"),
    ),
    # June to August 2020
    ("mmy", re.compile(rf"\b(?P<m1>{_MONTH}){_DASH}(?P<m2>{_MONTH})\s+(?P<y1>{_YEAR})\b")),
    # mid-March 2022, early April 2020, April 2019
    (
        "my",
        re.compile(
            rf"\b(?:(?:mid|early|late|end)[- ](?:of\s+)?)?(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b",
            re.IGNORECASE,
        ),
    ),
    # the second half of 2020, the first quarter of 2021, Q1 2020, mid-2020, early 2021
    (
        "y",
        re.compile(
            rf"\b(?:(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of\s+|"
            rf"Q[1-4]\s+|H[12]\s+|(?:mid|early|late)[- ]|(?:the\s+)?(?:end|beginning|start|middle)"
            rf"\s+of\s+)(?P<y1>{_YEAR})\b",
            re.IGNORECASE,
        ),
    ),
    # FY2019, FY 2019
    ("fy", re.compile(rf"\bFY\s?(?P<y1>{_YEAR})\b")),
    # 2017-2020, 2017–2020 (a span of years)
    (
        "yy",
        re.compile(
            rf"(?<![/\d.,])\b(?P<y1>{_YEAR})\s*(?:-|–|—|to)\s*(?P<y2>{_YEAR})\b"
            rf"(?![/\d])"
        ),
    ),
    # 2018 (not 2006/46, 2,300 or 2018.5)
    (
        "year",
        re.compile(rf"(?<![/\d.,$])\b(?P<y1>{_YEAR})\b(?![/\d]|,\d|\.\d|\s?(?:per\s?cent|%))"),
    ),
    # in December (year from context)
    (
        "m",
        re.compile(rf"\b(?i:in|since|until|by|from|during|of|early|late|mid-)\s+(?P<m1>{_MONTH})\b(?!\s+\d)"),
    ),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text: its span, value (with end for ranges) and how it was written."""

    span: Span
    date: DateValue
    pattern: str
    year_from_context: bool = False


def month_number(word: str) -> int:
    """The number of a month name or abbreviation ("Sept." -> 9)."""
    if word.isdigit():
        return int(word)
    return _MONTHS[word.lower().rstrip(".")]


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text for a date at the given precision, or None if the date cannot exist.

    >>> iso(2019, 4, 8), iso(2019, 4), iso(2019), iso(2019, 4, 31)
    ('2019-04-08', '2019-04', '2019', None)
    """
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


def _value(kind: str, groups: dict[str, str | None], default_year: int | None) -> DateValue | None:
    def number(name: str) -> int | None:
        text = groups.get(name)
        return int(text) if text else None

    def month(name: str) -> int | None:
        text = groups.get(name)
        return month_number(text) if text else None

    y1, y2, m1, m2 = number("y1"), number("y2"), month("m1"), month("m2")
    d1, d2 = _day(groups.get("d1")), _day(groups.get("d2"))
    if kind == "rel":
        if default_year is None:
            return None
        relation = (groups.get("rel") or groups.get("rel2") or "same").lower()
        year = default_year + {"previous": -1, "preceding": -1, "last": -1, "following": 1, "next": 1}.get(relation, 0)
        month_value = m1 or m2
        first = d1 or _day(groups.get("d3"))
        last = d2 or _day(groups.get("d4"))
        start = iso(year, month_value, first)
        end = iso(year, month_value, last) if last else None
        if start is None or (end is not None and end < start):
            return None
        return DateValue(start, end or "")
    if kind in ("dmdmy", "mdmdy"):
        y2 = y2 or y1
        y1 = y1 or y2
        assert y1 is not None and y2 is not None
        start, end = iso(y1, m1, d1), iso(y2, m2, d2)
        if start and end and start > end and not groups.get("y1"):
            start = iso(y1 - 1, m1, d1)  # "28 December to 3 January 2021"
    elif kind in ("ddmy", "mddy"):
        assert y1 is not None
        start, end = iso(y1, m1, d1), iso(y1, m1, d2)
    elif kind == "mmy":
        assert y1 is not None
        start, end = iso(y1, m1), iso(y1, m2)
    elif kind == "yy":
        assert y1 is not None and y2 is not None
        start, end = iso(y1), iso(y2)
    elif kind == "m":
        if default_year is None:
            return None
        start, end = iso(default_year, m1), None
    else:
        assert y1 is not None
        start, end = iso(y1, m1, d1), None
    if start is None or (end is not None and end < start):
        return None
    return DateValue(start, end or "")


def _anchor_year(
    text: str, start: int, match: re.Match[str], default_year: int | None, reporting_year: int | None
) -> int | None:
    """The year a relative date counts from: "last year" and "next year" from the time of
    writing (the year after the one reported on), "the previous year" and "the following
    year" from the last year the sentence names before it, else the context's year."""
    relation = (match.group("rel") or match.group("rel2") or "").lower()
    if relation in ("last", "next"):
        return reporting_year + 1 if reporting_year else default_year
    years = re.findall(rf"\b({_YEAR})\b", text[start : match.start()])
    return int(years[-1]) if years else default_year


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    default_year: int | None = None,
    reporting_year: int | None = None,
) -> list[DateMention]:
    """Dates in ``text[start:end]``, longest first where written forms overlap.

    >>> [(m.date.value, m.date.end) for m in find_dates("held from 8 to 12 April 2019 in Geneva")]
    [('2019-04-08', '2019-04-12')]
    >>> [m.date.value for m in find_dates("resolution 2006/46 of 28 July 2006; 2,300 people")]
    ['2006-07-28']
    >>> [m.date.value for m in find_dates("in December", default_year=2020)]
    ['2020-12']
    """
    stop = len(text) if end is None else end
    taken: list[Span] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, stop):
            span = Span(match.start(), match.end())
            if any(span.overlaps(other) for other in taken):
                continue
            anchor = _anchor_year(text, start, match, default_year, reporting_year) if kind == "rel" else default_year
            value = _value(kind, match.groupdict(), anchor)
            if value is None:
                if kind != "m":
                    taken.append(span)  # "31 April 2019" is no date, not "April 2019"
                continue
            taken.append(span)
            found.append(DateMention(span, value, kind, year_from_context=kind in ("m", "rel")))
    found.sort(key=lambda mention: mention.span.start)
    return found


def iter_years(text: str) -> Iterator[int]:
    """Every plausible year written in ``text``."""
    for mention in find_dates(text):
        yield int(mention.date.value[:4])
