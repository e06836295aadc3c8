"""Reporters, fed hand-built results, compared on exact output."""

import dataclasses
import io
import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from plancheck.model import Result, Results, Status
from plancheck.render.csv import CsvReporter
from plancheck.render.json import JsonReporter, number
from plancheck.render.junit import JunitReporter
from plancheck.render.table import TableReporter
from plancheck.render.text import MarkdownReporter, PlainReporter
from tests.builders import obs, target

AS_OF = date(2020, 6, 1)


def one(status: Status = Status.LAGGING, **kw: object) -> Results:
    t = target(value="40", unit="亿元")
    o = obs(date(2020, 5, 31), "12.5")
    r = Result(target=t, status=status, as_of=AS_OF, actual=Decimal("12.5"), actual_date=o.date, observation=o,
               progress=Fraction(5, 16), expected=Fraction(5, 12), **kw)  # type: ignore[arg-type]
    return Results(as_of=AS_OF, items=(r,))


def render(cls: type, results: Results) -> str:
    out = io.StringIO()
    cls(stream=out).report(results)
    return out.getvalue()


def test_json_is_stable_and_exact() -> None:
    data = json.loads(render(JsonReporter, one()))
    assert data["schema_version"] == 1 and data["as_of"] == "2020-06-01" and data["worst"] == "lagging"
    (r,) = data["results"]
    assert {k: r[k] for k in ("plan", "indicator", "name", "status", "deadline", "soft")} == {
        "plan": "p", "indicator": "i", "name": "指标", "status": "lagging", "deadline": "2020-12-31", "soft": False}
    assert r["target"] == {"op": ">=", "value": 40, "unit": "亿元", "base_value": 4000000000}
    assert r["actual"]["value"] == 12.5 and r["actual"]["date"] == "2020-05-31"
    assert r["progress"] == 0.3125 and r["expected"] == 0.416667 and r["gap_points"] == -10.4167


def test_json_numbers_keep_their_decimal_text() -> None:
    assert json.dumps(number(Decimal("2.59"))) == "2.59"
    assert number(Decimal("6.788")) == 6.788
    # A computed rate (growth from two levels) has 28 digits: a number still, rounded to a double.
    assert number(Decimal("6.123412289735667696532784100")) == float("6.123412289735667696532784100")


def test_plain_table_reads_without_colour() -> None:
    text = render(PlainReporter, one())
    assert "⚠ 滞后" in text and "≥ 40 亿元 · 2020-12-31" in text and "12.5 亿元 (2020-05-31)" in text
    assert "41.7% (−10.4 个百分点)" in text
    assert "\x1b[" not in text


def test_rich_table_has_no_ansi_off_a_terminal() -> None:
    text = render(TableReporter, one())
    assert "滞后" in text and "\x1b[" not in text


def renamed(name_zh: str) -> Results:
    """One met result whose indicator has the name ``name_zh``."""
    t = dataclasses.replace(one().items[0].target, name_zh=name_zh)
    return Results(as_of=AS_OF, items=(Result(target=t, status=Status.MET, as_of=AS_OF),))


def test_markdown_escapes_markup() -> None:
    text = render(MarkdownReporter, renamed("<script>x</script>|*"))
    assert "&lt;script&gt;x&lt;/script&gt;\\|\\*" in text and "<script>" not in text


def test_csv_neutralises_formulas() -> None:
    text = render(CsvReporter, renamed('=HYPERLINK("x")'))
    assert "'=HYPERLINK" in text


def _number_by_tuple(value: Decimal) -> float | int:
    """The JSON number of a Decimal as first written: from its sign, digits and exponent."""
    _, figures, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent >= 0 and len(figures) + exponent <= 15:
        return int(value)
    return float(value)


@given(st.one_of(st.decimals(allow_nan=False, allow_infinity=False),
                 st.builds(lambda d, e: Decimal(d).scaleb(e), st.integers(-10**20, 10**20), st.integers(-30, 30))))
def test_json_number_from_a_decimals_text_equals_the_number_from_its_digits(value: Decimal) -> None:
    # plancheck holds finite numbers only (plans and actuals refuse the others).
    assert repr(number(value)) == repr(_number_by_tuple(value))


def test_junit_groups_testcases_by_plan_and_counts_them() -> None:
    lagging, met = one(), one(Status.MET)
    other = dataclasses.replace(met.items[0], target=dataclasses.replace(met.items[0].target, plan="q"))
    results = Results(as_of=AS_OF, items=(lagging.items[0], met.items[0], other))
    text = render(JunitReporter, results)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n'
                           '<testsuites name="plancheck" tests="3" failures="1" errors="0">\n'
                           '  <testsuite name="p" tests="2" file="plans/p.yaml" failures="1" errors="0" skipped="0">\n'
                           '    <testcase classname="p" name="i 2020-12-31">\n'
                           '      <failure message="')
    assert text.count("<testsuite ") == 2 and '<testsuite name="q" tests="1"' in text
    assert text.endswith("    </testcase>\n  </testsuite>\n</testsuites>\n")
    assert render(JunitReporter, Results(as_of=AS_OF, items=())) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="plancheck" tests="0" failures="0" errors="0" />\n')
