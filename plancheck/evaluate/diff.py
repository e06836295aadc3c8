"""Comparing two evaluations: which targets changed status between two as-of dates."""

from __future__ import annotations

from dataclasses import dataclass

from plancheck.model import Results, Status, Target

# How a change is named, from the status it arrives at (the first thing a monthly report says).
_ARRIVALS = {Status.MET: "newly_met", Status.LAGGING: "newly_lagging", Status.MISSED: "newly_missed",
             Status.NO_DATA: "newly_no_data"}


@dataclass(frozen=True, slots=True)
class Change:
    """One target whose status differs between the two dates."""

    target: Target
    before: Status
    after: Status

    @property
    def kind(self) -> str:
        """``newly_met``, ``newly_lagging``, ``newly_missed``, ``newly_no_data`` or ``changed``."""
        return _ARRIVALS.get(self.after, "changed")


@dataclass(frozen=True, slots=True)
class Diff:
    """The changes between two evaluations of the same plans."""

    before: Results
    after: Results
    changes: tuple[Change, ...]


def compare(before: Results, after: Results) -> Diff:
    """Return the targets whose status differs, in document order, most severe arrival first."""
    earlier = {r.target.key: r.status for r in before}
    changes = [Change(r.target, earlier[r.target.key], r.status) for r in after
               if r.target.key in earlier and earlier[r.target.key] is not r.status]
    changes.sort(key=lambda c: -c.after.severity)
    return Diff(before=before, after=after, changes=tuple(changes))
