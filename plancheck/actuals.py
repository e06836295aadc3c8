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
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import compress, filterfalse, islice, pairwise, repeat
from operator import le, lt, ne, or_
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any, Protocol, overload

from plancheck.errors import ActualsError, InputError, plan_advice
from plancheck.gcpause import paused
from plancheck.model import Indicator, Kind, Plan, Series
from plancheck.parsing import parse_date, parse_number
from plancheck.plans import InputErrors
from plancheck.units import Unit, UnitMismatch

if TYPE_CHECKING:
    from plancheck.helper import Handoff

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
    """Observations grouped by (plan, indicator), each group a Series sorted by date."""

    series: dict[tuple[str, str], Series] = field(default_factory=dict)
    elsewhere: frozenset[tuple[str, str]] = frozenset()
    """Indicators whose observations a reading helper kept, to do a share's work on them (see
    ``load_actuals``)."""
    handoff: Handoff | None = None
    """The helper's work on the indicators ``elsewhere``."""

    def get(self, plan: str, indicator: str) -> Series:
        """Return the observations of one indicator, oldest first (empty if none)."""
        found = self.series.get((plan, indicator))
        if found is not None:
            return found
        if (plan, indicator) in self.elsewhere:
            raise LookupError(f"the observations of {plan}/{indicator} are with the reading helper")
        return Series(plan, indicator, [], [], [], [], [], [], [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.series.values())


class Share(Protocol):
    """Work that a reading helper does on the indicators only it read, so that their observations
    need not be sent back, and that the caller does on the others."""

    def work(self, plans: list[Plan], actuals: Actuals, mine: Callable[[tuple[str, str]], bool]) -> Any:
        """Work on the indicators for which ``mine`` is true, from ``actuals``; return something that
        pickles."""


def actuals_files(where: Path) -> list[Path]:
    """Return the CSV files at ``where``: the file itself, or every *.csv in a folder (sorted)."""
    if where.is_dir():
        return sorted(p for p in where.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if where.is_file():
        return [where]
    raise InputErrors([ActualsError(str(where), None, None, "no such file or folder; pass --actuals DIR_OR_FILE")])


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return the text of a CSV file and its encoding: UTF-8 (with or without BOM), else GB18030 as
    Excel writes it."""
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pos = utf8_error.start
            line = data.count(b"\n", 0, pos) + 1
            column = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
            raise ActualsError(path, line, column, f"byte 0x{data[pos]:02x} is neither UTF-8 nor GB18030; "
                                                   "save the file as UTF-8") from utf8_error


class _Same(Sequence[str]):
    """A column holding one text on every row (a file's path; a source or note column the file lacks),
    without a list of pointers to it."""

    __slots__ = ("n", "text")

    def __init__(self, text: str, n: int) -> None:
        self.text, self.n = text, n

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[str]:
        return repeat(self.text, self.n)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> _Same: ...

    def __getitem__(self, i: int | slice) -> str | _Same:
        if isinstance(i, slice):
            return _Same(self.text, len(range(*i.indices(self.n))))
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return self.text

    def __reduce__(self) -> tuple[type[_Same], tuple[str, int]]:
        return _Same, (self.text, self.n)


class _Columns:
    """Rows as they are read, column by column, in reading order: a whole file's (which indicators'
    observations are views into) or one indicator's."""

    __slots__ = ("dates", "lines", "notes", "numbers", "paths", "raws", "sources")

    def __init__(self) -> None:
        self.dates: list[date] = []
        self.numbers: list[Decimal | str] = []
        self.raws: list[str] = []
        self.sources: list[str] = []
        self.notes: list[str] = []
        self.paths: list[str] = []
        self.lines: Sequence[int] = array("l")

    @classmethod
    def of_file(cls, path: str, first_line: int, dates: list[date], numbers: list[str], sources: list[str] | _Same,
                notes: list[str] | _Same) -> _Columns:
        """A file's rows read column-wise: every number still its text, one row per line from
        ``first_line``."""
        # A file's columns are only read from (indexed, sliced), so a _Same serves as a list of texts.
        c = cls()
        c.dates, c.sources, c.notes = dates, sources, notes  # type: ignore[assignment]
        c.numbers = c.raws = numbers  # type: ignore[assignment]  # as read, every number is still its text
        c.paths = _Same(path, len(dates))  # type: ignore[assignment]
        c.lines = range(first_line, first_line + len(dates))
        return c

    def gather(self, pieces: list[tuple[_Columns, Rows]]) -> None:
        """Append the rows at each piece's indices, in order."""
        lines = array("l")
        for cols, idx in pieces:
            for name in ("dates", "numbers", "raws", "sources", "notes", "paths"):
                getattr(self, name).extend(_take(getattr(cols, name), idx))
            lines.extend(_take(cols.lines, idx))
        self.lines = lines

    def permute(self, order: list[int]) -> None:
        """Keep the rows at ``order``, in that order."""
        for name in _Columns.__slots__:
            column = getattr(self, name)
            picked = map(column.__getitem__, order)
            setattr(self, name, array("l", picked) if isinstance(column, array) else list(picked))


Rows = range | list[int]
"""Indices of rows in a _Columns: a run, or rows picked one by one."""


class _Reader:
    """Reads files into per-indicator columns, resolving names against the plans.

    A data repository can hold millions of rows, so a well-formed file is read column-wise in chunks
    (C-level zip, map and sets, no Python work per cell). Any irregularity in a file (a blank or
    padded row, a cell spanning lines, a unit, an unknown name, a bad date or number) sends the whole
    file through the row-by-row reader instead, which names every problem at file:row:column."""

    def __init__(self, plans: Iterable[Plan]) -> None:
        self.indicators: dict[str, dict[str, Indicator]] = {}
        for p in plans:
            self.indicators[p.id] = {i.id: i for i in p.indicators}
        self.dates: dict[str, date] = {}
        self.units: dict[str, Unit] = {}
        self.errors: list[InputError] = []
        self.pieces: dict[tuple[str, str], list[tuple[_Columns, Rows]]] = {}
        self.value_column: dict[str, int] = {}

    def read(self, path: Path) -> None:
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError as e:
            self.errors.append(ActualsError(name, None, None, f"cannot read the file: {e.strerror}"))
            return
        self.read_data(name, data)

    def read_data(self, name: str, data: bytes, first_line: int = 2, text: str | None = None) -> None:
        """Read the bytes of a CSV file, or of a part of one: its header, then its rows from line
        ``first_line`` on (see _cut). ``text``: the bytes already decoded, as UTF-8."""
        encoding = "utf-8-sig"
        if text is None:
            try:
                text, encoding = decode(data, name)
            except ActualsError as e:
                self.errors.append(e)
                return
        # Without quotes or carriage returns a CSV file is lines of comma-separated cells, and splitting
        # the text is much faster than the csv module; any other file goes through csv.reader.
        chunks: _TextChunks | _CsvChunks
        if '"' not in text and "\r" not in text and _MARK not in text:
            chunks = _TextChunks(text)
            header = chunks.header
        else:
            reader = _csv_reader(data, encoding)
            try:
                header = next(reader, None)
            except csv.Error as e:
                self.errors.append(ActualsError(name, 1, None, f"not a readable CSV file: {e}"))
                return
            chunks = _CsvChunks(reader, data)
        if header is None:
            return  # an empty file holds no observations
        columns = self._columns(name, [h.strip().lower() for h in header])
        if columns is None:
            return
        self.value_column[name] = columns["value"] + 1
        chunks.width = len(header)
        try:
            fast = self._fast(name, chunks, columns, first_line, spaced=any(s in text for s in _SPACE))
        except csv.Error:
            fast = None
        if fast is not None:
            rows, found = fast
            for key, runs in found.items():
                pieces = self.pieces.get(key)
                if pieces is None:
                    self.pieces[key] = [(rows, idx) for idx in runs]
                else:
                    pieces.extend((rows, idx) for idx in runs)
            return
        reader = _csv_reader(data, encoding)
        next(reader)
        skipped = first_line - 2  # lines of the file before this part's rows, after its header
        try:
            self._rows(name, reader, columns, skipped)
        except csv.Error as e:
            self.errors.append(ActualsError(name, reader.line_num + skipped, None, f"not a readable CSV row: {e}"))

    def read_again(self, files: Iterable[Path]) -> None:
        """Forget what was read, and read ``files``."""
        self.errors.clear()
        self.pieces.clear()
        self.value_column.clear()
        for path in files:
            self.read(path)

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

    def _fast(self, path: str, chunks: _TextChunks | _CsvChunks, col: dict[str, int], first_line: int,
              spaced: bool) -> tuple[_Columns, dict[tuple[str, str], list[Rows]]] | None:
        """Read a well-formed file column-wise into the file's columns and, for each indicator, the
        indices of its rows; None if anything needs the row-by-row reader. ``spaced``: the file holds
        whitespace somewhere, so cells need stripping."""
        ip, ii, idate, iv = col["plan"], col["indicator"], col["date"], col["value"]
        iu, isrc, inote = col.get("unit"), col.get("source"), col.get("note")
        dates: list[date] = []
        numbers: list[str] = []
        sources_read: list[str] = []
        notes_read: list[str] = []  # (columns the file lacks are made once all rows are read)
        found: dict[tuple[str, str], list[Rows]] = {}
        done = 0  # rows read so far; row k (from 0) is on line k + first_line when no cell spans lines
        for cells in chunks:
            if cells is None:
                return None
            plans, names, when_text, values = (
                list(map(str.strip, cells[i])) if spaced else cells[i] for i in (ip, ii, idate, iv))
            n = len(values)
            units = cells[iu] if iu is not None else None
            sources = cells[isrc] if isrc is not None else None
            notes = cells[inote] if inote is not None else None
            del cells
            if not _plain_numbers(values):
                return None
            for text_date in set(when_text) - self.dates.keys():
                try:
                    self.dates[text_date] = parse_date(text_date)
                except ValueError:
                    return None
            dates += map(self.dates.__getitem__, when_text)
            numbers += values
            # Sources and notes repeat ("统计月报2020年1月" on thousands of rows): one shared string each.
            if sources is not None:
                sources_read += _texts(sources, spaced)
            if notes is not None:
                notes_read += _texts(notes, spaced)
            segments, by_date = _segments(plans, names, units, done, chunks.rows == _CHUNK_BY_DATE)
            if by_date:
                chunks.rows = _CHUNK_BY_DATE  # wider chunks gather more of each indicator's rows at once
            dotted = "." in "".join(values)
            for (plan, name), idx in segments:
                indicator = self.indicators.get(plan, _NONE).get(name)
                if indicator is None:
                    return None
                if units is not None:
                    cells_at = units[idx.start - done] if isinstance(idx, range) else None
                    written = {cells_at} if cells_at is not None else {units[k - done] for k in idx}
                    if {u.strip() for u in written} - {"", indicator.unit.text}:
                        return None
                if dotted and indicator.unit.base in COUNTED and "." in "".join(_take(numbers, idx)):
                    return None  # maybe a fraction of a counted thing: the row reader checks and explains it
                runs = found.get((plan, name))
                if runs is None:
                    found[plan, name] = [idx]
                else:
                    runs.append(idx)
            done += n
        if not chunks.complete(done):
            return None  # a blank line or a cell spanning lines: line numbers would be wrong
        return _Columns.of_file(path, first_line, dates, numbers, sources_read if isrc is not None else _Same("", done),
                                notes_read if inote is not None else _Same("", done)), found

    def _rows(self, path: str, reader: Any, col: dict[str, int], skipped: int = 0) -> None:
        """Read row by row, recording every problem with its place (``skipped``: lines before the
        rows the reader reads, after the header)."""
        ip, ii, idate, iv = col["plan"], col["indicator"], col["date"], col["value"]
        iu, isrc, inote = col.get("unit"), col.get("source"), col.get("note")
        width = len(col)
        errors = self.errors
        found: dict[tuple[str, str], _Columns] = {}
        for row in reader:
            if len(errors) >= MAX_ERRORS:
                return
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue  # a blank line
                if len(row) > width:
                    errors.append(ActualsError(path, reader.line_num + skipped, width + 1,
                                               f"the row has {len(row)} cells but the header {width}; "
                                               "quote cells that contain commas"))
                    continue
                row = row + [""] * (width - len(row))
            line = reader.line_num + skipped
            plan, name = row[ip].strip(), row[ii].strip()
            indicator = self.indicators.get(plan, _NONE).get(name)
            if indicator is None:
                errors.append(self._unknown(path, line, col, plan, name))
                continue
            raw_date = row[idate].strip()
            when = self.dates.get(raw_date)
            if when is None:
                try:
                    when = self.dates[raw_date] = parse_date(raw_date)
                except ValueError as e:
                    errors.append(ActualsError(path, line, idate + 1, str(e)))
                    continue
            raw = row[iv].strip()
            try:
                number = self._value(raw, row[iu].strip() if iu is not None else "", indicator.unit, indicator.kind)
            except ValueError as e:
                errors.append(ActualsError(path, line, iv + 1, str(e)))
                continue
            c = found.get((plan, name))
            if c is None:
                c = found[plan, name] = _Columns()
            c.dates.append(when)
            c.numbers.append(number)
            c.raws.append(raw)
            c.sources.append(intern(row[isrc].strip()) if isrc is not None else "")
            c.notes.append(intern(row[inote].strip()) if inote is not None else "")
            c.paths.append(path)
            c.lines.append(line)  # type: ignore[attr-defined]
        for key, c in found.items():
            self.pieces.setdefault(key, []).append((c, range(len(c.dates))))

    def _value(self, raw: str, unit_cell: str, unit: Unit, kind: Kind) -> Decimal | str:
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
        if plan not in self.indicators:
            advice = plan_advice(plan, self.indicators, cutoff=0.5)
            return ActualsError(path, line, col["plan"] + 1, f'unknown plan "{plan}"; {advice}')
        hint = difflib.get_close_matches(ind, list(self.indicators[plan]), n=1, cutoff=0.5)
        advice = f'did you mean "{hint[0]}"?' if hint else f"run 'plancheck targets --plan {plan}' to list them"
        return ActualsError(path, line, col["indicator"] + 1, f'unknown indicator "{ind}" in plan {plan}; {advice}')

    def series(self, key: tuple[str, str]) -> Series:
        """The indicator's rows sorted by date (reading order among equal dates), duplicates checked:
        identical repeats are dropped, conflicting ones recorded as errors naming both rows."""
        pieces = self.pieces[key]
        c, idx = pieces[0]
        if len(pieces) == 1 and isinstance(idx, range) and idx.step == 1:
            # One run of one file, the usual case: if it is in date order without repeats, the series
            # is a view of the file's columns.
            dates = c.dates[idx.start : idx.stop]
            if all(map(lt, dates, islice(dates, 1, None))):
                return Series(key[0], key[1], c.dates, c.numbers, c.raws, c.sources, c.notes, c.paths, c.lines,
                              idx.start, idx.stop)
        c = _Columns()
        c.gather(pieces)
        n = len(c.dates)
        if not all(map(le, c.dates, islice(c.dates, 1, None))):  # usually written in date order already
            c.permute(sorted(range(n), key=c.dates.__getitem__))
        if len(set(c.dates)) != n:
            keep = [0]
            for j in range(1, n):
                first = keep[-1]
                if c.dates[j] != c.dates[first]:
                    keep.append(j)
                elif c.raws[j] != c.raws[first] and _number(c.numbers[j]) != _number(c.numbers[first]):
                    self.errors.append(ActualsError(
                        c.paths[j], c.lines[j], self.value_column.get(c.paths[j]),
                        f"{key[0]}/{key[1]} on {c.dates[j]} is {c.raws[j]} here but {c.raws[first]} at "
                        f"{c.paths[first]}:{c.lines[first]}; keep one of the two rows"))
            c.permute(keep)
        return Series(key[0], key[1], c.dates, c.numbers, c.raws, c.sources, c.notes, c.paths, c.lines)


_NONE: dict[str, Indicator] = {}
# Rows per chunk: small enough for a chunk's cells to stay in the CPU cache (1,024 rows read a
# million-row set 2.5 times faster than 65,536), large enough to amortise the per-chunk work.
_CHUNK = 1 << 10
# Rows per chunk once a file turns out to be ordered by date: each indicator then has a row or two
# in a small chunk, and the per-indicator work dominates.
_CHUNK_BY_DATE = 1 << 16
_PLAIN_COLUMN = re.compile(r"(?:-?[0-9]+(?:\.[0-9]+)?\n)*")
_MARK = "\x00"  # ends each row once the text is split at commas (a file holding it goes through csv)
_SPACE = (" ", "\t", "\u3000")

Columns = list[Sequence[str]]
"""One chunk of a file's rows as its columns, or None where the chunk is not a clean grid."""


def _csv_reader(data: bytes, encoding: str) -> Any:
    # Streamed from the bytes: a StringIO of the decoded text would hold four bytes per character.
    return csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=""), strict=True)


