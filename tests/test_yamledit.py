"""Minimal writes of ledger text: only the lines of what changed, comments kept."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

from rectify.ledger.check import check_document
from rectify.ledger.edit import append_issue, apply, replace_issue
from rectify.ledger.emit import dump_ledger, render_mapping_block, render_scalar, render_value
from rectify.ledger.files import atomic_write
from rectify.ledger.yaml import Document, encode, load_document, parse_text
from rectify.model import (
    DeadlineChange,
    Issue,
    Ledger,
    LedgerMeta,
    ProgressEntry,
    Status,
    Verification,
    issue_to_data,
    ledger_meta_to_data,
)

AS_OF = dt.date(2024, 11, 30)
D = dt.date

LEDGER = """\
# 测试台账：手工编辑，带注释
schema: 1
ledger:
  id: test-2024
  title: 测试问题清单   # 标题
  assigned_on: 2024-07-10
  id_prefix: T
issues:
  # 第一个问题
  - id: T-001
    title: 老旧小区改造缓慢
    source: province
    track: scheduled
    lead_unit: 市住建局   # 牵头
    co_units: [市民政局, 市财政局]
    deadline: 2024-12-31  # 原定时限
    # 状态按月更新
    status: in_progress
    completion: 40
    progress:
      - date: 2024-08-31
        completion: 40
        note: 完成一半  # 八月
    x-note: 省交办

  - id: T-002
    title: 敬老院闲置
    lead_unit: 市民政局
    owner: 王某
    deadline: 2024-10-31
    status: rectified
    completion: 100
    rectified_on: 2024-10-20

  # 第三个问题：有附加说明
  - id: T-003
    title: 护理人员不足
    description: |
      持证护理员缺口大，
      培训跟不上。
    lead_unit: 市人社局
    deadline: 2024-11-30
    status: open
    x-priority: 高

  - id: T-004
    title: 医养结合不畅
    lead_unit: 市卫健委
    deadline: 2024-09-30
    status: closed
    completion: 100
    rectified_on: 2024-09-25
    verification:
      by: 市人大社会委
      date: 2024-10-10

  - id: T-005
    title: 助餐点覆盖不足
    lead_unit: 市民政局
    deadline: 2025-03-31
    status: in_progress
    completion: 20
    progress:
      - date: 2024-10-31
        completion: 20
# 文件末尾的注释
"""


def load(text: str, name: str = "t.yaml") -> tuple[Document, Ledger]:
    doc = parse_text(Path(name), text)
    ledger, problems = check_document(doc, as_of=AS_OF)
    assert ledger is not None, [(p.code, p.line, p.params) for p in problems]
    return doc, ledger


def issue_lines(text: str, index: int) -> range:
    """0-based line numbers from issue ``index``'s ``-`` to just before the next issue's."""
    lines = text.splitlines()
    dashes = [n for n, line in enumerate(lines) if line.startswith("  - id:")]
    end = dashes[index + 1] if index + 1 < len(dashes) else len(lines)
    return range(dashes[index], end)


def changed_lines(before: str, after: str) -> list[int]:
    """Old line numbers touched by the change (an insertion counts at the line it goes before)."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    touched: list[int] = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            touched.extend(range(i1, i2) if i2 > i1 else [i1])
    return touched


def added(before: str, after: str) -> list[str]:
    return [
        line[1:]
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith("+") and not line.startswith("+++")
    ]


def removed(before: str, after: str) -> list[str]:
    return [
        line[1:]
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith("-") and not line.startswith("---")
    ]


def edit(index: int, **changes: object) -> tuple[str, Ledger]:
    """Replace issue ``index`` of LEDGER by a copy with ``changes``; the new text and new ledger."""
    doc, ledger = load(LEDGER)
    new_issue = ledger.issues[index].model_copy(update=changes, deep=True)
    text = replace_issue(doc, index, new_issue)
    new = ledger.model_copy(deep=True)
    new.issues[index] = new_issue
    return text, new


