"""Input errors: one exception type per kind of input, each carrying the place it points at."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class InputError(Exception):
    """A user's input file cannot be used; ``str()`` is a one-line message that begins with the place."""

    def __init__(self, path: str, line: int | None, column: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(self.__str__())

    @property
    def place(self) -> str:
        """``file:line:column``, leaving out the parts that are not known."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class PlanError(InputError):
    """A plan file (YAML) is unreadable, malformed or inconsistent; line and column are 1-based."""


class ActualsError(InputError):
    """An actuals file (CSV) is unreadable or a row is malformed; ``line`` is the row's line number."""


class ConfigError(InputError):
    """A configuration file is unreadable or malformed."""


class UsageProblem(Exception):
    """The command line names something that does not exist (a plan id, an indicator)."""


LISTED = 12
"""Known plans named in full in an error message; with more, the message says how to list them."""


def plan_advice(pid: str, known: Iterable[str], cutoff: float) -> str:
    """What to tell a user who named an unknown plan: the closest known id, else the known ids, or
    with many (a national repository holds thousands) the command that lists them."""
    ids = sorted(known)
    hint = difflib.get_close_matches(pid, ids, n=1, cutoff=cutoff)
    if hint:
        return f'did you mean "{hint[0]}"?'
    if len(ids) <= LISTED:
        return "known plans: " + ", ".join(ids)
    return f"none of the {len(ids)} known plans is close; 'plancheck targets' lists them"
