"""Core messages: names of enums and fields, errors, check codes, config, fmt."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "field.reopened": ("重新整改记录", "reopened"),
    "field.supervisor": ("监督机关", "supervisor"),
    "field.id_prefix": ("编号前缀", "id prefix"),
    "field.parent": ("上级台账", "parent ledger"),
    # --- general errors -----------------------------------------------------------
    "error.prefix": ("错误", "error"),
    "error.label": ("错误", "error"),
    "warning.label": ("警告", "warning"),
    "hint.label": ("提示", "hint"),
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
    # --- usage errors -----------------------------------------------------------------
    "usage.missing": ("缺少选项 {name}", "missing option {name}"),
    "usage.no_such_option": ("没有选项 {name}", "no such option: {name}"),
    "usage.no_such_command": ("没有 {name} 这个命令", "no such command: {name}"),
    "usage.did_you_mean": ("，是不是 {names}？", " (did you mean {names}?)"),
    "usage.bad_value": ("{name} 的值无效：{detail}", "invalid value for {name}: {detail}"),
    "usage.help": ("运行 {command} --help 查看用法", "run {command} --help for usage"),
    "usage.bad_date": (
        "{option} 的日期 {value} 无法识别；可用的写法：{forms}",
        "{option}: cannot read the date {value}; accepted forms: {forms}",
    ),
    # --- config -------------------------------------------------------------------
    "config.not_utf8": ("{path} 不是 UTF-8 编码", "{path} is not UTF-8 text"),
    "config.invalid": ("{path} 不是有效的 TOML：{detail}", "{path} is not valid TOML: {detail}"),
    "config.unknown_key": (
        "{path} 中有未知的设置 {key}（可用：ledgers、lang、due_soon_days、pace_margin、units、id_width）",
        "{path} has an unknown setting {key} (known: ledgers, lang, due_soon_days, pace_margin, units, id_width)",
    ),
    "config.bad_value": (
        "{path} 中 {key} 的值无效：{value}",
        "{path}: {key} has an invalid value: {value}",
    ),
    # --- check: summary lines --------------------------------------------------------
    "check.ok": (
        "{files} 个台账文件，{issues} 个问题，未发现错误",
        "{files} ledger file(s), {issues} issue(s), no problems found",
    ),
    "check.summary": (
        "{files} 个台账文件：{errors} 个错误，{warnings} 个警告",
        "{files} ledger file(s): {errors} error(s), {warnings} warning(s)",
    ),
    # --- check: problem codes (docs/check-codes.md) ------------------------------------
    "R101": ("文件不是 UTF-8 编码", "the file is not UTF-8 text"),
    "R101.hint": (
        "用记事本或 VS Code 打开，另存为时把编码选为 UTF-8",
        "open it in an editor and save it again as UTF-8",
    ),
    "R101.gbk": (
        "文件是 GBK/GB18030 编码（中文 Windows 记事本、WPS 的常见保存方式），rectify 只读 UTF-8",
        "the file is saved as GBK/GB18030 (as Chinese Windows editors often do); rectify reads UTF-8 only",
    ),
    "R101.gbk.hint": (
        "用记事本打开，“另存为”时把“编码”选为 UTF-8；或运行 iconv -f GB18030 -t UTF-8 旧文件 > 新文件",
        "open it in Notepad and 'Save as' with encoding UTF-8, or run: iconv -f GB18030 -t UTF-8 old > new",
    ),
    "R101.binary": (
        "这不是文本台账（像是 Excel、Word 或 UTF-16 文件）",
        "this is not a text ledger (it looks like an Excel, Word or UTF-16 file)",
    ),
    "R101.binary.hint": (
        "表格请用 rectify import 导入；文本文件请另存为 UTF-8",
        "import spreadsheets with rectify import; save text files as UTF-8",
    ),
    "R102": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "R102.hint": (
        "检查这一行和上一行的缩进、冒号后的空格和引号是否配对",
        "check the indentation, the space after each colon, and matching quotes on this line and the one before",
    ),
    "R103": (
        "用了制表符（Tab）缩进，YAML 只允许空格",
        "a tab is used for indentation; YAML allows spaces only",
    ),
    "R103.hint": (
        "把行首的 Tab 换成空格（每一级两个空格）",
        "replace the tabs at the start of the line with spaces (two per level)",
    ),
    "R104": ("文件是空的", "the file is empty"),
    "R104.hint": (
        "台账至少要有 schema: 1 和 ledger: 两部分；可用 rectify new 新建",
        "a ledger needs at least schema: 1 and a ledger: section; rectify new creates one",
    ),
    "R105": (
        "文件顶层应是 schema:、ledger:、issues: 这样的键值对，这里是 {kind}",
        "the top level should be keys (schema:, ledger:, issues:), not a {kind}",
    ),
    "R105.hint": (
        "参照 examples/ 中的台账，顶层从 schema: 1 开始",
        "start the file with schema: 1, as the ledgers in examples/ do",
    ),
    "R106": (
        "这是格式版本 {version} 的台账，本版 rectify 只能读取格式 1",
        "this ledger is format version {version}; this rectify reads format 1 only",
    ),
    "R106.hint": (
        "请升级 rectify：pip install -U rectify",
        "upgrade rectify: pip install -U rectify",
    ),
    "R106.missing": ("缺少格式版本 schema: 1", "the format version schema: 1 is missing"),
    "R106.missing.hint": ("在文件第一行写 schema: 1", "write schema: 1 as the first line"),
    "R106.invalid": (
        "格式版本应为整数 1，这里是 {version}",
        "the format version should be 1, not {version}",
    ),
    "R107": (
        "键 {name} 重复（第 {first} 行已有），YAML 会悄悄丢掉前一个",
        "key {name} appears twice (first on line {first}); YAML would silently drop one",
    ),
    "R107.hint": ("把两处合并成一个，删去多余的", "merge the two and delete the extra one"),
    "R108": (
        "不允许的 YAML 标签 {tag}：台账只是数据，不能含代码或特殊类型",
        "YAML tag {tag} is not allowed: a ledger is data, never code",
    ),
    "R108.hint": ("删去这个以 ! 开头的标签", "remove the tag starting with !"),
    "R109": (
        "不允许 YAML 锚点（&）和别名（*）",
        "YAML anchors (&) and aliases (*) are not allowed",
    ),
    "R109.hint": (
        "把引用的内容直接写出来；文字中的 & 或 * 请加引号",
        "write the referenced content out in full; quote text that starts with & or *",
    ),
    "R110": ("键必须是文字", "keys must be text"),
    "R110.hint": (
        "键写成普通文字，例如 note:，不要用方括号或花括号括起来的列表、映射作键",
        "write the key as plain text, e.g. note:, not a list or a mapping",
    ),
    "R201": ("未知的键 {name}", "unknown key {name}"),
    "R201.hint": (
        "自定义的键请以 x- 开头（例如 x-备注），rectify 会原样保留",
        "start your own keys with x- (e.g. x-note); rectify keeps them as they are",
    ),
    "R201.suggest": (
        "未知的键 {name}：是不是 {suggestion}？",
        "unknown key {name}: did you mean {suggestion}?",
    ),
    "R201.suggest.hint": ("把 {name} 改成 {suggestion}", "rename {name} to {suggestion}"),
    "R201.bool": (
        "键 {name} 被读成了是/否值",
        "key {name} was read as a yes/no value",
    ),
    "R201.bool.hint": ("给这个键加上引号", "put this key in quotes"),
    "R202": ("缺少必填的键 {name}", "required key {name} is missing"),
    "R202.hint": (
        "在这一项中加上 {name}:（格式见 docs/format.md）",
        "add {name}: to this entry (see docs/format.md)",
    ),
    "R203": (
        "{name} 应为{expected}，这里是{actual}",
        "{name} should be a {expected}, not a {actual}",
    ),
    "R203.quote": (
        "{name} 应为文字，但 {raw} 被 YAML 读成了数字或是/否值",
        "{name} should be text, but YAML reads {raw} as a number or a yes/no value",
    ),
    "R203.quote.hint": (
        '给值加上引号：{name}: "{raw}"',
        'put the value in quotes: {name}: "{raw}"',
    ),
    "R204": ("{name} 不是有效日期：{value}", "{name} is not a real date: {value}"),
    "R204.hint": (
        "日期写作 YYYY-MM-DD，例如 2024-12-31，并确认这一天存在",
        "write dates as YYYY-MM-DD, e.g. 2024-12-31, and check that the day exists",
    ),
    "R205": ("{name} 的值 {value} 无效", "{value} is not a valid {name}"),
    "R205.hint": ("可选值：{choices}", "choose one of: {choices}"),
    "R205.suggest": (
        "{name} 的值 {value} 无效：是不是 {suggestion}？",
        "{value} is not a valid {name}: did you mean {suggestion}?",
    ),
    "R205.suggest.hint": ("可选值：{choices}", "choose one of: {choices}"),
    "R206": (
        "完成进度应为 0 到 100 之间的数字，这里是 {value}",
        "completion should be a number from 0 to 100, not {value}",
    ),
    "R206.hint": ("不要写 %，例如 completion: 74.4", "write it without %, e.g. completion: 74.4"),
    "R207": ("完成进度最多保留一位小数：{value}", "completion has at most one decimal: {value}"),
    "R207.hint": ("例如 74.4", "e.g. 74.4"),
    "R208": ("{name} 不能为空", "{name} must not be empty"),
    "R208.hint": (
        "填写内容，或整行删去这个可选的键",
        "fill it in, or delete the line if the key is optional",
    ),
    "R299": ("{name} 的值无效：{detail}", "{name} is not valid: {detail}"),
    "R301": (
        "问题编号 {id} 重复（第 {first} 行已有）",
        "issue id {id} is used twice (first on line {first})",
    ),
    "R301.hint": (
        "若是合并分支后两边新增的问题用了同一编号，运行 rectify fix-ids 给后一个换成下一个空闲编号；也可手工改成未用过的编号",
        "after a merge where both branches added an issue with the same id, run rectify fix-ids to give the later one the next free id; or change it by hand to an unused id",
    ),
    "R302": ("台账编号 {id} 与 {other} 重复", "ledger id {id} is also used by {other}"),
    "R302.hint": (
        "每个台账的 ledger.id 在一起汇总时必须唯一",
        "each ledger.id must be unique among ledgers rolled up together",
    ),
    "R303": (
        "状态为 {status} 的问题完成进度应为 100，这里是 {completion}",
        "an issue with status {status} must have completion 100, not {completion}",
    ),
    "R303.hint": (
        "用 rectify done 标记整改完成，或把状态改回 in_progress",
        "use rectify done to mark it rectified, or set the status back to in_progress",
    ),
    "R304": (
        "状态为 {status} 的问题需要整改完成日期 rectified_on",
        "an issue with status {status} needs rectified_on",
    ),
    "R304.hint": ("加上 rectified_on: YYYY-MM-DD", "add rectified_on: YYYY-MM-DD"),
    "R305": (
        "已销号（closed）的问题需要验收信息 verification.by 和 verification.date",
        "a closed issue needs verification.by and verification.date",
    ),
    "R305.hint": (
        "用 rectify close 编号 --by 验收单位 销号",
        "use rectify close ID --by WHO to sign it off",
    ),
    "R306": (
        "不予整改（dismissed）的问题需要理由 reason 和日期 dismissed_on",
        "a dismissed issue needs reason and dismissed_on",
    ),
    "R306.hint": (
        "用 rectify dismiss 编号 --reason 理由",
        "use rectify dismiss ID --reason TEXT",
    ),
    "R307": (
        "{name} {date} 早于交办日期 {assigned}",
        "{name} {date} is before the assignment date {assigned}",
    ),
    "R307.hint": (
        "核对日期；交办日期见问题或台账头部的 assigned_on",
        "check the date; the assignment date is assigned_on on the issue or in the ledger header",
    ),
    "R308": (
        "整改进展应按日期先后排列：{date} 早于上一条的 {previous}",
        "progress entries must be in date order: {date} is before the previous {previous}",
    ),
    "R308.hint": (
        "把这条进展移到正确的位置（旧的在前）",
        "move this entry to its place, oldest first",
    ),
    "R309": (
        "completion 为 {completion}，但最后一条进展是 {last}",
        "completion is {completion} but the last progress entry says {last}",
    ),
    "R309.hint": (
        "两者应一致；用 rectify update 记录进展会同时更新二者",
        "they must agree; rectify update records progress and sets both",
    ),
    "R310": (
        "时限调整的 from {from_} 应等于上一次调整的 to {previous}",
        "this deadline change's from {from_} should be the previous change's to {previous}",
    ),
    "R310.hint": (
        "每次调整的 from 写上一次调整后的时限；用 rectify extend 调整时限会自动填写",
        "each change's from is the deadline before it; rectify extend fills it in",
    ),
    "R310.order": (
        "时限调整应按日期先后排列：{date} 早于上一条的 {previous}",
        "deadline changes must be in date order: {date} is before the previous {previous}",
    ),
    "R310.order.hint": (
        "把这条调整移到正确的位置（旧的在前）",
        "move this change to its place, oldest first",
    ),
    "R311": (
        "deadline 为 {deadline}，但最后一次时限调整的 to 是 {to}",
        "deadline is {deadline} but the last deadline change moved it to {to}",
    ),
    "R311.hint": (
        "用 rectify extend 调整时限会同时更新二者",
        "rectify extend records the change and sets both",
    ),
    "R312": (
        "没有交办日期：在问题中或台账头部（ledger.assigned_on）写 assigned_on",
        "no assignment date: set assigned_on on the issue or in the ledger header",
    ),
    "R312.hint": (
        "在台账头部写 assigned_on: YYYY-MM-DD，所有问题默认使用",
        "write assigned_on: YYYY-MM-DD in the ledger header; every issue uses it by default",
    ),
    "R313": (
        "整改时限 {deadline} 早于交办日期 {assigned}",
        "the deadline {deadline} is before the assignment date {assigned}",
    ),
    "R314": (
        "重新整改记录应按日期先后排列：{date} 早于上一条的 {previous}",
        "reopenings must be in date order: {date} is before the previous {previous}",
    ),
    "R314.hint": (
        "reopened 只追加、不改写：把这条记录移到正确的位置（旧的在前）",
        "reopened is append-only history: move this entry to its place, oldest first",
    ),
    "R315": (
        "重新整改日期 {date} 早于它撤销的 {name}（{undone}）",
        "the reopening on {date} is before the {name} it undid ({undone})",
    ),
    "R315.hint": (
        "重新整改只能发生在整改完成、销号或不予整改之后；核对两个日期",
        "a problem is reopened after it was rectified, signed off or dismissed; check both dates",
    ),
    "R316": (
        "{name} {date} 早于最近一次重新整改（{reopened}）",
        "{name} {date} is before the last reopening ({reopened})",
    ),
    "R316.hint": (
        "重新整改之后的整改完成、销号或不予整改，日期不能早于重新整改的日期",
        "what is recorded after a reopening cannot be dated before it",
    ),
    "R317": (
        "这条重新整改记录（{date}）没有写它撤销了什么",
        "this reopening ({date}) does not say what it undid",
    ),
    "R317.hint": (
        "写出被撤销的 rectified_on、verification 或 dismissed_on；用 rectify reopen 会自动记录",
        "give the rectified_on, verification or dismissed_on it undid; rectify reopen records them",
    ),
    "R313.hint": (
        "核对整改时限和交办日期；延期请用 rectify extend 记录",
        "check both dates; record an extension with rectify extend",
    ),
    "R401": (
        "{date} 的完成进度 {value} 低于上一条的 {previous}",
        "completion on {date} ({value}) is lower than the entry before ({previous})",
    ),
    "R401.hint": (
        "如确有倒退，请在 note 中说明原因",
        "if progress really went back, say why in the note",
    ),
    "R402": (
        "最近一次进展是 {date}，已超过一个月没有报告",
        "the last progress report was on {date}, more than a month ago",
    ),
    "R402.hint": (
        "按月督查：用 rectify update 记录本月进展",
        "report every month: record this month's progress with rectify update",
    ),
    "R402.none": (
        "交办日期是 {date}，已超过一个月没有报告进展",
        "assigned on {date} and no progress reported for more than a month",
    ),
    "R402.none.hint": (
        "按月督查：用 rectify update 记录本月进展",
        "report every month: record this month's progress with rectify update",
    ),
    "R403": (
        "状态为 {status}，却写了整改完成日期 rectified_on",
        "status is {status} but rectified_on is set",
    ),
    "R403.hint": (
        "已整改请把 status 改为 rectified；否则删去 rectified_on",
        "set status: rectified if it is done; otherwise delete rectified_on",
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
    # --- tables that fit the screen (render.table) ----------------------------------------
    "table.hidden": (
        "未显示：{columns}（屏幕不够宽；窗口拉宽到 {width} 列或设 COLUMNS={width} 可看全部列）",
        "Not shown: {columns} (too narrow; widen the window to {width} columns "
        "or set COLUMNS={width} to see them)",
    ),
}
