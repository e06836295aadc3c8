"""Every folder under tests/data/cases: a plan, actuals, and the expected verdicts at several dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.acceptance.conftest import invoke

CASES = sorted(p for p in (Path(__file__).parents[1] / "data" / "cases").iterdir() if p.is_dir())


def _runs() -> list[Any]:
    out = []
    for case in CASES:
        for i, run in enumerate(yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))):
            out.append(pytest.param(case, run, id=f"{case.name}-{i}"))
    return out


@pytest.mark.parametrize(("case", "run"), _runs())
def test_case(case: Path, run: dict[str, Any]) -> None:
    r = invoke(["status", "--plans", str(case / "plan.yaml"), "--actuals", str(case / "actuals.csv"),
                "--as-of", str(run["as_of"]), "--format", "json", *run.get("args", [])])
    assert r.exit_code == run["exit"], r.stderr
    got = {x["indicator"]: x["status"] for x in json.loads(r.stdout)["results"]}
    assert got == run["status"]
