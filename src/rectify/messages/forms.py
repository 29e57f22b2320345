"""The monthly return form (报送表): its sheet, its validations, and importing the returns."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the form -----------------------------------------------------------------------------
    "form.sheet": ("报送表", "Return"),
    "form.title": ("{unit}整改进展报送表（{month}）", "{unit}: progress return ({month})"),
    "form.as_of": (
        "所列为截至 {date} 尚未整改完成的问题",
        "The problems not yet rectified on {date}",
    ),
    "form.return_date": ("填报日期：", "Returned on:"),
    "form.help": (
        "填写说明：只填黄色单元格，其余单元格已锁定。本月完成进度填 0 到 100 的整数；"
        "已整改到位的，完成进度填 100 或整改状态选“已整改”（销号由监督机关办理）；"
        "进展日期不填时按填报日期记；需要调整整改时限的，填写申请调整的时限和理由，由办公室审定。"
        "请勿增删行列、勿改动第一列（隐藏）的编号。",
        "Fill in the yellow cells only; the others are locked. Completion this month: a whole "
        "number from 0 to 100; for a problem rectified, 100 or the status 'rectified' (the "
        "sign-off is the supervisor's). Without a progress date, the return date is used. To ask "
        "for a new deadline, give the date and the reason: the office decides. Do not add or "
        "remove rows or columns, nor change the hidden first column.",
    ),
    "form.col.key": ("台账/编号", "Ledger/ID"),
    "form.col.no": ("序号", "No."),
    "form.col.id": ("编号", "ID"),
    "form.col.title": ("问题", "Problem"),
    "form.col.measures": ("整改措施", "Measures"),
    "form.col.deadline": ("整改时限", "Deadline"),
    "form.col.completion": ("已报完成进度（%）", "Completion so far (%)"),
    "form.col.progress": ("已报最新进展", "Latest progress so far"),
    "form.col.new_completion": ("本月完成进度（%）", "Completion now (%)"),
    "form.col.new_status": ("整改状态", "Status"),
    "form.col.new_progress": ("本月整改进展", "Progress this month"),
    "form.col.new_date": ("进展日期", "Progress date"),
    "form.col.deadline_to": ("申请调整时限至", "New deadline asked"),
    "form.col.deadline_reason": ("调整理由", "Reason for the new deadline"),
    "form.dv.completion_title": ("完成进度", "Completion"),
    "form.dv.completion": ("请填 0 到 100 的整数。", "A whole number from 0 to 100."),
    "form.dv.status_title": ("整改状态", "Status"),
    "form.dv.status": ("请从列表中选择：{words}。", "Choose from the list: {words}."),
    "form.dv.date_title": ("日期", "Date"),
    "form.dv.date": (
        "请填 {first} 至 {last} 之间的日期，如 {first}。",
        "A date from {first} to {last}, such as {first}.",
    ),
    "form.dv.deadline_title": ("申请调整的时限", "New deadline"),
    "form.dv.deadline": (
        "请填晚于现时限 {deadline} 的日期。",
        "A date after the deadline now in force, {deadline}.",
    ),
    "form.dv.text_title": ("文字", "Text"),
    "form.dv.text": ("不超过 500 字。", "At most 500 characters."),
    "export.as_of": ("截至 {date}", "As of {date}"),
    "export.xlsxwriter_missing": (
        "写 xlsx 文件需要 XlsxWriter：pip install xlsxwriter",
        "writing xlsx needs XlsxWriter: pip install xlsxwriter",
    ),
    # --- exporting forms ----------------------------------------------------------------------
    "form.written": (
        "已写出{unit}的报送表（{rows} 个问题）：{path}",
        "wrote the return form of {unit} ({rows} problem(s)) to {path}",
    ),
    "form.written_all": (
        "已写出 {count} 个单位的报送表到 {path}",
        "wrote the return forms of {count} unit(s) to {path}",
    ),
    "form.needs_output": (
        "报送表要写入文件：加 -o 文件名.xlsx（--all-units 时为 -o 文件夹）",
        "a return form is written to a file: add -o NAME.xlsx (-o FOLDER with --all-units)",
    ),
    "form.needs_unit": (
        "请用 --unit 单位 指定一个单位，或用 --all-units 为每个单位各写一份",
        "name a unit with --unit UNIT, or use --all-units for one form per unit",
    ),
    "form.unit_and_all": (
        "--unit 与 --all-units 只能用其一",
        "use --unit or --all-units, not both",
    ),
    "form.only_xlsx": (
        "报送表只能是 xlsx 文件，不能用 --format {fmt}",
        "a return form is an xlsx file; --format {fmt} cannot be used with --form",
    ),
    "form.unit_without_form": (
        "--unit 和 --all-units 只用于 --form（报送表）",
        "--unit and --all-units go with --form (the return form)",
    ),
    "form.output_is_file": (
        "--all-units 要写入一个文件夹，{path} 是文件",
        "--all-units writes into a folder; {path} is a file",
    ),
    "form.no_open": (
        "{unit}截至 {date} 没有未整改完成的问题，无需报送表{hint}",
        "{unit} has no problem left to rectify on {date}: no form to send{hint}",
    ),
    "form.no_open.suggest": ("（是否要写：{units}？）", " (did you mean: {units}?)"),
    "form.none_open": (
        "截至 {date} 没有未整改完成的问题，没有写出报送表",
        "no problem is left to rectify on {date}: no form written",
    ),
    # --- importing returns --------------------------------------------------------------------
    "form.not_a_form": (
        "{path} 不是 rectify 导出的报送表",
        "{path} is not a return form written by rectify",
    ),
    "form.where": (
        "{path} 工作表“{sheet}” {cell} 单元格：",
        "{path}, sheet {sheet}, cell {cell}: ",
    ),
    "form.bad_completion": (
        "完成进度应为 0 到 100 的整数，填的是“{value}”",
        "completion must be a whole number from 0 to 100, not {value!r}",
    ),
    "form.bad_status": (
        "整改状态“{value}”不在可选范围内（可选：{words}；销号由监督机关办理）",
        "status {value!r} is not one a unit may give ({words}; the sign-off is the supervisor's)",
    ),
    "form.bad_date": (
        "“{value}”不是日期（可写 2024-12-31）",
        "{value!r} is not a date (write 2024-12-31)",
    ),
    "form.date_outside": (
        "日期 {date} 不在 {first} 至 {last} 之间（本报送表所在月份和下一个月）",
        "date {date} is not from {first} to {last} (the form's month and the next)",
    ),
    "form.too_long": (
        "有 {count} 字，最多 {most} 字",
        "{count} characters, at most {most}",
    ),
    "form.rectified_not_100": (
        "整改状态为“已整改”，完成进度应为 100，填的是 {value}",
        "the status is rectified, so completion must be 100, not {value}",
    ),
    "form.request_without_reason": (
        "申请调整时限要写明理由",
        "a new deadline asked for needs a reason",
    ),
    "form.reason_without_date": (
        "写了调整理由，但没有填申请调整的时限",
        "a reason is given but no new deadline",
    ),
    "form.before_month": (
        "进展日期 {date} 早于本报送表的月份（{first} 起），会改动以前月份的数字",
        "progress date {date} is before the form's month (from {first}): it would change a past month's figures",
    ),
    "form.future": (
        "进展日期 {date} 晚于今天（{today}）",
        "progress date {date} is after today ({today})",
    ),
    "form.before_last": (
        "进展日期 {date} 早于台账中 {id} 最近一次进展的日期 {last}",
        "progress date {date} is before the latest progress of {id} in the ledger ({last})",
    ),
    "form.before_assigned": (
        "进展日期 {date} 早于 {id} 的交办日期 {assigned}",
        "progress date {date} is before {id} was assigned ({assigned})",
    ),
    "form.no_such_issue": (
        "台账 {ledger} 中没有问题 {id}（隐藏的第一列被改动过？）",
        "ledger {ledger} has no problem {id} (was the hidden first column changed?)",
    ),
    "form.no_such_ledger": (
        "找不到台账 {ledger}（用 -l 指定台账文件或文件夹）",
        "ledger {ledger} is not found (name its file or folder with -l)",
    ),
    "form.twice": (
        "{id} 在 {other} 中已报过，这一行没有记入",
        "{id} was already reported in {other}; this row is not recorded",
    ),
    "form.request_not_later": (
        "申请调整的时限 {to} 不晚于现时限 {deadline}",
        "the new deadline asked for, {to}, is not after the deadline in force, {deadline}",
    ),
    "form.no_forms": (
        "{path} 中没有 rectify 导出的报送表（.xlsx）",
        "{path} holds no return form written by rectify (.xlsx)",
    ),
    "form.needs_ledger": (
        "{path} 不是报送表：导入其他表格要用 -l 指定台账文件",
        "{path} is not a return form: importing another sheet needs -l LEDGER",
    ),
    # --- what an import of returns says -------------------------------------------------------
    "form.read": (
        "{path}：{unit}，截至 {as_of} 的报送表，{filled}/{rows} 个问题有填报{returned}",
        "{path}: {unit}, form as of {as_of}, {filled} of {rows} problem(s) filled in{returned}",
    ),
    "form.read.returned": ("，填报日期 {date}", ", returned on {date}"),
    "form.recorded_head": ("记入进展（{count} 个）：", "progress to record ({count}):"),
    "form.recorded": (
        "  {id}（{unit}）：{old}% → {new}%，{date}{done}{note}",
        "  {id} ({unit}): {old}% -> {new}%, {date}{done}{note}",
    ),
    "form.recorded.done": ("，已整改（单位报）", ", rectified (the unit's claim)"),
    "form.recorded.note": ("：{note}", ": {note}"),
    "form.skipped_head": ("未记入（{count} 个）：", "not recorded ({count}):"),
    "form.skipped": ("  {id}（{unit}）：{reason}", "  {id} ({unit}): {reason}"),
    "form.not_active": (
        "台账中已是“{status}”，报送表的内容没有记入",
        "already {status} in the ledger; the return is not recorded",
    ),
    "form.unchanged": ("与台账相同，没有变化", "the same as the ledger: nothing to change"),
    "form.bad_head": ("不能接受的填报（{count} 处）：", "values that cannot be taken ({count}):"),
    "form.requests_head": (
        "申请调整整改时限（{count} 个，由办公室审定，未自动调整）：",
        "new deadlines asked for ({count}; for the office to decide, not applied):",
    ),
    "form.request": (
        '  {id}（{unit}）：{deadline} → {to}，理由：{reason}\n    同意时：rectify extend {id} --to {to} --reason "{reason}"',
        '  {id} ({unit}): {deadline} -> {to}, because: {reason}\n    to grant: rectify extend {id} --to {to} --reason "{reason}"',
    ),
    "form.missing_head": (
        "未报送的单位（{count} 个，截至 {date} 有未整改完成的问题）：{units}",
        "units that have not returned their form ({count}, with problems open on {date}): {units}",
    ),
    "form.others": (
        "文件夹中不是报送表的文件（{count} 个，未读取）：{names}",
        "files in the folder that are no return form ({count}, not read): {names}",
    ),
    "form.all_returned": (
        "有未完成问题的单位都已报送",
        "every unit with open problems has returned its form",
    ),
    "form.summary": (
        "已记入 {recorded} 个问题的进展（其中已整改 {done} 个），未记入 {skipped} 个，不能接受 {bad} 处，申请调整时限 {requests} 个",
        "recorded the progress of {recorded} problem(s) ({done} rectified), {skipped} not recorded, {bad} value(s) refused, {requests} new deadline(s) asked",
    ),
    "form.summary_preview": (
        "预览，未写入：将记入 {recorded} 个问题的进展（其中已整改 {done} 个），未记入 {skipped} 个，不能接受 {bad} 处，申请调整时限 {requests} 个；确认无误后加 --update 写入",
        "preview, nothing written: {recorded} problem(s) to record ({done} rectified), {skipped} not recorded, {bad} value(s) refused, {requests} new deadline(s) asked; add --update to write",
    ),
    "form.not_written": (
        "有 {count} 处填报不能接受，未写入任何内容；请单位改正后重报，或加 --skip-bad 只记入其余的问题",
        "{count} value(s) cannot be taken, so nothing was written; have the unit correct them, or add --skip-bad to record the others",
    ),
    "form.written_ledger": ("已写入 {path}", "wrote {path}"),
}
