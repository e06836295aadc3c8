"""The pre-commit hooks, run by the real pre-commit tool (``pre-commit try-repo``) in a scratch data
repository whose plancheck.yaml puts the actuals under data/: a valid change passes, an invalid plan
fails with its message, a historic miss that is accepted passes, a new miss fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.acceptance.conftest import MINI_PLAN, ROOT

ACTUALS = "plan,indicator,date,value,source\nmini,new-hte,2020-05-31,120,月报\nmini,hte-in-force,2020-12-31,1600,年报\n"
"""new-hte is missed (120 of 250 by 2020-12-31), hte-in-force met."""

Hooks = tuple[Path, str, dict[str, str]]
"""The hooks' repository, its commit, and the environment pre-commit runs in."""


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hooks]:
    """This working tree as a committed repository (so that pre-commit installs it once for every
    test), its commit, and an environment with a temporary PRE_COMMIT_HOME."""
    base = tmp_path_factory.mktemp("hooks")
    repo = base / "plancheck"
    files = _git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT).split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "hooks", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "pre-commit-home"), "LANG": "C.UTF-8",
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    env.pop("PLANCHECK_CACHE_DIR", None)
    yield repo, _git("rev-parse", "HEAD", cwd=repo).strip(), env


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data repository: plans/, data/actuals/ (named by plancheck.yaml), all staged."""
    repo = tmp_path / "data-repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "data" / "actuals").mkdir(parents=True)
    (repo / "plans" / "mini.yaml").write_text(MINI_PLAN, encoding="utf-8")
    (repo / "data" / "actuals" / "a.csv").write_text(ACTUALS, encoding="utf-8")
    (repo / "plancheck.yaml").write_text("actuals: data/actuals\nlang: en\n", encoding="utf-8")
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    return repo


def _try(hooks: Hooks, data: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    repo, rev, env = hooks
    _git("add", "-A", cwd=data)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), hook, "--ref", rev,
                           "--files", *files], cwd=data, env=env, capture_output=True, text=True, timeout=600)


def test_a_valid_change_to_actuals_where_the_config_puts_them_is_checked_and_passes(hooks: Hooks, data: Path) -> None:
    r = _try(hooks, data, "plancheck-validate", "data/actuals/a.csv")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "plancheck validate" in r.stdout and "Passed" in r.stdout and "Skipped" not in r.stdout


def test_an_invalid_plan_fails_with_its_message(hooks: Hooks, data: Path) -> None:
    plan = data / "plans" / "mini.yaml"
    plan.write_text(MINI_PLAN.replace("value: 250", "valeu: 250"), encoding="utf-8")
    r = _try(hooks, data, "plancheck-validate", "plans/mini.yaml")
    assert r.returncode == 1
    assert 'plans/mini.yaml:11:20: indicators[0].targets[0].valeu: unknown field "valeu"; did you mean "value"?' \
        in r.stdout


def test_a_change_to_the_config_or_the_accepted_file_runs_the_hooks(hooks: Hooks, data: Path) -> None:
    (data / "plancheck.yaml").write_text("actuals: data/actuals\nlang: en\ntolerance: 2\n", encoding="utf-8")
    r = _try(hooks, data, "plancheck-validate", "plancheck.yaml")
    assert r.returncode == 1 and "plancheck.yaml:3:12: tolerance:" in r.stdout


def test_a_historic_miss_accepted_passes_and_a_new_miss_fails(hooks: Hooks, data: Path) -> None:
    r = _try(hooks, data, "plancheck-status", "data/actuals/a.csv")
    assert r.returncode == 1 and "new-hte" in r.stdout and "✘ missed" in r.stdout
    accept = subprocess.run([sys.executable, "-m", "plancheck", "accept", "--reason", "2020 is closed"], cwd=data,
                            env=hooks[2], capture_output=True, text=True, timeout=60)
    assert accept.returncode == 0, accept.stderr
    r = _try(hooks, data, "plancheck-status", "plancheck-accepted.yaml")
    assert r.returncode == 0, r.stdout
    # A new miss: a 2021 target that nothing reaches (the plan's period extended to hold it).
    plan = MINI_PLAN.replace("""        sources: [{section: 一, quote: 有效国家高新技术企业数量达到1540家}]
""", """        sources: [{section: 一, quote: 有效国家高新技术企业数量达到1540家}]
      - op: ">="
        value: 1800
        deadline: 2021-12-31
        sources: [{section: 一, quote: 2021年达到1800家}]
""").replace("end: 2020-12-31", "end: 2021-12-31")
    (data / "plans" / "mini.yaml").write_text(plan, encoding="utf-8")
    r = _try(hooks, data, "plancheck-status", "plans/mini.yaml")
    assert r.returncode == 1
    assert "1 missed; 1 accepted → exit 2" in r.stdout and "≥ 1,800 家 · 2021-12-31" in r.stdout
