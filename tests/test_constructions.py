"""Constructions UN reports use to state facts, on invented documents, end to end.

Every document here is written for these tests (no sentence comes from the shipped or the
development corpus). All of them are ingested once into one store; each test reads the
facts of its own document, so a wrong fact elsewhere cannot hide or fake a result. Where
the extractor is known to be wrong, the test keeps its exact expectation and is marked
``xfail(strict=True)`` with what goes wrong and where the cause is thought to be.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from wsisgraph.emit import document_iri
from wsisgraph.facts import write_facts
from wsisgraph.ingest import ingest_files
from wsisgraph.query import run_query
from wsisgraph.store import Store, Value

Fact = dict[str, Any]

# --- the invented documents ------------------------------------------------------------

LISTS = """\
# Contribution of the Example Agency to the WSIS review

## Coalitions and networks

The members of the Digital Resilience Network are ITU, UNDP, UNCTAD and UNICEF.

UNESCO, WIPO as well as UPU are members of the Open Knowledge Partnership.

The Rural Connectivity Alliance brings together FAO; ILO; WMO; and UNIDO.

The members of the Green Computing Network are:

- UNEP
- ITU
- UN-Habitat

The Sahel Broadband Initiative comprises the following partner agencies:

- ECA
- UNDP
- UNICEF

The members of the Data Literacy Network are:

- ILO and UNITAR (co-leads)
- UNICEF

## Tables

The members of the Climate Data Initiative are listed in the table below.

| Member | Role |
|---|---|
| ESCAP | chair |
| ECA | member |
| UNITAR | member |

## Asides and notes

The founding partners of the Mobile Learning Alliance (UNICEF, ITU (through its Development \
Sector) and UNESCO (via its Institute for Information Technologies in Education)) met twice in 2021.

The members of the Ocean Observation Network include WMO,3 UNEP,4 and UNESCO.

The members of the Skills Compact are UNITAR[^2], ILO[^3] and UNICEF.

The members of the Heritage Data Network are UNESCO¹, WIPO² and UNU³.

The members of the Youth Coding Alliance are UNICEF and ITU.

[^2]: Through its Geneva office.
[^3]: Since 2018.
"""

SUBMISSION_TABLE = """\
# Commission on Science and Technology for Development

Submission by

United Nations Institute for Training and Research

## Partnerships in 2022

| Partner | Focus of the work |
|---|---|
| Global E-waste Skills Alliance | training of trainers |
| UNEP | e-waste curricula |
| ITU | digital skills for youth |
"""

PARTNERS_HTML = """\
<html><body>
<h1>Commission on Science and Technology for Development</h1>
<p>Submission by</p>
<p>United Nations Environment Programme</p>
<h2>Partnerships</h2>
<p>UNEP works with the partners listed in the table below.</p>
<table>
<tr><th>Partner</th><th>Area of work</th></tr>
<tr><td>Environmental Statistics Alliance</td><td>indicator methods</td></tr>
<tr><td>UNITAR</td><td>e-waste training</td></tr>
<tr><td>WMO</td><td>climate services</td></tr>
</table>
<h2>Networks</h2>
<p>The members of the Smart Water Alliance are listed below.</p>
<table>
<tr><th>Member</th><th>Since</th></tr>
<tr><td>UNEP</td><td>2016</td></tr>
<tr><td>WMO</td><td>2017</td></tr>
<tr><td>UN-Habitat</td><td>2018</td></tr>
</table>
<p>The members of the Urban Heat Network are UNEP<sup>2</sup>, WMO<sup>3</sup> and UN-Habitat.</p>
</body></html>
"""

ACRONYMS = """\
# Report of the Example Agency

## Resilience

In 2018, ITU and UNDP founded the Digital Resilience Coalition (DRC). UNCTAD joined the DRC in 2020.

## Open data

The Open Data Partnership (ODP) brings together UNESCO and WIPO. UPU joined the ODP in 2021.

## Skills

ASN (Africa Skills Network) was founded by ILO and UNITAR. In 2022, UNICEF joined the ASN.
"""

COREFERENCE = """\
# Report of the Example Agency

## Inclusion

The Digital Inclusion Coalition was established in 2018. The Coalition brings together UNICEF and UNDP.

## Villages

The Smart Villages Partnership brings together FAO and ITU. In 2020, UNIDO joined the Partnership.

## Skills

The Broadband Skills Network was launched in 2019. ILO and UNITAR are members of the Network.

## Open science

The Open Science Compact was formed in 2016. Its members are UNESCO, WIPO and UNU.

## Stewardship

The Data Stewardship Group was set up in 2015. The members of the Group are ESCAP, ECA and UNU.

## Finance

The Inclusive Finance Coalition was launched by UNCTAD and UNDP in 2017. The Coalition was later joined by ILO.

## Health

ITU and WHO co-organized a regional workshop on digital health in Cairo on 4 March 2020. Both agencies \
jointly published a handbook on telemedicine later that year.

