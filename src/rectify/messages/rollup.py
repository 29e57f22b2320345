"""Messages of the roll-up across repositories: the manifest (rollup.yaml), sync, gaps."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the manifest ---------------------------------------------------------------------
    "rollup.bad_yaml": (
        "汇总清单不是有效的 YAML：请检查这一行的缩进、冒号和引号",
        "the roll-up manifest is not valid YAML: check this line's indentation, colons and quotes",
    ),
    "rollup.no_sources": (
        "汇总清单要有 sources: 列表，每项一个来源（name、url 或 path、revision、ledgers）",
        "a roll-up manifest needs a sources: list, one source each (name, url or path, revision, ledgers)",
    ),
    "rollup.unknown_key": (
        "汇总清单中有未知的键 {key}（可用：{known}）",
        "unknown key {key} in the roll-up manifest (known: {known})",
    ),
    "rollup.unknown_key.suggest": (
        "汇总清单中有未知的键 {key}，是不是 {guess}？",
        "unknown key {key} in the roll-up manifest; did you mean {guess}?",
    ),
    "rollup.bad_version": (
        "汇总清单的 rollup: 应为 1，这里是 {value}",
        "rollup: in the manifest must be 1, not {value}",
    ),
    "rollup.not_a_source": (
        "sources 的每一项应是一个来源（name: …、url: … 或 path: …）",
        "each item of sources must be a source (name: …, url: … or path: …)",
    ),
    "rollup.not_text": ("{key} 应是一段文字", "{key} must be text"),
    "rollup.bad_name": (
        "来源名 {name} 无效：只用字母、数字、点、横线和下划线，以字母或数字开头（它也是缓存中的文件夹名）",
        "invalid source name {name}: use letters, digits, dots, dashes and underscores, starting with a letter or digit (it also names its folder in the cache)",
    ),
    "rollup.url_or_path": (
        "来源 {name} 要写 url:（git 地址）或 path:（本机文件夹），二者取一",
        "source {name} needs url: (a git URL) or path: (a folder on this computer), one of the two",
    ),
    "rollup.bad_url": ("git 地址 {url} 不能以 - 开头", "the git URL {url} cannot start with -"),
    "rollup.same_name": (
        "来源名 {name} 重复（第 {other} 行已用过）",
        "source name {name} is used twice (already on line {other})",
    ),
    "rollup.no_parent": (
        "来源 {name} 的 parent: {parent} 不是清单中的来源名",
        "source {name} has parent: {parent}, which is no source of the manifest",
    ),
    # --- using a manifest ---------------------------------------------------------------------
    "rollup.alone": (
        "汇总清单 {manifest} 要单独给出，不能与其他台账路径一起",
        "the roll-up manifest {manifest} must be given alone, without other ledger paths",
    ),
    "rollup.no_manifest": (
        "{path} 不是汇总清单，其中也没有 rollup.yaml",
        "{path} is no roll-up manifest and holds no rollup.yaml",
    ),
    "rollup.not_here": (
        "{manifest} 是汇总清单：汇总只读，不能改动；请写要改的台账文件",
        "{manifest} is a roll-up manifest, which is read-only: name the ledger file to change",
    ),
    "rollup.no_at": (
        "--at 和 --since 读一个仓库的历史；汇总清单中每个来源按它写的 revision 读取，请改清单中的 revision",
        "--at and --since read one repository's history; a roll-up reads each source at the revision its manifest names: change the revision there",
    ),
    # --- sources missing or broken -----------------------------------------------------------
    "rollup.broken": (
        "汇总缺少 {count} 个来源，上面的数字不含它们：",
        "{count} source(s) of the roll-up are missing; the figures above leave them out:",
    ),
    "rollup.gap": ("来源 {name}（{where}）：{why}", "source {name} ({where}): {why}"),
    "rollup.gap.not_synced": (
        "还没有取回，请先运行 rectify sync {manifest}",
        "not fetched yet: run rectify sync {manifest} first",
    ),
    "rollup.gap.unreachable": ("无法取回：{detail}", "cannot be fetched: {detail}"),
    "rollup.gap.sync_failed": (
        "{date} 的 rectify sync 没能取回：{detail}",
        "rectify sync could not fetch it on {date}: {detail}",
    ),
    "rollup.gap.no_path": ("文件夹 {path} 不存在", "the folder {path} does not exist"),
    "rollup.gap.no_revision": (
        "没有版本 {rev}（分支、标签或提交号）",
        "has no revision {rev} (branch, tag or commit)",
    ),
    "rollup.gap.unreadable": ("无法读取：{detail}", "cannot be read: {detail}"),
    "rollup.gap.no_ledgers": (
        "版本 {rev} 中没有与 {globs} 相符的台账文件",
        "no ledger file matching {globs} at revision {rev}",
    ),
    "rollup.gap.invalid": (
        "台账有 {count} 个错误，整个来源未计入；第一个是 {first}",
        "its ledgers have {count} error(s), so the whole source is left out; the first is {first}",
    ),
    "rollup.gap.same_ledger": (
        "台账编号 {id} 已在来源 {other} 中，这个来源未计入",
        "ledger id {id} is also in source {other}, so this source is left out",
    ),
    "R404.no_ledger": (
        "{name} 写的 {link} 不存在：汇总中没有台账 {ledger}",
        "{name} names {link}, which is not there: no ledger {ledger} in the roll-up",
    ),
    "R404.no_ledger.hint": (
        "在汇总清单中加上持有台账 {ledger} 的来源，或改正编号",
        "add the source holding ledger {ledger} to the manifest, or correct the id",
    ),
    "arg.manifest": ("汇总清单（rollup.yaml）", "roll-up manifest (rollup.yaml)"),
    # --- the report and sync ------------------------------------------------------------------
    "export.missing": (
        "注意：汇总缺少{count}个来源，本表的数字不含它们：",
        "Note: {count} source(s) of the roll-up are missing; the figures here leave them out:",
    ),
    "report.missing": (
        "注意：汇总缺少{count}个来源，本报告的数字不含它们：",
        "Note: {count} source(s) of the roll-up are missing; the figures of this report "
        "leave them out:",
    ),
    "report.source_commit": ("来源 {name} 的提交：{commit}", "Source {name} at commit {commit}"),
    "sync.title": ("取回汇总的来源", "Fetching the roll-up's sources"),
    "sync.col.source": ("来源", "Source"),
    "sync.col.state": ("状态", "State"),
    "sync.col.commit": ("提交", "Commit"),
    "sync.state.fetched": ("已取回新提交", "fetched new commits"),
    "sync.state.current": ("已是最新", "up to date"),
    "sync.state.local": ("本机文件夹，无需取回", "a folder on this computer, nothing to fetch"),
    "sync.state.failed": ("失败", "failed"),
    "sync.failed_why": ("失败：{why}", "failed: {why}"),
    "sync.done": (
        "{count} 个来源：取回 {fetched} 个，已是最新 {current} 个，本机 {local} 个，失败 {failed} 个",
        "{count} source(s): {fetched} fetched, {current} up to date, {local} on this computer, {failed} failed",
    ),
}
