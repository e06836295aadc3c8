"""Small inline SVG charts: a target's observations against its target and its pace line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from plancheck.model import Observation, Result

WIDTH, HEIGHT, PAD = 240, 72, 6


def _x(d: date, lo: date, hi: date) -> float:
    span = max((hi - lo).days, 1)
    return PAD + (WIDTH - 2 * PAD) * (d - lo).days / span


def _y(v: Decimal, lo: Decimal, hi: Decimal) -> float:
    span = hi - lo or Decimal(1)
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * float((v - lo) / span)


def chart(result: Result, history: list[Observation]) -> str:
    """Return an ``<svg>`` of the observations (blue), the target (red, dashed), the pace line from the
    baseline at the start to the target at the deadline (grey, dotted) and the deadline (vertical);
    empty when there is nothing to draw."""
    t = result.target
    if not history or t.value is None:
        return ""
    base = result.baseline
    dates = [o.date for o in history] + [t.start, t.deadline] + ([base.date] if base else [])
    values = [o.value for o in history] + [t.value] + ([base.value] if base else [])
    d0, d1 = min(dates), max(dates)
    v0, v1 = min(values), max(values)
    margin = (v1 - v0) * Decimal("0.1") or abs(v1) * Decimal("0.1") or Decimal(1)
    v0, v1 = v0 - margin, v1 + margin
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(t.indicator)}">']
    ty = _y(t.value, v0, v1)
    parts.append(f'<line class="target" x1="{PAD}" y1="{ty:.1f}" x2="{WIDTH - PAD}" y2="{ty:.1f}"/>')
    if base is not None:
        parts.append(f'<line class="pace" x1="{_x(t.start, d0, d1):.1f}" y1="{_y(base.value, v0, v1):.1f}" '
                     f'x2="{_x(t.deadline, d0, d1):.1f}" y2="{ty:.1f}"/>')
    dx = _x(t.deadline, d0, d1)
    parts.append(f'<line class="deadline" x1="{dx:.1f}" y1="{PAD}" x2="{dx:.1f}" y2="{HEIGHT - PAD}"/>')
    points = [(_x(o.date, d0, d1), _y(o.value, v0, v1), o) for o in history]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(f'<polyline class="actual" points="{path}"/>')
    for x, y, o in points:
        parts.append(f'<circle class="actual" cx="{x:.1f}" cy="{y:.1f}" r="2.5">'
                     f"<title>{escape(o.raw)} ({o.date})</title></circle>")
    parts.append("</svg>")
    return "".join(parts)
