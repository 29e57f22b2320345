"""Messages of the supervision cycle: chasing on the record (督办), replies, the committee's vote
(满意度测评)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- who a letter goes to (督办升级) ----------------------------------------------------
    "chase.audience.reminder": ("经办人", "the officer handling it"),
    "chase.audience.escalated": ("分管领导", "the leader in charge"),
    "chase.audience.overdue": ("单位主要负责人", "the head of the unit"),
    "config.bad_rung": (
        "{path} 中第 {number} 级 [[chase.escalation]] 写得不对：每一级写 days_left = 剩余天数"
        '（0 到 366 的整数）或 overdue = true（两者只写一个），再写 to = "收件人"',
        "{path}: step {number} of [[chase.escalation]] is not right: each step has days_left ="
        " the days left (a whole number from 0 to 366) or overdue = true (one of the two), and"
        ' to = "the addressee"',
    ),
    "config.escalation_order": (
        "{path} 中 [[chase.escalation]] 的顺序不对：days_left 应从大到小，overdue = true 放在最后",
        "{path}: the steps of [[chase.escalation]] go from the most days_left to the fewest,"
        " with the overdue = true step last",
    ),
    # --- the letters -----------------------------------------------------------------------
    "notice.title.escalated": (
        "关于加快问题整改进度的督办函",
        "Chase letter: problems overdue or behind schedule",
    ),
    "notice.title.overdue": (
        "关于逾期未整改问题的督办通知",
        "Notice of problems past their deadline",
    ),
    "notice.step.escalated": (
        "鉴于上述问题临近整改时限，请{to}亲自过问，逐项督促落实。",
        "As these problems are close to their deadlines, {to} is asked to take charge of them"
        " in person and see each one through.",
    ),
    "notice.step.overdue": (
        "上述问题已超过整改时限，请{to}专题研究，明确每个问题的整改责任人和完成时限，并书面说明逾期原因。",
        "These problems are past their deadline. {to} is asked to take them up in a meeting of"
        " their own, name who is responsible for each and by when it will be done, and explain"
        " the delay in writing.",
    ),
    "notice.cc": ("抄送：{cc}", "Copied to: {cc}"),
    "notice.recorded": (
        "已在台账中记录督办：{count}个问题，{date}致{unit}{to}，{due}前复函",
        "recorded in the ledger: {count} problem(s) chased on {date}, to {to} of {unit},"
        " reply due {due}",
    ),
    "notice.recorded_already": (
        "{unit}：{date}的督办已记录过，未重复记录",
        "{unit}: the letter of {date} was recorded already; nothing added",
    ),
    # --- recording a reply and a vote --------------------------------------------------------
    "ops.chase.before_last": (
        "{id}：督办日期 {date} 早于上一次督办的日期 {last}",
        "{id}: the letter's date {date} is before the last letter ({last})",
    ),
    "ops.reply.none": (
        "{id}：没有待复函的督办（共督办{count}次）；先用 rectify notice --record 记录督办",
        "{id}: no letter is waiting for a reply ({count} recorded); record letters with"
        " rectify notice --record",
    ),
    "ops.reply.before": (
        "{id}：复函日期 {date} 早于待复的督办函（{letter}）；请用 --on {letter} 或更晚的日期",
        "{id}: the reply's date {date} is before the letter it answers ({letter}); use --on"
        " {letter} or later",
    ),
    "reply.done": (
        "{id}：已记录{date}复函（答复了{count}份督办函）",
        "{id}: reply of {date} recorded ({count} letter(s) answered)",
    ),
    "ops.vote.negative": (
        "票数 {name} 是 {value}，不能为负数",
        "the vote count {name} is {value}; a count cannot be negative",
    ),
    "ops.vote.before_last": (
        "测评日期 {date} 早于上一次测评的日期 {last}",
        "the vote's date {date} is before the last one ({last})",
    ),
    "ops.vote.twice": (
        "{date} 的{meeting}已记录过测评，未重复记录；如需更正，请直接改台账中的这一条",
        "the vote of {meeting} on {date} is recorded already; nothing was added. "
        "To correct it, edit that entry in the ledger",
    ),
    "ops.vote.before_assigned": (
        "测评日期 {date} 早于问题清单交办日期 {assigned}",
        "the vote's date {date} is before the list was handed over ({assigned})",
    ),
    "vote.done": (
        "{ledger}：已记录{date}{meeting}的满意度测评：满意{satisfied}票，基本满意{basic}票，"
        "不满意{dissatisfied}票，结果为{result}",
        "{ledger}: vote of {date} ({meeting}) recorded: {satisfied} satisfied, {basic} basically"
        " satisfied, {dissatisfied} dissatisfied; result: {result}",
    ),
    "vote.needs_result": (
        "没有计票（三项票数都是0），请用 --result 写明测评结果",
        "no vote was counted (all three counts are 0): give the result with --result",
    ),
    "vote.differs": (
        "按出席人员计票，结果应为{expected}；已按 --result 记录为{result}",
        "counted over the votes cast the result would be {expected}; recorded as {result},"
        " as --result says",
    ),
    "vote.again": (
        "整改情况报告将在下次会议再次报告",
        "the rectification is to be reported on again at the next meeting",
    ),
    "vote.second_dissatisfied": (
        "连续两次以上测评不满意：可能启动询问或特定问题调查",
        "dissatisfied twice or more in a row: an inquiry or a special investigation may follow",
    ),
    "result.satisfied": ("满意", "satisfied"),
    "result.basically_satisfied": ("基本满意", "basically satisfied"),
    "result.dissatisfied": ("不满意", "dissatisfied"),
    # --- rectify show: the timeline ------------------------------------------------------------
    "show.ev.chased": ("督办", "chased"),
    "show.ev.chased.to": ("致{to}", "to {to}"),
    "show.ev.replied": ("复函", "replied"),
    "show.ev.replied.to": ("答复{date}的督办函", "to the letter of {date}"),
    # --- rectify diff and log ---------------------------------------------------------------
    "diff.count.chased": ("督办 {n} 次", "{n} letter(s) chasing"),
    "diff.count.replied": ("复函 {n} 次", "{n} reply(ies)"),
    "diff.count.voted": ("满意度测评 {n} 次", "{n} committee vote(s)"),
    "diff.kind.chased": ("督办", "chased"),
    "diff.kind.replied": ("复函", "replied"),
    "diff.kind.voted": ("满意度测评", "vote"),
    "diff.says.chased": ("督办 {date}（{colour}，致{to}）", "chased {date} ({colour}, to {to})"),
    "diff.says.replied": (
        "复函 {date}（答复{letter}的督办函）",
        "replied {date} (to the letter of {letter})",
    ),
    "diff.says.voted": (
        "满意度测评 {date}（{meeting}）：{result}",
        "committee vote {date} ({meeting}): {result}",
    ),
    "diff.col.colour": ("预警", "Warning"),
    "diff.col.to": ("致", "To"),
    "diff.col.replied_on": ("复函日期", "Replied on"),
    "diff.col.letter": ("督办函日期", "Letter of"),
    "diff.section.chased": ("督办（{n} 个）", "Chased ({n})"),
    "diff.section.replied": ("复函（{n} 个）", "Replies ({n})"),
    # --- the chase record in due, the report and status --------------------------------------
    "due.col.chased": ("督办", "Chased"),
    "chase.never": ("—", "—"),
    "chase.replied": ("{count}次，已复函", "{count}×, replied"),
    "chase.waiting": ("{count}次，待复函", "{count}×, awaiting reply"),
    "chase.late": ("{count}次，逾期未复", "{count}×, reply overdue"),
    "report.chase.heading": ("督办情况", "Chasing"),
    "report.chase.summary": (
        "本月发出督办函涉及{month}个问题；截至{date}，累计督办{problems}个问题、{letters}次，"
        "已复函{replied}次，待复函{waiting}次，其中逾期未复函{late}次。",
        "This month's letters chased {month} problem(s). As of {date}, {problems} problem(s) have"
        " been chased {letters} time(s) in all; {replied} letter(s) answered, {waiting} awaiting"
        " a reply, {late} of them past the date the reply was due.",
    ),
    "report.chase.row": (
        "{id} {title}：督办{count}次，最近一次{date}（{colour}，致{to}），{reply}。",
        "{id} {title}: chased {count} time(s), last on {date} ({colour}, to {to}); {reply}.",
    ),
    "report.chase.reply.replied": ("{date}已复函", "answered on {date}"),
    "report.chase.reply.waiting": ("{due}前复函，尚未复函", "reply due {due}, none yet"),
    "report.chase.reply.late": ("应于{due}前复函，逾期未复", "reply was due {due}, none came"),
    "report.chase.reply.open": ("尚未复函", "no reply yet"),
    "report.col.chased": ("督办次数", "Letters"),
    "report.col.last_chased": ("最近督办", "Last letter"),
    "report.col.colour": ("预警", "Warning"),
    "report.col.to": ("致", "To"),
    "report.col.reply": ("复函", "Reply"),
    "report.vote.heading": ("常委会满意度测评", "The committee's vote"),
    "report.vote.row": (
        "{date}，{meeting}对整改情况报告进行满意度测评：满意{satisfied}票，基本满意{basic}票，"
        "不满意{dissatisfied}票，测评结果为{result}。",
        "{date}, {meeting}: the committee voted on the rectification report: {satisfied}"
        " satisfied, {basic} basically satisfied, {dissatisfied} dissatisfied; the result:"
        " {result}.",
    ),
    "report.vote.follow_up": ("会议要求：{follow_up}", "The meeting asked for: {follow_up}"),
    "report.vote.again": (
        "{ledger}：{date}满意度测评结果为不满意，整改情况须在下次会议再次报告。",
        "{ledger}: the vote of {date} was dissatisfied; the rectification is to be reported on"
        " again.",
    ),
    "report.vote.again_twice": (
        "{ledger}：连续两次以上测评不满意（最近一次{date}），可能启动询问或特定问题调查。",
        "{ledger}: dissatisfied twice or more in a row (last on {date}); an inquiry or a"
        " special investigation may follow.",
    ),
}
