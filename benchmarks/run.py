"""Benchmarks for plancheck: throughput against a csv.reader floor, memory, linearity and start-up, in one run."""

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
MILLION_SCALE = 0.2  # the ~1M-row data set the memory and floor targets are stated for

# Runs argv (stdout to /dev/null) and prints, as JSON, its wall time, exit code, first error line and
# peak RSS. plancheck may read with a helper process beside it, so on Linux the wrapper samples the
# Runs a command and reports its wall time and peak memory: RUSAGE_CHILDREN's ru_maxrss (the largest
# single process) and, when asked to sample ("1" before the command), the RSS of the process and its
# children together every 5 ms, the memory the run holds at once. Sampling reads /proc some 200 times
# a second and takes CPU time from a run that uses both CPUs (plancheck: 10% more wall time at
# 940,800 rows) but not from one that uses one (the floor), so timed runs are never sampled.
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

# The parse floor: a bare csv.reader pass over every row of every CSV file in a folder.
FLOOR = """
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
    rss: float  # peak resident set size of the process and its helpers together, MiB
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
    """Median figures of one data set."""

    data: Dataset
    floor: float
    cold: float
    warm: float
    rss_cold: float
    rss_warm: float
    cold_ratio: float
    """The median, over the repetitions, of each one's cold time over its floor."""
    warm_ratio: float


@dataclass(frozen=True)
class Startup:
    """Median start-up figures, in seconds."""

    bare: float
    version: float
    bundled_warm: float
    bundled_cold: float
    bundled_json: float


def measure(argv: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None,
            sample: bool = False) -> Run:
    """Run ``argv`` once in a fresh process, through the wrapper; stop on invalid input or usage errors.
    ``sample``: measure the memory of all its processes together, at some cost in time."""
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
def cache_env() -> Iterator[dict[str, str]]:
    """An environment whose plan cache is an empty temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="plancheck-bench-cache-") as folder:
        yield {**os.environ, "PLANCHECK_CACHE_DIR": folder}


def fingerprint(scale: float) -> dict[str, object]:
    """Everything a generated data set depends on: scale, seed and the generator's source."""
    source = Path(generate.__file__).read_bytes()
    return {"scale": scale, "seed": generate.SEED, "generator": hashlib.sha256(source).hexdigest()[:16]}


def dataset(scale: float) -> Dataset:
    """The data set at ``scale``: reused if generated with the same parameters, else generated now."""
    where = DATA / f"scale-{scale}"
    stamp = where / "generated.json"
    wanted = fingerprint(scale)
    info = json.loads(stamp.read_text()) if stamp.is_file() else {}
    if {k: info.get(k) for k in wanted} != wanted:
        if where.exists():
            shutil.rmtree(where)
        started = time.perf_counter()
        info = {**wanted, **generate.generate(scale, where)}
        stamp.write_text(json.dumps(info, indent=1))
        print(f"  generated scale {scale}: {info['rows']:,} rows in {time.perf_counter() - started:.1f} s")
    return Dataset(scale, where, info["plans"], info["rows"], info["files"])


def median_wall(runs: Sequence[Run]) -> float:
    """The median wall time of ``runs``."""
    return statistics.median(r.wall for r in runs)


MEMORY_REPEAT = 2
"""Sampled cold and warm runs per data set, for peak memory (the largest of them is reported)."""


def throughput(data: Dataset, repeat: int) -> Throughput:
    """Floor, cold-cache and warm-cache figures of one data set (medians of ``repeat`` runs). The three
    are interleaved, so that a change in the machine's load affects them alike. Peak memory comes from
    runs of their own (see WRAPPER)."""
    floor = [sys.executable, "-c", FLOOR, str(data.where / "actuals")]
    status = plancheck("status", "--plans", str(data.where / "plans"), "--actuals", str(data.where / "actuals"),
                       "--as-of", AS_OF, "--format", "json")
    floors, colds, warms = [], [], []
    for _ in range(repeat):
        floors.append(measure(floor))
        with cache_env() as env:  # each repetition starts from an empty plan cache
            colds.append(measure(status, env=env, cwd=data.where))
            warms.append(measure(status, env=env, cwd=data.where))
    sampled_cold, sampled_warm = [], []
    for _ in range(MEMORY_REPEAT):
        with cache_env() as env:
            sampled_cold.append(measure(status, env=env, cwd=data.where, sample=True))
            sampled_warm.append(measure(status, env=env, cwd=data.where, sample=True))
    return Throughput(data, median_wall(floors), median_wall(colds), median_wall(warms),
                      max(r.rss for r in sampled_cold), max(r.rss for r in sampled_warm),
                      statistics.median(c.wall / f.wall for c, f in zip(colds, floors, strict=True)),
                      statistics.median(w.wall / f.wall for w, f in zip(warms, floors, strict=True)))


