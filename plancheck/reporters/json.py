"""JSON reporters: the stable machine format (``schema_version`` 1, documented in the README)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from plancheck.diff import Diff
from plancheck.evaluate import Results
from plancheck.model import Baseline, Observation, Plan, Result, Status, Target
from plancheck.reporters import batches

SCHEMA_VERSION = 1


def number(value: Decimal | str | None) -> float | int | None:
    """A JSON number. A decimal of up to 15 significant digits (every figure a plan or a bulletin
    states) keeps its exact text (2.59, never 2.5899999...); a longer one, which only a computation
    gives (a growth rate from two levels), is rounded to the nearest double. A plain decimal still
    in its text (an observation's number as read) is converted from the text, to the same result."""
    if value is None:
        return None
    # A Decimal's text is plain digits unless its exponent is positive, it is very small ("4E+2",
    # "1E-7") or it is not finite; plain text is read as it is (Decimal.as_tuple, which would tell,
    # costs five times more).
    text = value if isinstance(value, str) else str(value)
    if "E" in text or not text[-1].isdigit():
        exact = Decimal(text) if isinstance(value, str) else value
        _, figures, exponent = exact.as_tuple()
        if isinstance(exponent, int) and exponent >= 0 and len(figures) + exponent <= 15:
            return int(exact)
        return float(exact)
    return int(text) if "." not in text and len(text.lstrip("-0")) <= 15 else float(text)


def ratio(value: Fraction | None) -> float | None:
    """A share as a JSON number rounded to 6 decimal places (the exact inputs travel beside it)."""
    # int / int is the correctly rounded quotient, as float(Fraction) is, without the numbers ABC.
    return None if value is None else round(value.numerator / value.denominator, 6)


def gap(r: Result) -> float | None:
    """Progress minus expected pace in percentage points, rounded to 4 places, from the exact shares."""
    p, e = r.progress, r.expected
    if p is None or e is None:
        return None
    return round(100 * (p.numerator * e.denominator - e.numerator * p.denominator)
                 / (p.denominator * e.denominator), 4)


class _IsoDates(dict[date, str]):
    """ISO text of each date, made once: a run repeats a few hundred dates over millions of cells."""

    def __missing__(self, d: date) -> str:
        text = self[d] = d.isoformat()
        return text


_ISO = _IsoDates()


def observation_dict(o: Observation) -> dict[str, Any]:
    return {"value": number(o.number), "date": _ISO[o.date], "raw": o.raw, "source": o.source,
            "note": o.note, "file": o.path, "row": o.line}


def baseline_dict(b: Baseline | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"value": number(b.value), "date": b.date.isoformat(), "origin": b.origin}


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


def result_dict(r: Result) -> dict[str, Any]:
    """One result with every number behind its verdict."""
    t = r.target
    actual = None
    if r.actual is not None:
        actual = {"value": number(r.actual), "date": _ISO[r.actual_date] if r.actual_date else None,
                  "observation": observation_dict(r.observation) if r.observation else None}
    return {
        "plan": t.plan, "indicator": t.indicator, "name": t.name_zh, "name_en": t.name_en, "kind": t.kind.value,
        "status": r.status.value, "start": _ISO[t.start], "deadline": _ISO[t.deadline], "soft": t.soft,
        "target": {"op": t.op, "value": number(t.value), "unit": t.unit.text, "base_value": number(t.base_value)},
        "actual": actual,
        "baseline": baseline_dict(r.baseline),
        "progress": ratio(r.progress), "expected": ratio(r.expected),
        "gap_points": gap(r), "tolerance": ratio(r.tolerance),
        "explanation": r.explanation,
        "context": [observation_dict(o) for o in r.context],
        "events": [observation_dict(o) for o in r.events],
        "source_file": t.sources[0].file, "quote": t.sources[0].quote,
        "location": {"file": t.location.path, "line": t.location.line},
    }


def _dump(data: Any, stream: IO[str]) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # plain trees: no cycles to look for


def _dump_lines(head: dict[str, Any], key: str, items: Iterable[str], stream: IO[str]) -> None:
    """Write ``head`` with ``key`` holding ``items`` (each already encoded), one item per line.

    json.dump with indent runs the pure-Python encoder; one compact item per line goes through the C
    encoder (ten times faster on a national data set) and still reads and diffs well. Lines are
    written a few hundred at a time: an unbuffered stream (PYTHONUNBUFFERED) makes a system call of
    every write."""
    w = stream.write
    w("{\n" + "".join(f"  {_ENCODE(k)}: {_ENCODE(v)},\n" for k, v in head.items()) + f"  {_ENCODE(key)}: [")
    it = iter(items)
    first = next(it, None)
    if first is None:
        w("]\n}\n")
        return
    w("\n    " + first)
    for batch in batches(it):
        w(",\n    " + ",\n    ".join(batch))
    w("\n  ]\n}\n")


class JsonReporter:
    """``{"schema_version", "as_of", "summary", "worst", "results": [...]}``, one result per line."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, results: Results) -> None:
        self.write(results.as_of, results.counts(), map(self.render, results))

    @staticmethod
    def render(result: Result) -> str:
        """One result's line, made apart from the others."""
        return _ENCODE(result_dict(result))

    def write(self, as_of: date, counts: dict[Status, int], rendered: Iterable[str]) -> None:
        """Write a run from the ``counts`` of its results and each one's ``render`` line, in order."""
        worst = max((s for s, n in counts.items() if n), default=None, key=lambda s: s.severity)
        head = {
            "schema_version": SCHEMA_VERSION,
            "as_of": as_of.isoformat(),
            "summary": {s.value: n for s, n in counts.items()},
            "worst": None if worst is None else worst.value,
        }
        _dump_lines(head, "results", rendered, self.stream)


class TargetsJsonReporter:
    """``{"schema_version", "targets": [...]}``."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, plans: list[Plan]) -> None:
        head = {"schema_version": SCHEMA_VERSION,
                "plans": [{"id": p.id, "title": p.title_zh, "title_en": p.title_en, "targets": len(p.targets)}
                          for p in plans]}
        _dump_lines(head, "targets", (_ENCODE(target_dict(t)) for p in plans for t in p.targets), self.stream)


class DiffJsonReporter:
    """``{"schema_version", "from", "to", "changes": [{plan, indicator, name, deadline, kind, before, after}]}``."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", **_: object) -> None:
        self.stream = stream

    def report(self, diff: Diff) -> None:
        _dump({"schema_version": SCHEMA_VERSION, "from": diff.before.as_of.isoformat(),
               "to": diff.after.as_of.isoformat(),
               "changes": [{"plan": c.target.plan, "indicator": c.target.indicator, "name": c.target.name_zh,
                            "name_en": c.target.name_en, "deadline": c.target.deadline.isoformat(),
                            "kind": c.kind, "before": c.before.value, "after": c.after.value}
                           for c in diff.changes]}, self.stream)
