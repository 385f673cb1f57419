"""Garbled-syntax rate per 1,000 words: each WMT 2023 ru-en MT system next to the human reference.

Does the garbled category fire more on machine translation than on human translation of
the same Russian documents?  Every (document, system) row of
``../shared/data/wmt-ru-en/2023.jsonl.gz`` is linted as one article (segments joined by
newlines) with only the ``garbled`` rules selected (plus any ``--select``); the human
reference of each document is linted once.

    python bench/garbled_wmt.py                 # all domains, table per system
    python bench/garbled_wmt.py --domain news --by-rule
    python bench/garbled_wmt.py --examples MT703   # show what a rule flags, MT and reference

The rate counts findings per 1,000 word tokens (mtcheck's own tokenizer).

Measured (MT701-MT711, all domains): every system 0.17-0.53 per 1,000 words (all MT
0.29), the human reference 0.03 (one "In confirmation of this", an English set phrase
MT705 has allowed after "in" since, which brings the reference to 0); news domain only:
all MT 0.27, reference 0.08.  Clean human news (bench/issue4_fp.py): 1 garbled finding
in 22.5k words.  Most MT hits come from MT711 (subjectless sentences in
reviews), MT705 (missing article before "of": "by decision of the court"), MT710
(genitive chains), MT706 (frequency before the verb) and MT708/MT709 (calques,
impersonal attributions); MT701/702/704/707 never fire on this set (modern systems
rarely produce those garbles) but do on older MT such as the seed articles.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt-ru-en" / "2023.jsonl.gz"
REF = "(human reference)"


def load_rows(path: Path, domain: str | None) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [r for r in rows if domain in (None, r["domain"])]


def measure(rows: list[dict], select: tuple[str, ...]) -> tuple[dict, dict, dict, dict]:
    """Return words per system, findings per system, findings per (system, rule), examples."""
    from mtcheck.api import Linter
    from mtcheck.config import Config
    from mtcheck.document import Document

    cfg = Config(select=select, languagetool="off")
    linter = Linter(cfg, {"languagetool": "off"})
    rules = linter.rules_for(cfg)
    words: dict[str, int] = collections.Counter()
    hits: dict[str, int] = collections.Counter()
    by_rule: dict[tuple[str, str], int] = collections.Counter()
    examples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    seen_ref: set[str] = set()

    def run(system: str, text: str) -> None:
        doc = Document.from_text(text, f"<{system}>", "text")
        words[system] += doc.word_count()
        for f in linter.lint_document(doc, rules):
            hits[system] += 1
            by_rule[(system, f.rule)] += 1
            ctx = text[max(0, f.start - 50):f.end + 40].replace("\n", " ")
            examples[(system, f.rule)].append(ctx)

    for r in rows:
        run(r["system"], "\n".join(r["mt_sentences"]))
        if r["doc"] not in seen_ref:
            seen_ref.add(r["doc"])
            run(REF, "\n".join(r["ref_sentences"]))
    return words, hits, by_rule, examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--domain", default=None, help="news, reviews or manuals (default: all)")
    ap.add_argument("--select", action="append", default=None,
                    help="rules to run (default: the garbled category)")
    ap.add_argument("--by-rule", action="store_true", help="also print findings per rule and system")
    ap.add_argument("--examples", default=None, help="print the contexts one rule flagged")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    rows = load_rows(args.data, args.domain)
    select = tuple(args.select or ["garbled"])
    words, hits, by_rule, examples = measure(rows, select)
    systems = sorted(s for s in words if s != REF) + [REF]
    print(f"garbled-syntax findings per 1,000 words ({', '.join(select)}; domain: {args.domain or 'all'}; "
          f"{len(rows)} MT documents)")
    print(f"{'system':<22}{'words':>9}{'findings':>10}{'per 1k':>9}")
    for s in systems:
        rate = 1000 * hits[s] / words[s] if words[s] else 0.0
        print(f"{s:<22}{words[s]:>9}{hits[s]:>10}{rate:>9.3f}")
    mt_words = sum(words[s] for s in systems if s != REF)
    mt_hits = sum(hits[s] for s in systems if s != REF)
    print(f"{'all MT systems':<22}{mt_words:>9}{mt_hits:>10}{1000 * mt_hits / max(mt_words, 1):>9.3f}")
    if args.by_rule:
        codes = sorted({code for _, code in by_rule})
        print()
        print(f"{'system':<22}" + "".join(f"{c:>7}" for c in codes))
        for s in systems:
            print(f"{s:<22}" + "".join(f"{by_rule[(s, c)]:>7}" for c in codes))
    if args.examples:
        for (s, code), ctxs in sorted(examples.items()):
            if code == args.examples:
                for c in ctxs:
                    print(f"{s:<16} | {c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
