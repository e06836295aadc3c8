"""A plan as curated: its indicators, their targets, baselines and the words that state them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from plancheck.model.status import Kind
from plancheck.model.units import Unit


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file (1-based line and column; column may be unknown)."""

    path: str
    line: int
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a target is stated: the document, its section, and the exact words."""

    file: str
    section: str
    quote: str


@dataclass(frozen=True, slots=True)
class Baseline:
    """A value before the period starts, from which progress is measured."""

    date: date
    value: Decimal
    origin: str
    """``plan`` (stated in the document), ``actuals`` (the latest observation before the target's
    period) or ``zero`` (a flow, which starts from nothing)."""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """One judged target: an indicator's threshold with its own period and deadline."""

    plan: str
    indicator: str
    name_zh: str
    name_en: str
    kind: Kind
    op: str | None
    value: Decimal | None
    unit: Unit
    start: date
    deadline: date
    soft: bool
    sources: tuple[Source, ...]
    location: Location
    reporting: str = "cumulative"
    growth_basis: str = "reported"
    reporting_cycle: str = "year"
    """How often the indicator is reported (month, quarter, year): an observation older than that is
    said to be stale."""
    level_unit: Unit | None = None
    """For growth from levels: the unit the levels are reported in."""
    baseline: Baseline | None = None
    note: str = ""
    stated: str = ""
    """The value as the plan file writes it, before conversion to the indicator's unit."""

    @property
    def base_value(self) -> Decimal | None:
        """The target value in base units (6.788 亿美元 -> 678800000)."""
        return None if self.value is None else self.unit.to_base(self.value)

    @property
    def observed_unit(self) -> Unit:
        """The unit observations are in: the levels' for growth from levels, else the target's."""
        return self.level_unit if self.level_unit is not None else self.unit

    @property
    def key(self) -> tuple[str, str, date]:
        """Identifies the target within a run: plan, indicator and deadline."""
        return (self.plan, self.indicator, self.deadline)


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    """What a plan measures; actuals name it by ``plan`` and ``id``."""

    plan: str
    id: str
    name_zh: str
    name_en: str
    kind: Kind
    unit: Unit
    location: Location
    group_zh: str = ""
    group_en: str = ""
    part_of: str | None = None
    level_unit: Unit | None = None
    """For growth from levels: the unit the levels are reported in (亿美元), apart from the rate's %."""
    targets: tuple[Target, ...] = ()

    @property
    def observed_unit(self) -> Unit:
        """The unit observations are read in: the levels' for growth from levels, else the indicator's."""
        return self.level_unit if self.level_unit is not None else self.unit


@dataclass(frozen=True, slots=True, kw_only=True)
class Input:
    """A resource the plan commits (a budget, a fund): shown for context, never judged."""

    name_zh: str
    name_en: str
    value: Decimal | None
    unit: str
    every_year: bool
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """One plan document and its indicators."""

    id: str
    title_zh: str
    title_en: str
    issuer_zh: str
    issuer_en: str
    document_number: str
    issued: date | None
    start: date
    end: date
    source_file: str
    path: str
    indicators: tuple[Indicator, ...]
    inputs: tuple[Input, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def targets(self) -> tuple[Target, ...]:
        """Every target of every indicator, in document order."""
        return tuple(t for ind in self.indicators for t in ind.targets)
