"""Reading actuals in two processes: the reading helper, which drives plancheck.actuals' reader.

Reading is most of a large run, and CI runners and workstations have more than one core. Above
SPLIT_BYTES of CSV, on Linux with two usable CPUs, the files are split in two runs of consecutive
files: a forked helper process reads the second run while this process reads the first.

Then the helper sends the (plan, indicator) pairs it read. Without a ``share``, or if either side
met a bad row, it sends back everything it read (pickled, the numbers as one text), and reading
ends as reading the files in order would: pieces and errors appended in file order, the first
MAX_ERRORS errors the same (each process stops at MAX_ERRORS of its own). With a share, it sends
back only the indicators this process also read (their rows must be merged and checked for
duplicates); it keeps the others, does the share's work on them, and sends that instead of their
observations, which then never cross between the processes.

If the helper fails in any way (it dies, sends nothing or half a message), its files are read
here instead, and the share's work on its indicators is done here. PLANCHECK_JOBS=1 keeps reading
in one process.

A file is cut between the two when no file boundary lies near the point where both would finish
together (see _cut): this process reads its header and the rows before the cut, the helper its
header and the rows after, each row with its line number in the whole file.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from plancheck import process
from plancheck.actuals import MAX_ERRORS, OPTIONAL, REQUIRED, Actuals, Share, _Columns, _Reader
from plancheck.errors import ActualsError
from plancheck.gcpause import paused
from plancheck.model import Plan
from plancheck.plans import InputErrors

SPLIT_BYTES = 8 << 20
"""Reading less than this (8 MiB, some 130,000 rows) is not worth a second process."""
_HELPER_COST = 1.15
"""Cost of a byte the helper reads, against one read here, when it sends back what it read: it also
encodes it."""
_HELPER_COST_SHARING = 1.0
"""The same, when the helper works on what it read (see Share): it sends back less than it read, and
this process then merges, writes and waits for the helper to go."""


class _Part(NamedTuple):
    """A file, or a part of one, that one of the two processes reads."""

    path: Path
    offset: int | None = None
    """None: the whole file. Else the file is cut at the first line start from ``offset`` on (see
    _cut), this process reading the rows before the cut, or with ``tail`` those after it."""
    tail: bool = False


def _read_part(reader: _Reader, part: _Part) -> bool:
    """Read ``part`` into ``reader``; False if the cut is off (the part cannot be read, or is not
    UTF-8), in which case nothing was read."""
    if part.offset is None:
        reader.read(part.path)
        return True
    name = str(part.path)
    try:
        data = part.path.read_bytes()
    except OSError:
        return False
    at = _cut(data, part.offset)
    if at is None:  # not cut: the first process reads it whole
        if not part.tail:
            reader.read_data(name, data)
        return True
    head = data.find(b"\n") + 1
    mine = data[:head] + data[at:] if part.tail else data[:at]
    try:
        text = mine.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    reader.read_data(name, mine, data.count(b"\n", 0, at) + 1 if part.tail else 2, text)
    return True


def _cut(data: bytes, offset: int) -> int | None:
    """Where a file holding ``data`` may be cut between the two processes: the start of the first line
    at or after ``offset``, with rows on both sides. None if one process must read it whole: it has
    quotes (a cell may span lines), carriage returns or NULs, or its header is not a valid one (its
    problems are then reported once). Both processes find the same answer in the same bytes."""
    if b'"' in data or b"\r" in data or b"\0" in data:
        return None
    head = data.find(b"\n") + 1
    at = data.find(b"\n", max(offset, head)) + 1
    if head == 0 or at == 0 or at >= len(data):
        return None
    try:
        header = [h.strip().lower() for h in data[: head - 1].decode("utf-8-sig").split(",")]
    except UnicodeDecodeError:
        return None
    if any(h not in REQUIRED + OPTIONAL for h in header) or any(c not in header for c in REQUIRED):
        return None
    return at


Split = tuple[int, int]
"""Where reading is split, ``(k, offset)``: this process reads the files before ``files[k]`` and, if
``offset``, the first ``offset`` bytes of it (to a line end; see _cut); the helper reads the rest."""

_MIN_PART = 1 << 20
"""A file is cut only if each process gets at least this much of it (1 MiB), and a sixteenth of all
the bytes: cutting costs the helper a second pass over the file (its checks), which a file boundary
that near the balance point does not."""


def split_point(files: Sequence[Path], sharing: bool) -> Split | None:
    """Where to split reading ``files`` (None: read everything here); ``sharing``: the helper will do a
    share's work."""
    if not files or not process.may_fork_helper():
        return None
    try:
        sizes = [p.stat().st_size for p in files]
    except OSError:
        return None  # the reader reports unreadable files
    total = sum(sizes)
    if total < SPLIT_BYTES:
        return None
    # Both finish together when the bytes read here equal the helper's bytes times their cost. A file
    # boundary near that point is taken as it is; else the file there is cut.
    cost = _HELPER_COST_SHARING if sharing else _HELPER_COST
    here = total * cost / (1 + cost)
    k, start = 0, 0
    while k < len(sizes) - 1 and start + sizes[k] <= here:
        start += sizes[k]
        k += 1
    offset = int(here - start)
    slack = max(_MIN_PART, total // 16)
    if offset < slack:
        return (k, 0) if k > 0 else None
    if sizes[k] - offset < slack:
        return (k + 1, 0) if k + 1 < len(files) else None
    return k, offset


def read_in_two(reader: _Reader, files: Sequence[Path], split: Split, plans: list[Plan],
                 share: Share | None) -> Handoff | None:
    """Read the files in a helper and here, split at ``split``, into ``reader``; return the handoff of
    the helper's work if it kept indicators to work on."""
    down, to_helper = os.pipe()
    from_helper, up = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: whatever happens, leave at once, without the parent's cleanup
        code = 1
        try:
            os.close(to_helper)
            os.close(from_helper)
            with os.fdopen(down, "rb") as inbox, os.fdopen(up, "wb") as outbox:
                _help(files, split, plans, share, inbox, outbox)
            code = 0
        finally:
            os._exit(code)
    os.close(down)
    os.close(up)
    k, offset = split
    mine = [_Part(p) for p in files[:k]]
    theirs = [_Part(p) for p in files[k:]]  # for reading them here, should the helper fail
    if offset:
        mine.append(_Part(files[k], offset))
        theirs[0] = _Part(files[k], offset, tail=True)
    handoff = Handoff(pid, os.fdopen(from_helper, "rb"), os.fdopen(to_helper, "wb"), theirs, plans, share)
    cut = all([_read_part(reader, part) for part in mine])
    try:
        if not cut:
            raise _CutOff
        kind, sent = _receive(handoff.inbox)
        if kind == "cut":
            if not sent:
                raise _CutOff
            kind, sent = _receive(handoff.inbox)
        if kind == "keys":
            handoff.owned = frozenset(key for key in sent if key not in reader.pieces)
            keep = bool(handoff.owned) and not reader.errors
            _send(handoff.outbox, [key for key in sent if key in reader.pieces] if keep else None)
            if not keep:
                handoff.owned = frozenset()
            kind, sent = _receive(handoff.inbox)
    except _CutOff:  # a part of the cut file is not UTF-8: read everything here, as one process would
        handoff.close()
        reader.read_again(files)
        return None
    except (EOFError, OSError, pickle.UnpicklingError):  # the helper failed: read its files here
        handoff.close()
        if not all([_read_part(reader, part) for part in theirs]):
            reader.read_again(files)
        return None
    _merge(reader, sent)
    if not handoff.owned:
        handoff.close()
        return None
    return handoff


def _help(files: Sequence[Path], split: Split, plans: list[Plan], share: Share | None, inbox: BinaryIO,
          outbox: BinaryIO) -> None:
    """The helper's side of reading in two processes."""
    r = _Reader(plans)
    k, offset = split
    parts = [_Part(p) for p in files[k:]]
    if offset:
        parts[0] = _Part(files[k], offset, tail=True)
        _send(outbox, ("cut", _read_part(r, parts.pop(0))))
    for part in parts:
        _read_part(r, part)
    if share is not None and not r.errors:
        series = {key: r.series(key) for key in r.pieces}
        if r.errors:
            r.errors.clear()  # conflicting repeats: found again, in order, once everything is merged
        else:
            _send(outbox, ("keys", list(series)))
            shared = _receive(inbox)
            if shared is not None:
                _send(outbox, ("read", _encode(r, shared)))
                shared = set(shared)
                owned = Actuals({key: s for key, s in series.items() if key not in shared})
                _send(outbox, share.work(plans, owned, owned.series.__contains__))
                return
    _send(outbox, ("read", _encode(r)))


class _CutOff(Exception):
    """A part of the file cut between the two processes could not be read as UTF-8."""


class Handoff:
    """A reading helper's work on the indicators it kept (``owned``)."""

    def __init__(self, pid: int, inbox: BinaryIO, outbox: BinaryIO, parts: list[_Part], plans: list[Plan],
                 share: Share | None) -> None:
        self.pid: int | None = pid
        self.inbox, self.outbox = inbox, outbox
        self.parts, self.plans, self.share = parts, plans, share
        self.owned: frozenset[tuple[str, str]] = frozenset()
        self.done = False

    def result(self) -> Any:
        """Wait for the helper's work and return it. If the helper failed, read its files and do the
        work here; raise InputErrors if the files went bad meanwhile. The helper is reaped by
        ``close``, which the caller calls once it is done: a helper leaving a large heap takes tens
        of milliseconds to go, time better spent writing the output."""
        try:
            work = _receive(self.inbox)
            self.done = True
            return work
        except (EOFError, OSError, pickle.UnpicklingError):
            self.close()
        r = _Reader(self.plans)
        with paused():
            for part in self.parts:
                if not _read_part(r, part):  # the cut file, read by the helper a moment ago
                    r.errors.append(ActualsError(str(part.path), None, None, "the file changed while it was "
                                                 "being read; run again"))
            actuals = Actuals({key: r.series(key) for key in self.owned if key in r.pieces})
        if r.errors:
            raise InputErrors(r.errors[:MAX_ERRORS])
        assert self.share is not None  # a helper keeps indicators only to do a share's work on them
        return self.share.work(self.plans, actuals, self.owned.__contains__)

    def close(self) -> None:
        """Stop the helper if its work is not in, reap it, and close the pipes. Safe to call again."""
        if self.pid is None:
            return
        self.inbox.close()
        with suppress(OSError):  # the helper may have left already
            self.outbox.close()
        if not self.done:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = None


def _send(stream: BinaryIO, message: object) -> None:
    """Write one message: its length, then its pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "little"))
    stream.write(data)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    """Read one message; EOFError if the other side ended before sending all of it."""
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    size = int.from_bytes(head, "little")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _encode(r: _Reader, keys: Iterable[tuple[str, str]] | None = None) -> dict[str, Any]:
    """What a reader read (of ``keys`` only, if given), to be pickled: its columns, each indicator's
    pieces of them by the columns' positions, its errors as tuples (exceptions do not pickle with
    their fields) and value columns."""
    ids: dict[int, int] = {}
    columns: list[tuple[Any, ...]] = []
    chosen = r.pieces if keys is None else {key: r.pieces[key] for key in keys}
    for pieces in chosen.values():
        for c, _ in pieces:
            if id(c) in ids:
                continue
            ids[id(c)] = len(columns)
            if c.raws is c.numbers and isinstance(c.lines, range) and c.paths:
                # Numbers as one text (pickling each of a million strings costs more); dates, sources and
                # notes as lists, which pickle writes as references to their few distinct values.
                columns.append(("file", c.paths[0], c.lines.start, "\n".join(c.numbers),  # type: ignore[arg-type]
                                c.dates, c.sources, c.notes))
            else:
                columns.append(("rows", c))  # read row by row (a messy file): as it is
    return {"columns": columns,
            "pieces": [(key, [(ids[id(c)], idx) for c, idx in pieces]) for key, pieces in chosen.items()],
            "errors": [(e.path, e.line, e.column, e.message) for e in r.errors],
            "value_column": r.value_column}


def _merge(reader: _Reader, sent: dict[str, Any]) -> None:
    """Append what the helper read, as if this reader had gone on to read its files."""
    columns: list[_Columns] = []
    for item in sent["columns"]:
        if item[0] == "rows":
            columns.append(item[1])
            continue
        _, path, first_line, numbers, dates, sources, notes = item
        columns.append(_Columns.of_file(path, first_line, dates, numbers.split("\n") if dates else [], sources,
                                        notes))
    for key, pieces in sent["pieces"]:
        reader.pieces.setdefault(key, []).extend((columns[i], idx) for i, idx in pieces)
    reader.errors.extend(ActualsError(*e) for e in sent["errors"])
    reader.value_column.update(sent["value_column"])
