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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..document import Document
from ..findings import Finding

_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]+")


@dataclass
class _State:
    threshold: float | None
    min_length: int


def _name_forms(doc: Document) -> set[str]:
    """Words the article writes capitalized mid-sentence: names, by English convention."""
    out = set()
    initial = doc.initial_offsets
    heads = doc.headline_lines
    for t in doc.tokens:
        word = doc.prose[t.start:t.end]
        if word[:1].isupper() and t.start not in initial and doc.position(t.start)[0] not in heads:
            out.add(word.lower())
    return out


def _lower_forms(doc: Document) -> set[str]:
    """Words the article writes in lower case (so a capitalized copy is no name)."""
    return {w for t in doc.tokens if (w := doc.prose[t.start:t.end])[:1].islower()}


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
        from .. import romanized as model  # loads the n-gram model only when this rule runs

        out: list[Finding] = []
        names: set[str] | None = None
        lower: set[str] = set()
        for t in doc.tokens:
            token = doc.prose[t.start:t.end]
            # hyphenated compounds are judged part by part ("pro-dipvedomstvo")
            for m in _LATIN.finditer(token):
                word = m.group(0)
                if len(word) < state.min_length or word.isupper():
                    continue
                start = t.start + m.start()
                end = start + len(word)
                if ctx.gazetteer.is_name_word(word):
                    continue
                if names is None:
                    names, lower = _name_forms(doc), _lower_forms(doc)
                if word.lower() in names:
                    continue  # the article writes it as a name elsewhere
                if word[:1].isupper() and word.lower() not in lower:
                    continue  # capitalized and never written lower-case here: a name
                if not model.is_romanized_russian(word, state.threshold):
                    continue
                cyr = model.back_transliterate(word)
                gloss = f" ({cyr})" if cyr else ""
                out.append(rule.finding(start, end, doc.text[start:end], gloss=gloss,
                                        russian=cyr or "",
                                        data={"russian": cyr} if cyr else None))
        return out
