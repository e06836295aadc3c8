"""Reporters for CI systems: JUnit XML (Jenkins, GitLab) and GitHub Actions workflow commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby, islice
from typing import IO
from xml.etree import ElementTree as ET

from plancheck.evaluate import Results
from plancheck.exitcodes import ExitCode
from plancheck.model import Result, Status
from plancheck.policy import ExitPolicy, code_for
from plancheck.reporters.common import actual_text, clean, name, pace_text, status_text, target_text


def _message(r: Result, lang: str) -> str:
    return (f"{name(r.target, lang)} ({r.target.plan}/{r.target.indicator}): {status_text(r.status, lang)}; "
            f"target {target_text(r.target, lang)}; actual {actual_text(r)}; pace {pace_text(r, lang)}")


class JunitReporter:
    """One testsuite per plan, one testcase per target; a failure for each result the run fails on."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", policy: ExitPolicy | None = None) -> None:
        self.stream = stream
        self.lang = lang
        self.policy = policy or ExitPolicy()

    def report(self, results: Results) -> None:
        root = ET.Element("testsuites", name="plancheck", tests=str(len(results)))
        total_failures = 0
        for plan_id, group in groupby(results, key=lambda r: r.target.plan):
            items = list(group)
            suite = ET.SubElement(root, "testsuite", name=clean(plan_id), tests=str(len(items)),
                                  file=items[0].target.location.path)
            failures = skipped = 0
            for r in items:
                # Jenkins' schema allows only name, classname, time and group on a testcase: the
                # target's place in its plan file goes into system-out.
                case = ET.SubElement(suite, "testcase", classname=clean(plan_id),
                                     name=f"{clean(r.target.indicator)} {r.target.deadline}")
                if code_for(r, self.policy) is not ExitCode.OK:
                    failures += 1
                    failure = ET.SubElement(case, "failure", message=clean(_message(r, self.lang)),
                                            type=r.status.value)
                    failure.text = clean(r.explanation)
                elif r.status.value in ("pending", "no_data"):
                    skipped += 1
                    ET.SubElement(case, "skipped", message=clean(f"{r.status.value}: {r.explanation}"))
                ET.SubElement(case, "system-out").text = f"{r.target.location}: {clean(_message(r, self.lang))}"
            suite.set("failures", str(failures))
            suite.set("errors", "0")
            suite.set("skipped", str(skipped))
            total_failures += failures
        root.set("failures", str(total_failures))
        root.set("errors", "0")
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")


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
        lines = iter(rendered)
        while batch := list(islice(lines, 512)):
            self.stream.write("".join(batch))
