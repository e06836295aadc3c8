"""Checking the engine's rows as the pure-Python reader checks them, column-wise.

Most rows are plain: known names, a date among the few the files use, a plain decimal in the
indicator's unit. Everything else (unknown names, dates, units, numbers written in other ways) is
decided once per distinct text by the same functions the pure-Python reader calls, so that both
readers accept the same rows and say the same words about the others. The repeated columns are
categorical, so that what is distinct is found without looking at every row's text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from plancheck.errors import ActualsError, InputError
from plancheck.load.actuals.columns import read_use
from plancheck.load.actuals.rows import MAX_ERRORS, Collector
from plancheck.load.actuals.values import NO_NEGATIVE_COUNT, read_value
from plancheck.load.engine.frames import CELLS
from plancheck.load.numbers import parse_date
from plancheck.model import Indicator, Plan

PLAIN = r"^-?[0-9]{1,24}(?:\.[0-9]{1,24})?$"
"""A value the engine keeps as it is written: its text is its exact decimal."""
SEPARATOR = "\x1f"
"""Between a row's plan and indicator in the name the engine looks up (ids never hold it)."""
WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
"""What Python's str.strip() removes, which the pure-Python reader trims cells of."""
ROWS = ("key", "date", "file", "line", "value", "raw", "bound", "source", "note", "context")
"""The columns of checked rows; ``raw`` is null where the cell is the value as written, ``bound`` is a
published bound's comparison (null for a value), ``context`` whether the row is marked as context."""
CHECKING = (*ROWS[:-1], "use")
"""The columns while the values are checked: the use cell is read last, as the pure-Python reader reads it."""

Problems = list[tuple[int, int, int | None, str]]
"""(file, line, column, message) of each row refused."""


@dataclass
class Checked:
    """Rows that passed every check (columns ROWS), and the first problems of the rest, in file and
    line order."""

    rows: pl.DataFrame
    errors: list[InputError]