## Climate

UNEP and WMO each submitted inputs on early warning. The two organizations have jointly developed a \
drought monitoring portal.
"""

COREFERENCE_ELSEWHERE = """\
# A second report of the Example Agency

## Activities

In 2021, UNIDO joined the Coalition.

ESCAP is a member of the Partnership.
"""

DATES = """\
# Report of the Example Agency on its activities in 2019

## Workshops

UNCTAD organized a regional workshop on e-commerce statistics in Nairobi on 8 April 2019.

ITU convened a workshop on spectrum management in Bangkok on April 9, 2019.

UNESCO hosted a forum on open science in Paris on 8-12 April 2019.

FAO organized a consultation on digital agriculture in Rome from 8 to 12 April 2019.

UNEP held a dialogue on e-waste in Mombasa in mid-2020.

WMO convened a workshop on climate services in Geneva in the second half of 2020.

UNDP organized a seminar on digital public goods in New York in FY2019.

## Training in 2019

ILO hosted a workshop on platform work in Turin in December.

## Outreach

In 2016 UNICEF expanded its data work. UNICEF convened a workshop on child rights in Montevideo in March.

UPU organized a regional seminar on postal e-commerce in Tunis in early 2021.

UNICEF convened a workshop on child online safety in Quito on 4 May 2018.

## Numbers that are not dates

In line with General Assembly resolution 70/125, UNIDO organized a workshop on industrial data in Vienna in 2019.

Pursuant to Resolution 70/125, WIPO organized a conference on patent statistics in Lyon on 3 May 2018.

ITU organized a conference on connectivity in Kigali in May 2017, which drew 2,019 participants.

UNESCO organized an expert group meeting on open educational resources in Dakar on 9 October 2019.
"""

NOT_FACTS = """\
# Report of the Example Agency

## Memberships

The Blue Economy Network brings together UNEP and IMO.

WHO did not join the Digital Inclusion Compact.

ITU is not a member of the Broadband Equity Initiative.

UNICEF was not part of the Clean Air Network.

UNDP plans to join the Smart Villages Compact in 2026.

If funding allows, UNCTAD would join the Rural Trade Alliance.

FAO joined the Blue Economy Network as an observer in 2019.

The Agritech Partnership brings together IFAD and WFP; FAO participates as an observer.

UNIDO was invited to join the Green Industry Platform.

The Digital Skills Coalition welcomed UNITAR and thanked ILO for their support.

## Cooperation

According to a report by the World Bank, UNDP and UNCTAD jointly published a study on digital trade in 2020.

UNEP and UNITAR announced that they would work together on e-waste training.

## Events

The fifth Global Dialogue on Data Governance will be held in Geneva on 14-16 October 2027.

The Knowledge Society Council is expected to convene in Bangkok in March 2026.

UNESCO will organize a symposium on media literacy in Paris in 2027.

The third regional forum on digital trade will be held in Tashkent in 2027.

ITU organized a symposium on cybersecurity in Accra on 2 June 2021, attended by UNDP as an observer.

UNCTAD organized a workshop on e-commerce in Harare on 27 April 2022; UNEP was invited but did not attend.

ECA convened a workshop on digital identity in Addis Ababa on 7 July 2021 and thanked UNDP for its support.
"""

MEMBER_TIMES = """\
# Report of the Example Agency

## Memberships over time

UNICEF joined the Digital Learning Coalition in 2014.

Since November 2020, UNEP has been a partner of the Clean Air Network.

UNCTAD was a member of the Trade Facilitation Alliance until 2019.

UNIDO has been a member of the Green Industry Platform since early 2021.

The members of the Green Data Alliance are:

- UNEP
- ITU, which joined in 2018
"""

SHARED_ONE = """\
# Annual report of UNESCO

## Media and information literacy

UNESCO is a member of the Media Literacy Alliance.

UNESCO organized a workshop on media literacy in Dakar on 5 May 2021.

UNESCO organized a training seminar on fact-checking in Accra in June 2021. The seminar, held in Accra on \
14 June 2021, was attended by UNDP.
"""

SHARED_TWO = """\
# Note by the Media Literacy Alliance secretariat

## Membership

The members of the Media Literacy Alliance include UNESCO, UNICEF and ITU.

UNICEF is a member of the Media Literacy Alliance, and UNICEF also chairs the Media Literacy Alliance.

In May 2021, UNESCO held a workshop on media literacy in Dakar.
"""

TEXT_DOCUMENTS = {
    "lists.md": LISTS,
    "submission-table.md": SUBMISSION_TABLE,
    "partners.html": PARTNERS_HTML,
    "acronyms.md": ACRONYMS,
    "coreference.md": COREFERENCE,
    "coreference-elsewhere.md": COREFERENCE_ELSEWHERE,
    "dates.md": DATES,
    "not-facts.md": NOT_FACTS,
    "member-times.md": MEMBER_TIMES,
    "shared-one.md": SHARED_ONE,
    "shared-two.md": SHARED_TWO,
}

# --- PDF and DOCX ------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    """Encode text as a PDF literal string in WinAnsi (cp1252)."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += f"\\{byte:03o}".encode()
        else:
            out.append(byte)
    return bytes(out + b")")


