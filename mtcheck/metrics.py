"""Reference metrics via sacrebleu: BLEU, chrF++, TER and case-sensitive TER.

Why these four: BLEU and chrF++ are what MT teams quote; TER approximates post-editing
effort (edits per reference word), which is what a newsroom pays for; case-sensitive
TER as well because casing ("Donald trump") is one of the artifacts this tool is about
and sacrebleu's TER ignores case by default.

We compute exactly what sacrebleu's command line computes on the same two files (a
test runs the CLI and compares): lines are read like the CLI reads them (universal
newlines, trailing whitespace stripped), article figures are corpus scores over the
aligned lines, and per-line figures are sentence scores (BLEU with effective order,
as the CLI's ``--sentence-level`` does).  Every figure carries sacrebleu's signature
string so a number can be reproduced later.

sacrebleu is imported inside the functions: ``mtcheck lint`` never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Our metric names, in output order.
METRIC_NAMES = ("bleu", "chrf++", "ter", "ter-cased")


@dataclass
class MetricScore:
    name: str
    score: float
    signature: str

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "signature": self.signature}


@dataclass
class RefMetrics:
    """Article-level scores, and per-line scores when the two texts align line by line."""

    article: dict[str, MetricScore]
    lines: list[dict[str, Any]] = field(default_factory=list)  # {"line": N, "bleu": x, ...}
    aligned: bool = True
    note: str | None = None
    line_signatures: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"aligned": self.aligned,
                               "article": {k: v.to_dict() for k, v in self.article.items()},
                               "lines": self.lines, "line_signatures": self.line_signatures}
        if self.note:
            out["note"] = self.note
        return out


def read_lines(text: str) -> list[str]:
    """Split like sacrebleu's CLI reads a file: universal newlines, each line rstripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [p.rstrip() for p in parts]


def _metrics(sentence: bool = False) -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {
        "bleu": BLEU(effective_order=sentence),
        "chrf++": CHRF(word_order=2),
        "ter": TER(),
        "ter-cased": TER(case_sensitive=True),
    }


def reference_metrics(hypothesis: str, reference: str) -> RefMetrics:
    """Score ``hypothesis`` against ``reference`` (two article texts).

    When both have the same number of lines, lines are segments (as sacrebleu's CLI
    sees the two files) and each line gets its own scores.  Otherwise the articles
    cannot be aligned: each is scored as one segment (whitespace-joined) and the note
    says so.
    """
    hyp, ref = read_lines(hypothesis), read_lines(reference)
    if not any(r.strip() for r in ref):
        raise ValueError("the reference is empty: BLEU, chrF and TER are undefined against nothing")
    if not hyp:
        hyp = [""]   # an empty article is scored as one empty segment (sacrebleu needs one)
    note = None
    aligned = len(hyp) == len(ref)
    if not aligned:
        note = (f"hypothesis has {len(hyp)} lines and reference {len(ref)}: "
                "scored as one segment each, no per-line scores")
        hyp, ref = [" ".join(" ".join(hyp).split())], [" ".join(" ".join(ref).split())]
    article: dict[str, MetricScore] = {}
    for name, metric in _metrics().items():
        score = metric.corpus_score(hyp, [ref])
        article[name] = MetricScore(name, round(score.score, 4), metric.get_signature().format())
    lines: list[dict[str, Any]] = []
    line_sigs: dict[str, str] = {}
    if aligned:
        sent = _metrics(sentence=True)
        for i, (h, r) in enumerate(zip(hyp, ref), 1):
            if not h.strip() and not r.strip():
                continue
            row: dict[str, Any] = {"line": i}
            for name, metric in sent.items():
                row[name] = round(metric.sentence_score(h, [r]).score, 4)
            lines.append(row)
        line_sigs = {k: m.get_signature().format() for k, m in sent.items()}
    return RefMetrics(article, lines, aligned, note, line_sigs)


def signatures(sentence: bool = False) -> dict[str, str]:
    """sacrebleu's signature string of each metric as we configure it."""
    return {k: m.get_signature().format() for k, m in _metrics(sentence).items()}


__all__ = ["METRIC_NAMES", "MetricScore", "RefMetrics", "reference_metrics", "read_lines", "signatures"]
