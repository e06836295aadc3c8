"""Benchmarks for plancheck, in one run: throughput against the engine's own floor and a csv.reader
floor, cold and warm, peak memory, growth with the rows, small inputs against an earlier commit,
and start-up. Every figure is a whole process; the commands of one figure are interleaved."""

from __future__ import annotations

import argparse
import compileall
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # the repository: its plans/ and actuals/ are the bundled data
DATA = HERE / "data"
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (the generator lives beside this script)

AS_OF = "2024-06-30"
DEFAULT_SCALES = (0.01, 0.1, 0.2)
MILLION_SCALE = 0.2  # 940,800 rows: the data set the main goals are stated for
BEFORE = "501380c"  # main before the pipeline was restructured: small inputs must be no slower

# Runs argv (stdout to /dev/null) and prints, as JSON, its wall time, exit code, first error line and
# peak memory: RUSAGE_CHILDREN's ru_maxrss (the largest single process) and, when asked to sample
# ("1" before the command), the RSS of the process and its children (a cold run's pool) together
# every 5 ms. Sampling reads /proc some 200 times a second and takes CPU time from the run, so timed
# runs are never sampled.
WRAPPER = """
import json, os, resource, subprocess, sys, time

def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0) / 1024
    except OSError:
        return 0.0

def children(pid):
    try:
        return [int(c) for t in os.listdir(f"/proc/{pid}/task")
                for c in open(f"/proc/{pid}/task/{t}/children").read().split()]
    except OSError:
        return []

sample, argv = sys.argv[1] == "1", sys.argv[2:]
t = time.perf_counter()
p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
rss_all = 0.0
if sample and sys.platform == "linux":
    while p.poll() is None:
        rss_all = max(rss_all, rss(p.pid) + sum(rss(c) for c in children(p.pid)))
        time.sleep(0.005)
stderr = p.communicate()[1]
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / (1 << (20 if sys.platform == "darwin" else 10))
err = stderr.decode("utf-8", "replace").strip().splitlines()
print(json.dumps({"wall": wall, "rss": max(rss_all, peak), "code": p.returncode, "err": err[0] if err else ""}))
"""

# The engine floor: polars reads the same files and keeps the latest value of each (plan, indicator).
ENGINE_FLOOR = """
import sys, polars as pl
files = sorted(str(p) for p in __import__("pathlib").Path(sys.argv[1]).glob("*.csv"))
frame = pl.scan_csv(files, infer_schema=False).group_by("plan", "indicator").agg(
    pl.col("value").sort_by("date").last()).collect()
print(frame.height)
"""

# The parse floor: a bare csv.reader pass over every row of every CSV file in a folder.
CSV_FLOOR = """
import csv, pathlib, sys
n = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.csv")):
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            n += 1
print(n)
"""


@dataclass(frozen=True)
class Run:
    """One measured process."""

    wall: float  # seconds
    rss: float  # peak resident set size, MiB
    code: int


@dataclass(frozen=True)
class Dataset:
    """A generated data repository."""

    scale: float
    where: Path
    plans: int
    rows: int
    files: int


@dataclass(frozen=True)
class Throughput:
    """Median figures of one data set; each ratio is the median of the repetitions' own ratios."""

    data: Dataset
    engine_floor: float
    csv_floor: float
    cold: float
    warm: float
    peak: float
    cold_ratio: float
    warm_ratio: float


def measure(argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None,
            sample: bool = False) -> Run:
    """Run ``argv`` once in a fresh process, through the wrapper; stop on invalid input or a crash."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, "1" if sample else "0", *argv], capture_output=True,
                         text=True, env=env, cwd=cwd, check=True)
    r = json.loads(out.stdout)
    if r["code"] not in (0, 1, 2):
        raise SystemExit(f"benchmark aborted: {' '.join(argv)}\n  exit {r['code']}: {r['err']}")
    return Run(r["wall"], r["rss"], r["code"])


def plancheck(*args: str) -> list[str]:
    """The plancheck command line, run by this interpreter."""
    return [sys.executable, "-m", "plancheck", *args]


@contextmanager
def cache_env(**extra: str) -> Iterator[dict[str, str]]:
    """An environment whose plan cache is an empty temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="plancheck-bench-cache-") as folder:
        yield {**os.environ, "PLANCHECK_CACHE_DIR": folder, **extra}


