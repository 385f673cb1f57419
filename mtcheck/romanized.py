"""Detect Russian words left in Latin letters by machine translation.

MT output from Russian sometimes keeps a word it could not translate, spelled
in Latin letters: "the agreement on sotrudnichestva" for "сотрудничества"
(cooperation).  Such a token is not an English word, and its letter
sequences are typical of transliterated Russian ("-stva", "-ogo", "vsh",
"zhd", "shch").

This module scores tokens with two character 4-gram language models, one
trained on Russian words romanized with seven common schemes and one on
English words (both from wordfreq, built by
``scripts/build_romanized_model.py``; wordfreq is not needed at run time).
The model is a :mod:`mtcheck.wordtable` file, memory-mapped on first use and
searched by bisection (a word's whole back-off walk in one C call where the C
module is built, else each n-gram looked up once per process and memoized), so
the first score costs well under a millisecond instead of ~280 ms of JSON
decoding and dict building.
The score is the log-likelihood ratio per character, in nats: positive means
"more likely romanized Russian than English".

:func:`is_romanized_russian` adds the guards that make the score usable on
real copy: frequent English words are never flagged, short tokens are never
flagged (too little evidence, too many abbreviations), and rare words that
wordfreq's English list contains anyway need stronger evidence.  Capitalised
tokens (names) are the caller's business; this module lower-cases everything.

:func:`back_transliterate` maps a romanized form back to the most frequent
Russian word that yields it, e.g. to show the reader what the leftover meant
or to confirm it against the Russian source.

Thresholds were tuned on real data by ``bench/romanized_eval.py`` (see its
docstring for the measured false-positive and recall figures).
"""
from __future__ import annotations

import math
from functools import lru_cache

from . import lexicon
from .textscan import NATIVE as _NATIVE
from .wordtable import WordTable, load_resource

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_LENGTH",
    "ENGLISH_MIN_ZIPF",
    "KNOWN_RUSSIAN_BONUS",
    "KNOWN_RUSSIAN_MIN_ZIPF",
    "RARE_ENGLISH_MARGIN",
    "ACCEPTED_LOANWORDS",
    "is_accepted_loanword",
    "romanized_score",
    "is_romanized_russian",
    "back_transliterate",
    "russian_zipf",
    "frequent_english",
    "FREQUENT_MIN_ZIPF",
]

_RESOURCE = "romanized_model.wt"
_LN10 = math.log(10.0)

#: Score (nats per character) at or above which a non-English token is flagged:
#: 0 is where the two models agree, "as likely Russian as English".  On
#: bench/romanized_eval.py every threshold from -0.5 up keeps human English
#: news under 0.2 flags per 1,000 words (the guards below do most of that
#: work), so the threshold was set from what it separates in real MT output:
#: between -0.5 and 0 the flags were mostly English-looking calques ("poetize",
#: "somnologist"), between 0 and 0.5 mostly Russian leftovers.
DEFAULT_THRESHOLD = 0.0

#: Tokens shorter than this are never flagged: 3-4 letter strings are mostly
#: abbreviations, interjections or names, and carry too few n-grams to judge.
MIN_LENGTH = 5

#: An English word at least this frequent (Zipf) is never flagged, whatever
#: its spelling ("oblast" 2.6 and "pogrom" are English by now).
ENGLISH_MIN_ZIPF = 2.5

#: Extra score needed by a token that wordfreq's English list knows but only
#: as a rare word (Zipf below ENGLISH_MIN_ZIPF): that list's tail contains real
#: rare English words ("sesquipedalian") as well as Russian leftovers, so the
#: character model alone must be more confident -- unless the token is a
#: romanization of a Russian word clearly more common in Russian.
RARE_ENGLISH_MARGIN = 1.0

