"""plancheck template: a file for the people who collect the figures, which, filled in, status reads
as it reads a plain actuals file; rows left empty are counted as not reported yet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import invoke


def _template(repo: Path, *args: str) -> list[dict[str, str]]:
    r = invoke(["template", "mini", *args], cwd=repo)
    assert r.exit_code == ExitCode.OK, r.output
    assert r.stdout.startswith("\ufeffplan,indicator,date,value,unit,source,note,name,name_en,target\n")
    return list(csv.DictReader(io.StringIO(r.stdout.removeprefix("\ufeff"))))


def test_one_row_per_indicator_and_month_end_of_the_plans_period(repo: Path) -> None:
    rows = _template(repo, "--lang", "en")
    assert len(rows) == 24  # two indicators, twelve month ends of 2020
    assert [(r["indicator"], r["date"]) for r in rows[:3]] == [
        ("new-hte", "2020-01-31"), ("hte-in-force", "2020-01-31"), ("new-hte", "2020-02-29")]
    first = rows[1]
    assert first["value"] == "" and first["unit"] == "家" and first["plan"] == "mini"
    assert first["name"] == "有效国家高新技术企业数量" and first["target"] == "≥ 1,540 家 · 2020-12-31"


def test_quarters_years_and_a_range(repo: Path) -> None:
    assert [r["date"] for r in _template(repo, "--every", "quarter")][::2] == [
        "2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"]
    assert [r["date"] for r in _template(repo, "--every", "year")] == ["2020-12-31"] * 2
    assert [r["date"] for r in _template(repo, "--from", "2020-05", "--to", "2020/06/30")][::2] == [
        "2020-05-31", "2020-06-30"]
    r = invoke(["template", "mini", "--from", "2020-07-01", "--to", "2020-06-30"], cwd=repo)
    assert r.exit_code == ExitCode.USAGE and "--from 2020-07-01 is after --to 2020-06-30" in r.output
    r = invoke(["template", "mimi"], cwd=repo)
    assert r.exit_code == ExitCode.USAGE and 'did you mean "mini"?' in r.output


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_a_filled_template_is_read_as_a_plain_file_and_empty_rows_are_counted(repo: Path, engine: str) -> None:
    plain = invoke(["status", "--as-of", "2020-06-01", "--format", "json", "--engine", engine], cwd=repo).stdout
    rows = _template(repo, "--to", "2020-06-30")
    for r in rows:  # the collectors fill in May, as actuals/a.csv has it, and leave the rest
        if r["date"] == "2020-05-31":
            r["value"], r["source"] = {"new-hte": "120", "hte-in-force": "1350"}[r["indicator"]], "月报"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (repo / "actuals" / "a.csv").write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    filled = invoke(["status", "--as-of", "2020-06-01", "--format", "json", "--engine", engine], cwd=repo).stdout
    strip = lambda text: [{k: v for k, v in x.items() if k not in ("actual", "context", "events")}  # noqa: E731
                          for x in json.loads(text)["results"]]
    assert strip(filled) == strip(plain)
    assert [x["actual"]["value"] for x in json.loads(filled)["results"]] == [120, 1350]
    r = invoke(["validate", "--engine", engine], cwd=repo)
    assert r.exit_code == ExitCode.OK
    assert r.stdout.splitlines() == [
        "note: actuals/a.csv: 10 rows not reported yet (the value is empty); they count once filled in",
        "ok: 1 plan, 2 targets, 2 observations"]


def test_xlsx_template_needs_a_file_and_is_read_back(repo: Path) -> None:
    from openpyxl import load_workbook

    assert invoke(["template", "mini", "--format", "xlsx"], cwd=repo).exit_code == ExitCode.USAGE
    out = repo / "actuals" / "mini.xlsx"
    (repo / "actuals" / "a.csv").unlink()
    assert invoke(["template", "mini", "--format", "xlsx", "-o", str(out), "--every", "quarter"],
                  cwd=repo).exit_code == ExitCode.OK
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:4] == ["plan", "indicator", "date", "value"]
    assert sheet["C2"].is_date and sheet["D2"].value is None and sheet.freeze_panes == "A2"
    sheet["D3"] = 1350  # hte-in-force at 2020-03-31
    sheet.parent.save(out)
    r = invoke(["status", "--as-of", "2020-06-01", "--format", "json"], cwd=repo)
    assert json.loads(r.stdout)["results"][1]["actual"]["value"] == 1350
    r = invoke(["validate"], cwd=repo)
    assert "7 rows not reported yet" in r.stdout
