"""Fuzz the loader and the reading commands: python benchmarks/fuzz.py [--cases N] [--seed S].

Each case takes one of the example ledgers, mutates it one to three times
(byte flips, lines deleted or doubled, indentation shifted, odd Unicode, YAML
tags, merge keys, complex keys, several documents, odd line ends, huge
numbers, deep nesting, conflict markers...) and runs `check`, `status`,
`fmt --check` and `list` on it in-process. A case fails when a command raises
(a traceback, or the "internal error" sentence), exits outside 0/1/2/3, or takes
over 10 s. Failing inputs are written to --out (default: a temporary folder)
with what went wrong, to be replayed by hand.

tests/test_fuzz.py runs a few hundred cases of the same on every test run.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))  # run as a plain script

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
COMMANDS = (("check",), ("status",), ("fmt", "--check"), ("list",))
EXITS = frozenset({0, 1, 2, 3})
LIMIT = 10.0  # seconds a command may take on one case

Mutation = Callable[[random.Random, bytes], bytes]


def seeds() -> list[bytes]:
    """The example ledgers, the inputs every case starts from."""
    return [path.read_bytes() for path in sorted(EXAMPLES.rglob("*.yaml"))]


# --- mutations ----------------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    del lines[at : at + rng.randint(1, 3)]
    return b"\n".join(lines)


def duplicate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    chunk = lines[at : at + rng.randint(1, 4)]
    lines[at:at] = chunk
    return b"\n".join(lines)


def move_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    line = lines.pop(rng.randrange(len(lines)))
    lines.insert(rng.randrange(len(lines) + 1), line)
    return b"\n".join(lines)


def shift_indent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    for index in range(at, min(len(lines), at + rng.randint(1, 5))):
        if rng.random() < 0.5:
            lines[index] = b" " * rng.choice((1, 2, 4)) + lines[index]
        else:
            lines[index] = lines[index][rng.choice((1, 2)) :]
    return b"\n".join(lines)


ODD_TEXT = [
    "\u202e",  # right-to-left override
    "\u200f",
    "\u200b",  # zero width space
    "\u200d",
    "\ufeff",
    "\x00",
    "\x1b[2K",
    "\u3000",
    "：",
    "\t",
    "\x85",
    "\u2028",
    "\u2029",
    "\r",
    "\x0c",
    "\U0001f600",
    "\\ud800",
    '"\\ud800"',
    '"\\x00\\u202e"',
    "\\",
    "#",
    "'",
    '"',
    "&a",
    "*a",
    "%YAML 1.1",
    "!",
    "|",
    ">-",
    "{",
    "[",
    ": ",
    "- ",
    "? ",
    "@",
    "`",
]
ODD_BYTES = [b"\xed\xa0\x80", b"\xff", b"\xc0\xaf", b"\xe4\xb8", b"\xa1\xa1", b"\x00"]


def insert_odd(rng: random.Random, data: bytes) -> bytes:
    piece = rng.choice(ODD_BYTES) if rng.random() < 0.2 else rng.choice(ODD_TEXT).encode("utf-8")
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


VALUES = [
    "!!bool maybe",
    "!!bool ''",
    "!!float ''",
    "!!float x",
    "!!int ''",
    "!!int 0x",
    "!!int 0b",
    "!!int '-'",
    "!!timestamp x",
    "!!timestamp 2024-13-45",
    "!!timestamp '2024-01-01 25:00:00'",
    "!!null x",
    "!!str 12",
    "!!str [1]",
    "!!map [1]",
    "!!seq {a: 1}",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!pairs [a: 1]",
    "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system",
    "!foo bar",
    "!<tag:yaml.org,2002:int> 3",
    "!<tag:example.com,2000:x> 3",
    "!!merge x",
    "!!value x",
    "<<",
    "=",
    "~",
    "null",
    "[]",
    "{}",
    "''",
    "yes",
    "on",
    "0x1F",
    "0o17",
    "1_000",
    "190:20:30",
    "2024-02-30",
    "2024-02-29",
    "9999-12-31",
    "0001-01-01",
    "2024-01-01T10:00:00Z",
    ".inf",
    "-.inf",
    ".nan",
    "1e999",
    "-1e-999",
    "9" * 5000,
    "-" + "9" * 4400,
    "1." + "0" * 5000 + "1",
    "0." + "9" * 400,
    "100.00000000000001",
    "99.95",
    "-0",
    "'" + "长" * 20000 + "'",
    '"\\ud800"',
    '"\\U0010FFFF"',
    '"\\0"',
    "[" * 60 + "]" * 60,
    "{a: " * 60 + "1" + "}" * 60,
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "*alias",
    "&anchor x",
    "|\n  多行\n  文字",
    ">+\n\n  x\n\n",
    "- a\n- b",
    "a: b",
    "? x",
]


def _value_lines(lines: list[bytes]) -> list[int]:
    return [
        n for n, line in enumerate(lines) if b": " in line and not line.lstrip().startswith(b"#")
    ]


def replace_value(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = _value_lines(lines) or [0]
    at = rng.choice(candidates)
    key = lines[at].split(b": ", 1)[0]
    lines[at] = key + b": " + rng.choice(VALUES).encode("utf-8")
    return b"\n".join(lines)


def tag_value(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = _value_lines(lines) or [0]
    at = rng.choice(candidates)
    key, _, value = lines[at].partition(b": ")
    tag = rng.choice(
        [b"!!bool", b"!!int", b"!!float", b"!!timestamp", b"!!null", b"!!str", b"!!binary"]
    )
    lines[at] = key + b": " + tag + b" " + value
    return b"\n".join(lines)


def merge_key(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = _value_lines(lines) or [0]
    at = rng.choice(candidates)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(b" -"))].replace(b"-", b" ")
    piece = rng.choice(
        [b"<<: {title: x, completion: 5}", b"<<: [{a: 1}, {b: 2}]", b"<<: x", b"<<: 1"]
    )
    lines.insert(at, indent + piece)
    return b"\n".join(lines)


def complex_key(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = _value_lines(lines) or [0]
    at = rng.choice(candidates)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(b" "))]
    piece = rng.choice(
        [
            [b"? [a, b]", b": 1"],
            [b"? {a: 1}", b": x"],
            [b"[a]: 1"],
            [b"{a: 1}: 2"],
            [b"? |", b"  block key", b": v"],
            [b"1: one"],
            [b"null: x"],
            [b"yes: x"],
            [b"2024-01-01: x"],
            [b"~: x"],
        ]
    )
    lines[at:at] = [indent + p for p in piece]
    return b"\n".join(lines)


def documents(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(
        [
            data + b"\n---\n" + data,
            b"---\n" + data + b"\n...\n",
            b"%YAML 1.1\n---\n" + data,
            b"%YAML 1.3\n---\n" + data,
            b"%TAG !e! tag:example.com,2000:\n---\n" + data,
            data + b"\n--- x\n",
            b"--- |\n  " + data.replace(b"\n", b"\n  "),
            data + b"\n...\n# trailing\n",
        ]
    )


def line_ends(rng: random.Random, data: bytes) -> bytes:
    end = rng.choice(["\r", "\r\n", "\x85", "\u2028", "\u2029"]).encode("utf-8")
    if rng.random() < 0.5:
        return data.replace(b"\n", end)
    lines = _lines(data)
    at = rng.randrange(len(lines))
    return b"\n".join(lines[:at]) + end + b"\n".join(lines[at:])


def deep(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([40, 200, 2000, 20000])
    lines = _lines(data)
    at = rng.choice(_value_lines(lines) or [0])
    key = lines[at].split(b": ", 1)[0]
    kind = rng.random()
    if kind < 0.4:
        value = b"[" * depth + b"]" * depth
    elif kind < 0.7:
        value = b"{a: " * depth + b"1" + b"}" * depth
    else:
        block = [b"  " * (n + 1) + b"- " for n in range(min(depth, 300))]
        lines[at + 1 : at + 1] = block
        value = b""
    lines[at] = key + b": " + value
    return b"\n".join(lines)


def conflict(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    size = rng.randint(0, 3)
    ours, theirs = lines[at : at + size], lines[at + size : at + 2 * size]
    marked = [b"<<<<<<< ours", *ours, b"=======", *theirs, b">>>>>>> theirs"]
    if rng.random() < 0.3:
        marked.insert(1 + size, b"||||||| base")
    lines[at : at + 2 * size] = marked
    return b"\n".join(lines)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def splice(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a] = lines[b]
    return b"\n".join(lines)


def huge(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = [
        n
        for n, line in enumerate(lines)
        if line.lstrip().startswith((b"- id:", b"title:", b"note:"))
    ]
    if not candidates:
        return data
    at = rng.choice(candidates)
    filler = rng.choice(["字", "a", "\u202e", " "]).encode("utf-8") * rng.choice([5000, 200_000])
    lines[at] = lines[at] + filler
    return b"\n".join(lines)


def many_issues(rng: random.Random, data: bytes) -> bytes:
    at = data.find(b"\n  - id:")
    if at < 0:
        return data
    end = data.find(b"\n  - id:", at + 1)
    block = data[at : end if end > 0 else len(data)]
    return data + block * rng.choice([2, 50, 500])


MUTATIONS: list[Mutation] = [
    flip_bytes,
    delete_lines,
    duplicate_lines,
    move_line,
    shift_indent,
    insert_odd,
    replace_value,
    replace_value,
    tag_value,
    merge_key,
    complex_key,
    documents,
    line_ends,
    deep,
    conflict,
    truncate,
    splice,
    huge,
    many_issues,
]


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    names = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        how = rng.choice(MUTATIONS)
        data = how(rng, data)
        names.append(how.__name__)
    return data, names


# --- running ------------------------------------------------------------------------------------


@dataclass
class Failure:
    case: int
    mutations: list[str]
    command: tuple[str, ...]
    what: str
    data: bytes


@dataclass
class Report:
    cases: int = 0
    runs: int = 0
    failures: list[Failure] = field(default_factory=list)
    slowest: float = 0.0  # CPU seconds of the slowest command run
    slowest_wall: float = 0.0
    exits: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


class _Timeout(Exception):
    pass


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Stop a command that runs far over the limit (a hang is a failure, not a wait)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(*_: Any) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _command() -> Any:
    import typer.main
    import typer.testing

    from rectify.cli import app, register

    register()
    built = typer.main.get_command(app)
    # typer's CliRunner rebuilds the click command on each invoke; build it once.
    typer.testing._get_command = lambda _app: built  # type: ignore[attr-defined]
    return app


def run_cases(
    cases: int,
    seed: int = 17,
    folder: Path | None = None,
    *,
    limit: float = LIMIT,
    progress: bool = False,
    out: Path | None = None,
) -> Report:
    """Run ``cases`` mutated ledgers through the reading commands; what failed, and how."""
    from typer.testing import CliRunner

    command = _command()
    runner = CliRunner
    rng = random.Random(seed)
    inputs = seeds()
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rectify-fuzz-") as tmp:
        work = Path(folder or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for case in range(cases):
            data, names = mutate(rng, rng.choice(inputs))
            path = work / "case.yaml"
            path.write_bytes(data)
            cache = rng.random() < 0.3
            env = {
                "RECTIFY_TODAY": "2024-11-30",
                "RECTIFY_NO_CACHE": "" if cache else "1",
                "RECTIFY_CACHE_DIR": str(work / ".cache"),
                "RECTIFY_LANG": rng.choice(("zh", "en")),
                "COLUMNS": str(rng.choice((40, 120))),
                "NO_COLOR": "1",
                "TERM": "dumb",
            }
            report.cases += 1
            if progress and case % 500 == 499:
                print(
                    f"seed {seed}: {case + 1} cases, {len(report.failures)} failure(s)",
                    file=sys.stderr,
                    flush=True,
                )
            for args in COMMANDS:
                full = [*args, "-l", str(path)]
                if args[0] in ("check", "list") and rng.random() < 0.3:
                    full += ["--format", "json"]
                begun, cpu = time.perf_counter(), time.process_time()
                try:
                    with _alarm(limit * 6):
                        result = runner().invoke(command, full, env=env)
                    what = _verdict(result)
                except _Timeout:
                    what = f"hung over {limit * 6:.0f} s"
                took = time.perf_counter() - begun
                # The CPU time decides: on a machine shared with other work the wall clock
                # runs on while the command waits for a core.
                spent = time.process_time() - cpu
                report.runs += 1
                report.slowest = max(report.slowest, spent)
                report.slowest_wall = max(report.slowest_wall, took)
                if what is None and spent > limit:
                    what = f"took {spent:.1f} s of CPU"
                if what is None:
                    report.exits[result.exit_code] = report.exits.get(result.exit_code, 0) + 1
                    continue
                failure = Failure(case, names, tuple(full[:2]), what, data)
                report.failures.append(failure)
                if out is not None:
                    _keep(out, seed, failure)
    report.seconds = time.perf_counter() - started
    return report


def _verdict(result: Any) -> str | None:
    """What is wrong with one run's result, or None."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        return "".join(traceback.format_exception(exc))[-3000:]
    if result.exit_code not in EXITS:
        return f"exit {result.exit_code}"
    out = result.stdout + (result.stderr if result.stderr_bytes is not None else "")
    if "internal error" in out or "内部错误" in out or "Traceback" in out:
        return out[-3000:]
    return None