def assert_reloads(text: str, expected: Ledger) -> None:
    _, again = load(text)
    assert again == expected


# --- rendering -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("市住建局", "市住建局"),
        ("SMX-001", "SMX-001"),
        ("yes", "'yes'"),
        ("No", "'No'"),
        ("007", "'007'"),
        ("2024-01-01", "'2024-01-01'"),
        ("a: b", "'a: b'"),
        ("#x", "'#x'"),
        ("- x", "'- x'"),
        (" lead", "' lead'"),
        ("trail ", "'trail '"),
        ("[red]x[/]", "'[red]x[/]'"),
        ("null", "'null'"),
        ("a\tb", '"a\\tb"'),
        ("“双随机”检查，见《办法》", "“双随机”检查，见《办法》"),
        (None, "null"),
        (True, "true"),
        (40, "40"),
        (74.4, "74.4"),
        (D(2024, 7, 10), "2024-07-10"),
    ],
)
def test_render_scalar(value: object, text: str) -> None:
    assert render_scalar(value) == text


def test_render_value_multi_line_is_a_literal_block() -> None:
    assert render_value("第一行\n第二行", 4) == " |-\n      第一行\n      第二行"
    assert render_value("第一行\n第二行\n", 0) == " |\n  第一行\n  第二行"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("尾随空格 \n行", ' "尾随空格 \\n行"'),
        (" 前导\n行", ' " 前导\\n行"'),
        ("两个换行\n\n", ' "两个换行\\n\\n"'),
    ],
)
def test_render_value_falls_back_to_quotes_where_a_literal_cannot_hold_it(
    value: str, text: str
) -> None:
    assert render_value(value) == text


def test_render_value_lists() -> None:
    assert render_value(["市民政局", "市财政局"]) == " [市民政局, 市财政局]"
    assert render_value(["yes", "市民政局"]) == " ['yes', 市民政局]"
    assert render_value([]) == " []"
    long = [f"很长的单位名称第{n}个" for n in range(12)]
    assert render_value(long, 2).split("\n")[1:3] == [
        "    - 很长的单位名称第0个",
        "    - 很长的单位名称第1个",
    ]


def test_render_mapping_block_nests_lists_of_mappings() -> None:
    data = {"progress": [{"date": D(2024, 8, 31), "completion": 40}], "x-note": "备注"}
    assert render_mapping_block(data, 4) == (
        "    progress:\n      - date: 2024-08-31\n        completion: 40\n    x-note: 备注\n"
    )


def test_issue_to_data_order_omissions_and_types() -> None:
    issue = Issue(
        id="T-1",
        title="标题",
        lead_unit="市民政局",
        deadline=D(2025, 6, 30),
        status=Status.RECTIFIED,
        completion=100.0,
        rectified_on=D(2025, 1, 2),
        deadline_changes=[
            DeadlineChange(date=D(2024, 12, 1), from_=D(2024, 12, 31), to=D(2025, 6, 30))
        ],
        extensions={"x-a": 1},
    )
    data = issue_to_data(issue)
    assert list(data) == [
        "id",
        "title",
        "source",
        "track",
        "lead_unit",
        "deadline",
        "status",
        "completion",
        "rectified_on",
        "deadline_changes",
        "x-a",
    ]
    assert data["completion"] == 100 and type(data["completion"]) is int
    assert data["status"] == "rectified" and data["source"] == "other"
    assert data["deadline_changes"] == [
        {"date": D(2024, 12, 1), "from": D(2024, 12, 31), "to": D(2025, 6, 30)}
    ]
    meta = LedgerMeta(id="l", title="t", extensions={"x-b": "c"})
    assert ledger_meta_to_data(meta) == {"id": "l", "title": "t", "x-b": "c"}


