"""report and diff: self-contained HTML with charts, Markdown for mail, changes between dates."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image, ImageChops

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
# Without the browser the test cannot run; on CI (.ci/run installs it) its absence is a failure.
needs_browser = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                   reason="needs Debian's chromium package (.ci/run installs it)")


def _screenshot(page: Path, shot: Path) -> Image.Image:
    assert CHROMIUM is not None, "chromium is not installed (.ci/run installs it with apt)"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", "--window-size=1200,800",
                        f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    return Image.open(shot).convert("RGB")


@needs_browser
def test_html_report_renders_in_a_real_browser(history: Path) -> None:
    out = history / "report.html"
    assert invoke(["report", *_base(history), "--as-of", "2020-06-01", "-o", str(out), "--lang", "en"]).exit_code == 0
    image = _screenshot(out, history / "shot.png")
    assert image.size == (1200, 800)
    colours = dict((colour, count) for count, colour in image.getcolors(maxcolors=1 << 24) or [])
    total = image.size[0] * image.size[1]
    not_white = total - colours.get((255, 255, 255), 0)
    assert not_white > total // 100  # text, bars and charts, not a blank page
    assert len(colours) > 20  # several colours: status colours, bars, chart lines


@needs_browser
def test_chinese_renders_as_glyphs_not_empty_boxes(history: Path) -> None:
    """The zh report's Chinese drawn with a CJK font differs from the same page with each Chinese
    character replaced by a private-use one, which no font has a glyph for: without a CJK font both
    are the same empty boxes (.ci/run installs fonts-wqy-microhei)."""
    out = history / "zh.html"
    assert invoke(["report", *_base(history), "--as-of", "2020-06-01", "-o", str(out), "--lang", "zh"]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    boxes = history / "boxes.html"
    boxes.write_text(re.sub(r"[\u4e00-\u9fff]", "\ue000", text), encoding="utf-8")
    assert boxes.read_text(encoding="utf-8") != text
    chinese, private = _screenshot(out, history / "zh.png"), _screenshot(boxes, history / "boxes.png")
    differing = sum(ImageChops.difference(chinese, private).convert("L").histogram()[1:])
    assert differing > 2000, differing  # glyphs, stroke by stroke, against boxes


def _charts(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html)


def test_charts_have_axes_and_a_legend_in_the_report_language(history: Path) -> None:
    for lang, words in (("en", ["observations", "target", "pace line"]), ("zh", ["实际值", "目标", "序时进度线"])):
        out = history / f"report-{lang}.html"
        invoke(["report", *_base(history), "--as-of", "2020-06-01", "-o", str(out), "--lang", lang])
        level = _charts(out.read_text(encoding="utf-8"))[1]  # hte-in-force: baseline 1,290 at 2019-12-31
        legend = re.findall(r'<text class="legend"[^>]*>([^<]*)</text>', level)
        assert legend == words
        axis = re.findall(r'<text class="axis"[^>]*>([^<]*)</text>', level)
        # The values at the bottom, at the target and at the top; the dates of the period's ends.
        assert axis[1] == "1,540 家" and axis[-2:] == ["2019-12-31", "2020-12-31"]
        low, high = (int(a.replace(",", "")) for a in (axis[0], axis[2]))
        assert low <= 1290 and high >= 1540


def test_a_year_by_year_target_is_charted_over_its_own_year(tmp_path: Path) -> None:
    plans, actuals = tmp_path / "plans", tmp_path / "actuals"
    plans.mkdir()
    actuals.mkdir()
    (plans / "y.yaml").write_text("""\
id: y
title: {zh: 逐年, en: Year by year}
period: {start: 2020-01-01, end: 2022-12-31}
source_file: seed.txt
indicators:
  - id: rd
    name: {zh: 研发投入强度, en: R&D intensity}
    kind: share
    unit: "%"
    targets:
      - {op: ">=", value: 2.57, year: 2020, sources: [{section: 一, quote: "2.57"}]}
      - {op: ">=", value: 2.58, year: 2021, sources: [{section: 一, quote: "2.58"}]}
      - {op: ">=", value: 2.59, year: 2022, sources: [{section: 一, quote: "2.59"}]}
""", encoding="utf-8")
    (actuals / "a.csv").write_text("plan,indicator,date,value\ny,rd,2020-12-31,2.5\ny,rd,2021-06-30,2.55\n"
                                   "y,rd,2021-12-31,2.6\ny,rd,2022-12-31,2.7\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert invoke(["report", "--plans", str(plans), "--actuals", str(actuals), "--as-of", "2023-01-31", "-o", str(out),
                   "--lang", "en"]).exit_code == ExitCode.OK
    charts = _charts(out.read_text(encoding="utf-8"))
    dates = [re.findall(r"\((\d{4}-\d{2}-\d{2})\)</title>", c) for c in charts]
    # 2021's chart starts at its baseline (2020's year-end value) and ends at its own deadline.
    assert dates == [["2020-12-31"], ["2020-12-31", "2021-06-30", "2021-12-31"], ["2021-12-31", "2022-12-31"]]
    assert re.findall(r'<text class="axis"[^>]*>(\d{4}-\d{2}-\d{2})</text>', charts[1]) == ["2020-12-31", "2021-12-31"]
