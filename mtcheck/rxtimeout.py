"""Time limits on rule regexes: the ``regex`` module's own, or a cheaper alarm clock.

Why: a user's pattern that backtracks catastrophically must not hang a pre-commit run,
so every rule search has a time limit (``CheckContext.regex_timeout``, 2 s).  ``regex``
enforces ``timeout=`` by reading the clock as it matches, which on the built-in patterns
costs ~15% of all their matching time (the searches of the bench corpus: 200-213 µs
per article with the timeout, 169-191 without; MT701 alone 64 against 51).  The engine
also checks for signals while it matches, so the command line can do without that:

* a recurring interval timer (SIGALRM, every quarter of a second or a quarter of the
  limit) runs in each process that searches;
* each search records its deadline (one clock read) and raises the flag ``_armed``;
* the signal handler raises ``TimeoutError`` only when a search is running past its
  deadline, so a runaway search stops within a tick of its limit, and a tick that finds
  no search running does nothing (interrupted system calls are retried: PEP 475);
* the timer stops with the atexit handlers, before a normal exit resets the handler.

Signals belong to the program, not to a library: only the command line switches this on
(:func:`use_alarm`, from ``mtcheck/__main__.py``; forked ``--jobs`` workers inherit the
handler and start their own timer, since fork does not copy timers), and only while
SIGALRM has no other handler and no other timer.  Anywhere else (library use, another
thread, a platform without ``setitimer``) searches use ``regex``'s own timeout, as
before.  Either way a search that runs out of time raises ``TimeoutError`` and yields
no matches.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

__all__ = ["findall", "stop_ticking", "use_alarm"]

TICK = 0.25          # seconds between checks (or a quarter of a shorter limit)

_alarm = False       # use_alarm() succeeded: searches in the main thread use the timer
_main_ident: int | None = None
_armed = False       # a search is running under the timer now ...
_deadline = 0.0      # ... and must be done by this time.monotonic()
_ticking: float | None = None   # the interval of this process's timer, once started
_stop_registered = False
_monotonic = time.monotonic


def _on_alarm(signum: int, frame: Any) -> None:
    if _armed and _monotonic() >= _deadline:
        raise TimeoutError("regex search timed out")


def use_alarm() -> bool:
    """Let searches in this process's main thread be timed by SIGALRM.  Returns whether
    the alarm is in use (False where SIGALRM is taken or there is no ``setitimer``)."""
    global _alarm, _main_ident
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, _on_alarm) \
            or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return False   # the program uses SIGALRM itself
    signal.signal(signal.SIGALRM, _on_alarm)
    _main_ident = threading.get_ident()
    if not _alarm and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_forked)
    _alarm = True
    return True


def _start_ticking(seconds: float) -> bool:
    """Start (or speed up) this process's timer; False if SIGALRM is no longer ours."""
    global _ticking, _stop_registered
    if signal.getsignal(signal.SIGALRM) is not _on_alarm:
        return False
    if not _stop_registered:
        # An interpreter that exits normally resets signal handlers to their defaults
        # while it tears down; a tick then would kill the process (exit status -14, its
        # output half-written), so the timer stops first, with the atexit handlers.
        import atexit
        atexit.register(_stop_ticking)
        _stop_registered = True
    interval = max(0.001, min(TICK, seconds / 4))
    signal.setitimer(signal.ITIMER_REAL, interval, interval)
    _ticking = interval
    return True


def stop_ticking() -> None:
    """Stop this process's timer until the next search starts it again: before writing
    output (a tick interrupting a big write to a pipe cut it short: see
    console.stdout_write), and at exit (see _start_ticking)."""
    _stop_ticking()


def _stop_ticking() -> None:
    """Stop this process's timer (at exit: see _start_ticking)."""
    global _ticking
    if _ticking is not None:
        signal.setitimer(signal.ITIMER_REAL, 0.0, 0.0)
        _ticking = None


def _forked() -> None:
    """In a forked child: no timer runs (fork does not copy timers), nor any search."""
    global _ticking, _armed
    _ticking = None
    _armed = False


def findall(rx: Any, text: str, seconds: float) -> list[Any]:
    """Every match of the compiled ``regex`` pattern *rx* in *text*, as ``finditer``
    gives them, or ``TimeoutError`` when the search takes longer than *seconds*."""
    global _armed, _deadline
    if not _alarm or threading.get_ident() != _main_ident:
        return list(rx.finditer(text, timeout=seconds))
    if (_ticking is None or _ticking > seconds / 4 + 1e-9) and not _start_ticking(seconds):
        return list(rx.finditer(text, timeout=seconds))
    _deadline = _monotonic() + seconds
    _armed = True
    try:
        return list(rx.finditer(text))
    finally:
        _armed = False
