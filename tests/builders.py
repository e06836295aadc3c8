"""Small builders for hand-made targets and observations in unit tests."""

from __future__ import annotations

import os
import sys
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

import plancheck.helper as helper_module
import plancheck.process as process_module
from plancheck.actuals import Actuals
from plancheck.evaluate import evaluate
from plancheck.kinds import RULES, Case
from plancheck.model import Baseline, Kind, Location, Observation, Plan, Result, Series, Source, Target
from plancheck.units import Unit

D = Decimal


def target(kind: Kind = Kind.LEVEL, op: str | None = ">=", value: str | None = "100", *, unit: str = "家",
           start: date = date(2020, 1, 1), deadline: date = date(2020, 12, 31), soft: bool = False,
           baseline: tuple[date, str] | None = None, reporting: str = "cumulative",
           growth_basis: str = "reported") -> Target:
    return Target(
        plan="p", indicator="i", name_zh="指标", name_en="indicator", kind=kind, op=op,
        value=None if value is None else D(value), unit=Unit.parse(unit), start=start, deadline=deadline, soft=soft,
        sources=(Source(file="f.txt", section="s", quote="q"),), location=Location("plans/p.yaml", 1, 1),
        reporting=reporting, growth_basis=growth_basis,
        baseline=None if baseline is None else Baseline(date=baseline[0], value=D(baseline[1]), origin="plan"),
    )


def obs(when: date, value: str) -> Observation:
    return Observation(plan="p", indicator="i", date=when, number=D(value), raw=value, source="", note="",
                       path="actuals/a.csv", line=2)


def judge(t: Target, as_of: date, *observations: Observation, tolerance: str = "0") -> Result:
    series = Series.of("p", "i", sorted(observations, key=lambda o: o.date))
    return RULES[t.kind](Case.build(t, series, as_of, Fraction(tolerance)))


def plan_of(*targets: Target) -> Plan:
    from plancheck.model import Indicator

    t0 = targets[0]
    ind = Indicator(plan="p", id="i", name_zh="指标", name_en="indicator", kind=t0.kind, unit=t0.unit,
                    targets=targets, location=t0.location)
    return Plan(id="p", title_zh="规划", title_en="plan", issuer_zh="", issuer_en="", document_number="",
                issued=None, start=date(2020, 1, 1), end=date(2020, 12, 31), source_file="f.txt",
                path="plans/p.yaml", indicators=(ind,))


def run(plan: Plan, as_of: date, *observations: Observation):  # type: ignore[no-untyped-def]
    actuals = Actuals(series={("p", "i"): Series.of("p", "i", sorted(observations, key=lambda o: o.date))})
    return evaluate([plan], actuals, as_of)


NEEDS_FORK = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux",
                                reason="the helper is forked, on Linux only")


def with_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let plancheck share work with a forked helper however small the data, as a large run on Linux
    with two CPUs does."""
    monkeypatch.delenv("PLANCHECK_JOBS", raising=False)
    monkeypatch.setattr(helper_module, "SPLIT_BYTES", 0)
    monkeypatch.setattr(process_module, "usable_cpus", lambda: 2)


def count_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gets an item each time os.fork is called from now on."""
    forks: list[int] = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    return forks
