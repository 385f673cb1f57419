"""GitHub Actions workflow commands: findings become annotations on the pull request."""

from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list, **_: object) -> str:
    out = []
    for r in results:
        if r.error:
            out.append(f"::error file={_escape_prop(r.path)},title=mtcheck::{_escape_data(r.error)}")
            continue
        for f in r.findings:
            line, col = r.doc.position(f.start)
            end_line, end_col = r.doc.position(f.end)
            props = (f"file={_escape_prop(r.path)},line={line},col={col},endLine={end_line},"
                     f"endColumn={end_col},title={_escape_prop(f'{f.rule} {f.name}')}")
            out.append(f"::{_LEVEL[f.severity.value]} {props}::{_escape_data(f.message)}")
    return "\n".join(out) + ("\n" if out else "")
