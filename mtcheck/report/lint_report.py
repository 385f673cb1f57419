"""``mtcheck lint``'s report: the chosen format plus what ``--statistics`` and
``--score`` add to it, so that neither flag is silently dropped by a format.

==========  ======================================  ==========================================
format      --statistics                            --score
==========  ======================================  ==========================================
text        the table after the findings            ``path: score N/100`` after the findings
json        a top-level ``statistics`` list         a ``score`` per file
sarif       the table on standard error             ``run.artifacts[].properties.fluencyScore``
github      the table on standard error             one notice on standard error
html        its own "Findings per rule" table       always shown
==========  ======================================  ==========================================

Why standard error for github and sarif: their standard output is read by programs
(the Actions runner, code-scanning uploads) that have no place for a table, and in a
CI log standard error is shown next to the output.  Why not a ``::notice`` annotation
per file for the github score: GitHub shows at most 10 annotations of each level per
step, so scores would crowd out the info findings (also notices), and a score is not
a problem at a line; one notice names the formats that do show it.
"""

from __future__ import annotations

#: Formats whose report has no place for the statistics table: it goes to stderr.
_TABLE_ON_STDERR = ("github", "sarif")

SCORE_NOT_SHOWN = ("mtcheck: --score is not shown in --format github (workflow annotations have no "
                   "place for a per-file score); use --format text, json, sarif or html to see it")


def lint_report(fmt: str, results: list, *, rules: list | None = None, color: bool = False,
                statistics: bool = False, score: bool = False) -> tuple[str, list[str]]:
    """The rendered report and the lines for standard error, to print after it."""
    from . import render

    scores = _scores(results) if score and fmt in ("text", "json", "sarif") else None
    notes: list[str] = []
    if fmt == "text":
        rendered = render(fmt, results, color=color, statistics=statistics)
    elif fmt == "json":
        rendered = render(fmt, results, statistics=statistics, scores=scores)
    elif fmt == "sarif":
        rendered = render(fmt, results, rules=rules, scores=scores)
    else:   # github, html
        rendered = render(fmt, results)
    if statistics and fmt in _TABLE_ON_STDERR:
        notes += statistics_notes(results)
    if score and fmt == "github":
        notes.append(SCORE_NOT_SHOWN)
    if scores is not None and fmt == "text":
        lines = [f"{r.path}: score {s:.1f}/100" for r, s in zip(results, scores) if s is not None]
        rendered += "\n".join(lines) + ("\n" if lines else "")
    return rendered, notes


def statistics_notes(results: list) -> list[str]:
    """The --statistics table as lines for standard error (a report with no place for it,
    or no report at all: ``--write-baseline``), with its heading; none without findings."""
    from .text import statistics_table
    table = statistics_table(results)
    return ["mtcheck: findings per rule (--statistics):", *table] if table else []


def _scores(results: list) -> list[float | None]:
    """Each result's fluency score, None for a file that was not read."""
    from ..score import score_document

    return [score_document(r.doc, r.findings).score if r.doc is not None else None for r in results]
