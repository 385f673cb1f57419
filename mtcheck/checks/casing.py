"""Casing of known names and institutions, and the same phrase cased two ways.

MT systems lower-case proper names that collide with common words ("Donald trump"),
copy Russian capitalization into institution names ("the foreign Ministry", "UN security
Council") and upper-case name parts ("Kim Jong-UN").  A capital at the start of a
sentence says nothing, so checks ask the Document which offsets are "initial".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from itertools import accumulate, compress
from pathlib import Path, PurePath
from typing import Any, NamedTuple

from .. import gazetteer, textscan
from . import ListOf, casing_phrases, casing_scan
from .casing_context import (CONNECTORS, _heads, _in_common_noun, _lowered_head, _mixed_institution,
                             _name_context, _titles)
from ..diskmemo import DiskMemo
from ..document import Document
from ..findings import Finding

_SPLIT = re.compile(r"[\s-]+")
_FIRST_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
PERSONAL = ("people",)
PLACES = ("countries", "capitals", "cities")
casing_scan.FUNCTION_WORDS = CONNECTORS


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_lower(word: str) -> bool:
    return bool(word) and word[0].islower()


def _is_shout(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class _Form(NamedTuple):
    """One gazetteer form (a named tuple: a rule holds thousands, built at prepare)."""

    form: str          # the surface form as written in the gazetteer
    canonical: str     # the entry's canonical name (for messages)
    section: str
    lower: str         # form.lower(), compared with the text at each candidate

    @property
    def words(self) -> list[str]:
        return _SPLIT.split(self.form)   # only for the rare form found cased differently


class _State:
    """A capitalization rule's index.  A plain class: each ``@dataclass`` costs ~0.5 ms
    of every cold start."""

    def __init__(self, by_first: dict[str, list[_Form]], surnames: dict[str, tuple[str, str]],
                 full_forms: dict[str, list[str]]) -> None:
        self.by_first = by_first
        self.surnames = surnames        # lower surname -> (proper surname, canonical full)
        self.full_forms = full_forms    # canonical -> lowered full forms (evidence)
        self.heads_view = None          # casing_scan.Heads, made on first use
        # first word -> its forms as met by check(), in a plain dict: by_first may be a
        # _Forms, whose get() is two Python calls per candidate token
        self.met: dict[str, Any] = {}
        casing_scan.register(self)


#: First words with at least this many forms get the heads test of casing_scan (all of
#: them; a test raises it to compare with comparing every form).
_FEW_FORMS = 1

_MEMOS: dict[tuple[str, ...], DiskMemo] = {}


def _index_memo(gaz: Any) -> DiskMemo | None:
    """Where each gazetteer rule's index (by_first, surnames, full_forms) is kept between
    runs, or None.  The index depends only on the rule's ``terms``, the gazetteer files
    and the code that reads them (all three key the memo file), and building it is most
    of a cold run's casing cost.  Only for the built-in gazetteer: a user's entity files
    come and go (and tests make them in temporary folders), and one memo file per such
    set would pile up in the cache folder.
    """
    from ..rules import builtin_rules_dir
    base = builtin_rules_dir().resolve()
    files = []
    for path, _doc in gaz.sources:
        if not isinstance(path, (str, PurePath)) or Path(path).resolve().parent != base:
            return None
        files.append(str(path))
    if not files:
        return None
    key = tuple(files)
    if key not in _MEMOS:
        _MEMOS[key] = DiskMemo("casing", __file__, gazetteer.__file__, *files)
    return _MEMOS[key]


def _flat(state: _State) -> tuple:
    """The state as marshal-able values: each first word's forms as one marshal blob
    (a run looks up the forms of a few dozen first words out of ~2,500, so reading them
    all back would cost more than the rest of the index)."""
    import marshal
    return ({k: marshal.dumps([tuple(f) for f in v]) for k, v in state.by_first.items()},
            state.surnames, state.full_forms)


class _Forms(dict):
    """first word -> forms, whose values come from the disk memo as marshal blobs and
    become lists of _Form on first use.  Membership tests stay the C-level dict's."""

    def __getitem__(self, key: str) -> list[_Form]:
        value = dict.__getitem__(self, key)
        if type(value) is bytes:
            import marshal
            new = tuple.__new__
            value = [new(_Form, f) for f in marshal.loads(value)]
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def values(self) -> list[list[_Form]]:   # type: ignore[override]
        return [self[k] for k in self]

    def items(self) -> list[tuple[str, list[_Form]]]:   # type: ignore[override]
        return [(k, self[k]) for k in self]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, dict) and dict(self.items()) == dict(other.items())

    __hash__ = None   # type: ignore[assignment]


