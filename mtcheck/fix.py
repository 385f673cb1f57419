"""Applying fixes: deterministic, non-overlapping, idempotent.

Fixes are applied in one pass over the decoded text (every offset refers to the text as
linted), so nothing outside a replaced span changes.  When two fixes overlap, the one that starts
first wins (ties: the longer span, then the lower rule code); the other waits for the
next run, exactly as ruff does.  ``fix_text`` re-lints and applies again until the
text is stable, so one ``mtcheck fix --write`` leaves nothing for a second one.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Iterable

from .findings import Finding
from .records import field, record


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
    # One join of the kept pieces and the replacements (chosen fixes are in text order
    # and do not overlap): rebuilding the whole string per fix was quadratic, 33 s for
    # the 23,000 fixes of a 5 MB file.
    parts: list[str] = []
    pos = 0
    for f in chosen:
        parts.append(text[pos:f.start])
        parts.append(f.replacements[0])
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts), chosen


# ---------------------------------------------------------------------------------
# Fixing whole texts and files (used by `mtcheck fix` and the pre-commit hook)
#: Fixing can expose new findings (a name fixed to its canonical form joins a cluster);
#: we re-lint and apply again until nothing changes, but never loop forever.
MAX_PASSES = 10


@record
class FixResult:
    """The outcome of fixing one text: new text, every fix applied, and whether it settled."""

    path: str
    original: str
    text: str
    applied: list[Finding] = field(default_factory=list)
    passes: int = 0
    stable: bool = True
    remaining: list[Finding] = field(default_factory=list)  # findings left after fixing

    @property
    def changed(self) -> bool:
        return self.text != self.original


def fix_text(linter, text: str, path: str = "<text>", rules=None, unsafe: bool = False,
             fmt: str | None = None, max_passes: int = MAX_PASSES) -> FixResult:
    """Lint and apply fixes until the text stops changing (at most *max_passes* rounds).

    Running it again on its own output changes nothing: the last round found no fix
    to apply, and linting is deterministic.
    """
    from .document import Document

    rules = linter.rules_for(linter.config, path) if rules is None else rules
    result = FixResult(path=path, original=text, text=text)
    current = text
    for _ in range(max_passes):
        doc = Document.from_text(current, path, fmt)
        findings = linter.lint_document(doc, rules)
        new, applied = apply_fixes(current, _clear_of_markup(doc, findings), unsafe)
        result.passes += 1
        if not applied or new == current:
            result.remaining = findings
            break
        result.applied.extend(applied)
        current = new
    else:
        result.stable = False
        result.remaining = linter.lint_document(Document.from_text(current, path, fmt), rules)
    result.text = current
    return result


def _clear_of_markup(doc, findings: list[Finding]) -> list[Finding]:
    """The findings a fix may rewrite: in Markdown and HTML, those whose span holds no
    markup.  Checks see the prose view (markup blanked to spaces at the same offsets), so
    a span can run across a tag, an emphasis marker or a comment, and replacing it
    deleted them ('<em>"We will respond,"</em> - said' lost its '</em>').  Such findings
    are still reported, not fixed."""
    if doc.fmt == "text":
        return findings
    text, prose = doc.text, doc.prose
    return [f for f in findings if text[f.start:f.end] == prose[f.start:f.end]]


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff of two decoded texts, as `git diff` would show it.

    Lines end at "\\n" only, as for patch and git: str.splitlines also splits at U+2028,
    U+2029, NEL, form feeds and lone CRs, which made hunks that `git apply` and `patch`
    reject as corrupt (a CR-only file is one line to them, and so here).  The path is
    normalized ("./a.txt" is "a/a.txt", which `git apply` accepts: it refuses "a/./a.txt")
    and followed by a tab when it holds whitespace, as git does, so `patch` reads
    "sub/my story.txt" whole instead of stopping at the space."""
    import difflib

    def lines(s: str) -> list[str]:
        parts = s.split("\n")
        out = [p + "\n" for p in parts[:-1]]
        if parts[-1]:
            out.append(parts[-1] + "\n\\ No newline at end of file\n")
        return out

    if not path.startswith("/"):
        path = os.path.normpath(path)
    a, b = (path, path) if path.startswith("/") else (f"a/{path}", f"b/{path}")
    if any(c.isspace() for c in path):
        a, b = a + "\t", b + "\t"
    return "".join(difflib.unified_diff(lines(old), lines(new), fromfile=a, tofile=b))


def diff_bytes(path: str, src: Any, new: str) -> bytes:
    """``unified_diff`` of a file's text and its fixed text (*src* a source.Source), as
    the bytes `patch` and `git apply` must see: each line in the file's own encoding and
    its BOM at the start of the first line, since they compare bytes.  A cp1251 file's
    diff printed as UTF-8, or a BOM file's without the BOM, was rejected ("Hunk #1
    FAILED").  The ---/+++ lines carry the path as the file system spells it.  UTF-16 and
    UTF-32 files (no tool patches them line by line) get a UTF-8 diff to read."""
    import codecs

    bom = "\ufeff" if src.bom else ""
    diff = unified_diff(path, bom + src.text, bom + new)
    head, sep, body = diff.partition("\n@@")
    header = head.encode(sys.getfilesystemencoding(), "surrogateescape")   # the bytes of the name
    codec = codecs.lookup(src.encoding).name
    enc = "utf-8" if codec.startswith(("utf-16", "utf-32")) else src.encoding
    return header + (sep + body).encode(enc, "surrogateescape" if enc == "utf-8" else "strict")
