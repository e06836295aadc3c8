"""Reading one actuals file with the pure-Python reader of its kind: a CSV file, or an Excel
workbook (whose library is imported only when there is one)."""

from __future__ import annotations

from pathlib import Path

from plancheck.load.actuals.csv_file import read_csv
from plancheck.load.actuals.rows import Collector

WORKBOOK_SUFFIXES = frozenset({".xlsx"})


def is_workbook(path: Path) -> bool:
    """Whether ``path`` names an Excel workbook (by its suffix)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def read_file(path: Path, collector: Collector) -> None:
    """Read every row of the file at ``path`` into ``collector`` (problems recorded there)."""
    if is_workbook(path):
        from plancheck.load.actuals.xlsx_file import read_xlsx

        read_xlsx(path, collector)
    else:
        read_csv(path, collector)
