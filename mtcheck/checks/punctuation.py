"""Balance of quotes and brackets, block by block.

A block is a run of lines between blank lines (a whole article when it has none), so
copy with one sentence per line is judged as a whole.  News convention lets a quotation
run over several paragraphs: each paragraph re-opens the quote and only the last one
closes it, so an opening mark at the start of a line while a quotation is already open
is a continuation, not a new quote.  The same holds across a blank line: a block that
ends inside a quotation is not reported when the next block opens with the same mark
(copy laid out with blank lines between paragraphs, as most pages and Markdown are).

Straight quotes (") do not say whether they open or close, so counting them pairs a
quotation MT left open with the next quote in the story, lines later, and the error
disappears (or is reported at an innocent quote).  Their shape tells: a straight mark
after a blank and before a letter (' "Word') opens.  A quotation open since an earlier
line that meets such a mark was never closed, unless the new quote sits inside it (its
close is followed by a closing-shaped mark: a quoted title inside a quoted sentence).

Some marks are not brackets at all: the mouth of an emoticon (":)", ";-(") opens or
closes nothing, and neither does the ')' of an inline enumerator ('1) Deviled, 2) Scotch').  A rule lists such sequences under ``ignore``; a mark inside one of them
is not counted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from ..document import Document
from ..findings import Finding
from . import ListOf


def blocks(doc: Document) -> list[list[tuple[int, int]]]:
    """Lines grouped into blank-line separated blocks, as (start, end) spans."""
    out: list[list[tuple[int, int]]] = [[]]
    for _, s, e in doc.lines():
        if doc.prose[s:e].strip():
            out[-1].append((s, e))
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


class Balance:
    PARAMS = {
        "pairs": (ListOf(str), True),          # e.g. ["()", "[]", "“”", "«»"]
        "straight": (ListOf(str), False),      # symmetric marks, e.g. ['"']
        "ignore": (ListOf(str), False),        # sequences whose marks are not brackets, e.g. [":)"]
    }
    # (its findings carry a message of their own: the rule's is not used)
    FIELDS: frozenset[str] = frozenset()

    def prepare(self, rule: Any, ctx: Any) -> tuple[list[str], list[str], Ignored]:
        from ..rules import RuleError

        pairs = [str(p) for p in rule.params["pairs"]]
        bad = [p for p in pairs if len(p) != 2]
        if bad:
            raise RuleError(f"{rule.at('pairs')}: {rule.code}: each pair is two characters, got {bad}")
        straight = [str(s) for s in rule.params.get("straight") or []]
        ignore = tuple(str(s) for s in rule.params.get("ignore") or [])
        marks = "".join(pairs) + "".join(straight)
        useless = [s for s in ignore if not any(c in marks for c in s)]
        if useless:
            raise RuleError(f"{rule.at('ignore')}: {rule.code}: 'ignore' entries must contain one of the "
                            f"rule's marks ({marks}); these contain none: {useless}")
        return pairs, straight, by_first_char(ignore)

    def check(self, doc: Document, rule: Any, state: tuple[list[str], list[str], Ignored],
              ctx: Any) -> list[Finding]:
        pairs, straight, ignore = state
        prose = doc.prose
        # Most articles hold none of the rarer marks: skip those pairs before splitting blocks.
        pairs = [(op, cl) for op, cl in pairs if op in prose or cl in prose]
        straight = [mark for mark in straight if mark in prose]
        out: list[Finding] = []
        if not pairs and not straight:
            return out
        skip = _ignored(prose, ignore)
        paragraphs = blocks(doc)
        for j, block in enumerate(paragraphs):
            # the first character of the next paragraph: a quotation left open here and
            # re-opened there is the multi-paragraph convention, also between blank lines
            after = _first_char(prose, paragraphs[j + 1]) if j + 1 < len(paragraphs) else ""
            for op, cl in pairs:
                out.extend(self._pair(doc, rule, block, op, cl, skip, after == op))
            for mark in straight:
                out.extend(self._straight(doc, rule, block, mark, skip, after == mark))
        return out

    def _pair(self, doc: Document, rule: Any, block: list[tuple[int, int]], op: str, cl: str,
              skip: frozenset[int], continued: bool = False) -> list[Finding]:
        """Unbalanced *op*/*cl* in *block*; *continued*: the next paragraph opens with *op*,
        so the outermost quotation still open at the end runs on into it."""
        prose, out, stack = doc.prose, [], []
        lone: list[int] = []   # closers with no opener
        quote = op in "“«"
        marks = _marks(op + cl)
        # one scan of the whole block: its lines are consecutive and hold no mark between them
        for m in marks.finditer(prose, block[0][0], block[-1][1]):  # only the marks
            i, c = m.start(), m.group()
            if i in skip:
                continue
            if c == op:
                if quote and stack and _first_on_line(doc, i):
                    continue  # a quotation continued into a new paragraph
                stack.append(i)
            elif c == cl:
                if stack:
                    stack.pop()
                elif cl == ")" and _list_label(prose, i):
                    continue  # '1) Deviled, 2) Scotch': an enumerator, not a bracket
                elif not doc.is_protected(i, i + 1) and not (cl == "’" and i and prose[i - 1].isalnum()):
                    lone.append(i)
        # a run of them is one finding: ")))" (a Russian-style smiley) is one slip, not three
        k = 0
        while k < len(lone):
            start = lone[k]
            while k + 1 < len(lone) and lone[k + 1] == lone[k] + 1:
                k += 1
            end = lone[k] + 1
            k += 1
            out.append(rule.finding(start, end, prose[start:end],
                                    message=f"closing '{prose[start:end]}' with no opening '{op}'"))
        if quote and continued and stack:
            stack.pop(0)
        for i in stack:
            if not doc.is_protected(i, i + 1):
                out.append(rule.finding(i, i + 1, op, message=f"opening '{op}' is never closed"))
        return out

    def _straight(self, doc: Document, rule: Any, block: list[tuple[int, int]], mark: str,
                  skip: frozenset[int], continued: bool = False) -> list[Finding]:
        """Unpaired straight *mark*s in *block*; *continued*: the next paragraph opens with
        *mark*, so an opening-shaped quotation still open at the end runs on into it."""
        prose = doc.prose
        end = block[-1][1]
        marks = []
        here = prose.find(mark, block[0][0], end)
        while here >= 0:
            if here not in skip and not doc.is_protected(here, here + 1):
                marks.append(here)
            here = prose.find(mark, here + 1, end)
        out = self._pair_straight(doc, rule, marks, mark, continued)
        if out and mark == '"':
            # 'a 12" single', "6'2\"": a mark reported as unpaired that is shaped as the
            # inch sign is read as one, when that leaves fewer marks unpaired
            units = {f.start for f in out if _unit_mark(prose, f.start)}
            if units:
                as_units = self._pair_straight(doc, rule, [i for i in marks if i not in units], mark, continued)
                if len(as_units) < len(out):
                    out = as_units
        return out

    def _pair_straight(self, doc: Document, rule: Any, marks: list[int], mark: str,
                       continued: bool) -> list[Finding]:
        """Findings for the straight *marks* of one block, paired by their shape."""
        prose = doc.prose
        out: list[Finding] = []
        open_at: int | None = None
        k = 0
        while k < len(marks):
            here = marks[k]
            k += 1
            if open_at is None:
                open_at = here
            elif _first_on_line(doc, here):
                pass  # continuation of a multi-paragraph quotation
            elif "\n" in prose[open_at:here] and _opens(prose, here):
                # open since an earlier line, it meets a mark shaped as an opening one
                # (' "Word'): it was never closed, unless the new quote is inside it
                if _nested(doc, prose, marks, k):
                    open_at, k = None, k + 2
                    continue
                out.append(_unpaired(rule, prose, open_at, mark))
                open_at = here
            else:
                open_at = None
        if open_at is not None and not (continued and (_opens(prose, open_at) or _first_on_line(doc, open_at))):
            out.append(_unpaired(rule, prose, open_at, mark))
        return out


#: ``ignore`` sequences grouped by their first character: (character, sequences) pairs
Ignored = tuple[tuple[str, tuple[str, ...]], ...]


def by_first_char(ignore: tuple[str, ...]) -> Ignored:
    """*ignore* grouped by first character (once, at prepare: the check scans per group)."""
    groups: dict[str, list[str]] = {}
    for seq in ignore:
        if seq:
            groups.setdefault(seq[0], []).append(seq)
    return tuple((first, tuple(seqs)) for first, seqs in groups.items())


def _ignored(prose: str, ignore: Ignored) -> frozenset[int]:
    """Offsets of the characters of every occurrence of an *ignore* sequence in *prose*.

    The text is scanned once per first character (the built-in emoticons begin with
    ":", ";" or "="): three scans instead of one per sequence (eleven), 14.7 -> 3.5 µs
    per article."""
    out: set[int] = set()
    for first, seqs in ignore:
        at = prose.find(first)
        while at >= 0:
            for seq in seqs:
                if prose.startswith(seq, at):
                    out.update(range(at, at + len(seq)))
            at = prose.find(first, at + 1)
    return frozenset(out)


_MARKS: dict[str, re.Pattern[str]] = {}


def _marks(chars: str) -> re.Pattern[str]:
    rx = _MARKS.get(chars)
    if rx is None:
        rx = _MARKS[chars] = re.compile(f"[{re.escape(chars)}]")
    return rx


def _opens(prose: str, i: int) -> bool:
    """Is the straight mark at *i* shaped as an opening one: after a blank, a bracket or a
    dash (or at the start), before a letter or digit ('said "We', '("dry ice")')?"""
    before = prose[i - 1] if i else " "
    after = prose[i + 1] if i + 1 < len(prose) else " "
    return (before.isspace() or before in "([{/—–-") and (after.isalnum() or after in "'‘…")


def _closes(prose: str, i: int) -> bool:
    """Is the mark at *i* shaped as a closing one: after a letter, digit or punctuation,
    before a blank, punctuation or the end ('useful," he', 'ice")')?"""
    before = prose[i - 1] if i else " "
    after = prose[i + 1] if i + 1 < len(prose) else " "
    return (before.isalnum() or before in ".,!?…)%'’") and (after.isspace() or after in ".,;:!?)]—–-…")


def _unpaired(rule: Any, prose: str, i: int, mark: str) -> Finding:
    """The finding for a straight *mark* left without a partner: a closing-shaped one
    ('investigated." ⏎') closes a quotation whose opening mark MT dropped."""
    if _closes(prose, i) and not _opens(prose, i):
        return rule.finding(i, i + 1, mark, message=f"closing {mark} with no opening {mark}")
    return rule.finding(i, i + 1, mark, message=f"this {mark} quotation is never closed")


def _nested(doc: Document, prose: str, marks: list[int], k: int) -> bool:
    """Is the opening-shaped ``marks[k - 1]`` a quote inside the open quotation: the next
    mark closes it on the same line and the one after that is shaped as a closing one
    ('"Many complaints ... ⏎ ... with the "Safe Region" cameras," said the mayor')?"""
    if k + 1 >= len(marks):
        return False
    inner_close, outer_close = marks[k], marks[k + 1]
    return ("\n" not in prose[marks[k - 1]:inner_close] and not _opens(prose, inner_close)
            and not _first_on_line(doc, outer_close) and _closes(prose, outer_close))


#: a list label before ')': one or two digits, one letter or a short roman numeral, at
#: the start of a line or after a blank, a colon, a semicolon or a comma
_LABEL = re.compile(r"(?:^|(?<=[\s:;,]))(?:\d{1,2}|[A-Za-z]|[ivx]{2,4})$")


def _list_label(prose: str, i: int) -> bool:
    """Is the unopened ')' at *i* the end of an inline enumerator ('are: 1) Deviled, 2)
    Scotch', 'a) the budget')?  English (and Russian, which MT copies) writes these
    without an opening bracket; they are followed by a blank or the end of the line."""
    if i + 1 < len(prose) and not prose[i + 1].isspace():
        return False
    return _LABEL.search(prose, max(0, i - 5), i) is not None


def _unit_mark(prose: str, i: int) -> bool:
    """Is the straight '"' at *i* shaped as the inch sign: after a number standing alone
    ('a 12" single', 'a 65" TV') or a height in feet and inches ('6\'2",'), and before a
    word (or, after a height, a comma or full stop)?  A number inside a name
    ('"Soyuz MS-23"', '"Match! Football 2".') ends a quotation instead."""
    j = i
    while j > 0 and prose[j - 1].isdigit():
        j -= 1
    if j == i:
        return False
    height = j >= 2 and prose[j - 1] == "'" and prose[j - 2].isdigit()
    if not (height or j == 0 or prose[j - 1] in " \t\n"):
        return False
    after = prose[i + 1:i + 3]
    if height and (not after or after[0] in ",.;" or after[0].isspace()):
        return True
    return len(after) == 2 and after[0] == " " and after[1].isalpha()


def _first_char(prose: str, block: list[tuple[int, int]]) -> str:
    """The first non-blank character of *block* (its first line holds one, by construction)."""
    s, e = block[0]
    line = prose[s:e].lstrip()
    return line[:1]


def _first_on_line(doc: Document, i: int) -> bool:
    """Is offset *i* the first non-space character of its line?"""
    line_start = doc.line_starts[bisect_right(doc.line_starts, i) - 1]
    return line_start == i or doc.prose[line_start:i].isspace()
