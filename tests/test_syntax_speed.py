"""The fast paths of the garbled-syntax detectors (mtcheck/checks/syntax.py) find exactly
what a plain token-by-token walk finds.

The detectors skip documents by set look-ups, start from C-level membership maps,
ask per-process word-class memos and test gaps with ``str.isspace``.  Here each
detector is written out again the slow, obvious way -- every sentence, every token,
the regex definition of a plain gap, the word-class table read without any memo -- and
both run over thousands of generated texts built to hit (and nearly hit) every pattern.
"""

from __future__ import annotations

import random
import re
import sys
from typing import Iterator

import pytest

from mtcheck.api import Linter
from mtcheck.checks import syntax
from mtcheck.checks.syntax_view import _plain
from mtcheck.config import Config
from mtcheck.document import Document
from mtcheck import wordclass as wc

_SPACES = re.compile(r"\s+")


def _is(cls: str, word: str) -> bool:
    """The word-class table read directly: no ClassMemo in between."""
    return bool(wc._mask(word) & wc._data()[2][cls])


# ---------------------------------------------------------------------------------
# The reference: one sentence at a time, one token at a time.

class Ref:
    def __init__(self, doc: Document) -> None:
        self.prose = doc.prose
        self.starts, self.ends, self.text = doc.token_starts, doc.token_ends, doc.token_words
        self.low = [w.lower() for w in self.text]
        # (index in doc.sentences, first token, one past the last, start offset, end offset)
        self.sents = []
        for si, s in enumerate(doc.sentences):
            inside = [i for i in range(len(self.text))
                      if self.starts[i] >= s.start and self.ends[i] <= s.end]
            if inside:
                self.sents.append((si, inside[0], inside[-1] + 1, s.start, s.end))

    def gap(self, k: int, i0: int, sstart: int) -> str:
        return self.prose[(self.ends[k - 1] if k > i0 else sstart):self.starts[k]]

    def plain(self, k: int, i0: int, sstart: int) -> bool:
        g = self.gap(k, i0, sstart)
        return bool(_SPACES.fullmatch(g)) and "\n" not in g

    def lower(self, k: int) -> bool:
        return self.text[k] == self.low[k]


def ref_participle_noun(r: Ref, w: dict) -> Iterator[tuple]:
    for si, i0, i1, ss, se in r.sents:
        for k in range(i0, i1 - 1):
            p = k + 1
            if r.low[k] not in w["determiners"] or not r.lower(p) or r.low[p] in w["allow"]:
                continue
            if not r.plain(p, i0, ss) or not _is("PARTICIPLE_ONLY", r.low[p]):
                continue
            after = r.prose[r.ends[p]:(r.starts[p + 1] if p + 1 < i1 else se)]
            last = p + 1 >= i1
            ends = re.match(r"\s*[,.;:!?)]", after) or (last and re.fullmatch(r"[\s\"”’»]*", after))
            if ends or (not last and r.low[p + 1] in w["followers"] and r.plain(p + 1, i0, ss)):
                yield r.starts[k], r.ends[p], {"word": r.text[p]}, si


def ref_plural_singular_verb(r: Ref, w: dict, window: int) -> Iterator[tuple]:
    dets = w["determiners"]
    for si, i0, i1, ss, se in r.sents:
        for h in range(i0, i1 - 1):
            p = h + 1
            if r.low[p] not in w["prepositions"] or r.low[h] in dets:
                continue
            if not (r.lower(h) or (h == i0 and r.text[h][1:] == r.low[h][1:])):
                continue
            if not r.plain(p, i0, ss):
                continue
            k = h
            while k > i0 and r.low[k - 1] in dets and r.plain(k, i0, ss):
                k -= 1
            if k > i0:
                g = r.gap(k, i0, ss)
                if not re.search(r"[,;:–—(]", g) or re.search(r"\d", g):
                    continue
            if not _is("PLURAL_NOUN", r.low[h]):
                continue
            for m in range(h + 2, min(i1, h + 2 + window)):
                if r.low[m] in w["stops"] or not r.plain(m, i0, ss):
                    break
                if r.low[m] in w["verbs"]:
                    if m > h + 2:
                        yield r.starts[h], r.ends[m], {"head": r.text[h], "verb": r.text[m]}, si
                    break
                if _is("VERB_ONLY", r.low[m]):
                    break


def ref_subjectless_that(r: Ref, w: dict) -> Iterator[tuple]:
    for si, i0, i1, ss, se in r.sents:
        for t in range(i0 + 1, i1 - 2):
            if r.low[t] != "that" or r.low[t - 1] not in w["verbs"] or r.low[t + 2] not in w["objects"]:
                continue
            if r.low[t + 1] in w["demonstrative_verbs"]:
                continue
            if r.lower(t + 1) and all(r.plain(j, i0, ss) for j in (t, t + 1, t + 2)) \
                    and _is("PAST_VERB_ONLY", r.low[t + 1]):
                yield r.starts[t], r.ends[t + 1], {"verb": r.text[t + 1]}, si


