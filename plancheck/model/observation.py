"""Reported values: one observation per row of an actuals file, and one indicator's series of them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from plancheck.model.plan import Location


class Observation(NamedTuple):
    """One reported value, in its indicator's unit, and the file and row it was read from.

    A named tuple: a data repository can hold millions of rows, and this is the one object made per
    row the pure-Python reader reads."""

    plan: str
    indicator: str
    date: date
    value: Decimal
    raw: str
    source: str
    note: str
    path: str
    line: int
    bound: str | None = None
    """For a published bound rather than a value (突破1.2万家, 30%以上): ``>``, ``>=``, ``<`` or
    ``<=``, and ``value`` is the bound."""
    context: bool = False
    """Marked ``use: context`` in its file: shown beside the verdicts, never deciding one (a figure
    that does not measure the target, such as a stock beside a target for new firms)."""

    @property
    def location(self) -> Location:
        """The file and row (line) the observation was read from."""
        return Location(self.path, self.line)


class Series:
    """One indicator's observations, oldest first, at most one per date."""

    __slots__ = ("dates", "items")

    def __init__(self, observations: Iterable[Observation] = ()) -> None:
        self.items = tuple(observations)
        self.dates = [o.date for o in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.items)

    def __getitem__(self, i: int) -> Observation:
        return self.items[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Series) and self.items == other.items

    def __repr__(self) -> str:
        return f"Series({list(self.items)!r})"

    def upto(self, d: date) -> int:
        """The number of observations dated on or before ``d``."""
        return bisect.bisect_right(self.dates, d)

    def before(self, d: date) -> int:
        """The number of observations dated before ``d``."""
        return bisect.bisect_left(self.dates, d)

    def on(self, d: date) -> Observation | None:
        """The observation dated ``d``, if there is one."""
        i = bisect.bisect_left(self.dates, d)
        return self.items[i] if i < len(self.items) and self.dates[i] == d else None


class Actuals:
    """Every indicator's series, by (plan, indicator), as read from the actuals files.

    ``rows`` counts the observations read. A reader may keep, for a run, only the observations its
    verdicts read (``complete`` is then False: a history cannot be drawn from it). ``notes`` says
    what a reader noticed that is not an error (a file holding no observations). ``context`` holds
    the observations marked as context, apart from the series the verdicts read."""

    __slots__ = ("complete", "context", "notes", "rows", "series")

    def __init__(self, series: dict[tuple[str, str], Series] | None = None, *, rows: int | None = None,
                 complete: bool = True, notes: tuple[str, ...] = (),
                 context: dict[tuple[str, str], Series] | None = None) -> None:
        self.series = series or {}
        self.context = context or {}
        counted = [*self.series.values(), *self.context.values()]
        self.rows = sum(map(len, counted)) if rows is None else rows
        self.complete = complete
        self.notes = notes

    def __len__(self) -> int:
        return self.rows

    def get(self, plan: str, indicator: str) -> Series:
        """The observations of one indicator, oldest first (empty if none)."""
        return self.series.get((plan, indicator), _EMPTY)

    def context_of(self, plan: str, indicator: str) -> Series:
        """The observations of one indicator marked as context, oldest first (empty if none)."""
        return self.context.get((plan, indicator), _EMPTY)


_EMPTY = Series()
