"""What a pattern rule's matches need, read off the pattern: the analysis behind the
cheap tests that tell a pattern cannot match an article, so its regex need not run.

Most patterns cannot match most articles: "said ... in" needs a closing quote, a dateline
needs a month name.  What a match needs is read off each pattern once, with the standard
library's regex parser: literal strings (:func:`required_literals`) and a stretch both
regex engines read alike (:func:`required_core`).  Every test is a necessary condition:
a skipped article is one the pattern cannot match, so findings never change.  The tests
themselves, run per article, are in ``needs.py``.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from re import _parser as _sre
from typing import Any

from ..diskmemo import DiskMemo

# Characters many words of any article begin with: a scan for alternatives that start
# with one of these stops at nearly every position, and is slower than substring tests.
_FREQUENT_START = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 \t\n,.-'")


def core_cost(source: str) -> int:
    """Cheap when the scan can skip to a rare first character; otherwise after the
    substring tests, which usually decide (kept in the memo: parsing costs ~0.1 ms)."""
    op, av = _sre.parse(source)[0]
    return 4 if op is _sre.LITERAL and chr(av) not in _FREQUENT_START else 30


_MAX_ALTERNATIVES = 40     # a longer list of alternatives costs more to test than the scan
_MAX_CLASS = 6             # a character class of up to this many characters counts as literals
_MAX_NEEDS = 4
# POSIX classes, nested sets, fuzzy constraints and regex-only flags: read differently
# (or not at all) by the standard library's parser
_NOT_PLAIN = re.compile(r"\[:\^?[A-Za-z]+:\]|\[\[|\{\s*[^\d\s,}]|\(\?[^:=!<>P#)(imsxauL-]")
INLINE_I = re.compile(r"\(\?[a-zA-Z-]*i")   # (?i), (?i:...), (?ai) ...
# single characters nearly every article holds: a need made of them skips nothing, nor
# does a letter or digit of them with spaces ("s ", "t ": ~20 times in every article, 36
# of the one-pass index's ~70 matches an article; "- " is in 2 of 5 articles: kept)
_COMMON = frozenset(" \t\r\n,.-'abcdefghijklmnopqrstuvwxyz0123456789")
# The same for strings: English's most frequent words (as substrings, "in" and "on" are
# in nearly every text) and ", ".  A need with one of them as an alternative holds in
# 80-99% of articles; in the one-pass index it only adds matches to collect (~165 per
# article, half the index's cost), so it is not kept (a looser pre-check: never a
# different answer).
_UBIQUITOUS = frozenset("the of and to in on at or for with that by is it as was a an ,".split())


def _weak(lit: str) -> bool:
    """Does nearly every article hold *lit*, so that a need offering it filters nothing?"""
    low = lit.lower()
    bare = low.strip(" ")
    return low in _COMMON or bare in _UBIQUITOUS or (bare in _COMMON and bare.isalnum())


def _useful(alts: frozenset[str]) -> bool:
    """A need worth testing: some alternatives, none empty, none that nearly every article holds."""
    return bool(alts) and all(alts) and not any(map(_weak, alts))


#: Answers of the two analyses below, kept between runs: they depend only on the pattern
#: and this file's code, and reading every built-in pattern costs ~10 ms per start.
#: Bounded (the oldest answers make room): the built-in rules need ~80, and every edit
#: of a user's pattern adds its own.
_MEMO = DiskMemo("prefilter", __file__, limit=2000)


def required_literals(pattern: str, fold: bool = True) -> list[frozenset[str]] | None:
    """What any match of *pattern* must contain, as literal strings: a list of
    alternative sets, each of which must have a member in the text (lookaround contents
    included: they must be in the text too).  ``[]`` when nothing is certain; ``None``
    when the pattern uses syntax the standard library's parser does not read the same
    way as the ``regex`` module (POSIX classes, fuzzy matching, regex-only flags).

    With *fold* the literals are case-folded, to be looked for in the case-folded text:
    a necessary condition with or without IGNORECASE, since an exact or case-insensitive
    occurrence is also a case-folded one.  Without it they are as written (for patterns
    that match case-sensitively).
    """
    return _MEMO.get(("literals", pattern, fold), lambda: _required_literals(pattern, fold))


def _required_literals(pattern: str, fold: bool) -> list[frozenset[str]] | None:
    tree = _parsed(pattern)
    if tree is None:
        return None
    needs = {frozenset(x.casefold() if fold else x for x in alts) for alts in _needs(list(tree))}
    needs = set(filter(_useful, needs))
    needs = {a for a in needs if not any(b < a for b in needs)}   # a subset need implies this one
    # the most selective first (longest shortest literal, then fewest alternatives)
    return sorted(needs, key=lambda a: (-min(map(len, a)), len(a), sorted(a)))[:_MAX_NEEDS]


_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_MAX_SET = 64      # most strings a run of finite pieces may stand for ("said in", "noted at" ...)
_MAX_COPIES = 3    # x{0,3} is finite; x{0,9} is not worth spelling out


def _needs(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Required literal sets of a parsed sequence (see :func:`required_literals`).

    Consecutive pieces that can only match a few known strings (literals, small classes,
    alternations of those, "x?") are multiplied out into one set ("said|noted" then " "
    then "in|at" gives "said in", "noted at" ...): longer strings skip more articles.
    """
    out: list[frozenset[str]] = []
    cur = {""}
    lit = ""   # the literal run since the last piece with several strings

    def flush() -> None:
        nonlocal cur, lit
        if cur != {""} and all(cur):
            out.append(frozenset(cur))
        if lit:
            out.append(frozenset([lit]))
        cur, lit = {""}, ""

    def add(fin: set[str]) -> None:
        """Append a piece; its own strings are a need too (a cheap first test, when the
        product of the run is long)."""
        nonlocal cur, lit
        joined = _product(cur, fin)
        if joined is None:
            flush()
            joined = set(fin)
        cur = joined
        if len(fin) == 1:
            lit += next(iter(fin))
        else:
            if lit:
                out.append(frozenset([lit]))
            lit = ""
            if all(fin):
                out.append(frozenset(fin))

    for op, av in items:
        if op is _sre.ASSERT:   # positive lookahead/lookbehind: its content is in the text too
            out.extend(_needs(list(av[1])))
        fin = _finite([(op, av)])
        if fin is not None:
            add(fin)
            continue
        if op in _REPEATS:
            lo, hi, item = av
            sub = list(item)
            once = _finite(sub)
            if lo >= 1 and once is not None:   # "x{2,}" needs "xx", then who knows
                for _ in range(lo):
                    add(once)
                flush()
                continue
            flush()
            if lo >= 1:
                out.extend(_needs(sub))
            continue
        flush()
        if op is _sre.SUBPATTERN:
            out.extend(_needs(list(av[-1])))
        elif op is _sre.ATOMIC_GROUP:
            out.extend(_needs(list(av)))
        elif op is _sre.BRANCH:
            union: set[str] = set()
            for alt in av[1]:
                # each alternative's most selective need that is not always met
                got = list(filter(_useful, _needs(list(alt))))
                if not got:
                    break
                union |= max(got, key=lambda a: (min(map(len, a)), -len(a)))
            else:
                if len(union) <= _MAX_ALTERNATIVES:
                    out.append(frozenset(union))
        # anything else (categories, any character, wide or negated classes,
        # back-references, conditionals) requires nothing literal
    flush()
    return out


