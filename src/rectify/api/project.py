"""A project: the folder's rectify.toml, today's date and the parse-cache switch."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rectify.errors import FileError, UsageError
from rectify.io.config import Config, load_config
from rectify.ledger import answers
from rectify.ledger.load import LoadedLedger

if TYPE_CHECKING:
    from rectify.io.manifest import Manifest
    from rectify.io.rollup import SourceState

#: Paths as a caller may give them: Path objects or strings.
PathsGiven = Sequence[Path | str] | None


@dataclass(frozen=True)
class Project:
    """What every library function works with, built once per run.

    ``config`` is the rectify.toml found from the folder upwards (the defaults
    when there is none); ``today`` is the date a change is recorded on and the
    default as-of date; ``cache`` turns the parse cache on or off (None: on
    unless RECTIFY_NO_CACHE=1). ``read`` gathers the sources of the roll-up manifests
    this run read (api.rollup), each with its commit or why it is missing.
    """

    config: Config
    today: dt.date
    cache: bool | None = None
    read: list[SourceState] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def open(
        cls,
        folder: Path | str | None = None,
        *,
        today: dt.date | None = None,
        cache: bool | None = None,
    ) -> Project:
        """The project of ``folder`` (default: the current folder); today from RECTIFY_TODAY."""
        if today is None:
            given = os.environ.get("RECTIFY_TODAY")
            today = dt.date.fromisoformat(given) if given else dt.date.today()
        return cls(load_config(Path(folder) if folder else Path.cwd()), today, cache)

    def paths(self, given: PathsGiven = None) -> list[Path]:
        """The ledger paths given, else the project's ledgers folder.

        A name that is no file or folder but a ledger id (smx-city-2024, the
        name the tool shows everywhere) stands for the ledger of the project's
        ledgers folder that has it.
        """
        if not given:
            return [self.config.ledgers_dir]
        return [self.ledger_named(Path(p)) for p in given]

    def ledger_named(self, path: Path) -> Path:
        """``path`` itself, or the file of the ledger whose id it is; NotFound naming the
        close ids when no file and no ledger has that name but some id is close to it."""
        from rectify.ledger.ids import LEDGER_ID

        name = str(path)
        answers.probe(path)
        if path.exists() or not LEDGER_ID.match(name) or path.suffix.lower() in (".yaml", ".yml"):
            return path
        ids = self.ledger_ids()
        if name in ids:
            return ids[name]
        from rectify.errors import NotFound
        from rectify.suggest import suggest

        close = suggest(name, list(ids))
        if not close:
            return path  # then "no such file or folder", as for any path
        raise NotFound("project.no_ledger_id", id=name, ids="、".join(close))

    def ledger_ids(self) -> dict[str, Path]:
        """The ledger id of every file in the project's ledgers folder; without a project
        (no rectify.toml, no ledgers folder), of the ledger files in the current folder."""
        folder = self.config.ledgers_dir
        if self.config.path is None and not folder.is_dir():
            return ledger_ids(Path.cwd(), deep=False)
        return ledger_ids(folder)

    def files(self, given: PathsGiven = None) -> list[Path]:
        """The ledger files in scope; with none given and none there, say how to start."""
        from rectify.ledger.files import ledger_files

        if self.manifest(given) is not None:  # read-only: never the file a change goes into
            raise UsageError("rollup.not_here", manifest=shown(Path(str(given and given[0]))))
        try:
            return ledger_files(self.paths(given))
        except FileError:
            if given:
                raise
            raise FileError("daily.no_ledgers", path=shown(self.config.ledgers_dir)) from None

    def target(self, given: PathsGiven = None) -> Path:
        """The one ledger file a new issue goes into; several in scope need one named."""
        files = self.files(given)
        if len(files) == 1:
            return files[0]
        names = "\n  ".join(str(shown(f)) for f in files)
        raise UsageError("daily.choose_ledger", count=len(files), ledgers=names)

    def load(
        self, given: PathsGiven, as_of: dt.date, *, at: str | None = None
    ) -> list[LoadedLedger]:
        """The checked ledgers in scope: from the working tree, or as committed at ``at``;
        a roll-up manifest's sources each at its revision (api.rollup)."""
        manifest = self.manifest(given)
        if manifest is not None:
            from rectify.api.rollup import load_rollup

            if at is not None:
                raise UsageError("rollup.no_at")
            return load_rollup(self, manifest, as_of)
        if at is not None:
            from rectify.io.history import load_at

            return load_at(at, self.paths(given), as_of)
        from rectify.ledger.load import load_valid

        return load_valid(self.files(given), as_of=as_of, cache=self.cache)

    def manifest(self, given: PathsGiven) -> Manifest | None:
        """The roll-up manifest ``given`` names (a rollup.yaml, or a folder holding one)."""
        from rectify.io.manifest import manifest_in

        if not given and not self.config.ledgers_dir.exists():
            given = [Path.cwd()]  # in a roll-up's own folder: its rollup.yaml, if any
            return manifest_in(given) if (Path.cwd() / "rollup.yaml").is_file() else None
        return manifest_in(given)

    @property
    def caching(self) -> bool:
        """Whether this project uses rectify's cache folder (the ``cache`` switch, else the
        environment's default: on unless RECTIFY_NO_CACHE)."""
        from rectify.ledger.load import cache_on

        return cache_on(self.cache)

    def on(self, day: dt.date | None) -> dt.date:
        """The date a change happened: today when not given, never after today."""
        from rectify.changes.ops import check_not_future

        day = self.today if day is None else day
        check_not_future(day, self.today)
        return day


def ledger_ids(folder: Path, *, deep: bool = True) -> dict[str, Path]:
    """The ledger id of every ledger file under ``folder`` (only in it, not ``deep``), read
    from its header (first file of an id wins); empty when the folder is missing or holds
    none."""
    from rectify.ledger.files import is_ledger_name, ledger_files
    from rectify.ledger.yaml import load_document

    answers.probe(folder)
    try:
        if not deep:
            # a folder's own files are no input a warm answer records (it lists whole trees)
            answers.spoil()
            files = sorted(p for p in folder.iterdir() if is_ledger_name(p) and p.is_file())
        else:
            files = ledger_files([folder]) if folder.is_dir() else []
    except (FileError, OSError):
        return {}
    ids: dict[str, Path] = {}
    for path in files:
        data = load_document(path).data
        header = data.get("ledger") if isinstance(data, dict) else None
        if isinstance(header, dict) and isinstance(header.get("id"), str):
            ids.setdefault(header["id"], path)
    return ids


def shown(path: Path) -> Path:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path
