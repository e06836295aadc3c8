"""Checking that every quantity in a source document is accounted for: cited by a quote of a plan
built from it (a target's, a baseline's or an input's), or named in one of that plan's notes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from plancheck.load.provenance import occurrences
from plancheck.load.quantities import CHINESE, Quantity, lead, quantities
from plancheck.model import Plan, Source

CONTEXT = 12
"""Characters of the line shown on each side of an uncited quantity."""


@dataclass(frozen=True, slots=True)
class Uncited:
    """A quantity of a source document that no quote or note of its plans accounts for."""

    path: str
    line: int
    column: int
    context: str
    text: str
    plans: tuple[str, ...]

    def __str__(self) -> str:
        which = ("plan " if len(self.plans) == 1 else "plans ") + ", ".join(self.plans)
        return (f"{self.path}:{self.line}:{self.column}: “{self.context}” — 数量 {self.text} is cited by no target, "
                f"baseline or note of {which}")


def quotes_of(plan: Plan) -> Iterator[Source]:
    """Every quote of ``plan``: its targets', their baselines' and its inputs'."""
    for target in plan.targets:
        yield from target.sources
        if target.baseline is not None:
            yield from target.baseline.sources
    for item in plan.inputs:
        yield from item.sources


def uncited(plans: list[Plan], sources: Path) -> list[Uncited]:
    """Every quantity of every source document the plans cite (found in ``sources``) that none of
    the plans built from that document accounts for, in file, line and column order."""
    found: list[Uncited] = []
    for name in sorted({s.file for p in plans for s in quotes_of(p)} | {p.source_file for p in plans}):
        path = sources / name
        if not path.is_file():
            continue  # the quote check reports a missing source file
        built = [p for p in plans if p.source_file == name or any(s.file == name for s in quotes_of(p))]
        found += _in_document(str(path), path.read_text("utf-8"), built)
    return found


def _in_document(path: str, doc: str, plans: list[Plan]) -> list[Uncited]:
    spans = sorted({(at, at + len(s.quote)) for p in plans for s in quotes_of(p) if s.file == Path(path).name
                    for at in occurrences(doc, s.quote)})
    notes = [n for p in plans for n in p.notes]
    ids = tuple(p.id for p in plans)
    out = []
    for q in quantities(doc):
        if any(lo <= q.start and q.numeral_end <= hi for lo, hi in spans) or noted(doc, q, notes):
            continue
        line = doc.count("\n", 0, q.start) + 1
        column = q.start - (doc.rfind("\n", 0, q.start) + 1) + 1
        out.append(Uncited(path, line, column, context(doc, q), q.text(doc), ids))
    return out


def noted(doc: str, q: Quantity, notes: list[str]) -> bool:
    """Whether a note names ``q`` as the document writes it, with the two characters before it
    (``匹配5所`` for the 5所 of 匹配5所高校), and not as part of a longer number."""
    begin = lead(doc, q)
    key = doc[begin:q.end]
    for note in notes:
        at = note.find(key)
        while at != -1:
            inside = begin == q.start and _continues(note, at - 1, -1, key[0])
            if not inside and not _continues(note, at + len(key), 1, key[-1]):
                return True
            at = note.find(key, at + 1)
    return False


def _continues(note: str, i: int, step: int, edge: str) -> bool:
    """Whether ``note[i]`` (and the character beyond it, ``step`` away) carries on a number whose
    character next to it is ``edge``: 5 in 15 or 5.5 does, 5 in "5, 6" does not."""
    if not 0 <= i < len(note):
        return False
    if edge.isdigit():
        beyond = i + step
        return note[i].isdigit() or (note[i] in ".," and 0 <= beyond < len(note) and note[beyond].isdigit())
    return edge in CHINESE and note[i] in CHINESE


def context(doc: str, q: Quantity) -> str:
    """The quantity with up to CONTEXT characters of its line on each side, ``…`` where cut."""
    line_start = doc.rfind("\n", 0, q.start) + 1
    line_end = doc.find("\n", q.end)
    line_end = len(doc) if line_end == -1 else line_end
    lo, hi = max(line_start, q.start - CONTEXT), min(line_end, q.end + CONTEXT)
    text = " ".join(doc[lo:hi].split())
    return ("…" if lo > line_start else "") + text + ("…" if hi < line_end else "")
