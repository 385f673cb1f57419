"""Human output: ``path:line:col: CODE message`` and the offending excerpt, like ruff."""

from __future__ import annotations

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
WINDOW = 50
#: The longest stretch of a finding the excerpt shows (and marks); the rest is "…".
SPAN = 2 * WINDOW
#: Messages longer than this are cut in the text report (they quote what was found, and
#: a finding can be a 3 MB run of one letter); the JSON report keeps them whole.
MESSAGE = 400


#: Control characters as their visible Unicode pictures (ESC as "␛", BEL as "␇", DEL as
#: "␡"; C1 controls as "�"), one column each so the carets stay under the finding.
_PICTURES = {**{i: 0x2400 + i for i in range(32)}, 0x7F: 0x2421, **{i: 0xFFFD for i in range(0x80, 0xA0)}}


def visible(text: str) -> str:
    """*text* with its control characters shown, not obeyed.  Why: an article (or a
    file name) holding terminal escape sequences ('\x1b[2K\x1b[1A', '\x1b]0;title\x07')
    printed them raw, so a story could erase, recolour or rewrite the report on the
    editor's terminal: the text report's counterpart of the HTML report's bidi guard."""
    if text.isprintable():
        return text
    return text.translate(_PICTURES)


def excerpt(doc, start: int, end: int) -> tuple[str, int, int]:
    """A one-line window around [start, end) and the marker offsets within it.

    At most SPAN characters of the finding itself are shown: the window used to grow
    with the finding, so a 1-million-character run of dashes printed itself (and as
    many carets) once per finding on that line, 88 MB of text for a 1.6 MB file."""
    line, _ = doc.position(start)
    ls, le = doc.line_span(line)
    end = min(end, le, start + SPAN) if end > start else end
    a = max(ls, start - WINDOW)
    b = min(le, max(end, start + 1) + WINDOW)
    prefix = "…" if a > ls else ""
    suffix = "…" if b < le else ""
    snippet = prefix + visible(doc.text[a:b].replace("\t", " ")) + suffix
    return snippet, len(prefix) + start - a, len(prefix) + max(end, start + 1) - a


def _one_line(message: str) -> str:
    """*message* with its line breaks as spaces.  Why: a message may quote text that
    runs over lines (MT101's untranslated paragraph: 'Сомнолог ... сном⏎Врач ...'), and a
    finding is one ``path:line:col: CODE message`` line to grep, editors' problem
    matchers and the reader; a lone CR (CR-only files) even sent the terminal's cursor
    back over the path and code."""
    if "\n" not in message and "\r" not in message:
        return message
    return " ".join(message.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def render_text(results: list, color: bool = False, statistics: bool = False, **_: object) -> str:
    out: list[str] = []

    def c(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    for r in results:
        if r.error:
            out.append(f"{c(_BOLD, visible(r.path))}: error: {r.error}")
            continue
        if r.notice:
            out.append(f"{visible(r.path)}: {r.notice}")
        for f in r.findings:
            line, col = r.doc.position(f.start)
            sev = c(_COLORS.get(f.severity.value, ""), f.severity.value)
            fixable = " [*]" if f.fix == "safe" else ""
            message = visible(_one_line(f.message))
            message = message if len(message) <= MESSAGE else message[:MESSAGE - 1] + "…"
            out.append(f"{c(_BOLD, f'{visible(r.path)}:{line}:{col}:')} {c(_BOLD, f.rule)} {message} ({sev}){fixable}")
            snippet, a, b = excerpt(r.doc, f.start, f.end)
            gutter = f"{line:>5} | "
            out.append(c(_DIM, gutter) + snippet)
            out.append(" " * (len(gutter) - 2) + "| " + " " * a + c(_COLORS.get(f.severity.value, ""), "^" * max(1, b - a)))
    total = sum(len(r.findings) for r in results)
    errors = sum(1 for r in results if r.error)
    table = statistics_table(results) if statistics else []
    if table:
        out.append("")
        out.extend(table)
    files = len(results)
    summary = f"Found {total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if errors:
        summary += f"; {errors} file{'s' if errors != 1 else ''} could not be read"
    fixable = sum(1 for r in results for f in r.findings if f.fix == "safe")
    if fixable:
        summary += f" ({fixable} fixable with `mtcheck fix --write`)"
    out.append(summary + ".")
    return "\n".join(out) + "\n"


def statistics_table(results: list) -> list[str]:
    """``--statistics``: one line per rule with findings, ``count  code  name``, most
    first; no lines when there are no findings.  After the findings in the text report,
    on standard error beside the formats that have no place for it (github, sarif)."""
    from . import rule_counts

    rows = rule_counts(results)
    width = max((len(str(n)) for _c, _n, n in rows), default=1)
    return [f"{n:>{width}}  {code}  {name}" for code, name, n in rows]
