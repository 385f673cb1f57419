"""The fluency score: 0-100 per article and per sentence (or per line), higher = more fluent.

Why a number at all: an editor asks "can this story go out?" before "what exactly is
wrong?".  The score answers the first question from the same evidence the linter shows
for the second, so every point lost can be traced to a finding or to a counted token.

How it is computed (the README section "How the score is computed" says the same):

* Every component is a *rate per 100 words* (findings of one category, weighted by
  severity; out-of-vocabulary words; romanized Russian leftovers; doubled words...).
  Rates make the score independent of article length: a 2,000-word story with ten
  casing slips scores like a 200-word story with one.  Short segments divide by at
  least ``MIN_WORDS`` words, so one slip in a six-word line is not a catastrophe.
* ``penalty = min(weight * rate, cap)``; ``score = max(0, 100 - sum(penalties))``.
  Linear and capped, so an editor can add the numbers up by hand.
* Findings are grouped by *category*, not by rule: checks that colleagues add later
  (garbled syntax MT7xx, LanguageTool MT8xx, names MT6xx, source MT9xx) feed the score
  as soon as their rules load, with the weight of their category.
* Lexical signals skip tokens a finding already covers (no double counting) and
  capitalised tokens (names are not vocabulary errors).

Deterministic: no randomness, no network, no clock.  The weights were set on the dev
data described in bench/mqm_eval.py and README; they are data, listed in ``WEIGHTS``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import regex

from .document import Document, Span
from .findings import CATEGORIES, Finding

#: Severity multipliers: an error counts fully, a warning half, an info note a little.
SEVERITY_FACTOR = {"error": 1.0, "warning": 0.5, "info": 0.15}

#: Rates are per 100 words, but never over fewer than this many words, so that a
#: single slip in a one-line segment costs a bounded number of points: one casing
#: warning in a sentence costs 20 × 0.5 × 100/50 = 10 points, one Cyrillic error 40.
MIN_WORDS = 50

#: Sentences longer than this (in words) read as run-ons in news copy.  Clean news in
#: the dev set has almost none; garbled MT glues clauses into 60-word sentences.
LONG_SENTENCE = 50


@dataclass(frozen=True)
class Weight:
    """How one component turns its rate into lost points, and why it exists."""

    weight: float
    cap: float
    why: str


#: Points lost per unit of rate (per 100 words), and the most a component may take.
WEIGHTS: dict[str, Weight] = {
    "untranslated": Weight(20.0, 50.0, "Cyrillic or romanized Russian left in the copy: the reader cannot read it."),
    "boilerplate": Weight(10.0, 30.0, "scraped 'READ MORE', embeds, teasers: not part of the story."),
    "garbled": Weight(20.0, 50.0, "word-for-word syntax the reader has to untangle."),
    "name-variant": Weight(20.0, 40.0, "one person spelled several ways: readers think there are two."),
    "casing": Weight(20.0, 40.0, "wrong capitals on names and institutions."),
    "grammar": Weight(12.0, 35.0, "LanguageTool grammar matches (when LanguageTool runs)."),
    "spelling": Weight(10.0, 30.0, "LanguageTool spelling matches (when LanguageTool runs)."),
    "punctuation": Weight(4.0, 15.0, "Russian-style quotes and dashes, unbalanced quotes."),
    "consistency": Weight(3.0, 10.0, "mixed conventions within one article."),
    "source-mismatch": Weight(15.0, 40.0, "numbers, names or quotes of the source missing (with --source)."),
    "oov": Weight(4.0, 20.0, "lower-case words no English dictionary knows (rate per 100 words)."),
    "romanized": Weight(20.0, 40.0, "lower-case words that look like transliterated Russian (not yet flagged by a rule)."),
    "repeated-word": Weight(6.0, 20.0, "the same word twice in a row ('the the')."),
    "long-sentence": Weight(0.15, 10.0, f"share (%) of words in sentences over {LONG_SENTENCE} words: run-on clauses."),
    "untranslated-share": Weight(1.0, 100.0, "share (%) of words inside untranslated findings: a story half in Russian "
                                             "is unusable however few findings that makes."),
}

#: Word doublings that are correct English ("had had", "that that").
_OK_DOUBLES = frozenset({"had", "that", "is", "do", "bye", "very", "no", "so", "ha", "knock", "far", "now", "again"})
_LATIN = regex.compile(r"^[\p{Latin}'’-]+$")
_WORD_PARTS = regex.compile(r"[-'’]")  # compiled once: split per token was a hot spot


@dataclass
class Component:
    """One line of the score's explanation: the measured rate and what it cost."""

    name: str
    value: float      # rate per 100 words (or % of words for long-sentence)
    count: float      # what was counted (severity-weighted for finding categories)
    weight: float
    cap: float
    penalty: float    # points subtracted from 100


