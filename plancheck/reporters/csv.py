"""CSV reporters: one row per result (or target), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from plancheck.evaluate import Results
from plancheck.model import Plan, Result, Status
from plancheck.reporters import batches
from plancheck.reporters.json import result_dict, target_dict

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> Any:
    """Return ``value`` with a leading ' when a spreadsheet would read its text as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


STATUS_COLUMNS = ("plan", "indicator", "name", "name_en", "kind", "op", "value", "unit", "base_value", "start",
                  "deadline", "soft", "status", "actual", "actual_date", "baseline", "baseline_date", "progress",
                  "expected", "gap_points", "explanation", "source_file", "line")


class _Line:
    """A stream that keeps the last text written to it: a csv.writer writes each row in one call."""

    text = ""

    def write(self, text: str) -> None:
        self.text = text


_LINE = _Line()
_ROW = csv.writer(_LINE, lineterminator="\n")


class CsvReporter:
    """Results as CSV, columns as in STATUS_COLUMNS."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, results: Results) -> None:
        self.write(results.as_of, results.counts(), map(self.render, results))

    @staticmethod
    def render(result: Result) -> str:
        """One result's row, made apart from the others."""
        d = result_dict(result)
        row = [d["plan"], d["indicator"], d["name"], d["name_en"], d["kind"], d["target"]["op"],
               d["target"]["value"], d["target"]["unit"], d["target"]["base_value"], d["start"], d["deadline"],
               d["soft"], d["status"], d["actual"] and d["actual"]["value"], d["actual"] and d["actual"]["date"],
               d["baseline"] and d["baseline"]["value"], d["baseline"] and d["baseline"]["date"],
               d["progress"], d["expected"], d["gap_points"], d["explanation"], d["source_file"],
               d["location"]["line"]]
        _ROW.writerow([safe(c) for c in row])
        return _LINE.text

    def write(self, as_of: date, counts: dict[Status, int], rendered: Iterable[str]) -> None:
        """Write a run from each result's ``render`` row, in order (a CSV file has no summary)."""
        w = self.stream.write
        w(",".join(STATUS_COLUMNS) + "\n")
        for batch in batches(rendered):
            w("".join(batch))


TARGET_COLUMNS = ("plan", "indicator", "name", "name_en", "kind", "op", "value", "unit", "base_value", "start",
                  "deadline", "soft", "source_file", "section", "quote")


class TargetsCsvReporter:
    """Targets as CSV, columns as in TARGET_COLUMNS."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, plans: list[Plan]) -> None:
        w = csv.writer(self.stream, lineterminator="\n")
        w.writerow(TARGET_COLUMNS)
        for p in plans:
            for t in p.targets:
                d = target_dict(t)
                w.writerow([safe(d[c]) for c in TARGET_COLUMNS])
