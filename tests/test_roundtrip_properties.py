"""Properties of writing ledgers: write -> load is identity, fmt is idempotent, edits minimal."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectify.ledger.check import check_document
from rectify.ledger.edit import apply
from rectify.ledger.emit import dump_ledger, render_scalar, render_value
from rectify.ledger.fmt import format_document
from rectify.ledger.yaml import Document, parse_text
from rectify.model import (
    DeadlineChange,
    Evidence,
    EvidenceItem,
    Issue,
    Ledger,
    LedgerMeta,
    ProgressEntry,
    SignoffEntry,
    Source,
    Status,
    Step,
    Track,
    Verification,
    issue_to_data,
    ledger_meta_to_data,
)

AS_OF = dt.date(2024, 11, 30)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TRICKY = [
    "yes",
    "No",
    "on",
    "007",
    "2024-01-01",
    "a: b",
    "#x",
    "x #y",
    "- x",
    " lead",
    "trail ",
    "[red]x[/]",
    "null",
    "~",
    "1:20",
    "3.14",
    "0x1F",
    "'q'",
    '"q"',
    "a\nb",
    "多行\n文本\n",
    " 前导空格\n第二行",
    "尾随空格 \n行",
    "两个换行\n\n",
    "a\tb",
    "a\rb",
    "\\",
    "%x",
    "@x",
    "&a",
    "*a",
    "!x",
    "|",
    ">",
    "{x}",
    "…",
    "\u3000全角空格",
    "中文 # 不是注释",
    "---",
    "...",
    "é",
    "\U0001f600",
]
CHARS = "市住建局民政财老旧小区改造，。、（）：“”《》abcXY019 -_:#'\"[]{},!&*|>%@`\n\t"

texts = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=CHARS, min_size=1, max_size=24))
maybe_text = st.none() | texts
text_lists = st.lists(texts, max_size=3)
digests = st.none() | st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
evidence_items: st.SearchStrategy[EvidenceItem] = texts | st.builds(
    Evidence, path=texts, sha256=digests
)
evidence_lists = st.lists(evidence_items, max_size=3)
ext_scalars = st.one_of(
    texts,
    st.integers(-1000, 1000),
    st.booleans(),
    st.none(),
    st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)),
)
ext_values = st.recursive(
    ext_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet="abk备注-", min_size=1, max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
extensions = st.dictionaries(
    st.text(alphabet="abc备注-", min_size=1, max_size=5).map(lambda s: "x-" + s),
    ext_values,
    max_size=2,
)

START = dt.date(2024, 1, 1)
# The layout of a hand-written file comes from a seeded Random: cheaper than st.randoms().
seeds = st.integers(0, 2**32 - 1)


def days(draw: Callable[..., Any], after: dt.date, span: int = 400) -> dt.date:
    return after + dt.timedelta(days=draw(st.integers(0, span)))


def completion(draw: Callable[..., Any]) -> float:
    tenths: int = draw(st.integers(0, 1000))
    return tenths / 10


@st.composite
def issues(draw: st.DrawFn, ident: str, assigned: dt.date) -> Issue:
    """A random issue that passes every rule of `check`."""
    status = draw(st.sampled_from(Status))
    dates = sorted(days(draw, assigned) for _ in range(draw(st.integers(0, 3))))
    values = sorted(completion(draw) for _ in dates)
    progress = [
        ProgressEntry(date=d, completion=c, note=draw(maybe_text), extensions=draw(extensions))
        for d, c in zip(dates, values, strict=True)
    ]
    done = status in (Status.RECTIFIED, Status.CLOSED)
    changes: list[DeadlineChange] = []
    deadline = days(draw, assigned)
    when = assigned
    for _ in range(draw(st.integers(0, 2))):
        when = days(draw, when, 60)
        to = days(draw, START, 900)
        changes.append(DeadlineChange(date=when, from_=deadline, to=to, reason=draw(maybe_text)))
        deadline = to
    verification = None
    if status is Status.CLOSED or draw(st.booleans()):
        verification = Verification(
            by=draw(texts), date=days(draw, assigned), note=draw(maybe_text)
        )
    dismissed = status is Status.DISMISSED
    # the sign-off review: a decided application fits any status; one awaiting a decision a
    # rectified issue; an approval a closed one
    ends = [[], [Step.APPLIED, Step.RETURNED]]
    ends += [[Step.APPLIED]] if status is Status.RECTIFIED else []
    ends += [[Step.APPLIED, Step.APPROVED]] if status is Status.CLOSED else []
    review: list[SignoffEntry] = []
    when = assigned
    for step in draw(st.sampled_from(ends)):
        when = days(draw, when, 60)
        review.append(
            SignoffEntry(
                date=when,
                step=step,
                by=draw(maybe_text),
                note=draw(maybe_text),
                reason=draw(texts) if step is Step.RETURNED else draw(maybe_text),
                evidence=draw(evidence_lists),
                extensions=draw(extensions),
            )
        )
    return Issue(
        id=ident,
        title=draw(texts),
        description=draw(maybe_text),
        source=draw(st.sampled_from(Source)),
        track=draw(st.sampled_from(Track)),
        lead_unit=draw(texts),
        co_units=draw(text_lists),
        owner=draw(maybe_text),
        deadline=deadline,
        planned_on=draw(st.none() | st.dates(START, dt.date(2027, 1, 1))),
        measures=draw(maybe_text),
        status=status,
        completion=100 if done else (values[-1] if values else completion(draw)),
        rectified_on=days(draw, assigned) if done else None,
        progress=progress,
        deadline_changes=changes,
        verification=verification,
        reason=draw(texts) if dismissed else None,
        dismissed_on=days(draw, assigned) if dismissed else None,
        signoff=review,
        evidence=draw(evidence_lists),
        carried_from=draw(maybe_text),
        extensions=draw(extensions),
    )


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    assigned = days(draw, START, 100)
    ids = draw(st.lists(texts, unique=True, max_size=4))
    meta = LedgerMeta(
        id=draw(texts),
        title=draw(texts),
        supervisor=draw(maybe_text),
        assigned_on=assigned,
        id_prefix=draw(maybe_text),
        parent=draw(maybe_text),
        extensions=draw(extensions),
    )
    return Ledger(
        ledger=meta,
        issues=[draw(issues(ident, assigned)) for ident in ids],
        extensions=draw(extensions),
    )


def load(text: str) -> Ledger:
    ledger, problems = check_document(parse_text(Path("p.yaml"), text), as_of=AS_OF)
    assert ledger is not None, [(p.code, p.line, p.params) for p in problems]
    return ledger


# --- a hand-editor's layout: any key order, 2 or 4 spaces, comments everywhere --------------


class Messy:
    """Writes a ledger the way people do: keys shuffled, odd indentation, quotes, comments."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd
        self.step = rnd.choice([2, 4])
        self.dash = rnd.choice([0, 2])
        self.count = itertools.count(1)
        self.lines: list[str] = []
        self.comments = 0

    def comment(self) -> str:
        self.comments += 1
        return f"# 注释{next(self.count)}"

    def maybe_comment(self) -> str:
        return "  " + self.comment() if self.rnd.random() < 0.3 else ""

    def scalar(self, value: Any) -> str | None:
        one_line = isinstance(value, str) and not any(c in value for c in "\r\n\x85\u2028\u2029")
        if one_line and self.rnd.random() < 0.3:
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, dict | list) or (isinstance(value, str) and "\n" in value):
            return None
        return render_scalar(value)

    def entry(self, key: str, value: Any, col: int, first: str | None = None) -> None:
        """One ``key: value``; ``first`` replaces the indentation (a ``- `` before it)."""
        if first is None and self.rnd.random() < 0.2:
            self.lines.append(" " * col + self.comment())
        head = (first if first is not None else " " * col) + key + ":"
        inline = self.scalar(value)
        if inline is not None:
            self.lines.append(f"{head} {inline}{self.maybe_comment()}")
        elif isinstance(value, dict) and value:
            self.lines.append(head + self.maybe_comment())
            self.mapping(value, col + self.step)
        elif isinstance(value, list) and value:
            self.lines.append(head + self.maybe_comment())
            self.sequence(value, col + self.dash)
        else:
            rendered = render_value(value, col).split("\n")
            self.lines.append(head + rendered[0])
            self.lines.extend(rendered[1:])

    def mapping(self, data: dict[str, Any], col: int, first: str | None = None) -> None:
        items = list(data.items())
        self.rnd.shuffle(items)
        for n, (key, value) in enumerate(items):
            self.entry(render_scalar(key), value, col, first if n == 0 else None)

    def sequence(self, items: list[Any], dash: int, *, blank: bool = False) -> None:
        for n, item in enumerate(items):
            if blank and n and self.rnd.random() < 0.5:
                self.lines.append("")
            if self.rnd.random() < 0.2:
                self.lines.append(" " * dash + self.comment())
            inline = self.scalar(item)
            if isinstance(item, dict) and item:
                self.mapping(item, dash + 2, " " * dash + "- ")
            elif inline is not None:
                self.lines.append(" " * dash + "- " + inline + self.maybe_comment())
            else:
                rendered = render_value(item, dash).split("\n")
                self.lines.append(" " * dash + "-" + rendered[0])
                self.lines.extend(rendered[1:])

    def ledger(self, ledger: Ledger) -> str:
        self.lines.append(self.comment() + " 头部")
        top: list[tuple[str, Any]] = [
            ("schema", 1),
            ("ledger", ledger_meta_to_data(ledger.ledger)),
            ("issues", [issue_to_data(i) for i in ledger.issues]),
            *ledger.extensions.items(),
        ]
        self.rnd.shuffle(top)
        for key, value in top:
            if key == "issues" and value:
                self.lines.append("issues:" + self.maybe_comment())
                self.sequence(value, self.dash, blank=True)
            else:
                self.entry(render_scalar(key), value, 0)
        self.lines.append(self.comment() + " 结尾")
        return "\n".join(self.lines) + "\n"


