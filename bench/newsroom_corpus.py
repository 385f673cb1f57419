"""Build the 1,000-article benchmark corpus from ../shared/data, reproducibly.

Composition (fixed, so figures from different days compare):

* every human-translated document of clean-en/ (80), as written, one segment per line;
* MT output from wmt-ru-en/2023.jsonl.gz (one article = one system's sentences for one
  document, one sentence per line): first every *news* row, then the other domains,
  each group in the order of a SHA-1 of "doc|system" (a fixed shuffle that mixes the 12
  systems), until the corpus has ``n`` articles.

Files go to bench/out/corpus/ (gitignored) as NNNN_<source>.txt; a manifest.tsv lists
doc id, system, words and bytes.  The corpus is rebuilt only when the manifest differs.

    python bench/newsroom_corpus.py [--n 1000] [--out bench/out/corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import clean_en_documents, wmt_rows, word_count  # noqa: E402

OUT = Path(__file__).resolve().parent / "out" / "corpus"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-")[:60]


def articles(n: int = 1000) -> list[tuple[str, str, str]]:
    """(file stem, manifest row, text) for the first ``n`` articles of the fixed order."""
    out: list[tuple[str, str, str]] = []
    for doc_id, text in clean_en_documents():
        out.append((f"clean-{_safe(doc_id)}", f"{doc_id}\thuman", text))
    rows = list(wmt_rows())

    def order(r: dict) -> tuple[int, str]:
        digest = hashlib.sha1(f"{r['doc']}|{r['system']}".encode()).hexdigest()
        return (0 if r.get("domain") == "news" else 1, digest)

    for r in sorted(rows, key=order):
        sents = [s.strip() for s in r["mt_sentences"] if s and s.strip()]
        if not sents:
            continue
        out.append((f"mt-{_safe(r['doc'])}-{_safe(r['system'])}", f"{r['doc']}\t{r['system']}",
                    "\n".join(sents) + "\n"))
    return out[:n]


def build(n: int = 1000, out: Path | None = None) -> list[Path]:
    """Write the corpus (if not already there, identical) and return the file paths, sorted.

    The standard 1,000-article corpus lives in bench/out/corpus; other sizes get their own
    folder (corpus-300, ...), so a quick profile never replaces the files another
    benchmark or a regression comparison is reading."""
    if out is None:
        out = OUT if n == 1000 else OUT.with_name(f"{OUT.name}-{n}")
    arts = articles(n)
    manifest = ["file\tdoc\tsystem\twords\tbytes"]
    files = []
    for i, (stem, row, text) in enumerate(arts):
        name = f"{i:04d}_{stem}.txt"
        files.append((out / name, text))
        manifest.append(f"{name}\t{row}\t{word_count(text)}\t{len(text.encode('utf-8'))}")
    man_text = "\n".join(manifest) + "\n"
    man_path = out / "manifest.tsv"
    if not (man_path.is_file() and man_path.read_text(encoding="utf-8") == man_text
            and all(p.is_file() for p, _ in files)):
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.txt"):
            old.unlink()
        for p, text in files:
            p.write_text(text, encoding="utf-8")
        man_path.write_text(man_text, encoding="utf-8")
    if len(files) < n:
        print(f"note: only {len(files)} articles available (asked for {n})", file=sys.stderr)
    return sorted(p for p, _ in files)


def stats(paths: list[Path]) -> dict[str, int]:
    words = sum(word_count(p.read_text(encoding="utf-8")) for p in paths)
    return {"articles": len(paths), "words": words, "bytes": sum(p.stat().st_size for p in paths)}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    paths = build(a.n, a.out)
    print(f"{a.out}: {stats(paths)}")
