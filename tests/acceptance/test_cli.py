"""The command line end to end: exit code first, then what was printed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import ROOT, invoke, problems
from tests.optional import require_engine


def paths(repo: Path) -> list[str]:
    return ["--plans", str(repo / "plans"), "--actuals", str(repo / "actuals")]


def test_status_defaults_to_plans_and_actuals_in_the_current_folder(repo: Path) -> None:
    r = invoke(["status", "--as-of", "2020-06-01", "--format", "json"], cwd=repo)
    assert r.exit_code == ExitCode.LAGGING
    data = json.loads(r.stdout)
    assert {x["indicator"]: x["status"] for x in data["results"]} == {"new-hte": "on_track", "hte-in-force": "lagging"}


def test_status_as_of_a_date_is_reproducible(repo: Path) -> None:
    r = invoke(["status", *paths(repo), "--as-of", "2020-06-01", "--format", "json"])
    assert r.exit_code == ExitCode.LAGGING
    by_id = {x["indicator"]: x for x in json.loads(r.stdout)["results"]}
    lag = by_id["hte-in-force"]
    # (1350 - 1290) / (1540 - 1290) = 24% done at 5/12 = 41.7% of the year.
    assert lag["progress"] == 0.24 and lag["expected"] == 0.416667 and lag["gap_points"] == -17.6667
    assert lag["baseline"] == {"value": 1290, "date": "2019-12-31", "origin": "plan"}
    assert lag["actual"]["observation"]["source"] == "月报"


def test_fail_on_missed_and_never(repo: Path) -> None:
    assert invoke(["status", *paths(repo), "--as-of", "2020-06-01", "--fail-on", "missed"]).exit_code == ExitCode.OK
    r = invoke(["status", *paths(repo), "--as-of", "2021-01-01", "--fail-on", "missed"])
    assert r.exit_code == ExitCode.MISSED
    assert invoke(["status", *paths(repo), "--as-of", "2021-01-01", "--fail-on", "never"]).exit_code == ExitCode.OK


def test_status_filter_changes_what_is_shown_not_the_exit_code(repo: Path) -> None:
    r = invoke(["status", *paths(repo), "--as-of", "2020-06-01", "--status", "on_track", "--format", "json"])
    assert r.exit_code == ExitCode.LAGGING
    assert [x["indicator"] for x in json.loads(r.stdout)["results"]] == ["new-hte"]


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "csv", "json"])
def test_every_format_renders(repo: Path, fmt: str) -> None:
    r = invoke(["status", *paths(repo), "--as-of", "2020-06-01", "--format", fmt])
    assert r.exit_code == ExitCode.LAGGING
    assert "hte-in-force" in r.stdout
    assert "\x1b[" not in r.stdout


def test_targets_json_gives_base_values_and_quotes(repo: Path) -> None:
    r = invoke(["targets", "--plans", str(repo / "plans"), "--format", "json"])
    assert r.exit_code == ExitCode.OK
    t = json.loads(r.stdout)["targets"][1]
    assert (t["plan"], t["indicator"], t["op"], t["value"], t["base_value"], t["soft"]) == (
        "mini", "hte-in-force", ">=", 1540, 1540, False)
    assert t["source_file"] == "seed.txt" and t["quote"] == "有效国家高新技术企业数量达到1540家"


def test_targets_table_counts_each_plan(repo: Path) -> None:
    r = invoke(["targets", "--plans", str(repo / "plans"), "--lang", "en"])
    assert r.exit_code == ExitCode.OK
    assert "mini — " in r.stdout and " · Targets 2" in r.stdout
    assert r.stdout.rstrip().endswith("1 plans, 2 targets")


def test_show_prints_provenance_and_history(repo: Path) -> None:
    r = invoke(["show", *paths(repo), "mini", "hte-in-force", "--as-of", "2020-06-01"])
    assert r.exit_code == ExitCode.OK
    assert "有效国家高新技术企业数量达到1540家" in r.stdout and "2020-05-31" in r.stdout and "1350" in r.stdout


def test_show_unknown_indicator_suggests(repo: Path) -> None:
    r = invoke(["show", *paths(repo), "mini", "hte-in-forc"])
    assert r.exit_code == ExitCode.USAGE
    assert 'did you mean "hte-in-force"' in r.stderr


def test_validate(repo: Path) -> None:
    r = invoke(["validate", *paths(repo)])
    assert r.exit_code == ExitCode.OK
    assert r.stdout == "ok: 1 plan, 2 targets, 2 observations\n"


def test_schema_is_json() -> None:
    r = invoke(["schema"])
    assert r.exit_code == ExitCode.OK
    assert json.loads(r.stdout)["title"] == "plancheck plan"


# ── user mistakes: one line naming the place, a documented exit code, never a traceback ──────────

def _break_plan(repo: Path, old: str, new: str) -> None:
    p = repo / "plans" / "mini.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "place", "words"), [
    ("title: {zh: 小规划, en: Mini plan}", "title: {zh: 小规划, en: Mini plan", "mini.yaml:3:", "syntax error"),
    ('op: ">=", value: 250', 'op: "=>", value: 250', "mini.yaml:11:14:", "must be one of >=, >, <=, <, ="),
    ("    unit: 家\n    targets:\n      - {op: \">=\", value: 250",
     "    unit: 家\n    unit: 件\n    targets:\n      - {op: \">=\", value: 250", "mini.yaml:10:5:", "duplicate key"),
])
def test_plan_mistakes_exit_3_with_a_place(repo: Path, old: str, new: str, place: str, words: str) -> None:
    _break_plan(repo, old, new)
    r = invoke(["status", *paths(repo)])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert place in line and words in line
    assert "Traceback" not in r.stderr and r.stdout == ""


@pytest.mark.parametrize(("row", "place", "words"), [
    ("mini,new-hte,2020-06-30,12x\n", "a.csv:4:4:", "cannot convert x"),
    ("mini,new-hte,2020-06-30,abc\n", "a.csv:4:4:", '"abc" is not a number'),
    ("mini,new-hts,2020-06-30,1\n", "a.csv:4:2:", 'unknown indicator "new-hts" in plan mini; did you mean "new-hte"?'),
])
def test_actuals_mistakes_exit_3_with_a_place(repo: Path, row: str, place: str, words: str) -> None:
    with open(repo / "actuals" / "a.csv", "a", encoding="utf-8") as f:
        f.write(row)
    r = invoke(["status", *paths(repo)])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert place in line and words in line


@pytest.mark.parametrize("args", [["status", "--as-of", "2020-13-01"], ["status", "--bogus"], ["nosuchcommand"],
                                  ["status", "--format", "xml"], ["status", "--tolerance", "2"]])
def test_usage_errors_exit_64_not_2(repo: Path, args: list[str]) -> None:
    r = invoke([*args, *paths(repo)] if args[0] == "status" else args)
    assert r.exit_code == ExitCode.USAGE
    assert "Traceback" not in r.stderr


def test_unknown_plan_filter_is_a_usage_error(repo: Path) -> None:
    r = invoke(["status", *paths(repo), "--plan", "minni"])
    assert r.exit_code == ExitCode.USAGE and 'did you mean "mini"' in r.stderr


# ── the installed entry point, for real ──────────────────────────────────────────────────────────

def _plancheck() -> list[str]:
    """The console script installed beside this interpreter (the environment under test)."""
    exe = shutil.which("plancheck", path=str(Path(sys.executable).parent))
    assert exe is not None, "plancheck is not installed in the environment running the tests"
    return [exe]


def test_installed_entry_point_runs_and_reports_errors(repo: Path) -> None:
    ok = subprocess.run([*_plancheck(), "status", "--as-of", "2020-06-01", "--format", "json"], cwd=repo,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == ExitCode.LAGGING, ok.stderr
    assert json.loads(ok.stdout)["schema_version"] == 1
    _break_plan(repo, "kind: level", "kind: stock")
    bad = subprocess.run([*_plancheck(), "validate"], cwd=repo, capture_output=True, text=True, timeout=60)
    assert bad.returncode == ExitCode.INVALID_INPUT
    (line,) = problems(bad.stderr)
    assert "mini.yaml:" in line and "Traceback" not in bad.stderr
    usage = subprocess.run([*_plancheck(), "status", "--as-of", "tomorrow"], cwd=repo, capture_output=True,
                           text=True, timeout=60)
    assert usage.returncode == ExitCode.USAGE


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["status", "--help"]])
def test_help_and_version_import_no_heavy_library(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from plancheck.cli.main import cli\n"
        f"rc = cli.main({args!r}, standalone_mode=False)\n"
        "heavy = sorted(m for m in ('rich', 'jsonschema', 'tabulate', 'yaml') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "HEAVY []"


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_is_answered_without_the_command_layer_and_as_it_would(flag: str) -> None:
    code = ("import sys\nfrom plancheck.__main__ import main\nmain()\n"
            "print(sorted(m for m in ('click', 'plancheck.cli') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, flag], capture_output=True, text=True, timeout=60, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    first, imported = out.stdout.splitlines()
    assert imported == "[]"
    assert first + "\n" == invoke([flag]).stdout  # the same words as click's own --version


def test_no_color_means_no_escape_sequences_even_on_a_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich: behave as on a terminal
    coloured = invoke(["status", *paths(repo), "--as-of", "2020-06-01"]).stdout
    assert "\x1b[" in coloured  # the check below can fail: on a terminal there is colour
    monkeypatch.setenv("NO_COLOR", "1")
    plain = invoke(["status", *paths(repo), "--as-of", "2020-06-01"]).stdout
    assert "\x1b" not in plain and "hte-in-force" in plain


@pytest.mark.parametrize("args", [
    ["--format", "json", "--as-of", "2025-06-30"],
    ["--format", "csv", "--as-of", "2024-12-31"],
    ["--format", "json", "--as-of", "2024-06-30", "--status", "met", "--status", "no_data"],
    ["--format", "csv", "--as-of", "2020-12-31", "--plan", "tianjin-14337-2024", "--plan", "baodi-2019",
     "--no-data-fails"],
    ["--format", "github", "--as-of", "2024-06-30", "--no-data-fails"],
    ["--format", "junit", "--as-of", "2020-12-31", "--status", "met", "--status", "no_data", "--fail-on", "missed",
     "--plan", "tianjin-14337-2024", "--plan", "hedong-2020-2022"],
    ["--format", "plain", "--as-of", "2019-12-31", "--lang", "en"],
])
def test_status_read_by_the_engine_is_the_same(args: list[str]) -> None:
    require_engine()
    command = ["status", "--plans", str(ROOT / "plans"), "--actuals", str(ROOT / "actuals"), *args]
    python, engine = invoke([*command, "--engine", "python"]), invoke([*command, "--engine", "polars"])
    assert (engine.exit_code, engine.stdout, engine.stderr) == (python.exit_code, python.stdout, python.stderr)
    assert python.stdout.count("\n") > 5


def _complete(words: str, cwd: Path) -> list[str]:
    env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
           "_PLANCHECK_COMPLETE": "bash_complete"}
    r = subprocess.run([*_plancheck()], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return [line.split(",", 1)[1] for line in r.stdout.splitlines() if line]  # none: one empty line


def test_shell_completion_offers_plan_and_indicator_ids(repo: Path) -> None:
    assert _complete("plancheck status --plan m", repo) == ["mini"]
    assert _complete("plancheck show mini hte", repo) == ["hte-in-force"]
    assert _complete("plancheck show mini ", repo) == ["new-hte", "hte-in-force"]
    assert _complete("plancheck show nope ", repo) == []
    assert "status" in _complete("plancheck st", repo)
