"""A Plan as plain data (JSON-ready; numbers as their exact decimal text) and back: what the plan
cache stores. Decoding trusts nothing: data of another shape or type is a ValueError."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from plancheck.model import OPS, Baseline, Indicator, Input, Kind, Location, Plan, Source, Target, Unit

_KINDS = {k.value: k for k in Kind}


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """``plan`` as JSON-ready data. Sources, which targets of a plan often share, are listed once
    and named by their index."""
    sources: dict[Source, int] = {}

    def refs(items: tuple[Source, ...]) -> list[int]:
        return [sources.setdefault(s, len(sources)) for s in items]

    indicators = []
    for i in plan.indicators:
        targets = []
        for t in i.targets:
            b = t.baseline
            baseline = None if b is None else [b.date.isoformat(), str(b.value), b.origin, refs(b.sources)]
            targets.append([t.op, _num(t.value), t.start.isoformat(), t.deadline.isoformat(), t.soft,
                            refs(t.sources), t.location.line, t.location.column, t.reporting, t.growth_basis,
                            baseline, t.note, t.stated, t.reporting_cycle])
        indicators.append([i.id, i.name_zh, i.name_en, i.kind.value, i.unit.text, i.group_zh, i.group_en, i.part_of,
                           i.location.line, i.location.column, targets,
                           None if i.level_unit is None else i.level_unit.text])
    inputs = [[x.name_zh, x.name_en, _num(x.value), x.unit, x.every_year, refs(x.sources)] for x in plan.inputs]
    return {
        "id": plan.id, "title": [plan.title_zh, plan.title_en], "issuer": [plan.issuer_zh, plan.issuer_en],
        "document_number": plan.document_number, "issued": None if plan.issued is None else plan.issued.isoformat(),
        "period": [plan.start.isoformat(), plan.end.isoformat()], "source_file": plan.source_file,
        "path": plan.path, "notes": list(plan.notes), "inputs": inputs, "indicators": indicators,
        "sources": [[s.file, s.section, s.quote] for s in sources],
    }


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def plan_from_data(data: Any) -> Plan:
    """The Plan that ``plan_to_data`` made ``data`` from; ValueError if ``data`` is not such data."""
    try:
        return _plan(data)
    except (KeyError, IndexError, TypeError, ValueError, ArithmeticError, AttributeError) as e:
        raise ValueError(f"not a plan's data: {e}") from e


def _plan(d: dict[str, Any]) -> Plan:
    path, plan_id = _texts(d["path"], d["id"])
    sources = [Source(*_texts(*s)) for s in d["sources"]]
    return Plan(
        id=plan_id, title_zh=_text(d["title"][0]), title_en=_text(d["title"][1]),
        issuer_zh=_text(d["issuer"][0]), issuer_en=_text(d["issuer"][1]),
        document_number=_text(d["document_number"]), issued=None if d["issued"] is None else _date(d["issued"]),
        start=_date(d["period"][0]), end=_date(d["period"][1]), source_file=_text(d["source_file"]), path=path,
        indicators=tuple(_indicator(plan_id, path, i, sources) for i in d["indicators"]),
        notes=tuple(map(_text, d["notes"])),
        inputs=tuple(Input(name_zh=_text(x[0]), name_en=_text(x[1]), value=_decimal(x[2]), unit=_text(x[3]),
                           every_year=_flag(x[4]), sources=tuple(sources[k] for k in x[5])) for x in d["inputs"]),
    )


def _indicator(plan_id: str, path: str, d: list[Any], sources: list[Source]) -> Indicator:
    ind_id, name_zh, name_en, kind_text, unit_text, group_zh, group_en = _texts(*d[:7])
    part_of = None if d[7] is None else _text(d[7])
    kind, unit = _KINDS[kind_text], Unit.parse(unit_text)
    level_unit = None if d[11] is None else Unit.parse(_text(d[11]))
    dates: dict[str, date] = {}
    targets = []
    for op, value, start, deadline, soft, refs, line, column, reporting, basis, b, note, stated, cycle in d[10]:
        _texts(reporting, basis, note, stated, cycle)
        if op is not None and op not in OPS:
            raise ValueError(f"unknown operator {op!r}")
        baseline = None if b is None else Baseline(date=_date(b[0]), value=_decimal(b[1]) or Decimal(0),
                                                   origin=_text(b[2]), sources=tuple(sources[k] for k in b[3]))
        targets.append(Target(
            plan=plan_id, indicator=ind_id, name_zh=name_zh, name_en=name_en, kind=kind, op=op,
            value=_decimal(value), unit=unit, start=dates.get(start) or dates.setdefault(start, _date(start)),
            deadline=dates.get(deadline) or dates.setdefault(deadline, _date(deadline)), soft=_flag(soft),
            sources=tuple(sources[k] for k in refs), location=Location(path, _int(line), _column(column)),
            reporting=reporting, growth_basis=basis, reporting_cycle=cycle, level_unit=level_unit,
            baseline=baseline, note=note, stated=stated))
    return Indicator(plan=plan_id, id=ind_id, name_zh=name_zh, name_en=name_en, kind=kind, unit=unit,
                     group_zh=group_zh, group_en=group_en, part_of=part_of, level_unit=level_unit,
                     location=Location(path, _int(d[8]), _column(d[9])), targets=tuple(targets))


def _texts(*values: Any) -> tuple[str, ...]:
    return tuple(_text(v) for v in values)


def _typed(value: Any, kind: type, words: str) -> Any:
    """``value`` if it is exactly of ``kind`` (a cache entry is trusted for nothing), else a TypeError."""
    if type(value) is not kind:
        raise TypeError(f"expected {words}, got {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    return str(_typed(value, str, "text"))


def _flag(value: Any) -> bool:
    return bool(_typed(value, bool, "true or false"))


def _int(value: Any) -> int:
    return int(_typed(value, int, "a whole number"))


def _date(value: Any) -> date:
    return date.fromisoformat(_text(value))


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    number = Decimal(_text(value))
    if not number.is_finite():
        raise ValueError("a number is not finite")
    return number


def _column(value: Any) -> int | None:
    return None if value is None else _int(value)
