"""Reading YAML safely: no object tags, no duplicate keys, exact decimals, bounded alias expansion,
and the line and column of every value so that later errors can point at it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from plancheck.errors import InputError, PlanError

# A small file must not expand into gigabytes through aliases ("billion laughs").
MAX_NODES = 200_000

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(slots=True)
class Document:
    """A parsed YAML document and the position of each value (and each mapping key) in the file."""

    data: Any
    path: str
    error_type: type[InputError] = PlanError
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def mark(self, at: Path, *, key: bool = False) -> Mark:
        """Return the position of the value (or key) at ``at``, or of its nearest ancestor."""
        table = self.keys if key else self.values
        while at not in table and at:
            at = at[:-1]
        return table.get(at, self.values.get((), Mark(1, 1)))

    def error(self, at: Path, message: str, *, key: bool = False) -> InputError:
        """Return an error (of the document's error type) pointing at the value (or key) at ``at``."""
        m = self.mark(at, key=key)
        return self.error_type(self.path, m.line, m.column, message)


# libyaml's parser when PyYAML was built with it (about ten times faster on plan files), else PyYAML's own.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """A safe loader that leaves dates as strings (the schema checks their form)."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        # The tag of a plain scalar depends only on these three (plans use no path resolvers), and
        # plan files repeat the same words over and over: remember the answers.
        key = (kind, value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            if len(_RESOLVED) > 100_000:  # distinct quotes and names: keep the memo bounded
                _RESOLVED.clear()
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
        return tag


_RESOLVED: dict[tuple[type, str | None, tuple[bool, bool]], str] = {}


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(inf|nan)$", re.IGNORECASE)


def load_yaml(text: str, path: str, error: type[InputError] = PlanError, *, empty: str = "") -> Document:
    """Parse ``text`` (the contents of ``path``) into a Document; raise ``error`` on any problem.

    ``empty`` is the message for a file with no document in it."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as e:
        raise _unreadable(text, path, e, error) from e
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as e:
        raise _unreadable(text, path, e, error) from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or str(e)
        if mark is None:
            raise error(path, None, None, f"YAML error: {problem}") from e
        raise error(path, mark.line + 1, mark.column + 1, f"YAML syntax error: {problem}") from e
    except yaml.YAMLError as e:
        raise error(path, None, None, f"YAML error: {e}") from e
    finally:
        loader.dispose()
    if node is None:
        raise error(path, 1, 1, empty or "the file is empty")
    doc = Document(data=None, path=path, error_type=error)
    builder = _Builder(doc, loader)
    doc.data = builder.build(node, ())
    return doc


def _unreadable(text: str, path: str, e: yaml.reader.ReaderError, error: type[InputError]) -> InputError:
    """An error at the character PyYAML's reader refuses (NUL and other control characters)."""
    line = text.count("\n", 0, e.position) + 1
    column = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
    char = chr(e.character) if isinstance(e.character, int) else e.character  # libyaml gives a code point
    return error(path, line, column, f"character {char!r} is not allowed in YAML")


class _Builder:
    """Turns a composed node tree into plain Python values, recording positions on the way."""

    def __init__(self, doc: Document, loader: _Loader) -> None:
        self.doc = doc
        self.loader = loader
        self.count = 0

    def build(self, node: yaml.Node, at: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.doc.error(at, f"more than {MAX_NODES} values after expanding aliases; "
                                     "a plan file this large is refused (is an alias repeated many times?)")
        self.doc.values[at] = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq", at)
            return [self.build(child, (*at, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, at)

    def _check_tag(self, node: yaml.Node, expected: str, at: Path) -> None:
        if node.tag != expected:
            raise self.doc.error(at, f"the tag {node.tag} is not allowed; plans are plain YAML data")

    def _mapping(self, node: yaml.MappingNode, at: Path) -> dict[str, Any]:
        self._check_tag(node, "tag:yaml.org,2002:map", at)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.doc.error_type(self.doc.path, key_mark.line, key_mark.column,
                                "merge keys (<<) are not supported; write the fields out")
            key = self._scalar(key_node, at) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise self.doc.error_type(self.doc.path, key_mark.line, key_mark.column,
                                "mapping keys must be plain words")
            key = str(key)
            if key in result:
                first = self.doc.keys[(*at, key)]
                raise self.doc.error_type(self.doc.path, key_mark.line, key_mark.column,
                                f'duplicate key "{key}" (first at line {first.line}); '
                                "YAML would silently keep only the last one: remove one of them")
            self.doc.keys[(*at, key)] = key_mark
            result[key] = self.build(value_node, (*at, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, at: Path) -> Any:
        if node.tag == "tag:yaml.org,2002:str":
            return node.value  # most scalars: no need for PyYAML's constructor machinery
        if node.tag not in _PLAIN_TAGS:
            raise self.doc.error(at, f"the tag {node.tag} is not allowed; plans are plain YAML data")
        if node.tag == "tag:yaml.org,2002:float":
            if _SPECIAL_FLOAT.match(node.value):
                raise self.doc.error(at, f"{node.value} is not a usable number")
            # Exact decimal from the text as written: 2.59 stays 2.59, never 2.5899999...
            return Decimal(node.value.replace("_", ""))
        return self.loader.construct_object(node, deep=True)
