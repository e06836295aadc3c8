"""Applying accepted results to a run: a result stays accepted while its status is the one accepted
or better (and not met); worse, it counts again; met, or its target gone, the acceptance lapses."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

from plancheck.model import Results, Status
from plancheck.model.acceptance import Acceptance, Lapsed


def apply(results: Results, acceptances: Iterable[Acceptance], plans: set[str] | None = None) -> Results:
    """``results`` with the accepted ones marked and the lapsed acceptances listed: met, or gone
    (its plan is not among ``plans``, the plans there are, or its target is not in its plan's
    results)."""
    by_key = {a.key: a for a in acceptances}
    accepted: dict[tuple[str, str, date], Acceptance] = {}
    lapsed: list[Lapsed] = []
    for r in results:
        a = by_key.pop(r.target.key, None)
        if a is None:
            continue
        if r.status is Status.MET:
            lapsed.append(Lapsed(a, "met"))
        elif r.status.severity <= a.status.severity:
            accepted[r.target.key] = a
    judged = {r.target.plan for r in results}
    lapsed += [Lapsed(a, "gone") for a in by_key.values()
               if a.plan in judged or (plans is not None and a.plan not in plans)]
    return dataclasses.replace(results, accepted=accepted, lapsed=tuple(lapsed))


def acceptable(status: Status) -> bool:
    """Whether a result with ``status`` can be accepted: one that can fail a run."""
    return status in (Status.LAGGING, Status.NO_DATA, Status.MISSED)
