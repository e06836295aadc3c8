"""What each command does, as plain functions from typed settings to an exit code: load, evaluate,
render, and the exit code policy, wired together."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import IO, TypeVar

from plancheck import render
from plancheck.cli.output import destination
from plancheck.errors import UsageProblem, plan_advice
from plancheck.evaluate import evaluate
from plancheck.evaluate.policy import ExitPolicy, FailOn, exit_code
from plancheck.exitcodes import ExitCode
from plancheck.load.actuals import load_actuals
from plancheck.load.actuals.rows import MAX_ERRORS
from plancheck.load.files import InputErrors
from plancheck.load.plans import load_plans, read_plans
from plancheck.model import Actuals, Plan, Results, Status


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs:
    """Where the plans and actuals are, and which reader reads the actuals."""

    plans: Path
    actuals: Path
    engine: str = "auto"
    accepted: Path | None = None
    """The accepted results' file."""
    accepted_named: bool = False
    """The file was named (by --accepted or the configuration): it must then exist."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusSettings:
    """Everything ``plancheck status`` needs, already parsed."""

    inputs: Inputs
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
    every: bool = False
    quiet: bool = False
    columns: tuple[str, ...] = ()


def select_plans(plans: list[Plan], ids: Sequence[str]) -> list[Plan]:
    """The plans named by ``ids`` (all when empty); raise UsageProblem for an unknown id."""
    if not ids:
        return plans
    known = {p.id: p for p in plans}
    for pid in ids:
        if pid not in known:
            raise UsageProblem(f'unknown plan "{pid}"; {plan_advice(pid, known, cutoff=0.4)}')
    return [p for p in plans if p.id in ids]


def accept(results: Results, inputs: Inputs, plans: list[Plan]) -> Results:
    """``results`` with the accepted ones marked (see ``plancheck.evaluate.accepted``)."""
    if inputs.accepted is None:
        return results
    from plancheck.evaluate.accepted import apply
    from plancheck.load.accepted import load_accepted

    return apply(results, load_accepted(inputs.accepted, required=inputs.accepted_named),
                 plans={p.id for p in plans})


def load_inputs(inputs: Inputs, as_of: Sequence[date] | None = None) -> tuple[list[Plan], Actuals]:
    """Load plans and actuals (see ``load_actuals`` for ``as_of``). When plan files are invalid the
    actuals are read all the same, so that one run reports the problems of both (the first
    MAX_ERRORS, plans first)."""
    plans, errors = read_plans(inputs.plans)
    if not errors:
        return plans, load_actuals(inputs.actuals, plans, engine=inputs.engine, as_of=as_of)
    truncated = False
    try:
        notes = load_actuals(inputs.actuals, plans, engine=inputs.engine, as_of=as_of, plans_failed=True).notes
    except InputErrors as e:
        errors += e.errors
        notes, truncated = e.notes, e.truncated
    raise InputErrors(errors[:MAX_ERRORS], truncated=truncated or len(errors) > MAX_ERRORS, notes=notes)


T = TypeVar("T")

ANNOTATED = {"github": "plancheck.render.github", "junit": "plancheck.render.junit"}
"""Formats that also report invalid inputs in their own way (annotations, a test report)."""


def _annotated(s: StatusSettings, out: IO[str] | None, load: Callable[[], T]) -> T:
    """``load()``; for a format that annotates, invalid inputs are also written in that format
    before they are raised (and then reported as always, exit 3)."""
    if s.fmt not in ANNOTATED:
        return load()
    from plancheck.errors import InputError

    try:
        return load()
    except (InputErrors, InputError) as e:
        import importlib

        errors = e.errors if isinstance(e, InputErrors) else [e]
        with destination(s.output, out) as stream:
            importlib.import_module(ANNOTATED[s.fmt]).input_errors(errors, stream, s.lang)
        raise


def run_status(s: StatusSettings, out: IO[str] | None = None) -> ExitCode:
    """Evaluate, render, and return the exit code the policy gives."""
    policy = ExitPolicy(fail_on=s.fail_on, no_data_fails=s.no_data_fails, strict=s.strict)
    reporter = render.load(render.STATUS_REPORTERS, s.fmt)
    binary = needs_file(reporter, s.fmt, s.output, "status")
    plans, actuals = _annotated(s, out, lambda: load_inputs(s.inputs, as_of=(s.as_of,)))
    results = accept(evaluate(select_plans(plans, s.plan_ids), actuals, s.as_of, s.tolerance), s.inputs, plans)
    shown = results
    if s.statuses:
        wanted = {Status(x) for x in s.statuses}
        shown = dataclasses.replace(results, shown=tuple(r for r in results if r.status in wanted))
    code = exit_code(results, policy)
    with destination(s.output, out, binary=binary) as stream:
        reporter(stream=stream, lang=s.lang, policy=policy, code=code, every=s.every, quiet=s.quiet,
                 columns=s.columns, plans=plans).report(shown)
    return code


def needs_file(reporter: type[render.Reporter], fmt: str, output: Path | None, command: str) -> bool:
    """Whether ``reporter`` writes bytes; raise UsageProblem if it does and no file is named."""
    if not render.is_binary(reporter):
        return False
    if output is None:
        raise UsageProblem(f"--format {fmt} writes a workbook, not text: name its file with -o FILE "
                           f"(plancheck {command} --format {fmt} -o {command}.{fmt})")
    return True


def run_validate(inputs: Inputs, sources: Path | None, out: IO[str], config: Path | None = None,
                 coverage: bool = False) -> ExitCode:
    """Load everything (and check quotes against ``sources`` if given, and with ``coverage`` that
    every quantity of the sources is accounted for); evaluate nothing."""
    from plancheck.load.files import InputErrors

    plans, actuals = load_inputs(inputs)
    if sources is not None:
        from plancheck.load.provenance import check_sources

        problems = check_sources(plans, sources)
        if problems:
            raise InputErrors(list(problems))
    if coverage and sources is not None and not report_coverage(plans, sources, out):
        return ExitCode.INVALID_INPUT
    accepted = ""
    if inputs.accepted is not None and (inputs.accepted_named or inputs.accepted.exists()):
        from plancheck.load.accepted import load_accepted

        acceptances = load_accepted(inputs.accepted, required=True)
        targets = {t.key for p in plans for t in p.targets}
        for a in acceptances:
            if a.key not in targets:
                out.write(f"note: {a.location}: {a.plan}/{a.indicator} {a.deadline} is accepted but is no target "
                          f"of the plans; run `plancheck accept` to drop it\n")
        accepted = f", {plural(len(acceptances), 'accepted result')}"
    for note in actuals.notes:
        out.write(f"note: {note}\n")
    n_targets = sum(len(p.targets) for p in plans)
    checked = f", every quote found in {sources}" if sources is not None else ""
    checked += ", every quantity accounted for" if coverage else ""
    configured = f" (configuration: {config})" if config is not None else ""
    out.write(f"ok: {plural(len(plans), 'plan')}, {plural(n_targets, 'target')}, "
              f"{plural(actuals.rows, 'observation')}{accepted}{checked}{configured}\n")
    return ExitCode.OK


def report_coverage(plans: list[Plan], sources: Path, out: IO[str]) -> bool:
    """Write one line per quantity of the sources that no plan accounts for; whether there was none."""
    from plancheck.cli.guard import one_line, say
    from plancheck.load.coverage import uncited

    found = uncited(plans, sources)
    for item in found:
        out.write(one_line(str(item)) + "\n")
    if found:
        noun = "quantity" if len(found) == 1 else "quantities"
        say(f"{len(found)} {noun} in the source documents cited by no target, baseline, input or note")
    return not found


def plural(n: int, noun: str) -> str:
    """``1 plan``, ``2 plans``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def run_targets(plans_path: Path, plan_ids: tuple[str, ...], fmt: str, lang: str, out: IO[str]) -> ExitCode:
    """List the targets of the chosen plans."""
    plans = select_plans(load_plans(plans_path), plan_ids)
    render.load(render.TARGET_REPORTERS, fmt)(stream=out, lang=lang).report(plans)
    return ExitCode.OK


