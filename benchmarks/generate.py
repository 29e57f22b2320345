"""Write realistic ledgers of any size: python benchmarks/generate.py N FOLDER [--seed S].

Chinese text, every field of the format, monthly progress, deadline changes, and
some issues rectified, closed or dismissed; the same N and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

UNITS = [
    "市住建局",
    "市城管局",
    "市生态环境局",
    "市交通运输局",
    "市教育局",
    "市卫健委",
    "市民政局",
    "市水务局",
]
SUBJECTS = [
    "老旧小区适老化改造",
    "背街小巷环境整治",
    "农贸市场油烟扰民",
    "学校周边交通拥堵",
    "社区养老服务站建设",
]
FAULTS = ["推进缓慢", "资金不到位", "部门协调不畅", "群众反映强烈", "进度滞后于计划"]
NOTES = [
    "已完成摸底调查",
    "已召开协调会",
    "已完成方案编制",
    "已开工建设",
    "已完成主体工程",
    "已组织验收",
]
ASSIGNED = dt.date(2024, 3, 10)


def _issue(rng: random.Random, n: int) -> str:
    """One issue as YAML text, two-space indented under `issues:`."""
    deadline = ASSIGNED + dt.timedelta(days=rng.randint(90, 400))
    roll = rng.random()
    status = (
        "closed"
        if roll < 0.15
        else "rectified"
        if roll < 0.3
        else "dismissed"
        if roll < 0.33
        else "in_progress"
        if roll < 0.85
        else "open"
    )
    months = 0 if status in ("open", "dismissed") else rng.randint(1, 8)
    completion = (
        100 if status in ("closed", "rectified") else (rng.randint(1, 9) * 10 if months else 0)
    )
    subject = rng.choice(SUBJECTS)
    lines = [
        f"  - id: BM-{n:06d}",
        f"    title: {subject}{rng.choice(FAULTS)}（第{n}号）",
        f"    description: 经调研发现，{subject}工作{rng.choice(FAULTS)}，"
        f"涉及{rng.randint(3, 40)}个社区，需要多个部门协同推进。",
        f"    source: {rng.choice(['inspection', 'deputy', 'province', 'deliberation'])}",
        f"    track: {'scheduled' if rng.random() < 0.8 else 'immediate'}",
        f"    lead_unit: {rng.choice(UNITS)}",
        f"    co_units: [{rng.choice(UNITS)}, {rng.choice(UNITS)}]",
        f"    owner: 张{rng.choice('伟芳娜敏静丽强磊军洋')}",
        f"    assigned_on: {ASSIGNED.isoformat()}",
        f"    deadline: {deadline.isoformat()}",
        "    measures: 制定专项方案，明确责任分工，每月报送进展。",
        f"    status: {status}",
        f"    completion: {completion}",
    ]
    if status in ("closed", "rectified"):
        lines.append(
            f"    rectified_on: {(ASSIGNED + dt.timedelta(days=30 * months + 5)).isoformat()}"
        )
    if status == "dismissed":
        lines += [
            "    reason: 经核实不属于本次整改范围",
            f"    dismissed_on: {(ASSIGNED + dt.timedelta(days=20)).isoformat()}",
        ]
    if months:
        lines.append("    progress:")
        for m in range(months):
            share = completion if m == months - 1 else completion * (m + 1) // months
            lines += [
                f"      - date: {(ASSIGNED + dt.timedelta(days=30 * m + 25)).isoformat()}",
                f"        completion: {share}",
                f"        note: {rng.choice(NOTES)}",
            ]
    if rng.random() < 0.1:
        moved = deadline + dt.timedelta(days=rng.randint(30, 120))
        lines += [
            "    deadline_changes:",
            f"      - date: {(ASSIGNED + dt.timedelta(days=60)).isoformat()}",
            f"        from: {deadline.isoformat()}",
            f"        to: {moved.isoformat()}",
            "        reason: 涉及征地拆迁，需延长整改时限",
        ]
        lines[9] = f"    deadline: {moved.isoformat()}"
    if status == "closed":
        lines += [
            "    verification:",
            "      by: 市人大常委会",
            "      date: 2025-01-15",
            "      note: 现场核查通过",
        ]
    if status in ("closed", "rectified"):
        lines.append("    evidence: [整改报告.pdf]")
    return "\n".join(lines) + "\n"


def ledger_text(count: int, seed: int = 8) -> str:
    """A ledger of ``count`` issues, the same text for the same count and seed."""
    rng = random.Random(seed)
    head = (
        "schema: 1\nledger:\n  id: bm-2024\n  title: 基准测试整改台账\n"
        f"  supervisor: 市人大常委会\n  assigned_on: {ASSIGNED.isoformat()}\nissues:\n"
    )
    return head + "".join(_issue(rng, n) for n in range(1, count + 1))


def write_ledger(folder: Path, count: int, seed: int = 8) -> Path:
    """Write ``ledger-COUNT.yaml`` into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ledger-{count}.yaml"
    path.write_bytes(ledger_text(count, seed).encode("utf-8"))
    return path


def main() -> None:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    print(write_ledger(args.folder, args.count, args.seed))


if __name__ == "__main__":
    main()
