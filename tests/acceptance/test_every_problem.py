"""Every problem at once: invalid plans do not hide invalid actuals, and what is not reported or
not checked is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import MINI_PLAN, invoke


@pytest.fixture
def broken(repo: Path) -> Path:
    """Two invalid plans (a misspelt key, a misspelt kind), one valid; two actuals files with bad rows."""
    plans = repo / "plans"
    (plans / "mini.yaml").write_text(MINI_PLAN.replace("value: 250", "valeu: 250"), encoding="utf-8")
    (plans / "b.yaml").write_text(MINI_PLAN.replace("id: mini", "id: minib").replace("kind: flow", "kind: milestones"),
                                  encoding="utf-8")
    (plans / "c.yaml").write_text(MINI_PLAN.replace("id: mini", "id: minic"), encoding="utf-8")
    (repo / "actuals" / "a.csv").write_text(
        "plan,indicator,date,value,source\nmini,new-hte,2020-05-31,12x0,月报\nminic,new-hte,2020-13-01,5,x\n",
        encoding="utf-8")
    (repo / "actuals" / "b.csv").write_text("plan,indicator,date,value,source\nminic,new-hte,2020-05-31,x,月报\n",
                                            encoding="utf-8")
    return repo


@pytest.mark.parametrize("engine", ["python", "polars"])
@pytest.mark.parametrize("command", ["validate", "status"])
def test_plans_and_actuals_are_reported_together(broken: Path, engine: str, command: str) -> None:
    r = invoke([command, "--engine", engine], cwd=broken)
    assert r.exit_code == ExitCode.INVALID_INPUT
    lines = [line.removeprefix("plancheck: ") for line in r.output.splitlines()]
    places = [line.split(": ")[0] for line in lines]
    assert places == ["plans/b.yaml:8:11", "plans/mini.yaml:11:20", "actuals/a.csv:3:3", "actuals/b.csv:2:4",
                      "note"]
    assert 'did you mean "milestone"?' in lines[0] and 'did you mean "value"?' in lines[1]
    # The row of the unreadable plan "mini" is neither reported as unknown nor passed over in silence.
    assert lines[-1] == ("note: 1 actuals row of plans that could not be read was not checked; they are once the "
                         "plans are valid")


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_more_than_fifty_problems_say_that_more_remain(repo: Path, engine: str) -> None:
    rows = "".join(f"mini,new-hte,2020-{1 + k % 12:02d}-{1 + k // 12:02d},bad{k},x\n" for k in range(70))
    (repo / "actuals" / "a.csv").write_text("plan,indicator,date,value,source\n" + rows, encoding="utf-8")
    r = invoke(["validate", "--engine", engine], cwd=repo)
    assert r.exit_code == ExitCode.INVALID_INPUT
    lines = r.output.splitlines()
    assert len(lines) == 51 and all(line.startswith("plancheck: actuals/a.csv:") for line in lines[:50])
    assert lines[50] == "plancheck: stopped after the first 50 problems; fix these and run again for the rest"
