"""CI formats and languages, driven through the CLI."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import ROOT, invoke


def _args(repo: Path, *more: str) -> list[str]:
    return ["status", "--plans", str(repo / "plans"), "--actuals", str(repo / "actuals"), "--as-of", "2020-06-01",
            *more]


def test_github_annotations_point_at_the_target_line(repo: Path) -> None:
    r = invoke(_args(repo, "--format", "github", "--lang", "en"))
    assert r.exit_code == ExitCode.LAGGING
    (line,) = r.stdout.splitlines()
    plan_lines = (repo / "plans" / "mini.yaml").read_text(encoding="utf-8").splitlines()
    assert line.startswith(f"::warning file={repo / 'plans' / 'mini.yaml'},line=")
    n = int(line.split("line=")[1].split(",")[0])
    assert plan_lines[n - 1].strip().startswith("- op:")  # the hte-in-force target
    assert "High-tech enterprises in force" in line and "lagging" in line


def test_github_missed_is_an_error(repo: Path) -> None:
    r = invoke(["status", "--plans", str(repo / "plans"), "--actuals", str(repo / "actuals"), "--as-of",
                "2021-01-01", "--format", "github"])
    assert r.exit_code == ExitCode.MISSED
    assert all(x.startswith("::error ") for x in r.stdout.splitlines()) and r.stdout.count("::error") == 2


def test_junit_has_a_testcase_per_target_and_failures_per_policy(repo: Path) -> None:
    r = invoke(_args(repo, "--format", "junit"))
    root = ET.fromstring(r.stdout)
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 2 and suite.get("tests") == "2" and suite.get("failures") == "1"
    assert [c.find("failure") is not None for c in cases] == [False, True]
    r = invoke(_args(repo, "--format", "junit", "--fail-on", "missed"))
    assert ET.fromstring(r.stdout).get("failures") == "0"


def test_junit_is_valid_against_the_jenkins_junit_schema(repo: Path) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))
    for as_of in ("2020-06-01", "2021-01-01", "2019-01-01"):
        r = invoke(["status", "--plans", str(repo / "plans"), "--actuals", str(repo / "actuals"), "--as-of", as_of,
                    "--format", "junit"])
        schema.validate(r.stdout)
    bundled = invoke(["status", "--plans", str(ROOT / "plans"), "--actuals", str(ROOT / "actuals"),
                      "--format", "junit"])
    schema.validate(bundled.stdout)


def test_lang_switches_labels_and_names(repo: Path) -> None:
    en = invoke(_args(repo, "--format", "plain", "--lang", "en")).stdout
    zh = invoke(_args(repo, "--format", "plain", "--lang", "zh")).stdout
    assert "High-tech enterprises in force" in en and "lagging" in en and "Summary" in en
    assert "有效国家高新技术企业数量" in zh and "滞后" in zh and "汇总" in zh


def test_lang_defaults_from_the_locale(repo: Path, monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    try:
        for var in ("LC_ALL", "LC_MESSAGES"):
            mp.delenv(var, raising=False)
        mp.setenv("LANG", "zh_CN.UTF-8")
        assert "滞后" in invoke(_args(repo, "--format", "plain")).stdout
        mp.setenv("LANG", "en_US.UTF-8")
        assert "lagging" in invoke(_args(repo, "--format", "plain")).stdout
    finally:
        mp.undo()


@pytest.mark.parametrize("fmt", ["plain", "table"])
def test_chinese_text_is_aligned_in_terminal_tables(fmt: str) -> None:
    from wcwidth import wcswidth

    r = invoke(["status", "--plans", str(ROOT / "plans"), "--actuals", str(ROOT / "actuals"), "--plan",
                "hedong-2020-2022", "--as-of", "2021-06-30", "--format", fmt, "--lang", "zh", "--all"])
    marks = re.compile(r" [≥>] [0-9]")  # where the target column starts: its comparison sign
    rows = [line.rstrip() for line in r.stdout.splitlines() if marks.search(line)]  # one line per target
    assert len(rows) == 28
    # Every row's target column starts at the same display column (wide characters count as two).
    starts = {wcswidth(line[: m.start()]) for line in rows if (m := marks.search(line))}
    assert len(starts) == 1, starts
