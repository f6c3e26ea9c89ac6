"""Fuzz the readers with mutated bytes of the shipped documents; report what is not a ReadError.

    python benchmarks/fuzz_readers.py [--seconds 60] [--seed 0] [--slow 2.0]

Seeds are the files of ``data/corpus`` (Markdown, text, HTML, DOCX, PDF). Each round takes
a seed and mutates it a few times over: bit flips, random or markup bytes (``<``, ``|``,
``#``, NUL, ``0xFF``, CR...) written or inserted, a range deleted or duplicated, the file
cut short, or spliced with another seed. A DOCX is a zip: half of its rounds mutate the
XML parts inside it and zip it again, so the mutations get past the zip checksums to the
XML and python-docx. The mutated bytes go to the reader of the seed's own format and, one
round in four, to another format's reader as well (Markdown read as HTML, a PDF as text...).

A reader may return a Document or raise a :class:`wsisgraph.errors.WsisgraphError`
(normally a ReadError naming the file and the fix). Anything else is a finding: it is
reported once per reader, exception type and place in the code, and the input is saved
under ``benchmarks/out/fuzz/`` to replay with ``read_bytes``. A read that takes longer than
``--slow`` seconds is reported too (interrupted after 10 times that, where Python code is
running). The run ends after ``--seconds`` and prints the counts per reader.

Run by hand, not in CI: ``tests/test_properties.py`` has the fast, deterministic properties.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import signal
import sys
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

from wsisgraph.errors import WsisgraphError
from wsisgraph.read import SUPPORTED_SUFFIXES, ReadLimits, read_bytes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
OUT = ROOT / "benchmarks" / "out" / "fuzz"
FORMATS = ("md", "txt", "html", "docx", "pdf")
_TOKENS = (
    b"<",
    b">",
    b"</",
    b"|",
    b"#",
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\r",
    b"\n\n",
    b"&#",
    b"&amp",
    b"<table><tr><td>",
    b"<w:p>",
    b"</w:t>",
    b"obj",
    b"endobj",
    b"stream",
    b"%PDF-1.7",
    b"\xc3",
    b"\xe2\x80",
    b"*" * 40,
    b"[" * 200,
    b"- " * 30,
    b"> " * 50,
)


class _Hang(BaseException):
    """Raised by the alarm when a read runs far too long."""


def mutate(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    """``data`` with one to eight random edits."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buffer:
            buffer += rng.choice(_TOKENS)
            continue
        position = rng.randrange(len(buffer))
        choice = rng.randrange(8)
        if choice == 0:
            buffer[position] ^= 1 << rng.randrange(8)
        elif choice == 1:
            buffer[position] = rng.randrange(256)
        elif choice == 2:
            buffer[position:position] = rng.choice(_TOKENS)
        elif choice == 3:
            del buffer[position : position + rng.randint(1, 64)]
        elif choice == 4:
            chunk = buffer[position : position + rng.randint(1, 256)]
            buffer[position:position] = chunk * rng.randint(1, 20)
        elif choice == 5:
            del buffer[position:]
        elif choice == 6:
            other = rng.choice(seeds)
            start = rng.randrange(len(other))
            buffer[position:position] = other[start : start + rng.randint(1, 512)]
        else:
            buffer[position : position + 4] = rng.randbytes(4)
    return bytes(buffer)


def mutate_docx(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    """A DOCX whose XML parts are mutated and zipped again (valid zip, broken content)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    names = sorted(name for name in parts if name.endswith((".xml", ".rels")))
    for name in rng.sample(names, k=min(len(names), rng.randint(1, 2))):
        parts[name] = mutate(parts[name], rng, seeds)
    if rng.random() < 0.1:
        parts.pop(rng.choice(sorted(parts)))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return output.getvalue()


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    inside = [frame for frame in frames if "wsisgraph" in frame.filename] or frames
    frame = inside[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow", type=float, default=2.0, help="report reads slower than this (seconds)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seeds = [(path, path.read_bytes()) for path in sorted(CORPUS.iterdir()) if path.suffix in SUPPORTED_SUFFIXES]
    raw = [data for _, data in seeds]
    limits = ReadLimits(max_pages=50)

    def hang(signum: int, frame: object) -> None:
        raise _Hang

    signal.signal(signal.SIGALRM, hang)
    counts: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    findings: dict[tuple[str, str, str], tuple[str, Path]] = {}
    slow: list[tuple[float, str, Path]] = []
    OUT.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        path, data = rng.choice(seeds)
        own = SUPPORTED_SUFFIXES[path.suffix]
        inner = own == "docx" and rng.random() < 0.5
        mutated = mutate_docx(data, rng, raw) if inner else mutate(data, rng, raw)
        readers = [own] + ([rng.choice([f for f in FORMATS if f != own])] if rng.random() < 0.25 else [])
        for fmt in readers:
            counts[fmt] += 1
            started = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, args.slow * 10)
            problem: BaseException | None = None
            try:
                read_bytes(mutated, source=f"fuzz.{fmt}", fmt=fmt, doc_id="fuzz", limits=limits)
            except WsisgraphError:
                refused[fmt] += 1
            except _Hang as error:
                problem = error
            except Exception as error:
                problem = error
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.perf_counter() - started
            if problem is not None or elapsed > args.slow:
                name = hashlib.sha256(mutated).hexdigest()[:16]
                saved = OUT / f"{name}.{fmt}"
                saved.write_bytes(mutated)
                if problem is None or isinstance(problem, _Hang):
                    slow.append((elapsed, fmt, saved))
                else:
                    key = (fmt, type(problem).__name__, _where(problem))
                    if key not in findings:
                        findings[key] = (str(problem)[:200], saved)
                        print(f"FINDING {fmt}: {key[1]} at {key[2]}: {findings[key][0]} ({saved})", flush=True)

    print(f"\n{sum(counts.values()):,} reads in {args.seconds:.0f} s (seed {args.seed}):")
    print("| reader | reads | ReadError | other exceptions |")
    print("|---|---:|---:|---:|")
    for fmt in FORMATS:
        others = sum(1 for key in findings if key[0] == fmt)
        print(f"| {fmt} | {counts[fmt]:,} | {refused[fmt]:,} | {others} |")
    for (fmt, kind, where), (message, saved) in sorted(findings.items()):
        print(f"- {fmt}: {kind} at {where}: {message}\n  replay: {saved}")
    for elapsed, fmt, saved in sorted(slow, reverse=True)[:10]:
        print(f"- slow {fmt} read: {elapsed:.1f} s ({saved})")
    if not findings and not slow:
        print("no exception other than WsisgraphError, no read slower than the limit")
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
