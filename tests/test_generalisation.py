"""Constructions of UN reporting in wordings and layouts that neither the development set nor
the held-out set use, one small invented document per construction.

Each test states the grammar it checks; the documents go through the real pipeline (read ->
segment -> mentions -> resolve -> events) and are compared as readable facts.
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


def members(extraction: Extraction) -> set[tuple[str, str]]:
    return {
        (names(extraction, fact, "member")[0], names(extraction, fact, "group")[0])
        for fact in extraction.facts
        if fact.kind is FactKind.MEMBERSHIP
    }


def cooperations(extraction: Extraction) -> set[tuple[str, ...]]:
    return {names(extraction, fact, "parties") for fact in extraction.facts if fact.kind is FactKind.COOPERATION}


def meetings(extraction: Extraction) -> list[dict[str, Any]]:
    return [
        {
            "date": fact.date.value if fact.date else None,
            "end": fact.date.end if fact.date else "",
            "place": fact.place or None,
            "organizers": names(extraction, fact, "organizers"),
            "participants": names(extraction, fact, "participants"),
            "planned": fact.planned,
        }
        for fact in extraction.facts
        if fact.kind is FactKind.MEETING
    ]


def of_kind(extraction: Extraction, kind: FactKind) -> list[Fact]:
    return [fact for fact in extraction.facts if fact.kind is kind]


# --- names -------------------------------------------------------------------------------


def test_and_inside_a_body_name_joins_the_name() -> None:
    """ "A and B Council (of C)": one body when only the words after "and" end in a head noun."""
    found = extract(
        "# Note\n\nIn June 2018 the Science and Innovation Council of Ministers asked UNIDO to draft a regional plan.\n"
    )
    mandates = [(names(found, f, "issuer"), names(found, f, "recipient")) for f in of_kind(found, FactKind.MANDATE)]
    assert mandates == [(("Science and Innovation Council of Ministers",), ("UNIDO",))]


def test_and_between_two_names_keeps_two_names() -> None:
    found = extract("# Note\n\nThe members of the Cloud Skills Coalition are Huawei and Tata Consultancy Group.\n")
    assert {member for member, _ in members(found)} == {"Huawei", "Tata Consultancy Group"}


def test_a_regional_modifier_makes_a_body_of_its_own() -> None:
    """ "the Pacific Internet Governance Forum" is not the IGF; its steering committee is a body."""
    found = extract(
        "# Note\n\nThe Pacific Internet Governance Forum took place in Suva on 3 June 2019.\n\n"
        "Fiji handed the chairmanship of the Pacific IGF Steering Committee over to Samoa in 2020.\n"
    )
    assert [(m["date"], m["place"], m["organizers"]) for m in meetings(found)] == [("2019-06-03", "Suva", ())]
    assert members(found) == {("Fiji", "Pacific IGF Steering Committee"), ("Samoa", "Pacific IGF Steering Committee")}


def test_a_stakeholder_word_after_of_inside_a_name() -> None:
    """ "Council of Ministers", "Network of Youth": the body's name, not the stakeholder group."""
    found = extract("# Note\n\nThe members of the Network of Youth Innovators are UNICEF and UNDP.\n")
    assert members(found) == {("UNICEF", "Network of Youth Innovators"), ("UNDP", "Network of Youth Innovators")}


def test_the_generic_noun_prefers_its_own_head_over_a_programme() -> None:
    """ "the Initiative" is the initiative just named, not UNDP (a Programme) named after it."""
    found = extract(
        "# Note\n\n## Data\n\nThe Open Maps Initiative was started by UN-Habitat in 2017. It works with UNDP.\n\n"
        "The Initiative convened its annual partners' meeting in Quito on 2 March 2020.\n"
    )
    assert [(m["place"], m["organizers"]) for m in meetings(found)] == [("Quito", ("Open Maps Initiative",))]


def test_it_in_a_relative_clause_of_a_sentence_without_an_actor_subject() -> None:
    found = extract(
        "# Note\n\nThis paper follows up on a decision that the General Assembly took in 2015, "
        "by which it requested UNCTAD to monitor e-commerce laws.\n"
    )
    mandates = [(names(found, f, "issuer"), names(found, f, "recipient")) for f in of_kind(found, FactKind.MANDATE)]
    assert mandates == [(("UNGA",), ("UNCTAD",))]


