"""Messages of spreadsheets: export, import."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- export: the issue sheet's columns (import reads these headers too) ------------------
    "export.col.id": ("编号", "ID"),
    "export.col.ledger": ("台账", "Ledger"),
    "export.col.title": ("问题", "Title"),
    "export.col.description": ("问题描述", "Description"),
    "export.col.source": ("问题来源", "Source"),
    "export.col.track": ("整改类型", "Track"),
    "export.col.lead_unit": ("牵头单位", "Lead unit"),
    "export.col.co_units": ("配合单位", "Co-units"),
    "export.col.owner": ("责任人", "Owner"),
    "export.col.assigned_on": ("交办日期", "Assigned on"),
    "export.col.deadline": ("整改时限", "Deadline"),
    "export.col.planned_on": ("计划完成日期", "Planned completion"),
    "export.col.measures": ("整改措施", "Measures"),
    "export.col.status": ("整改状态", "Status"),
    "export.col.completion": ("完成进度（%）", "Completion (%)"),
    "export.col.rectified_on": ("整改完成日期", "Rectified on"),
    "export.col.progress": ("最新进展", "Latest progress"),
    "export.col.progress_date": ("进展日期", "Progress date"),
    "export.col.overdue": ("是否逾期", "Overdue"),
    "export.col.days_overdue": ("逾期天数", "Days overdue"),
    "export.col.verified_by": ("验收单位", "Signed off by"),
    "export.col.verified_on": ("销号日期", "Signed off on"),
    "export.col.reason": ("不予整改理由", "Reason for dismissal"),
    "export.col.dismissed_on": ("不予整改日期", "Dismissed on"),
    "export.col.note": ("备注", "Note"),
    "export.col.carried_from": ("结转自", "Carried from"),  # `list --format csv`
    "export.col.warning": ("预警", "Warning"),
    "export.yes": ("是", "yes"),
    "export.no": ("否", "no"),
    # --- export: sheets and figures ---------------------------------------------------------------
    "export.sheet.issues": ("问题清单", "Issues"),
    "export.sheet.units": ("按牵头单位", "By lead unit"),
    "export.sheet.months": ("月度进展", "By month"),
    "export.total": ("合计", "Total"),
    "export.fig.unit": ("牵头单位", "Lead unit"),
    "export.fig.total": ("问题数", "Issues"),
    "export.fig.counted": ("计入", "Counted"),
    "export.fig.rectified": ("已整改", "Rectified"),
    "export.fig.rectified_rate": ("整改完成率", "Rectified rate"),
    "export.fig.closed": ("已销号", "Closed"),
    "export.fig.closed_rate": ("销号率", "Closed rate"),
    "export.fig.mean_completion": ("平均完成进度（%）", "Mean completion (%)"),
    "export.fig.overdue": ("逾期", "Overdue"),
    "export.fig.due_soon": ("临期", "Due soon"),
    "export.fig.dismissed": ("不予整改", "Dismissed"),
    "export.month": ("{year}年{month}月", "{year}-{month:02d}"),
    "export.mon.month": ("月份", "Month"),
    "export.mon.assigned_in_month": ("当月交办", "Assigned in month"),
    "export.mon.assigned_to_date": ("累计交办", "Assigned to date"),
    "export.mon.rectified_in_month": ("当月整改", "Rectified in month"),
    "export.mon.rectified_to_date": ("累计整改", "Rectified to date"),
    "export.mon.counted": ("计入", "Counted"),
    "export.mon.rectified_rate": ("整改完成率", "Rectified rate"),
    "export.mon.change_pp": ("较上月（百分点）", "Change (points)"),
    "export.mon.mean_completion": ("平均完成进度（%）", "Mean completion (%)"),
    "export.mon.overdue": ("逾期", "Overdue"),
    "export.mon.closed": ("已销号", "Closed"),
    # --- export: command ---------------------------------------------------------------------------
    "export.written": (
        "已导出 {rows} 个问题到 {path}",
        "exported {rows} issue(s) to {path}",
    ),
    "export.xlsx_needs_output": (
        "xlsx 格式要写入文件：请加 -o 文件名.xlsx",
        "xlsx output goes to a file: add -o FILE.xlsx",
    ),
    # --- import: reading the file ----------------------------------------------------------------
    "import.unknown_format": (
        "无法识别 {path} 的格式：rectify import 读取 .xlsx、.xls、.et、.ods 和 .csv 文件",
        "cannot tell the format of {path}: rectify import reads .xlsx, .xls, .et, .ods and .csv files",
    ),
    "import.bad_xlsx": (
        "{path} 不是有效的 xlsx 文件：{detail}",
        "{path} is not a valid xlsx file: {detail}",
    ),
    "import.no_sheet": (
        "{path} 中没有名为“{name}”的工作表；有：{sheets}",
        "{path} has no sheet named {name}; it has: {sheets}",
    ),
    "import.decode_failed": (
        "无法按 {encoding} 编码读取 {path}；请用 --encoding 指定文件的编码（如 gb18030、utf-8）",
        "cannot read {path} as {encoding}; give the file's encoding with --encoding (e.g. gb18030, utf-8)",
    ),
    "import.unknown_encoding": (
        "不认识的编码 {encoding}；常用的有 utf-8、gb18030、gbk、utf-16",
        "unknown encoding {encoding}; common ones are utf-8, gb18030, gbk, utf-16",
    ),
    "import.openpyxl_missing": (
        "读写 xlsx 需要 openpyxl：请运行 pip install openpyxl",
        "reading and writing xlsx needs openpyxl: run pip install openpyxl",
    ),
    "import.no_header": (
        "在工作表“{sheet}”的前 {rows} 行中找不到表头（至少要认出“问题”“牵头单位”“整改时限”这样的列名）；可用 --map 列名=key 指定",
        "no header row found in the first {rows} rows of sheet {sheet} (it needs columns such as title, lead unit and deadline); name them with --map HEADER=key",
    ),
    "import.missing_columns": (
        "工作表“{sheet}”第 {row} 行的表头缺少必需的列：{columns}；如果列名不同，请用 --map 列名={keys} 指定",
        "the header in row {row} of sheet {sheet} lacks required column(s): {keys}; if they have other names, give them with --map HEADER={keys}",
    ),
    "import.bad_map": (
        "--map {value} 无效：写作 列名=key，key 可以是 {keys}",
        "--map {value} is not valid: write HEADER=key, where key is one of {keys}",
    ),
    # --- import: reasons a row cannot be read -----------------------------------------------------
    "import.missing": ("“{column}”为空", "{column} is empty"),
    "import.bad_date": (
        "“{column}”的“{value}”不是日期（可写 2024-12-31、2024.12.31、2024年12月底、12月底前）",
        "{column}: {value} is not a date (write 2024-12-31, 2024.12.31, 2024年12月底 or 12月底前)",
    ),
    "import.bad_completion": (
        "“{column}”的“{value}”不是 0 到 100 之间的百分数",
        "{column}: {value} is not a percentage from 0 to 100",
    ),
    "import.bad_status": (
        "“{column}”的“{value}”无法识别（可写 未整改、整改中、已整改、已销号、不予整改、长期整改）",
        "{column}: {value} is not a known status (not started, in progress, rectified, closed, dismissed; or 未整改, 整改中, 已整改, 已销号, 不予整改, 长期整改)",
    ),
    "import.bad_track": (
        "“{column}”的“{value}”无法识别（可写 立行立改、限期整改、持续推进）",
        "{column}: {value} is not a known track (fix at once, scheduled, long-term)",
    ),
    "import.done_not_100": (
        "状态为{status}，但完成进度是 {completion}%",
        "the status is {status} but the completion is {completion}%",
    ),
    "import.closed_without_by": (
        "已销号，但没有验收单位：加一列“验收单位”，或在台账头部写 supervisor",
        "closed, but nobody signed it off: add a column 'Signed off by', or set supervisor in the ledger header",
    ),
    "import.dismissed_without_reason": (
        "不予整改，但没有理由：加一列“不予整改理由”",
        "dismissed, but no reason is given: add a column 'Reason for dismissal'",
    ),
    "import.status_conflict": (
        "表格为“{sheet}”，台账为“{ledger}”，未改动（如需恢复整改，用 rectify reopen）",
        "the sheet says {sheet}, the ledger {ledger}; left as it is (use rectify reopen to take it up again)",
    ),
    "import.sheet_older": (
        "表格的进展日期 {date} 早于台账最近一条进展（{last}），未改动",
        "the sheet's progress date {date} is before the ledger's last entry ({last}); left as it is",
    ),
    "import.unknown_unit": (
        "单位名录中没有 {unit}；请改正表格，或先把它加入 rectify.toml 的 units",
        "{unit} is not in the known units; correct the sheet, or add it to units in rectify.toml first",
    ),
    "import.unknown_unit.suggest": (
        "单位名录中没有 {unit}，是不是 {suggestion}？请改正表格，或先把它加入 rectify.toml 的 units",
        "{unit} is not in the known units: did you mean {suggestion}? Correct the sheet, or add it to units in rectify.toml first",
    ),
    "import.repeat_of_bad": (
        "与第 {earlier} 行相同，而第 {earlier} 行无法读取",
        "the same as row {earlier}, which cannot be read",
    ),
    "import.check_failed": (
        "导入后的台账无法通过检查：{detail}",
        "the ledger would not pass check after the import: {detail}",
    ),
    "import.extend_reason": (
        "按导入的表格 {file} 调整",
        "changed by the imported sheet {file}",
    ),
    # --- import: what it does ------------------------------------------------------------------------
    "import.read": (
        "工作表“{sheet}”：表头在第 {row} 行，认出 {columns} 列",
        "sheet {sheet}: header in row {row}, {columns} column(s) recognised",
    ),
    "import.dated.sheet": (
        "表中报告的进展和整改记为 {date}（表头“{text}”）",
        "progress and rectification the sheet reports are dated {date} (its title: “{text}”)",
    ),
    "import.dated.option": (
        "表中报告的进展和整改记为 {date}（--as-of）",
        "progress and rectification the sheet reports are dated {date} (--as-of)",
    ),
    "import.dated.today": (
        "表头没有填报日期，表中报告的进展和整改记为导入之日 {date}（可用 --as-of 指定）",
        "the sheet gives no date: what it reports is dated today, {date} (--as-of gives another)",
    ),
    "import.ignored_columns": ("未导入的列：{columns}", "columns not imported: {columns}"),
    "import.skipped": (
        "第 {row} 行：当作标题或说明跳过：{text}",
        "row {row}: skipped as a heading or note: {text}",
    ),
    "import.will_add": ("新增 {count} 个问题：", "{count} new issue(s):"),
    "import.added_row": (
        "  第 {row} 行 → {id} {title}（{unit}，时限 {deadline}，{status}，{completion}%）",
        "  row {row} -> {id} {title} ({unit}, due {deadline}, {status}, {completion}%)",
    ),
    "import.matched": ("与已有问题相同的行：", "rows matching existing issues:"),
    "import.matched_no_update": (
        "与已有问题相同的行（未更新；加 --update 可按表格更新）：",
        "rows matching existing issues (not updated; add --update to update them from the sheet):",
    ),
    "import.match_same": ("  第 {row} 行 = {id}，内容一致", "  row {row} = {id}, the same"),
    "import.match_differs": (
        "  第 {row} 行 = {id}，表格中不同：{fields}",
        "  row {row} = {id}, the sheet differs in: {fields}",
    ),
    "import.match_updated": (
        "  第 {row} 行 = {id}，更新：{fields}",
        "  row {row} = {id}, updated: {fields}",
    ),
    "import.repeat_row": (
        "  第 {row} 行 = 第 {earlier} 行（{id}），重复，不再新增",
        "  row {row} = row {earlier} ({id}), a repeat; not added again",
    ),
    "import.defaulted": (
        "{count} 行没有“{field}”，按 {value} 记（第 {rows} 行）",
        "{count} row(s) have no {field}; {value} is used (row {rows})",
    ),
    "import.assigned.today": (
        "没有交办日期的新问题记为导入之日 {date} 交办（可用 --assigned-on 指定）",
        "new problems without an assigned date are assigned today, {date} (or --assigned-on)",
    ),
    "import.assigned.option": (
        "没有交办日期的新问题记为 {date} 交办（--assigned-on）",
        "new problems without an assigned date are assigned on {date} (--assigned-on)",
    ),
    "import.defaulted_long_term": (
        "{count} 行的“{field}”是长期坚持一类的说法，记为持续推进，时限按 {value}（第 {rows} 行）",
        "{count} row(s) give a long-term {field} (长期坚持): long-term track, due {value} (row {rows})",
    ),
    "import.bad_rows": ("无法读取的行（{count} 行）：", "rows that cannot be read ({count}):"),
    "import.bad_row": ("  第 {row} 行：{reason}", "  row {row}: {reason}"),
    "import.reason_sep": ("；", "; "),
    "import.summary": (
        "已导入：新增 {added} 个，相同 {matched} 行（更新 {updated} 个），无法读取 {bad} 行",
        "imported: {added} added, {matched} matching row(s) ({updated} updated), {bad} unreadable",
    ),
    "import.summary_dry": (
        "试运行，未写入：将新增 {added} 个，相同 {matched} 行（将更新 {updated} 个），无法读取 {bad} 行",
        "dry run, nothing written: {added} to add, {matched} matching row(s) ({updated} to update), {bad} unreadable",
    ),
    "import.not_written": (
        "有 {count} 行无法读取，未写入任何内容；请改正这些行，或加 --skip-bad 只导入其余的行",
        "{count} row(s) cannot be read, so nothing was written; fix them, or add --skip-bad to import the others",
    ),
    "import.nothing": (
        "台账没有变化：{path}",
        "nothing to change in {path}",
    ),
    "import.written": ("已写入 {path}", "wrote {path}"),
}
