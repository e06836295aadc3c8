"""The verdict on one target as of a date, with every number it rests on, and a run's verdicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from plancheck.model.observation import Observation
from plancheck.model.plan import Baseline, Target
from plancheck.model.status import Status


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """The verdict on one target as of a date, with every number it rests on."""

    target: Target
    status: Status
    as_of: date
    actual: Decimal | None = None
    """The value the verdict compares (a level, an accumulated amount, a growth rate...)."""
    actual_date: date | None = None
    observation: Observation | None = None
    """The observation the verdict rests on (for increments or growth: the latest one used)."""
    baseline: Baseline | None = None
    progress: Fraction | None = None
    """Share of the task done: (actual - baseline) / (target - baseline)."""
    expected: Fraction | None = None
    """Share of the period elapsed at the observation's date (序时进度)."""
    tolerance: Fraction = Fraction(0)
    context: tuple[Observation, ...] = ()
    """Observations shown but not deciding: stale ones before the period, late ones after the deadline."""
    explanation: str = ""
    """Why the status is what it is, including any assumption made."""
    events: tuple[Observation, ...] = ()

    @property
    def gap_points(self) -> Fraction | None:
        """Progress minus expected pace, in percentage points (positive: ahead of pace)."""
        if self.progress is None or self.expected is None:
            return None
        return (self.progress - self.expected) * 100


def count_statuses(results: Iterable[Result]) -> dict[Status, int]:
    """Number of ``results`` per status, every status present (zero included), in severity order."""
    c = Counter(r.status for r in results)
    return {s: c.get(s, 0) for s in Status}


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
