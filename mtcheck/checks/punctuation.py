"""Balance of quotes and brackets, paragraph by paragraph.

News convention lets a quotation run over several paragraphs: each paragraph opens
the quote and only the last one closes it.  So an unclosed opening quote is fine when
the next paragraph opens a quote again; a closing mark with no opener never is.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..findings import Finding


def paragraphs(doc: Document) -> list[tuple[int, int]]:
    """Non-empty lines: in wire copy a line is a paragraph."""
    return [(s, e) for _, s, e in doc.lines() if doc.prose[s:e].strip()]


class Balance:
    PARAMS = {
        "pairs": (list, True),          # e.g. ["()", "[]", "“”", "«»"]
        "straight": (list, False),      # symmetric marks counted for parity, e.g. ['"']
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
        prose = doc.prose
        paras = paragraphs(doc)
        out: list[Finding] = []
        for idx, (s, e) in enumerate(paras):
            nxt = prose[paras[idx + 1][0]:paras[idx + 1][1]].lstrip() if idx + 1 < len(paras) else ""
            for pair in pairs:
                op, cl = pair
                stack: list[int] = []
                for i in range(s, e):
                    c = prose[i]
                    if c == op:
                        stack.append(i)
                    elif c == cl:
                        if stack:
                            stack.pop()
                        elif not doc.is_protected(i, i + 1) and not _is_apostrophe(prose, i, cl):
                            out.append(rule.finding(i, i + 1, c, message=f"closing '{cl}' with no opening '{op}'"))
                for i in stack:
                    if nxt.startswith(op) and i == s + (len(prose[s:e]) - len(prose[s:e].lstrip())):
                        continue  # multi-paragraph quotation
                    if not doc.is_protected(i, i + 1):
                        out.append(rule.finding(i, i + 1, op, message=f"opening '{op}' is never closed"))
            for mark in straight:
                positions = [i for i in range(s, e) if prose[i] == mark and not doc.is_protected(i, i + 1)]
                if len(positions) % 2 == 1:
                    first = positions[0]
                    if first == s + (len(prose[s:e]) - len(prose[s:e].lstrip())) and nxt.startswith(mark):
                        continue
                    last = positions[-1]
                    out.append(rule.finding(last, last + 1, mark,
                                            message=f"odd number of {mark} quotes in this paragraph"))
        return out


def _is_apostrophe(text: str, i: int, mark: str) -> bool:
    return mark in "’'" and i > 0 and text[i - 1].isalnum()