def make_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF: a bold title, then body lines 12 points apart (as tests/test_read_docx_pdf.py)."""
    placed = [(72.0, 780.0, 14.0, True, title)] + [(72.0, 700.0 - 12 * i, 10.0, False, t) for i, t in enumerate(lines)]
    stream = b"".join(
        b"BT /%s %g Tf %g %g Td %s Tj ET\n" % (b"F2" if bold else b"F1", size, x, y, _pdf_string(text))
        for x, y, size, bold, text in placed
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [5 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


HYPHENATED_LINES = [
    "The members of the Digital Inclusion Coali-",
    "tion are UNICEF, UNDP and ITU. The Clean Air Partner-",
    "ship brings together UNEP, WHO and UN-",
    "Habitat. ITU and UNESCO jointly devel-",
    "oped a toolkit on media and information literacy.",
]


def make_docx() -> bytes:
    """A DOCX submission with a members table, a partners table and a members sentence."""
    import docx

    document = docx.Document()
    document.add_heading("Commission on Science and Technology for Development", level=1)
    document.add_paragraph("Submission by")
    document.add_paragraph("Economic and Social Commission for Asia and the Pacific")
    document.add_heading("Regional cooperation", level=2)
    document.add_paragraph("The members of the Regional Data Hub are listed in the table below.")
    members = document.add_table(rows=4, cols=2)
    for row, values in enumerate([["Member", "Role"], ["UNDP", "chair"], ["ITU", "member"], ["UNICEF", "member"]]):
        for column, value in enumerate(values):
            members.cell(row, column).text = value
    document.add_paragraph("ESCAP cooperates with the partners below.")
    partners = document.add_table(rows=3, cols=2)
    for row, values in enumerate(
        [["Partner", "Topic"], ["Pacific Cable Initiative", "submarine cables"], ["UNU", "e-waste"]]
    ):
        for column, value in enumerate(values):
            partners.cell(row, column).text = value
    document.add_paragraph("The members of the Pacific Connectivity Alliance are ITU, UNDP and WMO.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- fixtures and helpers ----------------------------------------------------------------


def write_documents(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXT_DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "hyphenated.pdf").write_bytes(make_pdf("Report of the Example Agency", HYPHENATED_LINES))
    (folder / "escap-docx.docx").write_bytes(make_docx())
    return folder


DOCUMENT_IDS = {Path(name).stem for name in TEXT_DOCUMENTS} | {"hyphenated", "escap-docx"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_documents(tmp_path_factory.mktemp("constructions") / "docs")


@pytest.fixture(scope="module")
def store(documents: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store holding every invented document, open for the whole module."""
    opened = Store(tmp_path_factory.mktemp("constructions-store") / "store")
    try:
        report = ingest_files(opened, [documents])
        assert [outcome.error for outcome in report.failed] == []
        assert {outcome.document for outcome in report.outcomes} == DOCUMENT_IDS
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="module")
def facts(store: Store) -> list[Fact]:
    stream = io.StringIO()
    count = write_facts(store, stream)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(records) == count
    return records


def members(facts: list[Fact], document: str, group: str | None = None) -> set[tuple[str, str]]:
    """(member, group) pairs of a document, optionally of one group only."""
    return {
        (fact["member"], fact["group"])
        for fact in facts
        if fact["document"] == document and fact["type"] == "membership" and (group is None or fact["group"] == group)
    }


def members_of(facts: list[Fact], document: str, group: str) -> set[str]:
    return {member for member, _ in members(facts, document, group)}


def cooperations(facts: list[Fact], document: str) -> set[frozenset[str]]:
    return {
        frozenset(fact["parties"]) for fact in facts if fact["document"] == document and fact["type"] == "cooperation"
    }


def meetings(facts: list[Fact], document: str) -> list[Fact]:
    return [fact for fact in facts if fact["document"] == document and fact["type"] == "meeting"]


def meeting_at(facts: list[Fact], document: str, place: str) -> Fact:
    found = [fact for fact in meetings(facts, document) if fact["place"] == place]
    assert len(found) == 1, f"{len(found)} meetings in {place}: {meetings(facts, document)}"
    return found[0]


def _rows(store: Store, sparql: str, **bindings: str) -> list[dict[str, str | None]]:
    answer = store.query(sparql, bindings={name: Value("literal", value) for name, value in bindings.items()})
    return [{name: value.value if value else None for name, value in row.items()} for row in answer.dicts()]


