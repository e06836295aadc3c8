"""Aligned, coloured tables for a terminal, drawn directly as text.

``plancheck status`` runs in hooks and CI steps, where its default table is the output. Laying out
and styling a few hundred rows through a general rendering library cost about 110 ms, half the
command's run on the bundled data; this module does the little the table needs (cell widths with
CJK characters counted double, wrapping to the terminal, colour) in a few milliseconds.

A cell is lines of styled spans. Off a terminal a table keeps its natural width; on a terminal
narrower than that, the columns marked ``fold`` are wrapped first, then the widest others. Colour
follows the usual conventions: on a terminal only, never with ``NO_COLOR``, always with
``FORCE_COLOR``, never on ``TERM=dumb``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO
from unicodedata import combining, east_asian_width

Span = tuple[str, str]
"""Text and its style name ("" for none)."""
Line = tuple[Span, ...]
Cell = tuple[Line, ...]

# SGR parameters of the style names the reporters use.
SGR = {"bold": "1", "dim": "2", "green": "32", "cyan": "36", "magenta": "35", "yellow": "33",
       "bold red": "1;31"}
GAP = 3  # spaces between columns
RULE = "━"


def width(text: str) -> int:
    """Terminal cells ``text`` takes: wide and full-width (CJK) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in text)


def line_width(line: Line) -> int:
    return sum(width(text) for text, _ in line)


def plain(text: str, style: str = "") -> Cell:
    """A cell of one line, or of several if ``text`` holds newlines, all in one style."""
    return tuple(((part, style),) for part in text.split("\n"))


@dataclass(frozen=True, slots=True)
class Terminal:
    """Where a table goes: whether to colour it, and how wide it may be (None: as wide as it is)."""

    colour: bool
    columns: int | None

    @classmethod
    def of(cls, stream: IO[str]) -> Terminal:
        env = os.environ
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        if env.get("NO_COLOR"):
            colour = False  # no-color.org: no escape sequences at all
        elif env.get("FORCE_COLOR"):
            colour = True
        else:
            colour = tty and env.get("TERM") != "dumb" and _ansi_enabled(stream)
        columns: int | None = None
        if env.get("COLUMNS", "").isdigit() and int(env["COLUMNS"]) > 0:
            columns = int(env["COLUMNS"])
        elif tty:
            try:
                columns = os.get_terminal_size(stream.fileno()).columns or None
            except (AttributeError, ValueError, OSError):
                columns = None
        return cls(colour, columns)

    def paint(self, line: Line) -> str:
        """The line as text, with escape sequences for its styles when colouring."""
        if not self.colour:
            return "".join(text for text, _ in line)
        return "".join(f"\x1b[{SGR[style]}m{text}\x1b[0m" if style and text else text for text, style in line)


def _ansi_enabled(stream: IO[str]) -> bool:
    """Whether the terminal interprets escape sequences: always but on an old Windows console, where
    virtual terminal processing is switched on if it can be."""
    if sys.platform != "win32":
        return True
    try:
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32
        handle = msvcrt.get_osfhandle(stream.fileno())
        mode = ctypes.c_uint32()
        return bool(kernel32.GetConsoleMode(handle, ctypes.byref(mode))
                    and kernel32.SetConsoleMode(handle, mode.value | 0x0004))  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
    except (AttributeError, OSError, ValueError):
        return False


def wrap(line: Line, limit: int) -> list[Line]:
    """``line`` broken into lines at most ``limit`` cells wide: after a space where one falls in the
    line, else (a long word, CJK text) between any two characters."""
    if line_width(line) <= limit:
        return [line]
    chars = [(c, style) for text, style in line for c in text]
    out: list[Line] = []
    start = 0
    while start < len(chars):
        used, end, space = 0, start, -1
        while end < len(chars):
            w = width(chars[end][0])
            if used + w > limit and end > start:
                break
            used += w
            if chars[end][0] == " ":
                space = end
            end += 1
        if end < len(chars) and space > start:
            end = space + 1  # break after the last space; the space itself is dropped below
        out.append(_spans(chars[start:end]))
        start = end
    return out


def _spans(chars: Sequence[tuple[str, str]]) -> Line:
    """Characters with styles joined back into spans, trailing spaces dropped."""
    spans: list[list[str]] = []
    for c, style in chars:
        if spans and spans[-1][1] == style:
            spans[-1][0] += c
        else:
            spans.append([c, style])
    if spans:
        spans[-1][0] = spans[-1][0].rstrip(" ")
    return tuple((text, style) for text, style in spans if text)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    fold: bool = False
    """Wrap this column first when the table is wider than the terminal."""
    min_width: int = 0
    wrap: bool = True
    """False: never wrap this column (a short word that must read whole, such as a status)."""


def _longest_word(cells: Iterable[Cell]) -> int:
    return max((width(word) for cell in cells for line in cell for text, _ in line for word in text.split(" ")),
               default=0)


def _fit(widths: list[int], columns: Sequence[Column], rows: Sequence[Sequence[Cell]], limit: int) -> list[int]:
    """Narrow the columns until the table fits ``limit`` cells: folding columns first, down to their
    minimum, then the widest of the others that wrap, down to their longest word."""
    widths = list(widths)
    excess = sum(widths) + GAP * (len(widths) - 1) + 1 - limit
    for i, c in enumerate(columns):
        if excess > 0 and c.fold:
            cut = min(excess, widths[i] - max(c.min_width, width(c.header)))
            if cut > 0:
                widths[i] -= cut
                excess -= cut
    floors = [widths[i] if c.fold or not c.wrap else max(width(c.header), _longest_word(r[i] for r in rows))
              for i, c in enumerate(columns)]
    while excess > 0:
        i = max(range(len(widths)), key=lambda k: widths[k] - floors[k])
        if widths[i] <= floors[i]:
            break  # as narrow as it goes: the terminal wraps what is left
        widths[i] -= 1
        excess -= 1
    return widths


def table(title: Line, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], term: Terminal) -> str:
    """The table as text: a title, the bold headers over a heavy rule, then the rows, then a blank line.
    Columns are three spaces apart and the table is indented by one, as a rich SIMPLE_HEAVY box is."""
    n = len(columns)
    widths = [width(c.header) for c in columns]
    for row in rows:
        for i, cell in enumerate(row):
            for line in cell:
                w = line_width(line)
                if w > widths[i]:
                    widths[i] = w
    if term.columns is not None and sum(widths) + GAP * (n - 1) + 1 > term.columns:
        widths = _fit(widths, columns, rows, term.columns)
        rows = [[_wrapped(cell, widths[i]) for i, cell in enumerate(row)] for row in rows]
    gap = " " * GAP
    out = [term.paint(title), " " + gap.join(term.paint(((c.header, "bold"),)) + " " * (widths[i] - width(c.header))
                                             for i, c in enumerate(columns)).rstrip(),
           " " + RULE * (sum(widths) + GAP * (n - 1))]
    for row in rows:
        for k in range(max(len(cell) for cell in row)):
            parts = []
            for i, cell in enumerate(row):
                line = cell[k] if k < len(cell) else ()
                parts.append(term.paint(line) + " " * (widths[i] - line_width(line)))
            out.append((" " + gap.join(parts)).rstrip())
    out.append("")
    return "\n".join(out) + "\n"


def _wrapped(cell: Cell, limit: int) -> Cell:
    return tuple(part for line in cell for part in wrap(line, limit))
