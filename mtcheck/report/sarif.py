"""SARIF 2.1.0, for code-scanning dashboards.  Validated against the official schema in tests."""

from __future__ import annotations

import json
import os

from .. import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """*path* as the URI reference SARIF requires: an absolute path as a file: URI, a
    relative one percent-encoded (a space, '%' or ':' in a file name made an invalid URI,
    and a colon in a first segment reads as a scheme)."""
    from pathlib import PurePosixPath, PureWindowsPath
    from urllib.parse import quote

    win = PureWindowsPath(path)
    if win.drive:
        return win.as_uri()
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    return quote(os.fsencode(posix), safe="/")   # bytes: a name that is not UTF-8 is quoted too


def render_sarif(results: list, rules: list | None = None, scores: list | None = None, **_: object) -> str:
    """The SARIF log of *results*.  *scores* (``lint --score``: each result's fluency
    score, None for a file that was not read) adds ``run.artifacts``, see artifacts()."""
    used = {f.rule for r in results for f in r.findings}
    rule_list = [r for r in (rules or []) if r.code in used]
    index = {r.code: i for i, r in enumerate(rule_list)}
    sarif_results = []
    for r in results:
        if r.error or r.doc is None:
            continue
        uri = artifact_uri(r.path)
        for f in r.findings:
            line, col = r.doc.position(f.start)
            end_line, end_col = r.doc.position(f.end)
            res = {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity.value],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": line, "startColumn": col, "endLine": end_line,
                               "endColumn": end_col, "charOffset": f.start, "charLength": f.end - f.start,
                               "snippet": {"text": r.doc.text[f.start:f.end]}},
                }}],
                "properties": {"category": f.category},
            }
            if f.rule in index:
                res["ruleIndex"] = index[f.rule]
            if f.replacements and f.fix:
                res["fixes"] = [{"description": {"text": f"replace with '{f.replacements[0]}'"},
                                 "artifactChanges": [{"artifactLocation": {"uri": uri},
                                                      "replacements": [{"deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                                                                        "insertedContent": {"text": f.replacements[0]}}]}]}]
            sarif_results.append(res)
    invocation_errors = [{"level": "error", "message": {"text": f"{r.path}: {r.error}"}}
                         for r in results if r.error]
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mtcheck", "version": __version__, "informationUri": "https://pypi.org/project/mtcheck/",
                "rules": [{"id": r.code, "name": r.name,
                           "shortDescription": {"text": r.summary},
                           "fullDescription": {"text": r.why},
                           "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
                           "properties": {"category": r.category}} for r in rule_list],
            }},
            # columns and offsets count code points (Python's str), not SARIF's default UTF-16 units
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not invocation_errors,
                             "toolExecutionNotifications": invocation_errors}],
            "results": sarif_results,
        }],
    }
    if scores is not None:
        doc["runs"][0]["artifacts"] = artifacts(results, scores)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


#: The key of an article's fluency score (0-100, higher reads better; ``mtcheck score``)
#: in its artifact's property bag.
SCORE_PROPERTY = "fluencyScore"


def artifacts(results: list, scores: list) -> list[dict]:
    """``run.artifacts``: one artifact per scored article, in input order, with its score
    in the artifact's property bag (SARIF 2.1.0 §3.8: any object's ``properties`` holds
    key/value pairs a producer defines), ``{"fluencyScore": 87.5}``.

    Why there: the score belongs to a file, not to a finding, and an artifact is SARIF's
    object for a file of the run; ``results`` and every field the log had before are
    left exactly as they were (readers of the contract, GitHub code scanning, see no
    change), and the artifact's ``location.uri`` is the one the file's results use, so
    a reader joins them by it.  A file that could not be read has no score and no artifact
    (its error is in ``invocations``)."""
    out = []
    for r, score in zip(results, scores):
        if score is None:
            continue
        out.append({"location": {"uri": artifact_uri(r.path)}, "roles": ["analysisTarget"],
                    "properties": {SCORE_PROPERTY: score}})
    return out