_MEETING_SPAN = """
SELECT ?start ?end ?planned WHERE { GRAPH ?g {
  ?g dcterms:identifier ?doc .
  ?meeting a wsis:Meeting ; schema:location/skos:prefLabel ?place .
  OPTIONAL { ?meeting schema:startDate ?start }
  OPTIONAL { ?meeting schema:endDate ?end }
  OPTIONAL { ?meeting wsis:planned ?planned }
} }"""

_MEMBERSHIP_TIME = """
SELECT ?since ?until WHERE { GRAPH ?g {
  ?g dcterms:identifier ?doc .
  ?fact a wsis:MembershipFact ; org:member/skos:prefLabel ?member ; org:organization/skos:prefLabel ?group .
  OPTIONAL { ?fact org:memberDuring/time:hasBeginning/(time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate) ?since }
  OPTIONAL { ?fact org:memberDuring/time:hasEnd/(time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate) ?until }
} }"""


def meeting_span(store: Store, document: str, place: str) -> tuple[str | None, str | None, bool]:
    """The start date, end date and planned flag in the graph of the one meeting at ``place``."""
    rows = _rows(store, _MEETING_SPAN, doc=document, place=place)
    assert len(rows) == 1, rows
    return rows[0]["start"], rows[0]["end"], rows[0]["planned"] == "true"


def membership_time(store: Store, document: str, member: str, group: str) -> tuple[str | None, str | None]:
    rows = _rows(store, _MEMBERSHIP_TIME, doc=document, member=member, group=group)
    assert len(rows) == 1, rows
    return rows[0]["since"], rows[0]["until"]


# --- 1. lists ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        pytest.param("Digital Resilience Network", {"ITU", "UNDP", "UNCTAD", "UNICEF"}, id="commas-and"),
        pytest.param("Open Knowledge Partnership", {"UNESCO", "WIPO", "UPU"}, id="as-well-as"),
        pytest.param("Rural Connectivity Alliance", {"FAO", "ILO", "WMO", "UNIDO"}, id="semicolons"),
        pytest.param("Green Computing Network", {"UNEP", "ITU", "UN-Habitat"}, id="bullets-after-are"),
        pytest.param("Data Literacy Network", {"ILO", "UNITAR", "UNICEF"}, id="bullets-two-in-an-item"),
        pytest.param("Mobile Learning Alliance", {"UNICEF", "ITU", "UNESCO"}, id="nested-parentheses"),
    ],
)
def test_member_lists(facts: list[Fact], group: str, expected: set[str]) -> None:
    assert members_of(facts, "lists", group) == expected


def test_bullet_list_after_comprises_the_following(facts: list[Fact]) -> None:
    assert members_of(facts, "lists", "Sahel Broadband Initiative") == {"ECA", "UNDP", "UNICEF"}


def test_markdown_table_of_members(facts: list[Fact]) -> None:
    assert members_of(facts, "lists", "Climate Data Initiative") == {"ESCAP", "ECA", "UNITAR"}


def test_footnote_digits_after_commas(facts: list[Fact]) -> None:
    assert members_of(facts, "lists", "Ocean Observation Network") == {"WMO", "UNEP", "UNESCO"}


def test_markdown_footnote_references(facts: list[Fact]) -> None:
    assert members_of(facts, "lists", "Skills Compact") == {"UNITAR", "ILO", "UNICEF"}


def test_superscript_footnote_digits(facts: list[Fact]) -> None:
    assert members(facts, "lists", "Heritage Data Network") == {
        ("UNESCO", "Heritage Data Network"),
        ("WIPO", "Heritage Data Network"),
        ("UNU", "Heritage Data Network"),
    }


def test_group_name_starting_with_a_stakeholder_word(facts: list[Fact]) -> None:
    assert members(facts, "lists", "Youth Coding Alliance") == {
        ("UNICEF", "Youth Coding Alliance"),
        ("ITU", "Youth Coding Alliance"),
    }


def test_submitter_partnership_table_in_markdown(facts: list[Fact]) -> None:
    assert members(facts, "submission-table") == {("UNITAR", "Global E-waste Skills Alliance")}
    assert cooperations(facts, "submission-table") == {frozenset({"UNITAR", "UNEP"}), frozenset({"UNITAR", "ITU"})}


def test_submitter_partnership_table_in_html(facts: list[Fact]) -> None:
    assert members_of(facts, "partners", "Environmental Statistics Alliance") == {"UNEP"}
    assert cooperations(facts, "partners") == {frozenset({"UNEP", "UNITAR"}), frozenset({"UNEP", "WMO"})}


def test_html_table_of_members(facts: list[Fact]) -> None:
    assert members_of(facts, "partners", "Smart Water Alliance") == {"UNEP", "WMO", "UN-Habitat"}


def test_html_superscript_footnotes(facts: list[Fact]) -> None:
    assert members(facts, "partners", "Urban Heat Network") == {
        ("UNEP", "Urban Heat Network"),
        ("WMO", "Urban Heat Network"),
        ("UN-Habitat", "Urban Heat Network"),
    }


# --- 2. acronyms defined in the text -----------------------------------------------------


