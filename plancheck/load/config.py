"""The configuration file ``plancheck.yaml``: found by walking up from the current folder, checked
against a shipped schema, and turned into defaults that command-line flags override."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plancheck.errors import ConfigError
from plancheck.load.files import read_bytes, utf8_text

NAME = "plancheck.yaml"

# Which command takes which setting (as click parameter names).
_COMMANDS: dict[str, tuple[str, ...]] = {
    "status": ("plans", "actuals", "tolerance", "fail_on", "no_data_fails", "strict", "lang", "fmt", "accepted",
               "engine"),
    "validate": ("plans", "actuals", "accepted", "engine"),
    "targets": ("plans", "lang"),
    "show": ("plans", "actuals", "lang", "engine"),
    "report": ("plans", "actuals", "tolerance", "lang", "accepted", "engine"),
    "diff": ("plans", "actuals", "tolerance", "lang", "accepted", "engine"),
    "accept": ("plans", "actuals", "tolerance", "accepted", "engine"),
}


@dataclass(frozen=True, slots=True)
class Config:
    """A configuration file read: per command, the defaults it sets (click's ``default_map``), and
    the time zone whose date is "today"."""

    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    timezone: str | None = None


def find_config(start: Path) -> Path | None:
    """The nearest ``plancheck.yaml`` in ``start`` or one of its parents, or None."""
    for folder in (start, *start.parents):
        candidate = folder / NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path) -> Config:
    """Read ``path``: per command, the defaults it sets, and the time zone of "today".

    Raises ConfigError (or InputErrors), at file:line:column, for a file that is not valid."""
    from plancheck.load.schema import check
    from plancheck.load.yaml import load_yaml

    doc = load_yaml(utf8_text(str(path), read_bytes(path, ConfigError), ConfigError), str(path), ConfigError,
                    empty="the configuration file is empty; remove it or set at least one value")
    check(doc, "config")
    values: dict[str, Any] = dict(doc.data)
    for key in ("plans", "actuals", "accepted"):
        if key in values:
            text = values[key]
            if any(ord(c) < 32 for c in text):
                raise doc.error((key,), f"{key}: the path holds a control character (a NUL or a line break); "
                                        "write the folder's name")
            values[key] = (path.parent / text).resolve()
    timezone = values.pop("timezone", None)
    if timezone is not None:
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise doc.error(("timezone",), f"timezone: {timezone!r} is not a time zone; write an IANA name such as "
                                           "Asia/Shanghai or UTC") from None
    if "tolerance" in values:
        values["tolerance"] = str(values["tolerance"])
    if "format" in values:
        values["fmt"] = values.pop("format")
    return Config({cmd: {k: values[k] for k in keys if k in values} for cmd, keys in _COMMANDS.items()}, timezone)
