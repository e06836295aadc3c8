"""Targets on an amount: a level (stock), a share in percent, and a flow new within the period."""

from __future__ import annotations

from decimal import Decimal

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.judge import baseline_of, judge, not_started, nothing_in_period
from plancheck.model import Baseline, Observation, Result, Status, Why


def level(case: Case) -> Result:
    """A stock that must reach a value (有效高企数量达到1540家): the latest value in the period is judged;
    pace is measured from the latest value before the target's period, else the plan's baseline."""
    if (r := not_started(case)) is not None:
        return r
    if not case.during:
        return nothing_in_period(case)
    obs = case.during[-1]
    return judge(case, obs.value, obs.date, obs, baseline_of(case), obs.bound)


def share(case: Case) -> Result:
    """A ratio in percent (研发支出与地区生产总值之比 2.59%): judged like a level, in percentage points."""
    return level(case)


def flow(case: Case) -> Result:
    """An amount new within the period (新增国家级高新技术企业250家), from a baseline of 0.

    With ``reporting: cumulative`` (default) each observation is the amount accumulated from the
    period start to its date (累计, as bulletins report it) and the latest is used; with
    ``reporting: increments`` the observations in the period are summed (a sum of lower bounds is a
    lower bound; bounds both ways make no sum)."""
    if (r := not_started(case)) is not None:
        return r
    if not case.during:
        return nothing_in_period(case)
    obs = case.during[-1]
    zero = Baseline(date=case.target.start, value=Decimal(0), origin="zero")
    if case.target.reporting != "increments":
        return judge(case, obs.value, obs.date, obs, zero, obs.bound)
    total, bound = sum_of(case.during)
    if bound == "mixed":
        return case.result(Status.PENDING, Why.of("bounds_both_ways"), actual_date=obs.date, observation=obs)
    return judge(case, total, obs.date, obs, zero, bound)


def sum_of(observations: tuple[Observation, ...]) -> tuple[Decimal, str | None]:
    """The sum of the values, and its bound: None if every value is exact, > or >= if some are
    lower bounds (> if any is strict), < or <= likewise, ``mixed`` for bounds both ways."""
    total = sum((o.value for o in observations), Decimal(0))
    bounds = {o.bound for o in observations} - {None}
    if not bounds:
        return total, None
    up = bounds <= {">", ">="}
    if not up and not bounds <= {"<", "<="}:
        return total, "mixed"
    strict = ">" if up else "<"
    return total, strict if strict in bounds else strict + "="