def _one_group(facts: list[Fact], document: str, expected_members: set[str], names: set[str]) -> None:
    found = {(fact["member"], fact["group"]) for fact in facts if fact["document"] == document}
    ours = {(member, group) for member, group in found if member in expected_members and group in names}
    assert {member for member, _ in ours} == expected_members, found
    assert len({group for _, group in ours}) == 1, f"the group has several names: {ours}"


def test_acronym_after_name_resolves_later_uses(facts: list[Fact]) -> None:
    _one_group(
        [f for f in facts if f["type"] == "membership"],
        "acronyms",
        {"UNESCO", "WIPO", "UPU"},
        {"ODP", "Open Data Partnership"},
    )


def test_name_after_acronym_resolves_later_uses(facts: list[Fact]) -> None:
    _one_group(
        [f for f in facts if f["type"] == "membership"],
        "acronyms",
        {"ILO", "UNITAR", "UNICEF"},
        {"ASN", "Africa Skills Network"},
    )


def test_acronym_defined_in_text_beats_the_gazetteer(facts: list[Fact]) -> None:
    _one_group(
        [f for f in facts if f["type"] == "membership"],
        "acronyms",
        {"ITU", "UNDP", "UNCTAD"},
        {"DRC", "Digital Resilience Coalition"},
    )


@pytest.mark.parametrize("name", ["Open Data Partnership", "ODP"])
def test_group_is_found_by_full_name_and_acronym(store: Store, name: str) -> None:
    rows = run_query(store, "members-of", {"group": name})
    found = {row["memberName"].value for row in rows.dicts() if row["memberName"] is not None}
    assert found == {"UNESCO", "WIPO", "UPU"}


# --- 3. coreference ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        pytest.param("Digital Inclusion Coalition", {"UNICEF", "UNDP"}, id="the-coalition"),
        pytest.param("Smart Villages Partnership", {"FAO", "ITU", "UNIDO"}, id="the-partnership"),
        pytest.param("Broadband Skills Network", {"ILO", "UNITAR"}, id="the-network"),
        pytest.param("Open Science Compact", {"UNESCO", "WIPO", "UNU"}, id="its-members"),
    ],
)
def test_generic_noun_resolves_to_the_group_of_the_section(facts: list[Fact], group: str, expected: set[str]) -> None:
    assert members_of(facts, "coreference", group) == expected


def test_the_group_resolves(facts: list[Fact]) -> None:
    assert members_of(facts, "coreference", "Data Stewardship Group") == {"ESCAP", "ECA", "UNU"}


def test_the_coalition_was_joined_by(facts: list[Fact]) -> None:
    assert members_of(facts, "coreference", "Inclusive Finance Coalition") == {"UNCTAD", "UNDP", "ILO"}


def test_both_agencies_and_the_two_organizations(facts: list[Fact]) -> None:
    assert cooperations(facts, "coreference") == {frozenset({"ITU", "WHO"}), frozenset({"UNEP", "WMO"})}


def test_both_agencies_is_the_evidence(store: Store) -> None:
    rows = run_query(store, "evidence", {"text": "Both agencies"}).dicts()
    quotes = {(row["kind"].value, row["quote"].value) for row in rows if row["kind"] and row["quote"]}
    assert {kind for kind, _ in quotes} == {"Cooperation"}
    assert all(quote.startswith("Both agencies jointly published") for _, quote in quotes)


def test_generic_nouns_do_not_resolve_across_documents(facts: list[Fact]) -> None:
    assert members(facts, "coreference-elsewhere") == set()
    assert [fact for fact in facts if fact["document"] == "coreference-elsewhere"] == []


# --- 4. dates at the text's precision ----------------------------------------------------


@pytest.mark.parametrize(
    ("place", "organizer", "date"),
    [
        pytest.param("Nairobi", "UNCTAD", "2019-04-08", id="8-April-2019"),
        pytest.param("Bangkok", "ITU", "2019-04-09", id="April-9-2019"),
        pytest.param("Paris", "UNESCO", "2019-04-08", id="8-12-April-2019"),
        pytest.param("Rome", "FAO", "2019-04-08", id="8-to-12-April-2019"),
        pytest.param("Mombasa", "UNEP", "2020", id="mid-2020"),
        pytest.param("Geneva", "WMO", "2020", id="second-half-of-2020"),
        pytest.param("New York", "UNDP", "2019", id="FY2019"),
        pytest.param("Turin", "ILO", "2019-12", id="in-December-year-from-heading"),
        pytest.param("Montevideo", "UNICEF", "2016-03", id="in-March-year-from-previous-sentence"),
        pytest.param("Tunis", "UPU", "2021", id="early-2021"),
        pytest.param("Vienna", "UNIDO", "2019", id="resolution-number-is-no-date"),
        pytest.param("Kigali", "ITU", "2017-05", id="2,019-participants-is-no-year"),
    ],
)
def test_meeting_dates(facts: list[Fact], place: str, organizer: str, date: str) -> None:
    meeting = meeting_at(facts, "dates", place)
    assert (meeting["date"], meeting["organizers"]) == (date, [organizer])
    assert "status" not in meeting