@given(ledgers())
@SETTINGS
def test_dump_then_load_gives_the_same_ledger(ledger: Ledger) -> None:
    text = dump_ledger(ledger)
    assert load(text) == ledger
    assert "\\u" not in text.replace("\\\\", "")


@given(ledgers(), seeds)
@SETTINGS
def test_fmt_keeps_data_and_comments_and_is_idempotent(ledger: Ledger, seed: int) -> None:
    writer = Messy(random.Random(seed))
    text = writer.ledger(ledger)
    assert load(text) == ledger
    result = format_document(parse_text(Path("p.yaml"), text))
    assert result.kept == []
    assert load(result.text) == ledger
    assert result.text.count("# 注释") == writer.comments
    again = format_document(parse_text(Path("p.yaml"), result.text))
    assert again.text == result.text
    assert format_document(parse_text(Path("p.yaml"), dump_ledger(ledger))).text == dump_ledger(
        ledger
    )


Update = Callable[[Callable[..., Any], Issue, dt.date], None]


def _texts(draw: Callable[..., Any], issue: Issue, _: dt.date) -> None:
    issue.title = draw(texts)
    issue.measures = draw(maybe_text)
    issue.owner = draw(maybe_text)


def _lists(draw: Callable[..., Any], issue: Issue, _: dt.date) -> None:
    issue.co_units = draw(text_lists)
    issue.evidence = draw(text_lists)


