"""What the commands need from a CLI framework at run time, without importing one.

Why: Typer (with the Click it vendors) costs ~40 ms to import, most of a one-article
``mtcheck lint``.  It is needed to *parse* a command line it must explain (help, usage
errors), but the command bodies only print a line to stderr, end with an exit status and
leave the process through :func:`finish`.  Those pieces live here, typer-free, so a body
runs the same whether Typer called it (``mtcheck.cli``) or the fast path did
(``mtcheck.fastpath``); ``cli`` re-exports them for the other commands.

Equivalence with Typer, which the tests check: :class:`Exit` is a ``SystemExit``, which
Typer and Click let through untouched, so ``raise Exit(2)`` ends a run as ``raise
typer.Exit(2)`` did (Click turned that into ``sys.exit(2)``); :func:`echo` writes what
``typer.echo`` writes, and hands any stream it does not handle itself to Typer's.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, List, NoReturn, Optional

__all__ = ["Exit", "echo", "fail", "print_notices", "split_list", "file_overrides", "use_color", "stdout_write",
           "write_output", "plain_stream", "pacify_streams", "run_main", "finish"]


class Exit(SystemExit):
    """``raise Exit(code)``: end the command with that exit status (``typer.Exit``'s
    replacement; see the module docstring for why a SystemExit)."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)

    @property
    def exit_code(self) -> int:
        return self.code   # type: ignore[return-value]


def plain_stream(stream: Any) -> bool:
    """Whether *stream* is one :func:`echo` writes to itself: the interpreter's own text
    stream with a real (not ASCII) encoding, off Windows.  Click re-wraps any other (an
    ASCII stream as UTF-8 with 'replace', a Windows console), so those go to it."""
    import io
    if type(stream) is not io.TextIOWrapper or not stream.errors or sys.platform.startswith("win"):
        return False
    import codecs
    try:
        return codecs.lookup(stream.encoding).name != "ascii"
    except LookupError:
        return True   # (what click does with an unknown name: keeps the stream)


def echo(message: str, err: bool = False) -> None:
    """``typer.echo(message, err=err)``: the line and a newline, flushed, with ANSI
    escape sequences removed when the stream is not a terminal (as Click does: a file
    name can hold them)."""
    stream = sys.stderr if err else sys.stdout
    if not plain_stream(stream):
        import typer   # rare (never on the fast path, which refuses such streams)
        typer.echo(message, err=err)
        return
    out = message + "\n"
    if "\x1b" in out and not _isatty(stream):
        import re
        out = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", out)   # click._compat._ansi_re
    stream.write(out)
    stream.flush()


def _isatty(stream: Any) -> bool:
    try:
        return stream.isatty()
    except Exception:  # noqa: BLE001 - as click.utils.isatty
        return False


def fail(message: str, code: int = 2) -> Exit:
    """``raise fail(msg)``: print ``mtcheck: error: msg`` and exit 2 (usage, config or input)."""
    echo(f"mtcheck: error: {message}", err=True)
    return Exit(code)


def print_notices(runner: Any) -> None:
    """What a run had to tell the user (LanguageTool unreachable, a rule timed out), once
    each, on stderr."""
    for notice in runner.notices:
        echo(f"mtcheck: {notice}", err=True)


def split_list(values: Optional[List[str]]) -> Optional[tuple[str, ...]]:
    """--select A,B --select C → (A, B, C); None when the flag was not given."""
    if not values:
        return None
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def file_overrides(*, select: Optional[List[str]], ignore: Optional[List[str]], encoding: Optional[str],
                   max_file_size: Optional[int], entities: Optional[List[str]], rules_dir: Optional[List[str]],
                   languagetool: Optional[str], extensions: Optional[List[str]]) -> dict[str, Any]:
    """The config overrides of the flags ``lint`` and ``fix`` share (the same rules and
    files for both, so ``fix`` changes what ``lint`` reports); None where a flag was not
    given, so the config file's value stands."""
    return {
        "select": split_list(select), "ignore": split_list(ignore), "encoding": encoding,
        "max_file_size": max_file_size, "entities": tuple(entities) if entities else None,
        "rule_dirs": tuple(rules_dir) if rules_dir else None, "languagetool": languagetool,
        "extensions": tuple(e if e.startswith(".") else "." + e for e in split_list(extensions) or ()) or None,
    }


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
            # away (EPIPE, `| head`) is left to the caller (Click, or run_main's
            # caller mirroring it), which ends quietly
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


class _Pacified:
    """click.utils.PacifyFlushWrapper: a stream whose flush ignores a closed pipe (EPIPE),
    so the exit after ``mtcheck lint | head`` stays quiet."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.wrapped, attr)


def pacify_streams() -> None:
    """What Click does when a command dies of EPIPE, before its exit status 1."""
    sys.stdout = _Pacified(sys.stdout)   # type: ignore[assignment]
    sys.stderr = _Pacified(sys.stderr)   # type: ignore[assignment]


def run_main(run: Callable[[], Any]) -> NoReturn:
    """Run a command line (*run* parses it and calls the command) and end the process:
    the exit status Click's SystemExit carries, 130 on an interrupt, and 2 with the
    traceback for a bug of ours (Python's own 1 would mean "findings" to a script or a CI
    job; ruff exits 2 on an internal error too).  Shared by the Typer path and the fast
    path, so both end alike."""
    try:
        run()
    except KeyboardInterrupt:  # pragma: no cover - typer usually turns it into Exit(130)
        finish(130)
    except SystemExit as exc:   # Typer/Click end every run this way, and so do our bodies
        if exc.code is None or isinstance(exc.code, int):
            finish(exc.code or 0)
        raise
    except Exception:
        import traceback
        traceback.print_exc()
        echo("mtcheck: internal error (the traceback above); please report it", err=True)
        finish(2)
    finish(0)   # (not reached with Click, whose standalone mode always exits)


def finish(code: int) -> NoReturn:
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
