"""Constructions that a set of submissions written without sight of the code used and the
extractor missed or misread, each checked here in other words and another layout.

Each test names the construction; its invented documents vary the verb, the voice, the order
and the entities, and go through the real pipeline (read -> segment -> mentions -> resolve ->
events), compared as readable facts.
"""

from __future__ import annotations

from typing import Any

import pytest

from wsisgraph.extract import Extraction, extract_document
from wsisgraph.gazetteer import gazetteer
from wsisgraph.model import Fact, FactKind
from wsisgraph.read import read_bytes


def extract(text: str, fmt: str = "md", doc_id: str = "doc") -> Extraction:
    return extract_document(read_bytes(text.encode(), source=f"{doc_id}.{fmt}", fmt=fmt, doc_id=doc_id))


def _name(extraction: Extraction, key: str) -> str:
    entity = extraction.entities.get(key) or gazetteer().entities.get(key)
    return entity.name if entity else key


def names(extraction: Extraction, fact: Fact, role: str) -> tuple[str, ...]:
    return tuple(sorted(_name(extraction, key) for key in fact.role(role)))


def of_kind(extraction: Extraction, kind: FactKind) -> list[Fact]:
    return [fact for fact in extraction.facts if fact.kind is kind]


def members(extraction: Extraction) -> set[tuple[str, str]]:
    return {
        (names(extraction, fact, "member")[0], names(extraction, fact, "group")[0])
        for fact in of_kind(extraction, FactKind.MEMBERSHIP)
    }


def cooperations(extraction: Extraction) -> set[tuple[str, ...]]:
    return {names(extraction, fact, "parties") for fact in of_kind(extraction, FactKind.COOPERATION)}


def mandates(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {
        (
            names(extraction, fact, "issuer")[0],
            names(extraction, fact, "recipient")[0],
            fact.date.value if fact.date else "",
        )
        for fact in of_kind(extraction, FactKind.MANDATE)
    }


def handovers(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {
        (names(extraction, fact, "from")[0], names(extraction, fact, "to")[0], fact.date.value if fact.date else "")
        for fact in of_kind(extraction, FactKind.HANDOVER)
    }


def lines(extraction: Extraction, kind: FactKind) -> set[tuple[str, str, str]]:
    role = "actor" if kind is FactKind.ACTION_LINE else "facilitator"
    return {
        (names(extraction, fact, role)[0], dict(fact.values)["action_line"], dict(fact.values).get("sub_line", ""))
        for fact in of_kind(extraction, kind)
    }


def meetings(extraction: Extraction) -> list[dict[str, Any]]:
    return sorted(
        (
            {
                "date": fact.date.value if fact.date else None,
                "place": fact.place or None,
                "organizers": names(extraction, fact, "organizers"),
                "participants": names(extraction, fact, "participants"),
                "planned": fact.planned,
            }
            for fact in of_kind(extraction, FactKind.MEETING)
        ),
        key=lambda meeting: str(meeting["date"]),
    )


# --- the submitter ------------------------------------------------------------------------

_SECTIONS_MD = "\n\n## Action Line C3. Access to information and knowledge\n\nLibraries were connected.\n"


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        ("# CSTD\n\n**Reporting organization:** World Meteorological Organization (WMO)", "md"),
        ("# CSTD\n\nContributor: the World Meteorological Organization", "md"),
        ("# CSTD\n\n## Prepared by the World Meteorological Organization", "md"),
        ("# CSTD\n\nResponsible entity:\n\nWorld Meteorological Organization (WMO)", "md"),
        ("CSTD\n\nContributing organization: WMO", "txt"),
    ],
)
def test_a_labelled_header_line_names_the_submitter(header: str, fmt: str) -> None:
    """ "LABEL: X" or a label alone above X ("Contributor", "Reporting organization",
    "Prepared by", "Responsible entity"): X is the submitter whose sections are its work."""
    plain = "\n\nACTION LINE C3: ACCESS TO INFORMATION AND KNOWLEDGE\n\nLibraries were connected.\n"
    body = _SECTIONS_MD if fmt == "md" else plain
    found = extract(header + body, fmt)
    assert lines(found, FactKind.ACTION_LINE) == {("WMO", "C3", "")}


def test_a_body_sentence_saying_prepared_by_names_no_submitter() -> None:
    found = extract(
        "# Synthesis\n\nThis note was prepared by the UNCTAD secretariat for the Commission." + _SECTIONS_MD
    )
    assert lines(found, FactKind.ACTION_LINE) == set()


