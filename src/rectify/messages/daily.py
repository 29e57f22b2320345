"""Messages of the daily workflow: init, new, add, update, done, close, list, show."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- ops: finding issues ---------------------------------------------------------------
    "ops.not_found": (
        "没有编号为 {id} 的问题（在 {count} 个问题中查找）；运行 rectify list 查看全部编号",
        "no issue {id} (searched {count} issues); rectify list shows every id",
    ),
    "ops.not_found.suggest": (
        "没有编号为 {id} 的问题；是不是：{candidates}？",
        "no issue {id}; did you mean: {candidates}?",
    ),
    "ops.ambiguous": (
        "编号 {id} 在多个台账中都有：{candidates}；请用“台账编号/问题编号”写法，或用 -l 指定台账文件",
        "{id} is in several ledgers: {candidates}; write LEDGER-ID/ISSUE-ID, or name the ledger file with -l",
    ),
    # --- ops: values -------------------------------------------------------------------------
    "ops.unknown_unit": (
        "单位名录中没有 {unit}；请核对名称，确属新单位请加 --new-unit（会写入 rectify.toml 的单位名录）",
        "{unit} is not in the known units; check the name, or add --new-unit to add it to rectify.toml",
    ),
    "ops.unknown_unit.suggest": (
        "单位名录中没有 {unit}，是不是 {suggestion}？确属新单位请加 --new-unit",
        "{unit} is not in the known units: did you mean {suggestion}? Add --new-unit if it is a new one",
    ),
    "ops.bad_completion": (
        "完成进度 {value} 无效：应为 0 到 100 之间的数，最多一位小数，例如 74.4",
        "completion {value} is not valid: give a number from 0 to 100 with at most one decimal, e.g. 74.4",
    ),
    "ops.bad_amount": (
        "{option} 的金额 {value} 无效：按万元写 0 或更大的数字，最多四位小数，例如 800.25",
        "{option}: {value} is not an amount: write 0 or more in 10,000 yuan, at most four decimals, e.g. 800.25",
    ),
    "ops.empty": ("{name} 不能为空", "{name} must not be empty"),
    "ops.future_date": (
        "日期 {date} 晚于今天（{today}）；进展和销号在发生后再记录",
        "the date {date} is after today ({today}); record progress and sign-offs once they happen",
    ),
    "ops.no_prefix": (
        "台账 {ledger} 没有编号前缀；请在台账头部 ledger: 下加一行 id_prefix: 前缀（例如 id_prefix: SMX）",
        "ledger {ledger} has no id prefix; add id_prefix: (e.g. id_prefix: SMX) under ledger: in its header",
    ),
    "ops.deadline_before_assigned": (
        "整改时限 {deadline} 早于交办日期 {assigned}；请核对 --deadline 或 --assigned-on",
        "the deadline {deadline} is before the assignment date {assigned}; check --deadline or --assigned-on",
    ),
    "ops.before_assigned": (
        "{id}：日期 {date} 早于交办日期 {assigned}；请给出 {assigned} 当天或之后的日期",
        "{id}: the date {date} is before the assignment date {assigned}; give {assigned} or later",
    ),
    "ops.before_last_progress": (
        "{id}：日期 {date} 早于最近一条进展的日期 {last}；进展按时间顺序追加，请用 --on {last} 或更晚的日期",
        "{id}: the date {date} is before the last progress entry ({last}); progress is added in date order, use --on {last} or later",
    ),
    # --- ops: wrong transitions ------------------------------------------------------------------
    "ops.update.rectified": (
        "{id} 已于 {rectified_on} 整改完成，不能再记录进展；如确需继续整改，先运行 rectify reopen {id} --note 原因",
        "{id} was rectified on {rectified_on}; to record more progress, first run rectify reopen {id} --note WHY",
    ),
    "ops.update.closed": (
        "{id} 已销号，不能再记录进展；如问题反弹，先运行 rectify reopen {id} --note 原因",
        "{id} is closed (signed off); if the problem is back, first run rectify reopen {id} --note WHY",
    ),
    "ops.update.dismissed": (
        "{id} 已于 {dismissed_on} 列为不予整改；如需恢复整改，先运行 rectify reopen {id} --note 原因",
        "{id} was dismissed on {dismissed_on}; to take it up again, first run rectify reopen {id} --note WHY",
    ),
    "ops.done.rectified": (
        "{id} 已于 {rectified_on} 整改完成；验收后用 rectify close {id} --by 验收单位 销号",
        "{id} was already rectified on {rectified_on}; once verified, sign it off with rectify close {id} --by WHO",
    ),
    "ops.done.closed": (
        "{id} 已销号，无需再标记整改完成",
        "{id} is already closed (signed off); nothing to mark",
    ),
    "ops.done.dismissed": (
        "{id} 已列为不予整改；如需恢复整改，先运行 rectify reopen {id} --note 原因",
        "{id} is dismissed; to take it up again, first run rectify reopen {id} --note WHY",
    ),
    "ops.close.open": (
        "{id} 尚未整改，不能销号；整改完成后先运行 rectify done {id}，再销号",
        "{id} is not rectified yet and cannot be closed; first run rectify done {id} when it is, then close it",
    ),
    "ops.close.in_progress": (
        "{id} 正在整改，尚未完成，不能销号；整改完成后先运行 rectify done {id}，再销号",
        "{id} is still in progress and cannot be closed; first run rectify done {id} when it is rectified, then close it",
    ),
    "ops.close.closed": (
        "{id} 已于 {date} 由 {by} 验收销号",
        "{id} was already signed off on {date} by {by}",
    ),
    "ops.close.dismissed": (
        "{id} 已列为不予整改，不需要销号",
        "{id} is dismissed; a dismissed issue is not signed off",
    ),
    "ops.close.before_rectified": (
        "{id}：销号日期 {date} 早于整改完成日期 {rectified_on}；请用 --on {rectified_on} 或更晚的日期",
        "{id}: the sign-off date {date} is before the rectification date {rectified_on}; use --on {rectified_on} or later",
    ),
    "ops.reopen.active": (
        "{id} 尚未整改完成（{status}），无需重新打开；记录进展请用 rectify update {id}",
        "{id} is not rectified ({status}); there is nothing to reopen; record progress with rectify update {id}",
    ),
    "ops.reopen.before": (
        "{id}：重新整改日期 {date} 早于它要撤销的日期 {undone}；请用 --on {undone} 或更晚的日期",
        "{id}: the reopening date {date} is before the date it undoes ({undone}); use --on {undone} or later",
    ),
    "ops.apply.open": (
        "{id} 尚未整改，不能申请销号；整改完成后先运行 rectify done {id}，再申请",
        "{id} is not rectified yet, so no sign-off can be applied for; first run rectify done {id} when it is, then apply",
    ),
    "ops.apply.in_progress": (
        "{id} 正在整改，尚未完成，不能申请销号；整改完成后先运行 rectify done {id}，再申请",
        "{id} is still in progress, so no sign-off can be applied for; first run rectify done {id} when it is rectified, then apply",
    ),
    "ops.apply.closed": (
        "{id} 已销号，无需再申请",
        "{id} is already closed (signed off); there is nothing to apply for",
    ),
    "ops.apply.dismissed": (
        "{id} 已列为不予整改，不需要申请销号",
        "{id} is dismissed; a dismissed issue is not signed off",
    ),
    "ops.apply.pending": (
        "{id} 已于 {date} 申请销号，尚待审核；审核通过用 rectify close {id} --by 验收单位，退回用 rectify return {id} --reason 理由",
        "{id} already applied for sign-off on {date} and awaits a decision; approve with rectify close {id} --by WHO, return with rectify return {id} --reason WHY",
    ),
    "ops.apply.before_rectified": (
        "{id}：申请日期 {date} 早于整改完成日期 {rectified_on}；请用 --on {rectified_on} 或更晚的日期",
        "{id}: the application date {date} is before the rectification date {rectified_on}; use --on {rectified_on} or later",
    ),
    "ops.signoff.before_last": (
        "{id}：日期 {date} 早于销号审核的上一步（{last}）；请用 --on {last} 或更晚的日期",
        "{id}: the date {date} is before the last step of the sign-off review ({last}); use --on {last} or later",
    ),
    "ops.return.none": (
        "{id} 没有待审核的销号申请，无可退回；单位申请销号用 rectify apply {id}",
        "{id} has no application for sign-off awaiting a decision, so there is nothing to return; a unit applies with rectify apply {id}",
    ),
    "ops.reopen.pending": (
        "{id} 已于 {date} 申请销号，尚待审核；不予通过请用 rectify return {id} --reason 理由",
        "{id} applied for sign-off on {date} and awaits a decision; to turn it down use rectify return {id} --reason WHY",
    ),
    "ops.extend.rectified": (
        "{id} 已于 {rectified_on} 整改完成，不需要调整时限",
        "{id} was rectified on {rectified_on}; its deadline no longer matters",
    ),
    "ops.extend.closed": (
        "{id} 已销号，不需要调整时限",
        "{id} is closed (signed off); its deadline no longer matters",
    ),
    "ops.extend.dismissed": (
        "{id} 已列为不予整改，不需要调整时限；如需恢复整改，先运行 rectify reopen {id} --note 原因",
        "{id} is dismissed; to take it up again, first run rectify reopen {id} --note WHY",
    ),
    "ops.extend.same": (
        "{id} 的整改时限已经是 {deadline}",
        "the deadline of {id} is already {deadline}",
    ),
    "ops.extend.before_last": (
        "{id}：调整日期 {date} 早于上一次时限调整的日期 {last}；请用 --on {last} 或更晚的日期",
        "{id}: the date {date} is before the previous deadline change ({last}); use --on {last} or later",
    ),
    "ops.dismiss.rectified": (
        "{id} 已于 {rectified_on} 整改完成，不能列为不予整改；如确有必要，先运行 rectify reopen {id} --note 原因",
        "{id} was rectified on {rectified_on} and cannot be dismissed; if you must, first run rectify reopen {id} --note WHY",
    ),
    "ops.dismiss.closed": (
        "{id} 已销号，不能列为不予整改",
        "{id} is closed (signed off) and cannot be dismissed",
    ),
    "ops.dismiss.dismissed": (
        "{id} 已于 {dismissed_on} 列为不予整改",
        "{id} was already dismissed on {dismissed_on}",
    ),
    # --- config: the comments of a written rectify.toml, and writing it --------------------------
    "config.comment.header": (
        "rectify 项目设置。rectify 从当前文件夹向上查找本文件，就像 git 查找 .git。",
        "rectify project settings. rectify finds this file by walking up from the current folder, as git finds .git.",
    ),
    "config.comment.ledgers": (
        "台账文件夹，相对于本文件所在的文件夹",
        "the ledgers folder, relative to this file's folder",
    ),
    "config.comment.lang": (
        "界面和报告的语言：zh 中文，en 英文（命令行的 --lang 和环境变量 RECTIFY_LANG 优先）",
        "language of messages and reports: zh or en (--lang and RECTIFY_LANG take precedence)",
    ),
    "config.comment.due_soon_days": (
        "临期：距整改时限不超过这么多天、尚未整改完成的问题",
        "due soon: unrectified issues whose deadline is at most this many days away",
    ),
    "config.comment.pace_margin": (
        "黄色预警：完成进度低于序时进度超过这么多个百分点（0–100）",
        "yellow warning: completion more than this many points below the pace line (0–100)",
    ),
    "config.comment.id_width": (
        "问题编号中数字的位数：3 表示 SMX-001",
        "digits in issue ids: 3 gives SMX-001",
    ),
    "config.comment.units": (
        "单位名录：rectify add 只接受这里列出的牵头、配合单位（加 --new-unit 可添加新单位）；留空则不检查",
        "known units: rectify add accepts only the lead and co-units listed here (--new-unit adds one); empty: any unit",
    ),
    "config.exists": (
        "{path} 已存在，未做任何改动；如需修改设置，请直接编辑这个文件",
        "{path} already exists and was left unchanged; edit it to change the settings",
    ),
    # --- list ---------------------------------------------------------------------------------
    "list.col.due": ("时限情况", "due"),
    "list.col.warning": ("预警", "warning"),
    "list.overdue_days": ("逾期 {days} 天", "{days} days overdue"),
    "list.due_in_days": ("临期，还剩 {days} 天", "due in {days} days"),
    "list.summary": (
        "截至 {as_of}：共 {count} 个问题，逾期 {overdue} 个，临期 {soon} 个",
        "as of {as_of}: {count} issues, {overdue} overdue, {soon} due soon",
    ),
    "list.summary.carried": (
        "截至 {as_of}：共 {count} 个问题，逾期 {overdue} 个，临期 {soon} 个；"
        "另有 {carried} 个问题已结转或由下级承接，不重复计算",
        "as of {as_of}: {count} issues, {overdue} overdue, {soon} due soon; "
        "{carried} carried over or handed down to a lower level are not counted again",
    ),
    "list.carried_to": ("已结转至 {target}", "carried to {target}"),
    "list.handed_to": ("由 {target} 承接", "worked off in {target}"),
    "list.more": (
        "只显示了前 {shown} 个问题，还有 {rest} 个未显示（共 {count} 个）。看全部：在命令后加 "
        "“> 清单.txt”存成文件，或加 --format csv；也可用 --unit、--status、--warning 缩小范围",
        "showing the first {shown} issues; {rest} more are not shown ({count} in all). To see "
        "them all, add '> list.txt' to save them to a file, or use --format csv; or narrow the "
        "list with --unit, --status or --warning",
    ),
    "list.none": ("截至 {as_of}，没有符合条件的问题", "as of {as_of}, no issue matches"),
    "list.bad_choice": (
        "{option} 的值 {value} 无效；可选：{choices}",
        "{option}: {value} is not valid; choose one of: {choices}",
    ),
    # --- show ---------------------------------------------------------------------------------
    "show.deadline_changed": (
        "（原定 {original}，已调整 {count} 次）",
        " (originally {original}, changed {count} time(s))",
    ),
    "show.timeline": ("时间线", "Timeline"),
    "show.warning": ("预警", "warning"),
    "show.warning.named": ("{name}（{meaning}）", "{name} ({meaning})"),
    "show.warning.sep": ("：", ": "),
    "show.warning.red": (
        "整改时限 {deadline}，已超过 {days} 天，完成进度 {completion}",
        "deadline {deadline}, {days} days past, {completion} complete",
    ),
    "show.warning.yellow": (
        "完成进度 {completion}，序时进度 {expected}，落后 {behind} 个百分点",
        "{completion} complete against {expected} on the pace line, {behind} points behind",
    ),
    "show.warning.blue": (
        "整改时限 {deadline}，还剩 {days} 天，完成进度 {completion}",
        "deadline {deadline}, {days} days left, {completion} complete",
    ),
    "show.warning.blue_today": (
        "整改时限 {deadline}，今天到期，完成进度 {completion}",
        "deadline {deadline} is today, {completion} complete",
    ),
    "show.warning.none": (
        "完成进度 {completion}，序时进度 {expected}",
        "{completion} complete, {expected} on the pace line",
    ),
    "show.warning.none_no_pace": ("完成进度 {completion}", "{completion} complete"),
    "show.col.date": ("日期", "date"),
    "show.col.event": ("事项", "event"),
    "show.col.note": ("说明", "note"),
    "show.ev.assigned": ("交办", "assigned"),
    "show.ev.progress": ("进展", "progress"),
    "show.ev.deadline": ("时限调整 {from_} → {to}", "deadline {from_} → {to}"),
    "show.ev.rectified": ("整改完成", "rectified"),
    "show.ev.closed": ("验收销号", "signed off"),
    "show.ev.dismissed": ("不予整改", "dismissed"),
    "show.ev.reopened": ("重新整改", "reopened"),
    "show.ev.applied": ("申请销号", "applied for sign-off"),
    "show.ev.returned": ("退回", "returned"),
    "show.not_yet": (
        "注意：{day} 时该问题尚未交办（交办日期 {assigned}），当时尚无任何记录。",
        "note: on {day} this issue had not been assigned yet (assigned on {assigned}); "
        "nothing had been recorded by then.",
    ),
    # --- where to write --------------------------------------------------------------------------
    "daily.no_ledgers": (
        "{path} 中还没有台账。先运行 rectify init 建立项目，再用 rectify new 新建台账",
        "there are no ledgers in {path} yet; run rectify init to start a project, then rectify new to create a ledger",
    ),
    "new.no_config": (
        "提示：这里还没有 rectify.toml，台账按默认设置使用；运行 rectify init 可设定语言、单位名录等",
        "note: there is no rectify.toml here, so the defaults apply; "
        "rectify init sets the language, the known units and more",
    ),
    "update.fell": (
        "注意：{id} 的完成进度比上次（{before}）低了；如是填错，可再运行一次 rectify update 更正",
        "note: {id}'s completion is lower than last time ({before}); "
        "if that is a slip, run rectify update again to correct it",
    ),
    "extend.past": (
        "注意：新的整改时限 {to} 早于 {date}，这个问题仍算逾期",
        "note: the new deadline {to} is before {date}, so the problem is still overdue",
    ),
    "project.no_ledger_id": (
        "没有叫 {id} 的文件或台账；台账编号相近的有：{ids}",
        "no file, folder or ledger id {id}; ledger ids close to it: {ids}",
    ),
    "daily.choose_ledger": (
        "有 {count} 个台账，请用 -l 指定要写入哪一个：\n  {ledgers}",
        "there are {count} ledgers; name the one to write to with -l:\n  {ledgers}",
    ),
    "daily.not_a_file": (
        "{path} 是文件夹，其中有 {count} 个台账；请用 -l 指定其中一个文件",
        "{path} is a folder with {count} ledgers; name one file with -l",
    ),
    # --- prompts ---------------------------------------------------------------------------------
    "ask.title": ("问题（标题）", "Title"),
    "ask.unit": ("牵头单位", "Lead unit"),
    "ask.assigned-on": (
        "交办日期（本清单 {listed} 交办；直接回车为今天）",
        "Assigned on (the list was handed down on {listed}; Enter for today)",
    ),
    "ask.deadline": (
        "整改时限（如 2024-12-31、2024年12月）",
        "Deadline (e.g. 2024-12-31, 2024-12)",
    ),
    "ask.source": ("问题来源", "Source"),
    "ask.track": ("整改类型", "Track"),
    "ask.choose": ("请输入序号", "Enter a number"),
    "ask.units_known": ("单位名录：", "Known units:"),
    "ask.unit_or_number": ("牵头单位（名称或序号）", "Lead unit (name or number)"),
    "ask.bad_choice": ("请输入 1 到 {count} 之间的序号", "enter a number from 1 to {count}"),
    "ask.unknown_unit": (
        "单位名录中没有 {unit}；请输入名录中的单位名称或序号（确属新单位，请在命令中加 --new-unit）",
        "{unit} is not in the known units; enter a name or number from the list "
        "(for a new unit, give the command --new-unit)",
    ),
    "ask.unknown_unit.suggest": (
        "单位名录中没有 {unit}，是不是 {suggestion}？请输入名录中的单位名称或序号",
        "{unit} is not in the known units: did you mean {suggestion}? "
        "Enter a name or number from the list",
    ),
    "ask.ledger_id": ("台账编号（如 smx-city-2024）", "Ledger id (e.g. smx-city-2024)"),
    "ask.ledger_title": ("台账名称（问题清单标题）", "Ledger title (the problem list's name)"),
    "ask.supervisor": ("监督机关（如 三门峡市人大常委会）", "Supervising body"),
    "ask.prefix": (
        "问题编号前缀（如 SMX，问题编号为 SMX-001）",
        "Issue id prefix (e.g. SMX gives SMX-001)",
    ),
    "ask.lang": ("界面语言 zh 或 en", "Language, zh or en"),
    "ask.units": (
        "单位名录：输入牵头、配合单位名称，用顿号或逗号分隔（可留空，以后再加）",
        "Known units, separated by commas (may be left empty)",
    ),
    # --- init ------------------------------------------------------------------------------------
    "init.created": (
        "已建立项目：{config} 和台账文件夹 {ledgers}",
        "created {config} and the ledgers folder {ledgers}",
    ),
    "init.next": (
        "下一步：新建一个台账，例如\n  rectify new --id smx-city-2024 --title 问题清单名称 --supervisor 监督机关 --prefix SMX",
        'next, create a ledger, e.g.\n  rectify new --id city-2024 --title "Problem list" --supervisor "Standing committee" --prefix CITY',
    ),
    "init.bad_lang": (
        "--lang 只能是 zh 或 en，这里是 {value}",
        "--lang must be zh or en, not {value}",
    ),
    # --- new -------------------------------------------------------------------------------------
    "new.created": (
        "已新建台账 {path}（台账编号 {id}，问题编号从 {first} 开始）",
        "created the ledger {path} (ledger id {id}; issues will be numbered from {first})",
    ),
    "new.next": (
        "下一步：添加问题，例如\n  rectify add -l {path} --title 问题 --unit 牵头单位 --deadline 2025-06-30",
        "next, add issues, e.g.\n  rectify add -l {path} --title TITLE --unit UNIT --deadline 2025-06-30",
    ),
    "new.exists": (
        "{path} 已存在，未做改动；请换一个台账编号",
        "{path} already exists and was left unchanged; choose another ledger id",
    ),
    "new.id_taken": (
        "台账编号 {id} 已被 {path} 使用；请换一个",
        "the ledger id {id} is already used by {path}; choose another",
    ),
    "new.bad_id": (
        "台账编号 {value} 无效：只能用字母、数字、汉字、点、横线和下划线，例如 smx-city-2024",
        "the ledger id {value} is not valid: use letters, digits, dots, hyphens and underscores, e.g. city-2024",
    ),
    "new.bad_prefix": (
        "编号前缀 {value} 无效：只能用字母、数字、汉字和下划线，例如 SMX",
        "the id prefix {value} is not valid: use letters, digits and underscores, e.g. SMX",
    ),
    # --- add and the changes -----------------------------------------------------------------------
    "add.added": (
        "已添加 {id}：{title}（牵头单位 {unit}，交办日期 {assigned}，整改时限 {deadline}）→ {path}",
        "added {id}: {title} (lead unit {unit}, assigned {assigned}, deadline {deadline}) → {path}",
    ),
    "add.units_added": (
        "已将 {units} 加入单位名录（{path}）",
        "added {units} to the known units ({path})",
    ),
    "add.no_config": (
        "没有 rectify.toml，{units} 未写入单位名录；运行 rectify init 建立项目后，单位名录才会保存",
        "there is no rectify.toml, so {units} was not saved as a known unit; run rectify init first",
    ),
    "update.done": (
        "{id}：完成进度 {before} → {after}（{date}），状态：{status}",
        "{id}: completion {before} → {after} ({date}), status: {status}",
    ),
    "update.hint_done": (
        "提示：完成进度已到 100%；整改完成请运行 rectify done {id}",
        "hint: completion is 100%; to mark it rectified, run rectify done {id}",
    ),
    "done.done": (
        "{id} 已整改（{date}）；验收后运行 rectify close {id} --by 验收单位 销号",
        "{id} is rectified ({date}); once verified, sign it off with rectify close {id} --by WHO",
    ),
    "done.again": (
        "{id} 已整改（{date}）；再次申请销号请运行 rectify apply {id}",
        "{id} is rectified ({date}); to apply for sign-off again, run rectify apply {id}",
    ),
    "apply.done": (
        "{id} 已申请销号（{by}，{date}），待审核",
        "{id} applied for sign-off ({by}, {date}); awaiting a decision",
    ),
    "apply.done.next": (
        "审核通过：rectify close {id} --by 验收单位；不予通过：rectify return {id} --reason 理由",
        "to approve: rectify close {id} --by WHO; to return it: rectify return {id} --reason WHY",
    ),
    "return.done": (
        "{id} 的销号申请已退回（{reason}，{date}），改回{status}",
        "the application of {id} was returned ({reason}, {date}); it is {status} again",
    ),
    "close.done": ("{id} 已销号（{by}，{date}）", "{id} is closed (signed off by {by}, {date})"),
    "reopen.done": (
        "{id} 已重新打开：状态 整改中，完成进度 {completion}；"
        "原整改和销号记录保留在 reopened 中，已报告的月份数字不变",
        "{id} is reopened: in progress, completion {completion}; the rectification and "
        "sign-off it undid are kept under reopened, so months already reported keep their figures",
    ),
    "reopen.done.next": (
        "提示：用 rectify update {id} --completion 完成进度 记录重新整改的实际进度",
        "hint: record where the work stands now with rectify update {id} --completion PERCENT",
    ),
    "extend.done": (
        "{id}：整改时限 {from_} → {to}（第 {count} 次调整）",
        "{id}: deadline {from_} → {to} (change no. {count})",
    ),
    "dismiss.done": (
        "{id} 已列为不予整改（{date}），不再计入整改完成率",
        "{id} is dismissed ({date}) and no longer counts in the rates",
    ),
    "config.comment.fonts": (
        "Word 文件（report、notice 的 .docx）所用字体，按语言",
        "the fonts of the Word documents (report and notice as .docx), by language",
    ),
}
