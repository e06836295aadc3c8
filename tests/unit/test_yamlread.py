"""Reading YAML: values as plain data, and the position of any value or key, found when asked for."""

from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.errors import PlanError
from plancheck.load.yaml import Mark, load_yaml

TEXT = """\
id: p
period: {start: 2020-01-01, end: 2020-12-31}
2020: year as a key
indicators:
  - id: a
    targets:
      - {value: 1.50, soft: true}
      - value: 7
        note: ~
  - &b {id: b, targets: []}
  - *b
"""


def test_values_are_plain_data_with_exact_numbers() -> None:
    data = load_yaml(TEXT, "p.yaml").data
    assert data["period"] == {"start": "2020-01-01", "end": "2020-12-31"}  # dates stay text
    assert data["2020"] == "year as a key"
    first, second = data["indicators"][0]["targets"]
    assert str(first["value"]) == "1.50" and isinstance(first["value"], Decimal)
    assert first["soft"] is True and second["value"] == 7 and second["note"] is None
    assert data["indicators"][1] == data["indicators"][2] == {"id": "b", "targets": []}


@pytest.mark.parametrize(("at", "key", "expected"), [
    ((), False, (1, 1)),
    (("id",), False, (1, 5)),
    (("id",), True, (1, 1)),
    (("period", "end"), False, (2, 34)),
    (("period", "end"), True, (2, 29)),
    (("2020",), True, (3, 1)),
    (("indicators", 0, "targets", 0, "value"), False, (7, 17)),
    (("indicators", 0, "targets", 1, "note"), True, (9, 9)),
    (("indicators", 2, "id"), False, (10, 13)),  # an alias: where its anchor's node is
    # Not in the file: the nearest ancestor, and for a key the nearest key on the way.
    (("indicators", 0, "targets", 5), False, (7, 7)),
    (("indicators", 0, "nosuch"), False, (5, 5)),
    (("indicators", 0, "nosuch"), True, (4, 1)),
    (("nosuch", "deeper"), True, (1, 1)),
    ((0,), False, (1, 1)),
])
def test_marks_are_found_on_demand(at: tuple[str | int, ...], key: bool, expected: tuple[int, int]) -> None:
    assert load_yaml(TEXT, "p.yaml").mark(at, key=key) == Mark(*expected)


def test_item_marks_are_the_positions_of_a_sequences_items() -> None:
    doc = load_yaml(TEXT, "p.yaml")
    assert doc.item_marks(("indicators",)) == [Mark(5, 5), Mark(10, 5), Mark(10, 5)]
    assert doc.item_marks(("indicators", 0, "targets")) == [Mark(7, 9), Mark(8, 9)]


def test_a_duplicate_key_is_reported_where_it_repeats_naming_the_first() -> None:
    with pytest.raises(PlanError) as e:
        load_yaml("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", "p.yaml")
    assert (e.value.line, e.value.column) == (5, 3)
    assert 'duplicate key "c" (first at line 3)' in e.value.message


def test_a_number_key_and_the_same_word_are_one_key() -> None:
    with pytest.raises(PlanError) as e:
        load_yaml("2020: a\n'2020': b\n", "p.yaml")
    assert (e.value.line, e.value.column) == (2, 1)
    assert "first at line 1" in e.value.message


@pytest.mark.parametrize(("text", "where", "words"), [
    ("a: !!python/name:os.system x\n", (1, 4), "is not allowed"),
    ("a: [1, .inf]\n", (1, 8), "is not a usable number"),
    ("a: {<<: {b: 1}}\n", (1, 5), "merge keys"),
    ("a: {[1]: 2}\n", (1, 5), "plain words"),
    ("a: {true: 2}\n", (1, 5), "plain words"),
    ("a: !!set {b}\n", (1, 4), "is not allowed"),
])
def test_values_that_are_not_plain_data_are_refused_where_they_stand(
        text: str, where: tuple[int, int], words: str) -> None:
    with pytest.raises(PlanError) as e:
        load_yaml(text, "p.yaml")
    assert (e.value.line, e.value.column) == where
    assert words in e.value.message


# Characters YAML gives meaning to (quotes, indicators, spaces, digits that make numbers), and any others.
_words = st.one_of(st.text(alphabet=" \t\n:-#'\"!&*[]{},.>|%@`?~01e规划", max_size=8),
                   st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8))
_plain = st.one_of(_words, st.integers(-10**12, 10**12), st.booleans(), st.none(),
                   st.decimals(min_value=-10**9, max_value=10**9, places=3))  # exact as floats
_data = st.recursive(_plain, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(_words, inner, max_size=4)), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(data=_data, flow=st.booleans())
def test_what_pyyaml_writes_reads_back_as_it_was(data: Any, flow: bool) -> None:
    """Any plain data, written by PyYAML in block or flow style, reads back equal, numbers exact."""
    text = yaml.safe_dump(_floats(data), allow_unicode=True, default_flow_style=flow)
    assert load_yaml(text, "p.yaml").data == data


def _floats(value: Any) -> Any:
    """``value`` with each Decimal as the float PyYAML writes (its repr reads back as the same Decimal)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: _floats(v) for k, v in value.items()}
    return value
