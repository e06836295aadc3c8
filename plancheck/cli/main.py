"""The ``plancheck`` group: its own options, the exit code of every outcome, and the commands.

Heavy libraries (rich, jsonschema, tabulate, the engine) are imported by the code paths that need
them, so ``--help`` and ``--version`` stay close to bare interpreter start-up."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from plancheck import __version__
from plancheck.cli.commands import COMMANDS
from plancheck.cli.guard import guard, one_line, say
from plancheck.cli.options import use_config
from plancheck.exitcodes import ExitCode


class _Group(click.Group):
    """A group whose usage errors exit 64, never click's 2 (which would read as "missed"), and whose
    unexpected failures exit 70."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        def run() -> int:
            try:
                rv = super(_Group, self).main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.UsageError as e:
                _show(e)
                return ExitCode.USAGE
            except click.ClickException as e:
                _show(e)
                return ExitCode.USAGE if e.exit_code == 2 else e.exit_code
            except click.exceptions.Exit as e:
                return e.exit_code
            except click.Abort:
                say("interrupted")
                return 130
            return int(rv) if isinstance(rv, int) else ExitCode.OK

        code = guard(run)
        if standalone_mode:
            sys.exit(code)
        return code


def _show(e: click.ClickException) -> None:
    """Print a usage error as click does, its message on one line whatever the input it quotes."""
    ctx = getattr(e, "ctx", None)
    if ctx is not None:
        hint = f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.\n"
        click.echo(ctx.get_usage() + "\n" + hint, err=True)
    click.echo(f"Error: {one_line(e.format_message())}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="plancheck", message="%(prog)s %(version)s")
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Configuration file [default: plancheck.yaml here or in the nearest parent folder].")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (also PLANCHECK_DEBUG=1).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, debug: bool) -> None:
    """Check reported actuals against the quantitative targets of government plans.

    Plans are YAML files (./plans), actuals are CSV files (./actuals); a plancheck.yaml found here
    or in a parent folder sets defaults, and flags override it. Exit codes: 0 nothing failing,
    1 lagging, 2 missed, 3 invalid input, 64 bad command line, 70 internal error.
    """
    if debug:
        os.environ["PLANCHECK_DEBUG"] = "1"
    from plancheck.load.config import find_config

    path = config or find_config(Path.cwd())
    ctx.obj = {"config": path, "timezone": None}
    if path is not None:
        use_config(ctx, path)


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point. SIGTERM (a CI job cancelled, a cron job killed) ends the run as
    an exception does, so that a half-written output file is removed and the pool is stopped."""
    import signal

    def terminated(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    cli.main(prog_name="plancheck")
