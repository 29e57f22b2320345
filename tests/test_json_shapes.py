"""Every `--format json` output against its typed shape, and docs/json.md against the code."""

from __future__ import annotations

import json
import re
import subprocess
import types
import typing
from pathlib import Path
from typing import Any, Union, cast, get_args, get_origin, get_type_hints

import pytest

from conftest import EXAMPLES, ROOT, RunCli
from rectify.output import json as shapes

CITY = str(EXAMPLES / "sanmenxia" / "city-county")
DAY = ("--as-of", "2024-11-30", "--lang", "en")


def conforms(value: Any, kind: Any, where: str = "$") -> list[str]:
    """Where ``value`` differs from the type ``kind`` (a TypedDict, list, union, scalar)."""
    origin = get_origin(kind)
    if kind is Any:
        return []
    if origin in (Union, types.UnionType):
        options = [conforms(value, option, where) for option in get_args(kind)]
        return [] if any(not found for found in options) else min(options, key=len)
    if kind is type(None):
        return [] if value is None else [f"{where}: {value!r} is not null"]
    if typing.is_typeddict(kind):
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        hints = get_type_hints(kind)
        problems = [f"{where}: missing {k}" for k in kind.__required_keys__ if k not in value]
        problems += [f"{where}: unexpected key {k}" for k in value if k not in hints]
        for key, item in value.items():
            if key in hints:
                problems += conforms(item, hints[key], f"{where}.{key}")
        return problems
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [
            p
            for i, item in enumerate(value)
            for p in conforms(item, get_args(kind)[0], f"{where}[{i}]")
        ]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        return [
            p
            for k, item in value.items()
            for p in conforms(item, get_args(kind)[1], f"{where}.{k}")
        ]
    if kind is float:
        return (
            []
            if isinstance(value, int | float) and not isinstance(value, bool)
            else [f"{where}: {value!r} is not a number"]
        )
    if kind is int:
        return (
            []
            if isinstance(value, int) and not isinstance(value, bool)
            else [f"{where}: {value!r} is not an integer"]
        )
    return [] if isinstance(value, kind) else [f"{where}: {value!r} is not {kind.__name__}"]


def test_the_checker_sees_a_wrong_shape() -> None:
    ratio = {"numerator": 1, "denominator": 3, "value": 1 / 3, "text": "33.3%"}
    assert conforms(ratio, shapes.RatioJSON) == []
    assert conforms({**ratio, "extra": 1}, shapes.RatioJSON) == ["$: unexpected key extra"]
    assert conforms({**ratio, "numerator": "1"}, shapes.RatioJSON) == [
        "$.numerator: '1' is not an integer"
    ]
    assert conforms({"numerator": 1}, shapes.RatioJSON)  # keys missing
    assert conforms({**ratio, "value": None}, shapes.RatioJSON) == []


def _json(run: RunCli, *args: str, cwd: Path | None = None) -> Any:
    done = run(*args, cwd=cwd)
    assert done.exit_code in (0, 1), done.stderr
    assert done.stdout, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("args", "shape"),
    [
        (("status", CITY, *DAY, "--format", "json"), shapes.StatusJSON),
        (("status", CITY, *DAY, "--format", "json", "--by", "ledger"), shapes.StatusJSON),
        (("status", CITY, *DAY, "--format", "json", "--by", "source"), shapes.StatusJSON),
        (
            ("progress", CITY, "--lang", "en", "--to", "2024-11", "--format", "json"),
            shapes.ProgressJSON,
        ),
        (("due", CITY, *DAY, "--format", "json"), shapes.ChaseJSON),
        (("export", CITY, *DAY, "--format", "json"), shapes.ExportJSON),
    ],
)
def test_each_command_gives_its_documented_shape(
    run: RunCli, args: tuple[str, ...], shape: Any
) -> None:
    data = _json(run, *args)
    assert conforms(data, shape) == []


def test_check_json_is_a_list_of_problems(run: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: 1\nledger: {id: x, title: t}\nissues:\n  - id: A-1\n    titel: x\n",
        encoding="utf-8",
    )
    data = _json(run, "check", str(bad), "--format", "json", "--lang", "en")
    assert data and conforms(data, list[shapes.ProblemJSON]) == []


def test_diff_and_log_json_give_their_shapes(run: RunCli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    ledger = repo / "l.yaml"
    text = (EXAMPLES / "sanmenxia" / "city-county" / "smx-city-2024.yaml").read_text(
        encoding="utf-8"
    )
    ledger.write_text(text, encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=王", "-c", "user.email=w@x", "add", ".")
    git("-c", "user.name=王", "-c", "user.email=w@x", "commit", "-qm", "十月")
    ledger.write_text(text.replace("\n  title: ", "\n  title: 改：", 1), encoding="utf-8")
    diff = _json(run, "diff", "HEAD", str(ledger), "--format", "json", cwd=repo)
    assert conforms({k: v for k, v in diff.items() if k != "from"}, shapes.DiffJSON) == []
    assert conforms(diff["from"], shapes.RevisionJSON) == []
    log = _json(run, "log", "SMX-001", str(ledger), "--format", "json", cwd=repo)
    assert log["history"] and conforms(log, shapes.LogJSON) == []


_SECTION = re.compile(
    r"^### (\w+)\n\n[^\n]*\n\n\| key \| type \| required \|\n\|---\|---\|---\|\n((?:\|[^\n]*\n?)+)",
    re.M,
)
_ROW = re.compile(r"\| `(\w+)` \| `[^`]*` \| (yes|no) \|")


def test_docs_list_every_shape_with_its_keys() -> None:
    """docs/json.md has a table per shape, with exactly the keys and required flags of the code."""
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    documented = {name: _ROW.findall(rows) for name, rows in _SECTION.findall(doc)}
    typed = {
        name: value
        for name, value in vars(shapes).items()
        if isinstance(value, type) and typing.is_typeddict(value) and name.endswith("JSON")
    }
    assert set(documented) == set(typed)
    for name, kind in typed.items():
        keys = [
            (key, "yes" if key in cast(Any, kind).__required_keys__ else "no")
            for key in get_type_hints(kind)
        ]
        assert documented[name] == keys, name
