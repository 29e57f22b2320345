"""Writes that survive anything: links, read-only files, killed writers, private locks."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import RunCli
from rectify.errors import FileError
from rectify.ledger.files import TEMP_SUFFIX, atomic_write, lock_folder, locked

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links and permission bits")

CITY = Path(__file__).resolve().parent.parent / "examples/sanmenxia/city-county/smx-city-2024.yaml"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    folder = tmp_path / "ledgers"
    folder.mkdir()
    path = folder / "smx-city-2024.yaml"
    shutil.copyfile(CITY, path)
    return path


def update(run: RunCli, path: Path) -> tuple[int, str]:
    done = run("update", "SMX-003", str(path), "-c", "80", "--note", "过半", "--lang", "en")
    return done.exit_code, done.stderr.strip()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(f"*{TEMP_SUFFIX}"))


# --- links --------------------------------------------------------------------------------------


def test_a_symlinked_ledger_stays_a_link_and_its_target_is_replaced(
    run: RunCli, ledger: Path, tmp_path: Path
) -> None:
    link = tmp_path / "here.yaml"
    link.symlink_to(ledger)
    code, err = update(run, link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(ledger)
    assert "completion: 80" in ledger.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_a_link_to_a_link_replaces_the_last_target(
    run: RunCli, ledger: Path, tmp_path: Path
) -> None:
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    first.symlink_to(ledger)
    second.symlink_to(first)
    assert update(run, second)[0] == 0
    assert first.is_symlink() and second.is_symlink()
    assert "completion: 80" in ledger.read_text(encoding="utf-8")


def test_a_hard_linked_ledger_is_refused_and_both_names_stay_one_file(
    run: RunCli, ledger: Path, tmp_path: Path
) -> None:
    other = tmp_path / "copy.yaml"
    os.link(ledger, other)
    before = ledger.read_bytes()
    code, err = update(run, ledger)
    assert code == 3
    assert err == (
        f"error: {ledger} has 2 hard links: rectify replaces a file whole, which would split them "
        "into two different files, so nothing was changed. Use a symbolic link (ln -s) "
        "instead, or copy the file (cp) first"
    )
    assert ledger.read_bytes() == before == other.read_bytes()
    assert ledger.stat().st_ino == other.stat().st_ino


# --- read-only ----------------------------------------------------------------------------------


def test_a_read_only_ledger_is_not_overwritten(run: RunCli, ledger: Path) -> None:
    before = ledger.read_bytes()
    os.chmod(ledger, 0o444)
    code, err = update(run, ledger)
    assert (code, err) == (
        3,
        f"error: {ledger} is read-only and was not changed; to change it, make it writable first "
        f"(chmod u+w {ledger})",
    )
    assert ledger.read_bytes() == before
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o444
    zh = run("done", "SMX-003", str(ledger), "--lang", "zh")
    assert zh.exit_code == 3
    assert zh.stderr.strip().count("\n") == 0 and "只读" in zh.stderr


def test_a_ledger_in_a_read_only_folder_is_not_written(run: RunCli, ledger: Path) -> None:
    before = ledger.read_bytes()
    os.chmod(ledger.parent, 0o555)
    try:
        code, err = update(run, ledger)
    finally:
        os.chmod(ledger.parent, 0o755)
    assert (code, err) == (
        3,
        f"error: the folder {ledger.parent} holding {ledger} is read-only; nothing was changed. "
        "Make the folder writable first",
    )
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in ledger.parent.iterdir()) == [ledger.name]


def test_a_replaced_file_keeps_its_mode_and_owner_write_bit(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o640)
    atomic_write(path, b"new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_bytes() == b"new\n"


# --- temporary files ----------------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old\n")
    stale = tmp_path / f".a.yaml.{_dead_pid()}.0badf00d{TEMP_SUFFIX}"
    stale.write_bytes(b"half a ledger")
    alive = tmp_path / f".a.yaml.{os.getppid()}.0badf00d{TEMP_SUFFIX}"  # a writer still running
    alive.write_bytes(b"being written")
    other = tmp_path / f".b.yaml.{_dead_pid()}.0badf00d{TEMP_SUFFIX}"  # another file's
    other.write_bytes(b"x")
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.yaml", alive.name, other.name])


def test_in_a_git_work_tree_the_temporary_file_is_written_inside_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    path = tmp_path / "ledgers" / "a.yaml"
    path.parent.mkdir()
    path.write_bytes(b"old\n")
    seen: list[Path] = []
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    atomic_write(path, b"new\n")
    assert seen[0].parent == tmp_path / ".git" / "rectify-tmp"
    assert stat.S_IMODE((tmp_path / ".git" / "rectify-tmp").stat().st_mode) == 0o700
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == "?? ledgers/a.yaml\n"  # nothing else for `git add -A` to commit


# --- locks --------------------------------------------------------------------------------------


def test_locks_live_in_a_private_folder_and_are_private(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x\n")
    with locked(path):
        folder = lock_folder()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        (lock,) = folder.iterdir()
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert not (Path("/tmp") / "rectify-locks" / lock.name).exists()


def test_a_planted_link_in_the_lock_folder_is_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x\n")
    with locked(path):
        (lock,) = lock_folder().iterdir()
    lock.unlink()
    victim = tmp_path / "victim"
    lock.symlink_to(victim)
    with pytest.raises(FileError) as caught, locked(path):
        pass
    assert caught.value.key == "error.write_failed"
    assert not victim.exists()


def test_a_lock_folder_that_is_a_link_or_open_to_others_is_refused_or_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("RECTIFY_CACHE_DIR", str(cache))
    cache.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (cache / "locks").symlink_to(elsewhere)
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x\n")
    with pytest.raises(FileError) as caught, locked(path):
        pass
    assert caught.value.key == "error.lock_place"
    assert list(elsewhere.iterdir()) == []
    (cache / "locks").unlink()
    (cache / "locks").mkdir(mode=0o777)
    os.chmod(cache / "locks", 0o777)
    with locked(path):
        pass
    assert stat.S_IMODE((cache / "locks").stat().st_mode) == 0o700


# --- SIGKILL at random moments ------------------------------------------------------------------


def _big_ledger(folder: Path, issues: int) -> Path:
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, str(root / "benchmarks/generate.py"), str(issues), str(folder)],
        check=True,
        capture_output=True,
    )
    (found,) = sorted(folder.glob("*.yaml"))
    return found


def _wait_for_a_temporary(child: subprocess.Popen[bytes], area: Path) -> int:
    """Wait until ``child`` has a temporary file in ``area`` (1) or has ended (0)."""
    mine = f".{child.pid}."  # a temporary's name holds its writer's process id
    while child.poll() is None:
        if area.is_dir() and any(mine in p.name for p in area.iterdir()):
            return 1
        time.sleep(0.0005)
    return 0


@pytest.mark.slow
def test_writers_killed_at_random_moments_leave_the_old_file_or_the_new_one(
    tmp_path: Path,
) -> None:
    """200 `update`, `fmt` and `import` runs SIGKILLed at random: the ledger is always whole."""
    folder = tmp_path / "big"
    folder.mkdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    path = _big_ledger(folder, 2000)
    env = {
        **os.environ,
        "RECTIFY_TODAY": "2024-11-30",
        "RECTIFY_CACHE_DIR": str(tmp_path / "cache"),
        "RECTIFY_NO_CACHE": "1",
        "RECTIFY_LANG": "en",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"),
    }
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "编号,问题,牵头单位,整改时限,整改状态\n,导入的新问题,市住建局,2025-06-30,未整改\n",
        encoding="utf-8-sig",
    )
    ident = next(
        line.split(":", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("  - id:")
    )
    commands = {
        "update": ["update", ident, str(path), "-c", "{n}"],
        "fmt": ["fmt", str(path)],
        "import": ["import", str(sheet), "-l", str(path)],
    }
    # how long each command takes when left alone: kill within that time
    spans: dict[str, float] = {}
    for name, args in commands.items():
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "rectify", *(a.replace("{n}", "1") for a in args)],
            env=env,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        spans[name] = time.monotonic() - started
    check_cmd = [sys.executable, "-m", "rectify", "check", str(path)]
    rng = random.Random(17)
    seen: set[bytes] = {path.read_bytes()}
    kinds = list(commands)
    killed = at_write = 0
    temporaries = 0  # the most killed writers left inside .git at once
    area = tmp_path / ".git" / "rectify-tmp"
    for n in range(200):
        name = kinds[n % 3]
        args = [a.replace("{n}", f"{n / 2:.1f}") for a in commands[name]]
        before = path.read_bytes()
        child = subprocess.Popen(
            [sys.executable, "-m", "rectify", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if n % 4 == 0:  # killed the moment its temporary file appears: in the middle of the write
            at_write += _wait_for_a_temporary(child, area)
        elif n % 4 == 1:  # left to finish: the next runs start from a new file
            child.wait()
        else:  # killed at a random moment of its run
            time.sleep(rng.uniform(0.0, 1.2) * spans[name])
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.wait()
        temporaries = max(temporaries, len(leftovers(tmp_path / ".git")))
        after = path.read_bytes()
        assert not path.is_symlink() and path.stat().st_nlink == 1
        if after != before:  # the new file, whole: it must check
            if after not in seen:
                result = subprocess.run(check_cmd, env=env, capture_output=True, check=False)
                assert result.returncode == 0, (n, name, result.stdout.decode()[-500:])
            seen.add(after)
        # nothing git would commit but the ledger itself; a stale temporary is inside .git
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        assert TEMP_SUFFIX not in status.stdout, status.stdout
        assert leftovers(folder) == []
    print(
        f"{killed} of 200 runs killed, {at_write} of them while writing; "
        f"{len(seen)} distinct files seen, each whole; "
        f"up to {temporaries} temporaries left inside .git"
    )
    assert killed > 50  # many runs were killed somewhere along the way
    assert at_write > 10  # and many in the middle of writing the file
    assert len(seen) > 10  # between them, many new files, each checked whole
    assert temporaries > 0  # what a writer killed mid-write leaves is inside .git, not beside
    # the next write removes what killed writers left inside .git
    final = [a.replace("{n}", "77.7") for a in commands["update"]]
    done = subprocess.run([sys.executable, "-m", "rectify", *final], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert leftovers(tmp_path / ".git") == []
