"""Commands of the daily round: init, new, add, update, done, apply, return, close, reopen,
extend, dismiss.

Each command is glue over rectify.api: read the options (asking in a
terminal for what is missing), call the library, say one sentence. The core
is imported inside the commands so that `rectify --help` stays fast.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rectify.cli import app
from rectify.cli.ask import ask_date, ask_text, ask_unit, choice, interactive, prompt, require
from rectify.cli.common import (
    Env,
    LangOption,
    LedgerOption,
    PathsArgument,
    make_env,
    out,
    parse_date_option,
    scope,
)
from rectify.cli.options import (
    IdArgument,
    NoteOption,
    OnOption,
    SourceOption,
    TrackOption,
    UnitOption,
    complete_units,
)
from rectify.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from rectify.api.daily import Change
    from rectify.changes import ops


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
            show_default=False,
        ),
    ] = None,
    *,
    units: Annotated[
        list[str] | None,
        typer.Option("--unit", metavar="UNIT"),
    ] = None,
    ledgers: Annotated[str, typer.Option("--ledgers", metavar="NAME")] = "ledgers",
    due_soon_days: Annotated[int, typer.Option("--due-soon-days", min=0, max=366)] = 14,
    id_width: Annotated[int, typer.Option("--id-width", min=1, max=9)] = 3,
    yes: Annotated[bool, typer.Option("--yes", "-y")] = False,
    lang: LangOption = None,
) -> None:
    """Start a project: write rectify.toml and create the ledgers folder. Never overwrites.

    In a terminal, asks for the language and the known units unless given;
    in scripts it asks nothing and takes the defaults.
    """
    from rectify.api.daily import init_project
    from rectify.api.project import shown
    from rectify.io.config import Config

    env = make_env(ctx, lang)
    given_lang = lang or ctx.find_root().params.get("lang")
    ask = interactive() and not yes
    setting = _lang_setting(given_lang) if given_lang else None
    if setting is None and ask:
        setting = _lang_setting(prompt(env, env.t("ask.lang"), default=env.lang))
    if setting is not None:  # from here on, speak the language chosen
        env = dataclasses.replace(env, lang="zh" if setting == "zh" else "en")
    known = list(units or [])
    if not known and ask:
        known = _split_units(prompt(env, env.t("ask.units"), default="", show_default=False))
    config = Config(
        ledgers=ledgers, lang=setting, due_soon_days=due_soon_days, units=known, id_width=id_width
    )
    path, folder_made = init_project(folder or Path.cwd(), config, env.lang)
    env.say("init.created", config=shown(path), ledgers=f"{shown(folder_made)}{os.sep}")
    out(env.t("init.next"))


@app.command()
def new(
    ctx: typer.Context,
    *,
    ledger_id: Annotated[str | None, typer.Option("--id", metavar="ID")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT")] = None,
    supervisor: Annotated[
        str | None,
        typer.Option("--supervisor", metavar="TEXT"),
    ] = None,
    prefix: Annotated[
        str | None,
        typer.Option("--prefix", metavar="P"),
    ] = None,
    assigned_on: Annotated[
        str | None,
        typer.Option("--assigned-on", metavar="DATE"),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option("--parent", metavar="ID"),
    ] = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Create a new ledger (one problem list) in the ledgers folder."""
    from rectify import api
    from rectify.api.project import shown

    env = make_env(ctx, lang)
    if require(
        {"--id": ledger_id, "--title": title, "--supervisor": supervisor, "--prefix": prefix}
    ):
        ledger_id = ledger_id or ask_text(env, "ask.ledger_id")
        title = title or ask_text(env, "ask.ledger_title")
        supervisor = supervisor or ask_text(env, "ask.supervisor")
        prefix = prefix or ask_text(env, "ask.prefix")
    made = api.new_ledger(
        env.project,
        ledger_id=ledger_id,
        title=title,
        supervisor=supervisor,
        prefix=prefix,
        assigned_on=env.date(assigned_on, "--assigned-on"),
        parent=parent,
        into=ledger,
    )
    env.say("new.created", path=shown(made.path), id=made.ledger.ledger.id, first=made.first_id)
    env.say("new.next", path=shown(made.path))
    if env.config.path is None:
        env.note("new.no_config")


# --- add -----------------------------------------------------------------------------------------