@pytest.mark.parametrize(
    ("place", "span"),
    [
        pytest.param("Paris", ("2019-04-08", "2019-04-12"), id="8-12-April"),
        pytest.param("Rome", ("2019-04-08", "2019-04-12"), id="8-to-12-April"),
        pytest.param("Nairobi", ("2019-04-08", None), id="one-day"),
    ],
)
def test_meeting_start_and_end_in_the_graph(store: Store, place: str, span: tuple[str, str | None]) -> None:
    start, end, planned = meeting_span(store, "dates", place)
    assert (start, end) == span
    assert not planned


def test_no_year_is_made_of_other_numbers(facts: list[Fact]) -> None:
    dates = {meeting["date"] for meeting in meetings(facts, "dates")}
    assert dates == {
        "2016-03",
        "2017-05",
        "2018-05-03",
        "2018-05-04",
        "2019",
        "2019-04-08",
        "2019-04-09",
        "2019-10-09",
        "2019-12",
        "2020",
        "2021",
    }


def test_sentence_opening_with_a_resolution_number(facts: list[Fact]) -> None:
    meeting = meeting_at(facts, "dates", "Lyon")
    assert (meeting["date"], meeting["organizers"]) == ("2018-05-03", ["WIPO"])


def test_expert_group_meeting_keeps_its_organizer(facts: list[Fact]) -> None:
    meeting = meeting_at(facts, "dates", "Dakar")
    assert (meeting["date"], meeting["organizers"]) == ("2019-10-09", ["UNESCO"])


def test_online_in_a_topic_does_not_make_a_meeting_virtual(facts: list[Fact]) -> None:
    found = [m for m in meetings(facts, "dates") if m["date"] == "2018-05-04"]
    assert [(m["place"], m["organizers"]) for m in found] == [("Quito", ["UNICEF"])]


# --- 5. what is not a fact ---------------------------------------------------------------


def test_not_facts_memberships_are_only_the_stated_ones(facts: list[Fact]) -> None:
    assert members(facts, "not-facts") - {("FAO", "Agritech Partnership")} == {
        ("UNEP", "Blue Economy Network"),
        ("IMO", "Blue Economy Network"),
        ("IFAD", "Agritech Partnership"),
        ("WFP", "Agritech Partnership"),
    }


@pytest.mark.parametrize(
    ("member", "group"),
    [
        pytest.param("WHO", "Digital Inclusion Compact", id="did-not-join"),
        pytest.param("ITU", "Broadband Equity Initiative", id="is-not-a-member"),
        pytest.param("UNICEF", "Clean Air Network", id="was-not-part-of"),
        pytest.param("UNDP", "Smart Villages Compact", id="plans-to-join"),
        pytest.param("UNCTAD", "Rural Trade Alliance", id="conditional"),
        pytest.param("FAO", "Blue Economy Network", id="joined-as-observer"),
        pytest.param("UNIDO", "Green Industry Platform", id="invited-to-join"),
        pytest.param("UNITAR", "Digital Skills Coalition", id="welcomed"),
        pytest.param("ILO", "Digital Skills Coalition", id="thanked"),
    ],
)
def test_no_membership_from(facts: list[Fact], member: str, group: str) -> None:
    assert (member, group) not in members(facts, "not-facts")


def test_observer_after_a_semicolon_is_not_a_member(facts: list[Fact]) -> None:
    assert members_of(facts, "not-facts", "Agritech Partnership") == {"IFAD", "WFP"}


def test_cited_source_is_no_party(facts: list[Fact]) -> None:
    assert frozenset({"UNDP", "UNCTAD"}) in cooperations(facts, "not-facts")
    assert not any("WBG" in parties for parties in cooperations(facts, "not-facts"))


def test_intention_to_work_together_is_no_cooperation(facts: list[Fact]) -> None:
    assert not any({"UNEP", "UNITAR"} <= parties for parties in cooperations(facts, "not-facts"))


def test_meeting_announced_with_its_date_is_planned(facts: list[Fact], store: Store) -> None:
    meeting = meeting_at(facts, "not-facts", "Geneva")
    assert (meeting["date"], meeting.get("status")) == ("2027-10-14", "planned")
    assert meeting_span(store, "not-facts", "Geneva") == ("2027-10-14", "2027-10-16", True)


@pytest.mark.parametrize(
    "place", ["Bangkok", "Paris", "Tashkent"], ids=["is-expected-to-convene", "will-organize", "will-be-held-in-2027"]
)
def test_plans_are_not_held_meetings(facts: list[Fact], place: str) -> None:
    held = [m for m in meetings(facts, "not-facts") if m["place"] == place and m.get("status") != "planned"]
    assert held == []