def test_dump_ledger_text() -> None:
    ledger = Ledger(
        ledger=LedgerMeta(id="smx-2024", title="问题清单", assigned_on=D(2024, 7, 10)),
        issues=[
            Issue(id="A-1", title="yes", lead_unit="市住建局", deadline=D(2024, 12, 31)),
            Issue(
                id="A-2",
                title="两行\n说明",
                lead_unit="市民政局",
                co_units=["市财政局"],
                deadline=D(2025, 1, 31),
                completion=74.4,
                status=Status.IN_PROGRESS,
                progress=[ProgressEntry(date=D(2024, 8, 31), completion=74.4, note="进展")],
            ),
        ],
    )
    text = dump_ledger(ledger)
    assert text == (
        "schema: 1\n"
        "ledger:\n"
        "  id: smx-2024\n"
        "  title: 问题清单\n"
        "  assigned_on: 2024-07-10\n"
        "issues:\n"
        "  - id: A-1\n"
        "    title: 'yes'\n"
        "    source: other\n"
        "    track: scheduled\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
        "    status: open\n"
        "    completion: 0\n"
        "\n"
        "  - id: A-2\n"
        "    title: |-\n"
        "      两行\n"
        "      说明\n"
        "    source: other\n"
        "    track: scheduled\n"
        "    lead_unit: 市民政局\n"
        "    co_units: [市财政局]\n"
        "    deadline: 2025-01-31\n"
        "    status: in_progress\n"
        "    completion: 74.4\n"
        "    progress:\n"
        "      - date: 2024-08-31\n"
        "        completion: 74.4\n"
        "        note: 进展\n"
    )
    assert_reloads(text, ledger)
    empty = Ledger(ledger=LedgerMeta(id="e", title="空"))
    assert dump_ledger(empty) == "schema: 1\nledger:\n  id: e\n  title: 空\nissues: []\n"


# --- replace_issue ----------------------------------------------------------------------


def test_unchanged_issue_gives_the_same_text() -> None:
    doc, ledger = load(LEDGER)
    assert replace_issue(doc, 0, ledger.issues[0]) == LEDGER


def test_status_completion_and_rectified_on_change_only_their_lines() -> None:
    text, new = edit(0, status=Status.RECTIFIED, completion=100.0, rectified_on=D(2024, 11, 20))
    assert removed(LEDGER, text) == ["    status: in_progress", "    completion: 40"]
    assert added(LEDGER, text) == [
        "    status: rectified",
        "    completion: 100",
        "    rectified_on: 2024-11-20",
    ]
    assert "    # 状态按月更新\n    status: rectified\n" in text
    assert set(changed_lines(LEDGER, text)) <= set(issue_lines(LEDGER, 0))
    assert_reloads(text, new)


def test_in_place_change_keeps_the_end_of_line_comment() -> None:
    text, new = edit(0, lead_unit="市城管局", deadline=D(2025, 3, 31))
    assert removed(LEDGER, text) == [
        "    lead_unit: 市住建局   # 牵头",
        "    deadline: 2024-12-31  # 原定时限",
    ]
    assert added(LEDGER, text) == [
        "    lead_unit: 市城管局   # 牵头",
        "    deadline: 2025-03-31  # 原定时限",
    ]
    assert_reloads(text, new)


def test_a_value_needing_quotes_is_quoted_in_place() -> None:
    text, new = edit(1, title="yes", owner="007")
    assert added(LEDGER, text) == ["    title: 'yes'", "    owner: '007'"]
    assert_reloads(text, new)


def test_appending_progress_inserts_after_the_last_entry() -> None:
    doc, ledger = load(LEDGER)
    issue = ledger.issues[0].model_copy(deep=True)
    issue.progress.append(ProgressEntry(date=D(2024, 9, 30), completion=55, note="完成过半"))
    issue.progress.append(ProgressEntry(date=D(2024, 10, 31), completion=70))
    issue.completion = 70
    text = replace_issue(doc, 0, issue)
    assert removed(LEDGER, text) == ["    completion: 40"]
    assert added(LEDGER, text) == [
        "    completion: 70",
        "      - date: 2024-09-30",
        "        completion: 55",
        "        note: 完成过半",
        "      - date: 2024-10-31",
        "        completion: 70",
    ]
    assert "        note: 完成一半  # 八月\n      - date: 2024-09-30\n" in text
    assert set(changed_lines(LEDGER, text)) <= set(issue_lines(LEDGER, 0))
    new = ledger.model_copy(deep=True)
    new.issues[0] = issue
    assert_reloads(text, new)


