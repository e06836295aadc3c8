"""Arithmetic shared by the target kinds: comparisons, the elapsed share of a period, progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from plancheck.model.calendar import is_month_end, months_spanned


def satisfies(value: Decimal, op: str, target: Decimal) -> bool:
    """Return whether ``value op target`` holds, exactly (a value equal to a >= target meets it)."""
    if op == ">=":
        return value >= target
    if op == ">":
        return value > target
    if op == "<=":
        return value <= target
    if op == "<":
        return value < target
    if op == "=":
        return value == target
    raise ValueError(f"unknown operator {op!r}")


@lru_cache(maxsize=4096)
def elapsed(start: date, deadline: date, at: date) -> Fraction:
    """Return the share of the period [start, deadline] elapsed at the end of day ``at`` (序时进度).

    Counted in whole months, as Chinese monitoring reports do (Jan–May = 5/12), when the period starts
    on the first of a month and both ``at`` and the deadline are month ends; otherwise in days. Both
    ends are inclusive. Clamped to [0, 1].
    """
    if at < start:
        return Fraction(0)
    if at >= deadline:
        return Fraction(1)
    if start.day == 1 and is_month_end(at) and is_month_end(deadline):
        return Fraction(months_spanned(start, at), months_spanned(start, deadline))
    return Fraction((at - start).days + 1, (deadline - start).days + 1)


def progress(value: Decimal, baseline: Decimal, target: Decimal) -> Fraction | None:
    """Return the share of the distance from baseline to target covered; None if they coincide."""
    if target == baseline:
        return None
    n1, d1 = (value - baseline).as_integer_ratio()
    n2, d2 = (target - baseline).as_integer_ratio()
    return Fraction(n1 * d2, d1 * n2)