def test_held_meetings_are_not_planned(facts: list[Fact]) -> None:
    held = {m["place"]: m for m in meetings(facts, "not-facts") if "status" not in m}
    assert set(held) == {"Accra", "Harare", "Addis Ababa"}


@pytest.mark.parametrize(
    ("place", "organizer"),
    [
        pytest.param("Accra", "ITU", id="observer"),
        pytest.param("Harare", "UNCTAD", id="invited-did-not-attend"),
        pytest.param("Addis Ababa", "ECA", id="thanked"),
    ],
)
def test_observers_invitees_and_thanked_are_no_participants(facts: list[Fact], place: str, organizer: str) -> None:
    meeting = meeting_at(facts, "not-facts", place)
    assert (meeting["organizers"], meeting["participants"]) == ([organizer], [])


# --- 6. memberships keep time ------------------------------------------------------------


def test_dated_memberships_are_facts(facts: list[Fact]) -> None:
    assert members(facts, "member-times") == {
        ("UNICEF", "Digital Learning Coalition"),
        ("UNEP", "Clean Air Network"),
        ("UNCTAD", "Trade Facilitation Alliance"),
        ("UNIDO", "Green Industry Platform"),
        ("UNEP", "Green Data Alliance"),
        ("ITU", "Green Data Alliance"),
    }


def test_joined_in_a_list_item_gives_the_start(store: Store) -> None:
    assert membership_time(store, "member-times", "ITU", "Green Data Alliance") == ("2018", None)
    assert membership_time(store, "member-times", "UNEP", "Green Data Alliance") == (None, None)


@pytest.mark.parametrize(
    ("member", "group", "time"),
    [
        pytest.param("UNICEF", "Digital Learning Coalition", ("2014", None), id="joined-in-2014"),
        pytest.param("UNEP", "Clean Air Network", ("2020-11", None), id="since-November-2020"),
        pytest.param("UNCTAD", "Trade Facilitation Alliance", (None, "2019"), id="until-2019"),
        pytest.param("UNIDO", "Green Industry Platform", ("2021", None), id="since-early-2021"),
    ],
)
def test_membership_time(store: Store, member: str, group: str, time: tuple[str | None, str | None]) -> None:
    assert membership_time(store, "member-times", member, group) == time


# --- 7. formats --------------------------------------------------------------------------


def test_pdf_words_hyphenated_at_line_ends(facts: list[Fact]) -> None:
    assert members(facts, "hyphenated") == {
        ("UNICEF", "Digital Inclusion Coalition"),
        ("UNDP", "Digital Inclusion Coalition"),
        ("ITU", "Digital Inclusion Coalition"),
        ("UNEP", "Clean Air Partnership"),
        ("WHO", "Clean Air Partnership"),
        ("UN-Habitat", "Clean Air Partnership"),
    }
    assert cooperations(facts, "hyphenated") == {frozenset({"ITU", "UNESCO"})}


def test_docx_sentence_and_partners_table(facts: list[Fact]) -> None:
    assert members_of(facts, "escap-docx", "Pacific Connectivity Alliance") == {"ITU", "UNDP", "WMO"}
    assert members_of(facts, "escap-docx", "Pacific Cable Initiative") == {"ESCAP"}
    assert cooperations(facts, "escap-docx") == {frozenset({"ESCAP", "UNU"})}


def test_docx_table_of_members(facts: list[Fact]) -> None:
    assert members_of(facts, "escap-docx", "Regional Data Hub") == {"UNDP", "ITU", "UNICEF"}


# --- 8. one fact, many documents ---------------------------------------------------------


def test_same_membership_in_two_documents_is_one_fact(facts: list[Fact], store: Store) -> None:
    assert ("UNESCO", "Media Literacy Alliance") in members(facts, "shared-one")
    assert ("UNESCO", "Media Literacy Alliance") in members(facts, "shared-two")
    rows = [
        row
        for row in run_query(store, "attested").dicts()
        if row["kind"] is not None
        and row["kind"].value == "MembershipFact"
        and row["in"] is not None
        and "shared-one" in row["in"].value
    ]
    assert len(rows) == 1, rows
    assert rows[0]["documents"] is not None and rows[0]["documents"].value == "2"
    assert rows[0]["in"] is not None and sorted(rows[0]["in"].value.split(", ")) == ["shared-one", "shared-two"]


def test_same_membership_twice_in_one_document_is_one_fact(facts: list[Fact], store: Store) -> None:
    unicef = [
        fact
        for fact in facts
        if fact["document"] == "shared-two" and fact["type"] == "membership" and fact["member"] == "UNICEF"
    ]
    assert unicef == [
        {"document": "shared-two", "type": "membership", "member": "UNICEF", "group": "Media Literacy Alliance"}
    ]
    evidence = run_query(store, "evidence", {"about": "UNICEF"}).dicts()
    quotes = {
        row["quote"].value
        for row in evidence
        if row["document"] and row["document"].value == "shared-two" and row["quote"]
    }
    assert len(quotes) == 2, quotes