def test_adding_a_deadline_change_and_changing_the_deadline() -> None:
    doc, ledger = load(LEDGER)
    issue = ledger.issues[4].model_copy(deep=True)
    issue.deadline_changes = [
        DeadlineChange(
            date=D(2024, 11, 1), from_=D(2025, 3, 31), to=D(2025, 6, 30), reason="冬季停工"
        )
    ]
    issue.deadline = D(2025, 6, 30)
    text = replace_issue(doc, 4, issue)
    assert removed(LEDGER, text) == ["    deadline: 2025-03-31"]
    assert added(LEDGER, text) == [
        "    deadline: 2025-06-30",
        "    deadline_changes:",
        "      - date: 2024-11-01",
        "        from: 2025-03-31",
        "        to: 2025-06-30",
        "        reason: 冬季停工",
    ]
    # the new key goes after progress, its place in the contract, before the end comment
    assert text.endswith(
        "        completion: 20\n" + "\n".join(added(LEDGER, text)[1:]) + "\n# 文件末尾的注释\n"
    )
    new = ledger.model_copy(deep=True)
    new.issues[4] = issue
    assert_reloads(text, new)


def test_adding_verification_goes_to_its_contract_place() -> None:
    verification = Verification(by="市人大社会委", date=D(2024, 11, 5), note="实地复核")
    text, new = edit(1, status=Status.CLOSED, verification=verification)
    assert removed(LEDGER, text) == ["    status: rectified"]
    assert added(LEDGER, text) == [
        "    status: closed",
        "    verification:",
        "      by: 市人大社会委",
        "      date: 2024-11-05",
        "      note: 实地复核",
    ]
    assert "    rectified_on: 2024-10-20\n    verification:\n" in text
    assert set(changed_lines(LEDGER, text)) <= set(issue_lines(LEDGER, 1))
    assert_reloads(text, new)


def test_a_removed_key_loses_its_lines() -> None:
    text, new = edit(1, owner=None)
    assert removed(LEDGER, text) == ["    owner: 王某"]
    assert added(LEDGER, text) == []
    assert_reloads(text, new)


def test_a_changed_list_is_rewritten_in_its_block() -> None:
    text, new = edit(0, co_units=["市民政局"], evidence=["docs/a.pdf"])
    assert removed(LEDGER, text) == ["    co_units: [市民政局, 市财政局]"]
    assert added(LEDGER, text) == ["    co_units: [市民政局]", "    evidence: [docs/a.pdf]"]
    assert_reloads(text, new)


def test_multi_line_description_replaces_the_literal_block() -> None:
    text, new = edit(2, description="第一段\n第二段：扩大培训")
    assert removed(LEDGER, text) == [
        "    description: |",
        "      持证护理员缺口大，",
        "      培训跟不上。",
    ]
    assert added(LEDGER, text) == [
        "    description: |-",
        "      第一段",
        "      第二段：扩大培训",
    ]
    assert_reloads(text, new)


def test_extension_keys_change_in_place_and_new_ones_go_last() -> None:
    text, new = edit(2, extensions={"x-priority": "低", "x-new": ["a", "b"]})
    assert removed(LEDGER, text) == ["    x-priority: 高"]
    assert added(LEDGER, text) == ["    x-priority: 低", "    x-new: [a, b]"]
    assert "    x-priority: 低\n    x-new: [a, b]\n\n  - id: T-004" in text
    assert_reloads(text, new)


def test_unknown_text_and_other_issues_keep_their_bytes() -> None:
    text, _ = edit(3, title="医养结合机构医保报销不畅")
    assert removed(LEDGER, text) == ["    title: 医养结合不畅"]
    assert added(LEDGER, text) == ["    title: 医养结合机构医保报销不畅"]
    assert text.replace("医养结合机构医保报销不畅", "医养结合不畅") == LEDGER


