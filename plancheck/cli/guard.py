"""Running a command so that it never ends in a traceback: input errors exit 3, naming the place;
a wrong command line exits 64; anything unexpected exits 70 with one line asking for a report."""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable

from plancheck.exitcodes import ExitCode

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def one_line(text: str) -> str:
    """``text`` with every control, escape and bidi character shown as an escape (``\\n``, ``\\x1b``),
    so that a message is one line and prints nothing but itself."""
    return _UNSAFE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def say(message: str) -> None:
    """Print ``plancheck: message`` to standard error, on one line."""
    sys.stderr.write(f"plancheck: {one_line(message)}\n")


def debugging() -> bool:
    """Whether tracebacks are wanted (``--debug`` or ``PLANCHECK_DEBUG=1``)."""
    return os.environ.get("PLANCHECK_DEBUG", "").strip() not in ("", "0")


def guard(run: Callable[[], int]) -> int:
    """Run a command and return its exit code, reporting every failure as documented."""
    from plancheck.errors import InputError, UsageProblem
    from plancheck.load.files import InputErrors

    try:
        return int(run())
    except UsageProblem as e:
        say(f"error: {e}")
        return ExitCode.USAGE
    except InputErrors as e:
        for err in e.errors:
            say(str(err))
        if e.truncated:
            say(f"stopped after the first {len(e.errors)} problems; fix these and run again for the rest")
        for note in e.notes:
            say(f"note: {note}")
        return ExitCode.INVALID_INPUT
    except InputError as e:
        say(str(e))
        return ExitCode.INVALID_INPUT
    except BrokenPipeError:
        _quiet_stdout()
        return ExitCode.OK
    except (SystemExit, KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as e:  # the one place any failure becomes exit 70; polars' PanicException is
        # not an Exception
        if debugging():
            traceback.print_exc()
        say(f"internal error: {type(e).__name__}: {e}; this is a bug in plancheck, please report it with the "
            "command you ran" + ("" if debugging() else " (--debug shows the traceback)"))
        return ExitCode.INTERNAL


def _quiet_stdout() -> None:
    """After a reader went away (``plancheck status | head``), send what is still buffered nowhere,
    so that closing standard output at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