def dataset(scale: float) -> Dataset:
    """The data set at ``scale``: reused if generated with the same parameters, else generated now."""
    where = DATA / f"scale-{scale}"
    stamp = where / "generated.json"
    source = Path(generate.__file__).read_bytes()
    wanted = {"scale": scale, "seed": generate.SEED, "generator": hashlib.sha256(source).hexdigest()[:16]}
    info = json.loads(stamp.read_text()) if stamp.is_file() else {}
    if {k: info.get(k) for k in wanted} != wanted:
        if where.exists():
            shutil.rmtree(where)
        started = time.perf_counter()
        info = {**wanted, **generate.generate(scale, where)}
        stamp.write_text(json.dumps(info, indent=1))
        print(f"  generated scale {scale}: {info['rows']:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
    return Dataset(scale, where, info["plans"], info["rows"], info["files"])


def median_wall(runs: Sequence[Run]) -> float:
    return statistics.median(r.wall for r in runs)


def throughput(data: Dataset, repeat: int, *, cold: bool = True) -> Throughput:
    """The floors, a cold and a warm run of one data set, interleaved in each repetition; peak
    memory from one sampled cold and one sampled warm run of their own."""
    actuals = str(data.where / "actuals")
    status = plancheck("status", "--plans", str(data.where / "plans"), "--actuals", actuals, "--as-of", AS_OF,
                       "--format", "json")
    engine, csv_floor, colds, warms = [], [], [], []
    with cache_env() as warm_env:
        measure(status, env=warm_env, cwd=data.where)  # fill the plan cache
        for _ in range(repeat):
            engine.append(measure([sys.executable, "-c", ENGINE_FLOOR, actuals]))
            csv_floor.append(measure([sys.executable, "-c", CSV_FLOOR, actuals]))
            if cold:
                with cache_env() as env:
                    colds.append(measure(status, env=env, cwd=data.where))
            warms.append(measure(status, env=warm_env, cwd=data.where))
        peak = measure(status, env=warm_env, cwd=data.where, sample=True).rss
    if cold:
        with cache_env() as env:
            peak = max(peak, measure(status, env=env, cwd=data.where, sample=True).rss)
    nan = float("nan")
    return Throughput(data, median_wall(engine), median_wall(csv_floor), median_wall(colds) if cold else nan,
                      median_wall(warms), peak,
                      statistics.median(c.wall / f.wall for c, f in zip(colds, engine, strict=True)) if cold else nan,
                      statistics.median(w.wall / f.wall for w, f in zip(warms, engine, strict=True)))


@contextmanager
def worktree(rev: str) -> Iterator[Path | None]:
    """A checkout of ``rev`` in a temporary folder (removed afterwards), or None without git."""
    folder = Path(tempfile.mkdtemp(prefix="plancheck-bench-before-"))
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder / "tree"), rev],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(folder, ignore_errors=True)
        yield None
        return
    try:
        yield folder / "tree"
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder / "tree")],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def startup(repeat: int, before: str) -> dict[str, float]:
    """Medians of start-up and of the bundled data, this tree and ``before``'s, interleaved."""
    runs: dict[str, list[Run]] = {k: [] for k in ("bare", "version", "table", "json", "before_json")}
    with cache_env() as env, cache_env() as old_env, worktree(before) as old:
        old_env = {**old_env, "PYTHONPATH": str(old)} if old else old_env
        measure(plancheck("status", "--format", "json"), env=env, cwd=ROOT)  # fill both plan caches
        if old:
            compileall.compile_dir(old / "plancheck", quiet=1)
            measure(plancheck("status", "--format", "json"), env=old_env, cwd=ROOT)
        for _ in range(repeat):
            runs["bare"].append(measure([sys.executable, "-c", "pass"]))
            runs["version"].append(measure(plancheck("--version")))
            runs["table"].append(measure(plancheck("status"), env=env, cwd=ROOT))
            runs["json"].append(measure(plancheck("status", "--format", "json"), env=env, cwd=ROOT))
            if old:
                runs["before_json"].append(measure(plancheck("status", "--format", "json"), env=old_env, cwd=ROOT))
        ratio = [a.wall / b.wall for a, b in zip(runs["json"], runs["before_json"], strict=False)]
    out = {k: median_wall(v) for k, v in runs.items() if v}
    if ratio:
        out["json_vs_before"] = statistics.median(ratio)
    return out


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for r in [header, *rows]:
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def throughput_table(results: Sequence[Throughput]) -> str:
    header = ["rows", "plans", "files", "engine floor", "csv floor", "cold", "warm", "cold/engine",
              "warm/engine", "peak"]
    rows = [[f"{t.data.rows:,}", f"{t.data.plans:,}", str(t.data.files), f"{t.engine_floor:.2f} s",
             f"{t.csv_floor:.2f} s", f"{t.cold:.2f} s", f"{t.warm:.2f} s", f"{t.cold_ratio:.2f}x",
             f"{t.warm_ratio:.2f}x", f"{t.peak:.0f} MiB"] for t in results]
    return table(header, rows)


def verdict(measured: float, limit: float) -> str:
    return "yes" if measured <= limit else "NO"


