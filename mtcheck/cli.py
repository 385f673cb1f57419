"""The command line (Typer): argument parsing only, then calls into the library.

Exit codes, as in ruff: 0 clean, 1 findings at or above --fail-level, 2 usage, config
or input error.  Findings go to stdout (or --output); notices and errors go to stderr.
"""

from __future__ import annotations

import errno
import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any, Callable, Iterable, List, Optional

import typer

from . import __version__
from .commands import COMMAND_MODULES

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


def fail(message: str, code: int = 2) -> "typer.Exit":
    typer.echo(f"mtcheck: error: {message}", err=True)
    return typer.Exit(code)


def print_notices(runner: Any) -> None:
    """What a run had to tell the user (LanguageTool unreachable, a rule timed out), once
    each, on stderr."""
    for notice in runner.notices:
        typer.echo(f"mtcheck: {notice}", err=True)


def split_list(values: Optional[List[str]]) -> Optional[tuple[str, ...]]:
    """--select A,B --select C → (A, B, C); None when the flag was not given."""
    if not values:
        return None
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"mtcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """mtcheck: lint machine-translated English news copy."""


def use_color(flag: Optional[bool], stream=None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def stdout_write(data: "str | bytes") -> None:
    """Write *data* to standard output, all of it, and flush.

    Why not ``sys.stdout.write``: the rule-regex timer (rxtimeout) ticks with SIGALRM,
    and a signal that interrupts a big blocking write to a pipe makes the buffered
    writer return a short count, which the text layer ignores: the rest of the report
    was silently lost (an 89 MB JSON report cut at a 64 KiB boundary when the reader was
    slower than the linter, exit status still 1).  So the timer is stopped first (the
    next search starts it again), and the bytes are written in a loop until all are out.
    """
    from . import rxtimeout
    rxtimeout.stop_ticking()
    buf = getattr(sys.stdout, "buffer", None)
    if isinstance(data, str):
        if buf is None or os.linesep != "\n":   # (a stream without bytes; Windows newlines)
            sys.stdout.write(data)
            sys.stdout.flush()
            return
        errors = sys.stdout.errors or "strict"
        # a file name that is not UTF-8 (decoded with surrogate escapes) comes out as
        # its own bytes, as `ls` shows it, not as a UnicodeEncodeError
        data = data.encode(sys.stdout.encoding or "utf-8", "surrogateescape" if errors == "strict" else errors)
    sys.stdout.flush()   # what was written through the text layer comes first
    view = memoryview(data)
    while view:
        n = buf.write(view)
        view = view[n if n is not None else len(view):]
    buf.flush()


def write_output(text: "str | Iterable[str]", output: Optional[Path]) -> None:
    """Print, or write the report atomically to --output.  *text* may come in pieces
    (a big JSON report), which are written as they come."""
    pieces = [text] if isinstance(text, str) else text
    if output is None:
        try:
            if sys.stdout is None:   # started with standard output closed (`>&-`)
                raise OSError(errno.EBADF, "standard output is closed")
            for piece in pieces:
                stdout_write(piece)
        except OSError as exc:
            # a full disk or a dead device is the environment's error, not mtcheck's: say
            # so (exit 2) instead of an 'internal error' traceback; a reader that went
            # away (EPIPE, `| head`) is left to click, which ends quietly
            if exc.errno == errno.EPIPE:
                raise
            raise fail(f"cannot write the report to standard output: {exc.strerror or exc}") from None
        return
    from .source import write_atomic
    try:
        stream = _standard_stream(output)
        if stream is not None:
            # -o /dev/stdout (or /dev/stderr) while that stream is a regular file
            # (`>> all.json`): reopening the path would truncate it, and write_atomic
            # renamed a new file over it, so what the file held before was lost and
            # everything else written to the stream went to the replaced inode
            stream.flush()
            for piece in pieces:
                data = memoryview(piece.encode("utf-8", "surrogateescape"))
                while data:
                    data = data[os.write(stream.fileno(), data):]
        elif _is_stream(output):
            # /dev/stdout, /dev/null, a FIFO or `-o >(gzip > r.gz)`: written as it is,
            # not replaced through a temporary file (write_atomic refuses them, rightly
            # for articles, which it must not turn into regular files)
            with open(output, "wb") as fh:
                for piece in pieces:
                    fh.write(piece.encode("utf-8", "surrogateescape"))
        elif os.path.isdir(output):
            raise fail(f"cannot write {output}: it is a directory (give a file name)")
        else:
            write_atomic(output, (piece.encode("utf-8", "surrogateescape") for piece in pieces))
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None


def _standard_stream(path: Path) -> Any:
    """sys.stdout or sys.stderr when --output names the regular file that stream already
    writes to (``-o /dev/stdout > report.json``); None otherwise.  A terminal, pipe or
    FIFO behind /dev/stdout is opened as any stream is (see _is_stream)."""
    import stat
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    for stream in (sys.stdout, sys.stderr):
        try:
            if os.path.samestat(st, os.fstat(stream.fileno())):
                return stream
        except (OSError, ValueError, AttributeError):   # closed, or not backed by a file
            continue
    return None


def _is_stream(path: Path) -> bool:
    """Whether --output names a character device, FIFO or socket (not a file to replace)."""
    import stat
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


# ---------------------------------------------------------------------------------
_LINT_HELP = (
    "Report machine-translation artifacts in articles.\n\n"
    "PATHS are files or directories (walked for .txt, .md, .markdown, .html, .htm). "
    "Each finding prints as path:line:col: CODE message, with the excerpt.\n\n"
    "Exit status: 0 clean, 1 findings at or above --fail-level, 2 usage/config/input error."
)
_registered: set[Callable[[], None]] = set()


def _lint_command() -> None:
    from .lint_cmd import lint
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
    """Console-script entry point (ends the process: see _finish)."""
    try:
        register_commands(_command_in(sys.argv[1:]))
        app()
    except KeyboardInterrupt:  # pragma: no cover - typer usually turns it into Exit(130)
        _finish(130)
    except SystemExit as exc:   # Typer/Click end every run this way
        if exc.code is None or isinstance(exc.code, int):
            _finish(exc.code or 0)
        raise
    except Exception:
        # A bug of ours: Python's own exit status for it is 1, which to a script or a CI
        # job means "findings".  Exit 2 (as ruff does for an internal error), traceback kept.
        import traceback
        traceback.print_exc()
        typer.echo("mtcheck: internal error (the traceback above); please report it", err=True)
        _finish(2)


def _finish(code: int) -> None:
    """Exit without tearing the interpreter down.

    Why: freeing every object at exit (the rule set, the gazetteer, name tables, ~140
    modules) takes 15-20 ms of a one-article run, longer than most of its checks.  What
    a normal exit does that matters is done here: the output streams are flushed and the
    atexit handlers run (the disk memos are written by them).  With another thread or a
    child process still alive, or a stream that cannot be flushed (a closed pipe), the
    ordinary exit runs instead, with its usual reports.
    """
    import threading
    if code == 130:
        # Interrupted: a second Ctrl-C (``timeout -s INT`` sends one right after the
        # group's) must not cut the exit handlers short with a traceback.
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    workers = sys.modules.get("mtcheck.workers")
    if workers is not None:   # an interrupt can leave a pool running: stop it first
        workers.stop_all()
    mp = sys.modules.get("multiprocessing")
    if threading.active_count() > 1 or (mp is not None and mp.active_children()):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        sys.exit(code)
    import atexit
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
