"""Targets on events: a minimum each event must reach, and a deliverable due by a date."""

from __future__ import annotations

from decimal import Decimal

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.judge import not_started, nothing_in_period
from plancheck.evaluate.pace import satisfies
from plancheck.model import Observation, Result, Status


def per_event(case: Case) -> Result:
    """A minimum for each event (每场专题会邀请至少150家): every event reported in the period must meet
    it; one that does not is a miss that later events cannot undo."""
    if (r := not_started(case)) is not None:
        return r
    t = case.target
    assert t.op is not None and t.value is not None
    events = case.during
    if not events:
        return nothing_in_period(case)
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
    done = first_done(known)
    if done is not None:
        return case.result(Status.MET, f"done on {done.date}", actual=done.value, actual_date=done.date,
                           observation=done)
    if case.passed:
        late = first_done(case.after)
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


def first_done(observations: tuple[Observation, ...]) -> Observation | None:
    """The first observation reporting the deliverable done (a value of 1 or more), or None."""
    return next((o for o in observations if o.value >= DONE), None)


DONE = Decimal(1)
