"""Every problem at once: invalid plans do not hide invalid actuals, and what is not reported or
not checked is said."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import MINI_PLAN, ROOT, invoke


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


def test_github_annotates_each_invalid_input_at_its_line(broken: Path) -> None:
    r = invoke(["status", "--format", "github"], cwd=broken)
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert r.stdout.splitlines() == [
        '::error file=plans/b.yaml,line=8,col=11,title=invalid input::indicators[0].kind: \'milestones\' is not '
        'allowed; did you mean "milestone"?',
        '::error file=plans/mini.yaml,line=11,col=20,title=invalid input::indicators[0].targets[0].valeu: unknown '
        'field "valeu"; did you mean "value"?',
        '::error file=actuals/a.csv,line=3,col=3,title=invalid input::"2020-13-01" is not a valid date (month must '
        'be in 1..12)',
        "::error file=actuals/b.csv,line=2,col=4,title=invalid input::\"x\" is not a number"]
    assert "plancheck: plans/b.yaml:8:11:" in r.stderr  # and the log says it as always


def test_junit_gives_a_testcase_with_an_error_per_invalid_file(broken: Path) -> None:
    import xmlschema

    out = broken / "report.xml"
    r = invoke(["status", "--format", "junit", "-o", str(out)], cwd=broken)
    assert r.exit_code == ExitCode.INVALID_INPUT
    xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd")).validate(str(out))
    root = ElementTree.parse(out).getroot()
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["plans/b.yaml", "plans/mini.yaml", "actuals/a.csv", "actuals/b.csv"]
    assert all(c.find("error") is not None for c in cases) and root.get("errors") == "4"
    assert cases[0].find("error").get("message").startswith("plans/b.yaml:8:11: indicators[0].kind")
