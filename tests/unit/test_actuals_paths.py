"""The column-wise reader and the row reader must read any file to the same result."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import plancheck.actuals as actuals_module
import plancheck.helper as helper_module
import plancheck.process as process_module
from plancheck.actuals import _period, _plain_numbers, _Reader, load_actuals
from plancheck.plans import InputErrors
from tests.builders import NEEDS_FORK, count_forks, plan_of, target, with_helper

PLAN = plan_of(target(unit="家"))

cells = st.sampled_from(["1", "12", "1,540", "2.5", "1.540", "１５４０", " 7 ", "x", "", "3万", "-4"])
dates = st.sampled_from(["2020-01-31", "2020-02-29", "2020/03/31", "2020年4月", "2020", "12/06/2020", "2020-02-29"])
names = st.sampled_from([("p", "i"), ("p", "i"), ("p", "j"), ("q", "i")])
units = st.sampled_from(["", "家", "家", " 家", "万家", "亿元"])


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
@given(rows=st.lists(st.tuples(names, dates, cells, units), max_size=12), crlf=st.booleans(), blank=st.booleans(),
       quoted=st.booleans(), split=st.integers(min_value=0, max_value=12), with_units=st.booleans(),
       copies=st.integers(min_value=1, max_value=6), grouped=st.booleans())
@example(rows=[(("p", "i"), "2020-01-31", "1", "家"), (("p", "i"), "2020-02-29", "1", ""),
               (("p", "i"), "2020-02-29", "1", "家")], crlf=False, blank=False, quoted=False, split=0,
         with_units=True, copies=1, grouped=True)  # a repeat whose unit cell differs: the first read is kept
def test_fast_and_row_readers_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    rows: list[tuple[tuple[str, str], str, str, str]], crlf: bool, blank: bool,
                                    quoted: bool, split: int, with_units: bool, copies: int,
                                    grouped: bool) -> None:
    # Unquoted LF files take the split-text path, the others csv.reader's; an unquoted "1,540" is a
    # row with one cell too many, which every path must report alike. The rows are written to one
    # file, or split between two (an indicator's rows then come from both). Copied and grouped by
    # indicator, the rows make runs long enough to be read as runs; copied as they are, they repeat
    # with a period, as in a file that lists the same indicators for every date.
    if copies > 1:
        rows = sorted(rows * copies, key=lambda r: r[0]) if grouped else rows * copies
    end = "\r\n" if crlf else "\n"
    q = '"' if quoted else ""
    header = "plan,indicator,date,value" + (",unit" if with_units else "")
    lines = [f"{p},{i},{d},{q}{v}{q}" + (f",{u}" if with_units else "") for (p, i), d, v, u in rows]
    if blank and rows:
        lines.insert(1, "")
    folder = tmp_path / "actuals"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    parts = [lines[:split], lines[split:]] if 0 < split < len(lines) else [lines]
    for k, part in enumerate(parts):
        (folder / f"{k}.csv").write_text(end.join([header, *part]) + end, encoding="utf-8")
    assert _load(folder, True, monkeypatch) == _load(folder, False, monkeypatch)


@pytest.mark.parametrize(("names", "units", "period"), [
    ("abab", None, 2), ("abcabcab", None, 3), ("aa", None, 1), ("aba", None, None), ("abac", None, None),
    ("abab", "xyxy", 2), ("abab", "xyyy", None), ("aabaab", None, None),
])
def test_period_of_rows_listed_alike_for_every_date(names: str, units: str | None, period: int | None) -> None:
    assert _period(["p"] * len(names), list(names), list(units) if units else None) == period


@pytest.mark.parametrize(("values", "plain"), [
    (["12", "3.45", "-1"], True), (["1540"], True), (["12", ""], False), (["1.", "2"], False),
    (["１２"], False), (["²"], False), (["12", "1.2.3"], False), (["-"], False), (["1,540"], False),
])
def test_plain_numbers_are_exactly_the_plain_decimals(values: list[str], plain: bool) -> None:
    assert _plain_numbers(values) is plain


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


# ── reading in two processes ─────────────────────────────────────────────────────────────────────

def _folder(tmp_path: Path) -> Path:
    """Files of every kind the readers take: grouped runs, date order, a messy one, repeats across files."""
    folder = tmp_path / "actuals"
    folder.mkdir()
    months = [f"2020-{m:02d}-28" for m in range(1, 13)]
    (folder / "1-grouped.csv").write_text(
        "plan,indicator,date,value,source\n" + "".join(f"p,i,{d},{k},月报{k}\n" for k, d in enumerate(months)),
        encoding="utf-8")
    (folder / "2-by-date.csv").write_text(
        "plan,indicator,date,value\n" + "".join(f"p,j,{d},{k}\np,i,{d},{k}\n" for k, d in enumerate(months)),
        encoding="utf-8")
    (folder / "3-messy.csv").write_text('plan,indicator,date,value\r\n p ,j,2021-01-31,"1,540"\r\n', encoding="utf-8")
    (folder / "4-late.csv").write_text("plan,indicator,date,value,unit\np,i,2021-06-30,20,家\n", encoding="utf-8")
    return folder


def _two_plans() -> list[Any]:
    i = PLAN.indicators[0]
    j = replace(i, id="j", targets=tuple(replace(t, indicator="j") for t in i.targets))
    return [replace(PLAN, indicators=(i, j))]


def _everything(folder: Path) -> Any:
    try:
        actuals = load_actuals(folder, _two_plans())
    except InputErrors as e:
        return [str(x) for x in e.errors]
    return {key: [tuple(o) for o in s] for key, s in actuals.series.items()}


@NEEDS_FORK
@pytest.mark.parametrize("broken", [False, True])
def test_reading_in_two_processes_reads_what_one_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      broken: bool) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setenv("PLANCHECK_JOBS", "1")
    alone = _everything(folder)
    with_helper(monkeypatch)
    forks = count_forks(monkeypatch)
    if broken:  # a helper that fails: its files are read here instead
        monkeypatch.setattr(helper_module, "_encode", lambda *a: 1 / 0)
    assert _everything(folder) == alone
    assert forks == [1]
    assert isinstance(alone, dict) and len(alone[("p", "i")]) == 13 and len(alone[("p", "j")]) == 13


@NEEDS_FORK
def test_errors_in_both_halves_come_in_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    (folder / "0-bad.csv").write_text("plan,indicator,date,value\np,x,2020-01-31,1\n", encoding="utf-8")
    (folder / "5-bad.csv").write_text("plan,indicator,date,value\np,i,2020-01-28,999\n", encoding="utf-8")
    monkeypatch.setenv("PLANCHECK_JOBS", "1")
    alone = _everything(folder)
    with_helper(monkeypatch)
    assert _everything(folder) == alone
    assert [m.split(":")[0].rsplit("/", 1)[1] for m in alone] == ["0-bad.csv", "5-bad.csv"]


class _Echo:
    """A share whose work is the observations of the indicators that are its to do."""

    def work(self, plans: list[Any], actuals: Any, mine: Any) -> dict[Any, Any]:
        return {key: [tuple(o) for o in s] for key, s in actuals.series.items() if mine(key)}


def _with_late_indicator(folder: Path) -> list[Any]:
    """Add an indicator k found only in the last file (which the helper reads); return the plans."""
    (folder / "5-only-k.csv").write_text("plan,indicator,date,value\n" + "".join(
        f"p,k,2020-{m:02d}-28,{m}\n" for m in range(1, 13)), encoding="utf-8")
    (plan,) = _two_plans()
    i = plan.indicators[0]
    k = replace(i, id="k", targets=tuple(replace(t, indicator="k") for t in i.targets))
    return [replace(plan, indicators=(*plan.indicators, k))]


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _split_at(monkeypatch: pytest.MonkeyPatch, folder: Path, name: str, fraction: float) -> None:
    """Read in two processes, split in the file ``name`` at ``fraction`` of its bytes (0: before it)."""
    files = actuals_module.actuals_files(folder)
    k = [p.name for p in files].index(name)
    offset = int(files[k].stat().st_size * fraction)
    monkeypatch.delenv("PLANCHECK_JOBS", raising=False)
    monkeypatch.setattr(helper_module, "split_point", lambda files, sharing: (k, offset))


@NEEDS_FORK
@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize(("name", "fraction", "kept"), [
    ("3-messy.csv", 0, {("p", "k")}),  # i and j are on both sides: merged here; k stays
    ("2-by-date.csv", 0.5, {("p", "k")}),  # a cut file: its head here, its tail in the helper
    ("3-messy.csv", 0.5, {("p", "k")}),  # quoted: never cut, read whole here
    ("5-only-k.csv", 0.5, set()),  # k on both sides of the cut: nothing to keep
])
def test_a_helper_keeps_the_indicators_only_it_read_and_works_on_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool, name: str, fraction: float,
        kept: set[tuple[str, str]]) -> None:
    folder = _folder(tmp_path)
    plans = _with_late_indicator(folder)
    monkeypatch.setenv("PLANCHECK_JOBS", "1")
    alone = load_actuals(folder, plans)
    expected = {key: [tuple(o) for o in s] for key, s in alone.series.items()}
    _split_at(monkeypatch, folder, name, fraction)
    here = os.getpid()
    if broken:  # the helper fails at its work: the work is done here instead
        echo = _Echo.work
        monkeypatch.setattr(_Echo, "work", lambda self, p, a, m: 1 / 0 if os.getpid() != here else echo(self, p, a, m))
    split = load_actuals(folder, plans, _Echo())
    assert split.elsewhere == kept and not kept & split.series.keys()
    theirs = {}
    if kept:
        with pytest.raises(LookupError):
            split.get("p", "k")
        assert split.handoff is not None
        theirs = split.handoff.result()
        split.handoff.close()
        assert list(theirs) == [("p", "k")]
    else:
        assert split.handoff is None
    assert {key: [tuple(o) for o in s] for key, s in split.series.items()} | theirs == expected
    assert len(expected[("p", "k")]) == 12 and len(expected[("p", "i")]) == 13
    assert _no_child_left()


@NEEDS_FORK
@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8])
def test_a_file_cut_in_two_reports_each_problem_once_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 fraction: float) -> None:
    folder = tmp_path / "actuals"
    folder.mkdir()
    rows = [f"p,i,2020-{m:02d}-28,{m}" for m in range(1, 13)] + [f"p,j,2020-{m:02d}-28,{m}" for m in range(1, 13)]
    rows[5] = "p,i,2020-06-28,x"  # line 7: not a number
    rows[20] = "p,j,2020-01-28,99"  # line 22: conflicts with line 14
    rows.append("p,zz,2020-01-28,1")  # line 26: unknown indicator
    (folder / "a.csv").write_text("plan,indicator,date,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    plans = _two_plans()
    monkeypatch.setenv("PLANCHECK_JOBS", "1")
    with pytest.raises(InputErrors) as alone:
        load_actuals(folder, plans)
    _split_at(monkeypatch, folder, "a.csv", fraction)
    with pytest.raises(InputErrors) as split:
        load_actuals(folder, plans, _Echo())
    assert [str(e) for e in split.value.errors] == [str(e) for e in alone.value.errors]
    assert [e.line for e in alone.value.errors] == [7, 26, 22]
    assert _no_child_left()


def _sized(folder: Path, *mib: float) -> list[Path]:
    """Files of the given sizes in MiB (sparse: nothing is written)."""
    folder.mkdir()
    for n, size in enumerate(mib):
        with open(folder / f"{n}.csv", "wb") as f:
            f.truncate(int(size * (1 << 20)))
    return actuals_module.actuals_files(folder)


@pytest.mark.parametrize(("mib", "sharing", "split"), [
    ((10, 10, 10, 10), True, (2, 0)),  # a file boundary at the balance point
    ((11, 11, 11), True, (1, int(5.5 * (1 << 20)))),  # the middle file is cut in two
    ((60,), True, (0, 30 << 20)),  # one large file is cut in two
    ((60,), False, (0, int(60 * 1.15 / 2.15 * (1 << 20)))),  # the helper's bytes cost more: it gets fewer
    ((11, 11, 11, 11, 11, 7), True, (3, 0)),  # a boundary 2 MiB (< 62/16) past the balance point
    ((6, 6), True, (1, 0)),  # a boundary at the balance point of 12 MiB
    ((5, 0.5, 5), True, (1, 0)),  # 0.25 MiB from a boundary: no cut in a small file
    ((2, 3, 2), True, None),  # less than SPLIT_BYTES
])
def test_reading_is_split_where_both_processes_finish_together(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mib: tuple[float, ...], sharing: bool,
        split: tuple[int, int] | None) -> None:
    monkeypatch.delenv("PLANCHECK_JOBS", raising=False)
    monkeypatch.setattr(process_module, "usable_cpus", lambda: 2)
    monkeypatch.setattr(sys, "platform", "linux")
    assert helper_module.split_point(_sized(tmp_path / "a", *mib), sharing) == split


@NEEDS_FORK
@pytest.mark.parametrize("bad", ["0-bad.csv", "6-bad.csv"])
def test_with_a_bad_row_on_either_side_the_helper_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                bad: str) -> None:
    folder = _folder(tmp_path)
    plans = _with_late_indicator(folder)
    (folder / bad).write_text("plan,indicator,date,value\np,k,2020-01-28,999\n", encoding="utf-8")
    monkeypatch.setenv("PLANCHECK_JOBS", "1")
    with pytest.raises(InputErrors) as alone:
        load_actuals(folder, plans)
    with_helper(monkeypatch)
    with pytest.raises(InputErrors) as split:
        load_actuals(folder, plans, _Echo())
    assert [str(e) for e in split.value.errors] == [str(e) for e in alone.value.errors]
    assert len(alone.value.errors) == 1 and "p/k on 2020-01-28 is" in str(alone.value.errors[0])
    assert _no_child_left()


@NEEDS_FORK
@pytest.mark.parametrize("chinese_in", ["head", "tail"])
def test_a_cut_file_that_is_not_utf8_is_read_as_one_process_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     chinese_in: str) -> None:
    # GB18030 as Excel saves it. The part without Chinese is valid UTF-8 too, and its bytes C3 A9 read
    # as "é" in UTF-8 but as "茅" in GB18030, which the file as a whole is read as.
    folder = tmp_path / "actuals"
    folder.mkdir()
    rows = [b"p,i,2020-%02d-28,%d,%s,%s\n" % (m, m, *(("家".encode("gb18030"), b"") if (m > 6) == (chinese_in == "tail")
                                                    else (b"", b"\xc3\xa9"))) for m in range(1, 13)]
    (folder / "a.csv").write_bytes(b"plan,indicator,date,value,unit,source\n" + b"".join(rows))
    monkeypatch.setenv("PLANCHECK_JOBS", "1")
    alone = load_actuals(folder, [PLAN])
    _split_at(monkeypatch, folder, "a.csv", 0.5)
    forks = count_forks(monkeypatch)
    split = load_actuals(folder, [PLAN], _Echo())
    assert forks == [1] and split.handoff is None
    assert [tuple(o) for o in split.get("p", "i")] == [tuple(o) for o in alone.get("p", "i")]
    assert len(alone.get("p", "i")) == 12 and "茅" in {o.source for o in alone.get("p", "i")}
    assert _no_child_left()