def test_crlf_stays_crlf() -> None:
    crlf = LEDGER.replace("\n", "\r\n")
    doc, ledger = load(crlf)
    assert doc.newline == "\r\n"
    issue = ledger.issues[0].model_copy(deep=True)
    issue.progress.append(ProgressEntry(date=D(2024, 9, 30), completion=60, note="两行\n说明"))
    issue.completion = 60
    issue.owner = "李某"
    text = replace_issue(doc, 0, issue)
    assert "\n" not in text.replace("\r\n", "")
    lf_doc, _ = load(LEDGER)
    assert text == replace_issue(lf_doc, 0, issue).replace("\n", "\r\n")
    assert "    owner: 李某\r\n" in text
    assert "        note: |-\r\n          两行\r\n          说明\r\n" in text
    new = ledger.model_copy(deep=True)
    new.issues[0] = issue
    assert_reloads(text, new)


def test_no_trailing_newline_is_not_added() -> None:
    text = LEDGER.removesuffix("\n# 文件末尾的注释\n")
    doc, ledger = load(text)
    issue = ledger.issues[4].model_copy(deep=True)
    issue.progress.append(ProgressEntry(date=D(2024, 11, 29), completion=30))
    issue.completion = 30
    out = replace_issue(doc, 4, issue)
    assert out.endswith("      - date: 2024-11-29\n        completion: 30")
    issue.progress = issue.progress[:1]
    issue.completion = 20
    issue.owner = "王某"
    out = replace_issue(doc, 4, issue)
    assert out.endswith("      - date: 2024-10-31\n        completion: 20")
    assert "    lead_unit: 市民政局\n    owner: 王某\n    deadline: 2025-03-31\n" in out


def test_other_indentation_styles_are_kept() -> None:
    text = (
        "schema: 1\n"
        "ledger:\n"
        "    id: s\n"
        "    title: 缩进四格\n"
        "    assigned_on: 2024-07-10\n"
        "issues:\n"
        "-   id: S-1\n"
        "    title: 问题\n"
        "    lead_unit: 市民政局\n"
        "    deadline: 2024-12-31\n"
        "    status: in_progress\n"
        "    completion: 10\n"
        "    progress:\n"
        "    - date: 2024-08-01\n"
        "      completion: 10\n"
    )
    doc, ledger = load(text)
    issue = ledger.issues[0].model_copy(deep=True)
    issue.progress.append(ProgressEntry(date=D(2024, 9, 1), completion=20))
    issue.completion = 20
    issue.verification = Verification(by="委员会")
    out = replace_issue(doc, 0, issue)
    assert out.endswith(
        "    completion: 20\n"
        "    progress:\n"
        "    - date: 2024-08-01\n"
        "      completion: 10\n"
        "    - date: 2024-09-01\n"
        "      completion: 20\n"
        "    verification:\n"
        "        by: 委员会\n"
    )
    doc, ledger = load(text)
    new_issue = Issue(id="S-2", title="新", lead_unit="市财政局", deadline=D(2025, 1, 1))
    out = append_issue(doc, new_issue)
    assert out.endswith(
        "      completion: 10\n"
        "\n"
        "-   id: S-2\n"
        "    title: 新\n"
        "    source: other\n"
        "    track: scheduled\n"
        "    lead_unit: 市财政局\n"
        "    deadline: 2025-01-01\n"
        "    status: open\n"
        "    completion: 0\n"
    )
    again, _ = check_document(parse_text(Path("t.yaml"), out), as_of=AS_OF)
    assert again is not None and again.issues[-1] == new_issue


# --- append_issue -------------------------------------------------------------------------

NEW = Issue(id="T-006", title="新问题", lead_unit="市民政局", deadline=D(2025, 1, 31))
NEW_LINES = [
    "  - id: T-006",
    "    title: 新问题",
    "    source: other",
    "    track: scheduled",
    "    lead_unit: 市民政局",
    "    deadline: 2025-01-31",
    "    status: open",
    "    completion: 0",
]