def targets_table(results: Sequence[Throughput], s: dict[str, float]) -> str:
    """The goals beside the measured figures."""
    rows = []
    for t in results:
        n = f"{t.data.rows:,} rows"
        if t.data.scale == MILLION_SCALE:
            rows += [[f"warm <= 3x the engine floor ({n})", f"{t.warm_ratio:.2f}x", verdict(t.warm_ratio, 3)],
                     [f"cold <= 6x the engine floor ({n})", f"{t.cold_ratio:.2f}x", verdict(t.cold_ratio, 6)],
                     [f"peak <= 300 MiB ({n})", f"{t.peak:.0f} MiB", verdict(t.peak, 300)]]
        elif t.data.scale == 1.0:
            rows += [[f"warm <= 4x the engine floor ({n})", f"{t.warm_ratio:.2f}x", verdict(t.warm_ratio, 4)],
                     [f"peak <= 1 GiB ({n})", f"{t.peak:.0f} MiB", verdict(t.peak, 1024)]]
        elif t.data.scale >= 10:
            rows.append([f"finishes under 4 GiB ({n})", f"{t.peak:.0f} MiB", verdict(t.peak, 4096)])
    rows.append(["plancheck --version <= 2x python -c pass", f"{s['version'] / s['bare']:.2f}x",
                 verdict(s["version"] / s["bare"], 2)])
    if "json_vs_before" in s:
        rows.append([f"status --format json, bundled, <= 1.1x {BEFORE}", f"{s['json_vs_before']:.2f}x",
                     verdict(s["json_vs_before"], 1.1)])
    return table(["goal", "measured", "holds"], rows)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="also the national scale (2,800 plans, 4.7M rows)")
    parser.add_argument("--huge", action="store_true", help="also ten times it (28,000 plans, 47M rows; one warm run)")
    parser.add_argument("--scales", type=lambda s: [float(x) for x in s.split(",")], default=None,
                        help="comma-separated scales instead of the default 0.01,0.1,0.2")
    parser.add_argument("--repeat", type=int, default=5, help="runs per throughput figure (median; default 5)")
    parser.add_argument("--startup-repeat", type=int, default=15, help="runs per start-up figure (default 15)")
    parser.add_argument("--before", default=BEFORE, help=f"commit small inputs are compared with (default {BEFORE})")
    return parser.parse_args()


def main() -> None:
    """Generate what is missing, measure everything in this run, print the tables; always exit 0."""
    args = arguments()
    scales = args.scales or [*DEFAULT_SCALES, *([1.0] if args.full else [])]
    started = time.perf_counter()
    spec = importlib.util.find_spec("plancheck")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("benchmark aborted: plancheck is not importable; run `make install` first")
    package = Path(next(iter(spec.submodule_search_locations)))
    compileall.compile_dir(package, quiet=1)  # as installing does: start-up must not measure compiling
    print(f"machine: {platform.platform()} ({platform.machine()}), {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    print(f"plancheck status --as-of {AS_OF} --format json; medians of {args.repeat} (start-up: "
          f"{args.startup_repeat}); each figure a whole process; peak from sampled runs of their own\n", flush=True)
    results = []
    for scale in scales:
        results.append(throughput(dataset(scale), args.repeat))
        print(f"  measured {results[-1].data.rows:,} rows ({time.perf_counter() - started:.0f} s so far)", flush=True)
    if args.huge:
        results.append(throughput(dataset(10.0), 1, cold=False))
    s = startup(args.startup_repeat, args.before)
    print("\nthroughput (engine floor: polars scan_csv and the latest value per plan and indicator; csv floor: "
          "a bare csv.reader pass; cold: empty plan cache)\n" + throughput_table(results))
    if len(results) > 1:
        print("\ngrowth\n" + table(["from -> to", "rows", "warm time", "cold time"], [
            [f"{a.data.rows:,} -> {b.data.rows:,}", f"{b.data.rows / a.data.rows:.2f}x", f"{b.warm / a.warm:.2f}x",
             f"{b.cold / a.cold:.2f}x"] for a, b in pairwise(results)]))
    figures = [("python -c pass", "bare"), ("plancheck --version", "version"), ("status, bundled (table)", "table"),
               ("status --format json, bundled", "json"), (f"the same at {args.before}", "before_json")]
    print("\nstart-up and small inputs (bundled plans and actuals, warm plan cache)\n" + table(
        ["command", "median", "vs python -c pass"],
        [[label, f"{s[k] * 1000:.0f} ms", f"{s[k] / s['bare']:.2f}x"] for label, k in figures if k in s]))
    print("\ngoals (a measurement, not a test: the exit code is 0 either way)\n" + targets_table(results, s))
    print(f"\nbenchmark wall time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
