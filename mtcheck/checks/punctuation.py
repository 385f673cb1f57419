"""Balance of quotes and brackets, block by block.

A block is a run of lines between blank lines (a whole article when it has none), so
copy with one sentence per line is judged as a whole.  News convention lets a quotation
run over several paragraphs: each paragraph re-opens the quote and only the last one
closes it, so an opening mark at the start of a line while a quotation is already open
is a continuation, not a new quote.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document
from ..findings import Finding


def blocks(doc: Document) -> list[list[tuple[int, int]]]:
    """Lines grouped into blank-line separated blocks, as (start, end) spans."""
    out: list[list[tuple[int, int]]] = [[]]
    for _, s, e in doc.lines():
        if doc.prose[s:e].strip():
            out[-1].append((s, e))
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _line_start(prose: str, s: int, e: int) -> int:
    return s + (len(prose[s:e]) - len(prose[s:e].lstrip()))


class Balance:
    PARAMS = {
        "pairs": (list, True),          # e.g. ["()", "[]", "“”", "«»"]
        "straight": (list, False),      # symmetric marks, e.g. ['"']
    }

    def prepare(self, rule: Any, ctx: Any) -> tuple[list[str], list[str]]:
        pairs = [str(p) for p in rule.params["pairs"]]
        bad = [p for p in pairs if len(p) != 2]
        if bad:
            from ..rules import RuleError
            raise RuleError(f"{rule.path}:{rule.line}: {rule.code}: each pair is two characters, got {bad}")
        return pairs, [str(s) for s in rule.params.get("straight") or []]

    def check(self, doc: Document, rule: Any, state: tuple[list[str], list[str]], ctx: Any) -> list[Finding]:
        pairs, straight = state
        out: list[Finding] = []
        for block in blocks(doc):
            for op, cl in pairs:
                out.extend(self._pair(doc, rule, block, op, cl))
            for mark in straight:
                out.extend(self._straight(doc, rule, block, mark))
        return out

    def _pair(self, doc: Document, rule: Any, block: list[tuple[int, int]], op: str, cl: str) -> list[Finding]:
        prose, out, stack = doc.prose, [], []
        quote = op in "“«"
        marks = re.compile(f"[{re.escape(op)}{re.escape(cl)}]")
        for s, e in block:
            first = _line_start(prose, s, e)
            for m in marks.finditer(prose, s, e):  # only the marks, not every character
                i, c = m.start(), m.group()
                if c == op:
                    if quote and i == first and stack:
                        continue  # a quotation continued into a new paragraph
                    stack.append(i)
                elif c == cl:
                    if stack:
                        stack.pop()
                    elif not doc.is_protected(i, i + 1) and not (cl == "’" and i and prose[i - 1].isalnum()):
                        out.append(rule.finding(i, i + 1, c, message=f"closing '{cl}' with no opening '{op}'"))
        for i in stack:
            if not doc.is_protected(i, i + 1):
                out.append(rule.finding(i, i + 1, op, message=f"opening '{op}' is never closed"))
        return out

    def _straight(self, doc: Document, rule: Any, block: list[tuple[int, int]], mark: str) -> list[Finding]:
        prose = doc.prose
        open_at: int | None = None
        for s, e in block:
            first = _line_start(prose, s, e)
            i = prose.find(mark, s, e)
            while i >= 0:
                here, i = i, prose.find(mark, i + 1, e)
                if doc.is_protected(here, here + 1):
                    continue
                if open_at is not None and here == first:
                    continue  # continuation of a multi-paragraph quotation
                open_at = here if open_at is None else None
        if open_at is None:
            return []
        return [rule.finding(open_at, open_at + 1, mark, message=f"this {mark} quotation is never closed")]
