"""Loading plan files: YAML -> schema check (errors at file:line:column) -> Plan objects."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plancheck.errors import InputError, PlanError
from plancheck.gcpause import paused
from plancheck.model import Baseline, Indicator, Input, Kind, Location, Plan, Source, Target, shape
from plancheck.units import Unit, UnitMismatch

if TYPE_CHECKING:
    from plancheck.yamlread import Document


class InputErrors(Exception):
    """Several input errors found in one pass; each is reported on its own line."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(map(str, self.errors)))


def schema_text() -> str:
    """Return the plan JSON Schema as shipped in the package."""
    return resources.files("plancheck").joinpath("schema/plan.schema.json").read_text("utf-8")


@cache
def _validator() -> Any:
    """jsonschema's validator: thorough error reports (every violation, with its path)."""
    import jsonschema  # heavy: imported only when a plan is invalid

    return jsonschema.Draft7Validator(json.loads(schema_text()))


@cache
def _fast_validator() -> Any:
    """The same schema compiled to Python by fastjsonschema: the quick yes-or-no for valid files.

    Generating the code takes 0.1 s, five times what running it takes, so the code is kept in the
    plan cache, keyed by the schema and the fastjsonschema version."""
    import fastjsonschema

    from plancheck import cache as plan_cache

    text = schema_text()
    name = plan_cache.key("schema-code", Path("plan.schema.json"), text.encode(), fastjsonschema.VERSION)
    code = plan_cache.get(name)
    if not isinstance(code, str):
        code = fastjsonschema.compile_to_code(json.loads(text))
        plan_cache.put(name, code)
    root = re.search(r"^def (validate\w*)\(", code, re.MULTILINE)
    if root is None:  # pragma: no cover - fastjsonschema always defines the root first
        return fastjsonschema.compile(json.loads(text))
    namespace: dict[str, Any] = {}
    exec(compile(code, "<plan schema>", "exec"), namespace)
    return namespace[root[1]]


def _validate(doc: Document) -> None:
    """Check ``doc`` against the plan schema; on failure, explain with jsonschema at file:line:column."""
    import fastjsonschema

    try:
        _fast_validator()(doc.data)
    except fastjsonschema.JsonSchemaValueException as e:
        check_schema(doc, _validator())
        # The two validators implement one schema; should jsonschema see no problem, report this one.
        raise doc.error((), f"does not match the plan schema: {e.message}") from e


