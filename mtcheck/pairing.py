"""Which file of a folder of originals (``--source``) or references (``--ref``) goes with an input.

Why a rule of its own: both options took the file of the same *name*, so in a tree of
articles (``mt/2023/a.txt``, ``mt/2024/a.txt``) every ``a.txt`` was compared with one
``ref/a.txt``, silently.  The pair is now the file whose path below the folder is the
longest trailing part of the input's path: ``mt/2023/a.txt`` takes ``ref/mt/2023/a.txt``,
else ``ref/2023/a.txt`` (a mirrored tree), else ``ref/a.txt`` (a flat folder, as before).
Only trailing parts without ``..`` are tried, so a pair is always inside the folder.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Callable, Iterator

__all__ = ["tails", "pair"]


def tails(path: str) -> Iterator[str]:
    """The trailing parts of *path* as '/'-joined relative paths, longest first:
    ``"mt/2023/a.txt"`` -> ``"mt/2023/a.txt"``, ``"2023/a.txt"``, ``"a.txt"`` (no anchor,
    no ``..``, no ``.``)."""
    parts = [p for p in PurePath(path).parts if p not in ("", ".")]
    if parts and PurePath(path).anchor and parts[0] == PurePath(path).anchor:
        parts = parts[1:]   # "/", "C:\\": never part of a pair
    for i in range(len(parts)):
        tail = parts[i:]
        if ".." not in tail:
            yield "/".join(tail)


def pair(path: str, exists: Callable[[str], bool]) -> str | None:
    """The longest trailing part of *path* for which *exists* is true, or None."""
    for tail in tails(path):
        if exists(tail):
            return tail
    return None
