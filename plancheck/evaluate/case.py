"""A target and what is known of it as of a date: its observations split around its period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from plancheck.model import Observation, Result, Series, Status, Target, Why


@dataclass(frozen=True, slots=True)
class Case:
    """A target and what is known of it as of a date (only observations dated on or before it)."""

    target: Target
    as_of: date
    tolerance: Fraction
    before: tuple[Observation, ...]
    """Dated before the period starts, oldest first."""
    during: tuple[Observation, ...]
    """Dated within [start, deadline]."""
    after: tuple[Observation, ...]
    """Dated after the deadline, up to the as-of date."""
    related: tuple[Observation, ...] = ()
    """Marked as context (they do not measure the target), dated on or before the as-of date."""

    @classmethod
    def build(cls, target: Target, series: Series, as_of: date, tolerance: Fraction,
              related: Series | None = None) -> Case:
        """Split ``series`` around the target's period, keeping only dates on or before ``as_of``;
        ``related`` are the indicator's observations marked as context."""
        known = series.upto(as_of)
        lo = min(known, series.before(target.start))
        hi = min(known, series.upto(target.deadline))
        items = series.items
        shown = () if related is None else related.items[:related.upto(as_of)]
        return cls(target, as_of, tolerance, items[:lo], items[lo:hi], items[hi:known], shown)

    @property
    def upto(self) -> tuple[Observation, ...]:
        """Dated up to the deadline: before and during together."""
        return self.before + self.during

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
        data, the latest one after the deadline, and of those marked as context the latest up to the
        deadline and the latest after it."""
        shown: list[Observation] = []
        if not self.during and self.before:
            shown.append(self.before[-1])
        if self.after:
            shown.append(self.after[-1])
        upto = [o for o in self.related if o.date <= self.target.deadline]
        later = self.related[len(upto):]
        shown += upto[-1:] + list(later[-1:])
        return tuple(shown)

    def result(self, status: Status, *why: Why, **numbers: object) -> Result:
        """Return a Result for this case with ``status``, the reasons for it and the numbers behind it."""
        return Result(target=self.target, status=status, as_of=self.as_of, tolerance=self.tolerance,
                      context=self.context(), why=why, **numbers)  # type: ignore[arg-type]
