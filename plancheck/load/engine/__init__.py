"""The columnar engine (polars, the optional extra ``plancheck[engine]``): reads large actuals,
checks every row as the pure-Python reader does, and hands the rules only the observations they
read. Imported only when it is chosen (see ``plancheck.load.actuals``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl

from plancheck.errors import ActualsError, InputError
from plancheck.load.actuals.read import read_file
from plancheck.load.actuals.rows import MAX_ERRORS, Collector, unchecked_note, unreported_notes
from plancheck.load.engine.checks import Checker
from plancheck.load.engine.frames import Frames, read_frames
from plancheck.load.engine.select import select, targets_frame
from plancheck.load.files import InputErrors
from plancheck.model import Actuals, Indicator, Observation, Plan, Series


def read_with_engine(files: list[Path], plans: Sequence[Plan], as_of: Sequence[date] | None, *,
                     plans_failed: bool = False) -> Actuals:
    """Read ``files`` against ``plans``; keep every observation, or with ``as_of`` only those the
    rules read at those dates. Raise InputErrors listing every problem (the first MAX_ERRORS)."""
    frames = Frames([str(p) for p in files])
    checker = Checker(plans, frames.paths, frames.columns, plans_failed=plans_failed)
    errors: list[InputError] = []
    parts = []
    for part in read_frames(files, frames):  # one file at a time: only its rows are held unchecked
        checked = checker.check(part)
        errors += checked.errors
        parts.append(checked.rows)
    errors += frames.errors
    notes = list(frames.notes)
    unchecked = checker.collector.unchecked
    paths, value_column = frames.paths, {i: c["value"] + 1 for i, c in frames.columns.items()}
    if frames.for_python:
        collector = Collector(plans, plans_failed=plans_failed)
        for path in frames.for_python:
            read_file(path, collector)
        errors += collector.errors
        notes += collector.notes
        unchecked += collector.unchecked
        paths, moved = _with_sheets(frames.paths, collector.files)
        if moved:
            parts = [p.with_columns(pl.col("file").replace_strict(moved, return_dtype=pl.Int32)) for p in parts]
            value_column = {moved.get(i, i): c for i, c in value_column.items()}
        value_column |= {paths.index(p): c for p, c in collector.value_column.items()}
        parts.append(_as_rows(collector, checker.indicators, paths))
    read = pl.concat(parts) if parts else _as_rows(Collector(plans), checker.indicators, [])
    # Context rows are apart from the rest: each kind holds one row per indicator and date.
    if read.get_column("context").any():
        context = _unique(read.filter(pl.col("context")), checker.indicators, value_column, paths, errors)
        read = read.filter(~pl.col("context"))
    else:  # the usual case: no row is marked context, and the rows are not filtered (copied) for it
        context = read.clear()
    rows = _unique(read, checker.indicators, value_column, paths, errors)
    unreported = {frames.paths[f]: n for f, n in sorted(checker.unreported.items())}
    if frames.for_python:
        unreported |= collector.unreported
    notes += unreported_notes(unreported)
    if errors:
        order = {p: i for i, p in enumerate(paths)}
        errors.sort(key=lambda e: (order.get(e.path, -1), e.line or 0, e.column or 0))
        raise InputErrors(errors[:MAX_ERRORS], truncated=len(errors) >= MAX_ERRORS,
                          notes=[*notes, *unchecked_note(unchecked)])
    notes += unchecked_note(unchecked)
    count = rows.height + context.height
    if as_of is not None:
        rows = select(rows, targets_frame(checker.indicators), as_of)
    notes.sort(key=lambda n: next((i for i, p in enumerate(paths) if n.startswith(p + ":")), -1))
    return Actuals(_series(rows, checker.indicators, paths), rows=count, complete=as_of is None,
                   notes=tuple(notes), context=_series(context, checker.indicators, paths))


def _with_sheets(paths: list[str], read: list[str]) -> tuple[list[str], dict[int, int]]:
    """The files' paths, each workbook followed by the places of its sheets that the pure-Python
    reader read (``book.xlsx:Sheet``), so that every row's place has an index in reading order; and
    where the files' indices moved (empty when none did)."""
    sheets: dict[str, list[str]] = {}
    for place in read:
        if place not in paths:
            sheets.setdefault(place.rsplit(":", 1)[0], []).append(place)
    if not sheets:
        return paths, {}
    out: list[str] = []
    moved: dict[int, int] = {}
    for i, path in enumerate(paths):
        moved[i] = len(out)
        out += [path, *sheets.get(path, [])]
    return out, moved


