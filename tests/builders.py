"""Small builders for hand-made targets and observations in unit tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from plancheck.evaluate import evaluate
from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds import RULES
from plancheck.model import (
    Actuals,
    Baseline,
    Indicator,
    Kind,
    Location,
    Observation,
    Plan,
    Result,
    Results,
    Series,
    Source,
    Target,
    Unit,
)

D = Decimal


def target(kind: Kind = Kind.LEVEL, op: str | None = ">=", value: str | None = "100", *, unit: str = "家",
           start: date = date(2020, 1, 1), deadline: date = date(2020, 12, 31), soft: bool = False,
           baseline: tuple[date, str] | None = None, reporting: str = "cumulative",
           growth_basis: str = "reported", cycle: str = "year") -> Target:
    return Target(
        plan="p", indicator="i", name_zh="指标", name_en="indicator", kind=kind, op=op,
        value=None if value is None else D(value), unit=Unit.parse(unit), start=start, deadline=deadline, soft=soft,
        sources=(Source(file="f.txt", section="s", quote="q"),), location=Location("plans/p.yaml", 1, 1),
        reporting=reporting, growth_basis=growth_basis, reporting_cycle=cycle,
        baseline=None if baseline is None else Baseline(date=baseline[0], value=D(baseline[1]), origin="plan"),
    )


def obs(when: date, value: str, *, line: int = 2, bound: str | None = None) -> Observation:
    return Observation(plan="p", indicator="i", date=when, value=D(value), raw=(bound or "") + value, source="",
                       note="", path="actuals/a.csv", line=line, bound=bound)


def judge(t: Target, as_of: date, *observations: Observation, tolerance: str = "0") -> Result:
    series = Series(sorted(observations, key=lambda o: o.date))
    return RULES[t.kind](Case.build(t, series, as_of, Fraction(tolerance)))


def plan_of(*targets: Target) -> Plan:
    t0 = targets[0]
    ind = Indicator(plan="p", id="i", name_zh="指标", name_en="indicator", kind=t0.kind, unit=t0.unit,
                    targets=targets, location=t0.location)
    return Plan(id="p", title_zh="规划", title_en="plan", issuer_zh="", issuer_en="", document_number="",
                issued=None, start=date(2020, 1, 1), end=date(2020, 12, 31), source_file="f.txt",
                path="plans/p.yaml", indicators=(ind,))


def run(plan: Plan, as_of: date, *observations: Observation) -> Results:
    actuals = Actuals({("p", "i"): Series(sorted(observations, key=lambda o: o.date))})
    return evaluate([plan], actuals, as_of)
