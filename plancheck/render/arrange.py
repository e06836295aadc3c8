"""What a report for people shows first: per plan, the problems (missed, lagging) in full, then the
targets on track and met; accepted results, targets due without data and pending ones as one line
each that counts them and names the first few. ``--all`` lists every result, ``--quiet`` only the
problems (accepted results are not problems)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from plancheck.model import Result, Results, Status

ORDER = (Status.MISSED, Status.LAGGING, Status.ON_TRACK, Status.MET)
"""Statuses listed row by row, problems first."""
FOLDED = (Status.NO_DATA, Status.PENDING)
"""Statuses counted on one line per plan unless every row is asked for."""
NAMED = 3
"""Ids a folded line names before it says how many more there are."""


@dataclass(frozen=True, slots=True)
class Folded:
    """A status's results of one plan, counted on one line."""

    status: Status
    results: tuple[Result, ...]
    accepted: bool = False
    """The results are accepted ones (``status`` is then the worst of theirs)."""

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators of the results, each once, in order."""
        return tuple(dict.fromkeys(r.target.indicator for r in self.results))

    @property
    def named(self) -> tuple[str, ...]:
        return self.indicators[:NAMED]

    @property
    def more(self) -> int:
        """Indicators not named."""
        return max(0, len(self.indicators) - NAMED)


@dataclass(frozen=True, slots=True)
class PlanPart:
    """One plan's part of a report: the rows listed, and the lines folded."""

    plan: str
    rows: tuple[Result, ...]
    folded: tuple[Folded, ...]


def arrange(results: Results, *, every: bool = False, quiet: bool = False) -> Iterator[PlanPart]:
    """Each plan's part, in plan order; with ``every`` in document order and nothing folded."""
    for plan, group in groupby(results.visible, key=lambda r: r.target.plan):
        items = list(group)
        if every and not quiet:
            yield PlanPart(plan, tuple(items), ())
            continue
        accepted = tuple(r for r in items if results.acceptance(r) is not None)
        if accepted:
            items = [r for r in items if results.acceptance(r) is None]
        shown = ORDER[:2] if quiet else ORDER
        rows = tuple(r for status in shown for r in items if r.status is status)
        folded = () if quiet else tuple(Folded(s, tuple(r for r in items if r.status is s)) for s in FOLDED
                                         if any(r.status is s for r in items))
        if accepted and not quiet:
            worst = max((r.status for r in accepted), key=lambda s: s.severity)
            folded = (Folded(worst, accepted, accepted=True), *folded)
        if rows or folded:
            yield PlanPart(plan, rows, folded)


def quiet_data(results: Iterable[Result]) -> tuple[int, int] | None:
    """(due without data, due) when most targets that are due have no data: a hint is then worth
    giving; else None."""
    due = [r for r in results if r.as_of >= r.target.deadline]
    missing = sum(r.status is Status.NO_DATA for r in due)
    return (missing, len(due)) if due and missing * 2 > len(due) else None
