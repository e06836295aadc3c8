"""The verdict rules of monitoring reports: each defect fixed and each measure added, at its
boundaries (exactly at the target, one unit short, the deadline day and the day after, a leap
February, mixed multipliers, a bound on each side)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from plancheck.evaluate.pace import months_between, months_left, settles
from plancheck.model import Kind, Status
from plancheck.model.calendar import one_year_before
from plancheck.model.units import Unit
from plancheck.render.reasons import explain
from tests.builders import judge, obs, target

D = Decimal
Y20 = dict(start=date(2020, 1, 1), deadline=date(2020, 12, 31))


# ── 1. a bare multiplier on a counted unit ───────────────────────────────────────────────────────

@pytest.mark.parametrize(("written", "unit", "value"), [("1.2万", "家", "12000"), ("3万人", "人", "30000"),
                                                         ("1.2万家", "家", "12000"), ("0.5万", "人", "5000")])
def test_a_multiplier_counts_the_indicators_things(written: str, unit: str, value: str) -> None:
    from plancheck.load.actuals.values import read_value
    from tests.builders import plan_of

    got, bound = read_value(written, "", plan_of(target(unit=unit)).indicators[0])
    assert (str(got), bound) == (value, None)  # a whole number, written as one


def test_a_multiplier_on_a_percentage_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot convert 万 to %"):
        Unit.parse("万").convert(D(1), Unit.parse("%"))


# ── 2. growth from levels, one year back ─────────────────────────────────────────────────────────

@pytest.mark.parametrize(("later", "earlier"), [
    (date(2021, 2, 28), date(2020, 2, 29)),  # 2021-02 a year after 2020-02, a leap February
    (date(2020, 2, 29), date(2019, 2, 28)),
    (date(2021, 3, 31), date(2020, 3, 31)),
    (date(2021, 2, 27), date(2020, 2, 27)),  # not a month end: the same day
    (date(2021, 6, 15), date(2020, 6, 15)),
])
def test_one_year_before_matches_month_ends(later: date, earlier: date) -> None:
    assert one_year_before(later) == earlier


def test_growth_from_monthly_levels_finds_the_leap_february() -> None:
    t = target(Kind.GROWTH, ">=", "4", unit="%", growth_basis="levels", start=date(2021, 1, 1),
               deadline=date(2021, 12, 31))
    r = judge(t, date(2021, 3, 15), obs(date(2020, 2, 29), "100"), obs(date(2021, 2, 28), "105"))
    assert (r.status, r.actual) == (Status.ON_TRACK, D("5.00"))


def _growth_indicator(level_unit: str | None) -> object:
    import dataclasses

    from tests.builders import plan_of

    t = target(Kind.GROWTH, ">=", "4", unit="%", growth_basis="levels")
    ind = plan_of(t).indicators[0]
    return dataclasses.replace(ind, level_unit=None if level_unit is None else Unit.parse(level_unit))


def test_levels_in_their_own_unit_are_converted_before_the_rate() -> None:
    from plancheck.load.actuals.values import read_value

    ind = _growth_indicator("亿美元")
    assert read_value("6.527亿美元", "", ind) == (D("6.527"), None)  # type: ignore[arg-type]
    assert read_value("62762万美元", "", ind) == (D("6.2762"), None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot convert 家 to 亿美元"):
        read_value("5家", "", ind)  # type: ignore[arg-type]


def test_levels_without_a_unit_take_bare_multipliers_exactly() -> None:
    from plancheck.load.actuals.values import read_value

    ind = _growth_indicator("")
    assert read_value("6.527亿", "", ind) == (D("652700000"), None)  # type: ignore[arg-type]
    assert read_value("62762万", "", ind) == (D("627620000"), None)  # type: ignore[arg-type]
    pct = _growth_indicator(None)  # no level_unit: the levels are bare numbers, never "%" with 亿
    with pytest.raises(ValueError):
        read_value("6.527亿美元", "", pct)  # type: ignore[arg-type]


# ── 3. a milestone reported not done ─────────────────────────────────────────────────────────────

M = target(Kind.MILESTONE, None, None, unit="", start=date(2019, 1, 1), deadline=date(2019, 5, 31))


@pytest.mark.parametrize(("as_of", "status"), [(date(2019, 5, 30), Status.PENDING),
                                               (date(2019, 5, 31), Status.LAGGING),
                                               (date(2019, 6, 1), Status.MISSED)])
def test_reported_not_done_is_a_report(as_of: date, status: Status) -> None:
    r = judge(M, as_of, obs(date(2019, 4, 30), "0"))
    assert r.status is status
    if status is Status.LAGGING:
        assert explain(r) == "reported not done on 2019-04-30; due today"


def test_done_on_the_deadline_day_is_met_and_nothing_reported_is_no_data() -> None:
    assert judge(M, date(2019, 5, 31), obs(date(2019, 5, 31), "1")).status is Status.MET
    assert judge(M, date(2019, 5, 31)).status is Status.NO_DATA


# ── 4. progress that means nothing ───────────────────────────────────────────────────────────────

def test_a_baseline_that_already_meets_the_target_gives_no_progress() -> None:
    t = target(Kind.SHARE, ">=", "2.58", unit="%", baseline=(date(2019, 12, 31), "2.61"), **Y20)
    before = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "2.49"))
    after = judge(t, date(2021, 1, 1), obs(date(2020, 12, 31), "2.49"))
    assert (before.status, before.progress) == (Status.LAGGING, None)
    assert (after.status, after.progress) == (Status.MISSED, None)
    assert "the baseline (2.61) already meets the target" in explain(before)
    met = judge(t, date(2021, 1, 1), obs(date(2020, 12, 31), "2.58"))  # exactly at the target
    assert (met.status, met.progress) == (Status.MET, None)


def test_moving_away_from_the_target_gives_no_progress() -> None:
    t = target(Kind.LEVEL, ">=", "150", baseline=(date(2019, 12, 31), "100"), **Y20)
    r = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "99"))  # one below the baseline
    assert (r.status, r.progress) == (Status.LAGGING, None) and "moving away" in explain(r)
    still = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "100"))  # at the baseline: 0%, not away
    assert still.progress == 0 and still.status is Status.LAGGING


def test_an_upper_bound_met_at_the_baseline_is_judged_on_its_level() -> None:
    t = target(Kind.SHARE, "<=", "5.5", unit="%", baseline=(date(2019, 12, 31), "5.2"), **Y20)
    assert judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "5.5")).status is Status.ON_TRACK
    r = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "5.6"))
    assert (r.status, r.progress) == (Status.LAGGING, None)


# ── 5. a year's target is measured from its own year's start ─────────────────────────────────────

def test_each_year_is_measured_from_the_previous_years_end() -> None:
    y22 = target(Kind.LEVEL, ">=", "128", start=date(2022, 1, 1), deadline=date(2022, 12, 31),
                 baseline=(date(2019, 12, 31), "100"))
    history = (obs(date(2019, 12, 31), "100"), obs(date(2021, 12, 31), "126"), obs(date(2022, 6, 30), "127"))
    r = judge(y22, date(2022, 7, 1), *history)
    assert r.baseline is not None and (r.baseline.date, r.baseline.value, r.baseline.origin) == (
        date(2021, 12, 31), D(126), "actuals")
    assert r.progress == Fraction(1, 2) and r.status is Status.ON_TRACK  # 1 of 2, at 6/12 of the year
    alone = judge(y22, date(2022, 7, 1), obs(date(2022, 6, 30), "127"))  # nothing later: the plan's
    assert alone.baseline is not None and alone.baseline.origin == "plan" and alone.progress == Fraction(27, 28)


# ── 10. bounds as observations ───────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("bound", "value", "op", "goal", "expected"), [
    (">", "12000", ">=", "10000", True), (">", "12000", ">=", "13000", None), (">=", "10000", ">=", "10000", True),
    (">", "10000", ">", "10000", True), (">=", "10000", ">", "10000", None), ("<", "5", ">=", "5", False),
    ("<=", "5", ">=", "5", None), ("<", "5", "<=", "5", True), ("<=", "5", "<", "5", None),
    (">=", "30", "<=", "29", False),
])
def test_a_bound_settles_what_it_can(bound: str, value: str, op: str, goal: str, expected: bool | None) -> None:
    assert settles(bound, D(value), op, D(goal)) is expected


def test_a_bound_that_settles_decides_and_one_that_does_not_is_pending() -> None:
    t = target(Kind.LEVEL, ">=", "10000", start=date(2020, 1, 1), deadline=date(2024, 12, 31))
    met = judge(t, date(2025, 2, 1), obs(date(2024, 12, 31), "12000", bound=">"))
    assert (met.status, met.bound) == (Status.MET, ">")
    high = target(Kind.LEVEL, ">=", "13000", start=date(2020, 1, 1), deadline=date(2024, 12, 31))
    open_ = judge(high, date(2025, 2, 1), obs(date(2024, 12, 31), "12000", bound=">"))
    assert open_.status is Status.PENDING
    assert explain(open_) == ("the reported bound > 12,000 does not settle the target ≥ 13,000: neither met nor "
                              "missed on its strength")
    below = judge(high, date(2025, 2, 1), obs(date(2024, 12, 31), "12000", bound="<"))
    assert below.status is Status.MISSED


def test_a_bound_and_the_same_value_on_one_date_disagree() -> None:
    from plancheck.load.actuals.rows import same_value

    assert not same_value(obs(date(2020, 1, 31), "12000"), obs(date(2020, 1, 31), "12000", bound=">"))


@pytest.mark.parametrize(("cell", "bound", "value"), [(">12000", ">", "12000"), (">=30%", ">=", "30"),
                                                      ("≥30", ">=", "30"), ("<5", "<", "5"), ("≤5", "<=", "5"),
                                                      ("＞1.2万", ">", "12000")])
def test_bounds_are_read_from_cells(cell: str, bound: str, value: str) -> None:
    from plancheck.load.actuals.values import read_value
    from tests.builders import plan_of

    unit = "%" if "%" in cell else "家"
    kind = Kind.SHARE if unit == "%" else Kind.LEVEL
    got = read_value(cell, "", plan_of(target(kind, unit=unit)).indicators[0])
    assert (str(got[0]), got[1]) == (value, bound)


# ── 11. projection to the deadline ───────────────────────────────────────────────────────────────

def test_projection_at_the_pace_so_far_and_the_monthly_need() -> None:
    t = target(Kind.FLOW, ">=", "250", **Y20)
    r = judge(t, date(2020, 6, 30), obs(date(2020, 6, 30), "100"))
    assert r.projection is not None
    assert r.projection.value == 200  # 100 in 6 of 12 months
    assert (r.projection.months_left, r.projection.needed_per_month) == (6, 25)  # 150 more in 6 months
    assert judge(t, date(2020, 12, 31), obs(date(2020, 12, 31), "100")).projection is None  # due: no projection


def test_months_left_and_between() -> None:
    assert months_left(date(2020, 6, 30), date(2020, 12, 31)) == 6
    assert months_left(date(2020, 6, 15), date(2020, 12, 31)) == Fraction(199 * 4800, 146097)
    assert months_between(date(2020, 6, 30), date(2020, 12, 31)) == 6
    assert months_between(date(2020, 1, 31), date(2020, 2, 29)) == 1
    assert months_between(date(2020, 1, 15), date(2020, 2, 14)) == 0


# ── 12. the compound-growth measure ──────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("value", "band"), [("1270", "substantial"), ("1200", "moderate"), ("1020", "limited"),
                                             ("990", "moving_away")])
def test_compound_growth_measure_bands(value: str, band: str) -> None:
    t = target(Kind.LEVEL, ">=", "1500", start=date(2016, 1, 1), deadline=date(2020, 12, 31),
               baseline=(date(2015, 12, 31), "1000"))
    r = judge(t, date(2018, 12, 31), obs(date(2018, 12, 31), value))
    # +50% in five years needs 8.45% a year; the observed rate over three years, against it.
    years_to_deadline = (date(2020, 12, 31) - date(2015, 12, 31)).days / 365.2425
    years_observed = (date(2018, 12, 31) - date(2015, 12, 31)).days / 365.2425
    required = 1.5 ** (1 / years_to_deadline) - 1
    observed = (float(value) / 1000) ** (1 / years_observed) - 1
    assert r.growth_measure is not None and r.growth_measure.band == band
    assert r.growth_measure.required == pytest.approx(required)
    assert r.growth_measure.ratio == pytest.approx(observed / required)


def test_no_compound_measure_for_a_year_long_target() -> None:
    t = target(Kind.LEVEL, ">=", "150", baseline=(date(2019, 12, 31), "100"), **Y20)
    assert judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "120")).growth_measure is None


# ── 13. stale data is said ───────────────────────────────────────────────────────────────────────

def test_an_observation_older_than_its_cycle_is_said_to_be() -> None:
    t = target(Kind.FLOW, ">=", "250", cycle="month", **Y20)
    fresh = judge(t, date(2020, 7, 31), obs(date(2020, 6, 30), "100"))  # one month: the next is not due
    old = judge(t, date(2020, 12, 31), obs(date(2020, 6, 30), "100"))
    later = judge(t, date(2021, 3, 1), obs(date(2020, 6, 30), "100"))  # counted to the deadline
    assert fresh.stale is None
    assert old.stale is not None and (old.stale.months, old.stale.reference) == (6, "as_of")
    assert explain(old).endswith("latest report 2020-06-30, 6 months before the as-of date")
    assert later.stale is not None and (later.stale.months, later.stale.reference) == (6, "deadline")
    yearly = target(Kind.LEVEL, ">=", "250", cycle="year", **Y20)
    assert judge(yearly, date(2020, 12, 31), obs(date(2020, 6, 30), "100")).stale is None
