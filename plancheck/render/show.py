"""The ``show`` reporter: one indicator's targets, verdicts, provenance and observations."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import IO

from rich.text import Text

from plancheck.model import Indicator, Observation, Result, Results
from plancheck.model.units import plain
from plancheck.render.console import console_for
from plancheck.render.reasons import explain
from plancheck.render.table import STYLES
from plancheck.render.words import (
    BANDS,
    LABELS,
    actual_text,
    amount,
    clean,
    context_text,
    kind_text,
    num,
    origin_text,
    pace_text,
    percent,
    status_text,
    target_text,
)


def measures(r: Result, lang: str) -> list[str]:
    """The projection and the compound-growth measure, in words, for ``show``."""
    L, out = LABELS[lang], []
    unit = r.target.unit
    if r.projection is not None:
        pr = r.projection
        line = f"{L['projection']}: {amount(exact(pr.value), unit)}"
        if pr.needed_per_month is not None:
            line += f";  {L['needed']}: {amount(exact(pr.needed_per_month), unit)}"
        line += f"  ({L['months_left'].format(months=num(exact(pr.months_left)))})"
        out.append(line)
    if r.growth_measure is not None:
        g = r.growth_measure
        out.append(f"{L['growth_measure']}: {L['observed_cagr']} {g.observed:.2%} / {L['required_cagr']} "
                   f"{g.required:.2%} = {g.ratio:.0%} · {BANDS[lang][g.band]}")
    return out


def exact(value: Fraction) -> Decimal:
    """A computed amount to two places at most, for people (the JSON has it to six)."""
    return plain((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01")))


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
        names = (indicator.name_zh, indicator.name_en) if self.lang == "zh" else (indicator.name_en, indicator.name_zh)
        p(Text(" — ".join(clean(n) for n in names if n)))
        kind = kind_text(indicator.kind, self.lang)
        p(Text(f"{L['kind']}: {kind}   {L['unit']}: {clean(indicator.unit.text) or '—'}   "
               f"{clean(indicator.location.path)}:{indicator.location.line}", style="dim"))
        for r in results:
            t = r.target
            p()
            p(Text.assemble((f"{L['target']}: ", "bold"), target_text(t, self.lang), "   ",
                            (status_text(r.status, self.lang), STYLES[r.status])))
            actual = "; ".join([actual_text(r), *(context_text(o, r, self.lang) for o in r.context)])
            p(Text(f"  {t.start} – {t.deadline};  {L['actual']}: {clean(actual)};  "
                   f"{L['progress']}: {percent(r.progress)};  {L['pace']}: {pace_text(r, self.lang)}"))
            if r.baseline is not None:
                b = r.baseline
                p(Text(f"  {L['baseline']}: {amount(b.value, t.unit)} ({b.date}, {origin_text(b.origin, self.lang)})"))
            for line in measures(r, self.lang):
                p(Text(f"  {line}"))
            p(Text(f"  {L['explanation']}: {clean(explain(r, self.lang))}", style="dim"))
            if t.note:
                p(Text(f"  {L['note']}: {clean(t.note)}", style="dim"))
            for s in t.sources:
                p(Text(f"  {L['source']}: {clean(s.file)} · {clean(s.section)}", style="dim"))
                p(Text(f"    “{clean(s.quote)}”"))
        p()
        p(Text(f"{L['observations']} ({len(observations)})", style="bold"))
        for o in observations:
            line = f"  {o.date}  {clean(o.raw):>14}  {clean(o.location.path)}:{o.location.line}"
            if o.context:
                line += f"  ({L['context']})"
            if o.source:
                line += f"  {clean(o.source)[:80]}"
            p(Text(line))
