"""Deterministic generator of a synthetic national-scale plancheck data repository (plans/ and actuals/)."""

from __future__ import annotations

import argparse
import calendar
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

SEED = 2021
FULL_PLANS = 2800  # about one plan per county-level division
PLANS_PER_FILE = 100  # one actuals file per "province"
PERIOD = ("2021-01-01", "2025-12-31")  # a 14th five-year plan; 2020 is the base year
MONTHS = [(y, m) for y in range(2020, 2025) for m in range(1, 13)]  # observations: 2020-01 .. 2024-12
MONTH_ENDS = [f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}" for y, m in MONTHS]
EVENT_DAYS = [f"{y}-{m:02d}-{10 + (y * 7 + m * 5) % 15:02d}" for y, m in MONTHS]  # mid-month events
SOURCES = [f"统计月报{y}年{m}月" for y, m in MONTHS]
HEADER = "plan,indicator,date,value,unit,source\n"
SOURCE_YAML = "sources: [{section: 合成数据, quote: 合成目标（基准测试）}]"


class Spec(NamedTuple):
    """One indicator of every synthetic plan: how its targets are written and its values drawn."""

    id: str
    zh: str
    en: str
    kind: str
    unit: str
    shape: str  # which series function draws its values (SHAPES)
    low: float  # range of the base-year (2020) value, or of the target for flows and rates
    high: float
    years: tuple[int, ...] = ()  # year-by-year targets (`year:`) instead of one five-year target


# 28 indicators, 30 targets: mostly level, flow and share; some growth, per_event and milestone.
SPECS = [
    Spec("hte-valid", "有效国家高新技术企业", "Valid national high-tech enterprises", "level", "家", "stock", 40, 900),
    Spec("tech-smes", "国家科技型中小企业评价入库", "Registered tech-based SMEs", "level", "家", "stock", 60, 1500),
    Spec("invention-patents", "有效发明专利", "Valid invention patents", "level", "件", "stock", 200, 6000,
         (2023, 2024)),
    Spec("key-labs", "市级以上重点实验室", "Key laboratories (municipal and above)", "level", "个", "stock", 2, 40),
    Spec("rd-personnel", "研发人员", "R&D personnel", "level", "人", "stock", 300, 20000),
    Spec("above-scale-firms", "规模以上工业企业", "Industrial firms above designated size", "level", "家", "stock",
         50, 1200),
    Spec("incubators", "科技企业孵化器和众创空间", "Incubators and maker spaces", "level", "个", "stock", 3, 60),
    Spec("gdp", "地区生产总值", "Gross regional product", "level", "亿元", "stock", 80, 2500),
    Spec("broadband-users", "固定宽带用户", "Fixed broadband subscribers", "level", "户", "stock", 30000,
         900000),
    Spec("energy-intensity", "单位地区生产总值能耗", "Energy use per unit of GRP", "level", "吨标准煤/万元", "cap",
         0.35, 1.2),
    Spec("new-hte", "新增国家高新技术企业", "New national high-tech enterprises", "flow", "家", "cumulative", 20, 600),
    Spec("fixed-investment", "固定资产投资", "Fixed-asset investment", "flow", "亿元", "cumulative", 100, 3000),
    Spec("new-market-entities", "新增市场主体", "New market entities", "flow", "户", "cumulative", 2000, 60000),
    Spec("new-jobs", "城镇新增就业", "New urban jobs", "flow", "人", "cumulative", 5000, 90000),
    Spec("foreign-investment", "实际利用外资", "Foreign investment utilised", "flow", "亿美元", "increments", 1, 40),
    Spec("tech-contracts", "技术合同成交额", "Technology contract turnover", "flow", "亿元", "year_to_date", 2, 80,
         (2023, 2024)),
    Spec("key-projects", "新开工重点项目", "Key projects started", "flow", "个", "cumulative", 20, 400),
    Spec("rd-intensity", "研发经费投入强度", "R&D expenditure to GRP", "share", "%", "percent", 0.8, 3.2),
    Spec("sei-share", "战略性新兴产业增加值占比", "Strategic emerging industries, share of value added", "share",
         "%", "percent", 6, 25),
    Spec("forest-cover", "森林覆盖率", "Forest cover", "share", "%", "percent", 10, 65),
    Spec("urbanisation", "常住人口城镇化率", "Urbanisation rate", "share", "%", "percent", 35, 80),
    Spec("unemployment", "城镇调查失业率", "Surveyed urban unemployment rate", "share", "%", "percent_cap", 4.0,
         6.2),
    Spec("gdp-growth", "地区生产总值增长", "GRP growth", "growth", "%", "rate", 5, 7),
    Spec("retail-growth", "社会消费品零售总额增长", "Retail sales growth", "growth", "%", "rate_levels", 5, 8),
    Spec("job-fair-firms", "每场招聘会参会企业", "Firms at each job fair", "per_event", "家", "events", 150, 150),
    Spec("spatial-plan", "完成国土空间总体规划编制", "Territorial spatial plan completed", "milestone", "",
         "milestone", 12, 0),
    Spec("gigabit-city", "建成千兆城市", "Gigabit city built", "milestone", "", "milestone", 30, 0),
    Spec("mid-term-review", "完成规划实施中期评估", "Mid-term review of the plan completed", "milestone", "",
         "milestone", 36, 0),
]

