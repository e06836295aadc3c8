"""Actuals files: exact values, units converted, conflicts and unknown names reported at file:row:column."""

from decimal import Decimal
from pathlib import Path

import pytest

from plancheck.load.actuals import load_actuals
from plancheck.load.files import InputErrors
from tests.builders import plan_of, target

PLAN = plan_of(target(unit="亿元"))
HEADER = "plan,indicator,date,value,unit,source,note\n"


def write(tmp_path: Path, name: str, body: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes((HEADER + body).encode(encoding))
    return p


def errors(where: Path) -> list[str]:
    with pytest.raises(InputErrors) as e:
        load_actuals(where, [PLAN])
    return [str(x) for x in e.value.errors]


def test_values_as_people_write_them(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", 'p,i,2020-03-31,"1,540",,,\np,i,2020-06-30,12345万元,,,\np,i,2020-09-30,2.5,亿元,,\n')
    values = [o.value for o in load_actuals(tmp_path, [PLAN]).get("p", "i")]
    assert values == [Decimal(1540), Decimal("1.2345"), Decimal("2.5")]


def test_bom_and_gb18030_are_read(tmp_path: Path) -> None:
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + (HEADER + "p,i,2020-03-31,1,,来源,\n").encode())
    write(tmp_path, "gbk.csv", "p,i,2020-06-30,2,,国家统计局,\n", encoding="gb18030")
    series = load_actuals(tmp_path, [PLAN]).get("p", "i")
    assert [o.source for o in series] == ["来源", "国家统计局"]


def test_files_merge_and_identical_duplicates_are_harmless(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", "p,i,2020-03-31,1,,,\n")
    write(tmp_path, "b.csv", "p,i,2020-03-31,1.0,,,\np,i,2020-06-30,2,,,\n")
    assert len(load_actuals(tmp_path, [PLAN])) == 2


def test_conflicting_duplicate_names_both_rows(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", "p,i,2020-03-31,1,,,\n")
    write(tmp_path, "b.csv", "\np,i,2020-03-31,2,,,\n")
    (msg,) = errors(tmp_path)
    assert msg.startswith(f"{tmp_path / 'b.csv'}:3:4: ")
    assert f"{tmp_path / 'a.csv'}:2" in msg


def _month_ends(n: int) -> list[str]:
    from datetime import date, timedelta

    return [str(date(2020 + (m + 1) // 12, (m + 1) % 12 + 1, 1) - timedelta(days=1)) for m in range(n)]


def test_a_long_run_with_a_repeated_row_keeps_one(tmp_path: Path) -> None:
    # 24 rows of one indicator in one file: read as a view of the file, once checked for repeats.
    days = _month_ends(24)
    rows = [f"p,i,{d},{k},,," for k, d in enumerate(days)]
    rows.insert(10, rows[9])
    write(tmp_path, "a.csv", "\n".join(rows) + "\n")
    series = load_actuals(tmp_path, [PLAN]).get("p", "i")
    assert [str(o.date) for o in series] == days
    assert [o.line for o in series] == [*range(2, 12), *range(13, 27)]


def test_a_long_run_with_a_conflicting_row_names_both(tmp_path: Path) -> None:
    days = _month_ends(24)
    rows = [f"p,i,{d},{k},,," for k, d in enumerate(days)]
    rows.insert(10, f"p,i,{days[9]},99,,,")
    path = write(tmp_path, "a.csv", "\n".join(rows) + "\n")
    (msg,) = errors(path)
    assert msg.startswith(f"{path}:12:4: p/i on {days[9]} is 99 here but 9 at {path}:11")


def test_a_long_run_out_of_date_order_is_sorted(tmp_path: Path) -> None:
    days = _month_ends(24)
    rows = [f"p,i,{d},{k},,," for k, d in enumerate(days)]
    rows[3], rows[17] = rows[17], rows[3]
    write(tmp_path, "a.csv", "\n".join(rows) + "\n")
    series = load_actuals(tmp_path, [PLAN]).get("p", "i")
    assert [str(o.date) for o in series] == days
    assert [o.value for o in series] == list(range(24))


def test_not_a_number_names_row_and_column(tmp_path: Path) -> None:
    (msg,) = errors(write(tmp_path, "a.csv", "p,i,2020-03-31,12x,,,\n"))
    assert msg == f'{tmp_path / "a.csv"}:2:4: "12x": cannot convert x to 亿元 (the indicator is measured in 亿元)'
    (msg,) = errors(write(tmp_path, "a.csv", "p,i,2020-03-31,x12,,,\n"))
    assert msg == f'{tmp_path / "a.csv"}:2:4: "x12" is not a number'


def test_unknown_indicator_suggests_the_closest(tmp_path: Path) -> None:
    plan = plan_of(target())
    p = tmp_path / "a.csv"
    p.write_text("plan,indicator,date,value\np,ii,2020-03-31,1\nq,i,2020-03-31,1\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        load_actuals(p, [plan])
    first, second = map(str, e.value.errors)
    assert first.endswith(':2:2: unknown indicator "ii" in plan p; did you mean "i"?')
    assert ':3:1: unknown plan "q"' in second


def test_unit_of_another_dimension_is_refused(tmp_path: Path) -> None:
    (msg,) = errors(write(tmp_path, "a.csv", "p,i,2020-03-31,3,亿美元,,\n"))
    assert ':2:4: "3": cannot convert 亿美元 to 亿元' in msg


def test_unknown_column_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("plan,indicator,date,valeu\n", encoding="utf-8")
    (msg,) = errors(p)
    assert msg.endswith(':1:4: unknown column "valeu"; did you mean "value"?')


def test_bad_date(tmp_path: Path) -> None:
    (msg,) = errors(write(tmp_path, "a.csv", "p,i,12/06/2020,1,,,\n"))
    assert ":2:3: " in msg and "12/06/2020" in msg


def test_a_multiplied_counted_unit_takes_decimals(tmp_path: Path) -> None:
    plan = plan_of(target(unit="万户"))
    p = tmp_path / "a.csv"
    p.write_text("plan,indicator,date,value\np,i,2020-03-31,25.03\np,i,2020-06-30,25.00001\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        load_actuals(p, [plan])
    (msg,) = map(str, e.value.errors)  # 25.03 万户 = 250,300 户 is whole; 25.00001 万户 = 250,000.1 户 is not
    assert ':3:4: "25.00001" 万户 is not a whole number of 户' in msg


def test_an_unknown_plan_among_many_is_one_short_line(tmp_path: Path) -> None:
    from dataclasses import replace

    from plancheck.cli.run import select_plans
    from plancheck.errors import UsageProblem

    plans = [replace(plan_of(target()), id=f"county-{n:04d}") for n in range(2800)]
    p = tmp_path / "a.csv"
    p.write_text("plan,indicator,date,value\nzzz,i,2020-03-31,1\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        load_actuals(p, plans)
    advice = "none of the 2800 known plans is close; 'plancheck targets' lists them"
    (msg,) = map(str, e.value.errors)
    assert msg.endswith(f':2:1: unknown plan "zzz"; {advice}')
    with pytest.raises(UsageProblem) as u:
        select_plans(plans, ("zzz",))
    assert str(u.value) == f'unknown plan "zzz"; {advice}'
    with pytest.raises(UsageProblem) as u:
        select_plans(plans[:3], ("zzz",))
    assert str(u.value) == 'unknown plan "zzz"; known plans: county-0000, county-0001, county-0002'
