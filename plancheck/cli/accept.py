"""``plancheck accept``: record the current results that can fail a run as accepted, keeping the
reasons already reviewed, and dropping acceptances that no longer apply."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import IO, Any

import yaml

from plancheck.cli.output import write_atomic
from plancheck.cli.run import Inputs, load_inputs, plural, select_plans
from plancheck.evaluate import evaluate
from plancheck.evaluate.accepted import acceptable, apply
from plancheck.exitcodes import ExitCode
from plancheck.load.accepted import load_accepted
from plancheck.model.acceptance import Acceptance

HEADER = """\
# Results accepted as they stand (written by `plancheck accept`; review each reason).
# The exit code of `plancheck status` does not count a result listed here while its status is the
# one accepted or better; a result that gets worse counts again. An acceptance whose target is met,
# or gone, is reported so that it can be dropped: run `plancheck accept` again to drop it.
"""


def run_accept(inputs: Inputs, as_of: date, reason: str, plan_ids: tuple[str, ...], tolerance: Fraction,
               today: date, out: IO[str]) -> ExitCode:
    """Write the accepted file: every result of the chosen plans that can fail a run. Entries of
    plans not chosen are kept as they are; a reviewed entry keeps its reason while its result is
    no worse; one that no longer applies is dropped."""
    assert inputs.accepted is not None
    plans, actuals = load_inputs(inputs, as_of=(as_of,))
    known = load_accepted(inputs.accepted)
    results = apply(evaluate(select_plans(plans, plan_ids), actuals, as_of, tolerance), known,
                    plans={p.id for p in plans})
    judged = {r.target.key for r in results}
    lapsed = {x.acceptance.key for x in results.lapsed}
    entries = {a.key: a for a in known if a.key not in judged and a.key not in lapsed}
    previous = {a.key: a for a in known}
    fresh = 0
    for r in results:
        if not acceptable(r.status):
            continue
        old = previous.get(r.target.key)
        if old is not None and r.status.severity <= old.status.severity:
            entries[old.key] = old
            continue
        fresh += 1
        entries[r.target.key] = Acceptance(plan=r.target.plan, indicator=r.target.indicator,
                                           deadline=r.target.deadline, status=r.status, reason=reason, date=today)
    ordered = sorted(entries.values(), key=lambda a: (a.plan, a.indicator, a.deadline))
    write_atomic(inputs.accepted, HEADER + _yaml(ordered))
    dropped = sum(1 for a in known if a.key not in entries)
    out.write(f"accepted {plural(len(ordered), 'result')} in {inputs.accepted} ({fresh} new"
              + (f", {dropped} dropped that no longer apply" if dropped else "") + ")\n")
    return ExitCode.OK


def _yaml(entries: list[Acceptance]) -> str:
    data: dict[str, Any] = {"accepted": [
        {"plan": a.plan, "indicator": a.indicator, "deadline": a.deadline.isoformat(), "status": a.status.value,
         "reason": a.reason, "date": a.date.isoformat()} for a in entries]}
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100))
