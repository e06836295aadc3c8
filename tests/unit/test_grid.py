"""The terminal table layout: widths, alignment with CJK text, wrapping to a terminal, and colour rules."""

import io
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancheck.reporters.grid import Column, Terminal, line_width, plain, table, width, wrap

PLAIN = Terminal(colour=False, columns=None)


def test_width_counts_cjk_and_fullwidth_double_and_combining_marks_zero() -> None:
    assert width("abc") == 3
    assert width("新增企业") == 8
    assert width("１５４０") == 8  # full-width digits
    assert width("≥ 1,540 家 · 2020-12-31") == 23
    assert width("e\u0301") == 1


def rows_of(text: str) -> list[str]:
    return text.splitlines()


def test_columns_line_up_in_display_cells_whatever_the_script() -> None:
    cols = [Column("指标"), Column("Status")]
    out = table((("t", "bold"),), cols, [[plain("新增国家级高新技术企业"), plain("ok")],
                                         [plain("R&D"), plain("滞后")]], PLAIN)
    lines = rows_of(out)
    assert lines[0] == "t"
    # Every cell of the second column starts at the same display column.
    starts = [width(line[: line.index(word)]) for line, word in zip(lines[1:2] + lines[3:5], ["Status", "ok", "滞后"],
                                                                     strict=True)]
    assert starts == [1 + 22 + 3] * 3
    assert lines[2] == " " + "━" * (22 + 3 + 6)
    assert all(line == line.rstrip() for line in lines)
    assert out.endswith("\n\n")  # a blank line after each table


def test_multi_line_cells_make_taller_rows() -> None:
    out = table((), [Column("a"), Column("b")], [[(((("x"), ""),), (("y", "dim"),)), plain("z")]], PLAIN)
    assert rows_of(out)[3:5] == [" x   z", " y"]


def test_off_a_terminal_a_table_keeps_its_natural_width() -> None:
    long = "x" * 300
    out = table((), [Column("a", fold=True, min_width=16)], [[plain(long)]], PLAIN)
    assert f" {long}" in rows_of(out)


def test_on_a_narrow_terminal_folding_columns_wrap_first() -> None:
    term = Terminal(colour=False, columns=40)
    cols = [Column("Indicator", fold=True, min_width=16), Column("Target")]
    out = table((), cols, [[plain("National tech-based SMEs admitted to the register"), plain("≥ 150 家")]], term)
    lines = rows_of(out)
    assert max(width(line) for line in lines) <= 40
    assert lines[3].endswith("≥ 150 家")  # the target column is whole
    text = " ".join(line[1:].split("   ")[0].strip() for line in lines[3:] if line.strip())
    assert text == "National tech-based SMEs admitted to the register"


@given(st.text(alphabet=st.sampled_from("ab 新增企业,"), max_size=60), st.integers(min_value=2, max_value=20))
def test_wrapping_keeps_every_character_but_the_spaces_it_breaks_at(text: str, limit: int) -> None:
    lines = wrap(((text, "dim"),), limit)
    assert all(line_width(line) <= limit for line in lines)
    assert "".join(t for line in lines for t, _ in line).replace(" ", "") == text.replace(" ", "")
    assert all(style == "dim" for line in lines for _, style in line)


def test_paint_colours_only_when_asked() -> None:
    line = (("✔ met", "green"), (" · ", ""), ("none", "dim"))
    assert Terminal(colour=False, columns=None).paint(line) == "✔ met · none"
    assert Terminal(colour=True, columns=None).paint(line) == "\x1b[32m✔ met\x1b[0m · \x1b[2mnone\x1b[0m"


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError("no descriptor")


@pytest.mark.parametrize(("env", "tty", "colour"), [
    ({}, False, False),
    ({}, True, True),
    ({"TERM": "dumb"}, True, False),
    ({"NO_COLOR": "1"}, True, False),
    ({"FORCE_COLOR": "1"}, False, True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
])
def test_colour_follows_the_terminal_and_the_usual_variables(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                                                             tty: bool, colour: bool) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = FakeTty() if tty else io.StringIO()
    assert Terminal.of(stream).colour is colour


def test_columns_variable_sets_the_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    assert Terminal.of(io.StringIO()).columns == 72
    monkeypatch.setenv("COLUMNS", "wide")
    assert Terminal.of(io.StringIO()).columns is None
    monkeypatch.delenv("COLUMNS")
    assert Terminal.of(FakeTty()).columns is None  # a terminal whose size cannot be read: natural width
    assert os.environ.get("COLUMNS") is None


def test_a_column_that_must_not_wrap_keeps_its_width() -> None:
    term = Terminal(colour=False, columns=30)
    cols = [Column("Indicator", fold=True, min_width=10), Column("Target"), Column("Status", wrap=False)]
    out = table((), cols, [[plain("a long indicator name"), plain("≥ 150 家 · 2019-12-31"), plain("? no data")]], term)
    assert any(line.endswith("? no data") for line in out.splitlines())
    assert "? no" not in out.replace("? no data", "")
