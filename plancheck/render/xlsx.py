"""The workbook (``--format xlsx``): a summary sheet (the as-of date, the headline, counts per plan
and status), with ``report --since`` the changes, and one sheet per plan with a row per result,
every figure a number, every date a date, labels in ``--lang``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from openpyxl import Workbook

from plancheck.evaluate.diff import Diff
from plancheck.evaluate.report import Report
from plancheck.model import Plan, Result, Results, Status, count_statuses
from plancheck.render.reasons import explain
from plancheck.render.words import (
    CHANGE_WORDS,
    LABELS,
    OP_SYMBOLS,
    headline,
    kind_text,
    lapsed_text,
    name,
    status_text,
)
from plancheck.render.xlsx_sheet import FILLS, HEADER_FILL, Number, Sheet, plain

WORDS = {
    "zh": {"summary": "汇总", "changes": "状态变化", "headline": "结论", "title": "规划名称", "id": "指标代码",
           "op": "比较", "value": "目标值", "actual_date": "实际值日期", "gap": "超(+)/落后(−)序时进度（个百分点）",
           "acceptance": "接受记录", "section": "出处章节", "done": "完成", "not_done": "未完成", "soft": "力争"},
    "en": {"summary": "Summary", "changes": "Changes", "headline": "Headline", "title": "Title", "id": "Indicator id",
           "op": "Comparison", "value": "Target value", "actual_date": "Actual as of",
           "gap": "Ahead (+) / behind (−) pace, pp", "acceptance": "Acceptance", "section": "Section",
           "done": "done", "not_done": "not done", "soft": "Soft (力争)"},
}
"""Labels only the workbook uses; the rest are the shared ones (``LABELS``)."""
SHARE = "0.0%"
POINTS = "+0.0;-0.0;0.0"


class XlsxReporter:
    """``plancheck status --format xlsx``: the summary with the headline, and a sheet per plan."""

    binary = True
    """Writes bytes, to a file only (the command refuses --format xlsx without -o)."""

    def __init__(self, *, stream: IO[bytes], lang: str = "zh", code: int | None = None,
                 plans: Sequence[Plan] = (), **_: object) -> None:
        self.stream, self.lang, self.code, self.plans = stream, lang, code, plans

    def report(self, results: Results) -> None:
        write_book(self.stream, results, self.plans, self.lang, code=self.code)


class XlsxReportReporter:
    """``plancheck report --format xlsx``: the same workbook (without the headline: a report does
    not gate), and the changes since ``--since`` on a sheet of their own."""

    binary = True

    def __init__(self, *, stream: IO[bytes], lang: str = "zh", **_: object) -> None:
        self.stream, self.lang = stream, lang

    def report(self, report: Report) -> None:
        write_book(self.stream, report.results, report.plans, self.lang, diff=report.diff)


def write_book(stream: IO[bytes], results: Results, plans: Sequence[Plan], lang: str, *, code: int | None = None,
               diff: Diff | None = None) -> None:
    """The whole workbook, saved to ``stream``."""
    book = Workbook()
    book.properties.creator = "plancheck"
    book.properties.title = LABELS[lang]["report"]
    titles = {p.id: p.title_en if lang == "en" and p.title_en else p.title_zh for p in plans}
    first = book.active
    assert first is not None
    first.title = WORDS[lang]["summary"]
    summary(Sheet(first), results, titles, lang, code)
    if diff is not None:
        changes(Sheet(book.create_sheet(WORDS[lang]["changes"])), diff, lang)
    plan_sheets(book, results, titles, lang)
    book.save(stream)


def summary(sheet: Sheet, results: Results, titles: dict[str, str], lang: str, code: int | None) -> None:
    """The as-of date, the headline (for ``status``), and the results counted per plan and status."""
    L, W = LABELS[lang], WORDS[lang]
    sheet.append([L["report"]], bold=True, fit=False)
    sheet.append([L["as_of"], results.as_of])
    if code is not None:
        sheet.append([W["headline"], headline(results, code, lang)], bold=True, fit=False)
    if results.shown is not None:
        sheet.append([None, L["shown"].format(shown=len(results.shown), of=len(results.items))], fit=False)
    sheet.row += 1
    top = sheet.append([L["plan"], W["title"]], bold=True, fill=HEADER_FILL)
    for column, status in enumerate(Status, 3):
        sheet.put(top, column, status_text(status, lang), bold=True, fill=FILLS[status])
    sheet.put(top, 3 + len(Status), L["accepted"], bold=True, fill=HEADER_FILL)
    sheet.put(top, 4 + len(Status), L["total"], bold=True, fill=HEADER_FILL)
    plans = by_plan(results.items)
    for plan_id, items in plans.items():
        counts = count_statuses(items)
        accepted = sum(1 for r in items if results.acceptance(r) is not None)
        sheet.append([plan_id, titles.get(plan_id), *[Number(counts[s]) for s in Status], Number(accepted),
                      Number(len(items))])
    last = sheet.row
    counts = results.counts()
    sheet.append([L["total"], None, *[Number(counts[s]) for s in Status], Number(len(results.accepted)),
                  Number(len(results.items))], bold=True)
    for lapsed in results.lapsed:
        sheet.append([lapsed_text(lapsed, lang)], fit=False)
    sheet.finish(top, last)


def by_plan(results: Iterable[Result]) -> dict[str, list[Result]]:
    """The results of each plan, plans in order of their first result."""
    plans: dict[str, list[Result]] = {}
    for r in results:
        plans.setdefault(r.target.plan, []).append(r)
    return plans


def plan_sheets(book: Workbook, results: Results, titles: dict[str, str], lang: str) -> None:
    """One sheet per plan of the listed results, one row per result."""
    L, W = LABELS[lang], WORDS[lang]
    headers = [W["id"], L["indicator"], L["kind"], W["op"], W["value"], L["unit"], W["soft"], L["deadline"],
               L["actual"], W["actual_date"], L["progress"], L["pace"], W["gap"], L["status"], W["acceptance"],
               L["explanation"], W["section"], L["quote"]]
    used = {s.title.lower() for s in book.worksheets}
    for plan_id, items in by_plan(results.visible).items():
        sheet = Sheet(book.create_sheet(sheet_title(plan_id, used)))
        printed = sheet.sheet.oddHeader
        if printed is not None:  # the plan on every printed page
            printed.center.text = plain(f"{plan_id} {titles.get(plan_id, '')}".strip())
        sheet.append(headers, bold=True, fill=HEADER_FILL)
        for r in items:
            row = sheet.append(result_row(r, results, lang))
            sheet.status(row, headers.index(L["status"]) + 1, r.status,
                         status_text(r.status, lang, results.acceptance(r) is not None))
        sheet.finish(1)


def result_row(r: Result, results: Results, lang: str) -> list[Any]:
    """One result's cells, in the order of the plan sheet's header (the status cell is written apart)."""
    t, W = r.target, WORDS[lang]
    accepted = results.acceptance(r)
    return [t.indicator, name(t, lang), kind_text(t.kind, lang), OP_SYMBOLS[t.op] if t.op else None,
            None if t.value is None else Number(t.value), t.unit.text or None, LABELS[lang]["soft"] if t.soft else None,
            t.deadline, actual_cell(r, W), r.actual_date, share(r.progress), share(r.expected),
            None if r.gap_points is None else Number(_decimal(r.gap_points, "0.0001"), POINTS), None,
            None if accepted is None else f"{accepted.reason} ({accepted.date})", explain(r, lang),
            t.sources[0].section, t.sources[0].quote]


def actual_cell(r: Result, words: dict[str, str]) -> Any:
    """The compared value as a number in the target's unit (a published bound shown with its sign),
    or for a milestone the word."""
    if r.actual is None:
        return None
    if r.target.op is None:
        return words["done"] if r.actual >= 1 else words["not_done"]
    if r.bound is not None:
        return Number(r.actual, f'"{OP_SYMBOLS[r.bound]} "General')
    return Number(r.actual)


def share(value: Fraction | None) -> Number | None:
    """A share (5/12) as a number in a percentage format, exact to six decimal places."""
    return None if value is None else Number(_decimal(value, "0.000001"), SHARE)


def _decimal(value: Fraction, places: str) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places))


def changes(sheet: Sheet, diff: Diff, lang: str) -> None:
    """The targets whose status changed between the two dates."""
    L = LABELS[lang]
    sheet.append([L["plan"], WORDS[lang]["id"], L["indicator"], L["deadline"], L["change"],
                  f"{L['from']} {diff.before.as_of}", f"{L['to']} {diff.after.as_of}"], bold=True, fill=HEADER_FILL)
    for c in diff.changes:
        row = sheet.append([c.target.plan, c.target.indicator, name(c.target, lang), c.target.deadline,
                            CHANGE_WORDS[lang][c.kind]])
        sheet.status(row, 6, c.before, status_text(c.before, lang))
        sheet.status(row, 7, c.after, status_text(c.after, lang))
    if not diff.changes:
        sheet.append([L["no_changes"]])
    sheet.finish(1)


_NOT_IN_TITLES = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_title(wanted: str, used: set[str]) -> str:
    """A sheet title for ``wanted``: without the characters Excel refuses, at most 31 characters, and
    unlike the titles in ``used`` (compared as Excel does, ignoring case), which it joins."""
    base = wanted.translate(_NOT_IN_TITLES).strip("'")[:31] or "_"
    title, n = base, 1
    while title.lower() in used or title.lower() == "history":  # Excel reserves History
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    used.add(title.lower())
    return title
