#!/usr/bin/env python3
"""How well does ``mtcheck score`` agree with human MQM judgements?  One command:

    python bench/mqm_eval.py [--data PATH] [--json OUT] [--no-context]

Data: the WMT21 TED zh→en MQM annotations (``shared/data/mqm/mqm_ted2021_zhen.jsonl.gz``,
Freitag et al. 2021, arXiv:2104.14478; Apache-2.0): one row per (system, segment) with a
human ``mqm_score`` (0 = no error, more negative = worse).

Figures, each for our score and for cheap baselines computed in the same run:

* **pairwise** — item-grouped pairwise accuracy (the main figure).  For every source
  segment, every pair of system translations whose ``mqm_score`` differs; a pair is
  correct when the metric orders it the same way; a metric tie counts one half.
  Random ordering scores 0.5.  Grouping by segment removes what raw correlation mostly
  measures (long segments collect more errors).
* **pearson** — raw Pearson over all (system, segment) rows.
* **sys-pearson** — Pearson of per-system means (13 MT systems).

System set: the human translations ``ref`` and ``refB`` are excluded from every figure
(they are the references the MQM study compared against, not MT; with ``--with-human``
they are kept).  The segments are split into halves per talk (first half of each talk's
segments = A, second half = B): weights were set looking at A only; B is the held-out
check, and the table shows both plus all.

Context rows (``--no-context`` to skip) are *not* fluency scores: chrF++ against the
second human reference (what ``mtcheck score --ref`` computes) and "consensus" chrF++
against the other systems' outputs for the same segment.  They show what extra
information (a reference, other systems) buys over a reference-free score.

Runs in well under a minute on 2 cores (the consensus row is the slowest part).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DATA = REPO.parent / "shared" / "data" / "mqm" / "mqm_ted2021_zhen.jsonl.gz"
HUMAN = ("ref", "refB")


def load(path: Path, with_human: bool) -> list[dict]:
    rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    if not with_human:
        rows = [r for r in rows if r["system"] not in HUMAN]
    # Halves per talk: segments of each doc sorted by doc_seg_id, first half = "A".
    by_doc: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r["doc_seg_id"])
    cut = {d: sorted(set(v))[len(set(v)) // 2] for d, v in by_doc.items()}
    for r in rows:
        r["half"] = "A" if r["doc_seg_id"] < cut[r["doc"]] else "B"
        r["mqm_all"] = r["mqm_score"]
        r["mqm_fluency"] = fluency_mqm(r)
    return rows


def fluency_mqm(row: dict) -> float:
    """The MQM score recomputed from Fluency/* and Style/* errors only (same weights as the
    data's README: Major 5, Minor 1, Minor Fluency/Punctuation 0.1), mean over raters.

    A reference-free fluency score can only be expected to see these; accuracy errors
    (mistranslation, omission) need the source or a reference."""
    raters = row.get("raters") or ["?"]
    total = 0.0
    for e in row["errors"]:
        cat, sev = e["category"], e["severity"]
        if not cat.startswith(("Fluency", "Style")):
            continue
        if sev == "Major":
            total += 5
        elif sev == "Minor":
            total += 0.1 if cat == "Fluency/Punctuation" else 1
    return -total / len(raters)


def pairwise_accuracy(rows: list[dict], scores: list[float]) -> tuple[float, int]:
    groups: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for r, s in zip(rows, scores):
        groups[(r["doc"], r["seg_id"])].append((r["mqm_score"], s))
    right = total = 0.0
    for items in groups.values():
        for (h1, m1), (h2, m2) in combinations(items, 2):
            if h1 == h2:
                continue
            total += 1
            if m1 == m2:
                right += 0.5
            elif (h1 > h2) == (m1 > m2):
                right += 1
    return (right / total if total else float("nan")), int(total)


def pearson(x: list[float], y: list[float]) -> float:
    n = len(x)
    if n < 2:
        return float("nan")
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else float("nan")


def system_pearson(rows: list[dict], scores: list[float]) -> float:
    h: dict[str, list[float]] = defaultdict(list)
    m: dict[str, list[float]] = defaultdict(list)
    for r, s in zip(rows, scores):
        h[r["system"]].append(r["mqm_score"])
        m[r["system"]].append(s)
    systems = sorted(h)
    return pearson([sum(m[s]) / len(m[s]) for s in systems], [sum(h[s]) / len(h[s]) for s in systems])


def _score_rows(texts: list[str]) -> list[tuple[float, int, float, int]]:
    """(score, words, OOV count, finding count) per text; runs in a worker process."""
    from mtcheck.api import Linter
    from mtcheck.document import Document
    from mtcheck.score import score_document

    linter = Linter()
    rules = linter.rules_for(linter.config)
    out = []
    for text in texts:
        doc = Document.from_text(text, "<mqm>", "text")
        findings = linter.lint_document(doc, rules)
        res = score_document(doc, findings, lines=True)
        out.append((res.score, res.words, res.components["oov"].count, len(findings)))
    return out


def metric_columns(rows: list[dict], context: bool, jobs: int) -> dict[str, list[float]]:
    """Every metric as a list aligned with ``rows``; higher must mean better."""
    texts = [r["mt"] for r in rows]
    if jobs > 1:
        from multiprocessing import Pool
        with Pool(jobs) as pool:
            parts = pool.map(_score_rows, [texts[i::jobs] for i in range(jobs)])
        scored: list = [None] * len(texts)
        for i, part in enumerate(parts):
            scored[i::jobs] = part
    else:
        scored = _score_rows(texts)
    cols: dict[str, list[float]] = defaultdict(list)
    for score, words, oov, n_findings in scored:
        cols["mtcheck score"].append(score)
        cols["length: fewer words"].append(-words)
        cols["length: more words"].append(words)
        cols["OOV rate (lower)"].append(-oov / max(words, 1))
        cols["finding count (fewer)"].append(-n_findings)
    if context:
        from sacrebleu.metrics import CHRF
        chrf = CHRF(word_order=2)
        by_item: dict[tuple, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            by_item[(r["doc"], r["seg_id"])].append(i)
        for i, r in enumerate(rows):
            cols["[ctx] chrF++ vs refB"].append(chrf.sentence_score(r["mt"], [r["ref"]]).score)
        cons = [0.0] * len(rows)
        for idx in by_item.values():
            for i in idx:
                others = [rows[j]["mt"] for j in idx if j != i]
                cons[i] = sum(chrf.sentence_score(rows[i]["mt"], [o]).score for o in others) / max(len(others), 1)
        cols["[ctx] consensus chrF++"] = cons
    return cols


def evaluate(rows: list[dict], cols: dict[str, list[float]]) -> list[dict]:
    table = []
    for name, scores in cols.items():
        entry: dict = {"metric": name}
        for part in ("A", "B", "all"):
            idx = [i for i, r in enumerate(rows) if part == "all" or r["half"] == part]
            sub = [rows[i] for i in idx]
            sc = [scores[i] for i in idx]
            acc, pairs = pairwise_accuracy(sub, sc)
            entry[part] = {"pairwise": acc, "pairs": pairs,
                           "pearson": pearson(sc, [r["mqm_score"] for r in sub]),
                           "sys_pearson": system_pearson(sub, sc)}
        table.append(entry)
    return table


def render(table: list[dict], n_rows: int, n_sys: int) -> str:
    head = (f"{'metric':<26} {'pairwise A':>10} {'pairwise B':>10} {'pairwise':>9} "
            f"{'pearson':>8} {'sys-pearson':>11}")
    out = [f"MQM zh→en TED 2021: {n_rows} rows, {n_sys} MT systems "
           f"(pairs: A {table[0]['A']['pairs']}, B {table[0]['B']['pairs']}, all {table[0]['all']['pairs']})",
           head, "-" * len(head)]
    for e in table:
        out.append(f"{e['metric']:<26} {e['A']['pairwise']:>10.3f} {e['B']['pairwise']:>10.3f} "
                   f"{e['all']['pairwise']:>9.3f} {e['all']['pearson']:>8.3f} {e['all']['sys_pearson']:>11.3f}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", type=Path, help="also write the table as JSON here")
    ap.add_argument("--no-context", action="store_true", help="skip the reference/consensus chrF rows")
    ap.add_argument("--with-human", action="store_true", help="keep the human systems ref/refB")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for linting (default 2)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rows = load(args.data, args.with_human)
    cols = metric_columns(rows, not args.no_context, args.jobs)
    n_sys = len({r["system"] for r in rows})
    table = evaluate(rows, cols)
    print(render(table, len(rows), n_sys))
    for r in rows:
        r["mqm_score"] = r["mqm_fluency"]
    fluency_table = evaluate(rows, cols)
    print()
    print("Against the fluency-only MQM score (Fluency/* and Style/* errors):")
    print(render(fluency_table, len(rows), n_sys))
    for r in rows:
        r["mqm_score"] = r["mqm_all"]
    covered = sum(1 for s in cols["finding count (fewer)"] if s < 0)
    print(f"\nsegments with at least one mtcheck finding: {covered} of {len(rows)}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps({"mqm": table, "fluency_mqm": fluency_table}, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
