"""Commands of the daily workflow: init, new, add, update, done, close, reopen, extend, dismiss,
list and show.

Each command is glue: read the options, call rectify.ops through
rectify.loader.transact, print one sentence. The core is imported inside the
commands so that `rectify --help` stays fast.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from rectify.cli import app
from rectify.cli.common import AsOfOption, Env, LangOption, make_env, out, parse_date_option
from rectify.errors import FileError, NotFound, UsageError
from rectify.i18n import Lang, t

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import RenderableType

    from rectify.figures.warnings import WarningLevel
    from rectify.ledger.load import LoadedLedger
    from rectify.model import Issue, Ledger

E = TypeVar("E", bound=enum.Enum)


# --- shell completion: cheap, plain reads, never an error ----------------------------------------


def _plain_ledgers(ctx: typer.Context | None) -> list[dict[str, Any]]:
    """The ledgers in scope, read as plain YAML for completion; empty on any trouble."""
    try:
        import yaml

        from rectify.io.config import load_config
        from rectify.ledger.files import ledger_files

        given = ctx.params.get("ledger") if ctx is not None else None
        paths = list(given) if given else [load_config(Path.cwd()).ledgers_dir]
        found = []
        for path in ledger_files(paths):
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
            if isinstance(data, dict):
                found.append(data)
        return found
    except Exception:  # completion must never fail in the user's shell
        return []


def complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Issue ids starting with what is typed, with their titles as help."""
    wanted = incomplete.casefold()
    found: list[tuple[str, str]] = []
    for data in _plain_ledgers(ctx):
        for issue in data.get("issues") or []:
            if isinstance(issue, dict) and str(issue.get("id", "")).casefold().startswith(wanted):
                found.append((str(issue["id"]), str(issue.get("title", ""))))
    return found


def complete_units(ctx: typer.Context, incomplete: str) -> list[str]:
    """Unit names starting with what is typed: the known units, then those in the ledgers."""
    names: list[str] = []
    try:
        from rectify.io.config import load_config

        names += load_config(Path.cwd()).units
    except Exception:  # a broken config is reported by the command itself
        pass
    for data in _plain_ledgers(ctx):
        for issue in data.get("issues") or []:
            if isinstance(issue, dict):
                names += [str(issue.get("lead_unit", "")), *map(str, issue.get("co_units") or [])]
    return [n for n in dict.fromkeys(names) if n and n.startswith(incomplete)]


def _complete_enum(kind: str, values: list[str]) -> Callable[[str], list[tuple[str, str]]]:
    def complete(incomplete: str) -> list[tuple[str, str]]:
        from rectify.cli.common import early_lang
        from rectify.i18n import label

        lang = early_lang([])  # RECTIFY_LANG, the project's setting, the locale
        return [(v, label(kind, v, lang)) for v in values if v.startswith(incomplete)]

    return complete


# --- options -------------------------------------------------------------------------------------

LedgerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--ledger",
        "-l",
        metavar="PATH",
        help="Ledger file or folder (repeatable; default: the project's ledgers folder).",
        show_default=False,
    ),
]
IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="Issue id, e.g. SMX-001 (LEDGER-ID/SMX-001 when several ledgers use it).",
        autocompletion=complete_ids,
        show_default=False,
    ),
]
OnOption = Annotated[
    str | None,
    typer.Option(
        "--on", metavar="DATE", help="When it happened (default today).", show_default=False
    ),
]
NoteOption = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="What was done (kept in the history).")
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit", metavar="UNIT", autocompletion=complete_units, help="Lead unit (牵头单位)."
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="SOURCE",
        autocompletion=_complete_enum(
            "source", ["province", "inspection", "deliberation", "deputy", "other"]
        ),
        help="province | inspection | deliberation | deputy | other (or the Chinese name).",
    ),
]
TrackOption = Annotated[
    str | None,
    typer.Option(
        "--track",
        metavar="TRACK",
        autocompletion=_complete_enum("track", ["immediate", "scheduled", "long_term"]),
        help="immediate | scheduled | long_term (or the Chinese name).",
    ),
]


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(enum.StrEnum):
    table = "table"
    json = "json"


