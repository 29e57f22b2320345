"""The roll-up case of benchmarks/run.py: many repositories, each a year of monthly commits.

``python benchmarks/run.py --case rollup [--repos 200 --issues 150]`` generates
REPOS bare repositories, each with twelve commits (one a month, 2024-01..12) of
one ledger of ISSUES issues, written by one `git fast-import` per repository
(no working tree, no `git add`: a few seconds for 200). A manifest names them
all; `rectify sync` mirrors them. Then: sync with nothing new, status cold
(an empty parse cache) and warm, report cold and warm, and warm status on one
ledger of REPOS x ISSUES issues, side by side.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from benchmarks.generate import ledger_text, write_ledger
from benchmarks.run import AS_OF, Timing, measure, untimed

MONTH_STAMPS = [f"{1704067200 + month * 2_592_000} +0800" for month in range(12)]


def fast_import_stream(text: str, ledger: str) -> bytes:
    """Twelve monthly commits of ``text`` on main; each month one more progress line."""
    out = bytearray()
    for month in range(12):
        body = (text + f"# 2024-{month + 1:02} 月报已提交\n" * (month + 1)).encode("utf-8")
        out += b"blob\nmark :%d\ndata %d\n" % (month + 1, len(body)) + body + b"\n"
        message = f"2024-{month + 1:02}".encode()
        out += b"commit refs/heads/main\nmark :%d\n" % (100 + month)
        out += f"committer Bench <bench@example.cn> {MONTH_STAMPS[month]}\n".encode()
        out += b"data %d\n" % len(message) + message + b"\n"
        if month:
            out += b"from :%d\n" % (99 + month)
        out += f"M 100644 :{month + 1} {ledger}\n\n".encode()
    return bytes(out)


def make_sources(folder: Path, repos: int, issues: int) -> Path:
    """REPOS bare repositories under ``folder``/repos and the manifest naming them."""
    base = ledger_text(issues)
    lines = ["rollup: 1", "sources:"]
    for index in range(repos):
        name = f"county-{index:03}"
        repo = folder / "repos" / f"{name}.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(repo)], check=True)
        text = base.replace("id: bm-2024", f"id: bm-{index:03}-2024", 1)
        stream = fast_import_stream(text, f"{name}-2024.yaml")
        subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=stream, check=True)
        lines += [f"  - name: {name}", f"    url: repos/{name}.git", "    revision: main"]
    manifest = folder / "rollup.yaml"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def bench_rollup(
    folder: Path, repos: int, issues: int, repeat: int, python: str
) -> dict[str, Timing]:
    """Every measurement of the roll-up case."""
    manifest = make_sources(folder, repos, issues)
    single = write_ledger(folder / "single", repos * issues)
    cache = folder / "cache-rollup"
    env = {**os.environ, "RECTIFY_CACHE_DIR": str(cache), "RECTIFY_LANG": "en"}
    env.update(RECTIFY_TODAY=AS_OF)
    env.pop("RECTIFY_NO_CACHE", None)
    rectify = [python, "-m", "rectify"]
    found: dict[str, Timing] = {}
    untimed([*rectify, "sync", str(manifest)], env)
    found["sync, nothing new"] = measure([*rectify, "sync", str(manifest)], env, repeat)
    status = [*rectify, "status", str(manifest), "--as-of", AS_OF]
    empty = ["rm", "-rf", str(cache)]
    found["status cold"] = measure(status, env, 1, before=[empty])
    found["status warm"] = measure(status, env, repeat)
    report = [*rectify, "report", str(manifest), "--month", "2024-12"]
    found["report cold"] = measure(report, env, 1, before=[empty])
    found["report warm"] = measure(report, env, repeat)
    one = [*rectify, "status", str(single), "--as-of", AS_OF]
    untimed(one, env)
    found["status warm, one ledger"] = measure(one, env, repeat)
    shutil.rmtree(cache, ignore_errors=True)
    return found


def rollup_table(found: dict[str, Timing], repos: int, issues: int) -> str:
    """The timings, and the ratio the issue sets a target for."""
    lines = [
        f"Roll-up: {repos} repositories x {issues} issues ({repos * issues:,}), "
        "12 monthly commits each",
        "",
        "| measurement | seconds | peak MB |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {t.seconds:.2f} | {t.peak_mb:.0f} |" for name, t in found.items()]
    ratio = found["status warm"].seconds / found["status warm, one ledger"].seconds
    lines += [
        "",
        "| ratio | measured | target |",
        "|---|---:|---|",
        f"| status warm (manifest) / status warm (one ledger) | {ratio:.2f} | < 2 |",
    ]
    return "\n".join(lines)