class _TextChunks:
    """The rows of a CSV text with no quotes and no carriage returns, some thousand at a time, as
    columns. Each chunk is split at commas in one call, with a marker cell ending every row, so a row
    with a missing or an extra cell shows as a marker out of place."""

    def __init__(self, text: str) -> None:
        self.text = text
        first = text.find("\n")
        line = text if first < 0 else text[:first]
        self.header: list[str] | None = line.split(",") if line else ([] if text else None)
        self.start = len(text) if first < 0 else first + 1
        self.width = 0
        self.rows = _CHUNK

    def __iter__(self) -> Iterator[Columns | None]:
        text, w = self.text, self.width
        end = len(text) - 1 if text.endswith("\n") else len(text)
        a = self.start
        line_length = (end - a) / (text.count("\n", a, end) + 1) if end > a else 1
        while a < end:
            b = min(a + max(1, int(self.rows * line_length)), end)
            b = text.find("\n", b, end) if b < end else end
            piece = text[a : end if b < 0 else b]
            r = piece.count("\n") + 1
            cells = piece.replace("\n", "," + _MARK + ",").split(",")
            if len(cells) != r * (w + 1) - 1 or cells[w :: w + 1].count(_MARK) != r - 1:
                yield None
                return
            yield [cells[i :: w + 1] for i in range(w)]
            a = end if b < 0 else b + 1

    def complete(self, done: int) -> bool:
        """Every row is a line: the row count gives each row's line number."""
        return True