@app.command()
def add(
    ctx: typer.Context,
    paths: PathsArgument = None,
    *,
    ledger: LedgerOption = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT")] = None,
    unit: UnitOption = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", metavar="DATE"),
    ] = None,
    co_units: Annotated[
        list[str] | None,
        typer.Option(
            "--co-unit",
            metavar="UNIT",
            autocompletion=complete_units,
        ),
    ] = None,
    source: SourceOption = None,
    track: TrackOption = None,
    description: Annotated[str | None, typer.Option("--description", metavar="TEXT")] = None,
    owner: Annotated[str | None, typer.Option("--owner", metavar="NAME")] = None,
    measures: Annotated[
        str | None,
        typer.Option("--measures", metavar="TEXT"),
    ] = None,
    assigned_on: Annotated[
        str | None,
        typer.Option(
            "--assigned-on",
            metavar="DATE",
        ),
    ] = None,
    new_unit: Annotated[
        bool,
        typer.Option("--new-unit"),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    lang: LangOption = None,
) -> None:
    """Add an issue with the next free id. Asks for missing values in a terminal."""
    from rectify import api
    from rectify.api.project import shown

    env = make_env(ctx, lang)
    path = env.project.target(scope(paths, ledger))
    draft = _draft(
        env, path, title, (unit, co_units), deadline, source, track, assigned_on, new_unit
    )
    draft = dataclasses.replace(
        draft,
        description=description,
        owner=owner,
        measures=measures,
    )
    path, issue = api.add(env.project, draft, into=path, new_units=new_unit)
    if quiet:
        from rectify.text import terminal

        out(terminal(issue.id))
    else:
        env.say(
            "add.added",
            id=issue.id,
            title=issue.title,
            unit=issue.lead_unit,
            assigned=issue.assigned_on,
            deadline=issue.deadline,
            path=shown(path),
        )
    if new_unit:
        _remember_units(env, [draft.lead_unit, *draft.co_units], quiet)


def _draft(
    env: Env,
    path: Path,
    title: str | None,
    units: tuple[str | None, list[str] | None],
    deadline: str | None,
    source: str | None,
    track: str | None,
    assigned_on: str | None,
    new_unit: bool,
) -> ops.Draft:
    """The new issue from the options, asking in a terminal for what is missing.

    Units given on the command line are checked first: nothing is asked before a
    mistyped unit is refused.
    """
    from rectify.api.daily import check_units
    from rectify.changes import ops
    from rectify.model import Source, Track

    unit, co_units = units
    if not new_unit:
        check_units(env.project, [name for name in (unit, *(co_units or ())) if name])
    asking = require({"--title": title, "--unit": unit, "--deadline": deadline})
    return ops.Draft(
        title=title if title is not None else ask_text(env, "ask.title"),
        lead_unit=(unit if unit is not None else ask_unit(env, new_unit)).strip(),
        deadline=env.date(deadline, "--deadline") or ask_date(env, "--deadline"),
        source=choice(env, Source, source, "source", Source.OTHER, asking),
        track=choice(env, Track, track, "track", Track.SCHEDULED, asking),
        assigned_on=env.date(assigned_on, "--assigned-on") or _ask_assigned(env, path),
        co_units=tuple(co_units or ()),
    )


# A list handed down more than this many days ago: `add` in a terminal asks for the date.
ASK_ASSIGNED_AFTER = 31


def _ask_assigned(env: Env, path: Path) -> dt.date:
    """A new issue's assigned date when none was given: the day of the command.

    Never the list's own date, which may be months back: a problem added today
    would count in every month's figures since. In a terminal, when the list
    was handed down long ago, the person is asked (Enter keeps today).
    """
    from rectify.api.daily import listed_on

    if not interactive():
        return env.today
    listed = listed_on(env.project, path)
    if listed is None or (env.today - listed).days <= ASK_ASSIGNED_AFTER:
        return env.today
    return ask_date(env, "--assigned-on", blank=env.today, listed=listed)


def _remember_units(env: Env, names: list[str], quiet: bool) -> None:
    """Add units accepted with --new-unit to rectify.toml's known units."""
    from rectify.api.daily import remember_units
    from rectify.api.project import shown

    added = remember_units(env.project, [name.strip() for name in names])
    if added is None:
        new = [n for n in names if n not in env.config.units]
        typer.echo(env.t("add.no_config", units="、".join(new)), err=True)
    elif added and not quiet and env.config.path is not None:
        env.say("add.units_added", units="、".join(added), path=shown(env.config.path))


# --- changes to one issue ------------------------------------------------------------------------