class Checker:
    """The checks of one run: the plans' indicators, numbered by the key the rows are joined on."""

    def __init__(self, plans: Sequence[Plan], paths: list[str], columns: dict[int, dict[str, int]], *,
                 plans_failed: bool = False) -> None:
        self.indicators: list[Indicator] = [i for p in plans for i in p.indicators]
        self.paths, self.columns = paths, columns
        self.collector = Collector(plans, plans_failed=plans_failed)  # for its messages about unknown names
        self.unreported: dict[int, int] = {}
        """Rows per file whose value is empty: not reported yet, counted, not read."""
        # An indicator's key is its place in this list; a name pair the plans lack becomes null.
        self.names = pl.Enum([f"{i.plan}{SEPARATOR}{i.id}" for i in self.indicators])

    def check(self, frame: pl.DataFrame) -> Checked:
        """Keep the rows that pass, and say what is wrong with the first of the others.

        What is distinct (name pairs with their units, date texts) is decided in small tables, which
        one query joins to the rows; the rows that fail are set apart afterwards."""
        errors: Problems = []
        # Joins keep the rows' reading order: the first of two rows for one date is the one kept.
        frame = frame.lazy().join(self._names(frame).lazy(), on=["plan", "indicator", "unit"], how="left",
                                  maintain_order="left").join(
            self._days(frame).lazy(), on="date", how="left", maintain_order="left").with_columns(
            _plain(), pl.lit(None, dtype=pl.String).alias("raw"), pl.lit(None, dtype=pl.String).alias("bound")
        ).collect()
        apart = False
        if frame.get_column("key").null_count():
            apart = True
            unnamed = frame.filter(pl.col("key").is_null())
            frame = pl.concat([frame.filter(pl.col("key").is_not_null()), self._rename(unnamed, errors)])
        frame = self._dated(frame, errors)
        if not frame.get_column("plain").all():
            apart = True
            frame = self._values(frame, errors)
        frame = self._used(frame.select(CHECKING), errors).select(ROWS)
        if apart:
            frame = frame.sort("file", "line")  # rows decided apart were appended: back to reading order
        return Checked(frame, self._messages(errors))

    def _names(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Each distinct (plan, indicator, unit): the indicator's key (null if the plans lack it),
        whether the unit is empty or the indicator's, and whether the indicator counts things."""
        names = frame.select("plan", "indicator", "unit").unique()
        texts = pl.concat_str([pl.col("plan").cast(pl.String), pl.col("indicator").cast(pl.String)],
                              separator=SEPARATOR)
        names = names.with_columns(texts.cast(self.names, strict=False).to_physical().cast(pl.Int32).alias("key"))
        return self._units(names)

    def _units(self, rows: pl.DataFrame) -> pl.DataFrame:
        """``rows`` (with key and unit) with unit_ok (the unit is empty or the indicator's), counted
        (the indicator counts whole things) and whole (nor can it go below zero)."""
        ok, counted, positive = [], [], []
        for key, unit in rows.select("key", pl.col("unit").cast(pl.String)).iter_rows():
            ind = None if key is None else self.indicators[key]
            observed = None if ind is None else ind.observed_unit
            ok.append(observed is not None and unit in ("", observed.text))
            counted.append(observed is not None and observed.counted)
            positive.append(observed is not None and observed.counted and ind is not None
                            and ind.kind in NO_NEGATIVE_COUNT)
        return rows.with_columns(pl.Series("unit_ok", ok, dtype=pl.Boolean),
                                 pl.Series("counted", counted, dtype=pl.Boolean),
                                 pl.Series("positive", positive, dtype=pl.Boolean))

    def _days(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Each distinct date text: its date, or null (and ``self.problems`` says why)."""
        texts = frame.get_column("date").unique()
        days: list[date | None] = []
        self.problems: dict[str, str] = {}
        for text in texts.cast(pl.String).to_list():
            try:
                days.append(parse_date(text.strip()))
            except ValueError as e:
                days.append(None)
                self.problems[text] = str(e)
        return pl.DataFrame({"date": texts, "day": pl.Series(days, dtype=pl.Date)})

    def _rename(self, rows: pl.DataFrame, errors: Problems) -> pl.DataFrame:
        """Rows whose names are not found as written: found once trimmed, blank (dropped), or unknown."""
        known = {(i.plan, i.id): k for k, i in enumerate(self.indicators)}
        found: list[Any] = []
        for file, line, *cells in rows.select("file", "line", *[pl.col(c).cast(pl.String) for c in CELLS]).iter_rows():
            plan, name = cells[0].strip(), cells[1].strip()
            key = known.get((plan, name))
            blank = not any(c.strip() for c in cells)
            if key is None and not blank:
                e = self.collector.unknown(self.paths[file], line, self.columns[file], plan, name)
                if e is not None:
                    errors.append((file, line, e.column, e.message))
            found.append(None if blank else key)
        columns = rows.columns
        rows = rows.drop("unit_ok", "counted", "positive").with_columns(pl.Series("key", found, dtype=pl.Int32))
        # Found once trimmed: the unit's check is made again, against the indicator found.
        return self._units(rows.filter(pl.col("key").is_not_null())).with_columns(_plain()).select(columns)

    def _dated(self, rows: pl.DataFrame, errors: Problems) -> pl.DataFrame:
        """The rows with a date; the others' problems recorded."""
        if not self.problems:
            return rows.drop("date").rename({"day": "date"})
        undated = rows.filter(pl.col("day").is_null()).select("file", "line", pl.col("date").cast(pl.String))
        for file, line, text in undated.iter_rows():
            errors.append((file, line, self.columns[file]["date"] + 1, self.problems[text]))
        return rows.filter(pl.col("day").is_not_null()).drop("date").rename({"day": "date"})

    def _values(self, rows: pl.DataFrame, errors: Problems) -> pl.DataFrame:
        """The rows whose value is not plain, read once per distinct (value, unit, indicator) by the
        pure-Python reader's function, appended after the plain ones; the others' problems recorded."""
        fast = rows.filter(pl.col("plain"))
        rest = rows.filter(~pl.col("plain")).with_columns(pl.col("unit").cast(pl.String))
        empty = pl.col("value").is_null() | (pl.col("value").str.strip_chars(WHITESPACE) == "")
        for file, n in rest.filter(empty).group_by("file").len().iter_rows():
            self.unreported[file] = self.unreported.get(file, 0) + n
        rest = rest.filter(~empty)
        combos = rest.select("value", "unit", "key").unique()
        read = _read_values(combos.iter_rows(), self.indicators)
        decided = combos.with_columns(pl.Series("exact", [v for v, _, _ in read], dtype=pl.String),
                                      pl.Series("read_bound", [b for _, b, _ in read], dtype=pl.String),
                                      pl.Series("problem", [p for _, _, p in read], dtype=pl.String))
        rest = rest.join(decided, on=["value", "unit", "key"], how="left")
        for file, line, problem in rest.filter(pl.col("problem").is_not_null()).select(
                "file", "line", "problem").iter_rows():
            errors.append((file, line, self.columns[file]["value"] + 1, problem))
        good = rest.filter(pl.col("problem").is_null()).with_columns(
            pl.col("value").str.strip_chars(WHITESPACE).alias("raw"), pl.col("exact").alias("value"),
            pl.col("read_bound").alias("bound"))
        return pl.concat([fast.select(CHECKING), good.select(CHECKING)])

    def _used(self, rows: pl.DataFrame, errors: Problems) -> pl.DataFrame:
        """The rows whose use cell is known, with ``context`` for it, read once per distinct text by
        the pure-Python reader's function; the others' problems recorded."""
        texts = rows.get_column("use").unique()
        marks: list[bool | None] = []
        problems: dict[str, str] = {}
        for text in texts.cast(pl.String).to_list():
            try:
                marks.append(read_use(text))
            except ValueError as e:
                marks.append(None)
                problems[text] = str(e)
        if not problems and len(set(marks)) <= 1:  # the usual file: one use (blank) for every row
            return rows.with_columns(pl.lit(bool(marks and marks[0])).alias("context")).drop("use")
        table = pl.DataFrame({"use": texts, "context": pl.Series(marks, dtype=pl.Boolean)})
        rows = rows.join(table, on="use", how="left", maintain_order="left")
        if problems:
            refused = rows.filter(pl.col("context").is_null()).select("file", "line", pl.col("use").cast(pl.String))
            for file, line, text in refused.iter_rows():
                errors.append((file, line, self.columns[file]["use"] + 1, problems[text]))
            rows = rows.filter(pl.col("context").is_not_null())
        return rows.drop("use")

    def _messages(self, errors: Problems) -> list[InputError]:
        errors.sort(key=lambda e: (e[0], e[1], e[2] or 0))
        return [ActualsError(self.paths[f], line, column, message) for f, line, column, message in errors[:MAX_ERRORS]]


def _plain() -> pl.Expr:
    """Whether a row's value is kept as written: a plain decimal, in the indicator's unit (or none),
    and no fraction of a counted thing, nor a count below zero."""
    return (pl.col("value").str.contains(PLAIN) & pl.col("unit_ok")
            & ~(pl.col("counted") & pl.col("value").str.contains(".", literal=True))
            & ~(pl.col("positive") & pl.col("value").str.starts_with("-"))).alias("plain")


def _read_values(combos: Any, indicators: list[Indicator]) -> list[tuple[str | None, str | None, str | None]]:
    """(exact value text, bound, None) or (None, None, problem) for each (value, unit, key)."""
    out: list[tuple[str | None, str | None, str | None]] = []
    for value, unit, key in combos:
        try:
            exact, bound = read_value(value.strip(), unit.strip(), indicators[key])
            out.append((str(exact), bound, None))
        except ValueError as e:
            out.append((None, None, str(e)))
    return out
