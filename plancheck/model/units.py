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

COUNTED = frozenset({"家", "个", "件", "人", "项", "次", "场", "名", "所", "座", "户"})
"""Units that count whole things: a fraction of one is refused, and so is a negative level."""


def plain(value: Decimal) -> Decimal:
    """A converted value without the zeros the conversion added: a whole number as a whole number
    (1.2万 -> 12000, never 12000.0), a fraction without trailing zeros (301,000万元 -> 30.1亿元)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


class UnitMismatch(ValueError):
    """Two units measure different things (亿元 and 家) and cannot be converted."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written (``亿美元``), split into a multiplier (10^8) and a base unit (``美元``)."""

    text: str
    base: str
    factor: Decimal

    @staticmethod
    @lru_cache(maxsize=4096)  # plans repeat a few units across thousands of indicators
    def parse(text: str) -> Unit:
        """Return the unit for ``text``; an empty text is a pure number (base ``""``, factor 1)."""
        text = text.strip()
        if text in _UNSPLIT:
            return Unit(text, text, Decimal(1))
        for prefix, factor in MULTIPLIERS:
            if text == prefix:
                return Unit(text, "", factor)  # a bare multiplier: 万 is ten thousand of something
            rest = text[len(prefix) :]
            if text.startswith(prefix) and rest and rest not in _UNSPLIT:
                return Unit(text, rest, factor)
        return Unit(text, text, Decimal(1))

    @property
    def counted(self) -> bool:
        """Whether the unit counts whole things (家, 人, 件...), with or without a multiplier."""
        return self.base in COUNTED

    @property
    def bare_multiplier(self) -> bool:
        """A multiplier with no unit after it (``万``, ``亿``): a number of the other unit's things."""
        return self.base == "" and self.factor != 1

    def to_base(self, value: Decimal) -> Decimal:
        """Return ``value`` expressed in the base unit (6.788 亿美元 -> 678800000 美元)."""
        return plain(value * self.factor) if self.factor != 1 else value

    def convert(self, value: Decimal, to: Unit) -> Decimal:
        """Return ``value`` (in this unit) expressed in ``to``; raise UnitMismatch across dimensions.

        A bare multiplier takes the other unit's base: ``1.2万`` of an indicator counted in 家 is
        12,000 家, and ``3万`` in 万人 is 3. A percentage takes no multiplier."""
        base = to.base if self.bare_multiplier and to.base != "%" else self.base
        if base != to.base:
            raise UnitMismatch(f"cannot convert {self.text or 'a bare number'} to {to.text or 'a bare number'}")
        if self.factor == to.factor:
            return value
        return plain(value * self.factor / to.factor)

    def __str__(self) -> str:
        return self.text
