"""Benchmarks: start-up, throughput against the csv.reader floor, and peak memory, in one run.

Prints figures; asserts nothing (`make bench`). Each measurement runs in a fresh process, through a
small wrapper that reports that process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402  (the generator lives beside this script)

# Runs ``argv`` and prints its wall time and peak RSS (KiB) as JSON: one isolated measurement.
WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
print(json.dumps({"wall": wall, "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "code": r.returncode, "err": r.stderr.decode(errors="replace")[-300:]}))
"""

FLOOR = """
import csv, glob, sys
n = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.csv")):
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            n += 1
"""


def measure(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, env=env, cwd=cwd,
                         check=True)
    result: dict[str, float] = json.loads(out.stdout)
    if result["code"] not in (0, 1, 2):
        raise SystemExit(f"{argv}: exit {result['code']}: {result['err']}")
    return result


def median_of(n: int, argv: list[str], **kw: object) -> tuple[float, float]:
    """Median wall time (s) and the largest peak RSS (MiB) over ``n`` runs."""
    runs = [measure(argv, **kw) for _ in range(n)]  # type: ignore[arg-type]
    return statistics.median(r["wall"] for r in runs), max(r["rss"] for r in runs) / 1024


def plancheck() -> list[str]:
    return [sys.executable, "-m", "plancheck"]


def dataset(scale: float) -> tuple[Path, int, int]:
    where = HERE / "data" / f"scale-{scale}"
    stamp = where / "generated.json"
    if stamp.is_file():
        info = json.loads(stamp.read_text())
    else:
        plans, rows = generate(scale, where)
        info = {"plans": plans, "rows": rows}
        stamp.write_text(json.dumps(info))
    return where, info["plans"], info["rows"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="also run national scale (2,800 plans, ~4.8M rows)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per throughput figure (median)")
    args = parser.parse_args()
    scales = [0.01, 0.1, 0.2] + ([1.0] if args.full else [])
    started = time.perf_counter()
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")

    bare, _ = median_of(15, [sys.executable, "-c", "pass"])
    version, _ = median_of(15, [*plancheck(), "--version"])
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PLANCHECK_CACHE_DIR": cache}
        measure([*plancheck(), "status", "--format", "json"], env=env, cwd=ROOT)  # fill the plan cache
        bundled, _ = median_of(10, [*plancheck(), "status", "--format", "json"], env=env, cwd=ROOT)
    print(f"\nstart-up: python -c pass {bare * 1000:.0f} ms; plancheck --version {version * 1000:.0f} ms "
          f"({version / bare:.2f}x, target <= 2x); status on the bundled data {bundled * 1000:.0f} ms "
          f"({bundled / bare:.2f}x, target <= 6x)")

    print(f"\n{'rows':>9} {'plans':>6} {'floor s':>8} {'cold s':>7} {'warm s':>7} {'warm/floor':>10} "
          f"{'cold/floor':>10} {'peak MiB':>9}")
    rows_seen: list[tuple[int, float]] = []
    for scale in scales:
        where, n_plans, n_rows = dataset(scale)
        floor, _ = median_of(args.repeat, [sys.executable, "-c", FLOOR, str(where / "actuals")])
        run = [*plancheck(), "status", "--plans", str(where / "plans"), "--actuals", str(where / "actuals"),
               "--as-of", "2024-06-30", "--format", "json"]
        colds, warms, peak = [], [], 0.0
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as cache:
                env = {**os.environ, "PLANCHECK_CACHE_DIR": cache}
                cold = measure(run, env=env)
                warm = measure(run, env=env)
            colds.append(cold["wall"])
            warms.append(warm["wall"])
            peak = max(peak, cold["rss"] / 1024, warm["rss"] / 1024)
        cold_s, warm_s = statistics.median(colds), statistics.median(warms)
        rows_seen.append((n_rows, warm_s))
        print(f"{n_rows:>9} {n_plans:>6} {floor:>8.2f} {cold_s:>7.2f} {warm_s:>7.2f} {warm_s / floor:>10.2f} "
              f"{cold_s / floor:>10.2f} {peak:>9.0f}")

    print("\nlinearity (warm):")
    for (r0, t0), (r1, t1) in pairwise(rows_seen):
        print(f"  {r1 / r0:.1f}x the rows took {t1 / t0:.2f}x the time (target: 10x rows <= 11x time)")
    print("\ntargets: at ~1M rows plancheck <= 2.5x the floor, peak RSS <= 300 MiB")
    print(f"benchmark wall time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