# --- helpers -------------------------------------------------------------------------------------


def _interactive() -> bool:
    """Whether a person can answer questions: stdin is a terminal (never in scripts, CI, cron)."""
    return sys.stdin.isatty()


def _safe(value: object) -> str:
    from rectify.text import terminal

    return terminal(str(value))


def _say(env: Env, key: str, /, **params: object) -> None:
    """Print one sentence of the catalogue; user text in it cannot drive the terminal."""
    out(t(key, env.lang, **{name: _safe(value) for name, value in params.items()}))


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def _show(renderable: RenderableType) -> None:
    """Print a Rich renderable at the terminal's width, in colour only on a colour terminal."""
    from rectify.render import to_text

    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    out(to_text(renderable, width=_width(), color=color), nl=False)


def _rel(path: Path) -> Path:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _date(env: Env, text: str, option: str) -> dt.date:
    return parse_date_option(text, option, env.today)


def _on(env: Env, text: str | None) -> dt.date:
    """The --on date, today when not given; never after today."""
    from rectify.changes import ops

    day = env.today if text is None else _date(env, text, "--on")
    ops.check_not_future(day, env.today)
    return day


def _files(env: Env, given: list[Path] | None) -> list[Path]:
    """The ledger files in scope; without -l, say how to start when there are none yet."""
    from rectify.ledger.files import ledger_files

    try:
        return ledger_files(env.paths(given))
    except FileError:
        if given:
            raise
        raise FileError("daily.no_ledgers", path=_rel(env.config.ledgers_dir)) from None


def _loaded(env: Env, given: list[Path] | None, as_of: dt.date) -> list[LoadedLedger]:
    from rectify.ledger.load import load_valid

    return load_valid(_files(env, given), as_of=as_of)


def _change(
    env: Env, given: list[Path] | None, issue_id: str, change: Callable[[Ledger, str], Ledger]
) -> tuple[Issue, Issue]:
    """Find the issue, apply ``change`` to its ledger under the lock and save; (before, after)."""
    from rectify.figures.facts import FactRows
    from rectify.ledger.load import change_issue

    # FactRows: the status figures a cache entry keeps are worked out again for the changed issue.
    files = _files(env, given)
    return change_issue(files, issue_id, change, as_of=env.today, derived=FactRows())


def _pct(value: float) -> str:
    from rectify.figures.state import completion_value
    from rectify.numbers import format_completion

    return format_completion(completion_value(value))


def _enum(cls: type[E], text: str, option: str, lang: Lang) -> E:
    """An enum value typed as its key or its Chinese or English name (已整改, rectified)."""
    from rectify.i18n import label

    kind = option.lstrip("-")
    wanted = text.strip().casefold()
    for member in cls:
        value = str(member.value)
        names = {value, label(kind, value, "zh"), label(kind, value, "en")}
        if wanted in {n.casefold() for n in names}:
            return member
    choices = ", ".join(f"{m.value} ({label(kind, str(m.value), lang)})" for m in cls)
    raise UsageError("list.bad_choice", option=option, value=text, choices=choices)


def _warning(text: str, lang: Lang) -> WarningLevel:
    """A warning level typed as red/yellow/blue, 红/黄/蓝 or 红色预警 (any case)."""
    from rectify.figures.warnings import LEVELS, level_label

    wanted = text.strip().casefold()
    for level in LEVELS:
        names = {
            level.value,
            *(level_label(level, each) for each in ("zh", "en")),
            *(t(f"follow.level.{level.value}.name", each) for each in ("zh", "en")),
        }
        if wanted in {name.casefold() for name in names}:
            return level
    choices = ", ".join(f"{level.value} ({level_label(level, lang)})" for level in LEVELS)
    raise UsageError("list.bad_choice", option="--warning", value=text, choices=choices)


# --- asking a person -----------------------------------------------------------------------------