def test_append_issue_after_the_last_one_before_the_end_comment() -> None:
    doc, ledger = load(LEDGER)
    text = append_issue(doc, NEW)
    assert text == LEDGER.replace(
        "# 文件末尾的注释\n", "\n" + "\n".join(NEW_LINES) + "\n# 文件末尾的注释\n"
    )
    new = ledger.model_copy(deep=True)
    new.issues.append(NEW)
    assert_reloads(text, new)


def test_append_issue_without_blank_lines_between_issues() -> None:
    text = LEDGER.replace("\n\n  - id", "\n  - id").replace("\n\n  # 第三", "\n  # 第三")
    doc, _ = load(text)
    out = append_issue(doc, NEW)
    assert out == text.replace("# 文件末尾的注释\n", "\n".join(NEW_LINES) + "\n# 文件末尾的注释\n")


HEAD = "schema: 1\nledger:\n  id: e\n  title: 空台账\n  assigned_on: 2024-07-10\n"


@pytest.mark.parametrize(
    "issues",
    ["issues: []  # 还没有问题\n", "issues:  # 还没有问题\n", "# 还没有问题\n"],
)
def test_append_issue_to_an_empty_list(issues: str) -> None:
    doc, ledger = load(HEAD + issues)
    text = append_issue(doc, NEW)
    comment = "" if issues.startswith("#") else "  # 还没有问题"
    tail = "# 还没有问题\n" if issues.startswith("#") else ""
    assert text == HEAD + "issues:" + comment + "\n" + "\n".join(NEW_LINES) + "\n" + tail
    new = ledger.model_copy(deep=True)
    new.issues.append(NEW)
    assert_reloads(text, new)


# --- apply ------------------------------------------------------------------------------


def test_apply_changes_issues_meta_and_appends() -> None:
    doc, old = load(LEDGER)
    new = old.model_copy(deep=True)
    new.ledger.supervisor = "市人大常委会"
    new.issues[2] = new.issues[2].model_copy(update={"status": Status.IN_PROGRESS}, deep=True)
    new.issues.append(NEW)
    text = apply(doc, old, new)
    assert removed(LEDGER, text) == ["    status: open"]
    assert added(LEDGER, text) == [
        "  supervisor: 市人大常委会",
        "    status: in_progress",
        "",
        *NEW_LINES,
    ]
    assert_reloads(text, new)


def test_apply_with_nothing_changed_is_the_same_text() -> None:
    doc, old = load(LEDGER)
    assert apply(doc, old, old.model_copy(deep=True)) == LEDGER


def test_apply_refuses_removed_or_reordered_issues() -> None:
    doc, old = load(LEDGER)
    fewer = old.model_copy(update={"issues": old.issues[1:]})
    with pytest.raises(ValueError, match="order"):
        apply(doc, old, fewer)
    swapped = old.model_copy(update={"issues": [old.issues[1], old.issues[0], *old.issues[2:]]})
    with pytest.raises(ValueError, match="order"):
        apply(doc, old, swapped)


def test_apply_on_a_flow_style_issue_list_rewrites_the_list_in_block_style() -> None:
    text = HEAD + "issues: [{id: F-1, title: 流式, lead_unit: 市民政局, deadline: 2024-12-31}]\n"
    doc, old = load(text)
    new = old.model_copy(deep=True)
    new.issues[0] = new.issues[0].model_copy(update={"owner": "王某"})
    out = apply(doc, old, new)
    assert out.startswith(HEAD + "issues:\n  - id: F-1\n")
    assert_reloads(out, new)