class _CsvChunks:
    """The rows of a CSV file as csv.reader reads them, some thousand at a time, as columns."""

    def __init__(self, reader: Any, data: bytes) -> None:
        self.reader = reader
        self.lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        self.width = 0
        self.rows = _CHUNK

    def __iter__(self) -> Iterator[Columns | None]:
        while chunk := list(islice(self.reader, self.rows)):
            if set(map(len, chunk)) != {self.width}:
                yield None
                return
            yield list(zip(*chunk, strict=True))

    def complete(self, done: int) -> bool:
        """No blank line and no cell spanning lines: the row count gives each row's line number."""
        return done + 1 == self.lines


def _take(column: Sequence[Any], idx: Rows) -> Sequence[Any]:
    """The cells of ``column`` at ``idx``: a slice for evenly spaced rows, else one by one."""
    if isinstance(idx, range):
        return column[idx.start : idx.stop : idx.step]
    return list(map(column.__getitem__, idx))


def _segments(plans: Sequence[str], names: Sequence[str], units: Sequence[str] | None, first: int,
              by_date: bool) -> tuple[list[tuple[tuple[str, str], Rows]], bool]:
    """Each indicator's rows in a chunk whose first row is row ``first`` of its file, in reading order,
    and whether the chunk is ordered by date (``by_date``: its file's earlier chunks were).

    A file grouped by indicator has runs of rows with the same plan, indicator and unit. A file
    ordered by date (appended month by month) usually lists the same indicators in the same order
    for every date, so each indicator's rows are evenly spaced; failing that, they are gathered one
    by one."""
    n = len(names)
    period = _period(plans, names, units) if by_date else None
    if period is None and not by_date:
        changed = map(or_, map(ne, plans[1:], plans[:-1]), map(ne, names[1:], names[:-1]))
        if units is not None:
            changed = map(or_, changed, map(ne, units[1:], units[:-1]))
        starts = [0, *compress(range(1, n), changed), n]
        if len(starts) <= n // 8:
            return [((plans[a], names[a]), range(first + a, first + b)) for a, b in pairwise(starts)], False
        period = _period(plans, names, units)
    if period is not None:
        return [((plans[k], names[k]), range(first + k, first + n, period)) for k in range(period)], True
    groups: dict[tuple[str, str], list[int]] = {}
    for k, key in enumerate(zip(plans, names, strict=True)):
        group = groups.get(key)
        if group is None:
            groups[key] = [first + k]
        else:
            group.append(first + k)
    return list(groups.items()), True


