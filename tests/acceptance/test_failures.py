"""Failures are never verdicts: an internal error exits 70 with one line; inputs that once crashed
exit 3 with their place; messages cannot be forged; nothing is skipped silently."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from plancheck.exitcodes import ExitCode
from plancheck.model import Kind
from tests.acceptance.conftest import MINI_PLAN, invoke, problems
from tests.acceptance.test_cases import READERS


def _repo(tmp_path: Path, plan: str = MINI_PLAN, actuals: str | bytes | None = None) -> list[str]:
    (tmp_path / "plans").mkdir(exist_ok=True)
    (tmp_path / "actuals").mkdir(exist_ok=True)
    (tmp_path / "plans" / "mini.yaml").write_text(plan, encoding="utf-8")
    data = actuals if actuals is not None else "plan,indicator,date,value\nmini,new-hte,2020-05-31,120\n"
    path = tmp_path / "actuals" / "a.csv"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return ["--plans", str(tmp_path / "plans"), "--actuals", str(tmp_path / "actuals")]


# ── 1. a crash has its own exit code ─────────────────────────────────────────────────────────────

def _broken_rule(*_: Any) -> Any:
    raise ZeroDivisionError("an injected failure")


def test_an_internal_error_exits_70_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plancheck.evaluate import kinds

    monkeypatch.setitem(kinds.RULES, Kind.FLOW, _broken_rule)
    r = invoke(["status", *_repo(tmp_path), "--as-of", "2020-06-30"])
    assert r.exit_code == ExitCode.INTERNAL
    (line,) = problems(r.stderr)
    assert line.startswith("plancheck: internal error: ZeroDivisionError: an injected failure; this is a bug")
    assert "please report" in line and "--debug" in line and "Traceback" not in r.stderr
    assert r.stdout == ""  # no verdict is printed


class _Panic(BaseException):
    """As polars' PanicException: not an Exception."""


def test_an_engine_panic_is_an_internal_error_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plancheck.evaluate import kinds

    def panic(*_: Any) -> Any:
        raise _Panic("PyObject pointer is null")

    monkeypatch.setitem(kinds.RULES, Kind.FLOW, panic)
    r = invoke(["status", *_repo(tmp_path), "--as-of", "2020-06-30"])
    assert r.exit_code == ExitCode.INTERNAL
    assert r.stderr.startswith("plancheck: internal error: _Panic: PyObject pointer is null")


@pytest.mark.parametrize("how", ["--debug", "PLANCHECK_DEBUG"])
def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    from plancheck.evaluate import kinds

    monkeypatch.setitem(kinds.RULES, Kind.FLOW, _broken_rule)
    monkeypatch.delenv("PLANCHECK_DEBUG", raising=False)
    if how == "PLANCHECK_DEBUG":
        monkeypatch.setenv("PLANCHECK_DEBUG", "1")
    r = invoke([*(["--debug"] if how == "--debug" else []), "status", *_repo(tmp_path), "--as-of", "2020-06-30"])
    assert r.exit_code == ExitCode.INTERNAL
    assert "Traceback (most recent call last)" in r.stderr and "_broken_rule" in r.stderr
    assert r.stderr.splitlines()[-1].startswith("plancheck: internal error: ZeroDivisionError")


# ── 2. inputs that once crashed: exit 3, with their place ────────────────────────────────────────

def _plan_error(tmp_path: Path, plan: str) -> str:
    r = invoke(["validate", *_repo(tmp_path, plan)])
    assert r.exit_code == ExitCode.INVALID_INPUT, r.stdout
    assert "Traceback" not in r.stderr
    first = r.stderr.splitlines()[0]
    assert first.startswith(f"plancheck: {tmp_path / 'plans' / 'mini.yaml'}:")
    return first


@pytest.mark.parametrize("depth", [64, 500, 900])
def test_yaml_nested_deeper_than_a_plan_needs(tmp_path: Path, depth: int) -> None:
    first = _plan_error(tmp_path, MINI_PLAN + "notes: " + "[" * depth + "x" + "]" * depth + "\n")
    assert "nested deeper than 64 levels" in first


@pytest.mark.parametrize("spelling", ["!!float nan", "!!float Infinity", "!!float -inf", ".inf", "-.Inf", ".NaN",
                                      "!!float .inf", "!!int 1:30"])
def test_non_finite_numbers_are_refused_however_spelt(tmp_path: Path, spelling: str) -> None:
    first = _plan_error(tmp_path, MINI_PLAN.replace("value: 250,", f"value: {spelling},"))
    assert ":11:" in first and ("not a usable number" in first or "is not a number" in first)


