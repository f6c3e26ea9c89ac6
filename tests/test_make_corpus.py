"""The scale corpus generator (benchmarks/make_corpus.py): deterministic, faithful, realistic."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from wsisgraph.extract import extract_document
from wsisgraph.read import read_bytes

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parts(make_corpus: ModuleType) -> tuple[object, object]:
    return make_corpus.load_templates(), make_corpus.load_pools()


def test_a_document_depends_only_on_the_seed_and_its_index(make_corpus: ModuleType, tmp_path: Path) -> None:
    small = [path.read_bytes() for path in make_corpus.generate(5, 3, tmp_path / "a")]
    large = [path.read_bytes() for path in make_corpus.generate(8, 3, tmp_path / "b")]
    other = [path.read_bytes() for path in make_corpus.generate(5, 4, tmp_path / "c")]
    assert large[:5] == small
    assert other != small


def test_markdown_and_html_read_back_to_the_blocks_that_were_written(
    make_corpus: ModuleType, parts: tuple[object, object]
) -> None:
    templates, pools = parts
    checked = 0
    for index in range(120):
        stem, fmt, blocks = make_corpus.compose(index, 1, templates, pools)
        if fmt == "txt":
            continue
        document = read_bytes(make_corpus.render(fmt, blocks).encode(), source=stem, fmt=fmt, doc_id=stem)
        written = [(block.kind, " | ".join(block.texts)) for block in blocks]
        read = [(block.kind, document.text[block.span.start : block.span.end]) for block in document.blocks]
        assert read == written, stem
        checked += 1
    assert checked > 80


def test_the_header_gives_submitter_session_and_year(make_corpus: ModuleType, parts: tuple[object, object]) -> None:
    templates, pools = parts
    formats = set()
    for index in range(40):
        stem, fmt, blocks = make_corpus.compose(index, 2, templates, pools)
        formats.add(fmt)
        document = read_bytes(make_corpus.render(fmt, blocks).encode(), source=stem, fmt=fmt, doc_id=stem)
        info = extract_document(document).info
        year = int(blocks[2].texts[0].split("efforts in ")[1][:4])
        assert info.year == year, stem
        assert info.session == make_corpus.session_of(year), stem
        assert info.submitter, stem
        assert stem.endswith(info.submitter.removeprefix("org/")), (stem, info.submitter)
        assert info.title == blocks[0].texts[0]
    assert formats == {"md", "txt", "html"}


def test_generated_documents_state_about_as_many_facts_as_the_shipped_ones(
    make_corpus: ModuleType, parts: tuple[object, object]
) -> None:
    templates, pools = parts
    facts = characters = 0
    for index in range(30):
        stem, fmt, blocks = make_corpus.compose(index, 5, templates, pools)
        document = read_bytes(make_corpus.render(fmt, blocks).encode(), source=stem, fmt=fmt, doc_id=stem)
        facts += len(extract_document(document).facts)
        characters += len(document.text)
    shipped_facts = shipped_characters = 0
    for path in sorted((ROOT / "data" / "corpus").iterdir()):
        if path.suffix in make_corpus.SOURCE_SUFFIXES:
            fmt = path.suffix.lstrip(".")
            document = read_bytes(path.read_bytes(), source=str(path), fmt=fmt, doc_id=path.stem)
            shipped_facts += len(extract_document(document).facts)
            shipped_characters += len(document.text)
    density, shipped = facts / characters, shipped_facts / shipped_characters
    assert 0.6 * shipped < density < 1.4 * shipped, (density * 1000, shipped * 1000)


def test_names_are_swapped_consistently_within_a_document(
    make_corpus: ModuleType, parts: tuple[object, object]
) -> None:
    _, pools = parts
    mc = make_corpus
    text = "The International Telecommunication Union (ITU) and ILO met in Geneva in May 2019; ITU chaired."

    def hole(surface: str, kind: str, key: str = "", form: str = "", after: int = 0) -> object:
        start = text.index(surface, after)
        return mc.Hole(start, start + len(surface), kind, key, form)

    holes = (
        hole("International Telecommunication Union (ITU)", "org", "org/itu", "defined"),
        hole("ILO", "org", "org/ilo", "acronym"),
        hole("Geneva", "place", "place/geneva", "full"),
        hole("May 2019", "date"),
        hole("ITU", "org", "org/itu", "acronym", after=60),
    )
    submitter = pools.submitters[0]
    cast = mc.Cast(random.Random(1), pools, submitter, 2012)
    filled = cast.fill(mc.Piece(text, holes), -3)
    itu = cast.chosen[("org", "org/itu")]
    ilo = cast.chosen[("org", "org/ilo")]
    assert len({itu.full, ilo.full, submitter.full}) == 3
    expected = (
        f"The {itu.written('defined')} and {ilo.written('acronym')} met in "
        f"{cast.chosen[('place', 'place/geneva')].full} in May 2016; {itu.written('acronym')} chaired."
    )
    assert filled == expected
    assert cast.fill(mc.Piece(text, holes), -3) == filled  # the same stand-ins for the whole document
