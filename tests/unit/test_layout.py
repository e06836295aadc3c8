"""The package's shape: stages as packages with one direction between them, no cycles, small
modules, and a domain model and evaluation that do no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plancheck"
MODULES = sorted(PACKAGE.rglob("*.py"))

# What each stage may import from plancheck (besides itself and the shared leaves).
LEAVES = {"plancheck", "plancheck.errors", "plancheck.exitcodes"}
ALLOWED = {
    "model": {"model"},
    "evaluate": {"model", "evaluate"},
    "load": {"model", "load"},
    "render": {"model", "evaluate", "render"},
    "cli": {"model", "evaluate", "load", "render", "cli"},
}
NO_IO = {"click", "rich", "sys", "os", "io", "pathlib", "polars", "yaml", "json", "csv", "tabulate", "jsonschema",
         "subprocess", "shutil", "tempfile", "socket", "urllib", "logging", "mmap", "multiprocessing", "concurrent"}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


GRAPH = {_name(p): {m for m in _imports(p) if m.startswith("plancheck")} for p in MODULES}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, "split the module by what it owns"
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno is not None and node.end_lineno - node.lineno < 160, node.name


def test_each_stage_imports_only_the_stages_below_it() -> None:
    wrong = []
    for module, imported in GRAPH.items():
        stage = _stage(module)
        if stage is None:
            continue
        for target in imported:
            other = _stage(target)
            if target not in LEAVES and other is not None and other not in ALLOWED[stage]:
                wrong.append(f"{module} -> {target}")
    assert not wrong


def test_there_is_no_import_cycle() -> None:
    known = set(GRAPH)

    def resolve(target: str) -> str | None:
        while target and target not in known:
            target = target.rpartition(".")[0]
        return target or None

    edges = {m: {r for t in ts if (r := resolve(t)) and r != m} for m, ts in GRAPH.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(m: str, trail: list[str]) -> bool:
        state[m] = 1
        for n in sorted(edges[m]):
            if state.get(n) == 1:
                cycle.extend([*trail, m, n])
                return True
            if n not in state and visit(n, [*trail, m]):
                return True
        state[m] = 2
        return False

    for m in sorted(edges):
        if m not in state and visit(m, []):
            break
    # A package's __init__ importing its own modules is its face, not a cycle of the layering.
    assert not cycle, " -> ".join(cycle)


@pytest.mark.parametrize("path", [p for p in MODULES if _stage(_name(p)) in ("model", "evaluate")],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_model_and_evaluation_do_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {m.split(".")[0] for m in _imports(path)}
    assert not imported & NO_IO
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & {"open", "print", "input", "exec", "eval"}