# --- git ----------------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, encoding="utf-8"
    )
    return result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_shows_only_the_lines_of_the_changed_issue(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    git(tmp_path, "config", "core.autocrlf", "false")
    path = tmp_path / "ledger.yaml"
    path.write_bytes(LEDGER.encode("utf-8"))
    git(tmp_path, "add", "ledger.yaml")
    git(tmp_path, "commit", "-q", "-m", "ledger")

    doc = load_document(path)
    old, _ = check_document(doc, as_of=AS_OF)
    assert old is not None
    issue = old.issues[2].model_copy(deep=True)
    issue.status = Status.IN_PROGRESS
    issue.completion = 30
    issue.progress = [ProgressEntry(date=D(2024, 11, 15), completion=30, note="招聘护理员12名")]
    atomic_write(path, encode(doc, replace_issue(doc, 2, issue)))

    added_count, removed_count, name = git(tmp_path, "diff", "--numstat").split()
    assert (name, added_count, removed_count) == ("ledger.yaml", "6", "1")
    hunks = [line for line in git(tmp_path, "diff", "-U0").splitlines() if line.startswith("@@")]
    block = issue_lines(LEDGER, 2)
    for hunk in hunks:
        old_range = hunk.split()[1].lstrip("-")
        start = int(old_range.split(",")[0])
        assert block.start <= start - 1 <= block.stop, hunk
    assert "# 第三个问题：有附加说明" in path.read_text(encoding="utf-8")


def test_a_changed_progress_entry_is_edited_inside_and_keeps_its_comments() -> None:
    doc, ledger = load(LEDGER)
    issue = ledger.issues[0].model_copy(deep=True)
    issue.progress[0] = issue.progress[0].model_copy(update={"note": "完成过半"})
    text = replace_issue(doc, 0, issue)
    assert removed(LEDGER, text) == ["        note: 完成一半  # 八月"]
    assert added(LEDGER, text) == ["        note: 完成过半  # 八月"]
    new = ledger.model_copy(deep=True)
    new.issues[0] = issue
    assert_reloads(text, new)


def test_verification_is_edited_key_by_key() -> None:
    text = LEDGER.replace("      by: 市人大社会委\n", "      by: 市人大社会委  # 验收单位\n")
    doc, ledger = load(text)
    issue = ledger.issues[3].model_copy(deep=True)
    assert issue.verification is not None
    issue.verification = issue.verification.model_copy(
        update={"date": D(2024, 10, 12), "note": "实地复核"}
    )
    out = replace_issue(doc, 3, issue)
    assert removed(text, out) == ["      date: 2024-10-10"]
    assert added(text, out) == ["      date: 2024-10-12", "      note: 实地复核"]
    assert "      by: 市人大社会委  # 验收单位\n" in out
    new = ledger.model_copy(deep=True)
    new.issues[3] = issue
    assert_reloads(out, new)


def test_a_first_key_on_the_dash_line_can_change() -> None:
    text = LEDGER.replace(
        "  - id: T-002\n    title: 敬老院闲置\n", "  - title: 敬老院闲置  # 标题\n    id: T-002\n"
    )
    doc, ledger = load(text)
    issue = ledger.issues[1].model_copy(update={"title": "两行\n标题"})
    out = replace_issue(doc, 1, issue)
    assert "  - title: |-  # 标题\n      两行\n      标题\n    id: T-002\n" in out
    new = ledger.model_copy(deep=True)
    new.issues[1] = issue
    assert_reloads(out, new)


def test_kept_trailing_line_ends_of_a_keep_literal_stay_with_it() -> None:
    text = HEAD + (
        "issues:\n"
        "  - id: K-1\n"
        "    title: 保留空行\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
        "    measures: |+\n"
        "      保留结尾空行\n"
        "\n"
        "\n"
        "# 结尾\n"
    )
    doc, ledger = load(text)
    assert ledger.issues[0].measures == "保留结尾空行\n\n\n"
    out = append_issue(doc, NEW)
    assert out == text.replace("\n# 结尾\n", "\n" + "\n".join(NEW_LINES) + "\n# 结尾\n")
    new = ledger.model_copy(deep=True)
    new.issues.append(NEW)
    assert_reloads(out, new)
    issue = ledger.issues[0].model_copy(update={"owner": "王某"})
    out = replace_issue(doc, 0, issue)
    assert added(text, out) == ["    owner: 王某"] and removed(text, out) == []
