"""Targets on a year-on-year growth rate, reported as a rate or computed from two levels."""

from __future__ import annotations

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.judge import not_started, nothing_in_period
from plancheck.evaluate.pace import satisfies
from plancheck.model import Result, Status
from plancheck.model.calendar import one_year_before


def growth(case: Case) -> Result:
    """A year-on-year growth rate in % (实际利用外资同比增长4%).

    With ``growth_basis: reported`` the observations are rates; with ``levels`` the rate is computed
    from the level at the observation's date and the level exactly one year earlier (no other date is
    substituted). Before the deadline a rate is provisional: on track or lagging, never met."""
    if (r := not_started(case)) is not None:
        return r
    if not case.during:
        return nothing_in_period(case)
    t = case.target
    assert t.op is not None and t.value is not None
    obs = case.during[-1]
    rate = obs.value
    if t.growth_basis == "levels":
        prior_date = one_year_before(obs.date)
        prior = next((o for o in case.upto if o.date == prior_date), None) if prior_date else None
        if prior is None or prior.value == 0:
            missing = "no level" if prior is None else "a zero level"
            status = Status.NO_DATA if case.due else Status.PENDING
            return case.result(status, f"growth needs the level on {prior_date}; there is {missing}",
                               observation=obs)
        rate = (obs.value / prior.value - 1) * 100
    ok = satisfies(rate, t.op, t.value)
    numbers = {"actual": rate, "actual_date": obs.date, "observation": obs}
    if case.passed:
        return case.result(Status.MET if ok else Status.MISSED, "growth over the period", **numbers)
    if ok:
        return case.result(Status.ON_TRACK, "growth so far meets the target; final at the deadline", **numbers)
    return case.result(Status.LAGGING, "growth so far is below the target", **numbers)
