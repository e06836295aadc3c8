"""Loading actuals: every file of observations at a path, read by the pure-Python reader or, for
large inputs, by the columnar engine, into each indicator's series.

The two readers give the same observations and the same messages; which reads is decided here
(``engine``): ``python``, ``polars``, or ``auto`` (the engine when it is installed and the files
add up to ``ENGINE_FROM`` bytes or more)."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from plancheck.errors import ActualsError
from plancheck.load.actuals.read import WORKBOOK_SUFFIXES, read_file
from plancheck.load.actuals.rows import Collector
from plancheck.load.files import IGNORED_PREFIXES, InputErrors, find_files
from plancheck.model import Actuals, Plan

ACTUALS_SUFFIXES = frozenset({".csv", ".parquet"}) | WORKBOOK_SUFFIXES
ENGINES = ("auto", "python", "polars")
ENGINE_FROM = 8 << 20
"""Bytes of actuals from which ``auto`` reads with the engine: below it, starting the engine costs
more than it saves."""


def actuals_files(where: Path) -> list[Path]:
    """The actuals files at ``where``: the file itself, or every *.csv, *.xlsx and *.parquet in the
    folder (sorted)."""
    return find_files(where, ACTUALS_SUFFIXES, ActualsError, "pass --actuals DIR_OR_FILE")


def load_actuals(where: Path, plans: Sequence[Plan], *, engine: str = "auto",
                 as_of: Sequence[date] | None = None, plans_failed: bool = False) -> Actuals:
    """Read every actuals file at ``where`` against ``plans``; raise InputErrors listing every bad row.

    ``as_of``: the dates the run evaluates at, if only verdicts are wanted: the engine may then keep
    just the observations the rules read at those dates. None keeps every observation.
    ``plans_failed``: some plan files could not be read, so rows naming other plans are counted as
    unchecked rather than reported as unknown."""
    files = actuals_files(where)
    if use_engine(files, engine):
        from plancheck.load.engine import read_with_engine

        actuals = read_with_engine(files, plans, as_of, plans_failed=plans_failed)
    else:
        collector = Collector(plans, plans_failed=plans_failed)
        for path in files:
            read_file(path, collector)
            if collector.full:
                break
        actuals = collector.finish()
    actuals.notes = (*not_read(where), *actuals.notes)
    return actuals


OTHER_SPREADSHEETS = frozenset({".xls", ".xlsm", ".xlsb", ".ods", ".et", ".numbers"})
"""Spreadsheets of other kinds, which a user may well drop in the actuals folder: noted, not read."""


def not_read(where: Path) -> list[str]:
    """A note for each spreadsheet in the folder ``where`` that is not read because of its kind."""
    if not where.is_dir():
        return []
    return [f"{p}: not read: only .csv, .xlsx and .parquet files are; save it from its program as .xlsx"
            for p in sorted(where.iterdir())
            if p.suffix.lower() in OTHER_SPREADSHEETS and not p.name.startswith(IGNORED_PREFIXES)]


def use_engine(files: list[Path], engine: str) -> bool:
    """Whether the engine reads ``files``: asked for, or ``auto`` on large inputs (or Parquet files)
    with it installed. Parquet files need it."""
    parquet = [p for p in files if p.suffix.lower() == ".parquet"]
    installed = importlib.util.find_spec("polars") is not None
    if (engine == "polars" or parquet) and not installed:
        first = str(parquet[0] if parquet else files[0] if files else "actuals")
        raise InputErrors([ActualsError(first, None, None, "reading this needs the engine, polars: "
                                                           "pip install 'plancheck[engine]'")])
    if parquet and engine == "python":
        raise InputErrors([ActualsError(str(parquet[0]), None, None, "Parquet files are read by the engine only; "
                                                                     "use --engine auto or polars")])
    if engine == "polars" or parquet:
        return True
    return engine == "auto" and installed and sum(p.stat().st_size for p in files) >= ENGINE_FROM
