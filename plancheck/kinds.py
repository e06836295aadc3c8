"""The rules for each kind of target: one pure function per kind, listed in ``RULES``.

Each rule receives a ``Case`` (the target, its observations up to the as-of date split by period,
the as-of date and the tolerance) and returns a Result. None of them reads files or the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from plancheck.model import Baseline, Kind, Observation, Result, Series, Status, Target
from plancheck.pace import elapsed, one_year_before, progress, satisfies


@dataclass(frozen=True, slots=True)
class Case:
    """A target and what is known of it as of a date."""

    target: Target
    as_of: date
    tolerance: Fraction
    before: Series  # dated before the period starts (oldest first)
    during: Series  # dated within [start, deadline]
    after: Series  # dated after the deadline, up to as_of
    upto: Series  # before and during together: dated up to the deadline

    @classmethod
    def build(cls, target: Target, series: Series, as_of: date, tolerance: Fraction) -> Case:
        """Split ``series`` around the target's period, keeping only dates <= as_of (views, no copies)."""
        known = series.bisect_right(as_of)
        lo = min(known, series.bisect_left(target.start))
        hi = min(known, series.bisect_right(target.deadline))
        return cls(target, as_of, tolerance, series.view(0, lo), series.view(lo, hi), series.view(hi, known),
                   series.view(0, hi))

    @property
    def due(self) -> bool:
        """True from the deadline day on."""
        return self.as_of >= self.target.deadline

    @property
    def passed(self) -> bool:
        """True once the deadline has passed (the day after it, or later)."""
        return self.as_of > self.target.deadline

    def context(self) -> tuple[Observation, ...]:
        """Observations worth showing beside the verdict: the latest stale one if the period has no
        data, and the latest one after the deadline."""
        shown: list[Observation] = []
        if not self.during and self.before:
            shown.append(self.before[-1])
        if self.after:
            shown.append(self.after[-1])
        return tuple(shown)

    def result(self, status: Status, explanation: str, **numbers: object) -> Result:
        """Return a Result for this case with ``status`` and any numbers behind it."""
        return Result(target=self.target, status=status, as_of=self.as_of, tolerance=self.tolerance,
                      context=self.context(), explanation=explanation, **numbers)  # type: ignore[arg-type]



def _not_started(case: Case) -> Result | None:
    if case.as_of < case.target.start:
        return case.result(Status.PENDING, f"the period starts on {case.target.start}")
    return None


def _nothing_in_period(case: Case) -> Result:
    if case.due:
        why = "no value reported within the period"
        if case.before:
            why += f"; the latest, {case.before[-1].raw} on {case.before[-1].date}, predates it"
        return case.result(Status.NO_DATA, why)
    return case.result(Status.PENDING, "nothing reported yet in the period")


def _judge(case: Case, value: Decimal, when: date, obs: Observation, baseline: Baseline | None) -> Result:
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
    if share < expected - case.tolerance:
        return case.result(Status.LAGGING, "progress behind the elapsed share of the period", **numbers)
    return case.result(Status.ON_TRACK, "progress at or ahead of the elapsed share of the period", **numbers)


def _baseline(case: Case) -> Baseline | None:
    """The plan's baseline, else the latest value dated before the period starts (shown as such)."""
    if case.target.baseline is not None:
        return case.target.baseline
    if case.before:
        o = case.before[-1]
        return Baseline(date=o.date, value=o.value, origin="actuals")
    return None


def level(case: Case) -> Result:
    """A stock that must reach a value (有效高企数量达到1540家): the latest value in the period is judged;
    pace is measured from the baseline (the plan's, else the latest value before the period)."""
    if (r := _not_started(case)) is not None:
        return r
    if not case.during:
        return _nothing_in_period(case)
    obs = case.during[-1]
    return _judge(case, obs.value, obs.date, obs, _baseline(case))


def share(case: Case) -> Result:
    """A ratio in percent (研发支出与地区生产总值之比 2.59%): judged like a level, in percentage points."""
    return level(case)


