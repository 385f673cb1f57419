"""Applying fixes: deterministic, non-overlapping, idempotent.

Fixes are applied right-to-left on the decoded text, so every offset stays valid and
nothing outside a replaced span changes.  When two fixes overlap, the one that starts
first wins (ties: the longer span, then the lower rule code); the other waits for the
next run, exactly as ruff does.
"""

from __future__ import annotations

from typing import Iterable

from .findings import Finding


def select_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    """The fixes to apply, in text order, with overlaps resolved deterministically."""
    candidates = [f for f in findings
                  if f.replacements and (f.fix == "safe" or (unsafe and f.fix == "unsafe"))]
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start), f.rule, f.replacements[0]))
    chosen: list[Finding] = []
    last_end = -1
    for f in candidates:
        if f.start < last_end or (f.start == f.end and f.start == last_end and chosen):
            continue
        if chosen and f.start == chosen[-1].start and f.end == chosen[-1].end:
            continue
        chosen.append(f)
        last_end = f.end
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> tuple[str, list[Finding]]:
    """Return (new text, applied findings)."""
    chosen = select_fixes(findings, unsafe)
    out = text
    for f in reversed(chosen):
        out = out[:f.start] + f.replacements[0] + out[f.end:]
    return out, chosen
