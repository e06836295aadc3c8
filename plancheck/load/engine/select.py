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
    """The rows (unique by key and date) that the targets' rules read at the ``as_of`` dates."""
    done = (~pl.col("value").str.starts_with("-")
            & (pl.col("value").str.split(".").list.first().cast(pl.Float64) >= 1))
    picked: list[pl.DataFrame] = []
    slim = rows.select("key", "date", done.alias("done"))
    for day in as_of:
        known = slim.filter(pl.col("date") <= day).join(targets, on="key")
        d, start, deadline = pl.col("date"), pl.col("start"), pl.col("deadline")
        during = (d >= start) & (d <= deadline)
        latest = known.group_by("key", "start", "deadline", "milestone", "levels").agg(
            d.filter(d < start).max().alias("before"),
            d.filter(during).max().alias("during"),
            d.filter(d > deadline).max().alias("after"),
            d.filter(pl.col("milestone") & pl.col("done") & (d <= deadline)).min().alias("done_upto"),
            d.filter(pl.col("milestone") & pl.col("done") & (d > deadline)).min().alias("done_after"),
        )
        for column in ("before", "during", "after", "done_upto", "done_after"):
            picked.append(latest.select("key", pl.col(column).alias("date")).drop_nulls())
        picked.append(known.filter(pl.col("whole") & during).select("key", "date"))
        levels = latest.filter(pl.col("levels") & pl.col("during").is_not_null()).select("key", "during")
        if levels.height:
            prior = [(k, one_year_before(d)) for k, d in levels.iter_rows()]
            picked.append(pl.DataFrame(prior, schema={"key": pl.Int32, "date": pl.Date}, orient="row"))
    wanted = pl.concat(picked).unique()
    return rows.join(wanted, on=["key", "date"], how="semi")
