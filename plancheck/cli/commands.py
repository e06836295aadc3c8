"""The click commands: each turns its options into settings and calls one function of ``run``."""

from __future__ import annotations

import sys
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from plancheck import render
from plancheck.cli import options as opt
from plancheck.cli.guard import guard
from plancheck.evaluate.policy import FAIL_ON, FailOn
from plancheck.exitcodes import ExitCode

FORMATS = ("table", "plain", "markdown", "json", "csv")


@click.command()
@opt.paths
@opt.as_of
@opt.plan_ids
@click.option("--status", "statuses", multiple=True, type=click.Choice(opt.STATUSES),
              help="Only show results with this status (repeatable); the exit code still covers every result.")
@opt.fmt(list(render.STATUS_REPORTERS))
@opt.lang
@opt.tolerance
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="lagging", show_default=True,
              help="Lowest status that makes the exit code non-zero.")
@click.option("--no-data-fails/--no-data-ok", default=False, show_default=True,
              help="Whether a target that is due with nothing reported counts as lagging for the exit code.")
@click.option("--strict", is_flag=True, help="Let soft targets (力争) exit 2 when missed, like any other.")
@click.option("--all", "every", is_flag=True,
              help="List every result (table, plain, markdown); by default targets due without data and pending "
                   "ones are counted on one line per plan.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the problems (missed, lagging) and the summary.")
@click.option("--columns", multiple=True, type=click.Choice(["projection"]),
              help="Add a column to the table: projection (the value at the deadline at the pace so far, and the "
                   "change needed per month).")
@opt.output
@opt.accepted
@click.pass_context
def status(ctx: click.Context, plans: Path, actuals: Path, engine: str, as_of: date | None,
           plan_ids: tuple[str, ...], statuses: tuple[str, ...], fmt: str, lang: str, tolerance: Fraction,
           fail_on: FailOn, no_data_fails: bool, strict: bool, every: bool, quiet: bool, columns: tuple[str, ...],
           output: Path | None, accepted: Path | None) -> int:
    """Evaluate every target as of a date and print the verdicts.

    \b
    Examples:
      plancheck status                                  # all plans, as of today
      plancheck status --as-of 2021-06-30 --plan hedong-2020-2022 --status lagging
      plancheck status --format json > status.json      # for machines; schema in README
    """
    from plancheck.cli.run import StatusSettings, run_status

    return guard(lambda: run_status(StatusSettings(
        inputs=_inputs(ctx, plans, actuals, engine, accepted), as_of=as_of or opt.today(ctx),
        plan_ids=plan_ids, statuses=statuses, fmt=fmt, tolerance=tolerance, fail_on=fail_on,
        no_data_fails=no_data_fails, strict=strict, output=output, lang=lang, every=every, quiet=quiet,
        columns=columns)))


@click.command()
@opt.paths
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also check that every quote is found, byte for byte, in the source documents in this folder.")
@click.option("--coverage", is_flag=True,
              help="With --sources: also list every quantity in the source documents that no target, baseline, "
                   "input or note of its plan cites (exit 3 if any).")
@opt.accepted
@click.pass_context
def validate(ctx: click.Context, plans: Path, actuals: Path, engine: str, sources: Path | None, coverage: bool,
             accepted: Path | None) -> int:
    """Read and check the configuration, plans and actuals; evaluate nothing.

    Exits 0 when everything is valid, 3 (with one line per problem) otherwise.
    """
    from plancheck.cli.run import run_validate

    if coverage and sources is None:
        raise click.UsageError("--coverage needs --sources DIR (the folder of source documents)")
    config = (ctx.obj or {}).get("config")
    return guard(lambda: run_validate(_inputs(ctx, plans, actuals, engine, accepted), sources, sys.stdout,
                                      config=config, coverage=coverage))


@click.command()
@opt.plans_option
@opt.plan_ids
@opt.fmt(list(render.TARGET_REPORTERS))
@opt.lang
def targets(plans: Path, plan_ids: tuple[str, ...], fmt: str, lang: str) -> int:
    """List every target with its provenance (source file and quote)."""
    from plancheck.cli.run import run_targets

    return guard(lambda: run_targets(plans, plan_ids, fmt, lang, sys.stdout))


@click.command()
@opt.paths
@click.argument("plan", shell_complete=opt.complete_plan)
@click.argument("indicator", shell_complete=opt.complete_indicator)
@opt.as_of
@opt.lang
@click.pass_context
def show(ctx: click.Context, plans: Path, actuals: Path, engine: str, plan: str, indicator: str, as_of: date | None,
         lang: str) -> int:
    """Show one indicator: its targets and verdicts, where the plan states them, and its observations."""
    from plancheck.cli.run import Inputs, run_show

    return guard(lambda: run_show(Inputs(plans=plans, actuals=actuals, engine=engine), plan, indicator,
                                  as_of or opt.today(ctx), lang, sys.stdout))


@click.command()
@opt.paths
@click.option("--from", "start", type=opt.DateType(), required=True, help="The earlier as-of date.")
@click.option("--to", "end", type=opt.DateType(), default=None, help="The later as-of date [default: today].")
@opt.plan_ids
@opt.fmt(list(render.DIFF_REPORTERS), default="plain")
@opt.tolerance
@opt.lang
@opt.accepted
@click.pass_context
def diff(ctx: click.Context, plans: Path, actuals: Path, engine: str, start: date, end: date | None,
         plan_ids: tuple[str, ...], fmt: str, tolerance: Fraction, lang: str, accepted: Path | None) -> int:
    """List the targets whose status changed between two as-of dates (newly met, lagging, missed).

    Exits 0 whatever changed (3 for invalid input): use status to gate on the later date.

    \b
    Example:
      plancheck diff --from 2020-05-31 --to 2020-06-30 --format markdown
    """
    from plancheck.cli.run import run_diff

    return guard(lambda: run_diff(_inputs(ctx, plans, actuals, engine, accepted), plan_ids, start,
                                  end or opt.today(ctx), fmt, tolerance, lang, sys.stdout))