#: Score discount for a token that English does not know at all but that
#: back-transliterates to a Russian word form (one of the 150k most frequent)
#: of at least KNOWN_RUSSIAN_MIN_ZIPF: it is a known Russian word, so weaker
#: letter-shape evidence suffices (e.g. a genitive like "sudaka", which
#: shares most of its letters with English).
KNOWN_RUSSIAN_BONUS = 1.0
KNOWN_RUSSIAN_MIN_ZIPF = 2.5

#: Russian words English has adopted (dictionary entries, used in news without
#: glossing).  They look exactly like romanized Russian -- because they are --
#: and many sit in wordfreq's rare tail (Zipf < 2.5), so neither the character
#: model nor the frequency guard can clear them.  English plurals in -s/-es
#: are accepted too.  Deliberately short: a leftover that merely *could* be
#: glossed ("kompromat" yes, "pravitelstvo" no) is the line drawn here.
ACCEPTED_LOANWORDS: frozenset[str] = frozenset(
    """
    agitprop apparatchik ataman babushka balalaika banya beluga blini
    bolshevik borscht borshch boyar chekist cossack dacha datcha druzhina
    duma glasnost gopnik gulag hetman hryvnia intelligentsia izba kasha kefir
    knout kolkhoz komsomol kompromat kopeck kopek kokoshnik krai kulak kulich
    kvass matrioshka matryoshka menshevik muzhik narodnik narodniki
    nomenklatura oblast okrug oprichnik oprichnina pelmeni perestroika
    pirozhki piroshki pogrom politburo rada raion refusenik rouble samizdat
    samovar sambo shashlik shchi silovik siloviki sovkhoz spetsnaz
    stakhanovite steppe taiga tamizdat troika tsar tsarevich tsarina tundra
    ukase ushanka vareniki verst zek zemstvo
    """.split()
)

#: ``\p{Latin}+`` (the third-party ``regex`` module), compiled only for a token that the
#: two tables below cannot settle.  Importing ``regex`` costs ~10 ms of a cold run, and
#: nothing else on the lint path needs it, so the Latin-script test answers from tables:
#: ASCII words with ``str.isalpha`` (the only ASCII letters are A-Z and a-z, all Latin),
#: and other words when every character is a known Latin letter (True) or some character
#: is known not to be one (False).  The tables are the ``regex`` module's own answers for
#: those blocks (a test compares every code point).
_LATIN_WORD = None
_LATIN_BLOCKS = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2AF),
                 (0x1E00, 0x1EFF), (0x2C60, 0x2C7F))       # Latin-1 .. IPA, Latin Ext. Add., -C
_NOT_LATIN_BLOCKS = ((0x00, 0x40), (0x5B, 0x60), (0x7B, 0x7F), (0xD7, 0xD7), (0xF7, 0xF7),
                     (0x300, 0x36F), (0x400, 0x4FF), (0x2000, 0x206F))  # marks, Cyrillic, punct.
_LATIN_CHARS: frozenset[str] | None = None
_NOT_LATIN_CHARS: frozenset[str] = frozenset()


def _chars(blocks: tuple[tuple[int, int], ...]) -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in blocks for c in range(lo, hi + 1))


def _is_latin_word(t: str) -> bool:
    """True if *t* is one non-empty run of Latin-script letters (regex: ``\\p{Latin}+``)."""
    if t.isascii():
        return t.isalpha()
    global _LATIN_CHARS, _NOT_LATIN_CHARS, _LATIN_WORD
    if _LATIN_CHARS is None:
        _LATIN_CHARS, _NOT_LATIN_CHARS = _chars(_LATIN_BLOCKS), _chars(_NOT_LATIN_BLOCKS)
    chars = set(t)
    if chars <= _LATIN_CHARS:
        return True
    if not chars.isdisjoint(_NOT_LATIN_CHARS):
        return False
    if _LATIN_WORD is None:
        import regex
        _LATIN_WORD = regex.compile(r"\p{Latin}+")
    return _LATIN_WORD.fullmatch(t) is not None


