"""Entry point of the ``plancheck`` command and of ``python -m plancheck``."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line. ``plancheck --version`` alone is answered before the command layer (click
    and the rest) is imported: hooks and CI steps ask it to check an install, and it should cost
    little more than starting the interpreter."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from plancheck import __version__

        sys.stdout.write(f"plancheck {__version__}\n")
        return
    from plancheck.cli.main import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
