"""Plain-text and Markdown reporters, both rendered with tabulate."""

from __future__ import annotations

from collections.abc import Container
from typing import IO

from tabulate import tabulate

from plancheck.evaluate.diff import Diff
from plancheck.model import Plan, Result, Results
from plancheck.render.arrange import arrange, quiet_data
from plancheck.render.words import (
    CHANGE_WORDS,
    LABELS,
    WORDS,
    actual_text,
    clean,
    context_text,
    folded_text,
    headline,
    hint_text,
    lapsed_text,
    name,
    pace_text,
    progress_text,
    status_text,
    target_text,
)


def status_rows(results: list[Result], lang: str, accepted: Container[object] = ()) -> list[list[str]]:
    """One row of display strings per result (``accepted``: the keys of the accepted ones)."""
    return [[name(r.target, lang), r.target.indicator, target_text(r.target, lang),
             "; ".join([actual_text(r), *(context_text(o, r, lang) for o in r.context)]),
             progress_text(r), pace_text(r, lang), status_text(r.status, lang, r.target.key in accepted)]
            for r in results]


def status_headers(lang: str) -> list[str]:
    L = LABELS[lang]
    return [L["indicator"], "id", L["target"], L["actual"], L["progress"], L["pace"], L["status"]]


def summary_line(results: Results, lang: str) -> str:
    """The counts of every result (whatever --status shows), and how many are shown when filtered."""
    L = LABELS[lang]
    counts = " · ".join(f"{WORDS[lang][s]} {n}" for s, n in results.counts().items())
    shown = "" if results.shown is None else "; " + L["shown"].format(shown=len(results.shown), of=len(results))
    return f"{L['summary']} ({L['as_of']} {results.as_of}): {counts} ({L['total']} {len(results)}{shown})"


def _md(text: str) -> str:
    """Escape what Markdown would interpret in a table cell (and HTML, which Markdown passes through)."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out


class PlainReporter:
    """Aligned plain text, for logs and mail: per plan the problems first, the targets due without
    data and the pending ones counted on a line each (``every``: every row), then the summary."""

    tablefmt = "simple"

    def __init__(self, *, stream: IO[str], lang: str = "zh", code: int | None = None, every: bool = False,
                 quiet: bool = False, **_: object) -> None:
        self.stream = stream
        self.lang, self.code, self.every, self.quiet = lang, code, every, quiet

    def cell(self, text: str) -> str:
        return text

    def heading(self, text: str) -> str:
        return text

    def line(self, text: str) -> str:
        return text

    def report(self, results: Results) -> None:
        w = self.stream.write
        if self.code is not None:
            w(self.line(headline(results, self.code, self.lang)) + "\n\n")
        for part in arrange(results, every=self.every, quiet=self.quiet):
            w(self.heading(clean(part.plan)) + "\n\n")
            if part.rows:
                rows = [[self.cell(c) for c in row]
                        for row in status_rows(list(part.rows), self.lang, results.accepted)]
                w(tabulate(rows, headers=status_headers(self.lang), tablefmt=self.tablefmt,
                           disable_numparse=True) + "\n\n")
            for f in part.folded:
                w(self.line(folded_text(f, self.lang)) + "\n\n")
        for lapsed in results.lapsed:
            w(self.line(lapsed_text(lapsed, self.lang)) + "\n\n")
        hint = quiet_data(results.items) if not self.quiet else None
        if hint is not None:
            w(self.line(hint_text(*hint, self.lang)) + "\n\n")
        w(self.line(summary_line(results, self.lang)) + "\n")


class MarkdownReporter(PlainReporter):
    """GitHub-flavoured Markdown tables, for chat, mail and CI step summaries."""

    tablefmt = "github"

    def cell(self, text: str) -> str:
        return _md(text)

    def heading(self, text: str) -> str:
        return "## " + _md(text)

    def line(self, text: str) -> str:
        return _md(text)


def target_rows(plans: list[Plan], lang: str) -> list[list[str]]:
    return [[p.id, t.indicator, name(t, lang), t.kind.value, target_text(t, lang), t.sources[0].file,
             " / ".join(clean(s.quote) for s in t.sources)] for p in plans for t in p.targets]


class TargetsPlainReporter:
    """Every target as aligned plain text."""

    tablefmt = "simple"

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream
        self.lang = lang

    def report(self, plans: list[Plan]) -> None:
        L = LABELS[self.lang]
        headers = [L["plan"], "id", L["indicator"], L["kind"], L["target"], L["source"], L["quote"]]
        rows = target_rows(plans, self.lang)
        if self.tablefmt == "github":
            rows = [[_md(c) for c in row] for row in rows]
        self.stream.write(tabulate(rows, headers=headers, tablefmt=self.tablefmt, disable_numparse=True) + "\n")


class TargetsMarkdownReporter(TargetsPlainReporter):
    """Every target as a Markdown table."""

    tablefmt = "github"


def diff_rows(diff: Diff, lang: str) -> list[list[str]]:
    """One row per change: what changed, the target, and the statuses before and after."""
    before, after = diff.before.accepted, diff.after.accepted
    return [[CHANGE_WORDS[lang][c.kind], name(c.target, lang), f"{c.target.plan}/{c.target.indicator}",
             target_text(c.target, lang), status_text(c.before, lang, c.target.key in before),
             status_text(c.after, lang, c.target.key in after)] for c in diff.changes]


def diff_headers(diff: Diff, lang: str) -> list[str]:
    L = LABELS[lang]
    return [L["change"], L["indicator"], "id", L["target"], str(diff.before.as_of), str(diff.after.as_of)]


class PlainDiffReporter:
    """Status changes between two dates as aligned plain text."""

    tablefmt = "simple"

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream
        self.lang = lang

    def report(self, diff: Diff) -> None:
        L = LABELS[self.lang]
        if not diff.changes:
            self.stream.write(f"{L['no_changes']} ({diff.before.as_of} → {diff.after.as_of})\n")
            return
        rows = diff_rows(diff, self.lang)
        if self.tablefmt == "github":
            rows = [[_md(c) for c in row] for row in rows]
        self.stream.write(tabulate(rows, headers=diff_headers(diff, self.lang), tablefmt=self.tablefmt,
                                   disable_numparse=True) + "\n")


class MarkdownDiffReporter(PlainDiffReporter):
    """Status changes as a Markdown table."""

    tablefmt = "github"
