"""Hostile and messy inputs: a documented exit code and a one-line message, never a traceback;
nothing interpreted, nothing modified, nothing half-written."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.errors import PlanError
from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import MINI_PLAN, ROOT, invoke, problems
from tests.acceptance.test_cases import READERS

BAD = Path(__file__).parents[1] / "data" / "bad"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))
DOCUMENTED = {int(c) for c in ExitCode}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize(("name", "expected"), CASES["plans"].items())
def test_bad_plan_corpus(name: str, expected: list[str]) -> None:
    r = invoke(["validate", "--plans", str(BAD / name), "--actuals", str(BAD / "conflicting-rows.csv")])
    assert r.exit_code == ExitCode.INVALID_INPUT
    (line,) = problems(r.stderr)
    place, words = expected
    assert f"{name}{place}" in line and words in line


@pytest.mark.parametrize("engine", READERS)
@pytest.mark.parametrize(("name", "expected"), CASES["actuals"].items())
def test_bad_actuals_corpus(name: str, expected: list[str], tmp_path: Path, engine: str) -> None:
    plan = tmp_path / "bad.yaml"
    shutil.copy(BAD / "good-plan.yaml.txt", plan)
    r = invoke(["validate", "--plans", str(plan), "--actuals", str(BAD / name), "--engine", engine])
    assert r.exit_code == ExitCode.INVALID_INPUT
    line = r.stderr.splitlines()[0]
    place, words = expected
    assert f"{name}{place}" in line and words in line
    if engine == "polars":  # the same words at the same places as the pure-Python reader
        python = invoke(["validate", "--plans", str(plan), "--actuals", str(BAD / name), "--engine", "python"])
        assert (r.exit_code, r.stderr) == (python.exit_code, python.stderr)


# ── property-based: arbitrary input ends in a documented code with a message ─────────────────────

def _run_on(tmp_path: Path, plan: bytes, actuals: bytes) -> None:
    (tmp_path / "p.yaml").write_bytes(plan)
    (tmp_path / "a.csv").write_bytes(actuals)
    r = invoke(["status", "--plans", str(tmp_path / "p.yaml"), "--actuals", str(tmp_path / "a.csv"),
                "--as-of", "2020-06-30", "--format", "json"])
    assert r.exit_code in DOCUMENTED
    if r.exit_code == ExitCode.INVALID_INPUT:
        assert r.stderr.startswith("plancheck: ") and "Traceback" not in r.stderr
    else:
        json.loads(r.stdout)


GOOD_ACTUALS = b"plan,indicator,date,value\nmini,new-hte,2020-05-31,120\n"


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_plan(tmp_path: Path, data: bytes) -> None:
    _run_on(tmp_path, data, GOOD_ACTUALS)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_actuals(tmp_path: Path, data: bytes) -> None:
    _run_on(tmp_path, MINI_PLAN.encode(), b"plan,indicator,date,value\n" + data)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=12),
                    st.sampled_from([">=", "<", "2020-12-31", "2020-13-45", "家", "%", "亿元", "flow", "milestone"]))
structures = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                          st.dictionaries(st.text(max_size=8), kids, max_size=3)),
                          max_leaves=12)


def _mutate(doc: Any, path: list[int], value: Any) -> Any:
    """Replace one node of the good plan, chosen by ``path``, with ``value``."""
    node = doc
    for step in path:
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) \
            if isinstance(node, list) else []
        if not children:
            break
        key, child = children[step % len(children)]
        if not isinstance(child, dict | list):
            node[key] = value
            return doc
        node = child
    if isinstance(node, dict) and node:
        node[next(iter(node))] = value
    return doc


@SETTINGS
@given(path=st.lists(st.integers(0, 20), min_size=1, max_size=6), value=structures)
def test_well_formed_but_wrong_plans(tmp_path: Path, path: list[int], value: Any) -> None:
    doc = _mutate(yaml.safe_load(MINI_PLAN), path, value)
    _run_on(tmp_path, yaml.safe_dump(doc, allow_unicode=True).encode(), GOOD_ACTUALS)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["mini", "minni", ""]), st.sampled_from(["new-hte", "hte-in-force", "x"]),
                          st.text(max_size=12), st.text(max_size=12)), max_size=5))
def test_well_formed_but_wrong_rows(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["plan", "indicator", "date", "value"])
    w.writerows(rows)
    _run_on(tmp_path, MINI_PLAN.encode(), buf.getvalue().encode("utf-8", "surrogatepass"))


# ── injection: names and cells are shown literally, never interpreted ───────────────────────────

EVIL = "[bold red]x[/] \x1b[31mred\x1b[0m <script>alert(1)</script>"


def _evil_repo(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "actuals").mkdir()
    plan = MINI_PLAN.replace("新增国家级高新技术企业, en:", f"{json.dumps(EVIL)}, en:")
    (tmp_path / "plans" / "mini.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "actuals" / "a.csv").write_text(
        'plan,indicator,date,value,source\nmini,new-hte,2020-05-31,120,"=HYPERLINK(""http://x"")"\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "plain"])
def test_terminal_output_shows_markup_literally_and_strips_control_characters(tmp_path: Path, fmt: str) -> None:
    repo = _evil_repo(tmp_path)
    r = invoke(["status", "--plans", str(repo / "plans"), "--actuals", str(repo / "actuals"), "--format", fmt,
                "--lang", "zh", "--as-of", "2020-06-01"])
    assert "[bold red]x[/]" in r.stdout
    assert "\x1b" not in r.stdout and "[31mred" in r.stdout


def test_markdown_escapes_html_and_csv_neutralises_formulas(tmp_path: Path) -> None:
    repo = _evil_repo(tmp_path)
    base = ["status", "--plans", str(repo / "plans"), "--actuals", str(repo / "actuals"), "--as-of", "2020-06-01",
            "--lang", "zh"]
    md = invoke([*base, "--format", "markdown"]).stdout
    assert "<script>" not in md and "&lt;script&gt;" in md
    targets_csv = invoke(["targets", "--plans", str(repo / "plans"), "--format", "csv"]).stdout
    assert "<script>" in targets_csv  # CSV carries text as is; only formula prefixes are neutralised
    j = json.loads(invoke([*base, "--format", "json"]).stdout)
    assert j["results"][0]["actual"]["observation"]["source"] == '=HYPERLINK("http://x")'


def test_csv_output_neutralises_a_formula_in_a_name(tmp_path: Path) -> None:
    repo = _evil_repo(tmp_path)
    p = repo / "plans" / "mini.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(json.dumps(EVIL), '"=1+1"'), encoding="utf-8")
    out = invoke(["status", "--plans", str(p), "--actuals", str(repo / "actuals"), "--format", "csv",
                  "--as-of", "2020-06-01"]).stdout
    assert ",'=1+1," in out and ",=1+1," not in out


# ── nothing lost ─────────────────────────────────────────────────────────────────────────────────

def _digest(*folders: Path) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def test_no_command_modifies_its_inputs(tmp_path: Path) -> None:
    before = _digest(ROOT / "plans", ROOT / "actuals")
    p = ["--plans", str(ROOT / "plans")]
    pa = [*p, "--actuals", str(ROOT / "actuals")]
    for args in (["status", *pa], ["status", *pa, "--format", "json", "-o", str(tmp_path / "s.json")],
                 ["validate", *pa], ["targets", *p], ["show", *pa, "hedong-2020-2022", "rd-intensity"]):
        assert invoke(args).exit_code in DOCUMENTED
    assert _digest(ROOT / "plans", ROOT / "actuals") == before


def test_an_interrupted_write_leaves_the_previous_report_intact(tmp_path: Path, monkeypatch: Any) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")

    def killed(*_: Any) -> None:
        raise KeyboardInterrupt  # the process is stopped between writing and renaming

    monkeypatch.setattr("plancheck.cli.output.os.replace", killed)
    from plancheck.cli.output import write_atomic

    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new report\n")
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (os.mkfifo): POSIX only")
def test_output_to_a_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    # As for -o /dev/null or -o /dev/stdout: renaming a temporary file over a device or a pipe would
    # replace it with a regular file.
    from plancheck.cli.output import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    write_atomic(fifo, "report\n")
    reader.join(timeout=10)
    assert received == ["report\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@SETTINGS
@given(path=st.lists(st.integers(0, 20), min_size=1, max_size=6), value=structures)
def test_the_fast_and_the_thorough_validator_agree(tmp_path: Path, path: list[int], value: Any) -> None:
    """Valid plans are checked by fastjsonschema, invalid ones explained by jsonschema: one schema, two
    implementations, which must accept exactly the same documents."""
    import fastjsonschema

    from plancheck.load.schema import _fast_validator, _validator
    from plancheck.load.yaml import load_yaml

    text = yaml.safe_dump(_mutate(yaml.safe_load(MINI_PLAN), path, value), allow_unicode=True)
    try:
        data = load_yaml(text, "p.yaml").data
    except PlanError:  # not even YAML we accept: nothing for the validators to disagree on
        return
    try:
        _fast_validator()(data)
        fast_ok = True
    except fastjsonschema.JsonSchemaValueException:
        fast_ok = False
    assert fast_ok == _validator("plan").is_valid(data)
