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
    "field.handed_from": ("上级交办问题", "handed down from"),
    "field.reopened": ("重新整改记录", "reopened"),
    "field.signoff": ("销号审核", "sign-off review"),
    "field.amount_involved": ("涉及金额（万元）", "amount involved (10,000 yuan)"),
    "field.amount_rectified": ("已整改金额（万元）", "amount rectified (10,000 yuan)"),
    "field.rules_issued": ("制定完善制度（项）", "rules issued or improved"),
    "field.people_accountable": ("追责问责（人）", "people held accountable"),
    "field.chased": ("督办记录", "chased"),
    "field.deliberations": ("满意度测评", "deliberations"),
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
    "error.conflict_markers": (
        "这一行是 git 合并冲突标记 {marker}：合并还没有完成。"
        "在 <<<<<<< 与 >>>>>>> 之间选定要保留的内容，删去三行标记；要重新合并，"
        "运行 git checkout -m {file}；以后先运行一次 rectify git-setup，git 会按问题和字段合并台账",
        "this line is a git conflict marker {marker}: a merge was left unfinished. "
        "Keep the right lines between <<<<<<< and >>>>>>> and delete the three marker lines; "
        "to merge again, run git checkout -m {file}; run rectify git-setup once so that git "
        "merges ledgers issue by issue and field by field",
    ),
    "error.no_such_path": ("找不到文件或文件夹：{path}", "no such file or folder: {path}"),
    "error.no_ledgers": (
        "{path} 中没有台账文件（*.yaml、*.yml）",
        "no ledger files (*.yaml, *.yml) in {path}",
    ),
    "error.read_failed": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "error.write_failed": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "error.write_unsafe": (
        "没有改动 {path}：改写后的内容读回来与应有的台账不符，文件保持原样。"
        "请运行 rectify check {path}，并把这个文件报告给 rectify 的维护者",
        "{path} was not changed: the new text does not read back as the intended ledger, "
        "so the file is left as it was. Run rectify check {path}, and report the file "
        "to rectify's maintainers",
    ),
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
    "usage.missing_option": (
        "缺少选项 {name}：请写上 {name} 和它的值",
        "missing option {name}: give {name} and its value",
    ),
    "usage.missing_argument": (
        "缺少{name}：请写在命令名后面",
        "missing the {name}: give it after the command's name",
    ),
    "usage.missing_command": (
        "缺少命令名，例如 rectify status",
        "no command given, e.g. rectify status",
    ),
    "usage.choose_from": ("（可用：{choices}）", " (one of: {choices})"),
    "usage.needs_value": (
        "选项 {name} 后面缺少值：请写成 {name} 值（值里有空格时加英文引号）",
        "option {name} needs a value: write {name} VALUE (in quotes if it has spaces)",
    ),
    "usage.takes_no_value": (
        "选项 {name} 不带值：只写 {name}，去掉等号和后面的内容",
        "option {name} takes no value: write {name} alone",
    ),
    "usage.bad_option": ("选项 {name} 的写法不对", "option {name} is not used that way"),
    "usage.arg_values": (
        "{name} 要写 {count} 个值",
        "{name} takes {count} values",
    ),
    "usage.bad_arguments": (
        "命令后面的参数个数不对",
        "the command was given the wrong number of arguments",
    ),
    "usage.extra": (
        "多出了参数 {words}，命令用不上它",
        "unexpected extra argument(s): {words}",
    ),
    "usage.quote": (
        "。备注等文字里有空格时，请用英文引号把整段括起来，如 {example}",
        ". Text with spaces (a note, a title) must be quoted as one: {example}",
    ),
    "usage.bad_choice": (
        "{name} 的值 {value} 无效；可用：{choices}",
        "{name} cannot be {value}; use one of: {choices}",
    ),
    "usage.not_a_whole_number": (
        "{name} 要写整数，{value} 不是整数",
        "{name} takes a whole number, not {value}",
    ),
    "usage.not_a_number": (
        "{name} 要写数字，{value} 不是数字",
        "{name} takes a number, not {value}",
    ),
    "usage.not_a_yes_no": (
        "{name} 要写 true 或 false，{value} 无法识别",
        "{name} takes true or false, not {value}",
    ),
    "usage.out_of_range": (
        "{name} 的值 {value} 超出范围：应在 {low} 到 {high} 之间",
        "{name} must be from {low} to {high}, not {value}",
    ),
    "usage.too_small": (
        "{name} 的值 {value} 太小：不能小于 {low}",
        "{name} must be at least {low}, not {value}",
    ),
    "usage.too_large": (
        "{name} 的值 {value} 太大：不能大于 {high}",
        "{name} must be at most {high}, not {value}",
    ),
    "usage.path_missing": ("{name}：找不到 {path}", "{name}: {path} does not exist"),
    "usage.path_is_file": (
        "{name}：{path} 是文件，这里要的是文件夹",
        "{name}: {path} is a file; a folder is wanted here",
    ),
    "usage.path_is_dir": (
        "{name}：{path} 是文件夹，这里要的是文件",
        "{name}: {path} is a folder; a file is wanted here",
    ),
    "usage.path_unreadable": (
        "{name}：没有权限读取 {path}",
        "{name}: no permission to read {path}",
    ),
    "usage.path_unwritable": (
        "{name}：没有权限写入 {path}",
        "{name}: no permission to write {path}",
    ),
    "usage.cannot_open": ("无法打开文件 {path}", "cannot open the file {path}"),
    "usage.bad_value_plain": ("{name} 的值无效", "{name} has an invalid value"),
    "usage.generic": ("命令写法有误", "the command line is not right"),
    # --- arguments, as named in usage errors ---------------------------------------------
    "arg.issue_id": ("问题编号（如 SMX-001）", "issue id (e.g. SMX-001)"),
    "arg.issue": ("问题编号（如 SMX-001）", "issue id (e.g. SMX-001)"),
    "arg.paths": ("台账文件或文件夹", "ledger files or folders"),
    "arg.folder": ("文件夹", "folder"),
    "arg.ledger": ("台账文件", "ledger file"),
    "arg.file": ("要导入的表格文件", "spreadsheet file to import"),
    "arg.args": ("参数", "arguments"),
    "arg.base": ("共同版本的文件", "base version file"),
    "arg.ours": ("本方版本的文件", "our version file"),
    "arg.theirs": ("对方版本的文件", "their version file"),
    "arg.name": ("文件名", "file name"),
    "usage.no_such_option": ("没有选项 {name}", "no such option: {name}"),
    "usage.no_such_command": ("没有 {name} 这个命令", "no such command: {name}"),
    "usage.did_you_mean": ("，是不是 {names}？", " (did you mean {names}?)"),
    "usage.bad_value": ("{name} 的值无效：{detail}", "invalid value for {name}: {detail}"),
    "usage.help": ("运行 {command} --help 查看用法", "run {command} --help for usage"),
    "usage.bad_date": (
        "{option} 的日期 {value} 无法识别；可用的写法：{forms}",
        "{option}: cannot read the date {value}; accepted forms: {forms}",
    ),
    "usage.bad_lang": (
        "{source} 的语言 {value} 不支持；可用：zh（中文）、en（英文）",
        "{source}: rectify does not speak {value}; use zh (Chinese) or en (English)",
    ),
    # --- config -------------------------------------------------------------------
    "config.not_utf8": ("{path} 不是 UTF-8 编码", "{path} is not UTF-8 text"),
    "config.invalid": ("{path} 不是有效的 TOML：{detail}", "{path} is not valid TOML: {detail}"),
    "config.unknown_key": (
        "{path} 中有未知的设置 {key}（可用：ledgers、lang、due_soon_days、pace_margin、units、id_width、fonts、immediate_days、chase）",
        "{path} has an unknown setting {key} (known: ledgers, lang, due_soon_days, pace_margin, units, id_width, fonts, immediate_days, chase)",
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
    "check.ok_partial": (
        "已读到的 {files} 个台账文件、{issues} 个问题中未发现错误；另有 {missing} 个来源没有读到，未检查（见下）",
        "no problems found in the {files} ledger file(s) and {issues} issue(s) read; "
        "{missing} source(s) could not be read and were not checked (below)",
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
    "R102.other": ("这一行附近有 YAML 语法错误", "YAML syntax error: {detail}"),
    "R102.other.hint": (
        "检查这一行和上一行的缩进、冒号后的空格和引号是否配对",
        "check the indentation, the space after each colon, and matching quotes on this line and the one before",
    ),
    "R102.too_deep": ("嵌套层数太多，不像台账", "nested far too deep to be a ledger"),
    "R102.fullwidth_colon": (
        "这一行的冒号是中文全角冒号“：”",
        "this line's colon is the full-width '：' of Chinese typing",
    ),
    "R102.fullwidth_colon.hint": (
        "冒号请用英文半角 :，冒号后再加一个空格，如 lead_unit: 市民政局",
        "type the ASCII colon : followed by a space, e.g. lead_unit: 市民政局",
    ),
    "R102.fullwidth_space": (
        "行首用了中文全角空格缩进",
        "the line is indented with full-width (Chinese) spaces",
    ),
    "R102.fullwidth_space.hint": (
        "把行首的全角空格换成英文半角空格（每一级两个）",
        "replace them with ASCII spaces (two per level)",
    ),
    "R102.no_space": ("冒号后面缺少空格", "no space after the colon"),
    "R102.no_space.hint": (
        "在冒号后加一个空格，如 lead_unit: 市民政局",
        "put a space after the colon, e.g. lead_unit: 市民政局",
    ),
    "R102.expected_colon": (
        "这里缺少键后面的冒号，或上一行没有写完",
        "a key's colon is missing here, or the line before is not finished",
    ),
    "R102.expected_colon.hint": (
        "每一行写成“键: 值”（英文冒号加空格）；检查上一行的冒号是否为全角“：”",
        "write each line as 'key: value' (colon and a space); check the line before for a full-width '：'",
    ),
    "R102.mapping_values": (
        "这里不该出现“冒号+空格”",
        "a colon followed by a space is not allowed here",
    ),
    "R102.mapping_values.hint": (
        '文字里含有“: ”时请给整段加英文引号，如 note: "说明: 已完成"；否则检查这一行的缩进是否比上一行多',
        "put text that holds ': ' in quotes (note: \"a: b\"); otherwise check that the line is not indented more than it should be",
    ),
    "R102.expected_dash": (
        "列表里的这一项没有以 - 开头，或没有与同级的项对齐",
        "this list item does not start with - or is not aligned with the others",
    ),
    "R102.expected_dash.hint": (
        "同一列表的每一项都以“- ”开头，且 - 对齐在同一列",
        "start each item of a list with '- ', the dashes in one column",
    ),
    "R102.expected_key": (
        "这一行读不下去：缩进与同级的键不一致，或引号、括号后面多了文字",
        "this line is not indented like the keys at its level, or text follows a closing quote or bracket",
    ),
    "R102.trailing": (
        "这里多出了内容：前面的部分已经结束",
        "there is more here after the document has ended",
    ),
    "R102.trailing.hint": (
        "检查多余的 ] 或 }}，以及不该出现的 --- 或 ...",
        "look for an extra ] or }}, or a stray --- or ...",
    ),
    "R102.expected_key.hint": (
        "同一级的键左端对齐（每一级两个空格）",
        "align the keys of one level (two spaces per level)",
    ),
    "R102.unclosed_bracket": (
        "第 {opened} 行的方括号 [ 没有配对的 ]",
        "the [ opened on line {opened} is not closed with ]",
    ),
    "R102.unclosed_bracket.hint": (
        "在列表末尾补上英文 ]，如 co_units: [市财政局, 市民政局]",
        "close the list with ], e.g. co_units: [a, b]",
    ),
    "R102.unclosed_brace": (
        "第 {opened} 行的花括号 {{ 没有配对的 }}",
        "the {{ opened on line {opened} is not closed with }}",
    ),
    "R102.unclosed_brace.hint": ("补上英文 }}", "close it with }}"),
    "R102.unclosed_quote": (
        "引号没有配对：从这里开始的引号没有结束",
        "a quote opened here is not closed",
    ),
    "R102.unclosed_quote.hint": (
        "在文字末尾补上同样的英文引号（\" 或 '）；中文引号“”不需要配对",
        "close it with the same quote (\" or ') at the end of the text",
    ),
    "R102.unexpected_end": ("文件在这里意外结束", "the file ends before what was opened here"),
    "R102.cannot_start": (
        "值不能以 {char} 开头",
        "a value cannot start with {char}",
    ),
    "R102.cannot_start.hint": (
        '给整段文字加英文引号，如 note: "{char}……"',
        'put the text in quotes, e.g. note: "{char}..."',
    ),
    "R102.two_documents": (
        "文件里有第二个以 --- 分开的部分；一个台账文件只能有一个",
        "the file has a second part after ---; a ledger file holds one",
    ),
    "R102.two_documents.hint": (
        "删掉多余的 ---，或把第二部分另存为一个文件",
        "remove the extra --- or save the second part as a file of its own",
    ),
    "R102.bad_escape": (
        "双引号里的反斜杠 \\ 后面不是有效的转义",
        "a backslash in double quotes starts an unknown escape",
    ),
    "R102.bad_escape.hint": (
        "路径等含 \\ 的文字请用单引号括起来，或写成 \\\\",
        "use single quotes for text with backslashes (paths), or double them",
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
    "R108.value": (
        "标签 {tag} 要求的值与所写的 {value} 不符",
        "the tag {tag} asks for a value that {value} is not",
    ),
    "R108.value.hint": (
        "删去这个以 ! 开头的标签，把值按格式写出（文字可加引号）",
        "remove the tag starting with ! and write the value plainly (quote text)",
    ),
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
    "R111": (
        "这一行是 git 合并冲突标记 {marker}：合并还没有完成",
        "this line is a git conflict marker {marker}: a merge was left unfinished",
    ),
    "R111.hint": (
        "在 <<<<<<< 与 >>>>>>> 之间选定要保留的内容，删去三行标记；要重新合并，"
        "运行 git checkout -m {file}；以后先运行一次 rectify git-setup，git 会按问题和字段合并台账",
        "keep the right lines between <<<<<<< and >>>>>>> and delete the three marker lines; "
        "to merge again, run git checkout -m {file}; run rectify git-setup once so that git "
        "merges ledgers issue by issue and field by field",
    ),
    "R112": (
        "这一行以单独的回车符（CR）结尾，而其他行用的是普通换行",
        "this line ends in a lone carriage return (CR) while other lines end in LF",
    ),
    "R112.hint": (
        "在编辑器里把整个文件的换行统一成 LF（或 CRLF）后保存",
        "save the whole file with one kind of line end (LF or CRLF) in your editor",
    ),
    "R112.odd": (
        "这一行含有字符 {char}，YAML 会把它当作换行，而编辑器不会",
        "this line holds the character {char}, which YAML reads as a line end and editors do not",
    ),
    "R112.odd.hint": (
        "删去这个字符（常见于从网页或 Word 复制的文字），或换成普通换行",
        "delete the character (text pasted from a web page or Word often has it), "
        "or replace it with an ordinary line end",
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
    "kind.mapping": ("“键: 值”的映射", "a mapping (key: value)"),
    "kind.list": ("列表（每项以 - 开头）", "a list (each item starting with -)"),
    "kind.text": ("文字", "text"),
    "kind.number": ("数字", "a number"),
    "kind.bool": ("是/否值", "true or false"),
    "kind.date": ("日期", "a date"),
    "kind.empty": ("空值", "empty"),
    "kind.value": ("值", "a value"),
    "R203": (
        "{name} 应为{expected}，这里是{actual}",
        "{name} should be {expected}, not {actual}",
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
    "R209": (
        "{name} 有 {length} 个字，太长了（最多 {limit} 个字）",
        "{name} holds {length} characters, far too long (at most {limit})",
    ),
    "R209.hint": (
        "只写简短的一行，详细内容写在 description 或 measures 中",
        "keep it to one short line; put the details under description or measures",
    ),
    "R299": ("{name} 的值 {value} 无效", "{name} is not valid: {detail}"),
    "R299.too_small": (
        "{name} 不能小于 {limit}，这里是 {value}",
        "{name} must be at least {limit}, not {value}",
    ),
    "R299.too_large": (
        "{name} 不能大于 {limit}，这里是 {value}",
        "{name} must be at most {limit}, not {value}",
    ),
    "R299.too_long": ("{name} 太长：最多 {limit} 项", "{name} is too long: at most {limit}"),
    "R299.not_a_whole_number": (
        "{name} 要写整数，这里是 {value}",
        "{name} must be a whole number, not {value}",
    ),
    "R299.not_a_number": (
        "{name} 要写数字，这里是 {value}",
        "{name} must be a number, not {value}",
    ),
    "R299.not_a_yes_no": (
        "{name} 要写 true 或 false，这里是 {value}",
        "{name} must be true or false, not {value}",
    ),
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
    "R210": (
        "{name} 应为 0 或更大的金额（万元，最多四位小数），这里是 {value}",
        "{name} should be an amount of 0 or more (10,000 yuan, at most four decimals), not {value}",
    ),
    "R210.hint": (
        "按万元写数字，不带单位：amount_involved: 1250.5",
        "write the number in 10,000 yuan without the unit: amount_involved: 1250.5",
    ),
    "R210.count": (
        "{name} 应为 0 或更大的整数，这里是 {value}",
        "{name} should be a whole number of 0 or more, not {value}",
    ),
    "R210.count.hint": (
        "写整数，不带单位：rules_issued: 3",
        "write a whole number without the unit: rules_issued: 3",
    ),
    "R318": (
        "销号审核记录应按日期先后排列：{date} 早于上一条的 {previous}",
        "sign-off steps must be in date order: {date} is before the previous {previous}",
    ),
    "R318.hint": (
        "把这一条移到它的位置，旧的在前（销号审核只追加，不改写）",
        "move the entry to its place, oldest first (the review is append-only history)",
    ),
    "R319": (
        "{date} 的 {step} 前面没有待审核的销号申请",
        "the step {step} on {date} answers no application for sign-off",
    ),
    "R319.hint": (
        "退回（returned）和审核通过（approved）只能跟在申请（applied）之后；用 rectify apply、return、close 记录",
        "returned and approved follow an application (applied); rectify apply, return and close record them",
    ),
    "R319.pending": (
        "{date} 又申请销号，而上一次申请尚未审核",
        "a new application on {date} while the one before still awaits a decision",
    ),
    "R319.pending.hint": (
        "先记录上一次申请的审核结果：rectify close（通过）或 rectify return（退回）",
        "first record the decision on the one before: rectify close (approved) or rectify return (returned)",
    ),
    "R320": (
        "{date} 的退回没有写理由 reason",
        "the return on {date} gives no reason",
    ),
    "R320.hint": (
        "写明退回的理由，例如 reason: 佐证材料不全",
        "say why it was returned, e.g. reason: the evidence is incomplete",
    ),
    "R321": (
        "销号申请尚待审核，但问题状态为 {status}",
        "an application for sign-off awaits a decision, but the status is {status}",
    ),
    "R321.hint": (
        "待审核的申请只属于已整改（rectified）的问题；审核通过用 rectify close，退回用 rectify return",
        "a pending application belongs to a rectified issue; approve with rectify close, return with rectify return",
    ),
    "R405": (
        "佐证材料 {file} 找不到了",
        "the evidence file {file} is not there",
    ),
    "R405.hint": (
        "在台账所在文件夹或项目文件夹中按原路径放回该文件，或改正路径",
        "put the file back at that path (relative to the ledger's folder or the project's), or correct the path",
    ),
    "R406": (
        "佐证材料 {file} 在记录之后被改动过（SHA-256 不一致）",
        "the evidence file {file} has changed since it was recorded (its SHA-256 differs)",
    ),
    "R406.hint": (
        "放回原来的文件；如确需换新版本，作为新的佐证材料重新记录",
        "put the original back; if a new version must replace it, record it as new evidence",
    ),
    "evidence.no_file": ("佐证材料 {path} 不存在", "the evidence file {path} does not exist"),
    "evidence.not_file": (
        "佐证材料 {path} 是文件夹，不是文件",
        "the evidence {path} is a folder, not a file",
    ),
    "R330": (
        "督办记录应按日期先后排列：{date} 早于上一条的 {previous}",
        "chase entries must be in date order: {date} is before the previous {previous}",
    ),
    "R330.hint": (
        "chased 只追加、不改写：把这条记录移到正确的位置（旧的在前）",
        "chased is append-only history: move this entry to its place, oldest first",
    ),
    "R331": (
        "复函日期 {replied} 早于督办函的日期 {date}",
        "the reply on {replied} is before the letter it answers ({date})",
    ),
    "R331.hint": (
        "复函在督办函之后；核对两个日期，用 rectify reply 记录复函",
        "a reply comes after its letter; check both dates, record replies with rectify reply",
    ),
    "R332": (
        "复函期限 {due} 早于督办函的日期 {date}",
        "the reply is due on {due}, before the letter was sent ({date})",
    ),
    "R332.hint": (
        "核对两个日期；rectify notice --record 会按 --reply-within 写出复函期限",
        "check both dates; rectify notice --record writes the due date from --reply-within",
    ),
    "R333": (
        "满意度测评记录应按日期先后排列：{date} 早于上一条的 {previous}",
        "deliberations must be in date order: {date} is before the previous {previous}",
    ),
    "R333.hint": (
        "deliberations 只追加、不改写：把这条记录移到正确的位置（旧的在前）",
        "deliberations are append-only history: move this entry to its place, oldest first",
    ),
    "R334": (
        "票数 {name} 是 {value}，不能为负数",
        "the vote count {name} is {value}; a count cannot be negative",
    ),
    "R334.hint": (
        "写会议计票结果中的票数（0 或正整数）",
        "write the count from the meeting's tally (0 or a whole number above it)",
    ),
    "R410": (
        "测评结果写的是“{result}”，按票数应为“{votes}”",
        "the result says {result}, but the votes come to {votes}",
    ),
    "R410.hint": (
        "按出席人数计票：满意和基本满意合计未过半数为不满意；按组成人员计票的，核对后可保留",
        "counted over votes cast, satisfied and basically satisfied together need more than"
        " half; if your committee counts over its members, check and keep it",
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
    "R404": (
        "{name} 写的 {link} 不存在：台账 {ledger} 中没有这个问题",
        "{name} names {link}, which is not there: ledger {ledger} has no such issue",
    ),
    "R404.hint": (
        "核对编号（可能已改号）；改号后用 rectify fix-ids 统一",
        "check the id (it may have been renumbered; rectify fix-ids renumbers consistently)",
    ),
    "fmt.reformatted": ("已整理格式：{path}", "reformatted {path}"),
    "fmt.unchanged": ("{count} 个文件格式已规范，无需改动", "{count} file(s) already canonical"),
    "fmt.would_reformat": ("格式不规范：{path}", "would reformat {path}"),
    "fmt.check_failed": (
        "{count} 个文件格式不规范，运行 rectify fmt 整理",
        "{count} file(s) would be reformatted; run rectify fmt",
    ),
    "file.conflict_markers": (
        "{path}:{line}: 这一行是 git 合并冲突标记 {marker}：合并还没有完成。"
        "在 <<<<<<< 与 >>>>>>> 之间选定要保留的内容，删去三行标记；要重新合并，"
        "运行 git checkout -m {file}；以后先运行一次 rectify git-setup，git 会按问题和字段合并台账",
        "{path}:{line}: this line is a git conflict marker {marker}: a merge was left unfinished. "
        "Keep the right lines between <<<<<<< and >>>>>>> and delete the three marker lines; "
        "to merge again, run git checkout -m {file}; run rectify git-setup once so that git "
        "merges ledgers issue by issue and field by field",
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
        "未显示：{columns}（屏幕不够宽；窗口拉宽到 {width} 列，"
        "或把 --wide 写在命令名前（如 rectify --wide {command}）可看全部列）",
        "Not shown: {columns} (too narrow; widen the window to {width} columns, "
        "or put --wide before the command's name, as in rectify --wide {command})",
    ),
    "config.unknown_font": (
        "{path} 中 {key} 不是可设置的字体（可用：{roles}）",
        "{path}: {key} is not a font rectify sets (known: {roles})",
    ),
}
