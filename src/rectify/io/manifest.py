"""A roll-up manifest (rollup.yaml): the repositories whose ledgers a province rolls up.

A manifest lists sources, each a name, a local ``path`` or a git ``url``, a
``revision`` (branch, tag or commit), the ``ledgers`` glob, and optionally
its administrative ``code`` and ``parent`` (another source's name). The
format is docs/format.md's "Roll-up manifest"; every mistake is a FileError
naming the file and line. Nothing here runs git (io.git does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rectify.errors import FileError, UsageError
from rectify.ledger.files import MANIFEST_NAMES

#: A source's name: also the name of its folder in the cache of fetched sources.
SOURCE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
#: The ledger files of a source when the manifest names none.
DEFAULT_GLOBS = ("**/*.yaml", "**/*.yml")
TOP_KEYS = ("rollup", "title", "cache", "sources")
SOURCE_KEYS = ("name", "url", "path", "revision", "ledgers", "code", "parent")
# scp-like (git@host:path) or with a scheme (https://, ssh://, file://): not a local folder
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|[^/\\:]+@[^/\\:]+:|[^/\\:]{2,}:)")


@dataclass(frozen=True)
class Source:
    """One repository (or folder) of the roll-up."""

    name: str
    line: int  # where the source starts in the manifest
    url: str | None = None  # a git URL (a relative local one made absolute): fetched by sync
    path: Path | None = None  # a local folder (absolute): read where it is
    revision: str | None = None  # None: a path's files as they are on disk; a url's HEAD
    globs: tuple[str, ...] = DEFAULT_GLOBS
    code: str | None = None
    parent: str | None = None

    @property
    def where(self) -> str:
        """The url or path, as the person wrote it in effect."""
        return self.url if self.url is not None else str(self.path)

    @property
    def rev(self) -> str:
        """The revision read: as written, HEAD for a url without one."""
        return self.revision or "HEAD"


@dataclass(frozen=True)
class Manifest:
    """A manifest as read: its file, title, the folder fetched sources go to, the sources."""

    path: Path
    title: str | None
    cache: Path | None  # as the manifest names it (absolute); None: the default (api.rollup)
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def clone_of(self, cache: Path, source: Source) -> Path:
        """Where ``source`` is kept once fetched: a bare mirror named after it."""
        return cache / f"{source.name}.git"


def manifest_of(path: Path) -> Path | None:
    """The manifest ``path`` names: itself when it is a rollup.yaml, a folder's rollup.yaml."""
    if path.is_file() and path.name.lower() in MANIFEST_NAMES:
        return path
    if path.is_dir():
        for name in MANIFEST_NAMES:
            if (path / name).is_file():
                return path / name
    return None


def manifest_in(given: Sequence[Path | str] | None) -> Manifest | None:
    """The manifest the paths name (a rollup.yaml, or a folder holding one); None when none.

    A manifest stands alone: beside other paths it is a UsageError.
    """
    if not given:
        return None
    found = [manifest_of(Path(p)) for p in given]
    chosen = [m for m in found if m is not None]
    if not chosen:
        return None
    if len(given) > 1:
        raise UsageError("rollup.alone", manifest=chosen[0])
    return load_manifest(chosen[0])


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A ledger glob as a pattern on a path in the repository: ``*`` within a folder,
    ``**/`` any folders (none too), ``?`` one character."""
    out = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif glob.startswith("**", index):
            out.append(".*")
            index += 2
        elif glob[index] == "*":
            out.append("[^/]*")
            index += 1
        elif glob[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(glob[index]))
            index += 1
    return re.compile("".join(out) + r"\Z")


def matches(name: str, globs: tuple[str, ...]) -> bool:
    """Whether the repository path ``name`` is one of the source's ledgers."""
    return any(glob_pattern(glob).match(name) for glob in globs)


def load_manifest(path: Path) -> Manifest:
    """Read and check a manifest; a FileError naming ``path:line`` for the first mistake."""
    from rectify.ledger.yaml import load_document

    doc = load_document(path)
    if doc.problems:
        raise FileError("rollup.bad_yaml", path=path, line=doc.problems[0].line)
    reader = _Reader(path, doc)
    return reader.manifest()


