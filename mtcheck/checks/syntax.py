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
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..document import Document
from ..findings import Finding
from .. import wordclass as wc

_PUNCT_GAP = re.compile(r"\s*[,;:()\[\]–—\"“”«»]\s*|\s+[-]\s+")
_SPACE_GAP = re.compile(r"\s+")


@dataclass
class Tok:
    text: str
    start: int
    end: int
    low: str
    gap_before: str  # the prose between the previous token (in the sentence) and this one
    gap_after: str = ""  # the prose up to the next token, or to the sentence end for the last


@dataclass
class _State:
    detector: Callable[..., Iterator[tuple[int, int, dict]]]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    window: int = 6


def _sentence_tokens(doc: Document) -> list[list[Tok]]:
    """Tokens of each sentence, with the text separating them (to see commas and dashes).

    Built once per document and shared by every syntax rule (there are several).
    """
    got = doc.memo.get("syntax.sentences")
    if got is None:
        got = doc.memo["syntax.sentences"] = list(_build_sentence_tokens(doc))
    return got


def _build_sentence_tokens(doc: Document) -> Iterator[list[Tok]]:
    toks = doc.tokens
    i = 0
    for sent in doc.sentences:
        while i < len(toks) and toks[i].start < sent.start:
            i += 1
        out: list[Tok] = []
        prev_end = sent.start
        j = i
        while j < len(toks) and toks[j].end <= sent.end:
            t = toks[j]
            text = doc.prose[t.start:t.end]
            out.append(Tok(text, t.start, t.end, text.lower(), doc.prose[prev_end:t.start]))
            prev_end = t.end
            j += 1
        i = j
        for a, b in zip(out, out[1:]):
            a.gap_after = b.gap_before
        if out:
            out[-1].gap_after = doc.prose[out[-1].end:sent.end]
            yield out


def _plain(gap: str) -> bool:
    """Only spaces between two tokens: no punctuation, no digits, no line break."""
    return bool(_SPACE_GAP.fullmatch(gap)) and "\n" not in gap


def _clause_start(toks: list[Tok], k: int) -> bool:
    if k == 0:
        return True
    gap = toks[k].gap_before
    return bool(re.search(r"[,;:–—(]", gap)) and not re.search(r"\d", gap)


# ---------------------------------------------------------------------------------
# Detectors: each yields (start, end, format values) over one sentence.

def participle_noun(toks: list[Tok], st: _State) -> Iterator[tuple[int, int, dict]]:
    """"the arrested in ...": a bare past participle standing for "the arrested woman"."""
    dets, follow, allow = st.words["determiners"], st.words["followers"], st.words["allow"]
    for k in range(len(toks) - 1):
        det, part = toks[k], toks[k + 1]
        if det.low not in dets or not _plain(part.gap_before) or part.text != part.low:
            continue
        if part.low in allow or not wc.is_participle_only(part.low):
            continue
        nxt = toks[k + 2] if k + 2 < len(toks) else None
        ends = re.match(r"\s*[,.;:!?)]", part.gap_after) or (
            nxt is None and re.fullmatch(r"[\s\"”’»]*", part.gap_after))
        if ends or (nxt is not None and _plain(nxt.gap_before) and nxt.low in follow):
            yield det.start, part.end, {"word": part.text}


def plural_singular_verb(toks: list[Tok], st: _State) -> Iterator[tuple[int, int, dict]]:
    """"contacts between the two leaders was held": plural head, singular verb after a
    prepositional phrase (Russian puts the verb after a long subject and MT loses track)."""
    dets, preps, verbs, stops = (st.words["determiners"], st.words["prepositions"],
                                 st.words["verbs"], st.words["stops"])
    for k, tok in enumerate(toks):
        if not _clause_start(toks, k):
            continue
        h = k
        while h < len(toks) - 1 and toks[h].low in dets and _plain(toks[h + 1].gap_before):
            h += 1
        head = toks[h]
        if head.text != head.low and not (h == 0 and head.text[1:] == head.low[1:]):
            continue  # a capitalized word mid-sentence is a name ("Olympics"), not a common noun
        if head.low in dets or not wc.is_plural_noun(head.low):
            continue
        if h + 1 >= len(toks) or toks[h + 1].low not in preps or not _plain(toks[h + 1].gap_before):
            continue
        for m in range(h + 2, min(len(toks), h + 2 + st.window)):
            t = toks[m]
            if not _plain(t.gap_before) or t.low in stops:
                break
            if t.low in verbs:
                if m == h + 2:
                    break
                yield head.start, t.end, {"head": head.text, "verb": t.text}
                break
            if _finite_verb(t.low):
                break


def _finite_verb(word: str) -> bool:
    """A word that can only be a verb (so it starts a new clause, ending the subject)."""
    return wc.is_verb_only(word)


