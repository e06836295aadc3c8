"""The closed sets of the domain: a verdict's status (ordered by severity) and a target's kind."""

from __future__ import annotations

import enum


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
    """How a target is judged; each kind's rule lives in ``plancheck.evaluate.kinds``."""

    LEVEL = "level"
    FLOW = "flow"
    SHARE = "share"
    GROWTH = "growth"
    PER_EVENT = "per_event"
    MILESTONE = "milestone"


OPS = (">=", ">", "<=", "<", "=")
"""The comparisons a target can state: at least, more than, at most, less than, exactly."""