def _period(plans: Sequence[str], names: Sequence[str], units: Sequence[str] | None) -> int | None:
    """The number of rows after which the plan, indicator and unit columns repeat, each indicator
    appearing once per period (a file that lists the same indicators in the same order for every
    date), or None."""
    n = len(names)
    start = 1
    while True:
        try:
            p = names.index(names[0], start)
        except ValueError:
            return None
        if plans[p] == plans[0]:
            break
        start = p + 1
    if p * 2 > n or plans[p:] != plans[:-p] or names[p:] != names[:-p]:
        return None
    if units is not None and units[p:] != units[:-p]:
        return None
    return p if len(set(zip(plans[:p], names[:p], strict=True))) == p else None


def _plain_numbers(values: Sequence[str]) -> bool:
    """Whether every cell is a plain decimal (-12, 3.45): the ones the column-wise reader keeps as text."""
    digits = "".join(values)
    if digits.isascii():
        if digits.isdigit() and all(values):
            return True  # whole numbers, the usual case: no pattern to run
        values = list(filterfalse(str.isdigit, values))  # ASCII whole numbers are plain: check the rest
        if not values:
            return True
    return _PLAIN_COLUMN.fullmatch("\n".join(values) + "\n") is not None


def _texts(cells: Sequence[str], spaced: bool) -> Iterator[str]:
    """Source or note cells, trimmed if the file has spaces at all, one shared string per distinct text
    ("统计月报2020年1月" repeats on thousands of rows)."""
    return map(intern, map(str.strip, cells) if spaced else cells)


