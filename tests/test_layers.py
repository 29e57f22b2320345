"""Imports go one way: core never reaches up to rendering or the command line.

Every module of src/rectify is parsed (not imported), and every
``import rectify.x`` / ``from rectify.x import ...`` / ``from . import x`` at any
depth, inside functions too, is an arrow that must point to the same layer or a
lower one.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RunCli

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "rectify"

# Which package may import which, as a table (as beancount's tools/dependency_constraints.py).
# A module's package is its first name under rectify; the base modules together are "base".
BASE = {"errors", "model", "dates", "i18n", "messages", "text", "numbers", "suggest"}
EVERY = {"base", "ledger", "changes", "figures", "io", "api", "output", "render", "site", "cli"}
ALLOWED: dict[str, set[str]] = {
    "base": {"base"},  # no I/O, no figures
    "ledger": {"base"},  # text <-> checked Ledger; knows no figures
    "figures": {"base"},  # pure, as of a date; no storage
    "changes": {"base", "ledger", "figures"},  # pure operations, Ledger in, Ledger out
    "io": {"base", "ledger", "changes", "figures"},  # git, ledgers at a revision, sheets
    "output": {"base", "figures"},  # figures -> JSON, Markdown, reports, notices (no rich)
    "render": {"base", "figures", "output"},  # figures -> Rich (uses output's words)
    "site": {"base", "figures", "output"},  # figures -> HTML pages (Jinja2), no I/O
    "api": EVERY - {"render", "cli"},  # the library the commands call
    "cli": EVERY,
    # the entry point replays a warm answer (ledger.answers) before the command line loads
    "main": {"base", "ledger", "cli"},
}
# Rules inside a package: (module, the modules it must not import).
INSIDE: list[tuple[str, set[str]]] = [
    # The cache stores an opaque payload: it never reads what the loader or a check makes of it.
    ("rectify.ledger.cache", {"rectify.ledger.load", "rectify.ledger.check"}),
    # Reading and writing files knows nothing of YAML or of the rules of the format.
    ("rectify.ledger.files", {"rectify.ledger.yaml", "rectify.ledger.check"}),
    # The one module that runs git is io.git; nothing it imports reads ledgers.
    ("rectify.io.git", {"rectify.io.history", "rectify.io.sheets", "rectify.ledger.load"}),
]


def package(module: str) -> str:
    """The package of a module in the table: base, ledger, ..., cli, or main (the entry point)."""
    parts = module.split(".")
    if parts == ["rectify"] or parts[1] in BASE:
        return "base"
    if parts[1] == "__main__":
        return "main"
    return parts[1]


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module named by an import in ``path``: (line, dotted name)."""
    return imports_in(
        path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
    )


