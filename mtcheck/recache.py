"""The standard library's compiled patterns, kept between command-line runs.

Why: ``re.compile`` parses and compiles each pattern in Python.  A one-article
``mtcheck lint`` compiles ~70 patterns (our modules' ~50, plus those of typer and the
standard library modules it imports) for ~10 ms, the same in every fresh process.  What
the compiler hands the C engine (``_sre.compile``) depends only on the pattern, the flags
and the Python version, so the command line stores it (``~/.cache/mtcheck``) and, in the
next run, puts the very pattern objects ``re.compile`` would build into ``re``'s own
compile cache before anything asks for them: building one from the stored program takes
~10 µs.  Library use (``import mtcheck``) never touches ``re``: only ``cli.py`` calls
:func:`prime`.

Everything here is optional: on a Python whose ``re`` internals look different, or
without a cache directory, nothing is stored or primed and ``re`` compiles as usual.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable

from .diskmemo import DiskMemo

#: made by prime(): a memo file per sub-command, since each compiles its own patterns
#: (``lint`` ~105; ``--help`` adds ~80 of rich's) and every run primes all it finds
_MEMO: DiskMemo | None = None
_MAX = 400                # patterns stored; a run needs ~100
_primed: set = set()


def _supported() -> bool:
    compiler = getattr(re, "_compiler", None)
    return (sys.implementation.name == "cpython" and isinstance(getattr(re, "_cache", None), dict)
            and compiler is not None and hasattr(compiler, "_sre") and hasattr(compiler, "compile"))


def prime(command: str = "") -> None:
    """Fill ``re``'s compile cache from the programs earlier runs of *command* (the
    sub-command's name, "" for anything else) stored, and store the patterns this run
    compiles when it exits.

    Why per command: priming costs ~10 µs a pattern whether the run uses it or not, and
    one shared set grew with every command ever run (a single ``--help`` nearly doubled
    what each later ``lint`` primed)."""
    global _MEMO
    if not _supported():
        return
    _MEMO = DiskMemo("recache", __file__, salt=command)
    programs = _MEMO.peek("programs")
    if isinstance(programs, dict):
        import _sre
        cache = re._cache  # type: ignore[attr-defined]
        for (pattern, flags), args in programs.items():
            key = (type(pattern), pattern, flags)   # how re._compile looks patterns up
            try:
                cache[key] = _sre.compile(*args)
            except Exception:  # noqa: BLE001 - a stored program this Python rejects: compile later
                continue
            _primed.add(key)
    import atexit
    atexit.register(_record)


def _record() -> None:
    """Store the programs of patterns compiled in this run but not primed."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or _MEMO is None:
        return
    new = [k for k in list(cache) if k not in _primed and isinstance(k, tuple) and len(k) == 3
           and k[0] in (str, bytes)]
    if not new:
        return
    programs = dict(_MEMO.peek("programs") or {})
    for key in new:
        args = _program(key[1], key[2])
        if args is not None:
            programs[(key[1], int(key[2]))] = args
    while len(programs) > _MAX:   # the oldest make room, as in a bounded DiskMemo
        del programs[next(iter(programs))]
    # one entry holds them all: the memo file is read and written as a whole anyway
    _MEMO.put("programs", programs)
    _MEMO.flush()


def engine_calls(owner: Any, attr: str, run: Callable[[], Any]) -> list[tuple]:
    """The argument tuples ``owner.<attr>.compile`` receives while *run* runs: what a
    regex compiler (``re``'s, or the ``regex`` module's) hands its C engine.  The engine
    module is swapped for a recorder that passes every call through, and put back;
    exceptions from *run* propagate."""
    real = getattr(owner, attr)
    seen: list[tuple] = []

    class _Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def compile(self, *args: Any) -> Any:
            seen.append(args)
            return real.compile(*args)

    setattr(owner, attr, _Recorder())
    try:
        run()
    finally:
        setattr(owner, attr, real)
    return seen


def _program(pattern: Any, flags: int) -> tuple | None:
    """The arguments ``re`` hands ``_sre.compile`` for *pattern*, as plain marshal-able
    values, or None."""
    compiler = re._compiler  # type: ignore[attr-defined]
    try:
        seen = engine_calls(compiler, "_sre", lambda: compiler.compile(pattern, flags))
    except Exception:  # noqa: BLE001 - whatever failed will fail again uncached
        return None
    if len(seen) != 1 or len(seen[0]) != 6:
        return None
    pat, final_flags, code, groups, groupindex, indexgroup = seen[0]
    try:
        args = (pat, int(final_flags), [int(c) for c in code], int(groups), dict(groupindex),
                tuple(indexgroup))
        import marshal
        marshal.dumps(args)
    except (TypeError, ValueError):
        return None
    return args
