"""Reading YAML safely: no object tags, no duplicate keys, exact decimals, bounded alias expansion,
and the line and column of any value, found from the node tree when an error or a location needs it."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import yaml

from plancheck.errors import InputError, PlanError

# A small file must not expand into gigabytes through aliases ("billion laughs").
MAX_NODES = 200_000

Path = tuple[str | int, ...]


class Mark(NamedTuple):
    """A 1-based line and column in a source file."""

    line: int
    column: int


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass(slots=True)
class Document:
    """A parsed YAML document, with its node tree kept to find the position of any value (or mapping
    key) in the file: positions are needed only for messages and a few locations, so none is worked
    out until asked for."""

    data: Any
    path: str
    root: yaml.Node
    error_type: type[InputError] = PlanError

    def mark(self, at: Path, *, key: bool = False) -> Mark:
        """Return the position of the value (or key) at ``at``, or of its nearest ancestor (for a key:
        of the nearest enclosing key, else of the document)."""
        node, key_node = self._walk(at)
        if key and key_node is not None:
            return _mark(key_node)
        return _mark(self.root if key else node)

    def item_marks(self, at: Path) -> list[Mark]:
        """The positions of the items of the sequence at ``at`` (which must be there)."""
        node, _ = self._walk(at)
        return [_mark(item) for item in node.value]

    def _walk(self, at: Path) -> tuple[yaml.Node, yaml.Node | None]:
        """The node at ``at`` (or its nearest ancestor) and the key node of the last mapping entry
        on the way there."""
        node, key_node = self.root, None
        for part in at:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                continue
            if not isinstance(node, yaml.MappingNode) or not isinstance(part, str):
                break
            for k, v in node.value:
                if (k.value if k.__class__ is yaml.ScalarNode and k.tag == _STR else _key_text(k)) == part:
                    key_node, node = k, v
                    break
            else:
                break
        return node, key_node

    def error(self, at: Path, message: str, *, key: bool = False) -> InputError:
        """Return an error (of the document's error type) pointing at the value (or key) at ``at``."""
        return self.error_at(self.mark(at, key=key), message)

    def error_at(self, mark: Mark, message: str) -> InputError:
        return self.error_type(self.path, mark.line, mark.column, message)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


# libyaml's parser when PyYAML was built with it (about ten times faster on plan files), else PyYAML's own.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """A safe loader that leaves dates as strings (the schema checks their form)."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        # Plans use no path resolvers, so a tag depends on the kind of node and, for a plain scalar, on
        # its text alone; plan files repeat the same words over and over: remember the answers.
        if kind is not yaml.ScalarNode:
            return _SEQ if kind is yaml.SequenceNode else _MAP
        if not implicit[0]:
            return _STR  # quoted, or tagged "!"
        tag = _RESOLVED.get(value)
        if tag is None:
            if len(_RESOLVED) > 100_000:  # distinct names and numbers: keep the memo bounded
                _RESOLVED.clear()
            tag = _RESOLVED[value] = super().resolve(kind, value, implicit)
        return tag

    # Called for every node, for path resolvers, which plans do not use; builtins that take the same
    # arguments and do nothing cost less than PyYAML's methods that return at once.
    descend_resolver = operator.is_  # (parent, index) -> bool, discarded
    ascend_resolver = tuple  # () -> ()


_RESOLVED: dict[str | None, str] = {}


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(inf|nan)$", re.IGNORECASE)

# Scalars other than strings (numbers, booleans, nulls), by tag and text: plan files repeat them.
_constructor = yaml.constructor.SafeConstructor()
_CONSTRUCT: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    # Exact decimal from the text as written: 2.59 stays 2.59, never 2.5899999...
    "tag:yaml.org,2002:float": lambda node: Decimal(node.value.replace("_", "")),
}
_SCALARS: dict[tuple[str, str], Any] = {}


