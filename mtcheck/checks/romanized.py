"""The ``romanized`` kind: Russian words MT left in Latin letters ("stressed in dipvedomstva").

The judgement "does this token look like romanized Russian?" is
:func:`mtcheck.romanized.is_romanized_russian` (a character n-gram model with English
lexicon guards).  This kind adds what only the article can tell: whether a capitalized
token is a *name*.  Names are the name-variant rules' business, so a token is never
flagged when

* the gazetteer knows it (``ctx.gazetteer.is_name_word``),
* the article writes it capitalized mid-sentence (not after a quote or colon): English
  capitalizes names, not leftovers, or
* it is capitalized here and the article never writes it in lower case.  A capitalized
  unknown word at a sentence start is far more often a name ("Odintsovo city court")
  than a leftover; measured on clean news, judging those by the model alone was most
  of this rule's false positives.

All-capital tokens (acronyms, shouted headlines) are skipped, and protected spans (URLs,
handles, hashtags) never reach a check.  The remaining (lower-case) tokens are judged
by the model.

Speed: the model's verdict depends on the token alone, so it is memoized per process
(in the prepared state) by token text, and a token is judged at most once: an article
costs a few set operations over its distinct tokens (C-level), and only tokens never
seen before reach Python code.  Of those, frequent English words (most of them) are
settled by one more set intersection (``romanized.frequent_english``), so the lexicon
and the n-gram model see only the rest.  The article-level name evidence is gathered
only in the rare article where some token is a candidate.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document
from ..findings import Finding

_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]+")
_MEMO_MAX = 1 << 19  # distinct clean (or capitalized) tokens remembered per process
#: judge a capitalized token only in an article that writes it in lower case too
#: (a switch so that tests can compare with judging every token)
_DEFER = True
#: distinct tokens a process judges one by one before it loads the model's set of frequent
#: English words (~1.5 ms, see ``romanized.frequent_english``) and settles those in bulk;
#: a one-article run of news length never gets there (the 5 KB seed article judges 257).
#: At 1,000 a --jobs 2 worker judged ~600 more one by one: its share's MT104 time was
#: ~5 ms longer (median of 6 interleaved runs, 47.8 against 42.4 ms).  (A switch for
#: tests, too.)
_FREQUENT_AFTER = 400


class _State:
    """Per-process memo of the model's verdicts on tokens (a plain class: a
    ``@dataclass`` costs ~1 ms of every cold start)."""

    __slots__ = ("threshold", "min_length", "flagged", "clean", "caps", "pending", "waiting", "frequent")

    def __init__(self, threshold: float | None, min_length: int) -> None:
        self.threshold = threshold
        self.min_length = min_length
        #: token text -> (offset in token, run) of each Latin run the model flags; tokens
        #: with no such run are in ``clean``.  Name evidence is applied per article.
        self.flagged: dict[str, tuple[tuple[int, str], ...]] = {}
        self.clean: set[str] = set()
        #: every token seen that is one capitalized Latin run ("Moscow"): judged only in an
        #: article that also writes it in lower case (see ``check``)
        self.caps: set[str] = set()
        #: those of ``caps`` not judged yet -> their lower-case form, and the reverse
        self.waiting: dict[str, str] = {}
        self.pending: dict[str, list[str]] = {}
        #: words the model never flags (``romanized.frequent_english``), once loaded
        self.frequent: frozenset[str] | None = None


_MODEL: Any = None


def _model_module() -> Any:
    """``mtcheck.romanized``, imported when this rule first has a token to judge (not at
    import: a run without this rule never loads it), then kept: an ``import`` statement
    in ``check`` costs a few microseconds of import machinery per article."""
    global _MODEL
    if _MODEL is None:
        from .. import romanized
        _MODEL = romanized
    return _MODEL


def _judge(token: str, state: _State, model: Any) -> tuple[tuple[int, str], ...]:
    """Latin runs of *token* (hyphenated compounds part by part) the model flags."""
    frequent = state.frequent or ()
    if token.isascii() and token.isalpha():   # one run, the whole token (most tokens)
        if len(token) < state.min_length or token.isupper() or token.lower() in frequent:
            return ()
        return ((0, token),) if model.is_romanized_russian(token, state.threshold) else ()
    out = []
    for m in _LATIN.finditer(token):
        word = m.group(0)
        if len(word) < state.min_length or word.isupper():
            continue
        # (a run whose lower case is ASCII is ASCII: NFC leaves it alone, so this is the
        # model's own lookup key)
        if word.lower() not in frequent and model.is_romanized_russian(word, state.threshold):
            out.append((m.start(), word))
    return tuple(out)


def _occurrences(items: list[str], item: str) -> list[int]:
    """Indexes of *item* in *items*: C-level scans (``list.index``), one per occurrence,
    instead of a Python loop over every token."""
    out = []
    i = -1
    try:
        while True:
            i = items.index(item, i + 1)
            out.append(i)
    except ValueError:
        return out


def _written_as_name(doc: Document, low: str) -> bool:
    """True if the article writes *low* (a lower-cased word) capitalized mid-sentence:
    a name, by English convention (not after a sentence start, quote, colon or dash, and
    not in a headline line).  Only the occurrences of the word are looked at, so the
    sentence and headline analyses are needed only when one of them is capitalized."""
    words, starts = doc.token_words, doc.token_starts
    for i in _occurrences(doc.token_lows, low):
        if words[i][:1].isupper():
            start = starts[i]
            if start not in doc.initial_offsets and doc.position(start)[0] not in doc.headline_lines:
                return True
    return False


class Romanized:
    PARAMS = {
        "threshold": ((float, int), False),   # score threshold; default: the model's own
        "min_length": (int, False),           # shorter tokens are never flagged
    }
    #: message fields besides text and fix (see the Rule.finding call in check)
    FIELDS = frozenset({"gloss", "russian"})

    def prepare(self, rule: Any, ctx: Any) -> _State:
        thr = rule.params.get("threshold")
        return _State(threshold=None if thr is None else float(thr),
                      min_length=int(rule.params.get("min_length", 5)))

    def check(self, doc: Document, rule: Any, state: _State, ctx: Any) -> list[Finding]:
        words = doc.token_words
        flagged, clean, caps = state.flagged, state.clean, state.caps
        pending, waiting = state.pending, state.waiting
        if len(clean) > _MEMO_MAX or len(caps) > _MEMO_MAX:   # a memo: forgetting is safe
            clean.clear()
            caps.clear()
            pending.clear()
            waiting.clear()
        distinct = doc.token_set   # (shared with other checks: never changed here)
        # Tokens not judged yet, then of those the capitalized ones already waiting (see
        # below) and the ones never seen.  Each step is a C-level set operation that walks
        # the small left operand and probes the large, growing memo.
        rest = distinct - clean          # flagged, waiting or never seen (a token is never
        new = rest.difference(flagged)   # both clean and flagged)
        wake = None
        if new and caps:
            here = new & caps   # waiting tokens in this article (judged ones are in clean/flagged)
            if here:
                new -= here
                # Wake those that this article also writes in lower case (usually none).
                wake = distinct.intersection(map(waiting.__getitem__, here))
        if new or wake:
            model = _model_module()
            frequent = state.frequent
            if frequent is None and len(clean) >= _FREQUENT_AFTER:
                frequent = state.frequent = model.frequent_english()
            if frequent and new:
                known = new & frequent   # clean whatever the threshold: no model needed
                if known:
                    clean |= known
                    new -= known
            if wake:
                for low in wake:
                    still = []
                    for tok in pending.pop(low):
                        if tok in distinct:
                            del waiting[tok]
                            self._record(tok, state, model)
                        else:
                            still.append(tok)
                    if still:
                        pending[low] = still
            for tok in new:
                # A token that is one capitalized Latin run has one candidate word, itself,
                # and the loop below drops it unless the article also writes it in lower
                # case.  So where it does not ("Moscow", most names), the model need not
                # judge it yet: it waits in ``pending`` until an article where it can matter.
                if _DEFER and tok[:1].isupper() and _LATIN.fullmatch(tok):
                    caps.add(tok)
                    low = tok.lower()
                    if low not in distinct:
                        pending.setdefault(low, []).append(tok)
                        waiting[tok] = low
                        continue
                self._record(tok, state, model)
        candidates = flagged.keys() & rest   # walks the smaller: rest, a dozen tokens
        if not candidates:
            return []
        # The name evidence is about the word, not the occurrence: settle it once per
        # distinct token, cheapest test first (all are filters, so order is free).
        keep: dict[str, list[tuple[int, str]]] = {}
        for token in candidates:
            for offset, word in flagged[token]:
                low = word.lower()
                # capitalized and never written lower-case here: a name.  (``low`` starts
                # with a lower-case letter, so "some token equals it" is "the article
                # writes it in lower case".)
                if word[:1].isupper() and low not in distinct:
                    continue
                if _written_as_name(doc, low):
                    continue  # the article writes it as a name elsewhere
                if ctx.gazetteer.is_name_word(word):
                    continue
                keep.setdefault(token, []).append((offset, word))
        if not keep:
            return []
        model = _model_module()
        out: list[Finding] = []
        starts = doc.token_starts
        at = sorted(i for token in keep for i in _occurrences(words, token))
        for i in at:   # in text order, as a walk over all tokens would meet them
            tstart = starts[i]
            for offset, word in keep[words[i]]:
                start = tstart + offset
                end = start + len(word)
                cyr = model.back_transliterate(word)
                gloss = f" ({cyr})" if cyr else ""
                out.append(rule.finding(start, end, doc.text[start:end], gloss=gloss,
                                        russian=cyr or "",
                                        data={"russian": cyr} if cyr else None))
        return out

    @staticmethod
    def _record(tok: str, state: _State, model: Any) -> None:
        hits = _judge(tok, state, model)
        if hits:
            state.flagged[tok] = hits
        else:
            state.clean.add(tok)
