"""The terminal table: problems first, the rest counted, a headline stating the exit code, a hint
when the data says nothing, and any width from 60 columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import MINI_PLAN, ROOT, invoke

LONG = MINI_PLAN.replace("name: {zh: 新增国家级高新技术企业, en: New national high-tech enterprises}",
                         "name: {zh: 新增国家级高新技术企业和科技型中小企业及雏鹰瞪羚企业, en: New national "
                         "high-tech enterprises and tech-based SMEs recognised this year}").replace(
    "id: new-hte\n", "id: new-national-high-tech-enterprises-recognised\n")


def _repo(tmp_path: Path) -> list[str]:
    (tmp_path / "plans").mkdir(exist_ok=True)
    (tmp_path / "actuals").mkdir(exist_ok=True)
    (tmp_path / "plans" / "mini.yaml").write_text(LONG, encoding="utf-8")
    (tmp_path / "actuals" / "a.csv").write_text(
        "plan,indicator,date,value,unit\nmini,new-national-high-tech-enterprises-recognised,2020-05-31,120,\n"
        "mini,hte-in-force,2020-05-31,1300,\nmini,hte-in-force,2021-03-31,16000,\n", encoding="utf-8")
    return ["--plans", str(tmp_path / "plans"), "--actuals", str(tmp_path / "actuals")]


def _table(args: list[str], width: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    r = invoke(["status", *args, "--lang", lang])
    assert r.exit_code in (ExitCode.OK, ExitCode.LAGGING, ExitCode.MISSED), r.stderr
    return r.stdout


def _first_column_words(text: str) -> list[str]:
    """The words that start at a line's first column, an id's hyphen-broken pieces joined."""
    words: list[str] = []
    for line in text.splitlines():
        if not line[:1].strip():
            continue
        word = line.split()[0]
        if words and words[-1].endswith("-"):
            words[-1] += word
        else:
            words.append(word)
    return words


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize("as_of", ["2020-06-01", "2021-06-30"])
def test_any_width_from_60_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, width: int,
                                   as_of: str) -> None:
    out = _table([*_repo(tmp_path), "--as-of", as_of, "--all"], width, lang, monkeypatch)
    assert max(map(cell_len, out.splitlines())) <= width
    words = _first_column_words(out)
    assert {"new-national-high-tech-enterprises-recognised", "hte-in-force"} <= set(words)
    statuses = {"zh": ["滞后", "未完成", "已完成", "进度正常"], "en": ["lagging", "missed", "met", "on track"]}[lang]
    assert any(f" {s}" in out for s in statuses)
    assert not any(line.rstrip().endswith(("…", "⚠", "✘", "✔", "↗")) for line in out.splitlines())  # never cut


@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bundled_data_at_every_width(monkeypatch: pytest.MonkeyPatch, width: int, lang: str) -> None:
    args = ["--plans", str(ROOT / "plans"), "--actuals", str(ROOT / "actuals"), "--as-of", "2026-11-25"]
    out = _table(args, width, lang, monkeypatch)
    assert max(map(cell_len, out.splitlines())) <= width
    if width >= 120:
        assert len(out.splitlines()) <= 50  # one screen, where every row made it over a thousand lines
    everything = _table([*args, "--all"], width, lang, monkeypatch)
    assert max(map(cell_len, everything.splitlines())) <= width
    assert len(everything.splitlines()) > 300


def test_problems_first_then_the_rest_folded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = LONG + ("  - id: extra\n    name: {zh: 其他}\n    kind: level\n    unit: 家\n    targets:\n"
                   "      - {op: '>=', value: 5, deadline: 2020-12-31, sources: [{section: 一, quote: 其他}]}\n")
    args = _repo(tmp_path)
    (tmp_path / "plans" / "mini.yaml").write_text(plan, encoding="utf-8")
    out = _table([*args, "--as-of", "2021-01-01"], 120, "en", monkeypatch)
    lines = out.splitlines()
    assert lines[0] == "2 missed, 1 due without data → exit 2"
    assert lines[-1].startswith("Summary (as of 2021-01-01): no data 1 · missed 2 (total 3)")
    assert out.index("✘ missed") < out.index("… no data: 1 (extra)")
    quiet = _table([*args, "--as-of", "2021-01-01", "--quiet"], 120, "en", monkeypatch)
    assert "no data: 1" not in quiet and "✘ missed" in quiet and "Summary" in quiet


def test_a_hint_when_most_due_targets_have_no_data(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["--plans", str(ROOT / "plans"), "--actuals", str(ROOT / "actuals"), "--as-of", "2026-11-25"]
    results = json.loads(invoke(["status", *args, "--format", "json"]).stdout)
    due = sum(r["deadline"] <= "2026-11-25" for r in results["results"])
    no_data = results["summary"]["no_data"]
    assert no_data > due / 2  # the bundled figures are sparse: most due targets have none
    out = _table(args, 200, "en", monkeypatch)
    assert f"Hint: {no_data} of the {due} targets that are due have no data" in out and "plancheck template" in out
    zh = _table(args, 200, "zh", monkeypatch)
    assert f"提示：已到期的 {due} 个目标中有 {no_data} 个无数据" in zh
    assert "提示" not in _table([*args, "--as-of", "2019-01-01"], 200, "zh", monkeypatch)


def test_plain_folds_too_and_the_projection_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = [*_repo(tmp_path), "--as-of", "2020-06-01"]
    plain = invoke(["status", *args, "--format", "plain", "--lang", "en"]).stdout
    assert plain.startswith("1 lagging → exit 1\n")
    out = _table([*args, "--columns", "projection"], 200, "en", monkeypatch)
    assert "Projected" in out or "projected" in out.lower()
