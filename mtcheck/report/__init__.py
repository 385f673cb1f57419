"""Reporters: one module per output format.  Each takes FileResults and returns text."""

from __future__ import annotations

FORMATS = ("text", "json", "github", "sarif", "html")


def rule_counts(results: list) -> list[tuple[str, str, int]]:
    """(code, name, findings) per rule that has findings, most first, then by code: what
    ``--statistics`` shows, as the text table and as the JSON report's ``statistics``."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for r in results:
        for f in r.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
            names[f.rule] = f.name
    return [(code, names[code], n) for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render(fmt: str, results: list, **kwargs) -> str:
    if fmt == "text":
        from .text import render_text
        return render_text(results, **kwargs)
    if fmt == "json":
        from .json_report import render_json
        return render_json(results, **kwargs)
    if fmt == "github":
        from .github import render_github
        return render_github(results, **kwargs)
    if fmt == "sarif":
        from .sarif import render_sarif
        return render_sarif(results, **kwargs)
    if fmt == "html":
        from .html import render_html
        return render_html(results, **kwargs)
    raise ValueError(f"unknown output format {fmt!r}")
