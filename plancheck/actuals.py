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

from plancheck.errors import ActualsError, InputError
from plancheck.model import Kind, Location, Observation, Plan
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
    """Reads rows into observations, resolving names against the plans and caching repeated work."""

    def __init__(self, plans: Iterable[Plan]) -> None:
        self.indicators = {(p.id, i.id): i for p in plans for i in p.indicators}
        self.plan_ids = sorted({p for p, _ in self.indicators})
        self.dates: dict[str, date] = {}
        self.units: dict[str, Unit] = {}
        self.errors: list[InputError] = []
        self.rows: dict[tuple[str, str, date], Observation] = {}

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
        if columns is None:
            return
        try:
            for row in reader:
                if len(self.errors) >= MAX_ERRORS:
                    return
                if not any(cell.strip() for cell in row):
                    continue
                self._row(name, reader.line_num, row, columns)
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

    def _row(self, path: str, line: int, row: list[str], col: dict[str, int]) -> None:
        def cell(name: str) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        if len(row) > len(col):
            self.errors.append(ActualsError(path, line, len(col) + 1,
                                            f"the row has {len(row)} cells but the header {len(col)}; "
                                            "quote cells that contain commas"))
            return
        plan, ind_id = cell("plan"), cell("indicator")
        indicator = self.indicators.get((plan, ind_id))
        if indicator is None:
            self.errors.append(self._unknown(path, line, col, plan, ind_id))
            return
        raw_date = cell("date")
        when = self.dates.get(raw_date)
        if when is None:
            try:
                when = self.dates[raw_date] = parse_date(raw_date)
            except ValueError as e:
                self.errors.append(ActualsError(path, line, col["date"] + 1, str(e)))
                return
        raw = cell("value")
        try:
            value = self._value(raw, cell("unit"), indicator.unit, indicator.kind)
        except ValueError as e:
            self.errors.append(ActualsError(path, line, col["value"] + 1, str(e)))
            return
        obs = Observation(plan=plan, indicator=ind_id, date=when, value=value, raw=raw,
                          source=cell("source"), note=cell("note"), location=Location(path, line))
        key = (plan, ind_id, when)
        first = self.rows.get(key)
        if first is None:
            self.rows[key] = obs
        elif first.value != value:
            self.errors.append(ActualsError(
                path, line, col["value"] + 1,
                f"{plan}/{ind_id} on {when} is {raw} here but {first.raw} at {first.location}; "
                "keep one of the two rows"))

    def _value(self, raw: str, unit_cell: str, unit: Unit, kind: Kind) -> Decimal:
        if kind is Kind.MILESTONE and raw.strip().lower() in DONE:
            return Decimal(DONE[raw.strip().lower()])
        if _PLAIN.match(raw):
            value, suffix = Decimal(raw), ""  # fast path: most cells are plain ASCII numbers
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
        if plan not in self.plan_ids:
            hint = difflib.get_close_matches(plan, self.plan_ids, n=1, cutoff=0.5)
            advice = f'did you mean "{hint[0]}"?' if hint else "known plans: " + ", ".join(self.plan_ids)
            return ActualsError(path, line, col["plan"] + 1, f'unknown plan "{plan}"; {advice}')
        known = [i for p, i in self.indicators if p == plan]
        hint = difflib.get_close_matches(ind, known, n=1, cutoff=0.5)
        advice = f'did you mean "{hint[0]}"?' if hint else f"run 'plancheck targets --plan {plan}' to list them"
        return ActualsError(path, line, col["indicator"] + 1, f'unknown indicator "{ind}" in plan {plan}; {advice}')


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
    for obs in reader.rows.values():
        actuals.series.setdefault((obs.plan, obs.indicator), []).append(obs)
    for series in actuals.series.values():
        series.sort(key=lambda o: o.date)
    return actuals