def _unique(rows: pl.DataFrame, indicators: list[Indicator], value_column: dict[int, int], paths: list[str],
            errors: list[InputError]) -> pl.DataFrame:
    """One row per indicator and date, the first read; a repeat stating another value is an error
    naming both rows, as the pure-Python reader says it."""
    step_key, step_date = pl.col("key").diff(), pl.col("date").diff()
    if rows.select(((step_key > 0) | ((step_key == 0) & (step_date > pl.duration(days=0)))).all()).item():
        return rows  # already in order of indicator and date, without a repeat (files grouped and dated)
    rows = rows.sort("key", "date", "file", "line")  # among equal dates, reading order: the first is kept
    again = (pl.col("key") == pl.col("key").shift(1)) & (pl.col("date") == pl.col("date").shift(1))
    rows = rows.with_columns(again.fill_null(False).alias("again"))
    if not rows.get_column("again").any():
        return rows.drop("again")
    repeats = rows.filter(pl.col("again") | pl.col("again").shift(-1).fill_null(False))
    first: dict[tuple[int, date], tuple[str, str, str | None, int, int]] = {}
    for key, day, file, line, value, raw, bound, is_repeat in repeats.select(
            "key", "date", "file", "line", "value", pl.coalesce("raw", "value"), "bound", "again").iter_rows():
        if not is_repeat:
            first[key, day] = (value, raw, bound, file, line)
            continue
        value0, raw0, bound0, file0, line0 = first[key, day]
        if raw != raw0 and (Decimal(value) != Decimal(value0) or bound != bound0):
            ind = indicators[key]
            errors.append(ActualsError(
                paths[file], line, value_column.get(file, 4),
                f"{ind.plan}/{ind.id} on {day} is {raw} here but {raw0} at {paths[file0]}:{line0}; "
                "keep one of the two rows"))
    return rows.filter(~pl.col("again")).drop("again")


def _as_rows(collector: Collector, indicators: list[Indicator], paths: list[str]) -> pl.DataFrame:
    """The observations a Collector read, as engine rows."""
    keys = {(i.plan, i.id): k for k, i in enumerate(indicators)}
    index = {p: i for i, p in enumerate(paths)}
    obs = [o for rows in collector.rows.values() for o in rows]
    return pl.DataFrame({
        "key": pl.Series([keys[o.plan, o.indicator] for o in obs], dtype=pl.Int32),
        "date": pl.Series([o.date for o in obs], dtype=pl.Date),
        "file": pl.Series([index[o.path] for o in obs], dtype=pl.Int32),
        "line": pl.Series([o.line for o in obs], dtype=pl.Int32),
        "value": pl.Series([str(o.value) for o in obs], dtype=pl.String),
        "raw": pl.Series([o.raw for o in obs], dtype=pl.String),
        "bound": pl.Series([o.bound for o in obs], dtype=pl.String),
        "source": pl.Series([o.source for o in obs], dtype=pl.Categorical),
        "note": pl.Series([o.note for o in obs], dtype=pl.Categorical),
        "context": pl.Series([o.context for o in obs], dtype=pl.Boolean),
    })


def _series(rows: pl.DataFrame, indicators: list[Indicator], paths: list[str]) -> dict[tuple[str, str], Series]:
    """Each indicator's observations as Python objects, oldest first."""
    rows = rows.sort("key", "date").with_columns(pl.coalesce("raw", "value").alias("raw"))
    columns = [rows.get_column(c).to_list()
               for c in ("key", "date", "value", "raw", "source", "note", "file", "line", "bound", "context")]
    grouped: dict[int, list[Observation]] = {}
    for key, day, value, raw, source, note, file, line, bound, context in zip(*columns, strict=True):
        ind = indicators[key]
        grouped.setdefault(key, []).append(Observation(ind.plan, ind.id, day, Decimal(value), raw, source.strip(),
                                                       note.strip(), paths[file], line, bound, context))
    return {(indicators[k].plan, indicators[k].id): Series(obs) for k, obs in grouped.items()}