def ref_bare_noun_of(r: Ref, w: dict) -> Iterator[tuple]:
    for si, i0, i1, ss, se in r.sents:
        for k in range(i0 + 1, i1 - 1):
            if r.low[k + 1] != "of" or r.low[k - 1] not in w["triggers"]:
                continue
            if not r.lower(k) or r.low[k] in w["allow"] or f"{r.low[k - 1]} {r.low[k]}" in w["idioms"]:
                continue
            if r.plain(k, i0, ss) and r.plain(k + 1, i0, ss) and _is("NOUN_ONLY", r.low[k]) \
                    and wc.countable(r.low[k]):
                yield r.starts[k], r.ends[k], {"noun": r.text[k]}, si


def ref_times_before_verb(r: Ref, w: dict) -> Iterator[tuple]:
    for si, i0, i1, ss, se in r.sents:
        for t in range(i0 + 1, i1 - 2):
            k = t - 1
            if r.low[t] != "times" or r.low[k] not in w["numbers"]:
                continue
            if k > i0 and r.low[k - 1] in ("than", "as", "about", "some", "nearly", "almost",
                                           "has", "have", "had", "'ve", "having"):
                continue
            if not r.lower(t + 1) or r.low[t + 2] not in w["objects"]:
                continue
            if all(r.plain(j, i0, ss) for j in (t, t + 1, t + 2)) and _is("PAST_VERB", r.low[t + 1]):
                yield r.starts[k], r.ends[t + 1], {"verb": r.text[t + 1]}, si


def ref_demand_infinitive(r: Ref, w: dict) -> Iterator[tuple]:
    for si, i0, i1, ss, se in r.sents:
        for k in range(i0, i1):
            if r.low[k] not in w["verbs"]:
                continue
            m = k + 1
            while m < i1 and r.low[m] in w["determiners"] and r.plain(m, i0, ss):
                m += 1
            if m + 2 >= i1 or r.low[m + 1] != "to" or not r.lower(m + 2):
                continue
            obj = r.low[m] in w["pronouns"] or r.text[m][:1].isupper() or _is("PLURAL_NOUN", r.low[m])
            if obj and all(r.plain(j, i0, ss) for j in (m, m + 1, m + 2)) \
                    and _is("BASE_VERB", r.low[m + 2]):
                yield r.starts[k], r.ends[m + 2], {"verb": r.text[k]}, si


def ref_subjectless_sentence(r: Ref, w: dict) -> Iterator[tuple]:
    for si, i0, i1, ss, se in r.sents:
        if i1 - i0 < 4:
            continue
        word, first = r.low[i0], r.text[i0]
        if r.low[i0 + 1] not in w["followers"] or word in w["allow"]:
            continue
        if not first[:1].isupper() or first.isupper() or not r.plain(i0 + 1, i0, ss):
            continue
        if re.search(r"[\"“”«»]", r.gap(i0, i0, ss)):
            continue
        between = r.prose[r.ends[i0]:r.ends[i1 - 1]]
        if re.search(r"[,;:\"“”«»()–—]", between) or re.search(r"[,;:\"“”«»]", r.prose[r.ends[i1 - 1]:se]):
            continue
        if not _is("BASE_VERB", word) and not _is("HAS_NOUN", word) and _is("PAST_VERB", word):
            yield r.starts[i0], r.ends[i0], {"verb": first}, si


REFS = {
    "participle-noun": ref_participle_noun,
    "subjectless-that": ref_subjectless_that,
    "bare-noun-of": ref_bare_noun_of,
    "times-before-verb": ref_times_before_verb,
    "demand-infinitive": ref_demand_infinitive,
    "subjectless-sentence": ref_subjectless_sentence,
}


# ---------------------------------------------------------------------------------
# Generated texts: pattern fragments, near misses, and noise between them.

_EXTRA = """arrested detained injured accused taken elected wounded contacts talks negotiations
meetings visits news series leaders ministers sides countries companies made achieved discussed
increased raised changed send pay stop resign went ordered agreed put founded printed farce
tragedy possibility prospect nonsense situation verdict court decision Moscow Kyiv USA Olympics
that times to of was is has does were have the a an it them him Arrested Went Ordered Agreed
Contacts Negotiations THE WAS Times Of That deal case end part head development""".split()
_SEPS = [" "] * 30 + ["  ", ", ", ". ", "; ", ": ", " – ", " — ", "\n", " \n", "\n\n", "\t",
                      "\u00a0", "\u2009", " (", ") ", " “", "” ", "\"", "'", " 1 ", " 2019 ",
                      "! ", "? ", "... ", " http://x.example/a ", " @handle ", "-", "_", "…"]