# --- layout ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        pytest.param(
            "md",
            "# COMMISSION ON SCIENCE AND TECHNOLOGY FOR DEVELOPMENT\n\nTwenty-second session\n\n"
            "Geneva, 13 to 17 May 2019\n\nSubmission by\n\nUniversal Postal Union\n",
            id="markdown-paragraphs",
        ),
        pytest.param(
            "txt",
            "COMMISSION ON SCIENCE AND TECHNOLOGY FOR DEVELOPMENT\nTwenty-second session\nGeneva, 13 to 17 May 2019\n\n"
            "Submission by\nUniversal Postal Union\n",
            id="plain-text-lines",
        ),
    ],
)
def test_session_header_split_over_lines_is_the_commission_meeting(fmt: str, text: str) -> None:
    found = extract(text, fmt)
    assert [(m["date"], m["place"], m["organizers"]) for m in meetings(found)] == [("2019-05-13", "Geneva", ("CSTD",))]


def test_a_partner_row_marked_as_donor_is_no_cooperation() -> None:
    found = extract(
        "# Commission\n\nSubmission by\n\nUnited Nations Children's Fund\n\n## Partners\n\n"
        "| Partner | Topic |\n|---|---|\n| WHO | child health data |\n| European Union (funder) | connectivity |\n"
    )
    assert cooperations(found) == {("UNICEF", "WHO")}


def test_a_list_of_month_dates_takes_the_year_of_the_enclosing_heading_not_of_a_table() -> None:
    found = extract(
        "# Report\n\n## Work in 2021\n\n### Members of the Water Data Club\n\n| Member | Since |\n|---|---|\n"
        "| WMO | 2015 |\n| UNEP | 2016 |\n\n### Events\n\n"
        "- In October, WMO convened a workshop on flood data in Lima.\n"
    )
    assert [(m["date"], m["place"], m["organizers"]) for m in meetings(found)] == [("2021-10", "Lima", ("WMO",))]


# --- action lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["the e-health strand of Action Line C7", "the e-health line of action C7", "the e-health part of C7"],
)
def test_a_sub_line_named_before_its_action_line(phrase: str) -> None:
    found = extract(f"# Note\n\nWHO is the facilitator of {phrase}.\n")
    facts = [(names(found, f, "facilitator"), f.value("action_line"), f.value("sub_line")) for f in found.facts]
    assert (("WHO",), "C7", "e-health") in facts


# --- cooperation and membership ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "In collaboration with UNESCO, UNDP produced a manual for teachers.",
            {("UNDP", "UNESCO")},
            id="in-collaboration-with",
        ),
        pytest.param(
            "Together with WIPO, UNCTAD built an online database of patents.", {("UNCTAD", "WIPO")}, id="together-with"
        ),
        pytest.param("UNEP and UNITAR co-financed a study on e-waste flows.", {("UNEP", "UNITAR")}, id="co-financed"),
        pytest.param(
            "IOM and UNHCR have co-authored a report on digital identity.", {("IOM", "UNHCR")}, id="co-authored"
        ),
        pytest.param(
            "Together with WIPO, UNCTAD organized a workshop in Lima on 3 May 2019.",
            set(),
            id="a-meeting-is-no-cooperation",
        ),
    ],
)
def test_cooperation_wordings(sentence: str, expected: set[tuple[str, ...]]) -> None:
    assert cooperations(extract(f"# Note\n\n{sentence}\n")) == expected


def test_negation_before_a_group_belongs_to_its_own_verb() -> None:
    """ "X has not joined G, which brings together A and B": A and B are members, X is not."""
    found = extract("# Note\n\nUNEP has not joined the Blue Finance Compact, which brings together IFAD and WFP.\n")
    assert members(found) == {("IFAD", "Blue Finance Compact"), ("WFP", "Blue Finance Compact")}


# --- meetings ----------------------------------------------------------------------------


def test_participants_gathered_from_stakeholder_groups() -> None:
    found = extract(
        "# Note\n\nThe regional dialogue on data held in Tunis on 2 April 2019 gathered some 200 delegates "
        "from governments, academia and the technical community.\n"
    )
    assert [m["participants"] for m in meetings(found)] == [("academia", "governments", "technical community")]


def test_observers_from_a_body_are_no_participants() -> None:
    found = extract(
        "# Note\n\nITU convened a workshop on spectrum in Dakar on 5 May 2021. Observers from UNDP attended it too.\n"
    )
    assert [(m["organizers"], m["participants"]) for m in meetings(found)] == [(("ITU",), ())]


def test_a_named_forum_reported_as_held_is_a_meeting_that_does_not_organise_itself() -> None:
    found = extract(
        "# Note\n\nThe Andean Data Forum was held in Lima on 4-6 September 2018.\n\n"
        "The Caribbean Cyber Forum was co-hosted by ITU and CTO in Kingston on 9 October 2019.\n"
    )
    assert sorted((m["date"], m["end"], m["place"], m["organizers"]) for m in meetings(found)) == [
        ("2018-09-04", "2018-09-06", "Lima", ()),
        ("2019-10-09", "", "Kingston", ("CTO", "ITU")),
    ]


