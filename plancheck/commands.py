"""What each command does, as plain functions from typed settings to an exit code."""

from __future__ import annotations

import dataclasses
import difflib
import gc
import io
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import IO

from plancheck import process, reporters
from plancheck.actuals import Actuals, Share, load_actuals
from plancheck.atomic import write_atomic
from plancheck.errors import UsageProblem, plan_advice
from plancheck.evaluate import Results, evaluate, evaluate_indicator
from plancheck.exitcodes import ExitCode
from plancheck.gcpause import paused
from plancheck.model import Plan, Result, Status
from plancheck.plans import InputErrors, load_plans
from plancheck.policy import ExitPolicy, FailOn, code_for, exit_code


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusSettings:
    """Everything ``plancheck status`` needs, already parsed."""

    plans: Path
    actuals: Path
    as_of: date
    plan_ids: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    fmt: str = "table"
    tolerance: Fraction = Fraction(0)
    fail_on: FailOn = "lagging"
    no_data_fails: bool = False
    strict: bool = False
    lang: str = "zh"
    output: Path | None = None


def select_plans(plans: list[Plan], ids: tuple[str, ...]) -> list[Plan]:
    """Return the plans named by ``ids`` (all when empty); raise UsageProblem for an unknown id."""
    if not ids:
        return plans
    known = {p.id: p for p in plans}
    for pid in ids:
        if pid not in known:
            raise UsageProblem(f'unknown plan "{pid}"; {plan_advice(pid, known, cutoff=0.4)}')
    return [p for p in plans if p.id in ids]


def load_inputs(plans_path: Path, actuals_path: Path, share: Share | None = None) -> tuple[list[Plan], Actuals]:
    """Load plans and actuals together (see ``load_actuals`` for ``share``)."""
    # What is loaded lives until the command ends: keep the cyclic collector from scanning it. It is
    # frozen before the collector is back on; else the first collections after loading scan all of it
    # (40-70 ms at a million rows), and those while the results are built, more (0.3-0.6 s).
    with paused():
        plans = load_plans(plans_path)
        actuals = load_actuals(actuals_path, plans, share)
        gc.freeze()
    process.keep(plans, actuals)
    return plans, actuals


def run_status(s: StatusSettings, out: IO[str] | None = None) -> ExitCode:
    """Evaluate, render, and return the exit code the policy gives."""
    policy = ExitPolicy(fail_on=s.fail_on, no_data_fails=s.no_data_fails, strict=s.strict)
    reporter_type = reporters.load(reporters.STATUS_REPORTERS, s.fmt)
    with _destination(s.output, out) as stream:
        reporter = reporter_type(stream=stream, lang=s.lang, policy=policy)
        if isinstance(reporter, reporters.RendersApart):
            return _run_status_apart(s, policy, reporter)
        plans, actuals = load_inputs(s.plans, s.actuals)
        chosen = select_plans(plans, s.plan_ids)
        results = evaluate(chosen, actuals, s.as_of, s.tolerance)
        process.keep(results)
        shown = results
        if s.statuses:
            wanted = {Status(x) for x in s.statuses}
            shown = Results(as_of=results.as_of, items=tuple(r for r in results if r.status in wanted))
        reporter.report(shown)
    return exit_code(results, policy)


Verdicts = list[tuple[Status, ExitCode, bytes | None]]
"""One indicator's results, each as its status, the exit code it asks for, and its rendered text in
UTF-8 (half the memory of a str holding Chinese text), or None if the run does not show it."""


@dataclass(frozen=True, slots=True)
class _StatusWork:
    """A status run's evaluating and rendering, indicator by indicator, for a reporter that renders
    each result apart. Run over many files, a reading helper does this for the indicators only it
    read (see ``plancheck.actuals.Share``), while this process does it for the others."""

    settings: StatusSettings
    policy: ExitPolicy
    render: Callable[[Result], str]

    def work(self, plans: list[Plan], actuals: Actuals,
             mine: Callable[[tuple[str, str]], bool]) -> list[Verdicts | None]:
        """The verdicts on each indicator of the chosen plans, in plan and document order; None for
        the indicators that are not ``mine``."""
        s = self.settings
        wanted = {Status(x) for x in s.statuses} if s.statuses else set(Status)
        render = self.render
        done: list[Verdicts | None] = []
        for plan in select_plans(plans, s.plan_ids):
            for indicator in plan.indicators:
                if not mine((plan.id, indicator.id)):
                    done.append(None)
                    continue
                results = evaluate_indicator(indicator, actuals.get(plan.id, indicator.id), s.as_of, s.tolerance)
                done.append([(r.status, code_for(r, self.policy), render(r).encode() if r.status in wanted else None)
                             for r in results])
        return done


def _run_status_apart(s: StatusSettings, policy: ExitPolicy, reporter: reporters.RendersApart) -> ExitCode:
    """``run_status`` for a reporter that renders each result apart: the reading helper, if one runs,
    evaluates and renders the indicators only it read."""
    work = _StatusWork(s, policy, reporter.render)
    plans, actuals = load_inputs(s.plans, s.actuals, work)
    handoff = actuals.handoff
    try:
        mine = work.work(plans, actuals, lambda key: key not in actuals.elsewhere)
        theirs = handoff.result() if handoff is not None else [None] * len(mine)
        verdicts = [v for here, there in zip(mine, theirs, strict=True) for v in (here if here is not None else there)]
        shown = Counter(status for status, _, text in verdicts if text is not None)
        counts = {status: shown.get(status, 0) for status in Status}
        reporter.write(s.as_of, counts, (text.decode() for _, _, text in verdicts if text is not None))
    finally:
        if handoff is not None:
            handoff.close()  # after writing: by then the helper has left
    return max((code for _, code, _ in verdicts), default=ExitCode.OK)


