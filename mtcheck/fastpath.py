"""``mtcheck lint FILES`` and ``mtcheck fix --write FILES`` without importing typer.

Why: importing Typer (and the Click it vendors, with shutil, inspect, subprocess,
difflib, urllib.parse, platform ...) costs ~35-40 ms; not importing it saves 15-19
ms of a ~100 ms one-article lint (mtcheck needs some of those modules anyway).
The pre-commit hooks run ``mtcheck lint --no-color --languagetool off FILES`` and
``mtcheck fix --write --languagetool off FILES`` on every commit, and editors run lint on
every save, so start-up is what users feel.

What this is: an optimisation, never a second CLI.  Typer stays the one definition of
the options (mtcheck/lint_cli.py, mtcheck/commands/fix_cli.py); :func:`parse` reads a
command line with the table derived from those signatures (fastpath_spec.py, written by
``python -m mtcheck.fastpath_gen``) and hands the command body exactly the keyword
arguments Typer would.  It accepts only what it fully understands: long options as
``--opt value`` or ``--opt=value``, the ``--x/--no-x`` flags, repeated list options,
``-x value`` short forms and single short flags, paths and ``-``.  Anything else (help,
an unknown option, a value that does not convert or is out of range, ``--``, ``-j2``,
``-wq``, a missing value or no path) returns None and Typer runs as before, printing its
own help or error.  ``MTCHECK_NO_FASTPATH=1`` always leaves the command line to Typer
(the tests compare the two).  Errors and the exit path are the same as Typer's:
:func:`call` maps what the body raises as Typer's ``_main`` does, and
``console.run_main`` ends the process as ``cli.main`` does.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

ENV_OFF = "MTCHECK_NO_FASTPATH"

_REFUSE = object()


def run(argv: list[str]) -> None:
    """Run *argv*'s command and end the process, or return at once (having done nothing)
    when the command line is not one this module handles: the caller then runs Typer."""
    planned = plan(argv)
    if planned is None:
        return
    body, kwargs = planned
    from .console import run_main
    run_main(lambda: call(body, kwargs))


def plan(argv: list[str]) -> tuple[Callable[..., Any], dict[str, Any]] | None:
    """(the command body, its keyword arguments) for *argv* (the arguments after the
    program name), or None for "leave it to Typer"."""
    if not argv or os.environ.get(ENV_OFF) or _typer_would_differ() or not _plain_streams():
        return None
    try:
        from .fastpath_spec import SPEC
    except ImportError:
        return None
    command = SPEC["commands"].get(argv[0])
    if command is None or not _current(command):
        return None
    kwargs = parse(command, argv[1:], SPEC["help"])
    if kwargs is None:
        return None
    from importlib import import_module
    module, function = command["body"]
    return getattr(import_module(module), function), kwargs


def _typer_would_differ() -> bool:
    """Whether Typer would treat this process specially: shell completion
    (``_MTCHECK_COMPLETE`` and the like), Windows (where it expands wildcards in the
    arguments)."""
    return os.name == "nt" or any(key[:1] == "_" and key.endswith("_COMPLETE") for key in os.environ)


def _plain_streams() -> bool:
    """Standard streams that are there and that Click's echo would not re-wrap (see
    console.plain_stream), so console.echo writes what typer.echo would."""
    from .console import plain_stream
    return sys.stdout is not None and plain_stream(sys.stderr)


def _current(command: dict[str, Any]) -> bool:
    """Whether the table was derived from the signature module as it is now: after an
    edit there, until ``python -m mtcheck.fastpath_gen`` runs, every run takes Typer."""
    from .diskmemo import checksum
    try:
        with open(os.path.join(os.path.dirname(__file__), command["source"]), "rb") as fh:
            return checksum(fh.read()) == command["checksum"]
    except OSError:
        return False


def parse(command: dict[str, Any], args: list[str], help_names: tuple[str, ...]) -> dict[str, Any] | None:
    """The body's keyword arguments for the command line *args* (after the command's
    name), as Typer would pass them, or None when Click would do anything but call the
    body with them (help, an error) or when this parser is not sure (see the module
    docstring).  Click's rules kept: options and paths may interleave; a repeated
    option's last value wins, a list option's values add up; ``-`` is a path."""
    options = command["options"]
    values = dict(command["defaults"])
    lists: dict[str, list[Any]] = {}
    paths: list[str] = []
    i, n = 0, len(args)
    while i < n:
        arg = args[i]
        i += 1
        if arg == "-" or arg[:1] != "-":
            paths.append(arg)
            continue
        if arg in help_names:
            return None
        name, eq, value = arg.partition("=") if arg[:2] == "--" else (arg, "", "")
        spec = options.get(name)
        if spec is None:   # unknown, "--", "-j2", "-wq", "-f=json" (Click: "=json")
            return None
        param, kind, multiple, extra = spec
        if kind == "flag":
            if eq:          # Click: "Option '--cache' does not take a value."
                return None
            values[param] = extra
            continue
        if not eq:
            if i == n:      # Click: "Option '--jobs' requires an argument."
                return None
            value = args[i]
            i += 1
        if value[:1] == "-":
            # Click takes it as the value, but `--select --no-color` is far likelier a
            # slip than a rule named "--no-color": Typer decides, with its own messages
            return None
        converted = _convert(kind, extra, value)
        if converted is _REFUSE:
            return None
        if multiple:
            lists.setdefault(param, []).append(converted)
        else:
            values[param] = converted
    if not paths:           # Click: "Missing argument 'PATHS...'."
        return None
    values[command["argument"]] = paths
    values.update(lists)
    return values


def _convert(kind: str, extra: Any, value: str) -> Any:
    """*value* as Typer hands it to the body, or _REFUSE where Click would fail (or might:
    int() also takes " 7", "1_000" and other digits, which are left to Click)."""
    if kind == "str":
        return value
    if kind == "int":
        if not (value.isascii() and value.isdigit()):
            return _REFUSE
        number = int(value)
        low, high, low_open, high_open = extra
        if low is not None and (number <= low if low_open else number < low):
            return _REFUSE
        if high is not None and (number >= high if high_open else number > high):
            return _REFUSE
        return number
    if kind == "path":
        if not value:
            return _REFUSE
        if extra:   # Click's Path(readable=True): an existing path must be readable
            try:
                os.stat(value)
            except OSError:
                pass
            else:
                if not os.access(value, os.R_OK):
                    return _REFUSE
        from pathlib import Path
        return Path(value)
    return _REFUSE


def call(body: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    """Call *body* as Typer's ``_main`` does in standalone mode: what it raises becomes
    the same SystemExit (Ctrl-C 130; a reader gone away, EPIPE, 1 with the streams
    quietened; EOFError Typer's own "Aborted" and 1), and a body that returns exits 0."""
    import errno

    from .console import Exit, pacify_streams
    try:
        body(**kwargs)
    except EOFError as exc:
        _abort_as_typer(exc)
    except KeyboardInterrupt as exc:
        raise Exit(130) from exc
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        pacify_streams()
        raise Exit(1) from None
    raise Exit(0)


def _abort_as_typer(exc: EOFError) -> None:
    """Typer's answer to an EOFError (a newline, then "Aborted" plain or through rich,
    which Typer decides, and exit 1), from Typer itself: the one outcome whose text it
    formats.  (Not seen from lint or fix, which read standard input as bytes.)"""
    import typer
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.command()
    def aborted() -> None:
        raise exc

    app([], prog_name="mtcheck")   # exits