# --- names and their types ---------------------------------------------------------------


def test_names_not_in_the_reference_data_are_typed_by_their_head_noun() -> None:
    from wsisgraph.emit import entity_class
    from wsisgraph.vocab import ORG, WSIS

    found = extract(
        "# Note\n\nThe members of the Global Digital Health Coalition are the Kenya ICT Authority, Safaricom PLC, "
        "the Ministry of Communications of Ghana, the Digital Rights Foundation, the Africa Data Secretariat, "
        "the Blue Skills Programme, the Pacific Telecom Commission, the Asia Youth Forum, the Arab Postal Union, "
        "the Open Cities Network, the Smart Farming Alliance, the Rural Data Initiative, the Global Water "
        "Partnership, the Open Health Group and the Small Islands Organization.\n"
    )
    classes = {entity.name: entity_class(entity) for entity in found.entities.values()}
    assert classes == {
        "Global Digital Health Coalition": WSIS.Coalition,
        "Kenya ICT Authority": WSIS.Authority,
        "Safaricom PLC": WSIS.Company,
        "Ministry of Communications of Ghana": WSIS.Ministry,
        "Digital Rights Foundation": WSIS.Foundation,
        "Africa Data Secretariat": WSIS.Secretariat,
        "Blue Skills Programme": WSIS.Programme,
        "Pacific Telecom Commission": WSIS.Commission,
        "Asia Youth Forum": WSIS.Forum,
        "Arab Postal Union": WSIS.Union,
        "Open Cities Network": WSIS.Network,
        "Smart Farming Alliance": WSIS.Alliance,
        "Rural Data Initiative": WSIS.Initiative,
        "Global Water Partnership": WSIS.Partnership,
        "Open Health Group": WSIS.Group,
        "Small Islands Organization": ORG.FormalOrganization,
    }
    assert len(members(found)) == 15
    assert found.entities["org/ministry-of-communications-of-ghana"].parent == "country/gha"


def test_a_name_the_text_makes_up_has_one_key_for_its_variants_in_every_document() -> None:
    one = extract("# A\n\nThe members of the UN Open Maps Organisation are UNDP and UNEP.\n", doc_id="one")
    two = extract("# B\n\nITU joined the United Nations Open Maps Organization in 2020.\n", doc_id="two")
    assert {fact.role("group") for fact in one.facts} == {fact.role("group") for fact in two.facts}


def test_reference_names_in_their_variants_and_with_a_typo() -> None:
    found = extract(
        "# Note\n\nThe members of the Heritage Data Club are the United Nations Educational, Scientific and "
        "Cultural Organisation, UN Habitat, the Secretariats of the Basel, Rotterdam and Stockholm Conventions "
        "and the Internacional Telecommunication Union.\n"
    )
    assert {member for member, _ in members(found)} == {"UNESCO", "UN-Habitat", "BRS", "ITU"}


# --- reference the text leaves implicit ---------------------------------------------------


def test_generic_nouns_reach_back_across_sections_of_one_document() -> None:
    found = extract(
        "# Report\n\n## Background\n\nThe Digital Equity Coalition was formed in 2019 by UNDP and UNICEF.\n\n"
        "## Results\n\nIn 2021 WHO joined the Coalition. The Coalition's members also include UNFPA.\n\n"
        "## Regulators\n\nThe Pacific Regulators Forum brings together ITU and ESCAP. "
        "The members of the Forum also include UNDP.\n\n"
        "## Budgets\n\nThe Open Budget Initiative was set up by UNCTAD. ITC later became a member of the Initiative.\n"
    )
    assert members(found) == {
        ("UNDP", "Digital Equity Coalition"),
        ("UNICEF", "Digital Equity Coalition"),
        ("WHO", "Digital Equity Coalition"),
        ("UNFPA", "Digital Equity Coalition"),
        ("ITU", "Pacific Regulators Forum"),
        ("ESCAP", "Pacific Regulators Forum"),
        ("UNDP", "Pacific Regulators Forum"),
        ("UNCTAD", "Open Budget Initiative"),
        ("ITC", "Open Budget Initiative"),
    }


def test_becoming_a_member_in_a_year_is_its_start() -> None:
    found = extract("# Note\n\nUNICEF became a member of the Learning Coalition in 2019.\n")
    assert [(f.since.value if f.since else None) for f in of_kind(found, FactKind.MEMBERSHIP)] == ["2019"]


