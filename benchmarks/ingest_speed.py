"""Ingest throughput and peak memory on a generated corpus, against the floor of one plain scan.

    python benchmarks/ingest_speed.py [--docs 1000] [--jobs 1,2] [--memory-sizes 1000,10000]
                                      [--seed 1] [--profile 200] [--tracemalloc]

It writes a scale corpus with ``make_corpus.py`` (the largest size asked for; smaller sizes
are its first documents) under ``benchmarks/out/``, then measures, in one run:

* **throughput** on the first ``--docs`` documents, in MB of input text (the files' bytes:
  Markdown, text and HTML) per second:

  - the *floor*: read each file, decode it and scan it once for every reference name
    (names, full names and aliases of the gazetteer) with a pyahocorasick automaton;
  - the *pipeline*: :func:`wsisgraph.ingest.ingest_files` into a fresh on-disk store (read,
    segment, extract, emit, write one transaction per document, flush), once per ``--jobs``
    value; then the same corpus again, unchanged, on the same store;

  and the ratio pipeline / floor;
* **peak memory** of an ingest of each of ``--memory-sizes`` documents into a fresh store,
  each in its own subprocess (one process per size, so no size inherits another's heap):
  ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of the process that writes the store, and
  the peak of the summed resident memory of it and its worker processes (sampled from
  ``/proc`` every 20 ms); with ``--tracemalloc`` also the peak of the Python heap of the
  writing process (slow). It prints the ratio of the largest size to the smallest.

``ingest`` flushes the store (RocksDB's memory tables) every ``FLUSH_EVERY`` documents,
which is what keeps the memory flat; the memory runs measure exactly that.

``--profile N`` adds a cProfile of a one-process ingest of N documents: the time per
pipeline stage and the functions that take the most time of their own.

Run by hand; not part of CI. Issue 6 asks for >= 5 MB/s end to end at 1,000 documents and
for peak memory at 10,000 documents within 1.5 times that at 1,000.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import ahocorasick

from wsisgraph.gazetteer import gazetteer
from wsisgraph.ingest import ingest_files, iter_ingest
from wsisgraph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


# --- the floor ------------------------------------------------------------------------------


def reference_automaton() -> ahocorasick.Automaton:
    """Every name, full name and alias of the gazetteer, lower-cased, in one automaton."""
    automaton = ahocorasick.Automaton()
    for entity in gazetteer().entities.values():
        for name in {entity.name, entity.full_name, *entity.aliases}:
            if name:
                automaton.add_word(name.lower(), entity.key)
    automaton.make_automaton()
    return automaton


def floor(files: list[Path], automaton: ahocorasick.Automaton) -> tuple[float, int, int]:
    """Seconds to read, decode and scan every file once; bytes read; names found."""
    started = time.perf_counter()
    size = hits = 0
    for path in files:
        data = path.read_bytes()
        size += len(data)
        text = data.decode("utf-8").lower()
        for _ in automaton.iter(text):
            hits += 1
    return time.perf_counter() - started, size, hits


# --- the pipeline ---------------------------------------------------------------------------


def pipeline(files: list[Path], jobs: int) -> tuple[float, float, int, int]:
    """Seconds for a fresh ingest, seconds for a re-ingest of the unchanged files, facts, failures."""
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        path = Path(folder) / "store"
        store = Store(path)
        started = time.perf_counter()
        report = ingest_files(store, files, jobs=jobs)
        store.close()
        fresh = time.perf_counter() - started
        store = Store(path)
        started = time.perf_counter()
        again = ingest_files(store, files, jobs=jobs)
        store.close()
        unchanged = time.perf_counter() - started
    assert again.count("unchanged") == len(files) - len(report.failed), "a re-ingest changed documents"
    return fresh, unchanged, sum(report.facts_by_kind().values()), len(report.failed)


# --- memory ---------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(root: int) -> int:
    tree = _children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(tree.get(pid, ()))
    return total


def memory_run(corpus: Path, count: int, jobs: int, trace: bool) -> dict[str, float]:
    """Ingest the first ``count`` documents of ``corpus`` in a subprocess; its peak memory."""
    command = [sys.executable, __file__, "--child", str(corpus), str(count), "--jobs", str(jobs)]
    if trace:
        command.append("--tracemalloc")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"the memory run of {count} documents failed (exit {process.returncode})")
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    result["tree_peak_kb"] = peak
    return result


def child(corpus: Path, count: int, jobs: int, trace: bool) -> None:
    """The memory run itself: ingest, keep no per-document outcome, report the peaks as JSON."""
    if trace:
        import tracemalloc

        tracemalloc.start()
    files = sorted(corpus.iterdir())[:count]
    started = time.perf_counter()
    failed = written = 0
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        store = Store(Path(folder) / "store")
        for outcome in iter_ingest(store, files, jobs=jobs):
            written += 1
            failed += outcome.status == "failed"
        store.close()
    result = {
        "documents": written,
        "failed": failed,
        "seconds": time.perf_counter() - started,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    if trace:
        result["python_peak_kb"] = tracemalloc.get_traced_memory()[1] / 1024
    print(json.dumps(result))


# --- profile --------------------------------------------------------------------------------

_STAGES = (
    ("read (bytes -> Document)", "read_bytes"),
    ("segment", "segment_document"),
    ("mentions", "find_mentions"),
    ("resolve", "resolve_mentions"),
    ("header", "read_header"),
    ("meetings", "extract_meetings"),
    ("memberships", "extract_memberships"),
    ("cooperations", "extract_cooperations"),
    ("mandates", "extract_mandates"),
    ("handovers", "extract_handovers"),
    ("action lines", "extract_action_lines"),
    ("merge facts", "merge_candidates"),
    ("emit (rdflib terms)", "emit_document"),
    ("N-Triples lines", "ntriples_lines"),
    ("store write (SPARQL update)", "replace_graph_lines"),
)


def profile(files: list[Path]) -> None:
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        store = Store(Path(folder) / "store")
        ingest_files(store, files[:1], jobs=1)  # reference graph and lazy imports outside the profile
        profiler = cProfile.Profile()
        profiler.enable()
        ingest_files(store, files[1:], jobs=1)
        profiler.disable()
        store.close()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, name), (_, _, _, ct, _) in entries.items() if name == "ingest_files")
    print(f"\nprofile of a one-process ingest of {len(files) - 1} documents: {total:.2f} s")
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    for label, function in _STAGES:
        seconds = sum(ct for (_, _, name), (_, _, _, ct, _) in entries.items() if name == function)
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    print("\nfunctions with the most time of their own:")
    own = sorted(entries.items(), key=lambda item: -item[1][2])[:15]
    for (file_name, line, name), (_, calls, tottime, _, _) in own:
        where = f"{Path(file_name).name}:{line}" if line else file_name
        print(f"  {tottime:6.2f} s  {calls:>9,} calls  {name}  ({where})")


def throughput(sample: list[Path], jobs: list[int]) -> None:
    automaton = reference_automaton()
    base_s, size, hits = min(floor(sample, automaton) for _ in range(3))
    megabytes = size / 1e6
    print(f"\nthroughput on {len(sample):,} documents, {megabytes:.2f} MB of text:")
    print("| run | seconds | MB/s | x floor |")
    print("|---|---:|---:|---:|")
    print(
        f"| floor: read + one Aho-Corasick scan ({hits:,} names found) | {base_s:.3f} | {megabytes / base_s:.1f} | 1 |"
    )
    for count in jobs:
        fresh, unchanged, facts, failed = pipeline(sample, count)
        print(
            f"| ingest, --jobs {count}: {facts:,} facts, {failed} failed | {fresh:.1f} | "
            f"{megabytes / fresh:.2f} | {fresh / base_s:.0f} |"
        )
        print(f"| re-ingest unchanged, --jobs {count} | {unchanged:.2f} | {megabytes / unchanged:.1f} | - |")


# --- main -----------------------------------------------------------------------------------


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents for the throughput runs")
    parser.add_argument("--jobs", default=str(os.cpu_count() or 1), help="worker processes, e.g. 1,2")
    parser.add_argument("--memory-sizes", default="1000,10000", help="documents per memory run; empty: none")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, help="profile a one-process ingest of N documents")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap in memory runs")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    jobs = _ints(args.jobs)
    if args.child:
        child(Path(args.child[0]), int(args.child[1]), jobs[0], args.tracemalloc)
        return
    memory_sizes = _ints(args.memory_sizes)
    OUT.mkdir(parents=True, exist_ok=True)
    largest = max([args.docs, args.profile, *memory_sizes])
    corpus = OUT / f"corpus-{largest}-s{args.seed}"
    started = time.perf_counter()
    files = list(make_corpus.generate(largest, args.seed, corpus))
    print(f"corpus: {largest:,} generated documents in {corpus} ({time.perf_counter() - started:.1f} s)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {_load()}")

    if args.docs:
        throughput(files[: args.docs], jobs)
    else:
        print("(no throughput run: --docs 0)")

    if memory_sizes:
        print(f"\npeak memory of an ingest into a fresh store (--jobs {jobs[-1]}):")
        header = "| documents | seconds | writer maxrss (MB) | writer + workers, sampled (MB) |"
        print(header + (" Python heap peak (MB) |" if args.tracemalloc else ""))
        print("|---:|---:|---:|---:|" + ("---:|" if args.tracemalloc else ""))
        results = []
        for count in memory_sizes:
            result = memory_run(corpus, count, jobs[-1], args.tracemalloc)
            results.append(result)
            line = (
                f"| {count:,} | {result['seconds']:.0f} | {result['maxrss_kb'] / 1024:.0f} | "
                f"{result['tree_peak_kb'] / 1024:.0f} |"
            )
            if args.tracemalloc:
                line += f" {result['python_peak_kb'] / 1024:.0f} |"
            print(line + (f" ({result['failed']:.0f} failed)" if result["failed"] else ""), flush=True)
        if len(results) > 1:
            small, large = results[0], results[-1]
            ratios = [
                f"writer {large['maxrss_kb'] / small['maxrss_kb']:.2f}",
                f"writer + workers {large['tree_peak_kb'] / small['tree_peak_kb']:.2f}",
            ]
            if args.tracemalloc:
                ratios.append(f"Python heap {large['python_peak_kb'] / small['python_peak_kb']:.2f}")
            print(f"ratio {memory_sizes[-1]:,} / {memory_sizes[0]:,} documents: " + ", ".join(ratios))

    if args.profile:
        profile(files[: args.profile])
    print(f"\nload average at the end: {_load()}")


def _load() -> str:
    """The 1-minute load average: other work on the machine skews the timings."""
    return f"{os.getloadavg()[0]:.2f}"


if __name__ == "__main__":
    main()
