"""Real git repositories for the tests of the git part: commits with fixed authors and dates.

Also small ledgers and the line edits rectify's writer makes (only the lines
of the issue touched change), so that merges are tested on realistic diffs.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from rectify.model import ISSUE_KEYS

OCTOBER = "2024-10-31T18:20:00+08:00"
NOVEMBER = "2024-11-20T10:00:00+08:00"


def git_environ(home: Path) -> dict[str, str]:
    """An environment where git reads no user or system config and never prompts."""
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("GIT_"):
            del env[key]
    env.update(
        HOME=str(home),
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        LC_ALL="C",
    )
    return env


@dataclass
class Repo:
    """A git repository in a temporary folder."""

    path: Path
    env: dict[str, str]

    def git(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout + done.stderr

    def write(self, rel: str, text: str) -> Path:
        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return path

    def read(self, rel: str) -> str:
        return (self.path / rel).read_text(encoding="utf-8")

    def commit(
        self,
        message: str,
        *,
        date: str = OCTOBER,
        author: str = "张三",
        email: str = "zs@example.cn",
    ) -> str:
        """Stage everything and commit it as ``author`` on ``date``; the new commit's id."""
        self.git("add", "-A")
        stamp = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": date,
        }
        self.git("commit", "-q", "-m", message, env=stamp)
        return self.git("rev-parse", "HEAD").strip()

    def merge(self, branch: str, *, date: str = NOVEMBER) -> tuple[bool, str]:
        """``git merge BRANCH``: whether it went through without a conflict, and git's output."""
        stamp = {
            "GIT_AUTHOR_NAME": "合并人",
            "GIT_AUTHOR_EMAIL": "merge@example.cn",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": "合并人",
            "GIT_COMMITTER_EMAIL": "merge@example.cn",
            "GIT_COMMITTER_DATE": date,
        }
        done = subprocess.run(
            ["git", "merge", "--no-edit", branch],
            cwd=self.path,
            env={**self.env, **stamp},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        return done.returncode == 0, done.stdout + done.stderr


def make_repo(path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A new repository on branch main; the test process itself also sees git's clean config."""
    path.mkdir(parents=True, exist_ok=True)
    home = path.parent / f".home-{path.name}"
    home.mkdir(exist_ok=True)
    env = git_environ(home)
    for key in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(key)
    for key in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_TERMINAL_PROMPT"):
        monkeypatch.setenv(key, env[key])
    repo = Repo(path, env)
    repo.git("init", "-q", "-b", "main")
    repo.git("config", "user.name", "张三")
    repo.git("config", "user.email", "zs@example.cn")
    repo.git("config", "commit.gpgsign", "false")
    return repo


# --- small ledgers ------------------------------------------------------------------------------


def issue_text(
    ident: str,
    title: str,
    *,
    unit: str = "市民政局",
    deadline: str = "2025-06-30",
    status: str = "in_progress",
    completion: str = "30",
    progress: tuple[tuple[str, str, str], ...] = (("2024-08-31", "30", "完成摸底排查"),),
    extra: str = "",
) -> str:
    """One issue as rectify writes it."""
    lines = [
        f"  - id: {ident}",
        f"    title: {title}",
        "    source: inspection",
        "    track: scheduled",
        f"    lead_unit: {unit}",
        f"    deadline: {deadline}",
        f"    status: {status}",
        f"    completion: {completion}",
    ]
    lines += [extra.rstrip("\n")] if extra else []
    if progress:
        lines.append("    progress:")
        for date, done, note in progress:
            lines += [
                f"      - date: {date}",
                f"        completion: {done}",
                f"        note: {note}",
            ]
    return "\n".join(lines) + "\n"


def ledger_text(*issues: str, ledger_id: str = "city-2024", prefix: str = "CT") -> str:
    """A ledger with a blank line between issues, as rectify and the examples keep them."""
    head = (
        "# 市人大常委会问题清单（测试）\n"
        "schema: 1\n"
        "ledger:\n"
        f"  id: {ledger_id}\n"
        "  title: 市人大常委会问题清单\n"
        "  supervisor: 市人大常委会\n"
        "  assigned_on: 2024-07-10\n"
        f"  id_prefix: {prefix}\n"
        "issues:\n"
    )
    return head + "\n".join(issues)


def three_issues() -> str:
    """A ledger of three issues, CT-001 to CT-003."""
    return ledger_text(
        issue_text("CT-001", "养老服务设施配建移交不到位"),
        issue_text("CT-002", "乡镇敬老院闲置率高", unit="市财政局"),
        issue_text("CT-003", "老旧小区适老化改造推进缓慢", unit="市住建局"),
    )


# --- the edits rectify's writer makes -----------------------------------------------------------


def _block(lines: list[str], ident: str) -> tuple[int, int]:
    """The first and one-past-last line of an issue's block (without the blank lines after)."""
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {ident}")
    end = start + 1
    while end < len(lines) and not lines[end].lstrip().startswith("- id:") and lines[end].strip():
        end += 1
    return start, end


def set_field(text: str, ident: str, key: str, value: str) -> str:
    """Change one field line of one issue, as `rectify update` does."""
    lines = text.splitlines(keepends=True)
    start, end = _block(lines, ident)
    for index in range(start, end):
        if lines[index].startswith(f"    {key}:"):
            lines[index] = f"    {key}: {value}\n"
            return "".join(lines)
    # A new key goes where the canonical key order puts it, as the writer does.
    later = ISSUE_KEYS[ISSUE_KEYS.index(key) + 1 :]
    at = next(
        (
            i
            for i in range(start + 1, end)
            if lines[i][4:].split(":", 1)[0] in later and lines[i][4] != " "
        ),
        end,
    )
    lines.insert(at, f"    {key}: {value}\n")
    return "".join(lines)


def add_progress(text: str, ident: str, date: str, completion: str, note: str) -> str:
    """Append a progress entry to one issue and set its completion, as `rectify progress` does."""
    text = set_field(text, ident, "completion", completion)
    lines = text.splitlines(keepends=True)
    _, end = _block(lines, ident)
    entry = [
        f"      - date: {date}\n",
        f"        completion: {completion}\n",
        f"        note: {note}\n",
    ]
    lines[end:end] = entry
    return "".join(lines)


def append_issue(text: str, issue: str) -> str:
    """Add an issue at the end of the list after a blank line, as `rectify add` does."""
    return text.rstrip("\n") + "\n\n" + issue
