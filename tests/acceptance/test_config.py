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


def test_config_named_on_the_command_as_well_as_on_the_group(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "conf" / "ci.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(f"plans: {repo / 'plans'}\nactuals: {repo / 'actuals'}\nfail_on: never\nformat: json\n",
                         encoding="utf-8")
    for args in (["status", "--config", str(elsewhere)], ["--config", str(elsewhere), "status"]):
        r = invoke([*args, "--as-of", "2020-06-01"], cwd=tmp_path)
        assert r.exit_code == ExitCode.OK, r.output  # lagging, but the file says never fail
        assert json.loads(r.stdout)["summary"]["lagging"] == 1


def test_a_config_named_on_the_command_wins_over_the_one_found(repo: Path, tmp_path: Path) -> None:
    _configure(repo, "fail_on: never\n")
    strict = tmp_path / "strict.yaml"
    strict.write_text("fail_on: lagging\n", encoding="utf-8")
    assert invoke(["status", "--as-of", "2020-06-01"], cwd=repo).exit_code == ExitCode.OK
    assert invoke(["status", "--config", str(strict), "--as-of", "2020-06-01"], cwd=repo).exit_code == ExitCode.LAGGING


def test_as_of_takes_every_date_form_of_the_actuals(repo: Path) -> None:
    for text, day in (("2020/06/01", "2020-06-01"), ("2020-05", "2020-05-31"), ("2020年6月1日", "2020-06-01"),
                      ("2020", "2020-12-31")):
        r = invoke(["status", "--as-of", text, "--format", "json"], cwd=repo)
        assert json.loads(r.stdout)["as_of"] == day
    r = invoke(["status", "--as-of", "01/06/2020"], cwd=repo)
    assert r.exit_code == ExitCode.USAGE and "is not a date; write it as YYYY-MM-DD" in r.output


def test_today_is_the_date_in_the_configured_time_zone(repo: Path) -> None:
    # UTC+14 and UTC-12 are 26 hours apart: their dates always differ, whatever the machine's clock.
    days = []
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        (repo / "plancheck.yaml").write_text(f"timezone: {zone}\nformat: json\n", encoding="utf-8")
        days.append(json.loads(invoke(["status"], cwd=repo).stdout)["as_of"])
    assert days[0] > days[1]


def test_an_unknown_time_zone_is_an_input_error_at_its_place(repo: Path) -> None:
    (repo / "plancheck.yaml").write_text("lang: en\ntimezone: Asia/Beijing\n", encoding="utf-8")
    r = invoke(["status"], cwd=repo)
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert "plancheck.yaml:2:11: timezone: 'Asia/Beijing' is not a time zone; write an IANA name" in r.output
