"""The workbook reporter's parts: sheet titles Excel accepts, and a result's cells built by hand."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from plancheck.model import Kind
from plancheck.render.xlsx import XlsxReporter, sheet_title
from tests.builders import obs, plan_of, run, target


def test_sheet_titles_are_valid_and_unique_ignoring_case() -> None:
    used = {"summary"}
    titles = [sheet_title(t, used) for t in ("Summary", "a/b:c[1]*?", "x" * 40, "x" * 40, "History", "'q'")]
    assert titles == ["Summary~2", "a_b_c_1___", "x" * 31, "x" * 29 + "~2", "History~2", "q"]
    assert all(len(t) <= 31 for t in titles)


def test_a_milestone_reads_done_and_numbers_stay_exact() -> None:
    done = plan_of(target(Kind.MILESTONE, None, None, unit="", deadline=date(2020, 5, 31)))
    results = run(done, date(2020, 6, 30), obs(date(2020, 5, 20), "1"))
    share = plan_of(target(Kind.SHARE, ">=", "2.59", unit="%"))
    both = [results, run(share, date(2021, 1, 31), obs(date(2020, 12, 31), "2.61"))]
    cells = []
    for lang, r in zip(("zh", "en"), both, strict=True):
        out = io.BytesIO()
        XlsxReporter(stream=out, lang=lang, code=0).report(r)
        sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["p"]
        cells.append([sheet.cell(2, c).value for c in (4, 5, 6, 9)])
    assert cells == [[None, None, None, "完成"], ["≥", 2.59, "%", 2.61]]
