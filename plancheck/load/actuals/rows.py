"""Checking rows of observations against the plans and gathering them into each indicator's series.

Policy (decided once, here): a bad row does not stop reading. Every bad row of every file is
collected, and if there is any, loading fails as a whole with the first ``MAX_ERRORS`` of them in
file and row order. A run never evaluates half of an invalid data set."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date

from plancheck.errors import ActualsError, InputError, plan_advice
from plancheck.load.actuals.columns import read_use
from plancheck.load.actuals.values import read_value
from plancheck.load.numbers import parse_date
from plancheck.model import Actuals, Indicator, Observation, Plan, Series

MAX_ERRORS = 50


def unreported_notes(rows: dict[str, int]) -> list[str]:
    """What is said of each file's rows with an empty value: not reported yet, not an error."""
    return [f"{path}: {n} row{'s' if n > 1 else ''} not reported yet (the value is empty); "
            f"{'they count' if n > 1 else 'it counts'} once filled in" for path, n in rows.items() if n]


def unchecked_note(rows: int) -> list[str]:
    """What is said of the rows left unchecked because their plan's file could not be read."""
    if not rows:
        return []
    return [f"{rows} actuals row{'s' if rows > 1 else ''} of plans that could not be read "
            f"{'were' if rows > 1 else 'was'} not checked; they are once the plans are valid"]


class Collector:
    """Rows checked against the plans' indicators, gathered per (plan, indicator) in reading order."""

    def __init__(self, plans: Iterable[Plan], *, plans_failed: bool = False) -> None:
        self.indicators: dict[str, dict[str, Indicator]] = {p.id: {i.id: i for i in p.indicators} for p in plans}
        self.unreported: dict[str, int] = {}
        """Rows per file whose value is empty: not reported yet (a template's row), counted, not read."""
        self.plans_failed = plans_failed
        """Some plan files could not be read: a row naming a plan not loaded is counted, not an error."""
        self.unchecked = 0
        self.rows: dict[tuple[str, str], list[Observation]] = {}
        self.errors: list[InputError] = []
        self.dates: dict[str, date] = {}
        self.files: list[str] = []
        self.notes: list[str] = []
        self.value_column: dict[str, int] = {}

    @property
    def full(self) -> bool:
        """Whether enough errors are known that reading on would add none that is reported."""
        return len(self.errors) >= MAX_ERRORS

    def start_file(self, path: str, value_column: int) -> None:
        """Rows of ``path`` follow; its value is in column ``value_column`` (1-based)."""
        self.files.append(path)
        self.value_column[path] = value_column

    def add(self, path: str, line: int, cells: dict[str, str], columns: dict[str, int]) -> None:
        """Check one row (its cells by column name, trimmed) read at ``line`` of ``path``, and keep
        its observation or record its first problem."""
        plan, name = cells["plan"], cells["indicator"]
        indicator = self.indicators.get(plan, {}).get(name)
        if indicator is None:
            e = self.unknown(path, line, columns, plan, name)
            if e is not None:
                self.errors.append(e)
            return
        raw_date = cells["date"]
        when = self.dates.get(raw_date)
        if when is None:
            try:
                when = self.dates[raw_date] = parse_date(raw_date)
            except ValueError as e:
                self.errors.append(ActualsError(path, line, columns["date"] + 1, str(e)))
                return
        raw = cells["value"]
        if not raw:
            self.unreported[path] = self.unreported.get(path, 0) + 1
            return
        try:
            value, bound = read_value(raw, cells.get("unit", ""), indicator)
        except ValueError as e:
            self.errors.append(ActualsError(path, line, columns["value"] + 1, str(e)))
            return
        try:
            context = read_use(cells.get("use", ""))
        except ValueError as e:
            self.errors.append(ActualsError(path, line, columns["use"] + 1, str(e)))
            return
        self.rows.setdefault((plan, name), []).append(Observation(
            plan, name, when, value, raw, cells.get("source", ""), cells.get("note", ""), path, line, bound, context))

    def unknown(self, path: str, line: int, columns: dict[str, int], plan: str, ind: str) -> ActualsError | None:
        """The error for a row naming a plan or an indicator that the plans do not have; None (the
        row counted as unchecked) for a plan not loaded when some plan files failed."""
        if plan not in self.indicators and self.plans_failed:
            self.unchecked += 1
            return None
        if plan not in self.indicators:
            advice = plan_advice(plan, self.indicators, cutoff=0.5)
            return ActualsError(path, line, columns["plan"] + 1, f'unknown plan "{plan}"; {advice}')
        hint = difflib.get_close_matches(ind, list(self.indicators[plan]), n=1, cutoff=0.5)
        advice = f'did you mean "{hint[0]}"?' if hint else f"run 'plancheck targets --plan {plan}' to list them"
        return ActualsError(path, line, columns["indicator"] + 1, f'unknown indicator "{ind}" in plan {plan}; {advice}')

    def finish(self) -> Actuals:
        """Every indicator's series; raise InputErrors if any row (or any file) was bad."""
        from plancheck.load.files import InputErrors

        series = {key: self._series(key, [o for o in rows if not o.context]) for key, rows in self.rows.items()}
        context = {key: self._series(key, shown) for key, rows in self.rows.items()
                   if (shown := [o for o in rows if o.context])}
        if self.errors:
            order = {path: i for i, path in enumerate(self.files)}
            ranked = sorted(self.errors, key=lambda e: (order.get(e.path, -1), e.line or 0, e.column or 0))
            raise InputErrors(ranked[:MAX_ERRORS], truncated=len(ranked) >= MAX_ERRORS,
                              notes=[*self.notes, *unreported_notes(self.unreported), *unchecked_note(self.unchecked)])
        notes = (*self.notes, *unreported_notes(self.unreported), *unchecked_note(self.unchecked))
        return Actuals({k: v for k, v in series.items() if len(v)}, notes=notes, context=context)

    def _series(self, key: tuple[str, str], rows: list[Observation]) -> Series:
        """The rows sorted by date (reading order among equal dates); a repeat with the same value is
        dropped, one with another value recorded as an error naming both rows."""
        rows.sort(key=lambda o: o.date)
        kept: list[Observation] = []
        for o in rows:
            if kept and kept[-1].date == o.date:
                first = kept[-1]
                if o.raw != first.raw and not same_value(o, first):
                    self.errors.append(ActualsError(
                        o.path, o.line, self.value_column.get(o.path),
                        f"{key[0]}/{key[1]} on {o.date} is {o.raw} here but {first.raw} at "
                        f"{first.path}:{first.line}; keep one of the two rows"))
                continue
            kept.append(o)
        return Series(kept)


def same_value(a: Observation, b: Observation) -> bool:
    """Whether two readings state the same value (1540 and 1,540 do; 12000 and >12000 do not)."""
    return a.value == b.value and a.bound == b.bound