def test_a_base_60_value_is_text_and_refused_as_a_number(tmp_path: Path) -> None:
    first = _plan_error(tmp_path, MINI_PLAN.replace("value: 250,", "value: 1:30.5,"))
    assert ":11:" in first and "expected number, got the text '1:30.5'" in first


def test_a_base_60_name_is_read_as_the_text_it_is(tmp_path: Path) -> None:
    r = invoke(["targets", "--plans", _repo(tmp_path, MINI_PLAN.replace("en: Mini plan", "en: 1:30.5"))[1],
                "--format", "json"])
    assert r.exit_code == ExitCode.OK
    assert json.loads(r.stdout)["plans"][0]["title_en"] == "1:30.5"


def test_an_exponent_beyond_any_figure_in_a_plan(tmp_path: Path) -> None:
    first = _plan_error(tmp_path, MINI_PLAN.replace("value: 250,", "value: 7.0e+1000000,"))
    assert ":11:" in first and "more than 24 digits" in first


@pytest.mark.parametrize("engine", READERS)
def test_hundreds_of_digits_in_a_csv(tmp_path: Path, engine: str) -> None:
    r = invoke(["status", *_repo(tmp_path, actuals=f"plan,indicator,date,value\nmini,new-hte,2020-05-31,{'9' * 300}\n"),
                "--engine", engine, "--as-of", "2020-06-30"])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert "a.csv:2:4:" in line and "more than 24 digits" in line


@pytest.mark.parametrize("as_of", ["2020-06-30", "9999-12-31"])
def test_far_future_deadlines_and_dates(tmp_path: Path, as_of: str) -> None:
    plan = (MINI_PLAN.replace("deadline: 2020-12-31", "deadline: 9999-12-31")
            .replace("period: {start: 2020-01-01, end: 2020-12-31}", "period: {start: 2020-01-01, end: 9999-12-31}"))
    plan += ("  - id: growth\n    name: {zh: 增长}\n    kind: growth\n    unit: '%'\n    growth_basis: levels\n"
             "    targets:\n      - {op: '>=', value: 5, deadline: 9999-12-31,\n"
             "         sources: [{section: 一, quote: 增长}]}\n")
    actuals = ("plan,indicator,date,value\nmini,new-hte,9999-12-31,120\nmini,growth,0001-12-31,1\n"
               "mini,growth,9999-12-31,3\nmini,hte-in-force,9999-12,1600\n")
    r = invoke(["status", *_repo(tmp_path, plan, actuals), "--as-of", as_of, "--format", "json"])
    assert r.exit_code in (ExitCode.OK, ExitCode.LAGGING), r.stderr
    assert json.loads(r.stdout)["results"]


@pytest.mark.parametrize("engine", READERS)
@pytest.mark.parametrize("rows", ["mini,new-hte,2020-05-31,120,121\n", "mini,new-hte\n"])
def test_a_header_naming_a_column_twice(tmp_path: Path, engine: str, rows: str) -> None:
    r = invoke(["validate", *_repo(tmp_path, actuals="plan,indicator,date,value,value\n" + rows),
                "--engine", engine])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert line.endswith('a.csv:1:5: column "value" is named twice (columns 4 and 5); keep one of them')


def test_a_nul_byte_in_a_configured_path(tmp_path: Path) -> None:
    _repo(tmp_path)
    (tmp_path / "plancheck.yaml").write_text('plans: "pla\\0ns"\n', encoding="utf-8")
    r = invoke(["status"], cwd=tmp_path)
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert "plancheck.yaml:1:8: plans: the path holds a control character" in line


@pytest.mark.parametrize("command", [["status", "--format", "json"], ["report"]])
def test_output_into_a_folder_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "no" / "such" / "out.txt"
    r = invoke([*command, *_repo(tmp_path), "-o", str(target)])
    assert r.exit_code == ExitCode.USAGE
    assert str(target.parent) in r.stderr and "does not exist" in r.stderr
    assert not (tmp_path / "no").exists()


# ── 3. right positions and words ─────────────────────────────────────────────────────────────────

def test_a_control_character_after_chinese_text_is_placed_right(tmp_path: Path) -> None:
    plan = MINI_PLAN.replace("title: {zh: 小规划, en: Mini plan}", "title: {zh: 小规划规划规划规划, en: Mini\x07plan}")
    first = _plan_error(tmp_path, plan)
    assert "mini.yaml:2:32:" in first and "'\\x07' is not allowed" in first


def test_a_misspelt_required_key_is_named_as_misspelt(tmp_path: Path) -> None:
    plan = MINI_PLAN.replace("    targets:\n      - {op", "    traget:\n      - {op")
    r = invoke(["validate", *_repo(tmp_path, plan)])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert line.endswith('indicators[0].traget: unknown field "traget"; did you mean "targets"?')