@dataclass
class SegmentScore:
    """Score of one sentence (article mode) or one line (segment mode)."""

    index: int
    line: int
    start: int
    end: int
    words: int
    score: float
    components: dict[str, Component] = field(default_factory=dict)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "start": self.start, "end": self.end,
                               "words": self.words, "score": self.score,
                               "components": _components_dict(self.components)}
        if text is not None:
            out["text"] = text[self.start:self.end]
        return out


@dataclass
class ScoreResult:
    """The article score, its components, and one score per sentence or line."""

    score: float
    words: int
    components: dict[str, Component]
    segments: list[SegmentScore]
    mode: str                       # "sentences" or "lines"
    findings: list[Finding] = field(default_factory=list)
    doc: Document | None = None

    @property
    def sentences(self) -> list[SegmentScore]:
        return self.segments

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        text = self.doc.text if (with_text and self.doc is not None) else None
        return {"score": self.score, "words": self.words, "mode": self.mode,
                "components": _components_dict(self.components),
                "segments": [s.to_dict(text) for s in self.segments]}


def _components_dict(components: dict[str, Component]) -> dict[str, dict[str, float]]:
    """The JSON form.  Segments with the same counts share one components dict (see
    :func:`_components`), so its JSON form is built once and shared too."""
    key = id(components)
    hit = _DICT_MEMO.get(key)
    if hit is not None and hit[0] is components:
        return hit[1]
    out = {k: {"value": c.value, "count": c.count, "weight": c.weight, "cap": c.cap, "penalty": c.penalty}
           for k, c in components.items()}
    if len(_DICT_MEMO) > 4096:
        _DICT_MEMO.clear()
    _DICT_MEMO[key] = (components, out)   # holding the object keeps its id from being reused
    return out


_DICT_MEMO: dict[int, tuple[dict, dict]] = {}


# ---------------------------------------------------------------------------------
@dataclass
class _Counts:
    """Raw counts over one span; turned into components by :func:`_components`."""

    words: int = 0
    by_category: dict[str, float] = field(default_factory=dict)
    oov: int = 0
    romanized: int = 0
    repeated: int = 0
    long_words: int = 0     # words in over-long sentences
    unreadable: int = 0     # words inside untranslated findings (Cyrillic runs…)

    def add(self, other: "_Counts") -> None:
        self.words += other.words
        for k, v in other.by_category.items():
            self.by_category[k] = self.by_category.get(k, 0.0) + v
        self.oov += other.oov
        self.romanized += other.romanized
        self.repeated += other.repeated
        self.long_words += other.long_words
        self.unreadable += other.unreadable


def _romanized_test():
    """The romanized-Russian detector if that module is installed, else None."""
    try:
        from .romanized import is_romanized_russian
    except Exception:  # module missing or its data not built: the component reads 0
        return None
    return is_romanized_russian


