"""The domain model: plans and their targets, observations, and the verdict on one target.

Plain values only: nothing here reads files, prints, or knows the command line."""

from plancheck.model.observation import Actuals, Observation, Series
from plancheck.model.plan import Baseline, Indicator, Input, Location, Plan, Source, Target
from plancheck.model.result import GrowthMeasure, Projection, Result, Results, Staleness, Why, count_statuses
from plancheck.model.status import OPS, Kind, Status
from plancheck.model.units import Unit, UnitMismatch

__all__ = ["OPS", "Actuals", "Baseline", "GrowthMeasure", "Indicator", "Input", "Kind", "Location", "Observation",
           "Plan", "Projection", "Result", "Results", "Series", "Source", "Staleness", "Status", "Target", "Unit",
           "UnitMismatch", "Why", "count_statuses"]
