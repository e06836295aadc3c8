"""The domain's value types: plans, their targets, observations, and one evaluated result."""

from __future__ import annotations

import bisect
import enum
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from typing import Any, NamedTuple, overload

from plancheck.units import Unit


class _Pickled:
    """Pickles a slotted dataclass as its slot values, restored by a function made for its class.

    The plan cache loads tens of thousands of these objects per run. dataclasses' own __setstate__
    walks fields() for every object, and a generic loop over the slots still cost more than half the
    load; a restorer with one assignment per slot, generated the way dataclasses generates __init__,
    does the least Python work per object. Frozen classes are assigned through object.__setattr__,
    as their own __init__ does."""

    __slots__ = ()

    def __reduce__(self) -> tuple[object, ...]:
        cls = type(self)
        return (_RESTORERS[cls], _STATE[cls](self))


_RESTORERS: dict[type, Callable[..., object]] = {}
_STATE: dict[type, Callable[[object], tuple[object, ...]]] = {}
"""Per class, its slot values as a tuple, taken in one C call (the plan cache writes tens of
thousands of these objects on a first run)."""


def _restorer(cls: type) -> None:
    """Define ``_restore_<Class>`` in this module (pickle finds functions by name) for ``cls``."""
    names: tuple[str, ...] = cls.__slots__  # type: ignore[attr-defined]
    name = f"_restore_{cls.__name__}"
    body = "".join(f"    _set(o, {n!r}, {n})\n" for n in names)
    namespace: dict[str, object] = {"_new": object.__new__, "_set": object.__setattr__, "_cls": cls}
    exec(f"def {name}({', '.join(names)}):\n    o = _new(_cls)\n{body}    return o\n", namespace)
    function: Any = namespace[name]
    function.__module__, function.__qualname__ = __name__, name
    globals()[name] = _RESTORERS[cls] = function
    assert len(names) > 1, "attrgetter returns a tuple only for two names or more"
    _STATE[cls] = operator.attrgetter(*names)


def shape() -> str:
    """The fields of every cached type: part of the plan cache's key, so a changed model never loads
    an old entry."""
    return repr([(t.__name__, t.__slots__) for t in (Unit, *_CACHED)])


class Status(enum.Enum):
    """The verdict on one target, ordered by severity (``worst`` is the maximum)."""

    MET = "met"
    ON_TRACK = "on_track"
    PENDING = "pending"
    NO_DATA = "no_data"
    LAGGING = "lagging"
    MISSED = "missed"

    @property
    def severity(self) -> int:
        """Rank from 0 (met) to 5 (missed)."""
        return _SEVERITY[self]

    def __lt__(self, other: Status) -> bool:
        return self.severity < other.severity


_SEVERITY = {status: rank for rank, status in enumerate(Status)}


class Kind(enum.Enum):
    """How a target is judged; each kind's rule lives in ``plancheck.kinds``."""

    LEVEL = "level"
    FLOW = "flow"
    SHARE = "share"
    GROWTH = "growth"
    PER_EVENT = "per_event"
    MILESTONE = "milestone"


OPS = (">=", ">", "<=", "<", "=")


@dataclass(frozen=True, slots=True)
class Location(_Pickled):
    """A place in an input file (1-based line and column; column may be unknown)."""

    path: str
    line: int
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")


@dataclass(frozen=True, slots=True)
class Source(_Pickled):
    """Where a target is stated: the document, its section, and the exact words."""

    file: str
    section: str
    quote: str


@dataclass(frozen=True, slots=True)
class Baseline(_Pickled):
    """A value before the period starts, from which progress is measured."""

    date: date
    value: Decimal
    origin: str  # "plan" (stated in the document) or "actuals" (latest observation before the start)
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Target(_Pickled):
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
    baseline: Baseline | None = None
    note: str = ""
    stated: str = ""
    """The value as the plan file writes it, before conversion to the indicator's unit."""

    @property
    def base_value(self) -> Decimal | None:
        """The target value in base units (6.788 亿美元 -> 678800000)."""
        return None if self.value is None else self.unit.to_base(self.value)

    @property
    def key(self) -> tuple[str, str, date]:
        """Identifies the target within a run: plan, indicator and deadline."""
        return (self.plan, self.indicator, self.deadline)


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator(_Pickled):
    """What a plan measures; actuals name it by ``plan`` and ``id``."""

    plan: str
    id: str
    name_zh: str
    name_en: str
    kind: Kind
    unit: Unit
    group_zh: str = ""
    group_en: str = ""
    part_of: str | None = None
    targets: tuple[Target, ...] = ()
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Input(_Pickled):
    """A resource the plan commits (a budget, a fund): shown for context, never judged."""

    name_zh: str
    name_en: str
    value: Decimal | None
    unit: str
    every_year: bool
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan(_Pickled):
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


_CACHED = (Location, Source, Baseline, Target, Indicator, Input, Plan)
"""The model types the plan cache pickles (Unit pickles as its constructor call)."""
for _cls in _CACHED:
    _restorer(_cls)


