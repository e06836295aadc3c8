"""The Markdown report, for mail and chat: summary per plan, what changed, every target."""

from __future__ import annotations

import io
from itertools import groupby
from typing import IO

from tabulate import tabulate

from plancheck.evaluate.report import Report
from plancheck.model import Status, count_statuses
from plancheck.render.text import MarkdownDiffReporter, MarkdownReporter, _md
from plancheck.render.words import LABELS, WORDS


class MarkdownReportReporter:
    """A Report as GitHub-flavoured Markdown."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream
        self.lang = lang

    def report(self, report: Report) -> None:
        L = LABELS[self.lang]
        results = report.results
        w = self.stream.write
        w(f"# {L['report']} — {L['as_of']} {results.as_of}\n\n")
        rows = []
        for plan_id, group in groupby(results.visible, key=lambda r: r.target.plan):
            items = list(group)
            counts = count_statuses(items)
            rows.append([_md(plan_id), *[str(counts[s]) for s in Status], str(len(items))])
        headers = [L["plan"], *[WORDS[self.lang][s] for s in Status], L["total"]]
        w(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) + "\n\n")
        if report.diff is not None:
            w(f"## {L['changes']} ({report.diff.before.as_of} → {report.diff.after.as_of})\n\n")
            MarkdownDiffReporter(stream=self.stream, lang=self.lang).report(report.diff)
            w("\n")
        body = io.StringIO()
        MarkdownReporter(stream=body, lang=self.lang, every=True).report(results)
        w(body.getvalue())