def plan_files(where: Path) -> list[Path]:
    """Return the plan files at ``where``: the file itself, or every *.yaml / *.yml in a folder."""
    if where.is_dir():
        return sorted(p for p in where.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    if where.is_file():
        return [where]
    raise InputErrors([PlanError(str(where), None, None, "no such file or folder; pass --plans DIR")])


def load_plans(where: Path) -> list[Plan]:
    """Read and check every plan at ``where``; raise InputErrors listing every bad file."""
    plans: list[Plan] = []
    errors: list[InputError] = []
    seen: dict[str, str] = {}
    with paused():
        for path in plan_files(where):
            try:
                plan = load_plan(path)
            except PlanError as e:
                errors.append(e)
                continue
            if plan.id in seen:
                errors.append(PlanError(str(path), 1, 1, f'plan id "{plan.id}" is also used by {seen[plan.id]}; '
                                                         "give each plan its own id"))
                continue
            seen[plan.id] = str(path)
            plans.append(plan)
    if errors:
        raise InputErrors(errors)
    return plans


def read_bytes(path: Path, error: type[InputError]) -> bytes:
    """Return the file's bytes; raise ``error`` if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise error(str(path), None, None, f"cannot read the file: {e.strerror}") from e


def read_text(path: Path, error: type[InputError], data: bytes | None = None) -> str:
    """Return the file's text as UTF-8 (a BOM is allowed); raise ``error`` with the place of a bad byte."""
    if data is None:
        data = read_bytes(path, error)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise error(str(path), line, column,
                    f"byte 0x{data[e.start]:02x} is not UTF-8; save the file as UTF-8") from e


def load_plan(path: Path) -> Plan:
    """Read one plan file (from the cache when it is unchanged); raise PlanError at the first problem."""
    from plancheck import cache

    data = read_bytes(path, PlanError)
    name = cache.key("plan", path, data, schema_text() + shape())
    cached = cache.get(name)
    if isinstance(cached, Plan):
        return cached
    from plancheck.yamlread import load_yaml  # PyYAML only when a plan is not in the cache

    doc = load_yaml(read_text(path, PlanError, data), str(path),
                    empty="the file is empty; a plan needs at least id, title and indicators")
    _validate(doc)
    plan = _build(doc)
    cache.put(name, plan)
    return plan


def check_schema(doc: Document, validator: Any) -> None:
    """Raise the document's error type for the first (by position) schema violation in ``doc``."""
    errors = list(validator.iter_errors(doc.data))
    if not errors:
        return
    found = [_translate(doc, e) for e in errors]
    found.sort(key=lambda e: (e.line or 0, e.column or 0))
    raise found[0]


def _dotted(at: tuple[Any, ...]) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _translate(doc: Document, err: Any) -> InputError:
    """Turn a jsonschema ValidationError into an input error at the offending value or key."""
    at = tuple(err.absolute_path)
    where = _dotted(at)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        key = extra[0] if extra else ""
        hint = difflib.get_close_matches(key, allowed, n=1)
        advice = f'did you mean "{hint[0]}"?' if hint else "allowed: " + ", ".join(allowed)
        return doc.error((*at, key), f'{_dotted((*at, key))}: unknown field "{key}"; {advice}', key=True)
    if err.validator == "required":
        return doc.error(at, f"{where}: {err.message}")
    if err.validator == "enum":
        options = ", ".join(str(o) for o in err.validator_value)
        return doc.error(at, f"{where}: {err.instance!r} is not allowed; must be one of {options}")
    if err.validator == "type":
        return doc.error(at, f"{where}: expected {err.validator_value}, got {_describe(err.instance)}")
    if err.validator == "pattern" and "\\d{4}" in str(err.validator_value):
        return doc.error(at, f"{where}: {err.instance!r} is not a date; write YYYY-MM-DD")
    if err.validator == "pattern":
        return doc.error(at, f"{where}: {err.instance!r} is not a valid id; use lower-case letters, digits "
                             "and hyphens")
    if err.validator == "not":
        return doc.error(at, f"{where}: {_not_message(err)}")
    return doc.error(at, f"{where}: {err.message}")


def _not_message(err: Any) -> str:
    text = json.dumps(err.validator_value, ensure_ascii=False)
    if "year" in text and "deadline" in text:
        return "give either year or deadline, not both"
    if "reporting" in text:
        return "reporting applies only to flow indicators"
    if "growth_basis" in text:
        return "growth_basis applies only to growth indicators"
    if '"op"' in text:
        return "a milestone target has a deadline, not op and value"
    return str(err.message)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _date(doc: Document, at: tuple[Any, ...], text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise doc.error(at, f"{_dotted(at)}: {text!r} is not a valid date ({e})") from e


def _sources(raw: list[dict[str, str]], default_file: str) -> tuple[Source, ...]:
    return tuple(Source(file=s.get("file", default_file), section=s["section"], quote=s["quote"]) for s in raw)


def _build(doc: Document) -> Plan:
    """Build a Plan from schema-valid data, checking what a schema cannot (dates, units, references)."""
    d = doc.data
    start = _date(doc, ("period", "start"), d["period"]["start"])
    end = _date(doc, ("period", "end"), d["period"]["end"])
    if end < start:
        raise doc.error(("period", "end"), "period.end is before period.start")
    indicators: list[Indicator] = []
    ids: dict[str, int] = {}
    for i, raw in enumerate(d["indicators"]):
        at = ("indicators", i)
        if raw["id"] in ids:
            first = ids[raw["id"]]
            raise doc.error((*at, "id"), f'indicator id "{raw["id"]}" is used twice (first in indicators[{first}])')
        ids[raw["id"]] = i
        indicators.append(_indicator(doc, at, raw, d, start, end))
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


def _indicator(doc: Document, at: tuple[Any, ...], raw: dict[str, Any], plan: dict[str, Any],
               start: date, end: date) -> Indicator:
    kind = Kind(raw["kind"])
    unit = Unit.parse(raw.get("unit", ""))
    if kind is Kind.SHARE and unit.base != "%":
        raise doc.error((*at, "unit"), 'a share indicator is measured in "%"')
    if kind is Kind.GROWTH and unit.base != "%":
        raise doc.error((*at, "unit"), 'a growth indicator is measured in "%" (the growth rate)')
    baseline = None
    if "baseline" in raw:
        b = raw["baseline"]
        value = _convert(doc, (*at, "baseline", "unit"), b["value"], b.get("unit"), unit)
        baseline = Baseline(date=_date(doc, (*at, "baseline", "date"), b["date"]), value=value,
                            origin="plan", sources=_sources(b["sources"], plan["source_file"]))
        if baseline.date >= start:
            raise doc.error((*at, "baseline", "date"), "a baseline is dated before the plan period starts")
    targets: list[Target] = []
    seen: dict[date, int] = {}
    for j, t in enumerate(raw["targets"]):
        tat = (*at, "targets", j)
        mark = doc.mark(tat)
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
                location=Location(doc.path, mark.line, mark.column),
                reporting=raw.get("reporting", "cumulative"), growth_basis=raw.get("growth_basis", "reported"),
                baseline=baseline, note=t.get("note", ""),
                stated="" if t.get("value") is None else str(t["value"]),
            ))
    mark = doc.mark(at)
    return Indicator(
        plan=plan["id"], id=raw["id"], name_zh=raw["name"]["zh"], name_en=raw["name"].get("en", ""),
        kind=kind, unit=unit, group_zh=raw.get("group", {}).get("zh", ""), group_en=raw.get("group", {}).get("en", ""),
        part_of=raw.get("part_of"), targets=tuple(targets), location=Location(doc.path, mark.line, mark.column),
    )


