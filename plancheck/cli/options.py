"""Option types and option groups the commands share."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

STATUSES = ("met", "on_track", "pending", "no_data", "lagging", "missed")
ENGINES = ("auto", "python", "polars")

Decorator = Callable[[Any], Any]


class DateType(click.ParamType):
    """A date in any form an actuals file accepts: 2021-06-30, 2021/06/30, 2021年6月30日; a month
    (2021-06) means its last day, a year (2021) its 31 December."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from plancheck.load.numbers import parse_date

        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD (e.g. 2021-06-30), or YYYY-MM for a "
                      "month's end", param, ctx)


class ToleranceType(click.ParamType):
    """A fraction in [0, 1): how far behind pace still counts as on track."""

    name = "FRACTION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Fraction:
        if isinstance(value, Fraction):
            return value
        try:
            f = Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            self.fail(f"{value!r} is not a number; give a fraction such as 0.05", param, ctx)
        if not 0 <= f < 1:
            self.fail(f"{value} is outside 0 to 1; 0.05 allows five percentage points behind pace", param, ctx)
        return f


def use_config(ctx: click.Context, path: Path) -> None:
    """Take the defaults of the configuration file ``path`` for the command of ``ctx`` (and those
    below it); exit with the input-error code, after saying why, when the file is not valid."""
    from plancheck.cli.guard import guard
    from plancheck.load.config import Config, load_config

    read: list[Config] = []

    def load() -> int:
        read.append(load_config(path))
        return 0

    code = guard(load)
    if code:
        ctx.exit(code)
    config = read[0]
    ctx.obj = ctx.obj if ctx.obj is not None else {}
    ctx.obj.update(config=path, timezone=config.timezone)
    ctx.default_map = config.defaults if ctx.parent is None else config.defaults.get(ctx.info_name or "", {})


def _config_here(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        use_config(ctx, value)


def config(f: Any) -> Any:
    """--config on a command, as well as on the group: read before the other options (it sets their
    defaults)."""
    return click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False, exists=True),
                        default=None, is_eager=True, expose_value=False, callback=_config_here,
                        help="Configuration file [default: plancheck.yaml here or in the nearest parent "
                             "folder].")(f)


def today(ctx: click.Context) -> date:
    """Today's date in the configured time zone (``timezone:``), else the machine's."""
    zone = (ctx.obj or {}).get("timezone")
    if zone is None:
        return date.today()
    import zoneinfo
    from datetime import datetime

    return datetime.now(zoneinfo.ZoneInfo(zone)).date()


def default_lang() -> str:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES or LANG starting with zh), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def plans_option(f: Any) -> Any:
    """--plans (and --config, which every command that reads plans takes)."""
    f = config(f)
    return click.option("--plans", "plans", type=click.Path(path_type=Path), default=Path("plans"),
                        show_default=True, help="Folder of plan *.yaml files, or one plan file.")(f)


def paths(f: Any) -> Any:
    """--plans and --actuals, and the reader of actuals."""
    f = click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
                     envvar="PLANCHECK_ENGINE",
                     help="Reader of actuals: python, polars (the columnar engine, pip install "
                          "'plancheck[engine]'), or auto: the engine for large inputs when installed.")(f)
    f = click.option("--actuals", "actuals", type=click.Path(path_type=Path), default=Path("actuals"),
                     show_default=True, help="Folder of actuals files, or one file.")(f)
    return plans_option(f)


def lang(f: Any) -> Any:
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=default_lang,
                        help="Language of labels and names [default: from the locale; zh for LANG=zh_CN.UTF-8].")(f)


def fmt(choices: Sequence[str], default: str = "table") -> Decorator:
    return click.option("--format", "-f", "fmt", type=click.Choice(list(choices)), default=default,
                        show_default=True, help="Output format.")


def as_of(f: Any) -> Any:
    return click.option("--as-of", "as_of", type=DateType(), default=None,
                        help="Evaluate as of this date [default: today].")(f)


def _plans_for_completion(ctx: click.Context) -> list[Any]:
    """The plans of the repository being typed about (its --plans, else ./plans); none when they
    cannot be read: completion never prints an error."""
    from plancheck.load.plans import read_plans

    where = ctx.params.get("plans") or (ctx.default_map or {}).get("plans") or Path("plans")
    try:
        return read_plans(Path(where))[0]
    except Exception:  # completion must not fail the shell; the command itself reports the problem
        return []


def complete_plan(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Plan ids starting with what is typed."""
    return [p.id for p in _plans_for_completion(ctx) if p.id.startswith(incomplete)]


def complete_indicator(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """The indicator ids of the plan already typed (``show PLAN INDICATOR``)."""
    plan = ctx.params.get("plan")
    return [i.id for p in _plans_for_completion(ctx) if p.id == plan for i in p.indicators
            if i.id.startswith(incomplete)]


def plan_ids(f: Any) -> Any:
    return click.option("--plan", "plan_ids", multiple=True, metavar="ID", shell_complete=complete_plan,
                        help="Only this plan (repeatable).")(f)


def tolerance(f: Any) -> Any:
    return click.option("--tolerance", type=ToleranceType(), default="0", show_default=True,
                        help="How far behind pace still counts as on track, as a fraction "
                             "(0.05 = 5 percentage points).")(f)


def _writable(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """An output file whose folder exists (else a usage error naming it)."""
    if value is not None and not value.parent.is_dir():
        raise click.BadParameter(f"{str(value)!r}: the folder {str(value.parent)!r} does not exist; create it first",
                                 ctx, param)
    return value


def output(f: Any) -> Any:
    return click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
                        callback=_writable,
                        help="Write to this file (whole: a temporary file, then a rename) instead of stdout.")(f)


def accepted(f: Any) -> Any:
    return click.option("--accepted", "accepted", type=click.Path(path_type=Path, dir_okay=False), default=None,
                        help="File of accepted results, which the exit code does not count while they stay as they "
                             "are [default: plancheck-accepted.yaml beside plancheck.yaml, or here].")(f)
