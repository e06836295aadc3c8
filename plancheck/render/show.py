"""The ``show`` reporter: one indicator's targets, verdicts, provenance and observations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich.text import Text

from plancheck.model import Indicator, Observation, Results
from plancheck.render.console import console_for
from plancheck.render.table import STYLES
from plancheck.render.words import LABELS, actual_text, clean, pace_text, percent, status_text, target_text


class ShowReporter:
    """Indicator detail for a person reading one target closely."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.console = console_for(stream)
        self.lang = lang

    def report(self, data: tuple[Indicator, Results, Sequence[Observation]]) -> None:
        indicator, results, observations = data
        L = LABELS[self.lang]
        p = self.console.print
        p(Text(f"{clean(indicator.plan)} / {clean(indicator.id)}", style="bold"))
        p(Text(f"{clean(indicator.name_zh)} — {clean(indicator.name_en)}"))
        p(Text(f"{L['kind']}: {indicator.kind.value}   {L['unit']}: {clean(indicator.unit.text) or '—'}   "
               f"{clean(indicator.location.path)}:{indicator.location.line}", style="dim"))
        for r in results:
            t = r.target
            p()
            p(Text.assemble((f"{L['target']}: ", "bold"), target_text(t, self.lang), "   ",
                            (status_text(r.status, self.lang), STYLES[r.status])))
            p(Text(f"  {t.start} – {t.deadline};  {L['actual']}: {actual_text(r)};  "
                   f"{L['progress']}: {percent(r.progress)};  {L['pace']}: {pace_text(r, self.lang)}"))
            if r.baseline is not None:
                p(Text(f"  {L['baseline']}: {r.baseline.value} ({r.baseline.date}, {r.baseline.origin})"))
            p(Text(f"  {L['explanation']}: {clean(r.explanation)}", style="dim"))
            if t.note:
                p(Text(f"  {L['note']}: {clean(t.note)}", style="dim"))
            for s in t.sources:
                p(Text(f"  {L['source']}: {clean(s.file)} · {clean(s.section)}", style="dim"))
                p(Text(f"    “{clean(s.quote)}”"))
        p()
        p(Text(f"{L['observations']} ({len(observations)})", style="bold"))
        for o in observations:
            line = f"  {o.date}  {clean(o.raw):>14}  {clean(o.location.path)}:{o.location.line}"
            if o.source:
                line += f"  {clean(o.source)[:80]}"
            p(Text(line))
