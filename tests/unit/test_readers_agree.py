"""The pure-Python reader and the columnar engine read any file to the same result: the same
observations, or the same problems in the same words at the same places."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plancheck.load.actuals import load_actuals
from plancheck.load.files import InputErrors
from plancheck.model import Kind
from tests.builders import plan_of, target
from tests.optional import needs_engine

pytestmark = needs_engine

PLAN = plan_of(target(unit="家"))
EVENTS = plan_of(target(Kind.MILESTONE, None, None, unit=""))

cells = st.sampled_from(["1", "12", "1,540", "2.5", "1.540", "１５４０", " 7 ", "x", "", "3万", "-4", "done", "−5",
                         "12x", "1" * 30, "0.5", "1e3", "7\u3000"])
dates = st.sampled_from(["2020-01-31", "2020-02-29", "2020/03/31", "2020年4月", "2020", "12/06/2020", "2020-02-29",
                         " 2020-05-31", "2020-13-01"])
names = st.sampled_from([("p", "i"), ("p", "i"), ("p", "j"), ("q", "i"), (" p", "i "), ("", "")])
units = st.sampled_from(["", "家", "家", " 家", "万家", "亿元"])
uses = st.sampled_from(["", "", "verdict", "context", " Context", "ctx"])


def load(folder: Path, engine: str, plan: Any = PLAN) -> Any:
    try:
        actuals = load_actuals(folder, [plan], engine=engine)
    except InputErrors as e:
        return [str(x) for x in e.errors]
    return [(o.date, o.value, o.value.as_tuple(), o.raw, o.source, o.note, o.path, o.line, o.context)
            for o in [*actuals.get("p", "i"), *actuals.context_of("p", "i")]], actuals.rows, actuals.notes


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(names, dates, cells, units), max_size=10), crlf=st.booleans(), blank=st.booleans(),
       quoted=st.booleans(), split=st.integers(min_value=0, max_value=10), with_units=st.booleans(),
       copies=st.integers(min_value=1, max_value=3), milestone=st.booleans(),
       marks=st.none() | st.lists(uses, min_size=10, max_size=10))
@example(rows=[(("p", "i"), "2020-01-31", "1", "家"), (("p", "i"), "2020-02-29", "1", ""),
               (("p", "i"), "2020-02-29", "1", "家")], crlf=False, blank=False, quoted=False, split=0,
         with_units=True, copies=1, milestone=False, marks=None)  # a repeat whose unit cell differs: the first is kept
@example(rows=[(("p", "i"), "2020-01-31", "1", "家"), (("p", "i"), "2020-01-31", "2", "家")], crlf=False,
         blank=False, quoted=False, split=1, with_units=True, copies=1, milestone=False,
         marks=None)  # a conflict across files
@example(rows=[(("p", "i"), "2020-01-31", "1", "家"), (("p", "i"), "2020-01-31", "2", "家")], crlf=False,
         blank=False, quoted=False, split=0, with_units=True, copies=1, milestone=False,
         marks=["context", ""] + [""] * 8)  # a context row beside a value for the same date: both kept
def test_both_readers_read_alike(tmp_path: Path, rows: list[tuple[tuple[str, str], str, str, str]], crlf: bool,
                                 blank: bool, quoted: bool, split: int, with_units: bool, copies: int,
                                 milestone: bool, marks: list[str] | None) -> None:
    # An unquoted "1,540" is a row with one cell too many, which both readers must report alike. The
    # rows are written to one file, or split between two (an indicator's rows then come from both).
    rows = rows * copies
    end = "\r\n" if crlf else "\n"
    q = '"' if quoted else ""
    header = "plan,indicator,date,value,source" + (",unit" if with_units else "") + (",use" if marks else "")
    lines = [f"{p},{i},{d},{q}{v}{q},{q}src {k}{q}" + (f",{u}" if with_units else "")
             + (f",{marks[k % len(marks)]}" if marks else "") for k, ((p, i), d, v, u) in enumerate(rows)]
    if blank and rows:
        lines.insert(1, "")
    folder = tmp_path / "actuals"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    parts = [lines[:split], lines[split:]] if 0 < split < len(lines) else [lines]
    for k, part in enumerate(parts):
        (folder / f"{k}.csv").write_text(end.join([header, *part]) + end, encoding="utf-8")
    plan = EVENTS if milestone else PLAN
    assert load(folder, "polars", plan) == load(folder, "python", plan)


@pytest.mark.parametrize("content", [
    b"", b"plan,indicator,date,value\n", b"plan,indicator,date,value\n\n\n",
    b"plan,indicator,date,value,value\np,i,2020-01-31,1,2\n", b"plan,indicator,date,valeu\n",
    b"plan,indicator,date,value\np,i,2020-01-31,1,2\n", b'plan,indicator,date,value\np,i,2020-01-31,"1\n2"\n',
    b"plan,indicator,date,value\rp,i,2020-01-31,1\r",
    "plan,indicator,date,value\np,i,2020-01-31,１\n".encode("gb18030"),
    b"plan,indicator,date,value\np,i,2020-01-31,\xff\xfe\n",
    b"\xef\xbb\xbfplan,indicator,date,value\np,i,2020-01-31,1\n",
    b'plan,indicator,date,value\np,i,2020-01-31,"1"x\n',
    'plan,indicator,date,value,note\np,i,2020-01-31,1,"a note longer than twelve bytes"é\n'.encode(),
    b'plan,indicator,date,value,note\np,i,2020-01-31,1,a "quoted" word\n',
    b'plan,indicator,date,value,note\np,i,2020-01-31,1,"say ""hi"" now"\n',
    'plan,indicator,date,value,source\np,i,2020-01-31,1,"https://www.example.gov.cn/ghxx7/t2021.html (宝'.encode()[:-1],
])
def test_both_readers_read_odd_files_alike(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "actuals"
    folder.mkdir()
    (folder / "a.csv").write_bytes(content)
    assert load(folder, "polars") == load(folder, "python")


def test_on_many_rows_both_readers_keep_the_first_of_a_repeat(tmp_path: Path) -> None:
    """A repeat among many rows, which the engine joins in parallel: the first read is kept."""
    import dataclasses

    base = plan_of(target(unit="家"))
    ind = base.indicators[0]
    plan = dataclasses.replace(base, indicators=tuple(dataclasses.replace(ind, id=f"i{k}") for k in range(400)))
    lines = ["plan,indicator,date,value"]
    for k in range(400):
        lines += [f"p,i{k},{2000 + y}-12-31,{y}" for y in range(120)]
    lines.insert(30_000, "p,i399,2000-12-31,1")  # repeats i399's first date, with another value...
    lines.insert(10, "p,i399,2000-12-31,2")  # ...and so does this row, read before all of them
    folder = tmp_path / "actuals"
    folder.mkdir()
    (folder / "a.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    python = load(folder, "python", plan)
    assert python == load(folder, "polars", plan)
    assert python[0].endswith("p/i399 on 2000-12-31 is 1 here but 2 at " + str(folder / "a.csv") + ":11; "
                              "keep one of the two rows")
