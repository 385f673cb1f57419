"""Worker process pools for ``--jobs``: started with Ctrl-C left to the parent, and torn
down at once when the run is interrupted or fails.

Why: a terminal's Ctrl-C reaches every process of the foreground group.  With the
default handler each forked worker raised KeyboardInterrupt wherever it was, often
while holding the pool's call-queue lock, and the parent's exit then waited forever
for a worker that could not finish (3 hangs in 15 interrupted ``--jobs 2`` runs; a
second Ctrl-C printed some 50 lines of tracebacks).  So workers ignore SIGINT, and
the parent, which gets the KeyboardInterrupt, cancels the work not yet started and
lets them finish their current chunk before it leaves (see _stop).
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Any, Callable, Iterator


#: pools not yet shut down: the command stops them on its way out (stop_all), since an
#: interrupt raised outside a pool's block (while the parent writes a result) leaves the
#: generator holding the block suspended, not closed.
_LIVE: set[Any] = set()


def ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (see the module docstring)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init(initializer: Callable[..., None] | None, *initargs: Any) -> None:
    ignore_interrupts()
    if initializer is not None:
        initializer(*initargs)


@contextmanager
def pool(jobs: int, *, fork: bool, initializer: Callable[..., None] | None = None,
         initargs: tuple = ()) -> Iterator[Any]:
    """A ``ProcessPoolExecutor`` of *jobs* workers (forked when *fork*), shut down
    normally when the block ends, and without its pending work when the block is left by
    an exception (KeyboardInterrupt, a closed generator, an error writing output)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor   # only parallel runs pay for it

    kwargs: dict[str, Any] = {"mp_context": mp.get_context("fork")} if fork else {}
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(initializer, *initargs),
                                   **kwargs)
    _LIVE.add(executor)
    try:
        yield executor
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)
    _LIVE.discard(executor)   # (kept when the shutdown is interrupted: stop_all ends it)


def stop_all() -> None:
    """Shut down every pool still running (the command is ending, normally or not)."""
    for executor in list(_LIVE):
        _stop(executor)


def _stop(executor: Any) -> None:
    """Drop the work not started and wait for the workers to finish what they hold (a
    chunk of at most 32 files each, tens of milliseconds).  Killing them at once instead
    can cut a result in half on its way through the pipe, and the pool's manager thread
    then waits for the rest of it forever (1 hang in 8 interrupted runs).  A second
    Ctrl-C while waiting (``timeout -s INT`` and impatient users send two) kills the
    workers and ends the process with status 130 at once: an interrupted wait would
    leave the pool to the interpreter's exit, which deadlocks on it."""
    import os
    import threading

    procs = list((getattr(executor, "_processes", None) or {}).values())   # the pool's own table

    def now(signum: int, frame: Any) -> None:
        for p in procs:
            try:
                p.kill()
            except Exception:   # already gone
                pass
        os._exit(130)

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, now)
    try:
        executor.shutdown(wait=True, cancel_futures=True)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    _LIVE.discard(executor)
