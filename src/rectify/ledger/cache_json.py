"""What the parse cache keeps beside the models' JSON: the `x-` extension keys, every value
tagged with its type, and problems with their parameters (rectify.ledger.cache).

Reading never trusts what it reads: a value of an unexpected shape raises
ValueError or KeyError, and the cache then ignores the whole entry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rectify.errors import Problem, Severity

if TYPE_CHECKING:
    from rectify.model import Issue, Ledger

# --- x- extension keys: kept beside the models' JSON, every value tagged with its type ------


def ledger_extensions(ledger: Ledger) -> dict[str, Any] | None:
    """The extension keys anywhere in the ledger, by where they stand; None when there are none."""
    found: dict[str, Any] = {}
    if ledger.extensions:
        found["top"] = _tagged(ledger.extensions)
    if ledger.ledger.extensions:
        found["ledger"] = _tagged(ledger.ledger.extensions)
    votes = _entries(ledger.ledger.deliberations)
    if votes:
        found["deliberations"] = votes
    issues = {
        str(i): own for i, issue in enumerate(ledger.issues) if (own := issue_extensions(issue))
    }
    if issues:
        found["issues"] = issues
    return found or None


def issue_extensions(issue: Issue) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    if issue.extensions:
        found["self"] = _tagged(issue.extensions)
    if issue.verification is not None and issue.verification.extensions:
        found["verification"] = _tagged(issue.verification.extensions)
    progress = {str(i): _tagged(e.extensions) for i, e in enumerate(issue.progress) if e.extensions}
    if progress:
        found["progress"] = progress
    changes = {
        str(i): _tagged(c.extensions) for i, c in enumerate(issue.deadline_changes) if c.extensions
    }
    if changes:
        found["deadline_changes"] = changes
    for name in ("reopened", "chased"):
        entries = _entries(getattr(issue, name))
        if entries:
            found[name] = entries
    return found or None


def _entries(entries: Any) -> dict[str, Any]:
    """The extension keys of a list of entries, by their index."""
    return {str(i): _tagged(e.extensions) for i, e in enumerate(entries) if e.extensions}


def attach_extensions(ledger: Ledger, found: Any) -> None:
    """Put the extension keys of `_ledger_extensions` back in place; ValueError on anything odd."""
    if found is None:
        return
    ledger.extensions = _untagged_map(found.get("top"))
    ledger.ledger.extensions = _untagged_map(found.get("ledger"))
    for at, kept in (found.get("deliberations") or {}).items():
        ledger.ledger.deliberations[int(at)].extensions = _untagged_map(kept)
    for index, own in (found.get("issues") or {}).items():
        issue = ledger.issues[int(index)]
        issue.extensions = _untagged_map(own.get("self"))
        if "verification" in own:
            if issue.verification is None:
                raise ValueError("extensions")
            issue.verification.extensions = _untagged_map(own["verification"])
        for at, kept in (own.get("progress") or {}).items():
            issue.progress[int(at)].extensions = _untagged_map(kept)
        for at, kept in (own.get("deadline_changes") or {}).items():
            issue.deadline_changes[int(at)].extensions = _untagged_map(kept)
        for at, kept in (own.get("reopened") or {}).items():
            issue.reopened[int(at)].extensions = _untagged_map(kept)
        for at, kept in (own.get("chased") or {}).items():
            issue.chased[int(at)].extensions = _untagged_map(kept)


def _tagged(value: Any) -> Any:
    """A YAML value as JSON that says its type: ["d", "2024-07-10"] is a date, not a string."""
    if value is None:
        return ["n"]
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, int):
        return ["i", value]
    if isinstance(value, float):
        return ["f", value]
    if isinstance(value, str):
        return ["s", value]
    if isinstance(value, dt.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, list):
        return ["l", [_tagged(item) for item in value]]
    if isinstance(value, dict):
        return ["m", [[_tagged(k), _tagged(v)] for k, v in value.items()]]
    raise TypeError(type(value).__name__)


def _untagged(item: Any) -> Any:
    tag, *rest = item
    if tag == "n" and not rest:
        return None
    (value,) = rest
    kinds: dict[str, type] = {"b": bool, "i": int, "f": float, "s": str}
    if tag in kinds:
        if type(value) is not kinds[tag]:
            raise ValueError("extension value")
        return value
    if tag == "t":
        return dt.datetime.fromisoformat(value)
    if tag == "d":
        return dt.date.fromisoformat(value)
    if tag == "l":
        return [_untagged(entry) for entry in value]
    if tag == "m":
        return {_untagged(k): _untagged(v) for k, v in value}
    raise ValueError("extension tag")


def _untagged_map(item: Any) -> dict[str, Any]:
    if item is None:
        return {}
    found = _untagged(item)
    if not isinstance(found, dict) or any(type(k) is not str for k in found):
        raise ValueError("extensions")
    return found


_PLAIN = (str, int, float, bool, type(None))


def _param_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise TypeError("datetime")
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, _PLAIN):
        return {"v": value}
    raise TypeError(type(value).__name__)


def _param(item: Any) -> Any:
    if not isinstance(item, dict) or len(item) != 1:
        raise ValueError("param")
    if "date" in item:
        return dt.date.fromisoformat(item["date"])
    value = item["v"]
    if not isinstance(value, _PLAIN):
        raise ValueError("param")
    return value


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "key": problem.key,
        "params": {name: _param_json(value) for name, value in problem.params.items()},
        "severity": problem.severity.value,
        "issue_id": problem.issue_id,
    }


def problem_from_json(item: Any, shown: Path) -> Problem:
    if not isinstance(item, dict):
        raise ValueError("problem")
    line, column, code, key = item["line"], item["column"], item["code"], item["key"]
    issue_id, params = item["issue_id"], item["params"]
    if not (type(line) is int and type(column) is int and isinstance(code, str)):
        raise ValueError("problem")
    if not isinstance(key, str) or not (issue_id is None or isinstance(issue_id, str)):
        raise ValueError("problem")
    if not isinstance(params, dict):
        raise ValueError("problem")
    return Problem(
        path=shown,
        line=line,
        column=column,
        code=code,
        key=key,
        params={str(name): _param(value) for name, value in params.items()},
        severity=Severity(item["severity"]),
        issue_id=issue_id,
    )
