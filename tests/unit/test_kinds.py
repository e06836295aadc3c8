"""Each kind of target at its boundaries: at the target, just below, on the deadline, the day after."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from plancheck.model import Kind, Status
from plancheck.render.reasons import explain
from tests.builders import judge, obs, target

DEADLINE = date(2020, 12, 31)
DAY_AFTER = date(2021, 1, 1)


class TestLevel:
    def test_exactly_at_the_target_is_met(self) -> None:
        r = judge(target(value="1540"), DAY_AFTER, obs(DEADLINE, "1540"))
        assert r.status is Status.MET
        assert r.actual == Decimal(1540) and r.actual_date == DEADLINE

    def test_just_below_after_the_deadline_is_missed(self) -> None:
        r = judge(target(value="1540"), DAY_AFTER, obs(DEADLINE, "1539"))
        assert r.status is Status.MISSED

    def test_on_the_deadline_day_a_shortfall_is_not_yet_missed(self) -> None:
        t = target(value="100", baseline=(date(2019, 12, 31), "0"))
        r = judge(t, DEADLINE, obs(date(2020, 11, 30), "50"))
        assert r.status is Status.LAGGING
        assert judge(t, DAY_AFTER, obs(date(2020, 11, 30), "50")).status is Status.MISSED

    def test_reached_before_the_deadline_is_met(self) -> None:
        assert judge(target(), date(2020, 7, 1), obs(date(2020, 6, 30), "100")).status is Status.MET

    def test_as_of_before_the_period_starts_is_pending(self) -> None:
        r = judge(target(), date(2019, 12, 1), obs(date(2019, 11, 30), "99"))
        assert r.status is Status.PENDING

    def test_due_without_data_is_no_data(self) -> None:
        assert judge(target(), DEADLINE).status is Status.NO_DATA
        assert judge(target(), date(2020, 12, 30)).status is Status.PENDING

    def test_stale_value_is_context_not_verdict(self) -> None:
        stale = obs(date(2016, 12, 31), "500")
        r = judge(target(), DAY_AFTER, stale)
        assert r.status is Status.NO_DATA
        assert r.context == (stale,)
        assert r.observation is None

    def test_late_value_never_decides_the_deadline(self) -> None:
        late = obs(date(2022, 12, 31), "1055")
        r = judge(target(value="1000"), date(2023, 1, 1), obs(DEADLINE, "900"), late)
        assert r.status is Status.MISSED
        assert r.actual == Decimal(900)
        assert late in r.context

    def test_observations_after_as_of_are_ignored(self) -> None:
        r = judge(target(), date(2020, 6, 29), obs(date(2020, 6, 30), "100"))
        assert r.status is Status.PENDING

    def test_pace_against_the_elapsed_share(self) -> None:
        t = target(value="108", baseline=(date(2019, 12, 31), "100"))
        on = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "104"))  # 50% done at 6/12
        assert on.status is Status.ON_TRACK
        assert on.progress == Fraction(1, 2) and on.expected == Fraction(1, 2) and on.gap_points == 0
        behind = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "103"))  # 37.5% at 50%
        assert behind.status is Status.LAGGING
        assert behind.gap_points == Fraction(-25, 2)

    def test_tolerance_softens_the_pace(self) -> None:
        t = target(value="108", baseline=(date(2019, 12, 31), "100"))
        r = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "103"), tolerance="0.125")
        assert r.status is Status.ON_TRACK
        r = judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "103"), tolerance="0.12")
        assert r.status is Status.LAGGING

    def test_baseline_from_the_latest_value_before_the_period_is_shown_as_such(self) -> None:
        r = judge(target(value="108"), date(2020, 7, 1), obs(date(2019, 12, 31), "100"), obs(date(2020, 6, 30), "104"))
        assert r.baseline is not None and r.baseline.origin == "actuals" and r.baseline.value == 100
        assert r.status is Status.ON_TRACK

    def test_without_any_baseline_pace_is_refused_not_assumed(self) -> None:
        r = judge(target(value="108"), date(2020, 7, 1), obs(date(2020, 6, 30), "104"))
        assert r.status is Status.PENDING
        assert "no baseline" in explain(r)


class TestUpperBound:
    def test_within_the_bound_before_the_deadline_is_only_on_track(self) -> None:
        r = judge(target(op="<=", value="10", unit="%"), date(2020, 7, 1), obs(date(2020, 6, 30), "9"))
        assert r.status is Status.ON_TRACK

    def test_at_the_bound_after_the_deadline_is_met(self) -> None:
        r = judge(target(op="<=", value="10", unit="%"), DAY_AFTER, obs(DEADLINE, "10"))
        assert r.status is Status.MET

    def test_above_the_bound_after_the_deadline_is_missed(self) -> None:
        r = judge(target(op="<=", value="10", unit="%"), DAY_AFTER, obs(DEADLINE, "10.01"))
        assert r.status is Status.MISSED

    def test_strictly_below_means_strictly(self) -> None:
        assert judge(target(op="<", value="10"), DAY_AFTER, obs(DEADLINE, "10")).status is Status.MISSED


class TestFlow:
    def test_cumulative_reports_use_the_latest(self) -> None:
        t = target(Kind.FLOW, value="250")
        r = judge(t, date(2020, 6, 1), obs(date(2020, 3, 31), "40"), obs(date(2020, 5, 31), "120"))
        assert r.actual == Decimal(120)
        assert r.baseline is not None and r.baseline.value == 0 and r.baseline.origin == "zero"
        assert r.progress == Fraction(12, 25) and r.expected == Fraction(5, 12)
        assert r.status is Status.ON_TRACK

    def test_increments_are_summed_within_the_period(self) -> None:
        t = target(Kind.FLOW, value="250", reporting="increments")
        r = judge(t, DAY_AFTER, obs(date(2019, 12, 31), "999"), obs(date(2020, 3, 31), "100"),
                  obs(date(2020, 9, 30), "150"))
        assert r.actual == Decimal(250)
        assert r.status is Status.MET

    def test_lagging_flow(self) -> None:
        t = target(Kind.FLOW, value="40", unit="亿元")
        r = judge(t, date(2020, 6, 1), obs(date(2020, 5, 31), "12.5"))
        assert r.status is Status.LAGGING
        assert r.progress == Fraction(5, 16) and r.expected == Fraction(5, 12)


class TestGrowth:
    def test_reported_rate_at_the_deadline(self) -> None:
        t = target(Kind.GROWTH, value="4", unit="%")
        assert judge(t, DAY_AFTER, obs(DEADLINE, "4")).status is Status.MET
        assert judge(t, DAY_AFTER, obs(DEADLINE, "3.99")).status is Status.MISSED

    def test_a_rate_before_the_deadline_is_provisional(self) -> None:
        t = target(Kind.GROWTH, value="4", unit="%")
        assert judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "5")).status is Status.ON_TRACK
        assert judge(t, date(2020, 7, 1), obs(date(2020, 6, 30), "3")).status is Status.LAGGING

    def test_rate_computed_from_levels_one_year_apart(self) -> None:
        t = target(Kind.GROWTH, value="4", unit="%", growth_basis="levels")
        r = judge(t, DAY_AFTER, obs(date(2019, 12, 31), "6.527"), obs(DEADLINE, "6.788"))
        assert r.actual is not None and r.actual.quantize(Decimal("0.0001")) == Decimal("3.9988")
        assert r.status is Status.MISSED

    def test_no_level_a_year_earlier_is_refused(self) -> None:
        t = target(Kind.GROWTH, value="4", unit="%", growth_basis="levels")
        r = judge(t, DAY_AFTER, obs(date(2019, 11, 30), "6.5"), obs(DEADLINE, "6.788"))
        assert r.status is Status.NO_DATA
        assert "2019-12-31" in explain(r)


class TestPerEvent:
    def test_every_event_must_meet_the_minimum(self) -> None:
        t = target(Kind.PER_EVENT, value="150")
        assert judge(t, DAY_AFTER, obs(date(2020, 3, 1), "150"), obs(date(2020, 9, 1), "200")).status is Status.MET
        r = judge(t, date(2020, 10, 1), obs(date(2020, 3, 1), "149"), obs(date(2020, 9, 1), "200"))
        assert r.status is Status.MISSED and r.actual == Decimal(149)

    def test_events_so_far_are_on_track(self) -> None:
        t = target(Kind.PER_EVENT, value="150")
        assert judge(t, date(2020, 10, 1), obs(date(2020, 3, 1), "151")).status is Status.ON_TRACK


class TestMilestone:
    def test_done_by_the_deadline_is_met(self) -> None:
        t = target(Kind.MILESTONE, op=None, value=None, unit="", deadline=date(2019, 5, 31), start=date(2019, 1, 1))
        r = judge(t, date(2019, 6, 1), obs(date(2019, 5, 31), "1"))
        assert r.status is Status.MET

    def test_done_late_is_missed_and_says_when(self) -> None:
        t = target(Kind.MILESTONE, op=None, value=None, unit="", deadline=date(2019, 5, 31), start=date(2019, 1, 1))
        r = judge(t, date(2019, 7, 1), obs(date(2019, 6, 15), "1"))
        assert r.status is Status.MISSED
        assert r.actual_date == date(2019, 6, 15)

    def test_not_yet_due_is_pending_and_due_unreported_is_no_data(self) -> None:
        t = target(Kind.MILESTONE, op=None, value=None, unit="", deadline=date(2019, 5, 31), start=date(2019, 1, 1))
        assert judge(t, date(2019, 5, 30)).status is Status.PENDING
        assert judge(t, date(2019, 6, 1)).status is Status.NO_DATA