def _number(n: Decimal | str) -> Decimal:
    return Decimal(n) if isinstance(n, str) else n


def _whole(value: Decimal, raw: str, unit: Unit) -> Decimal:
    """Refuse a fraction of a counted thing: "1.540" 家 is almost surely 1,540 written the European way.
    The count is judged in base units, so 25.03 万户 (250,300 户) is whole."""
    counted = unit.to_base(value)
    if unit.base in COUNTED and counted != counted.to_integral_value():
        raise ValueError(f'"{raw}" {unit.text} is not a whole number of {unit.base}; if a thousands separator '
                         "is meant, write the number with a comma (1,540) or without separator")
    return value


def load_actuals(where: Path, plans: Iterable[Plan], share: Share | None = None) -> Actuals:
    """Read every CSV file at ``where`` against ``plans``; raise InputErrors listing every bad row.

    Large data is read in two processes (see plancheck.helper). With ``share``, the indicators that
    only the reading helper read stay with it, and it does ``share.work`` on them: the Actuals
    returned names them in ``elsewhere``, and its ``handoff.result()`` is the helper's work. The
    caller does the same work on the rest."""
    from plancheck import helper  # (imported here, as it imports this module)

    plans = list(plans)
    reader = _Reader(plans)
    files = actuals_files(where)
    handoff = None
    with paused():
        split = helper.split_point(files, sharing=share is not None)
        if split is None:
            for path in files:
                reader.read(path)
        else:
            handoff = helper.read_in_two(reader, files, split, plans, share)
        actuals = Actuals(series={key: reader.series(key) for key in reader.pieces})
    if reader.errors:
        if handoff is not None:
            handoff.close()
        raise InputErrors(reader.errors[:MAX_ERRORS])
    if handoff is not None:
        actuals.elsewhere, actuals.handoff = handoff.owned, handoff
    return actuals
