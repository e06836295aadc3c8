"""Writing one sheet of a workbook: typed cells (text that can never become a formula, exact
numbers, dates), a bold header that stays in view and filters, status cells in light fills that
stay readable in grey print, and column widths fitted to Chinese text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from wcwidth import wcswidth

from plancheck.model import Status

FILLS = {
    Status.MET: "D9EAD3", Status.ON_TRACK: "DDEBF7", Status.PENDING: "EDEDED",
    Status.NO_DATA: "E4DFEC", Status.LAGGING: "FFF2CC", Status.MISSED: "F8CBAD",
}
"""Light fills: black text stays readable on each, in colour and in grey print, and the status word
is always in the cell, so no meaning rests on the colour."""
HEADER_FILL = "F2F2F2"

# Characters a workbook cannot hold (XML 1.0 forbids them) or that would reorder or hide text: the
# control characters but tab and line breaks, bidi controls, zero-width marks, the byte-order mark.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
MAX_WIDTH = 60
"""Widest column, in characters of Latin text; longer text wraps."""


@dataclass(frozen=True, slots=True)
class Number:
    """A number cell: an exact decimal shown in ``fmt`` (``0.0%`` for a share)."""

    value: Decimal | int
    fmt: str = "General"


def plain(text: str) -> str:
    """``text`` without the characters a cell must not hold."""
    return _UNSAFE.sub("", text).replace("\u2028", "\n").replace("\u2029", "\n")


class Sheet:
    """One worksheet, written row by row; ``finish`` freezes the header, sets the filter and fits
    the widths."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.widths: dict[int, int] = {}
        self.row = 0

    def append(self, values: list[Any], *, bold: bool = False, fill: str | None = None, fit: bool = True) -> int:
        """Write ``values`` in the next row (None leaves a cell empty); return the row's number.
        ``fit``: whether the columns widen to show them (not for a title above a table)."""
        self.row += 1
        for column, value in enumerate(values, 1):
            self.put(self.row, column, value, bold=bold, fill=fill, fit=fit)
        return self.row

    def put(self, row: int, column: int, value: Any, *, bold: bool = False, fill: str | None = None,
            fit: bool = True) -> None:
        """Write one typed cell: text always as text (``=SUM(A1)`` stays those characters), a
        Number as a number, a date as a date."""
        if value is None:
            return
        cell = self.sheet.cell(row, column)
        if isinstance(value, Number):
            cell.value = value.value
            cell.number_format = value.fmt
            shown = len(str(value.value)) + (1 if "%" in value.fmt else 0)
        elif isinstance(value, date):
            cell.value = value
            cell.number_format = "yyyy-mm-dd"
            shown = 10
        else:
            text = plain(str(value))
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the text begins with
            shown = max((display_width(line) for line in text.split("\n")), default=0)
            if "\n" in text or shown > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)
        if fill:
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        if fit:
            self.widths[column] = max(self.widths.get(column, 0), shown)

    def status(self, row: int, column: int, status: Status, text: str) -> None:
        """A status cell: its word and symbol in its light fill, bold for a problem."""
        self.put(row, column, text, bold=status in (Status.LAGGING, Status.MISSED), fill=FILLS[status])

    def finish(self, header_row: int, last_row: int | None = None) -> None:
        """Keep rows up to ``header_row`` in view, filter the table from it to ``last_row`` (default:
        the last written), repeat the header on every printed page, and fit the column widths."""
        last = self.row if last_row is None else last_row
        columns = max(self.widths, default=1)
        self.sheet.freeze_panes = f"A{header_row + 1}"
        self.sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(last, header_row)}"
        self.sheet.print_title_rows = f"{header_row}:{header_row}"
        for column, width in self.widths.items():
            # The filter's drop-down button takes about two characters of the header cell.
            self.sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH) + 3


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width font: East Asian wide characters count as two."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)
