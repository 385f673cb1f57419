"""workers.fork_map: the parent and its forked children share one queue of chunks; the
results come back complete, in order, whoever computed them, and a failing or dying
child ends the run with an error instead of a hang or a silent gap."""

from __future__ import annotations

import os
import signal
import time

import pytest

from functools import partial

from mtcheck.workers import chunk_ranges, each, fork_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not os.path.exists("/proc/self/task"),
                                reason="needs fork and /proc")


def _children() -> list[int]:
    """Live (not zombie) children of this process."""
    out = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as fh:
                out += [int(p) for p in fh.read().split()]
        except FileNotFoundError:
            pass
    return out


@pytest.mark.parametrize("n,workers", [(0, 2), (1, 2), (7, 2), (999, 2), (1000, 3), (10_000, 2), (5, 8)])
def test_chunks_cover_every_item_once_in_order(n, workers):
    ranges = chunk_ranges(n, workers)
    assert [i for s, e in ranges for i in range(s, e)] == list(range(n))
    assert all(e > s for s, e in ranges)
    assert all(e - s <= 32 for s, e in ranges)


def test_chunks_shrink_towards_the_end():
    """The last chunks are small, so processes run out of work at about the same time."""
    ranges = chunk_ranges(1000, 2)
    assert ranges[0] == (0, 32)
    assert [e - s for s, e in ranges[-3:]] == [1, 1, 1]


@pytest.mark.parametrize("n,workers,most", [(1_000_000, 2, 16384), (1000, 2, 128), (1000, 64, 128),
                                             (100, 2, 1), (5, 2, 3)])
def test_no_more_chunks_than_the_task_pipe_holds(n, workers, most):
    """Every chunk number is written to the task pipe before the fork: more than it
    holds (64 KiB, or 4 KiB for a user over the kernel's pipe quota) would block."""
    ranges = chunk_ranges(n, workers, max_chunks=most)
    assert len(ranges) <= most
    assert [i for s, e in ranges for i in range(s, e)] == list(range(n))


@pytest.mark.parametrize("n,workers", [(100_000, 2000), (262_144, 500), (1_000_000, 300), (50_000, 4096)])
def test_many_jobs_never_overfill_the_task_pipe(n, workers):
    """The shrinking tail grows with the workers (4 per worker per halving): with
    --jobs 2000 on 100,000 files it made ~32,000 chunks, 130 KB of records, and the
    write of the task pipe before the fork blocked forever."""
    ranges = chunk_ranges(n, workers)
    assert len(ranges) <= 1 << 14   # the default: 64 KiB of 4-byte records
    assert [i for s, e in ranges for i in range(s, e)] == list(range(n))


def _slow_square(x: int) -> int:
    time.sleep(0.002)
    return x * x


def _in_child(x: int) -> tuple[str, int]:
    return ("child", _slow_square(x))


def _in_parent(x: int) -> tuple[str, int]:
    return ("parent", _slow_square(x))


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_are_complete_and_in_order(jobs):
    got = list(fork_map(list(range(300)), jobs, partial(each, _in_child), partial(each, _in_parent), lambda r: r))
    assert [v for _who, v in got] == [x * x for x in range(300)]
    who = {w for w, _v in got}
    if jobs == 1:
        assert who == {"parent"}
    else:   # 0.6 s of work: the children, forked in a millisecond, take their share
        assert who == {"parent", "child"}
    assert _children() == []


def _fails_in_child(x: int) -> int:
    time.sleep(0.002)
    raise ValueError(f"bad item {x}")


def test_an_exception_in_a_child_is_raised_here():
    with pytest.raises(ValueError, match="bad item"):
        list(fork_map(list(range(300)), 2, partial(each, _fails_in_child), partial(each, _slow_square), lambda r: r))
    assert _children() == []


def _dies(x: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_a_child_that_dies_is_an_error_not_a_gap():
    with pytest.raises(RuntimeError, match="ended without finishing"):
        list(fork_map(list(range(300)), 2, partial(each, _dies), partial(each, _slow_square), lambda r: r))
    assert _children() == []


def test_leaving_early_stops_the_children():
    gen = fork_map(list(range(3000)), 3, partial(each, _in_child), partial(each, _in_parent), lambda r: r)
    assert next(gen)[1] == 0
    gen.close()
    assert _children() == []


def test_a_small_task_pipe_takes_bigger_chunks(monkeypatch):
    """With room for only 16 chunk numbers the run still covers every item, in order."""
    import mtcheck.workers as workers
    monkeypatch.setattr(workers, "_pipe_capacity", lambda fd: 64)
    got = list(fork_map(list(range(300)), 2, partial(each, _in_child), partial(each, _in_parent), lambda r: r))
    assert [v for _who, v in got] == [x * x for x in range(300)]
    assert _children() == []


_KILLED_PARENT = r"""
import os, sys, time
from functools import partial
from mtcheck.workers import each, fork_map

def remote(x):
    time.sleep(120)
    return x

def local(x):
    kids = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as fh:
            kids += fh.read().split()
    print(" ".join(kids), flush=True)
    time.sleep(120)
    return x

list(fork_map(list(range(8)), 3, partial(each, remote), partial(each, local), lambda r: r))
"""


def _running(pid: int) -> bool:
    """Whether *pid* is a live process (a zombie waiting for init is not running)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_children_end_with_a_parent_killed_alone(sig):
    """`kill PID` (an editor cancelling a run) reaches the parent only, which dies
    without cleanup: its children were left linting their chunk as orphans."""
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_PARENT], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": root})
    kids = [int(p) for p in proc.stdout.readline().split()]
    assert len(kids) == 2 and all(_running(p) for p in kids)
    proc.send_signal(sig)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_running(p) for p in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [p for p in kids if _running(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert left == []


def test_no_more_children_than_chunks(monkeypatch):
    """--jobs 200 on 9 files forked 199 children for 8 one-file chunks."""
    forks = []
    real_fork = os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting_fork)
    got = list(fork_map(list(range(5)), 40, partial(each, _in_child), partial(each, _in_parent), lambda r: r))
    assert [v for _who, v in got] == [x * x for x in range(5)]
    assert len(forks) <= len(chunk_ranges(5, 40)) - 1
    assert _children() == []


def test_a_child_exception_keeps_its_traceback():
    """The exception came without the child's traceback: an internal error in a --jobs
    run printed fork_map's lines only, never the check that failed."""
    with pytest.raises(ValueError, match="bad item") as info:
        list(fork_map(list(range(300)), 2, partial(each, _fails_in_child), partial(each, _slow_square), lambda r: r))
    cause = info.value.__cause__
    assert cause is not None and "_fails_in_child" in str(cause)
    assert _children() == []
