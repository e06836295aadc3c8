"""The terminal reporters, drawn with rich: per plan, the problems first, then the rest in a table
that fits the terminal (from 60 columns), then a summary (``status``); or every target with its
source (``targets``)."""

from __future__ import annotations

from collections.abc import Container
from typing import IO

from rich import box
from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plancheck.model import Plan, Result, Results, Status
from plancheck.render.arrange import PlanPart, arrange, quiet_data
from plancheck.render.console import console_for
from plancheck.render.words import (
    LABELS,
    WORDS,
    actual_text,
    clean,
    context_text,
    folded_text,
    headline,
    hint_text,
    kind_text,
    lapsed_text,
    name,
    pace_text,
    progress_text,
    projection_text,
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
WIDE = 140
"""From this width the progress bar and the expected pace get columns of their own."""
NAME_MIN = 14


def bar(result: Result) -> Text:
    """A progress bar with the share done, e.g. ``█████░░░░░ 50.0%``; a dash when unknown."""
    share = result.progress
    if share is None:
        return Text("—" if result.status is not Status.MET else "", style="dim")
    filled = max(0, min(BAR_WIDTH, round(float(share) * BAR_WIDTH)))
    return Text.assemble(("█" * filled, STYLES[result.status]), ("░" * (BAR_WIDTH - filled), "dim"),
                         f" {progress_text(result)}")


def hyphen_wrap(ident: str, width: int) -> str:
    """``ident`` in lines of at most ``width`` cells, broken only after its hyphens (never inside a
    word of it, unless one word alone is wider)."""
    lines, line = [], ""
    for part in ident.replace("-", "-\0").split("\0"):
        if line and cell_len(line + part) > width:
            lines.append(line)
            line = ""
        line += part
    return "\n".join([*lines, line])


class TableReporter:
    """The status of every plan, problems first, for people at a terminal."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", code: int | None = None, every: bool = False,
                 quiet: bool = False, columns: tuple[str, ...] = (), **_: object) -> None:
        self.console = console_for(stream)
        self.lang, self.code, self.every, self.quiet, self.columns = lang, code, every, quiet, columns
        self.accepted: Container[object] = ()

    def report(self, results: Results) -> None:
        p, lang = self.console.print, self.lang
        self.accepted = results.accepted
        if self.code is not None:
            p(Text(headline(results, self.code, lang), style="bold"))
            p()
        for part in arrange(results, every=self.every, quiet=self.quiet):
            p(Text(clean(part.plan), style="bold"))
            if part.rows:
                p(self._table(part))
            for f in part.folded:
                style = "dim" if f.accepted else STYLES[f.status]
                p(Padding(Text(folded_text(f, lang), style=style), (0, 0, 0, 2), expand=False))
            p()
        for lapsed in results.lapsed:
            p(Text(lapsed_text(lapsed, lang), style="yellow"))
        if results.lapsed:
            p()
        hint = quiet_data(results.items) if not self.quiet else None
        if hint is not None:
            p(Text(hint_text(*hint, lang), style="magenta"))
            p()
        p(summary(results, lang))

    def _table(self, part: PlanPart) -> Table:
        L, lang, width = LABELS[self.lang], self.lang, self.console.width
        wide = width >= WIDE
        heads = [L["target"], L["actual"], L["progress"], *([L["pace"]] if wide else []),
                 *([L["projection"]] if "projection" in self.columns else []), L["status"]]
        for pace in (True, False):  # without room, the pace line under the progress goes first
            cells = [self._cells(r, wide, pace) for r in part.rows]
            widths = [max([cell_len(h), *(max(map(cell_len, c[k].plain.split("\n"))) for c in cells)])
                      for k, h in enumerate(heads)]
            # Columns are one space apart (the box's separator, without padding): the name takes the rest.
            name_width = width - sum(widths) - len(widths)
            if name_width >= NAME_MIN:
                break
        if name_width < NAME_MIN:  # the target and actual columns wrap to share what is left
            room = width - len(widths) - NAME_MIN - sum(widths[2:])
            natural = widths[0] + widths[1]
            widths[0] = max(10, room * widths[0] // natural)
            widths[1] = max(10, room - widths[0])
            name_width = max(NAME_MIN, width - sum(widths) - len(widths))
        # No wider than the longest name or id: off a terminal the width offered is NATURAL.
        longest = max(max(cell_len(name(r.target, lang)), cell_len(r.target.indicator)) for r in part.rows)
        name_width = max(NAME_MIN, min(name_width, longest))
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=0, header_style="bold",
                      expand=False)
        table.add_column(L["indicator"], width=name_width, overflow="fold")
        for k, h in enumerate(heads):
            table.add_column(h, no_wrap=k == len(heads) - 1, width=widths[k])
        for r, row in zip(part.rows, cells, strict=True):
            label = Text.assemble(name(r.target, lang), "\n", (hyphen_wrap(r.target.indicator, name_width), "dim"))
            table.add_row(label, *row)
        return table

    def _cells(self, r: Result, wide: bool, pace: bool) -> list[Text]:
        lang = self.lang
        target = Text(target_text(r.target, lang).replace(" · ", "\n").replace(" (", "\n("))
        if r.target.op is None:  # a milestone: "done" over its date
            target = Text(target.plain.replace(" ", "\n", 1))
        actual = Text(actual_text(r).replace(" (", "\n("))
        for o in r.context:
            actual.append("\n" + context_text(o, r, lang), style="dim")
        progress = bar(r) if wide else Text(progress_text(r) if r.progress is not None else "—")
        if not wide and pace and r.expected is not None:
            progress.append("\n" + pace_text(r, lang), style="dim")
        out = [target, actual, progress]
        if wide:
            out.append(Text(pace_text(r, lang)))
        if "projection" in self.columns:
            out.append(Text(projection_text(r, lang)))
        accepted = r.target.key in self.accepted
        out.append(Text(status_text(r.status, lang, accepted), style="dim" if accepted else STYLES[r.status]))
        return out


def summary(results: Results, lang: str) -> Text:
    """``Summary (as of 2021-06-30): met 1 · no data 2 (total 3)``: the statuses some result has,
    each in its colour, over every result (whatever --status shows)."""
    L = LABELS[lang]
    text = Text(f"{L['summary']} ({L['as_of']} {results.as_of}): ", style="bold")
    counts = [(s, n) for s, n in results.counts().items() if n]
    for i, (status, n) in enumerate(counts):
        if i:
            text.append(" · ")
        text.append(f"{WORDS[lang][status]} {n}", style=STYLES[status])
    text.append(f" ({L['total']} {len(results)}")
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
            table = Table(title=Text(title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD,
                          show_edge=False, pad_edge=False, header_style="bold")
            for h in (L["indicator"], L["kind"], L["target"], L["source"]):
                table.add_column(h)
            table.columns[0].min_width = 16
            for t in plan.targets:
                quote = Text()
                for s in t.sources:
                    quote.append(("\n" if quote else "") + f"{clean(s.section)}: ", style="dim")
                    quote.append(f"“{clean(s.quote)}”")
                table.add_row(Text.assemble(name(t, self.lang), "\n", (t.indicator, "dim")),
                              kind_text(t.kind, self.lang), target_text(t, self.lang), quote)
            self.console.print(table)
            self.console.print()
            total += len(plan.targets)
        self.console.print(Text(f"{len(plans)} plans, {total} targets", style="bold"))
