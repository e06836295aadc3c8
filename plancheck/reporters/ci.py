"""Reporters for CI systems: JUnit XML (Jenkins, GitLab) and GitHub Actions workflow commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby
from typing import IO
from xml.sax.saxutils import escape

from plancheck.evaluate import Results
from plancheck.exitcodes import ExitCode
from plancheck.model import Result, Status
from plancheck.policy import ExitPolicy, code_for
from plancheck.reporters import batches
from plancheck.reporters.common import actual_text, clean, name, pace_text, status_text, target_text


def _message(r: Result, lang: str) -> str:
    return (f"{name(r.target, lang)} ({r.target.plan}/{r.target.indicator}): {status_text(r.status, lang)}; "
            f"target {target_text(r.target, lang)}; actual {actual_text(r)}; pace {pace_text(r, lang)}")


class JunitReporter:
    """One testsuite per plan, one testcase per target; a failure for each result the run fails on.

    Each testcase is rendered apart (``render``), headed by what ``write`` needs to put it in its
    plan's suite and count it, so that a run over many files renders testcases in the process that
    evaluated them. The document is laid out and escaped as ElementTree, indented, writes it."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", policy: ExitPolicy | None = None) -> None:
        self.stream = stream
        self.lang = lang
        self.policy = policy or ExitPolicy()

    def report(self, results: Results) -> None:
        self.write(results.as_of, results.counts(), map(self.render, results))

    def render(self, r: Result) -> str:
        """The testcase, indented for its place in the document, headed by its plan, its plan file and
        F, S or P (failed, skipped, passed), the four joined by NUL characters."""
        plan_id = clean(r.target.plan)
        message = clean(_message(r, self.lang))
        if code_for(r, self.policy) is not ExitCode.OK:
            outcome = "F"
            first = _element("failure", clean(r.explanation), message=message, type=r.status.value) + _CHILD
        elif r.status.value in ("pending", "no_data"):
            outcome = "S"
            first = _element("skipped", "", message=clean(f"{r.status.value}: {r.explanation}")) + _CHILD
        else:
            outcome, first = "P", ""
        # Jenkins' schema allows only name, classname, time and group on a testcase: the target's
        # place in its plan file goes into system-out.
        case = (_start_tag("testcase", classname=plan_id, name=f"{clean(r.target.indicator)} {r.target.deadline}")
                + _CHILD + first + _element("system-out", f"{r.target.location}: {message}") + "\n    </testcase>")
        return f"{plan_id}\0{r.target.location.path}\0{outcome}\0{case}"

    def write(self, as_of: date, counts: dict[Status, int], rendered: Iterable[str]) -> None:
        """Write the document from each result's ``render`` text, in order (``counts`` is not needed:
        the suites count their own testcases)."""
        suites = [(plan_id, list(cases)) for plan_id, cases in
                  groupby((text.split("\0", 3) for text in rendered), key=lambda parts: parts[0])]
        failures = {plan_id: sum(c[2] == "F" for c in cases) for plan_id, cases in suites}
        tests = sum(len(cases) for _, cases in suites)
        root = _start_tag("testsuites", name="plancheck", tests=str(tests), failures=str(sum(failures.values())),
                          errors="0")
        w = self.stream.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not suites:
            w(root[:-1] + " />\n")  # an empty element
            return
        w(root)
        for plan_id, cases in suites:
            w("\n  " + _start_tag("testsuite", name=plan_id, tests=str(len(cases)), file=cases[0][1],
                                  failures=str(failures[plan_id]), errors="0",
                                  skipped=str(sum(c[2] == "S" for c in cases))))
            for batch in batches(c[3] for c in cases):
                w("\n    " + "\n    ".join(batch))
            w("\n  </testsuite>")
        w("\n</testsuites>\n")


_CHILD = "\n      "
"""What goes before a testcase's child: the indentation ElementTree.indent gives the third level."""

# ElementTree escapes these in attribute values, besides & < > (xml.sax.saxutils.escape's own).
_IN_ATTRIBUTES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _start_tag(tag: str, **attributes: str) -> str:
    return f"<{tag}" + "".join(f' {k}="{escape(v, _IN_ATTRIBUTES)}"' for k, v in attributes.items()) + ">"


def _element(tag: str, text: str, **attributes: str) -> str:
    """An element without children, as ElementTree writes one: empty, it is closed with " />"."""
    start = _start_tag(tag, **attributes)
    return f"{start}{escape(text)}</{tag}>" if text else start[:-1] + " />"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """GitHub Actions workflow commands: ::error for results exiting 2, ::warning for those exiting 1,
    each pointing at the target's line in its plan file so the pull request shows it there."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", policy: ExitPolicy | None = None) -> None:
        self.stream = stream
        self.lang = lang
        self.policy = policy or ExitPolicy()

    def report(self, results: Results) -> None:
        self.write(results.as_of, results.counts(), map(self.render, results))

    def render(self, r: Result) -> str:
        """The result's command line, or nothing for a result the run does not fail on."""
        code = code_for(r, self.policy)
        if code is ExitCode.OK:
            return ""
        level = "error" if code is ExitCode.MISSED else "warning"
        loc = r.target.location
        title = _escape_property(f"{r.target.plan}/{r.target.indicator} {r.status.value}")
        return (f"::{level} file={_escape_property(loc.path)},line={loc.line},title={title}::"
                f"{_escape_data(clean(_message(r, self.lang)))}\n")

    def write(self, as_of: date, counts: dict[Status, int], rendered: Iterable[str]) -> None:
        """Write each result's ``render`` line, in order (there is no summary), a few hundred a time."""
        for batch in batches(rendered):
            self.stream.write("".join(batch))
