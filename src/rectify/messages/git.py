"""Messages of git: diff, log, --at, fix-ids, the merge driver and git-setup."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- talking to git ----------------------------------------------------------------
    "git.revision": (
        "{date} 的版本（{short}，{subject}）",
        "the version of {date} ({short}, {subject})",
    ),
    "git.missing": (
        "找不到 git 命令：请安装 git（https://git-scm.com），并确认在命令行里能运行 git",
        "git is not installed or not on PATH: install it from https://git-scm.com and make sure `git` runs in a terminal",
    ),
    "git.cannot_run": ("无法运行 git：{reason}", "cannot run git: {reason}"),
    "git.not_repo": (
        "{path} 不在 git 仓库中：这个命令读取台账的提交历史，请在 git 仓库里运行（或先 git init 并提交台账）",
        "{path} is not in a git repository: this command reads the ledgers' commit history; run it inside one (or git init and commit the ledgers first)",
    ),
    "git.dubious": (
        "git 拒绝读取 {path}：仓库属于另一个用户。若信任它，运行 git config --global --add safe.directory 加上仓库路径",
        "git refuses to read {path}: the repository belongs to another user. If you trust it, run git config --global --add safe.directory with its path",
    ),
    "git.failed": ("git {command} 失败：{detail}", "git {command} failed: {detail}"),
    "git.outside_repo": (
        "{path} 不在 git 仓库 {root} 中",
        "{path} is outside the git repository {root}",
    ),
    "git.bad_rev": (
        "git 中没有版本 {rev}：请写提交号（如 a1b2c3d）、分支名、标签或 HEAD~1，git log --oneline 可列出提交",
        "no revision {rev} in git: give a commit id (a1b2c3d), a branch, a tag or HEAD~1; git log --oneline lists the commits",
    ),
    "git.no_commits": (
        "仓库里还没有提交：先提交台账（git add、git commit），再比较版本",
        "the repository has no commit yet: commit the ledgers (git add, git commit) before comparing versions",
    ),
    "git.none_before": (
        "{date} 之前没有提交，找不到上月报告时的版本：请指定版本，例如 rectify diff HEAD~1",
        "no commit before {date}, so there is no version from last month's report: name one, e.g. rectify diff HEAD~1",
    ),
    "git.not_in_commit": (
        "版本 {rev} 中没有文件 {path}",
        "{path} does not exist in revision {rev}",
    ),
    "git.no_ledgers_at": (
        "版本 {rev} 中 {where} 下没有台账文件（*.yaml、*.yml）",
        "no ledger files (*.yaml, *.yml) under {where} in revision {rev}",
    ),
    "git.rev_problems": (
        "版本 {rev} 中的台账有 {count} 个错误，第一个是 {first}",
        "the ledgers as committed at {rev} have {count} error(s); the first is {first}",
    ),
    # --- git-setup and the merge driver --------------------------------------------------
    "git.setup.attributes": ("已在 {path} 中登记：{patterns}", "registered in {path}: {patterns}"),
    "git.setup.attributes_ok": (
        "{path} 已登记过，未改动",
        "{path} already registers them; unchanged",
    ),
    "git.setup.config": (
        "已设置本仓库的 git 配置：merge.rectify.driver = {driver}",
        "set this repository's git config: merge.rectify.driver = {driver}",
    ),
    "git.setup.done": (
        "完成。两人在不同分支上改同一台账时，git merge 会逐个问题合并；双方各自新增的问题编号重复时，对方的问题自动改用下一个空闲编号。请提交 .gitattributes；每个克隆的仓库都要运行一次 rectify git-setup。",
        "Done. When two branches change one ledger, git merge now merges it issue by issue; when both add an issue with the same id, theirs takes the next free id. Commit .gitattributes; run rectify git-setup once in every clone.",
    ),
    "git.merge.renumbered": (
        "rectify：合并 {path} 时，对方新增的问题 {old} 与本分支编号重复，已改为 {new}",
        "rectify: merging {path}, their new issue {old} has an id already taken here; it is now {new}",
    ),
    "git.merge.conflicts": (
        "rectify：{path} 中有 {count} 处冲突（同一问题两边改得不同），请手工解决后 git add",
        "rectify: {path} has {count} conflict(s) (the same issue changed differently on both sides); resolve them, then git add",
    ),
    "git.merge.field_conflict": (
        "rectify：合并 {path} 时，{issue} 的 {field} 两边改成了不同的值，已用冲突标记只标出这一字段；"
        "保留正确的一边、删去标记后运行 rectify check，再 git add",
        "rectify: merging {path}, {issue}'s {field} was changed on both sides to different values; "
        "only that field is marked as a conflict: keep the right side, delete the markers, "
        "run rectify check, then git add",
    ),
    "git.merge.issue_conflict": (
        "rectify：合并 {path} 时，{issue} 两边的改动合在一起不成立（{problem}），"
        "整个问题已用冲突标记标出；保留正确的内容、删去标记后运行 rectify check，再 git add",
        "rectify: merging {path}, the changes both sides made to {issue} do not fit together "
        "({problem}); the whole issue is marked as a conflict: keep the right lines, delete the "
        "markers, run rectify check, then git add",
    ),
    "git.merge.invalid": (
        "rectify：合并后的 {path} 未通过检查（{count} 个错误，第一个是 {first}）；请改正后 git add",
        "rectify: the merged {path} fails the checks ({count} error(s); the first is {first}); fix it, then git add",
    ),
    "git.merge.unreadable": (
        "无法读取合并的输入文件 {path}：{reason}",
        "cannot read the merge input {path}: {reason}",
    ),
    # --- rectify diff --------------------------------------------------------------------
    "diff.title": ("自 {since}以来的变化", "Changes since {since}"),
    "diff.none": ("自 {since}以来台账没有变化。", "No change to the ledgers since {since}."),
    "diff.summary": ("{issues} 个问题有变化：{parts}。", "{issues} issue(s) changed: {parts}."),
    "diff.list_sep": ("、", ", "),
    "diff.list_sep_long": ("，", "; "),
    "diff.empty": ("（空）", "(none)"),
    "diff.count.added": ("新增问题 {n} 个", "{n} added"),
    "diff.count.removed": ("删除问题 {n} 个", "{n} removed"),
    "diff.count.progress": ("报送进展 {n} 条", "{n} progress report(s)"),
    "diff.count.deadline": ("调整时限 {n} 个", "{n} deadline(s) changed"),
    "diff.count.rectified": ("整改完成 {n} 个", "{n} rectified"),
    "diff.count.closed": ("销号 {n} 个", "{n} signed off"),
    "diff.count.dismissed": ("不予整改 {n} 个", "{n} dismissed"),
    "diff.count.reopened": ("重新整改 {n} 个", "{n} reopened"),
    "diff.count.applied": ("申请销号 {n} 个", "{n} applied for sign-off"),
    "diff.count.returned": ("退回 {n} 个", "{n} returned"),
    "diff.count.edited": ("其他修改 {n} 处", "{n} other edit(s)"),
    "diff.count.ledger_added": ("新增台账 {n} 个", "{n} ledger(s) added"),
    "diff.count.ledger_removed": ("删除台账 {n} 个", "{n} ledger(s) removed"),
    "diff.count.ledger_moved": ("台账文件移动 {n} 个", "{n} ledger file(s) moved"),
    "diff.count.ledger_edited": ("台账信息修改 {n} 处", "{n} ledger header edit(s)"),
    "diff.kind.added": ("新增", "added"),
    "diff.kind.removed": ("删除", "removed"),
    "diff.kind.progress": ("进展", "progress"),
    "diff.kind.deadline": ("时限调整", "deadline"),
    "diff.kind.rectified": ("已整改", "rectified"),
    "diff.kind.closed": ("已销号", "signed off"),
    "diff.kind.dismissed": ("不予整改", "dismissed"),
    "diff.kind.reopened": ("重新整改", "reopened"),
    "diff.kind.applied": ("申请销号", "applied"),
    "diff.kind.returned": ("退回", "returned"),
    "diff.kind.edited": ("修改", "edited"),
    "diff.kind.ledger_added": ("新增台账", "ledger added"),
    "diff.kind.ledger_removed": ("删除台账", "ledger removed"),
    "diff.kind.ledger_moved": ("台账移动", "ledger moved"),
    "diff.kind.ledger_edited": ("台账修改", "ledger edited"),
    "diff.ledger_field.id": ("台账编号", "ledger id"),
    "diff.ledger_field.title": ("台账名称", "ledger title"),
    "diff.says.added": (
        "新增问题，牵头单位 {unit}，整改时限 {deadline}",
        "new issue; lead unit {unit}, deadline {deadline}",
    ),
    "diff.says.removed": (
        "从台账中删除（删除前：{status}）",
        "removed from the ledger (was: {status})",
    ),
    "diff.says.progress": (
        "报送进展 {date}：完成 {completion}%",
        "progress {date}: {completion}% done",
    ),
    "diff.says.note": ("，{note}", "; {note}"),
    "diff.says.deadline": ("整改时限 {before} → {after}", "deadline {before} → {after}"),
    "diff.says.when_why": ("（{date}：{reason}）", " ({date}: {reason})"),
    "diff.says.why": ("（{reason}）", " ({reason})"),
    "diff.says.when": ("（{date}）", " ({date})"),
    "diff.says.rectified": ("已整改（{date}）", "rectified ({date})"),
    "diff.says.closed": ("已销号（{date}，{by}验收）", "signed off ({date}, verified by {by})"),
    "diff.says.dismissed": ("不予整改（{date}）", "dismissed ({date})"),
    "diff.says.reopened": ("重新整改：{before} → {after}", "reopened: {before} → {after}"),
    "diff.says.applied": ("申请销号（{date}，{by}）", "applied for sign-off ({date}, {by})"),
    "diff.says.returned": ("销号申请被退回（{date}）", "application returned ({date})"),
    "diff.says.edited": ("{field}：{before} → {after}", "{field}: {before} → {after}"),
    "diff.says.ledger_added": ("新增台账 {path}（{title}）", "new ledger {path} ({title})"),
    "diff.says.ledger_removed": ("删除台账 {path}（{title}）", "ledger {path} removed ({title})"),
    "diff.says.ledger_moved": (
        "台账文件 {before} 移到 {after}",
        "ledger file moved from {before} to {after}",
    ),
    "diff.col.ledger": ("台账", "Ledger"),
    "diff.col.id": ("编号", "Id"),
    "diff.col.title": ("问题", "Issue"),
    "diff.col.change": ("变化", "Change"),
    "diff.col.unit": ("牵头单位", "Lead unit"),
    "diff.col.date": ("日期", "Date"),
    "diff.col.rectified_on": ("整改完成日期", "Rectified on"),
    "diff.col.closed_on": ("销号日期", "Signed off on"),
    "diff.col.applicant": ("申请单位", "Applicant"),
    "diff.col.by": ("验收单位", "Verified by"),
    "diff.col.deadline": ("整改时限", "Deadline"),
    "diff.col.old_deadline": ("原时限", "Old deadline"),
    "diff.col.new_deadline": ("新时限", "New deadline"),
    "diff.col.changed_on": ("调整日期", "Changed on"),
    "diff.col.reason": ("理由", "Reason"),
    "diff.col.completion": ("完成进度", "Completion"),
    "diff.col.note": ("进展情况", "Progress"),
    "diff.col.before": ("原状态", "Was"),
    "diff.col.after": ("现状态", "Now"),
    "diff.section.rectified": ("整改完成（{n} 个）", "Rectified ({n})"),
    "diff.section.closed": ("销号（{n} 个）", "Signed off ({n})"),
    "diff.section.added": ("新增问题（{n} 个）", "New issues ({n})"),
    "diff.section.deadline": ("时限调整（{n} 个）", "Deadlines changed ({n})"),
    "diff.section.progress": ("报送进展（{n} 条）", "Progress reported ({n})"),
    "diff.section.dismissed": ("不予整改（{n} 个）", "Dismissed ({n})"),
    "diff.section.reopened": ("重新整改（{n} 个）", "Reopened ({n})"),
    "diff.section.applied": ("申请销号（{n} 个）", "Applied for sign-off ({n})"),
    "diff.section.returned": ("退回（{n} 个）", "Returned ({n})"),
    "diff.section.edited": ("其他修改（{n} 处）", "Other edits ({n})"),
    "diff.section.removed": ("删除的问题（{n} 个）", "Removed issues ({n})"),
    "diff.section.ledgers": ("台账文件", "Ledger files"),
    # --- rectify log ---------------------------------------------------------------------
    "log.carried_from": ("（结转前 {key}）", "(before carry-over, {key}) "),
    "log.title": ("{id} 的修改历史：{title}", "History of {id}: {title}"),
    "log.count": ("共 {count} 次提交改动了这个问题。", "{count} commit(s) changed this issue."),
    "log.none": ("git 中还没有 {id} 的提交记录。", "git has no commit that changed {id} yet."),
    "log.col.date": ("日期", "Date"),
    "log.col.author": ("提交人", "Author"),
    "log.col.commit": ("提交", "Commit"),
    "log.col.change": ("变化", "Change"),
    "log.working_tree": ("（未提交）", "(uncommitted)"),
    "log.invalid": (
        "这一版台账有错误，未能比较",
        "the ledger had errors in this version; not compared",
    ),
    "log.not_found": (
        "台账及其历史中都没有问题 {id}",
        "no issue {id} in the ledgers or their history",
    ),
    "log.not_found.suggest": (
        "台账及其历史中都没有问题 {id}，是不是 {suggestion}？",
        "no issue {id} in the ledgers or their history; did you mean {suggestion}?",
    ),
    "log.ambiguous": (
        "问题编号 {id} 在多个台账中都有（{ledgers}）：请写成 台账编号/问题编号，例如 {example}",
        "issue id {id} is in several ledgers ({ledgers}): write LEDGER/ID, e.g. {example}",
    ),
    # --- rectify fix-ids -----------------------------------------------------------------
    "fixids.renumbered": (
        "{path}:{line}: {old} → {new}（与第 {first} 行的问题编号重复）",
        "{path}:{line}: {old} → {new} (the id is also on line {first})",
    ),
    "fixids.done": (
        "已改 {count} 个编号，涉及 {files} 个文件。请核对后提交。",
        "{count} id(s) renumbered in {files} file(s). Review, then commit.",
    ),
    "fixids.dry_run": (
        "试运行：将改 {count} 个编号，涉及 {files} 个文件；未修改任何文件。",
        "dry run: {count} id(s) in {files} file(s) would be renumbered; no file changed.",
    ),
    "fixids.none": (
        "没有重复的问题编号（检查了 {files} 个文件）。",
        "no duplicate issue ids ({files} file(s) checked).",
    ),
    "fixids.unreadable": (
        "{path}：文件无法解析，未处理；请先运行 rectify check",
        "{path}: cannot be parsed, skipped; run rectify check first",
    ),
    "fixids.no_prefix": (
        "{path}：无法确定新编号的前缀（未设置 ledger.id_prefix，已有编号也不是“前缀-数字”形式），请手工修改重复的编号 {id}",
        "{path}: cannot tell the prefix for a new id (no ledger.id_prefix, and no id of the form PREFIX-NUMBER); change the duplicate id {id} by hand",
    ),
    "fixids.still_problems": (
        "{path} 还有其他错误，请运行 rectify check 查看",
        "{path} has other errors; run rectify check to see them",
    ),
}