def _periods(doc: Document, at: tuple[Any, ...], t: dict[str, Any], start: date, end: date) -> list[tuple[date, date]]:
    """Return the (start, deadline) pairs a target stands for: one, or one per year for every_year."""
    given = [k for k in ("year", "deadline", "every_year") if t.get(k)]
    if len(given) != 1:
        raise doc.error(at, f"{_dotted(at)}: give exactly one of year, deadline or every_year: true")
    if t.get("every_year"):
        if "start" in t:
            raise doc.error((*at, "start"), "an every_year target runs over calendar years; drop start")
        return [(date(y, 1, 1), date(y, 12, 31)) for y in range(start.year, end.year + 1)]
    if "year" in t:
        if "start" in t:
            raise doc.error((*at, "start"), "year already sets the start (1 January); drop start or use deadline")
        return [(date(t["year"], 1, 1), date(t["year"], 12, 31))]
    deadline = _date(doc, (*at, "deadline"), t["deadline"])
    t_start = _date(doc, (*at, "start"), t["start"]) if "start" in t else start
    if deadline < t_start:
        raise doc.error((*at, "deadline"), f"the deadline {deadline} is before the target's start {t_start}")
    return [(t_start, deadline)]


def _convert(doc: Document, at: tuple[Any, ...], value: Decimal | int, unit_text: str | None, to: Unit) -> Decimal:
    value = Decimal(value)
    if unit_text is None:
        return value
    try:
        return Unit.parse(unit_text).convert(value, to)
    except UnitMismatch as e:
        raise doc.error(at, f"{e} (the indicator's unit)") from e
