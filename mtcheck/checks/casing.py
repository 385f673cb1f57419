"""Casing of known names and institutions, and the same phrase cased two ways.

MT systems lower-case proper names that collide with common words ("Donald trump"),
copy Russian capitalization into institution names ("the foreign Ministry", "UN security
Council") and upper-case name parts ("Kim Jong-UN").  A capital at the start of a
sentence says nothing, so checks ask the Document which offsets are "initial".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..document import Document
from ..findings import Finding

_SPLIT = re.compile(r"[\s-]+")
_FIRST_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
CONNECTORS = frozenset("a an of the for and on in at to de la le du des von van der den bin al el da di y".split())
PERSONAL = ("people",)
_DET_BEFORE = re.compile(r"\b(?:a|an|the|his|her|their|its|my|your|our|this|these|those|every|each|no|any|some)\s+$",
                         re.IGNORECASE)
PLACES = ("countries", "capitals", "cities")


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_lower(word: str) -> bool:
    return bool(word) and word[0].islower()


def _is_shout(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass
class _Form:
    form: str          # the surface form as written in the gazetteer
    canonical: str     # the entry's canonical name (for messages)
    section: str
    words: list[str]


@dataclass
class _State:
    by_first: dict[str, list[_Form]]
    surnames: dict[str, tuple[str, str]]   # lower surname -> (proper surname, canonical full)
    full_forms: dict[str, list[str]]        # canonical -> lowered full forms (evidence)


class Capitalization:
    """Known terms (gazetteer sections or an inline list) written with wrong capitals."""

    PARAMS = {
        "terms": ((str, list), True),   # "gazetteer:people,institutions" or a list of terms
        "surnames": (bool, False),      # also check bare lower-case surnames of people
    }

    def prepare(self, rule: Any, ctx: Any) -> _State:
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
                    forms.append(_Form(f, e.name, e.section, _SPLIT.split(f)))
                    if e.section in PERSONAL:
                        words = f.split()
                        if len(words) >= 2:
                            full_forms[e.name].append(f.lower())
                            last = words[-1]
                            if _is_cap(last) and len(last) > 2:
                                surnames.setdefault(last.lower(), (last, e.name))
        else:
            for t in ([terms] if isinstance(terms, str) else terms):
                forms.append(_Form(str(t), str(t), "terms", _SPLIT.split(str(t))))
        by_first: dict[str, list[_Form]] = defaultdict(list)
        for f in forms:
            head = _FIRST_TOKEN.match(f.form)
            if head:  # index by the first token as Document tokenizes it ("U.S." → "u")
                by_first[head.group(0).lower()].append(f)
        for lst in by_first.values():
            lst.sort(key=lambda f: len(f.form), reverse=True)
        return _State(dict(by_first), surnames, dict(full_forms))

    def check(self, doc: Document, rule: Any, state: _State, ctx: Any) -> list[Finding]:
        prose, out = doc.prose, []
        covered_until = -1
        lowered_text = prose.lower()
        headlines = doc.headline_lines
        initial = doc.initial_offsets
        for tok in doc.tokens:
            if tok.start < covered_until:
                continue
            first = prose[tok.start:tok.end].lower()
            for form in state.by_first.get(first, ()):
                end = tok.start + len(form.form)
                if lowered_text[tok.start:end] != form.form.lower():
                    continue
                if end < len(prose) and (prose[end].isalnum() or prose[end] in "-"):
                    continue
                found = prose[tok.start:end]
                covered_until = end
                if found == form.form or doc.position(tok.start)[0] in headlines:
                    break
                if self._wrong(found, form, tok.start in initial):
                    fixed = _recase(found, form.form, tok.start in initial)
                    if fixed != found:
                        out.append(rule.finding(tok.start, end, found, replacements=(fixed,),
                                                canonical=form.canonical))
                break
        if rule.params.get("surnames"):
            out.extend(self._surnames(doc, rule, state, ctx, {(f.start, f.end) for f in out}))
        return out

    @staticmethod
    def _wrong(found: str, form: _Form, initial: bool) -> bool:
        fw = _SPLIT.split(found)
        if len(fw) != len(form.words):
            return False
        if found.isupper():
            return False  # a dateline (MOSCOW), an all-caps line or label: style, not MT
        lowered = shouted = 0
        segments: list[list[str]] = [[]]   # per "of"-segment: C (capital), L (lower), I (initial)
        for i, (c, w) in enumerate(zip(form.words, fw)):
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
        if form.section in PLACES and len(fw) == 1:
            from ..commonwords import is_common_word
            return not is_common_word(fw[0])   # "china", "turkey" are also common words
        # multi-word places judged like institutions: "new York" is wrong, but "the port
        # of Spain" is a port in Spain, not Port of Spain
        return _mixed_institution(segments)

    def _surnames(self, doc: Document, rule: Any, state: _State, ctx: Any,
                  done: set[tuple[int, int]]) -> list[Finding]:
        from ..commonwords import is_common_word
        prose, out = doc.prose, []
        lower_doc = None
        for tok in doc.tokens:
            word = prose[tok.start:tok.end]
            if not word.islower() or word not in state.surnames:
                continue
            if any(s <= tok.start < e for s, e in done):
                continue
            proper, canonical = state.surnames[word]
            common = is_common_word(word)
            if common:
                before = _DET_BEFORE.search(prose, max(0, tok.start - 12), tok.start)
                if before:
                    continue  # "his trump card", "a bush": the common word, not the name
                if lower_doc is None:
                    lower_doc = prose.lower()
                if not any(f in lower_doc for f in state.full_forms.get(canonical, ())):
                    continue  # "trump card" with no Donald Trump in the story
            out.append(rule.finding(tok.start, tok.end, word, replacements=(proper,),
                                    fix="unsafe" if common else True, canonical=canonical,
                                    message="'{text}' is the surname of {canonical}: write '{fix}'"))
        return out


def _mixed_institution(segments: list[list[str]]) -> bool:
    """Is this institution name cased the MT way?

    All lower case is a house style, and so is a lower-case title before a proper noun
    ("the chairman of the Joint Chiefs", "supreme leader of Iran") or a lower-case generic
    noun after a proper adjective ("Republican party").  Russian-style casing instead
    puts a lower-case word *before* a capitalized one inside a name ("foreign Ministry",
    "UN security Council") or lower-cases what follows "of" in a capitalized name
    ("Ministry of justice", "Secretary of state").
    """
    for seg in segments:
        if "L" in seg and "C" in seg[seg.index("L"):]:
            return True
    head = segments[0]
    if "C" in head:
        for seg in segments[1:]:
            if seg and all(x == "L" for x in seg):
                return True
    return False


def _recase(found: str, form: str, initial: bool) -> str:
    """The gazetteer form with the found text's separators; keep a capital at a sentence start."""
    if initial and found[:1].isupper() and form[:1].islower():
        return form[:1].upper() + form[1:]
    return form