class _Reader:
    """Reads the checked values out of a manifest's YAML, with the line of each."""

    def __init__(self, path: Path, doc: Any):
        self.path = path
        self.doc = doc
        self.folder = path.resolve().parent

    def fail(
        self, where: tuple[Any, ...], message: str, /, *, at_key: bool = False, **params: Any
    ) -> FileError:
        place = self.doc.key_pos if at_key else self.doc.value_pos
        line = place(where).line if where else 1
        return FileError(message, path=self.path, line=line, **params)

    def unknown(self, where: tuple[Any, ...], key: Any, known: tuple[str, ...]) -> FileError:
        from rectify.suggest import closest

        guess = closest(str(key), known)
        if guess is not None:
            return self.fail(where, "rollup.unknown_key.suggest", at_key=True, key=key, guess=guess)
        return self.fail(where, "rollup.unknown_key", at_key=True, key=key, known=", ".join(known))

    def text(self, where: tuple[Any, ...], value: Any, *, required: bool = False) -> str | None:
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
            raise self.fail(where, "rollup.not_text", key=".".join(map(str, where)))
        return str(value)

    def manifest(self) -> Manifest:
        data = self.doc.data
        # an unknown key first: `source:` for `sources:` is named, with the guess, at its line
        for key in data if isinstance(data, dict) else ():
            if key not in TOP_KEYS and not str(key).startswith("x-"):
                raise self.unknown((key,), key, TOP_KEYS)
        if not isinstance(data, dict) or "sources" not in data:
            raise self.fail((), "rollup.no_sources")
        if data.get("rollup", 1) != 1:
            raise self.fail(("rollup",), "rollup.bad_version", value=data.get("rollup"))
        sources = data["sources"]
        if not isinstance(sources, list) or not sources:
            raise self.fail(("sources",), "rollup.no_sources")
        read = [self.source(index, entry) for index, entry in enumerate(sources)]
        seen: dict[str, Source] = {}
        for index, source in enumerate(read):
            if source.name in seen:
                raise self.fail(
                    ("sources", index, "name"),
                    "rollup.same_name",
                    name=source.name,
                    other=seen[source.name].line,
                )
            seen[source.name] = source
        for index, source in enumerate(read):
            if source.parent is not None and source.parent not in seen:
                raise self.fail(
                    ("sources", index, "parent"),
                    "rollup.no_parent",
                    name=source.name,
                    parent=source.parent,
                )
        cache = self.text(("cache",), data.get("cache"))
        title = self.text(("title",), data.get("title"))
        folder = self.folder / cache if cache is not None else None
        return Manifest(self.path, title, folder, tuple(read))

    def source(self, index: int, entry: Any) -> Source:
        where: tuple[Any, ...] = ("sources", index)
        if not isinstance(entry, dict):
            raise self.fail(where, "rollup.not_a_source")
        for key in entry:
            if key not in SOURCE_KEYS and not str(key).startswith("x-"):
                raise self.unknown((*where, key), key, SOURCE_KEYS)
        name = self.text((*where, "name"), entry.get("name"), required=True)
        assert name is not None
        if not SOURCE_NAME.match(name):
            raise self.fail((*where, "name"), "rollup.bad_name", name=name)
        url = self.text((*where, "url"), entry.get("url"))
        local = self.text((*where, "path"), entry.get("path"))
        if (url is None) == (local is None):
            raise self.fail(where, "rollup.url_or_path", name=name)
        if url is not None and url.startswith("-"):
            raise self.fail((*where, "url"), "rollup.bad_url", url=url)
        if url is not None and not _REMOTE.match(url):
            url = str(self.folder / url)  # a repository on this disk, beside the manifest
        globs = entry.get("ledgers", list(DEFAULT_GLOBS))
        globs = [globs] if isinstance(globs, str) else globs
        if not isinstance(globs, list) or not globs:
            raise self.fail((*where, "ledgers"), "rollup.not_text", key="ledgers")
        checked = tuple(
            str(self.text((*where, "ledgers", at), glob, required=True))
            for at, glob in enumerate(globs)
        )
        return Source(
            name=name,
            line=self.doc.key_pos(where).line,
            url=url,
            path=self.folder / local if local is not None else None,
            revision=self.text((*where, "revision"), entry.get("revision")),
            globs=checked,
            code=self.text((*where, "code"), entry.get("code")),
            parent=self.text((*where, "parent"), entry.get("parent")),
        )
