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
    from plancheck import process
    from plancheck.cli import main as cli_main

    process.hold()
    try:
        cli_main()
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            process.end(e.code or 0)
        raise


if __name__ == "__main__":
    main()
