"""The plan schema: a quick yes-or-no for valid files, and for invalid ones every problem at its
file:line:column, in words a user can act on."""

from __future__ import annotations

import difflib
import hashlib
import json
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from plancheck.errors import InputError
from plancheck.load.yaml import Document


def schema_text(name: str = "plan") -> str:
    """The JSON Schema of plan (or ``config``) files, as shipped in the package."""
    return resources.files("plancheck").joinpath(f"schema/{name}.schema.json").read_text("utf-8")


@cache
def schema_digest() -> str:
    """The SHA-256 of the plan schema: part of every plan cache entry."""
    return hashlib.sha256(schema_text().encode("utf-8")).hexdigest()


@cache
def _fast_validator() -> Any:
    """The plan schema compiled by fastjsonschema (25 times quicker than jsonschema on a valid plan,
    which is what a run over thousands of plans mostly meets)."""
    import fastjsonschema

    return fastjsonschema.compile(json.loads(schema_text()))


@cache
def _validator(name: str) -> Any:
    """jsonschema's validator: every violation, with its path, for the messages."""
    import jsonschema

    return jsonschema.Draft7Validator(json.loads(schema_text(name)))


def check_plan(doc: Document) -> None:
    """Raise the plan's problems (an InputErrors) if ``doc`` does not match the plan schema."""
    import fastjsonschema

    try:
        _fast_validator()(doc.data)
    except fastjsonschema.JsonSchemaValueException as e:
        check(doc, "plan")
        # The two validators implement one schema; should jsonschema see no problem, report this one.
        raise doc.error((), f"does not match the plan schema: {e.message}") from e


def check(doc: Document, name: str) -> None:
    """Raise every violation of schema ``name`` in ``doc``, in file order, as an InputErrors."""
    from plancheck.load.files import InputErrors

    errors = list(_validator(name).iter_errors(doc.data))
    if not errors:
        return
    misspelt = {tuple(e.absolute_path) for e in errors if e.validator == "additionalProperties"}
    found: dict[str, InputError] = {}
    for err in errors:
        if err.validator == "required" and tuple(err.absolute_path) in misspelt:
            continue  # the unknown field's "did you mean" names the missing one
        if _inside_failed_enum(err, errors):
            continue  # a misspelt kind makes other rules fail: its own message says what to fix
        e = _translate(doc, err)
        found.setdefault(str(e), e)
    raise InputErrors(sorted(found.values(), key=lambda e: (e.line or 0, e.column or 0)))


def _inside_failed_enum(err: Any, errors: list[Any]) -> bool:
    """Whether ``err`` is a consequence of a misspelt ``kind`` in the same indicator."""
    if err.validator in ("enum", "additionalProperties"):
        return False
    at = tuple(err.absolute_path)
    return any(e.validator == "enum" and tuple(e.absolute_path)[-1:] == ("kind",)
               and at[: len(e.absolute_path) - 1] == tuple(e.absolute_path)[:-1] for e in errors)


def dotted(at: tuple[Any, ...]) -> str:
    """``indicators[3].targets[0].op``: a path into a document as a user reads it."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


# The schema's "dependencies": a field that may be given only with (or without) another's value.
_DEPENDENT = {
    "year": "give either year or deadline, not both",
    "reporting": "reporting applies only to flow indicators",
    "growth_basis": "growth_basis applies only to growth indicators",
    "level_unit": "level_unit applies only to growth from levels (growth_basis: levels)",
}


def _translate(doc: Document, err: Any) -> InputError:
    """A jsonschema ValidationError as an input error at the offending value or key."""
    at = tuple(err.absolute_path)
    schema_path = list(err.absolute_schema_path)
    if "dependencies" in schema_path:
        # Reported on the key that needs the other field, not on the value the rule tested; the
        # rule's path goes one level deeper for each "properties" it passes through.
        i = len(schema_path) - 1 - schema_path[::-1].index("dependencies")
        field = schema_path[i + 1]
        owner = at[: len(at) - schema_path[i + 2 :].count("properties")]
        return doc.error((*owner, field), f"{dotted(owner)}: {_DEPENDENT.get(field, err.message)}", key=True)
    where = dotted(at)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        key = extra[0] if extra else ""
        hint = difflib.get_close_matches(key, allowed, n=1)
        advice = f'did you mean "{hint[0]}"?' if hint else "allowed: " + ", ".join(allowed)
        return doc.error((*at, key), f'{dotted((*at, key))}: unknown field "{key}"; {advice}', key=True)
    if err.validator == "required":
        return doc.error(at, f"{where}: {err.message}")
    if err.validator == "enum":
        options = [str(o) for o in err.validator_value]
        words = all(o.replace("_", "").isalpha() for o in options)  # operators are not misspelt words
        hint = difflib.get_close_matches(str(err.instance), options, n=1, cutoff=0.6) if words else []
        advice = f'did you mean "{hint[0]}"?' if hint else "must be one of " + ", ".join(options)
        return doc.error(at, f"{where}: {err.instance!r} is not allowed; {advice}")
    if err.validator == "type":
        return doc.error(at, f"{where}: expected {err.validator_value}, got {_describe(err.instance)}")
    if err.validator == "pattern" and "\\d{4}" in str(err.validator_value):
        return doc.error(at, f"{where}: {err.instance!r} is not a date; write YYYY-MM-DD")
    if err.validator == "pattern":
        return doc.error(at, f"{where}: {err.instance!r} is not a valid id; use lower-case letters, digits "
                             "and hyphens")
    if err.validator == "not":
        return doc.error(at, f"{where}: {_not_message(err)}")
    return doc.error(at, f"{where}: {err.message}")


def _not_message(err: Any) -> str:
    text = json.dumps(err.validator_value, ensure_ascii=False)
    if '"op"' in text:
        return "a milestone target has a deadline, not op and value"
    return str(err.message)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