class Capitalization:
    """Known terms (gazetteer sections or an inline list) written with wrong capitals."""

    PARAMS = {
        "terms": ((str, ListOf(str)), True),   # "gazetteer:people,institutions" or a list of terms
        "surnames": (bool, False),      # also check bare lower-case surnames of people
        # words that put a following surname in name context ("President trump")
        "name_titles": (ListOf(str), False),
        # generic nouns that house styles lower-case after a name in its own right
        # ("Republican party"): not an MT artifact in an institution name
        "lower_heads": (ListOf(str), False),
        # lower-case phrases where a name is part of a common noun ("brussels sprouts")
        "common_nouns": (ListOf(str), False),
    }
    #: message fields besides text and fix (see the Rule.finding calls)
    FIELDS = frozenset({"canonical"})

    def prepare(self, rule: Any, ctx: Any) -> _State:
        terms = rule.params["terms"]
        if isinstance(terms, str) and terms.startswith("gazetteer:"):
            memo = _index_memo(ctx.gazetteer)
            if memo is not None:   # the built-in gazetteer: the index is on disk
                by_first, surnames, full_forms = memo.get(
                    ("index", terms), lambda: _flat(self._index(rule, ctx)))
                return _State(_Forms(by_first), surnames, full_forms)
        return self._index(rule, ctx)

    def _index(self, rule: Any, ctx: Any) -> _State:
        """Index the rule's forms by their first token (~10 ms for the built-in rules)."""
        terms = rule.params["terms"]
        forms: list[_Form] = []
        surnames: dict[str, tuple[str, str]] = {}
        full_forms: dict[str, list[str]] = defaultdict(list)
        if isinstance(terms, str) and terms.startswith("gazetteer:"):
            sections = [s.strip() for s in terms.split(":", 1)[1].split(",") if s.strip()]
            for e in ctx.gazetteer.section(*sections):
                for f in e.forms:
                    if f.isupper():        # acronyms (USA, DPRK) are not casing targets
                        continue
                    forms.append(_Form(f, e.name, e.section, f.lower()))
                    if e.section in PERSONAL:
                        words = f.split()
                        if len(words) >= 2:
                            full_forms[e.name].append(f.lower())
                            last = words[-1]
                            if _is_cap(last) and len(last) > 2:
                                surnames.setdefault(last.lower(), (last, e.name))
        else:
            for t in ([terms] if isinstance(terms, str) else terms):
                forms.append(_Form(str(t), str(t), "terms", str(t).lower()))
        by_first: dict[str, list[_Form]] = defaultdict(list)
        for f in forms:
            head = _FIRST_TOKEN.match(f.form)
            if head:  # index by the first token as Document tokenizes it ("U.S." → "u")
                by_first[head.group(0).lower()].append(f)
        for lst in by_first.values():
            lst.sort(key=lambda f: len(f.form), reverse=True)
        return _State(dict(by_first), surnames, dict(full_forms))

    def check(self, doc: Document, rule: Any, state: _State, ctx: Any) -> list[Finding]:
        # Only tokens that start a known form are visited: a C-level membership map over
        # the lower-cased tokens finds the tokens that begin a form's first word, and the
        # heads test (C-level maps again) keeps those followed by the beginning of a form.
        lows, starts, by_first, met = doc.token_lows, doc.token_starts, state.by_first, state.met
        out: list[Finding] = []
        prose = doc.prose
        cand, view = casing_scan.candidates(state, doc, _FEW_FORMS)
        covered_until = -1
        for i in cand:
            start = starts[i]
            if start < covered_until:
                continue
            forms = met.get(lows[i])
            if forms is None:
                forms = met[lows[i]] = by_first.get(lows[i], ())
            for form in forms:
                end = start + len(form.form)
                if prose[start:end].lower() != form.lower:
                    continue
                if end < len(prose) and (prose[end].isalnum() or prose[end] in "-"):
                    continue
                found = prose[start:end]
                covered_until = end
                if found == form.form or doc.position(start)[0] in doc.headline_lines:
                    break
                initial = start in doc.initial_offsets
                if self._wrong(found, form, initial, _heads(rule)) and not _in_common_noun(prose, start, rule):
                    fixed = _recase(found, form.form, initial)
                    if fixed != found:
                        out.append(rule.finding(start, end, found, replacements=(fixed,),
                                                canonical=form.canonical))
                break
        if rule.params.get("surnames"):
            out.extend(self._surnames(doc, rule, state, ctx, {(f.start, f.end) for f in out}, view.idx))
        return out

    @staticmethod
    def _wrong(found: str, form: _Form, initial: bool, heads: frozenset[str] = frozenset()) -> bool:
        fw = _SPLIT.split(found)
        form_words = form.words
        if len(fw) != len(form_words):
            return False
        if found.isupper():
            return False  # a dateline (MOSCOW), an all-caps line or label: style, not MT
        lowered = shouted = 0
        segments: list[list[str]] = [[]]   # per "of"-segment: C (capital), L (lower), I (initial)
        for i, (c, w) in enumerate(zip(form_words, fw)):
            if c.lower() in CONNECTORS:
                if c.lower() == "of":
                    segments.append([])
                continue  # "the Taliban" vs "The Taliban": articles and particles say nothing
            if _is_cap(c) and _is_lower(w):
                lowered += 1
            elif _is_shout(w) and not _is_shout(c):
                shouted += 1
            if _is_cap(c):
                segments[-1].append("I" if i == 0 and initial else ("C" if _is_cap(w) else "L"))
        if shouted:
            return True
        if not lowered:
            return False
        if form.section in PERSONAL:
            return True
        from ..commonwords import is_common_word
        if form.section in PLACES and len(fw) == 1:
            return not is_common_word(fw[0])   # "china", "turkey" are also common words
        if any(x in ("C", "I") for seg in segments for x in seg) and any(
                _is_cap(c) and _is_lower(w) and not is_common_word(w)
                for c, w in zip(form_words, fw) if c.lower() not in CONNECTORS):
            # A lower-cased word that is only a name ("State duma", "Gazprom neft") in a
            # name whose other words keep their capitals: no house style writes that.
            # (A generic noun may be lower case after a name in its own right: "European
            # commission"; see _lowered_head.)
            return True
        # multi-word places judged like institutions: "new York" is wrong, but "the port
        # of Spain" is a port in Spain, not Port of Spain
        if _mixed_institution(segments):
            return True
        return form.section == "institutions" and _lowered_head(form_words, fw, initial, heads)

    def _surnames(self, doc: Document, rule: Any, state: _State, ctx: Any,
                  done: set[tuple[int, int]], watched: list[int]) -> list[Finding]:
        words, starts, ends = doc.token_words, doc.token_starts, doc.token_ends
        hits = list(compress(watched, map(state.surnames.__contains__, map(words.__getitem__, watched))))
        if not hits:
            return []
        from ..commonwords import is_common_word
        prose, out = doc.prose, []
        lower_doc = None
        # Inside an earlier finding: the furthest end among spans starting at or before
        # the word, by bisection (a scan of every span per word was quadratic: 17 s for
        # a file repeating "Donald trump said it." 10,000 times).
        spans = sorted(done)
        firsts = [s for s, _ in spans]
        reach = list(accumulate((e for _, e in spans), max))
        for i in hits:
            word, start = words[i], starts[i]
            if not word.islower():
                continue
            j = bisect_right(firsts, start) - 1
            if j >= 0 and start < reach[j]:
                continue
            proper, canonical = state.surnames[word]
            common = is_common_word(word)
            if common:
                if lower_doc is None:
                    lower_doc = prose.lower()
                    titles = _titles(rule)
                if not any(f in lower_doc for f in state.full_forms.get(canonical, ())):
                    continue  # "trump card" with no Donald Trump in the story
                if not _name_context(doc, i, state, canonical, titles):
                    continue  # "may lose", "for burns", "90 pence", "brown bread"
            out.append(rule.finding(start, ends[i], word, replacements=(proper,),
                                    fix="unsafe" if common else True, canonical=canonical,
                                    message="'{text}' is the surname of {canonical}: write '{fix}'"))
        return out


