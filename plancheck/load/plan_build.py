"""Building a Plan from a schema-valid document, checking what a schema cannot: dates, units,
references between indicators, and targets that repeat a deadline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from plancheck.load.schema import dotted
from plancheck.load.yaml import Document, Mark
from plancheck.model import Baseline, Indicator, Input, Kind, Location, Plan, Source, Target, Unit, UnitMismatch


def build_plan(doc: Document) -> Plan:
    """The Plan that schema-valid ``doc`` describes; raise the document's error type at the first
    inconsistency."""
    d = doc.data
    start = _date(doc, ("period", "start"), d["period"]["start"])
    end = _date(doc, ("period", "end"), d["period"]["end"])
    if end < start:
        raise doc.error(("period", "end"), "period.end is before period.start")
    indicators: list[Indicator] = []
    ids: dict[str, int] = {}
    marks = doc.item_marks(("indicators",))
    for i, raw in enumerate(d["indicators"]):
        at = ("indicators", i)
        if raw["id"] in ids:
            first = ids[raw["id"]]
            raise doc.error((*at, "id"), f'indicator id "{raw["id"]}" is used twice (first in indicators[{first}])')
        ids[raw["id"]] = i
        indicators.append(_indicator(doc, at, marks[i], raw, d, start, end))
    for i, ind in enumerate(indicators):
        if ind.part_of is not None and ind.part_of not in ids:
            raise doc.error(("indicators", i, "part_of"), f'part_of names "{ind.part_of}", which is not an '
                                                          "indicator of this plan")
    issued = _date(doc, ("issued",), d["issued"]) if "issued" in d else None
    inputs = tuple(
        Input(name_zh=x["name"]["zh"], name_en=x["name"].get("en", ""), value=x.get("value"),
              unit=x.get("unit", ""), every_year=x.get("every_year", False),
              sources=_sources(x["sources"], d["source_file"]))
        for x in d.get("inputs", [])
    )
    return Plan(
        id=d["id"], title_zh=d["title"]["zh"], title_en=d["title"].get("en", ""),
        issuer_zh=d.get("issuer", {}).get("zh", ""), issuer_en=d.get("issuer", {}).get("en", ""),
        document_number=d.get("document_number", ""), issued=issued, start=start, end=end,
        source_file=d["source_file"], path=doc.path, indicators=tuple(indicators), inputs=inputs,
        notes=tuple(d.get("notes", [])),
    )


CYCLES = {Kind.FLOW: "month", Kind.GROWTH: "quarter", Kind.LEVEL: "year", Kind.SHARE: "year",
          Kind.PER_EVENT: "year", Kind.MILESTONE: "year"}
"""How often an indicator of each kind is reported unless it says (monthly bulletins give flows as
1-N月累计; levels and shares come in yearly statistics)."""


def _indicator(doc: Document, at: tuple[Any, ...], mark: Mark, raw: dict[str, Any], plan: dict[str, Any],
               start: date, end: date) -> Indicator:
    kind = Kind(raw["kind"])
    unit = Unit.parse(raw.get("unit", ""))
    level_unit = Unit.parse(raw["level_unit"]) if "level_unit" in raw else None
    if level_unit is not None and level_unit.base == "%":
        raise doc.error((*at, "level_unit"), "level_unit is the unit of the levels (亿美元, 万元), not of the rate")
    cycle = raw.get("reporting_cycle", CYCLES[kind])
    if kind is Kind.SHARE and unit.base != "%":
        raise doc.error((*at, "unit"), 'a share indicator is measured in "%"')
    if kind is Kind.GROWTH and unit.base != "%":
        raise doc.error((*at, "unit"), 'a growth indicator is measured in "%" (the growth rate)')
    baseline = None
    if "baseline" in raw:
        b = raw["baseline"]
        value = _convert(doc, (*at, "baseline", "unit"), b["value"], b.get("unit"), unit)
        baseline = Baseline(date=_date(doc, (*at, "baseline", "date"), b["date"]), value=value, origin="plan",
                            sources=_sources(b["sources"], plan["source_file"]))
        if baseline.date >= start:
            raise doc.error((*at, "baseline", "date"), "a baseline is dated before the plan period starts")
    targets: list[Target] = []
    seen: dict[date, int] = {}
    target_marks = doc.item_marks((*at, "targets"))
    for j, t in enumerate(raw["targets"]):
        tat = (*at, "targets", j)
        for t_start, deadline in _periods(doc, tat, t, start, end):
            if deadline in seen:
                raise doc.error(tat, f"{raw['id']} has two targets with the deadline {deadline} "
                                     f"(targets[{seen[deadline]}] and targets[{j}]); merge them")
            seen[deadline] = j
            value = t.get("value")
            if value is not None:
                value = _convert(doc, (*tat, "unit"), value, t.get("unit"), unit)
            targets.append(Target(
                plan=plan["id"], indicator=raw["id"], name_zh=raw["name"]["zh"], name_en=raw["name"].get("en", ""),
                kind=kind, op=t.get("op"), value=value, unit=unit, start=t_start, deadline=deadline,
                soft=t.get("soft", False), sources=_sources(t["sources"], plan["source_file"]),
                location=Location(doc.path, target_marks[j].line, target_marks[j].column),
                reporting=raw.get("reporting", "cumulative"), growth_basis=raw.get("growth_basis", "reported"),
                reporting_cycle=cycle, level_unit=level_unit, baseline=baseline, note=t.get("note", ""),
                stated="" if t.get("value") is None else str(t["value"]),
            ))
    return Indicator(
        plan=plan["id"], id=raw["id"], name_zh=raw["name"]["zh"], name_en=raw["name"].get("en", ""),
        kind=kind, unit=unit, group_zh=raw.get("group", {}).get("zh", ""), group_en=raw.get("group", {}).get("en", ""),
        part_of=raw.get("part_of"), level_unit=level_unit, targets=tuple(targets),
        location=Location(doc.path, mark.line, mark.column),
    )


def _periods(doc: Document, at: tuple[Any, ...], t: dict[str, Any], start: date, end: date) -> list[tuple[date, date]]:
    """The (start, deadline) pairs a target stands for: one, or one per year for every_year; each
    within the plan's period."""
    given = [k for k in ("year", "deadline", "every_year") if t.get(k)]
    if len(given) != 1:
        raise doc.error(at, f"{dotted(at)}: give exactly one of year, deadline or every_year: true")
    if t.get("every_year"):
        if "start" in t:
            raise doc.error((*at, "start"), "an every_year target runs over calendar years; drop start")
        if (start.month, start.day) != (1, 1) or (end.month, end.day) != (12, 31):
            raise doc.error((*at, "every_year"), f"every_year needs a plan period of whole calendar years, but it "
                                                 f"runs {start} – {end}; give each year's target with year: or "
                                                 "deadline:")
        return [(date(y, 1, 1), date(y, 12, 31)) for y in range(start.year, end.year + 1)]
    if "year" in t:
        if "start" in t:
            raise doc.error((*at, "start"), "year already sets the start (1 January); drop start or use deadline")
        pair = (date(t["year"], 1, 1), date(t["year"], 12, 31))
        if pair[0] < start or pair[1] > end:
            raise doc.error((*at, "year"), f"{dotted((*at, 'year'))}: {t['year']} is outside the plan period "
                                           f"{start} – {end}")
        return [pair]
    deadline = _date(doc, (*at, "deadline"), t["deadline"])
    t_start = _date(doc, (*at, "start"), t["start"]) if "start" in t else start
    if deadline < t_start:
        raise doc.error((*at, "deadline"), f"the deadline {deadline} is before the target's start {t_start}")
    for key, day in (("start", t_start), ("deadline", deadline)):
        if not start <= day <= end:
            raise doc.error((*at, key) if key in t else at, f"{dotted((*at, key))}: {day} is outside the plan period "
                                                            f"{start} – {end}")
    return [(t_start, deadline)]


def _date(doc: Document, at: tuple[Any, ...], text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise doc.error(at, f"{dotted(at)}: {text!r} is not a valid date ({e})") from e


def _sources(raw: list[dict[str, str]], default_file: str) -> tuple[Source, ...]:
    return tuple(Source(file=s.get("file", default_file), section=s["section"], quote=s["quote"]) for s in raw)


def _convert(doc: Document, at: tuple[Any, ...], value: Decimal | int, unit_text: str | None, to: Unit) -> Decimal:
    """``value`` (written in ``unit_text``, or in the indicator's unit) in the indicator's unit
    ``to``; ``at`` is the unit's place (its value's is beside it). A count is never negative."""
    value = Decimal(value)
    if value < 0 and to.counted:
        raise doc.error((*at[:-1], "value"), f"{dotted((*at[:-1], 'value'))}: {value} {to.text}: a count of "
                                             f"{to.base} cannot be negative")
    if unit_text is None:
        return value
    try:
        return Unit.parse(unit_text).convert(value, to)
    except UnitMismatch as e:
        raise doc.error(at, f"{e} (the indicator's unit)") from e