def _require(values: dict[str, object | None]) -> bool:
    """Whether to ask for missing values: yes in a terminal; without one, exit 2 naming them."""
    missing = [option for option, value in values.items() if value is None]
    if missing and not _interactive():
        raise UsageError("usage.missing", name=", ".join(missing))
    return bool(missing)


def _prompt(env: Env, text: str, *, default: str | None = None, show_default: bool = True) -> str:
    """One question to the person at the terminal, ending in the language's colon."""
    suffix = "：" if env.lang == "zh" else ": "
    answer = typer.prompt(text, default=default, show_default=show_default, prompt_suffix=suffix)
    return str(answer)


def _ask_text(env: Env, key: str) -> str:
    """Ask until the answer is not blank."""
    while True:
        value = _prompt(env, t(key, env.lang)).strip()
        if value:
            return value


def _ask_date(env: Env, option: str, *, blank: dt.date | None = None, **params: object) -> dt.date:
    """Ask for a date until it is one of the accepted forms; with ``blank``, Enter gives it."""
    from rectify.dates import ACCEPTED_FORMS, parse_date

    question = t(f"ask.{option.lstrip('-')}", env.lang, **params)
    while True:
        if blank is None:
            text = _prompt(env, question)
        else:
            text = _prompt(env, question, default="", show_default=False)
            if not text.strip():
                return blank
        try:
            return parse_date(text, today=env.today)
        except ValueError:
            forms = ACCEPTED_FORMS
            typer.echo(
                t("usage.bad_date", env.lang, option=option, value=text, forms=forms), err=True
            )


def _choice(env: Env, cls: type[E], given: str | None, kind: str, default: E, ask: bool) -> E:
    """An enum option: as given, else asked for when asking, else its default."""
    if given:
        return _enum(cls, given, f"--{kind}", env.lang)
    return _ask_choice(env, cls, kind, default) if ask else default


def _ask_choice(env: Env, cls: type[E], kind: str, default: E) -> E:
    """Ask for an enum value as a numbered list, shown by its names in the user's language."""
    from rectify.i18n import label

    members = list(cls)
    out(t(f"ask.{kind}", env.lang) + ("：" if env.lang == "zh" else ":"))
    for number, member in enumerate(members, 1):
        name = label(kind, str(member.value), env.lang)
        out(f"  {number}. {name}" + ("" if env.lang == "zh" else f" ({member.value})"))
    while True:
        text = _prompt(env, t("ask.choose", env.lang), default=str(members.index(default) + 1))
        if text.strip().isdigit() and 1 <= int(text) <= len(members):
            return members[int(text) - 1]
        try:
            return _enum(cls, text, f"--{kind}", env.lang)
        except UsageError:
            typer.echo(t("ask.bad_choice", env.lang, count=len(members)), err=True)


def _ask_unit(env: Env, new_unit: bool) -> str:
    """Ask for the lead unit: by name or by its number in the known units; check the name."""
    from rectify.changes import units

    known = env.config.units
    if not known:
        return _ask_text(env, "ask.unit")
    out(t("ask.units_known", env.lang))
    for number, name in enumerate(known, 1):
        out(f"  {number}. {_safe(name)}")
    while True:
        text = _ask_text(env, "ask.unit_or_number")
        if text.isdigit() and 1 <= int(text) <= len(known):
            return known[int(text) - 1]
        try:
            if not new_unit:
                units.check_unit(text, known)
            return text
        except UsageError as exc:
            typer.echo(exc.message(env.lang), err=True)


# --- init and new --------------------------------------------------------------------------------


def _lang_setting(value: str) -> str:
    lowered = value.strip().lower()
    for code in ("zh", "en"):
        if lowered.startswith(code):
            return code
    raise UsageError("init.bad_lang", value=value)


