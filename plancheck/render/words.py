"""Shared wording and number formatting for every format, in Chinese and English."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from plancheck.model import Kind, Observation, Result, Results, Status, Target, Unit, count_statuses
from plancheck.model.acceptance import Lapsed
from plancheck.model.units import plain
from plancheck.render.arrange import Folded

SYMBOLS = {
    Status.MET: "✔",
    Status.ON_TRACK: "↗",
    Status.PENDING: "…",
    Status.NO_DATA: "?",
    Status.LAGGING: "⚠",
    Status.MISSED: "✘",
}

WORDS = {
    "zh": {
        Status.MET: "已完成", Status.ON_TRACK: "进度正常", Status.PENDING: "待评估",
        Status.NO_DATA: "无数据", Status.LAGGING: "滞后", Status.MISSED: "未完成",
    },
    "en": {
        Status.MET: "met", Status.ON_TRACK: "on track", Status.PENDING: "pending",
        Status.NO_DATA: "no data", Status.LAGGING: "lagging", Status.MISSED: "missed",
    },
}

LABELS = {
    "zh": {
        "plan": "规划", "indicator": "指标", "target": "目标", "actual": "实际", "progress": "完成进度",
        "pace": "序时进度", "status": "状态", "deadline": "期限", "soft": "力争", "summary": "汇总",
        "as_of": "截至", "total": "合计", "baseline": "基数", "source": "出处", "kind": "类型",
        "quote": "原文", "date": "日期", "value": "数值", "note": "说明", "ahead": "超序时进度",
        "behind": "落后序时进度", "points": "个百分点", "observations": "观测值", "stale": "期前",
        "late": "期后", "context": "仅供参考", "targets": "目标数", "unit": "单位", "explanation": "依据",
        "change": "变化", "from": "由", "to": "变为", "changes": "状态变化", "no_changes": "无状态变化",
        "report": "规划指标监测报告", "history": "历史", "shown": "显示 {shown} 项，共 {of} 项",
        "projection": "预计期末", "needed": "每月需", "months_left": "剩余 {months} 个月",
        "growth_measure": "复合增长", "observed_cagr": "实际年均", "required_cagr": "所需年均",
        "accepted": "已接受",
    },
    "en": {
        "plan": "Plan", "indicator": "Indicator", "target": "Target", "actual": "Actual", "progress": "Progress",
        "pace": "Expected", "status": "Status", "deadline": "Deadline", "soft": "soft", "summary": "Summary",
        "as_of": "as of", "total": "total", "baseline": "Baseline", "source": "Source", "kind": "Kind",
        "quote": "Quote", "date": "Date", "value": "Value", "note": "Note", "ahead": "ahead of pace by",
        "behind": "behind pace by", "points": "pp", "observations": "Observations", "stale": "before period",
        "late": "after deadline", "context": "context only", "targets": "Targets", "unit": "Unit",
        "explanation": "Why",
        "change": "Change", "from": "From", "to": "To", "changes": "Changes", "no_changes": "No status changed",
        "report": "Plan target monitoring report", "history": "History", "shown": "shown {shown} of {of}",
        "projection": "projected at the deadline", "needed": "needed per month", "months_left": "{months} months left",
        "growth_measure": "compound growth", "observed_cagr": "observed", "required_cagr": "required",
        "accepted": "accepted",
    },
}

BANDS = {
    "zh": {"substantial": "明显进展", "moderate": "中等进展", "limited": "有限进展", "moving_away": "背离目标"},
    "en": {"substantial": "substantial progress", "moderate": "moderate progress", "limited": "limited progress",
           "moving_away": "moving away"},
}
"""The compound-growth measure's bands in words."""

CHANGE_WORDS = {
    "zh": {"newly_met": "新完成", "newly_lagging": "新滞后", "newly_missed": "新未完成",
           "newly_no_data": "到期无数据", "changed": "状态变化"},
    "en": {"newly_met": "newly met", "newly_lagging": "newly lagging", "newly_missed": "newly missed",
           "newly_no_data": "newly due without data", "changed": "changed"},
}

OP_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_BREAKS = re.compile(r"[\n\t\u2028\u2029]")


