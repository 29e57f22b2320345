"""`rectify add` and `rectify init` in a real terminal, answered the way a person would."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import RunCli
from test_daily_cli import INTERACTIVE_ADD, readme_answers, readme_steps

pexpect = pytest.importorskip("pexpect")  # not on Windows: there the CliRunner tests stand

pytestmark = pytest.mark.slow  # real processes in a pseudo-terminal

TIMEOUT = 20


def spawn(args: list[str], cwd: Path) -> Any:  # a pexpect.spawn
    env = {
        **os.environ,
        "RECTIFY_TODAY": "2024-11-30",
        "RECTIFY_LANG": "",
        "LANG": "C.UTF-8",
        "LC_ALL": "",
        "NO_COLOR": "1",
        "TERM": "xterm",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "rectify", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 120),
    )


def finish(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status = child.exitstatus
    assert isinstance(status, int)
    return status


def test_add_asks_for_what_is_missing(run: RunCli, tmp_path: Path) -> None:
    assert run("init", "--lang", "zh", "--unit", "市民政局", "--unit", "市住建局").exit_code == 0
    made = run(
        "new",
        "--id",
        "smx-2024",
        "--title",
        "问题清单",
        "--supervisor",
        "市人大常委会",
        "--prefix",
        "SMX",
        "--assigned-on",
        "2024-07-10",
    )
    assert made.exit_code == 0, made.stderr

    child = spawn(["add"], tmp_path)
    child.expect_exact("问题（标题）：")
    child.sendline("养老机构消防隐患整治不彻底")
    child.expect_exact("1. 市民政局")
    child.expect_exact("牵头单位（名称或序号）：")
    child.sendline("市民证局")  # a slip of the pen
    child.expect_exact("是不是 市民政局？请输入名录中的单位名称或序号")
    child.expect_exact("牵头单位（名称或序号）：")
    child.sendline("9")  # there are two: asked again, not told to run the command again
    child.expect_exact("请输入 1 到 2 之间的序号")
    child.expect_exact("牵头单位（名称或序号）：")
    child.sendline("1")
    child.expect_exact("整改时限（如 2024-12-31、2024年12月）：")
    child.sendline("明年三月")
    child.expect_exact("可用的写法")
    child.expect_exact("整改时限（如 2024-12-31、2024年12月）：")
    child.sendline("2025年3月")
    child.expect_exact("2. 调研检查发现")
    child.expect_exact("请输入序号 [5]：")
    child.sendline("2")
    child.expect_exact("1. 立行立改")
    child.expect_exact("请输入序号 [2]：")
    child.sendline("")  # the default: 限期整改
    # The list was handed down months ago: the problem's own date is asked, Enter is today.
    child.expect_exact("交办日期（本清单 2024-07-10 交办；直接回车为今天）：")
    child.sendline("")
    child.expect_exact(
        "已添加 SMX-001：养老机构消防隐患整治不彻底"
        "（牵头单位 市民政局，交办日期 2024-11-30，整改时限 2025-03-31）"
    )
    assert finish(child) == 0

    data = yaml.safe_load((tmp_path / "ledgers" / "smx-2024.yaml").read_text(encoding="utf-8"))
    issue = data["issues"][0]
    assert (issue["id"], issue["lead_unit"], str(issue["deadline"])) == (
        "SMX-001",
        "市民政局",
        "2025-03-31",
    )
    assert (issue["source"], issue["track"], issue["status"]) == ("inspection", "scheduled", "open")
    assert run("check").exit_code == 0


def test_init_asks_language_and_units(tmp_path: Path) -> None:
    child = spawn(["init", "proj"], tmp_path)
    child.expect_exact("Language, zh or en [en]: ")
    child.sendline("zh")
    child.expect_exact("可留空")
    child.sendline("市民政局、市住建局，市财政局")
    child.expect_exact("已建立项目")
    assert finish(child) == 0
    text = (tmp_path / "proj" / "rectify.toml").read_text(encoding="utf-8")
    assert 'lang = "zh"' in text
    assert '"市民政局",\n    "市住建局",\n    "市财政局",' in text


def test_the_readme_session_happens_as_shown(run: RunCli, tmp_path: Path) -> None:
    """Replay the `rectify add` session of README.zh-CN.md, answer by answer."""
    import shlex

    for command, _ in readme_steps():
        if command == INTERACTIVE_ADD:
            break
        words = shlex.split(command)
        if words[0] == "rectify" and words[1:] not in (["--version"], []):
            run(*words[1:])
    answers, last = readme_answers()
    child = spawn(["add"], tmp_path)
    for prompt, answer in answers:
        child.expect_exact(prompt)
        child.sendline(answer)
    child.expect_exact(last)
    assert finish(child) == 0
    data = yaml.safe_load((tmp_path / "ledgers" / "smx-city-2024.yaml").read_text("utf-8"))
    assert (data["issues"][2]["source"], data["issues"][2]["track"]) == (
        "deliberation",
        "scheduled",
    )


def test_ctrl_c_in_a_prompt_is_reported_on_a_line_of_its_own(run: RunCli, tmp_path: Path) -> None:
    assert run("init", "--lang", "zh", "--unit", "市民政局").exit_code == 0
    made = run(
        "new",
        "--id",
        "smx-2024",
        "--title",
        "问题清单",
        "--supervisor",
        "市人大常委会",
        "--prefix",
        "SMX",
    )
    assert made.exit_code == 0, made.stderr
    child = spawn(["add"], tmp_path)
    child.expect_exact("问题（标题）：")
    child.sendintr()
    assert finish(child) == 130
    screen = "问题（标题）：" + str(child.before)
    line = next(line for line in screen.splitlines() if "已中断" in line)
    assert line.startswith("错误："), repr(screen)


def test_add_refuses_a_mistyped_unit_before_asking_anything(run: RunCli, tmp_path: Path) -> None:
    """In a terminal, `add --unit 市住建` used to ask for the date first, then refuse."""
    assert run("init", "--lang", "zh", "--unit", "市民政局", "--unit", "市住建局").exit_code == 0
    made = run(
        "new",
        "--id",
        "smx-2024",
        "--title",
        "清单",
        "--supervisor",
        "人大",
        "--prefix",
        "SMX",
        "--assigned-on",
        "2024-07-10",
    )
    assert made.exit_code == 0, made.stderr
    child = spawn(["add", "--title", "问题", "--unit", "市住建", "--deadline", "2025-06"], tmp_path)
    child.expect_exact("是不是 市住建局？确属新单位请加 --new-unit")
    assert "交办日期" not in (child.before or "")
    assert finish(child) == 2
    assert "SMX-001" not in (tmp_path / "ledgers" / "smx-2024.yaml").read_text(encoding="utf-8")
