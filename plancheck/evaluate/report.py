"""What a scheduled report holds: the evaluation, what changed since an earlier date, and histories."""

from __future__ import annotations

from dataclasses import dataclass

from plancheck.evaluate.diff import Diff
from plancheck.model import Actuals, Observation, Plan, Result, Results


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report renders; built by the command layer, read by the report reporters."""

    plans: tuple[Plan, ...]
    results: Results
    actuals: Actuals
    diff: Diff | None = None

    def history(self, result: Result) -> list[Observation]:
        """The observations of the result's indicator known at the report's date, oldest first."""
        series = self.actuals.get(result.target.plan, result.target.indicator)
        return [o for o in series if o.date <= self.results.as_of]
