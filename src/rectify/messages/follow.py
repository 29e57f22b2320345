"""Messages of follow-through: warnings, due, notice, carry-over."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- three-colour warnings (三色预警) -------------------------------------------------
    "follow.level.red": ("红", "red"),
    "follow.level.yellow": ("黄", "yellow"),
    "follow.level.blue": ("蓝", "blue"),
    "follow.level.none": ("—", "—"),
    "follow.level.red.meaning": ("逾期", "overdue"),
    "follow.level.yellow.meaning": ("进度滞后", "behind pace"),
    "follow.level.blue.meaning": ("临期", "due soon"),
    "follow.level.none.meaning": ("无预警", "no warning"),
    "follow.level.red.name": ("红色预警", "red warning"),
    "follow.level.yellow.name": ("黄色预警", "yellow warning"),
    "follow.level.blue.name": ("蓝色预警", "blue warning"),
    "follow.level.none.name": ("无预警", "no warning"),
    "follow.days_overdue": ("逾期{days}天", "{days} days overdue"),
    "follow.days_left": ("还剩{days}天", "{days} days left"),
    "notice.dismissed": ("（其中{count}个不予整改，不计入）", " ({count} dismissed, not counted)"),
    "follow.due_today": ("今天到期", "due today"),
    "follow.silent": ("超过一个月未报送", "silent over a month"),
    "follow.silent_short": ("未报送", "silent"),
    "follow.never_reported": ("未报送过进展", "never reported"),
    # --- rectify due ---------------------------------------------------------------------
    "due.title": ("督办清单（截至{as_of}）", "Chase list (as of {as_of})"),
    "due.rules": (
        "红：逾期；黄：完成进度低于序时进度{margin}个百分点以上；蓝：{days}天内到期",
        "red: overdue; yellow: more than {margin} points behind the pace line; blue: due within {days} days",
    ),
    "due.totals": (
        "红色预警{red}个，黄色预警{yellow}个，蓝色预警{blue}个；超过一个月未报送进展{silent}个",
        "{red} red, {yellow} yellow, {blue} blue; {silent} with no progress report for over a month",
    ),
    "due.unit_counts": (
        "红{red} 黄{yellow} 蓝{blue} 未报送{silent}",
        "red {red} · yellow {yellow} · blue {blue} · silent {silent}",
    ),
    "due.none": ("截至{as_of}，没有需要督办的问题。", "Nothing to chase as of {as_of}."),
    "due.unit_more": (
        "{unit}还有 {rest} 个问题未显示",
        "{rest} more of {unit} are not shown",
    ),
    "due.more": (
        "每个单位只显示最紧要的 {shown} 个问题。看全部：在命令后加“> 督办清单.txt”存成文件，"
        "或加 --format markdown；也可用 --unit 只看一个单位",
        "each unit shows its {shown} most urgent problems. To see them all, add "
        "'> chase.txt' to save them to a file, or use --format markdown; or see one unit "
        "with --unit",
    ),
    "due.col.level": ("预警", "Warning"),
    "due.col.id": ("编号", "ID"),
    "due.col.title": ("问题", "Problem"),
    "due.col.deadline": ("整改时限", "Deadline"),
    "due.col.days": ("逾期/还剩", "Overdue / left"),
    "due.col.completion": ("完成进度", "Done"),
    "due.col.expected": ("序时进度", "Pace"),
    "due.col.last": ("最近进展", "Last report"),
    "filter.unknown_unit": (
        "台账中没有单位为“{unit}”的问题；rectify status --by unit 可看全部单位",
        "no issue names the unit {unit}; rectify status --by unit lists every unit",
    ),
    "filter.unknown_unit.suggest": (
        "台账中没有单位为“{unit}”的问题；是不是 {suggestion}？",
        "no issue names the unit {unit}; did you mean {suggestion}?",
    ),
    "due.bad_number": (
        "{option} 应为不小于0的整数，而不是 {value}",
        "{option} must be a whole number of 0 or more, not {value}",
    ),
    # --- rectify notice (督办提醒函) ---------------------------------------------------------
    "notice.title": (
        "关于加快问题整改进度的督办提醒函",
        "Reminder notice: problems overdue or behind schedule",
    ),
    "notice.salutation": ("{unit}：", "To: {unit}"),
    "notice.opening": (
        "根据{lists}整改工作安排，经对你单位牵头整改问题的进展情况进行梳理，截至{date}，你单位牵头的问题共{total}个{dismissed}，已整改到位{rectified}个。其中，{findings}。现将有关情况提醒如下：",
        "Under the rectification arrangements of {lists}, we have reviewed the progress of the problems your unit leads. As of {date}, your unit leads {total} problems{dismissed}; {rectified} are rectified. Needing attention: {findings}. The details follow.",
    ),
    "notice.list": ("《{title}》", "“{title}”"),
    "notice.finding.red": (
        "{count}个问题已超过整改时限仍未整改到位",
        "{count} past the deadline and not yet rectified",
    ),
    "notice.finding.yellow": ("{count}个问题整改进度明显滞后", "{count} well behind schedule"),
    "notice.finding.blue": ("{count}个问题即将到期", "{count} due soon"),
    "notice.finding.silent": (
        "{count}个问题超过一个月未报送整改进展",
        "{count} with no progress report for over a month",
    ),
    "notice.section.red": ("逾期未完成整改的问题", "Problems past their deadline"),
    "notice.section.yellow": ("整改进度滞后的问题", "Problems behind schedule"),
    "notice.section.blue": ("即将到期的问题", "Problems due soon"),
    "notice.section.silent": ("未按月报送进展的问题", "Problems with no monthly report"),
    "notice.item.head": ("**{title}**（{id}）。", "**{title}** ({id})."),
    "notice.item.red": (
        "整改时限为{deadline}，已逾期{days}天，目前完成进度为{completion}。",
        "The deadline was {deadline}; it is {days} days overdue and {completion} complete.",
    ),
    "notice.item.yellow": (
        "整改时限为{deadline}，按序时进度应完成{expected}，目前完成进度为{completion}，滞后{behind}个百分点。",
        "The deadline is {deadline}; on schedule it would be {expected} complete, but it is {completion}, {behind} points behind.",
    ),
    "notice.item.yellow_planned": (
        "计划于{planned}完成（整改时限为{deadline}），按计划进度应完成{expected}，目前完成进度为{completion}，滞后{behind}个百分点。",
        "It is planned to finish on {planned} (deadline {deadline}); on plan it would be {expected} complete, but it is {completion}, {behind} points behind.",
    ),
    "notice.item.blue": (
        "整改时限为{deadline}，距到期还有{days}天，目前完成进度为{completion}。",
        "The deadline is {deadline}, {days} days from now; it is {completion} complete.",
    ),
    "notice.item.blue_today": (
        "整改时限为{deadline}，今天到期，目前完成进度为{completion}。",
        "The deadline is today, {deadline}; it is {completion} complete.",
    ),
    "notice.item.none": (
        "整改时限为{deadline}，目前完成进度为{completion}。",
        "The deadline is {deadline}; it is {completion} complete.",
    ),
    "notice.item.last": (
        "最近一次报送进展（{date}）：{note}。",
        "Last progress report ({date}): {note}.",
    ),
    "notice.item.last_bare": ("最近一次报送进展为{date}。", "Last progress report on {date}."),
    "notice.item.silent": (
        "已超过一个月未报送整改进展。",
        "Nothing has been reported for over a month.",
    ),
    "notice.item.never": (
        "交办以来未报送过整改进展。",
        "No progress has been reported since it was assigned.",
    ),
    "notice.asks": (
        "请你单位高度重视，对照问题清单和整改措施，逐项分析原因，压实整改责任，加快整改进度：",
        "Please give these problems your full attention: go through them one by one, find out what is holding them up, make clear who is responsible, and speed up the work:",
    ),
    "notice.ask.red": (
        "对逾期问题，明确整改完成时间，尽快整改到位；确需调整整改时限的，书面说明理由并提出申请。",
        "for the overdue problems, set a date by which each will be rectified and finish as soon as possible; where a deadline really has to move, apply in writing and give the reasons;",
    ),
    "notice.ask.yellow": (
        "对进度滞后的问题，制定赶进度措施，倒排工期，确保按期完成。",
        "for the problems behind schedule, say how the delay will be made up and plan the remaining work back from the deadline;",
    ),
    "notice.ask.blue": (
        "对即将到期的问题，抓紧收尾，确保按期整改到位。",
        "for the problems due soon, finish the remaining work so that they are rectified on time;",
    ),
    "notice.ask.silent": (
        "按月报送整改进展，不漏报、不迟报。",
        "report progress every month, on time;",
    ),
    "notice.reply": (
        "请于{date}前将上述问题的整改进展、存在的困难和下一步措施书面报送{supervisor}。",
        "Please send {supervisor} a written report on these problems (progress, difficulties and next steps) by {date}.",
    ),
    "notice.closing": ("特此提醒。", "Thank you for your attention to this matter."),
    "notice.supervisor_unknown": ("（监督机关）", "(the supervising body)"),
    "notice.nothing": (
        "截至{as_of}，{unit}没有需要督办的问题，未生成提醒函",
        "{unit} has nothing to chase as of {as_of}; no notice written",
    ),
    "notice.file_stem": ("{unit}-督办提醒函-{date}", "{unit}-reminder-{date}"),
    "notice.file_stem.escalated": ("{unit}-督办函-{date}", "{unit}-chase-letter-{date}"),
    "notice.file_stem.overdue": ("{unit}-督办通知-{date}", "{unit}-overdue-notice-{date}"),
    "notice.written": ("已写入 {path}", "wrote {path}"),
    "notice.written_all": (
        "共生成{count}份督办文书，保存在 {path}",
        "{count} notice(s) written to {path}",
    ),
    "notice.none_all": (
        "截至{as_of}，没有需要督办的单位，未生成提醒函",
        "no unit has anything to chase as of {as_of}; no notice written",
    ),
    "notice.needs_unit": (
        "请给出单位名称，或用 --all 为每个单位各生成一份",
        "name a unit, or use --all for one notice per unit",
    ),
    "notice.unit_is_path": (
        "{given} 是台账文件或文件夹，不是单位名称：先写单位，再写台账，"
        "如 rectify notice 市民政局 {given}；或用 --all 为每个单位各生成一份",
        "{given} is a ledger file or folder, not a unit: give the unit first, then the "
        "ledgers (rectify notice UNIT {given}), or --all for one notice per unit",
    ),
    "notice.all_needs_dir": (
        "--all 需要用 -o 指定保存提醒函的文件夹",
        "--all needs -o DIR, the folder to write the notices to",
    ),
    "notice.month_and_as_of": ("--month 和 --as-of 只能用一个", "use --month or --as-of, not both"),
    "notice.bad_month": (
        "--month 的值“{value}”不是月份，应写成 2024-11 或 2024年11月",
        "--month {value} is not a month; write 2024-11 or 2024年11月",
    ),
    # --- rectify carry-over (跨年再盯) --------------------------------------------------------
    "carry.note": (
        "已结转至 {target} 继续整改（跨年再盯）",
        "carried over to {target}; followed up there",
    ),
    "carry.same_ledger": (
        "不能结转到同一个台账（{id}）",
        "cannot carry a ledger ({id}) over into itself",
    ),
    "carry.progress_after": (
        "{id} 有 {date} 的进展，晚于结转日期 {on}；请用 --on 给出不早于 {date} 的日期",
        "{id} has progress dated {date}, after the carry-over date {on}; give --on a date from {date} on",
    ),
    "carry.needs_id_title": (
        "新台账文件还不存在：请用 --id 和 --title 给出新台账的编号和标题",
        "the new ledger does not exist yet: give its id and title with --id and --title",
    ),
    "carry.id_mismatch": (
        "{path} 的台账编号是 {actual}，不是 --id 给出的 {given}",
        "{path} has the ledger id {actual}, not {given} as given with --id",
    ),
    "carry.same_file": (
        "--to 指向的是原台账文件本身：{path}",
        "--to names the ledger being carried over: {path}",
    ),
    "carry.target_appeared": (
        "{path} 刚刚被另一个程序创建，请重新运行",
        "{path} was just created by another process; run the command again",
    ),
    "carry.file_header": (
        "由 rectify carry-over 于 {on} 从 {old} 结转未完成整改的问题后生成",
        "started by rectify carry-over on {on} with the unfinished problems of {old}",
    ),
    "carry.created": ("新建台账 {path}（{id}）", "created {path} ({id})"),
    "carry.appended": ("追加到台账 {path}（{id}）", "added to {path} ({id})"),
    "carry.line": (
        "  {old} → {new}  {title}（{completion}）",
        "  {old} → {new}  {title} ({completion})",
    ),
    "carry.line_already": (
        "  {old} → {new}  {title}（此前已结转）",
        "  {old} → {new}  {title} (carried earlier)",
    ),
    "carry.summary": (
        "结转{fresh}个问题，此前已结转{earlier}个；原台账 {path} 中加注去向{noted}个",
        "{fresh} problem(s) carried over, {earlier} carried earlier; {noted} note(s) added to {path}",
    ),
    "carry.nothing": (
        "{path} 中没有未整改或整改中的问题，无需结转",
        "nothing to carry over from {path}: it has no open or in-progress issue",
    ),
}
