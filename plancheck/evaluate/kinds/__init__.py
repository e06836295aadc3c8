"""The rules for each kind of target: one pure function per kind, listed in ``RULES``.

Each rule receives a ``Case`` (the target, its observations up to the as-of date split around its
period, the as-of date and the tolerance) and returns a Result. None of them reads files or the
clock; each rule's docstring is its documentation.
"""

from __future__ import annotations

from collections.abc import Callable

from plancheck.evaluate.case import Case
from plancheck.evaluate.kinds.amounts import flow, level, share
from plancheck.evaluate.kinds.events import milestone, per_event
from plancheck.evaluate.kinds.growth import growth
from plancheck.model import Kind, Result

Rule = Callable[[Case], Result]

RULES: dict[Kind, Rule] = {
    Kind.LEVEL: level,
    Kind.SHARE: share,
    Kind.FLOW: flow,
    Kind.GROWTH: growth,
    Kind.PER_EVENT: per_event,
    Kind.MILESTONE: milestone,
}
