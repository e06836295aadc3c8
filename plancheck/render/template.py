"""Actuals templates for the people who collect the figures (``plancheck template``): one row per
indicator and reporting date, with plan, indicator, date and unit filled and the value empty, and
the indicator's name and target beside it in the descriptive columns the reader ignores."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from plancheck.model import Indicator, Plan, Target
from plancheck.model.calendar import month_end
from plancheck.render.words import clean, target_text

COLUMNS = ("plan", "indicator", "date", "value", "unit", "source", "note", "name", "name_en", "target")
"""A template's columns: those of an observation, then the descriptive ones (see load.actuals.columns)."""
EVERY = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True, slots=True)
class Row:
    """One row to fill in: an indicator on a reporting date, and the target it counts towards."""

    indicator: Indicator
    day: date
    target: Target

    def cells(self, lang: str) -> list[str]:
        i = self.indicator
        unit = "" if i.kind.value == "milestone" else i.observed_unit.text
        return [i.plan, i.id, self.day.isoformat(), "", unit, "", "", clean(i.name_zh), clean(i.name_en),
                target_text(self.target, lang)]


def reporting_dates(start: date, end: date, every: str) -> list[date]:
    """The period ends from ``start`` to ``end``: month, quarter (March, June, September, December)
    or year ends."""
    step, out = EVERY[every], []
    year, month = start.year, start.month
    while (day := month_end(date(year, month, 1))) <= end:
        if month % step == 0 and day >= start:
            out.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def rows(plan: Plan, start: date | None = None, end: date | None = None, every: str = "month") -> Iterator[Row]:
    """Each reporting date from ``start`` to ``end`` (default: the plan's period), and on it each
    indicator with a target in force (its period holds the date), in the plan's order."""
    days = reporting_dates(start or plan.start, end or plan.end, every)
    for day in days:
        for indicator in plan.indicators:
            due = [t for t in indicator.targets if t.start <= day <= t.deadline]
            if due:
                yield Row(indicator, day, min(due, key=lambda t: t.deadline))


class TemplateCsvReporter:
    """The template as CSV (UTF-8 with a byte-order mark, so that Excel opens the Chinese right)."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream, self.lang = stream, lang

    def report(self, found: list[Row]) -> None:
        self.stream.write("\ufeff")
        writer = csv.writer(self.stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(r.cells(self.lang) for r in found)


class TemplateXlsxReporter:
    """The template as a workbook: one sheet, dates as date cells, the header in view and filtered."""

    binary = True

    def __init__(self, *, stream: IO[bytes], lang: str = "zh", **_: object) -> None:
        self.stream, self.lang = stream, lang

    def report(self, found: list[Row]) -> None:
        from openpyxl import Workbook

        from plancheck.render.xlsx_sheet import Sheet

        book = Workbook()
        first = book.active
        assert first is not None
        first.title = "actuals"
        sheet = Sheet(first)
        sheet.append(list(COLUMNS), bold=True, fill="F2F2F2")
        for r in found:
            cells: list[object] = list(r.cells(self.lang))
            cells[COLUMNS.index("date")] = r.day
            cells[COLUMNS.index("value")] = None  # left empty: not reported yet
            sheet.append(cells)
        sheet.finish(1)
        book.save(self.stream)