class CaseConsistency:
    """A phrase written in Title Case in one place and in mixed case in another."""

    PARAMS = {
        "max_words": (int, False),
    }

    def prepare(self, rule: Any, ctx: Any) -> int:
        return int(rule.params.get("max_words", 4))

    def check(self, doc: Document, rule: Any, max_words: int, ctx: Any) -> list[Finding]:
        prose, initial, headlines = doc.prose, doc.initial_offsets, doc.headline_lines
        titles: dict[str, str] = {}
        mixed: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        toks = doc.tokens
        n_tok = len(toks)
        # Per-token facts computed once; the n-gram loop below only reads them.
        words = [prose[t.start:t.end] for t in toks]
        lower = [w.lower() for w in words]
        conn = [w in CONNECTORS for w in lower]
        capital = [_is_cap(w) for w in words]
        capped = [c and not _is_shout(w) for c, w in zip(capital, words)]
        lowcase = [_is_lower(w) for w in words]
        first = [t.start in initial for t in toks]
        joined = [i + 1 < n_tok and not prose[toks[i].end:toks[i + 1].start].strip() for i in range(n_tok)]
        sent_end: list[int] = []
        sentences, si = doc.sentences, 0
        for t in toks:
            while si < len(sentences) and sentences[si].end <= t.start:
                si += 1
            sent_end.append(sentences[si].end if si < len(sentences) else -1)
        in_headline = [False] * n_tok
        if headlines:
            in_headline = [doc.position(t.start)[0] in headlines for t in toks]
        for i in range(n_tok):
            s_end = sent_end[i]
            if s_end < 0:
                break
            if in_headline[i] or conn[i]:
                continue
            for n in range(2, max_words + 1):
                j = i + n - 1
                if j >= n_tok or toks[j].end > s_end or not joined[j - 1]:
                    break
                if conn[j]:
                    continue
                content = [k for k in range(i, j + 1) if not conn[k]]
                if len(content) < 2:
                    continue
                informative = [k for k in content if not (k == i and first[i])]
                caps = sum(1 for k in informative if capped[k])
                if not caps:
                    continue  # neither a title nor a mixed phrase: the common case, cheaply
                lows = sum(1 for k in informative if lowcase[k])
                key = " ".join(lower[i:j + 1])
                if (not lows and caps >= 2 and caps == len(informative)
                        and all(capital[k] for k in content)):
                    titles.setdefault(key, prose[toks[i].start:toks[j].end])
                elif lows:
                    mixed[key].append((toks[i].start, toks[j].end, prose[toks[i].start:toks[j].end]))
        hits = sorted(((s, e, p, titles[k]) for k, occ in mixed.items() if k in titles for s, e, p in occ),
                      key=lambda h: (h[0], -(h[1] - h[0])))
        out, last_end = [], -1
        for start, end, phrase, title in hits:
            if start < last_end:
                continue  # keep the longest phrase at a position, never overlapping findings
            out.append(rule.finding(start, end, phrase, replacements=(title,)))
            last_end = end
        return out
