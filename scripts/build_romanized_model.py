#!/usr/bin/env python3
"""Build ``mtcheck/data/romanized_model.wt``: a detector for romanized Russian.

MT systems sometimes leave a Russian word in Latin letters instead of
translating it ("stressed in <romanized noun>").  Such tokens are not English
words, and they *look* like transliterated Russian: consonant clusters such as
"vsh", "zhd", "shch", endings such as "-ogo", "-ykh", "-stva".  This script
trains two character n-gram language models, one on romanized Russian and one
on English, whose log-likelihood ratio tells the two apart.

Why wordfreq: it ships real word-frequency lists for both Russian and English
inside the package, so the model is rebuilt offline and reproducibly from the
same data version (recorded in the artifact).  wordfreq is only needed here;
``mtcheck.romanized`` reads the artifact.

Data flow
---------
* Russian: the ``--ru-words`` most frequent all-Cyrillic words of wordfreq's
  Russian list, each romanized with every scheme in ``SCHEMES`` below (the
  schemes real text uses: BGN/PCGN, the passport/ICAO scheme, GOST 7.79 B,
  scholarly, informal "translit" styles and the plain style MT engines emit).
* English: the words of wordfreq's English list with Zipf >= ``--en-min-zipf``
  minus the ones that are themselves romanized Russian (wordfreq's English
  list contains Russian names and leftovers that occur in English web text;
  a word is dropped when it is a romanization of a Russian word that is more
  frequent in Russian than the English word is in English).
* Both models: order-4 character n-grams over ``^^^word$`` (boundary
  markers), interpolated Witten-Bell smoothing down to a uniform
  distribution over the alphabet.  Each distinct word form counts once (types,
  not tokens): we score rare words, so the shape of the vocabulary matters,
  not how often "the" occurs.
* A reverse index: romanized form -> the most frequent Russian word with that
  romanization (for ``back_transliterate``).

Artifact layout: a :mod:`mtcheck.wordtable` file (sorted keys, offsets and an
integer column per table), which the runtime memory-maps and searches by
bisection -- no JSON to decode and no dict of 150k n-grams or 380k forms to
build per process (that cost ~280 ms and ~40 MB).  Tables:

* ``ru_lp`` / ``en_lp``: every n-gram seen in training (all orders; key =
  context + next character) -> its interpolated probability;
* ``ru_bow`` / ``en_bow``: every seen context, the empty one included -> its
  back-off weight (Witten-Bell interpolation mass);
* ``forms``: romanized form -> rank of its Russian word in ``words``;
* ``words``: Russian word -> its Zipf frequency x 10.

All log values are log10 x ``scale`` (int16).  For an unseen n-gram the
runtime adds the context's weight and backs off to the shorter context, ending
in ``floor`` (uniform over the alphabet).  The metadata holds ``order``,
``bos``, ``eos``, ``scale``, the floors, the schemes and the sources.  The
output is deterministic (sorted keys): same data, same bytes.

Usage::

    python scripts/build_romanized_model.py
    python scripts/build_romanized_model.py --ru-words 100000 --out /tmp/m.wt
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from mtcheck.wordtable import dump_tables, replace_file  # noqa: E402

DEFAULT_OUT = REPO / "mtcheck" / "data" / "romanized_model.wt"

ORDER = 4
BOS = "^"
EOS = "$"
SCALE = 1000  # log10 values are stored as integers in thousandths (ample precision)

VOWELS = set("аеёиоуыэюя")

# ---------------------------------------------------------------------------
# Romanization schemes, as data.
#
# Each scheme maps every Cyrillic letter to Latin.  A value is either a string
# or a mapping with a "default" plus context overrides:
#   initial      - at the start of the word
#   after_vowel  - after a vowel letter, ъ, ь or й (where BGN writes "ye")
#   before_front - before е, ё, и, й, ы, э (GOST 7.79's "c" instead of "cz")
# Letters absent from a scheme fall back to BASE.  Soft and hard signs are
# dropped in every scheme: an apostrophe would split the token for any
# tokenizer, and MT output almost always drops them.
# ---------------------------------------------------------------------------
BASE: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "ъ": "", "ь": "",
}

SCHEMES: dict[str, dict[str, str | dict[str, str]]] = {
    # BGN/PCGN 1947 (UK/US geographic names), without its diacritics.
    "bgn_pcgn": {
        "е": {"default": "e", "initial": "ye", "after_vowel": "ye"},
        "ё": {"default": "ye", "after_vowel": "yo", "initial": "yo"},
        "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
    },
    # What MT engines and most news wires emit: BGN-like, but е is always "e".
    "mt_plain": {
        "е": "e", "ё": "e", "ж": "zh", "й": "y", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e", "ю": "yu",
        "я": "ya",
    },
    # Russian passports since 2013 (ICAO Doc 9303 / GOST R 52535.1-2006).
    "icao": {
        "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e", "ю": "iu",
        "я": "ia",
    },
    # GOST 7.79-2000 system B (ISO 9 "B"), ASCII; its y' and e' lose the mark.
    "gost_b": {
        "е": "e", "ё": "yo", "ж": "zh", "й": "j", "х": "x",
        "ц": {"default": "cz", "before_front": "c"},
        "ч": "ch", "ш": "sh", "щ": "shh", "ы": "y", "э": "e", "ю": "yu",
        "я": "ya",
    },
    # Scholarly (linguistic) transliteration, with its diacritics.
    "scientific": {
        "е": "e", "ё": "ë", "ж": "ž", "й": "j", "х": "x", "ц": "c", "ч": "č",
        "ш": "š", "щ": "šč", "ы": "y", "э": "è", "ю": "ju", "я": "ja",
    },
    # Informal "translit" with j (common in Central European usage and chats).
    "informal_j": {
        "е": "e", "ё": "jo", "ж": "zh", "й": "j", "х": "h", "ц": "c",
        "ч": "ch", "ш": "sh", "щ": "sch", "ы": "y", "э": "e",
        "ю": "ju", "я": "ja",
    },
    # Informal "translit" with i and French/German-influenced consonants.
    "informal_i": {
        "е": "e", "ё": "io", "ж": "j", "й": "i", "х": "h", "ц": "tz",
        "ч": "ch", "ш": "sh", "щ": "sch", "ы": "i", "э": "e", "ю": "iu",
        "я": "ia",
    },
}

FRONT = set("еёийыэ")
CYRILLIC_WORD = regex.compile(r"[а-яё]+")
LATIN_WORD = regex.compile(r"\p{Latin}+")


def romanize(word: str, scheme: dict[str, str | dict[str, str]]) -> str:
    """Romanize a lower-case Cyrillic ``word`` with one scheme from ``SCHEMES``."""
    out: list[str] = []
    for i, ch in enumerate(word):
        rule = scheme.get(ch, BASE.get(ch))
        if rule is None:
            raise ValueError(f"no romanization for {ch!r} in {word!r}")
        if isinstance(rule, dict):
            prev = word[i - 1] if i else ""
            nxt = word[i + 1] if i + 1 < len(word) else ""
            if i == 0 and "initial" in rule:
                rule = rule["initial"]
            elif prev and (prev in VOWELS or prev in "ъьй") and "after_vowel" in rule:
                rule = rule["after_vowel"]
            elif nxt in FRONT and "before_front" in rule:
                rule = rule["before_front"]
            else:
                rule = rule["default"]
        out.append(rule)
    return "".join(out)


def romanizations(word: str) -> list[str]:
    """All romanizations of ``word``, one per scheme (duplicates kept)."""
    return [romanize(word, s) for s in SCHEMES.values()]


# ---------------------------------------------------------------------------
# Character n-gram model with interpolated Witten-Bell smoothing
# ---------------------------------------------------------------------------
def events(word: str, order: int = ORDER) -> Iterator[tuple[str, str]]:
    """(context, next char) pairs of the padded word, longest context only."""
    padded = BOS * (order - 1) + word + EOS
    for i in range(order - 1, len(padded)):
        yield padded[i - order + 1 : i], padded[i]


def train(words: Iterable[str], order: int = ORDER) -> dict[str, object]:
    """Train an interpolated Witten-Bell character model and flatten it to tables.

    Returns ``grams`` (space-separated) with ``lp``, the *interpolated*
    probability of every seen n-gram (all orders), ``ctx`` with ``bow``, the
    interpolation weight that an unseen continuation of a context gets,
    ``bow0`` (the empty context's) and ``floor``; see :func:`tables`.
    """
    counts: list[Counter[str]] = [Counter() for _ in range(order)]  # by n-gram length-1
    for w in words:
        for ctx, ch in events(w, order):
            for k in range(order):  # k = context length
                counts[k][ctx[len(ctx) - k :] + ch] += 1
    alphabet = {g[-1] for g in counts[0]}
    vocab = len(alphabet) + 1  # +1 for any unseen character
    floor = -math.log10(vocab)

    # Context totals and number of distinct continuations, per context length.
    ctx_total: list[Counter[str]] = [Counter() for _ in range(order)]
    ctx_types: list[Counter[str]] = [Counter() for _ in range(order)]
    for k in range(order):
        for g, c in counts[k].items():
            ctx_total[k][g[:-1]] += c
            ctx_types[k][g[:-1]] += 1

    prob: list[dict[str, float]] = [{} for _ in range(order)]
    bow: dict[str, float] = {}

    def p(k: int, ctx: str, ch: str) -> float:
        """Interpolated probability of ch after the last k characters of ctx."""
        if k < 0:
            return 1.0 / vocab
        c = ctx[len(ctx) - k :] if k else ""
        got = prob[k].get(c + ch)
        if got is not None:
            return got
        total = ctx_total[k].get(c, 0)
        if total == 0:
            return p(k - 1, ctx, ch)
        types = ctx_types[k][c]
        return types / (total + types) * p(k - 1, ctx, ch)

    for k in range(order):
        for g, c in sorted(counts[k].items()):
            ctx, ch = g[:-1], g[-1]
            total, types = ctx_total[k][ctx], ctx_types[k][ctx]
            lower = p(k - 1, ctx, ch)
            prob[k][g] = (c + types * lower) / (total + types)
        for ctx in ctx_total[k]:
            total, types = ctx_total[k][ctx], ctx_types[k][ctx]
            bow[ctx] = math.log10(types / (total + types))

    grams = sorted(g for k in range(order) for g in prob[k])
    ctxs = sorted(c for c in bow if c)
    return {
        "grams": " ".join(grams),
        "lp": [round(math.log10(prob[len(g) - 1][g]) * SCALE) for g in grams],
        "ctx": " ".join(ctxs),
        "bow": [round(bow[c] * SCALE) for c in ctxs],
        "bow0": round(bow.get("", 0.0) * SCALE),
        "floor": round(floor * SCALE),
    }


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
def russian_words(n: int) -> list[tuple[str, float]]:
    """The ``n`` most frequent all-Cyrillic Russian words with their Zipf values."""
    import wordfreq  # build-time only; keeps romanize() importable without it

    out: list[tuple[str, float]] = []
    for w in wordfreq.top_n_list("ru", int(n * 1.2) + 1000, wordlist="large"):
        if CYRILLIC_WORD.fullmatch(w):
            out.append((w, wordfreq.zipf_frequency(w, "ru", wordlist="large")))
            if len(out) >= n:
                break
    return out


def english_words(min_zipf: float) -> list[tuple[str, float]]:
    """English words (letters only) with Zipf >= ``min_zipf``."""
    import wordfreq

    out: list[tuple[str, float]] = []
    for w in wordfreq.top_n_list("en", 400_000, wordlist="large"):
        z = wordfreq.zipf_frequency(w, "en", wordlist="large")
        if z < min_zipf:
            break
        if LATIN_WORD.fullmatch(w):
            out.append((w, z))
    return out


def build(ru_n: int, en_min_zipf: float, reverse_n: int) -> dict[str, object]:
    """Assemble the artifact (see the module docstring for the layout)."""
    ru = russian_words(max(ru_n, reverse_n))
    ru_zipf: dict[str, float] = {}  # romanized form -> Zipf of its most frequent source
    reverse_rows: list[tuple[str, float, list[str]]] = []
    ru_train: list[str] = []
    for i, (w, z) in enumerate(ru):
        forms = romanizations(w)
        if i < ru_n:
            ru_train.extend(forms)
        if i < reverse_n:
            # The list is frequency-ordered, so the first word to claim a form
            # is the most frequent one; later words list only unclaimed forms.
            new = [f for f in dict.fromkeys(forms) if f not in ru_zipf]
            for f in new:
                ru_zipf[f] = z
            if new:
                reverse_rows.append((w, z, new))
    reverse_rows.sort()  # alphabetical: compresses ~25% better than by frequency
    assert all(len(f) <= 9 for _, _, f in reverse_rows)

    en_all = english_words(en_min_zipf)
    # Drop English-list entries that are romanized Russian: rare in English
    # and more frequent as Russian (wordfreq's English data includes Russian
    # surnames and leftovers seen in English text).  Common English words
    # that happen to spell a Russian word ("pro", "mart") stay.
    en_train = [w for w, z in en_all if not (z < 3.0 and w in ru_zipf and ru_zipf[w] > z + 0.5)]
    dropped = len(en_all) - len(en_train)

    print(
        f"russian words {len(ru)} (train {ru_n}, reverse {reverse_n}), "
        f"romanized forms {len(ru_train)}, reverse entries {len(ru_zipf)}; "
        f"english words {len(en_train)} (dropped {dropped} romanized-Russian entries)",
        file=sys.stderr,
    )
    return {
        "format": 2,
        "scale": SCALE,
        "order": ORDER,
        "bos": BOS,
        "eos": EOS,
        "schemes": sorted(SCHEMES),
        "sources": {
            "wordfreq": version("wordfreq"),
            "ru_words": ru_n,
            "reverse_words": reverse_n,
            "en_min_zipf": en_min_zipf,
            "en_words": len(en_train),
            "built_by": "scripts/build_romanized_model.py",
        },
        "lm": {"ru": train(ru_train), "en": train(en_train)},
        "reverse": {
            "words": " ".join(w for w, _, _ in reverse_rows),
            "zipf": [round(z * 10) for _, z, _ in reverse_rows],
            "counts": "".join(str(len(f)) for _, _, f in reverse_rows),
            "forms": " ".join(f for _, _, fs in reverse_rows for f in fs),
        },
    }


def tables(model: dict[str, object]) -> bytes:
    """Serialise :func:`build`'s result as the word-table artifact (module docstring)."""
    out: dict[str, tuple[list[str], list[int], str]] = {}
    for lang in ("ru", "en"):
        lm = model["lm"][lang]
        out[f"{lang}_lp"] = (lm["grams"].split(" "), lm["lp"], "h")
        out[f"{lang}_bow"] = (lm["ctx"].split(" ") + [""], lm["bow"] + [lm["bow0"]], "h")
    rev = model["reverse"]
    words = rev["words"].split(" ")
    rank = {w: i for i, w in enumerate(sorted(words, key=lambda w: w.encode("utf-8")))}
    forms: dict[str, int] = {}
    it = iter(rev["forms"].split(" "))
    for w, count in zip(words, rev["counts"]):
        for _ in range(int(count)):
            forms[next(it)] = rank[w]  # every form appears once, by construction in build()
    out["forms"] = (list(forms), list(forms.values()), "I")
    out["words"] = (words, rev["zipf"], "B")
    meta = {k: model[k] for k in ("format", "scale", "order", "bos", "eos", "schemes", "sources")}
    meta["format"] = 3
    meta["floor"] = {lang: model["lm"][lang]["floor"] for lang in ("ru", "en")}
    return dump_tables(out, meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ru-words", type=int, default=150_000, help="Russian words to train on")
    ap.add_argument("--reverse-words", type=int, default=150_000,
                    help="Russian words in the back-transliteration index")
    ap.add_argument("--en-min-zipf", type=float, default=2.0, help="English training floor")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    model = build(args.ru_words, args.en_min_zipf, args.reverse_words)
    data = tables(model)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    replace_file(args.out, data)  # atomic: running linters map the old file
    print(f"wrote {args.out} ({len(data):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