def imports_in(source: str, name: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module named by an import in ``source`` of module ``name``, relative ones resolved.

    ``from a import b`` counts as importing ``a`` and ``a.b``: b may be a module.
    """
    package = name if is_package else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):  # every depth: inside functions too
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            found.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names)
    return sorted(found)


def wrong_arrows(name: str, found: list[tuple[int, str]], known: set[str]) -> list[str]:
    """The imports of module ``name`` that the table does not allow."""
    home = package(name)
    banned = {target for module, targets in INSIDE if module == name for target in targets}
    return [
        f"{name} ({home}) imports {target} ({package(target)}) at line {line}"
        for line, target in found
        if target in known
        and (
            package(target) not in ALLOWED[home] | {home}
            or any(target == b or target.startswith(f"{b}.") for b in banned)
        )
    ]


def test_the_walker_sees_nested_and_relative_imports() -> None:
    source = (
        "import os\n"
        "def f():\n"
        "    import rectify.cli\n"
        "    from rectify.render import issues\n"
        "from . import model\n"
        "from .yaml import Document\n"
    )
    found = imports_in(source, "rectify.ledger.files", is_package=False)
    assert found == [
        (1, "os"),
        (3, "rectify.cli"),
        (4, "rectify.render"),
        (4, "rectify.render.issues"),
        (5, "rectify.ledger"),
        (5, "rectify.ledger.model"),
        (6, "rectify.ledger.yaml"),
        (6, "rectify.ledger.yaml.Document"),
    ]
    assert imports_in("from .. import errors", "rectify.cli.common", False) == [
        (1, "rectify"),
        (1, "rectify.errors"),
    ]
    assert module_name(PACKAGE / "render" / "__init__.py") == "rectify.render"
    assert module_name(PACKAGE / "cli" / "common.py") == "rectify.cli.common"


def test_the_table_fails_on_a_wrong_arrow() -> None:
    """A wrong arrow of each kind is caught: up a layer, across peers, and inside a package."""
    known = set(modules())
    assert package("rectify.messages.core") == package("rectify.text") == "base"
    assert package("rectify.ledger.cache") == "ledger" and package("rectify.__main__") == "main"
    cases = {
        "rectify.figures.state": "rectify.ledger.files",  # figures reads no storage
        "rectify.ledger.load": "rectify.figures.facts",  # storage knows no figures
        "rectify.output.json": "rectify.render.issues",  # output uses no rich
        "rectify.model": "rectify.figures.state",  # the base imports nothing above it
        "rectify.api": "rectify.render",  # the library prints nothing
        "rectify.ledger.cache": "rectify.ledger.load",  # the cache's payload is opaque
        "rectify.io.git": "rectify.io.history",  # io.git runs git and reads no ledgers
    }
    for name, target in cases.items():
        assert target in known, target
        assert len(wrong_arrows(name, [(7, target)], known)) == 1, (name, target)
    assert wrong_arrows("rectify.render.issues", [(1, "rectify.output.words")], known) == []
    assert wrong_arrows("rectify.changes.ops", [(1, "rectify.ledger.ids")], known) == []


def test_every_arrow_points_down() -> None:
    mods = modules()
    known = set(mods)
    wrong = [
        f"{arrow} ({path.relative_to(SRC)})"
        for name, path in mods.items()
        for arrow in wrong_arrows(name, imports(path), known)
    ]
    assert wrong == []


def _third_party(path: Path) -> set[str]:
    return {target.split(".")[0] for _, target in imports(path)}


def test_only_the_command_line_imports_typer_or_click() -> None:
    users = sorted(
        name for name, path in modules().items() if _third_party(path) & {"typer", "click"}
    )
    assert users, "the walker found no typer import at all"
    assert [name for name in users if package(name) != "cli"] == []


def test_only_render_and_the_command_line_import_rich() -> None:
    users = sorted(name for name, path in modules().items() if "rich" in _third_party(path))
    assert [name for name in users if not name.startswith(("rectify.render", "rectify.cli"))] == []


@pytest.mark.parametrize("banned", ["typer", "click", "rich"])
def test_base_and_core_never_import_ui_libraries(banned: str) -> None:
    offenders = sorted(
        name
        for name, path in modules().items()
        if package(name) not in {"cli", "render"} and banned in _third_party(path)
    )
    assert offenders == []


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def test_command_line_starts_without_pydantic_or_yaml() -> None:
    loaded = _run(
        "import sys, rectify.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pydantic', 'yaml'}))"
    )
    assert loaded == "[]"


def test_version_starts_without_pydantic_or_yaml() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['rectify', '--version']\n"
        "from rectify.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml', 'rich'}))"
    )
    out = _run(code)
    assert out.splitlines()[-1] == "[]"
    assert out.splitlines()[0].startswith("rectify ")


def _run_raw(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, *args], capture_output=True, env=env, check=False)


_TYPER_VERSION = (
    "import sys\nsys.argv = ['rectify', '--version']\nfrom rectify.cli import main\nmain()\n"
)


def test_the_quick_version_prints_what_the_command_line_prints() -> None:
    quick = _run_raw("-m", "rectify", "--version")
    full = _run_raw("-c", _TYPER_VERSION)
    assert (quick.returncode, full.returncode) == (0, 0)
    assert quick.stdout == full.stdout
    version = _run("import rectify; print(rectify.__version__)")
    assert quick.stdout.decode() == f"rectify {version}\n"
    assert quick.stderr == full.stderr == b""


def test_version_with_other_options_goes_through_the_command_line() -> None:
    done = _run_raw("-m", "rectify", "--lang", "en", "--version")
    assert done.returncode == 0
    assert done.stdout == _run_raw("-m", "rectify", "--version").stdout
    bad = _run_raw("-m", "rectify", "--version", "--no-such-option")
    assert bad.returncode != 0  # argv is not exactly --version: typer decides, not the quick path


def _loaded_after(argv: list[str], watched: set[str]) -> list[str]:
    """The watched modules loaded by running the console script's entry with ``argv``."""
    code = (
        "import sys\n"
        f"sys.argv = ['rectify', *{argv!r}]\n"
        "from rectify.__main__ import run\n"
        "run()\n"
        "print(sorted(sys.modules))"
    )
    loaded = ast.literal_eval(_run(code).splitlines()[-1])
    return sorted(m for m in loaded if any(m == w or m.startswith(f"{w}.") for w in watched))


def test_bare_version_loads_no_command_line_library() -> None:
    watched = {"typer", "click", "rich", "pydantic", "yaml", "rectify.cli", "rectify.io"}
    assert _loaded_after(["--version"], watched) == []


def test_help_loads_no_core_data_or_report_code() -> None:
    watched = {
        "pydantic",
        "yaml",
        "rich",
        "rectify.io",
        "rectify.ledger",
        "rectify.model",
        "rectify.figures",
        "rectify.output",
        "rectify.render",
    }
    # Help is in the project's language, so rectify.toml is read (early_lang): that reader
    # and what it imports are allowed, nothing else of the core.
    config = ["rectify.io", "rectify.io.config", "rectify.ledger", "rectify.ledger.files"]
    config += ["rectify.ledger.answers", "rectify.ledger.seal"]  # the warm-answer check
    assert [m for m in _loaded_after(["--help"], watched) if m not in config] == []


def test_every_command_is_listed_with_the_module_that_adds_it() -> None:
    from rectify.cli import COMMANDS, app, register

    register()
    added = {
        (info.name or info.callback.__name__.lower().replace("_", "-")): (
            info.callback.__module__.rsplit(".", 1)[1]
        )
        for info in app.registered_commands
        if info.callback is not None
    }
    assert added == COMMANDS


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["status", "x.yaml"], "figures"),
        (["--lang", "zh", "--no-cache", "update", "A-1"], "daily"),
        (["--lang=en", "import", "a.xlsx"], "sheets"),
        (["--help"], None),
        (["stauts"], None),  # unknown: every command, so the error can suggest one
        ([], None),
    ],
)
def test_the_command_line_names_the_module_to_load(argv: list[str], module: str | None) -> None:
    from rectify.cli import module_named

    assert module_named(argv) == module


def test_a_command_loads_only_its_own_module() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['rectify', 'schema']\n"
        "from rectify.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('rectify.cli.') and m not in "
        "('rectify.cli.common', 'rectify.cli.help') and not m.startswith('rectify.cli._')))"
    )
    out = _run(code)
    assert out.splitlines()[-1] == "['rectify.cli.ledgers']"
    assert '"$schema"' in out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "错误：没有 stauts 这个命令，是不是 status？\n运行 rectify --help 查看用法\n"),
        (
            "en",
            "error: no such command: stauts (did you mean status?)\nrun rectify --help for usage\n",
        ),
    ],
)
def test_a_mistyped_command_is_told_in_the_users_language(
    run: RunCli, lang: str, expected: str
) -> None:
    result = run("--lang", lang, "stauts")
    assert (result.exit_code, result.stderr) == (2, expected)
