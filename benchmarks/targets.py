"""Issue 21's targets, each as a ratio measured in one run: python benchmarks/run.py --targets.

Every ratio comes from pairs of runs alternated (the measured command, then the one it
is compared with, then the measured one again ...), so a machine that slows down or
speeds up during the run weighs on both sides alike; the ratio shown is the median of
the pairs' ratios. Taskwarrior, when `task` is installed, gets the same generated issues
(one task per issue: project = lead unit, due = deadline, completed when rectified,
closed or dismissed, else pending) in a throwaway data folder; without it its target is
reported as not measured. "warm" is a command run again with the same words on the
same files (a replayed answer, rectify.ledger.answers); "computed" is the same command
given a variable of its own each run, so that no answer is replayed and its figures are
worked out from the parse cache: what the first run after a change costs. Peak memory
is the child's own (`ru_maxrss` of a small wrapper's child), not the runner's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

AS_OF = "2025-02-01"
MONTH = "2025-01"


@dataclass
class Target:
    """One target of the issue, as measured."""

    issues: int
    name: str
    value: float | None  # the ratio (or seconds, or MB); None: not measured
    limit: float
    unit: str  # "×" a ratio, "s" seconds, "MB"
    detail: str = ""

    @property
    def met(self) -> bool | None:
        return None if self.value is None else self.value <= self.limit


@dataclass
class Command:
    """A command to time: its argv, environment and what runs (untimed) before each run."""

    argv: list[str]
    env: dict[str, str]
    before: list[list[str]] = field(default_factory=list)
    computed: bool = False  # never a replayed answer: the figures worked out from the cache


_runs = 0


def _environment(command: Command) -> dict[str, str]:
    """The run's environment; a computed one gets a variable of its own, so no answer is
    kept for its words (rectify.ledger.answers keys an answer by the whole environment)."""
    global _runs
    if not command.computed:
        return command.env
    _runs += 1
    return {**command.env, "RECTIFY_BENCHMARK_RUN": str(_runs)}


def _run_untimed(argv: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(argv, env=env, capture_output=True)
    if proc.returncode not in (0, 1):
        err = proc.stderr.decode("utf-8", "replace")[-800:]
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err}")


def timed(command: Command) -> tuple[float, float]:
    """One run: wall seconds and CPU seconds (user + system) of the child."""
    for argv in command.before:  # computed: a replayed status would leave the cache cold
        _run_untimed(argv, _environment(Command(argv, command.env, computed=True)))
    env = _environment(command)
    started = time.perf_counter()
    proc = subprocess.Popen(
        command.argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if code not in (0, 1) or "internal error" in err:
        raise SystemExit(f"{' '.join(command.argv)} failed ({code}): {err[-800:]}")
    return wall, usage.ru_utime + usage.ru_stime


def alternated(top: Command, bottom: Command, pairs: int) -> tuple[float, float, float]:
    """The median ratio top / bottom over ``pairs`` alternated pairs, and each one's median."""
    ratios, tops, bottoms = [], [], []
    for _ in range(pairs):
        a = timed(top)[0]
        b = timed(bottom)[0]
        ratios.append(a / b)
        tops.append(a)
        bottoms.append(b)
    return statistics.median(ratios), statistics.median(tops), statistics.median(bottoms)


