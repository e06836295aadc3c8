from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plancheck.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]

MINI_PLAN = """\
id: mini
title: {zh: 小规划, en: Mini plan}
period: {start: 2020-01-01, end: 2020-12-31}
source_file: seed.txt
indicators:
  - id: new-hte
    name: {zh: 新增国家级高新技术企业, en: New national high-tech enterprises}
    kind: flow
    unit: 家
    targets:
      - {op: ">=", value: 250, deadline: 2020-12-31, sources: [{section: 一, quote: 新增国家级高新技术企业250家}]}
  - id: hte-in-force
    name: {zh: 有效国家高新技术企业数量, en: High-tech enterprises in force}
    kind: level
    unit: 家
    baseline: {date: 2019-12-31, value: 1290, sources: [{section: 一, quote: 基数1290家}]}
    targets:
      - op: ">="
        value: 1540
        deadline: 2020-12-31
        sources: [{section: 一, quote: 有效国家高新技术企业数量达到1540家}]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A small data repository: plans/mini.yaml and actuals/a.csv."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "actuals").mkdir()
    (tmp_path / "plans" / "mini.yaml").write_text(MINI_PLAN, encoding="utf-8")
    (tmp_path / "actuals" / "a.csv").write_text(
        "plan,indicator,date,value,source\n"
        "mini,new-hte,2020-05-31,120,月报\n"
        "mini,hte-in-force,2020-05-31,1350,月报\n", encoding="utf-8")
    return tmp_path


def invoke(args: list[str], cwd: Path | None = None) -> Result:
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, args, catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def problems(stderr: str) -> list[str]:
    """The problem lines of standard error, without the notes about what was left unchecked."""
    return [line for line in stderr.splitlines() if not line.startswith("plancheck: note: ")]
