"""The romanized-Russian *rule* (MT104) on real data: false positives and recall.

bench/romanized_eval.py measures the model (``mtcheck.romanized``) on bare tokens; this
script measures what an editor sees: the full rule run by the linter on whole articles,
with its name guards (gazetteer, capitalized mid-sentence, written as a name elsewhere).

* False positives: MT104 findings per 1,000 words on ``clean-en`` (human translations),
  every finding listed so a person can judge it.
* Recall: the silver romanized leftovers of the WMT 2023 ru-en MT outputs (a lower-case
  token equal to a romanization of a word of its Russian source sentence, not English;
  built by ``romanized_eval.silver``), counted per occurrence: how many the rule flags
  when it lints each system's document.

    python bench/untranslated_eval.py [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpora import clean_en_documents, word_count  # noqa: E402


def _linter():
    from mtcheck.api import Linter
    from mtcheck.config import Config

    cfg = Config(select=("MT104",), languagetool="off")
    return Linter(cfg), cfg


def false_positives(show: bool) -> tuple[int, int]:
    linter, cfg = _linter()
    words = hits = 0
    for doc_id, text in clean_en_documents():
        words += word_count(text)
        for f in linter.lint_text(text, path=doc_id, config=cfg):
            hits += 1
            if show:
                print(f"  clean {doc_id}: {f.message}  …{text[max(0, f.start - 40):f.end + 30]!r}")
    return hits, words


def recall(show: bool) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    import romanized_eval as rev

    from mtcheck.document import Document

    rows = rev.load_wmt()
    sil = rev.silver(rows, rev._schemes())[0]
    linter, cfg = _linter()
    rules = linter.rules_for(cfg)
    flagged: dict[str, Counter[str]] = defaultdict(Counter)
    all_flags: dict[str, int] = Counter()
    for r in rows:
        doc = Document.from_text("\n".join(s or "" for s in r["mt_sentences"]), r["doc"], "text")
        for f in linter.lint_document(doc, rules):
            flagged[r["system"]][doc.text[f.start:f.end]] += 1
            all_flags[r["system"]] += 1
    out = {}
    for system, toks in sil.items():
        total = sum(toks.values())
        hit = sum(min(c, flagged[system][t]) for t, c in toks.items())
        out[system] = (hit, total)
        if show:
            missed = sorted(t for t in toks if flagged[system][t] == 0)
            print(f"  {system}: missed {missed}")
    return out, all_flags


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list false positives and missed tokens")
    args = ap.parse_args(argv)
    hits, words = false_positives(args.show)
    print(f"clean-en: {hits} MT104 findings in {words} words = {1000 * hits / max(words, 1):.2f} per 1,000 words")
    per_system, all_flags = recall(args.show)
    hit = sum(h for h, _ in per_system.values())
    tot = sum(t for _, t in per_system.values())
    print(f"WMT23 ru-en silver leftovers: {hit}/{tot} flagged = recall {hit / max(tot, 1):.1%}")
    for system in sorted(per_system):
        h, t = per_system[system]
        print(f"  {system:<16} {h:>3}/{t:<3}  all MT104 findings: {all_flags[system]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
