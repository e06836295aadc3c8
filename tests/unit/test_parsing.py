from datetime import date
from decimal import Decimal

import pytest

from plancheck.load.numbers import parse_date, parse_number
from plancheck.model.units import Unit, UnitMismatch


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("1540", "1540", ""),
    ("1,540", "1540", ""),
    ("2.59%", "2.59", "%"),
    ("１５４０", "1540", ""),
    ("２．５９％", "2.59", "%"),
    ("160.7亿元", "160.7", "亿元"),
    ("1.2万", "1.2", "万"),
    (" 12 ", "12", ""),
    ("-3.5", "-3.5", ""),
])
def test_numbers_as_written(text: str, value: str, unit: str) -> None:
    assert parse_number(text) == (Decimal(value), unit)


@pytest.mark.parametrize("text", ["", "abc", "1,54", "1e5", "12/06/2020", "1.2.3", "NaN"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text", ["2020-12-31", "2020/12/31", "2020.12.31", "2020年12月31日", "2020-12", "2020年12月",
                                  "2020", "2020年"])
def test_dates_all_mean_the_same_day(text: str) -> None:
    assert parse_date(text) == date(2020, 12, 31)


def test_month_end_of_february() -> None:
    assert parse_date("2020-02") == date(2020, 2, 29)


@pytest.mark.parametrize("text", ["12/06/2020", "2020-13-01", "2020-02-30", "yesterday", ""])
def test_ambiguous_or_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_units_convert_in_base_units() -> None:
    assert Unit.parse("亿美元").to_base(Decimal("6.788")) == Decimal("678800000")
    assert Unit.parse("万元").convert(Decimal("12345"), Unit.parse("亿元")) == Decimal("1.2345")
    assert Unit.parse("%").base == "%"
    with pytest.raises(UnitMismatch):
        Unit.parse("亿元").convert(Decimal(1), Unit.parse("亿美元"))
