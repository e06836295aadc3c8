"""Reading one CSV file of observations row by row, streamed: memory stays bounded by the longest
line allowed (``MAX_LINE``), whatever the size of the file."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from plancheck.errors import ActualsError
from plancheck.load.actuals.columns import check_header
from plancheck.load.actuals.rows import Collector

MAX_LINE = 1 << 20
"""Characters a line (and a cell) of an actuals file may hold: 1,048,576. A longer one is refused
before it is held in memory whole."""
_CHUNK = 1 << 20

csv.field_size_limit(MAX_LINE)


class LineTooLong(Exception):
    """A line longer than MAX_LINE characters, at the 1-based line ``line``."""

    def __init__(self, line: int) -> None:
        self.line = line
        super().__init__(line)


def read_csv(path: Path, collector: Collector) -> None:
    """Read every row of the CSV file at ``path`` into ``collector`` (problems recorded there)."""
    name = str(path)
    try:
        encoding = detect_encoding(path)
    except OSError as e:
        collector.errors.append(ActualsError(name, None, None, f"cannot read the file: {e.strerror}"))
        return
    except ActualsError as e:
        collector.errors.append(e)
        return
    try:
        with open(path, encoding=encoding, newline="") as f:
            _read_rows(name, f, collector)
    except LineTooLong as e:
        collector.errors.append(too_long(name, e.line))
    except OSError as e:
        collector.errors.append(ActualsError(name, None, None, f"cannot read the file: {e.strerror}"))


def too_long(path: str, line: int) -> ActualsError:
    """The error for a line longer than MAX_LINE characters."""
    return ActualsError(path, line, None, f"the line is longer than {MAX_LINE:,} characters; an actuals file holds "
                                          "one short row per observation (is this a CSV file?)")


def _read_rows(name: str, f: IO[str], collector: Collector) -> None:
    lines = _bounded(f)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as e:
        collector.errors.append(ActualsError(name, 1, None, f"not a readable CSV file: {e}"))
        return
    if header is None:
        collector.notes.append(f"{name}: holds no observations (the file is empty)")
        return
    columns = check_header(name, [h.strip().lower() for h in header])
    if isinstance(columns, ActualsError):
        collector.errors.append(columns)
        return
    collector.start_file(name, columns["value"] + 1)
    width = len(header)
    names = list(columns)
    rows = 0
    line = reader.line_num
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if len(row) > width:
                collector.errors.append(ActualsError(name, start, width + 1,
                                                     f"the row has {len(row)} cells but the header {width}; "
                                                     "quote cells that contain commas"))
                continue
            rows += 1
            cells = dict(zip(names, (c.strip() for c in row), strict=False))
            collector.add(name, start, {k: cells.get(k, "") for k in names}, columns)
            if collector.full:
                return
    except csv.Error as e:
        collector.errors.append(ActualsError(name, reader.line_num, None, f"not a readable CSV row: {e}"))
    if rows == 0:
        collector.notes.append(f"{name}: holds no observations (only a header)")


def _bounded(f: IO[str]) -> Iterator[str]:
    """The lines of ``f``, refusing (LineTooLong) one longer than MAX_LINE characters before it is
    read whole."""
    number = 0
    while line := f.readline(MAX_LINE + 2):
        number += 1
        if len(line) > MAX_LINE and len(line.rstrip("\r\n")) > MAX_LINE:
            raise LineTooLong(number)
        yield line


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` or ``gb18030`` (as Excel on a Chinese-locale machine saves CSV), whichever decodes
    the whole file; raise ActualsError at the first byte that is neither."""
    bad = _first_bad_byte(path, "utf-8")
    if bad is None:
        return "utf-8-sig"
    if _first_bad_byte(path, "gb18030") is None:
        return "gb18030"
    with open(path, "rb") as f:
        before = f.read(bad + 1)
    line = before.count(b"\n", 0, bad) + 1
    start = before.rfind(b"\n", 0, bad) + 1
    column = len(before[start:bad].decode("utf-8", "replace")) + 1
    raise ActualsError(str(path), line, column, f"byte 0x{before[bad]:02x} is neither UTF-8 nor GB18030; "
                                                "save the file as UTF-8")


def _first_bad_byte(path: Path, encoding: str) -> int | None:
    """The offset of the first byte of ``path`` that does not decode as ``encoding``, or None."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(_CHUNK)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                return offset - pending + e.start
            if not chunk:
                return None
            offset += len(chunk)
