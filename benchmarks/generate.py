"""Generate a synthetic data repository at national scale: plans/ and actuals/ (deterministic).

At scale 1.0: 2,800 plans (about one per county-level division) x 30 targets of mixed kinds x monthly
observations over 2020-2024, about 4.8 million rows, in one CSV file per "province" of 100 plans.
Everything generated is labelled synthetic and written under benchmarks/data/, never plans/ or actuals/.
"""

from __future__ import annotations

import argparse
import calendar
import random
from pathlib import Path

FULL_PLANS = 2800
PLANS_PER_FILE = 100
MONTH_ENDS = [f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}" for y in range(2020, 2025) for m in range(1, 13)]

# (kind, unit, how many of the 30 indicators)
MIX = [("level", "家", 12), ("flow", "亿元", 8), ("share", "%", 6), ("growth", "%", 2), ("per_event", "家", 1),
       ("milestone", "", 1)]


def _indicator(i: int, kind: str, unit: str, target: int) -> str:
    head = f"  - id: ind-{i:02d}\n    name: {{zh: 合成指标{i}, en: synthetic indicator {i}}}\n    kind: {kind}\n"
    if kind == "milestone":
        return head + ("    targets:\n      - {deadline: 2022-06-30, "
                       "sources: [{section: synthetic, quote: synthetic}]}\n")
    return head + (f'    unit: "{unit}"\n    targets:\n      - {{op: ">=", value: {target}, deadline: 2024-12-31, '
                   "sources: [{section: synthetic, quote: synthetic}]}\n")


def _rows(rng: random.Random, plan: str, i: int, kind: str, target: int) -> list[str]:
    pace = rng.uniform(0.6, 1.3)  # some ahead of pace, some behind
    out = []
    if kind == "milestone":
        return [f"{plan},ind-{i:02d},2022-05-31,1\n"] if pace > 0.8 else []
    if kind == "per_event":
        return [f"{plan},ind-{i:02d},{d},{rng.randint(100, 300)}\n" for d in MONTH_ENDS[2::3]]
    for k, d in enumerate(MONTH_ENDS, 1):
        share = min(1.5, pace * k / len(MONTH_ENDS))
        if kind == "level":
            v = f"{int(target * (0.5 + 0.5 * share))}"
        elif kind == "flow":
            v = f"{target * share:.2f}"
        elif kind == "share":
            v = f"{target * (0.8 + 0.2 * share):.2f}"
        else:  # growth, a reported rate
            v = f"{rng.uniform(0, 12):.1f}"
        out.append(f"{plan},ind-{i:02d},{d},{v}\n")
    return out


def generate(scale: float, out: Path, seed: int = 2020) -> tuple[int, int]:
    """Write plans/ and actuals/ under ``out``; return (plans, rows)."""
    rng = random.Random(seed)
    n_plans = max(1, round(FULL_PLANS * scale))
    (out / "plans").mkdir(parents=True, exist_ok=True)
    (out / "actuals").mkdir(parents=True, exist_ok=True)
    kinds = [(k, u) for k, u, n in MIX for _ in range(n)]
    rows = 0
    for first in range(0, n_plans, PLANS_PER_FILE):
        lines = ["plan,indicator,date,value\n"]
        for p in range(first, min(first + PLANS_PER_FILE, n_plans)):
            plan = f"synthetic-county-{p:04d}"
            body = [f"id: {plan}\ntitle: {{zh: 合成规划{p}, en: Synthetic plan {p} (benchmark data)}}\n"
                    "period: {start: 2020-01-01, end: 2024-12-31}\nsource_file: synthetic.txt\nindicators:\n"]
            for i, (kind, unit) in enumerate(kinds):
                target = {"level": rng.randint(100, 5000), "flow": rng.randint(10, 500), "share": rng.randint(2, 60),
                          "growth": rng.randint(3, 8), "per_event": 150, "milestone": 0}[kind]
                body.append(_indicator(i, kind, unit, target))
                lines.extend(_rows(rng, plan, i, kind, target))
            (out / "plans" / f"{plan}.yaml").write_text("".join(body), encoding="utf-8")
        rows += len(lines) - 1
        (out / "actuals" / f"province-{first // PLANS_PER_FILE:02d}.csv").write_text("".join(lines), encoding="utf-8")
    return n_plans, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.01, help="fraction of national scale (1.0 = 2,800 plans)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "scale-0.01")
    args = parser.parse_args()
    plans, rows = generate(args.scale, args.out)
    print(f"{plans} plans, {rows} rows -> {args.out}")


if __name__ == "__main__":
    main()