_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_mb(python: str, argv: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of one run, in MB, measured by a small wrapper process
    (a child's peak starts from its parent's, and the runner holds the generated text)."""
    found = subprocess.run(
        [python, "-c", _PEAK, *argv], env=env, capture_output=True, text=True, check=True
    )
    kilobytes = int(found.stdout.strip().splitlines()[-1])
    return kilobytes / (1024 * 1024) if sys.platform == "darwin" else kilobytes / 1024


_FIELD = re.compile(r"\n    (title|lead_unit|deadline|status): (.*)")


def task_json(text: str) -> list[dict[str, str]]:
    """The generated issues as Taskwarrior tasks (read from the generator's fixed layout)."""
    tasks = []
    for block in text.split("\n  - id: ")[1:]:
        fields = dict(_FIELD.findall(block))
        done = fields["status"] in ("closed", "rectified", "dismissed")
        task = {
            "description": fields["title"],
            "project": fields["lead_unit"],
            "due": fields["deadline"].replace("-", "") + "T000000Z",
            "entry": "20240310T000000Z",
            "status": "completed" if done else "pending",
        }
        if done:
            task["end"] = "20250101T000000Z"
        tasks.append(task)
    return tasks


def task_command(home: Path, text: str, env: dict[str, str]) -> Command | None:
    """`task summary` over the issues imported into ``home``; None when task is missing."""
    if shutil.which("task") is None:
        return None
    home.mkdir(parents=True, exist_ok=True)
    rc = home / ".taskrc"
    rc.write_text("")
    feed = home / "tasks.json"
    feed.write_text(json.dumps(task_json(text), ensure_ascii=False), encoding="utf-8")
    task_env = {**env, "HOME": str(home), "TASKRC": str(rc)}
    options = [
        f"rc.data.location={home / 'data'}",
        "rc.confirmation=off",
        "rc.verbose=nothing",
        "rc.hooks=off",
    ]
    subprocess.run(
        ["task", *options, "import", str(feed)], env=task_env, check=True, capture_output=True
    )
    return Command(["task", *options, "summary"], task_env)


def _update_target(text: str) -> tuple[str, str]:
    for block in text.split("\n  - id: ")[1:]:
        if "\n    status: in_progress\n" in block:
            found = re.search(r"\n    completion: (\d+)\n", block)
            done = int(found.group(1)) if found else 0
            return block.split("\n", 1)[0], str(min(done + 5, 95))
    raise SystemExit("no in-progress issue in the generated ledger")


def measure_size(
    size: int, path: Path, folder: Path, python: str, pairs: int, *, peak: bool
) -> list[Target]:
    """Every target of the issue on one generated ledger."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "RECTIFY_NO_CACHE", "LINES")}
    env |= {
        "RECTIFY_CACHE_DIR": str(folder / f"cache-{size}"),
        "RECTIFY_LANG": "en",
        "RECTIFY_TODAY": AS_OF,
    }
    rectify = [python, "-m", "rectify"]
    file = str(path)
    status = Command([*rectify, "status", file, "--as-of", AS_OF], env)
    by_unit = Command([*rectify, "status", file, "--as-of", AS_OF, "--by", "unit"], env)
    warm = {
        "report --month": [*rectify, "report", file, "--month", MONTH],
        "progress": [*rectify, "progress", file],
        "list (piped)": [*rectify, "list", file],
        "due (piped)": [*rectify, "due", file],
    }
    for argv in [status.argv, by_unit.argv, *warm.values()]:
        _run_untimed(argv, env)  # each command's entry of the parse cache
    found: list[Target] = []
    text = path.read_text(encoding="utf-8")
    task = task_command(folder / f"task-{size}", text, env)
    limit = 0.5 if size >= 100_000 else 1.0
    if task is None:
        found.append(
            Target(size, "warm status --by unit / task summary", None, limit, "×", "task missing")
        )
    else:
        ratio, mine, theirs = alternated(by_unit, task, pairs)
        found.append(
            Target(
                size,
                "warm status --by unit / task summary",
                ratio,
                limit,
                "×",
                f"{mine:.3f} s vs {theirs:.3f} s",
            )
        )
    computed = Command(status.argv, env, computed=True)
    for name, argv in warm.items():
        cap = {"report --month": 2.0, "progress": 1.5}.get(name, 3.0)
        ratio, mine, base = alternated(Command(argv, env), status, pairs)
        detail = f"{mine:.3f} s vs {base:.3f} s"
        found.append(Target(size, f"warm {name} / warm status", ratio, cap, "×", detail))
        ratio, mine, base = alternated(Command(argv, env, computed=True), computed, pairs)
        detail = f"{mine:.3f} s vs {base:.3f} s; both worked out from the parse cache"
        found.append(Target(size, f"computed {name} / computed status", ratio, cap, "×", detail))
    out = folder / f"export-{size}.xlsx"
    export = Command([*rectify, "export", file, "-o", str(out)], env)
    _run_untimed(export.argv, env)  # the answer a warm export replays
    for name, command in (("warm", export), ("computed", Command(export.argv, env, computed=True))):
        runs = [timed(command) for _ in range(max(1, pairs // 2))]
        wall = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        detail = f"wall {wall:.2f} s"
        found.append(Target(size, f"{name} export -o x.xlsx, CPU", cpu, 3.0, "s", detail))
    bare = Command(
        [
            python,
            "-c",
            "import yaml; "
            f"yaml.load(open({file!r}, encoding='utf-8').read(), Loader=yaml.CSafeLoader)",
        ],
        env,
    )
    cold = Command([*rectify, "--no-cache", "status", file, "--as-of", AS_OF], env)
    cold_pairs = 1 if size >= 100_000 else max(1, pairs // 2)
    ratio, mine, base = alternated(cold, bare, cold_pairs)
    found.append(
        Target(size, "cold status / bare parse", ratio, 0.5, "×", f"{mine:.2f} s vs {base:.2f} s")
    )
    copy = path.with_name(f"copy-{path.name}")
    issue, done = _update_target(text)
    restore = [python, "-c", f"import shutil; shutil.copyfile({file!r}, {str(copy)!r})"]
    warm_copy = [*rectify, "status", str(copy), "--as-of", AS_OF]
    update = Command(
        [*rectify, "update", issue, "-c", done, "--on", AS_OF, "--note", "基准", "-l", str(copy)],
        env,
        [restore, warm_copy],
    )
    ratio, mine, base = alternated(update, status, pairs)
    detail = f"{mine:.3f} s vs {base:.3f} s"
    found.append(Target(size, "warm update / warm status", ratio, 1.5, "×", detail))
    ratio, mine, base = alternated(update, computed, pairs)
    detail = f"{mine:.3f} s vs {base:.3f} s"
    found.append(Target(size, "warm update / computed status", ratio, 1.5, "×", detail))
    after = Command(warm_copy, env, [restore, warm_copy, update.argv], computed=True)
    ratio, mine, base = alternated(after, computed, pairs)
    detail = f"{mine:.3f} s vs {base:.3f} s: the cache warm after an update"
    found.append(Target(size, "status after update / computed status", ratio, 1.5, "×", detail))
    for name, words, cap in (
        ("report --month", ["report", str(copy), "--month", MONTH], 2.0),
        ("progress", ["progress", str(copy)], 1.5),
    ):
        after = Command([*rectify, *words], env, [restore, warm_copy, update.argv], computed=True)
        ratio, mine, base = alternated(after, computed, pairs)
        detail = f"{mine:.3f} s vs {base:.3f} s: the month rows kept across a one-issue update"
        found.append(
            Target(size, f"{name} after update / computed status", ratio, cap, "×", detail)
        )
    if peak:
        megabytes = peak_mb(python, cold.argv, env)
        found.append(Target(size, "cold status peak memory", megabytes, 1024.0, "MB"))
    return found


def table(found: Sequence[Target]) -> str:
    """The targets as a Markdown table with pass or fail."""
    lines = [
        "| issues | target | measured | limit | met? | detail |",
        "|---:|---|---:|---:|---|---|",
    ]
    for item in found:
        shown = "not measured" if item.value is None else f"{item.value:.2f} {item.unit}"
        met = {True: "pass", False: "**fail**", None: "–"}[item.met]
        lines.append(
            f"| {item.issues:,} | {item.name} | {shown} | ≤ {item.limit:g} {item.unit} | "
            f"{met} | {item.detail} |"
        )
    return "\n".join(lines)


def as_json(found: Sequence[Target]) -> str:
    return json.dumps([asdict(item) | {"met": item.met} for item in found], ensure_ascii=False)
