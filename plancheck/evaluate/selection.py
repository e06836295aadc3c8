"""Which observations a target's rule reads, as of a date: the rules reach the same verdict from
these alone as from the whole series. The columnar engine makes the same choice column-wise
(``plancheck.load.engine.select``), so that only these become Python objects; a property test
holds the two to each other and to the rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.events import first_done
from plancheck.model import Kind, Observation, Series, Target
from plancheck.model.calendar import one_year_before


def reads(target: Target, series: Series, as_of: date) -> set[date]:
    """The dates of the observations of ``series`` that ``target``'s rule reads as of ``as_of``."""
    from fractions import Fraction

    case = Case.build(target, series, as_of, Fraction(0))
    picked: list[Observation | None] = [_last(case.before), _last(case.during), _last(case.after)]
    whole = target.kind is Kind.PER_EVENT or (target.kind is Kind.FLOW and target.reporting == "increments")
    if whole:
        picked += case.during
    if target.kind is Kind.MILESTONE:
        picked += [first_done(case.upto), first_done(case.after)]
    if target.kind is Kind.GROWTH and target.growth_basis == "levels" and case.during:
        prior = one_year_before(case.during[-1].date)
        picked.append(None if prior is None else series.on(prior))
    return {o.date for o in picked if o is not None}


def reduce(series: Series, targets: Iterable[Target], as_of: Iterable[date]) -> Series:
    """The observations of ``series`` that any of ``targets`` reads at any of the ``as_of`` dates."""
    dates: set[date] = set()
    days = list(as_of)
    for t in targets:
        for day in days:
            dates |= reads(t, series, day)
    return Series(o for o in series if o.date in dates)


def _last(observations: tuple[Observation, ...]) -> Observation | None:
    return observations[-1] if observations else None
