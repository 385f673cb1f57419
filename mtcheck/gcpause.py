"""Garbage collection paused while the command starts, resumed after its first file.

Why: a command's start-up (imports, the rule set, the word tables' indexes, each rule's
prepare and the memos the first article fills) allocates tens of thousands of objects
that all live until the process exits.  The cyclic collector does not know that: it
keeps walking them, ~50 young and ~5 older collections in a one-article ``mtcheck
lint``, about a fifth of its CPU time (159 -> 131 ms median CPU over 21 runs).  So the
command pauses collection at start (:func:`pause`, called by ``mtcheck/__main__.py`` and
nothing else: library users keep their own settings), and after the first file
(:func:`settle`) freezes what exists by then, which moves it out of the collector's
sight for good, and resumes collection for what the other files allocate.

It also raises the young generation's threshold (700 allocations by default) to
YOUNG: each young collection walks the objects allocated since the last one that are
still alive, and in a long run those are mostly the per-process memos growing (words met
for the first time), so fewer collections walk them fewer times.  One ``--jobs 2``
worker's share of the bench corpus: 34 young and 3 middle collections, 9-10 ms, against 2
young ones, 3-4 ms.  Garbage that only the collector can free (reference cycles) waits
for at most YOUNG allocations longer.
"""

from __future__ import annotations

import gc

_paused = False

#: the young generation's threshold once the command's first file is done (see above)
YOUNG = 10_000


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def settle() -> None:
    """After the first file: the objects so far live until exit; collect the rest."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        young, middle, old = gc.get_threshold()
        if 0 < young < YOUNG:
            gc.set_threshold(YOUNG, middle, old)
        gc.enable()