@contextmanager
def _destination(output: Path | None, out: IO[str] | None) -> Iterator[IO[str]]:
    """The stream a report goes to: ``out`` or standard output, or, with ``output``, a buffer that is
    written to that file whole (atomically) once the block ends without an error."""
    if output is None:
        yield out or sys.stdout
        return
    buffer = io.StringIO()
    yield buffer
    write_atomic(output, buffer.getvalue())


def run_validate(plans_path: Path, actuals_path: Path, sources: Path | None, out: IO[str] | None = None,
                 config: Path | None = None) -> ExitCode:
    """Load everything (and check quotes against ``sources`` if given); evaluate nothing."""
    plans, actuals = load_inputs(plans_path, actuals_path)
    if sources is not None:
        from plancheck.provenance import check_sources

        problems = check_sources(plans, sources)
        if problems:
            raise InputErrors(problems)
    stream = out or sys.stdout
    n_targets = sum(len(p.targets) for p in plans)
    checked = f", every quote found in {sources}" if sources is not None else ""
    configured = f" (configuration: {config})" if config is not None else ""
    stream.write(f"ok: {len(plans)} plans, {n_targets} targets, {len(actuals)} observations{checked}{configured}\n")
    return ExitCode.OK


def run_targets(plans_path: Path, plan_ids: tuple[str, ...], fmt: str, lang: str = "zh",
                out: IO[str] | None = None) -> ExitCode:
    """List the targets of the chosen plans."""
    with paused():  # as in load_inputs
        plans = select_plans(load_plans(plans_path), plan_ids)
        gc.freeze()
    process.keep(plans)
    reporter = reporters.load(reporters.TARGET_REPORTERS, fmt)
    reporter(stream=out or sys.stdout, lang=lang).report(plans)
    return ExitCode.OK


def run_show(plans_path: Path, actuals_path: Path, plan_id: str, indicator_id: str, as_of: date,
             lang: str = "zh", out: IO[str] | None = None) -> ExitCode:
    """Show one indicator: targets with provenance and verdicts, and every observation of it."""
    plans, actuals = load_inputs(plans_path, actuals_path)
    (plan,) = select_plans(plans, (plan_id,))
    indicator = next((i for i in plan.indicators if i.id == indicator_id), None)
    if indicator is None:
        ids = [i.id for i in plan.indicators]
        hint = difflib.get_close_matches(indicator_id, ids, n=1, cutoff=0.4)
        advice = f'did you mean "{hint[0]}"?' if hint else f"run 'plancheck targets --plan {plan_id}'"
        raise UsageProblem(f'unknown indicator "{indicator_id}" in plan {plan_id}; {advice}')
    only = dataclasses.replace(plan, indicators=(indicator,))
    results = evaluate([only], actuals, as_of)
    from plancheck.reporters.show import ShowReporter

    ShowReporter(stream=out or sys.stdout, lang=lang).report((indicator, results, actuals.get(plan_id, indicator_id)))
    return ExitCode.OK


def run_diff(plans_path: Path, actuals_path: Path, plan_ids: tuple[str, ...], start: date, end: date, fmt: str,
             tolerance: Fraction = Fraction(0), lang: str = "zh", out: IO[str] | None = None) -> ExitCode:
    """Evaluate at two dates and list the targets whose status changed. Informational: exits 0."""
    from plancheck.diff import compare

    plans, actuals = load_inputs(plans_path, actuals_path)
    chosen = select_plans(plans, plan_ids)
    diff = compare(evaluate(chosen, actuals, start, tolerance), evaluate(chosen, actuals, end, tolerance))
    reporters.load(reporters.DIFF_REPORTERS, fmt)(stream=out or sys.stdout, lang=lang).report(diff)
    return ExitCode.OK


def run_report(plans_path: Path, actuals_path: Path, plan_ids: tuple[str, ...], as_of: date, since: date | None,
               fmt: str, output: Path | None, tolerance: Fraction = Fraction(0), lang: str = "zh",
               out: IO[str] | None = None) -> ExitCode:
    """Render a whole report (summary, changes since ``since``, every target with its history)."""
    from plancheck.diff import compare
    from plancheck.report import Report

    plans, actuals = load_inputs(plans_path, actuals_path)
    chosen = select_plans(plans, plan_ids)
    results = evaluate(chosen, actuals, as_of, tolerance)
    diff = None if since is None else compare(evaluate(chosen, actuals, since, tolerance), results)
    report = Report(plans=tuple(chosen), results=results, actuals=actuals, diff=diff)
    reporter = reporters.load(reporters.REPORT_REPORTERS, fmt)
    with _destination(output, out) as stream:
        reporter(stream=stream, lang=lang).report(report)
    return ExitCode.OK
