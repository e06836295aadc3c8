"""Reading YAML safely: plain data only (no tags beyond YAML's own, no merge keys, no duplicate keys),
exact decimals, bounded size and depth, and the line and column of any value, found from the node
tree when a message or a location needs it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from plancheck.errors import InputError, PlanError
from plancheck.load.yaml_scalars import MAP, SEQ, STR, Base, Loader, key_text, scalar_value

MAX_NODES = 200_000
"""Values a file may hold once aliases are expanded: a small file must not become gigabytes."""
MAX_DEPTH = 64
"""Nesting a file may reach (plans need six levels): deeper documents are refused, not recursed into."""

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
    key) in the file: positions are needed only for messages and a few locations."""

    data: Any
    path: str
    root: yaml.Node
    error_type: type[InputError] = PlanError

    def mark(self, at: Path, *, key: bool = False) -> Mark:
        """The position of the value (or key) at ``at``, or of its nearest ancestor (for a key: of the
        nearest enclosing key, else of the document)."""
        node, key_node = self._walk(at)
        if key and key_node is not None:
            return _mark(key_node)
        return _mark(self.root if key else node)

    def item_marks(self, at: Path) -> list[Mark]:
        """The positions of the items of the sequence at ``at`` (which must be there)."""
        node, _ = self._walk(at)
        return [_mark(item) for item in node.value]

    def _walk(self, at: Path) -> tuple[yaml.Node, yaml.Node | None]:
        node, key_node = self.root, None
        for part in at:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                continue
            if not isinstance(node, yaml.MappingNode) or not isinstance(part, str):
                break
            for k, v in node.value:
                if key_text(k) == part:
                    key_node, node = k, v
                    break
            else:
                break
        return node, key_node

    def error(self, at: Path, message: str, *, key: bool = False) -> InputError:
        """An error (of the document's error type) pointing at the value (or key) at ``at``."""
        return self.error_at(self.mark(at, key=key), message)

    def error_at(self, mark: Mark, message: str) -> InputError:
        return self.error_type(self.path, mark.line, mark.column, message)


def load_yaml(text: str, path: str, error: type[InputError] = PlanError, *, empty: str = "") -> Document:
    """Parse ``text`` (the contents of ``path``) into a Document; raise ``error`` on any problem.

    ``empty`` is the message for a file with no document in it."""
    loader = None
    try:
        loader = Loader(text)
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
        if loader is not None:
            loader.dispose()
    if node is None:
        raise error(path, 1, 1, empty or "the file is empty")
    doc = Document(data=None, path=path, root=node, error_type=error)
    doc.data = _Builder(doc).build(node)
    return doc


def _unreadable(text: str, path: str, e: yaml.reader.ReaderError, error: type[InputError]) -> InputError:
    """An error at the character the reader refuses (NUL and other control characters). libyaml gives
    the position in bytes of the UTF-8 text, PyYAML's own reader in characters."""
    position = e.position
    if Base is not yaml.SafeLoader:
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    char = chr(e.character) if isinstance(e.character, int) else e.character
    return error(path, line, column, f"character {char!r} is not allowed in YAML")


class _Builder:
    """Turns a composed node tree into plain Python values, checking every tag, counting the values
    (aliases can repeat a subtree many times) and the depth, without recursion."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def build(self, root: yaml.Node) -> Any:
        # Each entry: a node to build, where to put its value (a list and an index, or a dict and a
        # key) and its depth; a container's children are pushed last first, so that the document
        # is built in its own order, as a recursive descent would.
        holder: list[Any] = [None]
        stack: list[tuple[yaml.Node, Any, Any, int]] = [(root, holder, 0, 1)]
        self._grow(1, root)
        while stack:
            node, into, slot, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise self._error(node, f"nested deeper than {MAX_DEPTH} levels; a plan file needs a few")
            if isinstance(node, yaml.ScalarNode):
                try:
                    into[slot] = scalar_value(node)
                except ValueError as e:
                    raise self._error(node, str(e)) from None
            elif isinstance(node, yaml.SequenceNode):
                self._tag(node, SEQ)
                self._grow(len(node.value), node)
                items: list[Any] = [None] * len(node.value)
                into[slot] = items
                stack.extend((item, items, i, depth + 1) for i, item in reversed(list(enumerate(node.value))))
            else:
                assert isinstance(node, yaml.MappingNode), "a composed node is a scalar, a sequence or a mapping"
                self._tag(node, MAP)
                self._grow(len(node.value), node)
                into[slot] = self._mapping(node, stack, depth)
        return holder[0]

    def _mapping(self, node: yaml.MappingNode, stack: list[tuple[yaml.Node, Any, Any, int]], depth: int) -> Any:
        result: dict[str, Any] = {}
        children = []
        for key_node, value_node in node.value:
            key = self._key(node, key_node)
            if key in result:
                first = next(k for k, _ in node.value if key_text(k) == key)
                raise self._error(key_node, f'duplicate key "{key}" (first at line {_mark(first).line}); '
                                            "YAML would silently keep only the last one: remove one of them")
            result[key] = None
            children.append((value_node, result, key, depth + 1))
        stack.extend(reversed(children))
        return result

    def _tag(self, node: yaml.Node, tag: str) -> None:
        if node.tag != tag:
            raise self._error(node, f"the tag {node.tag} is not allowed; plans are plain YAML data")

    def _grow(self, n: int, node: yaml.Node) -> None:
        self.count += n
        if self.count > MAX_NODES:
            raise self._error(node, f"more than {MAX_NODES} values after expanding aliases; a plan file this "
                                    "large is refused (is an alias repeated many times?)")

    def _error(self, node: yaml.Node, message: str) -> InputError:
        return self.doc.error_at(_mark(node), message)

    def _key(self, mapping: yaml.MappingNode, node: yaml.Node) -> str:
        """The text of a key: a word, or a number taken as a word."""
        if node.tag == "tag:yaml.org,2002:merge":
            raise self._error(node, "merge keys (<<) are not supported; write the fields out")
        if not isinstance(node, yaml.ScalarNode):
            raise self._error(node, "mapping keys must be plain words")
        if node.tag == STR:
            return str(node.value)
        try:
            key = scalar_value(node)
        except ValueError as e:
            raise self._error(node, str(e)) from None
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise self._error(node, "mapping keys must be plain words")
        return str(key)
