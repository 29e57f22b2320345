"""Messages of importing the sheets offices keep: layouts, units, deadlines, files (issue #15)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the project's keys for what offices keep -------------------------------------------------
    "field.target": ("整改目标", "target"),
    "field.category": ("问题类别", "category"),
    "export.col.target": ("整改目标", "Target"),
    "export.col.category": ("问题类别", "Category"),
    "config.comment.immediate_days": (
        "导入时，“立行立改”“即知即改”的问题时限为交办日期后这么多天（0 表示交办当日）",
        "importing 立行立改 (fix at once): the deadline is this many days after the hand-over (0: that day)",
    ),
    # --- import: rows that would write wrong data -------------------------------------------------
    "import.other_ledger": (
        "“台账”列是 {other}，不是本台账 {ledger}：这一行属于另一个台账，请用 --ledger 导入到那个台账，或从表格中删去",
        "the Ledger column says {other}, not this ledger {ledger}: the row belongs to another ledger; import it with --ledger into that one, or delete it from the sheet",
    ),
    "import.looks_like": (
        "像已有的 {id}“{title}”（{unit}，相似度 {score}%），未新增：若是同一问题，在“{column}”列（没有就加一列）填 {id} 再导入；若是另一个问题，在该列填一个新编号",
        "looks like {id} “{title}” ({unit}, {score}% alike), so it was not added: if it is the same problem, put {id} in the {column} column (add one if there is none) and import again; if it is another problem, put a new id there",
    ),
    "import.ambiguous_month": (
        "“{column}”的“{value}”是 Excel 把 {value}0 存成的数字，还是 {value}？看不出是 1 月还是 10 月：请把单元格设为文本，写成 2024-10-31 这样的日期",
        "{column}: {value} is a number Excel may have made of {value}0: January or October cannot be told; format the cell as text and write a date such as 2024-10-31",
    ),
    "import.measure_of_bad": (
        "是第 {earlier} 行问题的又一条整改措施，而第 {earlier} 行无法读取",
        "another measure of the problem in row {earlier}, which cannot be read",
    ),
    # --- import: what it put in place of the office's words ---------------------------------------
    "import.defaulted_immediate": (
        "{count} 行的“{field}”是立行立改一类的说法，记为立行立改，时限按 {value}（交办日期加 rectify.toml 的 immediate_days）（第 {rows} 行）",
        "{count} row(s) give {field} as 立行立改 (fix at once): immediate track, due {value} (the hand-over date plus immediate_days of rectify.toml) (row {rows})",
    ),
    "import.defaulted_claimed": (
        "{count} 行写着“已销号”，但没有验收单位和销号日期：记为已整改（单位自报）；验收销号由监督机关确认后用 rectify close 记录（第 {rows} 行）",
        "{count} row(s) say closed (已销号) with no sign-off body or date: recorded as rectified, the unit's own claim; record the supervisor's sign-off with rectify close (row {rows})",
    ),
    "import.defaulted_no_percent": (
        "{count} 行的“{field}”写的是状态（如“基本完成”），没有百分数：记为整改中，完成进度记 0%，请补报百分数（第 {rows} 行）",
        "{count} row(s) give {field} as a status word (such as 基本完成), not a percentage: in progress at 0% until a percentage is reported (row {rows})",
    ),
    "import.measure_rows": (
        "  第 {row} 行的问题有 {count} 条整改措施（第 {rows} 行），合为一个问题；全部完成才算已整改",
        "  the problem in row {row} has {count} measures (rows {rows}), read as one problem, rectified only when all are done",
    ),
    "import.unit_from_sheet": (
        "工作表“{sheet}”没有责任单位列：牵头单位按工作表名记为 {unit}",
        "sheet {sheet} has no unit column: the lead unit is the sheet's name, {unit}",
    ),
    "import.row_labels": (
        "“{column}”列是表格自己的序号（如 {example}），不当作问题编号；新问题按台账编号",
        "the {column} column numbers the sheet's rows (such as {example}); they are not issue ids, new problems get the ledger's ids",
    ),
    # --- import: workbooks with several sheets ----------------------------------------------------
    "import.sheet_hidden": (
        "跳过隐藏的工作表：{sheets}（如需导入，用 --sheet 指定）",
        "hidden sheet(s) skipped: {sheets} (name one with --sheet to import it)",
    ),
    "import.sheet_unread": (
        "跳过没有问题表头（问题、牵头单位、整改时限）的工作表：{sheets}（用 --sheet 指定可看原因）",
        "sheet(s) without a header of problems (title, lead unit, deadline) skipped: {sheets} (--sheet NAME says why)",
    ),
    "import.sheets_read": (
        "读取了 {count} 个工作表：{sheets}",
        "{count} sheet(s) read: {sheets}",
    ),
    "import.no_sheet_read": (
        "{path} 中没有能导入的工作表：{reasons}",
        "{path} has no sheet that can be imported: {reasons}",
    ),
    # --- import: files that cannot be read --------------------------------------------------------
    "import.too_big": (
        "工作表“{sheet}”用到第 {rows} 行、第 {columns} 列，超出 rectify 能导入的范围（{max_rows} 行、{max_columns} 列）：删去远处多余的行列，或把表格复制到新工作表后再导入",
        "sheet {sheet} reaches row {rows} and column {columns}, more than rectify imports ({max_rows} rows, {max_columns} columns): delete the far empty rows and columns, or copy the table into a new sheet, then import that",
    ),
    "import.file_too_big": (
        "{path} 超过 {megabytes} MB，不像一份整改台账：请只保留台账所在的表格后再导入",
        "{path} is over {megabytes} MB, more than any ledger sheet: keep only the ledger's table, then import that",
    ),
    "import.csv_field_too_long": (
        "这一行有一个单元格超过 {limit} 个字符，不像台账内容（可能是引号没有配对）：请检查这一行",
        "this line has a field over {limit} characters, not ledger text (perhaps an unmatched quote mark): check it",
    ),
    "import.bad_csv": (
        "这一行不是有效的 CSV（可能是引号没有配对）：请检查这一行",
        "this line is not valid CSV (perhaps an unmatched quote mark): check it",
    ),
    "import.encrypted": (
        "{path} 设有打开密码（已加密），无法读取：请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存，再导入",
        "{path} is protected with a password (encrypted) and cannot be read: open it in Excel or WPS, remove the password, save it, and import that",
    ),
    "import.bad_xls": (
        "{path} 不是能读取的 .xls 文件（文件已损坏或不完整）：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入",
        "{path} is not an .xls file that can be read (damaged or incomplete): 'Save as' .xlsx in Excel or WPS, then import that",
    ),
    "import.bad_ods": (
        "{path} 不是能读取的 .ods 文件（文件已损坏或不完整）：请在 WPS 或 LibreOffice 中另存为 .xlsx 后再导入",
        "{path} is not an .ods file that can be read (damaged or incomplete): save it as .xlsx in WPS or LibreOffice, then import that",
    ),
    "import.xls_missing": (
        "读取 .xls 需要 xlrd：请运行 pip install xlrd，或在 Excel/WPS 中另存为 .xlsx",
        "reading .xls needs xlrd: run pip install xlrd, or save the file as .xlsx in Excel or WPS",
    ),
}