def run_show(inputs: Inputs, plan_id: str, indicator_id: str, as_of: date, lang: str, out: IO[str]) -> ExitCode:
    """Show one indicator: targets with provenance and verdicts, and every observation of it."""
    plans, actuals = load_inputs(inputs)
    (plan,) = select_plans(plans, (plan_id,))
    indicator = next((i for i in plan.indicators if i.id == indicator_id), None)
    if indicator is None:
        ids = [i.id for i in plan.indicators]
        hint = difflib.get_close_matches(indicator_id, ids, n=1, cutoff=0.4)
        advice = f'did you mean "{hint[0]}"?' if hint else f"run 'plancheck targets --plan {plan_id}'"
        raise UsageProblem(f'unknown indicator "{indicator_id}" in plan {plan_id}; {advice}')
    only = dataclasses.replace(plan, indicators=(indicator,))
    results = evaluate([only], actuals, as_of)
    from plancheck.render.show import ShowReporter

    observations = sorted([*actuals.get(plan_id, indicator_id), *actuals.context_of(plan_id, indicator_id)],
                          key=lambda o: o.date)
    ShowReporter(stream=out, lang=lang).report((indicator, results, observations))
    return ExitCode.OK


def run_diff(inputs: Inputs, plan_ids: tuple[str, ...], start: date, end: date, fmt: str, tolerance: Fraction,
             lang: str, out: IO[str]) -> ExitCode:
    """Evaluate at two dates and list the targets whose status changed. Informational: exits 0."""
    from plancheck.evaluate.diff import compare

    plans, actuals = load_inputs(inputs, as_of=(start, end))
    chosen = select_plans(plans, plan_ids)
    diff = compare(accept(evaluate(chosen, actuals, start, tolerance), inputs, plans),
                   accept(evaluate(chosen, actuals, end, tolerance), inputs, plans))
    render.load(render.DIFF_REPORTERS, fmt)(stream=out, lang=lang).report(diff)
    return ExitCode.OK