def _scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar node with a plain tag; raise ValueError (the message) for any other."""
    if node.tag == _STR:
        return node.value
    try:
        return _SCALARS[node.tag, node.value]
    except KeyError:
        pass
    construct = _CONSTRUCT.get(node.tag)
    if construct is None:
        raise ValueError(f"the tag {node.tag} is not allowed; plans are plain YAML data")
    if node.tag == "tag:yaml.org,2002:float" and _SPECIAL_FLOAT.match(node.value):
        raise ValueError(f"{node.value} is not a usable number")
    if len(_SCALARS) > 100_000:
        _SCALARS.clear()
    value = _SCALARS[node.tag, node.value] = construct(node)
    return value


def _key_text(node: yaml.Node) -> str | None:
    """The text a mapping key stands for (keys are words, or numbers taken as words), or None."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _MERGE:
        return None
    try:
        key = _scalar(node)
    except ValueError:
        return None
    return str(key) if isinstance(key, str | int) and not isinstance(key, bool) else None


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
    doc = Document(data=None, path=path, root=node, error_type=error)
    doc.data = _Builder(doc).build(node)
    return doc


def _unreadable(text: str, path: str, e: yaml.reader.ReaderError, error: type[InputError]) -> InputError:
    """An error at the character PyYAML's reader refuses (NUL and other control characters)."""
    line = text.count("\n", 0, e.position) + 1
    column = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
    char = chr(e.character) if isinstance(e.character, int) else e.character  # libyaml gives a code point
    return error(path, line, column, f"character {char!r} is not allowed in YAML")


class _Builder:
    """Turns a composed node tree into plain Python values. Strings, most of any plan, are taken
    as they are; every other value goes through checks of its tag."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def build(self, node: yaml.Node) -> Any:
        self._grow(1, node)
        return self._value(node)

    def _grow(self, n: int, node: yaml.Node) -> None:
        """Count ``n`` more values, children of ``node``: aliases must not expand a small file into
        gigabytes ("billion laughs")."""
        self.count += n
        if self.count > MAX_NODES:
            raise self._error(node, f"more than {MAX_NODES} values after expanding aliases; a plan file this "
                                    "large is refused (is an alias repeated many times?)")

    def _error(self, node: yaml.Node, message: str) -> InputError:
        return self.doc.error_at(_mark(node), message)

    def _value(self, node: yaml.Node) -> Any:
        if type(node) is yaml.ScalarNode:
            try:
                return _scalar(node)
            except ValueError as e:
                raise self._error(node, str(e)) from None
        if type(node) is yaml.MappingNode:
            return self._mapping(node)
        if node.tag != _SEQ:
            raise self._error(node, f"the tag {node.tag} is not allowed; plans are plain YAML data")
        items = node.value
        self._grow(len(items), node)
        return [item.value if item.__class__ is yaml.ScalarNode and item.tag == _STR else self._value(item)
                for item in items]

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        if node.tag != _MAP:
            raise self._error(node, f"the tag {node.tag} is not allowed; plans are plain YAML data")
        pairs = node.value
        self._grow(len(pairs), node)
        result: dict[str, Any] = {}
        for key_node, value_node in pairs:
            if key_node.__class__ is yaml.ScalarNode and key_node.tag == _STR:
                key = key_node.value
            else:
                key = self._key(node, key_node)
            if key in result:
                first = next(k for k, _ in pairs if _key_text(k) == key)
                raise self._error(key_node, f'duplicate key "{key}" (first at line {_mark(first).line}); '
                                            "YAML would silently keep only the last one: remove one of them")
            if value_node.__class__ is yaml.ScalarNode and value_node.tag == _STR:
                result[key] = value_node.value
            else:
                result[key] = self._value(value_node)
        return result

    def _key(self, mapping: yaml.MappingNode, node: yaml.Node) -> str:
        """The text of a key that is not a plain string: a number, taken as a word."""
        if node.tag == _MERGE:
            raise self._error(node, "merge keys (<<) are not supported; write the fields out")
        if node.__class__ is yaml.ScalarNode:
            try:
                key = _scalar(node)
            except ValueError as e:
                raise self._error(mapping, str(e)) from None  # reported at the mapping, as values are
        else:
            key = None
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise self._error(node, "mapping keys must be plain words")
        return str(key)
