"""The exit code policy: one function from results and options to an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plancheck.exitcodes import ExitCode
from plancheck.model import Result, Results, Status

FailOn = Literal["lagging", "missed", "never"]
FAIL_ON: tuple[FailOn, ...] = ("lagging", "missed", "never")


@dataclass(frozen=True, slots=True, kw_only=True)
class ExitPolicy:
    """Which results make a run fail, and how hard."""

    fail_on: FailOn = "lagging"
    no_data_fails: bool = False
    strict: bool = False


def code_for(result: Result, policy: ExitPolicy) -> ExitCode:
    """Return the exit code one result asks for under ``policy`` (OK if it does not count)."""
    status = result.status
    if status is Status.MISSED:
        code = ExitCode.LAGGING if result.target.soft and not policy.strict else ExitCode.MISSED
        return code if policy.fail_on != "never" else ExitCode.OK
    if policy.fail_on != "lagging":
        return ExitCode.OK
    if status is Status.LAGGING or (status is Status.NO_DATA and policy.no_data_fails):
        return ExitCode.LAGGING
    return ExitCode.OK


def exit_code(results: Results, policy: ExitPolicy) -> ExitCode:
    """Return the run's exit code: the highest that any result asks for, accepted results aside."""
    return max((code_for(r, policy) for r in results if results.acceptance(r) is None), default=ExitCode.OK)