def clean(text: str) -> str:
    """``text`` without control characters (terminal escapes, bidi controls, zero-width marks, the
    byte-order mark); line breaks (U+2028 and U+2029 too) and tabs become spaces."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def num(value: Decimal | None) -> str:
    """Format an exact decimal for people: thousands separators, no exponent, computed values to 2 places."""
    if value is None:
        return "—"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        value = value.quantize(Decimal("0.01"))
    text = format(value, ",f")
    return text


def progress_text(result: Result) -> str:
    """The progress as a percentage, with the bound's sign when the value is a bound (``> 151.4%``)."""
    text = percent(result.progress)
    bound = result.progress_bound
    return f"{OP_SYMBOLS[bound]} {text}" if bound else text


def percent(share: Fraction | None, digits: int = 1) -> str:
    """Format a share (5/12) as a percentage (41.7%)."""
    if share is None:
        return "—"
    return f"{float(share) * 100:.{digits}f}%"


def name(target: Target, lang: str) -> str:
    """The indicator's name in ``lang``, falling back to Chinese."""
    return clean(target.name_en if lang == "en" and target.name_en else target.name_zh)


def target_text(target: Target, lang: str, *, with_deadline: bool = True) -> str:
    """``≥ 1,540 家 by 2020-12-31 (力争)``, or ``done by 2019-05-31`` for a milestone."""
    L = LABELS[lang]
    if target.op is None:
        text = ("完成" if lang == "zh" else "done") + (f" {target.deadline}" if with_deadline else "")
    else:
        unit = clean(target.unit.text)
        text = f"{OP_SYMBOLS[target.op]} {num(target.value)}{'' if unit == '%' else ' '}{unit}".rstrip()
        if with_deadline:
            text += f" · {target.deadline}"
    if target.soft:
        text += f" ({L['soft']})"
    return text


def amount(value: Decimal, unit: Unit, bound: str | None = None) -> str:
    """A value in its unit, with a published bound's sign: ``1,540 家``, ``2.59%``, ``> 12,000 家``."""
    text = num(value)
    unit_text = clean(unit.text)
    text += unit_text if unit_text == "%" else (f" {unit_text}" if unit_text else "")
    return f"{OP_SYMBOLS[bound]} {text}" if bound else text


def actual_text(result: Result) -> str:
    """``1,540 家 (2020-12-31)``, or ``—`` when nothing decides the verdict."""
    if result.actual is None or result.actual_date is None:
        return "—"
    t = result.target
    if t.op is None:
        return f"✔ {result.actual_date}" if result.actual >= 1 else f"✘ {result.actual_date}"
    return f"{amount(result.actual, t.unit, result.bound)} ({result.actual_date})"


def pace_text(result: Result, lang: str) -> str:
    """``41.7% (-3.5 pp)``: the elapsed share of the period and how far progress is ahead or behind."""
    if result.expected is None:
        return "—"
    gap = result.gap_points
    if gap is None:
        return percent(result.expected)
    sign = "+" if gap >= 0 else "−"
    bound = result.progress_bound
    ahead = f"{OP_SYMBOLS[bound]} " if bound else ""  # more than 151.4% done: more than 51.4 points ahead
    return f"{percent(result.expected)} ({ahead}{sign}{abs(float(gap)):.1f} {LABELS[lang]['points']})"


def status_text(status: Status, lang: str, accepted: bool = False) -> str:
    """``✔ met``: symbol and word, so the status reads without colour; ``✘ missed (accepted)`` for
    a result the exit code does not count."""
    text = f"{SYMBOLS[status]} {WORDS[lang][status]}"
    if accepted:
        text += "（已接受）" if lang == "zh" else " (accepted)"
    return text


def lapsed_text(lapsed: Lapsed, lang: str) -> str:
    """An acceptance that no longer applies, and what to do about it."""
    a = lapsed.acceptance
    where = f"{a.plan}/{a.indicator} {a.deadline}"
    if lang == "zh":
        why = "现已完成" if lapsed.why == "met" else "已不在规划中"
        return f"接受记录不再适用：{where} {why}；运行 `plancheck accept` 删除该记录（{a.location}）"
    why = "is now met" if lapsed.why == "met" else "is no longer in the plans"
    return f"Acceptance no longer applies: {where} {why}; run `plancheck accept` to drop it ({a.location})"