class _Memo(dict):
    """A per-process memo over a table: a key is bisected once, then it is a dict hit.

    ``memo[key]`` is the key's value, or ``default`` when the table lacks it.
    """

    __slots__ = ("table", "default")

    def __init__(self, table: WordTable, default: int | None) -> None:
        super().__init__()
        self.table, self.default = table, default

    def __missing__(self, key: str) -> int | None:
        i = self.table.index(key)
        v = self[key] = self.table.value(i) if i >= 0 else self.default
        return v


class _LM:
    """One character n-gram model as log10 x scale integer tables (see the build script).

    (Plain classes, not NamedTuples or dataclasses: creating those classes costs
    0.3-1 ms of every cold start.)"""

    __slots__ = ("lp", "bow", "floor", "windows", "views")

    def __init__(self, lp: _Memo, bow: _Memo, floor: int) -> None:
        self.lp = lp        # n-gram -> log10 probability, None if unseen
        self.bow = bow      # context -> back-off weight, 0 if unseen
        self.floor = floor
        #: per-process memo: ``order``-character window -> what its last character adds
        #: to the log-probability (the back-off walk depends on the window alone)
        self.windows: dict[str, int] = {}
        #: the two tables' buffers, as the C walk (``_NATIVE_LOGPROB``) takes them
        self.views = tuple((t._buf, t._off, t._vals) for t in (lp.table, bow.table))


