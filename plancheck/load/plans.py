"""Loading plan files: YAML -> schema check (errors at file:line:column) -> Plan objects, each
unchanged file taken from the plan cache instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plancheck.errors import InputError, PlanError
from plancheck.load.cache import PlanCache, digest, folder
from plancheck.load.files import InputErrors, find_files, read_bytes, utf8_text
from plancheck.load.runner import run_all
from plancheck.model import Plan

PLAN_SUFFIXES = frozenset({".yaml", ".yml"})

Parsed = tuple[str, Any]
"""What parsing one file gives: ("plan", its data) or ("errors", [(path, line, column, message)...])."""


def plan_files(where: Path) -> list[Path]:
    """The plan files at ``where``: the file itself, or every *.yaml / *.yml in the folder."""
    return find_files(where, PLAN_SUFFIXES, PlanError, "pass --plans DIR")


def load_plans(where: Path) -> list[Plan]:
    """Read and check every plan at ``where``; raise InputErrors listing every problem of every file."""
    plans, errors = read_plans(where)
    if errors:
        raise InputErrors(errors)
    return plans


def read_plans(where: Path) -> tuple[list[Plan], list[InputError]]:
    """Every valid plan at ``where``, and every problem of the others (in file and line order)."""
    cache = PlanCache(folder())
    errors: list[InputError] = []
    found: dict[Path, Plan] = {}
    missing: list[tuple[str, bytes, str]] = []
    digests: dict[Path, str] = {}
    files = plan_files(where)
    for path in files:
        try:
            data = read_bytes(path, PlanError)
        except PlanError as e:
            errors.append(e)
            continue
        digests[path] = digest(data)
        plan = cache.get(path, digests[path])
        if plan is None:
            missing.append((str(path), data, digests[path]))
        else:
            found[path] = plan
    for (name, _, _), (what, outcome) in zip(missing, run_all(parse_plan, missing), strict=True):
        if what == "errors":
            errors += [PlanError(*e) for e in outcome]
            continue
        from plancheck.load.plan_codec import plan_from_data

        found[Path(name)] = plan_from_data(outcome)
    plans = [found[p] for p in files if p in found]
    errors += _repeated_ids(plans)
    order = {p: i for i, p in enumerate(files)}
    return plans, sorted(errors, key=lambda e: (order.get(Path(e.path), -1), e.line or 0, e.column or 0))


def load_plan(path: Path) -> Plan:
    """Read and check one plan file, without the cache; raise InputErrors with its problems."""
    what, outcome = parse_plan((str(path), read_bytes(path, PlanError), ""))
    if what == "errors":
        raise InputErrors([PlanError(*e) for e in outcome])
    from plancheck.load.plan_codec import plan_from_data

    return plan_from_data(outcome)


def parse_plan(item: tuple[str, bytes, str]) -> Parsed:
    """Parse, check and build the plan file named ``name`` holding ``data``, and put it in the plan
    cache under its bytes' ``digest`` (if given), as plain data: a worker of a pool runs this, so it
    takes and gives nothing but text, bytes and JSON-ready values."""
    from plancheck.load.plan_build import build_plan
    from plancheck.load.plan_codec import plan_to_data
    from plancheck.load.schema import check_plan
    from plancheck.load.yaml import load_yaml

    name, data, sha256 = item
    try:
        doc = load_yaml(utf8_text(name, data, PlanError), name,
                        empty="the file is empty; a plan needs at least id, title and indicators")
        check_plan(doc)
        plan = plan_to_data(build_plan(doc))
        if sha256:
            PlanCache(folder()).put_data(Path(name), sha256, plan)
        return "plan", plan
    except InputErrors as e:
        return "errors", [(x.path, x.line, x.column, x.message) for x in e.errors]
    except InputError as e:
        return "errors", [(e.path, e.line, e.column, e.message)]


def _repeated_ids(plans: list[Plan]) -> list[InputError]:
    seen: dict[str, str] = {}
    errors: list[InputError] = []
    for plan in plans:
        if plan.id in seen:
            errors.append(PlanError(plan.path, 1, 1, f'plan id "{plan.id}" is also used by {seen[plan.id]}; '
                                                     "give each plan its own id"))
        else:
            seen[plan.id] = plan.path
    return errors
