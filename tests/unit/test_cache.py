"""The plan cache holds data only: nothing planted in its folder runs, crashes plancheck, or changes
a verdict or an exit code."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]


class _Payload:
    """Unpickling this writes a marker file: proof that a cache entry's bytes were run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "pwned"))


def _status(cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(cache))
    r = invoke(["status", "--plans", str(ROOT / "plans"), "--actuals", str(ROOT / "actuals"),
                "--as-of", "2026-11-25", "--format", "json"])
    return r.exit_code, r.stdout


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json") if p.is_file())


@pytest.mark.parametrize("planted", ["pickle", "random", "other-plan", "truncated", "wrong-shape", "stale"])
def test_nothing_planted_in_the_cache_runs_or_changes_a_verdict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                planted: str) -> None:
    cache, marker = tmp_path / "cache", tmp_path / "marker"
    expected = _status(cache, monkeypatch)  # fills the cache
    entries = _entries(cache)
    assert len(entries) == len(list((ROOT / "plans").glob("*.yaml")))
    texts = [p.read_bytes() for p in entries]
    for i, entry in enumerate(entries):
        if planted == "pickle":
            data = pickle.dumps(_Payload(marker))
        elif planted == "random":
            data = os.urandom(2048)
        elif planted == "other-plan":
            data = texts[(i + 1) % len(texts)]
        elif planted == "truncated":
            data = texts[i][: len(texts[i]) // 2]
        elif planted == "wrong-shape":
            forged = json.loads(texts[i])
            forged["plan"]["indicators"] = [[1, 2, 3]]  # the right digests, data of another shape
            data = json.dumps(forged).encode()
        else:
            forged = json.loads(texts[i])
            forged["plancheck"] = "0.0.0"
            data = json.dumps(forged).encode()
        entry.write_bytes(data)
    assert _status(cache, monkeypatch) == expected
    assert not marker.exists()
    # Each planted entry was ignored and rebuilt: the cache holds good entries again.
    assert [p.read_bytes() for p in _entries(cache)] == texts


def test_the_cache_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "new" / "cache"
    _status(cache, monkeypatch)
    for folder in (cache, *[p for p in cache.rglob("*") if p.is_dir()]):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_cache_that_cannot_be_written_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    code, out = _status(blocked / "cache", monkeypatch)
    monkeypatch.setenv("PLANCHECK_CACHE", "off")
    assert (code, out) == _status(tmp_path / "unused", monkeypatch) and code == ExitCode.OK
    assert not (tmp_path / "unused").exists()


def test_a_changed_plan_is_not_served_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (ROOT / "plans" / "baodi-2019.yaml").read_text(encoding="utf-8")
    (plans / "baodi-2019.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(tmp_path / "cache"))
    args = ["status", "--plans", str(plans), "--actuals", str(ROOT / "actuals" / "baodi-2019.csv"),
            "--as-of", "2026-11-25", "--format", "json"]
    before = json.loads(invoke(args).stdout)
    (plans / "baodi-2019.yaml").write_text(text.replace("value: 150", "value: 180", 1), encoding="utf-8")
    after = json.loads(invoke(args).stdout)
    changed = [(a["target"]["value"], b["target"]["value"]) for a, b in zip(before["results"], after["results"],
                                                                            strict=True) if a != b]
    assert (150, 180) in changed
