"""The command line: click commands that turn options into settings and call the pipeline.

Only this module decides the exit code (the console entry point, ``plancheck.__main__``, then ends the
process with it). Heavy libraries (rich, jsonschema, tabulate) are imported by the code paths that
need them, so ``--help`` and ``--version`` stay close to bare interpreter start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plancheck import __version__
from plancheck.exitcodes import ExitCode

if TYPE_CHECKING:
    from plancheck.policy import FailOn

FORMATS = ("table", "plain", "markdown", "json", "csv")
STATUS_FORMATS = (*FORMATS, "junit", "github")
STATUSES = ("met", "on_track", "pending", "no_data", "lagging", "missed")


class _Group(click.Group):
    """A group whose usage errors exit 64, never click's 2 (which would read as "missed")."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = int(rv) if isinstance(rv, int) else ExitCode.OK
        except click.UsageError as e:
            e.show()
            code = ExitCode.USAGE
        except click.ClickException as e:
            e.show()
            code = ExitCode.USAGE if e.exit_code == 2 else e.exit_code
        except click.Abort:
            click.echo("plancheck: interrupted", err=True)
            code = 130
        if standalone_mode:
            sys.exit(code)
        return code


class _Date(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2021-06-30", param, ctx)


class _Tolerance(click.ParamType):
    name = "FRACTION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from fractions import Fraction

        try:
            f = Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            self.fail(f"{value!r} is not a number; give a fraction such as 0.05", param, ctx)
        if not 0 <= f < 1:
            self.fail(f"{value} is outside 0 to 1; 0.05 allows five percentage points behind pace", param, ctx)
        return f


def _paths(f: Any) -> Any:
    f = click.option("--actuals", "actuals", type=click.Path(path_type=Path), default=Path("actuals"),
                     show_default=True, help="Folder of *.csv files, or one CSV file.")(f)
    f = click.option("--plans", "plans", type=click.Path(path_type=Path), default=Path("plans"),
                     show_default=True, help="Folder of plan *.yaml files, or one plan file.")(f)
    return f


def default_lang() -> str:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES or LANG starting with zh), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _lang(f: Any) -> Any:
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=default_lang,
                        help="Language of labels and names [default: from the locale; zh for LANG=zh_CN.UTF-8].")(f)


