"""Targets on events: a minimum each event must reach, and a deliverable due by a date."""

from __future__ import annotations

from decimal import Decimal

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.judge import not_started, nothing_in_period
from plancheck.evaluate.pace import settles
from plancheck.model import Observation, Result, Status, Why


def per_event(case: Case) -> Result:
    """A minimum for each event (每场专题会邀请至少150家): every event reported in the period must meet
    it; one that does not is a miss that later events cannot undo. An event reported as a bound
    that does not settle the minimum leaves the target pending."""
    if (r := not_started(case)) is not None:
        return r
    t = case.target
    assert t.op is not None and t.value is not None
    events = case.during
    if not events:
        return nothing_in_period(case)
    verdicts = [settles(e.bound, e.value, t.op, t.value) for e in events]
    short = verdicts.count(False)
    worst = min(events, key=lambda e: e.value) if t.op in (">=", ">") else max(events, key=lambda e: e.value)
    numbers = {"actual": worst.value, "actual_date": worst.date, "observation": worst, "events": events,
               "bound": worst.bound}
    if short:
        return case.result(Status.MISSED, Why.of("events_short", short=short, events=len(events)), **numbers)
    if None in verdicts:
        return case.result(Status.PENDING, Why.of("events_undetermined", open=verdicts.count(None),
                                                  events=len(events)), **numbers)
    if case.passed:
        return case.result(Status.MET, Why.of("events_all_meet", events=len(events)), **numbers)
    return case.result(Status.ON_TRACK, Why.of("events_all_meet_so_far", events=len(events)), **numbers)


def milestone(case: Case) -> Result:
    """A deliverable due by a date (2019年5月底前完成《三年行动计划》制定): met when reported done
    (value 1, "done", "完成") on or before the deadline; done later is still a miss, shown as such.
    Reported not done (0, "未完成") it is lagging on the deadline day and missed after it."""
    t = case.target
    known = case.upto
    done = first_done(known)
    if done is not None:
        return case.result(Status.MET, Why.of("done_on", date=done.date), actual=done.value, actual_date=done.date,
                           observation=done)
    if case.passed:
        late = first_done(case.after)
        if late is not None:
            return case.result(Status.MISSED, Why.of("done_late", date=late.date), actual=late.value,
                               actual_date=late.date, observation=late)
        if known:
            last = known[-1]
            return case.result(Status.MISSED, Why.of("reported_not_done", date=last.date), actual=last.value,
                               actual_date=last.date, observation=last)
    if case.due and case.during:
        last = case.during[-1]
        return case.result(Status.LAGGING, Why.of("not_done_on_deadline_day", date=last.date), actual=last.value,
                           actual_date=last.date, observation=last)
    if case.due:
        return case.result(Status.NO_DATA, Why.of("due_nothing_reported", deadline=t.deadline))
    return case.result(Status.PENDING, Why.of("due", deadline=t.deadline))


def first_done(observations: tuple[Observation, ...]) -> Observation | None:
    """The first observation reporting the deliverable done (a value of 1 or more), or None."""
    return next((o for o in observations if o.value >= DONE), None)


DONE = Decimal(1)
