"""The HTML report: one self-contained page an editor can open and read.

Entry point (``mtcheck lint --format html`` calls it through report.render; ``mtcheck
score --format html`` may call it directly)::

    render_html(results, *, title="mtcheck report", scores=None,
                compute_scores=True, **ignored) -> str

``results``
    ``mtcheck.api.FileResult`` objects (``.path``, ``.doc``, ``.findings``, ``.error``,
    ``.notice``), in the order they should appear.
``scores``
    Optional fluency scores, either a mapping ``{path: score}`` or a sequence aligned
    with ``results``.  A score may be a number (the article score), or a mapping /
    object (dataclass or plain) with ``score`` (0-100) and optionally ``sentences`` or
    ``segments`` (each a number, or a mapping / object with ``score`` and optional
    ``start``/``end`` offsets or ``text``) and ``components`` (name → number).
``compute_scores``
    When ``scores`` is None, try ``mtcheck.score.score_text`` (imported lazily; the
    score parts are simply left out when it is missing or fails).
Other keyword arguments (``color``, ``statistics``…) are accepted and ignored, so every
reporter can be called the same way.

What the page guarantees (tests/test_html_report.py checks it in a real browser):

* no network and no external assets; readable without JavaScript (there is none);
* every character of every article is escaped, so ``<script>`` in an article is text;
* each finding is a ``<mark class="hl">`` (split into several fragments when findings
  overlap without nesting); each fragment has ``data-start``/``data-end`` offsets into
  the article text (code points, as in the JSON report) and its text content is exactly
  ``text[start:end]`` (CR kept as a character reference); all fragments of
  one finding share ``data-finding``; the first one is focusable (``tabindex=0``), shows
  its tooltip on hover and on keyboard focus, and points with ``aria-describedby`` to
  the finding's line in the list under the article;
* category is shown by colour *and* underline style *and* name (legend, tooltip, list);
* bidirectional control characters (U+202E...) cannot reorder the page: in text they are
  kept, hidden, inside a visible ``⟨U+202E⟩`` marker (so the text content is still the
  article's), in attributes replaced by that marker text (report/bidi.py).
"""

from __future__ import annotations

import html
import inspect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from .. import __version__
from ..findings import CATEGORIES
from .bidi import mark_bidi, plain_bidi
from .html_style import category_style, stylesheet
from .html_parts import ArticleScore, coerce_score, name_clusters, score_chart
from .nesting import Fragment, nest


def esc(text: str) -> str:
    """Escape text content; CR and NUL as references so the DOM keeps every offset, and
    bidi controls hidden inside a visible marker so they cannot reorder the page."""
    return mark_bidi(html.escape(text, quote=False).replace("\r", "&#13;").replace("\0", "&#65533;"))


def attr(text: str) -> str:
    """Escape an attribute value; bidi controls become "⟨U+202E⟩" (tooltips show it)."""
    return html.escape(plain_bidi(text), quote=True).replace("\r", " ").replace("\n", "&#10;")


@dataclass
class _Article:
    index: int
    result: Any
    score: ArticleScore | None = None
    score_note: str = ""
    ids: dict[int, str] = field(default_factory=dict)
    reference: Any = None   # {"path": ..., "metrics": metrics.RefMetrics} from `score --ref`


