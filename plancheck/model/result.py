"""The verdict on one target as of a date, with every number it rests on, and a run's verdicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from plancheck.model.acceptance import Acceptance, Lapsed
from plancheck.model.observation import Observation
from plancheck.model.plan import Baseline, Target
from plancheck.model.status import Status


@dataclass(frozen=True, slots=True)
class Why:
    """A reason a rule gives, as a code and its values; the words (zh, en) belong to the renderers."""

    code: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, **values: object) -> Why:
        return cls(code, tuple(values.items()))

    def get(self, name: str) -> object:
        return dict(self.values)[name]


@dataclass(frozen=True, slots=True)
class Projection:
    """Where the target goes at the pace so far: the value projected at the deadline, and the change
    needed per month from the as-of date to reach the target (None when no month is left)."""

    value: Fraction
    needed_per_month: Fraction | None
    months_left: Fraction


@dataclass(frozen=True, slots=True)
class GrowthMeasure:
    """The compound-growth progress measure: the observed compound annual growth rate since the
    baseline over the rate required to reach the target by its deadline, and its band."""

    observed: float
    required: float
    ratio: float
    band: str
    """substantial (>= 95%), moderate (60-95%), limited (0-60%) or moving_away (< 0)."""


@dataclass(frozen=True, slots=True)
class Staleness:
    """The observation a verdict rests on is older than the indicator's reporting cycle."""

    latest: date
    months: int
    cycle: str
    reference: str
    """``as_of`` or ``deadline``: the date the age is counted to (the earlier of the two)."""


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
    why: tuple[Why, ...] = ()
    """Why the status is what it is, including any assumption made, and what is worth knowing (a
    stale observation)."""
    events: tuple[Observation, ...] = ()
    bound: str | None = None
    """When the compared value is a published bound: its comparison (>, >=, <, <=)."""
    projection: Projection | None = None
    growth_measure: GrowthMeasure | None = None
    stale: Staleness | None = None

    @property
    def progress_bound(self) -> str | None:
        """When the value is a published bound, the comparison the true progress stands in to
        ``progress`` (``>`` for more than 12,000 against a rising target: more than 151.4% of the
        way); None for an exact value."""
        if self.bound is None or self.progress is None or self.actual is None or self.baseline is None:
            return None
        moved = self.actual - self.baseline.value
        if not moved or not self.progress:
            return None
        rising = (moved > 0) == (self.progress > 0)  # progress grows with the value: the target is above
        flipped = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
        return self.bound if rising else flipped[self.bound]

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
    """Every result of one run, in plan and document order, and those a report shows when a filter
    (``--status``) narrows them: the counts, the worst status and the exit code cover every one."""

    as_of: date
    items: tuple[Result, ...]
    shown: tuple[Result, ...] | None = None
    accepted: Mapping[tuple[str, str, date], Acceptance] = field(default_factory=dict)
    """The accepted results' acceptances, by target key: the exit code does not count them."""
    lapsed: tuple[Lapsed, ...] = ()
    """Acceptances that no longer apply (the target is met, or gone), to be dropped."""

    def acceptance(self, result: Result) -> Acceptance | None:
        """The acceptance ``result`` stands under, if any."""
        return self.accepted.get(result.target.key)

    @property
    def visible(self) -> tuple[Result, ...]:
        """The results a report lists."""
        return self.items if self.shown is None else self.shown

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
