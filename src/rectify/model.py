"""Pydantic models of ledger format v1 (see docs/format.md), and models as plain data."""

from __future__ import annotations

import datetime as dt
from enum import Enum, StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
)

SCHEMA_VERSION = 1


class Status(StrEnum):
    """Where an issue stands (整改状态)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RECTIFIED = "rectified"
    CLOSED = "closed"
    DISMISSED = "dismissed"

    @property
    def done(self) -> bool:
        """Rectified or closed (已整改, 含已销号): the one definition of the done set."""
        return self in (Status.RECTIFIED, Status.CLOSED)

    @property
    def active(self) -> bool:
        """Open or in progress: still being worked on (the one definition of the active set)."""
        return self in (Status.OPEN, Status.IN_PROGRESS)


class Track(StrEnum):
    """How fast an issue can be fixed (整改类型)."""

    IMMEDIATE = "immediate"
    SCHEDULED = "scheduled"
    LONG_TERM = "long_term"


class Source(StrEnum):
    """Where an issue came from (问题来源)."""

    PROVINCE = "province"
    INSPECTION = "inspection"
    DELIBERATION = "deliberation"
    DEPUTY = "deputy"
    OTHER = "other"


Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]


def stored_date(value: Any) -> Any:
    """A date as a ledger may hold it (a YAML date, a timestamp, a quoted ISO date) as a date;
    anything else as it is. The one reading of a stored date: the model and `fmt` use it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _iso_date(value: Any) -> Any:
    """Accept a quoted ISO date ('2024-07-10') as well as a YAML date."""
    value = stored_date(value)
    if isinstance(value, str):
        raise ValueError("invalid_date")
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


def _check_completion(value: float) -> float:
    """Completion is a percentage from 0 to 100 with at most one decimal."""
    if not 0 <= value <= 100:
        raise ValueError("completion_range")
    if abs(round(value * 10) - value * 10) > 1e-6:
        raise ValueError("completion_decimals")
    return value


def _check_amount(value: float | None) -> float | None:
    """An amount in 万元 (ten thousand yuan): 0 or more, at most four decimals (one yuan)."""
    if value is not None and (
        value < 0 or abs(round(value * 10_000) - value * 10_000) > 1e-6 or value > 1e12
    ):
        raise ValueError("audit_amount")
    return value


def _check_count(value: int | None) -> int | None:
    """A count of rules or of people: a whole number, 0 or more."""
    if value is not None and not 0 <= value <= 10**9:
        raise ValueError("audit_count")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False, defer_build=True)


class ProgressEntry(_Strict):
    """One dated progress report (整改进展)."""

    date: Date
    completion: float
    note: Text | None = None
    # audit figures (审计整改), each the total so far on this date: 已整改金额（万元）,
    # 制定完善制度（项）, 追责问责（人）
    amount_rectified: float | None = None
    rules_issued: int | None = None
    people_accountable: int | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)

    _completion = field_validator("completion")(_check_completion)
    _amount = field_validator("amount_rectified")(_check_amount)
    _counts = field_validator("rules_issued", "people_accountable")(_check_count)


class DeadlineChange(_Strict):
    """One extension or change of the deadline (时限调整)."""

    date: Date
    from_: Date = Field(alias="from")
    to: Date
    reason: Text | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, defer_build=True)


class Verification(_Strict):
    """The sign-off (验收销号) of a rectified issue."""

    by: Text | None = None
    date: Date | None = None
    note: Text | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)


class Step(StrEnum):
    """A step of the sign-off review (销号审核)."""

    APPLIED = "applied"  # 申请销号: the unit applies, with its evidence
    RETURNED = "returned"  # 退回: the supervisor does not accept the rectification
    APPROVED = "approved"  # 审核通过: the supervisor signs it off (the issue's verification)


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Evidence(_Strict):
    """A file that proves the work, with the SHA-256 it had when it was recorded."""

    path: Text
    sha256: Sha256 | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)


EvidenceItem = Text | Evidence


def evidence_path(item: EvidenceItem) -> str:
    """The path of an evidence entry, written as plain text or with its digest."""
    return item if isinstance(item, str) else item.path


class SignoffEntry(_Strict):
    """One step of the sign-off review (销号审核): applied, returned or approved, dated."""

    date: Date
    step: Annotated[Step, Strict(False)]
    by: Text | None = None
    note: Text | None = None
    reason: Text | None = None
    evidence: list[EvidenceItem] = Field(default_factory=list)
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)


