"""One actuals cell as a value in its indicator's unit: a number with or without a unit, or a
milestone's word; every refusal is a message fit for a user."""

from __future__ import annotations

from decimal import Decimal

from plancheck.load.numbers import parse_number, split_bound
from plancheck.model import Indicator, Kind, Unit, UnitMismatch

DONE = {"done": 1, "yes": 1, "true": 1, "完成": 1, "已完成": 1, "是": 1,
        "not done": 0, "no": 0, "false": 0, "未完成": 0, "否": 0}
"""Words accepted as a milestone's value."""

NO_NEGATIVE_COUNT = frozenset({Kind.LEVEL, Kind.PER_EVENT})
"""Kinds whose values count things at a moment or at an event: never below zero. (A flow may be:
a net change, 净增, can be a fall.)"""


def read_value(raw: str, unit_cell: str, indicator: Indicator) -> tuple[Decimal, str | None]:
    """The exact value ``raw`` states in the unit the indicator's observations are read in (its
    levels' for growth from levels), with the unit column's ``unit_cell``; and for a published bound
    (``>12000``, ``≥30%``) its comparison.

    Raises ValueError: not a number, a unit of another dimension, the value and the unit column
    disagreeing, a fraction of a counted thing, a count below zero, a bound on a milestone."""
    unit = indicator.observed_unit
    if indicator.kind is Kind.MILESTONE and raw.lower() in DONE:
        return Decimal(DONE[raw.lower()]), None
    bound, text = split_bound(raw)
    if bound is not None and indicator.kind is Kind.MILESTONE:
        raise ValueError(f'"{raw}": a milestone is reported done or not done, not as a bound')
    value, suffix = parse_number(text)
    if suffix and unit_cell and Unit.parse(suffix) != Unit.parse(unit_cell):
        raise ValueError(f'the value says "{suffix}" but the unit column says "{unit_cell}"')
    written = suffix or unit_cell
    if written and written != unit.text:
        try:
            value = Unit.parse(written).convert(value, unit)
        except UnitMismatch as e:
            raise ValueError(f'"{raw}": {e} (the indicator is measured in {unit.text})') from e
    if value < 0 and unit.counted and indicator.kind in NO_NEGATIVE_COUNT:
        raise ValueError(f'"{raw}": a count of {unit.base} cannot be negative; a fall belongs in a flow '
                         "(新增/净增) indicator")
    return whole(value, raw, unit), bound


def whole(value: Decimal, raw: str, unit: Unit) -> Decimal:
    """Refuse a fraction of a counted thing: "1.540" 家 is almost surely 1,540 written the European way.
    The count is judged in base units, so 25.03 万户 (250,300 户) is whole."""
    counted = unit.to_base(value)
    if unit.counted and counted != counted.to_integral_value():
        raise ValueError(f'"{raw}" {unit.text} is not a whole number of {unit.base}; if a thousands separator '
                         "is meant, write the number with a comma (1,540) or without separator")
    return value
