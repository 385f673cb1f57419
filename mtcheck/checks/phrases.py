"""Existence and substitution: the regex-driven kinds that hold most phrase knowledge.

User patterns run on the ``regex`` module with a timeout, so a catastrophically
backtracking rule cannot hang a pre-commit run: it is reported and skipped instead.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from re import _parser as _sre
from typing import Any

import regex

from ..document import Document
from ..findings import Finding


@dataclass
class _Compiled:
    patterns: list["_Pattern"]
    replace: str | None


class _Pattern:
    """A user pattern, compiled on first use, with the literal strings a match needs.

    Most patterns cannot match most articles: "said ... in" needs a closing quote, a
    dateline needs a month name.  :func:`required_literals` reads those needs off the
    pattern once; a substring test per article then skips the regex scan (and, in a
    one-article run, the regex compilation) when they are absent.
    """

    __slots__ = ("pattern", "ignorecase", "rule", "needs", "folded", "tests", "_rx")

    def __init__(self, pattern: str, ignorecase: bool, rule: Any) -> None:
        self.pattern, self.ignorecase, self.rule = pattern, ignorecase, rule
        # a case-sensitive pattern needs its literals as written ("UN", not "un" in "under")
        self.folded = ignorecase or bool(_INLINE_I.search(pattern))
        self.needs = required_literals(pattern, fold=self.folded)
        self.tests = [_Need(alts) for alts in self.needs or []]
        self.tests.sort(key=lambda t: t.cost)
        self._rx = None
        if self.needs is None:   # not plain syntax: compile now, so a bad pattern is reported at once
            self._rx = compile_user_regex(pattern, ignorecase, rule)

    @property
    def rx(self) -> Any:
        if self._rx is None:
            self._rx = compile_user_regex(self.pattern, self.ignorecase, self.rule)
        return self._rx

    def may_match(self, doc: Document) -> bool:
        """Does the article hold every need (some alternative of each)?"""
        if not self.tests:
            return True
        if self.folded:
            text = doc.memo.get("phrases.folded")
            if text is None:
                text = doc.memo["phrases.folded"] = doc.prose.casefold()
        else:
            text = doc.prose
        return all(t.found(text) for t in self.tests)


# Characters many words of any article begin with: a scan for alternatives that start
# with one of these stops at nearly every position, and is slower than substring tests.
_FREQUENT_START = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 \t\n,.-'")


class _Need:
    """Alternatives one of which an article must hold.  A few are tested as substrings;
    many that begin with rarer characters (capitals, quotes) by one scan of a standard
    library regex of them all, which skips to those characters quickly."""

    __slots__ = ("alts", "cost", "_rx")

    def __init__(self, alts: frozenset[str]) -> None:
        self.alts = tuple(sorted(alts, key=lambda a: (-len(a), a)))
        self._rx: re.Pattern[str] | None = None
        one_scan = len(alts) >= 4 and not any(a[0] in _FREQUENT_START for a in alts)
        self.cost = 3 if one_scan else len(alts)
        if one_scan:
            self._rx = re.compile("|".join(map(re.escape, self.alts)))

    def found(self, text: str) -> bool:
        if self._rx is not None:
            return self._rx.search(text) is not None
        return any(a in text for a in self.alts)


def compile_user_regex(pattern: str, ignorecase: bool, rule: Any) -> Any:
    flags = 0
    if ignorecase:
        flags |= regex.IGNORECASE
    try:
        return regex.compile(pattern, flags | regex.MULTILINE)
    except regex.error as exc:
        from ..rules import RuleError
        raise RuleError(f"{rule.path}:{rule.line}: {rule.code}: bad regular expression {pattern!r}: {exc}") from None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _tokens_pattern(tokens: list[str]) -> str:
    alts = sorted((regex.escape(t).replace(r"\ ", r"\s+") for t in tokens), key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"


_MAX_ALTERNATIVES = 40     # a longer list of alternatives costs more to test than the scan
_MAX_CLASS = 6             # a character class of up to this many characters counts as literals
_MAX_NEEDS = 4
# POSIX classes, nested sets, fuzzy constraints and regex-only flags: read differently
# (or not at all) by the standard library's parser
_NOT_PLAIN = re.compile(r"\[:\^?[A-Za-z]+:\]|\[\[|\{\s*[^\d\s,}]|\(\?[^:=!<>P#)(imsxauL-]")
_INLINE_I = re.compile(r"\(\?[a-zA-Z-]*i")   # (?i), (?i:...), (?ai) ...
# single characters nearly every article holds: a need made of them skips nothing
_COMMON = frozenset(" \t\r\n,.-'abcdefghijklmnopqrstuvwxyz0123456789")


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
    if _NOT_PLAIN.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tree = _sre.parse(pattern)
    except Exception:   # noqa: BLE001 - any failure just means "no pre-check"
        return None
    needs = {frozenset(x.casefold() if fold else x for x in alts) for alts in _needs(list(tree))}
    needs = {alts for alts in needs if alts and all(alts) and not any(lit.lower() in _COMMON for lit in alts)}
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
                got = _needs(list(alt))
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


def run_patterns(doc: Document, rule: Any, patterns: list[Any], ctx: Any, *,
                 text: str | None = None):
    """Yield matches of *patterns* over the prose, stopping a rule that times out."""
    source = doc.prose if text is None else text
    for rx in patterns:
        try:
            yield from rx.finditer(source, timeout=ctx.regex_timeout)
        except TimeoutError:
            ctx.notice(f"{rule.path}:{rule.line}: rule {rule.code} timed out on {doc.path} after "
                       f"{ctx.regex_timeout}s and was skipped there; simplify its pattern")
            return


def match_case(template: str, found: str) -> str:
    """Give *template* the capitalization shape of *found* (UPPER, Title or as written)."""
    if found.isupper() and len(found) > 1:
        return template.upper()
    if found[:1].isupper() and template[:1].islower():
        return template[:1].upper() + template[1:]
    return template


def looks_truncated(word: str, common: float = 3.5) -> bool:
    """A word cut short by a teaser widget: not itself common, and the prefix of a
    clearly more frequent word ("refus" → "refuse", "Tehr" → "Tehran").

    The lexicon is sorted, so the words extending ``word`` are one contiguous range
    (two bisections); the best Zipf value in it decides.
    """
    from ..lexicon import scale, table, zipf
    w = word.lower()
    own = zipf(w)
    if own >= common:
        return False
    need = max(own + 0.75, 3.0)
    tab = table()
    lo, hi = tab.prefix_range(w)
    if lo < hi and tab.key(lo) == w:
        lo += 1  # the word itself sorts first in its own prefix range
    return lo < hi and max(tab.values[lo:hi]) / scale() >= need


class _Filters:
    """Optional conditions shared by pattern kinds (all YAML-configurable)."""

    PARAMS = {
        "target": (str, False),           # report this named group instead of the whole match
        "in_protected": (bool, False),    # allow matches inside URLs/handles/hashtags
        "not_english": (str, False),      # named group must not be an English word or known name
        "not_acronym": (str, False),      # named group must not be a known acronym
        "truncated": (str, False),        # named group must look like a word cut short
        "skip_headlines": (bool, False),  # ignore lines in headline case
        "requires": (list, False),        # literal strings one of which must occur, or skip the rule
    }

    @staticmethod
    def applies(doc: Document, rule: Any) -> bool:
        """Cheap pre-check: a rule whose pattern needs "..." need not scan a text without one."""
        req = rule.params.get("requires")
        return not req or any(r in doc.prose for r in req)

    @staticmethod
    def accept(doc: Document, rule: Any, m: Any, ctx: Any) -> bool:
        p = rule.params
        if doc.fmt != "text":
            s, e = m.span()
            if doc.prose[s:e].strip() == "" and doc.text[s:e] != doc.prose[s:e]:
                return False  # only blanked markup matched (e.g. spaces left by removed tags)
        if not p.get("in_protected") and doc.is_protected(m.start(), m.end()):
            return False
        if p.get("skip_headlines") and doc.position(m.start())[0] in doc.headline_lines:
            return False
        groups = m.groupdict()
        group = p.get("not_english")
        if group and groups.get(group) is not None:
            from ..lexicon import zipf
            word = groups[group]
            if zipf(word) >= 1.0 or ctx.gazetteer.is_name_word(word):
                return False
        group = p.get("truncated")
        if group and groups.get(group) is not None:
            if not looks_truncated(groups[group]) or ctx.gazetteer.is_name_word(groups[group]):
                return False
        group = p.get("not_acronym")
        if group and groups.get(group) is not None:
            if groups[group] in ctx.gazetteer.acronyms:
                return False
        return True

    @staticmethod
    def span(rule: Any, m: Any) -> tuple[int, int]:
        target = rule.params.get("target")
        start, end = m.span(target) if target and m.groupdict().get(target) is not None else m.span()
        while end > start and m.string[end - 1] == "\r":
            end -= 1  # `$` and `[^\n]*` stop before \n, not before a CRLF's \r
        return start, end


class Existence:
    """Flag every match of a pattern (or literal token list); optionally suggest a rewrite."""

    PARAMS = {
        "pattern": ((str, list), False),
        "tokens": (list, False),
        "ignorecase": (bool, False),
        "replace": (str, False),
        **_Filters.PARAMS,
    }

    def prepare(self, rule: Any, ctx: Any) -> _Compiled:
        ic = bool(rule.params.get("ignorecase"))
        pats = [_Pattern(p, ic, rule) for p in _as_list(rule.params.get("pattern"))]
        if rule.params.get("tokens"):
            pats.append(_Pattern(_tokens_pattern(rule.params["tokens"]), ic, rule))
        if not pats:
            from ..rules import RuleError
            raise RuleError(f"{rule.path}:{rule.line}: {rule.code}: existence needs 'pattern' or 'tokens'")
        return _Compiled(pats, rule.params.get("replace"))

    def check(self, doc: Document, rule: Any, state: _Compiled, ctx: Any) -> list[Finding]:
        out = []
        if not _Filters.applies(doc, rule):
            return out
        pats = [p.rx for p in state.patterns if p.may_match(doc)]
        for m in run_patterns(doc, rule, pats, ctx):
            if m.end() == m.start() or not _Filters.accept(doc, rule, m, ctx):
                continue
            start, end = _Filters.span(rule, m)
            found = doc.text[start:end]
            reps: tuple[str, ...] = ()
            if state.replace is not None:
                reps = (m.expand(state.replace) if not rule.params.get("target") else state.replace,)
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            out.append(rule.finding(start, end, found, replacements=reps, **groups))
        return out


class Substitution:
    """Known wrong → right pairs (``swap``); the replacement keeps the found case shape."""

    PARAMS = {
        "swap": (dict, True),
        "ignorecase": (bool, False),
        **_Filters.PARAMS,
    }

    def prepare(self, rule: Any, ctx: Any) -> list[tuple[_Pattern, str]]:
        ic = bool(rule.params.get("ignorecase"))
        out = []
        for wrong, right in rule.params["swap"].items():
            pat = wrong if any(c in wrong for c in "\\[(?*+|^$") else _tokens_pattern([wrong])
            out.append((_Pattern(pat, ic, rule), str(right)))
        return out

    def check(self, doc: Document, rule: Any, state: list[tuple[_Pattern, str]], ctx: Any) -> list[Finding]:
        out = []
        if not _Filters.applies(doc, rule):
            return out
        for pat, right in state:
            if not pat.may_match(doc):
                continue
            for m in run_patterns(doc, rule, [pat.rx], ctx):
                if m.end() == m.start() or not _Filters.accept(doc, rule, m, ctx):
                    continue
                found = m.group(0)
                rep = match_case(m.expand(right), found)
                if rep == found:
                    continue
                out.append(rule.finding(m.start(), m.end(), found, replacements=(rep,)))
        return out
