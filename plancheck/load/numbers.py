"""Reading numbers and dates as people write them in Chinese statistical tables, exactly."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

MAX_DIGITS = 24
"""Digits a figure may have before and after its decimal point: a plan or a bulletin states none
longer, and beyond it arithmetic on ratios would leave exact decimals and floating point behind."""

_NUMBER = re.compile(
    r"""^(?P<sign>[-+]?)
        (?P<int>\d{1,3}(?:,\d{3})+|\d+)?
        (?:\.(?P<frac>\d+))?
        \s*(?P<unit>(?:[^\W\d]|%)[^\d]*)?$""",
    re.VERBOSE,
)

# Minus signs that NFKC leaves alone: U+2212 (copied from PDF and Word) and the small hyphen-minus.
_MINUS = str.maketrans({"\u2212": "-", "\ufe63": "-"})


def normalise(text: str) -> str:
    """``text`` with full-width digits and punctuation folded to ASCII (NFKC), minus signs to ``-``,
    and trimmed."""
    return unicodedata.normalize("NFKC", text).translate(_MINUS).strip()


def magnitude_problem(value: Decimal) -> str | None:
    """Why ``value`` is outside the figures plancheck reads (too many digits), or None."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return "is not a finite number"
    whole = len(digits) + exponent
    if whole > MAX_DIGITS or -exponent > MAX_DIGITS:
        return f"has more than {MAX_DIGITS} digits before or after the decimal point; no plan states such a figure"
    return None


def parse_number(text: str) -> tuple[Decimal, str]:
    """Return the exact value and the unit text written after it: ``"160.7亿元"`` -> (160.7, "亿元").

    Accepts full-width characters, thousands separators in groups of three, a minus sign of any
    common form and a trailing unit. Raises ValueError, with a message fit for a user, for anything
    else."""
    clean = normalise(text)
    if not clean:
        raise ValueError("the value is empty")
    match = _NUMBER.match(clean)
    if match is None or (match["int"] is None and match["frac"] is None):
        raise ValueError(f'"{text}" is not a number')
    digits = (match["int"] or "0").replace(",", "")
    if match["frac"] is not None:
        digits += "." + match["frac"]
    try:
        value = Decimal(match["sign"] + digits)
    except InvalidOperation as e:  # pragma: no cover - the pattern admits only digits
        raise ValueError(f'"{text}" is not a number') from e
    problem = magnitude_problem(value)
    if problem:
        raise ValueError(f'"{text[:40]}" {problem}')
    return value, (match["unit"] or "").strip()


_BOUND = re.compile(r"^(>=|<=|>|<|≥|≤|≧|≦)\s*")
_BOUND_OPS = {">=": ">=", "<=": "<=", ">": ">", "<": "<", "≥": ">=", "≤": "<=", "≧": ">=", "≦": "<="}


def split_bound(text: str) -> tuple[str | None, str]:
    """A published bound's comparison and the rest: ``">12000"`` -> (">", "12000"), ``"≥30%"`` ->
    (">=", "30%"); (None, text) for a value. Full-width signs (＞, ＜) are read as their ASCII forms."""
    clean = normalise(text)
    m = _BOUND.match(clean)
    if m is None:
        return None, text
    return _BOUND_OPS[m[1]], clean[m.end() :]


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_ZH_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_MONTH = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月)$")
_YEAR = re.compile(r"^(\d{4})年?$")


def parse_date(text: str) -> date:
    """Return the date ``text`` names; a month means its last day, a year its 31 December.

    Accepts 2020-12-31, 2020/12/31, 2020.12.31, 2020年12月31日, 2020-12, 2020年12月, 2020, 2020年.
    Raises ValueError for anything else, including day-first or month-first forms such as 12/06/2020,
    which cannot be told apart.
    """
    clean = normalise(text)
    try:
        if m := _ISO.match(clean) or _ZH_DAY.match(clean):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH.match(clean):
            year, month = int(m[1]), int(m[2] or m[3])
            return date(year, month, calendar.monthrange(year, month)[1])
        if m := _YEAR.match(clean):
            return date(int(m[1]), 12, 31)
    except ValueError as e:
        raise ValueError(f'"{text}" is not a valid date ({e})') from e
    raise ValueError(f'"{text}" is not a date; write it as YYYY-MM-DD (or YYYY-MM, YYYY for period ends)')
