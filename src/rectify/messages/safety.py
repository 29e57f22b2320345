"""Messages of safe writing and hostile input: read-only files, links, locks, limits."""

MESSAGES: dict[str, tuple[str, str]] = {
    "error.read_only": (
        "{path} 是只读文件，未修改。确需修改，请先去掉只读属性（chmod u+w {path}）",
        "{path} is read-only and was not changed; to change it, make it writable first "
        "(chmod u+w {path})",
    ),
    "error.folder_read_only": (
        "{path} 所在的文件夹 {folder} 是只读的，未修改。请先让该文件夹可写",
        "the folder {folder} holding {path} is read-only; nothing was changed. "
        "Make the folder writable first",
    ),
    "error.hard_linked": (
        "{path} 有 {links} 个硬链接，rectify 整体替换文件会把它们拆成两个不同的文件，未修改。"
        "请改用符号链接（ln -s），或先复制一份（cp）再修改",
        "{path} has {links} hard links: rectify replaces a file whole, which would split "
        "them into two different files, so nothing was changed. Use a symbolic link "
        "(ln -s) instead, or copy the file (cp) first",
    ),
    "error.lock_place": (
        "无法使用锁文件夹 {folder}：{reason}。它必须是当前用户自己的文件夹（权限 0700），"
        "不能是符号链接",
        "cannot use the lock folder {folder}: {reason}. It must be a folder of the current "
        "user's own (mode 0700), not a symbolic link",
    ),
    "error.output_is_ledger": (
        "输出文件 {path} 是一个台账，不能覆盖。请用 -o 指定另一个文件名",
        "the output file {path} is a ledger and is not overwritten; name another file with -o",
    ),
    "usage.not_utf8": (
        "参数 {value} 不是 UTF-8 文本（按 GBK 读是“{guess}”）。请把终端或脚本设为 UTF-8"
        "（Windows：chcp 65001；Linux：LANG=zh_CN.UTF-8）后重试",
        "the argument {value} is not UTF-8 text (read as GBK it says “{guess}”); set the "
        "terminal or script to UTF-8 (Windows: chcp 65001; Linux: LANG=zh_CN.UTF-8) and "
        "try again",
    ),
    "usage.date_range": (
        "{option} {value} 超出 rectify 处理的日期范围（{first} 至 {last}）",
        "{option} {value} is outside the dates rectify works with ({first} to {last})",
    ),
    "config.out_of_range": (
        "{path} 中 {key} 的值 {value} 超出范围：应在 {low} 到 {high} 之间",
        "{path}: {key} is {value}, outside the values it may take ({low} to {high})",
    ),
}
