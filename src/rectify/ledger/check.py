"""The rules of ledger format v1: a Document in, a Ledger and a list of Problems out.

Nothing here raises on bad data: every problem is collected with its file,
line and column, so that all of them can be reported together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from rectify.errors import Problem, Severity
from rectify.i18n import CATALOGUE
from rectify.ledger.rules import (
    chase_rules,
    deadline_rules,
    deliberation_rules,
    progress_rules,
    reopened_rules,
    signoff_rules,
)
from rectify.ledger.yaml import Document, IssueStream, KeyPath, Pos, gc_paused
from rectify.model import (
    KEYS_AT,
    SCHEMA_VERSION,
    Issue,
    Ledger,
    LedgerMeta,
    Source,
    Status,
    Track,
)
from rectify.numbers import stored_number
from rectify.suggest import closest

EXTENSION_PREFIX = "x-"

# Every code `check` can report, with its severity. Codes are stable: editors
# and scripts rely on them (docs/check-codes.md lists them).
_ERRORS = [
    "R101",
    "R102",
    "R103",
    "R104",
    "R105",
    "R106",
    "R107",
    "R108",
    "R109",
    "R110",
    "R111",
    "R112",
    "R201",
    "R202",
    "R203",
    "R204",
    "R205",
    "R206",
    "R207",
    "R208",
    "R209",
    "R210",
    "R299",
    "R301",
    "R302",
    "R303",
    "R304",
    "R305",
    "R306",
    "R307",
    "R308",
    "R309",
    "R310",
    "R311",
    "R312",
    "R313",
    "R314",
    "R315",
    "R316",
    "R317",
    "R318",
    "R319",
    "R320",
    "R321",
    "R330",
    "R331",
    "R332",
    "R333",
    "R334",
]
_WARNINGS = ["R401", "R402", "R403", "R404", "R405", "R406", "R410"]
CODES: dict[str, Severity] = {
    **dict.fromkeys(_ERRORS, Severity.ERROR),
    **dict.fromkeys(_WARNINGS, Severity.WARNING),
}

_ENUMS: dict[str, type[Source] | type[Track] | type[Status]] = {
    "source": Source,
    "track": Track,
    "status": Status,
}

_KNOWN = KEYS_AT
_AUDIT_COUNTS = frozenset({"rules_issued", "people_accountable"})
_AUDIT = frozenset({"amount_involved", "amount_rectified"}) | _AUDIT_COUNTS

_KIND_WORDS = {
    bool: "bool",
    int: "number",
    float: "number",
    str: "text",
    list: "list",
    dict: "mapping",
    dt.date: "date",
    type(None): "empty",
}


_NESTED = (list, dict)


def _shape(path: KeyPath) -> tuple[str, ...]:
    return tuple("*" if isinstance(part, int) else part for part in path)


def _kind(value: Any) -> str:
    return _KIND_WORDS.get(type(value), "value")


# Words people write for a status that difflib cannot guess ("done" is not close to
# "rectified"); the Chinese names of the contract are matched by _label_match.
_STATUS_WORDS = {
    "done": "rectified",
    "fixed": "rectified",
    "finished": "rectified",
    "complete": "rectified",
    "completed": "rectified",
    "已完成": "rectified",
    "完成": "rectified",
    "todo": "open",
    "new": "open",
    "not_started": "open",
    "未开始": "open",
    "doing": "in_progress",
    "ongoing": "in_progress",
    "wip": "in_progress",
    "进行中": "in_progress",
    "signed_off": "closed",
    "销号": "closed",
    "rejected": "dismissed",
}


def _label_match(word: str, kind: str) -> str | None:
    """The key or enum value whose Chinese or English name is ``word`` (已整改 -> rectified)."""
    return _labels(kind).get(word)


@functools.cache
def _labels(kind: str) -> dict[str, str]:
    """Every name of the ``kind`` entries of the catalogue, to the value it names."""
    prefix = f"{kind}."
    found: dict[str, str] = {}
    for key, texts in CATALOGUE.items():
        if key.startswith(prefix):
            for text in texts:
                found.setdefault(text, key[len(prefix) :])
    return found


class _Checker:
    """Checks one Document; accumulates problems as it goes."""

    def __init__(self, doc: Document, as_of: dt.date, stream: IssueStream | None = None):
        self.doc = doc
        self.as_of = as_of
        self.stream = stream
        self.problems: list[Problem] = []
        self.first_lines: dict[str, int] = {}  # each issue id's first line (R301)

    def add(
        self,
        code: str,
        path: KeyPath,
        /,
        *,
        key: str | None = None,
        at_value: bool = False,
        issue_id: str | None = None,
        **params: Any,
    ) -> None:
        pos = self.doc.value_pos(path) if at_value else self.doc.key_pos(path)
        self.add_at(code, pos, key=key, issue_id=issue_id, **params)

    def add_at(
        self,
        code: str,
        pos: Pos,
        /,
        *,
        key: str | None = None,
        issue_id: str | None = None,
        **params: Any,
    ) -> None:
        self.problems.append(
            Problem(
                path=self.doc.path,
                line=pos.line,
                column=pos.column,
                code=code,
                key=key or code,
                params=params,
                severity=CODES[code],
                issue_id=issue_id,
            )
        )

    # --- structure ----------------------------------------------------------------

    def run(self) -> Ledger | None:
        data = self.doc.data
        if not isinstance(data, dict):
            self.add("R105", (), at_value=True, kind=_kind(data))
            return None
        schema = data.get("schema")
        if "schema" not in data:
            self.add_at("R106", Pos(1, 1), key="R106.missing")
            return None
        if type(schema) is not int or schema < 1:
            self.add("R106", ("schema",), key="R106.invalid", at_value=True, version=schema)
            return None
        if schema > SCHEMA_VERSION:
            self.add("R106", ("schema",), at_value=True, version=schema)
            return None
        cleaned = self.clean(data, ())
        if "ledger" in cleaned:
            meta = self.validate(LedgerMeta, cleaned["ledger"], ("ledger",))
            if meta is not None:
                deliberation_rules(meta, self.header_adder)
        else:
            meta = None
            self.add_at("R202", Pos(1, 1), name="ledger", label="ledger")
        raw_issues = cleaned.get("issues", [])
        if raw_issues is None:
            raw_issues = []
        if not isinstance(raw_issues, list):
            self.add(
                "R203",
                ("issues",),
                at_value=True,
                name="issues",
                expected="list",
                actual=_kind(raw_issues),
            )
            raw_issues = []
        default_assigned = meta.assigned_on if meta is not None else _header_date(cleaned)
        issues: list[Issue] = []
        complete = True
        for batch in self.batches(raw_issues):
            validated = [self.validate(Issue, raw, ("issues", index)) for index, raw in batch]
            self.check_ids(batch)
            for (index, _), issue in zip(batch, validated, strict=True):
                if issue is not None:
                    self.check_issue(issue, ("issues", index), default_assigned)
            kept = [issue for issue in validated if issue is not None]
            complete = complete and len(kept) == len(validated)
            issues += kept
        if meta is None or not complete:
            return None
        if any(p.severity is Severity.ERROR for p in self.problems):
            return None
        ledger = Ledger.model_construct(schema_=schema, ledger=meta, issues=issues)
        ledger.extensions.update(cleaned.get("__extensions__", {}))
        return ledger

    def batches(self, raw_issues: list[Any]) -> Iterator[list[tuple[int, Any]]]:
        """The issues with their indices, cleaned: all at once, or a batch at a time as the
        stream builds them (each batch's values let go when the next is asked for).

        Each issue's problems come in the same order either way (cleaning, the model,
        its id, the rules), and each is at its own place, so the sorted list is the same.
        """
        if self.stream is None:
            yield list(enumerate(raw_issues))
            return
        for batch in self.stream.batches():
            yield [(index, self.clean(raw_issues[index], ("issues", index))) for index in batch]

    def clean(self, value: Any, path: KeyPath) -> Any:
        """``value`` with unknown keys reported and dropped and ``x-`` keys set aside: a copy
        where anything changed, else ``value`` itself (a big ledger is not held twice)."""
        if isinstance(value, list):
            # Scalars (most of a ledger) are taken as they are, without a path built for each.
            items = [
                self.clean(item, (*path, i)) if isinstance(item, _NESTED) else item
                for i, item in enumerate(value)
            ]
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        if not isinstance(value, dict):
            return value
        known = _KNOWN.get(_shape(path))
        result: dict[str, Any] = {}
        extensions: dict[str, Any] = {}
        same = True
        for key, item in value.items():
            if not isinstance(key, str):
                key, same = str(key), False
            if key.startswith(EXTENSION_PREFIX):
                extensions[key] = item
            elif known is not None and key not in known:
                self.unknown_key(key, (*path, key), known)
                same = False
            else:
                kept = self.clean(item, (*path, key)) if isinstance(item, _NESTED) else item
                result[key] = kept
                same = same and kept is item
        if extensions:
            result["__extensions__"] = extensions
            same = False
        return value if same else result

    def unknown_key(self, key: str, path: KeyPath, known: tuple[str, ...]) -> None:
        suggestion = closest(key, known) or _label_match(key, "field")
        issue_id = self.issue_id_at(path)
        if suggestion is not None and suggestion in known:
            self.add(
                "R201", path, key="R201.suggest", name=key, suggestion=suggestion, issue_id=issue_id
            )
        elif key in ("True", "False", "true", "false"):
            self.add("R201", path, key="R201.bool", name=key, issue_id=issue_id)
        else:
            self.add("R201", path, name=key, issue_id=issue_id)

    def issue_id_at(self, path: KeyPath) -> str | None:
        """The id of the issue that ``path`` lies in, when it has a textual one."""
        if len(path) < 2 or path[0] != "issues" or not isinstance(path[1], int):
            return None
        issues = self.doc.data.get("issues") if isinstance(self.doc.data, dict) else None
        raw = issues[path[1]] if isinstance(issues, list) and path[1] < len(issues) else None
        ident = raw.get("id") if isinstance(raw, dict) else None
        return ident if isinstance(ident, str) else None

    def validate(self, model: type[BaseModel], raw: Any, path: KeyPath) -> Any:
        """``model`` validated from ``raw``, or None with its problems recorded."""
        if not isinstance(raw, dict):
            if raw is not None or path == ("ledger",):
                self.add(
                    "R203",
                    path,
                    at_value=True,
                    name=str(path[-1]),
                    expected="mapping",
                    actual=_kind(raw),
                )
            return None
        self.lengths(raw, path)
        payload = _with_extensions(raw)
        try:
            return model.model_validate(payload)
        except ValidationError as exc:
            issue_id = raw.get("id") if model is Issue and isinstance(raw.get("id"), str) else None
            for error in exc.errors():
                self.pydantic_error(error, path, raw, issue_id)
            return None

    def lengths(self, raw: dict[str, Any], path: KeyPath) -> None:
        """R209 for a one-line field (a title, a unit) far longer than any holds (a pasted
        file, a runaway script): `list` would spend minutes laying it out in its table.
        Long texts (description, measures, notes) may be as long as they are."""
        issue_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        for name, value in raw.items():
            for where, text in _long_texts((*path, name), value):
                limit = _SHORT_TEXT
                if str(next(p for p in reversed(where) if isinstance(p, str))) in _SHORT_KEYS:
                    self.add(
                        "R209",
                        where,
                        at_value=True,
                        name=str(next(p for p in reversed(where) if isinstance(p, str))),
                        length=len(text),
                        limit=limit,
                        issue_id=issue_id,
                    )

    def pydantic_error(
        self, error: Any, base: KeyPath, raw: dict[str, Any], issue_id: str | None
    ) -> None:
        loc: KeyPath = tuple(error["loc"])
        path = (*base, *loc)
        name = str(next((p for p in reversed(loc) if isinstance(p, str)), base[-1]))
        kind = error["type"]
        value = error.get("input")
        ctx = error.get("ctx") or {}
        reason = str(ctx.get("error", ""))
        if kind == "missing":
            parent = (*base, *loc[:-1])
            self.add("R202", parent, name=name, label=name, issue_id=issue_id)
        elif reason == "invalid_date" or kind in ("date_type", "date_from_datetime_inexact"):
            self.add("R204", path, at_value=True, name=name, value=_show(value), issue_id=issue_id)
        elif kind == "enum":
            enum = _ENUMS.get(name)
            choices = [m.value for m in enum] if enum else []
            word = str(value)
            guess = (
                _label_match(word, name)
                or (_STATUS_WORDS.get(word.strip().lower()) if name == "status" else None)
                or closest(word, choices)
            )
            self.add(
                "R205",
                path,
                key="R205.suggest" if guess else "R205",
                at_value=True,
                name=name,
                value=_show(value),
                suggestion=guess,
                choices=", ".join(choices),
                issue_id=issue_id,
            )
        elif name == "completion" and (reason == "completion_range" or kind == "float_type"):
            self.add("R206", path, at_value=True, value=_show(value), issue_id=issue_id)
        elif reason in ("audit_amount", "audit_count") or (
            name in _AUDIT and kind in ("float_type", "int_type", "int_from_float")
        ):
            key = "R210.count" if reason == "audit_count" or name in _AUDIT_COUNTS else "R210"
            self.add("R210", path, key=key, at_value=True, name=name, value=_show(value))
        elif reason == "completion_decimals":
            self.add("R207", path, at_value=True, value=_show(value), issue_id=issue_id)
        elif kind == "string_too_short":
            self.add("R208", path, at_value=True, name=name, issue_id=issue_id)
        elif kind == "string_type" and isinstance(value, bool | int | float):
            self.add(
                "R203",
                path,
                key="R203.quote",
                at_value=True,
                name=name,
                raw=self.raw_value(path),
                issue_id=issue_id,
            )
        elif kind.endswith("_type") or kind in ("model_type", "dict_type", "model_attributes_type"):
            expected = (
                kind.removesuffix("_type").replace("model", "mapping").replace("dict", "mapping")
            )
            expected = {"string": "text", "float": "number", "int": "number"}.get(
                expected, expected
            )
            self.add(
                "R203",
                path,
                at_value=True,
                name=name,
                expected=expected,
                actual=_kind(value),
                issue_id=issue_id,
            )
        else:
            # pydantic's other complaints, in the catalogue's words; its English kept for R299.
            limit = next((ctx[k] for k in ("ge", "gt", "le", "lt", "max_length") if k in ctx), "")
            self.add(
                "R299",
                path,
                key=_PYDANTIC_KEYS.get(kind, "R299"),
                at_value=True,
                name=name,
                value=_show(value),
                limit=limit,
                detail=error.get("msg", ""),
                issue_id=issue_id,
            )

    def raw_value(self, path: KeyPath) -> str:
        """The value as typed in the file (``007``, ``yes``), for a quoting hint."""
        pos = self.doc.value_pos(path)
        text = self.doc.line_text(pos.line)[pos.column - 1 :]
        return text.split(" #", 1)[0].strip()

    # --- rules ---------------------------------------------------------------------

    def check_ids(self, raw_issues: list[tuple[int, Any]]) -> None:
        first = self.first_lines
        for index, raw in raw_issues:
            ident = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(ident, str):
                continue
            line = self.doc.key_pos(("issues", index, "id")).line
            if ident in first:
                self.add(
                    "R301",
                    ("issues", index, "id"),
                    at_value=True,
                    id=ident,
                    first=first[ident],
                    issue_id=ident,
                )
            else:
                first[ident] = line

    def header_adder(self, code: str, path: KeyPath, /, **params: Any) -> None:
        self.add(code, ("ledger", *path), at_value=True, **params)

    def check_issue(self, issue: Issue, at: KeyPath, default_assigned: dt.date | None) -> None:
        def add(code: str, path: KeyPath, /, **params: Any) -> None:
            self.add(code, (*at, *path), at_value=True, issue_id=issue.id, **params)

        status = issue.status
        assigned = issue.assigned_on or default_assigned
        if assigned is None:
            add("R312", ("id",))
        elif issue.deadline_changes:
            pass
        elif issue.deadline < assigned:
            add("R313", ("deadline",), deadline=issue.deadline, assigned=assigned)
        if status.done:
            if issue.completion != 100:
                add(
                    "R303",
                    ("completion",) if "completion" in issue.model_fields_set else ("status",),
                    status=status.value,
                    completion=stored_number(issue.completion),
                )
            if issue.rectified_on is None:
                add("R304", ("status",), status=status.value)
        if status is Status.CLOSED and (
            issue.verification is None
            or issue.verification.by is None
            or issue.verification.date is None
        ):
            add("R305", ("verification",) if issue.verification else ("status",))
        if status is Status.DISMISSED and (issue.reason is None or issue.dismissed_on is None):
            add("R306", ("status",))
        if not status.done and issue.rectified_on is not None:
            add("R403", ("rectified_on",), status=status.value)
        if assigned is not None:
            dated: list[tuple[KeyPath, str, dt.date | None]] = [
                (("rectified_on",), "rectified_on", issue.rectified_on),
                (("dismissed_on",), "dismissed_on", issue.dismissed_on),
                (
                    ("verification", "date"),
                    "verification.date",
                    issue.verification.date if issue.verification else None,
                ),
            ]
            dated += [
                (("progress", i, "date"), "progress.date", e.date)
                for i, e in enumerate(issue.progress)
            ]
            for path, name, when in dated:
                if when is not None and when < assigned:
                    add("R307", path, name=name, date=when, assigned=assigned)
        progress_rules(issue, add)
        self.check_silence(issue, assigned, add)
        deadline_rules(issue, add)
        reopened_rules(issue, add, assigned)
        signoff_rules(issue, add, assigned)
        chase_rules(issue, add, assigned)

    def check_silence(self, issue: Issue, assigned: dt.date | None, add: Any) -> None:
        """R402: a pending issue with no progress report for over a month before --as-of.

        Counts from the last report on or before the date, else from the
        assignment (as rectify.follow's chase list does).
        """
        if not issue.status.active:
            return
        reported = [i for i, e in enumerate(issue.progress) if e.date <= self.as_of]
        if reported:
            last = issue.progress[reported[-1]].date
            if _months_before(self.as_of, last):
                add("R402", ("progress", reported[-1], "date"), date=last)
        elif assigned is not None and _months_before(self.as_of, assigned):
            where = "status" if "status" in issue.model_fields_set else "id"
            add("R402", (where,), key="R402.none", date=assigned)


def _header_date(cleaned: dict[str, Any]) -> dt.date | None:
    """The header's assigned_on when the header itself has errors, so issues are still checked."""
    header = cleaned.get("ledger")
    value = header.get("assigned_on") if isinstance(header, dict) else None
    return value if type(value) is dt.date else None


def _months_before(as_of: dt.date, when: dt.date) -> bool:
    """True when ``when`` is more than a month before ``as_of``."""
    year, month = (as_of.year, as_of.month - 1) if as_of.month > 1 else (as_of.year - 1, 12)
    day = min(as_of.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = min(as_of.day, 29)
    return when < dt.date(year, month, day)


def _with_extensions(raw: dict[str, Any]) -> dict[str, Any]:
    """The mapping as the model takes it: set-aside ``x-`` keys under ``extensions``."""
    payload = {k: _with_extensions_any(v) for k, v in raw.items() if k != "__extensions__"}
    if "__extensions__" in raw:
        payload["extensions"] = raw["__extensions__"]
    return payload


def _with_extensions_any(value: Any) -> Any:
    if isinstance(value, dict):
        return _with_extensions(value)
    if isinstance(value, list):
        return [_with_extensions_any(v) for v in value]
    return value


def _show(value: Any) -> str:
    return "" if value is None else str(value)


# The most characters a one-line field (an id, a title, a unit) may hold.
_SHORT_TEXT = 500
_SHORT_KEYS = frozenset(
    {"id", "title", "lead_unit", "co_units", "owner", "carried_from", "supervisor", "parent"}
    | {"id_prefix", "source", "track", "status", "by", "from", "to", "date"}
    | {"colour", "cc", "meeting", "result"}
)


def check_document(
    doc: Document, *, as_of: dt.date, stream: IssueStream | None = None
) -> tuple[Ledger | None, list[Problem]]:
    """Validate one parsed Document: its Ledger when it has no errors, and all its problems.

    With ``stream`` (`ledger.yaml.stream_issues` of ``doc``), the issues are built and
    checked a batch at a time, each batch's values let go once checked; the problems
    are the same as the whole parse's. Raises Unstreamable (``doc`` left as before the
    stream) when a batch holds anything unusual: then parse it whole and check again.
    """
    # A duplicate key leaves the data readable (the first one is kept), so the rules
    # still run and every problem shows at once; anything else stops here.
    if doc.data is None or any(p.code != "R107" for p in doc.problems):
        return None, list(doc.problems)
    checker = _Checker(doc, as_of, stream)
    with gc_paused():
        ledger = checker.run()
    problems = sorted([*doc.problems, *checker.problems], key=Problem.sort_key)
    return (None if doc.problems else ledger), problems


def check_rollup(ledgers: Sequence[tuple[Document, str]]) -> list[Problem]:
    """Rules across ledgers rolled up together: ledger ids are unique (given each file's id)."""
    problems: list[Problem] = []
    first: dict[str, Document] = {}
    for doc, ledger_id in ledgers:
        other = first.setdefault(ledger_id, doc)
        if other is not doc:
            pos = doc.value_pos(("ledger", "id"))
            problems.append(
                Problem(
                    path=doc.path,
                    line=pos.line,
                    column=pos.column,
                    code="R302",
                    key="R302",
                    params={"id": ledger_id, "other": str(other.path)},
                )
            )
    return problems


def check_links(
    ledgers: Sequence[tuple[Document, Ledger]], *, whole: bool = False
) -> list[Problem]:
    """Links across ledgers rolled up together: a `carried_from` or `handed_from` that names
    a ledger of the roll-up must name one of its issues (R404, a warning).

    A link to a ledger not in the roll-up is no problem: a city's ledgers are
    checked without the province's. Unless the roll-up is ``whole`` (a manifest's,
    docs/rollup.md): then a `handed_from` must name a ledger of it too.
    """
    issues = {book.ledger.id: {issue.id for issue in book.issues} for _, book in ledgers}
    problems: list[Problem] = []
    for doc, book in ledgers:
        for index, issue in enumerate(book.issues):
            for name in ("carried_from", "handed_from"):
                link = getattr(issue, name)
                ledger_id, _, issue_id = (link or "").partition("/")
                pos = doc.value_pos(("issues", index, name))
                if link and ledger_id in issues and issue_id not in issues[ledger_id]:
                    problem = doc.problem("R404", pos, name=name, link=link, ledger=ledger_id)
                    problems.append(dataclasses.replace(problem, severity=CODES["R404"]))
                elif link and whole and name == "handed_from" and ledger_id not in issues:
                    problem = doc.problem(
                        "R404", pos, key="R404.no_ledger", name=name, link=link, ledger=ledger_id
                    )
                    problems.append(dataclasses.replace(problem, severity=CODES["R404"]))
    return problems


__all__ = ["CODES", "check_document", "check_links", "check_rollup", "closest"]


_PYDANTIC_KEYS = {
    "greater_than_equal": "R299.too_small",
    "greater_than": "R299.too_small",
    "less_than_equal": "R299.too_large",
    "less_than": "R299.too_large",
    "string_too_long": "R299.too_long",
    "too_long": "R299.too_long",
    "int_parsing": "R299.not_a_whole_number",
    "int_from_float": "R299.not_a_whole_number",
    "float_parsing": "R299.not_a_number",
    "bool_parsing": "R299.not_a_yes_no",
    "literal_error": "R299",
}


def _long_texts(where: KeyPath, value: Any) -> list[tuple[KeyPath, str]]:
    """The texts longer than _SHORT_TEXT of one field (its items, and their fields), each
    with its place; most fields have none, and no place is made for a short one."""
    if isinstance(value, str):
        return [(where, value)] if len(value) > _SHORT_TEXT else []
    found: list[tuple[KeyPath, str]] = []
    items: list[tuple[int | None, dict[str, Any]]]
    if isinstance(value, list):
        found += [
            ((*where, n), v)
            for n, v in enumerate(value)
            if isinstance(v, str) and len(v) > _SHORT_TEXT
        ]
        items = [(n, v) for n, v in enumerate(value) if isinstance(v, dict)]
    elif isinstance(value, dict):
        items = [(None, value)]
    else:
        return []
    for n, entry in items:
        place = where if n is None else (*where, n)
        found += [
            ((*place, k), w)
            for k, w in entry.items()
            if isinstance(w, str) and len(w) > _SHORT_TEXT
        ]
    return found
