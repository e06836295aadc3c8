"""Ending a console run: streams flushed, the exit code kept, nothing held in library use."""

import subprocess
import sys

from plancheck import process


def test_library_use_keeps_nothing() -> None:
    process.keep(object())
    assert process._kept is None  # tests run commands in-process: holding their data would leak


def test_end_flushes_buffered_output_and_exits_with_the_code() -> None:
    code = ("import sys\nfrom plancheck import process\nprocess.hold()\nprocess.keep([1] * 10)\n"
            "sys.stdout.write('x' * 100000)\nsys.stderr.write('partial line')\nprocess.end(3)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (r.returncode, len(r.stdout), r.stderr) == (3, 100000, "partial line")