def test_meeting_stated_twice_in_one_document_at_two_precisions_is_one(facts: list[Fact]) -> None:
    meeting = meeting_at(facts, "shared-one", "Accra")
    assert (meeting["date"], meeting["organizers"], meeting["participants"]) == ("2021-06-14", ["UNESCO"], ["UNDP"])


def test_same_meeting_in_two_documents_at_two_precisions_is_one_fact(store: Store) -> None:
    rows = run_query(store, "attested").dicts()
    meetings_attested = [
        sorted(row["in"].value.split(", "))
        for row in rows
        if row["kind"] is not None and row["kind"].value == "Meeting" and row["in"] is not None
    ]
    assert meetings_attested == [["shared-one", "shared-two"]]


def test_attested_through_the_cli(tmp_path: Path) -> None:
    from wsisgraph.cli import app

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "shared-one.md").write_text(SHARED_ONE, encoding="utf-8")
    (folder / "shared-two.md").write_text(SHARED_TWO, encoding="utf-8")
    runner = CliRunner()
    store_path = tmp_path / "store"
    result = runner.invoke(app, ["ingest", "-q", "--store", str(store_path), str(folder)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["query", "attested", "-f", "json", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    attested = [(row["documents"], sorted(row["in"].split(", "))) for row in rows if row["kind"] == "MembershipFact"]
    assert attested == [("2", ["shared-one", "shared-two"])]


# --- 9. an edit changes only its own document's graph ------------------------------------

EDIT_OTHERS = ("acronyms", "shared-one")


def _graph(store: Store, document: str) -> bytes:
    return store.ntriples(str(document_iri(document)))


def test_an_edit_changes_only_that_documents_graph(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("acronyms.md", "shared-one.md", "shared-two.md"):
        (folder / name).write_text(TEXT_DOCUMENTS[name], encoding="utf-8")
    with Store(tmp_path / "store") as db:
        assert ingest_files(db, [folder]).count("added") == 3
        before = {document: _graph(db, document) for document in EDIT_OTHERS}
        edited_before = _graph(db, "shared-two")

        edited = SHARED_TWO.replace("UNESCO, UNICEF and ITU", "UNESCO, UNICEF, ITU and UNDP")
        (folder / "shared-two.md").write_text(edited, encoding="utf-8")
        report = ingest_files(db, [folder])
        assert {o.document: o.status for o in report.outcomes} == {
            "acronyms": "unchanged",
            "shared-one": "unchanged",
            "shared-two": "updated",
        }
        assert {document: _graph(db, document) for document in EDIT_OTHERS} == before
        assert _graph(db, "shared-two") != edited_before
        stream = io.StringIO()
        write_facts(db, stream, document="shared-two")
        new = {
            (r["member"], r["group"])
            for r in map(json.loads, stream.getvalue().splitlines())
            if r["type"] == "membership"
        }
        assert new == {
            ("UNESCO", "Media Literacy Alliance"),
            ("UNICEF", "Media Literacy Alliance"),
            ("ITU", "Media Literacy Alliance"),
            ("UNDP", "Media Literacy Alliance"),
        }


def test_removing_a_shared_fact_from_one_document_keeps_it_in_the_other(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("shared-one.md", "shared-two.md"):
        (folder / name).write_text(TEXT_DOCUMENTS[name], encoding="utf-8")
    with Store(tmp_path / "store") as db:
        ingest_files(db, [folder])
        one_before = _graph(db, "shared-one")
        (folder / "shared-two.md").write_text(SHARED_TWO.replace("UNESCO, UNICEF and ITU", "UNICEF and ITU"))
        assert [o.status for o in ingest_files(db, [folder]).outcomes] == ["unchanged", "updated"]
        assert _graph(db, "shared-one") == one_before
        members_now = {
            row["memberName"].value
            for row in run_query(db, "members-of", {"group": "Media Literacy Alliance"}).dicts()
            if row["memberName"]
        }
        assert members_now == {"UNESCO", "UNICEF", "ITU"}
        attested = run_query(db, "attested").dicts()
        assert [r for r in attested if r["kind"] is not None and r["kind"].value == "MembershipFact"] == []


def test_removing_a_document_graph_keeps_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("shared-one.md", "shared-two.md"):
        (folder / name).write_text(TEXT_DOCUMENTS[name], encoding="utf-8")
    with Store(tmp_path / "store") as db:
        ingest_files(db, [folder])
        one_before = _graph(db, "shared-one")
        db.remove_graph(document_iri("shared-two"))
        assert db.document_graphs() == [str(document_iri("shared-one"))]
        assert _graph(db, "shared-one") == one_before
        members_now = {
            row["memberName"].value
            for row in run_query(db, "members-of", {"group": "Media Literacy Alliance"}).dicts()
            if row["memberName"]
        }
        assert members_now == {"UNESCO"}
