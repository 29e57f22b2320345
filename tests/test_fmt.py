"""The canonical form (`rectify fmt`): key order, layout, and every comment kept."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from rectify.ledger.check import check_document
from rectify.ledger.fmt import format_document
from rectify.ledger.yaml import Document, parse_text
from rectify.model import Ledger

AS_OF = dt.date(2024, 11, 30)
ROOT = Path(__file__).resolve().parent.parent

MESSY = """\

# 台账头部注释
# 第二行

ledger:
    title: 测试台账   # 标题
    id: t-2024
    x-owner-note: 老王负责
    assigned_on: '2024-07-10'
schema: 1   # 格式版本
issues:
# 第一个问题
- title: "问题一"
  id: T-001
  lead_unit: 市住建局
  deadline: 2024-12-31  # 原定
  status: in_progress
  completion: 40.0
  x-tag: [a, b]
  progress:
  - completion: 40
    date: 2024-08-31

    note: 完成40%   # 备注
  co_units:
    - 市民政局   # 主要配合
    - 市财政局


- id: T-002
  title: 'yes'
  lead_unit: "x: y"
  deadline: 2024-10-31
  description: |
    第一行
    # 不是注释
  # 这个注释在 description 之后
  status: open
- id: T-003
  title: 多行标题
    接着写
  lead_unit: 市民政局
  deadline: 2024-10-31
  evidence:
  - docs/a.pdf
  - docs/b.pdf

# 文件结尾注释
"""

CANONICAL = """\
# 台账头部注释
# 第二行

schema: 1   # 格式版本
ledger:
  id: t-2024
  x-owner-note: 老王负责
  title: 测试台账   # 标题
  assigned_on: 2024-07-10
issues:
  # 第一个问题
  - id: T-001
    title: 问题一
    lead_unit: 市住建局
    co_units:
      - 市民政局   # 主要配合
      - 市财政局
    deadline: 2024-12-31  # 原定
    status: in_progress
    completion: 40
    x-tag: [a, b]
    progress:
      - date: 2024-08-31
        completion: 40
        note: 完成40%   # 备注

  - id: T-002
    title: 'yes'
    description: |
      第一行
      # 不是注释
    lead_unit: 'x: y'
    deadline: 2024-10-31
    # 这个注释在 description 之后
    status: open
  - id: T-003
    title: 多行标题 接着写
    lead_unit: 市民政局
    deadline: 2024-10-31
    evidence: [docs/a.pdf, docs/b.pdf]

# 文件结尾注释
"""


def parse(text: str) -> Document:
    return parse_text(Path("t.yaml"), text)


def ledger_of(text: str) -> Ledger:
    ledger, problems = check_document(parse(text), as_of=AS_OF)
    assert ledger is not None, [(p.code, p.line) for p in problems]
    return ledger


def comments(text: str) -> Counter[str]:
    """Comment texts, found naively: fine for these tests, which put no '#' in values."""
    return Counter(m.group(1).rstrip() for m in re.finditer(r"(?:^|\s)(#.*)$", text, re.M))


def test_messy_ledger_becomes_canonical() -> None:
    result = format_document(parse(MESSY))
    assert result.text == CANONICAL
    assert result.kept == []
    assert ledger_of(result.text) == ledger_of(MESSY)


def test_every_comment_is_kept_with_its_text() -> None:
    result = format_document(parse(MESSY))
    expected = comments(MESSY) - Counter({"# 不是注释": 1})
    assert comments(result.text) - Counter({"# 不是注释": 1}) == expected
    assert sum(expected.values()) == 10


def test_fmt_is_idempotent() -> None:
    once = format_document(parse(MESSY)).text
    assert format_document(parse(once)).text == once


def test_keys_follow_contract_order_and_x_keys_stay_after_their_key() -> None:
    text = format_document(parse(MESSY)).text
    lines = text.splitlines()
    first = lines.index("  - id: T-001")
    keys = [line.strip().split(":")[0] for line in lines[first : first + 10]]
    assert keys == [
        "- id",
        "title",
        "lead_unit",
        "co_units",
        "- 市民政局   # 主要配合",
        "- 市财政局",
        "deadline",
        "status",
        "completion",
        "x-tag",
    ]


def test_chinese_is_not_escaped_and_crlf_is_kept() -> None:
    crlf = MESSY.replace("\n", "\r\n")
    result = format_document(parse(crlf))
    assert result.text == CANONICAL.replace("\n", "\r\n")
    assert "\\u" not in result.text
    assert "老王负责" in result.text


UNPLACEABLE = """\
schema: 1
ledger:
  id: t-2024
  title: 测试台账
  assigned_on: 2024-07-10
