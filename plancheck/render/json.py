"""JSON reporters: the stable machine format (``schema_version`` 1, documented in the README)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from plancheck.evaluate.diff import Diff
from plancheck.model import Baseline, Observation, Plan, Result, Results, Target
from plancheck.model.acceptance import Acceptance, Lapsed
from plancheck.render.reasons import explain

SCHEMA_VERSION = 1


def number(value: Decimal | None) -> float | int | None:
    """A JSON number. A decimal of up to 15 significant digits (every figure a plan or a bulletin
    states) keeps its exact text (2.59, never 2.5899999...); a longer one, which only a computation
    gives (a growth rate from two levels), is rounded to the nearest double."""
    if value is None:
        return None
    text = str(value)
    if "E" in text:  # a positive exponent (4E+2) or a very small number (1E-7)
        _, figures, exponent = value.as_tuple()
        if isinstance(exponent, int) and exponent >= 0 and len(figures) + exponent <= 15:
            return int(value)
        return float(value)
    if "." in text or len(text.lstrip("-0")) > 15:
        return float(text)
    return int(text)


def ratio(value: Fraction | None) -> float | None:
    """A share as a JSON number rounded to 6 decimal places (the exact inputs travel beside it)."""
    return None if value is None else round(value.numerator / value.denominator, 6)


def gap(r: Result) -> float | None:
    """Progress minus expected pace in percentage points, rounded to 4 places, from the exact shares."""
    g = r.gap_points
    return None if g is None else round(g.numerator / g.denominator, 4)


class _IsoDates(dict[date, str]):
    """The ISO text of each date, made once: a run repeats a few hundred dates in every result."""

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


_ISO = _IsoDates()


def observation_dict(o: Observation) -> dict[str, Any]:
    return {"value": number(o.value), "bound": o.bound, "date": _ISO[o.date], "raw": o.raw, "source": o.source,
            "note": o.note, "file": o.path, "row": o.line, "use": "context" if o.context else "verdict"}


def measures_dict(r: Result) -> dict[str, Any]:
    """The measures beside the verdict: the projection to the deadline, the compound-growth measure
    and the staleness of the observation the verdict rests on (each null when it does not apply)."""
    p, g, s = r.projection, r.growth_measure, r.stale
    return {
        "projection": None if p is None else {"value": ratio(p.value), "needed_per_month": ratio(p.needed_per_month),
                                              "months_left": ratio(p.months_left)},
        "growth_measure": None if g is None else {"observed_cagr": round(g.observed, 6),
                                                  "required_cagr": round(g.required, 6), "ratio": round(g.ratio, 6),
                                                  "band": g.band},
        "stale": None if s is None else {"latest": _ISO[s.latest], "months": s.months, "cycle": s.cycle,
                                         "reference": s.reference},
    }


def baseline_dict(b: Baseline | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"value": number(b.value), "date": _ISO[b.date], "origin": b.origin}


def target_dict(t: Target) -> dict[str, Any]:
    """The fields that identify and state a target, with its provenance."""
    return {
        "plan": t.plan, "indicator": t.indicator, "name": t.name_zh, "name_en": t.name_en, "kind": t.kind.value,
        "op": t.op, "value": number(t.value), "unit": t.unit.text, "base_value": number(t.base_value),
        "base_unit": t.unit.base, "start": t.start.isoformat(), "deadline": t.deadline.isoformat(), "soft": t.soft,
        "baseline": baseline_dict(t.baseline), "note": t.note,
        "source_file": t.sources[0].file, "section": t.sources[0].section, "quote": t.sources[0].quote,
        "sources": [{"file": s.file, "section": s.section, "quote": s.quote} for s in t.sources],
        "location": {"file": t.location.path, "line": t.location.line},
    }


def acceptance_dict(a: Acceptance | None) -> dict[str, Any] | None:
    """An acceptance as the JSON gives it beside its result."""
    return None if a is None else {"status": a.status.value, "reason": a.reason, "date": _ISO[a.date]}


def lapsed_dict(x: Lapsed) -> dict[str, Any]:
    a = x.acceptance
    return {"plan": a.plan, "indicator": a.indicator, "deadline": _ISO[a.deadline], "why": x.why,
            **(acceptance_dict(a) or {}),
            "location": None if a.location is None else {"file": a.location.path, "line": a.location.line}}


def result_dict(r: Result, acceptance: Acceptance | None = None) -> dict[str, Any]:
    """One result with every number behind its verdict (``acceptance``: the one it stands under)."""
    t = r.target
    actual = None
    if r.actual is not None:
        actual = {"value": number(r.actual), "bound": r.bound, "date": _ISO[r.actual_date] if r.actual_date else None,
                  "observation": observation_dict(r.observation) if r.observation else None}
    return {
        "plan": t.plan, "indicator": t.indicator, "name": t.name_zh, "name_en": t.name_en, "kind": t.kind.value,
        "status": r.status.value, "accepted": acceptance_dict(acceptance),
        "start": _ISO[t.start], "deadline": _ISO[t.deadline], "soft": t.soft,
        "target": {"op": t.op, "value": number(t.value), "unit": t.unit.text, "base_value": number(t.base_value)},
        "actual": actual,
        "baseline": baseline_dict(r.baseline),
        "progress": ratio(r.progress), "expected": ratio(r.expected),
        "gap_points": gap(r), "tolerance": ratio(r.tolerance),
        "explanation": explain(r),
        "context": [observation_dict(o) for o in r.context],
        "events": [observation_dict(o) for o in r.events],
        **measures_dict(r),
        "source_file": t.sources[0].file, "quote": t.sources[0].quote,
        "location": {"file": t.location.path, "line": t.location.line},
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def write_lines(head: dict[str, Any], key: str, items: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    """Write ``head`` with ``key`` holding ``items``, one compact item per line: it reads and diffs
    well, and goes through json's C encoder (an indented dump runs its pure-Python one). Lines are
    written some hundreds at a time: a whole document of a national data set would be held three
    times over, and an unbuffered stream (PYTHONUNBUFFERED, which CI runners often set) makes a
    system call of every write."""
    stream.write("{\n" + "".join(f"  {_ENCODE(k)}: {_ENCODE(v)},\n" for k, v in head.items()) + f"  {_ENCODE(key)}: [")
    lines = map(_ENCODE, items)
    first = next(lines, None)
    if first is None:
        stream.write("]\n}\n")
        return
    batch = ["\n    " + first]
    for line in lines:
        batch.append(line)
        if len(batch) >= 512:
            stream.write(",\n    ".join(batch))
            batch = [""]
    stream.write(",\n    ".join(batch) + "\n  ]\n}\n")


class JsonReporter:
    """``{"schema_version", "as_of", "summary", "worst", "accepted", "lapsed", "results": [...]}``, one
    result per line. ``summary`` and ``worst`` count every result, accepted or not."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, results: Results) -> None:
        worst = results.worst
        head = {
            "schema_version": SCHEMA_VERSION,
            "as_of": results.as_of.isoformat(),
            "summary": {s.value: n for s, n in results.counts().items()},
            "worst": None if worst is None else worst.value,
        }
        if results.shown is not None:
            head["shown"] = {"results": len(results.shown), "of": len(results)}
        head["accepted"] = len(results.accepted)
        head["lapsed"] = [lapsed_dict(x) for x in results.lapsed]
        accepted = results.accepted
        items = (result_dict(r, accepted.get(r.target.key)) for r in results.visible) if accepted else \
            map(result_dict, results.visible)
        write_lines(head, "results", items, self.stream)


class TargetsJsonReporter:
    """``{"schema_version", "plans", "targets": [...]}``."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, plans: list[Plan]) -> None:
        head = {"schema_version": SCHEMA_VERSION,
                "plans": [{"id": p.id, "title": p.title_zh, "title_en": p.title_en, "targets": len(p.targets)}
                          for p in plans]}
        write_lines(head, "targets", (target_dict(t) for p in plans for t in p.targets), self.stream)


class DiffJsonReporter:
    """``{"schema_version", "from", "to", "changes": [{plan, indicator, name, deadline, kind, before, after}]}``."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, diff: Diff) -> None:
        json.dump({"schema_version": SCHEMA_VERSION, "from": diff.before.as_of.isoformat(),
                   "to": diff.after.as_of.isoformat(),
                   "changes": [{"plan": c.target.plan, "indicator": c.target.indicator, "name": c.target.name_zh,
                                "name_en": c.target.name_en, "deadline": c.target.deadline.isoformat(),
                                "kind": c.kind, "before": c.before.value, "after": c.after.value}
                               for c in diff.changes]}, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