class Reopening(_Strict):
    """One reopening (重新整改): the day, why, and the record it undid.

    Append-only, oldest first. What a reopening undoes (the rectification, the
    sign-off, a dismissal with its reason) moves here instead of being erased,
    so the months in which the problem stood rectified, closed or dismissed
    keep their figures.
    """

    date: Date
    note: Text | None = None
    rectified_on: Date | None = None
    verification: Verification | None = None
    dismissed_on: Date | None = None
    reason: Text | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)


class Colour(StrEnum):
    """The three-colour warning (三色预警) a problem carried when it was chased."""

    RED = "red"  # overdue (逾期)
    YELLOW = "yellow"  # behind pace (进度滞后)
    BLUE = "blue"  # due soon (临期)


class Chase(_Strict):
    """One letter that chased a problem (督办): when, why, to whom, and whether it was answered.

    Append-only, oldest first; only ``replied_on`` is filled in later.
    """

    date: Date
    colour: Annotated[Colour, Strict(False)] | None = None  # none: chased for its silence only
    to: Text  # the addressee (经办人, 分管领导, 单位主要负责人 …)
    cc: list[Text] = Field(default_factory=list)  # copied to (抄送)
    reply_due: Date | None = None
    replied_on: Date | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)


class Result(StrEnum):
    """What a committee's vote on the rectification report (满意度测评) came to."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意


class Deliberation(_Strict):
    """One deliberation of the rectification report by the committee, with its vote.

    The counts are plain whole numbers: a negative one is `check`'s R334, not a type error.
    """

    date: Date
    meeting: Text
    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    result: Annotated[Result, Strict(False)]
    follow_up: Text | None = None
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)


class Issue(_Strict):
    """One problem of the list and its rectification record."""

    id: Text
    title: Text
    description: Text | None = None
    source: Annotated[Source, Strict(False)] = Source.OTHER
    category: Text | None = None  # 问题类别 (the project's key, docs/format.md)
    track: Annotated[Track, Strict(False)] = Track.SCHEDULED
    lead_unit: Text
    co_units: list[Text] = Field(default_factory=list)
    owner: Text | None = None
    assigned_on: Date | None = None
    deadline: Date
    planned_on: Date | None = None
    measures: Text | None = None
    target: Text | None = None  # 整改目标 (the project's key, docs/format.md)
    amount_involved: float | None = None  # 涉及金额（万元）, an audit's finding
    status: Annotated[Status, Strict(False)] = Status.OPEN
    completion: float = 0
    rectified_on: Date | None = None
    progress: list[ProgressEntry] = Field(default_factory=list)
    deadline_changes: list[DeadlineChange] = Field(default_factory=list)
    signoff: list[SignoffEntry] = Field(default_factory=list)  # 销号审核, oldest first
    verification: Verification | None = None
    reason: Text | None = None
    dismissed_on: Date | None = None
    evidence: list[EvidenceItem] = Field(default_factory=list)
    carried_from: Text | None = None
    handed_from: Text | None = None  # the higher level's issue this one works off (下级承接)
    reopened: list[Reopening] = Field(default_factory=list)
    chased: list[Chase] = Field(default_factory=list)  # 督办, oldest first
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)

    _completion = field_validator("completion")(_check_completion)
    _amount = field_validator("amount_involved")(_check_amount)

    @property
    def origins(self) -> tuple[str, ...]:
        """The issues this one stands for in a roll-up ('ledger-id/issue-id'): last year's
        (`carried_from`) and the higher level's (`handed_from`)."""
        return tuple(link for link in (self.carried_from, self.handed_from) if link)

    @property
    def original_deadline(self) -> dt.date:
        """The deadline first set, before any change."""
        return self.deadline_changes[0].from_ if self.deadline_changes else self.deadline


class LedgerMeta(_Strict):
    """The header of a ledger: which list it is and who supervises it."""

    id: Text
    title: Text
    supervisor: Text | None = None
    assigned_on: Date | None = None
    id_prefix: Text | None = None
    parent: Text | None = None
    deliberations: list[Deliberation] = Field(default_factory=list)  # 满意度测评, oldest first
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)


class Ledger(_Strict):
    """One problem list (问题清单) with the record of every problem on it."""

    schema_: int = Field(alias="schema", default=SCHEMA_VERSION)
    ledger: LedgerMeta
    issues: list[Issue] = Field(default_factory=list)
    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True)

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, defer_build=True)

    def assigned_on(self, issue: Issue) -> dt.date | None:
        """The date an issue was handed over: its own, else the ledger's."""
        return issue.assigned_on or self.ledger.assigned_on