def subjectless_that(toks: list[Tok], st: _State) -> Iterator[tuple[int, int, dict]]:
    """"both leaders noted that made a big step": a that-clause whose subject was dropped
    (Russian "отметили, что сделали" has the subject in the verb ending)."""
    verbs, objects = st.words["verbs"], st.words["objects"]
    for k in range(len(toks) - 3):
        v, that, verb, obj = toks[k], toks[k + 1], toks[k + 2], toks[k + 3]
        if v.low not in verbs or that.low != "that":
            continue
        if not (_plain(that.gap_before) and _plain(verb.gap_before) and _plain(obj.gap_before)):
            continue
        if verb.text != verb.low or not wc.is_past_verb_only(verb.low):
            continue
        if obj.low in objects:
            yield that.start, verb.end, {"verb": verb.text}


def bare_noun_of(toks: list[Tok], st: _State) -> Iterator[tuple[int, int, dict]]:
    """"called farce of the situation": a singular countable noun with no article between
    a verb and "of" (Russian has no articles, so MT often drops them)."""
    triggers, allow = st.words["triggers"], st.words["allow"]
    for k in range(1, len(toks) - 1):
        prev, noun, of = toks[k - 1], toks[k], toks[k + 1]
        if of.low != "of" or not (_plain(noun.gap_before) and _plain(of.gap_before)):
            continue
        if prev.low not in triggers or noun.text != noun.low or noun.low in allow:
            continue
        if wc.is_noun_only(noun.low) and wc.countable(noun.low):
            yield noun.start, noun.end, {"noun": noun.text}


def times_before_verb(toks: list[Tok], st: _State) -> Iterator[tuple[int, int, dict]]:
    """"the Council three times increased the regime": a frequency adverbial placed before
    the verb as in Russian ("трижды ужесточил"); English puts it after the object."""
    numbers, objects = st.words["numbers"], st.words["objects"]
    for k in range(len(toks) - 3):
        num, times, verb = toks[k], toks[k + 1], toks[k + 2]
        if num.low not in numbers or times.low != "times":
            continue
        if not (_plain(times.gap_before) and _plain(verb.gap_before)):
            continue
        if k > 0 and toks[k - 1].low in ("than", "as", "about", "some", "nearly", "almost"):
            continue
        obj = toks[k + 3] if k + 3 < len(toks) else None
        if verb.text != verb.low or obj is None or not _plain(obj.gap_before) or obj.low not in objects:
            continue
        if wc.is_past_verb(verb.low):
            yield num.start, verb.end, {"verb": verb.text}


def demand_infinitive(toks: list[Tok], st: _State) -> Iterator[tuple[int, int, dict]]:
    """"demanded all the countries to send": Russian "потребовать от кого сделать" copied
    as demand + object + to-infinitive; English demands *that* someone do something."""
    verbs, pronouns, dets = st.words["verbs"], st.words["pronouns"], st.words["determiners"]
    for k, v in enumerate(toks):
        if v.low not in verbs:
            continue
        m = k + 1
        while m < len(toks) and toks[m].low in dets and _plain(toks[m].gap_before):
            m += 1
        if m >= len(toks) or not _plain(toks[m].gap_before):
            continue
        obj = toks[m]
        ok = obj.low in pronouns or wc.is_plural_noun(obj.low) or obj.text[:1].isupper()
        if not ok or m + 2 >= len(toks):
            continue
        to, inf = toks[m + 1], toks[m + 2]
        if to.low == "to" and _plain(to.gap_before) and _plain(inf.gap_before) and inf.text == inf.low \
                and wc.is_base_verb(inf.low):
            yield v.start, inf.end, {"verb": v.text}


def subjectless_sentence(toks: list[Tok], st: _State) -> Iterator[tuple[int, int, dict]]:
    """"Went to the clinic on a recent weekend.": a sentence that opens with a past-tense
    verb and has no subject (Russian "Сходили в клинику" carries it in the ending).

    A participial opener ("Founded in 1990, the firm ...") is set off by a comma, so a
    sentence with a comma or a quotation mark is left alone, as are forms that can be
    imperatives ("Put", "Set") or nouns, and sentences shorter than four words.
    """
    follow, allow = st.words["followers"], st.words["allow"]
    if len(toks) < 4:
        return
    first, second = toks[0], toks[1]
    if not first.text[:1].isupper() or first.text.isupper() or not _plain(second.gap_before):
        return
    if re.search(r"[\"“”«»]", first.gap_before):
        return
    if any(re.search(r"[,;:\"“”«»()–—]", t.gap_before) for t in toks[1:]) or re.search(r"[,;:\"“”«»]", toks[-1].gap_after):
        return
    w = first.low
    if second.low not in follow or w in allow or wc.is_base_verb(w) or wc.has_noun_reading(w):
        return
    if wc.is_past_verb(w):
        yield first.start, first.end, {"verb": first.text}


DETECTORS: dict[str, tuple[Callable[..., Iterator[tuple[int, int, dict]]], tuple[str, ...]]] = {
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
        for toks in _sentence_tokens(doc):
            if skip_heads and doc.position(toks[0].start)[0] in doc.headline_lines:
                continue
            for start, end, values in state.detector(toks, state):
                if doc.is_protected(start, end):
                    continue
                text = doc.text[start:end]
                reps: tuple[str, ...] = ()
                if rule.params.get("replace"):
                    reps = (rule.params["replace"].format(text=text, **values),)
                out.append(rule.finding(start, end, text, replacements=reps, **values))
        return out
