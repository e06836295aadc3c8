"""Accepted results: the exit code leaves out what was accepted while it stays as it was, counts it
again when it gets worse, and every format says which results are accepted."""

from __future__ import annotations

import json
from pathlib import Path

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import invoke

# As of 2021-01-01 the mini plan's two targets are missed (120 of 250, 1,350 of 1,540); as of
# 2020-06-01 new-hte is on track and hte-in-force lagging.
LATE, MID = "2021-01-01", "2020-06-01"


def status(repo: Path, *args: str) -> tuple[int, str]:
    r = invoke(["status", "--lang", "en", *args], cwd=repo)
    return r.exit_code, r.stdout


def accept(repo: Path, as_of: str, *args: str) -> str:
    r = invoke(["accept", "--as-of", as_of, *args], cwd=repo)
    assert r.exit_code == ExitCode.OK, r.output
    return r.stdout


def test_accepted_misses_no_longer_fail_the_run_but_still_count(repo: Path) -> None:
    assert status(repo, "--as-of", LATE)[0] == ExitCode.MISSED
    said = accept(repo, LATE, "--reason", "2020 is closed")
    assert said == f"accepted 2 results in {repo / 'plancheck-accepted.yaml'} (2 new)\n"
    code, out = status(repo, "--as-of", LATE, "--format", "json")
    assert code == ExitCode.OK
    data = json.loads(out)
    assert data["summary"]["missed"] == 2 and data["worst"] == "missed"
    assert data["accepted"] == 2 and data["lapsed"] == []
    assert [r["accepted"] for r in data["results"]] == [
        {"status": "missed", "reason": "2020 is closed", "date": data["results"][0]["accepted"]["date"]}] * 2
    code, out = status(repo, "--as-of", LATE)
    assert out.splitlines()[0] == "nothing missed or lagging; 2 accepted → exit 0"
    assert "accepted: 2 (new-hte, hte-in-force)" in out
    assert "missed 2" in out.splitlines()[-1]


def test_a_result_worse_than_accepted_and_a_new_one_count_again(repo: Path) -> None:
    accept(repo, MID)  # hte-in-force lagging is accepted; new-hte is on track, so nothing of it
    assert status(repo, "--as-of", MID)[0] == ExitCode.OK
    code, out = status(repo, "--as-of", LATE, "--format", "json")
    assert code == ExitCode.MISSED
    assert [r["accepted"] for r in json.loads(out)["results"]] == [None, None]
    code, out = status(repo, "--as-of", LATE)
    assert out.splitlines()[0] == "2 missed → exit 2"


def test_accept_keeps_reviewed_reasons_and_drops_what_no_longer_applies(repo: Path) -> None:
    accept(repo, MID, "--reason", "first")
    accept(repo, LATE, "--reason", "second")
    text = (repo / "plancheck-accepted.yaml").read_text(encoding="utf-8")
    # hte-in-force got worse (lagging → missed): it is accepted anew, with the new reason.
    assert text.count("reason: second") == 2 and "reason: first" not in text
    accept(repo, LATE, "--reason", "third")
    assert (repo / "plancheck-accepted.yaml").read_text(encoding="utf-8") == text
    (repo / "actuals" / "a.csv").write_text(
        "plan,indicator,date,value,source\nmini,new-hte,2020-12-31,260,年报\nmini,hte-in-force,2020-05-31,1350,月报\n",
        encoding="utf-8")
    said = accept(repo, LATE)
    assert "(0 new, 1 dropped that no longer apply)" in said
    assert "new-hte" not in (repo / "plancheck-accepted.yaml").read_text(encoding="utf-8")


