"""The ``syntax`` kind: word-class patterns that betray word-for-word translation from Russian.

Plain regular expressions (kind ``existence``) carry the fixed phrases -- calques,
country names without "the".  What needs to know a word's class lives here: a rule
names a *detector* and gives it its word lists as YAML data, and the detector walks
the sentence's tokens asking :mod:`mtcheck.wordclass` what each word can be.

Detectors are deliberately conservative: they fire only when every word involved can
*only* be what the pattern needs (e.g. "arrested" is never a noun or adjective), because
a false alarm on clean copy costs an editor more than a missed garble.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import compress
from operator import and_, eq, or_
from typing import Any, Callable, Iterable, Iterator

from ..document import Document
from ..findings import Finding
from .. import wordclass as wc

_SPACE_GAP = re.compile(r"\s+")


@dataclass
class _State:
    detector: Callable[..., Iterator[tuple[int, int, dict, int]]]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    window: int = 6


_QUOTE = re.compile(r"[\"“”«»]")
_INNER_PUNCT = re.compile(r"[,;:\"“”«»()–—]")
_END_PUNCT = re.compile(r"[,;:\"“”«»]")
_CLAUSE_PUNCT = re.compile(r"[,;:–—(]")
_DIGIT = re.compile(r"\d")
_ENDS_PHRASE = re.compile(r"\s*[,.;:!?)]")
_CLOSERS = re.compile(r"[\s\"”’»]*")


class _View:
    """The document's tokens as the detectors see them: parallel lists over all tokens
    (``starts``, ``ends``, ``text``, ``low``) and each sentence as a token index range.

    Built once per document and shared by every syntax rule.  Detectors start from
    *anchor* tokens (the few whose word the pattern needs, found by one C-level
    membership map) instead of stepping through every token in Python; the text
    between two tokens of a sentence (its "gap", to see commas and dashes) is sliced
    only for the tokens a detector actually looks at.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.prose = doc.prose
        self.starts, self.ends = doc.token_starts, doc.token_ends
        self.text, self.low = doc.token_words, doc.token_lows
        self.first: list[int] = []        # per sentence: first token index
        self.stop: list[int] = []         # per sentence: one past the last token index
        self.bounds: list[tuple[int, int]] = []   # per sentence: (start, end) offsets
        for sent in doc.sentences:
            i0 = bisect_left(self.starts, sent.start)
            i1 = max(i0, bisect_right(self.ends, sent.end))
            if i1 > i0:
                self.first.append(i0)
                self.stop.append(i1)
                self.bounds.append((sent.start, sent.end))
        self._heads: dict[int, bool] = {}
        n = len(self.low)
        self.sent_of = [-1] * n          # per token: its sentence index, -1 outside any
        for si, (i0, i1) in enumerate(zip(self.first, self.stop)):
            self.sent_of[i0:i1] = [si] * (i1 - i0)
        # per token: written in lower case (no capital anywhere), as detectors often require
        self.lower = list(map(eq, self.text, self.low))   # operator.eq: 3x faster than str.__eq__
        self.next_lower = self.lower[1:] + [False]
        starts_sentence = [False] * n
        for i0 in self.first:
            starts_sentence[i0] = True
        # per token: the previous token is in lower case or begins the sentence
        self.prev_lower_or_first = [False] + list(map(or_, self.lower[:-1], starts_sentence[:-1]))

    def after(self, words: frozenset[str], gap: int = 1) -> list[bool]:
        """Per token: the token *gap* places before it is one of *words*."""
        return [False] * gap + list(map(words.__contains__, self.low[:-gap]))

    def anchors(self, words: frozenset[str], also: Iterable[bool] | None = None
                ) -> Iterator[tuple[int, int, int, int]]:
        """(token index, sentence index, sentence's first token, one past its last)
        for every token of a sentence whose lower-cased text is in *words* (and for
        which *also*, a per-token list of flags, is true)."""
        first, stop, sent_of = self.first, self.stop, self.sent_of
        hits = map(words.__contains__, self.low)
        if also is not None:
            hits = map(and_, hits, also)
        for k in compress(range(len(self.low)), hits):
            si = sent_of[k]
            if si >= 0:
                yield k, si, first[si], stop[si]

    def gap_before(self, k: int, i0: int) -> str:
        """Prose between token k and the previous token of its sentence (or the
        sentence start)."""
        prev = self.ends[k - 1] if k > i0 else self.bounds[self._sent_of(i0)][0]
        return self.prose[prev:self.starts[k]]

    def gap_after(self, k: int, i1: int) -> str:
        """Prose up to the next token of the sentence, or to its end for the last."""
        end = self.starts[k + 1] if k + 1 < i1 else self.bounds[self._sent_of(i1 - 1)][1]
        return self.prose[self.ends[k]:end]

    def plain(self, k: int, i0: int) -> bool:
        """Only spaces before token k: no punctuation, digits or line break."""
        return _plain(self.gap_before(k, i0))

    def clause_start(self, k: int, i0: int) -> bool:
        if k == i0:
            return True
        gap = self.gap_before(k, i0)
        return bool(_CLAUSE_PUNCT.search(gap)) and not _DIGIT.search(gap)

    def in_headline(self, si: int) -> bool:
        got = self._heads.get(si)
        if got is None:
            doc = self.doc
            got = self._heads[si] = doc.position(self.starts[self.first[si]])[0] in doc.headline_lines
        return got

    def _sent_of(self, k: int) -> int:
        return bisect_right(self.first, k) - 1


