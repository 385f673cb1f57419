"""Turn possibly overlapping spans into properly nested fragments, for markup.

Findings overlap freely (a casing finding inside a name-variant span, a dateline that
shares its end with a Cyrillic run), but HTML elements must nest.  ``nest`` splits a
span that crosses the end of an enclosing one into several fragments, so that:

* every fragment lies inside its parent fragment;
* the fragments of one span are disjoint and together cover exactly that span;
* every span with start < end yields at least one fragment; zero-width spans yield one
  empty fragment at their position.

Order is deterministic: longer spans enclose shorter ones that start at the same place,
ties broken by the caller's index.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field


@dataclass
class Fragment:
    start: int
    end: int
    key: int                 # index of the span this fragment belongs to
    first: bool              # the fragment where the span starts
    depth: int = 1           # 1 = outermost
    children: list["Fragment"] = field(default_factory=list)


def nest(spans: list[tuple[int, int]]) -> list[Fragment]:
    """Top-level fragments (each with nested ``children``) for ``spans`` [(start, end)]."""
    heap = [(s, -e, i, s, e, True) for i, (s, e) in enumerate(spans)]
    heapq.heapify(heap)
    roots: list[Fragment] = []
    stack: list[Fragment] = []
    while heap:
        _, _, key, s, e, first = heapq.heappop(heap)
        while stack and stack[-1].end <= s:
            stack.pop()
        parent = stack[-1] if stack else None
        if parent is not None and e > parent.end:
            # Crosses the parent's end: keep the part inside, queue the rest.
            heapq.heappush(heap, (parent.end, -e, key, parent.end, e, False))
            e = parent.end
        frag = Fragment(s, e, key, first, depth=len(stack) + 1)
        (parent.children if parent is not None else roots).append(frag)
        if e > s:
            stack.append(frag)
    return roots


def walk(frags: list[Fragment]):
    """Every fragment, depth first, in document order."""
    for f in frags:
        yield f
        yield from walk(f.children)
