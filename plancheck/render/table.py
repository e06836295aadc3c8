"""The terminal reporters, drawn with rich: a table per plan, then a summary of counts per status
(``status``), or every target with its source (``targets``)."""

from __future__ import annotations

from itertools import groupby
from typing import IO

from rich import box
from rich.table import Table
from rich.text import Text

from plancheck.model import Plan, Result, Results, Status
from plancheck.render.console import console_for
from plancheck.render.words import (
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

STYLES = {
    Status.MET: "green",
    Status.ON_TRACK: "cyan",
    Status.PENDING: "dim",
    Status.NO_DATA: "magenta",
    Status.LAGGING: "yellow",
    Status.MISSED: "bold red",
}
BAR_WIDTH = 10


def bar(result: Result) -> Text:
    """A progress bar with the share done, e.g. ``█████░░░░░ 50.0%``; a dash when unknown."""
    share = result.progress
    if share is None:
        return Text("—" if result.status is not Status.MET else "", style="dim")
    filled = max(0, min(BAR_WIDTH, round(float(share) * BAR_WIDTH)))
    return Text.assemble(("█" * filled, STYLES[result.status]), ("░" * (BAR_WIDTH - filled), "dim"),
                         f" {percent(share)}")


def label(text: str, ident: str) -> Text:
    """A name over its id (dim)."""
    return Text.assemble(text, "\n", (ident, "dim"))


def _table(title: str, headers: list[str]) -> Table:
    table = Table(title=Text(title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, header_style="bold")
    for h in headers:
        table.add_column(h)
    return table


class TableReporter:
    """A table per plan for people at a terminal."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.console = console_for(stream)
        self.lang = lang

    def report(self, results: Results) -> None:
        L, lang = LABELS[self.lang], self.lang
        for plan_id, group in groupby(results.visible, key=lambda r: r.target.plan):
            table = _table(clean(plan_id), [L["indicator"], L["target"], L["actual"], L["progress"], L["pace"],
                                            L["status"]])
            table.columns[0].min_width = 16
            table.columns[-1].no_wrap = True
            for r in group:
                actual = Text(actual_text(r))
                for o in r.context:
                    actual.append("\n" + context_text(o, r, lang), style="dim")
                table.add_row(label(name(r.target, lang), r.target.indicator), target_text(r.target, lang), actual,
                              bar(r), pace_text(r, lang), Text(status_text(r.status, lang), style=STYLES[r.status]))
            self.console.print(table)
            self.console.print()
        self.console.print(summary(results, lang))


def summary(results: Results, lang: str) -> Text:
    """``Summary (as of 2021-06-30): met 1 · on track 2 · ...  (total 3)``, each count in its colour."""
    L = LABELS[lang]
    text = Text(f"{L['summary']} ({L['as_of']} {results.as_of}): ", style="bold")
    for i, (status, n) in enumerate(results.counts().items()):
        if i:
            text.append(" · ")
        text.append(f"{WORDS[lang][status]} {n}", style=STYLES[status] if n else "dim")
    text.append(f"  ({L['total']} {len(results)}")
    if results.shown is not None:
        text.append("; " + L["shown"].format(shown=len(results.shown), of=len(results)))
    text.append(")")
    return text


class TargetsTableReporter:
    """Every target of the chosen plans, with its source, a table per plan."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.console = console_for(stream)
        self.lang = lang

    def report(self, plans: list[Plan]) -> None:
        L = LABELS[self.lang]
        total = 0
        for plan in plans:
            title = f"{clean(plan.id)} — {clean(plan.title_zh)} · {L['targets']} {len(plan.targets)}"
            table = _table(title, [L["indicator"], L["kind"], L["target"], L["source"]])
            table.columns[0].min_width = 16
            for t in plan.targets:
                quote = Text()
                for s in t.sources:
                    quote.append(("\n" if quote else "") + f"{clean(s.section)}: ", style="dim")
                    quote.append(f"“{clean(s.quote)}”")
                table.add_row(label(name(t, self.lang), t.indicator), t.kind.value, target_text(t, self.lang), quote)
            self.console.print(table)
            self.console.print()
            total += len(plan.targets)
        self.console.print(Text(f"{len(plans)} plans, {total} targets", style="bold"))
