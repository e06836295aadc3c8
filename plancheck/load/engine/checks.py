"""Checking the engine's rows as the pure-Python reader checks them, column-wise.

Most rows are plain: known names, a date among the few the files use, a plain decimal in the
indicator's unit. Everything else (unknown names, dates, units, numbers written in other ways) is
decided once per distinct text by the same functions the pure-Python reader calls, so that both
readers accept the same rows and say the same words about the others."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from plancheck.errors import ActualsError, InputError
from plancheck.load.actuals.rows import MAX_ERRORS, Collector
from plancheck.load.actuals.values import read_value
from plancheck.load.engine.frames import CELLS
from plancheck.load.numbers import parse_date
from plancheck.model import Indicator, Plan

PLAIN = r"^-?[0-9]{1,24}(?:\.[0-9]{1,24})?$"
SEPARATOR = "\x1f"
WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
"""What Python's str.strip() removes, which the pure-Python reader trims cells of."""
"""Between a row's plan and indicator in the name the engine looks up (ids never hold it)."""
"""A value the engine keeps as it is written: its text is its exact decimal."""


@dataclass
class Checked:
    """Rows that passed every check (columns key, date, file, line, value, raw, source, note), and
    the first problems of the rest, in file and line order."""

    rows: pl.DataFrame
    errors: list[InputError]


class Checker:
    """The checks of one run: the plans' indicators, numbered by the key the rows are joined on."""

    def __init__(self, plans: Sequence[Plan], paths: list[str], columns: dict[int, dict[str, int]]) -> None:
        self.indicators: list[Indicator] = [i for p in plans for i in p.indicators]
        self.paths, self.columns = paths, columns
        self.collector = Collector(plans)  # for its messages about unknown names
        # An indicator's key is its place in this list; a name pair the plans lack becomes null.
        self.names = pl.Enum([f"{i.plan}{SEPARATOR}{i.id}" for i in self.indicators])
        self.table = pl.DataFrame({
            "key": pl.Series(range(len(self.indicators)), dtype=pl.Int32),
            "unit_text": [i.unit.text for i in self.indicators],
            "counted": [i.unit.counted for i in self.indicators],
        })

    def check(self, frame: pl.DataFrame) -> Checked:
        """Keep the rows that pass, and say what is wrong with the first of the others."""
        errors: list[tuple[int, int, int | None, str]] = []
        names = pl.concat_str(["plan", "indicator"], separator=SEPARATOR).cast(self.names, strict=False)
        frame = frame.with_columns(names.to_physical().cast(pl.Int32).alias("key"))
        named, unnamed = frame.filter(pl.col("key").is_not_null()), frame.filter(pl.col("key").is_null())
        named = named.join(self.table, on="key", how="left")
        if unnamed.height:
            named = pl.concat([named, self._rename(unnamed, errors)])
        dated = self._dates(named, errors)
        valued = self._values(dated, errors)
        if unnamed.height or not valued.get_column("plain").all():
            valued = valued.sort("file", "line")  # rows decided apart were appended: back to reading order
        return Checked(valued.select("key", "date", "file", "line", "value", "raw", "source", "note"),
                       self._messages(errors))

    def _rename(self, rows: pl.DataFrame, errors: list[tuple[int, int, int | None, str]]) -> pl.DataFrame:
        """Rows whose names are not found as written: found once trimmed, blank (dropped), or unknown."""
        known = {(i.plan, i.id): k for k, i in enumerate(self.indicators)}
        found: list[Any] = []
        blank = [not any(c.strip() for c in cells) for cells in rows.select(CELLS).iter_rows()]
        for (file, line, plan, name), is_blank in zip(rows.select("file", "line", "plan", "indicator").iter_rows(),
                                                      blank, strict=True):
            key = known.get((plan.strip(), name.strip()))
            if key is None and not is_blank:
                e = self.collector.unknown(self.paths[file], line, self.columns[file], plan.strip(), name.strip())
                errors.append((file, line, e.column, e.message))
            found.append(None if is_blank else key)
        again = rows.with_columns(pl.Series("key", found, dtype=pl.Int32)).filter(pl.col("key").is_not_null())
        return again.join(self.table, on="key", how="left")

    def _dates(self, rows: pl.DataFrame, errors: list[tuple[int, int, int | None, str]]) -> pl.DataFrame:
        """Each row's date, parsed once per distinct text."""
        texts = rows.get_column("date").unique().to_list()
        days: list[date | None] = []
        problems: dict[str, str] = {}
        for text in texts:
            try:
                days.append(parse_date(text.strip()))
            except ValueError as e:
                days.append(None)
                problems[text] = str(e)
        table = pl.DataFrame({"date": pl.Series(texts, dtype=pl.String), "day": pl.Series(days, dtype=pl.Date)})
        rows = rows.join(table, on="date", how="left")
        if problems:
            undated = rows.filter(pl.col("day").is_null()).select("file", "line", "date")
            for file, line, text in undated.iter_rows():
                errors.append((file, line, self.columns[file]["date"] + 1, problems[text]))
        return rows.filter(pl.col("day").is_not_null()).drop("date").rename({"day": "date"})

    def _values(self, rows: pl.DataFrame, errors: list[tuple[int, int, int | None, str]]) -> pl.DataFrame:
        """Each row's exact value in its indicator's unit: plain decimals as written, the rest read
        once per distinct (value, unit, indicator) by the pure-Python reader's function."""
        plain = (pl.col("value").str.contains(PLAIN)
                 & ((pl.col("unit") == "") | (pl.col("unit") == pl.col("unit_text")))
                 & ~(pl.col("counted") & pl.col("value").str.contains(".", literal=True)))
        rows = rows.with_columns(plain.alias("plain"))
        fast = rows.filter(pl.col("plain")).with_columns(pl.col("value").alias("raw"))
        rest = rows.filter(~pl.col("plain"))
        if rest.height == 0:
            return fast
        combos = rest.select("value", "unit", "key").unique()
        read = _read_values(combos.iter_rows(), self.indicators)
        decided = combos.with_columns(pl.Series("exact", [v for v, _ in read], dtype=pl.String),
                                      pl.Series("problem", [p for _, p in read], dtype=pl.String))
        rest = rest.join(decided, on=["value", "unit", "key"], how="left")
        for file, line, problem in rest.filter(pl.col("problem").is_not_null()).select(
                "file", "line", "problem").iter_rows():
            errors.append((file, line, self.columns[file]["value"] + 1, problem))
        good = rest.filter(pl.col("problem").is_null()).with_columns(
            pl.col("value").str.strip_chars(WHITESPACE).alias("raw"), pl.col("exact").alias("value"))
        return pl.concat([fast, good.select(fast.columns)])

    def _messages(self, errors: list[tuple[int, int, int | None, str]]) -> list[InputError]:
        errors.sort(key=lambda e: (e[0], e[1], e[2] or 0))
        return [ActualsError(self.paths[f], line, column, message) for f, line, column, message in errors[:MAX_ERRORS]]


def _read_values(combos: Any, indicators: list[Indicator]) -> list[tuple[str | None, str | None]]:
    """(exact value text, None) or (None, problem) for each (value, unit, key)."""
    out: list[tuple[str | None, str | None]] = []
    for value, unit, key in combos:
        try:
            out.append((str(read_value(value.strip(), unit.strip(), indicators[key])), None))
        except ValueError as e:
            out.append((None, str(e)))
    return out

