"""False positives on clean human-written English news (issue 2: at most 1 per 1,000 words).

Usage:  python bench/clean_fp.py [--select CODES] [--show N]

Lints every document of ../shared/data/clean-en with the default rules and prints
findings per 1,000 words, overall and per rule, plus the findings themselves so a
person can judge whether each is really a false positive (the data README warns the
references are not perfect).

The clean texts were scraped from news pages, and some of the scrape came with them:
"Read also:" links, picture captions and credits, "31 minute(s) ago" stamps.  The
boilerplate rules are right to flag those, so the rate is also printed without the
boilerplate category, which is where false positives could hide among real findings.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import clean_en_documents, word_count  # noqa: E402

from mtcheck.api import Linter  # noqa: E402
from mtcheck.config import Config  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--select", default="", help="comma-separated rule selectors (default: all default rules)")
    ap.add_argument("--ignore", default="", help="comma-separated rule selectors to skip")
    ap.add_argument("--show", type=int, default=60, help="print at most this many findings")
    args = ap.parse_args()
    cfg = Config(select=tuple(s for s in args.select.split(",") if s),
                 ignore=tuple(s for s in args.ignore.split(",") if s))
    linter = Linter(cfg)
    words = docs = 0
    per_rule: Counter = Counter()
    boilerplate = 0
    shown = 0
    for doc_id, text in clean_en_documents():
        docs += 1
        words += word_count(text)
        for f in linter.lint_text(text, path=doc_id):
            per_rule[f"{f.rule} {f.name}"] += 1
            boilerplate += f.category == "boilerplate"
            if shown < args.show:
                shown += 1
                ctx = text[max(0, f.start - 40):f.end + 40].replace("\n", " ⏎ ")
                print(f"{doc_id}: {f.rule} {f.message}\n    …{ctx}…")
    total = sum(per_rule.values())
    print(f"\n{docs} documents, {words} words, {total} findings = {1000 * total / max(words, 1):.2f} per 1,000 words")
    rest = total - boilerplate
    print(f"without the boilerplate category (scraped page furniture in the clean texts): {rest} findings = "
          f"{1000 * rest / max(words, 1):.2f} per 1,000 words")
    for rule, n in per_rule.most_common():
        print(f"  {n:4d}  {1000 * n / words:.2f}/kw  {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
