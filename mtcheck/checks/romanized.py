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
(in the prepared state) by token text: an article costs one set difference over its
distinct tokens, and the article-level name evidence is gathered only in the rare
article where some token is a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..findings import Finding

_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]+")
_MEMO_MAX = 1 << 19  # distinct clean tokens remembered per process
#: judge a capitalized token only in an article that writes it in lower case too
#: (a switch so that tests can compare with judging every token)
_DEFER = True


def _add(items: set[str], item: str) -> bool:
    items.add(item)
    return True


@dataclass
class _State:
    threshold: float | None
    min_length: int
    #: token text -> (offset in token, run) of each Latin run the model flags; tokens
    #: with no such run are in ``clean``.  Name evidence is applied per article.
    flagged: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    clean: set[str] = field(default_factory=set)
    #: tokens that are one capitalized Latin run ("Moscow"): judged only in an article
    #: that also writes them in lower case (see ``check``)
    caps: set[str] = field(default_factory=set)


def _judge(token: str, state: _State, model: Any) -> tuple[tuple[int, str], ...]:
    """Latin runs of *token* (hyphenated compounds part by part) the model flags."""
    out = []
    for m in _LATIN.finditer(token):
        word = m.group(0)
        if len(word) < state.min_length or word.isupper():
            continue
        if model.is_romanized_russian(word, state.threshold):
            out.append((m.start(), word))
    return tuple(out)


def _name_forms(doc: Document) -> set[str]:
    """Words the article writes capitalized mid-sentence: names, by English convention."""
    out = set()
    initial = doc.initial_offsets
    heads = doc.headline_lines
    for start, word in zip(doc.token_starts, doc.token_words):
        if word[:1].isupper() and start not in initial and doc.position(start)[0] not in heads:
            out.add(word.lower())
    return out


class Romanized:
    PARAMS = {
        "threshold": ((float, int), False),   # score threshold; default: the model's own
        "min_length": (int, False),           # shorter tokens are never flagged
    }

    def prepare(self, rule: Any, ctx: Any) -> _State:
        thr = rule.params.get("threshold")
        return _State(threshold=None if thr is None else float(thr),
                      min_length=int(rule.params.get("min_length", 5)))

    def check(self, doc: Document, rule: Any, state: _State, ctx: Any) -> list[Finding]:
        words = doc.token_words
        flagged, clean = state.flagged, state.clean
        distinct = set(words)
        new = distinct - clean
        new.difference_update(flagged)
        if new:
            from .. import romanized as model  # loads the n-gram model only when this rule runs
            if len(clean) > _MEMO_MAX:
                clean.clear()
                state.caps.clear()
            caps = state.caps
            for tok in new:
                # A token that is one capitalized Latin run has one candidate word, itself,
                # and the loop below drops it unless the article also writes it in lower
                # case.  So where it does not ("Moscow", most names), the model need not
                # judge it yet: it stays unjudged until an article where it can matter.
                if _DEFER and (tok in caps or (tok[:1].isupper() and _LATIN.fullmatch(tok) and _add(caps, tok))):
                    if tok.lower() not in distinct:
                        continue
                hits = _judge(tok, state, model)
                if hits:
                    flagged[tok] = hits
                else:
                    clean.add(tok)
        candidates = distinct.intersection(flagged)
        if not candidates:
            return []
        # The name evidence is about the word, not the occurrence: settle it once per
        # distinct token, cheapest test first (all are filters, so order is free).
        names: set[str] | None = None
        keep: dict[str, list[tuple[int, str]]] = {}
        for token in candidates:
            for offset, word in flagged[token]:
                low = word.lower()
                # capitalized and never written lower-case here: a name.  (``low`` starts
                # with a lower-case letter, so "some token equals it" is "the article
                # writes it in lower case".)
                if word[:1].isupper() and low not in distinct:
                    continue
                if ctx.gazetteer.is_name_word(word):
                    continue
                if names is None:
                    names = _name_forms(doc)
                if low in names:
                    continue  # the article writes it as a name elsewhere
                keep.setdefault(token, []).append((offset, word))
        if not keep:
            return []
        from .. import romanized as model

        out: list[Finding] = []
        for tstart, token in zip(doc.token_starts, words):
            hits = keep.get(token)
            if not hits:
                continue
            for offset, word in hits:
                start = tstart + offset
                end = start + len(word)
                cyr = model.back_transliterate(word)
                gloss = f" ({cyr})" if cyr else ""
                out.append(rule.finding(start, end, doc.text[start:end], gloss=gloss,
                                        russian=cyr or "",
                                        data={"russian": cyr} if cyr else None))
        return out
