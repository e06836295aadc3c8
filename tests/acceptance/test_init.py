"""plancheck init: a repository that passes validate at once, and never a file overwritten."""

from __future__ import annotations

from pathlib import Path

import yaml

from plancheck import __version__
from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import ROOT, invoke

WRITTEN = ["plans/example-2026.yaml", "sources/example-2026.txt", "plancheck.yaml", ".pre-commit-config.yaml",
           ".github/workflows/plancheck.yml", "actuals/example-2026.csv"]


def test_init_creates_a_repository_that_validates_with_its_sources(tmp_path: Path) -> None:
    r = invoke(["init", str(tmp_path / "data")])
    assert r.exit_code == ExitCode.OK, r.output
    repo = tmp_path / "data"
    assert sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file()) == sorted(WRITTEN)
    v = invoke(["validate", "--sources", "sources"], cwd=repo)
    assert v.exit_code == ExitCode.OK, v.output
    assert v.stdout.splitlines()[-1].startswith("ok: 1 plan, 4 targets, 0 observations, every quote found in sources")
    assert "14 rows not reported yet" in v.stdout
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (entry,) = config["repos"]
    assert entry["rev"] == f"v{__version__}" and {h["id"] for h in entry["hooks"]} <= hooks
    steps = yaml.safe_load((repo / ".github/workflows/plancheck.yml").read_text(encoding="utf-8"))["jobs"]["check"]
    assert any("plancheck validate" in s.get("run", "") for s in steps["steps"])
    plan = (repo / "plans/example-2026.yaml").read_text(encoding="utf-8")
    assert "kind: level" in plan and "kind: milestone" in plan and "soft: true" in plan and "baseline:" in plan


def test_a_filled_example_gives_verdicts(tmp_path: Path) -> None:
    repo = tmp_path / "data"
    assert invoke(["init", str(repo)]).exit_code == ExitCode.OK
    csv = repo / "actuals/example-2026.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    filled = [line.replace("hte-in-force,2026-06-30,,", "hte-in-force,2026-06-30,104,") for line in lines]
    csv.write_text("\n".join(filled) + "\n", encoding="utf-8")
    r = invoke(["status", "--as-of", "2026-07-01", "--lang", "en"], cwd=repo)
    # 4 of 20 more firms at half the year: lagging.
    assert r.exit_code == ExitCode.LAGGING and "High-tech enterprises in force" in r.stdout


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "plancheck.yaml").write_text("lang: en\n", encoding="utf-8")
    r = invoke(["init", str(tmp_path)])
    assert r.exit_code == ExitCode.USAGE
    assert f"{tmp_path / 'plancheck.yaml'} already exists; plancheck init writes only new files" in r.output
    assert (tmp_path / "plancheck.yaml").read_text(encoding="utf-8") == "lang: en\n"
    assert not (tmp_path / "plans").exists()