issues:
  - title: 问题一
    id: T-001
    lead_unit: 市住建局
    co_units: [市民政局,  # 流式列表里的注释
      市财政局]
    deadline: 2024-12-31
  - title: 问题二
    id: T-002
    lead_unit:
      # 键和值之间的注释
      市住建局
    deadline: 2024-12-31
  - title: 问题三
    id: T-003
    lead_unit: 市住建局
    measures: 第一行
      第二行  # 多行值之后的注释
    deadline: 2024-12-31
  - deadline: 2024-12-31  # 可以移动
    id: T-004
    title: 问题四
    lead_unit: 市住建局
"""


def test_blocks_with_unplaceable_comments_are_kept_and_reported() -> None:
    result = format_document(parse(UNPLACEABLE))
    assert result.kept == [10, 16, 23]
    head, kept_part, tail = (
        UNPLACEABLE.split("  - title: 问题一\n")[0],
        UNPLACEABLE.split("  - title: 问题一\n")[1].split("  - deadline:")[0],
        result.text.split("    deadline: 2024-12-31  # 可以移动")[0],
    )
    assert result.text.startswith(head)
    assert "  - title: 问题一\n" + kept_part in result.text
    assert result.text.endswith(
        "  - id: T-004\n"
        "    title: 问题四\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31  # 可以移动\n"
    )
    assert tail.endswith("lead_unit: 市住建局\n")
    assert comments(result.text) == comments(UNPLACEABLE)
    assert format_document(parse(result.text)) == result


def test_a_kept_issue_is_moved_as_a_whole_to_the_list_indentation() -> None:
    text = (
        "schema: 1\n"
        "ledger:\n"
        "  id: t\n"
        "  title: 台账\n"
        "  assigned_on: 2024-07-10\n"
        "issues:\n"
        "- id: T-1\n"
        "  title: 问题\n"
        "  lead_unit: 市住建局\n"
        "  co_units: [a,  # 注释\n"
        "    b]\n"
        "  deadline: 2024-12-31\n"
        "- lead_unit: 市民政局\n"
        "  id: T-2\n"
        "  title: 问题二\n"
        "  deadline: 2024-12-31\n"
    )
    result = format_document(parse(text))
    assert result.kept == [10]
    assert result.text.endswith(
        "issues:\n"
        "  - id: T-1\n"
        "    title: 问题\n"
        "    lead_unit: 市住建局\n"
        "    co_units: [a,  # 注释\n"
        "      b]\n"
        "    deadline: 2024-12-31\n"
        "  - id: T-2\n"
        "    title: 问题二\n"
        "    lead_unit: 市民政局\n"
        "    deadline: 2024-12-31\n"
    )
    assert ledger_of(result.text) == ledger_of(text)


def test_unplaceable_comment_in_the_ledger_header_keeps_that_block() -> None:
    text = (
        "schema: 1\n"
        "ledger:\n"
        "  title: 台账\n"
        "  id:\n"
        "    # 这里的注释无法移动\n"
        "    t\n"
        "  assigned_on: 2024-07-10\n"
        "issues: []\n"
    )
    result = format_document(parse(text))
    assert result.kept == [5]
    assert result.text == text


def test_comment_placement_rules() -> None:
    text = (
        "# 头部\n"
        "issues:\n"
        "  - id: T-1\n"
        "    deadline: 2024-12-31\n"
        "    # 关于标题\n"
        "    title: 问题\n"
        "    lead_unit: 市住建局\n"
        "    progress:  # 进展列表\n"
        "      - # 第一条进展\n"
        "        date: 2024-08-01\n"
        "        completion: 0\n"
        "ledger:\n"
        "  id: t\n"
        "  title: 台账\n"
        "  assigned_on: 2024-07-10\n"
        "\n"
        "schema: 1\n"
        "\n"
        "\n"
        "# 结尾\n"
    )
    result = format_document(parse(text))
    assert result.kept == []
    assert result.text == (
        "# 头部\n"
        "schema: 1\n"
        "ledger:\n"
        "  id: t\n"
        "  title: 台账\n"
        "  assigned_on: 2024-07-10\n"
        "issues:\n"
        "  - id: T-1\n"
        "    # 关于标题\n"
        "    title: 问题\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
        "    progress:  # 进展列表\n"
        "      - date: 2024-08-01 # 第一条进展\n"
        "        completion: 0\n"
        "\n"
        "# 结尾\n"
    )
    assert format_document(parse(result.text)) == result


def test_multi_line_and_special_values_take_canonical_form() -> None:
    text = (
        "schema: 1\n"
        "ledger: {id: t, title: 台账, assigned_on: 2024-07-10}\n"
        "issues:\n"
        "  - id: T-1\n"
        '    title: "第一行\\n第二行"\n'
        "    lead_unit: '市住建局'\n"
        "    deadline: '2024-12-31'\n"
        "    measures: >\n"
        "      折叠的\n"
        "      文字\n"
        "    completion: 0.0\n"
        "    rectified_on: null\n"
        "    x-data: {b: [1, 2], a: {c: ~}}\n"
    )
    result = format_document(parse(text))
    assert result.text == (
        "schema: 1\n"
        "ledger:\n"
        "  id: t\n"
        "  title: 台账\n"
        "  assigned_on: 2024-07-10\n"
        "issues:\n"
        "  - id: T-1\n"
        "    title: |-\n"
        "      第一行\n"
        "      第二行\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
        "    measures: |\n"
        "      折叠的 文字\n"
        "    completion: 0\n"
        "    rectified_on: null\n"
        "    x-data:\n"
        "      b: [1, 2]\n"
        "      a:\n"
        "        c: null\n"
    )
    assert ledger_of(result.text) == ledger_of(text)


EXAMPLE_LEDGERS = sorted(p for p in (ROOT / "examples").rglob("*.yaml") if p.name != "rollup.yaml")


@pytest.mark.parametrize("path", EXAMPLE_LEDGERS, ids=lambda p: p.name)
def test_bundled_examples_are_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = format_document(parse_text(path, text))
    assert result.kept == []
    assert result.text == text


def test_ledger_with_errors_is_refused() -> None:
    with pytest.raises(ValueError, match="errors"):
        format_document(parse("schema: 1\nledger:\n  id: t\nissues: []\n"))


def test_comment_above_the_key_that_becomes_first_goes_above_the_dash() -> None:
    text = (
        "schema: 1\n"
        "ledger:\n"
        "  id: t\n"
        "  title: 台账\n"
        "  assigned_on: 2024-07-10\n"
        "issues:\n"
        "  - title: 问题\n"
        "    # 编号按年度排\n"
        "    id: T-1  # 第一个\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
    )
    result = format_document(parse(text))
    assert result.text.endswith(
        "issues:\n"
        "  # 编号按年度排\n"
        "  - id: T-1  # 第一个\n"
        "    title: 问题\n"
        "    lead_unit: 市住建局\n"
        "    deadline: 2024-12-31\n"
    )
    assert format_document(parse(result.text)) == result
