"""The YAML parser's and pydantic's complaints, as the catalogue's sentences, on the right line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from rectify.ledger.check import _Checker
from rectify.ledger.yaml import parse_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples/sanmenxia/city-county/lushi-2024.yaml"
LINES = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
assert LINES[17].strip().startswith("lead_unit: ")  # line 18 is the first issue's lead unit


def changed(number: int, old: str, new: str) -> str:
    lines = list(LINES)
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "".join(lines)


# (the text, the line the problem must be on, its catalogue key, words its Chinese must say)
CASES = {
    "full-width colon": (
        changed(18, "lead_unit: ", "lead_unit："),
        18,
        "R102.fullwidth_colon",
        "冒号请用英文半角 :",
    ),
    "full-width colon and space": (
        changed(18, "lead_unit: ", "lead_unit： "),
        18,
        "R102.fullwidth_colon",
        "冒号请用英文半角 :",
    ),
    "no space after colon": (
        changed(18, "lead_unit: ", "lead_unit:"),
        18,
        "R102.no_space",
        "冒号后加一个空格",
    ),
    "full-width indent": (
        changed(18, "    lead_unit", "\u3000\u3000lead_unit"),
        18,
        "R102.fullwidth_space",
        "全角空格",
    ),
    "tab indent": (changed(18, "    lead_unit", "\tlead_unit"), 18, "R103", "Tab"),
    "over-indented key": (
        changed(18, "    lead_unit", "      lead_unit"),
        18,
        "R102.mapping_values",
        "缩进",
    ),
    "colon in a value": (
        changed(21, "measures: 编制", "measures: 编制: "),
        21,
        "R102.mapping_values",
        "引号",
    ),
    "unclosed quote": (
        changed(17, "track: long_term", 'track: "long_term'),
        17,
        "R102.unclosed_quote",
        "引号",
    ),
    "unclosed bracket": (changed(19, "]\n", "\n"), 20, "R102.unclosed_bracket", "第 19 行"),
    "a value starting with @": (
        changed(21, "measures: 编制", "measures: @编制"),
        21,
        "R102.cannot_start",
        "@",
    ),
    "two documents": ("a: 1\n---\nb: 2\n", 2, "R102.two_documents", "---"),
    "dash out of line": ("issues:\n  - id: A\n - id: B\n", 3, "R102", ""),
}

# Latin words a sentence may hold: keys and values of a ledger the user types, and YAML, Tab.
_ALLOWED = {"lead_unit", "note", "co_units", "YAML", "Tab", "true", "false"}


def english(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z_]{2,}", text) if w not in _ALLOWED]


@pytest.mark.parametrize("name", list(CASES))
def test_parser_complaints_in_chinese_on_their_line(name: str) -> None:
    text, line, key, says = CASES[name]
    doc = parse_text(Path("t.yaml"), text)
    assert len(doc.problems) == 1, doc.problems
    problem = doc.problems[0]
    assert problem.line == line, (problem.line, problem.message("zh"))
    assert problem.key.startswith(key)
    zh = problem.message("zh") + (problem.hint("zh") or "")
    assert says in zh
    assert english(zh) == [], zh
    assert problem.message("en") and not re.search("[\u4e00-\u9fff]", problem.message("en"))


def test_an_unknown_complaint_keeps_its_english_for_english_readers_only() -> None:
    doc = parse_text(Path("t.yaml"), "a: |x\n  b\n")  # an odd block scalar header
    (problem,) = doc.problems
    assert problem.key == "R102.other"
    assert english(problem.message("zh") + (problem.hint("zh") or "")) == []
    assert "line break" in problem.message("en")
    trailing = parse_text(Path("t.yaml"), "{a: 1}}\n").problems[0]
    assert trailing.key == "R102.trailing" and "多出" in trailing.message("zh")


def test_pydantic_complaints_in_chinese() -> None:
    doc = parse_text(Path("t.yaml"), "schema: 1\n")
    checker = _Checker(doc, dt.date(2024, 11, 30))
    for kind, ctx in [
        ("greater_than_equal", {"ge": 0}),
        ("less_than_equal", {"le": 9}),
        ("string_too_long", {"max_length": 9}),
        ("int_parsing", {}),
        ("float_parsing", {}),
        ("bool_parsing", {}),
        ("some_new_kind", {}),
    ]:
        error = {
            "type": kind,
            "loc": ("schema",),
            "msg": "Input should be something",
            "input": -1,
            "ctx": ctx,
        }
        checker.pydantic_error(error, ("ledger",), {}, None)
    assert len(checker.problems) == 7
    for problem in checker.problems:
        zh = problem.message("zh")
        assert english(zh.replace("schema", "")) == [], zh
        assert "Input should" not in zh
    assert "Input should be something" in checker.problems[-1].message("en")
