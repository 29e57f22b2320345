"""The example roll-up as real repositories: province, city and three counties, each git-inited
from the example ledgers, beside a copy of examples/sanmenxia/rollup/rollup.yaml.

Run as a script (``python tests/rollup_repos.py DIR``) to make them for a try by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sanmenxia"
#: Each source of the example manifest and the example ledger its repository holds.
SOURCES = {
    "province": "province/hn-province-2024.yaml",
    "city": "city-county/smx-city-2024.yaml",
    "lingbao": "city-county/lingbao-2024.yaml",
    "shanzhou": "city-county/shanzhou-2024.yaml",
    "lushi": "city-county/lushi-2024.yaml",
}
STAMP = "2024-11-30T18:00:00+08:00"


def git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "示例",
        "GIT_AUTHOR_EMAIL": "example@example.cn",
        "GIT_COMMITTER_NAME": "示例",
        "GIT_COMMITTER_EMAIL": "example@example.cn",
        "GIT_AUTHOR_DATE": STAMP,
        "GIT_COMMITTER_DATE": STAMP,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "LC_ALL": "C",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def make_rollup(folder: Path) -> Path:
    """``folder``/rollup.yaml and ``folder``/repos/NAME, one repository per source; the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "rollup.yaml"
    shutil.copyfile(EXAMPLE / "rollup" / "rollup.yaml", manifest)
    for name, ledger in SOURCES.items():
        repo = folder / "repos" / name
        repo.mkdir(parents=True)
        git(repo, "init", "-q", "-b", "main")
        shutil.copyfile(EXAMPLE / ledger, repo / Path(ledger).name)
        commit_all(repo, f"{name}: 2024年11月底的台账")
    return manifest


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        sys.exit(
            "usage: python tests/rollup_repos.py DIR  (a new folder for the five repositories)"
        )
    print(make_rollup(Path(sys.argv[1])))
