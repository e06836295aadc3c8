"""What the engine hands the rules: the observations ``plancheck.evaluate.selection`` names, and on
those alone every rule reaches the verdict it reaches on the whole series."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds import RULES
from plancheck.evaluate.selection import reads, reduce
from plancheck.model import Kind, Observation, Series, Target
from tests.builders import plan_of, target
from tests.optional import require_engine

START = date(2019, 1, 1)
days = st.integers(0, 4 * 366).map(lambda n: START + timedelta(days=n))
month_ends = st.integers(0, 47).map(lambda m: date(2019 + m // 12, m % 12 + 1, 1) - timedelta(days=1) +
                                    timedelta(days=32)).map(lambda d: d.replace(day=1) - timedelta(days=1))
values = st.sampled_from(["0", "1", "2", "0.5", "-1", "150", "149", "1.0", "10", "3.25", "-0.5", "99"])


@st.composite
def cases(draw: st.DrawFn) -> tuple[Target, Series, date]:
    kind = draw(st.sampled_from(list(Kind)))
    start = draw(days)
    deadline = start + timedelta(days=draw(st.integers(0, 800)))
    t = target(kind, None if kind is Kind.MILESTONE else draw(st.sampled_from([">=", ">", "<=", "<", "="])),
               None if kind is Kind.MILESTONE else draw(values), start=start, deadline=deadline,
               unit="%" if kind in (Kind.SHARE, Kind.GROWTH) else "家",
               reporting=draw(st.sampled_from(["cumulative", "increments"])) if kind is Kind.FLOW else "cumulative",
               growth_basis=draw(st.sampled_from(["reported", "levels"])) if kind is Kind.GROWTH else "reported")
    when = draw(st.lists(st.one_of(days, month_ends), max_size=20, unique=True))
    series = Series(Observation("p", "i", d, Decimal(draw(values)), "r", "", "", "a.csv", 2 + k)
                    for k, d in enumerate(sorted(when)))
    return t, series, draw(st.one_of(days, month_ends))


@settings(max_examples=400, deadline=None)
@given(cases())
def test_the_rules_reach_the_same_verdict_on_what_they_read(case: tuple[Target, Series, date]) -> None:
    t, series, as_of = case
    whole = RULES[t.kind](Case.build(t, series, as_of, Fraction(0)))
    picked = reduce(series, [t], [as_of])
    assert RULES[t.kind](Case.build(t, picked, as_of, Fraction(0))) == whole


@settings(max_examples=300, deadline=None)
@given(cases(), st.lists(st.one_of(days, month_ends), min_size=1, max_size=3))
def test_the_engine_selects_what_the_rules_read(case: tuple[Target, Series, date], as_of: list[date]) -> None:
    require_engine()
    import polars as pl

    from plancheck.load.engine.select import select, targets_frame

    t, series, _ = case
    plan = plan_of(t)
    rows = pl.DataFrame({"key": pl.Series([0] * len(series), dtype=pl.Int32),
                         "date": pl.Series([o.date for o in series], dtype=pl.Date),
                         "value": pl.Series([str(o.value) for o in series], dtype=pl.String)})
    chosen = select(rows, targets_frame(list(plan.indicators)), as_of)
    expected = set().union(*(reads(t, series, day) for day in as_of))
    assert set(chosen.get_column("date").to_list()) == expected
