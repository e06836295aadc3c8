"""Targets on a year-on-year growth rate, reported as a rate or computed from two levels."""

from __future__ import annotations

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.judge import not_started, nothing_in_period
from plancheck.evaluate.kinds.measures import staleness
from plancheck.evaluate.pace import settles
from plancheck.model import Result, Status, Why
from plancheck.model.calendar import one_year_before


def growth(case: Case) -> Result:
    """A year-on-year growth rate in % (实际利用外资同比增长4%).

    With ``growth_basis: reported`` the observations are rates; with ``levels`` the rate is computed
    from the level at the observation's date and the level one year earlier (a month's end to the
    same month's end; no other date is substituted), both in the levels' own unit. Before the
    deadline a rate is provisional: on track or lagging, never met. A rate that is a published bound
    decides only what it settles; a level that is a bound gives no rate."""
    if (r := not_started(case)) is not None:
        return r
    if not case.during:
        return nothing_in_period(case)
    t = case.target
    assert t.op is not None and t.value is not None
    obs = case.during[-1]
    rate, bound = obs.value, obs.bound
    if t.growth_basis == "levels":
        prior_date = one_year_before(obs.date)
        prior = next((o for o in case.upto if o.date == prior_date), None) if prior_date else None
        if prior is None or prior.value == 0:
            status = Status.NO_DATA if case.due else Status.PENDING
            return case.result(status, Why.of("growth_needs_level", date=prior_date, zero=prior is not None),
                               observation=obs)
        if obs.bound is not None or prior.bound is not None:
            return case.result(Status.PENDING, Why.of("growth_from_bound"), observation=obs)
        rate = (obs.value / prior.value - 1) * 100
    numbers = {"actual": rate, "actual_date": obs.date, "observation": obs, "bound": bound,
               "stale": staleness(case, obs)}
    ok = settles(bound, rate, t.op, t.value)
    if ok is None:
        return case.result(Status.PENDING, Why.of("bound_does_not_settle", bound=bound, value=rate, op=t.op,
                                                  target=t.value), **numbers)
    if case.passed:
        return case.result(Status.MET if ok else Status.MISSED, Why.of("growth_over_period"), **numbers)
    if ok:
        return case.result(Status.ON_TRACK, Why.of("growth_meets_so_far"), **numbers)
    return case.result(Status.LAGGING, Why.of("growth_below"), **numbers)