def test_a_misspelt_kind_gets_did_you_mean(tmp_path: Path) -> None:
    r = invoke(["validate", *_repo(tmp_path, MINI_PLAN.replace("kind: flow", "kind: flwo"))])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert line.endswith("""indicators[0].kind: 'flwo' is not allowed; did you mean "flow"?""")


# ── 4. messages and outputs cannot be forged ─────────────────────────────────────────────────────

FORGED = 'x\n::error file=plans/a.yaml,line=1::forged\r\x1b]52;c;cGF5bG9hZA==\x07\u202eevil\u2028next'


@pytest.mark.parametrize("engine", READERS)
def test_a_message_quoting_a_cell_is_one_line(tmp_path: Path, engine: str) -> None:
    cell = '"' + FORGED.replace('"', '""') + '"'
    r = invoke(["validate", *_repo(tmp_path, actuals=f"plan,indicator,date,value\nmini,{cell},2020-05-31,1\n"),
                "--engine", engine])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert "\\n::error file=" in line and "\\x1b]52" in line and "\\x07" in line and "\\u202e" in line
    assert "\x1b" not in line and "\u202e" not in line and "\u2028" not in line


def test_a_usage_error_quoting_an_option_is_one_line() -> None:
    r = invoke(["status", "--as-of", "2020\n::error::forged"])
    assert r.exit_code == ExitCode.USAGE
    assert not any(line.startswith("::") for line in r.stderr.splitlines())


def test_csv_cells_are_neutralised(tmp_path: Path) -> None:
    import csv
    import io

    plan = MINI_PLAN.replace("新增国家级高新技术企业, en:", json.dumps("\rcmd" + FORGED) + ", en:")
    r = invoke(["status", *_repo(tmp_path, plan), "--format", "csv", "--as-of", "2020-06-30"])
    assert r.exit_code in (ExitCode.OK, ExitCode.LAGGING)
    name = next(row for row in csv.DictReader(io.StringIO(r.stdout)) if row["indicator"] == "new-hte")["name"]
    assert name.startswith("'\rcmd")  # quoted (it holds a CR) and prefixed, as a formula would be
    assert not any(c in name for c in "\x1b\x07\u202e\u2028")


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "github", "junit"])
def test_text_formats_drop_controls_and_separators(tmp_path: Path, fmt: str) -> None:
    plan = MINI_PLAN.replace("新增国家级高新技术企业, en:", json.dumps("名" + FORGED + "\u061c\ufeff") + ", en:")
    plan = plan.replace('value: 250, deadline: 2020-12-31', 'value: 25000, deadline: 2020-06-30')
    r = invoke(["status", *_repo(tmp_path, plan), "--format", fmt, "--as-of", "2020-07-01", "--lang", "zh"])
    assert not any(c in r.stdout for c in "\x1b\x07\u202e\u2028\u2029\u061c\ufeff\r")
    assert not any(line.startswith("::error file=plans/a.yaml") for line in r.stdout.splitlines())


# ── 5. nothing skipped silently ──────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("engine", READERS)
@pytest.mark.parametrize("odd", ["folder", "loop", "dangling", "fifo"])
def test_what_is_not_a_file_is_named(tmp_path: Path, engine: str, odd: str) -> None:
    args = _repo(tmp_path)
    bad = tmp_path / "actuals" / "b.csv"
    if odd == "folder":
        bad.mkdir()
    elif odd == "loop":
        bad.symlink_to(bad)
    elif odd == "dangling":
        bad.symlink_to(tmp_path / "nowhere.csv")
    elif hasattr(os, "mkfifo"):
        os.mkfifo(bad)
    else:
        pytest.skip("named pipes need os.mkfifo (POSIX)")
    r = invoke(["validate", *args, "--engine", engine])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    assert line.startswith(f"plancheck: {bad}: is ")


@pytest.mark.parametrize("engine", READERS)
@pytest.mark.parametrize(("content", "why"), [("", "the file is empty"),
                                              ("plan,indicator,date,value\n", "only a header")])
def test_an_empty_file_holds_no_observations_and_validate_says_so(tmp_path: Path, engine: str, content: str,
                                                                  why: str) -> None:
    args = _repo(tmp_path)
    (tmp_path / "actuals" / "b.csv").write_text(content, encoding="utf-8")
    r = invoke(["validate", *args, "--engine", engine])
    assert r.exit_code == ExitCode.OK
    assert f"note: {tmp_path / 'actuals' / 'b.csv'}: holds no observations ({why})\n" in r.stdout
    assert r.stdout.endswith("ok: 1 plan, 2 targets, 1 observation\n")


