"""What the rules share: the period not yet begun, nothing reported, and judging a value on pace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from plancheck.evaluate.case import Case
from plancheck.evaluate.pace import elapsed, progress, satisfies
from plancheck.model import Baseline, Observation, Result, Status


def not_started(case: Case) -> Result | None:
    """A pending result while the target's period has not begun, else None."""
    if case.as_of < case.target.start:
        return case.result(Status.PENDING, f"the period starts on {case.target.start}")
    return None


def nothing_in_period(case: Case) -> Result:
    """No data once the target is due, else pending."""
    if case.due:
        why = "no value reported within the period"
        if case.before:
            why += f"; the latest, {case.before[-1].raw} on {case.before[-1].date}, predates it"
        return case.result(Status.NO_DATA, why)
    return case.result(Status.PENDING, "nothing reported yet in the period")


def judge(case: Case, value: Decimal, when: date, obs: Observation, baseline: Baseline | None) -> Result:
    """Judge a value reached by ``when`` against the target, with pace measured from ``baseline``.

    The common core of level, share and flow targets:
    - deadline passed: met if the value satisfies the target, else missed;
    - before that, a lower-bound target (>=, >) reached is met; an upper bound or an equality
      satisfied is on track (it can still be broken before the deadline);
    - otherwise progress from the baseline, (value - baseline) / (target - baseline), is compared
      with the elapsed share of the period at the observation's date (序时进度) less the tolerance.
    """
    t = case.target
    assert t.op is not None and t.value is not None
    numbers: dict[str, object] = {"actual": value, "actual_date": when, "observation": obs, "baseline": baseline}
    ok = satisfies(value, t.op, t.value)
    expected = elapsed(t.start, t.deadline, when)
    share = None if baseline is None else progress(value, baseline.value, t.value)
    numbers.update(progress=share, expected=expected)
    if case.passed:
        status = Status.MET if ok else Status.MISSED
        return case.result(status, f"value at the deadline {'meets' if ok else 'does not meet'} the target",
                           **numbers)
    if ok and t.op in (">=", ">"):
        return case.result(Status.MET, "target reached before the deadline", **numbers)
    if ok:
        return case.result(Status.ON_TRACK, "within the bound so far; judged finally at the deadline", **numbers)
    if share is None:
        if baseline is None:
            return case.result(Status.PENDING, f"not yet reached, and no baseline to measure pace from: add a "
                                               f"baseline to the plan or a value dated before {t.start}",
                               **numbers)
        return case.result(Status.LAGGING, "the target equals the baseline and is not met", **numbers)
    if share < (expected - case.tolerance if case.tolerance else expected):
        return case.result(Status.LAGGING, "progress behind the elapsed share of the period", **numbers)
    return case.result(Status.ON_TRACK, "progress at or ahead of the elapsed share of the period", **numbers)


def baseline_of(case: Case) -> Baseline | None:
    """The plan's baseline, else the latest value dated before the period starts (shown as such)."""
    if case.target.baseline is not None:
        return case.target.baseline
    if case.before:
        o = case.before[-1]
        return Baseline(date=o.date, value=o.value, origin="actuals")
    return None
