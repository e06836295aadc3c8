"""The README's worked examples (examples/ci/), run end to end as far as they can run here: the
GitHub and GitLab steps after installation, and the crontab command with its paths and mail redirected."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import ROOT

EXAMPLES = ROOT / "examples" / "ci"


def _env(tmp_path: Path) -> dict[str, str]:
    """PATH with the plancheck installed beside this interpreter first; a clean locale."""
    bindir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", ""), "LANG": "C.UTF-8",
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}


def _data_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "data"
    shutil.copytree(ROOT / "plans", repo / "plans")
    shutil.copytree(ROOT / "actuals", repo / "actuals")
    return repo


def _sh(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_github_workflow_steps(tmp_path: Path) -> None:
    repo, env = _data_repo(tmp_path), _env(tmp_path)
    steps = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and not s["run"].startswith("pip install")]
    assert len(runs) == 2
    validate = _sh(runs[0], repo, env)
    assert validate.returncode == ExitCode.OK, validate.stderr
    annotate = _sh(runs[1], repo, env)
    assert annotate.returncode in (ExitCode.OK, ExitCode.LAGGING, ExitCode.MISSED), annotate.stderr
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.splitlines()[0].endswith(" → exit 0") and "\n## baodi-2019\n" in summary  # --fail-on never
    assert "|---" in summary.replace(" ", "")
    assert all(line.startswith(("::error ", "::warning ")) for line in annotate.stdout.splitlines())


def test_gitlab_job_script(tmp_path: Path) -> None:
    import xmlschema

    repo, env = _data_repo(tmp_path), _env(tmp_path)
    job = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text(encoding="utf-8"))["plancheck"]
    for line in job["script"]:
        if line.startswith("pip install"):
            continue
        r = _sh(line, repo, env)
        assert r.returncode in (ExitCode.OK, ExitCode.LAGGING, ExitCode.MISSED), (line, r.stderr)
    xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd")).validate(str(repo / "plancheck.xml"))


def _mail_stub(tmp_path: Path, env: dict[str, str]) -> Path:
    """A ``mail`` on PATH that keeps its subject, address and body in a file."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    stub = bindir / "mail"
    stub.write_text('#!/bin/sh\n{ printf "%s\\n" "$2" "$3"; cat; } > "$MAIL_OUT"\n', encoding="utf-8")
    stub.chmod(0o755)
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    env["MAIL_OUT"] = str(tmp_path / "mail.txt")
    return tmp_path / "mail.txt"


def _monthly(entry: str, repo: Path, tmp_path: Path) -> str:
    """The crontab entry's command, with the script from examples/ and the paths of this test."""
    command = re.split(r"\s+", entry, maxsplit=5)[5].replace("\\%", "%")  # cron escapes % as \%
    return (command.replace("/usr/local/bin/plancheck-monthly.sh", f"sh {EXAMPLES / 'plancheck-monthly.sh'}")
            .replace("/srv/plan-data", str(repo)).replace("/var/www/plans/index.html", str(tmp_path / "i.html")))


def test_crontab_line_mails_every_outcome_and_keeps_the_exit_code(tmp_path: Path) -> None:
    repo, env = _data_repo(tmp_path), _env(tmp_path)
    mail = _mail_stub(tmp_path, env)
    (entry,) = [x for x in (EXAMPLES / "crontab").read_text(encoding="utf-8").splitlines() if x and x[0] != "#"]
    command = _monthly(entry, repo, tmp_path)
    expected = subprocess.run(["plancheck", "status"], cwd=repo, env=env, capture_output=True).returncode
    r = _sh(command, tmp_path, env)
    assert r.returncode == expected, r.stderr
    subject, address, *body = mail.read_text(encoding="utf-8").splitlines()
    words = {0: "ok", 1: "lagging", 2: "missed"}
    assert subject.endswith(f": {words[expected]}") and address == "analysts@example.org"
    assert body[0].endswith(f"→ exit {expected}") and "# " in "\n".join(body)
    assert (tmp_path / "i.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # Broken input: still a mail, which says so, and exit 3.
    (repo / "actuals" / "broken.csv").write_text("plan,indicator,date,value\nbaodi-2019,x,2019-12-31,1\n",
                                                 encoding="utf-8")
    r = _sh(command, tmp_path, env)
    assert r.returncode == ExitCode.INVALID_INPUT
    subject, _, *body = mail.read_text(encoding="utf-8").splitlines()
    assert subject.endswith(": invalid input") and "broken.csv:2:" in "\n".join(body)
