"""Excel workbooks as actuals: typed cells read exactly, as the CSV text of the same cell would be;
every refusal at file.xlsx:Sheet:row:column; sheets, merged cells and hidden rows never skipped
silently; the same observations whichever reader runs."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plancheck.load.actuals import load_actuals
from plancheck.load.files import InputErrors
from plancheck.model import Actuals, Indicator, Kind, Plan
from tests.builders import plan_of, target
from tests.optional import require_engine

HEADER = ["plan", "indicator", "date", "value", "unit", "source"]


def _indicator(ident: str, kind: Kind, unit: str) -> Indicator:
    op, value = (None, None) if kind is Kind.MILESTONE else (">=", "100")
    return dataclasses.replace(plan_of(target(kind, op, value, unit=unit)).indicators[0], id=ident)


PLAN: Plan = dataclasses.replace(plan_of(target()), indicators=(
    _indicator("share", Kind.SHARE, "%"), _indicator("count", Kind.LEVEL, "家"),
    _indicator("money", Kind.LEVEL, "亿元"), _indicator("done", Kind.MILESTONE, "")))


def workbook(path: Path, rows: list[list[Any]], *, title: str = "数据", formats: dict[str, str] | None = None,
             header: list[str] | None = None) -> Any:
    """Write one sheet: the header, then ``rows``; ``formats`` gives cells their number formats."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    for cell, fmt in (formats or {}).items():
        sheet[cell].number_format = fmt
    book.save(path)
    return book


def load(folder: Path, engine: str = "python") -> Actuals:
    return load_actuals(folder, [PLAN], engine=engine)


def errors(folder: Path, engine: str = "python") -> list[str]:
    with pytest.raises(InputErrors) as e:
        load(folder, engine)
    return [str(x) for x in e.value.errors]


def read(folder: Path, indicator: str) -> list[tuple[date, Decimal, str]]:
    return [(o.date, o.value, o.raw) for o in load(folder).get("p", indicator)]


def test_numbers_are_exact_decimals_and_ints_stay_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    workbook(path, [["p", "share", date(2020, 1, 31), 2.59], ["p", "count", date(2020, 1, 31), 1540],
                    ["p", "share", date(2020, 2, 29), 2.57], ["p", "share", date(2020, 3, 31), 0.1]])
    # Excel saves a double with 17 significant digits; its shortest round-trip text is the figure typed.
    _store(path, "<v>2.57</v>", "<v>2.5699999999999998</v>")
    _store(path, "<v>0.1</v>", "<v>0.30000000000000004</v>")  # 0.1 + 0.2 computed: not 0.3, and not rounded
    share = read(tmp_path, "share")
    assert share[:2] == [(date(2020, 1, 31), Decimal("2.59"), "2.59"), (date(2020, 2, 29), Decimal("2.57"), "2.57")]
    assert share[0][1].as_tuple() == Decimal("2.59").as_tuple()
    assert share[2][1] == Decimal("0.30000000000000004")
    assert read(tmp_path, "count") == [(date(2020, 1, 31), Decimal(1540), "1540")]


def test_a_percentage_cell_reads_as_the_csv_text_with_a_percent_sign(tmp_path: Path) -> None:
    workbook(tmp_path / "a.xlsx", [["p", "share", date(2020, 1, 31), 0.0259], ["p", "share", date(2020, 2, 29), 0.5],
                                   ["p", "share", date(2020, 3, 31), 2.59]],
             formats={"D2": "0.00%", "D3": "0%", "D4": '0.00"%"'})
    (tmp_path / "b.csv").write_text("plan,indicator,date,value\np,share,2020-04-30,2.59%\n", encoding="utf-8")
    # 0.0259 shown as 2.59% means 2.59 (%), as the CSV text 2.59% does; a literal "%" in the format
    # does not multiply the value.
    assert read(tmp_path, "share") == [(date(2020, 1, 31), Decimal("2.59"), "2.59%"),
                                       (date(2020, 2, 29), Decimal("50"), "50%"),
                                       (date(2020, 3, 31), Decimal("2.59"), "2.59"),
                                       (date(2020, 4, 30), Decimal("2.59"), "2.59%")]


