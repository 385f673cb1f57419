"""Held-out human English for false-positive hunting: text the rules were never tuned on.

Usage:  python bench/heldout_human.py [OUTDIR] [--paragraphs]   (default: /tmp/heldout-human)

Writes one .txt per document, one segment per line, from two offline sources:

* ``ted-ref-*`` / ``ted-refB-*``: the two human English versions of the five WMT21 TED
  talks in mqm/mqm_ted2021_zhen.jsonl.gz (system ``ref`` is the talk's own English
  transcript, ``refB`` a human translation from Chinese).  Rows repeat per MT system, so
  the text is taken from the two human "systems" only, in ``doc_seg_id`` order.
* ``wmt-<domain>-<doc>``: the human references (``ref_sentences``) of the WMT 2023 ru->en
  documents outside the news domain (reviews, manuals), each document once.  The news
  references are left out because clean-en/ already holds them.

``--paragraphs`` puts a blank line between segments, the layout of most web pages and
Markdown (blank-line blocks change what MT405 and MT712 see; the default is one segment
per line, like clean-en/).  Lint the directory with
``python -m mtcheck lint --languagetool off --output-format json``.

Measured at the session that added it: 118 documents (10 TED files, the ref and refB
versions of 5 talks; 93 reviews and 15 manuals from WMT), 35,280 words; 20 findings
before its fixes, 19 after, of which 11 are "!!!" in reviews and the rest real slips
in the references (see the commit messages).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import DATA, wmt_rows  # noqa: E402


def ted_documents() -> dict[str, list[str]]:
    """{name: segments} for the human 'ref' and 'refB' versions of each TED talk."""
    segs: dict[str, dict[int, str]] = defaultdict(dict)
    with gzip.open(DATA / "mqm" / "mqm_ted2021_zhen.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["system"] in ("ref", "refB") and row["mt"]:
                segs[f"ted-{row['system']}-{row['doc']}"][row["doc_seg_id"]] = row["mt"]
    return {name: [s[k] for k in sorted(s)] for name, s in segs.items()}


def wmt_documents() -> dict[str, list[str]]:
    """{name: reference segments} for each non-news WMT 2023 ru->en document, taken once."""
    out: dict[str, list[str]] = {}
    for row in wmt_rows():
        if row["domain"] == "news":
            continue
        name = f"wmt-{row['domain']}-{re.sub(r'[^A-Za-z0-9.-]+', '_', str(row['doc']))}"
        out.setdefault(name, row["ref_sentences"])
    return out


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sep = "\n\n" if "--paragraphs" in sys.argv[1:] else "\n"
    outdir = Path(args[0] if args else "/tmp/heldout-human")
    outdir.mkdir(parents=True, exist_ok=True)
    docs = {**ted_documents(), **wmt_documents()}
    words = 0
    for name, segs in sorted(docs.items()):
        text = sep.join(s.strip() for s in segs if s and s.strip()) + "\n"
        words += len(text.split())
        (outdir / f"{name}.txt").write_text(text, encoding="utf-8")
    print(f"{len(docs)} documents, {words} words -> {outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
