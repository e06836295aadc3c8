"""How a command run from the console ends: output flushed, then the process exits without freeing
what it loaded.

A run over a million rows holds millions of objects. Freeing them one by one when the command
returns, then tearing down the interpreter, gives back memory the operating system reclaims at once
anyway. The console entry point therefore asks for what a command loaded to be kept (``hold``), and
ends the process with ``os._exit`` once the standard streams are flushed (``end``). Called as a
library (tests, other programs), nothing is kept."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from typing import NoReturn

_kept: list[object] | None = None


def hold() -> None:
    """From now on, ``keep`` holds what it is given until the process ends."""
    global _kept
    _kept = []


def keep(*objects: object) -> None:
    """Keep ``objects`` alive until the process ends, if ``hold`` was called; else do nothing."""
    if _kept is not None:
        _kept.extend(objects)


def end(code: int) -> NoReturn:
    """Flush the standard streams and end the process with ``code``, skipping the interpreter's
    teardown. A reader that has gone away (``plancheck status | head``) is not an error."""
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more can go to it
            stream.flush()
    os._exit(code)


def may_fork_helper() -> bool:
    """Whether work may be shared with a forked helper process: on Linux, where forking is cheap and
    safe for a process without threads, with two CPUs this process may run on, unless
    PLANCHECK_JOBS=1 asks for one process."""
    if sys.platform != "linux" or os.environ.get("PLANCHECK_JOBS", "").strip() == "1":
        return False
    return usable_cpus() >= 2


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, which containers and taskset narrow)."""
    return len(os.sched_getaffinity(0))
