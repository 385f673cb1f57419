"""The command line (Typer): argument parsing only, then calls into the library.

Exit codes, as in ruff: 0 clean, 1 findings at or above --fail-level, 2 usage, config
or input error.  Findings go to stdout (or --output); notices and errors go to stderr.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Callable

import typer

from . import __version__
from .commands import COMMAND_MODULES
# what the commands use at run time (fail, echo, write_output ...) lives in console,
# typer-free, for the fast path
from .console import run_main

__all__ = ["app", "main", "register_commands"]

app = typer.Typer(
    name="mtcheck",
    help=(
        "Lint machine-translated English news copy.\n\n"
        "Catches the artifacts MT leaves in wire stories: one name spelled several ways, "
        "wrong casing ('Donald trump', 'UN security Council'), untranslated Cyrillic, "
        "scraped boilerplate ('READ MORE:', tweet embeds, truncated teasers) and "
        "Russian-style punctuation.\n\n"
        "Examples:\n\n"
        "  mtcheck lint stories/            # every .txt/.md/.html under stories/\n\n"
        "  mtcheck lint --format json a.txt  # the JSON contract, for tools\n\n"
        "  mtcheck rules MT201               # why a rule exists, with examples"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"mtcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """mtcheck: lint machine-translated English news copy."""


# ---------------------------------------------------------------------------------
_LINT_HELP = (
    "Report machine-translation artifacts in articles.\n\n"
    "PATHS are files or directories (walked for .txt, .md, .markdown, .html, .htm). "
    "Each finding prints as path:line:col: CODE message, with the excerpt.\n\n"
    "Exit status: 0 clean, 1 findings at or above --fail-level, 2 usage/config/input error."
)
_registered: set[Callable[[], None]] = set()


def _lint_command() -> None:
    from .lint_cli import lint
    app.command("lint", help=_LINT_HELP)(lint)


def _rules_commands() -> None:
    from .rules_cmd import config_cmd, rules_cmd
    app.command("rules", help="List every rule, or show one rule's why-paragraph and examples.")(rules_cmd)
    app.command("config", help="Show the effective configuration for a path (default: the current directory).")(config_cmd)


def _module_command(name: str) -> Callable[[], None]:
    return lambda: import_module(f"mtcheck.commands.{name}").register(app)


#: Command name -> what registers it, in the order `mtcheck --help` lists them.  rules and
#: config share a module and a registrar.
_COMMANDS: dict[str, Callable[[], None]] = {
    "lint": _lint_command, "rules": _rules_commands, "config": _rules_commands,
    **{name: _module_command(name) for name in COMMAND_MODULES},
}


def register_commands(only: str | None = None) -> typer.Typer:
    """Add the sub-commands to ``app``: all of them, or with *only* just that one; main()
    calls it, and so must any other code that runs ``app`` itself.

    Why not all at import: Typer inspects every registered command's signature when it
    runs, and the commands' modules import json, csv and more.  A one-article
    ``mtcheck lint FILE`` (pre-commit, editors) needs none of the others: ~8 ms of its start.
    """
    for name, registrar in _COMMANDS.items():
        if (only is None or name == only) and registrar not in _registered:
            registrar()
            _registered.add(registrar)
    return app


def _command_in(argv: list[str]) -> str | None:
    """The sub-command named on the command line when it is plainly one (the first
    argument); None (register everything) for anything else, --help included."""
    return argv[0] if argv[:1] and argv[0] in _COMMANDS else None


def main() -> None:
    """Console-script entry point through Typer (ends the process: see console.finish).
    ``mtcheck`` itself (``mtcheck/__main__.py``) tries mtcheck.fastpath first."""
    run_main(lambda: (register_commands(_command_in(sys.argv[1:])), app()))


if __name__ == "__main__":  # pragma: no cover
    main()
