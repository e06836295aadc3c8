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


def settles(bound: str | None, value: Decimal, op: str, target: Decimal) -> bool | None:
    """Whether the true value satisfies ``op target`` when all that is known is ``value`` (or, with
    ``bound``, that the true value is ``bound value``: > 12000, <= 5): True or False when that is
    certain, None when a bound leaves both possible."""
    if bound is None:
        return satisfies(value, op, target)
    up = bound in (">", ">=")  # the true value lies above the bound, else below it
    open_end = bound in (">", "<")  # the bound itself is excluded
    # The true values form a half-line from ``value``; the target's, a half-line or one point.
    if op == "=":
        beyond = target < value if up else target > value
        return False if beyond or (target == value and open_end) else None
    target_up = op in (">=", ">")
    target_open = op in (">", "<")
    if up == target_up:  # both half-lines point the same way: certain only when one holds the other
        inside = value > target if up else value < target
        at = value == target and (open_end or not target_open)
        return True if inside or at else None
    apart = value > target if up else value < target  # pointing away from each other, without meeting
    touch = value == target and (open_end or target_open)
    return False if apart or touch else None


def months_left(as_of: date, deadline: date) -> Fraction:
    """Months from the as-of date to the deadline: whole months between month ends, else days over
    the mean Gregorian month (146097 / 4800 days)."""
    if is_month_end(as_of) and is_month_end(deadline):
        return Fraction(months_spanned(as_of, deadline) - 1)
    return Fraction((deadline - as_of).days * 4800, 146097)


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (month ends count as alike: 06-30 to 12-31 is 6)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day and not is_month_end(later):
        months -= 1
    return max(months, 0)


CYCLE_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def compound_rate(start: Decimal, end: Decimal, years: float) -> float | None:
    """The compound annual growth rate from ``start`` to ``end`` over ``years``; None when it is not
    defined (a value not above zero, no time)."""
    if start <= 0 or end <= 0 or years <= 0:
        return None
    return float(end / start) ** (1 / years) - 1


def years_between(earlier: date, later: date) -> float:
    """Years between two dates, in mean Gregorian years (365.2425 days)."""
    return (later - earlier).days / 365.2425
