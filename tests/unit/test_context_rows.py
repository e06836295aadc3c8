"""Observations marked ``use: context``: shown beside a verdict, never deciding one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plancheck.evaluate import evaluate
from plancheck.load.actuals import load_actuals
from plancheck.load.files import InputErrors
from plancheck.model import Actuals, Kind, Observation, Series, Status
from plancheck.render.words import context_text
from tests.builders import obs, plan_of, target

FLOW = plan_of(target(Kind.FLOW, ">=", "150"))


def context(when: date, value: str, line: int = 3) -> Observation:
    return obs(when, value, line=line)._replace(context=True)


def test_a_context_row_in_the_period_decides_nothing() -> None:
    actuals = Actuals(context={("p", "i"): Series([context(date(2019, 12, 31), "179")])})
    (r,) = evaluate([FLOW], actuals, date(2026, 11, 25))
    assert r.status is Status.NO_DATA
    assert [o.value for o in r.context] == [179]
    assert context_text(r.context[0], r, "en") == "context only: 179 家 (2019-12-31)"


def test_a_context_row_beside_a_value_leaves_the_verdict_to_the_value() -> None:
    actuals = Actuals({("p", "i"): Series([obs(date(2020, 12, 31), "120")])},
                      context={("p", "i"): Series([context(date(2020, 12, 31), "179")])})
    (r,) = evaluate([FLOW], actuals, date(2021, 1, 5))
    assert r.status is Status.MISSED and r.actual == 120
    assert [o.value for o in r.context] == [179]


def test_only_context_rows_dated_by_the_as_of_date_are_shown() -> None:
    actuals = Actuals(context={("p", "i"): Series([context(date(2020, 6, 30), "80"), context(date(2020, 12, 31), "179"),
                                                   context(date(2022, 5, 31), "101")])})
    (r,) = evaluate([FLOW], actuals, date(2020, 9, 30))
    assert [o.value for o in r.context] == [80]
    (r,) = evaluate([FLOW], actuals, date(2023, 1, 1))
    assert [o.value for o in r.context] == [179, 101]  # the latest up to the deadline, and the latest after it


def test_the_use_column_is_read_and_checked(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("plan,indicator,date,value,use\np,i,2020-12-31,179,Context\n"
                                    "p,i,2020-12-31,120,\n", encoding="utf-8")
    actuals = load_actuals(tmp_path, [FLOW], engine="python")
    assert [o.value for o in actuals.get("p", "i")] == [120]
    assert [(o.value, o.context) for o in actuals.context_of("p", "i")] == [(179, True)]
    assert actuals.rows == 2
    (tmp_path / "a.csv").write_text("plan,indicator,date,value,use\np,i,2020-12-31,179,ctx\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        load_actuals(tmp_path, [FLOW], engine="python")
    assert [str(x) for x in e.value.errors] == [f'{tmp_path / "a.csv"}:2:5: "ctx": use must be verdict (or blank) '
                                                "or context"]