def _count_span(doc: Document, tokens: list[Span], findings: Iterable[Finding],
                covered: list[tuple[int, int]], untranslated: list[tuple[int, int]]) -> _Counts:
    """Count every signal over one span: its tokens and the findings that start in it."""
    c = _Counts(words=len(tokens))
    for f in findings:
        c.by_category[f.category] = c.by_category.get(f.category, 0.0) + SEVERITY_FACTOR.get(f.severity.value, 0.5)
    if untranslated:
        c.unreadable = sum(1 for t in tokens if _is_covered(t, untranslated))
    prev, prev_end = "", 0
    prose = doc.prose
    classes = _WORD_CLASS
    for t in tokens:
        word = prose[t.start:t.end]
        low = word.lower()
        if (prev and low == prev and low not in _OK_DOUBLES and not prose[prev_end:t.start].strip()
                and not (covered and _is_covered(t, covered))):
            c.repeated += 1  # only when nothing but space separates them ("in 2008 in" is fine)
        prev, prev_end = low, t.end
        if not word.islower():
            continue
        kind = classes.get(word)
        if kind is None:
            kind = _word_class(word, low)
        if kind and not (covered and _is_covered(t, covered)):
            if kind == 1:
                c.romanized += 1
            else:
                c.oov += 1
    if len(tokens) > LONG_SENTENCE:
        c.long_words = len(tokens)
    return c


#: Lexical class of a lower-case token, per process: 0 ordinary (or not a Latin word),
#: 1 romanized Russian, 2 unknown to the lexicon.  A corpus repeats most of its words,
#: and each answer costs a model and a lexicon lookup the first time.
_WORD_CLASS: dict[str, int] = {}


def _word_class(word: str, low: str) -> int:
    from . import lexicon

    if not _LATIN.match(word):
        kind = 0
    else:
        is_rom = _romanized_test()
        if is_rom is not None and is_rom(low):
            kind = 1
        elif all(lexicon.zipf(p) == 0.0 for p in _WORD_PARTS.split(low) if p):
            kind = 2
        else:
            kind = 0
    if len(_WORD_CLASS) > 200_000:  # bound the memo on endless inputs
        _WORD_CLASS.clear()
    _WORD_CLASS[word] = kind
    return kind


def _is_covered(t: Span, covered: list[tuple[int, int]]) -> bool:
    return any(s < t.end and t.start < e for s, e in covered)


def _components(c: _Counts) -> dict[str, Component]:
    """Components of one set of counts.  Most sentences have identical counts (so many
    words, nothing found): they share one result, which callers must not mutate."""
    key = (c.words, tuple(sorted(c.by_category.items())), c.oov, c.romanized, c.repeated,
           c.long_words, c.unreadable)
    hit = _COMPONENTS_MEMO.get(key)
    if hit is None:
        if len(_COMPONENTS_MEMO) > 4096:
            _COMPONENTS_MEMO.clear()
        hit = _COMPONENTS_MEMO[key] = _compute_components(c)
    return hit


_COMPONENTS_MEMO: dict[tuple, dict[str, Component]] = {}


def _compute_components(c: _Counts) -> dict[str, Component]:
    denom = max(c.words, MIN_WORDS)
    out: dict[str, Component] = {}

    def put(name: str, count: float, value: float) -> None:
        w = WEIGHTS.get(name, Weight(3.0, 25.0, "a category without its own weight"))
        out[name] = Component(name, round(value, 3), round(count, 3), w.weight, w.cap,
                              round(min(w.weight * value, w.cap), 3))

    for cat in CATEGORIES:
        n = c.by_category.get(cat, 0.0)
        put(cat, n, 100.0 * n / denom)
    for cat, n in sorted(c.by_category.items()):
        if cat not in out:  # a category added after this module was written
            put(cat, n, 100.0 * n / denom)
    put("oov", c.oov, 100.0 * c.oov / denom)
    put("romanized", c.romanized, 100.0 * c.romanized / denom)
    put("repeated-word", c.repeated, 100.0 * c.repeated / denom)
    put("long-sentence", c.long_words, 100.0 * c.long_words / max(c.words, 1))
    put("untranslated-share", c.unreadable, 100.0 * c.unreadable / max(c.words, 1))
    return out


def _total(components: dict[str, Component]) -> float:
    return round(max(0.0, 100.0 - sum(c.penalty for c in components.values())), 1)


