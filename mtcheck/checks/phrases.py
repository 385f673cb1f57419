"""Existence and substitution: the regex-driven kinds that hold most phrase knowledge.

User patterns run on the ``regex`` module with a timeout, so a catastrophically
backtracking rule cannot hang a pre-commit run: it is reported and skipped instead.
"""

from __future__ import annotations

from typing import Any

from .. import rxprog, rxtimeout
from ..document import Document
from ..findings import Finding
from . import ListOf, MapOf
from .line_ends import crlf_line_ends
from .literals import FOLDED, PLAIN
from .needs import CoreNeed, Need
from .prefilter import INLINE_I, required_core, required_literals


class _Compiled:
    """An existence rule's patterns and replacement template.  A plain class, as the
    other prepare-time states: each ``@dataclass`` costs ~0.5 ms of every cold start."""

    __slots__ = ("patterns", "replace")

    def __init__(self, patterns: list["_Pattern"], replace: str | None) -> None:
        self.patterns, self.replace = patterns, replace


class _Pattern:
    """A user pattern, compiled on first use, with the literal strings a match needs.

    Most patterns cannot match most articles: "said ... in" needs a closing quote, a
    dateline needs a month name.  :func:`required_literals` reads those needs off the
    pattern once; a substring test per article then skips the regex scan (and, in a
    one-article run, the regex compilation) when they are absent.
    """

    __slots__ = ("pattern", "ignorecase", "rule", "key", "needs", "folded", "tests", "index", "alt_sets",
                 "cores", "_rx")

    def __init__(self, pattern: str, ignorecase: bool, rule: Any, key: str = "pattern") -> None:
        # key: the rule's YAML key the pattern comes from, for the line of a RuleError
        pattern = crlf_line_ends(pattern)
        self.pattern, self.ignorecase, self.rule, self.key = pattern, ignorecase, rule, key
        # a case-sensitive pattern needs its literals as written ("UN", not "un" in "under")
        self.folded = ignorecase or bool(INLINE_I.search(pattern))
        self.needs = required_literals(pattern, fold=self.folded)
        index = FOLDED if self.folded else PLAIN
        self.tests: list[Need | CoreNeed] = [Need(alts, index) for alts in self.needs or []]
        core = None if self.folded or self.needs is None else required_core(pattern)
        if core:
            self.tests.append(CoreNeed(core))
        self.tests.sort(key=lambda t: t.cost)
        # the same tests split for a warm index: the Needs' sets, then the scans
        self.index = index
        self.alt_sets = tuple(t.alt_set for t in self.tests if isinstance(t, Need))
        self.cores = tuple(t for t in self.tests if not isinstance(t, Need))
        self._rx = None
        if self.needs is None:   # not plain syntax: compile now, so a bad pattern is reported at once
            self._rx = compile_user_regex(pattern, ignorecase, rule, key)

    @property
    def rx(self) -> Any:
        if self._rx is None:
            self._rx = compile_user_regex(self.pattern, self.ignorecase, self.rule, self.key)
        return self._rx

    def may_match(self, doc: Document) -> bool:
        """Does the article hold every need (some alternative of each)?"""
        if not self.tests:
            return True
        if self.folded:
            text = doc.memo.get("phrases.folded")
            if text is None:
                text = doc.prose.casefold()
                # A character whose case fold is several characters ("İ" -> "i" + dot,
                # "ß" -> "ss") may match a literal under the regex's IGNORECASE that the
                # folded text no longer holds ("THİS" matches "this"): no pre-check then.
                text = doc.memo["phrases.folded"] = text if len(text) == len(doc.prose) else ""
            if not text and doc.prose:
                return True
        else:
            text = doc.prose
        present = self.index.present(doc, text)
        if present is not None:
            # warm: every Need is one set test against the article's index answer (what
            # Need.holds would do, without a call and a memo lookup per test)
            for alts in self.alt_sets:
                if alts.isdisjoint(present):
                    return False
            for t in self.cores:
                if not t.found(text):
                    return False
            return True
        for t in self.tests:
            if not t.holds(doc, text):
                return False
        return True