# --- more ways of saying who belongs ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The Clean Seas Partnership lists IMO, FAO and UNEP among its founding partners.",
            {"IMO", "FAO", "UNEP"},
            id="lists-among-its-partners",
        ),
        pytest.param(
            "The Health Data Collaborative, comprising WHO, UNICEF and UNFPA, published its first review.",
            {"WHO", "UNICEF", "UNFPA"},
            id="comprising",
        ),
        pytest.param(
            "The Health Data Collaborative, which consists of WHO and UNFPA, met online.",
            {"WHO", "UNFPA"},
            id="which-consists-of",
        ),
        pytest.param(
            "The membership of the Health Data Collaborative reached 60 institutions in 2022, notably WHO and IOM.",
            {"WHO", "IOM"},
            id="membership-notably",
        ),
        pytest.param(
            "The Health Data Collaborative now has more than sixty members, including UNICEF and UNAIDS.",
            {"UNICEF", "UNAIDS"},
            id="has-members-including",
        ),
        pytest.param(
            "WFP, FAO and IFAD, both members of the Health Data Collaborative, shared their data.",
            {"WFP", "FAO", "IFAD"},
            id="all-members-of",
        ),
        pytest.param(
            "UNFPA co-leads the Health Data Collaborative together with the Government of Norway.",
            {"UNFPA", "Norway"},
            id="co-leads-with",
        ),
    ],
)
def test_membership_wordings(sentence: str, expected: set[str]) -> None:
    found = members(extract(f"# Note\n\n{sentence}\n"))
    assert {member for member, _ in found} == expected
    assert len({group for _, group in found}) == 1, found


def test_a_hyphenated_word_holds_no_stakeholder_group() -> None:
    """ "e-government", "agro-industry": words, not the groups "governments" and "private sector"."""
    found = extract(
        "# Note\n\nUNDP reports on action lines C1 and C7 (e-government). "
        "UNIDO works closely with FAO on agro-industry statistics.\n"
    )
    lines = {(f.value("action_line"), f.value("sub_line")) for f in of_kind(found, FactKind.ACTION_LINE)}
    assert lines == {("C1", ""), ("C7", "e-government")}
    assert cooperations(found) == {("FAO", "UNIDO")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "UNESCO and WIPO maintain a close partnership on open science.", {("UNESCO", "WIPO")}, id="maintain"
        ),
        pytest.param(
            "Partnering with ILO, UNHCR trained refugee technicians.", {("ILO", "UNHCR")}, id="partnering-with"
        ),
        pytest.param(
            "UNOPS has worked hand in hand with UNDP on e-procurement.", {("UNDP", "UNOPS")}, id="hand-in-hand"
        ),
    ],
)
def test_more_cooperation_wordings(sentence: str, expected: set[tuple[str, ...]]) -> None:
    assert cooperations(extract(f"# Note\n\n{sentence}\n")) == expected


def test_succeeded_as_chair_is_a_handover_between_two_members() -> None:
    found = extract("# Note\n\nIn 2022 ECLAC succeeded ESCAP as coordinator of the Regional Commissions Network.\n")
    handovers = [(names(found, f, "from"), names(found, f, "to"), f.date) for f in of_kind(found, FactKind.HANDOVER)]
    assert [(a, b, d.value if d else None) for a, b, d in handovers] == [(("ESCAP",), ("ECLAC",), "2022")]


def test_a_mandate_extended_in_the_passive() -> None:
    found = extract("# Note\n\nIn December 2020 the mandate of UNGIS was renewed by the CEB for five years.\n")
    mandates = [
        (names(found, f, "issuer"), names(found, f, "recipient"), f.date) for f in of_kind(found, FactKind.MANDATE)
    ]
    assert [(a, b, d.value if d else None) for a, b, d in mandates] == [(("CEB",), ("UNGIS",), "2020-12")]


def test_the_workshop_with_a_place_and_date_of_its_own_is_a_new_meeting() -> None:
    found = extract(
        "# Note\n\nITU convened a symposium in Kigali on 4 June 2019.\n\n"
        "The workshop, held in Lusaka on 9 July 2019, was attended by UNECA.\n"
    )
    assert sorted((m["place"], m["date"], m["organizers"], m["participants"]) for m in meetings(found)) == [
        ("Kigali", "2019-06-04", ("ITU",), ()),
        ("Lusaka", "2019-07-09", (), ("ECA",)),
    ]


