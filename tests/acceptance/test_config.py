"""plancheck.yaml: found by walking up, overridden by flags, checked by validate."""

from __future__ import annotations

import json
from pathlib import Path

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import invoke


def _configure(repo: Path, text: str) -> Path:
    (repo / "plancheck.yaml").write_text(text, encoding="utf-8")
    sub = repo / "deep" / "er"
    sub.mkdir(parents=True)
    return sub


def test_config_is_found_walking_up_and_its_paths_are_relative_to_it(repo: Path) -> None:
    (repo / "plans").rename(repo / "my-plans")
    sub = _configure(repo, "plans: my-plans\nactuals: actuals\nfail_on: missed\nformat: json\n")
    r = invoke(["status", "--as-of", "2020-06-01"], cwd=sub)
    assert r.exit_code == ExitCode.OK  # lagging, but the config fails only on missed
    assert json.loads(r.stdout)["summary"]["lagging"] == 1


def test_flags_override_the_config(repo: Path) -> None:
    sub = _configure(repo, "plans: plans\nactuals: actuals\nfail_on: never\nlang: en\n")
    r = invoke(["status", "--as-of", "2020-06-01", "--fail-on", "lagging", "--format", "plain", "--lang", "zh"],
               cwd=sub)
    assert r.exit_code == ExitCode.LAGGING
    assert "滞后" in r.stdout


def test_validate_checks_the_config_and_names_it(repo: Path) -> None:
    _configure(repo, "tolerance: 0.05\n")
    r = invoke(["validate"], cwd=repo)
    assert r.exit_code == ExitCode.OK and "configuration: " in r.stdout


def test_a_bad_config_is_an_input_error_with_its_place(repo: Path) -> None:
    _configure(repo, "plans: plans\nfail_on: mised\n")
    r = invoke(["status"], cwd=repo)
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert r.stderr.strip().endswith("""plancheck.yaml:2:10: fail_on: 'mised' is not allowed; did you mean "missed"?""")
    _configure_typo = repo / "plancheck.yaml"
    _configure_typo.write_text("tolerence: 0.1\n", encoding="utf-8")
    r = invoke(["validate"], cwd=repo)
    assert r.exit_code == ExitCode.INVALID_INPUT and 'did you mean "tolerance"?' in r.stderr


def test_explicit_config_option(repo: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "elsewhere.yaml"
    cfg.write_text(f"plans: {repo / 'plans'}\nactuals: {repo / 'actuals'}\n", encoding="utf-8")
    r = invoke(["--config", str(cfg), "status", "--as-of", "2020-06-01", "--format", "json"])
    assert r.exit_code == ExitCode.LAGGING
