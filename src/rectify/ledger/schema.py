"""The JSON Schema of ledger format v1, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

from typing import Any

from rectify.i18n import CATALOGUE
from rectify.model import Ledger

SCHEMA_ID = "https://rectify.invalid/schema/ledger-v1.json"


def _tidy(node: Any) -> None:
    """Drop the internal ``extensions`` field and allow ``x-`` keys wherever keys are closed."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            props.pop("extensions", None)
            node["additionalProperties"] = False
            node["patternProperties"] = {"^x-": {}}
            for name, prop in props.items():
                texts = CATALOGUE.get(f"field.{name}")
                if texts is not None and isinstance(prop, dict):
                    prop.setdefault("description", f"{texts[0]} ({texts[1]})")
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a ledger file satisfies, with x- keys allowed."""
    schema = Ledger.model_json_schema(by_alias=True, mode="validation")
    _tidy(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "rectify ledger, format v1 (整改台账)"
    schema["required"] = ["schema", "ledger"]
    schema["properties"]["schema"] = {"const": 1, "description": "格式版本 (format version)"}
    defs = schema.get("$defs", {})
    issue = defs.get("Issue", {}).get("properties", {})
    for name in ("completion",):
        if name in issue:
            issue[name] = {
                "type": "number",
                "minimum": 0,
                "maximum": 100,
                "description": issue[name].get("description", ""),
            }
    votes = defs.get("Deliberation", {}).get("properties", {})
    for name in ("satisfied", "basically_satisfied", "dissatisfied"):
        if name in votes:
            votes[name]["minimum"] = 0  # check's R334
    return schema