COUNTED = {"家", "个", "件", "人", "户"}
PERIOD_MONTHS = 60  # months in 2021-01 .. 2025-12
BASE_INDEX = 11  # index of 2020-12 in MONTHS: month t of the period is MONTHS[BASE_INDEX + t]


class Drawn(NamedTuple):
    """One indicator of one plan: its target values (one per target) and its 60 monthly values."""

    targets: list[str]
    values: list[str]
    baseline: str | None = None  # the plan states the base-year value itself


def pace(rng: random.Random) -> float:
    """Share of the planned pace achieved: about a third behind, half on pace, a sixth far ahead."""
    r = rng.random()
    if r < 0.35:
        return rng.uniform(0.5, 0.95)
    if r < 0.83:
        return rng.uniform(1.0, 1.4)
    return rng.uniform(1.45, 1.9)


def number(x: float, unit: str, places: int = 2) -> str:
    """A value as an exact decimal, whole for counted units."""
    return str(max(0, round(x))) if unit in COUNTED else f"{x:.{places}f}"


def stock(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A level rising from its base-year value toward the five-year target at ``p`` times the pace."""
    base = rng.uniform(s.low, s.high)
    goal = base * rng.uniform(1.2, 1.8)
    vals = []
    for i in range(len(MONTHS)):
        t = i - BASE_INDEX
        planned = base * (1 + 0.02 * t / 12) if t <= 0 else base + (goal - base) * p * t / PERIOD_MONTHS
        vals.append(number(planned * rng.uniform(0.995, 1.005), s.unit))
    if s.years:
        targets = [number(base + (goal - base) * (y - 2020) / 5, s.unit) for y in s.years]
    else:
        targets = [number(goal, s.unit)]
    stated = vals[BASE_INDEX] if rng.random() < 0.4 else None
    return Drawn(targets, vals, stated)


def cap(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A level that must fall to an upper bound (energy intensity down 13.5% over the plan)."""
    base = rng.uniform(s.low, s.high)
    goal = base * 0.865
    vals = []
    for i in range(len(MONTHS)):
        t = i - BASE_INDEX
        planned = base * (1 - 0.01 * t / 12) if t <= 0 else base - (base - goal) * p * t / PERIOD_MONTHS
        vals.append(f"{planned * rng.uniform(0.99, 1.01):.3f}")
    return Drawn([f"{goal:.3f}"], vals)


def cumulative(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A flow reported as the amount accumulated since the period start (2020: since January)."""
    goal = rng.uniform(s.low, s.high)
    step = goal * p / PERIOD_MONTHS
    vals, total = [], 0.0
    for i in range(len(MONTHS)):
        if i == 0 or i == BASE_INDEX + 1:
            total = 0.0
        total += step * rng.uniform(0.4, 1.6)
        vals.append(number(total, s.unit))
    return Drawn([number(goal, s.unit)], vals)


def increments(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A flow reported month by month (`reporting: increments`), summed over the period."""
    goal = rng.uniform(s.low, s.high)
    step = goal * p / PERIOD_MONTHS
    return Drawn([number(goal, s.unit)], [number(step * rng.uniform(0.3, 1.7), s.unit) for _ in MONTHS])


def year_to_date(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A flow with a target per year, reported as the year's running total (当年累计)."""
    first = rng.uniform(s.low, s.high)
    goals = {y: first * 1.1 ** (y - 2020) for y in range(2020, 2025)}
    vals, total = [], 0.0
    for y, m in MONTHS:
        total = 0.0 if m == 1 else total
        total += goals[y] * p / 12 * rng.uniform(0.5, 1.5)
        vals.append(number(total, s.unit))
    return Drawn([number(goals[y], s.unit) for y in s.years], vals)


def percent(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A share in % rising by a few points over the plan."""
    base = rng.uniform(s.low, s.high)
    goal = base + rng.uniform(0.1, 0.3) * base
    vals = []
    for i in range(len(MONTHS)):
        t = i - BASE_INDEX
        planned = base if t <= 0 else base + (goal - base) * p * t / PERIOD_MONTHS
        vals.append(f"{planned + rng.uniform(-0.01, 0.01) * base:.2f}")
    return Drawn([f"{goal:.2f}"], vals, vals[BASE_INDEX] if rng.random() < 0.3 else None)


def percent_cap(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A share in % that must stay under a bound (unemployment at most 5.5%)."""
    mean = rng.uniform(s.low, s.high)
    return Drawn(["5.5"], [f"{mean + rng.uniform(-0.4, 0.4):.1f}" for _ in MONTHS])


def rate(rng: random.Random, s: Spec, p: float) -> Drawn:
    """A reported year-on-year growth rate in % (lower in 2020), against a goal of 5-7%."""
    goal = round(rng.uniform(s.low, s.high), 1)
    mean = goal * (0.7 + 0.3 * min(p, 1.3))
    vals = [f"{mean - (3 if y == 2020 else 0) + rng.uniform(-0.8, 0.8):.1f}" for y, _ in MONTHS]
    return Drawn([f"{goal:.1f}"], vals)


def rate_levels(rng: random.Random, s: Spec, p: float) -> Drawn:
    """Year-to-date levels (亿元) from which growth is computed (`growth_basis: levels`)."""
    goal = round(rng.uniform(s.low, s.high), 1)
    yearly = goal * (0.6 + 0.4 * min(p, 1.4)) / 100
    first = rng.uniform(20, 800)
    vals = [f"{first * (1 + yearly) ** (y - 2020) * m / 12 * rng.uniform(0.99, 1.01):.2f}" for y, m in MONTHS]
    return Drawn([f"{goal:.1f}"], vals)


def events(rng: random.Random, s: Spec, p: float) -> Drawn:
    """One event a month, each needing at least 150 firms; a few plans have one that falls short."""
    vals = [str(rng.randint(150, 320)) for _ in MONTHS]
    if rng.random() < 0.1:
        vals[rng.randrange(BASE_INDEX + 1, len(MONTHS))] = str(rng.randint(110, 149))
    return Drawn(["150"], vals)


def milestone(rng: random.Random, s: Spec, p: float) -> Drawn:
    """Monthly 0/1 reports of a deliverable due ``s.low`` months into the plan: mostly on time, some late."""
    due = BASE_INDEX + int(s.low)
    done = due - rng.randrange(0, 10) if p >= 0.8 else due + rng.randrange(1, 30)
    return Drawn([], ["1" if i >= done else "0" for i in range(len(MONTHS))])


SHAPES: dict[str, Callable[[random.Random, Spec, float], Drawn]] = {
    "stock": stock, "cap": cap, "cumulative": cumulative, "increments": increments,
    "year_to_date": year_to_date, "percent": percent, "percent_cap": percent_cap, "rate": rate,
    "rate_levels": rate_levels, "events": events, "milestone": milestone,
}


def deadline_of(s: Spec) -> str:
    """The deadline of a milestone (the end of the month it is due) or of a five-year target."""
    if s.kind != "milestone":
        return PERIOD[1]
    return MONTH_ENDS[BASE_INDEX + int(s.low)]


def target_yaml(s: Spec, values: list[str]) -> str:
    """The targets: block of one indicator."""
    if s.kind == "milestone":
        return f"      - {{deadline: {deadline_of(s)}, {SOURCE_YAML}}}\n"
    op = "<=" if s.shape in ("cap", "percent_cap") else ">="
    if s.years:
        return "".join(f'      - {{op: "{op}", value: {v}, year: {y}, {SOURCE_YAML}}}\n'
                       for y, v in zip(s.years, values, strict=True))
    return f'      - {{op: "{op}", value: {values[0]}, deadline: {deadline_of(s)}, {SOURCE_YAML}}}\n'


def indicator_yaml(s: Spec, d: Drawn) -> str:
    """One indicator of a plan file."""
    out = [f"  - id: {s.id}\n    name: {{zh: {s.zh}, en: \"{s.en}\"}}\n    kind: {s.kind}\n"]
    if s.unit or s.kind != "milestone":
        out.append(f'    unit: "{s.unit}"\n')
    if s.shape == "increments":
        out.append("    reporting: increments\n")
    if s.shape == "rate_levels":
        out.append("    growth_basis: levels\n")
    if d.baseline is not None:
        out.append(f"    baseline: {{date: {MONTH_ENDS[BASE_INDEX]}, value: {d.baseline}, {SOURCE_YAML}}}\n")
    out.append("    targets:\n" + target_yaml(s, d.targets))
    return "".join(out)


def plan_yaml(plan: str, number_: int, body: list[str]) -> str:
    """A whole plan file, its title labelled synthetic."""
    return (f"# Synthetic benchmark data (benchmarks/generate.py): not a real plan.\n"
            f"id: {plan}\n"
            f'title: {{zh: "合成规划：第{number_:04d}号县国民经济和社会发展第十四个五年规划（基准测试合成数据）", '
            f'en: "Synthetic plan {number_:04d}: a county 14th five-year plan (synthetic benchmark data)"}}\n'
            f'issuer: {{zh: "合成数据第{number_:04d}号县人民政府", en: "Synthetic county {number_:04d}"}}\n'
            f"issued: 2021-03-31\nperiod: {{start: {PERIOD[0]}, end: {PERIOD[1]}}}\n"
            f"source_file: synthetic-{number_:04d}.txt\nindicators:\n" + "".join(body))


def rows(plan: str, s: Spec, values: list[str]) -> list[str]:
    """The CSV rows of one indicator of one plan, grouped and in date order."""
    head = f"{plan},{s.id},"
    unit = "" if s.shape == "rate_levels" else s.unit  # levels, not the rate's %
    dates = EVENT_DAYS if s.kind == "per_event" else MONTH_ENDS
    return [f"{head}{d},{v},{unit},{src}\n" for d, v, src in zip(dates, values, SOURCES, strict=True)]


def one_plan(rng: random.Random, number_: int, plan: str) -> tuple[str, list[str]]:
    """A plan file's text and its CSV rows."""
    vigour = rng.uniform(0.85, 1.15)  # some counties do better across the board
    body, lines = [], []
    for s in SPECS:
        drawn = SHAPES[s.shape](rng, s, pace(rng) * vigour)
        body.append(indicator_yaml(s, drawn))
        lines.extend(rows(plan, s, drawn.values))
    return plan_yaml(plan, number_, body), lines


def generate(scale: float, out: Path, seed: int = SEED) -> dict[str, int]:
    """Write plans/ and actuals/ under ``out``; return the number of plans, rows and CSV files."""
    rng = random.Random(seed)
    n_plans = max(1, round(FULL_PLANS * scale))
    (out / "plans").mkdir(parents=True, exist_ok=True)
    (out / "actuals").mkdir(parents=True, exist_ok=True)
    n_rows = n_files = 0
    for first in range(0, n_plans, PLANS_PER_FILE):
        province = first // PLANS_PER_FILE
        lines = [HEADER]
        for number_ in range(first, min(first + PLANS_PER_FILE, n_plans)):
            plan = f"syn-p{province:02d}-c{number_ % PLANS_PER_FILE:02d}"
            text, plan_rows = one_plan(rng, number_, plan)
            (out / "plans" / f"{plan}.yaml").write_text(text, encoding="utf-8")
            lines.extend(plan_rows)
        (out / "actuals" / f"province-{province:02d}.csv").write_text("".join(lines), encoding="utf-8")
        n_rows += len(lines) - 1
        n_files += 1
    return {"plans": n_plans, "rows": n_rows, "files": n_files}


def main() -> None:
    """Command line: --scale and --out."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.01, help="fraction of national scale (1.0 = 2,800 plans)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default benchmarks/data/scale-S)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    out = args.out or Path(__file__).resolve().parent / "data" / f"scale-{args.scale}"
    started = time.perf_counter()
    info = generate(args.scale, out, args.seed)
    print(f"{info['plans']} plans, {info['rows']} rows in {info['files']} CSV files -> {out} "
          f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
