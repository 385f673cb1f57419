"""Name mentions: runs of capitalized words in a Document, plus known names in lower case.

A mention is "Dmitry Peskov", "Kim Jong-un", "Mohammed bin Salman", "J. R. Smith":
capitalized words joined by single spaces, initials and name particles.  A capital
at the start of a sentence or on a headline line says nothing, so such a word counts
only when it is not an ordinary English word, is a known name, or is written with a
capital in the middle of a sentence elsewhere in the same story.  Words inside
protected spans (URLs, @handles, #hashtags) are never mentions: Document.tokens
already leaves them out.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from operator import itemgetter
from typing import Any

from ..document import Document

#: Lower-case words that may sit inside a name ("Ursula von der Leyen").
PARTICLES = frozenset(
    "bin ibn bint al el de da di del della der den des du la le van von ter dos das y".split())
#: A capitalized word this common in English is a name only if the gazetteer says so.
COMMON_ZIPF = 4.0
#: The shortest name word the names analysis compares (plan.words_to_compare), and the shortest
#: given name (compared only before the same surname).
MIN_WORD_LEN = 4
MIN_GIVEN_LEN = 3
#: An uninformative capital (sentence start, headline) counts if the word is rarer than this.
RARE_ZIPF = 3.0
#: What may separate two words of one name: one or two spaces or tabs, or a full stop
#: followed by up to two (after an initial).  A set, not a regex: it is asked per token.
_GAPS = frozenset(p + s for p in ("", ".")
                  for s in ("", " ", "\t", "  ", " \t", "\t ", "\t\t")) - {""}


try:
    from _collections import _tuplegetter   # what collections.namedtuple's fields use
except ImportError:  # pragma: no cover - a Python without it
    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


class Record(tuple):
    """A tuple with named fields, for the names analysis's small immutable records.

    Why not typing.NamedTuple: defining one costs ~0.15 ms (it generates and compiles
    code), and the analysis has five, all defined on the first check of a cold run;
    a subclass of this costs a tenth of that.  Subclasses list ``_fields``, one
    ``_tuplegetter`` per field and a ``__new__``; equality, hashing, unpacking and
    pickling are the tuple's (``__getnewargs__`` lets pickle call that ``__new__``).
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __getnewargs__(self) -> tuple:
        return tuple(self)

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={v!r}" for f, v in zip(self._fields, self))
        return f"{type(self).__name__}({inner})"


class Word(Record):
    """One word of a mention: span in the document and its text (possessive removed)."""

    __slots__ = ()
    _fields = ("start", "end", "text", "informative")
    start = _tuplegetter(0, "offset in the document")
    end = _tuplegetter(1, "end offset")
    text = _tuplegetter(2, "the word")
    informative = _tuplegetter(3, "capital in the middle of a sentence (not sentence-initial/headline)")

    def __new__(cls, start: int, end: int, text: str, informative: bool) -> "Word":
        return tuple.__new__(cls, (start, end, text, informative))


#: Word(start, end, text, informative) without a Python-level __new__
_new_word = partial(tuple.__new__, Word)


class Mention:
    """A run of name words.  A plain class with slots, not a dataclass: one is built per
    name in every story, and defining a dataclass costs ~0.3 ms of a cold start."""

    __slots__ = ("start", "end", "words")

    def __init__(self, start: int, end: int, words: list[Word] | None = None) -> None:
        self.start = start
        self.end = end
        self.words: list[Word] = [] if words is None else words

    def __repr__(self) -> str:
        return f"Mention({self.start}, {self.end}, {self.words!r})"

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def surname(self) -> Word:
        return self.words[-1]


def _is_cap(word: str) -> bool:
    """Capitalized, not all capitals ("Peskov" yes; "UN", "MOSCOW", "A" no)."""
    return word[:1].isupper() and not word.isupper()


#: lexicon.zipf once imported (on first use: importing this module stays free of the
#: lexicon).  Kept here because a function-level ``from ..lexicon import zipf`` runs the
#: import machinery on every call (~1.8 us), and word_zipf is called for each name word
#: new to the process (~3 a story).
_ZIPF = None


def _load_zipf():
    global _ZIPF
    from ..lexicon import zipf
    _ZIPF = zipf
    return zipf