def _keep(out: Path, seed: int, failure: Failure) -> None:
    """Write a failing input and what went wrong into ``out`` as soon as it is found."""
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"seed{seed}-case{failure.case:05d}-{failure.command[0]}"
    stem.with_suffix(".yaml").write_bytes(failure.data)
    stem.with_suffix(".txt").write_text(
        f"{failure.mutations} {' '.join(failure.command)}\n{failure.what}\n", encoding="utf-8"
    )
    last = failure.what.strip().splitlines()[-1][:200] if failure.what.strip() else ""
    print(f"seed {seed} case {failure.case}: {last}", file=sys.stderr)


def _job(task: tuple[int, int, Path | None]) -> Report:
    cases, seed, out = task
    return run_cases(cases, seed, progress=True, out=out)


def _run_jobs(cases: int, seed: int, jobs: int, out: Path | None = None) -> Report:
    """``cases`` split over ``jobs`` processes (job N uses seed SEED*1000+N); one report."""
    if jobs == 1:
        return run_cases(cases, seed, progress=True, out=out)
    from concurrent.futures import ProcessPoolExecutor

    tasks = [(cases // jobs + (n < cases % jobs), seed * 1000 + n, out) for n in range(jobs)]
    total = Report()
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        for part in pool.map(_job, tasks):
            total.cases += part.cases
            total.runs += part.runs
            total.failures += part.failures
            total.slowest = max(total.slowest, part.slowest)
            total.slowest_wall = max(total.slowest_wall, part.slowest_wall)
            for code, count in part.exits.items():
                total.exits[code] = total.exits.get(code, 0) + count
    total.seconds = time.perf_counter() - started
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=None, help="where failing inputs go")
    parser.add_argument("--jobs", type=int, default=1, help="processes, each its own seed")
    args = parser.parse_args(argv)
    os.environ.setdefault("RECTIFY_NO_CACHE", "1")
    out = args.out or Path(tempfile.mkdtemp(prefix="rectify-fuzz-failures-"))
    report = _run_jobs(args.cases, args.seed, max(1, args.jobs), out)
    print(
        f"{report.cases} cases, {report.runs} command runs in {report.seconds:.0f} s; "
        f"slowest run {report.slowest:.2f} s of CPU ({report.slowest_wall:.2f} s of wall time); "
        f"exit codes {dict(sorted(report.exits.items()))}; {len(report.failures)} failure(s)"
    )
    if report.failures:
        print(f"failing inputs and what went wrong: {out}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
