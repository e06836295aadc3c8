"""A cache of checked plans, so an unchanged plan file is not parsed and validated again.

Plans are read on every pre-commit hook and CI step, and YAML parsing dominates a run over many
plans. An entry is keyed by everything its result depends on: the file's path and bytes, the
plancheck version and the plan schema. The cache lives in the user's cache folder
(``$PLANCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/plancheck``, else ``~/.cache/plancheck``) and holds
only what plancheck wrote there; ``PLANCHECK_CACHE=off`` disables it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from plancheck import __version__


def folder() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("PLANCHECK_CACHE", "").lower() in {"off", "0", "no", "false"}:
        return None
    explicit = os.environ.get("PLANCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plancheck"


def key(kind: str, path: Path, data: bytes, schema: str) -> str:
    """The entry's name: a digest of everything the cached value depends on."""
    return Entries(kind, schema).name(path, data)


def get(name: str) -> Any | None:
    """The cached value, or None if there is none (or it cannot be read: it is then rebuilt)."""
    return _get(folder(), name)


def put(name: str, value: Any) -> None:
    """Store ``value``, whole (a temporary file, then a rename). A cache that cannot be written
    (a read-only home, a full disk) only costs speed, so failures are ignored."""
    _put(folder(), name, value)


class Entries:
    """The entries of one kind and schema, with the folder and the part of the key they share worked
    out once: a run over hundreds of plans reads hundreds of entries."""

    def __init__(self, kind: str, schema: str) -> None:
        self.where = folder()
        self.shared = hashlib.sha256()
        for part in (kind, __version__, schema):
            self.shared.update(part.encode("utf-8") + b"\0")

    def name(self, path: Path, data: bytes) -> str:
        """The name of the entry for the file at ``path`` holding ``data``."""
        h = self.shared.copy()
        h.update(str(path).encode("utf-8") + b"\0")
        h.update(data)
        return h.hexdigest()

    def holds(self, path: Path) -> bool:
        """Whether there is an entry for the file at ``path`` as it is now."""
        try:
            name = self.name(path, path.read_bytes())
        except OSError:
            return False
        return self.where is not None and os.path.exists(os.path.join(self.where, name[:2], name))

    def get(self, name: str) -> Any | None:
        return _get(self.where, name)

    def put(self, name: str, value: Any) -> None:
        _put(self.where, name, value)


def _get(where: Path | None, name: str) -> Any | None:
    if where is None:
        return None
    try:
        with open(os.path.join(where, name[:2], name), "rb") as f:
            return pickle.loads(f.read())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def _put(where: Path | None, name: str, value: Any) -> None:
    if where is None:
        return
    target = where / name[:2] / name
    tmp = target.with_name(f".{name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)
