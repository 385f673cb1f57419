"""Pieces of the HTML report that read data owned by other modules: fluency scores
(mtcheck/score.py) and name clusters (name-variant findings).

Both producers evolve independently of the report, so these readers accept several
shapes and leave a part out rather than fail: the report of the findings must always
render.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Mapping

from .bidi import plain_bidi


@dataclass
class SentenceScore:
    score: float
    start: int | None = None
    end: int | None = None
    text: str = ""


@dataclass
class ArticleScore:
    score: float | None
    sentences: list[SentenceScore] = field(default_factory=list)
    components: dict[str, str] = field(default_factory=dict)


def _as_mapping(obj: Any) -> Mapping[str, Any] | None:
    if isinstance(obj, Mapping):
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in fields(obj)}
    if hasattr(obj, "__dict__"):
        return vars(obj)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    m = _as_mapping(value)
    if m is not None:
        for key in ("score", "value", "fluency"):
            if key in m:
                return _number(m[key])
    return None


def _first(m: Mapping[str, Any], *keys: str) -> Any:
    for k in keys:
        if k in m and m[k] is not None:
            return m[k]
    return None


def coerce_score(raw: Any) -> ArticleScore | None:
    """Read a score in any of the documented shapes; None when there is nothing usable."""
    if raw is None:
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return ArticleScore(float(raw))
    m = _as_mapping(raw)
    if m is None:
        return None
    value = _number(_first(m, "score", "fluency", "article", "value"))
    sentences: list[SentenceScore] = []
    for item in _first(m, "sentences", "segments", "per_sentence") or ():
        num = _number(item)
        if num is None:
            continue
        im = _as_mapping(item) or {}
        start, end = im.get("start"), im.get("end")
        sentences.append(SentenceScore(num, start if isinstance(start, int) else None,
                                       end if isinstance(end, int) else None, str(im.get("text") or "")))
    components: dict[str, str] = {}
    comp = _first(m, "components")
    if isinstance(comp, Mapping):
        for k, v in comp.items():
            cm = _as_mapping(v)
            if cm is not None and isinstance(cm.get("penalty"), (int, float)):
                if not cm["penalty"]:
                    continue  # only what cost points explains the number
                rate = cm.get("value")
                components[str(k)] = (f"−{cm['penalty']:.1f} points"
                                      + (f" (rate {rate:.3g})" if isinstance(rate, (int, float)) else ""))
                continue
            num = _number(v)
            components[str(k)] = f"{num:.3g}" if num is not None else str(v)
    if value is None and not sentences:
        return None
    return ArticleScore(value, sentences, components)


def score_chart(sentences: list[SentenceScore], text: str, id_prefix: str) -> str:
    """A small inline-SVG bar chart, one bar per sentence (height = score 0-100).

    Each bar carries a <title> (the sentence start and its score) for hover, and the
    whole chart an aria-label summary, so the chart is never the only carrier."""
    n = len(sentences)
    height, bar_gap = 60, 1
    width = max(120, min(640, n * 9))
    bw = max(1.0, (width - bar_gap * n) / n)
    vals = [max(0.0, min(100.0, s.score)) for s in sentences]
    ordered = sorted(vals)
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    low = sum(1 for v in vals if v < 60)
    label = (f"Per-sentence fluency for {n} sentence{'s' if n != 1 else ''}: lowest {ordered[0]:.0f}, "
             f"median {median:.0f}, {low} below 60.")
    out = [f'<svg class="chart" id="{id_prefix}-chart" role="img" aria-label="{html.escape(label)}" '
           f'width="{width}" height="{height + 2}" viewBox="0 0 {width} {height + 2}" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<line x1="0" y1="{height + 1}" x2="{width}" y2="{height + 1}" stroke="#999" stroke-width="1"/>']
    for i, (s, v) in enumerate(zip(sentences, vals)):
        h = max(1.0, v / 100 * height)
        x = i * (bw + bar_gap)
        colour = "#2a7d2a" if v >= 80 else "#c28a00" if v >= 60 else "#c62828"
        snippet = s.text or (text[s.start:s.end] if s.start is not None and s.end is not None else "")
        snippet = plain_bidi(re.sub(r"\s+", " ", snippet).strip())   # a tooltip: no reordering
        if len(snippet) > 70:
            snippet = snippet[:69] + "…"
        tip = f"Sentence {i + 1}: {v:.0f}" + (f" — {snippet}" if snippet else "")
        out.append(f'<rect x="{x:.1f}" y="{height + 1 - h:.1f}" width="{bw:.1f}" height="{h:.1f}" '
                   f'fill="{colour}"><title>{html.escape(tip, quote=False)}</title></rect>')
    out.append("</svg>")
    return "".join(out)


def _members(value: Any) -> list[tuple[str, int]]:
    """Cluster members from data: ["A", "B"], {"A": 3}, [{"spelling": "A", "count": 3}], [("A", 3)]."""
    out: list[tuple[str, int]] = []
    if isinstance(value, Mapping):
        for k, v in value.items():
            out.append((str(k), int(v) if isinstance(v, int) else 0))
        return out
    if isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, str):
                out.append((item, 0))
            elif isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
                out.append((item[0], int(item[1]) if len(item) > 1 and isinstance(item[1], int) else 0))
            else:
                m = _as_mapping(item)
                if m is not None:
                    name = _first(m, "spelling", "form", "text", "name", "variant", "surface")
                    if isinstance(name, str):
                        count = _first(m, "count", "n", "freq")
                        out.append((name, int(count) if isinstance(count, int) else 0))
    return out


def name_clusters(findings: list[Any], text: str) -> list[tuple[str, list[tuple[str, int]], str]]:
    """(canonical, [(form, count)], note) for the article's name-variant findings.

    Uses ``finding.data`` when the name check fills it (``canonical``, ``members`` or
    ``variants`` or ``cluster``); otherwise groups by the suggested replacement and
    counts the flagged spellings, plus whole-word occurrences of the canonical form."""
    groups: dict[str, dict[str, Any]] = {}
    for f in findings:
        if f.category != "name-variant":
            continue
        data = f.data if isinstance(f.data, Mapping) else {}
        flagged = text[f.start:f.end]
        canonical = _first(data, "canonical")
        if not isinstance(canonical, str):
            canonical = f.replacements[0] if f.replacements and f.replacements[0] else flagged
        g = groups.setdefault(canonical, {"given": [], "seen": Counter(), "note": ""})
        given = _members(_first(data, "members", "variants", "cluster"))
        if given and not g["given"]:
            g["given"] = given
        g["seen"][flagged] += 1
        if not g["note"] and isinstance(data.get("source"), str):
            g["note"] = f"(canonical form from the {data['source']})"
    out = []
    for canonical, g in groups.items():
        members = g["given"]
        if not members:
            own = len(re.findall(r"(?<!\w)" + re.escape(canonical) + r"(?!\w)", text)) if canonical else 0
            members = ([(canonical, own)] if own else []) + sorted(g["seen"].items(), key=lambda kv: (-kv[1], kv[0]))
        out.append((canonical, members, g["note"]))
    return out