def compile_user_regex(pattern: str, ignorecase: bool, rule: Any, key: str = "pattern") -> Any:
    """A rule's pattern as ``regex`` compiles it (from the stored program when there is
    one: see rxprog), or a RuleError that names the rule file and the line of *key*
    (the pattern shown as written, not with repr's doubled backslashes)."""
    flags = rxprog.MULTILINE | (rxprog.IGNORECASE if ignorecase else 0)
    try:
        return rxprog.compile(pattern, flags)
    except Exception as exc:
        import regex   # a pattern rxprog could not compile: regex was imported for it
        if not isinstance(exc, regex.error):
            raise
        from ..rules import RuleError
        raise RuleError(f"{rule.at(key)}: {rule.code}: bad regular expression '{pattern}' ({key}): {exc}") from None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def swap_pattern(wrong: str) -> str:
    """The pattern of a substitution's key: a regex when it has regex syntax, else the word."""
    return wrong if any(c in wrong for c in "\\[(?*+|^$") else _tokens_pattern([wrong])


def _tokens_pattern(tokens: list[str]) -> str:
    alts = sorted((rxprog.escape(t).replace(r"\ ", r"\s+") for t in tokens), key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"


def run_patterns(doc: Document, rule: Any, patterns: list[Any], ctx: Any, *,
                 text: str | None = None):
    """Yield matches of *patterns* over the prose, stopping a rule that times out (a
    pattern's matches are all found before the first is yielded, so one that times out
    yields none: see rxtimeout)."""
    source = doc.prose if text is None else text
    for rx in patterns:
        try:
            found = rxtimeout.findall(rx, source, ctx.regex_timeout)
        except TimeoutError:
            ctx.skipped(f"{rule.path}:{rule.line}: rule {rule.code} timed out on {doc.path} after "
                       f"{ctx.regex_timeout}s and was skipped there; simplify its pattern")
            return
        yield from found


def match_case(template: str, found: str, written: str = "") -> str:
    """Give *template* the capitalization shape of *found* (UPPER, Title or as written).

    *written* is the form the rule itself looks for: when its letters are capitals
    already ("USA", "UN"), capitals in *found* are the word's own spelling, not a
    shouted headline, and the replacement keeps its case ("USA" -> "the United States",
    not "THE UNITED STATES" or "The United States")."""
    if written.isupper():
        return template
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


#: ``requires`` lists, as pre-check Needs (keyed by the strings: the test depends on nothing else)
_REQUIRES: dict[tuple[str, ...], Need] = {}


class _Filters:
    """Optional conditions shared by pattern kinds (all YAML-configurable)."""

    PARAMS = {
        "target": (str, False),           # report this named group instead of the whole match
        "in_protected": (bool, False),    # allow matches inside URLs/handles/hashtags
        "not_english": (str, False),      # named group must not be an English word or known name
        "not_acronym": (str, False),      # named group must not be a known acronym
        "truncated": (str, False),        # named group must look like a word cut short
        "skip_headlines": (bool, False),  # ignore lines in headline case
        "requires": (ListOf(str), False),  # literal strings one of which must occur, or skip the rule
        "sentence_start": (bool, False),  # the match opens a line where a sentence must begin
        "not_name": (str, False),         # named group must not be a word that may open one in lower case
        "name_particles": (ListOf(str), False),  # for not_name: "de", "von" ... before a capitalised name
    }
    #: the keys that name a group of the pattern (checked at load time: phrases_validate)
    GROUP_KEYS = ("target", "not_english", "truncated", "not_acronym", "not_name")

    @staticmethod
    def applies(doc: Document, rule: Any) -> bool:
        """Cheap pre-check: a rule whose pattern needs "..." need not scan a text without one.

        The strings go into the same one-pass index as the patterns' own pre-checks
        (literals.PLAIN), so a warm run pays a set test, not a substring search per string
        (~1 µs each: eight strings cost as much as the regex they guard)."""
        req = rule.params.get("requires")
        if not req:
            return True
        key = tuple(req)
        need = _REQUIRES.get(key)
        if need is None:
            if not all(key):   # "" is in every text
                return True
            need = _REQUIRES[key] = Need(frozenset(key), PLAIN)
        return need.holds(doc, doc.prose)

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
        group = p.get("not_name")
        if group and groups.get(group) is not None:
            from .linestart import is_name_start
            particles = frozenset(p.get("name_particles") or ())
            if is_name_start(doc, groups[group], m.end(group), particles, ctx):
                return False
        if p.get("sentence_start"):
            from .linestart import begins_sentence
            if not begins_sentence(doc, m.start()):
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
        "pattern": ((str, ListOf(str)), False),
        "tokens": (ListOf(str), False),
        "ignorecase": (bool, False),
        "replace": (str, False),
        **_Filters.PARAMS,
    }

    def prepare(self, rule: Any, ctx: Any) -> _Compiled:
        ic = bool(rule.params.get("ignorecase"))
        pats = [_Pattern(p, ic, rule) for p in _as_list(rule.params.get("pattern"))]
        if rule.params.get("tokens"):
            pats.append(_Pattern(_tokens_pattern(rule.params["tokens"]), ic, rule, "tokens"))
        if not pats:
            from ..rules import RuleError
            raise RuleError(f"{rule.at()}: {rule.code}: existence needs 'pattern' or 'tokens'")
        return _Compiled(pats, rule.params.get("replace"))

    def validate(self, rule: Any, asked: frozenset[str]) -> frozenset[str]:
        """Load-time checks (see phrases_validate); the message may use the named groups."""
        from .phrases_validate import validate_existence
        return validate_existence(rule, asked)

    def check(self, doc: Document, rule: Any, state: _Compiled, ctx: Any) -> list[Finding]:
        out = []
        if not _Filters.applies(doc, rule):
            return out
        pats = [p.rx for p in state.patterns if p.may_match(doc)]
        for m in run_patterns(doc, rule, pats, ctx):
            if m.end() == m.start() or not _Filters.accept(doc, rule, m, ctx):
                continue
            start, end = _Filters.span(rule, m)
            if doc.markup and end > start and doc.prose[end - 1] == " ":
                end = _before_trailing_markup(doc, start, end)
            found = doc.text[start:end]
            reps: tuple[str, ...] = ()
            if state.replace is not None:
                # with a target too: a template such as \g<city> (Ukraine) is expanded
                reps = (rxprog.expand(m, state.replace),)
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            out.append(rule.finding(start, end, found, replacements=reps, **groups))
        return out