def test_an_acceptance_that_lapsed_is_reported(repo: Path) -> None:
    accept(repo, LATE)
    (repo / "actuals" / "a.csv").write_text(
        "plan,indicator,date,value,source\nmini,new-hte,2020-12-31,260,年报\nmini,hte-in-force,2020-05-31,1350,月报\n",
        encoding="utf-8")
    code, out = status(repo, "--as-of", LATE)
    assert code == ExitCode.OK
    assert "Acceptance no longer applies: mini/new-hte 2020-12-31 is now met; run `plancheck accept` to drop it" in out
    data = json.loads(status(repo, "--as-of", LATE, "--format", "json")[1])
    # Its line: after the header and hte-in-force's entry.
    assert [(x["indicator"], x["why"], x["location"]["line"]) for x in data["lapsed"]] == [("new-hte", "met", 12)]
    github = status(repo, "--as-of", LATE, "--format", "github")[1]
    assert "::notice file=" in github and "title=acceptance lapsed::" in github


def test_an_acceptance_of_a_target_gone_is_reported(repo: Path) -> None:
    (repo / "plancheck-accepted.yaml").write_text(
        "accepted:\n- {plan: mini, indicator: old-one, deadline: 2020-12-31, status: missed, reason: r, "
        "date: 2021-01-05}\n", encoding="utf-8")
    code, out = status(repo, "--as-of", LATE, "--format", "json")
    assert code == ExitCode.MISSED
    assert [(x["indicator"], x["why"]) for x in json.loads(out)["lapsed"]] == [("old-one", "gone")]
    r = invoke(["validate"], cwd=repo)
    assert r.exit_code == ExitCode.OK
    assert r.stdout.splitlines() == [
        f"note: {repo / 'plancheck-accepted.yaml'}:2:3: mini/old-one 2020-12-31 is accepted but is no target of the "
        "plans; run `plancheck accept` to drop it",
        "ok: 1 plan, 2 targets, 2 observations, 1 accepted result"]


def test_ci_formats_list_accepted_results_apart(repo: Path, tmp_path: Path) -> None:
    accept(repo, MID, "--reason", "known")
    github = status(repo, "--as-of", MID, "--format", "github")[1]
    assert github.startswith("::notice file=") and "mini/hte-in-force ⚠ lagging (accepted)::" in github
    assert "::warning" not in github and " — known" in github
    out = tmp_path / "junit.xml"
    code, _ = status(repo, "--as-of", MID, "--format", "junit", "-o", str(out))
    assert code == ExitCode.OK
    xml = out.read_text(encoding="utf-8")
    assert 'failures="0"' in xml and '<skipped message="accepted (lagging, ' in xml and "): known" in xml


def test_plain_and_every_row_mark_accepted_results(repo: Path) -> None:
    accept(repo, LATE)
    out = status(repo, "--as-of", LATE, "--all", "--format", "plain")[1]
    assert out.count("✘ missed (accepted)") == 2
    diff = invoke(["diff", "--lang", "en", "--from", MID, "--to", LATE], cwd=repo).stdout
    assert "✘ missed (accepted)" in diff


def test_a_bad_accepted_file_is_an_input_error_at_its_place(repo: Path) -> None:
    (repo / "plancheck-accepted.yaml").write_text(
        "accepted:\n- plan: mini\n  indicator: new-hte\n  deadline: 2020-12-31\n  status: misssed\n  reason: r\n"
        "  date: 2021-01-05\n", encoding="utf-8")
    r = invoke(["status", "--as-of", LATE], cwd=repo)
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert f"{repo / 'plancheck-accepted.yaml'}:5:11:" in r.output


def test_an_accepted_file_named_must_exist(repo: Path) -> None:
    r = invoke(["status", "--as-of", LATE, "--accepted", "nope.yaml"], cwd=repo)
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert "nope.yaml: the accepted file does not exist: write it with `plancheck accept`" in r.output


def test_twice_accepted_is_refused(repo: Path) -> None:
    entry = "- {plan: mini, indicator: new-hte, deadline: 2020-12-31, status: missed, reason: r, date: 2021-01-05}\n"
    (repo / "plancheck-accepted.yaml").write_text("accepted:\n" + entry * 2, encoding="utf-8")
    r = invoke(["validate"], cwd=repo)
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert "accepted twice (first at accepted[0]); keep one" in r.output
