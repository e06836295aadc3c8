"""The plan cache: checked plans as plain data (JSON), so that an unchanged plan file is not parsed
and validated again on every hook and CI step.

Nothing read from the cache folder is ever executed or unpickled: an entry is JSON, and it is used
only if it records the plancheck version, the plan schema's digest, the plan file's path and the
SHA-256 of its bytes as they are now, and decodes into a plan. Anything else (a stale, truncated,
corrupt or foreign entry) is ignored and rebuilt. Whoever can write the folder can change what
plancheck reads, as whoever can write plans/ can: the folder is created private (mode 0700)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from plancheck import __version__
from plancheck.load.plan_codec import plan_from_data, plan_to_data
from plancheck.load.schema import schema_digest
from plancheck.model import Plan

FORMAT = 2
MAX_ENTRY_BYTES = 64 << 20
"""An entry larger than this is not read (no plan comes near it)."""


def folder() -> Path | None:
    """The cache folder, or None when caching is turned off (``PLANCHECK_CACHE=off``)."""
    if os.environ.get("PLANCHECK_CACHE", "").strip().lower() in {"off", "0", "no", "false"}:
        return None
    explicit = os.environ.get("PLANCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plancheck"


class PlanCache:
    """The entries of the cache folder ``where`` (None: a cache that holds nothing)."""

    def __init__(self, where: Path | None) -> None:
        self.where = where

    def _entry(self, path: Path, digest: str) -> Path | None:
        if self.where is None:
            return None
        name = hashlib.sha256(f"{__version__}\0{schema_digest()}\0{path}\0{digest}".encode()).hexdigest()
        return self.where / name[:2] / f"{name}.json"

    def get(self, path: Path, digest: str) -> Plan | None:
        """The cached plan for the file at ``path`` whose bytes have SHA-256 ``digest``, or None."""
        entry = self._entry(path, digest)
        if entry is None:
            return None
        try:
            with open(entry, "rb") as f:
                raw = f.read(MAX_ENTRY_BYTES + 1)
            data = json.loads(raw) if len(raw) <= MAX_ENTRY_BYTES else None
        except (OSError, ValueError):  # missing, unreadable, not JSON: rebuilt
            return None
        expected = {"format": FORMAT, "plancheck": __version__, "schema": schema_digest(), "path": str(path),
                    "sha256": digest}
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in expected.items()):
            return None
        try:
            plan = plan_from_data(data.get("plan"))
        except ValueError:
            return None
        return plan if plan.path == str(path) else None

    def put(self, path: Path, digest: str, plan: Plan) -> None:
        """Store ``plan`` as the entry for the file at ``path`` with bytes of SHA-256 ``digest``."""
        self.put_data(path, digest, plan_to_data(plan))

    def put_data(self, path: Path, digest: str, data: dict[str, Any]) -> None:
        """Store a plan's data (``plan_to_data``) as the entry for the file at ``path`` with bytes of
        SHA-256 ``digest``, written whole (a temporary file, then a rename). A cache that cannot be
        written (a read-only home, a full disk) only costs speed, so failures are ignored."""
        entry = self._entry(path, digest)
        if entry is None:
            return
        text = json.dumps({"format": FORMAT, "plancheck": __version__, "schema": schema_digest(),
                           "path": str(path), "sha256": digest, "plan": data},
                          ensure_ascii=False, separators=(",", ":"))
        try:
            _private_folder(entry.parent)
            fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=entry.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(tmp, entry)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # the next run parses the plan again


def _private_folder(path: Path) -> None:
    """Create ``path`` and any missing parents, each new one readable by its owner only."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for p in reversed(missing):
        p.mkdir(mode=0o700, exist_ok=True)
        os.chmod(p, 0o700)  # mkdir's mode is narrowed by the umask, never widened: set it outright


def digest(data: bytes) -> str:
    """The SHA-256 of a plan file's bytes, which names its cache entry."""
    return hashlib.sha256(data).hexdigest()
