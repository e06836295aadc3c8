"""What a scalar in a plancheck YAML file means: the loader, which resolves plain scalars the way
their text looks (decimal numbers, true and false, null; everything else text), and the exact
value of a scalar of each tag."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from plancheck.load.numbers import magnitude_problem

STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

# libyaml's parser when PyYAML was built with it (about ten times faster on plan files), else PyYAML's own.
Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(Base):  # type: ignore[valid-type,misc]
    """A safe loader whose plain scalars are numbers only when written in decimal: dates stay text
    (the schema checks their form), and YAML 1.1's base-60 (1:30), octal and hexadecimal forms are
    text too, so that a name or a value means what it looks like."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        # Plans use no path resolvers, so a plain scalar's tag depends on its text alone, and plan
        # files repeat the same words: remember the answers (a bounded number of them).
        if kind is not yaml.ScalarNode or not implicit[0]:
            return str(super().resolve(kind, value, implicit))
        tag = _RESOLVED.get(value)
        if tag is None:
            if len(_RESOLVED) > 100_000:
                _RESOLVED.clear()
            tag = _RESOLVED[value] = super().resolve(kind, value, implicit)
        return tag


_RESOLVED: dict[str | None, str] = {}


_NUMBER_FORMS = {
    # YAML 1.1's decimal forms (what PyYAML writes unquoted as numbers), without base 60, 2, 8 and 16.
    _INT: re.compile(r"^[-+]?(?:0|[1-9][0-9_]*|0[0-7_]+)$"),
    _FLOAT: re.compile(r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    # YAML 1.2's words only: "yes", "no", "on" and "off" stay text (a name can be "no").
    _BOOL: re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
}
Loader.yaml_implicit_resolvers = {}
for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag in (_NULL, "tag:yaml.org,2002:merge"):
            Loader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))
for _tag, _regexp in _NUMBER_FORMS.items():
    Loader.add_implicit_resolver(_tag, _regexp, list("-+0123456789." if _tag != _BOOL else "tTfF"))


_NOT_FINITE = re.compile(r"^[-+]?\.?(?:inf|infinity|nan|snan)$", re.IGNORECASE)


def _number(text: str) -> Decimal:
    """The exact decimal a number scalar writes (2.59 stays 2.59); ValueError for anything else, a
    non-finite number (.inf, .nan, in any spelling) and one beyond what a plan states included."""
    if _NOT_FINITE.match(text):
        raise ValueError(f"{text} is not a usable number; write the figure the document states")
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text} is not a usable number; write the figure the document states")
    problem = magnitude_problem(value)
    if problem:
        raise ValueError(f"{text}: {problem}")
    return value


def scalar_value(node: yaml.ScalarNode) -> Any:
    """The value of a scalar node with a plain tag; raise ValueError (the message) for any other."""
    tag, text = node.tag, node.value
    if tag == STR:
        return text
    if tag in (_INT, _FLOAT):
        value = _number(text)
        return int(value) if tag == _INT and _NUMBER_FORMS[_INT].match(text) else value
    if tag == _BOOL:
        if text.lower() not in _BOOLEANS:
            raise ValueError(f"{text!r} is not true or false")
        return _BOOLEANS[text.lower()]
    if tag == _NULL:
        return None
    raise ValueError(f"the tag {tag} is not allowed; plans are plain YAML data")


_BOOLEANS = {"true": True, "false": False}


def key_text(node: yaml.Node) -> str | None:
    """The text a mapping key stands for (keys are words, or numbers taken as words), or None."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == STR:
        return str(node.value)
    try:
        key = scalar_value(node)
    except ValueError:
        return None
    return str(key) if isinstance(key, str | int) and not isinstance(key, bool) else None
