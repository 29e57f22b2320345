"""No input crashes the loader: the tags that did, and a seeded fuzz run over the examples.

The larger run is `python benchmarks/fuzz.py --cases 10000` (see benchmarks/fuzz.py).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from benchmarks.fuzz import (  # type: ignore[import-not-found,unused-ignore]
    MUTATIONS,
    mutate,
    run_cases,
    seeds,
)

from rectify.ledger.check import check_document
from rectify.ledger.yaml import parse_text


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!bool maybe", "!!bool"),
        ("!!float ''", "!!float"),
        ("!!int ''", "!!int"),
        ("!!timestamp x", "!!timestamp"),
        ("!!int 0x", "!!int"),
        ("!!bool ''", "!!bool"),
    ],
)
def test_a_tag_its_value_does_not_fit_is_a_problem_with_its_place(value: str, tag: str) -> None:
    text = f"schema: 1\nledger:\n  id: t\n  title: {value}\nissues: []\n"
    ledger, problems = check_document(parse_text(Path("t.yaml"), text), as_of=_day())
    assert ledger is None
    assert [(p.code, p.key, p.line, p.column, p.params["tag"]) for p in problems] == [
        ("R108", "R108.value", 4, 10, tag)
    ]
    assert problems[0].message("en").startswith(f"the tag {tag} asks for a value that ")


def test_a_tag_that_fits_still_loads() -> None:
    text = "schema: 1\nledger:\n  id: t\n  title: !!str 2024\nissues: []\n"
    ledger, problems = check_document(parse_text(Path("t.yaml"), text), as_of=_day())
    assert ledger is not None and ledger.ledger.title == "2024"
    assert not problems


def test_a_date_that_does_not_exist_is_still_the_models_to_name() -> None:
    text = "schema: 1\nledger:\n  id: t\n  title: x\n  assigned_on: 2024-02-30\nissues: []\n"
    _, problems = check_document(parse_text(Path("t.yaml"), text), as_of=_day())
    assert [p.code for p in problems] == ["R204"]


def test_the_mutations_are_seeded() -> None:
    import random

    data = seeds()[0]
    first = mutate(random.Random(5), data)
    assert first == mutate(random.Random(5), data)
    assert len(MUTATIONS) >= 15


def test_a_seeded_fuzz_run_finds_nothing(tmp_path: Path) -> None:
    """A few seconds of fuzzing on every test run (16 cases, each through four commands)."""
    begun = time.perf_counter()
    report = run_cases(16, seed=2024, folder=tmp_path)
    assert report.cases == 16 and report.runs == 16 * 4
    assert [(f.case, f.mutations, f.command, f.what) for f in report.failures] == []
    assert report.slowest < 10
    assert set(report.exits) <= {0, 1, 2, 3}
    assert report.exits.get(1, 0) > 0  # most mutations break the file, and say so
    assert time.perf_counter() - begun < 30


@pytest.mark.slow
def test_a_longer_fuzz_run_finds_nothing(tmp_path: Path) -> None:
    report = run_cases(400, seed=17, folder=tmp_path)
    assert [(f.case, f.mutations, f.command, f.what) for f in report.failures] == []
    assert report.slowest < 10


def _day() -> dt.date:
    return dt.date(2024, 11, 30)


def test_a_title_of_200000_characters_is_a_problem_not_minutes_of_list(
    tmp_path: Path, examples: Path
) -> None:
    """What the 10,000-case run found: `list` laid such a title out for 10 to 60 s."""
    from typer.testing import CliRunner

    from rectify.cli import app, register

    text = (examples / "sanmenxia/city-county/lushi-2024.yaml").read_text(encoding="utf-8")
    title = "偏远乡镇养老服务机构布局分散、服务半径过大"
    long = title + "字" * 200_000
    path = tmp_path / "l.yaml"
    path.write_text(text.replace(title, long, 1), encoding="utf-8")
    line = text.split("\n").index(f"    title: {title}") + 1
    _, problems = check_document(parse_text(path, path.read_text("utf-8")), as_of=_day())
    assert [(p.code, p.line, p.column, p.params["length"]) for p in problems] == [
        ("R209", line, 12, len(long))
    ]
    assert problems[0].message("en") == (
        f"title holds {len(long)} characters, far too long (at most 500)"
    )
    register()
    begun = time.process_time()
    result = CliRunner().invoke(app, ["list", "-l", str(path), "--lang", "en"])
    assert result.exit_code == 1
    assert time.process_time() - begun < 5
    kept = text.replace(title, title + "字" * 400, 1)  # long, but a title still
    _, fine = check_document(parse_text(path, kept), as_of=_day())
    assert [p.code for p in fine if p.code.startswith("R2")] == []