def test_a_member_of_the_groups_listed_after_the_sentence() -> None:
    found = extract(
        "# Note\n\nIn 2021 WIPO was an active member of the following networks:\n\n"
        "1. the Open Patent Data Network (since 2016);\n2. the Global Innovation Consortium, as vice-chair;\n"
        "3. the Digital Health Collaborative, as an observer.\n"
    )
    assert members(found) == {("WIPO", "Open Patent Data Network"), ("WIPO", "Global Innovation Consortium")}
    since = {
        names(found, f, "group")[0]: f.since.value if f.since else None for f in of_kind(found, FactKind.MEMBERSHIP)
    }
    assert since == {"Open Patent Data Network": "2016", "Global Innovation Consortium": None}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The Space Data Alliance, set up by OOSA and WMO in 2015, now counts 30 members.",
            {("OOSA", "Space Data Alliance"), ("WMO", "Space Data Alliance")},
            id="participle-set-up-by",
        ),
        pytest.param(
            "Some 40 governments, among them Chile and Peru, have joined the Open Budget Compact.",
            {("Chile", "Open Budget Compact"), ("Peru", "Open Budget Compact")},
            id="among-them-have-joined",
        ),
        pytest.param(
            "The Network's partners, which include Ericsson and Nokia, donated equipment.",
            set(),
            id="partners-which-include-without-antecedent",
        ),
        pytest.param(
            "The Rural Broadband Network was formed in 2020. The Network's partners, which include Ericsson and "
            "Nokia, donated equipment.",
            {("Ericsson", "Rural Broadband Network"), ("Nokia", "Rural Broadband Network")},
            id="partners-which-include",
        ),
    ],
)
def test_more_membership_wordings(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert members(extract(f"# Note\n\n{sentence}\n")) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "A cooperation agreement between UNIDO and the Government of Senegal entered into force in 2019.",
            {("Senegal", "UNIDO")},
            id="agreement-between",
        ),
        pytest.param(
            "UNFPA's long partnership with UNICEF covers birth registration.", {("UNFPA", "UNICEF")}, id="possessive"
        ),
    ],
)
def test_cooperation_named_as_a_noun(sentence: str, expected: set[tuple[str, ...]]) -> None:
    assert cooperations(extract(f"# Note\n\n{sentence}\n")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "UNDP is a UN development agency, with 170 country offices and many governments as partners.",
        "The Council welcomed the progress report and thanked UNEP for its support.",
        "UNESCO supports the work of the Media Freedom Coalition.",
        "Representatives of WHO and UNICEF discussed plans to create a joint task force.",
        "The project is funded by the European Union and implemented by UNDP.",
        "In 2019, the number of members of the Smart Grid Alliance rose to 50.",
        "ITU will hand over the chairmanship of UNGIS to UNESCO in 2022.",
        "Unlike UNDP, UNEP did not join the Clean Energy Coalition.",
        "The Clean Energy Coalition was expected to be joined by ILO in 2021, but this did not happen.",
        "Many agencies, such as UNICEF and WFP, face funding cuts.",
    ],
)
def test_sentences_that_state_no_fact(sentence: str) -> None:
    assert extract(f"# Note\n\n{sentence}\n").facts == ()


# --- meetings told in other layouts --------------------------------------------------------


def _meetings_of(text: str) -> list[tuple[Any, ...]]:
    return sorted(
        ((m["date"], m["place"], m["organizers"], m["participants"], m["planned"]) for m in meetings(extract(text))),
        key=lambda row: (row[0] or "", row[1] or ""),
    )


def test_place_and_date_in_brackets_after_the_event() -> None:
    assert _meetings_of(
        "# Note\n\nThe Second Regional Summit on Data Ethics (Santiago, 14-15 May 2018) was convened by ECLAC.\n"
    ) == [("2018-05-14", "Santiago", ("ECLAC",), (), False)]


def test_an_author_year_citation_is_still_no_actor() -> None:
    found = extract("# Note\n\nUNDP and UNFPA jointly released a census guide (World Bank, 2019).\n")
    assert cooperations(found) == {("UNDP", "UNFPA")}


def test_organised_with_a_partner_named_between_the_verb_and_the_event() -> None:
    assert _meetings_of(
        "# Note\n\nUNHCR hosted, together with IOM, a consultation on digital identity in Amman on 8 March 2021.\n"
    ) == [("2021-03-08", "Amman", ("IOM", "UNHCR"), (), False)]


def test_two_meetings_on_the_same_day_are_not_merged_when_their_heads_differ() -> None:
    assert _meetings_of(
        "# Note\n\nFrom 2 to 4 October 2018, ECA held a regional consultation in Kigali.\n\n"
        "A webinar organized by UNECA on 2 October 2018 reached 500 viewers.\n"
    ) == [("2018-10-02", None, ("ECA",), (), False), ("2018-10-02", "Kigali", ("ECA",), (), False)]


def test_the_conference_with_its_own_date_and_place_is_a_new_meeting() -> None:
    assert _meetings_of(
        "# Note\n\nWMO organized a workshop in Lima on 3 April 2019. The conference took place on 10-12 June 2019 "
        "in Santiago, with the participation of UNEP.\n"
    ) == [("2019-04-03", "Lima", ("WMO",), (), False), ("2019-06-10", "Santiago", (), ("UNEP",), False)]


