"""Mutated bundled plans and actuals (flipped bytes, deleted, repeated and truncated lines, swapped
words, odd Unicode) through validate and status: always a documented exit code without a
traceback, a JSON document when there is a verdict, and every input left byte for byte as it was.

Derandomized in CI (CI set), with a database folder of its own; about half a minute per reader."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import ROOT, invoke
from tests.acceptance.test_cases import READERS

PLANS = sorted((ROOT / "plans").glob("*.yaml"))
ACTUALS = sorted((ROOT / "actuals").glob("*.csv"))
ODD = ["\x00", "\x1b[31m", "\u202e", "\ufeff", "１", "\u3000", "\u2028", "é", "\U0001d7d9", "\r", "\t", '"', "−",
       "亿", "%", ",", ":", "- ", "{", "&a", "*a", "!!python/object:os.system", "9" * 40, "\n  - "]
CI = bool(os.environ.get("CI"))
"""On CI the examples are the same on every run (derandomized, so without an example database);
elsewhere they vary, and the failures found are kept and tried first next time."""
SETTINGS = settings(max_examples=int(os.environ.get("PLANCHECK_FUZZ_EXAMPLES", "300")), deadline=None,
                    derandomize=CI,
                    database=None if CI else DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "fuzz")),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
DOCUMENTED = {ExitCode.OK, ExitCode.LAGGING, ExitCode.MISSED, ExitCode.INVALID_INPUT, ExitCode.USAGE}


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` changed in one of the ways a file gets damaged or mistyped."""
    how = draw(st.sampled_from(["flip", "delete", "repeat", "swap", "truncate", "insert"]))
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    lines = data.split(b"\n")
    line = draw(st.integers(0, len(lines) - 1))
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if how == "delete":
        return b"\n".join(lines[:line] + lines[line + 1 :])
    if how == "repeat":
        return b"\n".join(lines[: line + 1] + lines[line:])
    if how == "truncate":
        return data[:at]
    if how == "insert":
        return data[:at] + draw(st.sampled_from(ODD)).encode("utf-8") + data[at:]
    words = data.replace(b",", b" ").split()
    if len(words) < 2:
        return data
    a, b = draw(st.integers(0, len(words) - 1)), draw(st.integers(0, len(words) - 1))
    return data.replace(words[a], b"\0SWAP\0", 1).replace(words[b], words[a], 1).replace(b"\0SWAP\0", words[b], 1)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[Path, bytes, Path, bytes]:
    plan, actuals = draw(st.sampled_from(PLANS)), draw(st.sampled_from(ACTUALS))
    plan_bytes, actuals_bytes = plan.read_bytes(), actuals.read_bytes()
    which = draw(st.sampled_from(["plan", "actuals", "both"]))
    if which in ("plan", "both"):
        plan_bytes = draw(mutated(plan_bytes))
    if which in ("actuals", "both"):
        actuals_bytes = draw(mutated(actuals_bytes))
    return plan, plan_bytes, actuals, actuals_bytes


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("engine", READERS)
@SETTINGS
@given(case=damaged())
def test_damaged_inputs_end_in_a_documented_code(tmp_path: Path, engine: str,
                                                 case: tuple[Path, bytes, Path, bytes]) -> None:
    plan, plan_bytes, actuals, actuals_bytes = case
    repo = tmp_path / "repo"
    for folder, originals, name, changed in (("plans", PLANS, plan.name, plan_bytes),
                                            ("actuals", ACTUALS, actuals.name, actuals_bytes)):
        (repo / folder).mkdir(parents=True, exist_ok=True)
        for original in originals:
            (repo / folder / original.name).write_bytes(changed if original.name == name else original.read_bytes())
    before = _digest(repo)
    args = ["--plans", str(repo / "plans"), "--actuals", str(repo / "actuals"), "--engine", engine]
    for command in (["validate", *args], ["status", *args, "--as-of", "2026-11-25", "--format", "json"]):
        r = invoke(command)
        assert r.exit_code in DOCUMENTED, (command, r.exit_code, r.stderr)
        assert "Traceback" not in r.stderr
        if r.exit_code == ExitCode.INVALID_INPUT:
            assert r.stderr and all(line.startswith("plancheck: ") for line in r.stderr.splitlines())
        elif command[0] == "status":
            assert json.loads(r.stdout)["schema_version"] == 1
    assert _digest(repo) == before
