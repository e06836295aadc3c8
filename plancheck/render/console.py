"""A rich console on a stream, with the colour rules the README documents: colour on a terminal or
with FORCE_COLOR, never with NO_COLOR or TERM=dumb; a terminal's width (or COLUMNS), else the
natural width of what is printed."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console

NATURAL = 1000
"""The width offered off a terminal without COLUMNS: every line keeps its natural width."""


def colour_wanted(stream: IO[str]) -> bool:
    """Whether output to ``stream`` is coloured."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def width_of(stream: IO[str]) -> int:
    """The width to fit: COLUMNS, else the terminal's, else NATURAL."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return NATURAL


def console_for(stream: IO[str]) -> Console:
    """A console writing to ``stream`` that never interprets markup or emoji in the data it prints."""
    colour = colour_wanted(stream)
    return Console(file=stream, force_terminal=colour, color_system="standard" if colour else None,
                   no_color=not colour, width=width_of(stream), highlight=False, emoji=False, markup=False,
                   soft_wrap=False, legacy_windows=False)
