"""Plan files: every problem is reported at file:line:column."""

from pathlib import Path

import pytest

from plancheck.errors import PlanError
from plancheck.load.plans import load_plan

GOOD = """\
id: p
title: {zh: 规划}
period: {start: 2020-01-01, end: 2020-12-31}
source_file: f.txt
indicators:
  - id: new-hte
    name: {zh: 新增高企}
    kind: flow
    unit: 家
    targets:
      - {op: ">=", value: 250, deadline: 2020-12-31, sources: [{section: 一, quote: 新增250家}]}
"""


def load(tmp_path: Path, text: str) -> object:
    p = tmp_path / "p.yaml"
    p.write_text(text, encoding="utf-8")
    return load_plan(p)


def error(tmp_path: Path, text: str) -> PlanError:
    """The first problem loading ``text`` finds (every one is reported, in file order)."""
    from plancheck.load.files import InputErrors

    with pytest.raises(InputErrors) as e:
        load(tmp_path, text)
    first = e.value.errors[0]
    assert isinstance(first, PlanError)
    return first


def test_a_good_plan_loads(tmp_path: Path) -> None:
    plan = load(tmp_path, GOOD)
    (t,) = plan.targets  # type: ignore[attr-defined]
    assert (t.op, str(t.value), t.unit.text, str(t.deadline)) == (">=", "250", "家", "2020-12-31")


def test_decimal_values_are_exact(tmp_path: Path) -> None:
    plan = load(tmp_path, GOOD.replace("unit: 家", 'unit: "%"').replace("value: 250", "value: 2.59")
                .replace("kind: flow", "kind: share").replace("新增250家", "达到2.59%"))
    assert str(plan.targets[0].value) == "2.59"  # type: ignore[attr-defined]


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    e = error(tmp_path, GOOD.replace("title: {zh: 规划}", "title: {zh: 规划"))
    assert (e.line, e.column) is not None and e.line == 3
    assert "syntax" in e.message


def test_schema_violation_points_at_the_value(tmp_path: Path) -> None:
    e = error(tmp_path, GOOD.replace('op: ">="', 'op: "=>"'))
    assert (e.line, e.column) == (11, 14)  # the value "=>", after `op: `
    assert "must be one of >=, >, <=, <, =" in e.message


def test_unknown_field_suggests_the_close_one(tmp_path: Path) -> None:
    e = error(tmp_path, GOOD.replace("    targets:", "    traget: x\n    targets:"))
    assert (e.line, e.column) == (10, 5)
    assert 'unknown field "traget"' in e.message and 'did you mean "targets"' in e.message


def test_duplicate_key_is_refused(tmp_path: Path) -> None:
    e = error(tmp_path, GOOD.replace("    unit: 家\n", "    unit: 家\n    unit: 件\n"))
    assert (e.line, e.column) == (10, 5)
    assert 'duplicate key "unit"' in e.message


def test_python_tags_are_refused(tmp_path: Path) -> None:
    e = error(tmp_path, GOOD.replace("source_file: f.txt", "source_file: !!python/object/apply:os.system [ls]"))
    assert e.line == 4 and "not allowed" in e.message


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in error(tmp_path, "").message


def test_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "p.yaml"
    p.write_bytes(GOOD.replace("新增高企", "X").encode("utf-8") + "名".encode("gb18030"))
    from plancheck.load.files import InputErrors

    with pytest.raises(InputErrors) as e:
        load_plan(p)
    (problem,) = e.value.errors
    assert "not UTF-8" in problem.message and problem.line == 12


def test_year_and_deadline_together_are_refused_at_the_year(tmp_path: Path) -> None:
    e = error(tmp_path, GOOD.replace("deadline: 2020-12-31,", "deadline: 2020-12-31, year: 2020,"))
    assert (e.line, e.column) == (11, 54)
    assert e.message == "indicators[0].targets[0]: give either year or deadline, not both"


@pytest.mark.parametrize(("field", "value", "kind", "message"), [
    ("reporting", "increments", "level", "reporting applies only to flow indicators"),
    ("growth_basis", "levels", "flow", "growth_basis applies only to growth indicators"),
])
def test_a_field_of_another_kind_is_refused_at_its_key(tmp_path: Path, field: str, value: str, kind: str,
                                                         message: str) -> None:
    e = error(tmp_path, GOOD.replace("kind: flow", f"kind: {kind}\n    {field}: {value}"))
    assert (e.line, e.column) == (9, 5)
    assert e.message == f"indicators[0]: {message}"


@pytest.mark.parametrize(("field", "value", "kind"), [("reporting", "increments", "flow"),
                                                      ("growth_basis", "levels", "growth")])
