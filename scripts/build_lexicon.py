#!/usr/bin/env python3
"""Build ``mtcheck/data/en_lexicon.tsv.gz``: English words with their Zipf frequency.

Why wordfreq: it ships real, multi-source word-frequency data for English (and
Russian) inside the package, so the lexicon can be rebuilt offline, byte for
byte, with no corpus download.  wordfreq is a *build-time* dependency only:
the linter reads the artifact written here and never imports wordfreq.

Why this format: a plain ``word<TAB>zipf`` line per word costs ~200 ms to
parse for 250k words.  wordfreq quantises Zipf values to 0.01, so there are
only a few hundred distinct values; grouping words by value gives one line per
Zipf bucket::

    # comment lines (provenance, parameters)
    <zipf><TAB><word> <word> <word> ...

which loads in well under 80 ms (a ``dict.fromkeys`` per bucket) and
compresses better.  Buckets are written in descending Zipf order and words
alphabetically inside a bucket, so the output is deterministic (gzip mtime=0).

Why N=250,000: the top ~150k stops at Zipf ~1.6, which drops real but rare
English words (e.g. Zipf 1.2-1.5 words such as "sesquipedalian"); 250k reaches
Zipf ~1.18 and the file stays near 1 MB, well under the 2 MB budget.  Rare
entries include some noise (names, foreign words that occur in English text);
consumers should therefore compare against a Zipf threshold rather than
treat mere membership as "English".

Usage::

    python scripts/build_lexicon.py            # writes the default artifact
    python scripts/build_lexicon.py --n 200000 --out /tmp/lex.tsv.gz
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import sys
from importlib.metadata import version
from pathlib import Path

import regex
import wordfreq

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "mtcheck" / "data" / "en_lexicon.tsv.gz"
DEFAULT_N = 250_000

# Letters (any Latin-script letter, so "café" survives) joined by single
# apostrophes or hyphens (wordfreq currently splits at hyphens, so in practice
# no hyphenated entry survives; the pattern stays permissive on purpose); no digits, no dots, no leading/trailing punctuation.
WORD_RE = regex.compile(r"\p{Latin}+(?:['-]\p{Latin}+)*")


def collect(n: int) -> list[tuple[str, float]]:
    """Return the ``n`` most frequent well-formed English words with Zipf values.

    wordfreq's list is already lower-cased and frequency-ordered; we only drop
    tokens that are not words (numbers, emoji, abbreviations with dots).
    """
    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    # Over-fetch: ~3% of wordfreq's entries are filtered out as non-words.
    for w in wordfreq.top_n_list("en", int(n * 1.3) + 1000, wordlist="large"):
        w = w.lower().replace("\u2019", "'")
        if w in seen or not WORD_RE.fullmatch(w):
            continue
        z = wordfreq.zipf_frequency(w, "en", wordlist="large")
        if z <= 0:
            continue
        if len(out) >= n and z != out[-1][1]:
            # Stop only at a bucket boundary, so the lexicon holds *every*
            # word with Zipf >= its minimum (no half-included last bucket).
            break
        seen.add(w)
        out.append((w, z))
    return out


def render(rows: list[tuple[str, float]], n: int) -> bytes:
    """Serialise rows into the bucketed TSV described in the module docstring."""
    rows = sorted(rows, key=lambda r: (-r[1], r[0]))
    header = [
        "# mtcheck English lexicon: lower-cased words with wordfreq Zipf frequency",
        f"# source: wordfreq {version('wordfreq')} (wordlist=large, lang=en); built by scripts/build_lexicon.py",
        f"# words: {len(rows)} (top {n}, completed to the last Zipf bucket); min zipf {rows[-1][1]:.2f}",
        "# format: one line per Zipf value: <zipf>\\t<space-separated words>",
    ]
    lines = [h + "\n" for h in header]
    for z, grp in itertools.groupby(rows, key=lambda r: r[1]):
        lines.append(f"{z:.2f}\t" + " ".join(w for w, _ in grp) + "\n")
    return "".join(lines).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=DEFAULT_N, help="number of words to keep")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rows = collect(args.n)
    data = gzip.compress(render(rows, args.n), compresslevel=9, mtime=0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes, {len(rows):,} words)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
