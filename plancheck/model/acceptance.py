"""Accepted results: a reviewed record that a target's result is known and accepted as it stands
(a 2021 miss will never be un-missed), so that a gate fails only on what is new or worse."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plancheck.model.plan import Location
from plancheck.model.status import Status


@dataclass(frozen=True, slots=True, kw_only=True)
class Acceptance:
    """One accepted result: the target (plan, indicator, deadline), the status accepted, why, when."""

    plan: str
    indicator: str
    deadline: dt.date
    status: Status
    reason: str
    date: dt.date
    location: Location | None = None
    """Where the acceptance is written, for messages about it."""

    @property
    def key(self) -> tuple[str, str, dt.date]:
        return (self.plan, self.indicator, self.deadline)


@dataclass(frozen=True, slots=True)
class Lapsed:
    """An acceptance that no longer applies: its target is now met, or gone from the plans."""

    acceptance: Acceptance
    why: str
    """``met`` or ``gone``."""
