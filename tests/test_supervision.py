"""The supervision cycle in the ledger (issue #20, first half): chasing on the record (督办), the
replies, the escalation ladder, and the committee's vote (满意度测评) — each step dated, each
month end pinned."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import RunCli
from rectify.changes import ops
from rectify.errors import DataError, FileError, UsageError
from rectify.figures.chase import chase_list
from rectify.figures.diff import Kind, diff_issue, diff_ledgers
from rectify.figures.diff import Version as DiffVersion
from rectify.figures.ladder import DEFAULT_ESCALATION, Rung, step_kind
from rectify.figures.state import Item, chase_record, issue_as_of, items, report_again
from rectify.figures.warnings import assess
from rectify.io.config import read_config
from rectify.ledger.load import load_valid
from rectify.ledger.rules import vote_result
from rectify.ledger.schema import json_schema
from rectify.ledger.yaml import parse_text
from rectify.model import Chase, Colour, Deliberation, Ledger, Result
from rectify.output.monthly import LedgerFile, monthly_report
from rectify.output.notice import (
    Notice,
    addressees,
    chase_entries,
    make_notice,
    notice_markdown,
)

D = dt.date
HEADER = (
    "schema: 1\nledger:\n  id: t\n  title: 清单\n  supervisor: 委员会\n"
    "  assigned_on: 2024-07-10\n  id_prefix: T\n"
)
ISSUE = (
    "issues:\n  - id: T-001\n    title: 问题\n    lead_unit: 市民政局\n    deadline: 2024-12-31\n"
)


def check(text: str) -> list[tuple[str, int]]:
    from rectify.ledger.check import check_document

    _, problems = check_document(parse_text(Path("t.yaml"), text), as_of=D(2024, 7, 20))
    return [(p.code, p.line) for p in problems]


def book(chased: list[dict[str, object]] | None = None, **header: object) -> Ledger:
    issue: dict[str, object] = {
        "id": "T-001",
        "title": "问题",
        "lead_unit": "市民政局",
        "deadline": D(2024, 11, 15),
        "chased": chased or [],
    }
    meta = {"id": "t", "title": "清单", "assigned_on": D(2024, 7, 10), **header}
    return Ledger.model_validate({"schema": 1, "ledger": meta, "issues": [issue]})


@pytest.fixture
def city(examples: Path) -> Path:
    return examples / "sanmenxia" / "city-county"


@pytest.fixture
def copied(city: Path, tmp_path: Path) -> Path:
    target = tmp_path / "city-county"
    shutil.copytree(city, target)
    return target


# --- the rules of the format -------------------------------------------------------------------


def test_good_chases_and_votes_pass_check() -> None:
    text = (
        HEADER.replace(
            "  id_prefix: T\n",
            "  id_prefix: T\n  deliberations:\n    - date: 2024-07-15\n      meeting: 会议\n"
            "      satisfied: 10\n      basically_satisfied: 3\n      dissatisfied: 1\n"
            "      result: satisfied\n",
        )
        + ISSUE
        + (
            "    chased:\n      - date: 2024-07-12\n        colour: blue\n        to: 经办人\n"
            "        cc: [分管领导]\n        reply_due: 2024-07-22\n"
            "        replied_on: 2024-07-15\n"
        )
    )
    assert check(text) == []


@pytest.mark.parametrize(
    ("chased", "expected"),
    [
        # out of date order: the second letter is older than the first
        (
            "      - {date: 2024-07-15, to: a}\n      - {date: 2024-07-12, to: b}\n",
            [("R330", 15)],
        ),
        ("      - {date: 2024-07-15, to: a, replied_on: 2024-07-14}\n", [("R331", 14)]),
        ("      - {date: 2024-07-15, to: a, reply_due: 2024-07-01}\n", [("R332", 14)]),
        ("      - {date: 2024-07-01, to: a}\n", [("R307", 14)]),  # before it was handed over
        ("      - {date: 2024-07-15, colour: green, to: a}\n", [("R205", 14)]),
        ("      - {date: 2024-07-15}\n", [("R202", 14)]),  # no addressee
    ],
)
def test_bad_chase_entries(chased: str, expected: list[tuple[str, int]]) -> None:
    assert check(HEADER + ISSUE + "    chased:\n" + chased) == expected


@pytest.mark.parametrize(
    ("votes", "result", "expected"),
    [
        ("10, 3, -1", "satisfied", [("R334", 13)]),
        ("8, 6, 15", "satisfied", [("R410", 14)]),  # a warning: 14 of 29 is not over half
        ("8, 6, 15", "dissatisfied", []),
        ("true, 6, 15", "dissatisfied", [("R203", 11)]),  # a count is a number
    ],
)
def test_bad_votes(votes: str, result: str, expected: list[tuple[str, int]]) -> None:
    s, b, d = votes.split(", ")
    entry = (
        f"    - date: 2024-07-15\n      meeting: 会议\n      satisfied: {s}\n"
        f"      basically_satisfied: {b}\n      dissatisfied: {d}\n      result: {result}\n"
    )
    text = HEADER + "  deliberations:\n" + entry + ISSUE
    assert check(text) == expected


def test_deliberations_in_date_order() -> None:
    entry = (
        "    - {date: DAY, meeting: m, satisfied: 9, basically_satisfied: 0, dissatisfied: 0,"
        " result: satisfied}\n"
    )
    text = (
        HEADER
        + "  deliberations:\n"
        + entry.replace("DAY", "2024-09-01")
        + entry.replace("DAY", "2024-08-01")
        + ISSUE
    )
    assert check(text) == [("R333", 10)]


def test_vote_result_counts_over_the_votes_cast() -> None:
    assert vote_result(8, 6, 15) is Result.DISSATISFIED  # 14 of 29: not over half
    assert vote_result(8, 7, 14) is Result.BASICALLY_SATISFIED  # 15 of 29
    assert vote_result(15, 0, 14) is Result.SATISFIED
    assert vote_result(14, 1, 14) is Result.BASICALLY_SATISFIED
    assert vote_result(0, 0, 0) is None


def test_fmt_puts_chase_keys_in_their_order() -> None:
    from rectify.ledger.fmt import format_document

    text = (
        HEADER
        + ISSUE
        + (
            "    chased:\n      - replied_on: 2024-07-15\n        to: 经办人\n"
            "        date: 2024-07-12\n"
        )
    )
    result = format_document(parse_text(Path("t.yaml"), text))
    assert "      - date: 2024-07-12\n        to: 经办人\n        replied_on: 2024-07-15\n" in (
        result.text
    )


def test_the_json_schema_knows_both_keys() -> None:
    defs = json_schema()["$defs"]
    assert "chased" in defs["Issue"]["properties"]
    assert "deliberations" in defs["LedgerMeta"]["properties"]
    assert defs["Chase"]["required"] == ["date", "to"]
    assert defs["Deliberation"]["properties"]["dissatisfied"]["minimum"] == 0
    assert defs["Colour"]["enum"] == ["red", "yellow", "blue"]


# --- the pure changes --------------------------------------------------------------------------


def test_chase_appends_and_a_second_of_the_same_day_adds_nothing() -> None:
    letter = Chase(date=D(2024, 11, 5), colour=Colour.BLUE, to="分管领导", cc=["经办人"])
    once = ops.chase(book(), "T-001", letter)
    assert [e.date for e in once.issues[0].chased] == [D(2024, 11, 5)]
    assert ops.chase(once, "T-001", letter) is once
    with pytest.raises(DataError) as before_last:
        ops.chase(once, "T-001", Chase(date=D(2024, 11, 1), to="经办人"))
    assert before_last.value.key == "ops.chase.before_last"
    with pytest.raises(DataError) as before_assigned:
        ops.chase(book(), "T-001", Chase(date=D(2024, 7, 1), to="经办人"))
    assert before_assigned.value.key == "ops.before_assigned"


def test_reply_answers_every_waiting_letter_up_to_its_date() -> None:
    two = book([{"date": D(2024, 11, 5), "to": "a"}, {"date": D(2024, 11, 20), "to": "b"}])
    first = ops.reply(two, "T-001", on=D(2024, 11, 10))
    assert [e.replied_on for e in first.issues[0].chased] == [D(2024, 11, 10), None]
    both = ops.reply(first, "T-001", on=D(2024, 11, 25))
    assert [e.replied_on for e in both.issues[0].chased] == [D(2024, 11, 10), D(2024, 11, 25)]
    with pytest.raises(DataError) as none:
        ops.reply(both, "T-001", on=D(2024, 11, 30))
    assert none.value.key == "ops.reply.none"
    with pytest.raises(DataError) as early:
        ops.reply(two, "T-001", on=D(2024, 11, 1))
    assert early.value.key == "ops.reply.before"
    assert two.issues[0].chased[0].replied_on is None  # the input is never touched


def vote_entry(on: dt.date, *counts: int, result: Result | None = None) -> Deliberation:
    s, b, d = counts
    chosen = result or vote_result(s, b, d) or Result.DISSATISFIED
    return Deliberation(
        date=on,
        meeting="会议",
        satisfied=s,
        basically_satisfied=b,
        dissatisfied=d,
        result=chosen,
    )


def test_vote_appends_to_the_header_in_date_order() -> None:
    voted = ops.vote(book(), vote_entry(D(2024, 10, 29), 8, 6, 15))
    assert [d.result for d in voted.ledger.deliberations] == [Result.DISSATISFIED]
    with pytest.raises(DataError):
        ops.vote(voted, vote_entry(D(2024, 10, 1), 20, 1, 1))
    with pytest.raises(UsageError):
        ops.vote(voted, vote_entry(D(2024, 11, 1), 20, -1, 1, result=Result.SATISFIED))
    with pytest.raises(DataError) as twice:  # the same meeting's vote recorded again
        ops.vote(voted, vote_entry(D(2024, 10, 29), 20, 1, 1))
    assert twice.value.key == "ops.vote.twice"
    assert "已记录过测评，未重复记录" in twice.value.message("zh")
    assert len(voted.ledger.deliberations) == 1


def test_report_again_counts_dissatisfied_votes_in_a_row() -> None:
    ledger = book()
    for on, counts in ((D(2024, 9, 1), (20, 1, 1)), (D(2024, 10, 1), (1, 1, 20))):
        ledger = ops.vote(ledger, vote_entry(on, *counts))
    ledger = ops.vote(ledger, vote_entry(D(2024, 11, 1), 2, 2, 20))
    assert report_again(ledger, D(2024, 9, 30)) == 0
    assert report_again(ledger, D(2024, 10, 31)) == 1
    assert report_again(ledger, D(2024, 11, 30)) == 2
    assert report_again(ledger, D(2024, 8, 31)) == 0  # no vote held yet


# --- the escalation ladder -----------------------------------------------------------------------


def notice_on(
    day: dt.date, deadline: dt.date, ladder: tuple[Rung, ...] = DEFAULT_ESCALATION
) -> Notice | None:
    ledger = book()
    issue = ledger.issues[0].model_copy(update={"deadline": deadline})
    ledger = ledger.model_copy(update={"issues": [issue]})
    return make_notice(items([ledger]), "市民政局", day, ladder=ladder)


@pytest.mark.parametrize(
    ("deadline", "kind", "to", "cc"),
    [
        (D(2024, 11, 12), "reminder", "经办人", ()),  # due soon, 12 days left: step 1
        (D(2024, 11, 7), "escalated", "分管领导", ("经办人",)),  # 7 days left
        (D(2024, 10, 25), "overdue", "单位主要负责人", ("经办人", "分管领导")),
    ],
)
def test_the_letter_climbs_the_ladder(
    deadline: dt.date, kind: str, to: str, cc: tuple[str, ...]
) -> None:
    found = notice_on(D(2024, 10, 31), deadline)
    assert found is not None
    assert found.kind == kind
    assert addressees(found, "zh") == (to, cc)
    text = notice_markdown(found, "zh")
    title = {"reminder": "督办提醒函", "escalated": "督办函", "overdue": "督办通知"}[kind]
    assert text.splitlines()[0].endswith(title)
    assert ("抄送：" in text) == bool(cc)
    assert addressees(found, "en")[0] in (
        "the officer handling it",
        "the leader in charge",
        "the head of the unit",
    )


def test_a_ladder_of_rectify_toml(tmp_path: Path) -> None:
    toml = tmp_path / "rectify.toml"
    toml.write_text(
        '[[chase.escalation]]\ndays_left = 14\nto = "科长"\n'
        '[[chase.escalation]]\noverdue = true\nto = "局长"\n',
        encoding="utf-8",
    )
    ladder = read_config(toml).escalation
    assert ladder == (Rung(days_left=14, to="科长"), Rung(overdue=True, to="局长"))
    assert [step_kind(ladder, n) for n in range(2)] == ["reminder", "overdue"]
    found = notice_on(D(2024, 10, 31), D(2024, 10, 25), ladder)
    assert found is not None and addressees(found, "zh") == ("局长", ("科长",))
    assert "请局长专题研究" in notice_markdown(found, "zh")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[[chase.escalation]]\nto = "x"\n', "config.bad_rung"),  # neither days_left nor overdue
        ("[[chase.escalation]]\ndays_left = -1\n", "config.bad_rung"),
        ("[[chase.escalation]]\ndays_left = 5\noverdue = true\n", "config.bad_rung"),
        ("[[chase.escalation]]\ndays_left = 5\nwho = 1\n", "config.unknown_key"),
        ("[chase]\nescalation = []\n", "config.bad_value"),
        ("[chase]\nladder = 1\n", "config.unknown_key"),
        (
            "[[chase.escalation]]\ndays_left = 5\n[[chase.escalation]]\ndays_left = 10\n",
            "config.escalation_order",
        ),
        (
            "[[chase.escalation]]\noverdue = true\n[[chase.escalation]]\ndays_left = 10\n",
            "config.escalation_order",
        ),
    ],
)
def test_a_bad_ladder_is_refused_naming_the_file(tmp_path: Path, text: str, key: str) -> None:
    toml = tmp_path / "rectify.toml"
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(FileError) as found:
        read_config(toml)
    assert found.value.key == key
    assert "rectify.toml" in found.value.message("en")


# --- month ends: nothing dated later exists ----------------------------------------------------


def example_pool(city: Path) -> list[Item]:
    return items(loaded.ledger for loaded in load_valid([city], as_of=D(2024, 12, 31)))


def find(pool: list[Item], ident: str) -> Item:
    return next(item for item in pool if item.issue.id == ident)


def test_each_month_end_sees_the_letters_and_replies_of_its_day(city: Path) -> None:
    pool = example_pool(city)
    smx014, smx012 = find(pool, "SMX-014"), find(pool, "SMX-012")
    seen = {
        end: (
            chase_record(smx014.issue, end).count,
            chase_record(smx014.issue, end).replied,
            chase_record(smx012.issue, end).count,
            chase_record(smx012.issue, end).replied,
        )
        for end in (D(2024, 10, 31), D(2024, 11, 30), D(2024, 12, 31))
    }
    assert seen == {
        D(2024, 10, 31): (0, False, 0, False),
        # the letter of 30 November, answered on 9 December, is not answered yet
        D(2024, 11, 30): (2, False, 1, True),
        # SMX-012's second letter (2 December) has had no reply; its reply_due passed
        D(2024, 12, 31): (2, True, 2, False),
    }
    assert chase_record(smx012.issue, D(2024, 12, 31)).reply_late
    assert not chase_record(smx014.issue, D(2024, 11, 30)).reply_late  # due 10 December
    shown = issue_as_of(smx014, D(2024, 11, 30)).chased
    assert [(e.date, e.replied_on) for e in shown] == [
        (D(2024, 11, 5), D(2024, 11, 12)),
        (D(2024, 11, 30), None),
    ]


def test_the_report_of_each_month_has_its_own_chasing_and_votes(city: Path) -> None:
    loaded = load_valid([city], as_of=D(2024, 12, 31))
    files = [LedgerFile(x.ledger, x.path.name, "0" * 64) for x in loaded]

    def report(month: int) -> str:
        return monthly_report(files, (2024, month), D(2024, month, 30 + (month in (10, 12))), "zh")

    september, october, november, december = (report(m) for m in (9, 10, 11, 12))
    assert "督办情况" not in september and "满意度测评" not in september
    assert "督办情况" not in october  # no letter before November
    assert "2024年10月29日，三门峡市第八届人大常委会第十九次会议" in october
    assert "整改情况须在下次会议再次报告" in october
    assert "累计督办2个问题、3次，已复函2次，待复函1次，其中逾期未复函0次" in november
    assert "整改情况须在下次会议再次报告" in november  # not yet voted again
    assert "累计督办2个问题、4次，已复函3次，待复函1次，其中逾期未复函1次" in december
    assert "2024年12月26日" in december and "测评结果为满意" in december
    assert "再次报告整改情况" in december  # the October follow-up asked for is still listed
    assert "整改情况须在下次会议再次报告" not in december  # satisfied in December
    assert "73.1% (30/41)" in november


def test_due_counts_the_letters_of_its_date(city: Path) -> None:
    pool = example_pool(city)
    entry = assess(find(pool, "SMX-014"), D(2024, 11, 30))
    assert (entry.chases.count, entry.chases.replied) == (2, False)
    units = chase_list(pool, D(2024, 11, 30))
    assert [e.chases.count for u in units for e in u.entries] == [2, 1, 0]


# --- the commands ------------------------------------------------------------------------------


def test_notice_record_then_reply(run: RunCli, copied: Path) -> None:
    city = str(copied)
    ledger = copied / "smx-city-2024.yaml"
    before = ledger.read_text(encoding="utf-8")
    lingbao = copied / "lingbao-2024.yaml"
    result = run(
        "notice", "灵宝市民政局", city, "--month", "2024-11", "--record", "--lang", "zh",
        today="2024-12-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "已在台账中记录督办：1个问题，2024-11-30致灵宝市民政局单位主要负责人" in result.stdout
    assert ledger.read_text(encoding="utf-8") == before  # only the unit's own ledger changes
    text = lingbao.read_text(encoding="utf-8")
    assert (
        "    chased:\n      - date: 2024-11-30\n        colour: red\n        to: 单位主要负责人\n"
        "        cc: [经办人, 分管领导]\n        reply_due: 2024-12-10\n"
    ) in text
    again = run(
        "notice", "灵宝市民政局", city, "--month", "2024-11", "--record", "--lang", "en",
        today="2024-12-01",
    )  # fmt: skip
    assert again.exit_code == 0
    assert "was recorded already; nothing added" in again.stdout + again.stderr
    assert lingbao.read_text(encoding="utf-8") == text
    due = json.loads(run("due", city, "--as-of", "2024-11-30", "--format", "json").stdout)
    lb3 = next(i for u in due["units"] for i in u["issues"] if i["id"] == "LB-003")
    assert (lb3["chased"], lb3["last_chased"], lb3["replied"]) == (1, "2024-11-30", False)
    replied = run("reply", "LB-003", city, "--on", "2024-12-05", "--lang", "zh", today="2024-12-06")
    assert replied.exit_code == 0, replied.stderr
    assert "LB-003：已记录2024-12-05复函（答复了1份督办函）" in replied.stderr + replied.stdout
    assert "        replied_on: 2024-12-05\n" in lingbao.read_text(encoding="utf-8")
    # a month already past is not changed by the reply
    later = json.loads(run("due", city, "--as-of", "2024-11-30", "--format", "json").stdout)
    assert later == due


def test_notice_record_refuses_a_month_not_ended(run: RunCli, copied: Path) -> None:
    result = run(
        "notice", "灵宝市民政局", str(copied), "--month", "2024-12", "--record", "--lang", "en",
        today="2024-12-05",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and "2024-12-31" in result.stderr
    assert "chased:" not in (copied / "lingbao-2024.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("SMX-001", "--on", "2024-12-01"), 1, "没有待复函的督办"),
        (
            ("SMX-012", "--on", "2024-11-20"),
            1,
            "复函日期 2024-11-20 早于待复的督办函（2024-12-02）",
        ),
        (("SMX-012", "--on", "2025-01-20"), 2, "2025-01-20"),  # after today
    ],
)
def test_reply_mistakes(
    run: RunCli, copied: Path, args: tuple[str, ...], code: int, words: str
) -> None:
    before = (copied / "smx-city-2024.yaml").read_bytes()
    result = run("reply", *args, str(copied), "--lang", "zh", today="2024-12-31")
    assert result.exit_code == code
    assert words in result.stderr and "Traceback" not in result.stderr
    assert (copied / "smx-city-2024.yaml").read_bytes() == before


def test_vote_records_and_flags_a_second_dissatisfied(run: RunCli, copied: Path) -> None:
    path = copied / "lushi-2024.yaml"
    first = run(
        "vote", str(path), "--on", "2024-11-20", "--meeting", "卢氏县人大常委会第三十次会议",
        "--satisfied", "5", "--basic", "4", "--dissatisfied", "12",
        "--follow-up", "两个月内再次报告", "--lang", "zh",
    )  # fmt: skip
    assert first.exit_code == 0, first.stderr
    assert "结果为不满意" in first.stdout and "整改情况报告将在下次会议再次报告" in first.stdout
    text = path.read_text(encoding="utf-8")
    assert (
        "  deliberations:\n    - date: 2024-11-20\n      meeting: 卢氏县人大常委会第三十次会议\n"
        "      satisfied: 5\n      basically_satisfied: 4\n      dissatisfied: 12\n"
        "      result: dissatisfied\n      follow_up: 两个月内再次报告\n"
    ) in text
    second = run(
        "vote", str(path), "--on", "2024-11-30", "--meeting", "第三十一次会议",
        "--satisfied", "9", "--basic", "0", "--dissatisfied", "12", "--lang", "en",
    )  # fmt: skip
    assert second.exit_code == 0, second.stderr
    assert "dissatisfied twice or more in a row: an inquiry or a special investigation" in (
        second.stdout + second.stderr
    )
    report = run("report", "--month", "2024-11", str(copied), "--lang", "zh").stdout
    assert "连续两次以上测评不满意（最近一次2024年11月30日），可能启动询问或特定问题调查" in report
    assert run("check", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("extra", "code", "words"),
    [
        (("--satisfied", "-1", "--basic", "0", "--dissatisfied", "0"), 2, "-1"),
        (("--satisfied", "0", "--basic", "0", "--dissatisfied", "0"), 2, "--result"),
        (("--satisfied", "1", "--basic", "0"), 2, "--dissatisfied"),
    ],
)
def test_vote_mistakes(
    run: RunCli, copied: Path, extra: tuple[str, ...], code: int, words: str
) -> None:
    path = copied / "lushi-2024.yaml"
    before = path.read_bytes()
    result = run("vote", str(path), "--meeting", "会议", *extra, "--lang", "en")
    assert result.exit_code == code
    assert words in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_vote_with_another_result_is_kept_with_a_note(run: RunCli, copied: Path) -> None:
    path = copied / "lushi-2024.yaml"
    result = run(
        "vote", str(path), "--meeting", "会议", "--satisfied", "5", "--basic", "4",
        "--dissatisfied", "12", "--result", "basically_satisfied", "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "would be dissatisfied; recorded as basically satisfied" in (
        result.stdout + result.stderr
    )
    assert "result: basically_satisfied" in path.read_text(encoding="utf-8")
    checked = run("check", str(path), "--lang", "en")
    assert "R410" in checked.stdout and checked.exit_code == 0


# --- what changed ------------------------------------------------------------------------------


def test_diff_shows_letters_replies_and_votes() -> None:
    old = book([{"date": D(2024, 11, 5), "to": "分管领导", "colour": "blue"}])
    new = ops.reply(old, "T-001", on=D(2024, 11, 12))
    new = ops.chase(new, "T-001", Chase(date=D(2024, 11, 30), colour=Colour.RED, to="局长"))
    kinds = [(c.kind, c.date) for c in diff_issue("t", old.issues[0], new.issues[0])]
    assert kinds == [(Kind.REPLIED, D(2024, 11, 12)), (Kind.CHASED, D(2024, 11, 30))]
    voted = ops.vote(new, vote_entry(D(2024, 12, 1), 8, 6, 15))
    changes = diff_ledgers([DiffVersion("t.yaml", new)], [DiffVersion("t.yaml", voted)])
    assert [(c.kind, c.after, c.date) for c in changes] == [
        (Kind.VOTED, "dissatisfied", D(2024, 12, 1))
    ]


def test_recorded_entries_carry_the_letters_facts(city: Path) -> None:
    pool = example_pool(city)
    found = make_notice(pool, "市民政局", D(2024, 11, 30))
    assert found is not None
    written = [(item.issue.id, letter) for item, letter in chase_entries(found, "zh")]
    assert [(ident, e.colour, e.to, e.cc, e.reply_due) for ident, e in written] == [
        ("SMX-014", Colour.RED, "单位主要负责人", ["经办人", "分管领导"], D(2024, 12, 10)),
        ("SMX-012", Colour.BLUE, "单位主要负责人", ["经办人", "分管领导"], D(2024, 12, 10)),
    ]


def test_the_parse_cache_keeps_x_keys_of_letters_and_votes(
    run: RunCli, copied: Path, tmp_path: Path
) -> None:
    path = copied / "smx-city-2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "        replied_on: 2024-11-12\n",
        "        replied_on: 2024-11-12\n        x-no: 督字5号\n",
    )
    text = text.replace("      result: satisfied\n", "      result: satisfied\n      x-doc: 纪要\n")
    path.write_text(text, encoding="utf-8")
    env = {"RECTIFY_NO_CACHE": "", "RECTIFY_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # cold, then warm from the cache
        shown = json.loads(run("show", "SMX-014", str(copied), "--format", "json", env=env).stdout)
        assert shown["chased"][0]["x-no"] == "督字5号"
        loaded = load_valid([path], as_of=D(2024, 12, 31), cache=True)[0].ledger
        assert loaded.ledger.deliberations[1].extensions == {"x-doc": "纪要"}


def test_show_draws_the_letters_and_replies_of_its_date(run: RunCli, city: Path) -> None:
    def timeline(as_of: str) -> list[str]:
        shown = run(
            "show", "SMX-014", str(city), "--as-of", as_of, "--lang", "zh", today="2024-12-31"
        )
        lines = shown.stdout.splitlines()
        assert ("2024-11-05  督办" in shown.stdout) == (as_of >= "2024-11-05")
        assert "致分管领导；蓝色预警；抄送：经办人" in shown.stdout or as_of < "2024-11-05"
        return [line.split()[1] for line in lines if line.startswith("2024-1")]

    assert timeline("2024-12-31") == ["进展", "督办", "复函", "进展", "督办", "复函"]
    assert timeline("2024-11-30")[-1] == "督办"  # the reply of 9 December came later
    assert "督办" not in "".join(timeline("2024-10-31"))


def test_a_letter_older_than_one_on_record_leaves_every_file_as_it_was(
    run: RunCli, copied: Path
) -> None:
    city = copied / "smx-city-2024.yaml"
    second = (
        "      - date: 2024-12-02\n        colour: blue\n        to: 分管领导\n"
        "        cc: [经办人]\n        reply_due: 2024-12-12\n"
    )
    city.write_text(city.read_text(encoding="utf-8").replace(second, ""), encoding="utf-8")
    lingbao = copied / "lingbao-2024.yaml"  # written after the city's ledger
    text = lingbao.read_text(encoding="utf-8")
    at = text.index("  - id: LB-004")
    lingbao.write_text(
        text[:at] + "    chased:\n      - {date: 2024-12-02, to: 局长}\n\n" + text[at:],
        encoding="utf-8",
    )
    assert run("check", str(copied)).exit_code == 0
    before = {path.name: path.read_bytes() for path in copied.glob("*.yaml")}
    result = run(
        "notice", "--all", str(copied), "-o", str(copied.parent / "函"), "--month", "2024-11",
        "--record", "--lang", "en", today="2024-12-31",
    )  # fmt: skip
    # LB-003 has a letter of 2 December on record: a November letter cannot go before it,
    # and the city's ledger, whose letters could go in, is not written either
    assert result.exit_code == 1
    assert "LB-003: the letter's date 2024-11-30 is before the last letter (2024-12-02)" in (
        result.stderr
    )
    assert {path.name: path.read_bytes() for path in copied.glob("*.yaml")} == before


@pytest.mark.parametrize(
    ("word", "stored"),
    [("基本满意", "basically_satisfied"), ("不满意", "dissatisfied"), ("满意", "satisfied")],
)
def test_a_vote_result_in_chinese(run: RunCli, copied: Path, word: str, stored: str) -> None:
    path = copied / "lushi-2024.yaml"
    result = run(
        "vote", str(path), "--meeting", "会议", "--satisfied", "5", "--basic", "4",
        "--dissatisfied", "12", "--result", word, "--lang", "zh",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"      result: {stored}\n" in path.read_text(encoding="utf-8")
    wrong = run(
        "vote", str(path), "--meeting", "会议", "--satisfied", "5", "--basic", "4",
        "--dissatisfied", "12", "--result", "很满意", "--lang", "zh",
    )  # fmt: skip
    assert wrong.exit_code == 2
    assert "satisfied（满意）、basically_satisfied（基本满意）" in wrong.stderr