def test_a_date_within_the_meeting_does_not_make_a_new_one() -> None:
    found = _meetings_of(
        "# Note\n\nThe Assembly held its tenth session in Nairobi from 2 to 6 March 2020. At the opening meeting "
        "on 2 March 2020, Brazil chaired the session.\n"
    )
    assert [(date, place) for date, place, *_ in found] == [("2020-03-02", "Nairobi")]


def test_the_date_and_place_a_meeting_was_moved_away_from_are_no_facts() -> None:
    assert _meetings_of(
        "# Note\n\nITU convened a workshop on spectrum in Lomé on 2 April 2019.\n\n"
        "The meeting, first scheduled for May 2020 in Dakar, was held online in September 2020.\n"
    ) == [("2019-04-02", "Lomé", ("ITU",), (), False), ("2020-09", None, (), (), False)]


# --- opening phrases, supporters, signatories, own bodies of an agency ---------------------


def test_an_opening_through_phrase_holds_no_party() -> None:
    found = extract("# Note\n\nThrough its Cyber Skills Programme, UNITAR teamed up with ITU on online courses.\n")
    assert cooperations(found) == {("ITU", "UNITAR")}


def test_joining_as_a_supporting_organization_is_no_membership() -> None:
    found = extract("# Note\n\nIn 2020 UNHCR joined the Open Identity Network as a supporting organization.\n")
    assert members(found) == set()


def test_a_group_the_agency_manages_together_with_others() -> None:
    found = extract("# Note\n\nUNEP renewed the Clean Fuels Partnership, which it manages together with WHO.\n")
    assert members(found) == {("UNEP", "Clean Fuels Partnership"), ("WHO", "Clean Fuels Partnership")}


def test_a_memorandum_signed_by_the_counted_organizations() -> None:
    found = extract(
        "# Note\n\nFAO and WFP agreed to pool their data; a memorandum to that effect was signed by the two "
        "agencies in May 2021.\n"
    )
    assert cooperations(found) == {("FAO", "WFP")}


def test_and_joins_a_name_with_a_plural_head() -> None:
    found = extract("# Note\n\nThe Research and Training Centres, coordinated by UNU, opened a node in Accra.\n")
    assert members(found) == {("UNU", "Research and Training Centres")}


def test_an_agencys_own_governing_body_is_not_the_un_general_assembly() -> None:
    found = extract(
        "# Note\n\nOn 12 July 2019, the IMO General Assembly approved the renewal of the mandate of the "
        "Facilitation Committee.\n"
    )
    mandates = [
        (names(found, f, "issuer"), names(found, f, "recipient"), f.date) for f in of_kind(found, FactKind.MANDATE)
    ]
    assert [(a, b, d.value if d else None) for a, b, d in mandates] == [
        (("IMO General Assembly",), ("Facilitation Committee",), "2019-07-12")
    ]


def test_a_resolution_that_sets_up_a_body_and_asks_an_agency() -> None:
    found = extract(
        "# Note\n\nIn June 2019 the Human Rights Council, by its resolution 41/11, created an expert mechanism "
        "on new technologies and asked OHCHR to prepare a report on its work.\n"
    )
    mandates = [(names(found, f, "issuer"), names(found, f, "recipient")) for f in of_kind(found, FactKind.MANDATE)]
    assert mandates == [(("Human Rights Council",), ("OHCHR",))]


def test_the_session_under_the_commissions_heading_in_html() -> None:
    found = extract(
        "<h1>COMMISSION ON SCIENCE AND TECHNOLOGY FOR DEVELOPMENT</h1><h2>Twenty-second session</h2>"
        "<p>Geneva, 13 to 17 May 2019</p><p>Submission by</p><p>World Health Organization</p>",
        "html",
    )
    assert [(m["date"], m["place"], m["organizers"]) for m in meetings(found)] == [("2019-05-13", "Geneva", ("CSTD",))]


def test_a_meeting_planned_for_a_year_and_a_place() -> None:
    assert _meetings_of("# Note\n\nA third forum on data, planned for 2026 in Doha, was announced by ESCWA.\n") == [
        ("2026", "Doha", (), (), True)
    ]


def test_participants_named_in_the_sentence_after_the_meeting() -> None:
    assert _meetings_of(
        "# Note\n\nUNEP convened a dialogue on plastics in Nairobi on 3 March 2022. Delegations from 40 countries "
        "attended, as did experts from WHO.\n"
    ) == [("2022-03-03", "Nairobi", ("UNEP",), ("WHO",), False)]