@app.command()
def update(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    completion: Annotated[
        str,
        typer.Option("--completion", "-c", metavar="PERCENT"),
    ],
    note: NoteOption = None,
    amount_rectified: Annotated[
        str | None, typer.Option("--amount-rectified", metavar="AMOUNT")
    ] = None,
    rules_issued: Annotated[int | None, typer.Option("--rules-issued", min=0)] = None,
    people_accountable: Annotated[int | None, typer.Option("--people-accountable", min=0)] = None,
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record progress: a dated entry with the completion. An open issue becomes in progress."""
    from rectify import api
    from rectify.changes import ops

    env = make_env(ctx, lang)
    value = ops.parse_completion(completion)
    amount = (
        None
        if amount_rectified is None
        else ops.parse_amount(amount_rectified, "--amount-rectified")
    )
    day = env.date(on, "--on") or env.today
    change = api.update(
        env.project,
        issue_id,
        completion=value,
        note=note,
        audit=ops.AuditFigures(amount, rules_issued, people_accountable),
        on=day,
        ledgers=scope(paths, ledger),
    )
    _said(env, "update.done", change, day, before=_pct(change.before.completion), after=_pct(value))
    if value < change.before.completion:
        env.note("update.fell", id=change.after.id, before=_pct(change.before.completion))
    if value == 100:
        env.say("update.hint_done", id=change.after.id)


@app.command()
def done(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    on: OnOption = None,
    note: NoteOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Mark an issue rectified (已整改): completion 100, rectified_on, a final progress entry."""
    from rectify import api

    env = make_env(ctx, lang)
    day = env.date(on, "--on") or env.today
    change = api.done(env.project, issue_id, note=note, on=day, ledgers=scope(paths, ledger))
    # a problem whose sign-off is reviewed (it was applied for before): apply again, not close
    _said(env, "done.again" if change.after.signoff else "done.done", change, day)


EvidenceOption = Annotated[list[Path] | None, typer.Option("--evidence", metavar="FILE")]


@app.command()
def apply(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    on: OnOption = None,
    by: Annotated[str | None, typer.Option("--by", metavar="UNIT")] = None,
    evidence: EvidenceOption = None,
    note: NoteOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Apply for sign-off (申请销号) of a rectified issue, with the evidence handed in."""
    from rectify import api

    env = make_env(ctx, lang)
    day = env.date(on, "--on") or env.today
    change = api.apply(
        env.project,
        issue_id,
        by=by,
        note=note,
        evidence=evidence or (),
        on=day,
        ledgers=scope(paths, ledger),
    )
    _said(env, "apply.done", change, day, by=change.after.signoff[-1].by)
    env.say("apply.done.next", id=change.after.id)


@app.command("return")
def return_(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
    by: Annotated[str | None, typer.Option("--by", metavar="WHO")] = None,
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Return an application for sign-off (退回): the problem is in progress again."""
    from rectify import api

    env = make_env(ctx, lang)
    day = env.date(on, "--on") or env.today
    change = api.return_application(
        env.project, issue_id, reason=reason, by=by, on=day, ledgers=scope(paths, ledger)
    )
    _said(env, "return.done", change, day, reason=reason.strip())


@app.command()
def close(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    by: Annotated[str, typer.Option("--by", metavar="WHO")],
    on: OnOption = None,
    note: NoteOption = None,
    evidence: EvidenceOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Sign off (销号) a rectified issue, recording who verified it and when."""
    from rectify import api

    env = make_env(ctx, lang)
    day = env.date(on, "--on") or env.today
    change = api.close(
        env.project,
        issue_id,
        by=by,
        note=note,
        evidence=evidence or (),
        on=day,
        ledgers=scope(paths, ledger),
    )
    _said(env, "close.done", change, day, by=by.strip())


@app.command()
def reopen(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    note: Annotated[str, typer.Option("--note", metavar="TEXT")],
    completion: Annotated[
        str | None,
        typer.Option("--completion", "-c", metavar="PERCENT"),
    ] = None,
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Put a rectified, closed or dismissed issue back in progress, with the reason."""
    from rectify import api
    from rectify.changes.ops import parse_completion

    env = make_env(ctx, lang)
    value = parse_completion(completion) if completion is not None else None
    day = env.date(on, "--on") or env.today
    change = api.reopen(
        env.project, issue_id, note=note, completion=value, on=day, ledgers=scope(paths, ledger)
    )
    _said(env, "reopen.done", change, day, completion=_pct(change.after.completion))
    if value is None and change.after.completion >= 100:
        env.say("reopen.done.next", id=change.after.id)


@app.command()
def extend(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    to: Annotated[str, typer.Option("--to", metavar="DATE")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Change the deadline (时限调整): the change is kept, the original deadline too."""
    from rectify import api

    env = make_env(ctx, lang)
    new_deadline = parse_date_option(to, "--to", env.today)
    day = env.date(on, "--on") or env.today
    change = api.extend(
        env.project, issue_id, to=new_deadline, reason=reason, on=day, ledgers=ledger
    )
    if new_deadline < day:
        env.note("extend.past", to=new_deadline, date=day)
    count = len(change.after.deadline_changes)
    _said(
        env,
        "extend.done",
        change,
        day,
        from_=change.before.deadline,
        to=change.after.deadline,
        count=count,
    )


@app.command()
def dismiss(
    ctx: typer.Context,
    issue_id: IdArgument,
    paths: PathsArgument = None,
    *,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT")],
    on: OnOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Dismiss an issue (不予整改) with the reason; it stops counting in the rates."""
    from rectify import api

    env = make_env(ctx, lang)
    day = env.date(on, "--on") or env.today
    change = api.dismiss(env.project, issue_id, reason=reason, on=day, ledgers=scope(paths, ledger))
    _said(env, "dismiss.done", change, day)


def _said(env: Env, key: str, change: Change, day: dt.date, **params: object) -> None:
    """The sentence that confirms a change: its issue, the day, the status it has now."""
    from rectify.i18n import label

    status = label("status", change.after.status.value, env.lang)
    env.say(key, id=change.after.id, date=day, status=status, **params)


def _pct(value: float) -> str:
    from rectify.figures.state import completion_value
    from rectify.numbers import format_completion

    return format_completion(completion_value(value))