def test_a_field_of_its_own_kind_is_accepted(tmp_path: Path, field: str, value: str, kind: str) -> None:
    text = GOOD.replace("kind: flow", f"kind: {kind}\n    {field}: {value}").replace("unit: 家", 'unit: "%"')
    (indicator,) = load(tmp_path, text).indicators  # type: ignore[attr-defined]
    assert indicator.kind.value == kind


def test_every_year_expands_per_calendar_year(tmp_path: Path) -> None:
    text = GOOD.replace("end: 2020-12-31", "end: 2022-12-31").replace("deadline: 2020-12-31", "every_year: true")
    plan = load(tmp_path, text)
    assert [str(t.deadline) for t in plan.targets] == ["2020-12-31", "2021-12-31", "2022-12-31"]  # type: ignore


def test_units_with_multipliers_are_kept_and_base_value_computed(tmp_path: Path) -> None:
    text = GOOD.replace("unit: 家", "unit: 亿美元").replace("value: 250", "value: 6.788")
    t = load(tmp_path, text).targets[0]  # type: ignore[attr-defined]
    assert t.base_value == 678800000


def test_target_unit_converted_to_the_indicator_unit(tmp_path: Path) -> None:
    text = GOOD.replace("value: 250,", "value: 1, unit: 万家,")
    assert load(tmp_path, text).targets[0].value == 10000  # type: ignore[attr-defined]


def test_numbers_keep_their_text_through_the_plan_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from decimal import Decimal

    from plancheck.load.plans import load_plans

    text = GOOD.replace("value: 250, deadline: 2020-12-31,", "value: 1, deadline: 2020-06-30,") + (
        '      - {op: ">=", value: 1.0, deadline: 2020-12-31, sources: [{section: 一, quote: 新增250家}]}\n')
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(tmp_path / "cache"))
    parsed = load_plans(tmp_path / "plans")
    cached = load_plans(tmp_path / "plans")
    assert cached == parsed and list((tmp_path / "cache").rglob("*.json"))
    a, b = cached[0].targets
    # Equal as numbers, but written differently: each keeps its own text (the JSON shows 1 and 1.0).
    assert (str(a.value), str(b.value)) == ("1", "1.0")
    assert b.value is not None and b.value.as_tuple() == Decimal("1.0").as_tuple()


def _many(folder: Path, n: int, bad: tuple[int, ...] = ()) -> Path:
    folder.mkdir()
    for k in range(n):
        text = GOOD.replace("id: p\n", f"id: p{k:03d}\n")
        if k in bad:
            text = text.replace("kind: flow", "kind: flwo")
        (folder / f"p{k:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("bad", [(), (3, 30)])
def test_plans_parsed_in_a_pool_are_the_plans_parsed_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          bad: tuple[int, ...]) -> None:
    from plancheck.load import runner
    from plancheck.load.files import InputErrors
    from plancheck.load.plans import load_plans

    folder = _many(tmp_path / "plans", 40, bad)

    def load() -> object:
        try:
            return load_plans(folder)
        except InputErrors as e:
            return [str(x) for x in e.errors]

    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(tmp_path / "one"))
    monkeypatch.setattr(runner, "PARALLEL_FROM", 10**6)
    here = load()
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(tmp_path / "two"))
    monkeypatch.setattr(runner, "PARALLEL_FROM", 2)
    monkeypatch.setattr(runner, "usable_cpus", lambda: 2)
    pooled: list[int] = []
    real = runner._in_pool
    monkeypatch.setattr(runner, "_in_pool", lambda *a: pooled.append(len(a[1])) or real(*a))
    assert load() == here
    assert pooled == [40]
    # Every good plan is in the cache now: a second run parses only the bad ones again.
    assert len([p for p in (tmp_path / "two").rglob("*.json")]) == 40 - len(bad)
    assert load() == here and pooled == ([40, 2] if bad else [40])
    if bad:
        assert [m.split(":")[0].rsplit("/", 1)[1] for m in here] == ["p003.yaml", "p030.yaml"]  # type: ignore[union-attr]
    else:
        assert [p.id for p in here] == [f"p{k:03d}" for k in range(40)]  # type: ignore[union-attr]


def test_every_dependency_in_the_schema_has_its_own_message() -> None:
    import json

    from plancheck.load.schema import _DEPENDENT, schema_text

    def fields(node: object) -> set[str]:
        if isinstance(node, dict):
            found = set(node.get("dependencies", {}))
            return found.union(*(fields(v) for v in node.values()))
        return set().union(*(fields(v) for v in node)) if isinstance(node, list) else set()

    assert fields(json.loads(schema_text())) == set(_DEPENDENT) == {"year", "reporting", "growth_basis", "level_unit"}
