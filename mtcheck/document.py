"""The Document: everything checks need about one article, computed once.

Checks never re-split text themselves: they read ``doc.prose`` (the text with markup
blanked out, same length, so every offset is an offset into the original file), the
token and sentence spans, and the protected spans (URLs, e-mails, @handles, #hashtags)
that must never be reported as misspellings or names.
"""

from __future__ import annotations

import bisect
import re
from itertools import repeat
from typing import Any

from . import textscan
from .markup import Span, _new_span, prose_view
from .records import field, record

FORMATS = ("text", "markdown", "html")


class cached_property:  # noqa: N801 - a drop-in for functools.cached_property
    """``functools.cached_property`` without its lock: computed on first access, then
    stored in the instance ``__dict__``, which shadows this (non-data) descriptor.

    Why: on Python 3.11 the standard one takes an ``RLock`` around every first access,
    and a Document builds eight or so views per article, each on its first access, in
    a corpus run that is thousands of lock round trips for nothing.  A Document is
    not shared between threads while its views are built; if two threads did race, each
    would compute the same value from the same text.
    """

    def __init__(self, func: Any) -> None:
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.attrname = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value

_EXT_FORMAT = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def format_for_path(path: str) -> str:
    """Guess the article format from its file name (plain text by default)."""
    lower = path.lower()
    for ext, fmt in _EXT_FORMAT.items():
        if lower.endswith(ext):
            return fmt
    return "text"


# --- protected spans -------------------------------------------------------------
_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"')\]]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|ru|io|co|uk|gov|edu|info|me|tv|ly|be|gl)/[^\s<>\"')\]]*",
    re.IGNORECASE,
)
#: What every _URL match contains: "://" or "www." (first branch), "." + a listed domain
#: + "/" (second branch), under the same IGNORECASE.
_URL_HINT = re.compile(r"://|www\.|\.(?:com|org|net|ru|io|co|uk|gov|edu|info|me|tv|ly|be|gl)/", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
_HASHTAG = re.compile(r"(?<![\w&#])#[^\W\d_]\w*")

# --- tokens, sentences, headlines: the scans are in textscan.py (Python, the definition)
# and _textscan.c (the same in C) ------------------------------------------------------
_NEWLINE = re.compile(r"\r\n|\r|\n")
_LF = re.compile(r"\n")   # the only break in most texts: a literal search is much faster
_M_START, _M_END = re.Match.start, re.Match.end
_ABBREV = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt capt adm gov sen rep rev no vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e approx dept est fig".split()
)