def startup(repeat: int) -> Startup:
    """Start-up figures; the commands are interleaved so that drift affects them alike."""
    bare, version, warm, cold, as_json = [], [], [], [], []
    with cache_env() as env:
        measure(plancheck("status"), env=env, cwd=ROOT)  # fill the plan cache for the warm runs
        for _ in range(repeat):
            bare.append(measure([sys.executable, "-c", "pass"]))
            version.append(measure(plancheck("--version")))
            warm.append(measure(plancheck("status"), env=env, cwd=ROOT))
            as_json.append(measure(plancheck("status", "--format", "json"), env=env, cwd=ROOT))
            with cache_env() as empty:
                cold.append(measure(plancheck("status"), env=empty, cwd=ROOT))
    return Startup(*(median_wall(x) for x in (bare, version, warm, cold, as_json)))


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for r in [header, *rows]:
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:.0f} ms"


def throughput_table(results: Sequence[Throughput]) -> str:
    """The main table: one line per data set."""
    header = ["scale", "rows", "plans", "files", "floor", "cold", "warm", "cold/floor", "warm/floor",
              "peak cold", "peak warm"]
    rows = [[f"{t.data.scale:.0%}", f"{t.data.rows:,}", f"{t.data.plans:,}", str(t.data.files), f"{t.floor:.2f} s",
             f"{t.cold:.2f} s", f"{t.warm:.2f} s", f"{t.cold_ratio:.2f}x", f"{t.warm_ratio:.2f}x",
             f"{t.rss_cold:.0f} MiB", f"{t.rss_warm:.0f} MiB"] for t in results]
    return table(header, rows)


def linearity_table(results: Sequence[Throughput]) -> str:
    """Time ratios between consecutive data sets beside their row ratios."""
    header = ["from -> to", "rows ratio", "cold time ratio", "warm time ratio", "floor time ratio"]
    rows = [[f"{a.data.scale:.0%} -> {b.data.scale:.0%}", f"{b.data.rows / a.data.rows:.2f}x",
             f"{b.cold / a.cold:.2f}x", f"{b.warm / a.warm:.2f}x", f"{b.floor / a.floor:.2f}x"]
            for a, b in pairwise(results)]
    return table(header, rows)


def startup_table(s: Startup) -> str:
    """Start-up figures against bare interpreter start-up."""
    figures = [("python -c pass", s.bare), ("plancheck --version", s.version),
               ("plancheck status, bundled data (table, warm cache)", s.bundled_warm),
               ("plancheck status, bundled data (table, cold cache)", s.bundled_cold),
               ("plancheck status --format json, bundled data (warm)", s.bundled_json)]
    rows = [[label, ms(t), f"{t / s.bare:.2f}x"] for label, t in figures]
    return table(["command", "median", "vs python -c pass"], rows)


def verdict(measured: float, limit: float) -> str:
    """Whether a measured figure is within its target."""
    return "yes" if measured <= limit else "NO"


