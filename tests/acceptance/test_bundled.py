"""The bundled plans and actuals: every quote is in its source, every figure has a source."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import ROOT, invoke

SEEDS = ROOT / "sources"  # the five source documents, copied into the repository
BUNDLED = ["--plans", str(ROOT / "plans"), "--actuals", str(ROOT / "actuals")]


def test_every_quote_is_in_its_source_document() -> None:
    r = invoke(["validate", *BUNDLED, "--sources", str(SEEDS)])
    assert r.exit_code == ExitCode.OK, r.stderr
    assert "every quote found" in r.stdout


def test_the_quote_check_fails_on_a_changed_quote(tmp_path: Path) -> None:
    plan = (ROOT / "plans" / "hedong-2020-2022.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(plan.replace("全区有效发明专利达到1170件", "全区有效发明专利达到1171件"),
                                     encoding="utf-8")
    r = invoke(["validate", "--plans", str(tmp_path / "p.yaml"), "--actuals", str(tmp_path), "--sources", str(SEEDS)])
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert "quote not found in 002_f3fa978de43f917a.txt" in r.stderr


def test_every_quantity_in_the_source_documents_is_accounted_for() -> None:
    r = invoke(["validate", *BUNDLED, "--sources", str(SEEDS), "--coverage"])
    assert r.exit_code == ExitCode.OK, r.stdout + r.stderr
    assert "every quote found" in r.stdout and "every quantity accounted for" in r.stdout


def test_the_coverage_check_finds_a_number_whose_note_is_gone(tmp_path: Path) -> None:
    plan = (ROOT / "plans" / "baodi-2019.yaml").read_text(encoding="utf-8")
    plan = plan.replace("每月定期组织一次成员单位联席会议", "每月的联席会议")
    (tmp_path / "p.yaml").write_text(plan, encoding="utf-8")
    r = invoke(["validate", "--plans", str(tmp_path / "p.yaml"), "--actuals", str(tmp_path), "--sources", str(SEEDS),
                "--coverage"])
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert r.stdout.splitlines() == [
        f"{SEEDS / '004_974b9f2b4195c5d8.txt'}:77:92: “…、工作目标，每月定期组织一次成员单位联席会议，汇总上…” "
        "— 数量 一次 is cited by no target, baseline or note of plan baodi-2019"]


def test_one_plan_per_source_document_and_every_target_cited() -> None:
    data = json.loads(invoke(["targets", "--plans", str(ROOT / "plans"), "--format", "json"]).stdout)
    files = {t["source_file"] for t in data["targets"]}
    assert files == {f"00{i}_{h}.txt" for i, h in enumerate(
        ["f9835b90adcfdd74", "7780018cd3939ef8", "f3fa978de43f917a", "786626b6dbdfeddd", "974b9f2b4195c5d8"])}
    assert all(t["quote"] and t["section"] for t in data["targets"])
    assert len(data["targets"]) > 100


def test_every_bundled_figure_names_its_source() -> None:
    for path in sorted((ROOT / "actuals").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                assert row["source"].strip(), f"{path.name}: a row without a source"


def test_the_main_job_runs_on_the_bundled_data() -> None:
    r = invoke(["status", *BUNDLED, "--as-of", "2026-11-24", "--format", "json"])
    assert r.exit_code in (ExitCode.OK, ExitCode.LAGGING, ExitCode.MISSED), r.stderr
    by_id = {(x["plan"], x["indicator"]): x for x in json.loads(r.stdout)["results"]}
    baodi = by_id[("baodi-2019", "tech-smes-admitted")]  # new firms: the year-end register count is context
    assert baodi["status"] == "no_data" and [(c["value"], c["use"]) for c in baodi["context"]] == [(179, "context")]
    assert by_id[("binhai-hightech-2020", "tech-smes-evaluated")]["status"] == "no_data"  # only 2022-2023 figures


def test_show_marks_the_context_rows() -> None:
    r = invoke(["show", *BUNDLED, "baodi-2019", "tech-smes-admitted", "--as-of", "2026-11-24", "--lang", "en"])
    assert r.exit_code == ExitCode.OK, r.stderr
    assert "context only: 179 家 (2019-12-31)" in r.stdout  # beside the verdict
    assert "(context only)" in r.stdout  # in the list of observations
