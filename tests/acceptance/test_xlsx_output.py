"""--format xlsx: a workbook read back cell by cell, numbers as numbers, dates as dates, status
cells coloured with their word in them, text that looks like a formula kept as text, written
whole or not at all."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plancheck.exitcodes import ExitCode
from plancheck.model import Status
from plancheck.render.xlsx_sheet import FILLS, display_width
from tests.acceptance.conftest import invoke

MID = "2020-06-01"  # new-hte on track (120 of 250), hte-in-force lagging (1,350 from 1,290 to 1,540)


def status_book(repo: Path, *args: str, lang: str = "en") -> Any:
    out = repo / "status.xlsx"
    r = invoke(["status", "--as-of", MID, "--format", "xlsx", "-o", str(out), "--lang", lang, *args], cwd=repo)
    assert r.exit_code == ExitCode.LAGGING, r.output
    assert r.stdout == "" and r.stderr == ""
    return openpyxl.load_workbook(out)


def rows(sheet: Any) -> list[list[Any]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def fill(cell: Any) -> str:
    return str(cell.fill.start_color.rgb)[-6:]


def test_the_summary_sheet_counts_per_plan_with_the_date_and_the_headline(repo: Path) -> None:
    book = status_book(repo)
    assert book.sheetnames == ["Summary", "mini"]
    sheet = book["Summary"]
    assert rows(sheet)[:3] == [["Plan target monitoring report", *[None] * 9],
                               ["as of", datetime(2020, 6, 1), *[None] * 8],
                               ["Headline", "1 lagging → exit 1", *[None] * 8]]
    assert sheet["B2"].is_date and sheet["B2"].number_format == "yyyy-mm-dd"
    assert rows(sheet)[4:] == [
        ["Plan", "Title", "✔ met", "↗ on track", "… pending", "? no data", "⚠ lagging", "✘ missed", "accepted",
         "total"],
        ["mini", "Mini plan", 0, 1, 0, 0, 1, 0, 0, 2],
        ["total", None, 0, 1, 0, 0, 1, 0, 0, 2]]
    assert [fill(sheet.cell(5, 3 + i)) for i in range(6)] == [FILLS[s] for s in Status]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A6", "A5:J6")  # the total row stays below the filter


def test_one_row_per_result_typed_and_coloured(repo: Path) -> None:
    sheet = status_book(repo)["mini"]
    header, on_track, lagging = rows(sheet)
    assert header == ["Indicator id", "Indicator", "Kind", "Comparison", "Target value", "Unit", "Soft (力争)",
                      "Deadline", "Actual", "Actual as of", "Progress", "Expected",
                      "Ahead (+) / behind (−) pace, pp", "Status", "Acceptance", "Why", "Section", "Quote"]
    assert on_track == ["new-hte", "New national high-tech enterprises", "flow", "≥", 250, "家", None,
                        datetime(2020, 12, 31), 120, datetime(2020, 5, 31), 0.48, 0.416667, 6.3333, "↗ on track",
                        None, "progress at or ahead of the elapsed share of the period", "一",
                        "新增国家级高新技术企业250家"]
    assert lagging[:14] == ["hte-in-force", "High-tech enterprises in force", "level", "≥", 1540, "家", None,
                            datetime(2020, 12, 31), 1350, datetime(2020, 5, 31), 0.24, 0.416667, -17.6667,
                            "⚠ lagging"]
    assert [sheet.cell(2, c).number_format for c in (11, 12, 13)] == ["0.0%", "0.0%", "+0.0;-0.0;0.0"]
    assert all(sheet.cell(2, c).data_type == "n" for c in (5, 9, 11, 12, 13))
    assert sheet["H2"].is_date and sheet["J2"].is_date
    assert (fill(sheet["N2"]), sheet["N2"].font.b) == (FILLS[Status.ON_TRACK], False)
    assert (fill(sheet["N3"]), sheet["N3"].font.b) == (FILLS[Status.LAGGING], True)
    assert (sheet.freeze_panes, sheet.auto_filter.ref, sheet.print_title_rows) == ("A2", "A1:R3", "$1:$1")


def test_every_fill_is_light_enough_for_black_text_in_grey_print() -> None:
    def luminance(rgb: str) -> float:
        channels = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    # Contrast of black text on the fill, as WCAG counts it: 7 or more is its highest level (AAA).
    assert min((luminance(rgb) + 0.05) / 0.05 for rgb in FILLS.values()) >= 7


def test_labels_words_and_widths_in_chinese(repo: Path) -> None:
    book = status_book(repo, lang="zh")
    assert book.sheetnames == ["汇总", "mini"]
    sheet = book["mini"]
    assert [sheet.cell(1, c).value for c in (1, 2, 14)] == ["指标代码", "指标", "状态"]
    assert [sheet["B2"].value, sheet["N2"].value, sheet["N3"].value] == ["新增国家级高新技术企业", "↗ 进度正常",
                                                                         "⚠ 滞后"]
    # The longest name, 12 Chinese characters, takes 24 columns; a filter button takes 3 more.
    assert display_width("有效国家高新技术企业数量") == 24 and display_width("new-hte") == 7
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (15, 27)
    assert book["汇总"]["B3"].value == "滞后 1 项 → 退出码 1"


def test_text_that_looks_like_a_formula_stays_text(repo: Path) -> None:
    plan = repo / "plans" / "mini.yaml"
    plan.write_text(plan.read_text(encoding="utf-8")
                    .replace("en: New national high-tech enterprises", "en: '=HYPERLINK(\"http://x.example\",\"x\")'")
                    .replace("quote: 新增国家级高新技术企业250家", "quote: '@SUM(1+1)'"), encoding="utf-8")
    sheet = status_book(repo)["mini"]
    assert (sheet["B2"].value, sheet["B2"].data_type) == ('=HYPERLINK("http://x.example","x")', "s")
    assert (sheet["R2"].value, sheet["R2"].data_type) == ("@SUM(1+1)", "s")
    with zipfile.ZipFile(repo / "status.xlsx") as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_accepted_results_are_marked(repo: Path) -> None:
    r = invoke(["accept", "--as-of", MID, "--reason", "reviewed in June"], cwd=repo)
    assert r.exit_code == ExitCode.OK
    out = repo / "status.xlsx"
    assert invoke(["status", "--as-of", MID, "--format", "xlsx", "-o", str(out), "--lang", "en"],
                  cwd=repo).exit_code == ExitCode.OK
    book = openpyxl.load_workbook(out)
    assert book["Summary"]["B3"].value == "nothing missed or lagging; 1 accepted → exit 0"
    assert book["Summary"]["I6"].value == 1
    lagging = book["mini"]
    assert lagging["N3"].value == "⚠ lagging (accepted)"
    assert str(lagging["O3"].value).startswith("reviewed in June (")


def test_a_published_bound_is_a_number_shown_with_its_sign(repo: Path) -> None:
    with open(repo / "actuals" / "a.csv", "a", encoding="utf-8") as f:
        f.write("mini,hte-in-force,2020-05-30,>1500,月报\n")
    book = status_book(repo, "--plan", "mini")
    cell = book["mini"]["I3"]
    assert (cell.value, cell.number_format) == (1350, "General")  # the later exact value decides
    with open(repo / "actuals" / "a.csv", "w", encoding="utf-8") as f:
        f.write("plan,indicator,date,value\nmini,hte-in-force,2020-05-31,>1600\nmini,new-hte,2020-05-31,120\n")
    out = repo / "met.xlsx"
    assert invoke(["status", "--as-of", MID, "--format", "xlsx", "-o", str(out)], cwd=repo).exit_code == ExitCode.OK
    cell = openpyxl.load_workbook(out)["mini"]["I3"]
    assert (cell.value, cell.number_format, cell.data_type) == (1600, '"> "General', "n")


def test_without_an_output_file_it_is_a_usage_error(repo: Path) -> None:
    for command in (["status"], ["report"]):
        r = invoke([*command, "--format", "xlsx"], cwd=repo)
        assert r.exit_code == ExitCode.USAGE
        assert r.stdout == ""
        assert r.stderr == (f"plancheck: error: --format xlsx writes a workbook, not text: name its file with -o FILE "
                            f"(plancheck {command[0]} --format xlsx -o {command[0]}.xlsx)\n")


def test_the_workbook_is_written_whole_or_not_at_all(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = repo / "status.xlsx"
    out.write_bytes(b"last month's workbook")
    status_book(repo)
    assert sorted(p.name for p in repo.iterdir()) == ["actuals", "plans", "status.xlsx"]  # no temporary file left

    def fail(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", fail)
    before = out.read_bytes()
    r = invoke(["status", "--as-of", MID, "--format", "xlsx", "-o", str(out)], cwd=repo)
    assert r.exit_code == ExitCode.INTERNAL
    assert out.read_bytes() == before
    assert sorted(p.name for p in repo.iterdir()) == ["actuals", "plans", "status.xlsx"]


def test_report_adds_the_changes_since_an_earlier_date(repo: Path) -> None:
    out = repo / "report.xlsx"
    r = invoke(["report", "--as-of", "2021-01-01", "--since", MID, "--format", "xlsx", "-o", str(out),
                "--lang", "en"], cwd=repo)
    assert r.exit_code == ExitCode.OK and r.stdout == ""
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Changes", "mini"]
    assert book["Summary"]["A3"].value is None  # a report does not gate: no headline
    assert rows(book["Changes"]) == [
        ["Plan", "Indicator id", "Indicator", "Deadline", "Change", "From 2020-06-01", "To 2021-01-01"],
        ["mini", "new-hte", "New national high-tech enterprises", datetime(2020, 12, 31), "newly missed",
         "↗ on track", "✘ missed"],
        ["mini", "hte-in-force", "High-tech enterprises in force", datetime(2020, 12, 31), "newly missed",
         "⚠ lagging", "✘ missed"]]
    assert fill(book["Changes"]["G2"]) == FILLS[Status.MISSED]
    r = invoke(["report", "--as-of", "2021-01-01", "--format", "xlsx", "-o", str(out), "--lang", "zh"], cwd=repo)
    assert r.exit_code == ExitCode.OK
    assert openpyxl.load_workbook(out).sheetnames == ["汇总", "mini"]  # without --since, no changes sheet
