"""The column-wise reader and the row reader must read any file to the same result."""

from __future__ import annotations

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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(names, dates, cells), max_size=12), crlf=st.booleans(), blank=st.booleans())
def test_fast_and_row_readers_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    rows: list[tuple[tuple[str, str], str, str]], crlf: bool, blank: bool) -> None:
    end = "\r\n" if crlf else "\n"
    lines = ["plan,indicator,date,value"] + [f'{p},{i},{d},"{v}"' for (p, i), d, v in rows]
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
