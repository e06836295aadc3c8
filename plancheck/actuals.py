"""Loading actuals: CSV files of observations -> Observation objects, checked against the plans.

Policy (decided once, here): a bad row does not stop reading; every bad row of every file is
collected, and if there is any, loading fails as a whole with all of them listed. A run never
evaluates half of an invalid data set.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import ActualsError, InputError
from plancheck.model import Indicator, Kind, Observation, Plan
from plancheck.parsing import parse_date, parse_number
from plancheck.plans import InputErrors
from plancheck.units import Unit, UnitMismatch

REQUIRED = ("plan", "indicator", "date", "value")
OPTIONAL = ("unit", "source", "note")
MAX_ERRORS = 50
_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")

# Units that count whole things: a fractional value in one of them is refused, not rounded.
COUNTED = frozenset({"家", "个", "件", "人", "项", "次", "场", "名", "所", "座", "户"})

# Words accepted as a milestone's value.
DONE = {"done": 1, "yes": 1, "true": 1, "完成": 1, "已完成": 1, "是": 1,
        "not done": 0, "no": 0, "false": 0, "未完成": 0, "否": 0}


@dataclass
class Actuals:
    """Observations grouped by (plan, indicator), each group sorted by date."""

    series: dict[tuple[str, str], list[Observation]] = field(default_factory=dict)

    def get(self, plan: str, indicator: str) -> list[Observation]:
        """Return the observations of one indicator, oldest first (empty if none)."""
        return self.series.get((plan, indicator), [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.series.values())


def actuals_files(where: Path) -> list[Path]:
    """Return the CSV files at ``where``: the file itself, or every *.csv in a folder (sorted)."""
    if where.is_dir():
        return sorted(p for p in where.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if where.is_file():
        return [where]
    raise InputErrors([ActualsError(str(where), None, None, "no such file or folder; pass --actuals DIR_OR_FILE")])


def decode(data: bytes, path: str) -> str:
    """Return the text of a CSV file: UTF-8 (with or without BOM), else GB18030 as Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pos = utf8_error.start
            line = data.count(b"\n", 0, pos) + 1
            column = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
            raise ActualsError(path, line, column, f"byte 0x{data[pos]:02x} is neither UTF-8 nor GB18030; "
                                                   "save the file as UTF-8") from utf8_error


