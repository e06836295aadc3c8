"""Reading actuals files into one polars frame of text cells, each row with its file and line.

A file the engine cannot read as a clean grid of one row per line (a row with too many cells, a
cell spanning lines, lone carriage returns, an encoding other than UTF-8, a CSV error) is left to
the pure-Python reader, which names each problem at its file:row:column; so are the rare files
whose lines would otherwise be numbered wrongly."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from plancheck.errors import ActualsError, InputError
from plancheck.load.actuals.columns import READ, check_header
from plancheck.load.actuals.csv_file import MAX_LINE, too_long
from plancheck.load.actuals.read import is_workbook

CELLS = READ
"""The text columns of the frame, every file's missing optional columns filled with "". All but the
value are categorical: they repeat (a few plans, dates, units and sources over millions of rows),
and a categorical column holds each text once."""
REPEATED = tuple(c for c in CELLS if c != "value")


@dataclass
class Frames:
    """What reading the files gives, besides each file's rows: the files set aside, their problems
    and notes, and the header of each file read."""

    paths: list[str]
    columns: dict[int, dict[str, int]] = field(default_factory=dict)
    """Each file's header: the 0-based position of every column it names."""
    for_python: list[Path] = field(default_factory=list)
    """Files the pure-Python reader reads (for exact messages and line numbers)."""
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_frames(files: list[Path], out: Frames) -> Iterator[pl.DataFrame]:
    """Each file's rows as a frame (columns file, line and CELLS), one file at a time, or the file
    set aside (recorded in ``out``)."""
    for index, path in enumerate(files):
        if is_workbook(path):
            out.for_python.append(path)  # an Excel workbook: read, sheet by sheet, by the pure-Python reader
            continue
        read = _read_parquet if path.suffix.lower() == ".parquet" else _read_csv
        try:
            part = read(index, path, out)
        except OSError as e:
            out.errors.append(ActualsError(str(path), None, None, f"cannot read the file: {e.strerror}"))
            continue
        if part is not None:
            yield part


def _read_csv(index: int, path: Path, out: Frames) -> pl.DataFrame | None:
    name = str(path)
    survey = _survey(path)
    if survey.size == 0:
        out.notes.append(f"{name}: holds no observations (the file is empty)")
        return None
    if survey.long_line is not None:
        out.errors.append(too_long(name, survey.long_line))
        return None
    if not survey.one_row_per_line or survey.quotes % 2 or (survey.quotes and _stray_quote(path)):
        out.for_python.append(path)
        return None
    try:
        header = next(csv.reader([survey.first_line.decode("utf-8-sig").rstrip("\r")]), [])
    except (UnicodeDecodeError, csv.Error):
        out.for_python.append(path)
        return None
    names = [h.strip().lower() for h in header]
    columns = check_header(name, names)
    if isinstance(columns, ActualsError):
        out.errors.append(columns)
        return None
    try:
        frame = pl.read_csv(path, infer_schema=False, empty_string_is_null=False, has_header=True,
                            new_columns=names, row_index_name="_row", quote_char='"',
                            schema_overrides={c: pl.Categorical for c in names if c in REPEATED})
    except (pl.exceptions.PolarsError, OSError):
        out.for_python.append(path)
        return None
    if survey.quotes and _quoted_newline(frame, names):
        out.for_python.append(path)
        return None
    out.columns[index] = columns
    frame = _cells(frame.with_columns((pl.col("_row") + 2).alias("line")), index, names)
    # A blank line is a row of empty cells (one of blank cells is dropped with the rows' checks).
    frame = frame.filter(pl.any_horizontal([pl.col(c) != "" for c in CELLS]))
    if frame.height == 0:
        out.notes.append(f"{name}: holds no observations (only a header)")
        return None
    return frame


def _read_parquet(index: int, path: Path, out: Frames) -> pl.DataFrame | None:
    """A Parquet file's rows, every cell as the text a CSV file would hold: a date as YYYY-MM-DD, a
    number as its exact decimal (a float as its shortest round-trip text). Rows are numbered from 1."""
    name = str(path)
    try:
        frame = pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError) as e:
        out.errors.append(ActualsError(name, None, None, f"not a readable Parquet file: {str(e).splitlines()[0]}"))
        return None
    names = [str(c).strip().lower() for c in frame.columns]
    columns = check_header(name, names)
    if isinstance(columns, ActualsError):
        out.errors.append(columns)
        return None
    frame.columns = names
    out.columns[index] = columns
    if frame.height == 0:
        out.notes.append(f"{name}: holds no observations (no rows)")
        return None
    texts = []
    for c in names:
        dtype = frame.schema[c]
        if dtype == pl.Date:
            texts.append(pl.col(c).dt.strftime("%Y-%m-%d"))
        elif isinstance(dtype, pl.Datetime):
            texts.append(pl.col(c).dt.date().dt.strftime("%Y-%m-%d"))
        else:
            texts.append(pl.col(c).cast(pl.String))
    frame = frame.with_row_index("line", offset=1).with_columns(texts)
    return _cells(frame, index, names)


