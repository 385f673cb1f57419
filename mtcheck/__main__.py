"""``mtcheck`` the command (and ``python -m mtcheck``).

A separate entry from :mod:`mtcheck.cli` so that start-up work only the real command
wants happens here and never in a process that merely imports the CLI (tests, tools):
``recache.prime`` fills ``re``'s compile cache from programs stored by earlier runs,
before typer and our modules compile their patterns, ``gcpause.pause`` holds the
garbage collector back until the first file is done, and ``rxtimeout.use_alarm`` lets
rule regexes be timed by SIGALRM (the process's own signal) instead of by ``regex``.
Then ``fastpath`` runs the common ``lint`` and ``fix`` command lines without importing
typer (15-19 ms of a one-article lint); anything it does not fully understand goes to
Typer (``cli.main``).
"""

from __future__ import annotations


def main() -> None:
    import sys

    from . import gcpause, recache, rxtimeout
    from .commands import NAMES

    gcpause.pause()   # until the first file is done (see gcpause.py)
    rxtimeout.use_alarm()   # rule regexes timed by SIGALRM, not by regex's clock reads
    word = sys.argv[1] if len(sys.argv) > 1 else ""
    recache.prime(word if word in NAMES else "")
    from .fastpath import run
    run(sys.argv[1:])   # returns only when it leaves the command line to Typer
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