_TEMPLATES = [
    "the {part} {follow}", "the {part}.", "the {part}", "{plural} {prep} the two {plural} {verb} held",
    "{det} {plural} {prep} the {noun} {verb}", "; {plural} {prep} {det} {plural} {verb} held",
    ". {Plural} {prep} the {noun} of {noun} {verb} late", "; {plural} {prep} {noun} {verb}",
    "; {plural} {prep} the two {det} {plural} {verb}", ": {plural} {prep} the {det} two new {noun} {verb}",
    "{say} that {past} {obj} {noun}",
    "{trig} {noun} of the {noun}", "{num} times {past} {obj} {noun}",
    "{demand} {det} {plural} to {base} the {noun}", "{demand} them to {base}",
    "{Past} {follow} the {noun} {prep} {noun}.", "{Past} to {base} the {noun} again today.",
]


def _fill(rnd: random.Random, words: dict[str, list[str]], template: str) -> str:
    def pick(name: str) -> str:
        key = name.lower()
        w = rnd.choice(words[key])
        return w.capitalize() if name[0].isupper() else w
    return re.sub(r"\{(\w+)\}", lambda m: pick(m.group(1)), template)


def _texts(states: dict[str, syntax._State], n: int, seed: int) -> Iterator[str]:
    rnd = random.Random(seed)
    lists = {}
    for st in states.values():
        for key, ws in st.words.items():
            lists.setdefault(key, set()).update(ws)
    pool = sorted(set().union(*lists.values()) | set(_EXTRA))
    words = {
        "part": ["arrested", "detained", "injured", "wounded", "taken", "Arrested", "convicted"],
        "follow": sorted(lists["followers"]), "plural": ["contacts", "talks", "negotiations", "news",
                                                         "visits", "series", "Meetings", "companies"],
        "prep": sorted(lists["prepositions"]), "verb": sorted(lists["verbs"] | {"were", "made"}),
        "det": sorted(lists["determiners"]), "noun": ["farce", "tragedy", "possibility", "nonsense",
                                                      "part", "situation", "court", "Moscow",
                                                      "confirmation", "violation", "suspicion"],
        "say": ["noted", "stressed", "said", "says", "Said"], "past": ["made", "achieved", "discussed",
                                                                      "increased", "raised", "went"],
        "obj": sorted(lists["objects"]), "trig": sorted(lists["triggers"]),
        "num": sorted(lists["numbers"]), "demand": ["demanded", "demand", "Demanded", "demands"],
        "base": ["send", "pay", "stop", "resign", "went", "increase"],
    }
    words["past"] += ["ordered", "agreed", "put", "founded", "printed", "set", "arrived"]
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 12)):
            if rnd.random() < 0.4:
                parts.append(_fill(rnd, words, rnd.choice(_TEMPLATES)))
            else:
                w = rnd.choice(pool)
                parts.append(w.capitalize() if rnd.random() < 0.2 else w)
            parts.append(rnd.choice(_SEPS))
        yield "".join(parts)


@pytest.fixture(scope="module")
def states() -> dict[str, syntax._State]:
    linter = Linter(Config(select=("garbled",)))
    rules = [r for r in linter.rules_for(linter.config) if r.kind == "syntax"]
    return {r.params["detector"]: linter.prepare(r) for r in rules}


def test_every_detector_has_a_reference(states):
    assert set(states) == set(syntax.DETECTORS) == set(REFS) | {"plural-singular-verb"}


@pytest.mark.parametrize("seed", range(4))
def test_detectors_agree_with_the_plain_walk(states, seed):
    fired = dict.fromkeys(states, 0)
    for text in _texts(states, 600, seed):
        doc = Document.from_text(text)
        ref = Ref(doc)
        view = syntax._View(doc)
        for name, st in states.items():
            got = list(st.detector(view, st))
            if name == "plural-singular-verb":
                want = list(ref_plural_singular_verb(ref, st.words, st.window))
            else:
                want = list(REFS[name](ref, st.words))
            assert got == want, (name, text)
            fired[name] += len(got)
    # the generated texts reach every pattern, so the agreement is not vacuous
    assert all(n >= 3 for n in fired.values()), fired


def test_plain_gap_is_isspace_without_newline():
    """``_plain`` uses str.isspace; the regex ``\\s+`` it replaced asks the same of every
    code point (both use the Unicode whitespace property)."""
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        assert _plain(c) == (bool(_SPACES.fullmatch(c)) and c != "\n"), hex(cp)
    assert not _plain("") and _plain(" \t\u00a0 ") and not _plain(" \n ")


def test_class_memos_agree_with_the_table():
    words = _EXTRA + ["running", "ran", "news", "series", "xyzzyq", "Arrested", "ARRESTED", ""]
    for name in ("VERB_ONLY", "HAS_NOUN", "PLURAL_NOUN", "PARTICIPLE_ONLY", "PAST_VERB_ONLY",
                 "PAST_VERB", "BASE_VERB", "NOUN_ONLY"):
        memo = getattr(wc, name)
        for w in words:
            assert memo[w] == _is(name, w), (name, w)
            assert memo[w] == _is(name, w)   # the second answer comes from the memo
    assert wc.is_participle_only("arrested") and not wc.is_participle_only("injured")
