"""Ledger files on disk: finding them, reading and decoding bytes, atomic and locked writes."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from rectify.errors import FileError

LEDGER_SUFFIXES = (".yaml", ".yml")


# --- reading ------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or a FileError naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileError("error.no_such_path", path=path) from None
    except OSError as exc:
        raise FileError("error.read_failed", path=path, reason=exc.strerror or str(exc)) from None


# --- finding ledger files -------------------------------------------------------------


def ledger_files(paths: list[Path]) -> list[Path]:
    """The ledger files named by ``paths``: files as given, folders searched recursively.

    Raises FileError for a path that does not exist or a folder with no ledgers.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in LEDGER_SUFFIXES
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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one.

    Writes a temporary file in the same folder, flushes and fsyncs it, gives it
    the old file's permission bits (a new file: 0666 less the user's umask, as
    any program would make it, not the 0600 of a temporary file), then renames
    it over the old file.
    """
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~current_umask()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise FileError(
                "error.write_failed", path=path, reason=exc.strerror or str(exc)
            ) from None
        raise
    _fsync_folder(folder)


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


@contextmanager
def locked(path: Path, *, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock for ``path`` while changing it.

    Serialises rectify processes writing the same ledger: no lost update, no
    duplicate id. The lock file lives in the temporary folder, keyed by the
    ledger's absolute path, so nothing appears beside the user's ledgers.
    Uses fcntl on POSIX and msvcrt on Windows.
    """
    import hashlib
    import time

    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]
    folder = Path(tempfile.gettempdir()) / "rectify-locks"
    lock_path = folder / f"{digest}.lock"
    try:
        folder.mkdir(exist_ok=True)
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed in finally
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                _lock(handle.fileno())
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise FileError("error.lock_timeout", path=path) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            _unlock(handle.fileno())
    finally:
        handle.close()
