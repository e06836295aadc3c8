"""report and diff: self-contained HTML with charts, Markdown for mail, changes between dates."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from plancheck.exitcodes import ExitCode
from tests.acceptance.conftest import invoke


def _base(repo: Path) -> list[str]:
    return ["--plans", str(repo / "plans"), "--actuals", str(repo / "actuals")]


@pytest.fixture
def history(repo: Path) -> Path:
    with open(repo / "actuals" / "a.csv", "a", encoding="utf-8") as f:
        f.write("mini,hte-in-force,2019-12-31,1290,年报\nmini,hte-in-force,2020-03-31,1320,季报\n"
                "mini,new-hte,2020-02-29,30,月报\n")
    return repo


def test_html_report_is_self_contained_with_bars_and_charts(history: Path) -> None:
    out = history / "report.html"
    r = invoke(["report", *_base(history), "--as-of", "2020-06-01", "--since", "2020-03-01", "-o", str(out),
                "--lang", "en"])
    assert r.exit_code == ExitCode.OK and r.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    for forbidden in ("<script", "<link", "@import", "url(", "src=", "href="):
        assert forbidden not in html, forbidden
    assert html.count("<svg") == 2  # both targets have a history
    assert html.count('class="bar"') == 2
    assert len(re.findall(r'<circle class="actual"', html)) == 5  # 2 + 3 observations
    assert "Changes (2020-03-01 → 2020-06-01)" in html and "newly lagging" in html


def test_html_escapes_everything_from_the_inputs(history: Path) -> None:
    p = history / "plans" / "mini.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("en: New national high-tech enterprises",
                                                       'en: "<script>alert(1)</script>"'), encoding="utf-8")
    html = invoke(["report", *_base(history), "--as-of", "2020-06-01", "--lang", "en"]).stdout
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_report(history: Path) -> None:
    r = invoke(["report", *_base(history), "--as-of", "2020-06-01", "--since", "2020-03-01", "--format", "markdown",
                "--lang", "en"])
    assert r.exit_code == ExitCode.OK
    assert r.stdout.startswith("# Plan target monitoring report — as of 2020-06-01\n")
    assert "| mini   | 0     | 1          | 0         | 0         | 1         | 0        | 2       |" in r.stdout
    assert "## Changes (2020-03-01 → 2020-06-01)" in r.stdout


def test_diff_lists_status_changes(history: Path) -> None:
    r = invoke(["diff", *_base(history), "--from", "2020-03-01", "--to", "2021-01-01", "--format", "json"])
    assert r.exit_code == ExitCode.OK
    changes = {c["indicator"]: (c["kind"], c["before"], c["after"]) for c in json.loads(r.stdout)["changes"]}
    # As of 2020-03-01: 30 of 250 new at 2/12 of the year is behind pace; the in-force count has only
    # its 2019 baseline, and its 2020-03-31 value is not yet known.
    assert changes == {"new-hte": ("newly_missed", "lagging", "missed"),
                       "hte-in-force": ("newly_missed", "pending", "missed")}


def test_diff_with_nothing_changed(history: Path) -> None:
    r = invoke(["diff", *_base(history), "--from", "2020-06-01", "--to", "2020-06-02", "--lang", "en"])
    assert r.stdout == "No status changed (2020-06-01 → 2020-06-02)\n"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium package (.ci/run installs it)")
def test_html_report_renders_in_a_real_browser(history: Path) -> None:
    from PIL import Image

    out = history / "report.html"
    assert invoke(["report", *_base(history), "--as-of", "2020-06-01", "-o", str(out), "--lang", "en"]).exit_code == 0
    shot = history / "shot.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", "--window-size=1200,800",
                        f"--screenshot={shot}", out.as_uri()], capture_output=True, timeout=120, check=True)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 800)
    colours = dict((colour, count) for count, colour in image.getcolors(maxcolors=1 << 24) or [])
    total = image.size[0] * image.size[1]
    not_white = total - colours.get((255, 255, 255), 0)
    assert not_white > total // 100  # text, bars and charts, not a blank page
    assert len(colours) > 20  # several colours: status colours, bars, chart lines
