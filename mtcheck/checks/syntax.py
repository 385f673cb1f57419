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

from typing import Any, Callable, Iterator

from ..document import Document
from ..findings import Finding
from ..records import field, record
from .. import wordclass as wc
from . import ListOf, MapOf
from .syntax_view import _CLOSERS, _END_PUNCT, _ENDS_PHRASE, _INNER_PUNCT, _QUOTE, _View, _view


@record
class _State:
    detector: Callable[..., Iterator[tuple[int, int, dict, int]]]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    window: int = 6


# ---------------------------------------------------------------------------------
# Detectors: each yields (start, end, format values, sentence index) over a document,
# in text order.  Conditions are plain conjunctions, so their order does not change
# what is found: the rarest cheap one (word-list membership, a memoized word class)
# comes first, the sentence look-up and the gap scans last.

def participle_noun(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"the arrested in ...": a bare past participle standing for "the arrested woman"."""
    dets, follow, allow = st.words["determiners"], st.words["followers"], st.words["allow"]
    text, low = v.text, v.low
    participle = wc.PARTICIPLE_ONLY
    n = len(low)
    for k in v.positions(dets):
        p = k + 1
        if p == n:
            break
        w = low[p]
        if not participle[w] or text[p] != w or w in allow:
            continue
        loc = v.sentence(k)
        if loc is None:
            continue
        si, i0, i1 = loc
        if p >= i1 or not v.plain(p, i0):
            continue
        nxt = p + 1 if p + 1 < i1 else None
        after = v.gap_after(p, i1)
        ends = _ENDS_PHRASE.match(after) or (nxt is None and _CLOSERS.fullmatch(after))
        if ends or (nxt is not None and low[nxt] in follow and v.plain(nxt, i0)):
            yield v.starts[k], v.ends[p], {"word": text[p]}, si


def plural_singular_verb(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"contacts between the two leaders was held": plural head, singular verb after a
    prepositional phrase (Russian puts the verb after a long subject and MT loses track).

    The head is the first word of a clause after any determiners, followed by a
    preposition; it is looked for only a few tokens before one of the singular verbs,
    and the clause start found by walking back over determiners.
    """
    dets, preps, verbs, stops = (st.words["determiners"], st.words["prepositions"],
                                 st.words["verbs"], st.words["stops"])
    text, low = v.text, v.low
    # The verb comes 2..window tokens after the preposition, and singular verbs are
    # rare: only a head 3..window+1 tokens before one needs a look.
    window = st.window
    heads = {h for m in v.positions(verbs) for h in range(max(0, m - 1 - window), m - 2)}
    plural = wc.PLURAL_NOUN
    for h in sorted(heads):
        p = h + 1
        hl = low[h]
        if low[p] not in preps or hl in dets or not plural[hl]:
            continue
        loc = v.sentence(p)
        if loc is None:
            continue
        si, i0, i1 = loc
        if h < i0:
            continue
        ht = text[h]
        if ht != hl and not (h == i0 and ht[1:] == hl[1:]):
            continue  # a capitalized word mid-sentence is a name ("Olympics"), not a common noun
        if not v.plain(p, i0):
            continue
        k = h   # walk back over determiners joined by spaces to where the clause starts
        while k > i0 and low[k - 1] in dets and v.plain(k, i0):
            k -= 1
        if not v.clause_start(k, i0):
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
    return wc.VERB_ONLY[word]


_THAT = frozenset(["that"])
_OF = frozenset(["of"])
_TIMES = frozenset(["times"])
_NOT_AFTER_NUMBER = ("than", "as", "about", "some", "nearly", "almost")
#: perfect auxiliaries: "has three times rejected the appeal" puts the frequency in the
#: mid position English allows after an auxiliary; only the bare finite verb is Russian
_PERFECT_AUX = frozenset(["has", "have", "had", "'ve", "having"])


def subjectless_that(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"both leaders noted that made a big step": a that-clause whose subject was dropped
    (Russian "отметили, что сделали" has the subject in the verb ending)."""
    verbs, objects = st.words["verbs"], st.words["objects"]
    # verbs whose subject is usually a fact: after them "that" is itself the subject,
    # a demonstrative ("she said that meant the deal was dead"), not a conjunction
    demonstrative = st.words["demonstrative_verbs"]
    text, low = v.text, v.low
    past_only = wc.PAST_VERB_ONLY
    for t in v.positions(_THAT):
        k, verb, obj = t - 1, t + 1, t + 2
        if k < 0 or low[k] not in verbs:
            continue
        loc = v.sentence(t)
        if loc is None:
            continue
        si, i0, i1 = loc
        if k < i0 or obj >= i1 or low[obj] not in objects:
            continue
        if text[verb] != low[verb] or low[verb] in demonstrative:
            continue
        if not (v.plain(t, i0) and v.plain(verb, i0) and v.plain(obj, i0)):
            continue
        if past_only[low[verb]]:
            yield v.starts[t], v.ends[verb], {"verb": text[verb]}, si


def bare_noun_of(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"called farce of the situation": a singular countable noun with no article between
    a verb and "of" (Russian has no articles, so MT often drops them).

    ``allow`` lists nouns English uses bare before "of" whatever precedes them ("became
    head of"); ``idioms`` lists "preposition noun" set phrases, whose noun is bare only
    after that preposition ("in confirmation of", "on behalf of"; but "by decision of")."""
    triggers, allow, idioms = st.words["triggers"], st.words["allow"], st.words["idioms"]
    text, low = v.text, v.low
    noun_only = wc.NOUN_ONLY
    for o in v.positions(_OF):
        k = o - 1
        if k < 1 or low[k - 1] not in triggers:
            continue
        lk = low[k]
        if text[k] != lk or lk in allow or not noun_only[lk]:
            continue
        if idioms and f"{low[k - 1]} {lk}" in idioms:
            continue
        loc = v.sentence(o)
        if loc is None:
            continue
        si, i0, i1 = loc
        if k - 1 < i0:
            continue
        if not (v.plain(k, i0) and v.plain(o, i0)):
            continue
        if wc.countable(lk):
            yield v.starts[k], v.ends[k], {"noun": text[k]}, si


def times_before_verb(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"the Council three times increased the regime": a frequency adverbial placed before
    the verb as in Russian ("трижды ужесточил"); English puts it after the object."""
    numbers, objects = st.words["numbers"], st.words["objects"]
    text, low = v.text, v.low
    for t in v.positions(_TIMES):
        k, verb, obj = t - 1, t + 1, t + 2
        if k < 0 or low[k] not in numbers:
            continue
        loc = v.sentence(t)
        if loc is None:
            continue
        si, i0, i1 = loc
        if k < i0 or obj >= i1:
            continue
        if k > i0 and (low[k - 1] in _NOT_AFTER_NUMBER or low[k - 1] in _PERFECT_AUX):
            continue
        if text[verb] != low[verb] or low[obj] not in objects:
            continue
        if not (v.plain(t, i0) and v.plain(verb, i0) and v.plain(obj, i0)):
            continue
        if wc.PAST_VERB[low[verb]]:
            yield v.starts[k], v.ends[verb], {"verb": text[verb]}, si


def demand_infinitive(v: _View, st: _State) -> Iterator[tuple[int, int, dict, int]]:
    """"demanded all the countries to send": Russian "потребовать от кого сделать" copied
    as demand + object + to-infinitive; English demands *that* someone do something."""
    verbs, pronouns, dets = st.words["verbs"], st.words["pronouns"], st.words["determiners"]
    text, low = v.text, v.low
    for k in v.positions(verbs):
        loc = v.sentence(k)
        if loc is None:
            continue
        si, i0, i1 = loc
        m = k + 1
        while m < i1 and low[m] in dets and v.plain(m, i0):
            m += 1
        if m + 2 >= i1 or low[m + 1] != "to" or text[m + 2] != low[m + 2]:
            continue
        if not v.plain(m, i0):
            continue
        if not (low[m] in pronouns or text[m][:1].isupper() or wc.PLURAL_NOUN[low[m]]):
            continue
        if v.plain(m + 1, i0) and v.plain(m + 2, i0) and wc.BASE_VERB[low[m + 2]]:
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
    past, base, noun = wc.PAST_VERB, wc.BASE_VERB, wc.HAS_NOUN
    n = len(low)
    for si, i0 in enumerate(v.first):
        if i0 + 1 >= n:
            break   # first tokens never decrease: no later sentence has two tokens either
        w = low[i0]
        if low[i0 + 1] not in follow or w in allow or not past[w]:
            continue
        i1 = v.stop(si)
        if i1 - i0 < 4:
            continue
        first = text[i0]
        if not first[:1].isupper() or first.isupper() or not v.plain(i0 + 1, i0):
            continue
        if _QUOTE.search(v.gap_before(i0, i0)):
            continue
        # the gaps between the tokens (tokens hold no such marks) and after the last one
        last_end = v.ends[i1 - 1]
        if _INNER_PUNCT.search(prose, v.ends[i0], last_end) or \
                _END_PUNCT.search(prose, last_end, v.s_ends[si]):
            continue
        if base[w] or noun[w]:
            continue
        yield v.starts[i0], v.ends[i0], {"verb": first}, si


DETECTORS: dict[str, tuple[Callable[..., Iterator[tuple[int, int, dict, int]]], tuple[str, ...]]] = {
    "participle-noun": (participle_noun, ("determiners", "followers", "allow")),
    "plural-singular-verb": (plural_singular_verb, ("determiners", "prepositions", "verbs", "stops")),
    "subjectless-that": (subjectless_that, ("verbs", "objects", "demonstrative_verbs")),
    "bare-noun-of": (bare_noun_of, ("triggers", "allow", "idioms")),
    "times-before-verb": (times_before_verb, ("numbers", "objects")),
    "demand-infinitive": (demand_infinitive, ("verbs", "pronouns", "determiners")),
    "subjectless-sentence": (subjectless_sentence, ("followers", "allow")),
}

#: The values each detector yields (the dicts above), which a rule's message and
#: ``replace`` may use besides ``text`` (tests/test_user_rules.py checks they agree).
DETECTOR_FIELDS: dict[str, frozenset[str]] = {
    "participle-noun": frozenset({"word"}),
    "plural-singular-verb": frozenset({"head", "verb"}),
    "subjectless-that": frozenset({"verb"}),
    "bare-noun-of": frozenset({"noun"}),
    "times-before-verb": frozenset({"verb"}),
    "demand-infinitive": frozenset({"verb"}),
    "subjectless-sentence": frozenset({"verb"}),
}


class Syntax:
    """Run one named detector with the word lists the rule gives it."""

    PARAMS = {
        "detector": (str, True),
        "words": (MapOf(str, ListOf(str)), False),   # list name -> list of words (see DETECTORS)
        "window": (int, False),      # how many tokens a detector may look ahead
        "skip_headlines": (bool, False),
        "replace": (str, False),     # suggestion, formatted with the detector's values
    }

    def validate(self, rule: Any, asked: frozenset[str]) -> frozenset[str] | None:
        """At load time: ``replace`` is a format template of the detector's values (an
        unknown field was a KeyError per finding).  Returns the message fields; None for
        an unknown detector, which prepare reports."""
        fields = DETECTOR_FIELDS.get(rule.params["detector"])
        if fields is None:
            return None
        replace = rule.params.get("replace")
        if replace:
            from ..rule_schema import format_fields
            from ..rules import RuleError
            try:
                unknown = sorted(format_fields(replace, "replace") - fields - {"text"})
            except ValueError as exc:
                raise RuleError(f"{rule.at('replace')}: {rule.code}: {exc}") from None
            if unknown:
                usable = ", ".join("{" + f + "}" for f in sorted(fields | {"text"}))
                raise RuleError(f"{rule.at('replace')}: {rule.code}: replace field {{{unknown[0]}}} is not "
                                f"one detector {rule.params['detector']} fills (it can use {usable})")
        return fields

    def prepare(self, rule: Any, ctx: Any) -> _State:
        from ..rules import RuleError

        name = rule.params["detector"]
        if name not in DETECTORS:
            raise RuleError(f"{rule.at('detector')}: {rule.code}: unknown detector {name!r}; "
                            f"use one of {', '.join(sorted(DETECTORS))}")
        fn, needed = DETECTORS[name]
        given = rule.params.get("words") or {}
        words: dict[str, frozenset[str]] = {}
        for key in needed:
            value = given.get(key, [])
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise RuleError(f"{rule.at('words.' + key)}: {rule.code}: words.{key} must be a list of words")
            words[key] = frozenset(" ".join(w.lower().split()) for w in value)
        extra = set(given) - set(needed)
        if extra:
            raise RuleError(f"{rule.at('words')}: {rule.code}: detector {name} takes no word "
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