class _Reader:
    """Reads rows into observations, resolving names against the plans and caching repeated work.

    This is the loop a national data repository runs millions of times: it indexes cells directly,
    caches dates and units, and leaves plain numbers as text until a verdict reads them."""

    def __init__(self, plans: Iterable[Plan]) -> None:
        self.indicators: dict[str, dict[str, Indicator]] = {}
        for p in plans:
            self.indicators[p.id] = {i.id: i for i in p.indicators}
        self.dates: dict[str, date] = {}
        self.units: dict[str, Unit] = {}
        self.errors: list[InputError] = []
        # plan -> indicator -> date -> observation: grouping and duplicate detection in one place.
        self.found: dict[str, dict[str, dict[date, Observation]]] = {}

    def read(self, path: Path) -> None:
        name = str(path)
        try:
            text = decode(path.read_bytes(), name)
        except ActualsError as e:
            self.errors.append(e)
            return
        except OSError as e:
            self.errors.append(ActualsError(name, None, None, f"cannot read the file: {e.strerror}"))
            return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader, None)
        except csv.Error as e:
            self.errors.append(ActualsError(name, 1, None, f"not a readable CSV file: {e}"))
            return
        if header is None:
            return  # an empty file holds no observations
        columns = self._columns(name, [h.strip().lower() for h in header])
        if columns is not None:
            try:
                self._rows(name, reader, columns)
            except csv.Error as e:
                self.errors.append(ActualsError(name, reader.line_num, None, f"not a readable CSV row: {e}"))

    def _columns(self, path: str, header: list[str]) -> dict[str, int] | None:
        known = REQUIRED + OPTIONAL
        for i, h in enumerate(header):
            if h not in known:
                hint = difflib.get_close_matches(h, known, n=1)
                advice = f'did you mean "{hint[0]}"?' if hint else "known columns: " + ", ".join(known)
                self.errors.append(ActualsError(path, 1, i + 1, f'unknown column "{h}"; {advice}'))
                return None
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            self.errors.append(ActualsError(path, 1, None, "missing column(s) " + ", ".join(missing) +
                                            "; the header must name plan, indicator, date, value"))
            return None
        return {h: i for i, h in enumerate(header)}

    def _rows(self, path: str, reader: Any, col: dict[str, int]) -> None:
        ip, ii, idate, iv = col["plan"], col["indicator"], col["date"], col["value"]
        iu, isrc, inote = col.get("unit"), col.get("source"), col.get("note")
        width = len(col)
        indicators, dates, found, errors = self.indicators, self.dates, self.found, self.errors
        plain = _PLAIN.match
        for row in reader:
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue  # a blank line
                if len(row) > width:
                    errors.append(ActualsError(path, reader.line_num, width + 1,
                                               f"the row has {len(row)} cells but the header {width}; "
                                               "quote cells that contain commas"))
                    if len(errors) >= MAX_ERRORS:
                        return
                    continue
                row = row + [""] * (width - len(row))
            line = reader.line_num
            plan, ind_id = row[ip].strip(), row[ii].strip()
            indicator = indicators.get(plan, _NONE).get(ind_id)
            if indicator is None:
                errors.append(self._unknown(path, line, col, plan, ind_id))
                if len(errors) >= MAX_ERRORS:
                    return
                continue
            raw_date = row[idate]
            when = dates.get(raw_date)
            if when is None:
                try:
                    when = dates[raw_date] = parse_date(raw_date)
                except ValueError as e:
                    errors.append(ActualsError(path, line, idate + 1, str(e)))
                    if len(errors) >= MAX_ERRORS:
                        return
                    continue
            raw = row[iv].strip()
            unit_cell = row[iu].strip() if iu is not None else ""
            number: Decimal | str
            if not unit_cell and plain(raw) and (indicator.unit.base not in COUNTED or "." not in raw):
                number = raw  # a plain decimal: exact as text, converted when a verdict reads it
            else:
                try:
                    number = self._value(raw, unit_cell, indicator.unit, indicator.kind)
                except ValueError as e:
                    errors.append(ActualsError(path, line, iv + 1, str(e)))
                    if len(errors) >= MAX_ERRORS:
                        return
                    continue
            obs = Observation(plan, ind_id, when, number, raw, row[isrc].strip() if isrc is not None else "",
                              row[inote].strip() if inote is not None else "", path, line)
            series = found.setdefault(plan, {}).setdefault(ind_id, {})
            first = series.get(when)
            if first is None:
                series[when] = obs
            elif first.raw != raw and first.value != obs.value:
                errors.append(ActualsError(
                    path, line, iv + 1,
                    f"{plan}/{ind_id} on {when} is {raw} here but {first.raw} at {first.location}; "
                    "keep one of the two rows"))
                if len(errors) >= MAX_ERRORS:
                    return

    def _value(self, raw: str, unit_cell: str, unit: Unit, kind: Kind) -> Decimal:
        if kind is Kind.MILESTONE and raw.lower() in DONE:
            return Decimal(DONE[raw.lower()])
        if _PLAIN.match(raw):
            value, suffix = Decimal(raw), ""
        else:
            value, suffix = parse_number(raw)
        if suffix and unit_cell and Unit.parse(suffix) != Unit.parse(unit_cell):
            raise ValueError(f'the value says "{suffix}" but the unit column says "{unit_cell}"')
        written = suffix or unit_cell
        if not written or written == unit.text:
            return _whole(value, raw, unit)
        given = self.units.get(written)
        if given is None:
            given = self.units[written] = Unit.parse(written)
        if given.base == "" and given.factor != 1:
            given = Unit(written, unit.base, given.factor)  # "1.2万" on an indicator counted in 家
        try:
            return _whole(given.convert(value, unit), raw, unit)
        except UnitMismatch as e:
            raise ValueError(f'"{raw}": {e} (the indicator is measured in {unit.text})') from e

    def _unknown(self, path: str, line: int, col: dict[str, int], plan: str, ind: str) -> ActualsError:
        plan_ids = sorted(self.indicators)
        if plan not in self.indicators:
            hint = difflib.get_close_matches(plan, plan_ids, n=1, cutoff=0.5)
            advice = f'did you mean "{hint[0]}"?' if hint else "known plans: " + ", ".join(plan_ids)
            return ActualsError(path, line, col["plan"] + 1, f'unknown plan "{plan}"; {advice}')
        hint = difflib.get_close_matches(ind, list(self.indicators[plan]), n=1, cutoff=0.5)
        advice = f'did you mean "{hint[0]}"?' if hint else f"run 'plancheck targets --plan {plan}' to list them"
        return ActualsError(path, line, col["indicator"] + 1, f'unknown indicator "{ind}" in plan {plan}; {advice}')


_NONE: dict[str, Indicator] = {}


def _whole(value: Decimal, raw: str, unit: Unit) -> Decimal:
    """Refuse a fraction of a counted thing: "1.540" 家 is almost surely 1,540 written the European way."""
    if unit.base in COUNTED and value != value.to_integral_value():
        raise ValueError(f'"{raw}" is not a whole number of {unit.base}; if thousands are meant, write '
                         f"{raw.replace('.', '')} or use a comma as the thousands separator")
    return value


def load_actuals(where: Path, plans: Iterable[Plan]) -> Actuals:
    """Read every CSV file at ``where`` against ``plans``; raise InputErrors listing every bad row."""
    reader = _Reader(plans)
    for path in actuals_files(where):
        reader.read(path)
    if reader.errors:
        raise InputErrors(reader.errors)
    actuals = Actuals()
    for plan, by_indicator in reader.found.items():
        for indicator, by_date in by_indicator.items():
            actuals.series[(plan, indicator)] = [by_date[d] for d in sorted(by_date)]
    return actuals