class Observation(NamedTuple):
    """One reported value, in its indicator's unit, and the file and row it was read from.

    A named tuple rather than a dataclass: a data repository can hold millions of rows, and this is
    the one object made per row. ``number`` holds the exact value, or for a plain decimal the text
    itself, converted when read through ``value`` (most rows are never looked at by a verdict)."""

    plan: str
    indicator: str
    date: date
    number: Decimal | str
    raw: str
    source: str
    note: str
    path: str
    line: int

    @property
    def value(self) -> Decimal:
        """The exact value in the indicator's unit."""
        n = self.number
        return Decimal(n) if isinstance(n, str) else n

    @property
    def location(self) -> Location:
        """The file and row (line) the observation was read from."""
        return Location(self.path, self.line)


class Series(Sequence[Observation]):
    """One indicator's observations, oldest first, stored as parallel columns.

    Observations are made on demand, and slices are views sharing the columns, so evaluating a
    target reads only the few observations its verdict rests on."""

    __slots__ = ("dates", "hi", "indicator", "lines", "lo", "notes", "numbers", "paths", "plan", "raws", "sources")

    def __init__(self, plan: str, indicator: str, dates: list[date], numbers: list[Decimal | str], raws: list[str],
                 sources: Sequence[str], notes: Sequence[str], paths: Sequence[str], lines: Sequence[int],
                 lo: int = 0, hi: int | None = None) -> None:
        self.plan, self.indicator = plan, indicator
        self.dates, self.numbers, self.raws = dates, numbers, raws
        self.sources, self.notes, self.paths, self.lines = sources, notes, paths, lines
        self.lo, self.hi = lo, len(dates) if hi is None else hi

    @classmethod
    def of(cls, plan: str, indicator: str, observations: Sequence[Observation]) -> Series:
        """A series holding ``observations`` (already sorted by date)."""
        o = list(observations)
        return cls(plan, indicator, [x.date for x in o], [x.number for x in o], [x.raw for x in o],
                   [x.source for x in o], [x.note for x in o], [x.path for x in o], [x.line for x in o])

    def __len__(self) -> int:
        return self.hi - self.lo

    @overload
    def __getitem__(self, i: int) -> Observation: ...

    @overload
    def __getitem__(self, i: slice) -> Series: ...

    def __getitem__(self, i: int | slice) -> Observation | Series:
        n = self.hi - self.lo
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step != 1:
                raise ValueError("a series slice has no step")
            return self.view(start, max(start, stop))
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        j = self.lo + i
        return Observation(self.plan, self.indicator, self.dates[j], self.numbers[j], self.raws[j], self.sources[j],
                           self.notes[j], self.paths[j], self.lines[j])

    def __iter__(self) -> Iterator[Observation]:
        lo, hi = self.lo, self.hi
        n = hi - lo
        return map(Observation, repeat(self.plan, n), repeat(self.indicator, n), self.dates[lo:hi],
                   self.numbers[lo:hi], self.raws[lo:hi], self.sources[lo:hi], self.notes[lo:hi], self.paths[lo:hi],
                   self.lines[lo:hi])

    def view(self, start: int, stop: int) -> Series:
        """The observations from ``start`` to ``stop`` (indices within this view, 0 <= start <= stop <=
        len), sharing the columns: what slicing gives, without its checks."""
        return Series(self.plan, self.indicator, self.dates, self.numbers, self.raws, self.sources, self.notes,
                      self.paths, self.lines, self.lo + start, self.lo + stop)

    def dates_at(self, i: int) -> date:
        """The date of the observation at ``i`` (within this view), without making the observation."""
        return self.dates[self.lo + i]

    def find(self, test: Callable[[Decimal], bool]) -> int | None:
        """Index (within this view) of the first observation whose value passes ``test``, or None."""
        for k, n in enumerate(self.numbers[self.lo : self.hi]):  # a slice: islice would walk from 0
            if test(Decimal(n) if isinstance(n, str) else n):
                return k
        return None

    def bisect_right(self, d: date) -> int:
        """Index (within this view) after the last observation dated on or before ``d``."""
        return bisect.bisect_right(self.dates, d, self.lo, self.hi) - self.lo

    def bisect_left(self, d: date) -> int:
        """Index (within this view) of the first observation dated on or after ``d``."""
        return bisect.bisect_left(self.dates, d, self.lo, self.hi) - self.lo


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """The verdict on one target as of a date, with every number it rests on."""

    target: Target
    status: Status
    as_of: date
    actual: Decimal | None = None
    """The value the verdict compares (a level, an accumulated amount, a growth rate...)."""
    actual_date: date | None = None
    observation: Observation | None = None
    """The observation the verdict rests on (for increments or growth: the latest one used)."""
    baseline: Baseline | None = None
    progress: Fraction | None = None
    """Share of the task done: (actual - baseline) / (target - baseline)."""
    expected: Fraction | None = None
    """Share of the period elapsed at the observation's date (序时进度)."""
    tolerance: Fraction = Fraction(0)
    context: tuple[Observation, ...] = ()
    """Observations shown but not deciding: stale ones before the period, late ones after the deadline."""
    explanation: str = ""
    """Why the status is what it is, including any assumption made."""
    events: tuple[Observation, ...] = field(default=())

    @property
    def gap_points(self) -> Fraction | None:
        """Progress minus expected pace, in percentage points (positive: ahead of pace)."""
        if self.progress is None or self.expected is None:
            return None
        return (self.progress - self.expected) * 100
