"""Warm answers (rectify.ledger.answers): a read command run again prints what a fresh run would.

Every run here is a real process (`python -c` running the console script's
entry), with the cache on in a folder of the test's own. A run that answered
from the store loaded neither typer nor pydantic, which is how these tests tell
a replayed answer from a computed one.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from benchmarks.generate import write_ledger  # type: ignore[import-not-found,unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
EXAMPLES = ROOT / "examples" / "sanmenxia"
MARK = "\n@@loaded "
WATCHED = ("typer", "pydantic", "rich", "yaml")

_DRIVER = (
    "import sys\n"
    "sys.argv = ['rectify', *{argv!r}]\n"
    "from rectify.__main__ import leave, run\n"
    "code = run()\n"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {watched!r})\n"
    f"sys.stderr.write({MARK!r} + repr(loaded))\n"
    "leave(code)\n"
)


@dataclass
class Ran:
    code: int
    out: str
    err: str
    loaded: list[str]

    @property
    def replayed(self) -> bool:
        return not self.loaded


class Runner:
    """Runs `rectify ARGS` as a process in ``work``, the cache on in a folder of its own."""

    def __init__(self, tmp_path: Path) -> None:
        self.work = tmp_path / "work"
        self.work.mkdir()
        self.cache = tmp_path / "cache"

    def __call__(self, *argv: str, **env: str) -> Ran:
        """The run; ``env`` adds to its environment (RECTIFY_NO_CACHE="1": the cache off)."""
        environ = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "RECTIFY_CACHE_DIR": str(self.cache),
            "RECTIFY_TODAY": "2024-11-30",
            "RECTIFY_LANG": "",
            "LANG": "C.UTF-8",
            "LC_ALL": "",
            "COLUMNS": "100",
            "NO_COLOR": "1",
            **env,
        }
        if "RECTIFY_NO_CACHE" not in env:
            environ.pop("RECTIFY_NO_CACHE", None)
        code = _DRIVER.format(argv=list(argv), watched=WATCHED)
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=self.work, env=environ, capture_output=True
        )
        err, _, loaded = done.stderr.decode("utf-8").rpartition(MARK)
        return Ran(done.returncode, done.stdout.decode("utf-8"), err, ast.literal_eval(loaded))


@pytest.fixture
def rectify(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


def _same_three_ways(rectify: Runner, *argv: str, **env: str) -> Ran:
    """Fresh (no cache), first cached run, then replayed: the same words, code and notes."""
    fresh = rectify(*argv, RECTIFY_NO_CACHE="1", **env)
    first = rectify(*argv, **env)
    again = rectify(*argv, **env)
    assert fresh.code == 0, fresh.err
    assert not fresh.replayed and not first.replayed
    assert again.replayed, f"{argv}: not answered warm ({again.loaded})"
    for ran in (first, again):
        assert (ran.code, ran.out, ran.err) == (fresh.code, fresh.out, fresh.err), argv
    return again


READS = [
    ("status",),
    ("status", "--by", "unit"),
    ("status", "--by", "ledger"),
    ("status", "--by", "source"),
    ("status", "--format", "json"),
    ("status", "--format", "markdown", "--lang", "en"),
    ("status", "--as-of", "2024-06-30"),
    ("progress",),
    ("progress", "--format", "json", "--from", "2024-03"),
    ("progress", "--to", "2024-09"),  # with a note on stderr
    ("report", "--month", "2024-10"),  # its footer asks git (not a repository here)
    ("report", "--month", "2024-11", "--lang", "en"),
    ("list",),
    ("list", "--overdue", "--format", "json"),
    ("due",),
]


@pytest.mark.parametrize("argv", READS, ids=" ".join)
def test_warm_answers_of_the_examples_are_fresh(rectify: Runner, argv: tuple[str, ...]) -> None:
    shutil.copytree(EXAMPLES, rectify.work / "sanmenxia")
    again = _same_three_ways(rectify, *argv, "sanmenxia")
    assert again.out.strip()


@pytest.mark.parametrize(
    "argv",
    [("status",), ("status", "--by", "co-unit"), ("status", "--format", "json"), ("progress",)],
)
def test_warm_answers_of_a_generated_ledger(rectify: Runner, argv: tuple[str, ...]) -> None:
    path = write_ledger(rectify.work, 300)
    _same_three_ways(rectify, *argv, path.name, "--as-of", "2025-02-01", RECTIFY_TODAY="2025-02-01")


def test_a_warm_status_imports_no_pydantic(rectify: Runner) -> None:
    write_ledger(rectify.work, 50)
    rectify("status", "ledger-50.yaml", "--by", "unit")
    again = rectify("status", "ledger-50.yaml", "--by", "unit")
    assert again.code == 0 and again.out
    assert "pydantic" not in again.loaded and again.loaded == []


def _example(rectify: Runner) -> Path:
    shutil.copytree(EXAMPLES, rectify.work / "sanmenxia")
    return rectify.work / "sanmenxia"


def _changed(rectify: Runner, argv: tuple[str, ...], **env: str) -> Ran:
    """After a change: not replayed, and what a fresh run prints."""
    ran = rectify(*argv, **env)
    fresh = rectify(*argv, RECTIFY_NO_CACHE="1", **env)
    assert not ran.replayed
    assert (ran.code, ran.out, ran.err) == (fresh.code, fresh.out, fresh.err)
    return ran


def test_new_bytes_are_a_new_answer(rectify: Runner) -> None:
    folder = _example(rectify)
    argv = ("status", "sanmenxia", "--by", "unit")
    before = rectify(*argv)
    assert rectify(*argv).replayed
    ledger = next(folder.rglob("*.yaml"))
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace("lead_unit: ", "lead_unit: 新", 1), encoding="utf-8")
    after = _changed(rectify, argv)
    assert after.out != before.out
    stat = ledger.stat()
    ledger.write_text(text, encoding="utf-8")  # back: the first answer again
    os.utime(ledger, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert rectify(*argv).out == before.out


def test_a_new_file_in_the_folder_is_a_new_answer(rectify: Runner) -> None:
    folder = _example(rectify)
    argv = ("status", "sanmenxia")
    rectify(*argv)
    assert rectify(*argv).replayed
    write_ledger(folder / "city-county", 20)
    _changed(rectify, argv)


def test_another_day_config_grouping_or_language_is_another_answer(rectify: Runner) -> None:
    _example(rectify)
    argv = ("status", "sanmenxia")
    rectify(*argv)
    assert rectify(*argv).replayed
    _changed(rectify, argv, RECTIFY_TODAY="2024-12-31")
    _changed(rectify, (*argv, "--by", "track"))
    _changed(rectify, (*argv, "--lang", "en"))
    _changed(rectify, argv, RECTIFY_LANG="en")
    assert rectify(*argv).replayed
    (rectify.work / "rectify.toml").write_text("due_soon_days = 60\n", encoding="utf-8")
    _changed(rectify, argv)
    (rectify.work / "rectify.toml").write_text("due_soon_days = 3\n", encoding="utf-8")
    _changed(rectify, argv)


def test_a_tampered_answer_is_ignored(rectify: Runner) -> None:
    _example(rectify)
    argv = ("status", "sanmenxia")
    first = rectify(*argv)
    (answer,) = rectify.cache.glob("answer-*.json")
    data = answer.read_bytes()
    answer.write_bytes(data.replace(b"rectify", b"RECTIFY"))
    ran = rectify(*argv)
    assert not ran.replayed and ran.out == first.out


def test_no_answer_is_kept_for_errors_help_git_no_cache_or_other_commands(
    rectify: Runner,
) -> None:
    _example(rectify)
    for argv in (
        ("status", "nowhere"),
        ("status", "--help"),
        ("--no-cache", "status", "sanmenxia"),
        ("show", "sanmenxia"),
        ("report", "--month", "2024-13", "sanmenxia"),
    ):
        rectify(*argv)
        assert not rectify(*argv).replayed, argv
    rectify("status", "sanmenxia", "--at", "HEAD")  # not a repository: an error anyway
    assert not list(rectify.cache.glob("answer-*.json"))


def _git(rectify: Runner, tmp_path: Path, *words: str) -> dict[str, str]:
    """Run git in the test's folder (its own HOME); the environment for rectify's runs."""
    from gitrepo import git_environ

    env = git_environ(tmp_path / "home")
    (tmp_path / "home").mkdir(exist_ok=True)
    who = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *who, *words], cwd=rectify.work, env=env, check=True)
    return {"HOME": env["HOME"], "GIT_CONFIG_GLOBAL": env["GIT_CONFIG_GLOBAL"]}


def test_a_report_in_a_repository_asks_git_again(rectify: Runner, tmp_path: Path) -> None:
    folder = _example(rectify)
    _git(rectify, tmp_path, "init", "-q")
    _git(rectify, tmp_path, "add", "-A")
    env = _git(rectify, tmp_path, "commit", "-qm", "ledgers")
    argv = ("report", "--month", "2024-10", "sanmenxia")
    first = _same_three_ways(rectify, *argv, **env)
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=rectify.work, capture_output=True, text=True
    ).stdout.strip()
    assert head in first.out
    (rectify.work / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    _git(rectify, tmp_path, "add", "notes.txt")
    _git(rectify, tmp_path, "commit", "-qm", "notes")  # a new commit: a new footer
    after = _changed(rectify, argv, **env)
    assert after.out != first.out and head not in after.out
    assert rectify(*argv, **env).replayed
    ledger = next(folder.rglob("*.yaml"))
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # the same figures, but the ledger now differs from the commit: the footer says so
    modified = _changed(rectify, argv, **env)
    assert modified.out != after.out


def test_an_export_is_answered_while_its_file_is_as_written(rectify: Runner) -> None:
    _example(rectify)
    argv = ("export", "sanmenxia", "-o", "sheet.csv")
    first = rectify(*argv)
    written = (rectify.work / "sheet.csv").read_bytes()
    assert first.code == 0 and "问题" in written.decode("utf-8-sig")
    again = rectify(*argv)
    assert again.replayed and (again.out, again.err) == (first.out, first.err)
    assert (rectify.work / "sheet.csv").read_bytes() == written
    (rectify.work / "sheet.csv").write_bytes(b"changed by hand\n")
    ran = rectify(*argv)
    assert not ran.replayed and (rectify.work / "sheet.csv").read_bytes() == written
    (rectify.work / "sheet.csv").unlink()
    ran = rectify(*argv)
    assert not ran.replayed and (rectify.work / "sheet.csv").read_bytes() == written
    assert rectify(*argv).replayed


def test_what_git_is_fed_on_stdin_keeps_no_answer(rectify: Runner, tmp_path: Path) -> None:
    _example(rectify)
    _git(rectify, tmp_path, "init", "-q")
    _git(rectify, tmp_path, "add", "-A")
    env = _git(rectify, tmp_path, "commit", "-qm", "ledgers")
    argv = ("status", "sanmenxia", "--at", "HEAD")  # the ledgers read with cat-file --batch
    first = rectify(*argv, **env)
    again = rectify(*argv, **env)
    assert first.code == 0 and first.out
    assert not again.replayed and again.out == first.out