def test_the_host_of_a_conference_named_back_and_the_presidency_it_took_over() -> None:
    found = extract(
        "# Note\n\nThe Fifth Regional Conference on Women was held in Lima on 10-12 March 2021. Peru, which "
        "hosted the Conference, took over its presidency from Chile.\n"
    )
    assert [(m["place"], m["organizers"]) for m in meetings(found)] == [("Lima", ("Peru",))]
    handovers = [(names(found, f, "from"), names(found, f, "to")) for f in of_kind(found, FactKind.HANDOVER)]
    assert handovers == [(("Chile",), ("Peru",))]
    assert members(found) == {("Chile", "Regional Conference on Women"), ("Peru", "Regional Conference on Women")}


def test_a_submissions_event_organised_with_a_partner() -> None:
    found = extract(
        "# Commission\n\nSubmission by\n\nUnited Nations Population Fund\n\n## Events\n\n"
        "- Census data workshop, Dakar, 2 May 2023 (organized with the Government of Senegal).\n"
        "- Webinar on ageing, 9 May 2023 (organised jointly with WHO).\n"
    )
    assert sorted((m["date"], m["organizers"]) for m in meetings(found)) == [
        ("2023-05-02", ("Senegal", "UNFPA")),
        ("2023-05-09", ("UNFPA", "WHO")),
    ]


def test_a_month_takes_no_year_from_a_plan() -> None:
    found = extract(
        "# Report\n\n## Activities in 2023\n\n### Meetings\n\nWMO hosted a workshop in Lima on 3 April 2023. "
        "A follow-up is planned for 2024.\n\nIn October, WMO convened a seminar on floods in Quito.\n"
    )
    assert sorted(m["date"] for m in meetings(found)) == ["2023-04-03", "2023-10"]


def test_chairs_of_a_meeting_named_back_are_its_participants() -> None:
    assert _meetings_of(
        "# Note\n\nOn 3 June 2019 ITU convened a regional forum on spectrum in Abuja. Nigeria and Ghana co-chaired "
        "the forum.\n"
    ) == [("2019-06-03", "Abuja", ("ITU",), ("Ghana", "Nigeria"), False)]


# --- the third round: headers, tables of initiatives, an agency's own officers --------------


def test_a_note_prepared_by_names_the_submitter_and_its_work_under_lines() -> None:
    found = extract(
        "# Commission\n\nNote prepared by\n\nWorld Food Programme\n\n## Work\n\n"
        "In 2021 WFP worked mainly under Action Lines C7 (e-agriculture) and C10.\n"
    )
    assert found.info.submitter == "org/wfp"
    lines = {(f.value("action_line"), f.value("sub_line")) for f in of_kind(found, FactKind.ACTION_LINE)}
    assert lines == {("C7", "e-agriculture"), ("C10", "")}


def test_a_participle_aside_before_the_verb_of_membership() -> None:
    found = extract("# Note\n\nThe Sahel Solar Alliance, founded in 2018, is composed of UNDP, IRENA and the AfDB.\n")
    assert {member for member, _ in members(found)} >= {"UNDP", "IRENA"}
    assert {group for _, group in members(found)} == {"Sahel Solar Alliance"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "UNICEF and WHO pursued their joint programme on immunization data.", {("UNICEF", "WHO")}, id="pursued"
        ),
        pytest.param(
            "UNHCR works with refugees. Under an agreement signed in 2019, UNHCR and IOM share registration data.",
            {("IOM", "UNHCR")},
            id="under-an-agreement",
        ),
        pytest.param(
            "The Digital Census Handbook was written by UNFPA, UNSD and ECA in 2020.",
            {("ECA", "UNFPA", "UNSD")},
            id="written-by",
        ),
        pytest.param(
            "The Open Maps Coalition was designed by UNDP and UNEP.", set(), id="a-group-has-founders-not-parties"
        ),
    ],
)
def test_cooperation_in_third_round_wordings(sentence: str, expected: set[tuple[str, ...]]) -> None:
    assert cooperations(extract(f"# Note\n\n{sentence}\n")) == expected


def test_participants_counted_in_the_next_sentence() -> None:
    assert _meetings_of(
        "# Note\n\nA national dialogue on e-waste, jointly convened by UNEP and UNIDO, took place in Accra on "
        "5 May 2022. Over 200 participants from governments and academia took part.\n"
    ) == [("2022-05-05", "Accra", ("UNEP", "UNIDO"), ("academia", "governments"), False)]


