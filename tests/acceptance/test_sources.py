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


COVERED = f"{ONE}, {{section: 二, quote: 50亿以上项目不少于2个}}"


def test_coverage_lists_each_quantity_no_quote_or_note_cites(tmp_path: Path) -> None:
    seed = SEED + "三、保障\n每月召开1次推进会,匹配5所高校。\n"
    r = invoke([*write(tmp_path, sources=COVERED, seed=seed), "--coverage"])
    assert r.exit_code == ExitCode.INVALID_INPUT
    src = tmp_path / "src" / "seed.txt"
    assert r.stdout.splitlines() == [
        f"{src}:6:5: “每月召开1次推进会,匹配5所高校。” — 数量 1次 is cited by no target, baseline or note of plan p",
        f"{src}:6:13: “每月召开1次推进会,匹配5所高校。” — 数量 5所 is cited by no target, baseline or note of plan p",
    ]
    assert "2 quantities in the source documents cited by no target, baseline, input or note" in r.stderr


def test_a_note_accounts_for_a_quantity_it_names_with_the_words_before_it(tmp_path: Path) -> None:
    seed = SEED + "三、保障\n每月召开1次推进会,匹配5所高校。\n"
    notes = "'Means, not results: 每月召开1次推进会 and 匹配5所高校.'"
    r = invoke([*write(tmp_path, sources=COVERED, seed=seed, notes=notes), "--coverage"])
    assert r.exit_code == ExitCode.OK, r.stdout
    assert r.stdout.startswith("ok: 1 plan, 2 targets") and "every quantity accounted for" in r.stdout


def test_a_note_naming_the_number_elsewhere_accounts_for_nothing(tmp_path: Path) -> None:
    seed = SEED + "三、保障\n每月召开1次推进会,匹配5所高校。\n"
    notes = "'Means, not results: 1次 and 5所 (in 召开11次 and 选择5所).'"
    r = invoke([*write(tmp_path, sources=COVERED, seed=seed, notes=notes), "--coverage"])
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert [line.split(" — ")[1] for line in r.stdout.splitlines()] == [
        "数量 1次 is cited by no target, baseline or note of plan p",
        "数量 5所 is cited by no target, baseline or note of plan p"]


def test_a_quote_accounts_only_for_the_place_it_cites(tmp_path: Path) -> None:
    r = invoke([*write(tmp_path, sources="{section: 一, quote: '招商项目,50亿以上项目不少于2个'}"), "--coverage"])
    assert r.exit_code == ExitCode.INVALID_INPUT
    # The same words in task 二 are another statement, which the goals' quote does not cite.
    assert [line.split(": “")[0].rsplit(":", 2)[1:] for line in r.stdout.splitlines()] == [["4", "7"], ["4", "17"]]


def test_coverage_needs_the_sources(tmp_path: Path) -> None:
    args = write(tmp_path)[:-2]
    r = invoke([*args, "--coverage"])
    assert r.exit_code == ExitCode.USAGE
    assert "--coverage needs --sources DIR" in r.stderr