# Key order of the canonical form (``rectify fmt``) and of written issues.
TOP_KEYS: tuple[str, ...] = ("schema", "ledger", "issues")
LEDGER_KEYS: tuple[str, ...] = tuple(
    f.alias or name for name, f in LedgerMeta.model_fields.items() if name != "extensions"
)
ISSUE_KEYS: tuple[str, ...] = tuple(
    f.alias or name for name, f in Issue.model_fields.items() if name != "extensions"
)
PROGRESS_KEYS: tuple[str, ...] = tuple(
    name for name in ProgressEntry.model_fields if name != "extensions"
)
DEADLINE_CHANGE_KEYS: tuple[str, ...] = ("date", "from", "to", "reason")
VERIFICATION_KEYS: tuple[str, ...] = ("by", "date", "note")
SIGNOFF_KEYS: tuple[str, ...] = ("date", "step", "by", "note", "reason", "evidence")
EVIDENCE_KEYS: tuple[str, ...] = ("path", "sha256")
REOPENED_KEYS: tuple[str, ...] = (
    "date",
    "note",
    "rectified_on",
    "verification",
    "dismissed_on",
    "reason",
)
CHASED_KEYS: tuple[str, ...] = ("date", "colour", "to", "cc", "reply_due", "replied_on")
DELIBERATION_KEYS: tuple[str, ...] = (
    "date",
    "meeting",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
    "result",
    "follow_up",
)


# --- models -> data --------------------------------------------------------------------

_ALWAYS = frozenset({"source", "track", "status", "completion"})
_NUMBERS = frozenset({"completion", "amount_involved", "amount_rectified"})  # 100.0 written 100


def value_to_data(value: Any, key: str | None = None) -> Any:
    """A model value as plain data to write: models as dicts, enums as values, 100.0 as 100."""
    if isinstance(value, BaseModel):
        return model_to_data(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [value_to_data(v) for v in value]
    if key in _NUMBERS and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def is_omitted(key: str, value: Any) -> bool:
    """True for a value not written: None and empty lists, except keys always written."""
    return key not in _ALWAYS and (value is None or (isinstance(value, list) and not value))


def model_to_data(model: BaseModel) -> dict[str, Any]:
    """The plain data of any ledger model, keys in contract order, ``x-`` keys last."""
    data: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if name == "extensions":
            continue
        key = info.alias or name
        value = getattr(model, name)
        if not is_omitted(key, value):
            data[key] = value_to_data(value, key)
    data.update(getattr(model, "extensions", {}))
    return data


def issue_to_data(issue: Issue) -> dict[str, Any]:
    """The plain data of an issue as written to a ledger."""
    return model_to_data(issue)


def ledger_meta_to_data(meta: LedgerMeta) -> dict[str, Any]:
    """The plain data of a ledger header as written to a ledger."""
    return model_to_data(meta)


def ledger_to_data(ledger: Ledger) -> dict[str, Any]:
    """The plain data of a whole ledger; ``issues`` is written even when empty."""
    data: dict[str, Any] = {
        "schema": ledger.schema_,
        "ledger": ledger_meta_to_data(ledger.ledger),
        "issues": [issue_to_data(i) for i in ledger.issues],
    }
    data.update(ledger.extensions)
    return data


# Which keys a mapping may hold, by where it stands in a ledger ("*": any list item), in the
# canonical order: the table check reads for unknown keys.
KEYS_AT: dict[tuple[str, ...], tuple[str, ...]] = {
    (): TOP_KEYS,
    ("ledger",): LEDGER_KEYS,
    ("issues", "*"): ISSUE_KEYS,
    ("issues", "*", "progress", "*"): PROGRESS_KEYS,
    ("issues", "*", "deadline_changes", "*"): DEADLINE_CHANGE_KEYS,
    ("issues", "*", "signoff", "*"): SIGNOFF_KEYS,
    ("issues", "*", "signoff", "*", "evidence", "*"): EVIDENCE_KEYS,
    ("issues", "*", "evidence", "*"): EVIDENCE_KEYS,
    ("issues", "*", "verification"): VERIFICATION_KEYS,
    ("issues", "*", "reopened", "*"): REOPENED_KEYS,
    ("issues", "*", "reopened", "*", "verification"): VERIFICATION_KEYS,
    ("issues", "*", "chased", "*"): CHASED_KEYS,
    ("ledger", "deliberations", "*"): DELIBERATION_KEYS,
}