def _recase(found: str, form: str, initial: bool) -> str:
    """The gazetteer form with the found text's separators; keep a capital at a sentence start."""
    if initial and found[:1].isupper() and form[:1].islower():
        return form[:1].upper() + form[1:]
    return form


def _may_mix(doc: Document, max_words: int) -> list[int] | bool:
    """The tokens a CaseConsistency finding could hold in lower case (empty: no finding;
    ``True``, which a test uses to force the long way: every token).

    A finding is a phrase of 2..max_words tokens, beginning and ending with a content
    word (not a connector), written as a title somewhere (every content word
    capitalized) and elsewhere, with the same words, with a content word w in lower case.
    w has a content neighbour inside the phrase (the next content word, or the previous
    one when w ends the phrase), and the stretch from w to it (only connectors between,
    only spaces around them) occurs twice: once with w's initial in lower case, once
    with both ends capitalized.  So: the words at stake (capitalized somewhere, with a
    lower-case initial elsewhere: one set intersection; mostly words capitalized at a
    sentence start), the stretches with both ends capitalized around their capitalized
    tokens, then the lower-case tokens of those words with such a stretch.
    """
    stake, capital, capital_at = casing_phrases.at_stake(doc, CONNECTORS)
    if not stake:
        return []
    words, lows = doc.token_words, doc.token_lows
    n = len(lows)
    prose, starts, ends = doc.prose, doc.token_starts, doc.token_ends

    def neighbour(k: int, step: int) -> int:
        """The next content token from k in direction step (+1/-1), with only connectors
        and spaces between and at most max_words tokens from k to it; -1 if none."""
        m = k + step
        while 0 <= m < n and abs(m - k) < max_words:
            e, s = (m - 1, m) if step > 0 else (m, m + 1)
            if prose[ends[e]:starts[s]].strip():
                return -1   # punctuation between: no phrase spans it
            if lows[m] not in CONNECTORS:
                return m
            m += step
        return -1

    titled: set[tuple[str, ...]] = set()
    for k in compress(capital_at, map(stake.__contains__, map(lows.__getitem__, capital_at))):
        # (the next or previous token must be capitalized or a connector)
        if k + 1 < n and (capital[k + 1] or lows[k + 1] in CONNECTORS):
            m = neighbour(k, 1)
            if m > 0 and capital[m]:
                titled.add(tuple(lows[k:m + 1]))
        if k > 0 and (capital[k - 1] or lows[k - 1] in CONNECTORS):
            m = neighbour(k, -1)
            if m >= 0 and capital[m]:
                titled.add(tuple(lows[m:k + 1]))
    if not titled:
        return []
    ends_of = {key[0] for key in titled} | {key[-1] for key in titled}
    out = []
    for k in textscan.SCAN.indices_in(lows, ends_of):
        if words[k][0].islower():
            m = neighbour(k, 1)
            if m > 0 and tuple(lows[k:m + 1]) in titled:
                out.append(k)
                continue
            m = neighbour(k, -1)
            if m >= 0 and tuple(lows[m:k + 1]) in titled:
                out.append(k)
    return out


class CaseConsistency:
    """A phrase written in Title Case in one place and in mixed case in another."""

    PARAMS = {
        "max_words": (int, False),
    }
    FIELDS: frozenset[str] = frozenset()

    def prepare(self, rule: Any, ctx: Any) -> int:
        return int(rule.params.get("max_words", 4))

    def check(self, doc: Document, rule: Any, max_words: int, ctx: Any) -> list[Finding]:
        """``_may_mix`` finds the few lower-case tokens a finding could hold (in most
        articles none); casing_phrases.mixed_phrases looks at the phrases around them."""
        lowered = _may_mix(doc, max_words)
        if not lowered:
            return []
        if lowered is True:   # forced: every token with a lower-case initial
            lowered = [k for k, w in enumerate(doc.token_words) if w[0].islower()]
        return [rule.finding(start, end, phrase, replacements=(title,))
                for start, end, phrase, title in
                casing_phrases.mixed_phrases(doc, lowered, max_words, CONNECTORS, _is_shout)]
