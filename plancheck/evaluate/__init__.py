"""Evaluation: (plans, actuals, as_of, tolerance) -> Results. Pure: no I/O, no clock, no printing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds import RULES
from plancheck.model import Actuals, Indicator, Plan, Result, Results, Series


def evaluate(plans: Iterable[Plan], actuals: Actuals, as_of: date, tolerance: Fraction = Fraction(0)) -> Results:
    """Return the verdict on every target of ``plans`` as of ``as_of``, using observations dated <= as_of."""
    items: list[Result] = []
    for plan in plans:
        for indicator in plan.indicators:
            items += evaluate_indicator(indicator, actuals.get(plan.id, indicator.id), as_of, tolerance,
                                        actuals.context_of(plan.id, indicator.id))
    return Results(as_of=as_of, items=tuple(items))


def evaluate_indicator(indicator: Indicator, series: Series, as_of: date, tolerance: Fraction = Fraction(0),
                       related: Series | None = None) -> list[Result]:
    """The verdicts on one indicator's targets, in document order, from its ``series``; ``related``
    (observations marked as context) are shown beside them and decide nothing."""
    return [RULES[target.kind](Case.build(target, series, as_of, tolerance, related))
            for target in indicator.targets]