def _progress(draw: Callable[..., Any], issue: Issue, assigned: dt.date) -> None:
    last = max([assigned, *(e.date for e in issue.progress)])
    entry = ProgressEntry(
        date=days(draw, last, 60), completion=completion(draw), note=draw(maybe_text)
    )
    issue.progress.append(entry)
    if issue.status not in (Status.RECTIFIED, Status.CLOSED):
        issue.completion = entry.completion


def _deadline(draw: Callable[..., Any], issue: Issue, assigned: dt.date) -> None:
    last = max([assigned, *(c.date for c in issue.deadline_changes)])
    to = days(draw, START, 900)
    change = DeadlineChange(date=days(draw, last, 60), from_=issue.deadline, to=to)
    issue.deadline_changes.append(change)
    issue.deadline = to


def _rectified(draw: Callable[..., Any], issue: Issue, assigned: dt.date) -> None:
    issue.status = Status.RECTIFIED
    issue.completion = 100
    issue.rectified_on = days(draw, assigned)


def _verified(draw: Callable[..., Any], issue: Issue, assigned: dt.date) -> None:
    issue.verification = Verification(by=draw(texts), date=days(draw, assigned))


def _extension(draw: Callable[..., Any], issue: Issue, _: dt.date) -> None:
    issue.extensions = draw(extensions)


def _description(draw: Callable[..., Any], issue: Issue, _: dt.date) -> None:
    issue.description = draw(
        st.sampled_from(["第一段\n第二段", "一行", "尾随 \n空格"]) | maybe_text
    )


UPDATES: list[Update] = [
    _texts,
    _lists,
    _progress,
    _deadline,
    _rectified,
    _verified,
    _extension,
    _description,
]


def block_lines(doc: Document, count: int, index: int) -> range:
    """0-based lines from issue ``index``'s ``-`` to the next issue's (or the end)."""
    total = len(doc.text.splitlines())
    first = doc.key_pos(("issues", index)).line - 1
    last = doc.key_pos(("issues", index + 1)).line - 1 if index + 1 < count else total
    return range(first, last + 1)


@given(st.data(), ledgers(), seeds)
@SETTINGS
def test_apply_after_a_random_update_reloads_and_touches_only_that_issue(
    data: st.DataObject, ledger: Ledger, seed: int
) -> None:
    text = Messy(random.Random(seed)).ledger(ledger)
    doc = parse_text(Path("p.yaml"), text)
    old, problems = check_document(doc, as_of=AS_OF)
    assert old is not None, [(p.code, p.line) for p in problems]
    new = old.model_copy(deep=True)
    allowed: set[int] = set()
    if new.issues:
        index = data.draw(st.integers(0, len(new.issues) - 1))
        issue = new.issues[index].model_copy(deep=True)
        assigned = issue.assigned_on or ledger.ledger.assigned_on or START
        for update in data.draw(st.lists(st.sampled_from(UPDATES), min_size=1, max_size=3)):
            update(data.draw, issue, assigned)
        new.issues[index] = issue
        allowed |= set(block_lines(doc, len(old.issues), index))
    if data.draw(st.booleans()):
        new.issues.append(data.draw(issues("新增-999", ledger.ledger.assigned_on or START)))
        last = len(old.issues) - 1
        allowed |= set(block_lines(doc, len(old.issues), last)) if old.issues else set()
    out = apply(doc, old, new)
    assert load(out) == new
    if allowed:
        matcher = difflib.SequenceMatcher(a=text.splitlines(), b=out.splitlines(), autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag != "equal":
                assert set(range(i1, max(i2, i1 + 1))) <= allowed, (tag, i1, i2)
