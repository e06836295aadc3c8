"""Both languages everywhere: with --lang zh nothing a person reads is left in English."""

from __future__ import annotations

import re
from pathlib import Path

from tests.acceptance.conftest import invoke

ENGLISH_WORD = re.compile(r"\b(target|actual|pace|lagging|missed|stated in the plan|level|flow)\b")


def test_show_in_chinese_names_kinds_and_origins_in_chinese(repo: Path) -> None:
    r = invoke(["show", "mini", "hte-in-force", "--as-of", "2020-06-01", "--lang", "zh"], cwd=repo)
    lines = r.stdout.splitlines()
    assert lines[1] == "有效国家高新技术企业数量 — High-tech enterprises in force"
    assert lines[2].startswith("类型: 存量   单位: 家")
    assert "基数: 1,290 家 (2019-12-31, 规划所载)" in r.stdout
    english = invoke(["show", "mini", "hte-in-force", "--as-of", "2020-06-01", "--lang", "en"], cwd=repo).stdout
    assert english.splitlines()[1] == "High-tech enterprises in force — 有效国家高新技术企业数量"
    assert "(2019-12-31, stated in the plan)" in english


def test_github_annotations_in_chinese(repo: Path) -> None:
    r = invoke(["status", "--as-of", "2020-06-01", "--lang", "zh", "--format", "github"], cwd=repo)
    (line,) = r.stdout.splitlines()
    title, text = line.split("::")[1:3]
    assert title.endswith("title=mini/hte-in-force ⚠ 滞后")
    assert "：⚠ 滞后；目标 ≥ 1,540 家" in text and "；实际 1,350 家" in text
    assert not ENGLISH_WORD.search(text)