def test_prepared_by_names_the_author_not_the_organiser_of_a_session() -> None:
    """ "prepared by X for the Commission at its Nth session": X wrote the document."""
    found = extract(
        "# Commission on Science and Technology for Development\n\nThirtieth session\n\nGeneva, 4-8 May 2026\n\n"
        "Contributing organization: UNITAR\n\nThis paper was prepared by the United Nations Institute for "
        "Training and Research (UNITAR), to be considered by the Commission at its thirtieth session.\n"
    )
    assert [m["organizers"] for m in meetings(found)] == [("CSTD",)]


# --- tables that give each member's role ----------------------------------------------------


def test_role_cells_of_a_member_table_keep_observers_and_invitees_out() -> None:
    """A members table whose other column says "Observer", "Invited; expected to join" or
    "Former member" lists bodies that are not members; the role words are no names."""
    found = extract(
        "# Note\n\nThe Digital Skills Taskforce was formed in 2022. Its membership is shown below.\n\n"
        "| Body | Status |\n|---|---|\n| UNESCO | Co-founder |\n| UNICEF | Vice-Chair |\n"
        "| World Bank | Observer |\n| UNFPA | Invited, expected to join in 2024 |\n| ILO | Full member |\n"
    )
    assert members(found) == {
        ("UNESCO", "Digital Skills Taskforce"),
        ("UNICEF", "Digital Skills Taskforce"),
        ("ILO", "Digital Skills Taskforce"),
    }
    assert "org/observer" not in found.entities and "org/vice-chair" not in found.entities


def test_a_note_column_that_opens_with_observer_keeps_the_row_out() -> None:
    found = extract(
        "# Note\n\nThe partners of the Open Maps Alliance in 2021 were:\n\n"
        "<table><tr><th>Partner</th><th>Contribution</th></tr>"
        "<tr><td>UNOSAT</td><td>Satellite imagery</td></tr>"
        "<tr><td>OCHA</td><td>An observer only, since 2020</td></tr></table>\n",
        "html",
    )
    assert members(found) == {("UNOSAT", "Open Maps Alliance")}


# --- names -------------------------------------------------------------------------------


def test_united_nations_bodies_are_a_stakeholder_group_not_the_un() -> None:
    """ "brings together UN bodies, industry and academia": no membership of the UN."""
    found = extract(
        "# Note\n\nThe Green Data Coalition brings together United Nations system agencies, companies and "
        "universities; UNEP chairs the Coalition.\n"
    )
    assert members(found) == {("UNEP", "Green Data Coalition")}


def test_an_e_prefix_belongs_to_the_name_it_opens() -> None:
    """ "the e-Agriculture Solutions Forum", "an m-Health Alliance": the prefix is part of the name."""
    found = extract("# Note\n\nThe m-Health Learning Alliance was set up in 2019 by WHO and ITU.\n")
    assert members(found) == {("WHO", "m-Health Learning Alliance"), ("ITU", "m-Health Learning Alliance")}


def test_a_heading_in_capitals_names_no_body() -> None:
    """ "II. BACKGROUND" in a plain-text layout is no actor that "it" could refer to, and
    "It will be recalled that" is a formula: its "will" plans nothing."""
    found = extract(
        "CSTD\n\nSubmitting organization:\nInternational Maritime Organization (IMO)\n\nII. BACKGROUND\n\n"
        "It will be recalled that the Economic and Social Council, in its resolution 2017/21 of 6 July 2017, "
        "requested the World Maritime University to report on the training of port officials.\n",
        "txt",
    )
    assert not any(key.endswith("/background") for key in found.entities)
    assert {(issuer, recipient) for issuer, recipient, _ in mandates(found)} == {
        ("ECOSOC", "World Maritime University")
    }


def test_a_known_name_with_office_of_stays_the_known_entity() -> None:
    """ "the Office of the United Nations High Commissioner for Human Rights (OHCHR)" is OHCHR,
    not an office of a body called by the definition inside it."""
    found = extract(
        "# Note\n\nThe Office of the United Nations High Commissioner for Human Rights (OHCHR) joined the "
        "Digital Rights Coalition in 2020.\n"
    )
    assert members(found) == {("OHCHR", "Digital Rights Coalition")}


def test_an_acronym_in_capitals_is_not_a_small_town() -> None:
    """ "SIM card" is no place named Sim; a meeting held online has no place."""
    found = extract(
        "# Note\n\nOn 4 March 2021 UNICEF and the GSMA convened an online roundtable on SIM registration.\n"
    )
    assert [(m["date"], m["place"]) for m in meetings(found)] == [("2021-03-04", None)]
