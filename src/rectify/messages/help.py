"""Help of the app and every command: descriptions, one-line summaries, options, metavars.

``help.<command>`` describes a command (paragraphs separated by a blank line);
``help.<command>.short`` is its line in ``rectify --help`` (fits at 80 columns);
``help.<command>.<param>`` is one parameter's help, else the shared
``help.opt.<param>``; ``help.metavar.<word>`` stands for a value. tests/test_help.py
checks that every command and parameter has its text.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- layout -----------------------------------------------------------------------------
    "help.section.usage": ("用法", "Usage"),
    "help.section.arguments": ("参数", "Arguments"),
    "help.section.options": ("选项", "Options"),
    "help.section.commands": ("命令", "Commands"),
    "help.required": ("必填", "required"),
    "help.default": ("默认：{value}", "default: {value}"),
    # --- metavars: what stands for a value --------------------------------------------------
    "help.metavar.options": ("选项", "OPTIONS"),
    "help.metavar.command": ("命令 [参数]…", "COMMAND [ARGS]..."),
    "help.metavar.path": ("路径", "PATH"),
    "help.metavar.dir": ("文件夹", "DIR"),
    "help.metavar.ledger": ("台账", "LEDGER"),
    "help.metavar.id": ("编号", "ID"),
    "help.metavar.date": ("日期", "DATE"),
    "help.metavar.unit": ("单位", "UNIT"),
    "help.metavar.text": ("文本", "TEXT"),
    "help.metavar.name": ("名称", "NAME"),
    "help.metavar.who": ("验收单位", "WHO"),
    "help.metavar.days": ("天数", "DAYS"),
    "help.metavar.yyyy-mm": ("月份", "YYYY-MM"),
    "help.metavar.month": ("月份", "YYYY-MM"),
    "help.metavar.percent": ("百分比", "PERCENT"),
    "help.metavar.points": ("百分点", "POINTS"),
    "help.metavar.number": ("数字", "NUMBER"),
    "help.metavar.p": ("前缀", "PREFIX"),
    "help.metavar.prefix": ("前缀", "PREFIX"),
    "help.metavar.source": ("来源", "SOURCE"),
    "help.metavar.track": ("整改类型", "TRACK"),
    "help.metavar.status": ("状态", "STATUS"),
    "help.metavar.level": ("预警", "LEVEL"),
    "help.metavar.rev": ("版本", "REV"),
    "help.metavar.header": ("列名", "HEADER"),
    "help.metavar.key": ("字段", "KEY"),
    "help.metavar.ledger_id": ("编号", "ID"),
    "help.metavar.title": ("标题", "TITLE"),
    "help.metavar.sheet": ("工作表", "SHEET"),
    "help.metavar.encoding": ("编码", "ENCODING"),
    "help.metavar.due_soon_days": ("天数", "DAYS"),
    "help.metavar.id_width": ("位数", "DIGITS"),
    # --- options every command shares ---------------------------------------------------------
    "help.opt.help": ("显示本帮助并退出。", "Show this message and exit."),
    "help.opt.lang": (
        "提示信息和输出所用的语言：zh（中文）或 en（英文）。",
        "Language of messages and output: zh or en.",
    ),
    "help.opt.as_of": (
        "按这一天计算（如 2024-10-31、2024-10、2024年10月31日；不写为今天）。",
        "Compute as of this date (2024-10-31, 2024-10, 2024年10月31日; default today).",
    ),
    "help.opt.ledger": (
        "台账文件、文件夹或台账编号，与参数的写法相同，可写多次。",
        "A ledger file, folder or id, as the arguments (repeatable).",
    ),
    "help.opt.paths": (
        "台账文件、文件夹或台账编号；不写为本项目的台账文件夹。只读的命令也接受汇总清单"
        "（rollup.yaml，或含有它的文件夹）。",
        "Ledger files or folders, or ledger ids (default: the project's ledgers folder). "
        "Commands that only read also take a roll-up manifest (rollup.yaml, or a folder "
        "holding one).",
    ),
    "help.opt.issue_id": (
        "问题编号，如 SMX-001；几个台账有相同编号时写成 台账编号/SMX-001。",
        "Issue id, e.g. SMX-001 (LEDGER-ID/SMX-001 when several ledgers use it).",
    ),
    "help.opt.on": ("发生日期（不写为今天）。", "When it happened (default today)."),
    "help.opt.note": ("做了什么（记入进展）。", "What was done (kept in the history)."),
    "help.opt.at": (
        "使用 git 某一版本中提交的台账（不检出文件）。",
        "Use the ledgers as committed at this git revision (nothing is checked out).",
    ),
    "help.opt.within": (
        "临期（蓝色预警）的天数；不写时用 rectify.toml 中的 due_soon_days，再没有为 14 天。",
        "Due-soon window in days (blue); default due_soon_days in rectify.toml, else 14.",
    ),
    "help.opt.margin": (
        "完成进度低于序时进度超过这么多个百分点时为黄色预警；不写时用 rectify.toml 中的 pace_margin，再没有为 20。",
        "Yellow when completion is more than this many points below the pace line (default: pace_margin in rectify.toml, else 20).",
    ),
    "help.opt.source": (
        "问题来源：province（上级交办）、inspection（调研检查发现）、deliberation（审议意见提出）、deputy（代表建议）、other（其他），也可以写中文名称。",
        "province | inspection | deliberation | deputy | other (or the Chinese name).",
    ),
    "help.opt.track": (
        "整改类型：immediate（立行立改）、scheduled（限期整改）、long_term（持续推进），也可以写中文名称。",
        "immediate | scheduled | long_term (or the Chinese name).",
    ),
    # --- the app ------------------------------------------------------------------------------
    "help.rectify": (
        "整改台账：问题清单、整改进展、统计数据和月报告。",
        "整改台账 rectification ledgers: problem lists, progress, figures and monthly reports.",
    ),
    "help.rectify.epilog": (
        "每条命令后加 --help 可查看它的全部选项，例如 rectify add --help。",
        "Add --help to a command to see all its options, e.g. rectify add --help.",
    ),
    "help.rectify.version": ("显示版本号并退出。", "Print the version and exit."),
    "help.rectify.lang": (
        "提示信息和报告所用的语言：zh（中文）或 en（英文）。",
        "Language of messages and reports: zh or en.",
    ),
    "help.rectify.traceback": (
        "出错时显示 Python 的详细出错位置（报告程序缺陷时用）。",
        "Show the Python traceback of an error (for bug reports).",
    ),
    "help.rectify.wide": (
        "显示全部列，不管屏幕多窄（行可能折到下一行）。",
        "Show every column, however narrow the screen (lines may wrap).",
    ),
    "help.rectify.no_cache": (
        "不使用缓存，重新读取每个台账。",
        "Parse every ledger again instead of using the parse cache.",
    ),
    "help.rectify.install_completion": (
        "为当前命令行环境安装命令补全。",
        "Install completion for the current shell.",
    ),
    "help.rectify.show_completion": (
        "显示当前命令行环境的补全脚本，以便复制或自行安装。",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    # --- init ---------------------------------------------------------------------------------
    "help.init.short": (
        "建立项目：写入 rectify.toml，建立台账文件夹",
        "Start a project: write rectify.toml, create the ledgers folder",
    ),
    "help.init": (
        "建立项目：写入 rectify.toml 并建立台账文件夹。已有的文件不会被覆盖。\n\n"
        "在终端中运行时，未给出的语言和单位名录会逐项询问；在脚本中不询问，直接用默认值。",
        "Start a project: write rectify.toml and create the ledgers folder. Never overwrites.\n\n"
        "In a terminal, asks for the language and the known units unless given; "
        "in scripts it asks nothing and takes the defaults.",
    ),
    "help.init.folder": (
        "项目文件夹（不写为当前文件夹）。",
        "Project folder (default: the current folder).",
    ),
    "help.init.units": ("单位名录中的一个单位，可写多次。", "A known unit (单位名录); repeatable."),
    "help.init.ledgers": ("台账文件夹的名称。", "Ledgers folder name."),
    "help.init.due_soon_days": ("临期提醒的天数。", "Due-soon window in days."),
    "help.init.id_width": ("问题编号中数字的位数。", "Digits in issue ids."),
    "help.init.yes": ("不询问，全部用默认值。", "Ask nothing; take the defaults."),
    # --- new ----------------------------------------------------------------------------------
    "help.new.short": (
        "新建台账（一份问题清单），放在台账文件夹中",
        "Create a new ledger (one problem list) in the ledgers folder",
    ),
    "help.new": (
        "在台账文件夹中新建一个台账（一份问题清单）。",
        "Create a new ledger (one problem list) in the ledgers folder.",
    ),
    "help.new.ledger_id": ("台账编号，如 smx-city-2024。", "Ledger id, e.g. smx-city-2024."),
    "help.new.title": ("问题清单的名称。", "The problem list's title."),
    "help.new.supervisor": ("监督机关。", "Supervising body (监督机关)."),
    "help.new.prefix": (
        "问题编号的前缀：写 SMX，编号就是 SMX-001。",
        "Issue id prefix: SMX gives SMX-001.",
    ),
    "help.new.assigned_on": (
        "清单的交办日期（不写为今天）。",
        "When the list was handed down (default today).",
    ),
    "help.new.parent": (
        "上级台账的编号（本台账汇总到它之下）。",
        "Id of the ledger this one rolls up into.",
    ),
    # --- add ----------------------------------------------------------------------------------
    "help.add.short": ("添加问题，自动给出下一个编号", "Add an issue with the next free id"),
    "help.add": (
        "添加一个问题，自动给出下一个空闲的编号。在终端中运行时，缺少的内容会逐项询问。",
        "Add an issue with the next free id. Asks for missing values in a terminal.",
    ),
    "help.add.title": ("问题，一句话写清。", "The problem, in one line."),
    "help.add.unit": ("牵头单位。", "Lead unit (牵头单位)."),
    "help.add.deadline": (
        "整改时限，如 2024-12-31 或 2024-12。",
        "整改时限, e.g. 2024-12-31 or 2024-12.",
    ),
    "help.add.co_units": ("配合单位，可写多次。", "A co-unit (配合单位); repeatable."),
    "help.add.description": ("问题的详细描述。", "Longer description."),
    "help.add.owner": ("责任人。", "Person responsible (责任人)."),
    "help.add.measures": ("整改措施。", "Rectification measures (整改措施)."),
    "help.add.assigned_on": (
        "交办日期；不写为今天，在终端中会询问。",
        "When it was handed down (交办日期); default today, asked in a terminal.",
    ),
    "help.add.new_unit": (
        "允许单位名录中没有的单位，并把它们加入 rectify.toml。",
        "Accept units not in the known units, and add them to rectify.toml.",
    ),
    "help.add.quiet": ("只输出新问题的编号。", "Print only the new id."),
    # --- update, done, close, reopen, extend, dismiss ----------------------------------------
    "help.update.short": (
        "记录整改进展：日期和完成进度",
        "Record progress: a dated entry with the completion",
    ),
    "help.update": (
        "记录整改进展：一条带日期的进展和当前完成进度。未整改的问题随之改为整改中。",
        "Record progress: a dated entry with the completion. An open issue becomes in progress.",
    ),
    "help.update.completion": (
        "当前完成进度，0 到 100（写 74.4 或 74.4% 均可）。",
        "Completion now, 0-100 (74.4 or 74.4%).",
    ),
    "help.update.amount_rectified": (
        "审计整改：累计已整改金额（万元），记入这条进展。",
        "Audit findings: the amount rectified so far (10,000 yuan), kept in this entry.",
    ),
    "help.update.rules_issued": (
        "审计整改：累计制定完善制度（项）。",
        "Audit findings: rules issued or improved so far.",
    ),
    "help.update.people_accountable": (
        "审计整改：累计追责问责（人）。",
        "Audit findings: people held accountable so far.",
    ),
    "help.done.short": (
        "整改完成：完成进度记为 100，记下整改完成日期",
        "Mark an issue rectified: completion 100, the date it was done",
    ),
    "help.done": (
        "把问题记为已整改：完成进度 100，记下整改完成日期和最后一条进展。",
        "Mark an issue rectified (已整改): completion 100, rectified_on, a final progress entry.",
    ),
    "help.apply.short": (
        "申请销号：已整改的问题报请审核，附佐证材料",
        "Apply for sign-off of a rectified issue, with evidence",
    ),
    "help.apply": (
        "责任单位对已整改的问题申请销号（销号审核的第一步），附佐证材料。每个文件记下 SHA-256，以后 rectify check 能发现材料丢失或被改动。审核通过用 rectify close，退回用 rectify return。",
        "Apply for sign-off (申请销号) of a rectified issue: the first step of the review, with the evidence handed in. Each file is recorded with its SHA-256, so rectify check sees when it goes missing or changes. Approve with rectify close, return with rectify return.",
    ),
    "help.apply.by": ("申请单位（不写为牵头单位）。", "Who applies (default: the lead unit)."),
    "help.apply.evidence": (
        "佐证材料文件，可写多次；记下路径和 SHA-256。",
        "An evidence file; may be given more than once. Its path and SHA-256 are recorded.",
    ),
    "help.apply.note": ("申请说明。", "What the application says."),
    "help.return.short": (
        "退回销号申请：整改未获认可，改回整改中",
        "Return an application for sign-off: back in progress",
    ),
    "help.return": (
        "审核不予通过，退回销号申请并写明理由。整改未获认可：问题改回整改中，原整改完成日期移入重新整改记录，过去各月的数字不变。单位整改到位后再 rectify done、rectify apply。",
        "Return an application for sign-off (退回) with the reason. The rectification is not accepted: the problem is in progress again, and its rectification date moves into a reopened entry, so past months keep their figures. Once it is put right, the unit runs rectify done and rectify apply again.",
    ),
    "help.return.reason": ("退回理由。", "Why it is returned."),
    "help.return.by": ("审核单位。", "Who returns it (the reviewing body)."),
    "help.close.evidence": (
        "验收的佐证材料文件，可写多次；记下路径和 SHA-256。",
        "An evidence file of the sign-off; may be given more than once. Its path and SHA-256 are recorded.",
    ),
    "help.close.short": (
        "验收销号：记下验收单位和日期",
        "Sign off a rectified issue: who verified it and when",
    ),
    "help.close": (
        "对已整改的问题验收销号，记下验收单位和验收日期。单位已申请销号（rectify apply）的，同时记为审核通过。",
        "Sign off (销号) a rectified issue, recording who verified it and when. When the unit applied (rectify apply), this is the approval of its application.",
    ),
    "help.close.by": ("验收单位。", "Who verified it (验收单位)."),
    "help.reopen.short": (
        "重新整改：已整改、已销号或不予整改的问题改回整改中",
        "Put a rectified, closed or dismissed issue back in progress",
    ),
    "help.reopen": (
        "把已整改、已销号或不予整改的问题改回整改中，并写明原因。",
        "Put a rectified, closed or dismissed issue back in progress, with the reason.",
    ),
    "help.reopen.note": ("重新整改的原因。", "Why it is reopened."),
    "help.reopen.completion": (
        "当前完成进度（不写则不变）。",
        "Completion now (default: unchanged).",
    ),
    "help.extend.short": (
        "时限调整：改整改时限，保留原定时限",
        "Change the deadline; the original deadline is kept",
    ),
    "help.extend": (
        "调整整改时限（时限调整）：这次调整和原定时限都记入台账。",
        "Change the deadline (时限调整): the change is kept, the original deadline too.",
    ),
    "help.extend.to": ("新的整改时限。", "The new deadline."),
    "help.extend.reason": ("调整时限的理由。", "Why the deadline changes."),
    "help.dismiss.short": (
        "不予整改：写明理由，不再计入整改率",
        "Dismiss an issue with the reason; it stops counting",
    ),
    "help.dismiss": (
        "把问题记为不予整改并写明理由；此后不再计入各项比率。",
        "Dismiss an issue (不予整改) with the reason; it stops counting in the rates.",
    ),
    "help.dismiss.reason": ("不予整改的理由。", "Why it will not be rectified."),
    # --- list, show ---------------------------------------------------------------------------
    "help.list.short": (
        "按整改时限列出问题及其预警（红/黄/蓝）",
        "List issues by deadline with their warning (red/yellow/blue)",
    ),
    "help.list": (
        "按整改时限列出问题及其三色预警（红/黄/蓝）；--unit 指牵头单位。",
        "List issues by deadline with their warning (红/黄/蓝); --unit is the lead unit.",
    ),
    "help.list.unit": (
        "只列这个单位牵头的问题，与 status、due 的统计口径相同。",
        "Issues this unit leads (牵头单位), as status and due count them.",
    ),
    "help.list.co_unit": (
        "只列这个单位配合的问题；与 --unit 同时使用时，满足其一即可。",
        "Issues this unit helps with (配合单位); with --unit, either.",
    ),
    "help.list.status": (
        "状态：open（未整改）、in_progress（整改中）、rectified（已整改）、closed（已销号）、dismissed（不予整改），也可以写中文名称。",
        "open | in_progress | rectified | closed | dismissed (or the Chinese name).",
    ),
    "help.list.overdue": ("只列逾期的问题。", "Only overdue issues (逾期)."),
    "help.list.warning": (
        "只列有这种预警的问题：red（红）、yellow（黄）、blue（蓝），可写多次。",
        "Only issues with this warning (三色预警): red | yellow | blue; repeatable.",
    ),
    "help.list.due_within": (
        "只列这么多天内到期的问题。",
        "Only issues due within DAYS.",
    ),
    "help.list.fmt": (
        "输出格式：table（表格）、json（供程序读取）或 csv（表格文件）。",
        "table, json or csv.",
    ),
    "help.show.short": (
        "查看一个问题的全部内容和时间线",
        "Show every field of an issue and its history as a timeline",
    ),
    "help.show": (
        "显示一个问题的全部内容，并按时间线列出它的经过。",
        "Show every field of an issue and its history as a timeline.",
    ),
    "help.show.fmt": (
        "输出格式：table（表格）或 json（供程序读取）。",
        "table, or json for scripts.",
    ),
    # --- check, fmt, schema -------------------------------------------------------------------
    "help.check.short": (
        "检查台账格式和规则，列出每个问题所在的文件、行号和改法",
        "Check ledgers; list every problem with file, line and a hint",
    ),
    "help.check": (
        "按台账格式第1版检查台账，列出每个问题所在的文件、行号和改法。\n\n"
        "没有错误时退出码为 0（警告只在加 --strict 时计入），否则为 1。可用作 git 提交前检查。",
        "Check ledgers against format v1; list every problem with file, line and a hint.\n\n"
        "Exit 0 when there is no error (warnings only count with --strict), 1 otherwise. "
        "Fit for a git pre-commit hook.",
    ),
    "help.check.strict": ("警告也算不通过（退出码 1）。", "Warnings fail too (exit 1)."),
    "help.check.fmt": (
        "输出格式：text（文字）或 json（供编辑器和程序读取）。",
        "text, or json for editors and scripts.",
    ),
    "help.fmt.short": (
        "把台账整理成规范格式，保留全部注释",
        "Rewrite ledgers in canonical form, keeping every comment",
    ),
    "help.fmt": (
        "把台账改写成规范格式，保留每一条注释和 x- 开头的自定义字段。",
        "Rewrite ledgers in canonical form, keeping every comment and x- key.",
    ),
    "help.fmt.check_only": (
        "不做修改；有不规范的文件时列出它们，退出码为 1。",
        "Change nothing; exit 1 and name the files not in canonical form.",
    ),
    "help.schema.short": (
        "输出台账格式的 JSON Schema（供编辑器使用）",
        "Print the JSON Schema of the ledger format (for editors)",
    ),
    "help.schema": (
        "输出台账格式第1版的 JSON Schema，供 VS Code 等编辑器检查和补全。",
        "Print the JSON Schema of ledger format v1 (for editors such as VS Code).",
    ),
    "help.schema.output": (
        "写入这个文件，而不是输出到屏幕。",
        "Write to this file instead of stdout.",
    ),
    # --- status, progress, report -------------------------------------------------------------
    "help.status.short": (
        "整改进度统计：各项数量和比率，按单位等分组",
        "How far rectification has come: counts and rates per group",
    ),
    "help.status": (
        "整改进展到了哪一步：各项数量、比率及其分母，每组一张表。\n\n"
        "给出文件夹时，其中所有台账汇总统计（跨年结转的问题只算一次）；--by ledger 把台账列在上级台账之下。"
        "用 --at 版本，可使用 git 某一版本中提交的台账（按那次提交当天计算）。",
        "How far rectification has come: counts, rates with their denominators, a table per group.\n\n"
        "Given a folder, every ledger in it is rolled up (a problem carried over counts once); "
        "--by ledger nests ledgers under their parent. --at REV takes the ledgers as committed "
        "at a git revision (as of that commit's day).",
    ),
    "help.status.by": (
        "分组方式：unit（牵头单位）、co-unit（配合单位）、source（问题来源）、track（整改类型）或 ledger（台账）。",
        "Group by lead unit (unit), co-unit, source, track or ledger.",
    ),
    "help.opt.fmt": (
        "输出格式：table（表格）、json（精确的数量和分数）或 markdown（文档）。",
        "table, json (exact counts and fractions) or markdown.",
    ),
    "help.progress.short": (
        "月度进展表：每月末一行，当月增减与累计并列",
        "The monthly progress table: one row per month end",
    ),
    "help.progress": (
        "月度进展表：每个月末一行，当月新增、完成与累计数并列。\n\n"
        "每个月都按台账中带日期的记录，计算到该月最后一天；本月显示截至目前的数字。",
        "The monthly progress table: one row per month end, flows and stocks side by side.\n\n"
        "Each month is figured as of its last day from the dated history in the ledgers; "
        "the current month shows the figures so far.",
    ),
    "help.progress.start": (
        "起始月份（不写为第一个问题交办的月份）。",
        "First month (default: the month of the first assignment).",
    ),
    "help.progress.end": ("截止月份（不写为本月）。", "Last month (default: this month)."),
    "help.report.short": (
        "月报告（Markdown 或公文格式的 Word），按机关行文习惯写成",
        "The monthly report, in Markdown or as a Word document",
    ),
    "help.report": (
        "生成月报告（Markdown 格式，或公文格式的 Word 文件），按机关行文习惯写成。\n\n"
        "数字按该月最后一天计算（当月未结束时按今天），按整改类型和牵头单位分列；"
        "写明当月整改完成的问题、逾期和临期的问题、持续推进的问题、各单位排名和逾期时长、"
        "逐月统计表和图，以及各台账的内容校验值和 git 提交，任何人都能据此复核每个数字。"
        "-o 月报.docx（或 --format docx）写成公文格式（GB/T 9704）的 Word 文件，趋势图为图片；"
        "--format pdf 再用 LibreOffice 转为 PDF。"
        "用 --at 版本，可按某一版本提交的台账生成；用 --since 版本，可加上自那以后的变化。",
        "The monthly report (月报告), in Markdown or as a Word document in official layout.\n\n"
        "Figures as of the month's last day (or today, while the month runs), by track and "
        "lead unit; what was rectified that month; overdue and due-soon problems; long-term "
        "problems; a league table with overdue ageing; the month-by-month table with a chart; "
        "and the ledgers' content hashes and git commit, so anyone can recompute every figure. "
        "-o 月报.docx (or --format docx) writes Word in the layout of GB/T 9704, with the chart "
        "as a picture; --format pdf converts that with LibreOffice. --at REV reports from the ledgers as committed at a revision; --since REV adds what "
        "changed since then.",
    ),
    "help.report.month": ("报告的月份，如 2024-11。", "The month to report on (2024-11)."),
    "help.report.output": (
        "把报告写入这个文件（.md、.docx、.pdf），而不是输出到屏幕。",
        "Write the report to this file (.md, .docx, .pdf).",
    ),
    "help.report.since": (
        "加上自 git 这一版本以来台账的变化（只用于 Markdown）。",
        "Add what changed in the ledgers since this git revision (Markdown only).",
    ),
    # --- sync ---------------------------------------------------------------------------------
    "help.sync.short": (
        "取回汇总清单（rollup.yaml）中各个 git 来源",
        "Fetch the git sources of a roll-up manifest (rollup.yaml)",
    ),
    "help.sync": (
        "用 git 取回汇总清单中每个 git 来源，同时取回几个；每个来源在清单的缓存文件夹中保存为一个"
        "裸仓库镜像，不检出任何文件。之后 status、progress、report、due、export、site 和 check "
        "接受这份清单，按各来源写的版本读取台账。\n\n"
        "取不回的来源逐个写明原因，其余照常取回；有来源失败时以非零状态退出。",
        "Fetch every git source (url:) of a roll-up manifest with plain git, several at once; "
        "each is kept as a bare mirror in the manifest's cache folder, nothing checked out. "
        "status, progress, report, due, export, site and check then take the manifest and read "
        "each source's ledgers at the revision it names.\n\n"
        "A source that cannot be fetched is named with the reason; the others are fetched all "
        "the same, and the command exits non-zero.",
    ),
    "help.sync.manifest": (
        "汇总清单 rollup.yaml，或含有它的文件夹（不写为当前文件夹）。",
        "The roll-up manifest rollup.yaml, or a folder holding one (default: the current folder).",
    ),
    "help.metavar.manifest": ("清单", "MANIFEST"),
    # --- site ---------------------------------------------------------------------------------
    "help.site.short": (
        "生成台账网站：双击 index.html 即可查看，无需服务器",
        "A static website of the ledgers: open index.html, no server",
    ),
    "help.site": (
        "把台账生成一个静态网站：双击 index.html 即可打开（本机、共享文件夹或任何网站服务器均可），"
        "不需要服务器，也不联网。\n\n"
        "总览页有带分母的主要数字、逐月趋势图、三色预警和各牵头单位排名；每个台账、牵头单位、问题各有一页；"
        "还有逾期、进度滞后、临期、超过一个月未报进展、本月整改完成等工作清单（可筛选），"
        "以及每个月末的数字（与 status 相同）。--serve 在 127.0.0.1 上预览，台账改动后自动重新生成。",
        "Write a static website of the ledgers: it opens by double-clicking index.html (from "
        "a folder, a network share or any web server), with no server and no network.\n\n"
        "The overview has the headline figures with their denominators, the month-by-month "
        "trend, the three-colour warnings and the lead units ranked; each ledger, lead unit "
        "and problem has a page; the lists to work from (overdue, behind pace, due soon, "
        "silent for over a month, rectified this month) have a filter box; and the figures "
        "of every month end are there (the same as status). --serve previews it on 127.0.0.1 "
        "and builds it again when a ledger changes.",
    ),
    "help.site.output": (
        "网站写入这个文件夹（不写为 site）；已有的文件夹须为空或是 rectify 生成的网站。",
        "The folder to write the site into (default: site); an existing one must be empty or a "
        "site rectify made.",
    ),
    "help.site.serve": (
        "生成后在 127.0.0.1 上预览（只读），台账改动后自动重新生成。",
        "After building, preview it on 127.0.0.1 (read-only), rebuilt when a ledger changes; "
        "Ctrl-C stops it.",
    ),
    "help.site.port": (
        "--serve 使用的端口（不写为 8000；0 为任选一个空闲端口）。",
        "The port for --serve (default 8000; 0 picks a free one).",
    ),
    "help.metavar.port": ("端口", "PORT"),
    # --- due, notice, carry-over --------------------------------------------------------------
    "help.due.short": (
        "督办清单：按牵头单位列出红、黄、蓝色预警的问题",
        "What needs chasing now, by lead unit: red, yellow, blue",
    ),
    "help.due": (
        "现在需要督办的问题，按牵头单位列出：红（逾期）、黄（进度滞后）、蓝（临期）。\n\n"
        "显示逾期或剩余天数、完成进度与序时进度的对比和最近一次进展；超过一个月未报送进展的问题另行标出。",
        "What needs chasing now, by lead unit: red (overdue), yellow (behind pace), blue (due soon).\n\n"
        "Shows the days overdue or left, the completion against the pace line and the last "
        "progress report; issues silent for more than a month are flagged.",
    ),
    "help.due.unit": ("只看这个牵头单位。", "Only this lead unit."),
    "help.due.fmt": (
        "输出格式：table（表格）、json（供程序读取）或 markdown（文档）。",
        "table, json (for scripts) or markdown.",
    ),
    "help.notice.short": (
        "给牵头单位写督办提醒函（Markdown 或公文格式的 Word）",
        "Write a reminder notice to a lead unit (Markdown or Word)",
    ),
    "help.notice": (
        "给一个牵头单位写督办提醒函：哪些问题逾期或进度滞后。\n\n"
        "落款日期为 --month 所指月份的最后一天（不写为今天）。默认为 Markdown；"
        "-o 函.docx 或 --format docx 写成公文格式的 Word 文件（pdf：经 LibreOffice 转换）。"
        "加 --all -o 文件夹 时，每个有需督办问题的单位各写一个文件，格式按 --format。",
        "Write a reminder notice (督办提醒函) to a lead unit: what is overdue or lagging.\n\n"
        "Dated the end of --month (default: today). In Markdown, or as a Word letter in "
        "official layout with -o 函.docx or --format docx (pdf: through LibreOffice). With "
        "--all -o DIR, one file per unit that has something to chase, in the --format given.",
    ),
    "help.notice.args": (
        "牵头单位，其后是台账文件或文件夹（加 --all 时只写路径）。",
        "The lead unit, then ledger files or folders (with --all: only the paths).",
    ),
    "help.notice.all_units": (
        "给每个有需督办问题的单位各写一份。",
        "One notice per unit with something to chase.",
    ),
    "help.notice.output": (
        "写入这个文件：.md、.docx 或 .pdf（加 --all 时为这个文件夹）。",
        "Write to this file, .md, .docx or .pdf (with --all: folder).",
    ),
    "help.notice.month": (
        "按这个月的月末计算，如 2024-11。",
        "As of the end of this month (2024-11).",
    ),
    "help.notice.reply_within": ("要求单位回复的天数。", "Days the unit is given to answer."),
    "help.notice.record": (
        "把这份督办函记入台账（每个问题的督办记录），供督办清单、月报和复函记录使用。",
        "Keep the letter in the ledgers (each problem's chased:), for due, the report and a reply.",
    ),
    "help.reply.short": (
        "记录单位对督办函的复函",
        "Record that a unit answered the letters chasing an issue",
    ),
    "help.reply": (
        "记录单位对督办某个问题的来函已经复函。\n\n"
        "--on 当天及以前、尚未复函的督办函，都记为当天复函。",
        "Record that a unit answered the letters that chased an issue (复函).\n\n"
        "Every letter to it dated on or before --on and not yet answered counts as answered "
        "that day.",
    ),
    "help.reply.on": ("复函日期（不写为今天）。", "When the reply came (default today)."),
    "help.vote.short": (
        "记录常委会对整改情况报告的满意度测评",
        "Record the committee's vote on the rectification report",
    ),
    "help.vote": (
        "记录常委会对整改情况报告的满意度测评（记入台账头部的测评记录）。\n\n"
        "不写 --result 时按票数得出结果。测评不满意的，整改情况须再次报告；连续两次不满意的另行提示。",
        "Record the committee's vote on the rectification report (满意度测评).\n\n"
        "Kept in the ledger's header (deliberations:). Without --result, the result is what "
        "the votes come to. A dissatisfied result keeps the list to be reported on again; a "
        "second one in a row is flagged.",
    ),
    "help.vote.paths": (
        "记入这个台账（只有一个台账时可不写）。",
        "The ledger to record it in (may be left out when there is one).",
    ),
    "help.vote.meeting": (
        "会议名称，如 第十六届人大常委会第二十次会议。",
        "The meeting, e.g. 第十六届人大常委会第二十次会议.",
    ),
    "help.vote.satisfied": ("满意票数。", "Votes for satisfied (满意)."),
    "help.vote.basic": ("基本满意票数。", "Votes for basically satisfied (基本满意)."),
    "help.vote.dissatisfied": ("不满意票数。", "Votes for dissatisfied (不满意)."),
    "help.vote.result": (
        "测评结果：满意、基本满意或不满意（也可写 satisfied、basically_satisfied、"
        "dissatisfied；不写时按票数得出）。",
        "satisfied, basically_satisfied or dissatisfied (满意, 基本满意, 不满意 too; "
        "default: from the votes).",
    ),
    "help.vote.follow_up": ("会议提出的后续要求。", "What the meeting asked for next."),
    "help.vote.on": ("会议日期（不写为今天）。", "The day of the meeting (default today)."),
    "help.carry-over.short": (
        "跨年结转：未完成的问题转入下一年的台账",
        "Carry unfinished issues into next year's ledger",
    ),
    "help.carry-over": (
        "把所有未整改和整改中的问题转入下一年的台账（跨年结转）。\n\n"
        "转入的问题用新编号，并以 carried_from 指回原问题，记录一并带上；原问题记下一条带日期的说明，写明转到哪里，不会删除。"
        "先写下一年的文件，再写本年的，每个文件都完整写入；再运行一次不会重复添加。",
        "Carry every open or in-progress issue into next year's ledger (跨年再盯).\n\n"
        "New ids, carried_from pointing back, the record kept; each old issue gets a dated note "
        "saying where it went and is never deleted. Next year's file is written first, then "
        "this year's, each atomically; running it again adds nothing.",
    ),
    "help.carry-over.ledger": ("本年的台账文件。", "This year's ledger file."),
    "help.carry-over.to": (
        "下一年的台账文件（没有时新建）。",
        "Next year's ledger file (created when missing).",
    ),
    "help.carry-over.ledger_id": (
        "新台账的编号（新建时用）。",
        "Id of the new ledger (when creating it).",
    ),
    "help.carry-over.title": (
        "新台账的名称（新建时用）。",
        "Title of the new ledger (when creating it).",
    ),
    "help.carry-over.prefix": (
        "新台账的问题编号前缀；不写与本年相同。",
        "Id prefix of the new ledger; default: this year's.",
    ),
    "help.carry-over.on": ("结转日期（不写为今天）。", "Carry-over date (default today)."),
    # --- diff, log, fix-ids, git-setup, merge-driver ------------------------------------------
    "help.diff.short": (
        "自某一版本以来台账的变化，逐个问题列出",
        "What changed in the ledgers since REV, issue by issue",
    ),
    "help.diff": (
        "自 git 某一版本以来台账有哪些变化，逐个问题列出：新增、整改完成、销号、进展。\n\n"
        "把该版本中提交的台账与现在的文件（无论是否已提交）比较。台账移动或改名也能跟上。",
        "What changed in the ledgers since REV, issue by issue: new, rectified, signed off, "
        "progress.\n\nCompares the ledgers as committed at REV with the files as they are now "
        "(committed or not). A ledger moved or renamed is followed.",
    ),
    "help.diff.args": (
        "要比较的版本（提交、分支、标签、HEAD~1；不写为本月开始前的最后一次提交），其后是台账文件或文件夹。",
        "The version to compare with (a commit, branch, tag, HEAD~1; default: the last commit "
        "before this month began), then ledger files or folders.",
    ),
    "help.diff.fmt": (
        "输出格式：table（表格）、json（供程序读取）或 markdown（用于报告）。",
        "table, json (for scripts) or markdown (for the report).",
    ),
    "help.log.short": (
        "一个问题在各次提交中的经过：何时、何人、改了什么",
        "The history of one issue through the commits",
    ),
    "help.log": (
        "一个问题在各次 git 提交中的经过：什么时候、谁、把什么从什么改成了什么。",
        "The history of one issue through the commits: when, who, what changed from what to what.",
    ),
    "help.log.issue": (
        "问题编号，如 SMX-003；编号重复时写成 台账/编号。",
        "The issue: SMX-003, or LEDGER/ID when ids repeat.",
    ),
    "help.log.fmt": (
        "输出格式：table（表格）或 json（供程序读取）。",
        "table, or json for scripts.",
    ),
    "help.fix-ids.short": (
        "合并分支后，给重复编号的问题换上新编号",
        "Give issues that share an id the next free id (after a merge)",
    ),
    "help.fix-ids": (
        "两个分支合并后，编号重复的问题中，后面的每个换成下一个空闲编号。\n\n"
        "第一个使用该编号的问题保留原编号；只改编号所在的行。",
        "Give each later issue that shares an id the next free id (after a merge of two "
        "branches).\n\nThe first issue with an id keeps it; only the id lines change.",
    ),
    "help.fix-ids.dry_run": ("只说明哪些问题会换编号。", "Only say what would be renumbered."),
    "help.git-setup.short": (
        "让 git 按问题合并台账，两人同时添加问题不再冲突",
        "Make git merge ledgers issue by issue",
    ),
    "help.git-setup": (
        "让 git 逐个问题合并台账：两个人同时添加问题不再冲突。\n\n"
        "把 `*.yaml merge=rectify` 写入 .gitattributes（请提交它），并在本仓库的 git 设置中写入 "
        "merge.rectify.driver（每个克隆运行一次）。",
        "Make git merge ledgers issue by issue: two people adding issues no longer conflict.\n\n"
        "Writes `*.yaml merge=rectify` into .gitattributes (commit it) and sets "
        "merge.rectify.driver in this clone's git config (run once per clone).",
    ),
    "help.merge-driver.short": (
        "git 合并台账时调用（由 git-setup 设置）",
        "git's merge driver for ledgers (set up by git-setup)",
    ),
    "help.merge-driver": (
        "git 合并台账时调用的程序（由 rectify git-setup 设置）：逐个问题合并。\n\n"
        "合并无冲突时退出码为 0；留有冲突需要人工处理时为 1。",
        "git's merge driver for ledgers (set up by `rectify git-setup`): merge issue by issue.\n\n"
        "Exit 0 when merged cleanly, 1 when conflicts are left for a person.",
    ),
    "help.merge-driver.base": ("%O：共同祖先的版本。", "%O: the common ancestor's version."),
    "help.merge-driver.ours": (
        "%A：我方的版本，合并结果写入这里。",
        "%A: our version; the result is written here.",
    ),
    "help.merge-driver.theirs": ("%B：对方的版本。", "%B: their version."),
    "help.merge-driver.name": (
        "%P：文件在仓库中的名称。",
        "%P: the file's name in the repository.",
    ),
    # --- export, import -----------------------------------------------------------------------
    "help.export.short": (
        "导出为表格：每个问题一行；xlsx 另附分单位、分月统计",
        "Export issues as a spreadsheet: one row per issue",
    ),
    "help.export": (
        "把问题导出为表格：每个问题一行；xlsx 格式另附按单位和按月的统计。",
        "Export issues as a spreadsheet: one row per issue; xlsx adds figures by unit and month.",
    ),
    "help.export.fmt": (
        "格式：csv、xlsx 或 json（不写时按 -o 文件的扩展名，再没有为 csv）。",
        "csv, xlsx or json (default: from the -o file name, else csv).",
    ),
    "help.export.output": (
        "写入这个文件（不写则输出到屏幕；xlsx 必须写）。",
        "Write to this file (default: stdout; xlsx needs it).",
    ),
    "help.export.form": (
        "写出单位每月填报的报送表（xlsx）：只能填写本月进展，其余锁定，填写时即校验。",
        "Write the monthly return form (报送表) a unit fills in: xlsx, locked but for its "
        "input cells, checked as it is typed.",
    ),
    "help.export.unit": (
        "为这个单位写报送表（列出它牵头的、尚未整改完成的问题）。",
        "The unit whose return form to write (the open problems it leads).",
    ),
    "help.export.all_units": (
        "为每个有未完成问题的单位各写一份报送表，写入 -o 指定的文件夹。",
        "One return form per unit with open problems, into the -o folder.",
    ),
    "help.import.short": (
        "把单位报来的 Excel/WPS 表格或 CSV 导入台账，不重复添加",
        "Import an office's Excel/WPS sheet or CSV into a ledger",
    ),
    "help.import": (
        "把单位报来的 Excel/WPS 表格或 CSV 文件导入台账；已有的问题不会重复添加。",
        "Import an office's Excel/WPS sheet or CSV into a ledger; nothing is added twice.",
    ),
    "help.import.file": (
        "要读取的表格：.xlsx、.xls、.et、.ods 或 .csv 文件；或单位交回的报送表，可以是一个文件夹。",
        "The sheet to read: .xlsx, .xls, .et, .ods or .csv; or returned forms (报送表), a file or a folder.",
    ),
    "help.import.ledger": (
        "问题要加入的台账文件（报送表：要记入的台账，不写为本项目的台账文件夹）。",
        "The ledger file to add the issues to (returned forms: the ledgers to record in; "
        "default: the project's ledgers folder).",
    ),
    "help.import.sheet": (
        "只读这一张工作表（不写为全部可见的工作表）。",
        "The sheet to read (default: every visible sheet).",
    ),
    "help.import.maps": (
        "把某一列读作某个字段：--map 责任处室=lead_unit（可写多次；=ignore 表示跳过该列）。",
        "Read a column as a key: --map 责任处室=lead_unit (repeatable; =ignore skips it).",
    ),
    "help.import.dry_run": (
        "只显示会添加什么，不写入。",
        "Show what would be added; write nothing.",
    ),
    "help.import.skip_bad": (
        "有些行读不出来时，仍导入其余的行。",
        "Import the good rows even if some cannot be read.",
    ),
    "help.import.update": (
        "表格中与台账对应的问题一并更新（见 docs/spreadsheets.md）。",
        "Bring issues the sheet matches up to date (see docs/spreadsheets.md).",
    ),
    "help.import.encoding": (
        "CSV 文件的编码（不写时先按 UTF-8，再按 GB18030）。",
        "Encoding of a CSV file (default: UTF-8, else GB18030).",
    ),
    "help.import.as_of": (
        "表格所报情况的日期，用于本身没有日期的行（不写时用表头的填报日期或“截至”日期，再没有为今天）。",
        "The date the sheet reports on, for rows without their own date (default: its "
        "填报日期/截至 title, else today).",
    ),
    "help.import.assigned_on": (
        "没有交办日期一栏的新问题的交办日期（不写为今天）。",
        "When new problems without a 交办日期 cell were handed down (default today).",
    ),
    "help.report.fmt": (
        "格式：markdown、docx（公文格式的 Word）或 pdf（需要 LibreOffice）；不写时按 -o 文件的扩展名（.md、.docx、.pdf），再没有为 markdown。",
        "markdown, docx (Word, official layout) or pdf (needs LibreOffice); default: from the -o file name (.md, .docx, .pdf), else markdown.",
    ),
    "help.report.chart": (
        "另把趋势图写入这个文件（.png 或 .svg）。",
        "Also write the trend chart to this file (.png or .svg).",
    ),
    "help.notice.fmt": (
        "格式：markdown、docx（公文格式的 Word）或 pdf（需要 LibreOffice）；不写时按 -o 文件的扩展名（.md、.docx、.pdf），再没有为 markdown。",
        "markdown, docx (Word, official layout) or pdf (needs LibreOffice); default: from the -o file name (.md, .docx, .pdf), else markdown.",
    ),
    "help.metavar.file": ("文件", "FILE"),
    "help.metavar.amount": ("金额", "AMOUNT"),
}
