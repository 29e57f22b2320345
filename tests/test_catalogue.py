"""The message catalogue: one definition per key, both languages, the same placeholders,
and a text for every key the code uses."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from rectify.i18n import CATALOGUE
from rectify.ledger.check import CODES
from rectify.model import Source, Status, Track

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "rectify"
MESSAGE_FILES = sorted((SRC / "messages").glob("*.py"))


def definitions() -> list[tuple[str, str, int, ast.expr]]:
    """Every (file, key, line, value) of the MESSAGES dict literals, read from the source."""
    found = []
    for path in MESSAGE_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict):
                for key, value in zip(node.value.keys, node.value.values, strict=True):
                    assert isinstance(key, ast.Constant) and isinstance(key.value, str), (
                        f"{path.name}:{value.lineno}: keys must be plain strings"
                    )
                    found.append((path.name, key.value, key.lineno, value))
    return found


def test_the_parts_are_found() -> None:
    files = {name for name, *_ in definitions()}
    assert "core.py" in files
    assert len(definitions()) == len(CATALOGUE)


def test_no_key_is_defined_twice() -> None:
    seen: dict[str, str] = {}
    twice = []
    for name, key, line, _ in definitions():
        if key in seen:
            twice.append(f"{key}: {seen[key]} and {name}:{line}")
        seen.setdefault(key, f"{name}:{line}")
    assert twice == []


def test_every_entry_has_zh_and_en_text() -> None:
    bad = []
    for name, key, line, value in definitions():
        texts = value.elts if isinstance(value, ast.Tuple) else []
        if len(texts) != 2 or not all(
            isinstance(t, ast.Constant) and isinstance(t.value, str) and t.value.strip()
            for t in texts
        ):
            bad.append(f"{name}:{line} {key}")
    assert bad == []
    # The Chinese text is Chinese (or at least not the English one copied).
    same = [key for key, (zh, en) in CATALOGUE.items() if zh == en and re.search("[a-z]{4}", en)]
    assert same == []


def _fields(template: str) -> set[str]:
    return {
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(template)
        if field is not None
    }


# Texts whose languages need different values on purpose (a month number in Chinese,
# a month name in English); their callers pass both. Keep this list short.
# R102.other and R299: the parser's or pydantic's own English words, for English readers only.
DIFFERENT_PLACEHOLDERS = {
    "fig.date",
    "fig.month",
    "import.missing_columns",
    "report.p.head",
    "R102.other",
    "R299",
}


def test_zh_and_en_use_the_same_placeholders() -> None:
    differ = {
        key: (sorted(_fields(zh)), sorted(_fields(en)))
        for key, (zh, en) in CATALOGUE.items()
        if _fields(zh) != _fields(en)
    }
    assert {k: v for k, v in differ.items() if k not in DIFFERENT_PLACEHOLDERS} == {}
    # An exception that no longer differs (or no longer exists) leaves the list.
    assert sorted(DIFFERENT_PLACEHOLDERS - set(differ)) == []


def test_placeholder_finder_works() -> None:
    assert _fields("{a} and {b.c} {{literal}} {d[0]}") == {"a", "b", "d"}


def test_every_check_code_has_a_message_and_hints_have_a_base() -> None:
    assert [code for code in CODES if code not in CATALOGUE] == []
    orphans = [key for key in CATALOGUE if key.endswith(".hint") and key[:-5] not in CATALOGUE]
    assert orphans == []


def test_every_enum_value_has_a_label() -> None:
    for kind, enum in (("status", Status), ("track", Track), ("source", Source)):
        for member in enum:
            assert f"{kind}.{member.value}" in CATALOGUE


# Catalogue keys written as literals: t("..."), env.t/say/note("..."), t_optional("..."), the
# RectifyError family ("error.x"), a note ("key.x", {...}), and key="..." where it names a
# dotted key or a code.
_CALL = re.compile(
    r"""(?:(?<![\w.])(?:_?t|t_optional|RectifyError|NotFound|UsageError|FileError|DataError)"""
    r"""|\benv\.(?:t|say|note))\(\s*["']([\w-]+(?:\.[\w-]+)*)["']"""
    r"""|\(["']([a-z_]+\.[\w.-]+)["'],\s*\{"""
)
_KEY = re.compile(r"""\bkey=["']((?:R\d{3}|[a-z_]+\.)[\w.-]*)["']""")


def used_keys() -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in (_CALL, _KEY):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                key = next(group for group in match.groups() if group)
                used.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{line}")
    return used


def test_scan_finds_the_keys_in_use() -> None:
    used = used_keys()
    assert "error.no_such_path" in used  # FileError("error.no_such_path", ...)
    assert "R201.suggest" in used  # key="R201.suggest"
    assert "check.summary" in used  # env.say("check.summary", ...)
    assert "progress.capped" in used  # notes.append(("progress.capped", {...}))
    assert len(used) > 50


def test_every_key_used_in_the_code_exists() -> None:
    missing = {key: places for key, places in used_keys().items() if key not in CATALOGUE}
    assert missing == {}


# --- docs/check-codes.md ------------------------------------------------------------------


@pytest.fixture(scope="module")
def codes_doc() -> str:
    return (ROOT / "docs" / "check-codes.md").read_text(encoding="utf-8")


def test_every_code_is_documented(codes_doc: str) -> None:
    rows = re.findall(r"^\| (R\d{3}) \| (error|warning) \|", codes_doc, flags=re.MULTILINE)
    assert sorted(rows) == sorted((code, severity.value) for code, severity in CODES.items())


def test_the_doc_quotes_the_messages(codes_doc: str) -> None:
    # The Chinese message of each code appears up to its first placeholder.
    for code in CODES:
        zh = CATALOGUE[code][0].split("{")[0].strip("，：（ ")
        assert zh in codes_doc, f"{code}: {zh}"
