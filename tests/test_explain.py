"""``explain_document``: what each sentence yielded (rule, confidence) and why the
distractors in it gave no fact, on an invented document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wsisgraph.explain import explain_document

DOCUMENT = """\
# Note on partnerships

## Groups

The Safe Roads Data Alliance unites WHO, UNECE and the World Bank.

UNICEF has not yet joined the Safe Roads Data Alliance.

ITU intends to become a partner of the Safe Roads Data Alliance next year.

If resources allow, UNDP would join the Alliance.

UNEP takes part in the Alliance as an observer.

IOM has been invited to join the Alliance.

The Alliance thanked UNFPA for hosting its website.

## Work

With financial support from the European Union, UNECE published a road safety atlas.

As reported by OECD, UNEP and WMO jointly developed an air quality model.
"""

EXPECTED = {
    "UNICEF has not yet joined": "negated",
    "ITU intends to become": "a plan or intention",
    "If resources allow": "conditional",
    "as an observer": "an observer",
    "IOM has been invited": "an invitee",
    "thanked UNFPA": "thanked or welcomed",
    "With financial support": "a supporter, donor or sponsor",
    "As reported by OECD": "a source merely cited",
}


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path: Path = tmp_path_factory.mktemp("explain") / "note.md"
    path.write_text(DOCUMENT, encoding="utf-8")
    return explain_document(path)


def _blocks(lines: list[str]) -> dict[str, list[str]]:
    """Sentence text -> the lines under it."""
    blocks: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        header = re.match(r"^\[\d+\] \(\d+-\d+, \w+\) (?P<text>.*)$", line)
        if header:
            current = header.group("text")
            blocks[current] = []
        elif current and line.startswith("    "):
            blocks[current].append(line.strip())
    return blocks


@pytest.mark.parametrize(("cue", "reason"), EXPECTED.items(), ids=list(EXPECTED))
def test_each_distractor_is_named_with_its_reason(lines: list[str], cue: str, reason: str) -> None:
    blocks = _blocks(lines)
    sentence = next(text for text in blocks if cue in text)
    rejected = [line for line in blocks[sentence] if line.startswith("- rejected by")]
    assert any(reason in line for line in rejected), blocks[sentence]


def test_found_facts_carry_rule_and_confidence(lines: list[str]) -> None:
    blocks = _blocks(lines)
    found = blocks["The Safe Roads Data Alliance unites WHO, UNECE and the World Bank."]
    assert {line.split(";")[0] for line in found} == {
        "+ membership: member: WHO",
        "+ membership: member: ECE",
        "+ membership: member: WBG",
    }
    assert all(re.search(r"\[rule [\w+-]+, confidence 0\.\d\d\]$", line) for line in found)
    cooperation = blocks["As reported by OECD, UNEP and WMO jointly developed an air quality model."]
    assert any(line.startswith("+ cooperation: parties: UNEP, WMO") for line in cooperation), cooperation


def test_distractors_add_no_fact(lines: list[str]) -> None:
    assert lines[0].startswith("note: 4 facts from")
