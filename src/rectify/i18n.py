"""Every user-facing label and message, in Chinese (zh) and English (en).

One catalogue: ``CATALOGUE[key] = (zh, en)``. Texts are ``str.format``
templates; ``t(key, lang, **params)`` fills them in. Sections below group the
keys by the part of the tool that uses them.
"""

from __future__ import annotations

import locale
import os
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- names shown to people (the contract's table) -------------------------
    "status.open": ("未整改", "not started"),
    "status.in_progress": ("整改中", "in progress"),
    "status.rectified": ("已整改", "rectified"),
    "status.closed": ("已销号", "closed (signed off)"),
    "status.dismissed": ("不予整改", "dismissed"),
    "track.immediate": ("立行立改", "fix at once"),
    "track.scheduled": ("限期整改", "scheduled"),
    "track.long_term": ("持续推进", "long-term"),
    "source.province": ("上级交办", "handed down"),
    "source.inspection": ("调研检查发现", "found in inspection"),
    "source.deliberation": ("审议意见提出", "raised in deliberation"),
    "source.deputy": ("代表建议", "deputies' proposals"),
    "source.other": ("其他", "other"),
    # --- field names ------------------------------------------------------------
    "field.id": ("编号", "id"),
    "field.ledger": ("台账", "ledger"),
    "field.title": ("问题", "title"),
    "field.description": ("问题描述", "description"),
    "field.source": ("问题来源", "source"),
    "field.track": ("整改类型", "track"),
    "field.lead_unit": ("牵头单位", "lead unit"),
    "field.co_units": ("配合单位", "co-units"),
    "field.owner": ("责任人", "owner"),
    "field.assigned_on": ("交办日期", "assigned on"),
    "field.deadline": ("整改时限", "deadline"),
    "field.planned_on": ("计划完成", "planned completion"),
    "field.measures": ("整改措施", "measures"),
    "field.status": ("整改状态", "status"),
    "field.completion": ("完成进度", "completion"),
    "field.rectified_on": ("整改完成日期", "rectified on"),
    "field.progress": ("整改进展", "progress"),
    "field.deadline_changes": ("时限调整", "deadline changes"),
    "field.verification": ("验收销号", "verification"),
    "field.reason": ("理由", "reason"),
    "field.dismissed_on": ("不予整改日期", "dismissed on"),
    "field.evidence": ("佐证材料", "evidence"),
    "field.carried_from": ("上年问题", "carried from"),
    "field.supervisor": ("监督机关", "supervisor"),
    "field.id_prefix": ("编号前缀", "id prefix"),
    "field.parent": ("上级台账", "parent ledger"),
    # --- general errors -----------------------------------------------------------
    "error.prefix": ("错误", "error"),
    "warning.prefix": ("警告", "warning"),
    "hint.prefix": ("提示", "hint"),
    "error.ledger_problems": (
        "台账有 {count} 个错误，请先运行 rectify check 查看并改正",
        "the ledgers have {count} error(s); run rectify check to see and fix them",
    ),
    "error.no_such_path": ("找不到文件或文件夹：{path}", "no such file or folder: {path}"),
    "error.no_ledgers": (
        "{path} 中没有台账文件（*.yaml、*.yml）",
        "no ledger files (*.yaml, *.yml) in {path}",
    ),
    "error.read_failed": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "error.write_failed": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "error.lock_timeout": (
        "{path} 正被另一个 rectify 进程修改，请稍后再试",
        "{path} is being changed by another rectify process; try again in a moment",
    ),
    "error.interrupted": ("已中断", "interrupted"),
    "error.unexpected": (
        "内部错误：{error}。请加 --traceback 重新运行，并把输出报告给维护者",
        "internal error: {error}. Run again with --traceback and report the output",
    ),
    # --- check: summary lines --------------------------------------------------------
    "check.ok": ("{files} 个台账文件，{issues} 个问题，未发现错误", "{files} ledger file(s), {issues} issue(s), no problems found"),
    "check.summary": (
        "{files} 个台账文件：{errors} 个错误，{warnings} 个警告",
        "{files} ledger file(s): {errors} error(s), {warnings} warning(s)",
    ),
    "fmt.reformatted": ("已整理格式：{path}", "reformatted {path}"),
    "fmt.unchanged": ("{count} 个文件格式已规范，无需改动", "{count} file(s) already canonical"),
    "fmt.would_reformat": ("格式不规范：{path}", "would reformat {path}"),
    "fmt.check_failed": (
        "{count} 个文件格式不规范，运行 rectify fmt 整理",
        "{count} file(s) would be reformatted; run rectify fmt",
    ),
    "fmt.kept_block": (
        "{path}:{line}: 此处的注释无法安全移动，该段保持原样",
        "{path}:{line}: a comment here cannot be moved safely; this block was left as it was",
    ),
    "fmt.has_errors": (
        "{path} 有错误，未整理格式；请先运行 rectify check",
        "{path} has errors and was not reformatted; run rectify check first",
    ),
}


def t(key: str, lang: Lang, /, **params: Any) -> str:
    """The text of ``key`` in ``lang``, with ``params`` filled in.

    An unknown key returns the key itself, so a missing text shows up plainly
    (and tests catch it) instead of raising in front of a user.
    """
    texts = CATALOGUE.get(key)
    if texts is None:
        return key
    template = texts[0] if lang == "zh" else texts[1]
    return template.format(**params) if params else template


def t_optional(key: str, lang: Lang, /, **params: Any) -> str | None:
    """Like :func:`t`, but ``None`` when the catalogue has no such key."""
    return t(key, lang, **params) if key in CATALOGUE else None


def label(kind: str, value: str, lang: Lang) -> str:
    """The name shown to people for an enum value: ``label("status", "open", "zh")``."""
    return t(f"{kind}.{value}", lang)


def resolve_lang(
    option: str | None = None,
    config: str | None = None,
    environ: dict[str, str] | None = None,
) -> Lang:
    """Pick the language: --lang, else RECTIFY_LANG, else the config, else the locale.

    A ``zh*`` locale gives Chinese; anything else gives English.
    """
    env = os.environ if environ is None else environ
    for candidate in (option, env.get("RECTIFY_LANG"), config):
        if candidate:
            return "zh" if candidate.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None:
        try:
            code = locale.getlocale()[0] or ""
        except ValueError:
            code = ""
        if code.lower().startswith(("zh", "chinese")):
            return "zh"
    return "en"