def targets_table(results: Sequence[Throughput], s: Startup) -> str:
    """The issue's targets beside the measured figures."""
    rows = []
    million = next((t for t in results if t.data.scale == MILLION_SCALE), None)
    if million is not None:
        n = f"{million.data.rows:,} rows"
        rows += [[f"status <= 2.5x the floor at ~1M rows ({n}, warm)", f"{million.warm_ratio:.2f}x",
                  verdict(million.warm_ratio, 2.5)],
                 [f"status <= 2.5x the floor at ~1M rows ({n}, cold)", f"{million.cold_ratio:.2f}x",
                  verdict(million.cold_ratio, 2.5)],
                 [f"peak RSS (all processes) <= 300 MiB at ~1M rows ({n})",
                  f"{max(million.rss_cold, million.rss_warm):.0f} MiB",
                  verdict(max(million.rss_cold, million.rss_warm), 300)]]
    for a, b in pairwise(results):
        rows_ratio = b.data.rows / a.data.rows
        if 9 <= rows_ratio <= 11:
            for label, ta, tb in (("warm", a.warm, b.warm), ("cold", a.cold, b.cold)):
                rows.append([f"10x rows <= 11x time ({a.data.scale:.0%} -> {b.data.scale:.0%}, {label})",
                             f"{tb / ta:.2f}x for {rows_ratio:.2f}x rows", verdict(tb / ta, 1.1 * rows_ratio)])
    rows += [["plancheck --version <= 2x python -c pass", f"{s.version / s.bare:.2f}x", verdict(s.version / s.bare, 2)],
             ["status (table) on the bundled data <= 6x python -c pass (warm)", f"{s.bundled_warm / s.bare:.2f}x",
              verdict(s.bundled_warm / s.bare, 6)],
             ["status (table) on the bundled data <= 6x python -c pass (cold)", f"{s.bundled_cold / s.bare:.2f}x",
              verdict(s.bundled_cold / s.bare, 6)],
             ["status --format json on the bundled data <= 6x python -c pass (warm)", f"{s.bundled_json / s.bare:.2f}x",
              verdict(s.bundled_json / s.bare, 6)]]
    return table(["target", "measured", "holds"], rows)


def machine() -> str:
    """The machine the figures were measured on."""
    return (f"{platform.platform()} ({platform.machine()}), {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()} ({sys.executable})")


def arguments() -> argparse.Namespace:
    """Command line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="also run national scale (100%%: 2,800 plans, ~4.9M rows)")
    parser.add_argument("--scales", type=lambda s: [float(x) for x in s.split(",")], default=None,
                        help="comma-separated scales instead of the default 0.01,0.1,0.2")
    parser.add_argument("--repeat", type=int, default=5, help="runs per throughput figure (median; default 5)")
    parser.add_argument("--startup-repeat", type=int, default=15, help="runs per start-up figure (default 15)")
    return parser.parse_args()


def byte_compile() -> Path:
    """Compile plancheck's modules to bytecode, as installing a package does. A source tree run with
    PYTHONDONTWRITEBYTECODE set (some CI images and containers set it) otherwise compiles every
    module on every run, which start-up figures would measure instead of plancheck."""
    spec = importlib.util.find_spec("plancheck")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("benchmark aborted: plancheck is not importable; run `make install` first")
    package = Path(next(iter(spec.submodule_search_locations)))
    compileall.compile_dir(package, quiet=1)
    return package


def main() -> None:
    """Generate what is missing, measure everything in this run, print the tables; always exit 0."""
    args = arguments()
    scales = args.scales or [*DEFAULT_SCALES, *([1.0] if args.full else [])]
    started = time.perf_counter()
    print(f"machine: {machine()}")
    print(f"plancheck: {byte_compile()} (byte-compiled, as an installed package is)")
    print(f"plancheck status --as-of {AS_OF} --format json; medians of {args.repeat} runs (start-up: "
          f"{args.startup_repeat}); every figure from a fresh process; peak = peak RSS of plancheck and its "
          f"reading helper together, from {MEMORY_REPEAT} more cold and warm runs each, sampled every 5 ms on "
          "Linux (else the largest process's); timed runs are not sampled\n")
    data = [dataset(s) for s in scales]
    results = []
    for d in data:
        results.append(throughput(d, args.repeat))
        print(f"  measured scale {d.scale:.0%} ({time.perf_counter() - started:.0f} s so far)", flush=True)
    s = startup(args.startup_repeat)
    print("\nthroughput (floor = bare csv.reader pass over the same files; cold = empty plan cache, "
          "warm = filled; x/floor = median of each repetition's ratio)\n" + throughput_table(results))
    if len(results) > 1:
        print("\nlinearity\n" + linearity_table(results))
    print("\nstart-up (cwd = repository root, bundled plans/ and actuals/)\n" + startup_table(s))
    print("\ntargets (a measurement, not a test: the exit code is 0 either way)\n" + targets_table(results, s))
    print(f"\nbenchmark wall time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
