"""Running one function over many inputs, in this process or in a pool of processes, chosen here and
nowhere else: the rest of plancheck is written as if there were one process.

The pool is the standard library's; what a worker is given and returns is plain data (file paths
and bytes in, JSON-ready data out), never plancheck's own objects."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

_In = TypeVar("_In")
_Out = TypeVar("_Out")

PARALLEL_FROM = 32
"""Inputs from which a pool pays for its start (parsing a plan takes about 3 ms)."""


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, which containers and taskset narrow)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def run_all(function: Callable[[_In], _Out], inputs: Iterable[_In]) -> Iterator[_Out]:
    """``function`` applied to each of ``inputs``, in order: in a pool of processes when there are
    many inputs and more than one CPU, else here."""
    items = list(inputs)
    workers = min(usable_cpus(), 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        return map(function, items)
    return _in_pool(function, items, workers)


def _in_pool(function: Callable[[_In], _Out], items: list[_In], workers: int) -> Iterator[_Out]:
    # Forking is the quickest start and is safe here: plans are parsed before anything starts a
    # thread. Where fork is not available, or is not the platform's way (macOS, Windows), spawn.
    method = "fork" if sys.platform == "linux" else "spawn"
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
    try:
        yield from pool.map(function, items, chunksize=max(1, len(items) // (workers * 4)))
    finally:
        # Stopped early (an error, SIGTERM): what has not started is dropped, and no worker outlives
        # this process.
        pool.shutdown(wait=True, cancel_futures=True)
