"""The words of the rules' reasons, in Chinese and English: ``explain`` turns a result's reasons
(and its staleness) into the sentence every format shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from plancheck.model import Result, Why
from plancheck.render.words import OP_SYMBOLS, num

REASONS: dict[str, dict[str, str]] = {
    "en": {
        "not_started": "the period starts on {start}",
        "nothing_yet": "nothing reported yet in the period",
        "nothing_in_period": "no value reported within the period",
        "nothing_in_period_predates": "no value reported within the period; the latest, {raw} on {date}, predates it",
        "met_at_deadline": "value at the deadline meets the target",
        "missed_at_deadline": "value at the deadline does not meet the target",
        "reached_early": "target reached before the deadline",
        "within_bound": "within the bound so far; judged finally at the deadline",
        "not_met_level_alone": "the value does not meet the target",
        "no_baseline": "not yet reached, and no baseline to measure pace from: add a baseline to the plan or a "
                       "value dated before {start}",
        "target_equals_baseline": "the target equals the baseline and is not met",
        "behind_pace": "progress behind the elapsed share of the period",
        "at_pace": "progress at or ahead of the elapsed share of the period",
        "baseline_meets_target": "the baseline ({baseline}) already meets the target: progress is no share of the "
                                 "way, and the value is judged on its level alone",
        "moving_away": "moving away from the target (baseline {baseline}): progress is no share of the way, and the "
                       "value is judged on its level alone",
        "at_pace_at_bound": "at or ahead of pace even at the reported bound {bound} {value}",
        "bound_does_not_settle": "the reported bound {bound} {value} does not settle the target {op} {target}: "
                                 "neither met nor missed on its strength",
        "bounds_both_ways": "the increments include bounds both ways (above and below): no sum can be compared",
        "growth_needs_level": "growth needs the level on {date}; there is {missing}",
        "growth_from_bound": "a level is a published bound: no growth rate can be computed from it",
        "growth_over_period": "growth over the period",
        "growth_meets_so_far": "growth so far meets the target; final at the deadline",
        "growth_below": "growth so far is below the target",
        "events_short": "{short} of {events} events fall short",
        "events_undetermined": "{open} of {events} events are bounds that do not settle the minimum",
        "events_all_meet": "all {events} events meet the minimum",
        "events_all_meet_so_far": "all {events} events so far meet the minimum",
        "done_on": "done on {date}",
        "done_late": "done on {date}, after the deadline",
        "reported_not_done": "reported not done on {date}",
        "not_done_on_deadline_day": "reported not done on {date}; due today",
        "due_nothing_reported": "due {deadline}; nothing reported",
        "due": "due {deadline}",
        "stale": "latest report {latest}, {months} months before the {reference}",
        "no_level": "no level",
        "zero_level": "a zero level",
        "as_of": "as-of date",
        "deadline": "deadline",
    },
    "zh": {
        "not_started": "期间自 {start} 起",
        "nothing_yet": "期内尚无数据",
        "nothing_in_period": "期内无数据",
        "nothing_in_period_predates": "期内无数据；最近一次为 {date} 的 {raw}，早于期间",
        "met_at_deadline": "期末数值达到目标",
        "missed_at_deadline": "期末数值未达到目标",
        "reached_early": "期限前已达到目标",
        "within_bound": "目前在限值以内，期末最终判定",
        "not_met_level_alone": "数值未达到目标",
        "no_baseline": "尚未达到目标，且无基数可衡量进度：请在规划中给出基数，或提供 {start} 之前的数值",
        "target_equals_baseline": "目标等于基数，且未达到",
        "behind_pace": "进度落后于序时进度",
        "at_pace": "进度不低于序时进度",
        "baseline_meets_target": "基数（{baseline}）已达到目标：完成进度无意义，仅按数值本身判定",
        "moving_away": "数值背离目标（基数 {baseline}）：完成进度无意义，仅按数值本身判定",
        "at_pace_at_bound": "即按所报界值 {bound} {value} 计，进度也不低于序时进度",
        "bound_does_not_settle": "所报界值 {bound} {value} 不足以判定目标 {op} {target}：不据此判为完成或未完成",
        "bounds_both_ways": "增量中既有下界也有上界，无法求和比较",
        "growth_needs_level": "计算增长需要 {date} 的数值；{missing}",
        "growth_from_bound": "数值为所报界值，无法据此计算增长率",
        "growth_over_period": "期内增长",
        "growth_meets_so_far": "目前增长达到目标，期末最终判定",
        "growth_below": "目前增长低于目标",
        "events_short": "{events} 场中有 {short} 场未达到",
        "events_undetermined": "{events} 场中有 {open} 场为界值，不足以判定",
        "events_all_meet": "全部 {events} 场均达到最低要求",
        "events_all_meet_so_far": "目前全部 {events} 场均达到最低要求",
        "done_on": "已于 {date} 完成",
        "done_late": "于 {date} 完成，晚于期限",
        "reported_not_done": "{date} 报告未完成",
        "not_done_on_deadline_day": "{date} 报告未完成；今日到期",
        "due_nothing_reported": "{deadline} 到期；无报告",
        "due": "{deadline} 到期",
        "stale": "最近一次报告为 {latest}，距{reference} {months} 个月",
        "no_level": "无该日数值",
        "zero_level": "该日数值为零",
        "as_of": "评估日期",
        "deadline": "期限",
    },
}


def explain(result: Result, lang: str = "en") -> str:
    """The sentence saying why ``result`` is what it is, in ``lang``."""
    words = REASONS.get(lang, REASONS["en"])
    parts = [_say(why, words) for why in result.why]
    if result.stale is not None:
        s = result.stale
        parts.append(words["stale"].format(latest=s.latest, months=s.months, reference=words[s.reference]))
    return "; ".join(parts)


def _say(why: Why, words: dict[str, str]) -> str:
    values = {k: _text(v) for k, v in why.values}
    if why.code == "growth_needs_level":
        values["missing"] = words["zero_level" if why.get("zero") else "no_level"]
    if "op" in values:
        values["op"] = OP_SYMBOLS.get(str(why.get("op")), values["op"])
    if "bound" in values:
        values["bound"] = OP_SYMBOLS.get(str(why.get("bound")), values["bound"])
    return words[why.code].format(**values)


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return num(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