def run_report(inputs: Inputs, plan_ids: tuple[str, ...], as_of: date, since: date | None, fmt: str,
               output: Path | None, tolerance: Fraction, lang: str, out: IO[str] | None = None) -> ExitCode:
    """Render a whole report (summary, changes since ``since``, every target with its history)."""
    from plancheck.evaluate.diff import compare
    from plancheck.evaluate.report import Report

    reporter = render.load(render.REPORT_REPORTERS, fmt)
    binary = needs_file(reporter, fmt, output, "report")
    plans, actuals = load_inputs(inputs)
    chosen = select_plans(plans, plan_ids)
    results = accept(evaluate(chosen, actuals, as_of, tolerance), inputs, plans)
    diff = None if since is None else compare(accept(evaluate(chosen, actuals, since, tolerance), inputs, plans),
                                              results)
    report = Report(plans=tuple(chosen), results=results, actuals=actuals, diff=diff)
    with destination(output, out, binary=binary) as stream:
        reporter(stream=stream, lang=lang).report(report)
    return ExitCode.OK


def run_template(plans_path: Path, plan_id: str, start: date | None, end: date | None, every: str, fmt: str,
                 output: Path | None, lang: str, out: IO[str]) -> ExitCode:
    """Write an actuals template for one plan."""
    from plancheck.render.template import rows

    (plan,) = select_plans(load_plans(plans_path), (plan_id,))
    if start is not None and end is not None and start > end:
        raise UsageProblem(f"--from {start} is after --to {end}")
    reporter = render.load(render.TEMPLATE_REPORTERS, fmt)
    binary = needs_file(reporter, fmt, output, "template")
    with destination(output, out, binary=binary) as stream:
        reporter(stream=stream, lang=lang).report(list(rows(plan, start, end, every)))
    return ExitCode.OK
