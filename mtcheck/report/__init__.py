"""Reporters: one module per output format.  Each takes FileResults and returns text."""

from __future__ import annotations

FORMATS = ("text", "json", "github", "sarif", "html")


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
