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

import os
import signal
import sys
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
def pool(jobs: int, *, initializer: Callable[..., None] | None = None,
         initargs: tuple = ()) -> Iterator[Any]:
    """A ``ProcessPoolExecutor`` of *jobs* workers (where fork_map cannot fork: each
    worker builds its own state in *initializer*), shut down normally when the block
    ends, and without its pending work when the block is left by an exception
    (KeyboardInterrupt, a closed generator, an error writing output)."""
    from concurrent.futures import ProcessPoolExecutor   # only spawned parallel runs pay for it

    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(initializer, *initargs))
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


# ---------------------------------------------------------------------------------------
# Forked runs: this process works too, children share one queue of chunks.

_HEADER = 8   # bytes of a message's length prefix
_RECORD = 4   # bytes of a chunk number in the task pipe


def chunk_ranges(n: int, workers: int, largest: int = 32, max_chunks: int = 1 << 14) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``range(n)``, at most *max_chunks* of them:
    *largest* items while plenty remain, then smaller ones (a quarter of each worker's
    share of what remains, at least 1), so that the processes run out of work within
    about one article of each other instead of one waiting for the other's last full
    chunk (up to ~30 ms with 32).  Too many chunks for *max_chunks* (a huge input, a
    small task pipe): every chunk gets at least n / max_chunks items."""
    smallest = 1
    while True:
        out, start = [], 0
        while start < n:
            size = max(smallest, min(largest, (n - start) // (workers * 4)))
            out.append((start, min(n, start + size)))
            start += size
        if len(out) <= max_chunks:
            return out
        smallest = -(-n // max_chunks)
        largest = max(largest, smallest)


def _pipe_capacity(fd: int) -> int:
    """Bytes the pipe *fd* takes before a write blocks: Linux says (64 KiB by default,
    4 KiB for a user over the kernel's pipe quota); elsewhere POSIX's minimum, 512."""
    try:
        import fcntl
        return int(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))
    except (ImportError, AttributeError, OSError):
        return 512


def each(fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """``fn`` of each of *items*: a per-item function as fork_map's chunk function
    (``partial(each, fn)``)."""
    return [fn(item) for item in items]


def fork_map(items: list[Any], jobs: int, remote: Callable[[list[Any]], list[Any]],
             local: Callable[[list[Any]], list[Any]], unpack: Callable[[Any], Any]) -> Iterator[Any]:
    """What ``local`` gives for every item, in order, computed by this process and
    *jobs* - 1 forked children together, a chunk of items at a time: ``local(chunk)`` is
    a list with one value per item; a child computes ``remote(chunk)`` instead, one
    picklable value per item, which *unpack* turns into what *local* gives, here.
    (Chunks, not items: ``lint`` lints a chunk's files together, rule by rule.)

    Why not ProcessPoolExecutor: its parent only feeds and drains the pool, so a 2-core
    run forks two workers and leaves the parent's own core to contend with them; its
    imports and start cost ~15 ms, and it sends every item out and back.  Here the parent
    lints too (its results never cross a pipe) and forks one child less.  The chunks are
    queued as 4-byte records in one pipe written before the fork: every process takes the
    next one with a 4-byte ``read``, which the kernel hands to one reader whole, so the
    processes share the work without a lock and the one that runs fastest does most.

    Ctrl-C: children ignore SIGINT (the parent's KeyboardInterrupt ends the run, and the
    children are killed on the way out: their work is of no use any more).  An exception
    in a child is raised here; a child that dies without one (killed) is an error too.
    """
    import pickle
    import struct
    import threading
    from queue import SimpleQueue

    r_task, w_task = os.pipe()
    ranges = chunk_ranges(len(items), jobs, max_chunks=_pipe_capacity(w_task) // _RECORD)
    records = b"".join(struct.pack("<I", k) for k in range(len(ranges)))
    try:
        # Every record goes in before the fork, so the pipe must take them all at once:
        # chunk_ranges sized them for its capacity; a write that would block anyway
        # (a capacity misread) is refused, and the items are done here, serially.
        os.set_blocking(w_task, False)
        written = os.write(w_task, records)
    except BlockingIOError:
        written = 0
    finally:
        os.close(w_task)
    if written != len(records):   # pragma: no cover - the capacity was misread
        os.close(r_task)
        yield from local(items)
        return
    children: list[tuple[int, int]] = []   # (pid, read end of its result pipe)
    threads: list[threading.Thread] = []
    inbox: SimpleQueue = SimpleQueue()
    finished = False
    me = os.getpid()
    try:
        # no more children than chunks left for them: `--jobs 200` on 9 files forked
        # 199 processes for 8 chunks (and past the process limit, failed with EAGAIN)
        for _ in range(max(0, min(jobs, len(ranges)) - 1)):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:   # pragma: no cover - runs in the child, which leaves with os._exit
                _child(r_task, w, [fd for _p, fd in children] + [r], items, ranges, remote, me)
            os.close(w)
            children.append((pid, r))
        for _pid, fd in children:
            t = threading.Thread(target=_read_messages, args=(fd, inbox), daemon=True)
            t.start()
            threads.append(t)
        done: dict[int, Any] = {}
        open_children = len(children)
        nxt = 0

        def absorb(message: Any) -> None:
            nonlocal open_children
            if message is None:   # a child's pipe closed
                open_children -= 1
                return
            k, payload = pickle.loads(message)
            if k < 0:
                exc, where = payload
                if where:
                    raise exc from RemoteTraceback(where)
                raise exc
            done[k] = [unpack(p) for p in payload]

        while True:
            record = os.read(r_task, 4)
            if not record:
                break
            k = struct.unpack("<I", record)[0]
            start, end = ranges[k]
            done[k] = local(items[start:end])
            while not inbox.empty():
                absorb(inbox.get())
            while nxt in done:
                yield from done.pop(nxt)
                nxt += 1
        while nxt < len(ranges):
            if nxt in done:
                yield from done.pop(nxt)
                nxt += 1
            elif open_children:
                absorb(inbox.get())
            else:
                first = ranges[nxt][0]
                raise RuntimeError(f"a worker process ended without finishing its files "
                                   f"(from {items[first]!s}); run with --jobs 1 to see why")
        finished = True
    finally:
        _reap(children, threads, kill=not finished)
        os.close(r_task)


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a forked child, attached as the cause of
    that exception when fork_map raises it here (as concurrent.futures does).  Why: the
    exception alone arrives without its traceback, so an internal error of a --jobs run
    (the default) printed only fork_map's own lines, not where the check failed."""

    def __str__(self) -> str:
        return f"\n\n(in a worker process)\n{self.args[0]}"


def _child(r_task: int, w: int, others: list[int], items: list[Any], ranges: list[tuple[int, int]],
           remote: Callable[[Any], Any], parent: int) -> None:  # pragma: no cover - runs in a forked child
    """A forked child's life: take chunks from the task pipe, send each chunk's results
    (or the exception that stopped it) as one length-prefixed pickle, exit."""
    import pickle
    import struct
    code = 0
    try:
        ignore_interrupts()
        _die_with(parent)
        for fd in others:
            os.close(fd)
        while os.getppid() == parent:
            record = os.read(r_task, 4)
            if not record:
                break
            k = struct.unpack("<I", record)[0]
            start, end = ranges[k]
            _send(w, pickle.dumps((k, remote(items[start:end])), pickle.HIGHEST_PROTOCOL))
    except BaseException as exc:
        code = 1
        try:
            import traceback
            where = "".join(traceback.format_exception(exc))
            try:
                body = pickle.dumps((-1, (exc, where)), pickle.HIGHEST_PROTOCOL)
                pickle.loads(body)
            except Exception:
                body = pickle.dumps((-1, (RuntimeError(where), "")))
            _send(w, body)
        except BaseException:
            pass
    finally:
        os._exit(code)


def _die_with(parent: int) -> None:  # pragma: no cover - runs in a forked child
    """End this child when its parent ends, however it ends.

    Why: a parent killed by SIGTERM or SIGKILL alone (an editor cancelling a lint, a
    supervisor's ``kill PID``; ``timeout`` and Ctrl-C signal the whole group) runs no
    cleanup, and its orphaned children went on linting their chunk, up to 32 files or
    minutes of a big one, before a write to the closed result pipe ended them.  On Linux
    the kernel sends SIGKILL at the parent's death (PR_SET_PDEATHSIG); elsewhere the
    child stops before its next chunk (see _child)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))   # 1: PR_SET_PDEATHSIG
        except Exception:   # no libc symbol: the check before each chunk remains
            pass
    if os.getppid() != parent:   # died before the request took effect
        os._exit(1)


def _send(fd: int, body: bytes) -> None:
    view = memoryview(len(body).to_bytes(_HEADER, "little") + body)
    while view:
        view = view[os.write(fd, view):]


def _read_messages(fd: int, inbox: Any) -> None:
    """In a thread of the parent: each message a child sends, then None at its end.
    (Blocked in ``read``, the thread holds no GIL: the parent's own linting goes on.)"""
    with os.fdopen(fd, "rb", closefd=False) as stream:
        while True:
            head = stream.read(_HEADER)
            if len(head) < _HEADER:
                break
            body = stream.read(int.from_bytes(head, "little"))
            if len(body) < int.from_bytes(head, "little"):
                break
            inbox.put(body)
    inbox.put(None)


def _reap(children: list[tuple[int, int]], threads: list[Any], kill: bool) -> None:
    """Wait for the children (killed first when the run is abandoned), their reader
    threads and pipes, with Ctrl-C held back meanwhile: a second interrupt here would
    leave a child or a thread behind, and this takes milliseconds."""
    can_block = hasattr(signal, "pthread_sigmask")
    if can_block:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for pid, _fd in children:
            if kill:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        for t in threads:
            t.join()
        for _pid, fd in children:
            os.close(fd)
    finally:
        if can_block:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