def _cells(frame: pl.DataFrame, index: int, names: list[str]) -> pl.DataFrame:
    """The frame's columns file, line and CELLS (the repeated ones categorical), missing ones empty."""
    cells = [(pl.col(c).fill_null("") if c in names else pl.lit("")).alias(c) for c in CELLS]
    return frame.select(pl.lit(index, dtype=pl.Int32).alias("file"), pl.col("line").cast(pl.Int32),
                        *[cell.cast(pl.Categorical) if c in REPEATED else cell.cast(pl.String)
                          for c, cell in zip(CELLS, cells, strict=True)])


STRAY_QUOTE = r'[^,"]"[^,"\r]'
"""A quote inside a cell not written between quotes, or text after a closing quote (``"a"b``):
Python's strict reader refuses it, and polars would read it another way."""


def _stray_quote(path: Path) -> bool:
    """Whether a line of the file holds a stray quote (or the file is not UTF-8)."""
    try:
        lines = pl.read_csv(path, has_header=False, separator="\x00", quote_char=None, infer_schema=False,
                            new_columns=["line"])
    except (pl.exceptions.PolarsError, OSError):
        return True
    return bool(lines.select(pl.col("line").str.contains(STRAY_QUOTE).any()).item())


def _quoted_newline(frame: pl.DataFrame, names: list[str]) -> bool:
    """Whether a cell holds a line break (a quoted cell spanning lines): rows then span lines."""
    for c in names:
        column = frame.get_column(c)
        texts = column.unique().cast(pl.String) if column.dtype == pl.Categorical else column
        if texts.str.contains("\n", literal=True).any():
            return True
    return False


@dataclass
class Survey:
    """What one pass over a file's bytes tells before it is parsed."""

    size: int = 0
    first_line: bytes = b""
    long_line: int | None = None
    """The 1-based number of the first line longer than MAX_LINE characters."""
    quotes: int = 0
    """Quote characters: an odd number means a quoted cell that never ends (polars reads one to the
    end of the file, even cut in the middle of a character)."""
    one_row_per_line: bool = True
    """No lone carriage return (Python's reader ends lines at those too)."""


_CHUNK = 8 << 20


def _survey(path: Path) -> Survey:
    """Read ``path`` once, a chunk at a time (memory stays bounded whatever the file's lines)."""
    out = Survey()
    lines = 0  # line breaks before the current chunk
    tail = b""  # the bytes since the last line break (at most enough to count a line's characters)
    run = 0  # their number, which can be larger
    carriage = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            if out.size == 0:
                out.first_line = chunk.split(b"\n", 1)[0][:MAX_LINE * 4]
            out.size += len(chunk)
            out.quotes += chunk.count(b'"')
            carriage += chunk.count(b"\r") - chunk.count(b"\r\n") - (tail.endswith(b"\r") and chunk[:1] == b"\n")
            at = _long(tail, run, chunk)
            if at is not None:
                out.long_line = lines + chunk.count(b"\n", 0, max(at, 0)) + 1
                return out
            last = chunk.rfind(b"\n")
            lines += chunk.count(b"\n")
            if last < 0:
                run += len(chunk)
                tail = (tail + chunk)[: MAX_LINE * 4 + 1]
            else:
                run = len(chunk) - last - 1
                tail = chunk[last + 1 :][: MAX_LINE * 4 + 1]
    if run and _too_long(tail, run):
        out.long_line = lines + 1
    out.one_row_per_line = carriage == 0
    return out


def _long(tail: bytes, run: int, chunk: bytes) -> int | None:
    """Where in ``chunk`` (after ``run`` bytes of a line begun before it, ``tail`` their start) the
    first line longer than MAX_LINE characters starts (negative: before the chunk), or None.

    Every window of MAX_LINE // 4 bytes holding a line break means no line there is longer than
    that many bytes twice over; only a window without one needs a closer look."""
    first = chunk.find(b"\n")
    if first < 0:
        return -1 if _too_long(tail + chunk, run + len(chunk)) else None
    if _too_long(tail + chunk[:first], run + first):
        return -1
    window = MAX_LINE // 4
    at = first + 1
    while at + window < len(chunk):
        if chunk.find(b"\n", at, at + window) >= 0:
            at += window
            continue
        start = chunk.rfind(b"\n", 0, at) + 1
        end = chunk.find(b"\n", at)
        if end < 0:
            return None  # the line goes on past the chunk: the next chunk's first line
        if _too_long(chunk[start:end], end - start):
            return start
        at = end + 1
    return None


def _too_long(start: bytes, size: int) -> bool:
    """Whether a line of ``size`` bytes, beginning with ``start``, has more than MAX_LINE characters."""
    if size <= MAX_LINE:
        return False
    if size > MAX_LINE * 4:
        return True  # a character takes at most four bytes in UTF-8
    return len(start.decode("utf-8", "replace")) > MAX_LINE
