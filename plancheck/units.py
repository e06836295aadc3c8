"""Units of measure: Chinese multipliers (万, 亿) on a base unit (元, 美元, 家, %), exact conversion."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# Longest first, so that 万亿 is not read as 万 + "亿元".
MULTIPLIERS: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10) ** 12),
    ("百万", Decimal(10) ** 6),
    ("千万", Decimal(10) ** 7),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
    ("千", Decimal(10) ** 3),
    ("百", Decimal(10) ** 2),
)

# Units whose leading character is part of the unit's own name, not a multiplier.
_UNSPLIT = frozenset({"百分点", "千克", "千米", "千瓦", "千瓦时", "万元户"})


class UnitMismatch(ValueError):
    """Two units measure different things (亿元 and 家) and cannot be converted."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written (``亿美元``), split into a multiplier (10^8) and a base unit (``美元``)."""

    text: str
    base: str
    factor: Decimal

    def __reduce__(self) -> tuple[object, ...]:
        # The constructor with its three fields: dataclasses' generic __setstate__ is slower.
        return (Unit, (self.text, self.base, self.factor))

    @staticmethod
    @lru_cache(maxsize=4096)  # plans repeat a few units across thousands of indicators
    def parse(text: str) -> Unit:
        """Return the unit for ``text``; an empty text is a pure number (base ``""``, factor 1)."""
        text = text.strip()
        if text in _UNSPLIT:
            return Unit(text, text, Decimal(1))
        for prefix, factor in MULTIPLIERS:
            rest = text[len(prefix) :]
            if text.startswith(prefix) and rest and rest not in _UNSPLIT:
                return Unit(text, rest, factor)
        return Unit(text, text, Decimal(1))

    def to_base(self, value: Decimal) -> Decimal:
        """Return ``value`` expressed in the base unit (6.788 亿美元 -> 678800000 美元)."""
        return value * self.factor

    def convert(self, value: Decimal, to: Unit) -> Decimal:
        """Return ``value`` (in this unit) expressed in ``to``; raise UnitMismatch across dimensions."""
        if self.base != to.base:
            raise UnitMismatch(f"cannot convert {self.text or 'a bare number'} to {to.text or 'a bare number'}")
        if self.factor == to.factor:
            return value
        return value * self.factor / to.factor

    def __str__(self) -> str:
        return self.text
