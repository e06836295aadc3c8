"""Reading an Excel workbook (.xlsx) of observations: every sheet whose header names the actuals
columns is read like a CSV file, its typed cells turned into the text a CSV file would hold
(``xlsx_cells``); each sheet is its own place in messages, ``file.xlsx:Sheet:row:column``.

The workbook is read with openpyxl whole (not in its read-only mode, which shows neither merged
cells nor hidden rows), with the values Excel saved for its formulas; a second, streamed pass finds
the formulas that have no saved value, which would otherwise read as empty cells."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from plancheck.errors import ActualsError
from plancheck.load.actuals.columns import REQUIRED, check_header
from plancheck.load.actuals.rows import Collector
from plancheck.load.actuals.xlsx_cells import cell_text

UNCACHED = ("the cell holds a formula without a saved value (the file was written by a program that does not "
            "calculate); open the file in Excel or LibreOffice and save it, so that its values are stored")


def read_xlsx(path: Path, collector: Collector) -> None:
    """Read every actuals sheet of the workbook at ``path`` into ``collector``; note every sheet
    that is not read, and why."""
    import openpyxl

    name = str(path)
    try:
        with warnings.catch_warnings():  # openpyxl warns of the styles and extensions it drops; none is data
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except Exception as e:  # a damaged or foreign file fails anywhere inside the library: an input error
        collector.errors.append(ActualsError(name, None, None, _unreadable(e)))
        return
    tables = []
    for sheet in book.worksheets:
        place = f"{name}:{sheet.title}"
        table = _table(place, sheet, collector)
        if table is not None:
            tables.append(table)
    for chart in book.chartsheets:
        collector.notes.append(f"{name}:{chart.title}: not read: a chart sheet holds no cells")
    if not tables:
        return
    try:
        uncached = _uncached(path, tables) if _has_formulas(path) else {}
    except Exception as e:  # as above: the second reading of a damaged file
        collector.errors.append(ActualsError(name, None, None, _unreadable(e)))
        return
    for table in tables:
        table.read(collector, uncached.get(table.sheet.title, set()))


def _unreadable(e: Exception) -> str:
    import zipfile

    if isinstance(e, zipfile.BadZipFile):
        return ("not a readable Excel workbook (.xlsx): it is not a zip archive; is it an .xls file renamed, or "
                "protected by a password? Save it from Excel as .xlsx without a password")
    reason = str(e).splitlines()[0] if str(e) else type(e).__name__
    return f"not a readable Excel workbook (.xlsx): {reason[:200]}"


class Table:
    """One sheet holding an actuals table: its header row, its columns and what it reads into."""

    def __init__(self, place: str, sheet: Any, header_row: int, columns: dict[str, int], width: int) -> None:
        self.place = place
        self.sheet = sheet
        self.header_row = header_row
        self.columns = columns
        self.width = width
        self.fill: dict[tuple[int, int], Any] = {}
        """Cells of a merged range below its first: read as that first cell."""

    def read(self, collector: Collector, uncached: set[tuple[int, int]]) -> None:
        """Read the table's rows into ``collector``, in order; a blank row is skipped."""
        collector.start_file(self.place, self.columns["value"] + 1)
        names = list(self.columns)
        rows = 0
        for cells in self.sheet.iter_rows(min_row=self.header_row + 1):
            if not cells:
                continue
            line = cells[0].row
            texts, problem = self._texts(line, cells, uncached)
            if problem is not None:
                collector.errors.append(ActualsError(self.place, line, problem[0], problem[1]))
                continue
            if not any(texts):
                continue  # a blank row
            rows += 1
            collector.add(self.place, line, dict(zip(names, texts, strict=True)), self.columns)
            if collector.full:
                return
        if rows == 0:
            collector.notes.append(f"{self.place}: holds no observations (only a header)")

    def _texts(self, line: int, cells: tuple[Any, ...],
               uncached: set[tuple[int, int]]) -> tuple[list[str], tuple[int, str] | None]:
        """The row's CSV texts (none for a blank row: one whose own cells are blank, whatever a merged
        cell above spans into it), or the first problem in it (its column and message)."""
        texts: list[str] = []
        own = False
        for column, cell in enumerate(cells[: self.width], 1):
            if (line, column) in uncached:
                return texts, (column, f"cell {cell.coordinate}: {UNCACHED}")
            own = own or not _blank(cell.value)
            source = self.fill.get((line, column), cell)
            try:
                texts.append(cell_text(source.value, source.number_format, source.data_type))
            except ValueError as e:
                return texts, (column, f"cell {cell.coordinate}: {e}")
        for column, cell in enumerate(cells[self.width :], self.width + 1):
            if (line, column) in uncached or not _blank(cell.value):
                return texts, (column, f"cell {cell.coordinate} is outside the table: the header in row "
                                       f"{self.header_row} names {self.width} columns; name its column or clear it")
        return (texts + [""] * (self.width - len(texts)) if own else []), None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(place: str, sheet: Any, collector: Collector) -> Table | None:
    """The sheet's actuals table, or None (with a note or an error saying why it is not read)."""
    header_row, header = 0, []
    for cells in sheet.iter_rows():
        if any(not _blank(c.value) for c in cells):
            header_row = cells[0].row
            header = [("" if _blank(c.value) else str(c.value)).strip().lower() for c in cells]
            break
    if not header_row:
        collector.notes.append(f"{place}: holds no observations (the sheet is empty)")
        return None
    while header and not header[-1]:
        header.pop()
    if not any(h in REQUIRED for h in header):
        collector.notes.append(f"{place}: not read: its first row ({header_row}) names none of the columns "
                               + ", ".join(REQUIRED))
        return None
    gap = next((i for i, h in enumerate(header) if not h), None)
    if gap is not None:
        cell = sheet.cell(header_row, gap + 1).coordinate
        collector.errors.append(ActualsError(place, header_row, gap + 1, f"the header cell {cell} is empty; name "
                                             "the column, or delete it (the table starts in column A)"))
        return None
    columns = check_header(place, header, line=header_row)
    if isinstance(columns, ActualsError):
        collector.errors.append(columns)
        return None
    table = Table(place, sheet, header_row, columns, len(header))
    if not _merged(table, collector):
        return None
    hidden = [r for r, d in sheet.row_dimensions.items() if d.hidden and r > header_row]
    if hidden:
        collector.notes.append(f"{place}: row(s) {_ranges(sorted(hidden))} are hidden; they are read like the others")
    if sheet.sheet_state != "visible":
        collector.notes.append(f"{place}: the sheet is hidden; it is read like the others")
    return table


