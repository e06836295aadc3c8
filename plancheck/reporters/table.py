"""The terminal reporter: one rich table per plan, then a summary of counts per status."""

from __future__ import annotations

import os
from itertools import groupby
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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

STYLES = {
    Status.MET: "green",
    Status.ON_TRACK: "cyan",
    Status.PENDING: "dim",
    Status.NO_DATA: "magenta",
    Status.LAGGING: "yellow",
    Status.MISSED: "bold red",
}
BAR_WIDTH = 10


def console_for(stream: IO[str]) -> Console:
    """A console on ``stream``: colour only on a terminal, never when NO_COLOR is set (rich honours it).

    Off a terminal (a pipe, a file, CI logs) there is no width to fit, so tables keep their natural
    width instead of rich's default of 80 columns."""
    console = Console(file=stream, highlight=False, emoji=False, soft_wrap=False)
    if os.environ.get("NO_COLOR"):
        # no-color.org asks for no colour; rich then still writes bold and dim. The status words and
        # symbols carry the meaning, so with NO_COLOR the output has no escape sequences at all.
        console = Console(file=stream, highlight=False, emoji=False, soft_wrap=False, force_terminal=False,
                          width=console.width)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 200
    return console


def bar(result: Result) -> Text:
    """A progress bar with the share done, e.g. ``█████░░░░░ 50.0%``; blank when unknown."""
    share = result.progress
    if share is None:
        return Text("—" if result.status is not Status.MET else "", style="dim")
    filled = max(0, min(BAR_WIDTH, round(float(share) * BAR_WIDTH)))
    text = Text("█" * filled, style=STYLES[result.status])
    text.append("░" * (BAR_WIDTH - filled), style="dim")
    text.append(f" {percent(share)}")
    return text


class TableReporter:
    """Rich tables for people at a terminal."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.console = console_for(stream)
        self.lang = lang

    def report(self, results: Results) -> None:
        L = LABELS[self.lang]
        for plan_id, group in groupby(results, key=lambda r: r.target.plan):
            items = list(group)
            table = Table(title=Text(clean(plan_id), style="bold"), box=box.SIMPLE_HEAVY, title_justify="left",
                          show_lines=False, pad_edge=False)
            table.add_column(L["indicator"], overflow="fold", min_width=16)
            table.add_column(L["target"], no_wrap=True)
            table.add_column(L["actual"], no_wrap=True)
            table.add_column(L["progress"], no_wrap=True)
            table.add_column(L["pace"], no_wrap=True)
            table.add_column(L["status"], no_wrap=True)
            for r in items:
                label = Text(name(r.target, self.lang))
                label.append(f"\n{r.target.indicator}", style="dim")
                actual = Text(actual_text(r))
                for obs in r.context:
                    actual.append(f"\n{context_text(obs, r, self.lang)}", style="dim")
                table.add_row(label, Text(target_text(r.target, self.lang)), actual, bar(r),
                              Text(pace_text(r, self.lang)), Text(status_text(r.status, self.lang),
                                                                  style=STYLES[r.status]))
            self.console.print(table)
        counts = results.counts()
        line = Text(f"{L['summary']} ({L['as_of']} {results.as_of}): ", style="bold")
        for i, (status, n) in enumerate(counts.items()):
            if i:
                line.append(" · ")
            line.append(f"{WORDS[self.lang][status]} {n}", style=STYLES[status] if n else "dim")
        line.append(f"  ({L['total']} {len(results)})")
        self.console.print(line)


class TargetsTableReporter:
    """Every target of the chosen plans, with its source, as rich tables."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.console = console_for(stream)
        self.lang = lang

    def report(self, plans: list[Plan]) -> None:
        L = LABELS[self.lang]
        total = 0
        for plan in plans:
            title = f"{clean(plan.id)} — {clean(plan.title_zh)} · {L['targets']} {len(plan.targets)}"
            table = Table(title=Text(title, style="bold"),
                          box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
            table.add_column(L["indicator"], overflow="fold", ratio=2)
            table.add_column(L["kind"])
            table.add_column(L["target"], overflow="fold")
            table.add_column(L["source"], overflow="fold", ratio=3)
            for t in plan.targets:
                label = Text(name(t, self.lang))
                label.append(f"\n{t.indicator}", style="dim")
                src = Text()
                for i, s in enumerate(t.sources):
                    src.append(("\n" if i else "") + f"{clean(s.section)}: ", style="dim")
                    src.append(f"“{clean(s.quote)}”")
                table.add_row(label, t.kind.value, target_text(t, self.lang), src)
            self.console.print(table)
            total += len(plan.targets)
        self.console.print(Text(f"{len(plans)} plans, {total} targets", style="bold"))
