"""Reading actuals files into one polars frame of text cells, each row with its file and line.

A file the engine cannot read as a clean grid of one row per line (a row with too many cells, a
cell spanning lines, lone carriage returns, an encoding other than UTF-8, a CSV error) is left to
the pure-Python reader, which names each problem at its file:row:column; so are the rare files
whose lines would otherwise be numbered wrongly."""

from __future__ import annotations

import csv
import mmap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from plancheck.errors import ActualsError, InputError
from plancheck.load.actuals.columns import KNOWN, check_header
from plancheck.load.actuals.csv_file import MAX_LINE, too_long

CELLS = KNOWN
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
    with open(path, "rb") as f:
        size = f.seek(0, 2)
        if size == 0:
            out.notes.append(f"{name}: holds no observations (the file is empty)")
            return None
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            long_line = _long_line(data)
            if long_line is not None:
                out.errors.append(too_long(name, long_line))
                return None
            if not _one_row_per_line(data):
                out.for_python.append(path)
                return None
            quoted = data.find(b'"') >= 0
            end = data.find(b"\n")
            first = bytes(data[: end if end >= 0 else size])
    try:
        header = next(csv.reader([first.decode("utf-8-sig").rstrip("\r")]), [])
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
    if quoted and _quoted_newline(frame, names):
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


def _quoted_newline(frame: pl.DataFrame, names: list[str]) -> bool:
    """Whether a cell holds a line break (a quoted cell spanning lines): rows then span lines."""
    for c in names:
        column = frame.get_column(c)
        texts = column.unique().cast(pl.String) if column.dtype == pl.Categorical else column
        if texts.str.contains("\n", literal=True).any():
            return True
    return False


def _one_row_per_line(data: Any) -> bool:
    """Whether every line ends in \\n (or \\r\\n): lone carriage returns end lines for Python's reader."""
    if data.find(b"\r") < 0:
        return True
    whole = bytes(data)
    return whole.count(b"\r") == whole.count(b"\r\n")


def _long_line(data: Any) -> int | None:
    """The 1-based number of the first line longer than MAX_LINE characters, or None.

    Every window of MAX_LINE // 4 bytes holding a line break means no line is longer than that
    many bytes twice over; only a window without one needs a closer look."""
    window = MAX_LINE // 4
    size = len(data)
    at = 0
    while at + window < size:
        if data.find(b"\n", at, at + window) >= 0:
            at += window
            continue
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = size if end < 0 else end
        if end - start > MAX_LINE and len(bytes(data[start:end]).decode("utf-8", "replace")) > MAX_LINE:
            return bytes(data[:start]).count(b"\n") + 1
        at = end + 1
    return None
