"""Issue-level behaviour of verdicts through the command line: what --status changes, numbers as
written, targets outside their plan's period, values in the target's unit, bounds in both readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import MINI_PLAN, invoke, problems
from tests.acceptance.test_cases import READERS


def _repo(tmp_path: Path, plan: str = MINI_PLAN, rows: str = "") -> list[str]:
    (tmp_path / "plans").mkdir(exist_ok=True)
    (tmp_path / "actuals").mkdir(exist_ok=True)
    (tmp_path / "plans" / "mini.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "actuals" / "a.csv").write_text("plan,indicator,date,value,unit\n" + rows, encoding="utf-8")
    return ["--plans", str(tmp_path / "plans"), "--actuals", str(tmp_path / "actuals")]


def _json(args: list[str]) -> tuple[int, dict[str, object]]:
    r = invoke(["status", *args, "--format", "json"])
    assert r.exit_code != ExitCode.INVALID_INPUT, r.stderr
    return r.exit_code, json.loads(r.stdout)


def test_status_filters_what_is_shown_never_what_is_judged(tmp_path: Path) -> None:
    args = [*_repo(tmp_path, rows="mini,new-hte,2020-05-31,120,\nmini,hte-in-force,2020-05-31,1350,\n"),
            "--as-of", "2020-06-01"]
    code, everything = _json(args)
    filtered_code, filtered = _json([*args, "--status", "on_track"])
    assert filtered_code == code == ExitCode.LAGGING
    assert filtered["summary"] == everything["summary"] and filtered["worst"] == everything["worst"] == "lagging"
    assert filtered["shown"] == {"results": 1, "of": 2} and "shown" not in everything
    assert [x["indicator"] for x in filtered["results"]] == ["new-hte"]  # type: ignore[index]
    plain = invoke(["status", *args, "--format", "plain", "--lang", "en", "--status", "on_track"]).stdout
    assert "shown 1 of 2" in plain


@pytest.mark.parametrize("engine", READERS)
@pytest.mark.parametrize(("cell", "unit", "value"), [("1.2万", "", 12000), ("−1,350", "", None), ("－1350", "", None),
                                                     ("0.135", "万家", None)])
def test_numbers_as_written_in_both_readers(tmp_path: Path, engine: str, cell: str, unit: str,
                                            value: int | None) -> None:
    rows = f'mini,new-hte,2020-05-31,"{cell}",{unit}\n'
    r = invoke(["status", *_repo(tmp_path, rows=rows), "--engine", engine, "--format", "json", "--as-of", "2020-06-01"])
    if value is None and cell.startswith(("−", "－")):  # a minus however typed: a flow may fall
        (x,) = [x for x in json.loads(r.stdout)["results"] if x["indicator"] == "new-hte"]
        assert x["actual"]["value"] == -1350
        return
    assert r.exit_code != ExitCode.INVALID_INPUT, r.stderr
    (x,) = [x for x in json.loads(r.stdout)["results"] if x["indicator"] == "new-hte"]
    expected = 12000 if value is not None else 1350
    assert x["actual"]["value"] == expected and isinstance(x["actual"]["value"], int)


def test_an_integral_base_value_is_an_integer(tmp_path: Path) -> None:
    plan = MINI_PLAN.replace("unit: 家\n    targets:\n      - {op: \">=\", value: 250",
                             "unit: 亿美元\n    targets:\n      - {op: \">=\", value: 6.788")
    r = invoke(["targets", "--plans", _repo(tmp_path, plan)[1], "--format", "json"])
    t = json.loads(r.stdout)["targets"][0]
    assert (t["value"], t["base_value"]) == (6.788, 678800000)
    assert '"base_value": 678800000,' in r.stdout


@pytest.mark.parametrize(("old", "new", "words"), [
    ("deadline: 2020-12-31, sources: [{section: 一, quote: 新增", "year: 2025, sources: [{section: 一, quote: 新增",
     "indicators[0].targets[0].year: 2025 is outside the plan period 2020-01-01 – 2020-12-31"),
    ("deadline: 2020-12-31, sources: [{section: 一, quote: 新增",
     "deadline: 2021-03-31, sources: [{section: 一, quote: 新增", "deadline: 2021-03-31 is outside the plan period"),
    ("period: {start: 2020-01-01, end: 2020-12-31}", "period: {start: 2020-01-01, end: 2021-06-30}",
     "every_year needs a plan period of whole calendar years"),
])
def test_targets_outside_their_plans_period(tmp_path: Path, old: str, new: str, words: str) -> None:
    plan = MINI_PLAN.replace(old, new)
    if "every_year" in words:
        plan = plan.replace("deadline: 2020-12-31, sources: [{section: 一, quote: 新增",
                            "every_year: true, sources: [{section: 一, quote: 新增")
    r = invoke(["validate", *_repo(tmp_path, plan)])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert ":11:" in line and words in line


def test_context_is_shown_in_the_targets_unit(tmp_path: Path) -> None:
    plan = MINI_PLAN.replace("unit: 家\n    targets:\n      - {op: \">=\", value: 250",
                             "unit: 亿元\n    targets:\n      - {op: \">=\", value: 40")
    rows = "mini,new-hte,2020-05-31,12,\nmini,new-hte,2021-06-30,\"301,000\",万元\n"
    out = invoke(["status", *_repo(tmp_path, plan, rows), "--format", "plain", "--lang", "en",
                  "--as-of", "2021-07-01"]).stdout
    assert "after deadline: 30.1 亿元 (2021-06-30)" in out and "301,000" not in out


@pytest.mark.parametrize("engine", READERS)
def test_a_bound_through_both_readers(tmp_path: Path, engine: str) -> None:
    rows = "mini,hte-in-force,2020-12-31,>1540,\n"
    _, data = _json([*_repo(tmp_path, rows=rows), "--engine", engine, "--as-of", "2021-01-01"])
    (x,) = [x for x in data["results"] if x["indicator"] == "hte-in-force"]  # type: ignore[attr-defined]
    assert (x["status"], x["actual"]["bound"], x["actual"]["observation"]["bound"]) == ("met", ">", ">")
    rows = "mini,hte-in-force,2020-12-31,>1500,\n"
    _, data = _json([*_repo(tmp_path, rows=rows), "--engine", engine, "--as-of", "2021-01-01"])
    (x,) = [x for x in data["results"] if x["indicator"] == "hte-in-force"]  # type: ignore[attr-defined]
    assert x["status"] == "pending" and "does not settle" in x["explanation"]


def test_json_carries_the_measures(tmp_path: Path) -> None:
    rows = "mini,new-hte,2020-06-30,100,\n"
    _, data = _json([*_repo(tmp_path, rows=rows), "--as-of", "2020-06-30"])
    (x,) = [x for x in data["results"] if x["indicator"] == "new-hte"]  # type: ignore[attr-defined]
    assert x["projection"] == {"value": 200.0, "needed_per_month": 25.0, "months_left": 6.0}
    assert x["growth_measure"] is None and x["stale"] is None and x["actual"]["bound"] is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_displays_the_measures(tmp_path: Path, lang: str) -> None:
    plan = MINI_PLAN.replace("period: {start: 2020-01-01, end: 2020-12-31}",
                             "period: {start: 2020-01-01, end: 2022-12-31}")
    plan = plan.replace("value: 1540\n        deadline: 2020-12-31", "value: 1540\n        deadline: 2022-12-31")
    rows = "mini,hte-in-force,2021-06-30,1400,\n"
    out = invoke(["show", *_repo(tmp_path, plan, rows), "mini", "hte-in-force", "--as-of", "2021-12-31",
                  "--lang", lang]).stdout
    words = {"zh": ("预计期末", "每月需", "复合增长", "个月"), "en": ("projected at the deadline", "needed per month",
                                                              "compound growth", "months")}[lang]
    assert all(w in out for w in words), out


def test_progress_from_a_published_bound_carries_its_sign(tmp_path: Path) -> None:
    # More than 1,600 firms against 1,290 → 1,540: more than 124% of the way, and more than so many points ahead.
    args = _repo(tmp_path, MINI_PLAN)
    (tmp_path / "actuals" / "a.csv").write_text("plan,indicator,date,value\nmini,hte-in-force,2020-06-30,>1600\n",
                                                encoding="utf-8")
    r = invoke(["status", *args, "--as-of", "2020-07-01", "--format", "plain", "--lang", "en", "--all"])
    (row,) = [line for line in r.stdout.splitlines() if "hte-in-force" in line]
    assert "> 124.0%" in row and "(> +74.0 pp)" in row
    (tmp_path / "actuals" / "a.csv").write_text("plan,indicator,date,value\nmini,hte-in-force,2020-06-30,<1300\n",
                                                encoding="utf-8")
    r = invoke(["status", *args, "--as-of", "2020-07-01", "--format", "plain", "--lang", "en", "--all"])
    (row,) = [line for line in r.stdout.splitlines() if "hte-in-force" in line]
    assert "< 4.0%" in row
