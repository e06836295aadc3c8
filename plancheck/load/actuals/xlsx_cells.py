"""One typed Excel cell as the text a CSV file would hold for it, so that a workbook is read by the
CSV rules: a number as its shortest exact decimal, a percentage cell as ``2.59%``, a date as
``2020-12-31``; what has no CSV text (a logical, an error, a time of day, a unit shown only by the
number format) is refused with a message fit for a user."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

_QUOTED = re.compile(r'"([^"]*)"')
_ESCAPED = re.compile(r"\\(.)")
_BRACKETS = re.compile(r"\[([^\]]*)\]")


def cell_text(value: object, number_format: str, data_type: str) -> str:
    """The CSV text of a cell holding ``value`` (as openpyxl reads it, with cached formula values)
    under ``number_format``; "" for an empty cell. Raises ValueError saying what to do instead."""
    if value is None:
        return ""
    if data_type == "e":
        raise ValueError(f"the cell holds the error {value}; correct the formula or the value, or clear the cell")
    if isinstance(value, bool):
        raise ValueError(f"the cell holds the logical value {'TRUE' if value else 'FALSE'}; write a number, or for a "
                         "milestone 完成 or 未完成 (done, not done)")
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ValueError(f"the cell holds a date with a time of day ({value:%Y-%m-%d %H:%M}); observations are "
                             "dated by day: enter the date alone")
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time | dt.timedelta):
        raise ValueError(f"the cell holds a time ({value}), not a date or a number; format it as a date or a number")
    if isinstance(value, int | float):
        return _number_text(value, number_format)
    raise ValueError(f"the cell holds {type(value).__name__}, which plancheck does not read; enter it as text")


def _number_text(value: int | float, number_format: str) -> str:
    """A number cell's exact decimal (a float's shortest round-trip text), scaled by 100 with ``%``
    for a percentage format."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("the cell holds a number that is not finite")
    shown = literal_text(number_format)
    if shown:
        raise ValueError(f'the number format shows "{shown}" beside the number, which is not part of the value; '
                         "put the unit in the unit column, or type the value with its unit as text (160.7亿元)")
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if is_percent(number_format):
        return f"{number.scaleb(2):f}%"
    return f"{number:f}"


def _codes(number_format: str) -> str:
    """The format's codes, without its quoted and escaped literal text and bracketed sections."""
    return _BRACKETS.sub("", _ESCAPED.sub("", _QUOTED.sub("", number_format)))


def is_percent(number_format: str) -> bool:
    """Whether ``number_format`` shows a number as a percentage (``0.00%``), which multiplies it by
    100; a ``%`` written as literal text (``0.0"%"``) does not."""
    return "%" in _codes(number_format)


def literal_text(number_format: str) -> str:
    """Words or a currency that ``number_format`` writes beside a number (``0.0"亿元"``, ``"¥"#,##0``,
    ``[$$-409]#,##0``): a unit the cell's value does not carry. Padding, signs and dashes are not."""
    parts = _QUOTED.findall(number_format) + _ESCAPED.findall(number_format)
    parts += [b[1:].split("-")[0] for b in _BRACKETS.findall(number_format) if b.startswith("$")]
    parts = [p for p in parts if any(unicodedata.category(ch)[0] == "L" or unicodedata.category(ch) == "Sc"
                                     for ch in p)]
    return "".join(parts)
