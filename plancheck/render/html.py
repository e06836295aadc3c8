"""The HTML report: one self-contained file (inline CSS and SVG; no scripts, fonts or requests)."""

from __future__ import annotations

from html import escape
from itertools import groupby
from typing import IO

from plancheck.evaluate.report import Report
from plancheck.model import Result, Status, count_statuses
from plancheck.render.charts import chart
from plancheck.render.words import (
    CHANGE_WORDS,
    LABELS,
    WORDS,
    actual_text,
    clean,
    context_text,
    lapsed_text,
    name,
    pace_text,
    progress_text,
    status_text,
    target_text,
)

COLOURS = {Status.MET: "#1a7f37", Status.ON_TRACK: "#0969da", Status.PENDING: "#8c959f",
           Status.NO_DATA: "#8250df", Status.LAGGING: "#bf8700", Status.MISSED: "#cf222e"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;
color:#1f2328;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{padding:.35em .5em;border-bottom:1px solid #eaeef2;
text-align:left;vertical-align:top}th{background:#f6f8fa}
.id{color:#57606a;font-size:.85em;font-family:monospace}.ctx{color:#57606a;font-size:.85em}
.bar{background:#eaeef2;width:120px;height:10px;border-radius:5px;overflow:hidden;display:inline-block}
.bar span{display:block;height:100%}.status{font-weight:600;white-space:nowrap}
.counts span{display:inline-block;margin-right:1em}
svg.chart line.target{stroke:#cf222e;stroke-dasharray:4 3;stroke-width:1}
svg.chart line.pace{stroke:#8c959f;stroke-dasharray:1 3;stroke-width:1.5}
svg.chart polyline.actual{fill:none;stroke:#0969da;stroke-width:1.5}
svg.chart circle.actual,svg.chart circle.swatch{fill:#0969da}
svg.chart rect.plot{fill:none;stroke:#d0d7de;stroke-width:1}
svg.chart text{font-size:10px;fill:#57606a}svg.chart text.legend{fill:#1f2328}
"""


class HtmlReporter:
    """Renders a Report as one HTML page."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream
        self.lang = lang

    def report(self, report: Report) -> None:
        L = LABELS[self.lang]
        results = report.results
        out = [f'<!DOCTYPE html><html lang="{self.lang}"><head><meta charset="utf-8">',
               '<meta name="viewport" content="width=device-width, initial-scale=1">',
               f"<title>{escape(L['report'])} — {results.as_of}</title><style>{CSS}</style></head><body>",
               f"<h1>{escape(L['report'])}</h1><p>{escape(L['as_of'])} {results.as_of}</p>",
               self._counts(list(results))]
        out.extend(f'<p class="lapsed">{escape(lapsed_text(x, self.lang))}</p>' for x in results.lapsed)
        if report.diff is not None:
            out.append(self._changes(report))
        titles = {p.id: (p.title_en if self.lang == "en" and p.title_en else p.title_zh) for p in report.plans}
        for plan_id, group in groupby(results.visible, key=lambda r: r.target.plan):
            items = list(group)
            out.append(f"<h2>{escape(clean(titles.get(plan_id, plan_id)))} "
                       f'<span class="id">{escape(plan_id)}</span></h2>')
            out.append(self._counts(items))
            out.append(f"<table><thead><tr><th>{escape(L['indicator'])}</th><th>{escape(L['target'])}</th>"
                       f"<th>{escape(L['actual'])}</th><th>{escape(L['progress'])}</th>"
                       f"<th>{escape(L['pace'])}</th><th>{escape(L['status'])}</th>"
                       f"<th>{escape(L['history'])}</th></tr></thead><tbody>")
            out.extend(self._row(r, report) for r in items)
            out.append("</tbody></table>")
        out.append("</body></html>\n")
        self.stream.write("\n".join(out))

    def _counts(self, items: list[Result]) -> str:
        counts = count_statuses(items)
        spans = "".join(f'<span style="color:{COLOURS[s]}">{escape(WORDS[self.lang][s])} <b>{n}</b></span>'
                        for s, n in counts.items())
        return f'<p class="counts">{spans}</p>'

    def _changes(self, report: Report) -> str:
        L = LABELS[self.lang]
        diff = report.diff
        assert diff is not None
        head = f"<h2>{escape(L['changes'])} ({diff.before.as_of} → {diff.after.as_of})</h2>"
        if not diff.changes:
            return head + f"<p>{escape(L['no_changes'])}</p>"
        was, now = diff.before.accepted, diff.after.accepted
        lang = self.lang
        rows = "".join(
            f"<tr><td>{escape(CHANGE_WORDS[self.lang][c.kind])}</td><td>{escape(name(c.target, self.lang))} "
            f'<span class="id">{escape(c.target.plan)}/{escape(c.target.indicator)}</span></td>'
            f"<td>{escape(target_text(c.target, self.lang))}</td>"
            f'<td style="color:{COLOURS[c.before]}">{escape(status_text(c.before, lang, c.target.key in was))}</td>'
            f'<td class="status" style="color:{COLOURS[c.after]}">'
            f"{escape(status_text(c.after, lang, c.target.key in now))}</td></tr>"
            for c in diff.changes)
        return (head + f"<table><thead><tr><th>{escape(L['change'])}</th><th>{escape(L['indicator'])}</th>"
                f"<th>{escape(L['target'])}</th><th>{diff.before.as_of}</th><th>{diff.after.as_of}</th></tr>"
                f"</thead><tbody>{rows}</tbody></table>")

    def _row(self, r: Result, report: Report) -> str:
        share = r.progress
        width = 0 if share is None else max(0, min(100, round(float(share) * 100)))
        done = escape(progress_text(r))
        bar = (f'<span class="bar" title="{done}"><span style="width:{width}%;'
               f'background:{COLOURS[r.status]}"></span></span> {done}') if share is not None else "—"
        status = status_text(r.status, self.lang, r.target.key in report.results.accepted)
        context = "".join(f'<div class="ctx">{escape(context_text(o, r, self.lang))}</div>' for o in r.context)
        return (f"<tr><td>{escape(name(r.target, self.lang))}<div class=\"id\">{escape(r.target.indicator)}</div></td>"
                f"<td>{escape(target_text(r.target, self.lang))}</td><td>{escape(actual_text(r))}{context}</td>"
                f"<td>{bar}</td><td>{escape(pace_text(r, self.lang))}</td>"
                f'<td class="status" style="color:{COLOURS[r.status]}">{escape(status)}</td>'
                f"<td>{chart(r, report.history(r), self.lang)}</td></tr>")
