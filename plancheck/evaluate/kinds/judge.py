"""What the rules share: the period not yet begun, nothing reported, and judging a value on pace.

The measures beside a verdict (projection, the compound-growth measure, staleness) are in
``measures``; they never change a status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.measures import growth_measure, projection, staleness
from plancheck.evaluate.pace import elapsed, progress, satisfies, settles
from plancheck.model import Baseline, Observation, Result, Status, Why


def not_started(case: Case) -> Result | None:
    """A pending result while the target's period has not begun, else None."""
    if case.as_of < case.target.start:
        return case.result(Status.PENDING, Why.of("not_started", start=case.target.start))
    return None


def nothing_in_period(case: Case) -> Result:
    """No data once the target is due, else pending."""
    if case.due:
        if case.before:
            last = case.before[-1]
            return case.result(Status.NO_DATA, Why.of("nothing_in_period_predates", raw=last.raw, date=last.date))
        return case.result(Status.NO_DATA, Why.of("nothing_in_period"))
    return case.result(Status.PENDING, Why.of("nothing_yet"))


def judge(case: Case, value: Decimal, when: date, obs: Observation, baseline: Baseline | None,
          bound: str | None = None) -> Result:
    """Judge a value reached by ``when`` (or, with ``bound``, a published bound on it) against the
    target, with pace measured from ``baseline``. The common core of level, share and flow targets:

    - deadline passed: met if the value satisfies the target, else missed;
    - before that, a lower-bound target (>=, >) reached is met; an upper bound or an equality
      satisfied is on track (it can still be broken before the deadline);
    - otherwise progress from the baseline, (value - baseline) / (target - baseline), is compared
      with the elapsed share of the period at the observation's date (序时进度) less the tolerance.
      When the baseline already satisfies the target, or the value has moved away from it, progress
      is no share of the way: it is not given, and the value is judged on its level alone;
    - a bound decides only what it settles (>12000 meets >= 10000; against >= 13000 it is pending).
    """
    t = case.target
    assert t.op is not None and t.value is not None
    expected = elapsed(t.start, t.deadline, when)
    share, note = _pace(value, bound, baseline, t.op, t.value)
    numbers: dict[str, object] = {"actual": value, "actual_date": when, "observation": obs, "baseline": baseline,
                                  "progress": share, "expected": expected, "bound": bound,
                                  "stale": staleness(case, obs)}
    if bound is None and not case.passed:
        numbers.update(projection=projection(case, value, baseline, expected, note),
                       growth_measure=growth_measure(case, value, when, baseline))
    notes = (note,) if note is not None else ()
    ok = settles(bound, value, t.op, t.value)
    if ok is None:
        return _undetermined(case, share, expected, bound, value, notes, numbers)
    if case.passed:
        return case.result(Status.MET if ok else Status.MISSED,
                           Why.of("met_at_deadline" if ok else "missed_at_deadline"), *notes, **numbers)
    if ok and t.op in (">=", ">"):
        return case.result(Status.MET, Why.of("reached_early"), *notes, **numbers)
    if ok:
        return case.result(Status.ON_TRACK, Why.of("within_bound"), *notes, **numbers)
    if note is not None:
        return case.result(Status.LAGGING, Why.of("not_met_level_alone"), *notes, **numbers)
    if share is None:
        if baseline is None:
            return case.result(Status.PENDING, Why.of("no_baseline", start=t.start), **numbers)
        return case.result(Status.LAGGING, Why.of("target_equals_baseline"), **numbers)
    if share < (expected - case.tolerance if case.tolerance else expected):
        return case.result(Status.LAGGING, Why.of("behind_pace"), **numbers)
    return case.result(Status.ON_TRACK, Why.of("at_pace"), **numbers)


def _pace(value: Decimal, bound: str | None, baseline: Baseline | None, op: str, target: Decimal
          ) -> tuple[Fraction | None, Why | None]:
    """Progress from the baseline, and why there is none when it would be no share of the way."""
    if baseline is None:
        return None, None
    if baseline.value != target and satisfies(baseline.value, op, target):
        return None, Why.of("baseline_meets_target", baseline=baseline.value)
    share = progress(value, baseline.value, target)
    if share is not None and share < 0 and bound is None:
        return None, Why.of("moving_away", baseline=baseline.value)
    return share, None


def _undetermined(case: Case, share: Fraction | None, expected: Fraction, bound: str | None, value: Decimal,
                  notes: tuple[Why, ...], numbers: dict[str, object]) -> Result:
    """A bound that does not settle the target: never met or missed on its strength. Before the
    deadline, a bound pointing the target's way shows the pace when even the bound is on it."""
    t = case.target
    assert t.op is not None
    towards = (bound in (">", ">=")) == (t.op in (">=", ">"))
    limit = expected - case.tolerance if case.tolerance else expected
    if not case.passed and towards and share is not None and share >= limit:
        return case.result(Status.ON_TRACK, Why.of("at_pace_at_bound", bound=bound, value=value), *notes, **numbers)
    return case.result(Status.PENDING, Why.of("bound_does_not_settle", bound=bound, value=value, op=t.op,
                                              target=t.value), *notes, **numbers)


def baseline_of(case: Case) -> Baseline | None:
    """Where pace is measured from: the latest value dated before the target's own period (for a
    year of a year-by-year split, the previous year's end), else the plan's baseline. The plan's
    baseline is kept when it is as recent as the latest value before the period."""
    stated = case.target.baseline
    if case.before and case.before[-1].bound is None:
        o = case.before[-1]
        if stated is None or o.date > stated.date:
            return Baseline(date=o.date, value=o.value, origin="actuals")
    return stated
