"""CSV reporters: one row per result (or target), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import re
from typing import IO, Any

from plancheck.model import Plan, Results
from plancheck.render.json import result_dict, target_dict

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# Terminal escapes (ESC, and with it CSI and OSC sequences such as clipboard writes), BEL and the
# other control characters, bidi controls, zero-width marks and the byte-order mark; a cell keeps
# its line breaks (a quoted CSV cell may hold them).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def safe(value: Any) -> Any:
    """``value`` fit for a spreadsheet: without control characters, and with a leading ' when a
    spreadsheet would read its text as a formula."""
    if not isinstance(value, str):
        return value
    value = _UNSAFE.sub("", value).replace("\u2028", "\n").replace("\u2029", "\n")
    return "'" + value if value.startswith(_FORMULA) else value


STATUS_COLUMNS = ("plan", "indicator", "name", "name_en", "kind", "op", "value", "unit", "base_value", "start",
                  "deadline", "soft", "status", "actual", "actual_date", "baseline", "baseline_date", "progress",
                  "expected", "gap_points", "explanation", "source_file", "line")


class CsvReporter:
    """Results as CSV, columns as in STATUS_COLUMNS."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, results: Results) -> None:
        w = csv.writer(self.stream, lineterminator="\n")
        w.writerow(STATUS_COLUMNS)
        for r in results.visible:
            d = result_dict(r)
            actual, baseline = d["actual"] or {}, d["baseline"] or {}
            row = [d["plan"], d["indicator"], d["name"], d["name_en"], d["kind"], d["target"]["op"],
                   d["target"]["value"], d["target"]["unit"], d["target"]["base_value"], d["start"], d["deadline"],
                   d["soft"], d["status"], actual.get("value"), actual.get("date"), baseline.get("value"),
                   baseline.get("date"), d["progress"], d["expected"], d["gap_points"], d["explanation"],
                   d["source_file"], d["location"]["line"]]
            w.writerow([safe(c) for c in row])


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