def test_dates_and_texts_are_read_as_csv_text(tmp_path: Path) -> None:
    workbook(tmp_path / "a.xlsx", [["p", "money", datetime(2020, 6, 30, 0, 0), "160.7亿元"],
                                   ["p", "money", "2020年9月", "412,000", "万元"],
                                   ["p", "money", 2020, " 12,000万元 "]])
    assert read(tmp_path, "money") == [(date(2020, 6, 30), Decimal("160.7"), "160.7亿元"),
                                       (date(2020, 9, 30), Decimal("41.2"), "412,000"),
                                       (date(2020, 12, 31), Decimal("1.2"), "12,000万元")]


def test_refusals_name_file_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = workbook(path, [["p", "count", datetime(2020, 1, 31, 14, 30), 1], ["p", "done", date(2020, 2, 29), True],
                           ["p", "count", date(2020, 3, 31), "#N/A"], ["p", "count", date(2020, 4, 30), 1.5],
                           ["p", "money", date(2020, 5, 31), 160.7]], formats={"D6": '0.0"亿元"'})
    book["数据"]["D4"].data_type = "e"
    book.save(path)
    place = f"{path}:数据"
    assert errors(tmp_path) == [
        f"{place}:2:3: cell C2: the cell holds a date with a time of day (2020-01-31 14:30); observations are dated "
        "by day: enter the date alone",
        f"{place}:3:4: cell D3: the cell holds the logical value TRUE; write a number, or for a milestone 完成 or "
        "未完成 (done, not done)",
        f"{place}:4:4: cell D4: the cell holds the error #N/A; correct the formula or the value, or clear the cell",
        f'{place}:5:4: "1.5" 家 is not a whole number of 家; if a thousands separator is meant, write the number with '
        "a comma (1,540) or without separator",
        f'{place}:6:4: cell D6: the number format shows "亿元" beside the number, which is not part of the value; '
        "put the unit in the unit column, or type the value with its unit as text (160.7亿元)",
    ]


