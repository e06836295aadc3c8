"""A workbook filled by a data collector gives the verdicts the same figures give in CSV, whichever
reader runs, and its mistakes are named at file.xlsx:Sheet:row:column."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import ROOT, invoke
from tests.optional import require_engine

EXTRA = """\
hedong-2020-2022,rd-intensity,2019-12-31,2.41%,,河东区统计公报,
hedong-2020-2022,rd-intensity,2020-12-31,2.57%,,河东区统计公报,
hedong-2020-2022,rd-intensity,2021-06-30,2.5,%,半年报,
hedong-2020-2022,tech-contract-value,2021-06-30,"412,000",万元,半年报,1-6月累计
hedong-2020-2022,tech-contract-value,2020-12-31,160.7亿元,,年报,
hedong-2020-2022,hte-total,2021-06-30,>300,家,半年报,突破300家
"""


def _cell(text: str, column: str) -> tuple[Any, str | None]:
    """What a collector typing ``text`` into Excel leaves in the cell, and its number format."""
    if column == "date" and re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return date.fromisoformat(text), "yyyy-mm-dd"
    if column == "value" and re.fullmatch(r"-?\d+", text):
        return int(text), None
    if column == "value" and re.fullmatch(r"-?\d+\.\d+", text):
        return float(text), None
    if column == "value" and re.fullmatch(r"-?\d+(\.\d+)?%", text):
        return float(Decimal(text[:-1]).scaleb(-2)), "0.00%"
    return text, None


def _as_workbook(source: Path, target: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "月报"
    with open(source, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    sheet.append(rows[0])
    for number, row in enumerate(rows[1:], 2):
        for column, (name, text) in enumerate(zip(rows[0], row, strict=True), 1):
            value, fmt = _cell(text, name)
            cell = sheet.cell(number, column, value)
            if fmt:
                cell.number_format = fmt
    book.save(target)


@pytest.fixture
def both(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled actuals with a few more rows, as CSV files and as workbooks of typed cells."""
    as_csv, as_xlsx = tmp_path / "csv", tmp_path / "xlsx"
    shutil.copytree(ROOT / "actuals", as_csv)
    with open(as_csv / "hedong-2020-2022.csv", "w", encoding="utf-8") as f:
        f.write("plan,indicator,date,value,unit,source,note\n" + EXTRA)
    as_xlsx.mkdir()
    for p in as_csv.glob("*.csv"):
        _as_workbook(p, as_xlsx / f"{p.stem}.xlsx")
    return as_csv, as_xlsx


def _status(actuals: Path, engine: str) -> tuple[int, Any]:
    r = invoke(["status", "--plans", str(ROOT / "plans"), "--actuals", str(actuals), "--engine", engine,
                "--as-of", "2021-07-31", "--format", "json", "--lang", "en"])
    text = re.sub(r'"file": "[^"]*/(csv|xlsx)/([^".]*)\.(csv|xlsx)(:月报)?"', r'"file": "\2"', r.stdout)
    return r.exit_code, json.loads(text)


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_a_filled_workbook_gives_the_verdicts_of_the_same_csv(both: tuple[Path, Path], engine: str) -> None:
    if engine == "polars":
        require_engine()
    code, from_csv = _status(both[0], engine)
    assert _status(both[1], engine) == (code, from_csv)
    by_id = {(r["indicator"], r["deadline"]): r for r in from_csv["results"] if r["plan"] == "hedong-2020-2022"}
    rd = by_id["rd-intensity", "2020-12-31"]
    assert (rd["status"], rd["actual"]["value"], rd["actual"]["observation"]["raw"]) == ("met", 2.57, "2.57%")
    assert by_id["tech-contract-value", "2021-12-31"]["actual"]["value"] == 41.2
    # Both folders really were read, and the workbooks as workbooks.
    assert from_csv["summary"]["met"] >= 2
    r = invoke(["validate", "--plans", str(ROOT / "plans"), "--actuals", str(both[1]), "--engine", engine])
    csv_rows = invoke(["validate", "--plans", str(ROOT / "plans"), "--actuals", str(both[0]), "--engine", engine])
    observations = csv_rows.stdout.rsplit(", ", 1)[1]  # as many observations from the workbooks as from the CSV
    assert r.exit_code == ExitCode.OK and r.stdout.startswith("ok: ") and r.stdout.endswith(observations)


def test_a_mistake_in_a_workbook_is_named_at_its_sheet_row_and_column(both: tuple[Path, Path]) -> None:
    path = both[1] / "hedong-2020-2022.xlsx"
    book = openpyxl.load_workbook(path)
    book["月报"]["D5"] = "12x"
    book.save(path)
    r = invoke(["validate", "--plans", str(ROOT / "plans"), "--actuals", str(both[1])])
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert r.stderr == f'plancheck: {path}:月报:5:4: the value says "x" but the unit column says "万元"\n'
