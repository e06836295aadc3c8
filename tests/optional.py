"""The optional extra a test may need, in one place: the engine (polars, ``plancheck[engine]``).

Off CI, a machine without it skips the engine's tests, saying so. On CI (``CI`` set) nothing is
skipped: ``make install`` and ``.ci/run`` install the extra, and without it those tests fail."""

from __future__ import annotations

import importlib.util
import os

import pytest

ENGINE = importlib.util.find_spec("polars") is not None
WHY = "needs the engine, the optional extra plancheck[engine] (make install installs it)"

needs_engine = pytest.mark.skipif(not ENGINE and not os.environ.get("CI"), reason=WHY)
"""Mark a test (or a parameter) that runs the engine."""


def require_engine() -> None:
    """Inside a test: skip it, off CI, when the engine is not installed."""
    if not ENGINE and not os.environ.get("CI"):
        pytest.skip(WHY)
