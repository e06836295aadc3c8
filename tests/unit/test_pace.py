from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from plancheck.evaluate.pace import elapsed, progress, satisfies
from plancheck.model.calendar import one_year_before

S, E = date(2020, 1, 1), date(2020, 12, 31)


def test_elapsed_counts_whole_months_like_monitoring_reports() -> None:
    # 1-5月 is 5/12 of the year: 41.7%, the 序时进度 a Chinese monthly report quotes.
    assert elapsed(S, E, date(2020, 5, 31)) == Fraction(5, 12)


def test_elapsed_counts_days_when_not_at_a_month_end() -> None:
    assert elapsed(S, E, date(2020, 1, 15)) == Fraction(15, 366)


def test_elapsed_is_zero_before_the_start_and_one_from_the_deadline() -> None:
    assert elapsed(S, E, date(2019, 12, 31)) == 0
    assert elapsed(S, E, E) == 1
    assert elapsed(S, E, date(2021, 3, 1)) == 1


@pytest.mark.parametrize(("value", "op", "target", "expected"), [
    ("2.59", ">=", "2.59", True),
    ("2.58", ">=", "2.59", False),
    ("128", ">", "128", False),
    ("129", ">", "128", True),
    ("10", "<=", "10", True),
    ("10.01", "<=", "10", False),
    ("9.99", "<", "10", True),
    ("10", "=", "10.0", True),
])
def test_satisfies_is_exact(value: str, op: str, target: str, expected: bool) -> None:
    assert satisfies(Decimal(value), op, Decimal(target)) is expected


def test_binary_floating_point_never_decides_a_boundary() -> None:
    # 0.1 + 0.2 == 0.30000000000000004 in binary; in decimal it is exactly 0.3.
    assert satisfies(Decimal("0.1") + Decimal("0.2"), ">=", Decimal("0.3"))
    assert not satisfies(Decimal("0.1") + Decimal("0.2"), ">", Decimal("0.3"))


def test_progress_from_a_baseline() -> None:
    assert progress(Decimal(105), Decimal(100), Decimal(108)) == Fraction(5, 8)
    assert progress(Decimal(5), Decimal(5), Decimal(5)) is None


def test_one_year_before_a_leap_day() -> None:
    assert one_year_before(date(2020, 2, 29)) == date(2019, 2, 28)