def _view(doc: Document) -> _View:
    got = doc.memo.get("syntax.view")
    if got is None:
        got = doc.memo["syntax.view"] = _View(doc)
    return got


def _plain(gap: str) -> bool:
    """Only spaces between two tokens: no punctuation, no digits, no line break."""
    return bool(_SPACE_GAP.fullmatch(gap)) and "\n" not in gap


# ---------------------------------------------------------------------------------
# Detectors: each yields (start, end, format values, sentence index) over a document,
# in text order.  Conditions that cost nothing (word-list membership) come before
# word-class look-ups and gap scans; all of them are plain conjunctions, so the order
# does not change what is found.

def participle_noun(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"the arrested in ...": a bare past participle standing for "the arrested woman"."""
    dets, follow, allow = st.words["determiners"], st.words["followers"], st.words["allow"]
    text, low = v.text, v.low
    for k, si, i0, i1 in v.anchors(dets, v.next_lower):
        p = k + 1
        if p >= i1 or text[p] != low[p] or low[p] in allow or not v.plain(p, i0):
            continue
        if not wc.is_participle_only(low[p]):
            continue
        nxt = p + 1 if p + 1 < i1 else None
        after = v.gap_after(p, i1)
        ends = _ENDS_PHRASE.match(after) or (nxt is None and _CLOSERS.fullmatch(after))
        if ends or (nxt is not None and low[nxt] in follow and v.plain(nxt, i0)):
            yield v.starts[k], v.ends[p], {"word": text[p]}, si


def plural_singular_verb(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"contacts between the two leaders was held": plural head, singular verb after a
    prepositional phrase (Russian puts the verb after a long subject and MT loses track).

    The head is the first word of a clause after any determiners; it is found from the
    preposition that follows it, walking back over determiners to the clause start.
    """
    dets, preps, verbs, stops = (st.words["determiners"], st.words["prepositions"],
                                 st.words["verbs"], st.words["stops"])
    text, low = v.text, v.low
    for p, si, i0, i1 in v.anchors(preps, v.prev_lower_or_first):
        h = p - 1
        if h < i0 or low[h] in dets:
            continue
        ht, hl = text[h], low[h]
        if ht != hl and not (h == i0 and ht[1:] == hl[1:]):
            continue  # a capitalized word mid-sentence is a name ("Olympics"), not a common noun
        if not v.plain(p, i0):
            continue
        k = h   # walk back over determiners joined by spaces to where the clause starts
        while k > i0 and low[k - 1] in dets and v.plain(k, i0):
            k -= 1
        if not v.clause_start(k, i0) or not wc.is_plural_noun(hl):
            continue
        for m in range(h + 2, min(i1, h + 2 + st.window)):
            if low[m] in stops or not v.plain(m, i0):
                break
            if low[m] in verbs:
                if m == h + 2:
                    break
                yield v.starts[h], v.ends[m], {"head": ht, "verb": text[m]}, si
                break
            if _finite_verb(low[m]):
                break


def _finite_verb(word: str) -> bool:
    """A word that can only be a verb (so it starts a new clause, ending the subject)."""
    return wc.is_verb_only(word)


_THAT = frozenset(["that"])
_OF = frozenset(["of"])
_TIMES = frozenset(["times"])


def subjectless_that(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"both leaders noted that made a big step": a that-clause whose subject was dropped
    (Russian "отметили, что сделали" has the subject in the verb ending)."""
    verbs, objects = st.words["verbs"], st.words["objects"]
    text, low = v.text, v.low
    for t, si, i0, i1 in v.anchors(_THAT, v.after(verbs)):
        k, verb, obj = t - 1, t + 1, t + 2
        if k < i0 or obj >= i1 or low[k] not in verbs or low[obj] not in objects:
            continue
        if text[verb] != low[verb]:
            continue
        if not (v.plain(t, i0) and v.plain(verb, i0) and v.plain(obj, i0)):
            continue
        if wc.is_past_verb_only(low[verb]):
            yield v.starts[t], v.ends[verb], {"verb": text[verb]}, si


def bare_noun_of(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"called farce of the situation": a singular countable noun with no article between
    a verb and "of" (Russian has no articles, so MT often drops them)."""
    triggers, allow = st.words["triggers"], st.words["allow"]
    text, low = v.text, v.low
    for o, si, i0, i1 in v.anchors(_OF, v.after(triggers, 2)):
        k = o - 1
        if k - 1 < i0 or low[k - 1] not in triggers or text[k] != low[k] or low[k] in allow:
            continue
        if not (v.plain(k, i0) and v.plain(o, i0)):
            continue
        if wc.is_noun_only(low[k]) and wc.countable(low[k]):
            yield v.starts[k], v.ends[k], {"noun": text[k]}, si


def times_before_verb(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"the Council three times increased the regime": a frequency adverbial placed before
    the verb as in Russian ("трижды ужесточил"); English puts it after the object."""
    numbers, objects = st.words["numbers"], st.words["objects"]
    text, low = v.text, v.low
    for t, si, i0, i1 in v.anchors(_TIMES):
        k, verb, obj = t - 1, t + 1, t + 2
        if k < i0 or obj >= i1 or low[k] not in numbers:
            continue
        if k > i0 and low[k - 1] in ("than", "as", "about", "some", "nearly", "almost"):
            continue
        if text[verb] != low[verb] or low[obj] not in objects:
            continue
        if not (v.plain(t, i0) and v.plain(verb, i0) and v.plain(obj, i0)):
            continue
        if wc.is_past_verb(low[verb]):
            yield v.starts[k], v.ends[verb], {"verb": text[verb]}, si


def demand_infinitive(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"demanded all the countries to send": Russian "потребовать от кого сделать" copied
    as demand + object + to-infinitive; English demands *that* someone do something."""
    verbs, pronouns, dets = st.words["verbs"], st.words["pronouns"], st.words["determiners"]
    text, low = v.text, v.low
    for k, si, i0, i1 in v.anchors(verbs):
        m = k + 1
        while m < i1 and low[m] in dets and v.plain(m, i0):
            m += 1
        if m + 2 >= i1 or low[m + 1] != "to" or text[m + 2] != low[m + 2]:
            continue
        if not v.plain(m, i0):
            continue
        if not (low[m] in pronouns or text[m][:1].isupper() or wc.is_plural_noun(low[m])):
            continue
        if v.plain(m + 1, i0) and v.plain(m + 2, i0) and wc.is_base_verb(low[m + 2]):
            yield v.starts[k], v.ends[m + 2], {"verb": text[k]}, si


def subjectless_sentence(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"Went to the clinic on a recent weekend.": a sentence that opens with a past-tense
    verb and has no subject (Russian "Сходили в клинику" carries it in the ending).

    A participial opener ("Founded in 1990, the firm ...") is set off by a comma, so a
    sentence with a comma or a quotation mark is left alone, as are forms that can be
    imperatives ("Put", "Set") or nouns, and sentences shorter than four words.
    """
    follow, allow = st.words["followers"], st.words["allow"]
    text, low, prose = v.text, v.low, v.prose
    for si, (i0, i1) in enumerate(zip(v.first, v.stop)):
        if i1 - i0 < 4:
            continue
        w = low[i0]
        if low[i0 + 1] not in follow or w in allow:
            continue
        first = text[i0]
        if not first[:1].isupper() or first.isupper() or not v.plain(i0 + 1, i0):
            continue
        if _QUOTE.search(v.gap_before(i0, i0)):
            continue
        # the gaps between the tokens (tokens hold no such marks) and after the last one
        last_end = v.ends[i1 - 1]
        if _INNER_PUNCT.search(prose, v.ends[i0], last_end) or \
                _END_PUNCT.search(prose, last_end, v.bounds[si][1]):
            continue
        if wc.is_base_verb(w) or wc.has_noun_reading(w):
            continue
        if wc.is_past_verb(w):
            yield v.starts[i0], v.ends[i0], {"verb": first}, si


DETECTORS: dict[str, tuple[Callable[..., Iterator[tuple[int, int, dict, int]]], tuple[str, ...]]] = {
    "participle-noun": (participle_noun, ("determiners", "followers", "allow")),
    "plural-singular-verb": (plural_singular_verb, ("determiners", "prepositions", "verbs", "stops")),
    "subjectless-that": (subjectless_that, ("verbs", "objects")),
    "bare-noun-of": (bare_noun_of, ("triggers", "allow")),
    "times-before-verb": (times_before_verb, ("numbers", "objects")),
    "demand-infinitive": (demand_infinitive, ("verbs", "pronouns", "determiners")),
    "subjectless-sentence": (subjectless_sentence, ("followers", "allow")),
}


class Syntax:
    """Run one named detector with the word lists the rule gives it."""

    PARAMS = {
        "detector": (str, True),
        "words": (dict, False),      # list name -> list of words (see DETECTORS for names)
        "window": (int, False),      # how many tokens a detector may look ahead
        "skip_headlines": (bool, False),
        "replace": (str, False),     # suggestion, formatted with the detector's values
    }

    def prepare(self, rule: Any, ctx: Any) -> _State:
        from ..rules import RuleError

        name = rule.params["detector"]
        if name not in DETECTORS:
            raise RuleError(f"{rule.path}:{rule.line}: {rule.code}: unknown detector {name!r}; "
                            f"use one of {', '.join(sorted(DETECTORS))}")
        fn, needed = DETECTORS[name]
        given = rule.params.get("words") or {}
        words: dict[str, frozenset[str]] = {}
        for key in needed:
            value = given.get(key, [])
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise RuleError(f"{rule.path}:{rule.line}: {rule.code}: words.{key} must be a list of words")
            words[key] = frozenset(w.lower() for w in value)
        extra = set(given) - set(needed)
        if extra:
            raise RuleError(f"{rule.path}:{rule.line}: {rule.code}: detector {name} takes no word "
                            f"list(s) {', '.join(sorted(extra))} (it uses {', '.join(needed)})")
        return _State(detector=fn, words=words, window=int(rule.params.get("window", 6)))

    def check(self, doc: Document, rule: Any, state: _State, ctx: Any) -> list[Finding]:
        out = []
        skip_heads = rule.params.get("skip_headlines", True)
        v = _view(doc)
        for start, end, values, si in state.detector(v, state):
            if skip_heads and v.in_headline(si):
                continue
            if doc.is_protected(start, end):
                continue
            text = doc.text[start:end]
            reps: tuple[str, ...] = ()
            if rule.params.get("replace"):
                reps = (rule.params["replace"].format(text=text, **values),)
            out.append(rule.finding(start, end, text, replacements=reps, **values))
        return out
