"""The JSON contract (version 1).  Downstream tools and our benchmarks parse this:
never change a field's meaning without bumping JSON_VERSION; adding fields is allowed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..findings import CATEGORIES

JSON_VERSION = 1


def finding_dict(doc: Any, f: Any) -> dict[str, Any]:
    line, col = doc.position(f.start)
    end_line, end_col = doc.position(f.end)
    return {
        "rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity.value,
        "message": f.message, "start": f.start, "end": f.end,
        "line": line, "column": col, "end_line": end_line, "end_column": end_col,
        "text": doc.text[f.start:f.end], "replacements": list(f.replacements), "fix": f.fix,
    }


def file_entry(r: Any) -> dict[str, Any]:
    """One file's object in the ``files`` list."""
    entry: dict[str, Any] = {"path": r.path, "error": r.error,
                             "findings": [finding_dict(r.doc, f) for f in r.findings] if r.doc else []}
    if r.notice:
        entry["notice"] = r.notice
    return entry


#: Depth of a file's object in the report: root {, "files" [, the entry.
ENTRY_DEPTH = 2


def entry_text(r: Any) -> Any:
    """A file's entry already rendered (a jsontext.Raw), as the report will contain it.

    Why: a ``--jobs`` run renders the entries in the workers (RunOptions.post), while
    they lint; the parent then only joins them, instead of rendering 1,000 files' JSON
    alone after the last worker is done.  The entry's shape is fixed (a few scalars and
    a list of flat finding objects), so it is written by a template here
    (:func:`_entry_json`: ~8 µs a file against ~12 for the general writer, whose
    rendering was ~3% of a worker's instructions on the bench corpus); anything else
    goes to the writer."""
    from .jsontext import Raw, Writer
    entry = file_entry(r)
    text = _entry_json(entry)
    return Raw(text if text is not None else Writer().value(entry, ENTRY_DEPTH))


def _entry_json(entry: dict[str, Any]) -> str | None:
    """``jsontext.Writer().value(entry, ENTRY_DEPTH)`` for a file entry whose values are
    all strings, integers, None or lists of strings (as file_entry makes them), or None
    for anything else (tests compare the two)."""
    from .jsontext import _string
    scalar = _SCALARS
    if str not in scalar:
        scalar[str] = _string
    keys = _KEYS
    i3, i4, i5, i6 = _INDENTS
    parts = []
    for key, value in entry.items():
        if key == "findings":
            if not isinstance(value, list):
                return None
            items = []
            for f in value:
                if type(f) is not dict:
                    return None
                fields = []
                for k, v in f.items():
                    head = keys.get(k) or keys.setdefault(k, _string(k) + ": ")
                    render = scalar.get(type(v))
                    if render is not None:
                        fields.append(head + render(v))
                    elif type(v) is list and all(type(x) is str for x in v):
                        fields.append(head + ("[" + i6 + ("," + i6).join(map(_string, v)) + i5 + "]" if v else "[]"))
                    else:
                        return None
                items.append("{" + i5 + ("," + i5).join(fields) + i4 + "}" if fields else "{}")
            text = "[" + i4 + ("," + i4).join(items) + i3 + "]" if items else "[]"
        else:
            render = scalar.get(type(value))
            if render is None:
                return None
            text = render(value)
        parts.append((keys.get(key) or keys.setdefault(key, _string(key) + ": ")) + text)
    return "{" + i3 + ("," + i3).join(parts) + _CLOSE + "}" if parts else "{}"


def _null(_: Any) -> str:
    return "null"


#: how each scalar type is written (str's writer joins when jsontext is first imported;
#: bool and float go to the general writer)
_SCALARS: dict[type, Any] = {int: int.__repr__, type(None): _null}
#: each field name as written, with its colon (the same dozen names in every entry)
_KEYS: dict[str, str] = {}
#: line breaks and indents of the entry's nesting levels: its fields (depth 3), the
#: findings (4), their fields (5), a replacement list's items (6); and its closing brace
_INDENTS = tuple("\n" + "  " * d for d in (3, 4, 5, 6))
_CLOSE = "\n" + "  " * ENTRY_DEPTH


def build(results: list, scores: list | None = None, **extra: Any) -> dict[str, Any]:
    """The report's object; *scores* (``lint --score``: one per result, None for a file
    not read) adds a ``score`` field to each file's entry."""
    from .jsontext import Raw
    files, by_cat = [], Counter()
    total = 0
    for i, r in enumerate(results):
        if scores is None:
            entry = r.extra if type(r.extra) is Raw else file_entry(r)
        else:
            entry = file_entry(r)
            entry["score"] = scores[i]
        for f in r.findings:
            by_cat[f.category] += 1
        total += len(r.findings)
        files.append(entry)
    summary = {"files": len(results), "findings": total,
               "by_category": {c: by_cat[c] for c in CATEGORIES if by_cat[c]}}
    out = {"version": JSON_VERSION, "files": files, "summary": summary}
    out.update(extra)
    return out


def render_json(results: list, **extra: Any) -> str:
    """The report; with ``statistics=True`` it gains a top-level ``statistics`` list, one
    ``{"rule", "name", "count"}`` per rule with findings, most first (as the text table).
    An added field, which the version-1 contract allows: without the flag the document is
    as before, and with it no field changes meaning and no finding is left out (ruff's
    ``--statistics`` prints the counts instead of the findings, which a tool reading
    the report would not expect)."""
    extra.pop("color", None)
    if extra.pop("statistics", False):
        from . import rule_counts
        extra["statistics"] = [{"rule": code, "name": name, "count": n} for code, name, n in rule_counts(results)]
    from .jsontext import dumps
    return dumps(build(results, **extra)) + "\n"