def _store(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the first sheet's XML, as another program would have written it."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    assert xml.count(old) == 1
    parts[sheet] = xml.replace(old, new).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def _cache(path: Path, formula: str, value: str, text: bool = False) -> None:
    """Store ``value`` as the saved result of ``formula``, as Excel does on saving (openpyxl writes none)."""
    cell = re.search(rf'<c r="(\w+)"[^>]*><f>{re.escape(formula)}</f><v\s*/>', _xml(path))
    assert cell is not None
    kind = ' t="str"' if text else ""
    _store(path, cell[0], f'<c r="{cell[1]}"{kind}><f>{formula}</f><v>{value}</v>')


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_a_formula_is_read_from_its_saved_value_and_refused_without_one(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    workbook(path, [["p", "count", date(2020, 1, 31), "=1000+540"], ["p", "count", date(2020, 2, 29), "=2*800"],
                    ["p", "count", "=DATE(2020,3,31)", 1]])
    _cache(path, "1000+540", "1540")
    (msg, date_msg) = errors(tmp_path)
    assert msg.startswith(f"{path}:数据:3:4: cell D3: the cell holds a formula without a saved value ")
    assert msg.endswith("open the file in Excel or LibreOffice and save it, so that its values are stored")
    assert date_msg.startswith(f"{path}:数据:4:3: cell C4: the cell holds a formula without a saved value ")
    _cache(path, "2*800", "1600")
    _cache(path, "DATE(2020,3,31)", "2020-03-31", text=True)  # a text result: the date written as text
    assert [v for _, v, _ in read(tmp_path, "count")] == [Decimal(1540), Decimal(1600), Decimal(1)]


def test_a_formula_left_alone_in_a_row_is_not_a_blank_row(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    workbook(path, [["p", "count", date(2020, 1, 31), 1], [None, None, None, "=A1"]])
    (msg,) = errors(tmp_path)
    assert msg.startswith(f"{path}:数据:3:4: cell D3: the cell holds a formula without a saved value")


def test_blank_rows_hidden_rows_and_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = workbook(path, [["p", "count", date(2020, 1, 31), 1, "家"], [], [None, "count", date(2020, 2, 29), 2],
                           ["   ", None], ["p", "count", date(2020, 3, 31), 3]])
    sheet = book["数据"]
    sheet.merge_cells("A4:A5")  # the plan cell of rows 4 and 5: merging keeps A4's value, "   " is gone
    sheet["A4"] = "p"
    sheet.merge_cells("E2:E3")  # the unit of row 2 spans the blank row 3
    sheet.row_dimensions[6].hidden = True
    book.save(path)
    actuals = load(tmp_path)
    assert [(o.value, o.line) for o in actuals.get("p", "count")] == [(1, 2), (2, 4), (3, 6)]
    assert actuals.notes == (
        f"{path}:数据: cells E2:E3, A4:A5 are merged; the value of the first cell of each is read in every row it "
        "spans",
        f"{path}:数据: row(s) 6 are hidden; they are read like the others",
    )


def test_cells_merged_across_columns_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = workbook(path, [["p", "count", date(2020, 1, 31), "1", "家"]])
    book["数据"].merge_cells("D2:E2")
    book.save(path)
    assert errors(tmp_path) == [f"{path}:数据:2:4: cells D2:E2 are merged across columns; an actuals table holds one "
                                "value per cell: unmerge them and fill in each cell"]


def test_other_sheets_are_noted_and_an_actuals_sheet_with_a_typo_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = workbook(path, [["p", "count", date(2020, 1, 31), 1]])
    book.create_sheet("说明")["B2"] = "填表说明：每月5日前报送"
    book.create_sheet("空白")
    typo = book.create_sheet("二月")
    typo.append([])
    typo.append(["plan", "indicator", "date", "vaule"])
    hidden = book.create_sheet("三月")
    hidden.append(HEADER)
    hidden.append(["p", "count", date(2020, 3, 31), 3, None, None, "备注"])
    hidden.sheet_state = "hidden"
    book.save(path)
    assert errors(tmp_path) == [f'{path}:二月:2:4: unknown column "vaule"; did you mean "value"?',
                                f"{path}:三月:2:7: cell G2 is outside the table: the header in row 1 names 6 columns; "
                                "name its column or clear it"]
    del book["二月"]
    hidden["G2"] = None
    book.save(path)
    actuals = load(tmp_path)
    assert [o.path for o in actuals.get("p", "count")] == [f"{path}:数据", f"{path}:三月"]
    assert actuals.notes == (f"{path}:说明: not read: its first row (2) names none of the columns plan, indicator, "
                             "date, value",
                             f"{path}:空白: holds no observations (the sheet is empty)",
                             f"{path}:三月: the sheet is hidden; it is read like the others")


def test_lock_files_are_ignored_and_a_damaged_workbook_is_named(tmp_path: Path) -> None:
    workbook(tmp_path / "a.xlsx", [["p", "count", date(2020, 1, 31), 1]])
    (tmp_path / "~$a.xlsx").write_bytes(b"\x00" * 165)  # what Excel leaves beside an open workbook
    assert len(load(tmp_path)) == 1
    (tmp_path / "b.xlsx").write_bytes(b"\xd0\xcf\x11\xe0 an old .xls renamed")
    (msg,) = errors(tmp_path)
    assert msg.startswith(f"{tmp_path / 'b.xlsx'}: not a readable Excel workbook (.xlsx): it is not a zip archive")


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_workbooks_and_csv_files_merge_with_the_same_rules(tmp_path: Path, engine: str) -> None:
    if engine == "polars":
        require_engine()
    (tmp_path / "a.csv").write_text("plan,indicator,date,value\np,count,2020-01-31,\"1,540\"\n", encoding="utf-8")
    workbook(tmp_path / "b.xlsx", [["p", "count", date(2020, 1, 31), 1540], ["p", "count", date(2020, 2, 29), 1600]])
    (tmp_path / "c.csv").write_text("plan,indicator,date,value\np,count,2020-03-31,1700\n", encoding="utf-8")
    series = load(tmp_path, engine).get("p", "count")
    # An identical repeat is read once, the first read (a.csv) kept; the sheet is its own place.
    assert [(o.value, o.path, o.line) for o in series] == [(1540, str(tmp_path / "a.csv"), 2),
                                                           (1600, f"{tmp_path / 'b.xlsx'}:数据", 3),
                                                           (1700, str(tmp_path / "c.csv"), 2)]
    workbook(tmp_path / "b.xlsx", [["p", "count", date(2020, 1, 31), 1541]], header=["value", "plan", "indicator",
                                                                                      "date"])
    book = openpyxl.load_workbook(tmp_path / "b.xlsx")
    book["数据"].delete_rows(2)
    book["数据"].append([1541, "p", "count", date(2020, 1, 31)])
    book.save(tmp_path / "b.xlsx")
    assert errors(tmp_path, engine) == [f"{tmp_path / 'b.xlsx'}:数据:2:1: p/count on 2020-01-31 is 1541 here but "
                                        f"1,540 at {tmp_path / 'a.csv'}:2; keep one of the two rows"]


def test_the_engine_reads_workbooks_beside_files_it_reads_itself(tmp_path: Path) -> None:
    require_engine()
    rows = "".join(f"p,count,{2000 + k}-12-31,{k}\n" for k in range(30))
    (tmp_path / "a.csv").write_text("plan,indicator,date,value\n" + rows, encoding="utf-8")
    workbook(tmp_path / "b.xlsx", [["p", "share", date(2020, 1, 31), 0.0259]], formats={"D2": "0.00%"})
    both = [load(tmp_path, e) for e in ("python", "polars")]
    seen = [[(o.date, o.value, o.raw, o.path, o.line) for key in (("p", "count"), ("p", "share"))
             for o in a.get(*key)] for a in both]
    assert seen[0] == seen[1] and len(seen[0]) == 31
    assert re.fullmatch(r".*b\.xlsx:数据", seen[0][-1][3])


@pytest.mark.parametrize(("fmt", "percent", "shown"), [
    ("General", False, ""), ("0.00%", True, ""), ("0%;[Red]-0%", True, ""), ('0.0"%"', False, ""),
    ("0.0\\%", False, ""), ("#,##0", False, ""), ('_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', False, ""),
    ('0.0"亿元"', False, "亿元"), ('"¥"#,##0.00', False, "¥"), ("[$¥-804]#,##0.00", False, "¥"),
    ("[$-804]0.00", False, ""), ("0.00E+00", False, ""), ("0\\家", False, "家"),
])
def test_number_formats(fmt: str, percent: bool, shown: str) -> None:
    from plancheck.load.actuals.xlsx_cells import is_percent, literal_text

    assert (is_percent(fmt), literal_text(fmt)) == (percent, shown)


def test_spreadsheets_of_other_kinds_are_noted_not_skipped_silently(tmp_path: Path) -> None:
    workbook(tmp_path / "a.xlsx", [["p", "count", date(2020, 1, 31), 1]])
    for name in ("old.xls", "macros.XLSM", "calc.ods", "~$old.xls", "readme.txt"):
        (tmp_path / name).write_bytes(b"")
    assert load(tmp_path).notes == tuple(f"{tmp_path / n}: not read: only .csv, .xlsx and .parquet files are; save it "
                                         "from its program as .xlsx" for n in ("calc.ods", "macros.XLSM", "old.xls"))