class _Model:
    __slots__ = ("order", "bos", "eos", "scale", "ru", "en", "forms", "words")

    def __init__(self, order: int, bos: str, eos: str, scale: float, ru: _LM, en: _LM,
                 forms: WordTable, words: WordTable) -> None:
        self.order, self.bos, self.eos, self.scale = order, bos, eos, scale
        self.ru, self.en = ru, en
        self.forms = forms   # romanized form -> rank in ``words``
        self.words = words   # Russian word -> Zipf x 10


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Map the artifact once (well under a millisecond: nothing is parsed)."""
    t = load_resource(_RESOURCE)
    meta = t.meta

    def lm(lang: str) -> _LM:
        return _LM(_Memo(t[f"{lang}_lp"], None), _Memo(t[f"{lang}_bow"], 0), int(meta["floor"][lang]))

    return _Model(
        order=int(meta["order"]),
        bos=meta["bos"],
        eos=meta["eos"],
        scale=float(meta["scale"]),
        ru=lm("ru"),
        en=lm("en"),
        forms=t["forms"],
        words=t["words"],
    )


def _normalize(token: str) -> str:
    """Lower-case and compose accents (so "e" + combining caron matches "ě").

    ASCII is its own NFC form, so most tokens skip ``unicodedata``."""
    if token.isascii():
        return token.lower()
    import unicodedata
    return unicodedata.normalize("NFC", token).lower()


_WINDOWS_MAX = 1 << 17

#: The back-off walk in C (``_textscan.ngram_logprob``: the whole word in one call, ~11
#: instead of ~50 us for a word new to the process), or None where the C module is not
#: in use.  Both give :func:`_logprob_direct`'s integers (tests/test_romanized.py).
_NATIVE_LOGPROB = None if _NATIVE is None else _NATIVE.ngram_logprob


def _logprob(lm: _LM, order: int, padded: str) -> int:
    """log10 probability (x scale) of ``padded``, which carries its boundary markers.

    The sum over its ``order``-character windows of :func:`_window_logprob`, each window
    memoized: words share most of their windows ("-ovich", "^^^p"), and a memo hit is
    one dict lookup instead of a back-off walk of up to ``order`` table lookups.
    (Integer sums, so the grouping cannot change the result.)  Where the C module is in
    use, the whole walk is one call instead (``_NATIVE_LOGPROB``)."""
    if _NATIVE_LOGPROB is not None:
        lp, bow = lm.views
        return _NATIVE_LOGPROB(lp, bow, lm.floor, order, padded)
    memo = lm.windows
    n = len(padded) - order + 1
    wins = [padded[i:i + order] for i in range(n)]
    got = list(map(memo.get, wins))
    if None in got:
        if len(memo) >= _WINDOWS_MAX:
            memo.clear()
        for i, w in enumerate(wins):
            if got[i] is None:
                got[i] = memo[w] = _window_logprob(lm, w)
    return sum(got)


def _window_logprob(lm: _LM, window: str) -> int:
    """What the last character of *window* adds given the characters before it: the
    longest seen n-gram ending there, plus the back-off weights of the longer contexts
    that were not seen (the floor when not even the character was seen)."""
    lp, bow = lm.lp, lm.bow
    ch = window[-1]
    last = len(window) - 1
    total = 0
    for k in range(last, -1, -1):
        ctx = window[last - k:last]
        got = lp[ctx + ch]
        if got is not None:
            return total + got
        total += bow[ctx]
    return total + lm.floor


def _logprob_direct(lm: _LM, order: int, padded: str) -> int:
    """:func:`_logprob` without the window memo: the reference the tests compare it with."""
    lp, bow = lm.lp, lm.bow
    total = 0
    for i in range(order - 1, len(padded)):
        ch = padded[i]
        for k in range(order - 1, -1, -1):
            ctx = padded[i - k : i]
            got = lp[ctx + ch]
            if got is not None:
                total += got
                break
            total += bow[ctx]
        else:
            total += lm.floor
    return total


@lru_cache(maxsize=65536)
def romanized_score(token: str) -> float:
    """Log-likelihood ratio per character (nats), Russian-romanized vs English.

    Positive values mean the letter sequence is more typical of transliterated
    Russian than of English.  Around 0 is undecided; ordinary English words
    score well below 0 and romanized inflected Russian words above 1.
    The token is lower-cased; characters other than letters are scored as
    they are (they are unusual in both models), so pass words, not phrases.
    Results are memoised: news copy repeats its words.
    """
    t = _normalize(token)
    if not t:
        return 0.0
    m = _model()
    padded = m.bos * (m.order - 1) + t + m.eos
    diff = _logprob(m.ru, m.order, padded) - _logprob(m.en, m.order, padded)
    return diff / m.scale * _LN10 / (len(t) + 1)


#: The Zipf floor of :func:`frequent_english`: the set covers the words news copy repeats
#: most (~12k entries, ~1.5 ms to load) rather than everything above ENGLISH_MIN_ZIPF
#: (~43k, ~7 ms), since the rarer ones recur too seldom to repay their share of the load.
#: (A smaller set for a process's first article did not pay: loading ~4k words cost
#: more than the ~80 lexicon searches it saved.)
FREQUENT_MIN_ZIPF = 3.5


@lru_cache(maxsize=1)
def frequent_english() -> frozenset[str]:
    """Lower-case ASCII words of at least MIN_LENGTH letters that English uses with Zipf
    >= FREQUENT_MIN_ZIPF: :func:`is_romanized_russian` is False for each of them, at any
    threshold (the frequency guard), so a caller may skip judging them.

    Why: a corpus run judges every distinct token once, and most are such words; one set
    intersection per article settles them instead of a lexicon search each.  Selecting
    them reads the whole lexicon (~40 ms), so the set is kept on disk
    (:mod:`mtcheck.diskmemo`, keyed by this code and by the lexicon's build metadata:
    its source and size, which a rebuild from other data changes; the build is
    deterministic).  Not by the file's time: each reinstall would add a set to the memo
    file, which is read whole.
    """
    from .diskmemo import DiskMemo

    tab = lexicon.table()
    meta = load_resource(lexicon._RESOURCE).meta   # (the header comes from a memo too)
    key = (FREQUENT_MIN_ZIPF, MIN_LENGTH, len(tab), repr(sorted(meta.items())))
    memo = DiskMemo("frequent-english", __file__, lexicon.__file__)
    return memo.get(key, lambda: _select_frequent(FREQUENT_MIN_ZIPF))


def _select_frequent(min_zipf: float) -> frozenset[str]:
    tab = lexicon.table()
    floor = min_zipf * lexicon.scale()
    return frozenset(k for k, v in zip(tab.keys(), tab.values)
                     if v >= floor and len(k) >= MIN_LENGTH and k.isascii() and k.isalpha() and k.islower())


@lru_cache(maxsize=4096)
def _lookup(token: str) -> tuple[str, float] | None:
    m = _model()
    i = m.forms.index(_normalize(token))
    if i < 0:
        return None
    row = m.forms.value(i)
    return m.words.key(row), m.words.value(row) / 10.0


def back_transliterate(token: str) -> str | None:
    """The most frequent Russian word that romanizes to ``token``, or None.

    Covers the seven schemes used to build the model and the 150,000 most
    frequent Russian word forms in wordfreq; a romanization of a rarer word
    (or a spelling that mixes schemes) returns None.
    """
    hit = _lookup(token)
    return hit[0] if hit else None


def russian_zipf(token: str) -> float:
    """Zipf frequency (in Russian) of the word :func:`back_transliterate` finds, else 0.0."""
    hit = _lookup(token)
    return hit[1] if hit else 0.0


def is_accepted_loanword(token: str) -> bool:
    """True for a Russian loanword established in English ("perestroika", "dachas")."""
    t = _normalize(token)
    return (
        t in ACCEPTED_LOANWORDS
        or (t.endswith("s") and t[:-1] in ACCEPTED_LOANWORDS)
        or (t.endswith("es") and t[:-2] in ACCEPTED_LOANWORDS)
    )


def is_romanized_russian(token: str, threshold: float | None = None) -> bool:
    """True if ``token`` looks like a Russian word left in Latin letters.

    Rules, in order (each exists because the character model alone is not
    enough on real copy):

    * only runs of Latin letters of at least :data:`MIN_LENGTH` qualify;
    * an established loanword (:data:`ACCEPTED_LOANWORDS`, e.g. "oblast",
      "siloviki", "perestroika") or a word English uses with Zipf >=
      :data:`ENGLISH_MIN_ZIPF` is never flagged;
    * otherwise :func:`romanized_score` must reach ``threshold`` (default
      :data:`DEFAULT_THRESHOLD`), adjusted by what the word lists know:
      a token unknown to English that back-transliterates to a Russian word
      of Zipf >= :data:`KNOWN_RUSSIAN_MIN_ZIPF` needs
      :data:`KNOWN_RUSSIAN_BONUS` less; a token in the rare tail of the
      English lexicon needs :data:`RARE_ENGLISH_MARGIN` more, unless it is a
      romanization of a Russian word at least 1 Zipf more common in Russian.

    Any case is accepted; deciding whether a capitalised token is a name is
    left to the caller.
    """
    t = _normalize(token)
    if len(t) < MIN_LENGTH or not _is_latin_word(t):
        return False
    if (t in ACCEPTED_LOANWORDS or (t[-1] == "s" and t[:-1] in ACCEPTED_LOANWORDS)
            or (t.endswith("es") and t[:-2] in ACCEPTED_LOANWORDS)):
        return False  # is_accepted_loanword(t), on the normalized form
    en = lexicon.zipf(t)
    if en >= ENGLISH_MIN_ZIPF:
        return False
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    score = romanized_score(t)
    # The reverse index is consulted only when it can change the answer, so
    # most calls never pay for building it.
    if en == 0.0:
        if score >= limit:
            return True
        if score < limit - KNOWN_RUSSIAN_BONUS:
            return False
        return russian_zipf(t) >= KNOWN_RUSSIAN_MIN_ZIPF
    if score < limit:
        return False
    if score >= limit + RARE_ENGLISH_MARGIN:
        return True
    return russian_zipf(t) >= en + 1.0
