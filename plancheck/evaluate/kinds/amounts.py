"""Targets on an amount: a level (stock), a share in percent, and a flow new within the period."""

from __future__ import annotations

from decimal import Decimal

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.judge import baseline_of, judge, not_started, nothing_in_period
from plancheck.model import Baseline, Result


def level(case: Case) -> Result:
    """A stock that must reach a value (有效高企数量达到1540家): the latest value in the period is judged;
    pace is measured from the baseline (the plan's, else the latest value before the period)."""
    if (r := not_started(case)) is not None:
        return r
    if not case.during:
        return nothing_in_period(case)
    obs = case.during[-1]
    return judge(case, obs.value, obs.date, obs, baseline_of(case))


def share(case: Case) -> Result:
    """A ratio in percent (研发支出与地区生产总值之比 2.59%): judged like a level, in percentage points."""
    return level(case)


def flow(case: Case) -> Result:
    """An amount new within the period (新增国家级高新技术企业250家), from a baseline of 0.

    With ``reporting: cumulative`` (default) each observation is the amount accumulated from the
    period start to its date (累计, as bulletins report it) and the latest is used; with
    ``reporting: increments`` the observations in the period are summed."""
    if (r := not_started(case)) is not None:
        return r
    if not case.during:
        return nothing_in_period(case)
    obs = case.during[-1]
    increments = case.target.reporting == "increments"
    value = sum((o.value for o in case.during), Decimal(0)) if increments else obs.value
    zero = Baseline(date=case.target.start, value=Decimal(0), origin="zero")
    return judge(case, value, obs.date, obs, zero)
