"""The columns of an actuals table: which are required, which optional, and checking a header."""

from __future__ import annotations

import difflib

from plancheck.errors import ActualsError

REQUIRED = ("plan", "indicator", "date", "value")
OPTIONAL = ("unit", "source", "note", "use")
USES = {"": False, "verdict": False, "context": True}
"""The values of the ``use`` column (in any case), and whether each marks an observation as context."""
READ = REQUIRED + OPTIONAL
"""The columns an observation is made of."""
DESCRIPTIVE = ("name", "name_en", "target")
"""Columns a template (``plancheck template``) adds for the people filling it in: accepted, and
ignored."""
KNOWN = READ + DESCRIPTIVE


def check_header(path: str, header: list[str], line: int = 1) -> dict[str, int] | ActualsError:
    """The index of each column named in ``header`` (already trimmed and lower-cased; read at ``line``),
    or the error that makes the table unreadable: an unknown column, a column named twice, a required
    one missing."""
    for i, h in enumerate(header):
        if h not in KNOWN:
            hint = difflib.get_close_matches(h, KNOWN, n=1)
            advice = f'did you mean "{hint[0]}"?' if hint else "known columns: " + ", ".join(KNOWN)
            return ActualsError(path, line, i + 1, f'unknown column "{h}"; {advice}')
    for i, h in enumerate(header):
        if h in header[:i]:
            first = header.index(h)
            return ActualsError(path, line, i + 1, f'column "{h}" is named twice (columns {first + 1} and {i + 1}); '
                                                "keep one of them")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return ActualsError(path, line, None, "missing column(s) " + ", ".join(missing) +
                            "; the header must name plan, indicator, date, value")
    return {h: i for i, h in enumerate(header)}


def read_use(text: str) -> bool:
    """Whether a ``use`` cell marks its row as context (``context``) rather than a value for the
    verdicts (blank or ``verdict``); raise ValueError for anything else."""
    use = USES.get(text.strip().lower())
    if use is None:
        raise ValueError(f'"{text.strip()}": use must be verdict (or blank) or context')
    return use
