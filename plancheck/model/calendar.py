"""Calendar arithmetic of the domain: month ends, months between dates, one year earlier. Safe at
the ends of the calendar (9999-12-31 has no next day)."""

from __future__ import annotations

import calendar
from datetime import date


def month_end(d: date) -> date:
    """The last day of ``d``'s month."""
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def is_month_end(d: date) -> bool:
    """Whether ``d`` is the last day of its month."""
    return d.day == calendar.monthrange(d.year, d.month)[1]


def months_spanned(start: date, end: date) -> int:
    """Whole months from the first day of ``start``'s month to the end of ``end``'s month."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def one_year_before(d: date) -> date | None:
    """The same day a year earlier; a month's end the same month's end a year earlier, whatever the
    leap year (2021-02-28 -> 2020-02-29, 2020-02-29 -> 2019-02-28): a monthly level written
    ``2021-02`` is the month's last day. None in the calendar's first year."""
    if d.year == 1:
        return None
    if is_month_end(d):
        return month_end(d.replace(year=d.year - 1, day=1))
    return d.replace(year=d.year - 1)