@lru_cache(maxsize=1 << 15)
def word_zipf(word: str) -> float:
    """lexicon.zipf, memoized: the names analysis asks about the same capitalized words
    in story after story."""
    return (_ZIPF or _load_zipf())(word)


@lru_cache(maxsize=1 << 15)
def _pieces(text: str) -> tuple[tuple[int, int, str, bool, str], ...]:
    """A token split at hyphens, possessive ending dropped ("Jong-un", "Peskov's"), as
    (start, end, piece, capitalized, lower-cased piece) relative to the token; memoized,
    as names recur across stories."""
    if text and "-" not in text and "'" not in text and "’" not in text:   # most tokens: one piece
        return ((0, len(text), text, _is_cap(text), text.lower()),)
    if len(text) > 2 and text[-1] == "s" and text[-2] in "'’":
        text = text[:-2]
    elif len(text) > 1 and text[-1] in "'’":
        text = text[:-1]
    out, pos = [], 0
    for piece in text.split("-"):
        if piece:
            out.append((pos, pos + len(piece), piece, _is_cap(piece), piece.lower()))
        pos += len(piece) + 1
    return tuple(out)


#: One syllable of a romanized Korean or Chinese name (Revised Romanization,
#: McCune-Reischauer, pinyin, Wade-Giles): an optional initial, one to three vowel
#: letters (w/y as glides), an optional final.  "Jae", "in", "Geun", "hye", "Kai",
#: "shek", "Suk", "yeol"; not "Kremlin", "based", "war", "stop".
#: Compiled on first use (a hyphenated capitalized token), not at import: most
#: one-article runs never need it.
_SYLLABLE_PATTERN = r"(?:ch|sh|hs|ts|tz|wh|ph|th|kh|kk|tt|pp|ss|jj|[bcdfghjklmnprstwyz])?[aeiouwy]{1,3}(?:ng|[nmklpthr])?"
_SYLLABLE: Any = None


@lru_cache(maxsize=1 << 12)
def east_asian_given(token: str) -> bool:
    """Whether *token* is shaped like a hyphenated East Asian given name: "Jae-in",
    "Geun-hye", "Ki-moon", "Yat-sen", "Suk-yeol".

    Why: the second syllable is often an English function word ("in", "un") and the
    surname before it often an English word too ("Moon", "Park", "Sun"), so neither
    passes as a name on its own.  The first syllable must be capitalized and rare as an
    English word (zipf below COMMON_ZIPF), which keeps out "Sit-in", "Run-up", "Tie-in",
    "Hip-hop", whose first halves are common words.
    """
    first, sep, second = token.partition("-")
    if not sep or "-" in second or not (1 < len(first) <= 6 and 1 < len(second) <= 6):
        return False
    if not (first[:1].isupper() and first[1:].islower() and (second.islower() or second[1:].islower())):
        return False
    global _SYLLABLE
    if _SYLLABLE is None:
        _SYLLABLE = re.compile(_SYLLABLE_PATTERN, re.IGNORECASE)
    if not (_SYLLABLE.fullmatch(first) and _SYLLABLE.fullmatch(second)):
        return False
    a, b = first.lower(), second.lower()
    if a[1:] == b[1:] or a.strip("aeiouy") == b.strip("aeiouy") or _skeleton(a) == _skeleton(b):
        return False   # English reduplication: "Boo-hoo", "Ping-pong", "Tik-tok", "Chit-chat"
    return word_zipf(first) < COMMON_ZIPF


def _skeleton(word: str) -> str:
    """The consonants of *word* ("ping" -> "png"): equal for "ping" and "pong"."""
    return "".join(c for c in word if c not in "aeiouy")


#: The surname before a hyphenated East Asian given name may be a common English word
#: ("Moon", "Park", "Sun"), but not a function word ("The Run-up").
_SURNAME_MAX_ZIPF = 6.0


def _gap(doc: Document, a: int, b: int) -> str:
    """What separates two words at prose[a:b], with inline markup read as one space.

    Why: the prose view blanks markup to spaces, so 'Kim **Jong-un**', 'Moon <b>Jae-in</b>'
    and 'Kim&nbsp;Jong-un' had three to six blanks between the words, more than _GAPS
    allows: the surname fell away and 'Jong Un' became a person of its own.  A gap that
    is only spaces and tabs in the prose but holds markup in the text is one space (a
    block tag puts a line break in the prose view, which still ends the name)."""
    gap = doc.prose[a:b]
    if len(gap) > 2 and not gap.strip(" \t") and doc.text[a:b] != gap:
        return " "
    return gap