def _split_units(text: str) -> list[str]:
    return [u.strip() for u in re.split(r"[、,，;；\n]+", text) if u.strip()]


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="Project folder (default: the current folder).",
            show_default=False,
        ),
    ] = None,
    *,
    units: Annotated[
        list[str] | None,
        typer.Option("--unit", metavar="UNIT", help="A known unit (单位名录); repeatable."),
    ] = None,
    ledgers: Annotated[
        str, typer.Option("--ledgers", metavar="NAME", help="Ledgers folder name.")
    ] = "ledgers",
    due_soon_days: Annotated[
        int, typer.Option("--due-soon-days", min=0, help="Due-soon window in days.")
    ] = 14,
    id_width: Annotated[
        int, typer.Option("--id-width", min=1, max=9, help="Digits in issue ids.")
    ] = 3,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Ask nothing; take the defaults.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Start a project: write rectify.toml and create the ledgers folder. Never overwrites.

    In a terminal, asks for the language and the known units unless given;
    in scripts it asks nothing and takes the defaults.
    """
    from rectify.io.config import CONFIG_NAME, Config, create_config

    env = make_env(ctx, lang)
    root = (folder or Path.cwd()).absolute()
    if (root / CONFIG_NAME).exists():
        raise FileError("config.exists", path=_rel(root / CONFIG_NAME))
    given_lang = lang or ctx.find_root().params.get("lang")
    ask = _interactive() and not yes
    setting = _lang_setting(given_lang) if given_lang else None
    if setting is None and ask:
        setting = _lang_setting(_prompt(env, t("ask.lang", env.lang), default=env.lang))
    if setting is not None:  # from here on, speak the language chosen
        env = dataclasses.replace(env, lang="zh" if setting == "zh" else "en")
    known = list(units or [])
    if not known and ask:
        known = _split_units(_prompt(env, t("ask.units", env.lang), default="", show_default=False))
    config = Config(
        ledgers=ledgers, lang=setting, due_soon_days=due_soon_days, units=known, id_width=id_width
    )
    root.mkdir(parents=True, exist_ok=True)
    create_config(root / CONFIG_NAME, config, env.lang)
    (root / ledgers).mkdir(parents=True, exist_ok=True)
    folder_shown = f"{_rel(root / ledgers)}{os.sep}"
    _say(env, "init.created", config=_rel(root / CONFIG_NAME), ledgers=folder_shown)
    out(t("init.next", env.lang))


def _new_path(env: Env, given: list[Path] | None, ledger_id: str) -> Path:
    """Where a new ledger goes: the file named with -l, else LEDGER-ID.yaml in the folder."""
    from rectify.ledger.files import LEDGER_SUFFIXES

    target = given[0] if given else env.config.ledgers_dir
    if target.suffix.lower() in LEDGER_SUFFIXES and not target.is_dir():
        return target
    return target / f"{ledger_id}.yaml"


def _ledger_id_owner(folder: Path, ledger_id: str) -> Path | None:
    """The ledger file in ``folder`` whose header has ``ledger_id``, if any."""
    from rectify.ledger.files import ledger_files
    from rectify.ledger.yaml import load_document

    if not folder.is_dir() or not any(folder.iterdir()):
        return None
    try:
        files = ledger_files([folder])
    except FileError:
        return None
    for path in files:
        data = load_document(path).data
        header = data.get("ledger") if isinstance(data, dict) else None
        if isinstance(header, dict) and header.get("id") == ledger_id:
            return path
    return None


@app.command()
def new(
    ctx: typer.Context,
    *,
    ledger_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="Ledger id, e.g. smx-city-2024.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The problem list's title.")
    ] = None,
    supervisor: Annotated[
        str | None,
        typer.Option("--supervisor", metavar="TEXT", help="Supervising body (监督机关)."),
    ] = None,
    prefix: Annotated[
        str | None,
        typer.Option("--prefix", metavar="P", help="Issue id prefix: SMX gives SMX-001."),
    ] = None,
    assigned_on: Annotated[
        str | None,
        typer.Option(
            "--assigned-on", metavar="DATE", help="When the list was handed down (default today)."
        ),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option("--parent", metavar="ID", help="Id of the ledger this one rolls up into."),
    ] = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Create a new ledger (one problem list) in the ledgers folder."""
    from rectify.changes.ops import require_text
    from rectify.ledger.emit import dump_ledger
    from rectify.ledger.ids import LEDGER_ID, PREFIX
    from rectify.model import Ledger

    env = make_env(ctx, lang)
    if _require(
        {"--id": ledger_id, "--title": title, "--supervisor": supervisor, "--prefix": prefix}
    ):
        ledger_id = ledger_id or _ask_text(env, "ask.ledger_id")
        title = title or _ask_text(env, "ask.ledger_title")
        supervisor = supervisor or _ask_text(env, "ask.supervisor")
        prefix = prefix or _ask_text(env, "ask.prefix")
    # A value given blank (--id "") is refused by name, as every command refuses one.
    ledger_id, title = require_text(ledger_id, "--id"), require_text(title, "--title")
    supervisor = require_text(supervisor, "--supervisor")
    prefix = require_text(prefix, "--prefix")
    if not LEDGER_ID.match(ledger_id.strip()):
        raise UsageError("new.bad_id", value=ledger_id)
    if not PREFIX.match(prefix.strip()):
        raise UsageError("new.bad_prefix", value=prefix)
    header = {
        "id": ledger_id.strip(),
        "title": title.strip(),
        "supervisor": supervisor.strip(),
        "assigned_on": _date(env, assigned_on, "--assigned-on") if assigned_on else env.today,
        "id_prefix": prefix.strip(),
        "parent": parent.strip() if parent else None,
    }
    model = Ledger.model_validate(
        {"schema": 1, "ledger": {k: v for k, v in header.items() if v}, "issues": []}
    )
    path = _new_path(env, ledger, model.ledger.id)
    owner = _ledger_id_owner(path.parent, model.ledger.id)
    if owner is not None:
        raise UsageError("new.id_taken", id=model.ledger.id, path=_rel(owner))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(dump_ledger(model))
    except FileExistsError:
        raise FileError("new.exists", path=_rel(path)) from None
    except OSError as exc:
        raise FileError("error.write_failed", path=path, reason=exc.strerror or str(exc)) from None
    first = f"{model.ledger.id_prefix}-{1:0{env.config.id_width}d}"
    _say(env, "new.created", path=_rel(path), id=model.ledger.id, first=first)
    _say(env, "new.next", path=_rel(path))


