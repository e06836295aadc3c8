"""Every folder under tests/data/cases: a plan, actuals, and the expected verdicts at several dates,
read by each reader; both readers give identical output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.acceptance.conftest import invoke
from tests.optional import needs_engine

CASES = sorted(p for p in (Path(__file__).parents[1] / "data" / "cases").iterdir() if p.is_dir())
READERS = ["python", pytest.param("polars", marks=needs_engine)]


def _runs() -> list[Any]:
    out = []
    for case in CASES:
        for i, run in enumerate(yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))):
            out.append(pytest.param(case, run, id=f"{case.name}-{i}"))
    return out


def _status(case: Path, run: dict[str, Any], engine: str, fmt: str = "json") -> Any:
    return invoke(["status", "--plans", str(case / "plan.yaml"), "--actuals", str(case / "actuals.csv"),
                   "--as-of", str(run["as_of"]), "--format", fmt, "--engine", engine, *run.get("args", [])])


@pytest.mark.parametrize("engine", READERS)
@pytest.mark.parametrize(("case", "run"), _runs())
def test_case(case: Path, run: dict[str, Any], engine: str) -> None:
    r = _status(case, run, engine)
    assert r.exit_code == run["exit"], r.stderr
    got = {x["indicator"]: x["status"] for x in json.loads(r.stdout)["results"]}
    assert got == run["status"]


@needs_engine
@pytest.mark.parametrize("fmt", ["json", "plain", "csv"])
@pytest.mark.parametrize(("case", "run"), _runs())
def test_both_readers_give_identical_output(case: Path, run: dict[str, Any], fmt: str) -> None:
    python, engine = _status(case, run, "python", fmt), _status(case, run, "polars", fmt)
    assert (engine.exit_code, engine.stdout, engine.stderr) == (python.exit_code, python.stdout, python.stderr)
