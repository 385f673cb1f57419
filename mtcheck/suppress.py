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

Codes are selectors as on the command line (codes, prefixes, categories, rule names);
with codes, only those rules are silenced.

Inside a comment the directive may stand on any line of it, after other lines of text
(an editor's note on why), but it must start its line (or follow a full stop) and its
codes must run to the end of that line or of the comment: "<!-- Note: mtcheck: ignore the
casing warnings on this quote, they are intended. -->" is prose about mtcheck, not a
directive that silences the category "casing".
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from pathlib import Path

from .document import Document, _lone_cr_as_lf
from .findings import Finding
from .records import field, record

#: A directive and its codes, on one line: ``\s`` here let the codes run on into the
#: next line, so a bare "mtcheck: ignore" at a line's end took the next line's words
#: for codes (silencing nothing on its own line) and that line for its own text (whose
#: findings were then dropped as "inside the directive").
_DIRECTIVE = re.compile(r"mtcheck:[ \t]*(ignore|disable|enable)\b[ \t]*=?[ \t]*([A-Za-z0-9_,\- \t]*)")
# A directive inside a comment's text (without "<!--" and "-->"): at the start of a line or
# after a sentence's end, codes separated by commas or spaces up to the end of the line.
_CODE = r"[A-Za-z0-9_-]+"
_COMMENT_DIRECTIVE = re.compile(
    rf"(?:^|(?<=[.;!?])[ \t])[ \t]*mtcheck:[ \t]*(ignore|disable|enable)\b[ \t]*=?[ \t]*"
    rf"((?:{_CODE}(?:[ \t]*,[ \t]*{_CODE}|[ \t]+{_CODE})*)?)[ \t,]*\r?$", re.MULTILINE)


def _codes(raw: str) -> frozenset[str]:
    # (a comment written without spaces, "disable=MT201-->", leaves the dashes of "-->")
    return frozenset(c.strip().strip("-").upper() for c in re.split(r"[,\s]+", raw)
                     if c.strip().strip("-") and any(ch.isalpha() for ch in c))


def _covers(codes: frozenset[str], finding: Finding) -> bool:
    """Does a directive's code list take in *finding*?  No codes: every rule."""
    return not codes or any(finding.rule.startswith(c) or c.lower() == finding.category.lower()
                            or c.lower() == finding.name.lower() for c in codes)


@record
class Suppressions:
    by_line: dict[int, list[frozenset[str]]] = field(default_factory=dict)
    #: (first line, last line, codes, except): silenced when covered by codes and not by except
    blocks: list[tuple[int, int, frozenset[str], frozenset[str]]] = field(default_factory=list)
    directive_spans: list[tuple[int, int]] = field(default_factory=list)

    def suppressed(self, finding: Finding, line: int) -> bool:
        for codes in self.by_line.get(line, ()):
            if _covers(codes, finding):
                return True
        return any(a <= line <= b and _covers(codes, finding) and not (exc and _covers(exc, finding))
                   for a, b, codes, exc in self.blocks)

    def in_directive(self, finding: Finding) -> bool:
        """A finding inside a directive's own text (its codes, "mtcheck:"): never the
        article's.  Only the directive, not its whole line: 'Donald trump ... mtcheck:
        ignore MT101' silenced MT201 too."""
        return any(s <= finding.start < e for s, e in self.directive_spans)


class _Blocks:
    """disable/enable in order.  Each open block silences its selector ("" for every
    rule) except what a later ``enable=`` took out of it, so "enable=MT202" after a bare
    "disable" re-enables MT202 only, "enable=MT201" after "disable=MT201,MT202" leaves
    MT202 off, and "enable=lowercase-proper-name" inside "disable=casing" re-enables that
    rule alone.  (A block's codes were compared as one set: such blocks were closed whole,
    or never, silencing the rest of the file.)"""

    def __init__(self, sup: Suppressions) -> None:
        self.sup = sup
        self.open: dict[str, tuple[int, frozenset[str]]] = {}   # selector -> (since, except)

    def _emit(self, key: str, line: int) -> frozenset[str]:
        since, exc = self.open.pop(key)
        self.sup.blocks.append((since, line, frozenset([key]) if key else frozenset(), exc))
        return exc

    def disable(self, line: int, codes: frozenset[str]) -> None:
        for key in codes or {""}:
            if key not in self.open:
                self.open[key] = (line, frozenset())

    def enable(self, line: int, codes: frozenset[str]) -> None:
        if not codes:
            self.close(line)
            return
        for key in list(self.open):
            exc = self._emit(key, line)
            if key not in codes:   # still off, but for what this line enables
                self.open[key] = (line, exc | codes)

    def close(self, line: int) -> None:
        for key in list(self.open):
            self._emit(key, line)


def _comment_directives(doc: Document) -> list[tuple[int, str, str, int, tuple[int, int]]]:
    """(offset, verb, codes, ignore target line, span) of each directive inside an HTML
    comment of a Markdown/HTML document (its "comment" markup spans; a comment shown
    inside a Markdown code block is not one, and is read by the plain-text rule as
    before).  A directive may be written across the comment's lines, with other text
    around it; an "ignore" silences the first non-blank line after the comment when the
    comment begins its line, else the line the comment begins on."""
    out: list[tuple[int, str, str, int, tuple[int, int]]] = []
    text = doc.text
    for span in doc.markup:
        if span.kind != "comment":
            continue
        body_start = span.start + 4
        body = text[body_start:span.end - 3]
        if "mtcheck:" not in body:
            continue
        # a lone CR ends a line as LF does (same length): in a CR-only file the comment
        # was one line to ^ and $, and a directive on a line of its own went unseen
        body = _lone_cr_as_lf(body)
        first = doc.position(span.start)[0]
        target = first
        if not text[doc.line_starts[first - 1]:span.start].strip():
            target = doc.position(span.end)[0] + 1
            while target <= doc.line_count and not doc.line_text(target).strip():
                target += 1
        for m in _COMMENT_DIRECTIVE.finditer(body):
            out.append((body_start + m.start(1), m.group(1), m.group(2), target, (span.start, span.end)))
    return out


def parse_suppressions(doc: Document) -> Suppressions:
    sup = Suppressions()
    if "mtcheck:" not in doc.text:
        return sup
    comment_form = doc.fmt in ("markdown", "html")
    text = doc.text
    found = _comment_directives(doc) if comment_form and "<!--" in text else []
    # Outside comments, any "mtcheck: ..." is a directive as in plain text (the comments'
    # own are read above, strictly)
    comments = [(s.start, s.end) for s in doc.markup if s.kind == "comment"] if comment_form else []
    starts = [s for s, _ in comments]
    for m in _DIRECTIVE.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < comments[i][1]:
            continue
        line, _ = doc.position(m.start())
        ls, le = doc.line_span(line)
        target = line
        if comment_form and doc.line_text(line).strip().startswith("<!--"):
            target = line + 1
            while target <= doc.line_count and not doc.line_text(target).strip():
                target += 1
        opening = text.rfind("<!--", ls, m.start())
        closing = text.find("-->", m.end(), le)
        found.append((m.start(), m.group(1), m.group(2), target,
                      (opening if opening >= 0 else m.start(), closing + 3 if closing >= 0 else m.end())))
    found.sort(key=lambda d: d[0])
    blocks = _Blocks(sup)
    for offset, verb, raw, target, span in found:
        codes = _codes(raw)
        sup.directive_spans.append(span)
        if verb == "ignore":
            sup.by_line.setdefault(target, []).append(codes)
        elif verb == "disable":
            blocks.disable(doc.position(offset)[0], codes)
        else:
            blocks.enable(doc.position(offset)[0], codes)
    blocks.close(doc.line_count)
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


def baseline_key(path: str, root: Path | None = None) -> str:
    """How a baseline names *path*: relative to *root*, the baseline file's folder
    (version 2), or to the current directory (version 1 files, which therefore worked
    only from the folder they were written in); absolute when outside it."""
    p = Path(path)
    try:
        return p.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return p.resolve().as_posix() if root is not None else p.as_posix()


class BaselineError(Exception):
    pass


@record
class Baseline:
    entries: dict[str, Counter] = field(default_factory=dict)
    root: Path | None = None   # the folder keys are relative to (None: the current one, version 1)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            import json  # only with --baseline
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
        except (OSError, ValueError) as exc:
            raise BaselineError(f"{path}: not a baseline file ({exc}); regenerate it with --write-baseline") from None
        if not isinstance(raw, dict) or raw.get("version") not in (1, 2) or not isinstance(raw.get("files"), dict):
            raise BaselineError(f"{path}: not an mtcheck baseline (version 1 or 2); regenerate it with --write-baseline")
        root = Path(path).resolve().parent if raw["version"] == 2 else None
        return cls({k: Counter(v) for k, v in raw["files"].items()}, root)

    def filter(self, path: str, doc: Document, findings: list[Finding]) -> list[Finding]:
        budget = Counter(self.entries.get(baseline_key(path, self.root), {}))
        out = []
        for f in findings:
            fp = fingerprint(doc, f)
            if budget[fp] > 0:
                budget[fp] -= 1
            else:
                out.append(f)
        return out

    @staticmethod
    def build(results: list[tuple[str, Document, list[Finding]]], where: str | Path) -> dict:
        """The baseline to write to *where*: version 2, files named relative to its folder,
        so that it applies whatever directory mtcheck later runs from."""
        root = Path(where).resolve().parent
        files = {}
        for path, doc, findings in results:
            if findings:
                files[baseline_key(path, root)] = dict(sorted(Counter(fingerprint(doc, f) for f in findings).items()))
        return {"version": 2, "tool": "mtcheck", "files": dict(sorted(files.items()))}