@record
class Document:
    """One article: text plus derived views.  Build with :func:`Document.from_text`."""

    text: str
    path: str = "<text>"
    fmt: str = "text"
    prose: str = ""
    markup: list[Span] = field(default_factory=list)
    protected: list[Span] = field(default_factory=list)
    # Derived views that several rules of one check kind share (built once per article).
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", fmt: str | None = None) -> "Document":
        fmt = fmt or format_for_path(path)
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        prose, markup = prose_view(_lone_cr_as_lf(text), fmt)
        protected = _protected_spans(prose)
        return cls(text=text, path=path, fmt=fmt, prose=prose, markup=markup, protected=protected)

    # -- positions ------------------------------------------------------------------
    @cached_property
    def _line_breaks(self) -> list[re.Match[str]]:
        text = self.text
        return list((_NEWLINE if "\r" in text else _LF).finditer(text))

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *map(_M_END, self._line_breaks)]

    @cached_property
    def _line_ends(self) -> list[int]:
        """Where each line's text ends: at its line break (a line never ends in a
        break character, which would be a break of its own), or the end of the text."""
        ends = [*map(_M_START, self._line_breaks), len(self.text)]
        self.__dict__.pop("_line_breaks", None)   # both lists are built: the matches can go
        return ends

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count code points."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) of 1-based *line*, end excluding the newline characters."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        s, e = self.line_span(line)
        return self.text[s:e]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def lines(self) -> list[tuple[int, int, int]]:
        """Every line as (line number, start, end) over the prose view."""
        return list(zip(range(1, self.line_count + 1), self.line_starts, self._line_ends))

    # -- protected spans ----------------------------------------------------------------
    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s.start for s in self.protected]

    def is_protected(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a URL, e-mail, @handle or #hashtag."""
        i = bisect.bisect_right(self._protected_starts, end) - 1
        while i >= 0:
            s = self.protected[i]
            if s.end > start and s.start < end:
                return True
            if s.end <= start and i < len(self.protected) and s.start < start - 2000:
                break
            i -= 1
        return False

    # -- tokens and sentences ---------------------------------------------------------
    @cached_property
    def _token_table(self) -> tuple[list[int], list[int], list[str], list[str]]:
        """Starts, ends, texts and lower-cased texts of the word tokens, as parallel
        lists from one scan (textscan).  Tokens overlapping a protected span (URL,
        e-mail, handle, hashtag) are left out."""
        starts, ends, words, lows = textscan.SCAN.tokens(self.prose)
        if self.protected:
            drop: set[int] = set()
            for p in self.protected:   # tokens with end > p.start and start < p.end
                drop.update(range(bisect.bisect_right(ends, p.start), bisect.bisect_left(starts, p.end)))
            if drop:
                keep = [i for i in range(len(starts)) if i not in drop]
                starts = [starts[i] for i in keep]
                ends = [ends[i] for i in keep]
                words = [words[i] for i in keep]
                lows = [lows[i] for i in keep]
        return starts, ends, words, lows

    @property
    def token_starts(self) -> list[int]:
        return self._token_table[0]

    @property
    def token_ends(self) -> list[int]:
        return self._token_table[1]

    @property
    def token_words(self) -> list[str]:
        """The text of each token (same order as :attr:`tokens`)."""
        return self._token_table[2]

    @property
    def token_lows(self) -> list[str]:
        """Each token's text lower-cased (same order as :attr:`tokens`)."""
        return self._token_table[3]

    @cached_property
    def token_set(self) -> frozenset[str]:
        """The distinct token texts, built once per article for every check that asks
        (building a set of ~250 strings costs about as much as a regex pass over the
        article; MT104 and the name pre-check both want it).  Frozen: it is shared."""
        return frozenset(self._token_table[2])

    @cached_property
    def tokens(self) -> list[Span]:
        """Word tokens (letters, with inner hyphens/apostrophes) of the prose."""
        starts, ends = self._token_table[0], self._token_table[1]
        return list(map(_new_span, zip(starts, ends, repeat("word"))))

    @cached_property
    def sentence_bounds(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the sentences (see textscan.sentence_bounds)."""
        return textscan.SCAN.sentence_bounds(self.prose, self.line_starts, self._line_ends, _ABBREV)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans of the prose: split at terminal punctuation (not after an
        abbreviation or an initial) and at line ends."""
        starts, ends = self.sentence_bounds
        return list(map(_new_span, zip(starts, ends, repeat("sentence"))))

    @cached_property
    def initial_offsets(self) -> frozenset[int]:
        """Offsets of tokens whose capital letter says nothing: sentence starts, and the
        first word after an opening quote, a colon or a dash."""
        return textscan.SCAN.initial_offsets(self.prose, *self.sentence_bounds)

    @cached_property
    def headline_lines(self) -> frozenset[int]:
        """Lines written in headline/title case or all caps: their capitals are style
        (see textscan.headline_lines)."""
        return textscan.SCAN.headline_lines(self.prose, self.line_starts, self._line_ends)

    @cached_property
    def charrefs(self) -> Any:
        """The prose with letters written as HTML character references decoded (a
        ``charrefs.DecodedView``), or None: the script checks read Cyrillic written as
        "&#1063;" through it.  Without "&#" or a Cyrillic named reference ("&CHcy;") in a
        Markdown/HTML text it is None at the cost of a substring test (plain text is
        never decoded: there the reference is what the reader sees)."""
        if self.fmt == "text" or ("&#" not in self.text and "cy;" not in self.text):
            return None
        from .charrefs import decoded_view   # only for the few documents that need it
        return decoded_view(self)

    def word_count(self) -> int:
        return len(self.tokens)

    def release(self) -> None:
        """Drop the views only checks need (tokens, sentences, memo); reporters keep
        text and line positions.  A 1,000-article run holds every Document until the
        report is written, and the token views are most of their memory."""
        self.memo.clear()
        for name in ("_token_table", "token_set", "tokens", "sentence_bounds", "sentences",
                     "initial_offsets", "headline_lines", "charrefs"):
            self.__dict__.pop(name, None)


_LONE_CR = re.compile(r"\r(?!\n)")


def _lone_cr_as_lf(text: str) -> str:
    """*text* with each line break that is a lone CR (classic Mac files, or one stray in
    a CRLF file) written as LF: the same length, so offsets do not change.

    Why: rule patterns and the Markdown/HTML views anchor lines with ``^``/``$`` and
    ``[^\n]``, which know only LF (a CRLF's CR is trimmed from matches); in a CR-only file
    the whole article was one line to them, so line rules (READ MORE:, Tags:, datelines)
    never fired, while line numbers (``position``) did count CRs.  Only the analysed
    views change: ``text`` (what fixes edit and write back) keeps its CRs.
    """
    if "\r" not in text or text.count("\r") == text.count("\r\n"):
        return text
    return _LONE_CR.sub("\n", text)


def _protected_spans(prose: str) -> list[Span]:
    spans: list[Span] = []
    # Each pattern needs something most articles lack: skip the regex scan without it.
    # A URL needs "://", "www." or ".tld/" (_URL_HINT, same case rules as _URL); a slash
    # alone (a dateline's "MOSCOW, July 21. /", "and/or") is not enough.
    url = ("/" in prose or "ww" in prose.lower()) and _URL_HINT.search(prose) is not None
    for rx, kind, needed in ((_URL, "url", url), (_EMAIL, "email", "@" in prose),
                             (_HANDLE, "handle", "@" in prose), (_HASHTAG, "hashtag", "#" in prose)):
        if needed:
            spans.extend(Span(m.start(), m.end(), kind) for m in rx.finditer(prose))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans
