"""Ingest throughput against the floor of reading the same files and scanning them once.

    python benchmarks/ingest_speed.py [--repeat N]

Prints MB of text per second for (a) the baseline: read each file's bytes and scan the text
once for every reference name with an Aho-Corasick automaton (pyahocorasick), and (b) the
full pipeline: read, extract, emit and write each document's graph into a fresh on-disk
Oxigraph store. The ratio is what the pipeline costs over a single pass of the text.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import ahocorasick

from wsisgraph.gazetteer import gazetteer
from wsisgraph.ingest import collect_files, ingest_files
from wsisgraph.read import read_document
from wsisgraph.store import Store

ROOT = Path(__file__).resolve().parents[1]


def baseline(files: list[Path]) -> tuple[float, int]:
    automaton = ahocorasick.Automaton()
    for entity in gazetteer().entities.values():
        for name in {entity.name, entity.full_name, *entity.aliases}:
            if name:
                automaton.add_word(name.lower(), entity.key)
    automaton.make_automaton()
    started = time.perf_counter()
    characters = hits = 0
    for path in files:
        text = read_document(path).text
        characters += len(text)
        hits += sum(1 for _ in automaton.iter(text.lower()))
    return time.perf_counter() - started, characters


def pipeline(paths: list[Path]) -> float:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "store") as store:
        started = time.perf_counter()
        report = ingest_files(store, paths)
        elapsed = time.perf_counter() - started
    assert not report.failed, report.failed
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "data" / "corpus"])
    args = parser.parse_args()
    files, _ = collect_files(args.paths)
    gazetteer()  # load once, outside the timings
    base_time, characters = min(baseline(files) for _ in range(args.repeat))
    full_time = min(pipeline(args.paths) for _ in range(args.repeat))
    megabytes = characters / 1e6
    print(f"documents: {len(files)}, text: {megabytes:.2f} MB")
    print(f"baseline (read + one Aho-Corasick scan): {base_time:.2f} s, {megabytes / base_time:.2f} MB/s")
    print(f"full ingest (read, extract, emit, store): {full_time:.2f} s, {megabytes / full_time:.2f} MB/s")
    print(f"ratio: the pipeline takes {full_time / base_time:.1f} times the baseline")


if __name__ == "__main__":
    main()