def extract_mentions(doc: Document, index: Any = None) -> list[Mention]:
    """All name mentions of *doc*, in text order.

    *index* is the gazetteer's NameIndex (names/index.py); without one only the shape of
    the words counts.  One pass over the tokens keeps the few that can be part of a name:
    most tokens are plain lower-case words, which end any name in progress and are
    skipped (skipping them changes nothing below: the gap before the next kept token then
    holds letters, which already ends a name).
    """
    if index is None:
        from .index import EMPTY as index
    maybe = index.maybe_name
    words = doc.token_words
    kept = [i for i, t in enumerate(words) if not t.islower() or t in maybe or not t.isalpha()]
    if not kept:
        return []
    zipf = word_zipf
    prose = doc.prose
    starts = doc.token_starts
    known = index.name_words
    lowered_known = index.lower_words
    initial = doc.initial_offsets
    headlines = doc.headline_lines

    # Words written with a capital mid-sentence somewhere in the story, and anywhere.
    informative_caps: set[str] = set()
    doc_capitals: set[str] = set()
    toks = []
    asian: list[int] = []   # indexes in toks of hyphenated East Asian given names ("Jae-in")
    for i in kept:
        t = words[i]
        start = starts[i]
        pieces = _pieces(t)
        info = start not in initial and not (headlines and doc.position(start)[0] in headlines)
        if len(pieces) == 2 and east_asian_given(t):
            asian.append(len(toks))
        toks.append((start, start + len(t), pieces, info))
        for piece in pieces:
            if piece[3]:
                doc_capitals.add(piece[4])
                if info:
                    informative_caps.add(piece[4])
    forced: set[int] = set()   # token starts that are names whatever the lexicon says
    for k in asian:
        forced.add(toks[k][0])
        if k:   # the surname right before it: "Moon Jae-in", "Sun Yat-sen"
            ps, pe, ppieces, _ = toks[k - 1]
            if (len(ppieces) == 1 and ppieces[0][3] and pe - ps <= 6 and _gap(doc, pe, toks[k][0]) == " "
                    and zipf(ppieces[0][2]) < _SURNAME_MAX_ZIPF):
                forced.add(ps)

    new_word = _new_word
    mentions: list[Mention] = []   # those with a word longer than one letter, in order
    current: Mention | None = None
    real = False                   # current has a word longer than one letter ("J." has not)
    pending: list[Word] = []       # particles waiting for a capitalized word
    last_end = -1
    for start, end, pieces, info in toks:
        if current is not None:
            gap = prose[last_end:start]
            if gap not in _GAPS:   # (markup between the words: see _gap)
                gap = _gap(doc, last_end, start)
            # only an initial ("J. Smith") may end with a full stop
            if gap not in _GAPS or (gap.startswith(".") and not _is_initial(current)):
                current, pending = None, []
        strong = start in forced if forced else False
        for s, e, text, cap, low in pieces:
            if strong:
                is_name = True
            elif cap:
                is_name = (info or text in known or zipf(text) < RARE_ZIPF or low in informative_caps)
            else:
                # a known name in lower case ("Boris yeltsin"), when the story also
                # capitalizes it; or right after a capitalized name ("Donald trump")
                is_name = ((text.islower() and text in lowered_known and text in doc_capitals)
                           or (current is not None and not pending and text.islower()
                               and f"{current.words[-1].text.lower()} {text}" in index.lower_pairs)
                           or (len(text) == 1 and text.isupper()))
            if is_name:
                word = new_word((start + s, start + e, text, info))
                if current is None:
                    current = Mention(start + s, start + e, [])
                    real = False
                if pending:
                    current.words.extend(pending)
                    pending = []
                current.words.append(word)
                current.end = start + e
                if not real and len(text) > 1:
                    real = True
                    mentions.append(current)
            elif current is not None and low in PARTICLES:
                pending.append(new_word((start + s, start + e, text, info)))
            else:
                current, pending = None, []
        last_end = end
    return mentions


def _is_initial(m: Mention) -> bool:
    last = m.words[-1].text
    return len(last) == 1 and last.isupper()