def render_html(results: Sequence[Any], *, title: str = "mtcheck report", scores: Any = None,
                compute_scores: bool = True, references: Mapping[str, Any] | None = None,
                **_ignored: Any) -> str:
    """The whole report as one HTML string (see the module docstring); *references* maps
    a path to its reference scores (``mtcheck score --ref``), shown with its score."""
    arts = [_Article(i + 1, r, reference=(references or {}).get(r.path)) for i, r in enumerate(results)]
    _attach_scores(arts, scores, compute_scores)
    n_find = sum(len(a.result.findings) for a in arts)
    n_err = sum(1 for a in arts if a.result.error)
    head = (f"{n_find} finding{'s' if n_find != 1 else ''} in {len(arts)} "
            f"article{'s' if len(arts) != 1 else ''}" + (f"; {n_err} could not be read" if n_err else ""))
    out = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No script, no network: forbid both even if something slipped through.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'; img-src data:">',
        f'<meta name="generator" content="mtcheck {attr(__version__)}">',
        f"<title>{html.escape(plain_bidi(title), quote=False)}</title>", f"<style>{stylesheet()}</style>", "</head>", "<body>",
        '<a class="skip" href="#articles">Skip to the articles</a>',
        f"<header><h1>{esc(title)}</h1><p>{esc(head)}. "
        f'<span class="muted">Generated by mtcheck {esc(__version__)}. Hover over or tab to a '
        "highlight to see the message and the suggested replacement.</span></p></header>",
        "<main>",
    ]
    out += _summary(arts)
    out.append('<div id="articles">')
    for a in arts:
        out += _article(a)
    out += ["</div>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- scores ---------------------------------------------------------------------------
def _attach_scores(arts: list[_Article], scores: Any, compute: bool) -> None:
    if scores is not None:
        for a in arts:
            raw = None
            if isinstance(scores, Mapping):
                raw = scores.get(a.result.path)
            elif isinstance(scores, Sequence) and a.index - 1 < len(scores):
                raw = scores[a.index - 1]
            a.score = coerce_score(raw)
        return
    if not compute:
        return
    try:  # written separately; optional here
        from .. import score as score_mod
    except Exception:  # noqa: BLE001 - any import problem just means "no score"
        return
    by_doc = getattr(score_mod, "score_document", None)   # (doc, findings): no re-parsing
    by_text = getattr(score_mod, "score_text", None)
    for a in arts:
        r = a.result
        if r.doc is None:
            continue
        try:
            if by_doc is not None:
                raw = by_doc(r.doc, list(r.findings))
            elif by_text is not None:
                params = inspect.signature(by_text).parameters
                extra = {"findings": list(r.findings), "path": r.path, "fmt": r.doc.fmt}
                raw = by_text(r.doc.text, **{k: v for k, v in extra.items() if k in params})
            else:
                return
            a.score = coerce_score(raw)
        except Exception as exc:  # noqa: BLE001 - the report must still render
            a.score_note = f"fluency score unavailable: {type(exc).__name__}: {exc}"


# -- summary --------------------------------------------------------------------------
def _summary(arts: list[_Article]) -> list[str]:
    by_cat: Counter = Counter()
    by_rule: Counter = Counter()
    rule_files: dict[str, set] = {}
    rule_info: dict[str, tuple[str, str, str]] = {}
    for a in arts:
        for f in a.result.findings:
            by_cat[f.category] += 1
            by_rule[f.rule] += 1
            rule_files.setdefault(f.rule, set()).add(a.index)
            rule_info.setdefault(f.rule, (f.name, f.category, f.severity.value))
    out = ['<section id="summary" aria-labelledby="summary-h">', '<h2 id="summary-h">Summary</h2>',
           "<h3>Categories</h3>", '<ul class="legend" aria-label="Legend: highlight style per category">']
    for cat in CATEGORIES:
        _, deco, label = category_style(cat)
        out.append(f'<li><span class="swatch c-{cat}">{esc(label)}</span> '
                   f'<span class="muted">({deco} underline) {by_cat[cat]}</span></li>')
    out.append("</ul>")
    if by_rule:
        out += ["<table><caption class=\"muted\">Findings per rule</caption>",
                '<thead><tr><th scope="col">Rule</th><th scope="col">Name</th><th scope="col">Category</th>'
                '<th scope="col">Severity</th><th scope="col" class="n">Findings</th>'
                '<th scope="col" class="n">Articles</th></tr></thead><tbody>']
        for code, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            name, cat, sev = rule_info[code]
            out.append(f'<tr><td class="code">{esc(code)}</td><td>{esc(name)}</td>'
                       f'<td><span class="cat c-{attr(cat)}">{esc(category_style(cat)[2])}</span></td>'
                       f'<td class="sev-{attr(sev)}">{esc(sev)}</td><td class="n">{n}</td>'
                       f'<td class="n">{len(rule_files[code])}</td></tr>')
        out.append("</tbody></table>")
    out += ["<table><caption class=\"muted\">Articles</caption>",
            '<thead><tr><th scope="col">Article</th><th scope="col" class="n">Findings</th>'
            '<th scope="col" class="n">Fluency</th></tr></thead><tbody>']
    for a in arts:
        r = a.result
        count = "unreadable" if r.error else str(len(r.findings))
        sc = f"{a.score.score:.0f}" if a.score and a.score.score is not None else "–"
        out.append(f'<tr><td><a href="#a{a.index}">{esc(r.path)}</a></td><td class="n">{count}</td>'
                   f'<td class="n">{sc}</td></tr>')
    out += ["</tbody></table>", "</section>"]
    return out


# -- one article ----------------------------------------------------------------------
def _article(a: _Article) -> list[str]:
    r = a.result
    out = [f'<section class="article" id="a{a.index}" aria-labelledby="a{a.index}-h">',
           f'<h2 id="a{a.index}-h">{esc(r.path)}</h2>']
    if r.error:
        return out + [f'<p class="error">Could not be linted: {esc(r.error)}</p>', "</section>"]
    if r.notice:
        out.append(f'<p class="notice">{esc(r.notice)}</p>')
    doc = r.doc
    if doc is None:
        return out + ["</section>"]
    findings = list(r.findings)
    a.ids = {j: f"a{a.index}-f{j + 1}" for j in range(len(findings))}
    cats = Counter(f.category for f in findings)
    meta = ['<div class="meta">',
            f"<p>{len(findings)} finding{'s' if len(findings) != 1 else ''}"
            + (": " + ", ".join(f"{n} {category_style(c)[2]}" for c, n in sorted(cats.items(), key=lambda kv: -kv[1]))
               if cats else "") + "</p>"]
    if a.score is not None:
        meta += _score_block(a, doc)
    elif a.score_note:
        meta.append(f'<p class="muted">{esc(a.score_note)}</p>')
    if a.reference is not None:
        meta += _reference_block(a.reference)
    out += meta + ["</div>"]
    clusters = name_clusters(findings, doc.text)
    if clusters:
        out += ["<h3>Name clusters</h3>", '<ul class="clusters">']
        for canonical, members, note in clusters:
            parts = ", ".join(f"{esc(m)} ×{n}" if n else esc(m) for m, n in members)
            out.append(f"<li><strong>{esc(canonical)}</strong>: {parts}"
                       + (f' <span class="muted">{esc(note)}</span>' if note else "") + "</li>")
        out.append("</ul>")
    out.append(f'<h3 id="a{a.index}-t">Text</h3>')
    out.append(f'<div class="text">{_highlighted(doc.text, findings, a.ids)}</div>')
    if findings:
        out += ["<h3>Findings</h3>", '<ol class="findings">']
        for j, f in enumerate(findings):
            line, col = doc.position(min(f.start, len(doc.text)))
            fid = a.ids[j]
            out.append(f'<li><a href="#{fid}">{line}:{col}</a> <span id="{fid}-d">'
                       f'<span class="cat c-{attr(f.category)}">{esc(category_style(f.category)[2])}</span> '
                       f'<span class="code">{esc(f.rule)}</span> '
                       f'<span class="sev-{attr(f.severity.value)}">({esc(f.severity.value)})</span> '
                       f"{esc(f.message)}{_suggestion_html(f)}</span></li>")
        out.append("</ol>")
    out.append("</section>")
    return out


def _suggestion_html(f: Any) -> str:
    if not f.replacements:
        return ""
    reps = " or ".join(f'<span class="rep">{esc(x)}</span>' if x else "<em>delete it</em>"
                       for x in f.replacements[:3])
    fix = {"safe": " (safe fix)", "unsafe": " (unsafe fix)"}.get(f.fix or "", "")
    return f". Suggested: {reps}{fix}"


def _tip(f: Any) -> str:
    lines = [f"{category_style(f.category)[2]} · {f.rule} {f.name} ({f.severity.value})", f.message]
    if f.replacements:
        lines.append("→ " + " / ".join(repr(x) if x else "(delete)" for x in f.replacements[:3]))
    return "\n".join(lines)


def _highlighted(text: str, findings: list[Any], ids: dict[int, str]) -> str:
    """The article text with every finding wrapped in (possibly split) <mark> elements."""
    n = len(text)
    spans = [(min(max(f.start, 0), n), min(max(f.end, f.start, 0), n)) for f in findings]
    tips = [_tip(f) for f in findings]
    parts: list[str] = []

    def emit(frags: Iterable[Fragment], pos: int, end: int) -> None:
        for fr in frags:
            if fr.start > pos:
                parts.append(esc(text[pos:fr.start]))
            f = findings[fr.key]
            classes = f"hl c-{f.category} sev-{f.severity.value} d{min(fr.depth, 4)}"
            if fr.start == fr.end:
                classes += " empty"
            extra = ""
            if fr.first:
                extra = f' id="{ids[fr.key]}" tabindex="0" aria-describedby="{ids[fr.key]}-d"'
            else:
                classes += " cont"
            parts.append(f'<mark class="{attr(classes)}" data-finding="{ids[fr.key]}" '
                         f'data-rule="{attr(f.rule)}" data-category="{attr(f.category)}" '
                         f'data-start="{fr.start}" data-end="{fr.end}"{extra} data-tip="{attr(tips[fr.key])}">')
            emit(fr.children, fr.start, fr.end)
            parts.append("</mark>")
            pos = fr.end
        if end > pos:
            parts.append(esc(text[pos:end]))

    emit(nest(spans), 0, n)
    return "".join(parts)


def _score_block(a: _Article, doc: Any) -> list[str]:
    s = a.score
    assert s is not None
    out = ['<div class="score">']
    if s.score is not None:
        out.append(f"<p>Fluency <strong>{s.score:.0f}</strong><span class=\"muted\">/100</span></p>")
    if s.sentences:
        out.append(score_chart(s.sentences, doc.text, f"a{a.index}"))
    if s.components:
        out.append("<details><summary>Score components</summary><table><tbody>")
        for k, v in s.components.items():
            out.append(f"<tr><th scope=\"row\">{esc(str(k))}</th><td class=\"n\">{esc(v)}</td></tr>")
        out.append("</tbody></table></details>")
    out.append("</div>")
    return out


_METRIC_LABELS = {"bleu": "BLEU", "chrf++": "chrF++", "ter": "TER", "ter-cased": "TER (cased)"}


def _reference_block(ref: Mapping[str, Any]) -> list[str]:
    """The article's scores against its reference translation, each with sacrebleu's
    signature (on hover) so that a figure can be reproduced."""
    m = ref["metrics"]
    out = [f'<table class="reference"><caption>Against {esc(str(ref["path"]))}</caption><tbody>']
    for name, ms in m.article.items():
        out.append(f'<tr><th scope="row">{esc(_METRIC_LABELS.get(name, name))}</th>'
                   f'<td class="n" title="{attr(ms.signature)}">{ms.score:.1f}</td></tr>')
    out.append("</tbody></table>")
    if m.note:
        out.append(f'<p class="muted">{esc(m.note)}</p>')
    return out
