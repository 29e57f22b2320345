"""Ledger files on disk: finding them, reading and decoding bytes, atomic and locked writes."""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from rectify.errors import FileError, UsageError
from rectify.ledger import answers

LEDGER_SUFFIXES = (".yaml", ".yml")
#: The names of a roll-up manifest (docs/rollup.md): YAML, but no ledger.
MANIFEST_NAMES = ("rollup.yaml", "rollup.yml")


# --- reading ------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or a FileError naming it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileError("error.no_such_path", path=path) from None
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None
    answers.read(path, data)
    return data


# --- finding ledger files -------------------------------------------------------------


def ledger_files(paths: list[Path]) -> list[Path]:
    """The ledger files named by ``paths``: files as given, folders searched recursively.

    Raises FileError for a path that does not exist or a folder with no ledgers.
    """
    found: list[Path] = []
    for path in paths:
        answers.probe(path)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            answers.tree(path)
            inside = sorted(
                p
                for p in path.rglob("*")
                if is_ledger_name(p)
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise FileError("error.no_ledgers", path=path)
            found.extend(inside)
        else:
            raise FileError("error.no_such_path", path=path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def is_ledger_name(path: Path) -> bool:
    """Whether a file's name is a ledger's (.yaml or .yml, not a roll-up manifest)."""
    return path.suffix.lower() in LEDGER_SUFFIXES and path.name.lower() not in MANIFEST_NAMES


TEMP_SUFFIX = ".rectify-tmp"


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one.

    A symbolic link stays a link: the file it points to is replaced. A file
    with other hard links, a read-only file and a file in a read-only folder
    are refused with a FileError (exit 3), never written.

    The temporary file is written where git does not see it when the file
    lies in a git work tree (``.git/rectify-tmp/``, on the same disk), beside
    the file otherwise; it is flushed and fsynced, given the old file's
    permission bits (a new file: 0666 less the user's umask, as any program
    would make it), then renamed over the file. A temporary file left by a
    process that was killed is removed by the next write.
    """
    target = _write_target(path)
    folder = target.parent
    mode = _writable_mode(path, target)
    area = _temp_area(folder)
    _remove_stale(area, target)
    name = _temp_name(area, target)
    try:
        fd = os.open(area / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    tmp = area / name
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise FileError(
                "error.write_failed", path=path, reason=exc.strerror or str(exc)
            ) from None
        raise
    _fsync_folder(folder)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write_output(path: Path, data: bytes) -> None:
    """Write what a command was asked to put in a file (``-o``): never over a ledger.

    An existing file named like a ledger (``.yaml``, ``.yml``) is refused with
    a UsageError, and so is a link to one: ``export -o l.yaml`` would otherwise
    replace the ledger with a sheet without a word.
    """
    names = {path.suffix.lower(), _write_target(path).suffix.lower()}  # a link to a ledger too
    if names & set(LEDGER_SUFFIXES) and (path.exists() or path.is_symlink()):
        raise UsageError("error.output_is_ledger", path=path)
    atomic_write(path, data)
    answers.wrote(path, data)


def _write_target(path: Path) -> Path:
    """The file a write of ``path`` replaces: the file a symbolic link points to, at the end."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=False))
    except (OSError, RuntimeError, ValueError) as exc:
        raise FileError("error.write_failed", path=path, reason=str(exc)) from None


def _writable_mode(path: Path, target: Path) -> int:
    """The permission bits the new file gets; FileError when the file must not be replaced.

    Read-only means the owner's write bit is off (or the process may not
    write), so that it holds for root too, who may write anything.
    """
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    folder = target.parent
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise FileError("error.write_failed", path=path, reason="not a regular file")
        if not info.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
            raise FileError("error.read_only", path=path)
        if info.st_nlink > 1:
            raise FileError("error.hard_linked", path=path, links=info.st_nlink)
    try:
        folder_mode = folder.stat().st_mode
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    if os.name == "posix" and (
        not folder_mode & stat.S_IWUSR or not os.access(folder, os.W_OK | os.X_OK)
    ):
        raise FileError("error.folder_read_only", path=path, folder=folder)
    if info is not None:
        return info.st_mode & 0o7777
    return 0o666 & ~current_umask()


def git_dir_of(folder: Path) -> Path | None:
    """The git folder of the work tree holding ``folder`` (read from disk, git is not run)."""
    try:
        here = folder.resolve()
    except (OSError, RuntimeError):
        return None
    for candidate in (here, *here.parents):
        dot = candidate / ".git"
        try:
            if dot.is_dir() and not dot.is_symlink():
                return dot
            if dot.is_file():
                line = dot.read_text(encoding="utf-8", errors="replace").strip()
                if line.startswith("gitdir:"):
                    found = Path(line[len("gitdir:") :].strip())
                    found = found if found.is_absolute() else candidate / found
                    return found if found.is_dir() else None
                return None
        except OSError:
            return None
    return None


def _temp_area(folder: Path) -> Path:
    """Where the temporary file of a write into ``folder`` goes: inside .git when git sees it.

    Only a folder of the same disk will do (a rename cannot cross disks), made
    by this user, not a link; anything else and the file's own folder is used.
    """
    git = git_dir_of(folder)
    if git is None:
        return folder
    area = git / "rectify-tmp"
    with suppress(OSError):
        with suppress(FileExistsError):
            area.mkdir(mode=0o700)
        info = os.lstat(area)
        if (
            stat.S_ISDIR(info.st_mode)
            and info.st_dev == folder.stat().st_dev
            and (not hasattr(os, "getuid") or info.st_uid == os.getuid())
            and os.access(area, os.W_OK | os.X_OK)
        ):
            return area
    return folder


def _temp_stem(area: Path, target: Path) -> str:
    """The start of the temporary names of ``target``: its name beside it, a digest in .git."""
    if area == target.parent:
        name = target.name
        if len(name.encode("utf-8", "surrogateescape")) > 150:
            name = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:24]
        return f".{name}."
    where = str(target.absolute()).encode("utf-8", "surrogateescape")
    return hashlib.sha256(where).hexdigest()[:24] + "."


def _temp_name(area: Path, target: Path) -> str:
    return f"{_temp_stem(area, target)}{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _remove_stale(area: Path, target: Path) -> None:
    """Remove the temporary files of ``target`` whose writer is gone (killed mid-write)."""
    stem = _temp_stem(area, target)
    with suppress(OSError):
        for entry in os.scandir(area):
            name = entry.name
            if not (name.startswith(stem) and name.endswith(TEMP_SUFFIX)):
                continue
            pid = name[len(stem) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid), entry):
                with suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int, entry: os.DirEntry[str]) -> bool:
    """Whether the process that wrote a temporary file may still be writing it."""
    if pid == os.getpid():
        return False  # this process writes one file at a time: any older one is stale
    if os.name != "posix":  # pragma: no cover - no cheap test of a process on Windows
        return time.time() - entry.stat().st_mtime < 3600
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and put back at once
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows opening a folder."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def private_folder(folder: Path) -> Path:
    """``folder``, made if missing, as a folder only this user may enter (mode 0700).

    A link, something not a folder, or a folder of another user is refused
    with a FileError; a folder of this user open to others is closed (chmod 0700).
    """
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        info = os.lstat(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FileError("error.lock_place", folder=folder, reason=reason) from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise FileError("error.lock_place", folder=folder, reason="not a plain folder")
    if os.name == "posix":
        if info.st_uid != os.getuid():
            raise FileError("error.lock_place", folder=folder, reason="owned by another user")
        if info.st_mode & 0o077:
            try:
                os.chmod(folder, 0o700)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise FileError("error.lock_place", folder=folder, reason=reason) from None
    return folder


def lock_folder() -> Path:
    """Where this user's locks live: ``locks`` in the cache folder, private to the user."""
    from rectify.ledger.cache import cache_dir

    return private_folder(cache_dir() / "locks")


@contextmanager
def locked(path: Path, *, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock for ``path`` while changing it.

    Serialises this user's rectify processes writing the same ledger: no lost
    update, no duplicate id. The lock file lives in the user's own lock
    folder (mode 0700, see `lock_folder`), keyed by the ledger's real path, and
    is opened without following links (O_NOFOLLOW), mode 0600: no other user
    can plant it, hold it or point it elsewhere. (Two people share a ledger
    through git, each in a clone of their own; see docs/git.md.)
    Uses fcntl on POSIX and msvcrt on Windows.
    """
    where = str(_write_target(path).absolute().resolve()).encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(where).hexdigest()[:32]
    lock_path = lock_folder() / f"{digest}.lock"
    flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, 0o600)
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                _lock(fd)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise FileError("error.lock_timeout", path=path) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
