"""The process exit codes: one meaning each, never reused or renumbered."""

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, following the monitoring-plugin convention (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)."""

    OK = 0
    """Nothing at or above the level the run fails on."""
    LAGGING = 1
    """Something is lagging (or soft-missed, or due without data when that counts)."""
    MISSED = 2
    """Something is missed."""
    INVALID_INPUT = 3
    """The inputs could not be evaluated (invalid plan, actuals or configuration)."""
    USAGE = 64
    """The command line itself is wrong (EX_USAGE from sysexits.h)."""
    INTERNAL = 70
    """plancheck itself failed: an unexpected internal error (EX_SOFTWARE), never read as a verdict."""
