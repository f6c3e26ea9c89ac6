"""``wsisgraph explain``: what each sentence yielded, by which rule, and what was refused."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from wsisgraph.extract import extract_document
from wsisgraph.extract.context import Candidate
from wsisgraph.gazetteer import gazetteer
from wsisgraph.read import read_document

__all__ = ["describe_candidate", "explain_document"]


def describe_candidate(candidate: Candidate, names: dict[str, str]) -> str:
    """One line describing a candidate fact with readable names."""

    def name(key: str) -> str:
        return names.get(key, key)

    roles = "; ".join(f"{role}: {', '.join(name(k) for k in keys) or '-'}" for role, keys in candidate.roles)
    extra = []
    if candidate.date is not None:
        extra.append(f"date {candidate.date.value}" + (f"..{candidate.date.end}" if candidate.date.end else ""))
    if candidate.place:
        extra.append(f"place {candidate.place}")
    extra += [f"{key} {value}" for key, value in candidate.values if value]
    if candidate.planned:
        extra.append("planned")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{candidate.kind.value}: {roles}{tail}  [rule {candidate.rule}, confidence {candidate.confidence:.2f}]"


def explain_document(path: Path, *, all_sentences: bool = False) -> list[str]:
    """Lines explaining the extraction of the document at ``path``."""
    document = read_document(path)
    extraction = extract_document(document)
    names = {key: entity.name for key, entity in gazetteer().entities.items()}
    names.update({key: entity.name for key, entity in extraction.entities.items()})
    for view in extraction.views:
        for slot in view.slots:
            for key in slot.keys:
                names.setdefault(key, slot.text or key)
    found: dict[int, list[str]] = defaultdict(list)
    for candidate in extraction.candidates:
        line = describe_candidate(candidate, names)
        if line not in found[candidate.view.sentence.index]:
            found[candidate.view.sentence.index].append(line)
    refused: dict[int, list[str]] = defaultdict(list)
    for rejection in extraction.rejections:
        line = f"rejected by {rejection.rule}: {rejection.reason}"
        if line not in refused[rejection.view.sentence.index]:
            refused[rejection.view.sentence.index].append(line)
    lines = [f"{document.id}: {len(extraction.facts)} facts from {len(extraction.sentences)} sentences"]
    for view in extraction.views:
        index = view.sentence.index
        if not all_sentences and index not in found and index not in refused:
            continue
        span = view.sentence.span
        lines.append("")
        lines.append(f"[{index}] ({span.start}-{span.end}, {view.kind}) {view.text}")
        lines += [f"    + {line}" for line in found.get(index, [])]
        lines += [f"    - {line}" for line in refused.get(index, [])]
    return lines
