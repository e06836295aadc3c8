"""Choosing, per target and as-of date, the observations its rule reads, so that only those become
Python objects: the latest before the period, in it and after it; every one in the period for
summed flows and per-event targets; a milestone's first report of done, up to and after the
deadline; and for growth from levels, the level one year before the latest.

The rules then run on these alone and reach the verdicts they reach on every observation:
``plancheck.evaluate.selection`` states the same choice in plain Python, and a property test holds
the two to each other."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import polars as pl

from plancheck.model import Indicator, Kind
from plancheck.model.calendar import one_year_before


def targets_frame(indicators: list[Indicator]) -> pl.DataFrame:
    """One row per target: its indicator's key, its period and how its rule reads observations."""
    rows = [(key, t.start, t.deadline,
             t.kind is Kind.PER_EVENT or (t.kind is Kind.FLOW and t.reporting == "increments"),
             t.kind is Kind.MILESTONE, t.kind is Kind.GROWTH and t.growth_basis == "levels")
            for key, ind in enumerate(indicators) for t in ind.targets]
    return pl.DataFrame(rows, schema={"key": pl.Int32, "start": pl.Date, "deadline": pl.Date, "whole": pl.Boolean,
                                      "milestone": pl.Boolean, "levels": pl.Boolean}, orient="row")


def select(rows: pl.DataFrame, targets: pl.DataFrame, as_of: Sequence[date]) -> pl.DataFrame:
    """The rows (unique by key and date) that the targets' rules read at the ``as_of`` dates.

    ``rows`` are sorted by key and date. Each "latest on or before" is an as-of join of the targets
    to the rows, per key, so that no row is joined to every target of its indicator."""
    dates = rows.select("key", "date")
    finished = _done(rows.join(targets.filter(pl.col("milestone")).select("key").unique(), on="key", how="semi"))
    whole_keys = targets.filter(pl.col("whole")).select("key").unique()
    whole_rows = rows.join(whole_keys, on="key", how="semi").select("key", "date")
    picked: list[pl.DataFrame] = []
    for day in as_of:
        cut = pl.lit(day, dtype=pl.Date)
        t = targets.with_columns(pl.min_horizontal("deadline", cut).alias("upto"))
        # One as-of join for three cut-offs per target: up to the deadline (the latest in the period,
        # or before it), before the period, and the as-of date (after the deadline, if later).
        cuts = pl.concat([t.with_columns(pl.col("upto").alias("cut"), pl.lit(0).alias("which")),
                          t.with_columns(pl.min_horizontal(pl.col("start") - pl.duration(days=1), cut).alias("cut"),
                                         pl.lit(1).alias("which")),
                          t.with_columns(cut.alias("cut"), pl.lit(2).alias("which"))])
        latest = _latest(cuts, dates, "cut")
        upto = latest.filter(pl.col("which") == 0)
        during = upto.filter(pl.col("date") >= pl.col("start"))
        picked += [latest.filter(pl.col("which") < 2).select("key", "date").drop_nulls(),
                   latest.filter((pl.col("which") == 2) & (pl.col("date") > pl.col("deadline"))).select("key", "date")]
        milestones = t.filter(pl.col("milestone"))
        if milestones.height:
            first = _first(milestones, finished, "start_of_time", date.min)
            after = _first(milestones.with_columns((pl.col("deadline") + pl.duration(days=1)).alias("next")),
                           finished, "next")
            picked += [first.filter(pl.col("date") <= pl.col("upto")).select("key", "date"),
                       after.filter(pl.col("date") <= cut).select("key", "date")]
        whole = t.filter(pl.col("whole")).select("key", "start", "upto")
        if whole.height:
            picked.append(whole_rows.join(whole, on="key").filter(
                (pl.col("date") >= pl.col("start")) & (pl.col("date") <= pl.col("upto"))).select("key", "date"))
        levels = during.filter(pl.col("levels")).select("key", "date")
        if levels.height:
            prior = [(k, p) for k, d in levels.iter_rows() if (p := one_year_before(d)) is not None]
            picked.append(pl.DataFrame(prior, schema={"key": pl.Int32, "date": pl.Date}, orient="row"))
    wanted = pl.concat(picked).unique()
    return rows.join(wanted, on=["key", "date"], how="semi")


def _done(rows: pl.DataFrame) -> pl.DataFrame:
    """The (key, date) of the rows reporting a deliverable done: a value of 1 or more. A plain
    decimal is 1 or more when it is not negative and its whole part has a digit other than 0; the
    rare value in exponent form is compared as an exact decimal."""
    plain = ~pl.col("value").str.contains("E", literal=True)
    done = rows.filter(plain & ~pl.col("value").str.starts_with("-") & pl.col("value").str.contains(r"^0*[1-9]"))
    odd = rows.filter(~plain).select("key", "date", "value")
    if odd.height:
        more = [(k, d) for k, d, v in odd.iter_rows() if Decimal(v) >= 1]
        done = pl.concat([done.select("key", "date"),
                          pl.DataFrame(more, schema={"key": pl.Int32, "date": pl.Date}, orient="row")])
    return done.select("key", "date").sort("key", "date")


def _latest(targets: pl.DataFrame, dates: pl.DataFrame, column: str) -> pl.DataFrame:
    """Per target, the date of its indicator's latest row on or before its ``column`` (``date``)."""
    return targets.sort(column).join_asof(dates, left_on=column, right_on="date", by="key", strategy="backward",
                                          check_sortedness=False)


def _first(targets: pl.DataFrame, dates: pl.DataFrame, column: str, value: date | None = None) -> pl.DataFrame:
    """Per target, the date of its indicator's first row on or after its ``column`` (``date``)."""
    if value is not None:
        targets = targets.with_columns(pl.lit(value, dtype=pl.Date).alias(column))
    return targets.sort(column).join_asof(dates, left_on=column, right_on="date", by="key", strategy="forward",
                                          check_sortedness=False).drop_nulls("date")
