"""``validate --sources``: quotes checked against the source documents (Chinese numerals, quotes that
name one statement), and ``--coverage``: every quantity of a source cited by its plan."""

from __future__ import annotations

from pathlib import Path

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import invoke

SEED = ("一、目标\n生物医药实现五十亿产业规模。招商项目,50亿以上项目不少于2个。\n"
        "二、任务\n新经济领域,50亿以上项目不少于2个。\n")

PLAN = """\
id: p
title: {zh: 规划}
period: {start: 2020-01-01, end: 2020-12-31}
source_file: seed.txt
indicators:
  - id: biomed-scale
    name: {zh: 生物医药产业规模}
    kind: flow
    unit: 亿元
    targets:
      - {op: ">=", value: VALUE, deadline: 2020-12-31, sources: [{section: 一, quote: 实现五十亿产业规模}]}
  - id: projects-5bn
    name: {zh: 50亿以上项目}
    kind: flow
    unit: 个
    targets:
      - {op: ">=", value: 2, deadline: 2020-12-31, sources: [SOURCES]}
"""
ONE = "{section: 一, quote: 50亿以上项目不少于2个}"


def write(tmp_path: Path, value: str = "50", sources: str = ONE, seed: str = SEED, notes: str = "") -> list[str]:
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "seed.txt").write_text(seed, encoding="utf-8")
    plan = PLAN.replace("VALUE", value).replace("SOURCES", sources)
    if notes:
        plan = plan.replace("source_file: seed.txt\n", f"source_file: seed.txt\nnotes: [{notes}]\n")
    (tmp_path / "p.yaml").write_text(plan, encoding="utf-8")
    return ["validate", "--plans", str(tmp_path / "p.yaml"), "--actuals", str(tmp_path), "--sources",
            str(tmp_path / "src")]


def test_a_quote_in_chinese_numerals_states_its_number(tmp_path: Path) -> None:
    r = invoke(write(tmp_path, sources="{section: 一, quote: '招商项目,50亿以上项目不少于2个'}"))
    assert r.exit_code == ExitCode.OK, r.stderr


def test_a_quote_in_chinese_numerals_that_states_another_number_is_refused(tmp_path: Path) -> None:
    r = invoke(write(tmp_path, value="60", sources="{section: 一, quote: '招商项目,50亿以上项目不少于2个'}"))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert "biomed-scale: no quote states the value 60" in r.stderr


def test_a_quote_that_occurs_twice_identifies_nothing(tmp_path: Path) -> None:
    r = invoke(write(tmp_path))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert "quote '50亿以上项目不少于2个' occurs 2 times in seed.txt (lines 2, 4) but is cited once here" in r.stderr


def test_a_quote_cited_once_per_place_it_occurs_is_a_restatement(tmp_path: Path) -> None:
    r = invoke(write(tmp_path, sources=f"{ONE}, {{section: 二, quote: 50亿以上项目不少于2个}}"))
    assert r.exit_code == ExitCode.OK, r.stderr


def test_a_quote_whose_other_place_lies_inside_a_longer_quote_of_its_target_is_a_restatement(tmp_path: Path) -> None:
    r = invoke(write(tmp_path, sources=f"{ONE}, {{section: 二, quote: '新经济领域,50亿以上项目不少于2个'}}"))
    assert r.exit_code == ExitCode.OK, r.stderr
