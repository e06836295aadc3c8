"""Evaluation: (plans, actuals, as_of, tolerance) -> Results. Pure: no I/O, no clock."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from plancheck.actuals import Actuals
from plancheck.kinds import RULES, Case
from plancheck.model import Indicator, Plan, Result, Series, Status


@dataclass(frozen=True, slots=True)
class Results:
    """Every result of one run, in plan and document order."""

    as_of: date
    items: tuple[Result, ...]

    def __iter__(self) -> Iterator[Result]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def worst(self) -> Status | None:
        """The most severe status, or None when there are no results."""
        return max((r.status for r in self.items), default=None, key=lambda s: s.severity)

    def counts(self) -> dict[Status, int]:
        """Number of results per status, every status present (zero included), in severity order."""
        return count_statuses(self.items)


def count_statuses(results: Iterable[Result]) -> dict[Status, int]:
    """Number of ``results`` per status, every status present (zero included), in severity order."""
    c = Counter(r.status for r in results)
    return {s: c.get(s, 0) for s in Status}


def evaluate(plans: Iterable[Plan], actuals: Actuals, as_of: date, tolerance: Fraction = Fraction(0)) -> Results:
    """Return the verdict on every target of ``plans`` as of ``as_of``, using observations dated <= as_of."""
    items = []
    for plan in plans:
        for indicator in plan.indicators:
            items += evaluate_indicator(indicator, actuals.get(plan.id, indicator.id), as_of, tolerance)
    return Results(as_of=as_of, items=tuple(items))


def evaluate_indicator(indicator: Indicator, series: Series, as_of: date,
                       tolerance: Fraction = Fraction(0)) -> list[Result]:
    """The verdicts on one indicator's targets, in document order, from its ``series``."""
    return [RULES[target.kind](Case.build(target, series, as_of, tolerance)) for target in indicator.targets]
