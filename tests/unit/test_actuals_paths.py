"""The column-wise reader and the row reader must read any file to the same result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.actuals import _Reader, load_actuals
from plancheck.plans import InputErrors
from tests.builders import plan_of, target

PLAN = plan_of(target(unit="家"))

cells = st.sampled_from(["1", "12", "1,540", "2.5", "1.540", "１５４０", " 7 ", "x", "", "3万", "-4"])
dates = st.sampled_from(["2020-01-31", "2020-02-29", "2020/03/31", "2020年4月", "2020", "12/06/2020", "2020-02-29"])
names = st.sampled_from([("p", "i"), ("p", "i"), ("p", "j"), ("q", "i")])


def _load(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    if not fast:
        monkeypatch.setattr(_Reader, "_fast", lambda *a, **k: None)
    try:
        series = load_actuals(path, [PLAN]).get("p", "i")
        return [(o.date, o.value, o.raw, o.line) for o in series]
    except InputErrors as e:
        return [str(x) for x in e.errors]
    finally:
        monkeypatch.undo()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(names, dates, cells), max_size=12), crlf=st.booleans(), blank=st.booleans(),
       quoted=st.booleans())
def test_fast_and_row_readers_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    rows: list[tuple[tuple[str, str], str, str]], crlf: bool, blank: bool,
                                    quoted: bool) -> None:
    # Unquoted LF files take the split-text path, the others csv.reader's; an unquoted "1,540" is a
    # row with one cell too many, which every path must report alike.
    end = "\r\n" if crlf else "\n"
    q = '"' if quoted else ""
    lines = ["plan,indicator,date,value"] + [f"{p},{i},{d},{q}{v}{q}" for (p, i), d, v in rows]
    if blank and rows:
        lines.insert(2, "")
    path = tmp_path / "a.csv"
    path.write_text(end.join(lines) + end, encoding="utf-8")
    assert _load(path, True, monkeypatch) == _load(path, False, monkeypatch)


def test_messy_but_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    text = 'plan,indicator,date,value \r\n\r\n p ,i,2020年12月31日," 1,540 "\r\np,i,2020-06,１５４\r\n'
    path.write_bytes(text.encode())
    series = load_actuals(path, [PLAN]).get("p", "i")
    assert [(str(o.date), o.value, o.line) for o in series] == [("2020-06-30", 154, 4), ("2020-12-31", 1540, 3)]
    assert [o.raw for o in series] == ["１５４", "1,540"]


def test_plain_file_is_read_without_the_csv_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_csv(*_: object) -> None:
        raise AssertionError("a file without quotes or carriage returns needs no csv.reader")

    monkeypatch.setattr("plancheck.actuals._csv_reader", no_csv)
    path = tmp_path / "a.csv"
    path.write_text("plan,indicator,date,value\np,i,2020-01-31,1\np,j,2020-01-31,9\np,i,2020-02-29,2", encoding="utf-8")
    i = PLAN.indicators[0]
    j = replace(i, id="j", targets=tuple(replace(t, indicator="j") for t in i.targets))
    actuals = load_actuals(path, [replace(PLAN, indicators=(i, j))])
    got = [(str(o.date), o.value, o.line) for o in actuals.get("p", "i")]
    assert got == [("2020-01-31", 1, 2), ("2020-02-29", 2, 4)]
    assert [(o.value, o.line) for o in actuals.get("p", "j")] == [(9, 3)]


def test_a_row_with_a_cell_too_many_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("plan,indicator,date,value\np,i,2020-01-31,1\np,i,2020-02-29,1,540\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        load_actuals(path, [PLAN])
    assert [str(x) for x in e.value.errors] == [
        f"{path}:3:5: the row has 5 cells but the header 4; quote cells that contain commas"]
