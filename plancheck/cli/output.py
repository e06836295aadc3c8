"""Where a command's output goes: standard output, or a file written whole (a temporary file beside
it, then an atomic rename), never half of one. A binary format (a workbook) goes to a file only."""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def destination(output: Path | None, out: IO[str] | None = None, *, binary: bool = False) -> Iterator[IO[Any]]:
    """The stream a report goes to: ``out`` or standard output, or, with ``output``, a buffer (of
    bytes if ``binary``) written to that file whole once the block ends without an error."""
    if output is None:
        if binary:
            raise ValueError("a binary report needs an output file")
        yield out or sys.stdout
        return
    buffer: io.BytesIO | io.StringIO = io.BytesIO() if binary else io.StringIO()
    yield buffer
    write_atomic(output, buffer.getvalue())


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path`` so that readers see the old file or the new one, never half of it.

    Only a regular file (or a new one) is replaced by a rename: a device or a pipe (``-o /dev/null``,
    ``-o /dev/stdout``, a FIFO) is written to in place, since renaming over it would replace it."""
    path = Path(path)
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        regular = True
    if not regular:
        with _open(path, text) as f:
            f.write(text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        # mkstemp creates the file 0600; a report keeps the mode of the file it replaces, or gets the
        # mode any new file would (0666 less the umask).
        os.chmod(tmp, _mode_for(path))
        with _open(fd, text) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _open(file: Path | int, data: str | bytes) -> IO[Any]:
    """``file`` (a path or a descriptor) opened to write ``data``: bytes as they are, text as UTF-8."""
    if isinstance(data, bytes):
        return open(file, "wb")
    return open(file, "w", encoding="utf-8", newline="")


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