def _product(left: set[str], right: set[str]) -> set[str] | None:
    if len(left) * len(right) > _MAX_SET:
        return None
    return {a + b for a in left for b in right}


def _finite(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Every string a parsed sequence can match, if they are few; else None.  Zero-width
    pieces (anchors, lookarounds) count as the empty string: what they rule out only
    makes the set larger than needed, never too small."""
    res = {""}
    for op, av in items:
        if op is _sre.LITERAL:
            got: set[str] | None = {chr(av)}
        elif op is _sre.IN:
            chars = _class_chars(av)
            got = set(chars) if chars else None
        elif op in _ZERO_WIDTH:
            got = {""}
        elif op is _sre.SUBPATTERN:
            got = _finite(list(av[-1]))
        elif op is _sre.ATOMIC_GROUP:
            got = _finite(list(av))
        elif op is _sre.BRANCH:
            got = set()
            for alt in av[1]:
                one = _finite(list(alt))
                if one is None:
                    return None
                got |= one
        elif op in _REPEATS:
            lo, hi, item = av
            once = _finite(list(item))
            if once is None or hi > _MAX_COPIES:
                return None
            got, power = set(), {""}
            for n in range(hi + 1):
                if n >= lo:
                    got |= power
                power = _product(power, once)
                if power is None:
                    return None
        else:
            return None
        if got is None:
            return None
        res = _product(res, got)
        if res is None:
            return None
    return res


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None   # negated, a category (\w, \s) or a wide range
    return frozenset(chars) if len(chars) <= _MAX_CLASS else None


#: ``\K`` not itself escaped: regex's "keep", which the standard library lacks
_KEEP = re.compile(r"(?<!\\)((?:\\\\)*)\\K")


@lru_cache(maxsize=512)
def _parsed(pattern: str) -> Any:
    r"""The standard library's parse of *pattern*, or None when it may read it differently
    from the ``regex`` module (or cannot read it).

    ``\K`` ("keep": the reported match starts there, as in a line-anchored rule's
    ``^[ \t]*\K...``) moves where a match is reported, not whether the text holds one,
    so it is dropped first: the literals and the core of the rest are still needed."""
    pattern = _KEEP.sub(r"\1", pattern)
    if _NOT_PLAIN.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return _sre.parse(pattern)
    except Exception:   # noqa: BLE001 - any failure just means "no pre-check"
        return None


def required_core(pattern: str) -> str | None:
    """A standard-library regex that every match of the case-sensitive *pattern* contains
    a match of, or None.

    Taken from the pattern's top level: the longest stretch of pieces both engines read
    the same way (literal characters, classes of literal characters and ranges, groups,
    alternations and repeats of those; never \\w, \\s, \\d or ".", whose Unicode
    meanings differ).  Anchors and lookarounds in between are dropped (a looser
    condition is still a necessary one); a lookahead's content may close the stretch
    and a lookbehind's open it.  Leading and trailing pieces without a literal character
    are trimmed, so the scan starts from something rare.  Nested repeats are refused:
    the standard library has no timeout.
    """
    return _MEMO.get(("core", pattern), lambda: _required_core(pattern))


def _required_core(pattern: str) -> str | None:
    tree = _parsed(pattern)
    if tree is None:
        return None
    best: list[tuple[str, float]] = []
    best_score = 0.0
    run: list[tuple[str, float]] = []

    def consider(stretch: list[tuple[str, float]]) -> None:
        nonlocal best, best_score
        while stretch and stretch[0][1] < 1:   # start the scan from a literal character
            stretch = stretch[1:]
        score = sum(w for _, w in stretch)
        if len(stretch) >= 2 and score > best_score:
            best, best_score = stretch, score

    def close() -> None:
        nonlocal run
        consider(run)
        run = []

    for op, av in tree:
        if op is _sre.ASSERT and av[0] == -1 and not run:   # (?<=x)y: x then y
            got = _simple(list(av[1]))
            if got is not None:
                run.append(got)
            continue
        if op is _sre.ASSERT and av[0] == 1:
            # x(?=y)z: "x then y" is one candidate (y's longest simple beginning), and
            # the run goes on as "x then z" (z matches where y does: the look-ahead is
            # dropped).  MT701's "preposition (?=capital) country" is scanned as
            # "preposition, space, country", not as "preposition, space, capital".
            content = list(av[1])
            while content:
                got = _simple(content)
                if got is not None:
                    consider(run + [got])
                    break
                content.pop()
            continue
        if op in _ZERO_WIDTH:
            continue
        got = _simple([(op, av)])
        if got is None:
            close()
        else:
            run.append(got)
    close()
    if best_score < 1.25:
        return None
    core = "".join(src for src, _ in best)
    if all(op is _sre.LITERAL for op, _ in _sre.parse(core)):
        return None   # a plain string: the literal needs already test it
    return core


def _simple(items: list[tuple[Any, Any]], in_repeat: bool = False) -> tuple[str, float] | None:
    """(regex source, weight) of a sequence both engines read alike, or None.  The weight
    counts literal characters (1 each) and narrow classes (1/2): how rare a match is."""
    out, weight = [], 0.0
    for op, av in items:
        if op is _sre.LITERAL:
            out.append(re.escape(chr(av)))
            weight += 1
        elif op is _sre.IN:
            got = _class_source(av)
            if got is None:
                return None
            out.append(got[0])
            weight += got[1]
        elif op in _ZERO_WIDTH:
            continue   # dropped: the condition only gets looser
        elif op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                return None   # scoped flags
            got = _simple(list(av[-1]), in_repeat)
            if got is None:
                return None
            out.append(f"(?:{got[0]})")
            weight += got[1]
        elif op is _sre.BRANCH:
            alts = [_simple(list(alt), in_repeat) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            out.append("(?:" + "|".join(a[0] for a in alts) + ")")   # type: ignore[index]
            weight += min(a[1] for a in alts)   # type: ignore[index]
        elif op in _REPEATS:
            lo, hi, item = av
            if in_repeat:
                return None   # nested repeats: no backtracking blow-ups without a timeout
            got = _simple(list(item), True)
            if got is None:
                return None
            top = "" if hi == _sre.MAXREPEAT else str(hi)
            out.append(f"(?:{got[0]}){{{lo},{top}}}")
            weight += got[1] * min(lo, 1)
        else:
            return None
    return "".join(out), weight


def _class_source(items: list[tuple[Any, Any]]) -> tuple[str, float] | None:
    parts, size = [], 0
    for op, av in items:
        if op is _sre.LITERAL:
            parts.append(re.escape(chr(av)))
            size += 1
        elif op is _sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
            size += av[1] - av[0] + 1
        elif op is _sre.CATEGORY and av == _sre.CATEGORY_SPACE:
            # \s: the standard library's holds every character regex's does, and four
            # more (U+001C-U+001F, which str.isspace() calls space), so a scan with it
            # finds a match wherever the pattern has one: a looser test, still a
            # necessary one (tests/test_fast_paths.py checks every code point).  Never
            # negated here: a negated class returned None above.
            parts.append(r"\s")
            size += _MAX_CLASS + 1   # as common as a wide class: weighs nothing alone
        else:
            return None   # negated, or a category whose meaning differs between engines (\w, \d)
    if size > _MAX_CLASS and all(p == r"\s" for p in parts):
        return r"\s", 0.0
    return "[" + "".join(parts) + "]", (0.5 if size <= _MAX_CLASS else 0.25)