def context_text(obs: Observation, result: Result, lang: str) -> str:
    """A non-deciding observation, labelled as marked context, before the period or after the
    deadline, in the target's unit (its levels' for growth from levels): ``after deadline: 30.1 亿元
    (2022-12-31)``."""
    role = "context" if obs.context else "stale" if obs.date < result.target.start else "late"
    t = result.target
    shown = "✔" if t.op is None and obs.value >= 1 else "✘" if t.op is None else amount(obs.value, t.observed_unit,
                                                                                     obs.bound)
    return f"{LABELS[lang][role]}: {shown} ({obs.date})"



KINDS = {
    "zh": {"level": "存量", "flow": "新增量", "share": "比重", "growth": "增长率", "per_event": "每场",
           "milestone": "节点任务"},
    "en": {"level": "level", "flow": "flow", "share": "share", "growth": "growth", "per_event": "per event",
           "milestone": "milestone"},
}
ORIGINS = {
    "zh": {"plan": "规划所载", "actuals": "期前实际值", "zero": "零（新增量自零起算）"},
    "en": {"plan": "stated in the plan", "actuals": "latest value before the period", "zero": "zero (a flow)"},
}


def kind_text(kind: Kind, lang: str) -> str:
    """A target kind in words."""
    return KINDS[lang][kind.value]


def origin_text(origin: str, lang: str) -> str:
    """Where a baseline comes from, in words."""
    return ORIGINS[lang].get(origin, origin)


def headline(results: Results, code: int, lang: str) -> str:
    """The first line of a report: what fails the run and the exit code it gives
    (``2 missed, 1 lagging → exit 2``), counted over every result."""
    counts = count_statuses(r for r in results if results.acceptance(r) is None)
    accepted = len(results.accepted)
    parts = [(Status.MISSED, counts[Status.MISSED]), (Status.LAGGING, counts[Status.LAGGING]),
             (Status.NO_DATA, counts[Status.NO_DATA])]
    if lang == "zh":
        said = "，".join(f"{WORDS['zh'][s]} {n} 项" for s, n in parts if n) or "无未完成或滞后"
        aside = f"；另有已接受 {accepted} 项" if accepted else ""
        return f"{said}{aside} → 退出码 {code}"
    names = {Status.MISSED: "missed", Status.LAGGING: "lagging", Status.NO_DATA: "due without data"}
    said = ", ".join(f"{n} {names[s]}" for s, n in parts if n) or "nothing missed or lagging"
    aside = f"; {accepted} accepted" if accepted else ""
    return f"{said}{aside} → exit {code}"


def folded_text(folded: Folded, lang: str) -> str:
    """``… no data: 15 (hte-total, eaglet-firms, gazelle-firms and 12 more: --all)``."""
    names = ", ".join(folded.named)
    word = LABELS[lang]["accepted"] if folded.accepted else WORDS[lang][folded.status]
    if lang == "zh":
        more = f" 等，另有 {folded.more} 个指标：--all 查看" if folded.more else ""
        return f"… {word}：{len(folded.results)} 项（{names}{more}）"
    more = f" and {folded.more} more: --all" if folded.more else ""
    return f"… {word}: {len(folded.results)} ({names}{more})"


def hint_text(missing: int, due: int, lang: str) -> str:
    """What to do when most targets that are due have no data."""
    if lang == "zh":
        return (f"提示：已到期的 {due} 个目标中有 {missing} 个无数据。请在 actuals/ 中补充数据行（可从 "
                f"`plancheck template 规划ID` 生成的模板开始），或用 --all 列出它们。")
    return (f"Hint: {missing} of the {due} targets that are due have no data. Add rows to actuals/ (start from "
            f"`plancheck template PLAN`), or list them with --all.")


def projection_text(result: Result, lang: str) -> str:
    """The projection at the deadline and the monthly need, for a table cell (— without one)."""
    p = result.projection
    if p is None:
        return "—"
    unit = result.target.unit
    value = amount(_two_places(p.value), unit)
    if p.needed_per_month is None:
        return value
    per = "/月" if lang == "zh" else "/mo"
    return f"{value}\n{amount(_two_places(p.needed_per_month), unit)}{per}"


def _two_places(value: Fraction) -> Decimal:
    return plain((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01")))