def _before_trailing_markup(doc: Document, start: int, end: int) -> int:
    """*end* moved back over a run of blanks at the end of a match that holds markup:
    a line rule's ``[^\n]*`` runs over the closing tag blanked in the prose view, so
    "<p>READ MORE: x</p>" was reported as 'READ MORE: x</p>', and its fix, which would
    cut the tag, was never applied.  Blanks that are spaces in the text too stay."""
    e = end
    prose = doc.prose
    while e > start and prose[e - 1] in " \t":
        e -= 1
    return e if doc.text[e:end] != prose[e:end] else end


class Substitution:
    """Known wrong → right pairs (``swap``); the replacement keeps the found case shape."""

    # No `target`: a substitution replaces the whole match (a target was silently ignored).
    PARAMS = {
        "swap": (MapOf(str, str), True),
        "ignorecase": (bool, False),
        **{k: v for k, v in _Filters.PARAMS.items() if k != "target"},
    }

    def prepare(self, rule: Any, ctx: Any) -> list[tuple[_Pattern, str, str]]:
        ic = bool(rule.params.get("ignorecase"))
        return [(_Pattern(swap_pattern(wrong), ic, rule, f"swap.{wrong}"), str(right), wrong)
                for wrong, right in rule.params["swap"].items()]

    def validate(self, rule: Any, asked: frozenset[str]) -> frozenset[str]:
        """Load-time checks of the swap templates and filter groups (see phrases_validate)."""
        from .phrases_validate import validate_substitution
        return validate_substitution(rule)

    def check(self, doc: Document, rule: Any, state: list[tuple[_Pattern, str, str]], ctx: Any) -> list[Finding]:
        out = []
        if not _Filters.applies(doc, rule):
            return out
        for pat, right, wrong in state:
            if not pat.may_match(doc):
                continue
            for m in run_patterns(doc, rule, [pat.rx], ctx):
                if m.end() == m.start() or not _Filters.accept(doc, rule, m, ctx):
                    continue
                found = m.group(0)
                rep = match_case(rxprog.expand(m, right), found, wrong)
                if rep == found:
                    continue
                out.append(rule.finding(m.start(), m.end(), found, replacements=(rep,)))
        return out