@click.command()
@opt.paths
@opt.as_of
@click.option("--since", type=opt.DateType(), default=None,
              help="Also list what changed since this earlier date (e.g. the previous report's).")
@opt.plan_ids
@click.option("--format", "-f", "fmt", type=click.Choice(list(render.REPORT_REPORTERS)), default="html",
              show_default=True, help="html: one self-contained file with charts; markdown: for mail and chat; "
                                      "xlsx: a workbook (needs -o FILE).")
@opt.output
@opt.tolerance
@opt.lang
@opt.accepted
@click.pass_context
def report(ctx: click.Context, plans: Path, actuals: Path, engine: str, as_of: date | None, since: date | None,
           plan_ids: tuple[str, ...], fmt: str, output: Path | None, tolerance: Fraction, lang: str,
           accepted: Path | None) -> int:
    """Write a report for people: a summary per plan, what changed, every target with its history.

    Exits 0 once written (3 for invalid input): use status to gate.

    \b
    Example (cron, first day of each month):
      plancheck report --format html --since $(date -d '1 month ago' +%F) -o report.html
    """
    from plancheck.cli.run import run_report

    return guard(lambda: run_report(_inputs(ctx, plans, actuals, engine, accepted), plan_ids,
                                    as_of or opt.today(ctx), since, fmt, output, tolerance, lang))


@click.command()
@opt.paths
@opt.as_of
@opt.plan_ids
@click.option("--reason", default="accepted as it stands, without a reason given", show_default=False,
              help="Why the results are accepted, recorded with each new entry for its reviewer.")
@opt.tolerance
@opt.accepted
@click.pass_context
def accept(ctx: click.Context, plans: Path, actuals: Path, engine: str, as_of: date | None,
           plan_ids: tuple[str, ...], reason: str, tolerance: Fraction, accepted: Path | None) -> int:
    """Accept the current results that fail a run (missed, lagging, due without data) as they stand.

    Writes plancheck-accepted.yaml (or --accepted): plan, indicator, deadline, status, reason and date
    of each. From then on the exit code of status counts only results that are new, or worse than
    accepted; the summary still counts every result. Review the file, and commit it.

    \b
    Example:
      plancheck accept --reason "2021 figures: published late, reviewed 2026-12-01"
    """
    from plancheck.cli.accept import run_accept

    return guard(lambda: run_accept(_inputs(ctx, plans, actuals, engine, accepted), as_of or opt.today(ctx), reason,
                                    plan_ids, tolerance, opt.today(ctx), sys.stdout))


@click.command()
@opt.plans_option
@click.argument("plan", shell_complete=opt.complete_plan)
@click.option("--from", "start", type=opt.DateType(), default=None,
              help="First reporting date [default: the plan's period start].")
@click.option("--to", "end", type=opt.DateType(), default=None, help="Last reporting date [default: the plan's end].")
@click.option("--every", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True,
              help="Reporting dates: month, quarter or year ends.")
@opt.fmt(list(render.TEMPLATE_REPORTERS), default="csv")
@opt.output
@opt.lang
def template(plans: Path, plan: str, start: date | None, end: date | None, every: str, fmt: str,
             output: Path | None, lang: str) -> int:
    """Write an actuals template for PLAN, for the people who collect the figures.

    One row per indicator and reporting date (month ends of the plan's period by default), with
    plan, indicator, date and unit filled and the value empty; name, name_en and target beside
    them are for the reader, and plancheck ignores them. A row left empty is "not reported yet":
    validate counts such rows, status passes over them. Drop the filled file in actuals/.

    \b
    Examples:
      plancheck template hedong-2020-2022 --every quarter -o actuals/hedong-2021.csv --from 2021-01 --to 2021-12
      plancheck template baodi-2019 --format xlsx -o baodi-2019.xlsx
    """
    from plancheck.cli.run import run_template

    return guard(lambda: run_template(plans, plan, start, end, every, fmt, output, lang, sys.stdout))


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
def init(folder: Path) -> int:
    """Create a data repository in FOLDER (default: here) that passes plancheck validate at once.

    Writes an example plan with every field explained (plans/), its source document (sources/),
    an actuals template for it (actuals/), plancheck.yaml, .pre-commit-config.yaml and a GitHub
    Actions workflow. Refuses, naming them, when any of these files exists already.
    """
    from plancheck.cli.init import run_init

    return guard(lambda: run_init(folder, sys.stdout))


@click.command()
def schema() -> int:
    """Print the JSON Schema of plan files (for editors and other tools)."""
    from plancheck.load.schema import schema_text

    click.echo(schema_text(), nl=False)
    return ExitCode.OK


def _inputs(ctx: click.Context, plans: Path, actuals: Path, engine: str, accepted: Path | None) -> Any:
    """Where the inputs are, the accepted file found beside the configuration when not named."""
    from plancheck.cli.run import Inputs
    from plancheck.load.accepted import accepted_path

    return Inputs(plans=plans, actuals=actuals, engine=engine,
                  accepted=accepted_path(accepted, (ctx.obj or {}).get("config")), accepted_named=accepted is not None)


COMMANDS: tuple[Any, ...] = (init, status, validate, targets, show, diff, report, accept, template, schema)
