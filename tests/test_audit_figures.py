"""Audit figures (审计整改): amounts involved and rectified, rules, people; dated, exact."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import RunCli, ledger_text
from conftest import issue_fields as issue
from rectify.figures.facts import audit_figures as summed
from rectify.figures.facts import dedupe, facts_of
from rectify.figures.state import audit_on, items
from rectify.figures.tally import Audit
from rectify.ledger.check import check_document
from rectify.ledger.yaml import parse_text
from rectify.model import Ledger

D = dt.date


def ledger(*issues: dict[str, Any]) -> Ledger:
    header = {"id": "au-2024", "title": "审计发现问题", "assigned_on": D(2024, 7, 10)}
    return Ledger.model_validate({"schema": 1, "ledger": header, "issues": list(issues)})


BOOK = ledger(
    issue(
        "AU-001",
        amount_involved=0.1,
        status="in_progress",
        completion=60,
        progress=[
            {"date": D(2024, 8, 31), "completion": 30, "amount_rectified": 0.1, "rules_issued": 1},
            {"date": D(2024, 9, 30), "completion": 40},  # gives none: the totals stand
            {
                "date": D(2024, 10, 31),
                "completion": 60,
                "amount_rectified": 0.2,
                "people_accountable": 3,
            },
        ],
    ),
    issue("AU-002", amount_involved=0.2),
    issue("AU-003"),  # records none: not counted among the issues with audit figures
    issue(
        "AU-004",
        amount_involved=99,
        status="dismissed",
        reason="不属实",
        dismissed_on=D(2024, 8, 1),
    ),
)


def test_each_issue_on_a_date() -> None:
    first = BOOK.issues[0]
    assert audit_on(first, D(2024, 7, 31)) == ("0.1", None, None, None)
    assert audit_on(first, D(2024, 9, 30)) == ("0.1", "0.1", 1, None)
    assert audit_on(first, D(2024, 10, 31)) == ("0.1", "0.2", 1, 3)
    assert audit_on(BOOK.issues[2], D(2024, 10, 31)) is None


def test_sums_are_exact_and_dated() -> None:
    def on(day: dt.date) -> Audit:
        return summed(dedupe(facts_of(items([BOOK]), day)))

    # 0.1 + 0.2 is 0.3 exactly (a float would give 0.30000000000000004); the dismissed 99 is out
    assert on(D(2024, 9, 30)) == Audit(Decimal("0.3"), Decimal("0.1"), 1, 0, 2)
    assert on(D(2024, 10, 31)) == Audit(Decimal("0.3"), Decimal("0.2"), 1, 3, 2)
    assert not on(D(2024, 7, 1)).any  # before the list was handed down


def test_check_refuses_what_is_no_amount() -> None:
    text = ledger_text(
        "  - id: T-001\n    title: 问题\n    lead_unit: 市财政局\n    deadline: 2024-12-31\n"
        "    amount_involved: 120万\n"  # line 11
        "    progress:\n"
        "      - {date: 2024-08-31, completion: 10, amount_rectified: 1.23456}\n"  # 13
        "      - {date: 2024-09-30, completion: 20, rules_issued: -1, people_accountable: 2.5}\n"
    )
    _, found = check_document(parse_text(Path("t.yaml"), text), as_of=D(2024, 9, 30))
    assert [(p.code, p.line, p.params.get("name")) for p in found if p.code == "R210"] == [
        ("R210", 11, "amount_involved"),
        ("R210", 13, "amount_rectified"),
        ("R210", 14, "rules_issued"),
        ("R210", 14, "people_accountable"),
    ]
    assert next(p.message("zh") for p in found if p.code == "R210") == (
        "amount_involved 应为 0 或更大的金额（万元，最多四位小数），这里是 120万"
    )


def test_on_the_command_line_past_months_keep_their_figures(run: RunCli, tmp_path: Path) -> None:
    text = ledger_text(
        "  - id: T-001\n    title: 专项资金闲置\n    lead_unit: 市财政局\n"
        "    deadline: 2025-06-30\n    amount_involved: 1250.5\n"
    )
    path = tmp_path / "au.yaml"
    path.write_text(text, encoding="utf-8")

    def ok(*args: str, today: str) -> str:
        result = run(*args, "--lang", "zh", today=today)
        assert result.exit_code == 0, result.stdout + result.stderr
        return result.stdout

    ok("update", "T-001", str(path), "-c", "30", "--amount-rectified", "300万元",
       "--rules-issued", "1", "--on", "2024-10-20", today="2024-10-20")  # fmt: skip
    october = ok("report", "--month", "2024-10", str(path), today="2024-10-31")
    assert "涉及金额1250.5万元，已整改300万元，制定完善制度1项，追责问责0人" in october
    ok("update", "T-001", str(path), "-c", "60", "--amount-rectified", "800.25",
       "--people-accountable", "3", "--on", "2024-11-20", today="2024-11-20")  # fmt: skip
    again = ok("report", "--month", "2024-10", str(path), today="2024-12-05")
    keep = [line for line in october.splitlines() if "`" not in line]
    assert [line for line in again.splitlines() if "`" not in line] == keep
    status = run("status", str(path), "--format", "json", today="2024-11-30")
    assert json.loads(status.stdout)["audit"] == {
        "amount_involved": "1250.5",
        "amount_rectified": "800.25",
        "rules_issued": 1,
        "people_accountable": 3,
        "issues": 1,
    }
    screen = run("status", str(path), "--lang", "en", today="2024-11-30").stdout
    assert "Audit findings: 1250.5 (10,000 yuan) involved, 800.25 rectified" in screen
    bad = run(
        "update",
        "T-001",
        str(path),
        "-c",
        "70",
        "--amount-rectified",
        "-3",
        "--lang",
        "zh",
        today="2024-11-30",
    )
    assert bad.exit_code == 2 and "--amount-rectified 的金额 -3 无效" in bad.stderr