# --- add -----------------------------------------------------------------------------------------


def _target(env: Env, given: list[Path] | None) -> Path:
    """The one ledger file a new issue goes into; several in scope need -l naming one."""
    files = _files(env, given)
    if len(files) == 1:
        return files[0]
    names = "\n  ".join(_safe(_rel(f)) for f in files)
    raise UsageError("daily.choose_ledger", count=len(files), ledgers=names)


@app.command()
def add(
    ctx: typer.Context,
    *,
    ledger: LedgerOption = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The problem, in one line.")
    ] = None,
    unit: UnitOption = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", metavar="DATE", help="整改时限, e.g. 2024-12-31 or 2024-12."),
    ] = None,
    co_units: Annotated[
        list[str] | None,
        typer.Option(
            "--co-unit",
            metavar="UNIT",
            autocompletion=complete_units,
            help="A co-unit (配合单位); repeatable.",
        ),
    ] = None,
    source: SourceOption = None,
    track: TrackOption = None,
    description: Annotated[
        str | None, typer.Option("--description", metavar="TEXT", help="Longer description.")
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="NAME", help="Person responsible (责任人).")
    ] = None,
    measures: Annotated[
        str | None,
        typer.Option("--measures", metavar="TEXT", help="Rectification measures (整改措施)."),
    ] = None,
    assigned_on: Annotated[
        str | None,
        typer.Option(
            "--assigned-on",
            metavar="DATE",
            help="When it was handed down (交办日期); default today, asked in a terminal.",
        ),
    ] = None,
    new_unit: Annotated[
        bool,
        typer.Option(
            "--new-unit", help="Accept units not in the known units, and add them to rectify.toml."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the new id.")] = False,
    lang: LangOption = None,
) -> None:
    """Add an issue with the next free id. Asks for missing values in a terminal."""
    from rectify.changes import ops, units
    from rectify.ledger.load import transact
    from rectify.model import Source, Track

    env = make_env(ctx, lang)
    path = _target(env, ledger)
    asking = _require({"--title": title, "--unit": unit, "--deadline": deadline})
    title = title if title is not None else _ask_text(env, "ask.title")
    unit = unit if unit is not None else _ask_unit(env, new_unit)
    due = _date(env, deadline, "--deadline") if deadline else _ask_date(env, "--deadline")
    kind = _choice(env, Source, source, "source", Source.OTHER, asking)
    speed = _choice(env, Track, track, "track", Track.SCHEDULED, asking)
    named = [unit.strip(), *(u.strip() for u in co_units or [])]
    if not new_unit:
        for name in named:
            units.check_unit(name, env.config.units)
    draft = ops.Draft(
        title=title,
        lead_unit=unit,
        deadline=due,
        co_units=tuple(co_units or ()),
        source=kind,
        track=speed,
        description=description,
        owner=owner,
        measures=measures,
        assigned_on=_date(env, assigned_on, "--assigned-on")
        if assigned_on
        else _ask_assigned(env, path),
    )
    new = transact(
        path, lambda lg: ops.add_issue(lg, draft, id_width=env.config.id_width), as_of=env.today
    )
    issue = new.issues[-1]
    if quiet:
        out(_safe(issue.id))
    else:
        _say(
            env,
            "add.added",
            id=issue.id,
            title=issue.title,
            unit=issue.lead_unit,
            assigned=issue.assigned_on,
            deadline=issue.deadline,
            path=_rel(path),
        )
    if new_unit:
        _remember_units(env, units.new_units(named, env.config.units), quiet)


# A list handed down more than this many days ago: `add` in a terminal asks for the date.
ASK_ASSIGNED_AFTER = 31


def _ask_assigned(env: Env, path: Path) -> dt.date:
    """A new issue's assigned date when none was given: the day of the command.

    Never the list's own date, which may be months back: a problem added today
    would count in every month's figures since. In a terminal, when the list
    was handed down long ago, the person is asked (Enter keeps today).
    """
    from rectify.ledger.load import load_one

    if not _interactive():
        return env.today
    listed = load_one(path, as_of=env.today).ledger.ledger.assigned_on
    if listed is None or (env.today - listed).days <= ASK_ASSIGNED_AFTER:
        return env.today
    return _ask_date(env, "--assigned-on", blank=env.today, listed=listed)


def _remember_units(env: Env, units: list[str], quiet: bool) -> None:
    """Add units accepted with --new-unit to rectify.toml's known units."""
    from rectify.io.config import add_units

    if not units:
        return
    if env.config.path is None:
        typer.echo(t("add.no_config", env.lang, units=_safe("、".join(units))), err=True)
        return
    added = add_units(env.config.path, units)
    if added and not quiet:
        _say(env, "add.units_added", units="、".join(added), path=_rel(env.config.path))


# --- changes to one issue ------------------------------------------------------------------------


@app.command()
def update(
    ctx: typer.Context,
    issue_id: IdArgument,
    *,
    completion: Annotated[
        str,
        typer.Option(
            "--completion", "-c", metavar="PERCENT", help="Completion now, 0-100 (74.4 or 74.4%)."
        ),
    ],
    note: NoteOption = None,
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record progress: a dated entry with the completion. An open issue becomes in progress."""
    from rectify.changes import ops
    from rectify.i18n import label

    env = make_env(ctx, lang)
    value = ops.parse_completion(completion)
    day = _on(env, on)
    before, after = _change(
        env,
        ledger,
        issue_id,
        lambda lg, i: ops.update_progress(lg, i, on=day, completion=value, note=note),
    )
    status = label("status", after.status.value, env.lang)
    _say(
        env,
        "update.done",
        id=after.id,
        before=_pct(before.completion),
        after=_pct(value),
        date=day,
        status=status,
    )
    if value == 100:
        _say(env, "update.hint_done", id=after.id)


@app.command()
def done(
    ctx: typer.Context,
    issue_id: IdArgument,
    *,
    on: OnOption = None,
    note: NoteOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Mark an issue rectified (已整改): completion 100, rectified_on, a final progress entry."""
    from rectify.changes import ops

    env = make_env(ctx, lang)
    day = _on(env, on)
    _, after = _change(env, ledger, issue_id, lambda lg, i: ops.mark_done(lg, i, on=day, note=note))
    _say(env, "done.done", id=after.id, date=day)


@app.command()
def close(
    ctx: typer.Context,
    issue_id: IdArgument,
    *,
    by: Annotated[str, typer.Option("--by", metavar="WHO", help="Who verified it (验收单位).")],
    on: OnOption = None,
    note: NoteOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Sign off (销号) a rectified issue, recording who verified it and when."""
    from rectify.changes import ops

    env = make_env(ctx, lang)
    day = _on(env, on)
    _, after = _change(
        env, ledger, issue_id, lambda lg, i: ops.close(lg, i, by=by, on=day, note=note)
    )
    _say(env, "close.done", id=after.id, by=by.strip(), date=day)


@app.command()
def reopen(
    ctx: typer.Context,
    issue_id: IdArgument,
    *,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Why it is reopened.")],
    completion: Annotated[
        str | None,
        typer.Option(
            "--completion", "-c", metavar="PERCENT", help="Completion now (default: unchanged)."
        ),
    ] = None,
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Put a rectified, closed or dismissed issue back in progress, with the reason."""
    from rectify.changes import ops

    env = make_env(ctx, lang)
    value = ops.parse_completion(completion) if completion is not None else None
    day = _on(env, on)
    _, after = _change(
        env, ledger, issue_id, lambda lg, i: ops.reopen(lg, i, on=day, note=note, completion=value)
    )
    _say(env, "reopen.done", id=after.id, completion=_pct(after.completion))
    if value is None and after.completion >= 100:
        _say(env, "reopen.done.next", id=after.id)


@app.command()
def extend(
    ctx: typer.Context,
    issue_id: IdArgument,
    *,
    to: Annotated[str, typer.Option("--to", metavar="DATE", help="The new deadline.")],
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why the deadline changes.")
    ],
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Change the deadline (时限调整): the change is kept, the original deadline too."""
    from rectify.changes import ops

    env = make_env(ctx, lang)
    new_deadline = _date(env, to, "--to")
    day = _on(env, on)
    before, after = _change(
        env,
        ledger,
        issue_id,
        lambda lg, i: ops.extend(lg, i, on=day, to=new_deadline, reason=reason),
    )
    count = len(after.deadline_changes)
    _say(env, "extend.done", id=after.id, from_=before.deadline, to=after.deadline, count=count)


@app.command()
def dismiss(
    ctx: typer.Context,
    issue_id: IdArgument,
    *,
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why it will not be rectified.")
    ],
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Dismiss an issue (不予整改) with the reason; it stops counting in the rates."""
    from rectify.changes import ops

    env = make_env(ctx, lang)
    day = _on(env, on)
    _, after = _change(
        env, ledger, issue_id, lambda lg, i: ops.dismiss(lg, i, on=day, reason=reason)
    )
    _say(env, "dismiss.done", id=after.id, date=day)


# --- looking things up ---------------------------------------------------------------------------


@app.command("list")
def list_command(
    ctx: typer.Context,
    *,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="UNIT",
            autocompletion=complete_units,
            help="Issues this unit leads (牵头单位), as status and due count them.",
        ),
    ] = None,
    co_unit: Annotated[
        str | None,
        typer.Option(
            "--co-unit",
            metavar="UNIT",
            autocompletion=complete_units,
            help="Issues this unit helps with (配合单位); with --unit, either.",
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            autocompletion=_complete_enum(
                "status", ["open", "in_progress", "rectified", "closed", "dismissed"]
            ),
            help="open | in_progress | rectified | closed | dismissed (or the Chinese name).",
        ),
    ] = None,
    track: TrackOption = None,
    source: SourceOption = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue issues (逾期).")] = False,
    warning: Annotated[
        list[str] | None,
        typer.Option(
            "--warning",
            metavar="LEVEL",
            autocompletion=lambda: ["red", "yellow", "blue"],
            help="Only issues with this warning (三色预警): red | yellow | blue; repeatable.",
        ),
    ] = None,
    due_within: Annotated[
        int | None,
        typer.Option("--due-within", min=0, metavar="DAYS", help="Only issues due within DAYS."),
    ] = None,
    fmt: Annotated[
        ListFormat, typer.Option("--format", help="table, json or csv.")
    ] = ListFormat.table,
    ledger: LedgerOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """List issues by deadline with their warning (红/黄/蓝); --unit is the lead unit."""
    import json

    from rectify.figures.select import Filters, select, units_of
    from rectify.model import Source, Status, Track
    from rectify.output.json import issue_data
    from rectify.output.listing import issues_csv
    from rectify.render.issues import list_view
    from rectify.suggest import suggest

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    ledgers = [item.ledger for item in _loaded(env, ledger, day)]
    for name in (unit, co_unit):
        if name is not None and name not in units_of(ledgers):
            close = suggest(name, units_of(ledgers))
            if close:
                raise NotFound("list.unknown_unit", unit=name, suggestion="、".join(close))
    filters = Filters(
        unit=unit,
        co_unit=co_unit,
        status=_enum(Status, status, "--status", env.lang) if status else None,
        track=_enum(Track, track, "--track", env.lang) if track else None,
        source=_enum(Source, source, "--source", env.lang) if source else None,
        overdue=overdue,
        due_within=due_within,
        warnings=frozenset(_warning(text, env.lang) for text in warning or []),
    )
    config = env.config
    rows = select(
        ledgers, filters, as_of=day, due_soon_days=config.due_soon_days, margin=config.pace_margin
    )
    if fmt is ListFormat.json:
        data = [
            issue_data(row.item.ledger, row.item.issue, row.warning)
            | ({"carried_to": row.carried_to} if row.carried_to else {})
            for row in rows
        ]
        out(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt is ListFormat.csv:
        out(issues_csv(rows), nl=False)
    else:
        days = env.config.due_soon_days
        _show(list_view(rows, env.lang, as_of=day, due_soon_days=days, width=_width()))


@app.command()
def show(
    ctx: typer.Context,
    issue_id: IdArgument,
    *,
    fmt: Annotated[
        ShowFormat, typer.Option("--format", help="table, or json for scripts.")
    ] = ShowFormat.table,
    ledger: LedgerOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """Show every field of an issue and its history as a timeline."""
    import json

    from rectify.figures.state import Item, exists_on, issue_as_of
    from rectify.figures.warnings import warning_level
    from rectify.ledger.ids import find_issue
    from rectify.output.json import issue_data
    from rectify.render.issues import issue_view

    env = make_env(ctx, lang)
    day = env.as_of(as_of)
    ledgers = [item.ledger for item in _loaded(env, ledger, day)]
    found = find_issue(ledgers, issue_id)
    owner = ledgers[found.index]
    days, margin = env.config.due_soon_days, env.config.pace_margin
    # The issue as it stood on the day: the deadline in force, nothing recorded later.
    item = Item(owner, found.issue)
    seen = issue_as_of(item, day)
    if not exists_on(item, day):
        assigned = owner.assigned_on(found.issue)
        typer.echo(t("show.not_yet", env.lang, day=day, assigned=assigned), err=True)
    if fmt is ShowFormat.json:
        level = warning_level(Item(owner, seen), day, due_soon_days=days, margin=margin)
        data = issue_data(owner, seen, level)
        out(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _show(issue_view(owner, seen, env.lang, as_of=day, due_soon_days=days, margin=margin))