def test_lock_files_are_not_read(tmp_path: Path) -> None:
    args = _repo(tmp_path)
    (tmp_path / "actuals" / "~$a.csv").write_bytes(b"\x00\x01 not csv")
    (tmp_path / "actuals" / ".#a.csv").symlink_to(tmp_path / "nowhere")
    assert invoke(["validate", *args]).exit_code == ExitCode.OK


# ── 6. impossible values ─────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("old", "new", "where"), [
    ("value: 250,", "value: -250,", ":11:"), ("value: 1290,", "value: -5,", ":16:")])
def test_a_negative_count_in_a_plan(tmp_path: Path, old: str, new: str, where: str) -> None:
    first = _plan_error(tmp_path, MINI_PLAN.replace(old, new))
    assert where in first and "a count of 家 cannot be negative" in first


@pytest.mark.parametrize("engine", READERS)
def test_a_negative_level_of_counted_things(tmp_path: Path, engine: str) -> None:
    rows = "plan,indicator,date,value\nmini,new-hte,2020-05-31,-3\nmini,hte-in-force,2020-05-31,-1300\n"
    r = invoke(["validate", *_repo(tmp_path, actuals=rows), "--engine", engine])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)  # the flow's fall is a possible net change; the level's is not
    assert 'a.csv:3:4: "-1300": a count of 家 cannot be negative' in line


# ── 8. kill safety ───────────────────────────────────────────────────────────────────────────────

KILLER = """
import os, signal, sys
import plancheck.cli.output as output
real = output.os.replace
def killed(*a):
    os.kill(os.getpid(), signal.SIGTERM)  # as a cancelled CI job is, between writing and renaming
    return real(*a)
output.os.replace = killed
from plancheck.cli.main import main
sys.argv = ["plancheck", *sys.argv[1:]]
main()
"""


def test_sigterm_while_writing_leaves_the_old_output_and_no_temporary_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    args = _repo(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "status.json").write_text("the previous report\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-c", KILLER, "status", *args, "--format", "json", "-o",
                        str(out / "status.json")], capture_output=True, text=True, timeout=60)
    assert p.returncode == 128 + 15, p.stderr
    assert [f.name for f in out.iterdir()] == ["status.json"]
    assert (out / "status.json").read_text(encoding="utf-8") == "the previous report\n"


POOL_KILLER = """
import os, signal, sys
import plancheck.load.plan_codec as codec
real = codec.plan_from_data
def killed(data):
    os.kill(os.getpid(), signal.SIGTERM)  # the parent is stopped while the pool parses plans
    return real(data)
codec.plan_from_data = killed
from plancheck.cli.main import main
sys.argv = ["plancheck", *sys.argv[1:]]
main()
"""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_sigterm_while_plans_are_parsed_in_a_pool_leaves_no_process(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    (tmp_path / "plans").mkdir()
    for k in range(80):
        (tmp_path / "plans" / f"p{k:02d}.yaml").write_text(MINI_PLAN.replace("id: mini", f"id: p{k:02d}"),
                                                           encoding="utf-8")
    env = {**os.environ, "PLANCHECK_CACHE_DIR": str(tmp_path / "cache")}
    p = subprocess.Popen([sys.executable, "-c", POOL_KILLER, "validate", "--plans", str(tmp_path / "plans"),
                          "--actuals", str(tmp_path / "plans")], env=env, start_new_session=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.communicate(timeout=60)
    assert p.returncode == 128 + 15
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(p.pid, 0)  # is any process of its group left?
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("a worker outlived plancheck")



# ── 7. bounded memory ────────────────────────────────────────────────────────────────────────────

@pytest.mark.skipif(not hasattr(os, "fork"), reason="sets an address-space limit in the child (POSIX)")
@pytest.mark.parametrize("engine", READERS)
def test_a_single_line_larger_than_memory_allows_is_refused(tmp_path: Path, engine: str) -> None:
    import resource
    import subprocess
    import sys

    limit = 768 << 20  # bytes of address space for the whole process (polars needs some 700 MiB to start)
    args = _repo(tmp_path)
    with open(tmp_path / "actuals" / "a.csv", "wb") as f:
        f.write(b"plan,indicator,date,value\nmini,new-hte,2020-05-31,7777")
        f.truncate(1 << 30)  # one line of 1 GiB, more than the limit (sparse: it takes no disk)

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    p = subprocess.run([sys.executable, "-m", "plancheck", "validate", *args, "--engine", engine],
                       preexec_fn=capped, capture_output=True, text=True, timeout=300)
    assert p.returncode == ExitCode.INVALID_INPUT, p.stderr
    (line,) = p.stderr.splitlines()
    assert line.endswith("a.csv:2: the line is longer than 1,048,576 characters; an actuals file holds one short "
                         "row per observation (is this a CSV file?)")
