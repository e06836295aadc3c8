"""Finding and reading input files: which files a folder holds, and their bytes or text, with every
file that cannot be read named, never skipped."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from plancheck.errors import InputError

IGNORED_PREFIXES = (".", "~$")
"""Names that are never read: hidden files (editors' lock and backup files) and Excel's lock files."""


class InputErrors(Exception):
    """Several input errors found in one pass; each is reported on its own line. ``truncated``: more
    were found (or reading stopped) beyond those listed; ``notes``: what was left unchecked."""

    def __init__(self, errors: list[InputError], *, truncated: bool = False, notes: Sequence[str] = ()) -> None:
        self.errors = errors
        self.truncated = truncated
        self.notes = tuple(notes)
        super().__init__("\n".join(map(str, errors)))


def find_files(where: Path, suffixes: frozenset[str], error: type[InputError], what: str) -> list[Path]:
    """The files at ``where`` with one of ``suffixes``: the path itself, or those in the folder, sorted.

    A name with a wanted suffix that is not a readable regular file (a folder, a dangling symlink, a
    symlink loop, a device or a pipe) is an error, as is a missing ``where``."""
    if where.is_dir():
        found, errors = [], []
        for p in sorted(where.iterdir()):
            if p.name.startswith(IGNORED_PREFIXES) or p.suffix.lower() not in suffixes:
                continue
            problem = not_a_file(p)
            if problem is None:
                found.append(p)
            else:
                errors.append(error(str(p), None, None, problem))
        if errors:
            raise InputErrors(errors)
        return found
    problem = not_a_file(where)
    if problem is None:
        return [where]
    if problem.startswith("no such"):
        problem = f"no such file or folder; {what}"
    raise InputErrors([error(str(where), None, None, problem)])


def not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file that can be read, or None if it is one."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "is a symbolic link that loops; point it at a file"
        if e.errno == errno.ENOENT and path.is_symlink():
            return f"is a symbolic link to {os.readlink(path)}, which does not exist"
        if e.errno == errno.ENOENT:
            return "no such file"
        return f"cannot be read: {e.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file; rename it or move it out"
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
            else "not a regular file"
        return f"is {kind}; only regular files are read"
    return None


def read_bytes(path: Path, error: type[InputError]) -> bytes:
    """Return the file's bytes; raise ``error`` if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise error(str(path), None, None, f"cannot read the file: {e.strerror}") from e


def utf8_text(path: str, data: bytes, error: type[InputError]) -> str:
    """Return ``data`` as UTF-8 text (a BOM is allowed); raise ``error`` at the line and column of a
    bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, column = byte_place(data, e.start)
        raise error(path, line, column, f"byte 0x{data[e.start]:02x} is not UTF-8; save the file as UTF-8") from e


def byte_place(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters of the text before it) of the byte at ``offset``."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
