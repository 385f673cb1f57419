"""Inline suppression comments and the baseline file.

Why both: an inline comment records an editor's decision next to the text it is about;
a baseline lets an archive of thousands of stories adopt mtcheck at once and only hear
about findings that are new.

Forms:
* Markdown/HTML: ``<!-- mtcheck: ignore MT201 -->`` silences the next non-blank line;
  ``<!-- mtcheck: disable=MT201,MT3 -->`` … ``<!-- mtcheck: enable=MT201,MT3 -->``
  silence a block (no codes = every rule).
* Plain text: a line containing ``mtcheck: ignore`` (optionally followed by codes)
  is silenced itself; ``mtcheck: disable=…`` / ``mtcheck: enable=…`` lines work as above.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .findings import Finding

_DIRECTIVE = re.compile(r"mtcheck:\s*(ignore|disable|enable)\b\s*=?\s*([A-Za-z0-9_,\- ]*)")


def _codes(raw: str) -> frozenset[str]:
    return frozenset(c.strip().upper() for c in re.split(r"[,\s]+", raw)
                     if c.strip() and any(ch.isalpha() for ch in c))


def _covers(codes: frozenset[str], finding: Finding) -> bool:
    return not codes or any(finding.rule.startswith(c) or c.lower() == finding.category.upper().lower()
                            for c in codes)


@dataclass
class Suppressions:
    by_line: dict[int, list[frozenset[str]]] = field(default_factory=dict)
    blocks: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    directive_spans: list[tuple[int, int]] = field(default_factory=list)

    def suppressed(self, finding: Finding, line: int) -> bool:
        for codes in self.by_line.get(line, ()):
            if _covers(codes, finding):
                return True
        return any(a <= line <= b and _covers(codes, finding) for a, b, codes in self.blocks)

    def in_directive(self, finding: Finding) -> bool:
        return any(s <= finding.start < e for s, e in self.directive_spans)


def parse_suppressions(doc: Document) -> Suppressions:
    sup = Suppressions()
    if "mtcheck:" not in doc.text:
        return sup
    open_blocks: list[tuple[int, frozenset[str]]] = []
    comment_form = doc.fmt in ("markdown", "html")
    for m in _DIRECTIVE.finditer(doc.text):
        line, _ = doc.position(m.start())
        verb, codes = m.group(1), _codes(m.group(2).replace("-->", ""))
        sup.directive_spans.append(doc.line_span(line))
        if verb == "ignore":
            target = line
            if comment_form and doc.line_text(line).strip().startswith("<!--"):
                target = line + 1
                while target <= doc.line_count and not doc.line_text(target).strip():
                    target += 1
            sup.by_line.setdefault(target, []).append(codes)
        elif verb == "disable":
            open_blocks.append((line, codes))
        else:
            for i in range(len(open_blocks) - 1, -1, -1):
                start, bcodes = open_blocks[i]
                if not codes or not bcodes or codes == bcodes:
                    sup.blocks.append((start, line, bcodes))
                    del open_blocks[i]
                    if codes:
                        break
    for start, bcodes in open_blocks:
        sup.blocks.append((start, doc.line_count, bcodes))
    return sup


def apply_suppressions(doc: Document, findings: list[Finding]) -> list[Finding]:
    sup = parse_suppressions(doc)
    if not sup.by_line and not sup.blocks and not sup.directive_spans:
        return findings
    return [f for f in findings
            if not sup.in_directive(f) and not sup.suppressed(f, doc.position(f.start)[0])]


# ---------------------------------------------------------------------------------
# Baseline
def fingerprint(doc: Document, finding: Finding) -> str:
    """Stable across edits elsewhere in the file: rule, flagged text and its line's text."""
    line = doc.position(finding.start)[0]
    context = " ".join(doc.line_text(line).split())
    import hashlib  # baselines only (~4 ms to import)

    h = hashlib.sha1(f"{finding.rule}\0{doc.text[finding.start:finding.end]}\0{context}".encode())
    return h.hexdigest()[:20]


def baseline_key(path: str) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


class BaselineError(Exception):
    pass


@dataclass
class Baseline:
    entries: dict[str, Counter] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            import json  # only with --baseline
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
        except (OSError, ValueError) as exc:
            raise BaselineError(f"{path}: not a baseline file ({exc}); regenerate it with --write-baseline") from None
        if not isinstance(raw, dict) or raw.get("version") != 1 or not isinstance(raw.get("files"), dict):
            raise BaselineError(f"{path}: not an mtcheck baseline (version 1); regenerate it with --write-baseline")
        return cls({k: Counter(v) for k, v in raw["files"].items()})

    def filter(self, path: str, doc: Document, findings: list[Finding]) -> list[Finding]:
        budget = Counter(self.entries.get(baseline_key(path), {}))
        out = []
        for f in findings:
            fp = fingerprint(doc, f)
            if budget[fp] > 0:
                budget[fp] -= 1
            else:
                out.append(f)
        return out

    @staticmethod
    def build(results: list[tuple[str, Document, list[Finding]]]) -> dict:
        files = {}
        for path, doc, findings in results:
            if findings:
                files[baseline_key(path)] = dict(sorted(Counter(fingerprint(doc, f) for f in findings).items()))
        return {"version": 1, "tool": "mtcheck", "files": dict(sorted(files.items()))}