def _format(choices: Sequence[str]) -> Any:
    return click.option("--format", "-f", "fmt", type=click.Choice(list(choices)), default="table",
                        show_default=True, help="Output format.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="plancheck", message="%(prog)s %(version)s")
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Configuration file [default: plancheck.yaml here or in the nearest parent folder].")
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """Check reported actuals against the quantitative targets of government plans.

    Plans are YAML files (./plans), actuals are CSV files (./actuals); a plancheck.yaml found here
    or in a parent folder sets defaults, and flags override it. Exit codes: 0 nothing failing,
    1 lagging, 2 missed, 3 invalid input, 64 bad command line.
    """
    from plancheck.config import find_config

    path = config or find_config(Path.cwd())
    ctx.obj = {"config": path}
    if path is None:
        return
    from plancheck.config import load_config
    from plancheck.errors import InputError

    try:
        ctx.default_map = load_config(path)
    except InputError as e:
        click.echo(f"plancheck: {e}", err=True)
        ctx.exit(ExitCode.INVALID_INPUT)


@cli.command()
@_paths
@click.option("--as-of", "as_of", type=_Date(), default=None, help="Evaluate as of this date [default: today].")
@click.option("--plan", "plan_ids", multiple=True, metavar="ID", help="Only this plan (repeatable).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only show results with this status (repeatable); the exit code still covers every result.")
@_format(STATUS_FORMATS)
@_lang
@click.option("--tolerance", type=_Tolerance(), default="0", show_default=True,
              help="How far behind pace still counts as on track, as a fraction (0.05 = 5 percentage points).")
@click.option("--fail-on", type=click.Choice(["lagging", "missed", "never"]), default="lagging",
              show_default=True, help="Lowest status that makes the exit code non-zero.")
@click.option("--no-data-fails/--no-data-ok", default=False, show_default=True,
              help="Whether a target that is due with nothing reported counts as lagging for the exit code.")
@click.option("--strict", is_flag=True, help="Let soft targets (力争) exit 2 when missed, like any other.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file (whole: a temporary file, then a rename) instead of stdout.")
def status(plans: Path, actuals: Path, as_of: date | None, plan_ids: tuple[str, ...], statuses: tuple[str, ...],
           fmt: str, lang: str, tolerance: Any, fail_on: FailOn, no_data_fails: bool, strict: bool,
           output: Path | None) -> int:
    """Evaluate every target as of a date and print the verdicts.

    \b
    Examples:
      plancheck status                                  # all plans, as of today
      plancheck status --as-of 2021-06-30 --plan hedong-2020-2022 --status lagging
      plancheck status --format json > status.json      # for machines; schema in README
    """
    from plancheck.commands import StatusSettings, run_status

    return _guard(lambda: run_status(StatusSettings(
        plans=plans, actuals=actuals, as_of=as_of or date.today(), plan_ids=plan_ids, statuses=statuses,
        fmt=fmt, tolerance=tolerance, fail_on=fail_on, no_data_fails=no_data_fails, strict=strict,
        output=output, lang=lang)))


@cli.command()
@_paths
@click.option("--sources", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also check that every quote is found, byte for byte, in the source documents in this folder.")
@click.pass_context
def validate(ctx: click.Context, plans: Path, actuals: Path, sources: Path | None) -> int:
    """Read and check the configuration, plans and actuals; evaluate nothing.

    Exits 0 when everything is valid, 3 (with one line per problem) otherwise.
    """
    from plancheck.commands import run_validate

    return _guard(lambda: run_validate(plans, actuals, sources, config=ctx.obj["config"]))


@cli.command()
@click.option("--plans", "plans", type=click.Path(path_type=Path), default=Path("plans"), show_default=True,
              help="Folder of plan *.yaml files, or one plan file.")
@click.option("--plan", "plan_ids", multiple=True, metavar="ID", help="Only this plan (repeatable).")
@_format(FORMATS)
@_lang
def targets(plans: Path, plan_ids: tuple[str, ...], fmt: str, lang: str) -> int:
    """List every target with its provenance (source file and quote)."""
    from plancheck.commands import run_targets

    return _guard(lambda: run_targets(plans, plan_ids, fmt, lang))


@cli.command()
@_paths
@click.argument("plan")
@click.argument("indicator")
@click.option("--as-of", "as_of", type=_Date(), default=None, help="Evaluate as of this date [default: today].")
@_lang
def show(plans: Path, actuals: Path, plan: str, indicator: str, as_of: date | None, lang: str) -> int:
    """Show one indicator: its targets and verdicts, where the plan states them, and its observations."""
    from plancheck.commands import run_show

    return _guard(lambda: run_show(plans, actuals, plan, indicator, as_of or date.today(), lang))


@cli.command()
@_paths
@click.option("--from", "start", type=_Date(), required=True, help="The earlier as-of date.")
@click.option("--to", "end", type=_Date(), default=None, help="The later as-of date [default: today].")
@click.option("--plan", "plan_ids", multiple=True, metavar="ID", help="Only this plan (repeatable).")
@click.option("--format", "-f", "fmt", type=click.Choice(["plain", "markdown", "json"]), default="plain",
              show_default=True, help="Output format.")
@click.option("--tolerance", type=_Tolerance(), default="0", show_default=True, help="As for status.")
@_lang
def diff(plans: Path, actuals: Path, start: date, end: date | None, plan_ids: tuple[str, ...], fmt: str,
         tolerance: Any, lang: str) -> int:
    """List the targets whose status changed between two as-of dates (newly met, lagging, missed).

    Exits 0 whatever changed (3 for invalid input): use status to gate on the later date.

    \b
    Example:
      plancheck diff --from 2020-05-31 --to 2020-06-30 --format markdown
    """
    from plancheck.commands import run_diff

    return _guard(lambda: run_diff(plans, actuals, plan_ids, start, end or date.today(), fmt, tolerance, lang))


@cli.command()
@_paths
@click.option("--as-of", "as_of", type=_Date(), default=None, help="Evaluate as of this date [default: today].")
@click.option("--since", type=_Date(), default=None,
              help="Also list what changed since this earlier date (e.g. the previous report's).")
@click.option("--plan", "plan_ids", multiple=True, metavar="ID", help="Only this plan (repeatable).")
@click.option("--format", "-f", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True,
              help="html: one self-contained file with charts; markdown: for mail and chat.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file (whole: a temporary file, then a rename) instead of stdout.")
@click.option("--tolerance", type=_Tolerance(), default="0", show_default=True, help="As for status.")
@_lang
def report(plans: Path, actuals: Path, as_of: date | None, since: date | None, plan_ids: tuple[str, ...], fmt: str,
           output: Path | None, tolerance: Any, lang: str) -> int:
    """Write a report for people: a summary per plan, what changed, every target with its history.

    Exits 0 once written (3 for invalid input): use status to gate.

    \b
    Example (cron, first day of each month):
      plancheck report --format html --since $(date -d '1 month ago' +%F) -o report.html
    """
    from plancheck.commands import run_report

    return _guard(lambda: run_report(plans, actuals, plan_ids, as_of or date.today(), since, fmt, output,
                                     tolerance, lang))


@cli.command()
def schema() -> int:
    """Print the JSON Schema of plan files (for editors and other tools)."""
    from plancheck.plans import schema_text

    click.echo(schema_text(), nl=False)
    return ExitCode.OK


def _guard(run: Any) -> int:
    """Run a command; print input errors one per line and return exit code 3 instead of a traceback."""
    from plancheck.errors import InputError, UsageProblem
    from plancheck.plans import InputErrors

    try:
        return int(run())
    except UsageProblem as e:
        click.echo(f"plancheck: error: {e}", err=True)
        return ExitCode.USAGE
    except InputErrors as e:
        for err in e.errors:
            click.echo(f"plancheck: {err}", err=True)
        return ExitCode.INVALID_INPUT
    except InputError as e:
        click.echo(f"plancheck: {e}", err=True)
        return ExitCode.INVALID_INPUT
    except BrokenPipeError:
        return ExitCode.OK


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="plancheck")
