"""The cache folder and its key: what the parse cache and the answer store share.

Standard library only, so that a warm answer (`rectify.ledger.answers`) is
read before anything else of rectify is imported. The folder is private to
its user (mode 0700) and holds a per-user secret (``key``, 32 random bytes,
mode 0600) that seals every entry with an HMAC-SHA256: an entry whose seal
does not match is ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import sys

TYPE_CHECKING = False  # not typing's: a warm answer does not import it
if TYPE_CHECKING:
    from pathlib import Path


def enabled() -> bool:
    """Whether the cache is on: off with RECTIFY_NO_CACHE=1 (set by `rectify --no-cache`)."""
    return os.environ.get("RECTIFY_NO_CACHE", "").strip().lower() not in ("1", "true", "yes", "on")


def cache_dir() -> Path:
    """The folder of cache entries: RECTIFY_CACHE_DIR, else the platform's user cache folder."""
    from pathlib import Path

    return Path(cache_folder())


def cache_folder() -> str:
    """`cache_dir` as text, without pathlib (a warm answer is read before it is imported)."""
    chosen = os.environ.get("RECTIFY_CACHE_DIR")
    if chosen:
        return chosen
    home = os.path.expanduser("~")
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return os.path.join(base or os.path.join(home, "AppData", "Local"), "rectify", "Cache")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "rectify")
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(
        xdg if xdg and os.path.isabs(xdg) else os.path.join(home, ".cache"), "rectify"
    )


KEYS: dict[str, bytes | None] = {}  # the key of each cache folder, once read


def secret() -> bytes | None:
    """This user's key of the cache folder, made on first use; None when it cannot be trusted."""
    folder = cache_folder()
    if folder not in KEYS:
        KEYS[folder] = _load_secret(folder)
    return KEYS[folder]


def _load_secret(folder: str) -> bytes | None:
    if _is_private(folder):  # the usual case, read without importing the rest of rectify
        found = _read_secret(os.path.join(folder, "key"))
        if found is not None:
            return found
    import secrets
    import tempfile

    from rectify.errors import FileError
    from rectify.ledger.files import private_folder

    try:
        from pathlib import Path

        private_folder(Path(folder))
    except FileError:
        return None
    path = os.path.join(folder, "key")
    found = _read_secret(path)
    if found is not None:
        return found
    from contextlib import suppress

    with suppress(OSError):  # made under a temporary name, then linked: never seen half written
        fd, tmp = tempfile.mkstemp(prefix=".key.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
            with suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    return _read_secret(path)


def _is_private(folder: str) -> bool:
    """Whether ``folder`` already is a plain folder of this user's, closed to others."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    return os.name != "posix" or (info.st_uid == os.getuid() and not info.st_mode & 0o077)


def _read_secret(path: str) -> bytes | None:
    """The key in ``path`` when it is this user's own file, closed to others, of 32 bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != 32:
            return None
        if os.name == "posix" and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None
        data = os.read(fd, 64)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == 32 else None


def digest(key: bytes, *parts: bytes) -> bytes:
    """HMAC-SHA256 of ``parts`` under ``key``, as hex."""
    mac = digester(key)
    for part in parts:
        mac.update(part)
    return mac.hexdigest().encode("ascii")


def digester(key: bytes) -> hmac.HMAC:
    """What `digest` feeds, to be fed piece by piece: its hexdigest (as ASCII) is the digest."""
    return hmac.new(key, digestmod=hashlib.sha256)


__all__ = ["KEYS", "cache_dir", "cache_folder", "digest", "digester", "enabled", "secret"]
