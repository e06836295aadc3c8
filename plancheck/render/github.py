"""GitHub Actions workflow commands: ::error for results exiting 2, ::warning for those exiting 1,
each at the target's line in its plan file, so that a pull request shows it there; ::notice for an
accepted result that would fail the run, and for an acceptance that no longer applies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from plancheck.errors import InputError
from plancheck.evaluate.policy import ExitPolicy, code_for
from plancheck.exitcodes import ExitCode
from plancheck.model import Results
from plancheck.render.junit import message
from plancheck.render.words import clean, lapsed_text, status_text


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the runner expects (it unescapes these three)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file, title), escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """One annotation per result the run fails on."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", policy: ExitPolicy | None = None, **_: object) -> None:
        self.stream = stream
        self.lang = lang
        self.policy = policy or ExitPolicy()

    def report(self, results: Results) -> None:
        lines = []
        for r in results.visible:
            code = code_for(r, self.policy)
            if code is ExitCode.OK:
                continue
            accepted = results.acceptance(r)
            level = "notice" if accepted else "error" if code is ExitCode.MISSED else "warning"
            loc = r.target.location
            title = escape_property(f"{r.target.plan}/{r.target.indicator} "
                                    + status_text(r.status, self.lang, accepted is not None))
            text = message(r, self.lang, accepted is not None) + (f" — {accepted.reason}" if accepted else "")
            lines.append(f"::{level} file={escape_property(loc.path)},line={loc.line},title={title}::"
                         f"{escape_data(clean(text))}\n")
        for x in results.lapsed:
            where = x.acceptance.location
            place = "" if where is None else f"file={escape_property(where.path)},line={where.line},"
            title = "接受记录不再适用" if self.lang == "zh" else "acceptance lapsed"
            lines.append(f"::notice {place}title={title}::{escape_data(clean(lapsed_text(x, self.lang)))}\n")
        self.stream.write("".join(lines))


def input_errors(errors: Sequence[InputError], stream: IO[str], lang: str = "en") -> None:
    """One ::error per invalid input, at its file, line and column: a pull request that breaks a
    plan or a CSV row shows the problem on that line."""
    lines = []
    title = "输入无效" if lang == "zh" else "invalid input"
    for e in errors:
        place = f"file={escape_property(e.path)}"
        if e.line is not None:
            place += f",line={e.line}" + (f",col={e.column}" if e.column is not None else "")
        lines.append(f"::error {place},title={title}::{escape_data(clean(e.message))}\n")
    stream.write("".join(lines))