def test_a_table_of_programmes_with_their_partners_gives_memberships() -> None:
    found = extract(
        "# Commission\n\nSubmission by\n\nUnited Nations Development Programme\n\n## Partners\n\n"
        "| Programme | Partners | Role |\n|---|---|---|\n| Digital Public Goods Hub | UNICEF, ITU | founder |\n"
        "| Rural Energy Access | World Bank | donor |\n"
    )
    assert members(found) == {
        ("UNDP", "Digital Public Goods Hub"),
        ("UNICEF", "Digital Public Goods Hub"),
        ("ITU", "Digital Public Goods Hub"),
    }
    assert cooperations(found) == set()


def test_named_events_hosted_as_objects_or_held_in_a_participle() -> None:
    assert _meetings_of(
        "# Note\n\nUNESCO will co-host the World Summit on Open Science in Rabat in June 2026.\n\n"
        "UNCTAD chaired the Global Policy Dialogue held in Bonn on 4 April 2019.\n"
    ) == [("2019-04-04", "Bonn", (), ("UNCTAD",), False), ("2026-06", "Rabat", ("UNESCO",), (), True)]


def test_an_agency_named_after_a_conference_is_no_meeting() -> None:
    found = extract("# Note\n\nITU and UNCTAD co-organized in Geneva from 3 to 5 May 2019 a forum on e-trade.\n")
    assert [(m["place"], m["organizers"]) for m in meetings(found)] == [("Geneva", ("ITU", "UNCTAD"))]


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        pytest.param(
            "In June 2021 the Executive Council of WMO asked the Secretary-General to draft a data policy.",
            "WMO Secretary-General",
            id="the-agencys-own",
        ),
        pytest.param(
            "In June 2021 the Executive Council of WMO asked the UN Secretary-General to convene a summit.",
            "UN Secretary-General",
            id="the-uns-when-said",
        ),
    ],
)
def test_a_body_of_an_agency_asks_its_own_secretary_general(sentence: str, recipient: str) -> None:
    found = extract(f"# Note\n\n{sentence}\n")
    mandates = [(names(found, f, "issuer"), names(found, f, "recipient")) for f in of_kind(found, FactKind.MANDATE)]
    assert mandates == [(("Executive Council of WMO",), (recipient,))]


def test_a_city_after_of_inside_a_name() -> None:
    found = extract("# Note\n\nThe members of the African Data Network are the University of Nairobi and UNECA.\n")
    assert {member for member, _ in members(found)} == {"University of Nairobi", "ECA"}


# --- the fourth round ----------------------------------------------------------------------


def test_founders_named_with_a_together_with_aside() -> None:
    found = extract("# Note\n\nWHO, together with the UN Children's Fund, launched the Child Health Data Alliance.\n")
    assert members(found) == {("WHO", "Child Health Data Alliance"), ("UNICEF", "Child Health Data Alliance")}


def test_a_name_followed_by_a_lowercase_group_noun_and_its_partners() -> None:
    found = extract(
        "# Note\n\n## Oceans\n\nIOC published a report in 2021. UNEP heads the Blue Carbon Registry initiative. "
        "Its main partners are FAO and IUCN.\n"
    )
    assert members(found) == {
        ("UNEP", "Blue Carbon Registry"),
        ("FAO", "Blue Carbon Registry"),
        ("IUCN", "Blue Carbon Registry"),
    }


def test_co_champions_of_a_coalition() -> None:
    found = extract("# Note\n\nUNICEF co-champions the Safe Schools Coalition with the Government of Chile.\n")
    assert members(found) == {("UNICEF", "Safe Schools Coalition"), ("Chile", "Safe Schools Coalition")}


def test_published_joint_guidelines_is_cooperation_but_a_joint_meeting_is_not() -> None:
    found = extract(
        "# Note\n\nWHO and FAO issued joint guidelines on food safety data in 2022. "
        "WHO and FAO organized a joint meeting in Rome on 3 May 2022.\n"
    )
    assert cooperations(found) == {("FAO", "WHO")}
    assert [(m["place"], m["organizers"]) for m in meetings(found)] == [("Rome", ("FAO", "WHO"))]


def test_it_hosted_by_does_not_reach_a_meeting_of_another_section() -> None:
    assert _meetings_of(
        "# Note\n\n## Commission\n\nThe Statistical Commission met in New York on 1 March 2022.\n\n## Drills\n\n"
        "UNDP did not organize the regional cyber drill in 2023; it was hosted by Oman.\n"
    ) == [("2022-03-01", "New York", ("StatCom",), (), False)]


def test_a_body_met_in_a_city_on_the_sidelines_of_another_meeting() -> None:
    assert _meetings_of(
        "# Note\n\nThe Digital Health Coalition met in Geneva on 22 May 2023 on the margins of the World Health "
        "Assembly.\n"
    ) == [("2023-05-22", "Geneva", ("Digital Health Coalition",), (), False)]
