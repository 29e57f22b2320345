"""Messages of figures: status, progress, report."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- words shared by every figure output ---------------------------------------------
    "fig.no_problems": ("暂无问题", "no problems yet"),
    "fig.date": ("{year}年{month}月{day}日", "{day} {month_name} {year}"),
    "fig.month": ("{year}年{month}月", "{month_name} {year}"),
    "fig.ratio": ("{rate}（{numerator}/{denominator}）", "{rate} ({numerator}/{denominator})"),
    "fig.total_row": ("合计", "All"),
    "fig.by.unit": ("牵头单位", "Lead unit"),
    "fig.by.co-unit": ("配合单位", "Co-unit"),
    "fig.by.source": ("问题来源", "Source"),
    "fig.by.track": ("整改类型", "Track"),
    "fig.by.ledger": ("台账", "Ledger"),
    # --- status: the headline -------------------------------------------------------------
    "fig.h.total": ("{n} 个问题", "{n} problems"),
    "fig.h.total.one": ("{n} 个问题", "{n} problem"),
    "fig.h.counted": ("计入 {n} 个", "{n} counted"),
    "fig.h.rectified": ("已整改 {n} 个", "{n} rectified"),
    "fig.h.rate": (
        "整改完成率 {rate}（{numerator}/{denominator}）",
        "rectified rate {rate} ({numerator}/{denominator})",
    ),
    "fig.h.rate.dismissed": (
        "整改完成率 {rate}（{numerator}/{denominator}，{dismissed} 个不予整改不计入）",
        "rectified rate {rate} ({numerator}/{denominator}, {dismissed} dismissed not counted)",
    ),
    "fig.h.closed": ("已销号 {n} 个", "{n} closed"),
    "fig.h.overdue": ("逾期 {n} 个", "{n} overdue"),
    "fig.h.warnings": (
        "红色预警 {red} 个 · 黄色预警 {yellow} 个 · 蓝色预警 {blue} 个",
        "warnings: {red} red, {yellow} yellow, {blue} blue",
    ),
    # --- status: the few problems still open, by name --------------------------------------
    "fig.s.head": (
        "{problems}，已整改 {rectified} 个（{rate}）",
        "{problems}, {rectified} rectified ({rate})",
    ),
    "fig.s.head.dismissed": (
        "{problems}（{dismissed} 个不予整改），已整改 {rectified} 个（{rate}）",
        "{problems} ({dismissed} dismissed), {rectified} rectified ({rate})",
    ),
    "fig.s.review": ("销号审核：{parts}。", "Sign-off review: {parts}."),
    "fig.s.review.pending": ("待审核{n}个", "{n} awaiting a decision"),
    "fig.s.review.returned": ("退回后待重新申请{n}个", "{n} returned, not applied for again"),
    "fig.s.review.approved": ("审核通过{n}个", "{n} approved"),
    "fig.s.review.sep": ("，", ", "),
    "fig.s.audit": (
        "审计整改：涉及金额{involved}万元，已整改{rectified}万元，制定完善制度{rules}项，追责问责{people}人。",
        "Audit findings: {involved} (10,000 yuan) involved, {rectified} rectified; {rules} rule(s) issued or improved; {people} people held accountable.",
    ),
    "fig.s.all_done": ("{problems}，已全部整改（{rate}）", "{problems}, all rectified ({rate})"),
    "fig.s.planned": (
        "{id} {title}：完成 {completion}，计划 {planned} 完成",
        "{id} {title} {completion} complete, planned {planned}",
    ),
    "fig.s.deadline": (
        "{id} {title}：完成 {completion}，整改时限 {deadline}",
        "{id} {title} {completion} complete, deadline {deadline}",
    ),
    "fig.s.overdue": ("，已逾期 {days} 天", ", {days} days overdue"),
    "fig.s.sep": ("；", "; "),
    # --- status: tables -------------------------------------------------------------------
    "fig.table_title.unit": ("截至 {date}，按牵头单位", "As of {date}, by lead unit"),
    "fig.table_title.co-unit": ("截至 {date}，按配合单位", "As of {date}, by co-unit"),
    "fig.table_title.source": ("截至 {date}，按问题来源", "As of {date}, by source"),
    "fig.table_title.track": ("截至 {date}，按整改类型", "As of {date}, by track"),
    "fig.table_title.ledger": ("截至 {date}，按台账", "As of {date}, by ledger"),
    "fig.col.total": ("问题数", "Problems"),
    "fig.col.counted": ("计入", "Counted"),
    "fig.col.rectified": ("已整改", "Rectified"),
    "fig.col.rectified_rate": ("整改完成率", "Rectified"),
    "fig.col.closed_rate": ("销号率", "Closed"),
    "fig.col.overdue": ("逾期", "Overdue"),
    "fig.col.due_soon": ("临期", "Due soon"),
    "fig.col.warnings": ("预警 红/黄/蓝", "Warnings R/Y/B"),
    "fig.col.on_time_rate": ("按期整改率", "On time"),
    "fig.col.extensions": ("时限调整", "Extended"),
    "fig.col.mean_completion": ("平均进度", "Completion"),
    "fig.legend": (
        "整改完成率、销号率按计入的问题（不含不予整改）计算；临期：{days}天内到期；"
        "按期整改率：在原定时限（调整前）内整改完成的占已整改的比例；时限调整：调整整改时限的次数；"
        "平均进度：计入问题完成进度的平均数。"
        "比率只舍不入。",
        "Rectified and closed are out of the counted problems (dismissed ones excluded); due soon: "
        "due within {days} days; on time: rectified by the original deadline (before any "
        "extension), out of those rectified; extended: deadline changes made; completion: the mean "
        "completion of the counted problems. Rates are cut, never rounded up.",
    ),
    # the legend under the status table on screen: a part per column shown
    "fig.legend.part.counted": (
        "{names}按计入的问题（不含不予整改）计算",
        "{names}: out of the counted problems (dismissed ones excluded)",
    ),
    "fig.legend.part.due_soon": ("临期：{days}天内到期", "due soon: due within {days} days"),
    "fig.legend.part.on_time_rate": (
        "按期整改率：在原定时限（调整前）内整改完成的占已整改的比例",
        "on time: rectified by the original deadline (before any extension), "
        "out of those rectified",
    ),
    "fig.legend.part.extensions": (
        "时限调整：调整整改时限的次数",
        "extended: deadline changes made",
    ),
    "fig.legend.part.mean_completion": (
        "平均进度：计入问题完成进度的平均数",
        "completion: the mean completion of the counted problems",
    ),
    "fig.legend.part.join": ("；", "; "),
    "fig.legend.part.end": ("{text}。比率只舍不入。", "{text}. Rates are cut, never rounded up."),
    "fig.legend.warnings": (
        "预警（红/黄/蓝）：红色、黄色、蓝色预警的问题个数，每个问题只计一种；"
        "红：逾期；黄：完成进度低于序时进度{margin}个百分点以上；蓝：{days}天内到期。",
        " Warnings R/Y/B: problems with a red, yellow or blue warning, each counted once; "
        "red: overdue; yellow: more than {margin} points behind the pace line; "
        "blue: due within {days} days.",
    ),
    "fig.bad_month": (
        "{option} 的月份 {value} 无法识别；请写成 2024-11 或 2024年11月",
        "{option}: cannot read the month {value}; write it as 2024-11",
    ),
    # --- progress ---------------------------------------------------------------------------
    "progress.title": ("逐月整改进展（月末数）", "Month by month (figures at each month end)"),
    "progress.col.month": ("月份", "Month"),
    "progress.col.assigned_in_month": ("当月交办", "Assigned in month"),
    "progress.col.assigned_to_date": ("累计交办", "Assigned to date"),
    "progress.col.rectified_in_month": ("当月整改", "Rectified in month"),
    "progress.col.rectified_to_date": ("累计整改", "Rectified to date"),
    "progress.col.rate": ("整改完成率", "Rectified rate"),
    "progress.col.change": ("较上月（百分点）", "Change (points)"),
    "progress.col.overdue": ("月末逾期", "Overdue at month end"),
    "progress.to_date": ("{month}（截至 {day}）", "{month} (to {day})"),
    "progress.bad_range": ("--from {start} 晚于 --to {end}", "--from {start} is after --to {end}"),
    "progress.too_long": (
        "一次最多列出 {limit} 个月，{start} 至 {end} 共 {count} 个月；请缩小 --from/--to 的范围",
        "at most {limit} months at a time, and {start} to {end} is {count}; narrow --from/--to",
    ),
    "progress.not_begun": (
        "{month} 还没有到（今天是 {today}），没有可列的月份",
        "{month} has not begun yet (today is {today}); there is no month to show",
    ),
    "progress.cut": (
        "{month} 之后的月份还没有到，未列出",
        "months after {month} have not come yet and are left out",
    ),
    "progress.capped": (
        "只列出最近 {limit} 个月；更早的月份请用 --from 指定",
        "showing the last {limit} months; use --from for earlier ones",
    ),
    # --- report: title and overview ------------------------------------------------------
    "report.title": ("整改情况月报（{month}）", "Monthly rectification report, {month}"),
    "report.scope": ("统计范围：{names}。", "Ledgers: {names}."),
    "report.scope.none": ("统计范围：没有读到任何台账。", "Ledgers: none could be read."),
    "report.scope.name": ("{title}（{id}）", "{title} ({id})"),
    "report.scope.sep": ("；", "; "),
    "report.to_date": (
        "本月尚未结束，以下数字截至{date}。",
        "The month has not ended; the figures below are as of {date}.",
    ),
    "report.overview": ("总体情况", "Overview"),
    "report.empty": ("截至{date}，暂无问题。", "As of {date}, no problems yet."),
    "report.p.head": (
        "截至{date}，问题清单共{total}项，已整改{rectified}项，整改完成率{rate}{change}。",
        "As of {date}, the list holds {problems}; rectified: {rectified}, a rectified rate of "
        "{rate}{change}.",
    ),
    "report.p.up": (
        "，较上月提高{points}个百分点",
        ", up {points} percentage points on the previous month",
    ),
    "report.p.down": (
        "，较上月下降{points}个百分点",
        ", down {points} percentage points on the previous month",
    ),
    "report.p.flat": ("，与上月持平", ", the same as the previous month"),
    "report.p.dismissed": (
        "不予整改{dismissed}项，不计入完成率，完成率按{counted}项计算。",
        "Dismissed and not counted: {dismissed}; the rate is out of {counted}.",
    ),
    "report.p.closed": (
        "已销号{closed}项，销号率{rate}。",
        "Closed (signed off): {closed}, a closed rate of {rate}.",
    ),
    "report.p.month": (
        "本月整改完成{rectified}项，销号{closed}项。",
        "This month: {rectified} rectified, {closed} closed.",
    ),
    "report.p.assigned": ("本月新交办问题{count}项。", "Newly assigned this month: {count}."),
    "report.p.pending": (
        "尚未整改完成的{pending}项中，整改中{in_progress}项，未整改{open}项；逾期{overdue}项，{days}天内到期{due_soon}项。",
        "Not yet rectified: {pending} ({in_progress} in progress, {open} not started); overdue: "
        "{overdue}; due within {days} days: {due_soon}.",
    ),
    "report.p.warnings": (
        "其中红色预警{red}项、黄色预警{yellow}项、蓝色预警{blue}项。",
        "Among them, warnings: {red} red, {yellow} yellow, {blue} blue.",
    ),
    "report.p.review": ("销号审核方面，{parts}。", "Sign-off review: {parts}."),
    "report.p.review.month": ("本月{steps}", "this month {steps}"),
    "report.p.review.applied": ("申请销号{n}次", "{n} application(s)"),
    "report.p.review.returned_in_month": ("退回{n}次", "{n} returned"),
    "report.p.review.approved_in_month": ("审核通过{n}次", "{n} approved"),
    "report.p.review.end": ("截至月末，{states}", "at the month's end {states}"),
    "report.p.review.so_far": ("截至{date}，{states}", "as of {date} {states}"),
    "report.p.review.pending": ("待审核{n}项", "{n} awaiting a decision"),
    "report.p.review.returned": ("退回后待重新申请{n}项", "{n} returned, not applied for again"),
    "report.p.review.sep": ("、", ", "),
    "report.p.review.sep_long": ("；", "; "),
    "report.p.audit": (
        "审计发现问题整改方面，涉及金额{involved}万元，已整改{rectified}万元，制定完善制度{rules}项，追责问责{people}人。",
        "Audit findings: {involved} (10,000 yuan) involved, {rectified} rectified; {rules} rule(s) "
        "issued or improved; {people} people held accountable.",
    ),
    "report.p.all_done": ("计入的问题已全部整改完成。", "Every counted problem is rectified."),
    "report.p.quality": (
        "计入问题平均完成进度{mean}；在原定时限内整改完成{on_time}项，按期整改率{on_time_rate}；累计调整整改时限{extensions}次。",
        "Mean completion of the counted problems: {mean}. Rectified by the original deadline: "
        "{on_time} (on-time rate {on_time_rate}). Deadline extensions: {extensions}.",
    ),
    # --- report: sections ----------------------------------------------------------------
    "report.by_track": ("分类整改情况", "By track"),
    "report.by_unit": ("各牵头单位整改情况", "By lead unit"),
    "report.by_ledger": ("各台账整改情况", "By ledger"),
    "report.done": ("本月整改完成和销号的问题", "Rectified or closed this month"),
    "report.done.none": (
        "本月没有整改完成或销号的问题。",
        "No problem was rectified or closed this month.",
    ),
    "report.late": (
        "逾期、进度滞后和临期问题（三色预警）",
        "Overdue, behind pace and due soon (three-colour warnings)",
    ),
    "report.late.none": (
        "没有逾期、进度滞后或{days}天内到期的问题。",
        "No problem is overdue, behind pace or due within {days} days.",
    ),
    "report.late.counts": (
        "红色预警{red}项、黄色预警{yellow}项、蓝色预警{blue}项。",
        "Red warnings: {red}; yellow: {yellow}; blue: {blue}.",
    ),
    "report.late.rules": (
        "红色预警：逾期；黄色预警：完成进度低于序时进度{margin}个百分点以上；"
        "蓝色预警：{days}天内到期。每个问题只计一种，红先于黄、黄先于蓝。"
        "序时进度：从交办之日的0%到整改时限（持续推进类问题有计划完成日期的，到计划完成日期）的100%，按日均匀推进。",
        "Red: overdue; yellow: more than {margin} points behind the pace line; blue: due within "
        "{days} days. Each problem carries one level, red before yellow before blue. The pace "
        "line runs evenly from 0% on the day a problem was assigned to 100% on its deadline (for "
        "a long-term problem with a planned date, on that date).",
    ),
    "report.long_term": ("持续推进的问题", "Long-term problems"),
    "report.long_term.none": (
        "没有尚未整改完成的持续推进类问题。",
        "No long-term problem is still open.",
    ),
    "report.league": ("牵头单位排名及逾期账龄", "League table of lead units, with overdue ageing"),
    "report.league.note": (
        "按整改完成率由高到低排名，完成率相同的名次相同；账龄为逾期天数。",
        "Ranked by rectified rate, highest first; equal rates share a rank. Ageing is days overdue.",
    ),
    "report.monthly": ("逐月进展", "Month by month"),
    "report.sources": ("数据来源", "Sources"),
    "report.written": ("月报已写入 {path}", "report written to {path}"),
    "report.not_begun": (
        "{month} 还没有到（今天是 {today}），无法写这个月的月报",
        "{month} has not begun yet (today is {today}); there is nothing to report",
    ),
    # --- report: columns -------------------------------------------------------------------
    "report.col.level": ("预警", "Warning"),
    "report.col.expected": ("序时进度", "Pace"),
    "report.col.id": ("编号", "ID"),
    "report.col.title": ("问题", "Problem"),
    "report.col.unit": ("牵头单位", "Lead unit"),
    "report.col.rectified_on": ("整改完成", "Rectified"),
    "report.col.closed_on": ("销号", "Closed"),
    "report.col.deadline": ("整改时限", "Deadline"),
    "report.col.lateness": ("逾期/还剩", "Overdue / left"),
    "report.col.completion": ("完成进度", "Completion"),
    "report.col.extensions": ("时限调整", "Extensions"),
    "report.col.latest": ("最新进展", "Latest progress"),
    "report.col.planned": ("计划完成", "Planned"),
    "report.col.rank": ("名次", "Rank"),
    "report.col.counted": ("计入", "Counted"),
    "report.col.rectified": ("已整改", "Rectified"),
    "report.col.overdue": ("逾期", "Overdue"),
    "report.col.age": ("{low}–{high}天", "{low}–{high} days"),
    "report.col.age_over": ("{days}天以上", "Over {days} days"),
    "report.col.ledger": ("台账", "Ledger"),
    "report.col.ledger_title": ("名称", "Title"),
    "report.col.file": ("文件", "File"),
    "report.col.hash": ("SHA-256（前12位）", "SHA-256 (first 12)"),
    "report.days_overdue": ("逾期{days}天", "{days} days overdue"),
    "report.days_left": ("还剩{days}天", "{days} days left"),
    "report.due_today": ("今天到期", "due today"),
    "report.no_progress": ("尚无进展报告", "no progress reported"),
    "report.deadline_in_force": ("{date}（整改时限）", "{date} (deadline)"),
    "report.chart_title": ("整改完成率（%）", "Rectified rate (%)"),
    "report.commit": ("版本库提交：{commit}", "Git commit: {commit}"),
    "report.commit.modified": (
        "版本库提交：{commit}（台账在此提交之后有未提交的改动，以上面的内容摘要为准）",
        "Git commit: {commit} (the ledgers have uncommitted changes since; the content hashes above are what counts)",
    ),
    "report.rerun": ("重算命令：{command}", "To recompute: {command}"),
    "report.generated": (
        "本报告由 rectify 根据以上台账生成；台账内容不变，各项数字可随时重算得出。",
        "Generated by rectify from the ledgers above; with the same ledgers, every figure can be recomputed at any time.",
    ),
    # --- documents: Word, PDF, the trend chart ------------------------------------------
    "output.bad_suffix": (
        "{path}：{command} 不能写 {suffix} 文件；可写：{formats}",
        "{path}: {command} cannot write {suffix} files; it writes {formats}",
    ),
    "output.format_mismatch": (
        "--format {format} 与文件名 {path} 不符（{suffix} 是 {other}）；去掉 --format 或改文件名",
        "--format {format} does not match {path} ({suffix} is {other}); drop --format or rename the file",
    ),
    "output.needs_file": (
        "{format} 格式要写入文件：请加 -o 文件名{suffix}",
        "{format} output goes to a file: add -o FILE{suffix}",
    ),
    "report.chart_written": ("趋势图已写入 {path}", "chart written to {path}"),
    "report.chart_left_out": ("月报中未画趋势图：{reason}", "the report has no chart: {reason}"),
    "report.chart_bad_suffix": (
        "{path}：趋势图只能写成 .png 或 .svg",
        "{path}: the chart is written as .png or .svg",
    ),
    "report.chart_nothing": (
        "还没有可画的整改完成率（没有计入的问题），未写 {path}",
        "there is no rectified rate to draw yet (nothing counted); {path} not written",
    ),
    "report.since_markdown_only": (
        "--since 的变化情况只写入 Markdown 月报；写 Word 或 PDF 月报请去掉 --since",
        "--since adds its section to the Markdown report only; leave it out for Word or PDF",
    ),
    "chart.no_matplotlib": (
        "未安装 matplotlib；执行 pip install 'rectify[charts]' 后可画趋势图",
        "matplotlib is not installed; pip install 'rectify[charts]' to draw the chart",
    ),
    "chart.no_font": (
        "本机没有中文字体（找过：{fonts}），画不了中文趋势图；可安装 Noto Sans CJK（fonts-noto-cjk）或文泉驿字体",
        "no Chinese font on this machine (looked for {fonts}); install Noto Sans CJK (fonts-noto-cjk) or WenQuanYi to draw the chart",
    ),
    "office.no_soffice": (
        "未找到 LibreOffice（soffice），无法生成 PDF；请安装 LibreOffice，或用 --format docx 写 Word 文件后另存为 PDF",
        "LibreOffice (soffice) is not installed, so there is no PDF; install it, or write --format docx and save that as PDF",
    ),
    "office.failed": (
        "LibreOffice 未能生成 PDF：{detail}",
        "LibreOffice could not make the PDF: {detail}",
    ),
}