def flow(case: Case) -> Result:
    """An amount new within the period (新增国家级高新技术企业250家), from a baseline of 0.

    With ``reporting: cumulative`` (default) each observation is the amount accumulated from the
    period start to its date (累计, as bulletins report it) and the latest is used; with
    ``reporting: increments`` the observations in the period are summed."""
    if (r := _not_started(case)) is not None:
        return r
    if not case.during:
        return _nothing_in_period(case)
    obs = case.during[-1]
    increments = case.target.reporting == "increments"
    value = sum((o.value for o in case.during), Decimal(0)) if increments else obs.value
    zero = Baseline(date=case.target.start, value=Decimal(0), origin="zero")
    return _judge(case, value, obs.date, obs, zero)


def growth(case: Case) -> Result:
    """A year-on-year growth rate in % (实际利用外资同比增长4%).

    With ``growth_basis: reported`` the observations are rates; with ``levels`` the rate is computed
    from the level at the observation's date and the level exactly one year earlier (no other date is
    substituted). Before the deadline a rate is provisional: on track or lagging, never met."""
    if (r := _not_started(case)) is not None:
        return r
    if not case.during:
        return _nothing_in_period(case)
    t = case.target
    assert t.op is not None and t.value is not None
    obs = case.during[-1]
    rate = obs.value
    if t.growth_basis == "levels":
        prior_date = one_year_before(obs.date)
        at = case.upto.bisect_left(prior_date)
        prior = case.upto[at] if at < len(case.upto) and case.upto.dates_at(at) == prior_date else None
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


def per_event(case: Case) -> Result:
    """A minimum for each event (每场专题会邀请至少150家): every event reported in the period must meet
    it; one that does not is a miss that later events cannot undo."""
    if (r := _not_started(case)) is not None:
        return r
    t = case.target
    assert t.op is not None and t.value is not None
    events = tuple(case.during)
    if not events:
        return _nothing_in_period(case)
    short = [e for e in events if not satisfies(e.value, t.op, t.value)]
    worst = min(events, key=lambda e: e.value) if t.op in (">=", ">") else max(events, key=lambda e: e.value)
    numbers = {"actual": worst.value, "actual_date": worst.date, "observation": worst, "events": events}
    if short:
        return case.result(Status.MISSED, f"{len(short)} of {len(events)} events fall short", **numbers)
    if case.passed:
        return case.result(Status.MET, f"all {len(events)} events meet the minimum", **numbers)
    return case.result(Status.ON_TRACK, f"all {len(events)} events so far meet the minimum", **numbers)


def milestone(case: Case) -> Result:
    """A deliverable due by a date (2019年5月底前完成《三年行动计划》制定): met when reported done
    (value 1, "done", "完成") on or before the deadline; done later is still a miss, shown as such."""
    t = case.target
    known = case.upto
    first = known.find(_is_done)
    done = None if first is None else known[first]
    if done is not None:
        return case.result(Status.MET, f"done on {done.date}", actual=done.value, actual_date=done.date,
                           observation=done)
    if case.passed:
        after = case.after.find(_is_done)
        late = None if after is None else case.after[after]
        if late is not None:
            return case.result(Status.MISSED, f"done on {late.date}, after the deadline", actual=late.value,
                               actual_date=late.date, observation=late)
        if known:
            last = known[-1]
            return case.result(Status.MISSED, f"reported not done on {last.date}", actual=last.value,
                               actual_date=last.date, observation=last)
    if case.due:
        return case.result(Status.NO_DATA, f"due {t.deadline}; nothing reported")
    return case.result(Status.PENDING, f"due {t.deadline}")


def _is_done(value: Decimal) -> bool:
    return value >= 1


Rule = Callable[[Case], Result]

RULES: dict[Kind, Rule] = {
    Kind.LEVEL: level,
    Kind.SHARE: share,
    Kind.FLOW: flow,
    Kind.GROWTH: growth,
    Kind.PER_EVENT: per_event,
    Kind.MILESTONE: milestone,
}