def _merged(table: Table, collector: Collector) -> bool:
    """Record the merged cells of the table's rows to read as their first cell; False (with an error)
    when a merge would leave a value in one cell for two columns, or spans the header."""
    spans = []
    for merged in sorted(table.sheet.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        if merged.max_row < table.header_row or merged.min_col > table.width:
            continue
        if merged.min_col != merged.max_col or merged.min_row <= table.header_row:
            across = "columns" if merged.min_col != merged.max_col else "the header"
            collector.errors.append(ActualsError(
                table.place, merged.min_row, merged.min_col,
                f"cells {merged.coord} are merged across {across}; an actuals table holds one value per cell: "
                "unmerge them and fill in each cell"))
            return False
        first = table.sheet.cell(merged.min_row, merged.min_col)
        for row in range(merged.min_row + 1, merged.max_row + 1):
            table.fill[row, merged.min_col] = first
        spans.append(merged.coord)
    if spans:
        collector.notes.append(f"{table.place}: cells {', '.join(spans)} are merged; the value of the first cell of "
                               "each is read in every row it spans")
    return True


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path) -> bool:
    """Whether any XML part of the workbook may hold a formula element (``<f>``): without one, the
    second pass over its sheets finds nothing, and a workbook typed in by hand is read in half the
    time. A false alarm (a chart's ``<c:f>``) only costs that pass."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.endswith(".xml"):
                with z.open(info) as f:
                    tail = b""
                    while chunk := f.read(1 << 20):
                        if _FORMULA.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    return False


def _uncached(path: Path, tables: list[Table]) -> dict[str, set[tuple[int, int]]]:
    """Per sheet, the cells of its table holding a formula without a saved value (read as empty)."""
    import openpyxl

    found: dict[str, set[tuple[int, int]]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        for table in tables:
            values = table.sheet
            cells: set[tuple[int, int]] = set()
            for row in book[table.sheet.title].iter_rows(min_row=table.header_row + 1):
                for cell in row:
                    if cell.data_type == "f" and cell.row and cell.column and \
                            values.cell(cell.row, cell.column).value is None:
                        cells.add((cell.row, cell.column))
            found[table.sheet.title] = cells
    finally:
        book.close()
    return found


def _ranges(rows: Iterable[int]) -> str:
    """``3, 5-7, 12`` for rows 3, 5, 6, 7 and 12."""
    spans: list[list[int]] = []
    for r in rows:
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
