"""Issue 4 acceptance: what the checks it added say on clean human news (target: at most
0.5 findings per 1,000 words on ../shared/data/clean-en).

The checks are the garbled-syntax rules (category ``garbled``, MT7xx) and the
romanized-Russian rule (MT104), run without LanguageTool (which needs a server; its
false positives are LanguageTool's own).  Every finding is listed so a person can judge
it: the clean-en references are human translations and not perfect.

    python bench/issue4_fp.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpora import clean_en_documents, word_count  # noqa: E402

SELECT = ("garbled", "MT104")
TARGET = 0.5


def main() -> int:
    from mtcheck.api import Linter
    from mtcheck.config import Config

    cfg = Config(select=SELECT, languagetool="off")
    linter = Linter(cfg)
    words = 0
    per_rule: Counter[str] = Counter()
    for doc_id, text in clean_en_documents():
        words += word_count(text)
        for f in linter.lint_text(text, path=doc_id, config=cfg):
            per_rule[f"{f.rule} {f.name}"] += 1
            print(f"{doc_id}: {f.rule} {f.message}\n    …{text[max(0, f.start - 40):f.end + 40]!r}…")
    total = sum(per_rule.values())
    rate = 1000 * total / max(words, 1)
    print(f"\nclean-en: {words} words, {total} findings from {', '.join(SELECT)} = {rate:.2f} per 1,000 words "
          f"(target <= {TARGET}: {'met' if rate <= TARGET else 'NOT met'})")
    for rule, n in per_rule.most_common():
        print(f"  {n:4}  {1000 * n / words:.2f}/kw  {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
