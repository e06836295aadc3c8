"""The configuration file ``plancheck.yaml``: found by walking up from the current folder, checked
against a shipped schema, and turned into defaults that command-line flags override."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

NAME = "plancheck.yaml"

# Which command takes which setting (as click parameter names).
_COMMANDS: dict[str, tuple[str, ...]] = {
    "status": ("plans", "actuals", "tolerance", "fail_on", "no_data_fails", "strict", "lang", "fmt"),
    "validate": ("plans", "actuals"),
    "targets": ("plans", "lang"),
    "show": ("plans", "actuals", "lang"),
    "report": ("plans", "actuals", "tolerance", "lang"),
    "diff": ("plans", "actuals", "tolerance", "lang"),
}


def find_config(start: Path) -> Path | None:
    """Return the nearest ``plancheck.yaml`` in ``start`` or one of its parents, or None."""
    for folder in (start, *start.parents):
        candidate = folder / NAME
        if candidate.is_file():
            return candidate
    return None


@cache
def _validator() -> Any:
    import jsonschema

    text = resources.files("plancheck").joinpath("schema/config.schema.json").read_text("utf-8")
    return jsonschema.Draft7Validator(json.loads(text))


def load_config(path: Path) -> dict[str, dict[str, Any]]:
    """Read ``path`` and return click's ``default_map``: per command, the defaults it sets.

    Raises ConfigError (file:line:column) for a file that is not valid."""
    from plancheck.errors import ConfigError
    from plancheck.plans import check_schema, read_text
    from plancheck.yamlread import load_yaml

    doc = load_yaml(read_text(path, ConfigError), str(path), ConfigError,
                    empty="the configuration file is empty; remove it or set at least one value")
    check_schema(doc, _validator())
    values: dict[str, Any] = dict(doc.data)
    for key in ("plans", "actuals"):
        if key in values:
            values[key] = (path.parent / values[key]).resolve()
    if "tolerance" in values:
        values["tolerance"] = str(values["tolerance"])
    if "format" in values:
        values["fmt"] = values.pop("format")
    return {cmd: {k: values[k] for k in keys if k in values} for cmd, keys in _COMMANDS.items()}