def score_document(doc: Document, findings: list[Finding], lines: bool = False) -> ScoreResult:
    """Score a Document from its findings: per sentence (or per line) and overall.

    The article score is computed from counts summed over the whole article (rates
    over all its words), not as a mean of sentence scores: one terrible sentence in a
    long clean story should cost it little, and it does.
    """
    if lines:
        spans = [Span(s, e, "line") for _, s, e in doc.lines() if doc.prose[s:e].strip()]
    else:
        spans = list(doc.sentences)
    overlap = _overlaps(spans, findings)
    tokens = doc.tokens
    ti = 0
    fs = sorted(findings, key=lambda f: f.start)
    fi = 0
    total = _Counts()
    segments: list[SegmentScore] = []
    inside: set[int] = set()
    for i, sp in enumerate(spans):
        while ti < len(tokens) and tokens[ti].start < sp.start:
            ti += 1
        tj = ti
        while tj < len(tokens) and tokens[tj].end <= sp.end:
            tj += 1
        while fi < len(fs) and fs[fi].start < sp.start:
            fi += 1  # findings between segments (blank lines) are counted below
        fj = fi
        while fj < len(fs) and fs[fj].start < sp.end:
            fj += 1
        inside.update(id(f) for f in fs[fi:fj])
        local_cov = [(f.start, f.end) for f in overlap[i]]
        local_untr = [(f.start, f.end) for f in overlap[i] if f.category == "untranslated"]
        counts = _count_span(doc, tokens[ti:tj], fs[fi:fj], local_cov, local_untr)
        comps = _components(counts)
        segments.append(SegmentScore(i, doc.position(sp.start)[0], sp.start, sp.end, counts.words,
                                     _total(comps), comps))
        total.add(counts)
        ti, fi = tj, fj
    # Findings outside every segment (e.g. on whitespace-only spans) still count.
    for f in fs:
        if id(f) not in inside:
            total.by_category[f.category] = total.by_category.get(f.category, 0.0) + SEVERITY_FACTOR.get(f.severity.value, 0.5)
    if not lines:
        total.long_words = sum(s.words for s in segments if s.words > LONG_SENTENCE)
    comps = _components(total)
    return ScoreResult(_total(comps), total.words, comps, segments, "lines" if lines else "sentences",
                       list(findings), doc)


def _overlaps(spans: list[Span], findings: list[Finding]) -> list[list[Finding]]:
    """For each span, the findings overlapping it (a finding may cover several sentences).

    Spans are sorted and disjoint, so each finding visits only the spans it touches:
    linear in the size of the input, which matters on 5 MB files."""
    starts = [sp.start for sp in spans]
    out: list[list[Finding]] = [[] for _ in spans]
    for f in findings:
        i = max(bisect.bisect_right(starts, f.start) - 1, 0)
        while i < len(spans) and spans[i].start < max(f.end, f.start + 1):
            if spans[i].end > f.start:
                out[i].append(f)
            i += 1
    return out


def score_text(text: str, path: str = "<text>", fmt: str | None = None, *, lines: bool = False,
               linter: Any = None, config: Any = None, findings: list[Finding] | None = None) -> ScoreResult:
    """Lint ``text`` with the built-in rules (or ``linter``) and score it.

    Pass ``findings`` to score without linting again (``mtcheck lint --score`` does),
    and a shared ``linter`` when scoring many texts (loading rules is the slow part).
    """
    doc = Document.from_text(text, path, fmt)
    if findings is None:
        linter = linter or (_default_linter() if config is None else _new_linter(config))
        findings = linter.lint_document(doc, linter.rules_for(config or linter.config, path))
    return score_document(doc, findings, lines=lines)


def _new_linter(config: Any):
    from .api import Linter
    return Linter(config)


@lru_cache(maxsize=1)
def _default_linter():
    """The built-in rules, loaded once: callers scoring many texts (the HTML report,
    benchmarks) should not pay for YAML loading per text."""
    return _new_linter(None)


__all__ = ["score_text", "score_document", "ScoreResult", "SegmentScore", "Component", "WEIGHTS",
           "SEVERITY_FACTOR", "MIN_WORDS", "LONG_SENTENCE"]
