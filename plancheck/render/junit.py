"""JUnit XML (Jenkins, GitLab): one testsuite per plan, one testcase per target, a failure for each
result the run fails on. Valid against the JUnit schema both read."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import IO
from xml.etree import ElementTree as ET

from plancheck.errors import InputError
from plancheck.evaluate.policy import ExitPolicy, code_for
from plancheck.exitcodes import ExitCode
from plancheck.model import Result, Results, Status
from plancheck.model.acceptance import Acceptance
from plancheck.render.reasons import explain
from plancheck.render.words import LABELS, actual_text, clean, name, pace_text, status_text, target_text


def message(r: Result, lang: str, accepted: bool = False) -> str:
    """One line saying what a result is: the indicator, its status, target, actual and pace."""
    L = LABELS[lang]
    sep, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
    return (f"{name(r.target, lang)} ({r.target.plan}/{r.target.indicator}){colon}"
            f"{status_text(r.status, lang, accepted)}"
            f"{sep}{L['target']} {target_text(r.target, lang)}{sep}{L['actual']} {actual_text(r)}"
            f"{sep}{L['pace']} {pace_text(r, lang)}")


class JunitReporter:
    """One testsuite per plan, one testcase per target."""

    def __init__(self, *, stream: IO[str], lang: str = "zh", policy: ExitPolicy | None = None, **_: object) -> None:
        self.stream = stream
        self.lang = lang
        self.policy = policy or ExitPolicy()

    def report(self, results: Results) -> None:
        root = ET.Element("testsuites", name="plancheck")
        tests = failures = 0
        for plan_id, group in groupby(results.visible, key=lambda r: r.target.plan):
            items = list(group)
            suite = ET.SubElement(root, "testsuite", name=clean(plan_id), tests=str(len(items)),
                                  file=items[0].target.location.path)
            failed = skipped = 0
            for r in items:
                failed_here, skipped_here = self._case(suite, r, results.acceptance(r))
                failed += failed_here
                skipped += skipped_here
            suite.set("failures", str(failed))
            suite.set("errors", "0")
            suite.set("skipped", str(skipped))
            tests += len(items)
            failures += failed
        root.set("tests", str(tests))
        root.set("failures", str(failures))
        root.set("errors", "0")
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")

    def _case(self, suite: ET.Element, r: Result, acceptance: Acceptance | None) -> tuple[int, int]:
        """Add the result's testcase to ``suite``; return (1, 0) if it failed, (0, 1) if skipped
        (pending, no data that does not fail the run, or accepted)."""
        text = clean(message(r, self.lang, acceptance is not None))
        case = ET.SubElement(suite, "testcase", classname=clean(r.target.plan),
                             name=f"{clean(r.target.indicator)} {r.target.deadline}")
        outcome = (0, 0)
        if acceptance is not None:
            word = "已接受" if self.lang == "zh" else "accepted"
            ET.SubElement(case, "skipped", message=clean(f"{word} ({r.status.value}, {acceptance.date}): "
                                                         f"{acceptance.reason}"))
            outcome = (0, 1)
        elif code_for(r, self.policy) is not ExitCode.OK:
            failure = ET.SubElement(case, "failure", message=text, type=r.status.value)
            failure.text = clean(explain(r, self.lang)) or None
            outcome = (1, 0)
        elif r.status in (Status.PENDING, Status.NO_DATA):
            ET.SubElement(case, "skipped", message=clean(f"{r.status.value}: {explain(r, self.lang)}"))
            outcome = (0, 1)
        # Jenkins' schema allows only name, classname, time and group on a testcase: the target's
        # place in its plan file goes into system-out.
        ET.SubElement(case, "system-out").text = f"{r.target.location}: {text}"
        return outcome


def input_errors(errors: Sequence[InputError], stream: IO[str], lang: str = "en") -> None:
    """A testsuite ``inputs`` with one testcase per invalid file, its problems in one <error>: a CI
    test report shows a broken plan or CSV, not only the job's log."""
    by_file: dict[str, list[InputError]] = {}
    for e in errors:
        by_file.setdefault(e.path, []).append(e)
    root = ET.Element("testsuites", name="plancheck", tests=str(len(by_file)), failures="0",
                      errors=str(len(by_file)))
    suite = ET.SubElement(root, "testsuite", name="inputs", tests=str(len(by_file)), failures="0",
                          errors=str(len(by_file)), skipped="0")
    for path, found in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="inputs", name=clean(path))
        error = ET.SubElement(case, "error", message=clean(f"{found[0]}" + (f" (and {len(found) - 1} more)"
                                                                             if len(found) > 1 else "")),
                              type="invalid_input")
        error.text = "\n".join(clean(str(e)) for e in found)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode") + "\n")
