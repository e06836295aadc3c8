"""Measures shown beside a verdict, which never change it: the value projected at the deadline at
the pace so far, the compound-growth progress measure, and how old the latest report is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from plancheck.evaluate.case import Case
from plancheck.evaluate.pace import (
    CYCLE_MONTHS,
    compound_rate,
    months_between,
    months_left,
    years_between,
)
from plancheck.model import Baseline, GrowthMeasure, Kind, Observation, Projection, Staleness, Why

BANDS = ((0.95, "substantial"), (0.60, "moderate"), (0.0, "limited"))
"""The compound-growth measure's bands (Statistics Canada, Open SDG): at least 95%, 60-95%, 0-60%;
below 0 the value is moving away."""


def projection(case: Case, value: Decimal, baseline: Baseline | None, expected: Fraction, note: Why | None
               ) -> Projection | None:
    """For an open target with a baseline (zero for a flow) and a value in its period: the value at
    the deadline at the pace so far, and the change per month needed from the as-of date on."""
    t = case.target
    if baseline is None or note is not None or expected == 0 or t.value is None or case.due:
        return None
    base = Fraction(baseline.value)
    projected = base + (Fraction(value) - base) / expected
    left = months_left(case.as_of, t.deadline)
    needed = (Fraction(t.value) - Fraction(value)) / left if left > 0 else None
    return Projection(value=projected, needed_per_month=needed, months_left=left)


def growth_measure(case: Case, value: Decimal, when: date, baseline: Baseline | None) -> GrowthMeasure | None:
    """For a level target of more than a year with a baseline: the observed compound annual growth
    rate since the baseline over the rate required to reach the target by the deadline."""
    t = case.target
    if baseline is None or t.value is None or t.kind not in (Kind.LEVEL, Kind.SHARE):
        return None
    if years_between(t.start, t.deadline) <= 1 or when <= baseline.date:
        return None
    observed = compound_rate(baseline.value, value, years_between(baseline.date, when))
    required = compound_rate(baseline.value, t.value, years_between(baseline.date, t.deadline))
    if observed is None or required is None or required == 0:
        return None
    ratio = observed / required
    band = next((name for floor, name in BANDS if ratio >= floor), "moving_away")
    return GrowthMeasure(observed=observed, required=required, ratio=ratio, band=band)


def staleness(case: Case, obs: Observation | None) -> Staleness | None:
    """How old the observation a verdict rests on is, when older than one reporting cycle, counted
    to the as-of date or the deadline, whichever comes first."""
    if obs is None:
        return None
    t = case.target
    reference, to = ("deadline", t.deadline) if t.deadline < case.as_of else ("as_of", case.as_of)
    months = months_between(obs.date, to)
    if months <= CYCLE_MONTHS.get(t.reporting_cycle, 12):
        return None
    return Staleness(latest=obs.date, months=months, cycle=t.reporting_cycle, reference=reference)
