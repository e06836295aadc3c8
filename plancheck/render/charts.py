"""Small inline SVG charts that explain themselves: a target's observations against its target and
its pace line, over the target's own period, with a date axis, a value axis and a legend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from plancheck.model import Observation, Result
from plancheck.render.words import amount, num

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 58, 10, 8, 44
"""The plot's margins: value labels on the left, date labels and the legend below."""

LEGEND = {
    "zh": {"actual": "实际值", "target": "目标", "pace": "序时进度线"},
    "en": {"actual": "observations", "target": "target", "pace": "pace line"},
}


@dataclass(frozen=True, slots=True)
class Frame:
    """The dates and values a chart spans, and where they fall on it."""

    d0: date
    d1: date
    v0: Decimal
    v1: Decimal

    def x(self, d: date) -> float:
        span = max((self.d1 - self.d0).days, 1)
        return LEFT + (WIDTH - LEFT - RIGHT) * (d - self.d0).days / span

    def y(self, v: Decimal) -> float:
        span = self.v1 - self.v0 or Decimal(1)
        return TOP + (HEIGHT - TOP - BOTTOM) * float((self.v1 - v) / span)


def window(result: Result, history: list[Observation]) -> list[Observation]:
    """The observations a target's chart shows: those of its own period (from its baseline's date,
    when that is earlier, to its deadline). A year-by-year target is charted over its own year."""
    t, base = result.target, result.baseline
    start = min(t.start, base.date) if base is not None else t.start
    return [o for o in history if start <= o.date <= t.deadline]


def chart(result: Result, history: list[Observation], lang: str = "en") -> str:
    """An ``<svg>`` of the observations (blue), the target (red, dashed) and the pace line from the
    baseline at the start to the target at the deadline (grey, dotted), with the period's dates
    below, the values on the left and a legend; empty when there is nothing to draw."""
    t, base = result.target, result.baseline
    shown = window(result, history)
    if not shown or t.value is None:
        return ""
    frame = _frame(result, shown)
    words = LEGEND.get(lang, LEGEND["en"])
    label = f"{t.indicator}: {words['actual']} / {words['target']} {amount(t.value, t.unit)}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}">']
    parts += _axes(result, frame)
    ty = frame.y(t.value)
    parts.append(f'<line class="target" x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}"/>')
    if base is not None:
        parts.append(f'<line class="pace" x1="{frame.x(max(t.start, frame.d0)):.1f}" y1="{frame.y(base.value):.1f}" '
                     f'x2="{frame.x(t.deadline):.1f}" y2="{ty:.1f}"/>')
    points = [(frame.x(o.date), frame.y(o.value), o) for o in shown]
    if len(points) > 1:
        parts.append(f'<polyline class="actual" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)}"/>')
    for x, y, o in points:
        parts.append(f'<circle class="actual" cx="{x:.1f}" cy="{y:.1f}" r="2.5">'
                     f"<title>{escape(o.raw)} ({o.date})</title></circle>")
    parts += _legend(words, base is not None)
    parts.append("</svg>")
    return "".join(parts)


def _frame(result: Result, shown: list[Observation]) -> Frame:
    t, base = result.target, result.baseline
    assert t.value is not None
    dates = [o.date for o in shown] + [t.start, t.deadline] + ([base.date] if base else [])
    values = [o.value for o in shown] + [t.value] + ([base.value] if base else [])
    v0, v1 = min(values), max(values)
    margin = (v1 - v0) * Decimal("0.1") or abs(v1) * Decimal("0.1") or Decimal(1)
    low = v0 - margin
    if v0 >= 0 > low:  # a count or a share never goes below zero: nor does its axis
        low = Decimal(0)
    return Frame(min(dates), max(dates), low, v1 + margin)


def _axes(result: Result, frame: Frame) -> list[str]:
    """The plot's box, the values at its bottom, at the target and at its top, and the dates of
    the period's ends."""
    t = result.target
    assert t.value is not None
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    out = [f'<rect class="plot" x="{LEFT}" y="{TOP}" width="{right - LEFT}" height="{bottom - TOP}"/>']
    for value in (frame.v0, t.value, frame.v1):
        y = frame.y(value)
        text = amount(value, t.unit) if value == t.value else num(_round(value, frame))
        out.append(f'<text class="axis" x="{LEFT - 4}" y="{y + 3:.1f}" text-anchor="end">{escape(text)}</text>')
    for day, anchor in ((frame.d0, "start"), (frame.d1, "end")):
        out.append(f'<text class="axis" x="{frame.x(day):.1f}" y="{bottom + 12}" text-anchor="{anchor}">'
                   f"{day.isoformat()}</text>")
    return out


def _round(value: Decimal, frame: Frame) -> Decimal:
    """An axis end to a sensible precision: two significant figures of the span."""
    span = frame.v1 - frame.v0
    if not span:
        return value
    step = Decimal(1).scaleb(span.adjusted() - 1)
    if step < 1:
        return value.quantize(step)
    return (value / step).to_integral_value() * step


def _legend(words: dict[str, str], pace: bool) -> list[str]:
    """One line under the dates: a swatch and a word for each line drawn."""
    y = HEIGHT - 10
    items = [("actual", "circle"), ("target", "target")] + ([("pace", "pace")] if pace else [])
    out, x = [], LEFT
    for key, kind in items:
        if kind == "circle":
            out.append(f'<circle class="swatch" cx="{x + 6}" cy="{y - 3}" r="2.5"/>')
        else:
            out.append(f'<line class="{kind}" x1="{x}" y1="{y - 3}" x2="{x + 14}" y2="{y - 3}"/>')
        out.append(f'<text class="legend" x="{x + 18}" y="{y}">{escape(words[key])}</text>')
        x += 26 + len(words[key]) * (11 if words[key] > "\u2e80" else 6)  # a CJK word's characters are wider
    return out
