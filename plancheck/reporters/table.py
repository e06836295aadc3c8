"""The terminal reporters: one table per plan, then a summary of counts per status (``status``), or
every target with its source (``targets``). Drawn by ``grid``, which colours only on a terminal."""

from __future__ import annotations

from itertools import groupby
from typing import IO

from plancheck.evaluate import Results
from plancheck.model import Plan, Result, Status
from plancheck.reporters.common import (
    LABELS,
    WORDS,
    actual_text,
    clean,
    context_text,
    name,
    pace_text,
    percent,
    status_text,
    target_text,
)
from plancheck.reporters.grid import Cell, Column, Line, Span, Terminal, plain, table

STYLES = {
    Status.MET: "green",
    Status.ON_TRACK: "cyan",
    Status.PENDING: "dim",
    Status.NO_DATA: "magenta",
    Status.LAGGING: "yellow",
    Status.MISSED: "bold red",
}
BAR_WIDTH = 10


def bar(result: Result) -> Line:
    """A progress bar with the share done, e.g. ``█████░░░░░ 50.0%``; blank when unknown."""
    share = result.progress
    if share is None:
        return (("—" if result.status is not Status.MET else "", "dim"),)
    filled = max(0, min(BAR_WIDTH, round(float(share) * BAR_WIDTH)))
    return ("█" * filled, STYLES[result.status]), ("░" * (BAR_WIDTH - filled), "dim"), (f" {percent(share)}", "")


def _label(text: str, indicator: str) -> Cell:
    """The indicator's name over its id (dim)."""
    return ((text, ""),), ((indicator, "dim"),)


class TableReporter:
    """A table per plan for people at a terminal."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream
        self.terminal = Terminal.of(stream)
        self.lang = lang

    def report(self, results: Results) -> None:
        L, lang = LABELS[self.lang], self.lang
        columns = [Column(L["indicator"], fold=True, min_width=16), Column(L["target"]), Column(L["actual"]),
                   Column(L["progress"]), Column(L["pace"]), Column(L["status"], wrap=False)]
        write = self.stream.write
        for plan_id, group in groupby(results, key=lambda r: r.target.plan):
            rows = []
            for r in group:
                actual: Cell = (((actual_text(r), ""),),
                                *(((context_text(o, r, lang), "dim"),) for o in r.context))
                rows.append([_label(name(r.target, lang), r.target.indicator), plain(target_text(r.target, lang)),
                             actual, (bar(r),), plain(pace_text(r, lang)),
                             plain(status_text(r.status, lang), STYLES[r.status])])
            write(table(((clean(plan_id), "bold"),), columns, rows, self.terminal))
        counts = results.counts()
        spans: list[Span] = [(f"{L['summary']} ({L['as_of']} {results.as_of}): ", "bold")]
        for i, (status, n) in enumerate(counts.items()):
            if i:
                spans.append((" · ", ""))
            spans.append((f"{WORDS[lang][status]} {n}", STYLES[status] if n else "dim"))
        spans.append((f"  ({L['total']} {len(results)})", ""))
        write(self.terminal.paint(tuple(spans)) + "\n")


class TargetsTableReporter:
    """Every target of the chosen plans, with its source, a table per plan."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream
        self.terminal = Terminal.of(stream)
        self.lang = lang

    def report(self, plans: list[Plan]) -> None:
        L = LABELS[self.lang]
        columns = [Column(L["indicator"], fold=True, min_width=16), Column(L["kind"]),
                   Column(L["target"], fold=True, min_width=12), Column(L["source"], fold=True, min_width=24)]
        total = 0
        for plan in plans:
            title = f"{clean(plan.id)} — {clean(plan.title_zh)} · {L['targets']} {len(plan.targets)}"
            rows = [[_label(name(t, self.lang), t.indicator), plain(t.kind.value),
                     plain(target_text(t, self.lang)),
                     tuple(((f"{clean(s.section)}: ", "dim"), (f"“{clean(s.quote)}”", "")) for s in t.sources)]
                    for t in plan.targets]
            self.stream.write(table(((title, "bold"),), columns, rows, self.terminal))
            total += len(plan.targets)
        self.stream.write(self.terminal.paint(((f"{len(plans)} plans, {total} targets", "bold"),)) + "\n")
